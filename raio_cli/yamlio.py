"""YAML bytes in; plain data, the position of every value, and hygiene findings out.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys, reads ``no`` as
``False`` and ``1.10`` as ``1.1``, expands aliases without bound and forgets where each value
stood. raio composes the node tree with libyaml's C composer (pure-Python fallback), which keeps a
``start_mark`` on every node, and builds the data itself. That costs about what ``CSafeLoader``
costs, and every surprise becomes a finding at its exact line and column instead of an exception.

Most dossier files never reach libyaml: :mod:`raio_cli.yamlfast` reads the plain YAML they are
written in line by line, in about half the time of the composer and the node tree's walk
together, and hands every value to the same builder; at
anything it is not sure of, it gives up and libyaml reads the file (tests/test_fast_path.py
holds both to the same result).

Nothing here raises on bad input: :func:`load_bytes` always returns a :class:`Loaded`. When the
file cannot be read as a YAML mapping, ``data`` is ``None`` and ``findings`` says why.

Positions are 1-based ``(line, column)`` keyed by the value's path, a tuple of mapping keys and
list indexes, e.g. ``("effects", 2, "target")``; ``()`` is the document itself. Lines are counted
as an editor counts them (:func:`editor_lines`: at \n, \r\n and a lone \r), never at YAML 1.1's
NEL, LS and PS, which libyaml's marks count (:func:`_editor_marks` turns those into the editor's).
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from raio_cli import privacy, yamlfast
from raio_cli.findings import Finding, Severity
from raio_cli.fsio import NotAFile, read_limited

try:  # libyaml's C parser and composer: about 15x faster than the pure-Python ones
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@functools.lru_cache(maxsize=8192)
def _resolve(kind, value, implicit):
    """The safe loader's implicit tag of a node, memoised in C (the composer asks for every node).

    The answer depends only on the node kind, its text and how it was quoted: the safe loader
    has class-level resolvers and no path resolvers.

    A plain value that YAML 1.1 reads as text and the YAML 1.2 core schema as a number (``0o17``,
    ``1e3``, ``09``) gets raio's own tag :data:`_STR_NUMBER12`: the builder keeps it as text and
    reports YML006."""
    tag = _Loader.resolve(_PROTO, kind, value, implicit)
    if tag == _STR and implicit[0] and kind is _ScalarNode and _core12(value) is not None:
        return _STR_NUMBER12
    return tag


#: The YAML 1.2 core schema's numbers (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_CORE12_INT = re.compile(r"[-+]?[0-9]+")
_CORE12_OCT = re.compile(r"0o[0-7]+")
_CORE12_HEX = re.compile(r"0x[0-9a-fA-F]+")
_CORE12_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _core12(text: str):
    """What the YAML 1.2 core schema reads the plain ``text`` as, when a number (None for text;
    infinities and NaN, which YAML 1.1 reads alike, are left out)."""
    if text[:1] not in "0123456789+-." or not text.isascii():
        return None
    if _CORE12_INT.fullmatch(text):
        return int(text)
    if _CORE12_OCT.fullmatch(text):
        return int(text[2:], 8)
    if _CORE12_HEX.fullmatch(text):
        return int(text[2:], 16)
    if _CORE12_FLOAT.fullmatch(text):
        return float(text)
    return None


_PROTO = _Loader("")
_PROTO.dispose()
#: With no path resolvers, descend_resolver/ascend_resolver do nothing: C callables that accept
#: the same arguments (node, index) and () and do nothing spare a Python call per node.
_NO_PATH_RESOLVERS = not _Loader.yaml_path_resolvers

#: Dossier files are 1-5 KB; anything far larger is a mistake or an attack.
DEFAULT_MAX_BYTES = 1024 * 1024
#: Dossiers are a few levels deep; deeper nesting is hostile or a mistake.
MAX_DEPTH = 64
#: Longest string raio keeps whole (a memo does not need a novel); longer ones are flagged.
MAX_STRING = 100_000
#: Keys and values with a hidden character (YML020) named one by one in a file; the rest are counted.
MAX_HIDDEN = 100
#: Tabs and line breaks (YAML 1.1's U+2028 and U+2029 too): text, never YML020. raio new-pilot
#: takes them in an answer; the documents and the export read them as a space or a new line.
TEXT_BREAKS = "\t\r\n\u2028\u2029"
_TEXT_BREAKS = dict.fromkeys(map(ord, TEXT_BREAKS))

TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_KIND = {tag: tag[len(TAG):] for tag in _ALLOWED_TAGS}  # "tag:yaml.org,2002:int" -> "int"
_TRUE_FALSE = {"true", "false"}
#: Line starts count a lone \r (old Mac editors) and a \r\n as editors do, not only a \n.
_CONFLICT = re.compile(r"(?:^|(?<=\r))(?:<{7}|={7}|>{7}|\|{7})(?=[ \r\n]|\Z)", re.M)
_CONFLICT_MARKERS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)  # a quick look before the regex
_SUPPRESS = re.compile(r"#\s*raio:\s*ignore\[([A-Za-z0-9_, ]*)\]\s*(.*)$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LEADING_TAB = re.compile(r"(?:^|(?<=\r)) *\t", re.M)
#: Where an anchor (&a) or alias (*a) could start: after a line start, a blank or a flow indicator.
#: Only when this matches is the event stream read to report them (texts with '*' are common).
_MAYBE_ANCHOR = re.compile(r"(?:^|[ \t\r\[{,])[&*][^ \t\r\n,\[\]{}]", re.M)
_STR = TAG + "str"
#: raio's tag for a plain value that YAML 1.1 reads as text and YAML 1.2 as a number (see _resolve)
_STR_NUMBER12 = "tag:raio,2026:str-number-in-yaml-1.2"
_ALLOWED_TAGS.add(_STR_NUMBER12)
_MERGE = TAG + "merge"
_TIMESTAMP = TAG + "timestamp"
_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode
#: What raio_cli.yamlfast must know of the loader it stands in for
_FAST_SYNTAX = yamlfast.Syntax(_resolve, _Loader.yaml_implicit_resolvers, MAX_DEPTH, MAX_STRING)

Path_ = tuple  # a value's path: mapping keys and list indexes


@dataclass(frozen=True)
class Suppression:
    """An inline ``# raio: ignore[CODE, ...] reason`` comment.

    A comment after a value applies to that line; a comment alone on its line applies to the next
    line that is not a comment; a comment after a commented-out key (``# for_whom: ""  # raio:
    ignore[GAT002] ...``) applies to that line, where a missing field is reported. The reason is
    required (an empty one is reported).
    """

    line: int  # the line whose findings it suppresses
    comment_line: int
    column: int
    codes: tuple[str, ...]
    reason: str


@dataclass
class Loaded:
    """One YAML file as raio reads it."""

    file: str
    data: Any = None
    pos: dict = field(default_factory=dict)  # path -> (line, col) of the value
    keypos: dict = field(default_factory=dict)  # path -> (line, col) of the key naming the value
    coerced: dict = field(default_factory=dict)  # path -> (yaml type, source text) for plain scalars read as non-text
    #: path -> (line, column of the '#', the comment) for a plain value that a comment follows after
    #: one space (`name: Fracture detection #2 site`; for a value over several lines, on its last
    #: line): schema's YML019 looks there
    comments: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    suppressions: list = field(default_factory=list)
    #: the file's text, kept only when it holds a number that passes the BSN check anywhere (in
    #: a value, a comment, a tag, or text that cannot be read): privacy's PRV005 looks there for
    #: the ones that no value shows. None for nearly every file (a regex over the text decides).
    bsn_text: str | None = field(default=None, repr=False, compare=False)
    #: the text the file was read from, for :meth:`where` of a key that is not there (the same
    #: bytes object the reader holds: it costs nothing until a finding asks)
    raw: bytes = field(default=b"", repr=False, compare=False)
    _lines: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the file was read as a mapping (it may still carry warnings)."""
        return isinstance(self.data, dict)

    def where(self, path: Path_ = (), key: bool = False) -> tuple[int, int]:
        """Position of the value at ``path``; for a path that is not there, where to write it.

        With ``key=True`` the position of the key that names the value (for "unknown key" and
        "duplicate" findings), falling back to the value's.

        A mapping key that is missing (a field to fill in) is placed where the user must act
        (:func:`missing_key_position`): the commented-out line of that key when the file has
        one (``# for_whom: ""``, or ``#   choice: scale-up`` under ``# decision:``), else the
        key of the mapping it belongs in (``decision:``), else the file's first line. Any other
        path that is not there falls back to its nearest ancestor's value.
        """
        path = tuple(path)
        if key and path in self.keypos:
            return self.keypos[path]
        if path in self.pos:
            return self.pos[path]
        if not path or not isinstance(self.data, dict):
            return self.pos.get((), (1, 1))
        return missing_key_position(self, path)


