"""JSON Schemas in; findings at the offending value's line and column out.

The schemas (``schemas/*.schema.json``, JSON Schema 2020-12) are read and their validators built
once per process. Each validation error becomes one readable finding: "effects[1] lacks the
required field 'kind'", never a dump of the schema. Values that YAML read as a number, boolean or
date where the schema wants text get the YAML-specific code YML007 with the hint to quote them.

``jsonschema`` is imported here and only here, so commands that do not validate never pay for it.

Fast path: when ``jsonschema_rs`` (a compiled validator, optional) is installed, every document is
first asked ``is_valid`` there; only documents it rejects go through ``jsonschema`` for the
detailed findings. That is exact as long as jsonschema-rs is never more lenient than
``jsonschema``, so the fast path is used only for schemas whose keywords and patterns are known to
behave so (:func:`_fast_safe`), formats are judged by the same rules as jsonschema's format
checker (:data:`_FORMATS`), and any error inside jsonschema-rs counts as "rejected".
tests/test_fast_path.py compares both paths on the example files, mutated copies and the test
fixtures. Without jsonschema-rs, or with ``RAIO_SCHEMA_FAST=0``, every document takes the
jsonschema path.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import os
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

from raio_cli import jsontext, privacy
from raio_cli.findings import Finding, Severity
from raio_cli.values import THOUSANDS_POINTS, calendar_slip, calendar_slip_hint, date_meant
from raio_cli.resources import schemas_dir
from raio_cli.yamlio import PASTE_WIDTH, Loaded, editor_lines, quote, quoting_in_words

#: File name (without .yaml) -> schema name.
SCHEMA_NAMES = ("raio", "application", "problem", "effects", "compliance", "pilot", "monitoring")

_FORMAT_CODES = {"pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                 "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "minProperties",
                 "maxProperties", "multipleOf"}
_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "empty"}
_YAML_WORDS = {"float": "a number", "int": "a whole number", "bool": "a boolean", "timestamp": "a date",
               "null": "empty"}


@cache
def load_schema(name: str) -> dict:
    """The schema for a dossier file name (``application``…) or ``raio``."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no schema named {name!r}; known: {', '.join(SCHEMA_NAMES)}")
    with open(schemas_dir() / f"{name}.schema.json", encoding="utf-8") as fh:
        return json.load(fh)


def schema_text(name: str) -> str:
    """The schema ``name`` as written to a file (``raio schema --write``, ``raio init``)."""
    return jsontext.dumps(load_schema(name), indent=2) + "\n"


def plan_write(folder: Path) -> list[tuple[Path, str, str]]:
    """What ``raio schema --write folder`` finds for every schema, before anything is written:
    ``(file, text, state)``, the state being ``new``, ``unchanged`` or ``differs``."""
    from pathlib import Path

    plan = []
    for name in SCHEMA_NAMES:
        dest, text = Path(folder) / f"{name}.schema.json", schema_text(name)
        try:
            state = "unchanged" if dest.read_text(encoding="utf-8") == text else "differs"
        except FileNotFoundError:
            state = "differs" if dest.is_symlink() else "new"
        except (OSError, UnicodeDecodeError):
            state = "differs"
        plan.append((dest, text, state))
    return plan


def schema_version(name: str) -> int:
    return int(load_schema(name).get("x-raio-schema-version", 1))


@cache
def validator(name: str):
    from jsonschema import Draft202012Validator, FormatChecker

    schema = load_schema(name)
    # jsonschema's "regex" check lets the RecursionError or OverflowError of a pattern nested
    # thousands of groups deep or repeated beyond re's limit through: judged as the fast path does
    checker = FormatChecker(())
    checker.checkers = {**Draft202012Validator.FORMAT_CHECKER.checkers, "regex": (_format_regex, ())}
    return Draft202012Validator(schema, format_checker=checker)


def validate(doc: Loaded, name: str, app: str = "") -> list[Finding]:
    """Schema findings for one loaded file (nothing when it could not be read)."""
    if not isinstance(doc.data, dict):
        return []
    findings = []
    if not is_valid_fast(doc.data, name):
        for error in validator(name).iter_errors(doc.data):
            findings.extend(_to_findings(error, doc, name, app))
        # `task: no` is not one of the allowed values, quoted or not: SCH004 says so, and YML007's
        # "quote it" would not help
        listed = {(f.line, f.column) for f in findings if f.code == "SCH004"}
        findings = [f for f in findings if f.code != "YML007" or (f.line, f.column) not in listed]
    findings.extend(_dates_as_text(doc, name, app))
    findings.extend(_thousands_read_as_whole(doc, name, app))
    if doc.comments:
        findings.extend(_comments_cutting_text(doc, name, app))
    return findings


# --- the compiled fast path ----------------------------------------------------------------

#: Keywords for which jsonschema-rs accepts no instance that jsonschema rejects (checked on the
#: fixture corpus in tests/test_fast_path.py). ``multipleOf`` is not among them: jsonschema-rs
#: accepts 0.3 as a multiple of 0.1, jsonschema does not.
_FAST_KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly", "type", "enum", "const", "properties", "required",
    "additionalProperties", "propertyNames", "minProperties", "maxProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "pattern", "format", "oneOf", "anyOf", "allOf",
})
#: Patterns jsonschema-rs reads no more leniently than Python's ``re``: literals, classes, groups,
#: quantifiers, ``^``/``$`` and the escapes ``\d`` (ASCII there, Unicode in Python) and escaped
#: punctuation. ``\s``, ``\w``, ``\b`` and their negations differ between ECMA and Python.
_SAFE_PATTERN = re.compile(r"(?:\\[d.\-/\\+*?()\[\]{}|^$]|\((?:\?:)?(?!\?)|[^\\(])*")
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _format_date(value: str) -> bool:  # jsonschema's "date": the pattern and a real calendar day
    try:
        return bool(_RE_DATE.fullmatch(value) and _dt.date.fromisoformat(value))
    except ValueError:
        return False


