"""HTML memo: one self-contained file (inline CSS with a print stylesheet for A4, no scripts, no
external resources), from ``memo/<kind>.html.j2`` rendered in the sandbox with autoescaping on.
"""

from __future__ import annotations

from pathlib import Path


def render_text(context: dict, override: Path | None = None, label_root: Path | None = None) -> str:
    from raio_cli.documents.jinja_env import render

    return render("html", f"memo/{context['kind']}.html.j2", context, override, label_root)


def render(context: dict, override: Path | None = None, label_root: Path | None = None) -> bytes:
    return render_text(context, override, label_root).encode("utf-8")