def load_file(path: Path, rel: str, app: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and load one file; reads at most ``max_bytes + 1`` bytes, so a huge file costs nothing."""
    raw, failed = read_file(path, rel, app, max_bytes)
    return failed if raw is None else load_bytes(raw, rel, app)


def read_file(path: Path, rel: str, app: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes | None, Loaded | None]:
    """The bytes :func:`load_file` would load, or ``(None, the Loaded that reports why not)``."""
    try:
        raw = read_limited(path, max_bytes)
    except IsADirectoryError:
        return None, _fail(rel, app, "YML017", f"{rel} is a folder, not a file", "Move the folder away and create the YAML file in its place.",
                           {"variant": "folder", "file": rel})
    except NotAFile:
        return None, _fail(rel, app, "YML017", f"{rel} is a named pipe, a socket or a device, not a file; it is not read",
                           "Replace it with the YAML file it stands in for.", {"variant": "special", "file": rel})
    except OSError as exc:
        return None, _fail(rel, app, "YML017", f"{rel} cannot be read: {exc.strerror or exc}", "Check the file's permissions.",
                           unreadable_data(exc, rel))
    if len(raw) > max_bytes:
        return None, _fail(rel, app, "YML011", f"{rel} is larger than the {max_bytes // 1024} KiB limit for a dossier file",
                           "Dossier files are a few kilobytes; move documents to evidence/ and refer to them by path.",
                           {"variant": "file", "file": rel, "limit": str(max_bytes // 1024)})
    return raw, None


_SHARED: dict | None = None


@contextmanager
def sharing():
    """Within this block, the same bytes under the same name are parsed once.

    ``raio check`` opens one per application: the git history parses old versions of its files,
    and the last of those is usually what the working tree holds. A result is shared, not copied
    (its findings are re-labelled for another application id): callers must not change it.
    """
    global _SHARED
    outer, _SHARED = _SHARED, {}
    try:
        yield
    finally:
        _SHARED = outer


def remember(raw: bytes, rel: str, loaded: Loaded) -> None:
    """Within :func:`sharing`, let ``loaded`` (what ``raw`` under ``rel`` loads as, read
    earlier) serve later loads of the same bytes."""
    if _SHARED is not None:
        _SHARED.setdefault((raw, rel), loaded)


def load_bytes(raw: bytes, rel: str, app: str = "") -> Loaded:
    """Load YAML bytes; never raises for any input."""
    memo = _SHARED
    if memo is None:
        return _load_bytes(raw, rel, app)
    key = (raw, rel)
    done = memo.get(key)
    if done is None:
        done = memo[key] = _load_bytes(raw, rel, app)
    elif any(f.app != app for f in done.findings):
        done = Loaded(file=done.file, data=done.data, pos=done.pos, keypos=done.keypos, coerced=done.coerced, comments=done.comments,
                      findings=[dataclasses.replace(f, app=app) for f in done.findings],
                      suppressions=done.suppressions, raw=done.raw)
    return done


#: A comment (or a '#' in a value) with, on the same line after it, what may be a BSN
#: (:data:`raio_cli.privacy._LOOSE_BSN`): one search at the regex engine's speed, which jumps
#: from '#' to '#', tells whether a file's comments may hold one.
_COMMENT_BSN = re.compile(r"#[^\n]*?" + privacy._LOOSE_BSN.pattern)
#: Findings of the loader after which a part of the file's text is in no key or value: a
#: duplicate key's first value, a merge key, an anchor's name, a cut text, a tagged value, a
#: part nested too deep.
_DROPPING = frozenset(("YML002", "YML003", "YML004", "YML011", "YML015", "YML016"))


#: The key of a finding's ``data`` that says its file could not be read at all (a syntax error,
#: an empty file, a folder where a file belongs ...): no other rule checked that file, so
#: ``raio check --select/--ignore`` never hides such a finding (see :func:`raio_cli.check.run`).
NOT_READ = "not_read"


def not_read(finding: Finding) -> Finding:
    """``finding`` marked as the reason its file was not read (:data:`NOT_READ`)."""
    return dataclasses.replace(finding, data={**finding.data, NOT_READ: True})


def _load_bytes(raw: bytes, rel: str, app: str = "", fast: bool = True) -> Loaded:
    """:func:`load_bytes` without the sharing; ``fast=False`` always reads with libyaml (the
    tests compare both readers)."""
    out = _read_bytes(raw, rel, app, fast)
    if out.data is None and out.findings:  # the reader stops at the finding that says why
        out.findings[-1] = not_read(out.findings[-1])
    text, out.bsn_text = out.bsn_text, None
    if text is not None:
        if out.data is None or any(f.code in _DROPPING for f in out.findings):
            keep = privacy.has_bsn(text)  # any of its text may be in no value
        else:  # every text is in a key or value, which PRV001 scans, but the comments
            keep = _COMMENT_BSN.search(text) is not None and privacy.has_bsn(text)
        out.bsn_text = text if keep else None
    return out


def _read_bytes(raw: bytes, rel: str, app: str, fast: bool) -> Loaded:
    out = Loaded(file=rel, raw=raw)

    def finding(code, sev, line, col, message, hint="", data=None):
        out.findings.append(Finding(rel, line, col, code, sev, message, hint, app, data or {}))

    # --- encoding -----------------------------------------------------------------------
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        finding("YML009", Severity.ERROR, 1, 1, "the file is encoded as UTF-16 or UTF-32, not UTF-8",
                "Save the file as UTF-8 (without BOM): in most editors, 'Save with encoding' > UTF-8.", {"variant": "utf16"})
        return out
    if raw.startswith(b"\xef\xbb\xbf"):
        finding("YML010", Severity.WARNING, 1, 1, "the file starts with a byte-order mark (BOM)",
                "Save the file as UTF-8 without BOM; some YAML tools read the BOM as part of the first key.")
        raw = out.raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        finding("YML009", Severity.ERROR, line, col, "the file contains binary data (a NUL byte), it is not a YAML text file",
                "Replace the file with the YAML text it should hold; keep binary documents in evidence/.", {"variant": "binary"})
        return out
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        finding("YML009", Severity.ERROR, line, col, f"invalid UTF-8 at byte {exc.start} (byte 0x{raw[exc.start]:02x})",
                "Save the file as UTF-8; a file saved as Latin-1 or Windows-1252 shows this at the first accented letter.",
                {"variant": "invalid", "offset": str(exc.start), "byte": f"0x{raw[exc.start]:02x}"})
        return out
    out.bsn_text = text  # for _keep_bsn_text, which keeps it only when PRV005 needs it

    # --- text-level checks --------------------------------------------------------------
    m = _CONFLICT.search(text) if any(marker in text for marker in _CONFLICT_MARKERS) else None
    if m:
        line = editor_position(text, m.start())[0]
        finding("YML012", Severity.ERROR, line, 1, "a git merge conflict marker is left in the file",
                "Resolve the conflict: keep the right lines, delete the <<<<<<<, ======= and >>>>>>> lines, commit.", {"variant": "conflict"})
        return out
    out.suppressions = _suppressions(text)

    # --- parse --------------------------------------------------------------------------
    builder = _Builder(out, finding)
    if fast:  # the plain YAML of most dossier files, without libyaml; see raio_cli.yamlfast
        before = len(out.findings)
        data = yamlfast.read(text, builder, _FAST_SYNTAX)
        if data is not None:
            out.data = None if "\u00a0" in text and _nbsp_key(out, data, finding) else data
            return out
        del out.findings[before:]  # what the fast reader noted before it gave up
        for noted in (out.pos, out.keypos, out.coerced, out.comments):
            noted.clear()
    marks = _editor_marks(text)  # libyaml counts lines after a NEL, LS or PS that no editor shows
    loader = _new_loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if marks:
            exc.problem_mark, exc.context_mark = marks(exc.problem_mark), marks(exc.context_mark)
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "not valid YAML"
        tab = _LEADING_TAB.search(text)
        nbsp = _nbsp_near(text, line)
        if nbsp:
            _nbsp_finding(finding, *nbsp)
        elif "\\t" in problem or "\t" in _line(text, line) or (tab and editor_position(text, tab.start())[0] <= line):
            tline = editor_position(text, tab.start())[0] if tab else line
            finding("YML008", Severity.ERROR, tline, 1, "a tab character is used for indentation",
                    "YAML allows only spaces for indentation: replace the tabs with spaces.", {"variant": "tab"})
        elif "maximum nesting depth" in problem:
            finding("YML016", Severity.ERROR, line, col, "the YAML is nested deeper than raio can read",
                    f"Dossier files need a few levels of nesting; restructure the file (raio reads up to {MAX_DEPTH}).", {"variant": "deep"})
        elif "expected a single document" in str(exc):
            finding("YML001", Severity.ERROR, line, col, "the file holds more than one YAML document (a second '---')",
                    "Keep one document per file: remove the second '---' and what follows, or merge it into the first.",
                    {"variant": "documents"})
        else:
            data = _syntax_data(str(problem), exc.context)
            unclosed = _unclosed_quote(text, exc) if data.get("yaml_problem") == "unclosed_quote" else None
            moved = unclosed or _spacing_advice(text, line) or _commented_parent_advice(text, line) or \
                _outdented_advice(text, line) or _comment_cut_advice(text, line)
            if moved:
                line, col, reason, hint = moved
            else:
                reason, hint = _quoting_advice(text, line, data.get("yaml_problem", "")) or _indentation_advice(text, line) or (
                    problem, "Check the indentation and the quoting at this position; a ':' or '#' inside text needs quotes.")
            finding("YML001", Severity.ERROR, line, col, f"YAML syntax error: {reason}", hint, data)
        return out
    except RecursionError:
        finding("YML016", Severity.ERROR, 1, 1, "the YAML is nested deeper than raio can read",
                f"Dossier files need a few levels of nesting; restructure the file (raio reads up to {MAX_DEPTH}).", {"variant": "deep"})
        return out
    except (yaml.YAMLError, ValueError) as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "problem_mark", None)
        if marks and mark is not None:
            mark = marks(mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = str(getattr(exc, 'problem', None) or exc)
        data = _syntax_data(detail, getattr(exc, "context", None))
        if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int) and \
                exc.reason in ("control characters are not allowed", "special characters are not allowed"):
            # libyaml gives a byte offset into the text as UTF-8 (PyYAML's own reader a character offset)
            offset = exc.position if _Loader is not yaml.SafeLoader else len(text[:exc.position].encode("utf-8"))
            line, col = _byte_position(text.encode("utf-8", "surrogatepass"), offset)
            data = {"variant": "character", "character": f"#x{exc.character:04x}", "detail": detail}
        finding("YML001", Severity.ERROR, line, col, f"YAML syntax error: {detail}",
                "Remove control characters and check the file is plain YAML text.", data)
        return out
    finally:
        loader.dispose()

    if node is None:
        first = next(((n, m.group(2)) for n, m in ((n, _COMMENTED_KEY.match(t if t.lstrip().startswith("#") else ""))
                                                    for n, t in enumerate(editor_lines(text), 1))
                      if m and not m.group(1) and m.group(2).islower()), None) if "#" in text else None
        if first:  # all commented out, as a scaffold leaves some files: not empty to the reader
            finding("YML013", Severity.ERROR, first[0], 1, "the file holds only comments: every field in it is commented out",
                    f"Remove the '# ' in front of the fields you fill in ({first[1]}: on line {first[0]}), "
                    "or delete the file if it is not needed at this stage.", {"variant": "comments"})
        else:
            finding("YML013", Severity.ERROR, 1, 1, "the file is empty", "Fill in the file, or delete it if it is not needed at this stage.",
                    {"variant": "empty"})
        return out
    if marks:
        marks.retarget(node)
    if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text):
        _anchor_findings(text, finding, marks)
    try:
        data = builder.build(node, (), 0)
    except RecursionError:
        finding("YML016", Severity.ERROR, 1, 1, "the YAML is nested deeper than raio can read",
                f"Dossier files need a few levels of nesting; restructure the file (raio reads up to {MAX_DEPTH}).", {"variant": "deep"})
        return out
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        finding("YML014", Severity.ERROR, node.start_mark.line + 1, node.start_mark.column + 1,
                f"the document is {kind}, not a mapping of keys to values",
                "A dossier file is a mapping: 'key: value' lines at the left margin.",
                {"variant": "list" if isinstance(data, list) else "value"})
        out.data = None
        return out
    if " #" in text:
        _comments_after_values(out, text, data)
    if "\\" in text or not text.replace("\n", "").isprintable():  # else no value can hold one (YML020)
        _hidden_characters(out, data, finding)
    out.data = None if "\u00a0" in text and _nbsp_key(out, data, finding) else data
    return out


def _hidden_characters(out: Loaded, data: dict, finding) -> None:
    """YML020: each key and text value holding a character that shows nothing or acts on a
    screen (:func:`raio_cli.terminal.hidden`: ESC, DEL, a zero-width space, a right-to-left
    override), written as it is or as an escape in double quotes (``"\\u200b"``); tabs and line
    breaks (:data:`TEXT_BREAKS`) are text, but not inside a link (``https://``). Only for a file whose text may hold one (the caller's
    test); :mod:`raio_cli.yamlfast` reads no such file (it gives up at any character
    ``str.isprintable`` refuses, and at any escape), so the files of a portfolio are not walked.
    An error: raio export refuses such a text (:func:`raio_cli.exports.register_record`)."""
    from raio_cli.terminal import character_name, hidden, printable

    def check(value: str, path: tuple, key: bool) -> None:
        # a link (http:// or https://) holds no line break or tab either: no address has one, and
        # raio export refuses a register link that does
        link = not key and value.lstrip()[:8].lower().startswith(("http://", "https://"))
        breaks = "" if not link else TEXT_BREAKS
        if value.translate(_TEXT_BREAKS).isprintable() and not (breaks and any(c in value.strip() for c in breaks)):
            return  # at the speed of C, as most texts of a file that holds one
        found: dict[str, int] = {}  # each character, at its first place
        start, end = len(value) - len(value.lstrip()), len(value.rstrip())
        for i, ch in enumerate(value):
            if not ch.isprintable() and ch not in found and (
                    hidden(ch) if ch not in TEXT_BREAKS else breaks and start <= i < end):
                found[ch] = i
        if not found:
            return
        reported.append(path)
        if len(reported) > MAX_HIDDEN:  # a file of thousands: named once, below
            return
        line, col = (out.keypos if key else out.pos).get(path) or out.where(path, key=key)
        named = [f"{character_name(ch)} {_place(value, i)}" for ch, i in list(found.items())[:3]]
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        where = f"the key '{printable(privacy.mask_identifiers(path[-1]))}'" + \
            (f" in {printable(privacy.human_path(path[:-1]))}" if path[:-1] else "") if key \
            else printable(privacy.human_path(path))
        many = len(found) > 1
        finding("YML020", Severity.ERROR, line, col,
                f"{where} holds {'characters' if many else 'a character'} that show{'' if many else 's'} nothing or "
                f"act{'' if many else 's'} on a screen: {'; '.join(named)}{more}",
                "Retype the text (one pasted from a web page, a chat or a terminal can carry such characters); in "
                "double quotes, remove the escape (\\x.., \\u...., \\e) that writes it.",
                {"variant": "key" if key else "value", "characters": [f"U+{ord(ch):04X}" for ch in found]})

    def walk(value, path: tuple) -> None:
        if isinstance(value, str):
            check(value, path, False)
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    check(k, path + (k,), True)
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))

    reported: list = []  # the paths of the keys and values found
    walk(data, ())
    if len(reported) > MAX_HIDDEN:
        line, col = out.where(reported[MAX_HIDDEN])
        finding("YML020", Severity.ERROR, line, col,
                f"{len(reported) - MAX_HIDDEN} more keys and values from here on hold characters that show nothing or "
                f"act on a screen (the first {MAX_HIDDEN} are named one by one)",
                "Retype these texts, or replace the file with the dossier text it should hold.",
                {"variant": "more", "count": str(len(reported) - MAX_HIDDEN)})


def _place(value: str, i: int) -> str:
    """Where in ``value`` its character ``i`` stands, for YML020: "after 'Detectie'" (the end of
    the text on its line before it, at most about 24 characters, never cutting a number, with
    a BSN masked), "at the start", or, for a character inside a number or code (``111222\\u200b333``:
    a BSN PRV001 still finds), "inside a number or code" and the text before that number, so
    that no part of it is shown."""
    from raio_cli.terminal import shown

    start = value.rfind("\n", 0, i) + 1
    split = 0 < i < len(value) - 1 and value[i - 1].isalnum() and value[i + 1].isalnum()  # NZ123\u200b4567
    cut = max(start, privacy.number_start(value[:i] + value[i + 1:], i)) if split else i
    before = value[start:cut]
    if len(before) > 24:
        before = "…" + before[privacy.number_start(before, len(before) - 24):]
    if cut < i:
        return "inside a number or code" + (f" after '{shown(before)}'" if before else "")
    return f"after '{shown(before)}'" if before else "at the start of a line" if start else "at the start"


def _comments_after_values(out: Loaded, text: str, data: dict) -> None:
    """Note in ``out.comments`` what :mod:`raio_cli.yamlfast` notes as it reads: each plain value
    on one line that a comment follows after one space, from the values' positions (a list or
    mapping's position is its first item's or key's, which holds '- ' or ': '; a value in [...] or
    {...} is left out)."""
    lines = editor_lines(text)  # the lines of the positions
    pos = out.pos
    starts = {line for line, _col in out.keypos.values()}  # the lines on which a key or a value starts
    for path, (line, col) in pos.items():
        starts.add(line)
        if not path or line > len(lines) or " #" not in lines[line - 1]:
            continue
        written = lines[line - 1][col - 1:]
        cut = written.find(" #")
        if cut <= 0 or written[cut - 1] == " " or written[0] in "'\"|>[{&*!" or ": " in written[:cut] or \
                written[cut - 1] == ":" or written[:2] == "- ":
            continue
        parent = pos.get(path[:-1])
        if parent and lines[parent[0] - 1][parent[1] - 1:parent[1]] in ("[", "{"):
            continue
        out.comments[path] = (line, col + cut + 1, written[cut + 1:].rstrip())
    later = [n for n, written in enumerate(lines, 1)
             if n not in starts and " #" in written and written.lstrip(" ")[:1] != "#"]
    if later:
        _comments_after_texts(out, data, lines, later)


def _comments_after_texts(out: Loaded, data: dict, lines: list, later: list) -> None:
    """The comments of :func:`_comments_after_values` on the last line of a plain text over
    several lines (`note: first words` and, more indented below, `more words #2`): each of the
    lines ``later`` (with a ' #', and no key or value starting on it) ends the text that starts
    last above it, when that is a plain text whose value ends with what stands before the ' #'
    (a '|' or '>' text, quoted text and [...] or {...} hold the '#' as text)."""
    import bisect

    last: dict = {}  # line -> (column, path) of the value that starts last on it
    for path, (line, col) in out.pos.items():
        if path and (line not in last or (col, len(path)) > (last[line][0], len(last[line][1]))):
            last[line] = (col, path)
    above = sorted(last)
    for n in later:
        k = bisect.bisect_left(above, n)
        if not k:
            continue
        col, path = last[above[k - 1]]
        value: Any = data
        for step in path:  # a value dropped (nested too deep, a merge key) is not there
            value = value.get(step) if isinstance(value, dict) else \
                value[step] if isinstance(value, list) and isinstance(step, int) and step < len(value) else None
        written = lines[n - 1].lstrip(" ")
        cut = written.find(" #")
        first = lines[above[k - 1] - 1][col - 1:col]
        parent = out.pos.get(path[:-1])
        if not isinstance(value, str) or cut <= 0 or written[cut - 1] == " " or first in "'\"|>[{&*!" or \
                not value.endswith(written[:cut]) or (parent and lines[parent[0] - 1][parent[1] - 1:parent[1]] in ("[", "{")):
            continue
        out.comments[path] = (n, len(lines[n - 1]) - len(written) + cut + 2, written[cut + 1:].rstrip())


def _nbsp_key(out: Loaded, data: Any, finding, path: tuple = ()) -> bool:
    """A key that begins or ends with a non-breaking space (indentation pasted from a word
    processor made '\xa0\xa0kind' a key of the mapping above it): reported (YML008), True."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(key, str) and key != key.strip("\u00a0"):
            line, col = out.where(path + (key,), key=True)
            _nbsp_finding(finding, line, col)
            return True
        if _nbsp_key(out, value, finding, path + (key,)):
            return True
    return False


