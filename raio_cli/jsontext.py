"""JSON as raio writes it: every character kept as it is, except the C1 control characters and
the bidirectional controls.

``json.dumps(..., ensure_ascii=False)`` escapes only quotes, backslashes and the C0 controls
(below U+0020). U+0080-U+009F then stay raw: valid JSON, but a terminal may act on them when
someone cats the file (U+009B is CSI, the start of a control sequence, like ESC [). The
bidirectional controls (U+202A-U+202E, U+2066-U+2069, the marks U+200E, U+200F and U+061C) and
the line and paragraph separators U+2028 and U+2029 make a terminal or an editor show the text
around them in another order or on other lines than it is ("Trojan Source"). raio writes them as
``\\u0080`` ... ``\\u202e``, which every JSON reader reads back as the same characters. Outside
its strings JSON has only ASCII, so escaping them in the text escapes them in strings only.
A lone surrogate (what Python makes of a byte of a file name that is not UTF-8: a folder
named in Latin-1) cannot be written in UTF-8 at all: it is written as the escape ``\\udce9``,
which JSON's grammar allows and Python's reader reads back as the same name.
The ``[`` of ``##[`` and ``##vso[`` is written ``\\u005b``: a GitHub Actions runner reads
``##[command]``, an Azure Pipelines agent ``##vso[area.action]``, anywhere in a line of a job's
log as a command (set an output or a variable, mask words, stop reading commands), and a
dossier's value may hold one; JSON has ``##`` in strings only.
Everything else is byte for byte what ``json.dumps`` gives.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable

from raio_cli.terminal import RUNNER_COMMAND as _RUNNER_COMMAND  # a command to a CI runner

_C1 = re.compile("[\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
#: The same characters in UTF-8 (a lead byte never continues a character, so a match is one of
#: them): looking in the encoded text is two to three times faster than looking in a text with
#: characters beyond Latin-1, which is what a dossier's findings (arrows, dashes) give.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xed[\xa0-\xbf]")


def dumps(obj: Any, **options: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, **options)`` with C1 and bidirectional controls, lone
    surrogates and the ``[`` of ``##[`` and ``##vso[`` escaped."""
    return _escaped(json.dumps(obj, ensure_ascii=False, **options))


def _escaped(text: str) -> str:
    """JSON text with what :func:`dumps` escapes beyond ``json.dumps`` escaped."""
    if "##" in text:
        text = _RUNNER_COMMAND.sub(r"\1\\u005b", text)
    if text.isascii() or not _C1_UTF8.search(text.encode("utf-8", "surrogatepass")):
        return text
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: Items written at a time by :func:`write_list`: few enough that their text stays small (about
#: 0.4 MB for findings), enough that json's work per call does not count.
WRITE_AT_ONCE = 500


def write_list(items: Iterable[Any], out: Any, indent: int = 2) -> None:
    """Write ``items`` to ``out`` as a JSON list and a line break, :data:`WRITE_AT_ONCE` items at
    a time: byte for byte ``out.write(dumps(list(items), indent=indent) + "\\n")``, without the
    whole text (and the pieces ``json`` joins into it, a few times the size of the text) in memory
    at once.

    A batch is written as a list (``[``, a line break, its items, a line break, ``]``) whose
    brackets are left off; its items are indented as the whole list's are. An escape never
    spans two items: the ``[`` of ``##[`` and the characters of :func:`dumps` lie within an
    item's text.
    """
    import itertools

    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent)
    it = iter(items)
    opening = "["
    while True:
        batch = list(itertools.islice(it, WRITE_AT_ONCE))
        if not batch:
            break
        text = encoder.encode(batch)  # "[\n" + the items, indented + "\n]"
        out.write(opening + _escaped(text[1:-2]))
        opening = ","
    out.write("[]\n" if opening == "[" else "\n]\n")