def _format_email(value: str) -> bool:  # jsonschema's "email" and "idn-email"
    return "@" in value


def _format_regex(value: str) -> bool:  # jsonschema's "regex": Python's re compiles it
    try:
        re.compile(value)
        return True
    except Exception:  # re.error, and anything stranger, sends the document to jsonschema
        return False


def _format_other(fmt: str):
    """Any other format: ask jsonschema's own format checker (imported on first use)."""
    def check(value: str) -> bool:
        from jsonschema import Draft202012Validator

        try:
            return bool(Draft202012Validator.FORMAT_CHECKER.conforms(value, fmt))
        except Exception:
            return False
    return check


_FORMATS = {"date": _format_date, "email": _format_email, "idn-email": _format_email, "regex": _format_regex}


def _fast_safe(node: Any, formats: set) -> bool:
    """True when every keyword (and pattern) in the schema is one the fast path is exact for."""
    if isinstance(node, list):
        return all(_fast_safe(n, formats) for n in node)
    if not isinstance(node, dict):
        return True
    for key, value in node.items():
        if key in ("properties", "$defs"):
            if not isinstance(value, dict) or not all(_fast_safe(v, formats) for v in value.values()):
                return False
            continue
        if key.startswith("x-") or key in ("description", "title", "default", "examples", "$comment", "enum", "const"):
            continue
        if key not in _FAST_KEYWORDS:
            return False
        if key == "pattern" and not (isinstance(value, str) and _SAFE_PATTERN.fullmatch(value)):
            return False
        if key == "format" and isinstance(value, str):
            formats.add(value)
        if key == "$ref" and not (isinstance(value, str) and value.startswith("#")):
            return False
        if not _fast_safe(value, formats):
            return False
    return True


@cache
def fast_validator(name: str):
    """The jsonschema-rs validator for a schema, or None (not installed, turned off, not exact)."""
    if os.environ.get("RAIO_SCHEMA_FAST", "1") == "0":
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schema = load_schema(name)
    formats: set = set()
    if not _fast_safe(schema, formats):
        return None
    try:
        return jsonschema_rs.Draft202012Validator(
            schema, formats={f: _FORMATS.get(f) or _format_other(f) for f in formats},
            validate_formats=True, ignore_unknown_formats=True)
    except Exception:
        return None


def is_valid_fast(data: Any, name: str) -> bool:
    """True only when the compiled validator accepts ``data`` (then jsonschema would too)."""
    v = fast_validator(name)
    if v is None:
        return False
    try:
        return v.is_valid(data) is True
    except Exception:  # a value it cannot take (a lone surrogate, a huge number): the slow path decides
        return False