class _Builder:
    """Turns a composed node tree into plain data, recording positions and surprises."""

    allowed_tags = _ALLOWED_TAGS

    def __init__(self, out: Loaded, finding):
        self.out = out
        self.finding = finding
        self.seen: set[int] = set()

    def build(self, node, path: tuple, depth: int):
        out = self.out
        mark = node.start_mark
        out.pos[path] = (mark.line + 1, mark.column + 1)
        if depth > MAX_DEPTH:
            self.finding("YML016", Severity.ERROR, mark.line + 1, mark.column + 1,
                         f"the YAML is nested more than {MAX_DEPTH} levels deep",
                         "Dossier files need a few levels of nesting; restructure this part.",
                         {"variant": "levels", "limit": str(MAX_DEPTH)})
            return None
        cls = node.__class__
        if cls is _ScalarNode:
            return self.scalar(node, path)
        if id(node) in self.seen:  # an alias: the composer reuses the anchored node
            return None  # reported by _anchor_findings; never expanded (no alias bombs)
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            return self.bad_tag(node)
        pos = out.pos
        inline = depth < MAX_DEPTH  # children at depth + 1 need no depth finding
        if cls is _SequenceNode:
            items = []
            for i, item in enumerate(node.value):
                # the common case inline: a plain text item (what build() and scalar() would do)
                if inline and item.__class__ is _ScalarNode and item.tag == _STR and len(item.value) <= MAX_STRING:
                    m = item.start_mark
                    pos[path + (i,)] = (m.line + 1, m.column + 1)
                    items.append(item.value)
                else:
                    items.append(self.build(item, path + (i,), depth + 1))
            return items
        result: dict = {}
        first: dict = {}
        keypos = out.keypos
        for key_node, value_node in node.value:
            km = key_node.start_mark
            kline, kcol = km.line + 1, km.column + 1
            if key_node.tag == _MERGE:
                self.finding("YML004", Severity.ERROR, kline, kcol, "a merge key '<<' is used",
                             "Write the keys out in full: dossiers must read the same in every YAML tool.", {"variant": "merge"})
                continue
            if key_node.__class__ is not _ScalarNode:
                self.finding("YML001", Severity.ERROR, kline, kcol, "a key must be plain text, not a list or mapping",
                             "Write 'name: value' with a simple name.", {"variant": "key"})
                continue
            key = key_node.value
            if key in first:
                self.duplicate(key, kline, kcol, first[key])
            else:
                first[key] = kline
            sub = path + (key,)
            keypos[sub] = (kline, kcol)
            if inline and value_node.__class__ is _ScalarNode:
                tag = value_node.tag
                if tag == _STR and len(value_node.value) <= MAX_STRING:
                    m = value_node.start_mark
                    pos[sub] = (m.line + 1, m.column + 1)
                    result[key] = value_node.value
                    continue
                if tag == _TIMESTAMP:  # what scalar() does with a date: keep the text
                    m = value_node.start_mark
                    pos[sub] = (m.line + 1, m.column + 1)
                    if not value_node.style:
                        out.coerced[sub] = ("timestamp", value_node.value)
                    result[key] = value_node.value
                    continue
            result[key] = self.build(value_node, sub, depth + 1)
        return result

    def duplicate(self, key: str, line: int, col: int, first_line: int) -> None:
        self.finding("YML002", Severity.ERROR, line, col,
                     f"duplicate key '{_clip(key)}' (first at line {first_line}); YAML tools silently keep only the last one",
                     "Remove one of the two, or merge their contents.", {"key": _clip(key), "first": str(first_line)})

    def scalar(self, node, path):
        if node.tag not in _ALLOWED_TAGS:
            return self.bad_tag(node)
        mark = node.start_mark
        plain = not node.style  # None (pure) or '' (libyaml) for plain scalars
        return self.value(node.tag, node.value, plain, path, mark.line + 1, mark.column + 1)

    def value(self, tag: str, text: str, plain: bool, path: tuple, line: int, col: int):
        """The value of a scalar with an allowed ``tag`` (the node tree's scalars and
        :mod:`raio_cli.yamlfast`'s values both come through here)."""
        if tag == _STR:
            if len(text) > MAX_STRING:
                self.finding("YML011", Severity.ERROR, line, col, f"a text value of {len(text):,} characters",
                             f"Keep texts under {MAX_STRING:,} characters; put long documents in evidence/.",
                             {"variant": "text", "size": len(text)})
                return text[:MAX_STRING]
            return text
        if tag == _STR_NUMBER12:
            self._yaml12(text, text, f"the text '{text}'", line, col)
            return text
        kind = _KIND[tag]
        if kind == "null":
            if plain and text:
                self.out.coerced[path] = ("null", text)
            return None
        if plain:
            self.out.coerced[path] = (kind, text)
        if kind == "int":
            return self.integer(text, line, col)
        if kind == "timestamp":
            return text  # dates stay ISO text, as the schemas expect; see raio_cli.schema for misuse
        if kind == "float":
            return self.floating(text, line, col)
        if kind == "bool":
            value = text.lower() in ("true", "yes", "on")
            if text.lower() not in _TRUE_FALSE:
                meant = "true" if value else "false"
                self.finding("YML005", Severity.WARNING, line, col,
                             f"'{text}' is read as the boolean {meant} by YAML 1.1 tools and as the text '{text}' by YAML 1.2 tools",
                             f"Write {meant} for a yes/no value, or quote it (\"{text}\") if you mean the text.")
            return value
        return text  # explicit !!str, !!seq on a scalar and the like: keep the text

    def integer(self, text, line, col):
        if text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1) and len(text) < 20:
            return int(text)  # the common case: a short plain decimal number (the rest: below)
        t = text.replace("_", "")
        sign = -1 if t.startswith("-") else 1
        t = t.lstrip("+-")
        try:
            if t.startswith("0b"):
                value, base = sign * int(t[2:], 2), "binary "
            elif t.startswith("0x"):
                value, base = sign * int(t[2:], 16), "hexadecimal "
            elif ":" in t:
                value = 0
                for part in t.split(":"):
                    value = value * 60 + int(part)
                value, base = sign * value, "base-60 "
            elif len(t) > 1 and t.startswith("0"):
                value, base = sign * int(t, 8), "octal "
            else:
                value, base = sign * int(t), ""
        except ValueError:  # 0b_, 0x_: a whole number to the resolver, whose value yaml.safe_load cannot work out
            self.finding("YML006", Severity.WARNING, line, col,
                         f"'{text}' is read as a whole number by YAML 1.1 tools, which then cannot work out its value "
                         f"(PyYAML stops with an error), and as the text '{text}' by YAML 1.2 tools",
                         f"Quote it (\"{text}\") if it is a code or a text; otherwise write the number in plain "
                         "decimal digits (1000, 0.5, 1500.0), which every YAML tool reads alike.")
            return text
        self._yaml12(text, value, f"the {base}number {value}", line, col)
        return value

    def floating(self, text, line, col):
        t = text.replace("_", "").lower()
        if t in (".inf", "+.inf"):
            return float("inf")
        if t == "-.inf":
            return float("-inf")
        if t == ".nan":
            return float("nan")
        if ":" in t:
            sign = -1.0 if t.startswith("-") else 1.0
            value = 0.0
            for part in t.lstrip("+-").split(":"):
                value = value * 60 + float(part)
            value *= sign
            self._yaml12(text, value, f"the base-60 number {value}", line, col)
            return value
        try:
            value = float(t)
        except ValueError:
            return text
        whole, dot, part = text.lstrip("+-").partition(".")
        if not (dot and whole.isdigit() and part.isdigit() and text.isascii()):  # 0.85, -12.5: read alike
            self._yaml12(text, value, f"the number {value}", line, col)
        return value

    def _yaml12(self, text, value, reading, line, col):
        """YML006 when the YAML 1.2 core schema reads the plain ``text`` otherwise than YAML 1.1
        (as ``value``, which ``reading`` describes; ``value`` is ``text`` itself for a text).

        The numbers are named only for a short text: a long one may be a patient number, and
        the number read from it (its digits without the leading zero, or as octal) would not be
        masked as the text is."""
        other = _core12(text)
        if other is None:
            if value is text:
                return
            other_reading = f"the text '{text}'"
        elif type(other) is type(value) and other == value:
            return
        else:
            prefix = text.lstrip("+-")[:2]
            base = "octal " if prefix == "0o" else "hexadecimal " if prefix == "0x" else ""
            other_reading = f"the {base}number {other}"
        shown = f"'{text}'"
        if sum(c.isdigit() for c in text) > 6:
            reading = "text" if value is text else "a number"
            other_reading = "text" if other is None else "a number"
            # 12_345_678 is the number 12345678: shown without its underscores, so that a BSN, a
            # patient number (check masks every finding) or a long number is masked as anywhere else
            joined = text.replace("_", "")
            if joined != text:
                shown = f"'{privacy.mask_identifiers(joined, [])}' (written with underscores)"
        quote = f"Quote it (\"{text}\")" if shown == f"'{text}'" else "Quote it"
        self.finding("YML006", Severity.WARNING, line, col,
                     f"{shown} is read as {reading} by YAML 1.1 tools and as {other_reading} by YAML 1.2 tools",
                     f"{quote} if it is a code or a version; otherwise write the number in plain "
                     "decimal digits (1000, 0.5, 1500.0), which every YAML tool reads alike.")

    def bad_tag(self, node):
        mark = node.start_mark
        self.finding("YML015", Severity.ERROR, mark.line + 1, mark.column + 1,
                     f"the YAML tag '{_clip(node.tag, 60)}' is not allowed",
                     "Dossiers hold plain text, numbers, dates, lists and mappings: remove the '!' tag.",
                     {"tag": _clip(node.tag, 60)})
        return None


