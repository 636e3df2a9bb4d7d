"""Markdown memo: the built-in (or the portfolio's) ``memo/<kind>.md.j2`` in the sandbox.

Every ``{{ value }}`` is escaped for Markdown (see :func:`raio_cli.documents.jinja_env.escape_markdown`):
``|`` and line breaks cannot break a table, ``*``, ``_``, ``<`` cannot become emphasis or HTML.
"""

from __future__ import annotations

import re
from pathlib import Path


def render_text(context: dict, override: Path | None = None, label_root: Path | None = None) -> str:
    from raio_cli.documents.jinja_env import render

    text = render("md", f"memo/{context['kind']}.md.j2", context, override, label_root)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def render(context: dict, override: Path | None = None, label_root: Path | None = None) -> bytes:
    return render_text(context, override, label_root).encode("utf-8")