def _to_findings(error, doc: Loaded, name: str, app: str) -> list[Finding]:
    path = tuple(error.absolute_path)
    where = _human(path)
    kind = error.validator

    def make(code, line_col, message, hint="", data=None):
        line, col = line_col
        return Finding(doc.file, line, col, code, Severity.ERROR, message, hint, app, data or {}, path)

    if kind == "required":
        missing = _quoted_first(error.message)
        if _misspelt_as(error, missing):
            return []  # `efects:` for `effects:`: SCH002's "did you mean 'effects'?" says it, once
        owner = f"{where} lacks" if path else "the file lacks"
        props = error.schema.get("properties", {})
        desc = props.get(missing, {}).get("description", "") if isinstance(props, dict) else ""
        return [make("SCH001", doc.where(path + (missing,)), f"{owner} the required field '{missing}'",
                     f"Add '{missing}:'" + (f" ({_first_sentence(desc)})" if desc else "") + ".",
                     {"variant": "in", "where": where, "key": missing} if path else {"variant": "file", "key": missing})]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = sorted((error.schema.get("properties") or {}).keys())
        value = error.instance if isinstance(error.instance, dict) else {}
        out = []
        for key in value:
            if key in known:
                continue
            dotted = _dotted_hint(doc, path, value, str(key), known)
            meant, dutch = (None, False) if dotted else _meant(str(key), known)
            hint = dotted or (f"Did you mean '{meant}'?" + (" (field names are English)" if dutch else "")) if dotted or meant else (
                _misplaced_hint(doc, name, path, str(key)) or _deeper_hint(doc, name, path, str(key))
                or (f"Known fields here: {', '.join(known)}." if known else "Remove it."))
            out.append(make("SCH002", doc.where(path + (key,), key=True),
                            f"unknown field '{_clip(key)}'" + (f" in {where}" if path else ""), hint,
                            {"variant": "in", "key": _clip(key), "where": where} if path
                            else {"variant": "file", "key": _clip(key)}))
        return out
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        coerced = doc.coerced.get(path)
        if coerced and "string" in expected and coerced[0] != "null":
            ytype, written = coerced
            text, joined = _as_written(written)
            if ytype in ("int", "float") and _is_date_field(name, _generic(path)):  # 20270101: a number, and no date
                return [make("SCH005", doc.where(path), f"{where}: '{_clip(text)}'{joined} is not a date in the form YYYY-MM-DD",
                             _date_hint(text, path), {"where": where, "variant": "date", "value": _clip(text)})]
            quoted = " (between double quotes, as written)" if joined else \
                f': {path[-1] if path and isinstance(path[-1], str) else "value"}: "{text}"'
            return [make("YML007", doc.where(path),
                         f"{where} is '{text}'{joined}, which YAML reads as {_YAML_WORDS.get(ytype, ytype)}, but it must be text",
                         f"Quote it{quoted}", {"where": where, "value": text, "read_as": "yaml_" + ytype})]
        written = _as_written(coerced[1])[0] if coerced else error.instance
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        got = "empty" if error.instance is None else _TYPE_WORDS.get(_json_type(error.instance), "something else")
        got_type = "null" if error.instance is None else _json_type(error.instance)
        if coerced and coerced[0] == "float" and THOUSANDS_POINTS.fullmatch(str(written)):
            got += f" ({written}, which YAML reads as {error.instance})"  # n: 4.310, meant as 4310
        return [make("SCH003", doc.where(path), f"{where} must be {wanted}, not {got}",
                     _text_for_fields_hint(error, path, written)
                     or (_comparison_hint(path[-1], written, _parent(doc.data, path))
                         if name == "effects" and path and path[-1] in ("target", "limit") else "")
                     or _type_hint(expected, written, path[-1] if path and isinstance(path[-1], str) else "",
                                   _resolve(error.schema.get("items"), load_schema(name)) if isinstance(error.schema, dict) else None,
                                   error.schema if isinstance(error.schema, dict) else None),
                     {"where": where, "wanted": [str(t) for t in expected],
                      "got": got_type if got_type in _TYPE_WORDS else "other"})]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        shown = ", ".join(str(a) for a in allowed)
        coerced = doc.coerced.get(path)  # `task: no`: say 'no', as written, not 'False'
        written, joined = _as_written(coerced[1]) if coerced and coerced[0] != "null" else (error.instance, "")
        dutch = _dutch_value(str(written), [str(a) for a in allowed])  # kwaliteit: quality, as memos word it
        close = None if dutch else _closest(str(written), [str(a) for a in allowed])
        hint = f"Did you mean '{dutch}'? (values are English)" if dutch else f"Did you mean '{close}'?" if close else f"Use one of: {shown}."
        return [make("SCH004", doc.where(path), f"{where} is '{_clip(written)}'{joined}; allowed: {shown}", hint,
                     {"where": where, "value": _clip(written), "allowed": shown})]
    if kind == "pattern" and error.schema.get("format") == "date" and isinstance(error.instance, str):
        return []  # a date that misses the pattern fails the date format too: one finding, not two
    if kind in _FORMAT_CODES:
        return [make("SCH005", doc.where(path), f"{where}: {_format_message(error)}",
                     _decimal_comma_hint(doc, path, error) or _date_hint(error.instance, path, error) or _format_hint(error),
                     {"where": where, **_format_data(error)})]
    if kind in ("oneOf", "anyOf"):
        from jsonschema.exceptions import best_match

        inner = best_match(error.context) if error.context else None
        if inner is not None and inner.validator not in ("oneOf", "anyOf"):
            return _to_findings(inner, doc, name, app)
        return [make("SCH006", doc.where(path), f"{where} matches none of the allowed forms",
                     f"See 'raio schema {name}' for the allowed forms.", {"variant": "forms", "where": where})]
    return [make("SCH006", doc.where(path), f"{where}: {_clip(error.message, 160)}",
                 f"See 'raio schema {name}'.", {"variant": "other", "where": where, "detail": _clip(error.message, 160)})]


def _dates_as_text(doc: Loaded, name: str, app: str) -> list[Finding]:
    out = []
    for path, (ytype, text) in doc.coerced.items():
        if ytype != "timestamp" or _is_date_field(name, _generic(path)):
            continue
        if not any(_accepts_text(s, load_schema(name)) for s in _subschemas(load_schema(name), load_schema(name), _generic(path))):
            continue  # an unknown field (`eind: 2027-06-30`) or one for fields (`plan: 2027-01-01`): SCH002 or SCH003 says what to write
        line, col = doc.where(path)
        out.append(Finding(doc.file, line, col, "YML018", Severity.WARNING,
                           f"{_human(path)} is '{text}', which YAML 1.1 tools read as a date, not as text",
                           f'Quote it: "{text}"', app, {}, path))
    return out


def _thousands_read_as_whole(doc: Loaded, name: str, app: str) -> list[Finding]:
    """SCH003 for a whole number written with points between the thousands, as Dutch writes it,
    that YAML reads as a whole number all the same: `sample_size: 4.000` is 4.0, which the schema
    takes for the whole number 4. (4.310 is not whole: the schema's SCH003 says that one.)"""
    out = []
    schema = load_schema(name)
    for path, (ytype, text) in doc.coerced.items():
        if ytype != "float" or not THOUSANDS_POINTS.fullmatch(text):
            continue
        value = _value_at(doc.data, path)
        if not isinstance(value, float) or not value.is_integer():
            continue
        if not any(isinstance(s, dict) and s.get("type") == "integer" for s in _subschemas(schema, schema, _generic(path))):
            continue
        line, col = doc.where(path)
        key = path[-1] if path and isinstance(path[-1], str) else ""
        out.append(Finding(doc.file, line, col, "SCH003", Severity.ERROR,
                           f"{_human(path)} must be a whole number, not a number ({text}, which YAML reads as {value:g})",
                           _type_hint(["integer"], text, key), app,
                           {"where": _human(path), "wanted": ["integer"], "got": "number"}, path))
    return out