def _new_loader(text: str):
    """libyaml's loader for ``text``, with raio's resolver (and without PyYAML's path resolvers)."""
    loader = _Loader(text)
    loader.resolve = _resolve
    if _NO_PATH_RESOLVERS:
        loader.descend_resolver, loader.ascend_resolver = slice, tuple
    return loader


def scalar_ranges(text: str) -> list[tuple[int, int, str | None]] | None:
    """Every scalar of the YAML ``text`` (keys and values) as ``(start, end, tag)``, offsets in
    characters, in document order; ``tag`` is None when its own tag and those of the collections
    around it are allowed (raio reads it, unless it is dropped for another reason: a duplicate
    key's first value, a merge key, nesting too deep), else the tag that makes raio drop it
    (``!!binary``, ``!custom``). None when ``text`` cannot be read as YAML. For privacy's look at
    the text around the values (PRV005); never raises."""
    loader = _new_loader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    finally:
        loader.dispose()
    out: list[tuple[int, int, str | None]] = []
    seen: set[int] = set()
    stack = [(node, None)] if node is not None else []
    while stack:
        node, bad = stack.pop()
        if id(node) in seen:  # an alias: the node itself is listed once
            continue
        seen.add(id(node))
        bad = bad or (None if node.tag in _ALLOWED_TAGS else node.tag)
        if node.__class__ is _ScalarNode:
            out.append((node.start_mark.index, node.end_mark.index, bad))
        elif node.__class__ is _SequenceNode:
            stack.extend((item, bad) for item in reversed(node.value))
        else:
            for key, value in reversed(node.value):
                stack.append((value, bad))
                stack.append((key, bad))
    out.sort()
    return out


