"""PDF memo: typst markup from ``memo/<kind>.typ.j2`` (sandboxed Jinja), typeset by typst.

Why typst: the ``typst`` Python package typesets a memo offline in about 30 ms with its own
embedded fonts and no system libraries; WeasyPrint (HTML to PDF) needs Pango/Cairo system
libraries and was about 20 times slower (around 700 ms per memo, see ENGINEERING.md). Every user
text reaches the typst source escaped for typst markup (see ``jinja_env.escape_typst``), so a
dossier cannot inject typst code.

The compilation is closed off: the typst root is an empty temporary folder (a template cannot
``#read`` or ``#image`` files of the machine), system fonts are ignored (the same fonts, hence the
same PDF, everywhere), and the creation timestamp is the memo's date (same input, same bytes).
No typst package is imported: a (portfolio) template that names one (``#import "@preview/..."``,
``"@local/..."``) is refused with a clear message; one that builds the name otherwise finds no
package either, as typst's package folders are empty folders of that room (not the user's
``@local`` packages) and its download of a ``@preview`` package goes to a proxy that does not
exist. The built-in templates import none; a dossier's text is escaped, so it cannot name one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

#: A typst package's name in a string: ``"@preview/cetz:0.3.1"``, ``"@local/x:1.0.0"``.
_PACKAGE = re.compile(r'"@[A-Za-z0-9_-]+/')
#: Where typst's download of a package goes: a port of this machine where nothing answers.
_NO_NETWORK = "http://127.0.0.1:9"


class TypesetError(Exception):
    """typst could not typeset the memo (one-line message)."""


def typst_source(context: dict, override: Path | None = None, label_root: Path | None = None) -> str:
    from raio_cli.documents.jinja_env import render

    return render("typ", f"memo/{context['kind']}.typ.j2", context, override, label_root)


def compile_pdf(source: str, today: dt.date, what: str = "memo") -> bytes:
    """typst in a closed room: an empty root folder, only typst's embedded fonts, a fixed timestamp."""
    import typst

    found = _PACKAGE.search(source)
    if found:
        spec = source[found.start() + 1:source.find('"', found.end())][:60]
        raise TypesetError(f"the {what}'s typst template imports the package {spec!r}: raio imports no typst "
                           "package (none is fetched from the network or read from this machine)")
    stamp = dt.datetime(today.year, today.month, today.day, 12, 0, tzinfo=dt.timezone.utc)
    with tempfile.TemporaryDirectory(prefix="raio-typst-") as empty, _offline():
        try:
            return typst.compile(source.encode("utf-8"), format="pdf", root=empty, font_paths=[],
                                 ignore_system_fonts=True, timestamp=stamp,
                                 package_path=os.path.join(empty, "packages"),
                                 package_cache_path=os.path.join(empty, "package-cache"))
        except typst.TypstError as exc:
            from raio_cli.privacy import clip

            message = clip(" ".join(str(getattr(exc, "message", "") or exc).split()), 300, ellipsis="")
            raise TypesetError(f"typst could not typeset the {what}: {message}") from None


@contextmanager
def _offline():
    """typst downloads a package through the proxy that the environment names: none that exists
    while it typesets (the variables as they were afterwards)."""
    names = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ.pop(name, None)
    os.environ["HTTPS_PROXY"] = os.environ["HTTP_PROXY"] = _NO_NETWORK
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def render(context: dict, override: Path | None, label_root: Path | None, today: dt.date) -> bytes:
    return compile_pdf(typst_source(context, override, label_root), today)