def _comments_cutting_text(doc: Loaded, name: str, app: str) -> list[Finding]:
    """YML019: a comment right after a plain text in a field of free text (`name: Fracture
    detection #2 site`), which YAML reads as "Fracture detection". The reader notes each comment
    after one space (Loaded.comments); two spaces or more, a quoted text, a number, date or yes/no,
    a value from a list, an id or code, and a suppression (`# raio: ignore[...]`) are left alone."""
    out = []
    for path, (line, col, comment) in doc.comments.items():
        value = _value_at(doc.data, path)
        if not isinstance(value, str) or path in doc.coerced or comment.startswith("# raio:") or \
                not _is_free_text(name, _generic(path)):
            continue
        key = f"{path[-1]}:" if isinstance(path[-1], str) else "-"  # a list item: - "text"
        start = doc.where(path)[0]  # a text over several lines is quoted on one
        place = f" on one line, in place of lines {start} to {line}" if start < line else ""
        fixed = f"{key} {quote(value + ' ' + comment)}"
        if len(fixed) <= PASTE_WIDTH:
            how = f"quote it{place}: {fixed}"
        else:  # a line cut short, pasted, would lose text
            how = ("put the whole text in quotes, the ' #' and what follows it included"
                   + (f" (lines {start} to {line})" if start < line else "") + f": {quoting_in_words(value + ' ' + comment, start, line)}")
        out.append(Finding(doc.file, line, col, "YML019", Severity.WARNING,
                           f"{_human(path)} is read as '{_clip(value)}': YAML reads '{_clip(comment, 40)}' after it as a comment, not as text",
                           f"If the '#' belongs to the text, {how}; if it is a comment, put two spaces before the '#'.", app,
                           {"where": _human(path), "value": _clip(value), "comment": _clip(comment, 40)}, path))
    return out


@cache
def _is_free_text(name: str, path: tuple) -> bool:
    """Whether the field at ``path`` takes free text: text with no list of values, form or pattern."""
    schema = load_schema(name)
    return any(_free_text(s, schema) for s in _subschemas(schema, schema, path))


def _free_text(node: Any, root: dict) -> bool:
    node = _resolve(node, root)
    if not isinstance(node, dict) or any(k in node for k in ("enum", "const", "format", "pattern")):
        return False
    kind = node.get("type")
    if kind is None:
        return any(_free_text(b, root) for k in ("oneOf", "anyOf") for b in node.get(k, []))
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def _generic(path: tuple) -> tuple:
    return tuple("*" if isinstance(p, int) else p for p in path)


@cache
def _is_date_field(name: str, path: tuple) -> bool:
    schema = load_schema(name)
    return any(_is_date_schema(s, schema) for s in _subschemas(schema, schema, path))


def _resolve(node: Any, root: dict) -> Any:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        node = root
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        seen += 1
    return node


def _subschemas(node: Any, root: dict, path: tuple) -> list:
    node = _resolve(node, root)
    if not isinstance(node, dict):
        return []
    branches = [node] + [b for k in ("oneOf", "anyOf", "allOf") for b in node.get(k, [])]
    if not path:
        return [_resolve(b, root) for b in branches]
    head, rest = path[0], path[1:]
    found = []
    for b in branches:
        b = _resolve(b, root)
        if not isinstance(b, dict):
            continue
        if head == "*":
            if "items" in b:
                found += _subschemas(b["items"], root, rest)
        else:
            props = b.get("properties", {})
            if head in props:
                found += _subschemas(props[head], root, rest)
            elif isinstance(b.get("additionalProperties"), dict):
                found += _subschemas(b["additionalProperties"], root, rest)
    return found


def entry_line(name: str, path: tuple) -> str:
    """How an entry of the list at ``path`` of dossier file ``name`` starts, for a hint: ``'- option:
    ...'`` when the entries are mappings (a bare '- text' line would be SCH003), else ``'- '``."""
    try:
        schema = load_schema(name)
    except (KeyError, OSError, ValueError):
        return "'- '"
    for node in _subschemas(schema, schema, _generic(tuple(path)) + ("*",)):
        required, _others = _fields(node)
        if required:
            return f"'- {required[0]}: ...'"
    return "'- '"


def _accepts_text(node: Any, root: dict) -> bool:
    """Whether a schema may accept a text (it names no type, or a type list with string)."""
    node = _resolve(node, root)
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    if kind is None:
        branches = [b for k in ("oneOf", "anyOf") for b in node.get(k, [])]
        return not branches or any(_accepts_text(b, root) for b in branches)
    return kind == "string" or (isinstance(kind, list) and "string" in kind)


def _is_date_schema(node: Any, root: dict) -> bool:
    node = _resolve(node, root)
    if not isinstance(node, dict):
        return False
    if node.get("format") in ("date", "date-time"):
        return True
    return any(_is_date_schema(b, root) for k in ("oneOf", "anyOf", "allOf") for b in node.get(k, []))


def _human(path: tuple) -> str:
    """('effects', 1, 'target') -> 'effects[1].target' (the file's top level is 'the file')."""
    if not path:
        return "the file"
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _quoted_first(message: str) -> str:
    return message.split("'")[1] if message.count("'") >= 2 else message


def _first_sentence(text: str) -> str:
    """A schema description's first sentence, without its full stop: as a memo cuts a dossier's
    text, not at "e.g." ("Role or function, e.g" was a hint's end)."""
    from raio_cli.documents.i18n import first_sentence

    return first_sentence(text).rstrip(".")[:120]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _closest(written: str, allowed: list[str]) -> str | None:
    """The allowed value a slip was meant to be: one that differs only in case first (IIA is
    IIa, not IIb, which shares more letters case by case), else the nearest without regard to case."""
    folded = {a.casefold(): a for a in allowed}
    if written.casefold() in folded:
        return folded[written.casefold()]
    close = difflib.get_close_matches(written.casefold(), list(folded), n=1)
    return folded[close[0]] if close else None