def _anchor_findings(text: str, finding, marks: _EditorMarks | None = None) -> None:
    """Report anchors and aliases from the event stream (the node tree no longer shows them);
    ``marks`` turns the events' positions into the editor's (:func:`_editor_marks`)."""
    reported = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if marks:
                event.start_mark, event.end_mark = marks(event.start_mark), marks(event.end_mark)
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                finding("YML003", Severity.ERROR, m.line + 1, m.column + 1, f"an alias '*{_clip(event.anchor, 40)}' is used",
                        "Write the value out in full: dossiers need no anchors or aliases, and aliases can blow up a file.",
                        {"variant": "alias", "name": _clip(event.anchor, 40)})
                reported += 1
            elif getattr(event, "anchor", None) and isinstance(event, yaml.ScalarEvent) and not event.style:
                _anchored_text(text, event, finding)
                reported += 1
            elif getattr(event, "anchor", None):
                m = event.start_mark
                finding("YML003", Severity.ERROR, m.line + 1, m.column + 1, f"an anchor '&{_clip(event.anchor, 40)}' is defined",
                        "Remove the anchor and write values out in full: dossiers need no anchors or aliases.",
                        {"variant": "anchor", "name": _clip(event.anchor, 40)})
                reported += 1
            if reported >= 5:  # an alias bomb has thousands; five make the point
                break
    except yaml.YAMLError:
        pass


def _anchored_text(text: str, event, finding) -> None:
    """YML003 for a plain text that starts with '&word' (`note: &more text`): YAML reads '&more'
    as an anchor's name and drops the word. Names the word and what YAML reads, and gives the
    line with the whole text quoted, which keeps it: with its key, or a list item's '- ', and for
    a text over several lines on one line, which takes the place of those lines."""
    start, end = event.start_mark, event.end_mark
    lines = editor_lines(text)
    line = lines[start.line].rstrip("\r")
    name, read = _clip(event.anchor, 40), _clip(event.value)
    after = line[start.column + 1 + len(event.anchor):]  # what follows '&word' on its line
    gap = after[:len(after) - len(after.lstrip(" \t"))] if after.strip(" \t") else " "  # the text may start below
    written = f"&{event.anchor}{gap}{event.value}" if event.value else f"&{event.anchor}"  # as YAML joins the lines
    m = _KEY_VALUE_LINE.fullmatch(line)
    key = m.group(2) if m and m.start(3) == start.column else ""
    lead = f"{key}: " if key else line[:start.column].lstrip(" ") if _ITEM_DASHES.fullmatch(line[:start.column]) else ""
    rest = lines[end.line].rstrip("\r")[end.column:]
    comment = rest.rstrip() if lead and re.fullmatch(r"[ \t]+#.*", rest) else ""
    if _cuts_text(comment):  # `&SEH mist fracturen #2`: the '#2' is the text's too
        written, comment = written + comment, ""
    fixed = lead + quote(written) + comment
    place = f", on one line in place of lines {start.line + 1} to {end.line + 1}" if end.line > start.line else ""
    what = f"the text of {key}" if key else "a text"
    reads = f"{key or 'it'} reads '{read}'" if read else f"{key or 'it'} is empty"
    if len(fixed) <= PASTE_WIDTH:
        hint = f"Put the whole text in quotes{place}: {fixed}"
    else:  # a line cut short, pasted, would lose text
        hint = f"Put the whole text in quotes: {quoting_in_words(written, start.line + 1, end.line + 1)}."
    finding("YML003", Severity.ERROR, start.line + 1, start.column + 1,
            f"{what} starts with '&{name}', which YAML reads as the name of an anchor: the word '{name}' is dropped and {reads}",
            hint, {"variant": "anchor_text", "name": name, "empty": not event.value})


#: What stands before a list item's text: its indentation and its '- ' (or '- - ' in a list in a list)
_ITEM_DASHES = re.compile(r"[ ]*(?:-[ ]+)+")


def _cuts_text(comment: str) -> bool:
    """Whether ``comment`` (' # ...' after a text without quotes) is the text cut short, as YML019
    reads it: one space before the '#', and no suppression; two spaces or more mark a comment."""
    return comment.startswith(" #") and not comment[1:].startswith("# raio:")


def quote(text: str) -> str:
    """``text`` in the quotes YAML reads it back from, on one line: double, else (for a text with
    a '"' or a backslash, which starts a code such as \\n in double quotes) single, else double
    with escapes (a line break, as a text over several lines with a blank one holds, too)."""
    if "\n" in text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: The longest line a hint gives to be written or pasted as is. Messages quote values clipped
#: (privacy.clip: 80 to 160 characters, never inside a number) to keep a finding readable; a
#: line to paste is given whole or not at all, since a line cut short loses the end of the text
#: when pasted: above this width the hint says in words what to write (:func:`quoting_in_words`).
PASTE_WIDTH = 160


def quoting_in_words(text: str, first: int = 0, last: int = 0) -> str:
    """Where the quotes go to make ``text`` (a text without quotes, as written) read whole, in
    words: for a hint whose line would be longer than :data:`PASTE_WIDTH`. ``first`` and ``last``:
    the lines its first and last word are on, named when they differ. A text over several lines
    may keep them: quoted, YAML joins its lines as it does without quotes."""
    where = (f" (line {first})", f" (line {last})") if first != last else ("", "")
    if '"' not in text and "\\" not in text:
        return f'a " before its first word{where[0]} and one after its last{where[1]}'
    if "'" not in text:
        return f"a ' before its first word{where[0]} and one after its last{where[1]}"
    return (f'a " before its first word{where[0]} and one after its last{where[1]}, '
            'and a \\ before each " and each \\ in it')


def _suppressions(text: str) -> list[Suppression]:
    if "raio:" not in text:
        return []
    result = []
    lines = editor_lines(text)
    for i, raw_line in enumerate(lines):
        m = _SUPPRESS.search(raw_line)
        if not m:
            continue
        codes = tuple(c.strip().upper() for c in m.group(1).split(",") if c.strip())
        target = i + 1
        if raw_line.lstrip().startswith("#") and not (m.start() > raw_line.index("#") and _COMMENTED_KEY.match(raw_line)):
            # own line: applies to the next non-comment line; after a commented-out key
            # (`# for_whom: ""  # raio: ignore[GAT002] ...`) to that line, where a missing field is reported
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j].lstrip().startswith("#")):
                j += 1
            target = j + 1
        result.append(Suppression(target, i + 1, m.start() + 1, codes, m.group(2).strip()))
    return result


#: A commented-out line as the templates write it: ``# key: ...``, ``#   - key: ...``. Group 1 is
#: what stands before the key once the ``#`` and one space are removed (indentation and ``- ``).
_COMMENTED_KEY = re.compile(r"[ ]*#[ ]?([ ]*(?:-[ ]+)?)([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]|$)")
#: The line breaks an editor counts (and the code views of GitHub's and GitLab's reports and SARIF
#: viewers): raio's lines. YAML 1.1 (libyaml) also breaks lines at NEL, LS and PS (:data:`_YAML_ONLY_BREAKS`),
#: and str.splitlines() at those and more (\x0b, \x0c, \x1c-\x1e): neither counts a file's lines.
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")
#: The line breaks of YAML 1.1 that no editor counts: after one, libyaml's line is one too far
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")


def editor_lines(text: str) -> list[str]:
    """``text``'s lines as an editor shows them (:data:`_EDITOR_BREAK`): line ``n`` of a finding
    is ``editor_lines(text)[n - 1]``."""
    return _EDITOR_BREAK.split(text) if "\r" in text else text.split("\n")  # nearly every file: no CR


def editor_line_start(text, offset: int) -> int:
    """Offset of the first character of the editor's line that holds ``offset`` (str or bytes)."""
    nl, cr = ("\n", "\r") if isinstance(text, str) else (b"\n", b"\r")
    return max(text.rfind(nl, 0, offset), text.rfind(cr, 0, offset)) + 1


def editor_breaks(text, start: int, end: int) -> int:
    """The editor's line breaks in ``text[start:end]`` (str or bytes; ``start`` and ``end`` not
    between the two characters of a \r\n)."""
    nl, cr, crlf = ("\n", "\r", "\r\n") if isinstance(text, str) else (b"\n", b"\r", b"\r\n")
    return text.count(nl, start, end) + text.count(cr, start, end) - text.count(crlf, start, end)


