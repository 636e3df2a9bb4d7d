"""PDF memo: typst markup from ``memo/<kind>.typ.j2`` (sandboxed Jinja), typeset by typst.

Why typst: the ``typst`` Python package typesets a memo offline in about 30 ms with its own
embedded fonts and no system libraries; WeasyPrint (HTML to PDF) needs Pango/Cairo system
libraries and was about 20 times slower (around 700 ms per memo, see ENGINEERING.md). Every user
text reaches the typst source escaped for typst markup (see ``jinja_env.escape_typst``), so a
dossier cannot inject typst code.

The compilation is closed off: the typst root is an empty temporary folder (a template cannot
``#read`` or ``#image`` files of the machine), system fonts are ignored (the same fonts, hence the
same PDF, everywhere), and the creation timestamp is the memo's date (same input, same bytes).
Limitation: typst fetches ``@preview`` packages from the network when a (portfolio) template
imports one; the built-in templates import none.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path


class TypesetError(Exception):
    """typst could not typeset the memo (one-line message)."""


def typst_source(context: dict, override: Path | None = None, label_root: Path | None = None) -> str:
    from raio_cli.documents.jinja_env import render

    return render("typ", f"memo/{context['kind']}.typ.j2", context, override, label_root)


def compile_pdf(source: str, today: dt.date, what: str = "memo") -> bytes:
    """typst in a closed room: an empty root folder, only typst's embedded fonts, a fixed timestamp."""
    import typst

    stamp = dt.datetime(today.year, today.month, today.day, 12, 0, tzinfo=dt.timezone.utc)
    with tempfile.TemporaryDirectory(prefix="raio-typst-") as empty:
        try:
            return typst.compile(source.encode("utf-8"), format="pdf", root=empty, font_paths=[],
                                 ignore_system_fonts=True, timestamp=stamp)
        except typst.TypstError as exc:
            from raio_cli.privacy import clip

            message = clip(" ".join(str(getattr(exc, "message", "") or exc).split()), 300, ellipsis="")
            raise TypesetError(f"typst could not typeset the {what}: {message}") from None


def render(context: dict, override: Path | None, label_root: Path | None, today: dt.date) -> bytes:
    return compile_pdf(typst_source(context, override, label_root), today)