def _misspelt_as(error, missing: str) -> bool:
    """Whether an unknown field beside a missing required one is that field misspelt (the
    suggestion SCH002 makes for it)."""
    known = sorted((error.schema.get("properties") or {}).keys()) if isinstance(error.schema, dict) else []
    if not known or not isinstance(error.instance, dict) or error.schema.get("additionalProperties") is not False:
        return False
    return any(_meant(str(key), known)[0] == missing for key in error.instance if key not in known)


def _meant(key: str, known: list[str]) -> tuple[str | None, bool]:
    """The known field an unknown key was meant to be, and whether it was found as a Dutch word
    (catalog field_words.yaml: `doel` is target) rather than as a near spelling (`taget`)."""
    from raio_cli.catalog import field_words

    word = "_".join(key.casefold().replace("-", " ").split())
    dutch = next((f for f in field_words().get(word, []) if f in known), None)
    if dutch:
        return dutch, True
    close = difflib.get_close_matches(key, known, n=1)
    return (close[0] if close else None), False


def _dotted_hint(doc: Loaded, path: tuple, holder: dict, key: str, known: list[str]) -> str:
    """An unknown key written as a dotted path (`reported_to.vendor:`, as a hint or the docs name
    a nested field): how to write it nested, since YAML reads the dots as part of one name.
    "Did you mean 'reported_to'?" would, followed, give a second reported_to; two dotted keys of
    one parent are told to go into one mapping."""
    parts = key.split(".")
    if len(parts) < 2 or parts[0] not in known or not all(p.strip() for p in parts):
        return ""
    first = parts[0]
    if first in holder:
        if isinstance(holder.get(first), dict) and len(parts) == 2:
            line = doc.where(path + (first,), key=True)[0]
            return (f"YAML reads '{_clip(key)}' as one name: move it under the {first}: of line {line}, as "
                    f"{parts[1]}: {_written(holder.get(key))} indented as its other lines, and remove this line.")
        return f"YAML reads '{_clip(key)}' as one name, and {first} is already given: write the value inside {first}."
    siblings = [k for k in holder if isinstance(k, str) and k.split(".")[0] == first and len(k.split(".")) > 1
                and all(p.strip() for p in k.split("."))]

    def nested(k: str) -> str:
        flow = _written(holder.get(k))
        for part in reversed(k.split(".")[2:]):
            flow = f"{{{part}: {flow}}}"
        return f"{k.split('.')[1]}: {flow}"

    if len(siblings) > 1 and len({k.split(".")[1] for k in siblings}) == len(siblings):
        names = " and ".join(f"'{_clip(k)}'" for k in siblings)
        return (f"YAML reads {names} as names of their own: write them nested in one {first}: "
                f"{{{', '.join(nested(k) for k in siblings)}}} and remove those lines.")
    return (f"YAML reads '{_clip(key)}' as one name: write it nested, {first}: {{{nested(key)}}} "
            f"(or {first}: on a line of its own and the rest indented under it).")


def _written(value: Any) -> str:
    """A short scalar as it can be typed back into YAML (VALUE for anything longer or nested)."""
    from raio_cli.scaffold import yaml_plain

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str) and 0 < len(value) <= 60 and value.isprintable():
        return yaml_plain(value)
    return "VALUE"


def _misplaced_hint(doc: Loaded, name: str, path: tuple, key: str) -> str:
    """An unknown field that is a field of the mapping one level up (`target` indented under
    `baseline`): where it belongs, by the column of the key it was put under."""
    if not path or not isinstance(path[-1], str) or path[:-1] not in doc.pos:
        return ""
    parent = _value_at(doc.data, path[:-1])
    if not isinstance(parent, dict) or key in parent:
        return ""
    schema = load_schema(name)
    if not any(key in (b.get("properties") or {}) for b in _subschemas(schema, schema, _generic(path[:-1])) if isinstance(b, dict)):
        return ""
    column = doc.where(path, key=True)[1]
    return f"'{key}' is a field of {_human(path[:-1])}, not of {_human(path)}: indent it as far as '{path[-1]}:' (column {column})."


def _deeper_hint(doc: Loaded, name: str, path: tuple, key: str) -> str:
    """An unknown field that is a field of a mapping written just above it (`n:` after a
    baseline's fields, two spaces too far left): under which key it belongs and how far to indent it."""
    holder = _value_at(doc.data, path)
    if not isinstance(holder, dict):
        return ""
    line = doc.where(path + (key,), key=True)[0]
    schema = load_schema(name)
    above = [(doc.where(path + (k,), key=True)[0], k) for k, v in holder.items()
             if isinstance(v, dict) and v and key not in v and doc.where(path + (k,), key=True)[0] < line]
    if not above:
        return ""
    sib = max(above)[1]
    if not any(key in (b.get("properties") or {}) for b in _subschemas(schema, schema, _generic(path + (sib,))) if isinstance(b, dict)):
        return ""
    last = list(holder[sib])[-1]
    column = doc.where(path + (sib, last), key=True)[1]
    return f"'{key}' is a field of {_human(path + (sib,))}: indent it under '{sib}:' as far as '{last}:' (column {column})."


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