def editor_position(text, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at ``offset`` of ``text`` (str or bytes) as an
    editor shows them."""
    return editor_breaks(text, 0, offset) + 1, offset - editor_line_start(text, offset) + 1


class _EditorMarks:
    """libyaml's marks, which count YAML 1.1's lines, as the editor's lines and columns: for a text
    with a NEL, LS or PS (:func:`_editor_marks`). A character after a NEL goes on the editor's line,
    its column grown by the length of that line before it. From the mark's offset, which counts
    characters: converting a mark twice gives the same mark."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _EDITOR_BREAK.finditer(text)]

    def __call__(self, mark):
        if mark is None:
            return None
        import bisect

        n = bisect.bisect_right(self.starts, mark.index) - 1
        return yaml.Mark(mark.name, mark.index, n, mark.index - self.starts[n], None, None)

    def retarget(self, node) -> None:
        """Every mark of the node tree ``node`` as the editor's (the builder reads them as they are)."""
        seen: set[int] = set()
        stack = [node]
        while stack:
            node = stack.pop()
            if id(node) in seen:  # an alias: the anchored node again
                continue
            seen.add(id(node))
            node.start_mark, node.end_mark = self(node.start_mark), self(node.end_mark)
            if node.__class__ is _SequenceNode:
                stack.extend(node.value)
            elif node.__class__ is not _ScalarNode:
                for key, value in node.value:
                    stack.append(key)
                    stack.append(value)


def _editor_marks(text: str) -> _EditorMarks | None:
    """What turns libyaml's marks in ``text`` into the editor's positions; None when they are the
    editor's already (a text without NEL, LS and PS: nearly every file)."""
    return _EditorMarks(text) if any(b in text for b in _YAML_ONLY_BREAKS) else None
_BLOCK_LINE = re.compile(r"([ ]*)([^ #\n\r])")


def missing_key_position(doc: Loaded, path: tuple) -> tuple[int, int]:
    """Where to write the missing mapping key ``path`` of ``doc`` (see :meth:`Loaded.where`)."""
    return _missing_key(doc, path)[0]


def commented_out(doc: Loaded, path: tuple) -> list[tuple[int, str]]:
    """``(line, key)`` of each commented-out line to uncomment for the missing key ``path``,
    outermost first (``[(45, "decision"), (46, "choice")]``); empty when there is none."""
    return _missing_key(doc, path)[1]


def _missing_key(doc: Loaded, path: tuple) -> tuple[tuple[int, int], list[tuple[int, str]]]:
    """Where to write the missing mapping key ``path`` of ``doc`` (see :meth:`Loaded.where`).

    The nearest ancestor that is there must be a mapping (or an empty ``key:``) and the next
    step a key. Below it, the commented-out lines are read as if the ``# `` were removed (as the
    templates tell the user to do): a line ``# key:`` at the indentation of the ancestor's keys,
    then, for each deeper step, a line ``#   key:`` indented under the line found before. The
    deepest line found is the answer (its ``#``); prose that mentions a key is no such line.
    Without one: the ancestor's key, else the file's first line. Only findings at a missing key
    come here, so files without them never pay for reading their text."""
    k = len(path)
    while k and path[:k] not in doc.pos:
        k -= 1
    parent_path, steps = path[:k], path[k:]
    value: Any = doc.data
    for step in parent_path:  # positions are noted as values are built: read without trusting them
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            value = None
    missing = []
    for step in steps:  # the keys to find, up to the first list index
        if not isinstance(step, str):
            break
        missing.append(step)
    if not missing or not (isinstance(value, dict) or (value is None and parent_path in doc.keypos)):
        return doc.pos.get(parent_path) or doc.pos.get((), (1, 1)), []
    if not parent_path:
        head, outer = 0, -1  # the whole file; its keys
    elif parent_path in doc.keypos:
        line, col = doc.keypos[parent_path]
        head, outer = line, col - 1  # below the key, deeper than it
    else:  # a list element: below its first line, at its keys' indentation
        line, col = doc.pos[parent_path]
        head, outer = line, col - 2
    inner = None  # the indentation of the parent's keys, when it has any
    if isinstance(value, dict) and value:
        first = parent_path + (next(iter(value)),)
        inner = doc.keypos[first][1] - 1 if first in doc.keypos else None
    found = []
    if b"#" in doc.raw:
        if doc._lines is None:  # once per file, for its first missing key
            doc._lines = _line_table(doc.raw)
        found = _commented_chain(doc._lines, head, outer, inner, missing)
    if found:
        line, col, _key = found[-1]
        return (line, col), [(line, key) for line, _col, key in found]
    if parent_path in doc.keypos:
        return doc.keypos[parent_path], []
    return (doc.pos[parent_path] if parent_path else (1, 1)), []


def only_comments_between(doc: Loaded, first: int, last: int) -> bool:
    """Whether the lines of ``doc`` after line ``first`` and before line ``last`` are blank or
    comments alone (False when its text is not kept)."""
    if not doc.raw:
        return False
    lines = editor_lines(doc.raw.decode("utf-8", "replace"))[first:last - 1]
    return len(lines) == max(0, last - first - 1) and all(not t.strip() or t.lstrip().startswith("#") for t in lines)


def _line_table(raw: bytes) -> tuple[list, list, dict]:
    """The lines of a file that :func:`_commented_chain` looks at, read once per file: for each
    line of YAML of its own or commented-out key, ``(line index, indent, key column or -1, key,
    column of its #)``; the line indexes (for bisect) and, per key, where it is commented out."""
    table, starts, by_key = [], [], {}
    for i, line in enumerate(editor_lines(raw.decode("utf-8", "replace"))):
        m = _COMMENTED_KEY.match(line)
        if m is None:
            block = _BLOCK_LINE.match(line)
            if block is not None and block.group(2) != "#":
                table.append((i, len(block.group(1)), -1, "", 0))
                starts.append(i)
            continue
        hash_col = line.index("#")
        lead = m.group(1)
        indent = hash_col + len(lead) - len(lead.lstrip(" "))  # where the line starts uncommented
        by_key.setdefault(m.group(2), []).append(len(table))
        table.append((i, indent, hash_col + len(lead), m.group(2), hash_col))
        starts.append(i)
    return table, starts, by_key


def _commented_chain(lines: tuple, head: int, outer: int, inner: int | None, keys: list) -> list:
    """``(line, column, key)`` of the commented-out keys of the chain ``keys``, as deep as they
    go, after line ``head`` (0 for the whole file), within the block of lines indented deeper than
    ``outer``; the first key at indentation ``inner`` (or at the first commented key's, when None).
    ``lines`` is :func:`_line_table` of the file."""
    import bisect

    table, starts, by_key = lines
    found: list = []
    at = bisect.bisect_left(starts, head)
    for n, step in enumerate(keys):
        hit = None
        if n == 0 and outer < 0 and inner is not None:  # the file's own keys: nothing closes the block
            for j in by_key.get(step, ()):
                if j >= at and table[j][2] == inner:
                    hit, at = table[j], j + 1
                    break
        else:
            while at < len(table):
                entry = table[at]
                at += 1
                if entry[1] <= outer:
                    break  # a line of an outer block (its own or commented out): this block ends
                if entry[2] < 0:
                    continue
                if inner is None:
                    inner = entry[2]
                if entry[2] == inner and entry[3] == step:
                    hit = entry
                    break
        if hit is None:
            return found
        found.append((hit[0] + 1, hit[4] + 1, step))
        outer, inner = inner, None
    return found


def _fail(rel, app, code, message, hint, data=None) -> Loaded:
    out = Loaded(file=rel)
    out.findings.append(Finding(rel, 0, 0, code, Severity.ERROR, message, hint, app, {**(data or {}), NOT_READ: True}))
    return out


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    return editor_position(raw, offset)


#: The problems libyaml (and PyYAML's own reader) names that raio words in each language
#: (strings.yaml ``yaml_problem``): a YML001 finding carries the kind as ``yaml_problem``, so a
#: Dutch memo says what is wrong in Dutch. A problem not here (rare: directives, tags) keeps only
#: its English text in ``detail``, which a Dutch memo leaves out. Keyed by the problem message, or
#: by (context, problem) where the message alone does not tell what was being read.
_YAML_PROBLEMS = {
    "mapping values are not allowed in this context": "mapping_values",
    "mapping values are not allowed here": "mapping_values",
    "mapping keys are not allowed in this context": "mapping_keys",
    "mapping keys are not allowed here": "mapping_keys",
    "block sequence entries are not allowed in this context": "sequence_entries",
    "sequence entries are not allowed here": "sequence_entries",
    "could not find expected ':'": "expected_colon",
    "found character that cannot start any token": "bad_character",
    "found unexpected end of stream": "unclosed_quote",
    "found unexpected document indicator": "document_marker_in_quotes",
    "found unexpected document separator": "document_marker_in_quotes",
    "found unknown escape character": "unknown_escape",
    "did not find expected hexdecimal number": "hex_escape",
    "found invalid Unicode character escape code": "unicode_escape",
    "did not find expected comment or line break": "expected_line_end",
    "found an indentation indicator equal to 0": "indentation_indicator_zero",
    "expected indentation indicator in the range 1-9, but found 0": "indentation_indicator_zero",
    "found a tab character where an indentation space is expected": "tab_indentation",
    "found a tab character that violates indentation": "tab_violates_indentation",
    "did not find expected key": "expected_key",
    "did not find expected '-' indicator": "expected_dash",
    "did not find expected node content": "expected_content",
    "did not find expected ',' or ']'": "unclosed_flow_sequence",
    "did not find expected ',' or '}'": "unclosed_flow_mapping",
    "did not find expected <document start>": "expected_document_start",
    "found undefined alias": "undefined_alias",
    "found undefined tag handle": "undefined_tag_handle",
    ("while scanning an anchor", "did not find expected alphabetic or numeric character"): "anchor_name",
    ("while scanning an alias", "did not find expected alphabetic or numeric character"): "anchor_name",
    ("found duplicate anchor; first occurrence", "second occurrence"): "duplicate_anchor",
}
#: PyYAML's own scanner and parser put what they found into the message: the kind by its start
_YAML_PROBLEM_STARTS = (
    ("found character ", "bad_character"), ("found unknown escape character ", "unknown_escape"),
    ("expected escape sequence of ", "hex_escape"), ("expected the node content, but found ", "expected_content"),
    ("expected ',' or ']', but got ", "unclosed_flow_sequence"), ("expected ',' or '}', but got ", "unclosed_flow_mapping"),
    ("expected '<document start>', but found ", "expected_document_start"), ("found undefined alias ", "undefined_alias"),
    ("found undefined tag handle ", "undefined_tag_handle"),
)


def yaml_problem(problem: str, context: str | None = None) -> str:
    """The kind of a YAML reader's problem (a key of strings.yaml ``yaml_problem``), "" when
    raio has no wording for it."""
    kind = _YAML_PROBLEMS.get((context, problem)) or _YAML_PROBLEMS.get(problem)
    if kind:
        return kind
    if context and context.startswith("found duplicate anchor"):
        return "duplicate_anchor"
    return next((k for start, k in _YAML_PROBLEM_STARTS if problem.startswith(start)), "")


def _syntax_data(detail: str, context: str | None) -> dict:
    """A YML001 syntax error's data: the problem's kind where raio words it, else its English text."""
    kind = yaml_problem(detail, context)
    return {"variant": "problem", "yaml_problem": kind, "detail": detail} if kind else {"variant": "syntax", "detail": detail}


#: The system's errors on reading a file that raio words in each language (strings.yaml
#: ``os_error``, by errno name): a YML017 finding carries the name as ``os_error``. Any other
#: keeps only the system's text in ``detail``, which a Dutch memo leaves out.
OS_ERRORS = frozenset({
    "EACCES", "EPERM", "ENOENT", "ENOTDIR", "ENAMETOOLONG", "ELOOP", "EIO", "EMFILE", "ENFILE", "ENOMEM",
    "EBUSY", "EAGAIN", "EINTR", "ESTALE", "ENXIO", "ENODEV", "ETIMEDOUT", "ENOTCONN",
})


def unreadable_data(exc: OSError, rel: str) -> dict:
    """A YML017 "cannot be read" finding's data: the error's errno name where raio words it."""
    detail = str(exc.strerror or exc)
    name = errno.errorcode.get(exc.errno, "") if isinstance(exc.errno, int) else ""
    if name in OS_ERRORS:
        return {"variant": "os_error", "file": rel, "os_error": name, "detail": detail}
    return {"variant": "unreadable", "file": rel, "detail": detail}


#: A line `key: value` (in a list item too) whose value YAML could not read as written
_KEY_VALUE_LINE = re.compile(r"([ ]*(?:-[ ]+)*)([A-Za-z_][A-Za-z0-9_-]*):[ ]+(.*?)(\s+#.*)?")
#: What makes a text unreadable without quotes, by the kind of problem libyaml names at its line
_UNQUOTED_REASONS = {
    "mapping_values": "holds ': ' (a colon and a space), which YAML reads as the start of another key",
    "undefined_alias": "starts with '*', which YAML reads as a reference to another value",
}


#: The problems quoting the text mends: a character YAML reads as syntax at the start of a text
#: or inside it; after a value (expected_key, expected_line_end) only when the value began with a
#: quote or a character that opens something else (`'foto's'`, `> 30%`, `[zie] en meer`)
_AFTER_A_VALUE = frozenset({"expected_key", "expected_line_end"})
_ESCAPES = frozenset({"unknown_escape", "hex_escape", "unicode_escape"})
_QUOTING_MENDS = frozenset({"mapping_values", "undefined_alias", "bad_character", "expected_content", "mapping_keys",
                            "anchor_name"}) | _AFTER_A_VALUE | _ESCAPES


#: `key:value` (no space after the colon; not a URL's `https://`) and `-key: value` (none after the dash)
_NO_SPACE_COLON = re.compile(r"([ ]*(?:-[ ]+)*)([A-Za-z_][A-Za-z0-9_-]*):([^\s:/#'\"].*)")
_NO_SPACE_DASH = re.compile(r"([ ]*)-([A-Za-z_\"'].*)")


def _reads_past(text: str, line: int) -> bool:
    """Whether ``text`` reads without a syntax error up to and including ``line``."""
    loader = _new_loader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        marks = _editor_marks(text)
        return bool(mark) and (marks(mark) if marks else mark).line + 1 > line
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    finally:
        loader.dispose()
    return True


def _spacing_advice(text: str, line: int) -> tuple[int, int, str, str] | None:
    """For a syntax error at or just below a line that lacks the space after a key's ':' or a
    list item's '-' (`target:92`, `-id: E1`): that line, the column of the ':' or '-', what is
    wrong and the line with the space, offered only when the file then reads past that line."""
    lines = editor_lines(text)
    for n in range(line, max(0, line - 3), -1):
        written = lines[n - 1].rstrip("\r") if n <= len(lines) else ""
        colon, dash = _NO_SPACE_COLON.fullmatch(written), _NO_SPACE_DASH.fullmatch(written)
        if colon:
            before, fixed, col = colon.group(1), f"{colon.group(2)}: {colon.group(3)}", len(colon.group(1)) + len(colon.group(2)) + 1
            what = f"{colon.group(2)}:{colon.group(3)} has no space after the ':', so YAML reads it as one text, not as a field"
            mark = "':'"
        elif dash:
            before, fixed, col = dash.group(1), f"- {dash.group(2)}", len(dash.group(1)) + 1
            what = f"-{dash.group(2)} has no space after the '-', so YAML does not read it as an item of a list"
            mark = "'-'"
        else:
            continue
        mended = lines[:n - 1] + [before + fixed] + lines[n:]
        if _reads_past("\n".join(mended), n):
            if len(fixed) > PASTE_WIDTH:  # a line cut short, pasted, would lose text
                what = f"{_clip(what.split(' has no space')[0], 80)} has no space{what.split(' has no space', 1)[1]}"
                return n, col, what, f"Put a space after the {mark} (line {n}, column {col})."
            return n, col, what, f"Write {fixed} (a space after the {mark})."
    return None


def _comment_cut_advice(text: str, line: int) -> tuple[int, int, str, str] | None:
    """For a syntax error on a line that goes on a text without quotes whose first line holds a
    ' #' (`statement: Fracturen #2` and, more indented below, `op de SEH`): YAML ends the text at
    the comment, and cannot read the lines below it. The '#', what is wrong and the whole text
    quoted on one line, in place of its lines; offered only when the file then reads past it."""
    lines = editor_lines(text)
    n = _content_above(lines, line)
    first = lines[n - 1].rstrip("\r") if n else ""
    m = _KEY_VALUE_LINE.fullmatch(first)
    item = None if m else _ITEM_DASHES.match(first)  # a list item's text: `- Centrum #2`
    if m:  # the lines that go on the text are indented deeper than its key
        lead, key, value, comment, width, at = m.group(1), f"{m.group(2)}: ", m.group(3), m.group(4) or "", len(m.group(1)), m.start(4)
    elif item:  # ... than its '-'
        rest = first[item.end():]
        cut = rest.find(" #")
        lead, key, width, at = item.group(0), "- ", len(item.group(0).rstrip(" ")) - 1, item.end() + cut
        value, comment = (rest[:cut], rest[cut:]) if cut > 0 else (rest, "")
    else:
        return None
    if not _cuts_text(comment) or not value or value[0] in "'\"|>[{&*!%@`#-" or value[-1] == " ":
        return None
    end, joined = _going_on(lines, n, width, value + comment)
    if end < line:
        return None
    fixed = f"{key}{quote(joined)}"
    mended = lines[:n - 1] + [lead + fixed[len(key):] if item else lead + fixed] + lines[end:]
    if not _reads_past("\n".join(mended), n):
        return None
    col = at + len(comment) - len(comment.lstrip()) + 1
    what = f"the text of {key[:-2]}" if m else "a text"
    reason = f"the ' #' in {what} starts a comment, so YAML ends the text there and cannot read the lines below it as more of it"
    if len(fixed) > PASTE_WIDTH:  # a line cut short, pasted, would lose text; quoted, the lines may stay
        return (n, col, reason, f"Put the whole text in quotes, the ' #' and what follows it included (lines {n} to {end}): "
                                f"{quoting_in_words(joined, n, end)}.")
    return n, col, reason, f"Put the whole text in quotes, on one line in place of lines {n} to {end}: {fixed}"


def _going_on(lines: list, n: int, width: int, first: str) -> tuple[int, str]:
    """A text whose first line, ``n``, holds ``first`` (as written: quotes, if any, included) and
    that goes on on the lines below indented deeper than ``width``: its last line and its text as
    YAML joins those lines (a space between two lines, a line break for a blank line)."""
    end, pieces = n, [first]
    for k in range(n, len(lines)):
        written = lines[k].rstrip("\r")
        if written.strip(" ") and len(written) - len(written.lstrip(" ")) <= width:
            break
        if written.strip(" "):
            pieces.append(written.strip(" "))
            end = k + 1
        else:
            pieces.append("")
    pieces = pieces[:end - n + 1]
    joined = pieces[0]
    for prev, piece in zip(pieces, pieces[1:]):
        joined += ("\n" if not piece else "" if not prev else " ") + piece
    return end, joined


#: A non-breaking space (U+00A0) at the start of a line, or after a key's ':' or a list's '-'
_SEPARATOR_NBSP = re.compile(r"^[ ]*(\u00a0)|[:-](\u00a0)")


def _nbsp_near(text: str, line: int) -> tuple[int, int] | None:
    """Line and column of a non-breaking space after a ':' or '-' on the line of a syntax error or
    the line above it, where YAML needs an ordinary space."""
    for n in (line - 1, line):
        m = _SEPARATOR_NBSP.search(_line(text, n)) if n > 0 else None
        if m:
            return n, m.start(m.lastindex) + 1
    return None


def _nbsp_finding(finding, line: int, col: int) -> None:
    finding("YML008", Severity.ERROR, line, col,
            "a non-breaking space (U+00A0, as a word processor or e-mail pastes it) stands where YAML needs an ordinary space",
            f"Replace it with an ordinary space (on line {line}, retype the spaces).", {"variant": "nbsp"})


def _content_above(lines: list, line: int) -> int:
    """The number of the nearest line above ``line`` that is neither blank nor a comment; 0 if none.
    ``line`` is YAML's, which may lie past ``lines`` (a file whose line breaks are carriage returns
    alone): only lines that are there are looked at."""
    return next((n for n in range(min(line - 1, len(lines)), 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), 0)


def _outdented_advice(text: str, line: int) -> tuple[int, int, str, str] | None:
    """For a syntax error at a key whose line above is indented less than both it and the line
    above that (`source:` two spaces too far left between a baseline's `value:` and `n:`): that
    middle line is the one out of step; offered when indenting it like its neighbours makes the
    file read past the error."""
    lines = editor_lines(text)
    here = _KEY_VALUE_LINE.fullmatch(_line(text, line).rstrip("\r"))
    middle = _content_above(lines, line)
    before = _content_above(lines, middle) if middle else 0
    if not here or not before:
        return None
    mid, top = (_KEY_VALUE_LINE.fullmatch(lines[n - 1].rstrip("\r")) for n in (middle, before))
    if not mid or not top or "-" in mid.group(1) or "-" in top.group(1):
        return None
    width = len(here.group(1))
    if not (len(top.group(1)) == width > len(mid.group(1))):
        return None
    mended = lines[:middle - 1] + [" " * width + lines[middle - 1].lstrip(" ")] + lines[middle:]
    if not _reads_past("\n".join(mended), line):
        return None
    key, other = mid.group(2), top.group(2)
    return (middle, len(mid.group(1)) + 1,
            f"{key} on line {middle} is indented {len(mid.group(1))} spaces, the lines around it {width}: "
            f"YAML cannot tell where the lines after it belong",
            f"Indent {key}: as far as {other}: on line {before} ({width} spaces).")


#: A commented-out key that holds a mapping, as raio new-pilot writes it (`# plan:`, `#   ai_act:`):
#: its indentation once the '# ' is removed, and the key
_COMMENTED_PARENT = re.compile(r"#[ ]?([ ]*)([A-Za-z_][A-Za-z0-9_-]*):[ ]*(?:#.*)?")


def _commented_parent_advice(text: str, line: int) -> tuple[int, int, str, str] | None:
    """For a syntax error at or below a key uncommented under a parent still commented out
    (`  sample_size: 400` under `# plan:`, then `extensions: []`; `    risk: high` under
    `#   ai_act:`, below `  mdr_class: IIa`): the key, the parent's line, and to remove the '# '
    in front of it, offered only when that makes the file read past the error. Lining the key up
    with the line above (the advice otherwise) made it a field of the wrong mapping, which the
    schema then reported as unknown, or that raio read as another field's."""
    lines = editor_lines(text)
    here = _line(text, line).rstrip("\r")
    above = _content_above(lines, line)
    # the key above the error line, stranded deeper than the line that fails; or the key at the
    # error line itself, deeper than the content line above it (which holds a value of its own)
    candidates = [(above, len(here) - len(here.lstrip(" ")))] if above else []
    if line <= len(lines):  # libyaml may place an error past the last line
        candidates.append((line, len(lines[above - 1]) - len(lines[above - 1].lstrip(" ")) if above else -1))
    for at, shallower in candidates:
        stranded = _KEY_VALUE_LINE.fullmatch(lines[at - 1].rstrip("\r"))
        if not stranded or "-" in stranded.group(1) or len(stranded.group(1)) <= shallower:
            continue
        width = len(stranded.group(1))
        holder = _content_above(lines, at)  # the content line the stranded key would belong under
        for n in range(at - 1, holder, -1):
            parent = _COMMENTED_PARENT.fullmatch(lines[n - 1].rstrip("\r"))
            if parent is None or len(parent.group(1)) >= width:
                continue
            mended = lines[:n - 1] + [parent.group(1) + lines[n - 1].lstrip("#").lstrip(" ")] + lines[n:]
            if not _reads_past("\n".join(mended), line):
                return None
            key, name = stranded.group(2), parent.group(2)
            return (n, 1, f"{key} on line {at} is indented {width} spaces under {name}: on line {n}, which is "
                          f"commented out: YAML cannot tell where the lines after it belong",
                    f"Remove the '# ' in front of {name}: (line {n}); {key}: belongs under it.")
    return None


def _indentation_advice(text: str, line: int) -> tuple[str, str] | None:
    """For a syntax error at a key indented differently from the key on the line above it (`end:`
    three spaces in, `start:` two): the two keys and their indentation, offered only when lining
    the key up with the one above makes the file read at least past that line."""
    lines = editor_lines(text)
    m = _KEY_VALUE_LINE.fullmatch(_line(text, line).rstrip("\r")) or re.fullmatch(
        r"([ ]*(?:-[ ]+)*)([A-Za-z_][A-Za-z0-9_-]*):()(\s+#.*)?", _line(text, line).rstrip("\r"))
    if not m or "-" in m.group(1):
        return None
    above = _content_above(lines, line)
    prev = _KEY_VALUE_LINE.fullmatch(lines[above - 1].rstrip("\r")) if above else None
    if not prev or len(prev.group(1)) == len(m.group(1)):
        return None
    key, width, other = m.group(2), len(prev.group(1)), prev.group(2)
    lines[line - 1] = " " * width + lines[line - 1].lstrip(" ")
    if not _reads_past("\n".join(lines), line):
        return None
    return (f"{key} on line {line} is indented {len(m.group(1))} spaces, {other} on line {above} {width}: "
            f"YAML cannot tell where {key} belongs",
            f"Indent {key}: as far as {other}: on line {above} ({width} spaces).")


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """A quoted text that the file ends inside: placed where its quote opens (libyaml's problem
    is at the end of the file, often far below), with what is wrong and how to mend it."""
    mark = exc.context_mark
    if mark is None or "quoted scalar" not in (exc.context or ""):
        return None
    line, col = mark.line + 1, mark.column + 1
    q = _line(text, line)[mark.column:mark.column + 1]
    if q not in ("'", '"'):
        return None
    inside = "write a ' inside it as ''" if q == "'" else 'write a " inside it as \\"'
    return (line, col, f"the text quoted with {q} here is never closed: the file ends inside it",
            f"End the text with {q} where it ends ({inside}), or remove the {q} that opens it.")


def _quoting_advice(text: str, line: int, kind: str) -> tuple[str, str] | None:
    """For a syntax error in an unquoted text (`reden: zie notitie: bijlage`, a text starting with
    '@', '*' or '%', an apostrophe inside '...'): what is wrong in plain words and the line quoted,
    offered only when the file then reads at least past that line. None when quoting does not mend it."""
    m = _KEY_VALUE_LINE.fullmatch(_line(text, line).rstrip("\r"))
    if not m or kind not in _QUOTING_MENDS:
        return None
    indent, key, value, comment = m.group(1), m.group(2), m.group(3), m.group(4) or ""
    if value[:1] in ("'", '"') and comment:  # `"zie S:\dir #2"`: the ' #' is inside the quotes, the text's
        close = (value + comment).rfind(value[0])
        tail = (value + comment)[close + 1:]
        if close > 0 and (not tail or re.fullmatch(r"\s+#.*", tail)):
            value, comment = (value + comment)[:close + 1], tail
    lines = editor_lines(text)
    end = line
    if value[:1] in ("'", '"') and (len(value) < 2 or value[-1] not in "'\""):  # a quoted text that goes on below
        end, joined = _going_on(lines, line, len(indent), value + comment)
        if end == line or joined[-1] not in "'\"":
            if kind in _ESCAPES and value[0] == '"':
                return (f"the text of {key} is in double quotes, where a backslash starts a code such as \\n",
                        f'Put a \\ before each \\ in the text, from line {line} to the " that ends it.')
            return None
        value, comment = joined, ""
    inner = value[1:-1] if len(value) > 1 and value[0] in "'\"" and value[-1] in "'\"" else value
    if value[:1] not in ("'", '"') and _cuts_text(comment):  # `zie: bijlage #2`: the '#2' is the text's too
        inner, value, comment = value + comment, value + comment, ""
    escape = kind in _ESCAPES and value[0] == '"'
    if not inner.strip() or (kind in _AFTER_A_VALUE and value[0] not in "'\"[{>|") or (kind in _ESCAPES and not escape):
        return None
    if value[:1] not in ("'", '"') and not comment:  # a text that goes on below, indented deeper than its key: all of it
        end, inner = _going_on(lines, line, len(indent), inner)
    quoted = f"'{inner}'" if escape and "'" not in inner else quote(inner)
    fixed = f"{key}: {quoted}{comment}"
    if not _reads_past("\n".join(lines[:line - 1] + [indent + fixed] + lines[end:]), line):
        return None
    place = f", on one line in place of lines {line} to {end}" if end > line else ""
    if kind in _UNQUOTED_REASONS:
        reason = _UNQUOTED_REASONS[kind]
    elif escape:
        reason = "is in double quotes, where a backslash starts a code such as \\n; in single quotes a backslash is itself"
        if quoted[0] == '"':  # an apostrophe in it: single quotes would end there; the backslashes doubled
            if len(fixed) > PASTE_WIDTH:
                return f"the text of {key} {reason}", "Put a \\ before each \\ in the text."
            return f"the text of {key} {reason}", f"Put a \\ before each \\ in the text{place}: {fixed}"
        if len(fixed) > PASTE_WIDTH:  # a line cut short, pasted, would lose text
            return f"the text of {key} {reason}", "Put the text in single quotes in place of the double ones."
        return f"the text of {key} {reason}", f"Put the text in single quotes{place}: {fixed}"
    elif value[0] in "'\"":
        reason = (f"is quoted with {value[0]}, and a {value[0]} inside it ends it early"
                  + (" (an apostrophe, as in foto's, ends a text in '...')" if value[0] == "'" else ""))
    else:
        reason = f"starts with '{value[0]}', which YAML does not allow at the start of a text without quotes"
    if len(fixed) > PASTE_WIDTH and value[0] in "'\"":  # a line cut short, pasted, would lose text
        names = {"'": "single", '"': "double"}
        how = (f"Put the whole text in {names[quoted[0]]} quotes in place of the {names[value[0]]} ones" if quoted[0] != value[0]
               else "Keep the double quotes around the text")
        escapes = ', and a \\ before each " and each \\ in it' if quoted[0] == '"' and ('"' in inner or "\\" in inner) else ""
        return f"the text of {key} {reason}", f"{how}{escapes}."
    if len(fixed) > PASTE_WIDTH:
        lines_of = f" (lines {line} to {end})" if end > line else ""
        return f"the text of {key} {reason}", f"Put the whole text in quotes{lines_of}: {quoting_in_words(inner, line, end)}."
    return f"the text of {key} {reason}", f"Put the whole text in quotes{place}: {fixed}"


def _line(text: str, line: int) -> str:
    lines = editor_lines(text)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _clip(text: str, n: int = 80) -> str:
    from raio_cli.privacy import clip

    return clip(text, n)


def is_date_text(value: Any) -> bool:
    return isinstance(value, str) and bool(_DATE_ONLY.match(value))