#: Yes and no as a Dutch (or English) writer types them where YAML needs true or false
_TRUE_WORDS = frozenset({"ja", "j", "waar", "true", "wel", "y"})
_FALSE_WORDS = frozenset({"nee", "n", "onwaar", "false", "niet", "geen"})
#: A number as people write it in text: a decimal comma (84,5) or a unit after it (92%, 92 %)
_NUMBER_TEXT = re.compile(r"\s*([+-]?\d+)(?:([.,])(\d+))?\s*(%|[^\W\d_]+)?\s*")


#: An item of a list written as one text that can stand in [a, b] as it is
_FLOW_ITEM = re.compile(r"[^\s,:#&*!|>'\"%@`\[\]{}?-][^,:#\[\]{}]*")


#: Two numbers written as a range in one text: 88-94, 88 - 94.2%, 88 tot 94
_RANGE_TEXT = re.compile(r"\s*([+-]?\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|tot|to|;)\s*([+-]?\d+(?:[.,]\d+)?)\s*%?\s*")


def _date_hint(value: Any, path: tuple, error=None) -> str:
    """A date written otherwise than YYYY-MM-DD (1-3-2027, 15 maart 2027, 20270101): the date to
    write, and how a day written before its month was read; "" when it names no single day."""
    if error is not None and (error.validator != "format" or error.validator_value != "date"):
        return ""
    meant = date_meant(value)
    if not meant:
        return "" if error is not None else "Write dates as YYYY-MM-DD, e.g. 2026-03-01."
    iso, reading = meant
    key = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
    return f"Write {key}{iso} (dates are YYYY-MM-DD" + (f"; {_clip(value)} read as {reading}" if reading else "") + ")."


def _decimal_comma_hint(doc: Loaded, path: tuple, error) -> str:
    """A list of numbers with decimal commas inside brackets (`interval: [88,0, 94,2]`, which YAML
    reads as four numbers): the list as meant, from the text as written."""
    if error.validator != "maxItems" or not path or not isinstance(path[-1], str) or not isinstance(error.instance, list):
        return ""
    line, col = doc.where(path)
    lines = editor_lines(doc.raw.decode("utf-8", "replace")) if doc.raw else []
    text = lines[line - 1][col - 1:] if 0 < line <= len(lines) else ""
    m = re.match(r"\[([^\]]*)\]", text)
    if not m or not re.search(r"\d,\d", m.group(1)):
        return ""
    items = [t.strip() for t in re.sub(r"(\d),(\d)", r"\1.\2", m.group(1)).split(",")]
    if len(items) > error.validator_value or not all(re.fullmatch(r"[+-]?\d+(?:\.\d+)?", t) for t in items):
        return ""
    return (f"Write {path[-1]}: [{', '.join(items)}] (with decimal points: inside [ ] a comma separates the items, "
            f"so {m.group(1).split(',')[0].strip()},{m.group(1).split(',')[1].strip()} is read as two numbers).")


#: The field a text written where a mapping belongs goes in (owner: dr. X is owner.name)
_TEXT_FIELDS = ("name", "option")


def _as_written(text: str) -> tuple[str, str]:
    """A plain value YAML read as something else, as a finding quotes it, and what to add after
    the quotes. A long number written with underscores (111_222_333: YAML 1.1's 111222333) is
    quoted as YML006 does, its digits joined (a BSN in them masked) and " (written with
    underscores)" after it: with the underscores, a BSN, a patient number or a long number would
    escape the masking of what raio prints."""
    if "_" in text and sum(c.isdigit() for c in text) > 6:
        return privacy.mask_identifiers(text.replace("_", ""), []), " (written with underscores)"
    return text, ""


def _text_for_fields_hint(error, path: tuple, text: Any) -> str:
    """A text where a mapping of fields belongs, whose mapping names it with a field of
    :data:`_TEXT_FIELDS` (`owner: dr. A. de Vries`, an alternative as `- extra scholing`): the
    field to write it in."""
    props = error.schema.get("properties") if isinstance(error.schema, dict) and error.schema.get("type") == "object" else None
    field = next((f for f in _TEXT_FIELDS if isinstance(props, dict) and f in props), None)
    if not field or not isinstance(text, str) or not text.strip() or '"' in text or not path:
        return ""
    quoted = quote(text)  # in double quotes, in single ones when it holds a backslash
    kind = "single" if quoted.startswith("'") else "double"
    written = f"{field}: {quoted}" if len(field) + 2 + len(quoted) <= PASTE_WIDTH else f"{field}: and the text, in {kind} quotes"
    if isinstance(path[-1], int):
        return f'Write the item as - {written} (more fields below it, indented as far as {field}:).'
    return f'Write {path[-1]}: on a line of its own and below it, indented two spaces, {written}.'


#: The sections of the memo texts (strings.yaml) whose Dutch labels name allowed values
_LABELLED = ("stage", "kind", "threshold_kind", "domain", "task", "hosting", "risk", "frequency", "severity", "choice", "status", "role")


@cache
def _dutch_labels() -> tuple:
    """(Dutch label in lower case, value) from the memo texts: kwaliteit -> quality, detectie -> detection."""
    from raio_cli.documents.i18n import strings

    nl = strings("nl")
    return tuple((str(label).casefold(), str(value)) for section in _LABELLED
                 for value, label in (nl.get(section) or {}).items() if isinstance(label, str))


def _dutch_value(written: str, allowed: list[str]) -> str | None:
    """The allowed value whose Dutch label (as memos show it), or another Dutch word for it
    (catalog field_words.yaml ``values``: hoger for increase), was written instead of it."""
    from raio_cli.catalog import value_words

    word = " ".join(written.split()).casefold()
    return next((value for label, value in _dutch_labels() if label == word and value in allowed), None) or next(
        (value for value in value_words().get(word, ()) if value in allowed), None)


def _fields(schema: Any) -> tuple[list[str], list[str]]:
    """The fields of a mapping of ``schema``: (its required ones, else its first; the others)."""
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict) or not props:
        return [], []
    required = [k for k in schema.get("required") or [] if k in props] or \
        (["value"] if "value" in props else list(props)[:1])
    return required, [k for k in props if k not in required]


def _flow_mapping(key: str, fields: tuple[list[str], list[str]], instance: Any, listed: bool = False) -> str:
    """``key: {first: <instance>, second: SECOND}`` (each further field's placeholder its name in
    capitals, as YYYY-MM-DD is a date's; ``listed``: in a list, ``key: [{...}]``), and the
    optional fields after it in brackets."""
    required, others = fields
    entry = ", ".join(f"{f}: {_flow_value(instance) if i == 0 else f.upper()}" for i, f in enumerate(required))
    more = f" (its other fields: {', '.join(f + ':' for f in others)})" if others else ""
    return f"{key}: [{{{entry}}}]{more}" if listed else f"{key}: {{{entry}}}{more}"


def _flow_value(instance: Any) -> str:
    """A scalar as it can stand in a flow mapping (``...`` when it cannot, or is no scalar)."""
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        return str(instance)
    if isinstance(instance, str) and _FLOW_ITEM.fullmatch(instance.strip()) and " #" not in instance:
        return instance.strip()
    return "..."


def _type_hint(expected: list, instance: Any, key: Any = "", items: Any = None, schema: Any = None) -> str:
    whole = "integer" in expected and "number" not in expected
    if "array" in expected and not isinstance(instance, list) and isinstance(items, dict) and items.get("type") == "object":
        fields = _fields(items)  # a list of entries (alternatives): '- item' lines would be texts, not entries
        if key and fields[0]:
            first = fields[0][0]
            return (f"Write a list of entries, each a mapping: {_flow_mapping(key, fields, instance, listed=True)}, "
                    f"or under {key}: one entry per '- {first}: ...' line, its other fields indented under it.")
    if "array" in expected and not isinstance(instance, list):
        pair = _RANGE_TEXT.fullmatch(instance) if isinstance(instance, str) and isinstance(items, dict) else None
        if key and pair and items.get("type") in ("number", "integer"):
            return (f"Write {key}: [{pair.group(1).replace(',', '.')}, {pair.group(2).replace(',', '.')}] "
                    "(a list in square brackets, with decimal points).")
        texts = [t.strip() for t in instance.split(",")] if isinstance(instance, str) else []
        if key and isinstance(items, dict) and items.get("type") == "string" and texts and all(
                _FLOW_ITEM.fullmatch(t) and " #" not in t for t in texts):
            return f"Write {key}: [{', '.join(texts)}] (a list in square brackets), or one '- item' per line, indented under the key."
        return "Write a list: one '- item' per line, indented under the key."
    if "object" in expected:
        fields = _fields(schema)
        if key and fields[0]:  # baseline: 84 means baseline: {value: 84}
            return (f"Write its fields as a mapping: {_flow_mapping(key, fields, instance)}, or each on a line of "
                    f"its own, indented under {key}:.")
        return "Write the fields indented under the key, one 'name: value' per line."
    if whole and isinstance(instance, str) and THOUSANDS_POINTS.fullmatch(instance.strip()):
        number = instance.strip().replace(".", "")
        what = "(a whole number, without points between the thousands)"
        return f"Write {key}: {number} {what}." if key else f"Write {number} {what}."
    if ("number" in expected or "integer" in expected) and isinstance(instance, str):
        number = _number_meant(instance)
        if whole and number and "." not in number:
            return f"Write {key}: {number} (a whole number, without quotes or units)." if key else f"Write {number} (a whole number, without quotes or units)."
        if whole:
            return "Write a whole number, without quotes or units."
        if number:
            what = "(a number with a decimal point, without quotes or units; the unit goes in 'unit')."
            return f"Write {key}: {number} {what}" if key else f"Write {number} {what}"
        return "Write the number with a decimal point (84.5, not 84,5), without quotes or units (put the unit in 'unit')."
    if expected == ["boolean"] and key:
        word = str(instance).strip().strip("'\"").casefold() if isinstance(instance, str) else ""
        meant = "true" if word in _TRUE_WORDS else "false" if word in _FALSE_WORDS else ""
        if meant:
            return f"Write {key}: {meant} (true or false, without quotes)."
        return f"Write {key}: true or {key}: false, without quotes."
    if instance is None:
        return "Fill in a value, or remove the key."
    return "Change the value to the expected type."


#: A target or limit written as text around one number: "below 80", "max 5%", "80 or more"
_COMPARED = re.compile(r"(?P<before>[^\d]*?)(?P<number>[+-]?\d+(?:[.,]\d+)?)\s*(?P<unit>%|procent|percent)?"
                       r"(?P<after>[^\d]*)", re.IGNORECASE)


def _parent(data: Any, path: tuple) -> Any:
    """The mapping or list that holds the value at ``path`` in ``data`` (None when it is not there)."""
    for step in path[:-1]:
        if isinstance(data, dict) and step in data or isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def _comparison_hint(key: str, text: Any, effect: Any) -> str:
    """A target or limit written with words that compare (`target: "below 80"`, `limit: "max 5%"`,
    catalog field_words.yaml ``comparisons``): the number to write, and that the direction those
    words imply is the effect's own field, ``direction`` (which it has, lacks, or contradicts);
    "" for any other text."""
    from raio_cli.catalog import comparison_words

    short = isinstance(text, str) and len(text) <= 80 and len(re.findall(r"\d+(?:[.,]\d+)?", text)) == 1
    m = _COMPARED.fullmatch(text.strip()) if short else None
    number = _number_meant(m.group("number")) if m else ""
    words = " ".join(f"{m.group('before')} {m.group('after')}".split()) if m else ""
    implied = comparison_words().get(words.casefold()) if number and words else None
    if implied is None:
        return ""
    better = {"increase": "higher is better", "decrease": "lower is better"}
    unit = "; the unit goes in 'unit'" if m.group("unit") else ""
    words = _clip(words, 30)
    hint = f"Write {key}: {number} (a number, without quotes or words{unit}); '{words}' says {better[implied]}, "
    direction = effect.get("direction") if isinstance(effect, dict) else None
    direction = direction if isinstance(direction, str) else None  # a list or mapping there: SCH003 of its own
    if direction == implied:
        return hint + f"as the effect's own field direction: {implied} already does."
    if direction in better:
        return hint + (f"but the effect's own field says direction: {direction} ({better[direction]}): check which is "
                       f"meant; if '{words}' is, write direction: {implied}.")
    return hint + f"which is the effect's own field: write direction: {implied}."


def _number_meant(text: str) -> str:
    """The number a text such as '84,5', '92%' or '92 %' means, as YAML writes it; "" when it is
    not clear (a comma before three digits may separate thousands: 1,500)."""
    m = _NUMBER_TEXT.fullmatch(text)
    if not m:
        return ""
    whole, sep, frac, _unit = m.groups()
    if sep == "," and len(frac) == 3:
        return ""
    return whole + (f".{frac}" if frac else "")


def _format_message(error) -> str:
    kind, value, inst = error.validator, error.validator_value, error.instance
    if kind == "format" and value == "date":
        slip = calendar_slip(inst)
        if slip is None:
            return f"'{_clip(inst)}' is not a date in the form YYYY-MM-DD"
        month, days = slip
        why = f"that month has {days} days" if days else f"there is no month {month}"
        return f"'{_clip(inst)}' is not a day of the calendar: {why}"
    if kind == "pattern":
        return f"'{_clip(inst)}' does not have the required form"
    if kind == "minimum":
        return f"{inst} is less than the minimum {value}"
    if kind == "maximum":
        return f"{inst} is more than the maximum {value}"
    if kind == "exclusiveMinimum":
        return f"{inst} must be more than {value}"
    if kind == "exclusiveMaximum":
        return f"{inst} must be less than {value}"
    if kind == "minItems":
        return f"the list needs at least {value} item{'s' if value != 1 else ''}"
    if kind == "maxItems":
        return f"the list may hold at most {value} item{'s' if value != 1 else ''}"
    if kind == "uniqueItems":
        return "the list holds the same item twice"
    if kind == "minLength":
        return "the text is empty" if value == 1 else f"the text needs at least {value} characters"
    if kind == "maxLength":
        return f"the text is longer than {value} characters"
    return _clip(error.message, 160)


def _format_data(error) -> dict:
    """The values of :func:`_format_message`'s sentence, named, with its variant (the memo words
    them in its language; strings.yaml ``finding``, SCH005_<variant>)."""
    kind, value, inst = error.validator, error.validator_value, error.instance
    if kind == "format" and value == "date":
        slip = calendar_slip(inst)
        if slip is None:
            return {"variant": "date", "value": _clip(inst)}
        month, days = slip
        return ({"variant": "calendar_day", "value": _clip(inst), "days": str(days)} if days
                else {"variant": "calendar_month", "value": _clip(inst), "month": str(month)})
    if kind == "pattern":
        return {"variant": "pattern", "value": _clip(inst)}
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return {"variant": kind, "value": str(inst), "limit": str(value)}
    if kind in ("minItems", "maxItems"):
        return {"variant": kind + ("_one" if value == 1 else "_many"), "limit": str(value)}
    if kind == "uniqueItems":
        return {"variant": "uniqueItems"}
    if kind == "minLength":
        return {"variant": "empty"} if value == 1 else {"variant": "minLength", "limit": str(value)}
    if kind == "maxLength":
        return {"variant": "maxLength", "limit": str(value)}
    if kind == "format" and value in ("email", "idn-email", "regex", "uri"):
        return {"variant": "email" if value.endswith("email") else value, "value": _clip(inst)}
    if kind == "minProperties" and value == 1:
        return {"variant": "empty_mapping"}
    if kind in ("minProperties", "maxProperties"):
        return {"variant": kind + ("_one" if value == 1 else "_many"), "limit": str(value)}
    if kind == "multipleOf":
        return {"variant": "multipleOf", "value": str(inst), "limit": str(value)}
    # jsonschema's English for a keyword raio's schemas do not use: the Dutch leaves it out
    return {"variant": "other", "detail": _clip(error.message, 160)}


def _format_hint(error) -> str:
    kind, value = error.validator, error.validator_value
    if kind == "format" and value == "date":
        slip = calendar_slip(error.instance)
        if slip is None:
            return "Write dates as YYYY-MM-DD, e.g. 2026-03-01."
        return calendar_slip_hint(error.instance, slip)
    if kind == "pattern":
        desc = error.schema.get("description", "")
        return (_first_sentence(desc) + ".") if desc else f"It must match {value}."
    return "Correct the value."


def _clip(text: Any, n: int = 80) -> str:
    from raio_cli.privacy import clip

    return clip(text, n)


def all_schemas() -> dict[str, dict]:
    return {name: load_schema(name) for name in SCHEMA_NAMES}
