"""Scaffolding: a new portfolio (``raio init``) and a new application dossier (``raio new-pilot``).

Plain data in, files out. The commands in :mod:`raio_cli.commands.scaffold` only parse options,
ask questions and print; everything that decides what is written lives here.

Safety, in the order a user relies on it:

- Nothing is ever overwritten. ``init`` refuses a folder that already holds ``raio.yaml`` and
  leaves any other existing file alone (and says so); ``new-pilot`` refuses an existing
  application folder. There is no ``--force``.
- Nothing is half-written. Each file is written atomically (:mod:`raio_cli.fsio`); a dossier is
  written as one folder rename, so an interrupted ``new-pilot`` leaves all five files or none.
- No patient data. An id, name or other answer that holds a BSN or a match of raio.yaml's
  ``phi_patterns`` is refused before anything is written (the id and name would otherwise go
  into a commit message for good), and the refusal masks it.
- Nothing is written outside the portfolio. An application id must be a lowercase ASCII slug
  (no ``..``, ``/``, absolute paths or Unicode look-alikes), and no file is written through a
  symbolic link.
- User text can never break a YAML file: every answer is rendered by the ``q`` filter as a
  double-quoted YAML string (JSON syntax, which YAML reads), so quotes, colons, ``#`` and
  newlines come back exactly as typed. Answers never go into comments.
- User text in Markdown (the portfolio README's heading) goes through the ``md`` filter
  (:func:`raio_cli.documents.jinja_env.escape_markdown`): a name holding HTML or a link stays
  text on the page a forge or wiki renders from the README.

Templates are Jinja2 files in ``templates/dossier`` and ``templates/portfolio`` (see
:func:`raio_cli.resources.templates_dir`), rendered with ``StrictUndefined`` and without
autoescaping (the output is YAML or Markdown, quoted by the filters). Jinja2 is imported only
when something is rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from raio_cli import shellhint

#: The files ``new-pilot`` writes, in order (monitoring.yaml comes at production).
DOSSIER_FILES = ("application", "problem", "effects", "compliance", "pilot")
CI_CHOICES = ("github", "gitlab", "none")
LANGUAGES = ("nl", "en")
#: Where ``raio init`` puts the CI file for each choice, and the template it copies.
CI_FILES = {
    "github": (".github/workflows/raio.yml", "ci/github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "ci/gitlab-ci.yml"),
}
#: What in a CI template stands for where CI installs raio from (:func:`install_spec`).
PACKAGE_MARK = "@RAIO_PACKAGE@"
SCHEMA_DIR = ".raio/schemas"
#: Longest answer accepted; dossier texts are paragraphs, and raio's loader flags far longer ones.
MAX_ANSWER = 20_000
#: Most characters of an application's name in the subject of the commit ``new-pilot --commit`` makes.
SUBJECT_NAME_CHARS = 60

#: Free-text answers of ``new-pilot`` and the option each one comes from.
TEXT_ANSWERS = {
    "name": "--name",
    "vendor": "--vendor",
    "product": "--product",
    "version": "--version",
    "owner": "--owner",
    "owner_role": "--owner-role",
    "intended_use": "--intended-use",
    "statement": "--statement",
    "for_whom": "--for-whom",
    "stays_with_radiologist": "--stays-with-radiologist",
}
#: raio init's texts that go into raio.yaml (and every memo's heading): answer -> option.
INIT_TEXT_ANSWERS = {"organisation": "--organisation", "department": "--department", "email_domains": "--email-domain"}
#: Answers that must be one of the values the application schema allows: answer -> (option, schema path).
ENUM_ANSWERS = {
    "stage": ("--stage", ("stage",)),
    "task": ("--task", ("task",)),
    "mdr_class": ("--mdr-class", ("regulatory", "mdr_class")),
    "hosting": ("--hosting", ("integration", "hosting")),
}


class ScaffoldError(Exception):
    """A refusal or a bad answer: one line for the user, a hint, and what was already written."""

    def __init__(self, message: str, hint: str = "", written: list | None = None, missing: bool = False):
        super().__init__(message)
        self.hint = hint
        self.written = list(written or [])
        self.missing = missing  # an answer the questions ask for (--id, --name) was not given


# --------------------------------------------------------------------------------------------
# YAML-safe rendering


def yaml_quoted(value: Any) -> str:
    """``value`` as a double-quoted YAML scalar that reads back exactly as ``str(value)``.

    JSON string syntax is valid YAML. Characters that YAML would fold or refuse inside a quoted
    scalar even when escaped by nothing (C1 controls, the Unicode line and paragraph separators,
    a byte-order mark, surrogates, non-characters) are written as ``\\uXXXX`` escapes.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return "".join(f"\\u{ord(ch):04x}" if _needs_escape(ch) else ch for ch in text)


def _needs_escape(ch: str) -> bool:
    code = ord(ch)
    return (0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)
            or 0xD800 <= code <= 0xDFFF)


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def yaml_plain(value: Any) -> str:
    """A short word (an id, an enum value) written plain when YAML reads it back as that text.

    ``yes``, ``null``, ``123`` or ``0x1f`` would be read as something else, so they, and anything
    that is not a simple word, are quoted with :func:`yaml_quoted`.
    """
    import yaml

    text = str(value)
    if _PLAIN.fullmatch(text) and text.casefold() not in _YAML11_WORDS:
        try:
            if yaml.safe_load(f"k: {text}\n") == {"k": text}:
                return text
        except yaml.YAMLError:  # pragma: no cover - a simple word always parses
            pass
    return yaml_quoted(text)


_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def yaml_flow(values: Iterable) -> str:
    """A list of words as a YAML flow sequence: ``[CT, MR]``."""
    return "[" + ", ".join(yaml_plain(v) for v in values) + "]"


def comment_text(value: Any, limit: int = 200) -> str:
    """Text that is safe inside a ``#`` comment: one line, printable, clipped between two words
    (and never inside a number, :func:`raio_cli.privacy.clip`) when longer than ``limit``."""
    from raio_cli.privacy import clip

    text = " ".join(str(value).split())
    text = "".join(ch for ch in text if ch.isprintable())
    if len(text) > limit:
        space = text.rfind(" ", 0, limit)
        if space > 0:
            limit = space + 1  # the cut falls on the space: "(classification of…", not "(classifica…"
    return clip(text, limit, strip=True)


def comment_wrap(text: str, prefix: str, width: int = 100) -> str:
    """``text`` (one line, as :func:`comment_text` gives it) folded at word boundaries into
    lines of at most ``width`` characters, each continued line starting with ``prefix`` (the
    comment's ``#`` and indentation): a legal source is written whole, not cut."""
    import textwrap

    glued = _REFERENCE_GAP.sub("\x00", text)  # "Art 19", "Annex VIII", "Art 28 (2)" stay on one line
    lines = textwrap.wrap(glued, width=max(width - len(prefix), 20), break_long_words=False,
                          break_on_hyphens=False)
    return ("\n" + prefix).join(line.replace("\x00", " ") for line in lines)


#: A space before a number, a roman numeral, a bracketed number or "(EU)": where a legal reference
#: ("Art 19", "Annex VIII", "(3)(b)") must not be folded onto two lines.
_REFERENCE_GAP = re.compile(r" (?=\d|[IVX]+\b|\(\d|\(EU\))")


def _env(folder: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from raio_cli.documents.jinja_env import escape_markdown

    from raio_cli.resources import templates_dir

    env = Environment(
        loader=FileSystemLoader(str(templates_dir() / folder)),
        undefined=StrictUndefined,
        autoescape=False,  # YAML and Markdown; values are quoted by the filters below
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = yaml_quoted
    env.filters["y"] = yaml_plain
    env.filters["flow"] = yaml_flow
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.filters["comment"] = comment_text
    env.filters["comment_wrap"] = comment_wrap
    env.filters["md"] = escape_markdown
    return env


# --------------------------------------------------------------------------------------------
# Answers


def suggest_id(name: str) -> str | None:
    """A slug made from a name ("Fractuurdetectie SEH" -> "fractuurdetectie-seh"), or None."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:64].strip("-")
    from raio_cli.portfolio import APP_ID

    return text if APP_ID.fullmatch(text) else None


def id_problem(app_id: Any) -> str | None:
    """Why ``app_id`` is not a valid application id, or None when it is."""
    if not isinstance(app_id, str) or not app_id:
        return "the id is empty"
    from raio_cli.portfolio import APP_ID

    if APP_ID.fullmatch(app_id):
        return None
    if len(app_id) < 3 or len(app_id) > 64:
        return f"it has {len(app_id)} characters; an id has 3 to 64"
    for ch in app_id:
        if not ("a" <= ch <= "z" or "0" <= ch <= "9" or ch == "-"):
            shown = ch if ch.isprintable() and not ch.isspace() else ""
            what = f"'{shown}' " if shown else ""
            return f"it contains the character {what}(U+{ord(ch):04X}), which is not a-z, 0-9 or '-'"
    return "it starts or ends with '-'"


def show(value: Any, limit: int = 60) -> str:
    """A user's value quoted for an error message: one line, control characters escaped."""
    from raio_cli.terminal import printable

    from raio_cli.privacy import clip

    return "'" + clip(printable(str(value)), limit) + "'"


def _schema_enum(path: tuple) -> list[str]:
    from raio_cli.schema import load_schema

    node: Any = load_schema("application")
    for key in path:
        node = node["properties"][key]
    return list(node["enum"])


def choices(name: str) -> list[str]:
    """The allowed values of an enum answer (``task``, ``stage``, ``mdr_class``, ``hosting``, ``modality``)."""
    if name == "modality":
        from raio_cli.schema import load_schema

        return list(load_schema("application")["properties"]["modality"]["items"]["enum"])
    return _schema_enum(ENUM_ANSWERS[name][1])


def _text(value: Any, option: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    if not value.strip():
        return None
    from raio_cli.terminal import character_name, hidden
    from raio_cli.yamlio import TEXT_BREAKS

    for ch in value:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            raise ScaffoldError(f"{option} is not valid text (it holds bytes that are not UTF-8)",
                                "Type the text again, or save it as UTF-8.")
        if (code < 0x20 and ch not in "\n\t\r") or 0x7F <= code <= 0x9F:
            raise ScaffoldError(f"{option} contains a control character (U+{code:04X})",
                                "Remove it; only ordinary text, tabs and line breaks are accepted.")
        if ch not in TEXT_BREAKS and hidden(ch):  # raio check's YML020, and raio export refuses it
            raise ScaffoldError(f"{option} contains a character that shows nothing or acts on a screen "
                                f"({character_name(ch)})",
                                "Type the text again (one pasted from a web page or a chat can carry such characters); "
                                "only ordinary text, tabs and line breaks are accepted.")
    if len(value) > MAX_ANSWER:
        raise ScaffoldError(f"{option} is {len(value)} characters long; the limit is {MAX_ANSWER}",
                            "Put long documents in the application's evidence/ folder and refer to them.")
    return value


def _enum(value: Any, option: str, allowed: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    for candidate in allowed:
        if text.casefold() == candidate.casefold():
            return candidate
    meant = meant_value(text, allowed)
    raise ScaffoldError(f"{option} {show(text)} is not allowed{f'; did you mean {meant}?' if meant else ''}",
                        f"Use one of: {', '.join(allowed)}.")


def meant_value(text: str, allowed: list[str]) -> str | None:
    """The allowed value ``text`` (not one of them) was probably meant: a near spelling
    (planed for planned), else the English value of a Dutch word (geen for none); or None."""
    import difflib

    text = str(text).strip()
    near = difflib.get_close_matches(text.casefold(), [c.casefold() for c in allowed], n=1, cutoff=0.7)
    meant = next((c for c in allowed if near and c.casefold() == near[0]), None)
    if meant is None:  # a Dutch word for the value (geen for none), as raio check names it in a dossier
        from raio_cli.schema import _dutch_value

        meant = _dutch_value(text, list(allowed)) or None
    return meant


def normalise_answers(answers: dict) -> dict:
    """Validated answers with every key present (None where not given).

    Raises :class:`ScaffoldError` naming the option of the first bad or missing answer. Free text
    is kept exactly as given (whitespace-only counts as not given); enum values are matched
    without regard to case and written as the schema spells them; modalities may be given as
    ``"CT,MR"`` or as a list.
    """
    out: dict[str, Any] = {}
    app_id = answers.get("id")
    if app_id is None or app_id == "":
        slug = suggest_id(answers.get("name") or "")
        raise ScaffoldError("missing --id", f"Give the application an id, e.g. --id {slug or 'fracture-detection'} "
                            "(lowercase letters, digits and '-', 3-64 characters).", missing=True)
    problem = id_problem(app_id)
    if problem:
        slug = suggest_id(app_id)
        raise ScaffoldError(f"--id {show(app_id)} is not a valid application id: {problem}",
                            "Use 3-64 characters: lowercase letters a-z, digits and '-', not starting or "
                            "ending with '-', e.g. " + (f"--id {slug}." if slug else "fracture-detection."))
    out["id"] = app_id
    for key, option in TEXT_ANSWERS.items():
        out[key] = _text(answers.get(key), option)
    if out["name"] is None:
        raise ScaffoldError("missing --name", "Give the application a human-readable name, e.g. --name \"Fracture detection ED\".",
                            missing=True)
    for key, (option, _path) in ENUM_ANSWERS.items():
        out[key] = _enum(answers.get(key), option, choices(key))
    out["stage"] = out["stage"] or "proposed"
    modality: list[str] = []
    raw = answers.get("modality") or []
    for entry in [raw] if isinstance(raw, str) else raw:
        for part in str(entry).split(","):
            code = _enum(part, "--modality", choices("modality"))
            if code and code not in modality:
                modality.append(code)
    out["modality"] = modality
    alternatives = []
    raw_alts = answers.get("alternatives") or []
    for alt in [raw_alts] if isinstance(raw_alts, str) else raw_alts:
        text = _text(alt, "--alternative")
        if text is not None:
            alternatives.append(text)
    out["alternatives"] = alternatives
    out["effects"] = _effects(answers.get("effects") or [])
    in_house = answers.get("in_house")  # --in-house yes|no, or the question; None: not said
    if not isinstance(in_house, bool):
        in_house = _enum(in_house, "--in-house", ["yes", "no"])
        in_house = None if in_house is None else in_house == "yes"
    out["in_house"] = in_house
    out["stage_since"] = stage_since(answers.get("stage_since"))
    return out


def stage_since(raw: Any, day: dt.date | None = None, option: str = "--stage-since") -> dt.date | None:
    """``--stage-since``: the day the application entered its stage (an application already
    running when the portfolio begins), as a date; None when not given. The one check of it, for
    the option and for raio new-pilot's question (``option`` "": the message starts with the
    value): :class:`ScaffoldError` when it is not written YYYY-MM-DD (the form a dossier's dates
    take) or, with ``day`` (today, or --today's), lies after ``day``."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    from raio_cli.values import date_refusal, parse_date

    since = parse_date(raw)
    named = f"{option} " if option else ""
    if since is None:
        text = str(raw).strip()
        reason, hint = date_refusal(text, option, show(text)[1:-1])  # shown unquoted in "(... read as ...)"
        raise ScaffoldError(f"{named}{show(text)} {reason}",
                            hint or f"Give the day the application entered its stage as YYYY-MM-DD, "
                                    f"e.g. {named}2024-12-01.")
    if day is not None and since > day:  # raio check would flag it (DAT)
        raise ScaffoldError(f"{named}{since.isoformat()} lies after today ({day.isoformat()})",
                            "Give the day the application entered its stage, which has passed; a stage still "
                            "ahead is not the stage it is in.")
    return since


def check_stage_options(answers: dict, day: dt.date) -> None:
    """Refuse a bad ``--stage`` or ``--stage-since`` as :func:`plan_pilot` would, before raio
    new-pilot asks its questions (rather than after all of them)."""
    _enum(answers.get("stage"), "--stage", choices("stage"))
    stage_since(answers.get("stage_since"), day)


def _effects(raw: Any) -> list[dict]:
    """Effects given as ``"benefit:description"`` / ``"guardrail:description"`` (or dicts with
    ``kind`` and ``description``), numbered E1, E2 ... and G1, G2 ...; the first benefit is primary."""
    effects: list[dict] = []
    counts = {"benefit": 0, "guardrail": 0}
    for entry in [raw] if isinstance(raw, str) else raw:
        if isinstance(entry, dict):
            kind, description = entry.get("kind"), entry.get("description")
        else:
            kind, sep, description = str(entry).partition(":")
            if not sep:
                kind = ""
        kind = str(kind or "").strip().casefold()
        problem = effect_problem(entry) if isinstance(entry, str) else None  # as the question says it
        if kind not in counts:
            raise ScaffoldError(f"--effect {show(entry)} cannot be used: "
                                + (problem or "it does not say its kind, benefit or guardrail"),
                                "Write --effect \"benefit:fewer missed fractures\" or --effect \"guardrail:no extra reading time\".")
        text = _text(description, "--effect")
        if text is None:
            raise ScaffoldError(f"--effect {show(entry)} cannot be used: it has no description after the kind",
                                "Write what is expected after the kind, e.g. --effect \"benefit:fewer missed fractures\".")
        counts[kind] += 1
        effects.append({"id": f"{'E' if kind == 'benefit' else 'G'}{counts[kind]}", "kind": kind,
                        "description": text.strip(), "primary": kind == "benefit" and counts[kind] == 1})
    return effects


#: The syntax of one effect, as ``--effect`` takes it and the questions ask for it, with an example of each kind.
EFFECT_SYNTAX = "KIND:TEXT, KIND being benefit or guardrail"
EFFECT_EXAMPLES = ("benefit:fewer missed fractures at night", "guardrail:no longer reading time per study")


def answer_problem(value: Any, option: str, patterns=()) -> str | None:
    """Why a typed answer (the text an option such as ``--name`` would give) cannot be used, or
    None when it can: not UTF-8, a control character, too long, or a patient identifier (masked,
    :func:`refuse_identifiers`). The questions re-ask with this reason instead of refusing every
    answer at the end."""
    from raio_cli import privacy

    try:
        _text(value, option)
    except ScaffoldError as exc:
        return f"{exc}. {exc.hint}"
    hits = privacy.identifiers_in({option: value}, patterns) if value else []
    if hits:
        return f"{privacy.describe_hits(hits)}; a portfolio holds no patient data, so leave patient identifiers out."
    return None


def effect_problem(entry: str, patterns=()) -> str | None:
    """Why ``entry`` (one effect as ``--effect`` takes it, :data:`EFFECT_SYNTAX`) cannot be
    used, or None when :func:`normalise_answers` accepts it as ``--effect`` would."""
    text_problem = answer_problem(entry, "the effect", patterns)
    if text_problem:
        return text_problem
    kind, sep, description = str(entry).partition(":")
    bare = not sep and kind.strip().casefold() in ("benefit", "guardrail")  # 'benefit' and nothing after it
    if not bare and (not sep or kind.strip().casefold() not in ("benefit", "guardrail")):
        return ("it does not start with its kind, benefit: or guardrail:" if not sep else
                f"its kind {show(kind.strip(), 30)} is neither benefit nor guardrail")
    if not description.strip():
        return "it has no description after the kind"
    return None


# --------------------------------------------------------------------------------------------
# The compliance checklist of a new application


def checklist(application: dict, policy: dict | None = None,
              today: dt.date | None = None) -> tuple[list[dict], list[str]]:
    """The checklist items that apply to ``application`` (application.yaml data), at any stage.

    Each item's title and legal source are worded as the law reads on ``today`` (default: the
    real date; see :func:`raio_cli.catalog.worded_on`), as ``raio check --today`` and the memo
    quote them: a dossier scaffolded before an amendment quotes the text then in force.

    Returns ``(groups, notes)``: groups ``[{"stage": s, "items": [{id, owner, title, source}]}]``
    by the first stage whose gate requires the item (catalog order within a stage), and notes
    for the user (e.g. when raio.yaml's ``checklist_extra`` could not be read and only the
    built-in catalog was used). Items whose condition raio cannot decide yet (no MDR class, no
    hosting) are included: better one item too many on day one than one missing at the gate.
    """
    from raio_cli import catalog as cat

    notes: list[str] = []
    policy = policy or {}
    try:
        items = cat.compliance_catalog(policy.get("checklist_extra") or None)
        first = _first_stages(application, items, policy)
    except (cat.CatalogError, TypeError, AttributeError, KeyError) as exc:
        notes.append(f"raio.yaml policy could not be used for the checklist ({comment_text(exc, 160)}); "
                     "the built-in catalog was used. Run raio check to see what is wrong.")
        items = cat.compliance_catalog()
        first = _first_stages(application, items, None)
    day = today if today is not None else dt.date.today()
    groups: list[dict] = []
    for stage in cat.STAGES:
        ids = [i for i, s in first.items() if s == stage]
        if not ids:
            continue
        entries = []
        for item_id in ids:
            item = items.get(item_id)
            if item is not None:
                item = cat.worded_on(item, day)
            if item is None:
                entries.append({"id": item_id, "owner": "", "title": "required by raio.yaml policy, not in any catalog",
                                "source": ""})
            else:
                entries.append({"id": item_id, "owner": str(item.get("owner") or ""),
                                "title": str(item.get("title_en") or item_id), "source": str(item.get("source") or "")})
        groups.append({"stage": stage, "items": entries})
    return groups, notes


def _first_stages(application: dict, items: dict, policy: dict | None) -> dict[str, str]:
    from raio_cli import catalog as cat

    first: dict[str, str] = {}
    for stage in cat.STAGES:
        for item_id in cat.required_items(stage, application, items, policy):
            first.setdefault(item_id, stage)
    order = {item_id: n for n, item_id in enumerate(items)}
    return dict(sorted(first.items(), key=lambda kv: (cat.stage_index(kv[1]), order.get(kv[0], len(order)))))


def application_data(answers: dict) -> dict:
    """The application.yaml data the answers amount to (for the catalog's conditions)."""
    data: dict[str, Any] = {"id": answers["id"], "name": answers["name"], "stage": answers["stage"]}
    if answers.get("task"):
        data["task"] = answers["task"]
    if answers.get("modality"):
        data["modality"] = list(answers["modality"])
    if answers.get("mdr_class"):
        data["regulatory"] = {"mdr_class": answers["mdr_class"]}
    if isinstance(answers.get("in_house"), bool):  # decides the MDR duties (Art 5(5)) and so the checklist
        data.setdefault("regulatory", {})["in_house"] = answers["in_house"]
    if answers.get("hosting"):
        data["integration"] = {"hosting": answers["hosting"]}
    return data


def ai_act_basis(application: dict, lang: str = "en") -> str | None:
    """The basis to write with ``ai_act: {risk: high}`` when the stated MDR class makes the
    application high-risk under the AI Act (the catalog's ``high_risk_when`` of the item
    ai-act-classification, which raio check's CMP012 holds the dossier to), in the portfolio's
    language ``lang``; else None."""
    from raio_cli import catalog as cat

    mdr = cat.high_risk_mdr_class(application, cat.compliance_catalog().get("ai-act-classification"))
    return cat.high_risk_basis(mdr, lang) if mdr else None


# --------------------------------------------------------------------------------------------
# new-pilot


#: The commented examples' dates as (months, days) after the first day of the month after next
#: from the day of scaffolding (the example pilot's start), keeping the spacing of a pilot: six
#: months long, extended by two, decided a month after its end, retired two years later.
#: ``None``: the day of scaffolding itself (stage_since, the day a checklist item was settled).
EXAMPLE_DATES = {
    "today": None,
    "start": (0, 0), "end": (6, -1), "amendment": (2, 0),
    "extension_end": (8, -1), "extension_date": (5, 14), "outcome": (6, 14), "decision": (7, 0),
    "new_end": (10, -1), "certificate_expires": (23, -1), "retirement": (28, -1), "retirement_decided": (25, 14),
}


def example_dates(today: dt.date | None = None) -> dict[str, str]:
    """The ISO dates the dossier templates show in their commented examples, counted from
    ``today`` (default: the real date) so that an example a RAIO uncomments lies ahead of the
    day they scaffold, never years in the past; the same day gives the same dates."""
    day = today if today is not None else dt.date.today()
    start = _months_later(day.replace(day=1), 2)
    return {name: (day if at is None else _months_later(start, at[0]) + dt.timedelta(days=at[1])).isoformat()
            for name, at in EXAMPLE_DATES.items()}


def _months_later(first: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``first`` (itself a first day)."""
    n = first.year * 12 + first.month - 1 + months
    return dt.date(n // 12, n % 12 + 1, 1)


def render_dossier(answers: dict, catalog_groups: list[dict] | None = None, policy: dict | None = None,
                   today: dt.date | None = None, language: str = "en") -> dict[str, str]:
    """The dossier files for ``answers``: ``{"application.yaml": text, ...}`` (five files).

    ``answers`` as :func:`normalise_answers` takes them (they are normalised here again);
    ``catalog_groups`` as :func:`checklist` returns them (computed from the built-in catalog when
    None, worded as the law reads on ``today``); ``policy`` is the portfolio's merged policy (for
    the numbers the comments quote). The commented examples' dates count from ``today`` too
    (:func:`example_dates`). ``language`` is the portfolio's (raio.yaml ``language``): the AI Act
    basis raio fills in is written in it, and so are the commented examples of the AI Act basis
    (the catalog's wording) and of the lawful basis, which memos quote.
    Each text is checked to read back as a YAML mapping; a template bug raises RuntimeError.
    """
    from raio_cli.catalog import high_risk_basis as cat_high_risk_basis
    from raio_cli.portfolio import merged_policy
    from raio_cli.yamlio import load_bytes

    a = normalise_answers(answers)
    policy = merged_policy(policy) if policy is None or isinstance(policy, dict) else merged_policy(None)
    if catalog_groups is None:
        catalog_groups, _notes = checklist(application_data(a), policy, today)
    env = _env("dossier")
    context = {
        "a": a,
        "groups": catalog_groups,
        "policy": policy,
        "choices": {name: choices(name) for name in ("task", "stage", "mdr_class", "hosting", "modality")},
        "register_categories": _schema_enum(("public", "publication_category")),
        "ai_act_basis": ai_act_basis(application_data(a), language),
        # the commented examples of a value a memo quotes cite the law as the portfolio's language does
        "language": language,
        "basis_example": cat_high_risk_basis("IIa", language),
        "ex": example_dates(today),
    }
    files = {}
    for name in DOSSIER_FILES:
        text = env.get_template(f"{name}.yaml.j2").render(**context)
        loaded = load_bytes(text.encode("utf-8"), f"{name}.yaml")
        if not isinstance(loaded.data, dict) or any(str(f.severity) == "error" for f in loaded.findings):
            raise RuntimeError(f"the {name}.yaml template produced a file raio cannot read")
        files[f"{name}.yaml"] = text
    return files


@dataclass
class PilotPlan:
    """What ``new-pilot`` will write: the folder, its files, and notes for the user."""

    root: Path
    folder: Path
    files: dict[str, str]
    answers: dict
    notes: list[str] = field(default_factory=list)
    #: What the stage's gate still needs after scaffolding: field paths, files, checklist items.
    needed: list[str] = field(default_factory=list)

    @property
    def rel(self) -> str:
        return f"applications/{self.answers['id']}"

    @property
    def paths(self) -> list[Path]:
        return [self.folder / name for name in self.files]

    @property
    def rel_paths(self) -> list[str]:
        return [f"{self.rel}/{name}" for name in self.files]


def plan_pilot(root: Path, answers: dict, today: dt.date | None = None) -> PilotPlan:
    """Validate the answers and render the dossier for portfolio ``root``; writes nothing.

    ``today`` (default: the real date) is the day whose legal wording the checklist quotes, and
    from which the commented examples' dates count.

    Raises :class:`ScaffoldError` for a bad answer, an existing application folder, or an
    ``applications`` folder that is a link to elsewhere.
    """
    from raio_cli import privacy
    from raio_cli.portfolio import APPS_DIR, inside, language_of, load_config, merged_policy

    root = Path(root).resolve()
    a = normalise_answers(answers)
    day = today or dt.date.today()
    stage_since(a["stage_since"], day)
    apps = root / APPS_DIR
    if apps.is_symlink() or (apps.exists() and not apps.is_dir()):
        if not (apps.is_dir() and inside(apps, root)):
            raise ScaffoldError(f"{APPS_DIR} in {root} is not a folder of this portfolio",
                                "Make applications/ an ordinary folder inside the portfolio.")
    folder = apps / a["id"]
    settings: Any = {}
    config = load_config(root)
    if isinstance(config.data, dict):
        settings = config.data
    policy = merged_policy(settings.get("policy") if isinstance(settings, dict) else None, config)
    refuse_identifiers(a, privacy.patterns_of(policy))
    problem = id_taken(root, a["id"])
    if problem:
        raise ScaffoldError(problem, "Choose another --id, or edit the existing files.")
    groups, notes = checklist(application_data(a), policy, today)
    language = language_of(settings)  # the portfolio's: the AI Act basis is written in it
    files = render_dossier(a, groups, policy, today, language)
    if not (root / SCHEMA_DIR).is_dir():
        notes.append(f"{SCHEMA_DIR}/ is missing, so editors cannot validate while you type; "
                     f"create it with: raio schema --write {SCHEMA_DIR}")
    needed = still_needed(files, a["stage"], policy)
    return PilotPlan(root=root, folder=folder, files=files, answers=a, notes=notes, needed=needed)


#: What each problem.yaml key asks for, in the words of the "Next:" steps.
_PROBLEM_KEYS = {
    "statement": "statement (what goes wrong)",
    "for_whom": "for_whom",
    "alternatives": "alternatives (non-AI ones included)",
    "stays_with_radiologist": "stays_with_radiologist",
}


def pilot_begun(stage: str | None) -> bool:
    """Whether an application in ``stage`` is past the start of its pilot (pilot and every stage
    after it): a dossier scaffolded there, for an application already running when the portfolio
    begins, can no longer commit its effects before ``plan.start``."""
    from raio_cli.catalog import STAGES

    return stage in STAGES and STAGES.index(stage) >= STAGES.index("pilot")


def next_steps(plan: "PilotPlan", where=lambda rel: rel) -> list[str]:
    """What is still to do after ``new-pilot``, in order, each step naming the file and the keys:
    only the problem.yaml keys (and other fields the stage's gate needs) the answers left empty,
    and the effects: to pre-register when none were given, to complete (metric, baseline, target
    or limit) when they were. ``where`` shows a portfolio-relative path as the user can use it
    (relative to the current folder)."""
    rel = plan.rel
    steps: list[str] = []
    needed = list(plan.needed)
    problem_keys = [p.split(".", 1)[1] for p in needed if p.startswith("problem.")]
    if problem_keys:
        keys = ", ".join(_PROBLEM_KEYS.get(k, k) for k in problem_keys)
        steps.append(f"Describe the problem in {where(rel + '/problem.yaml')}: {keys}.")
    effects = plan.answers.get("effects") or []
    stage = plan.answers.get("stage") or "proposed"
    begun = pilot_begun(stage)
    # a dossier scaffolded in a stage its pilot has passed (a hospital taking raio up with
    # applications already running): its effects can no longer be committed before plan.start
    when = ("Commit them before plan.start in pilot.yaml; if it has passed, effects committed now are not "
            "pre-registered: mark each post_hoc: true (raio rule REG001)." if begun
            else "Commit them before plan.start in pilot.yaml.")
    if effects:
        ids = ", ".join(e["id"] for e in effects)
        steps.append(f"Complete the effects {ids} in {where(rel + '/effects.yaml')}: metric, unit, direction, "
                     f"baseline (value and source), target (benefits) or limit (guardrails), measurement. {when}")
    else:
        steps.append(f"Pre-register the effects in {where(rel + '/effects.yaml')} (effects): benefits with a target, "
                     f"guardrails with a limit, each with a baseline and its source. {when}")
    if begun and plan.answers.get("stage_since") is None:
        steps.append(f"Write stage_since in {where(rel + '/application.yaml')}: the date the application entered "
                     f"stage {stage} (days in stage, and monitoring in production, count from it; else from today).")
    by_file: dict[str, list[str]] = {}
    for path in needed:
        name, _, key = path.partition(".")
        if name == "problem" or (name == "effects" and (key == "effects" or effects)):
            continue  # (the effects step above names what the effects given still lack)
        if path.endswith(".yaml") and "." not in path[:-5]:  # a whole file the gate needs
            by_file.setdefault(path, [])
        elif key and not path[0].isdigit():
            by_file.setdefault(f"{name}.yaml", []).append(key)
    for file_name, keys in by_file.items():
        if keys:
            steps.append(f"Fill in {where(rel + '/' + file_name)}: {', '.join(keys)}.")
        elif file_name == "monitoring.yaml":  # raio monitor writes it from its template
            steps.append(f"Start {where(rel + '/' + file_name)} from its template: "
                         f"{shellhint.raio('monitor', plan.answers['id'])} init, then fill in its plan.")
        else:
            steps.append(f"Write {where(rel + '/' + file_name)}.")
    items = next((p for p in needed if p[0].isdigit()), None)
    if items:
        count = items.split(" ", 1)[0]
        steps.append(f"Settle {count} checklist item{'s' if count != '1' else ''} in {where(rel + '/compliance.yaml')} "
                     "(items: status done, or not-applicable with a justification).")
    steps.append(f"Check: raio check {where(rel)}")
    return [f"{n}. {step}" for n, step in enumerate(steps, 1)]


def refuse_identifiers(answers: dict, patterns=(), options: dict[str, str] | None = None) -> None:
    """Raise :class:`ScaffoldError` when an answer (the id, a text, an alternative, an effect)
    holds a BSN or a match of ``patterns`` (raio.yaml's policy.phi_patterns, compiled by
    :func:`raio_cli.privacy.patterns_of`): a portfolio holds no patient data, and
    the id and name would even go into a commit message, for good. The message masks them.

    ``options``: the answers to look at, each with the option that gives it (raio init's
    :data:`INIT_TEXT_ANSWERS`); by default raio new-pilot's."""
    from raio_cli import privacy

    if options is not None:
        values = {option: answers.get(key) for key, option in options.items()}
    else:
        values = {"--id": answers.get("id")}
        values.update({option: answers.get(key) for key, option in TEXT_ANSWERS.items()})
        values["--alternative"] = list(answers.get("alternatives") or [])
        values["--effect"] = [e.get("description") if isinstance(e, dict) else e for e in answers.get("effects") or []]
    hits = privacy.identifiers_in({k: v for k, v in values.items() if v}, patterns)
    if hits:
        raise ScaffoldError(f"{privacy.describe_hits(hits)}; a portfolio holds no patient data, so nothing was written",
                            "Leave patient identifiers out: describe the application and the problem without "
                            "who the patients are." if options is None else
                            "Leave patient identifiers out: name the hospital and the department only.")


def still_needed(files: dict[str, str], stage: str, policy: dict | None = None) -> list[str]:
    """What the gate of ``stage`` needs that the rendered ``files`` do not have.

    Field paths (``problem.statement``), missing files (``monitoring.yaml``) and, when the stage
    already requires settled checklist items, ``N checklist items``: the same gate raio check
    applies, so the user learns at once what to fill in.
    """
    import yaml

    from raio_cli import catalog as cat

    dossier = {}
    for file_name, text in files.items():
        data = yaml.safe_load(text)
        dossier[file_name.removesuffix(".yaml")] = data if isinstance(data, dict) else {}
    try:
        gate = cat.stage_gate(stage, policy)
    except (cat.CatalogError, TypeError, AttributeError):
        gate = cat.stage_gate(stage)
    needed = [f"{name}.yaml" for name in gate["files"] if name not in dossier]
    for path in gate["fields"]:
        if path.split(".", 1)[0] in dossier:
            needed += [p for p in cat.missing_fields(path, dossier) if p not in needed]
    try:
        items = cat.required_items(stage, dossier.get("application"), cat.compliance_catalog(
            (policy or {}).get("checklist_extra") or None), policy)
    except (cat.CatalogError, TypeError, AttributeError, KeyError):
        items = []
    if items:
        needed.append(f"{len(items)} checklist item{'s' if len(items) != 1 else ''} done or not-applicable")
    return needed


def id_taken(root: Path, app_id: str) -> str | None:
    """Why ``app_id`` cannot be used in portfolio ``root`` (its folder exists, or another
    application.yaml claims it), or None when it is free."""
    from raio_cli.portfolio import APPS_DIR

    apps = Path(root) / APPS_DIR
    folder = apps / app_id
    if folder.exists() or folder.is_symlink():
        return f"{APPS_DIR}/{app_id} already exists; raio never overwrites a dossier"
    taken = _id_in_use(apps, app_id)
    if taken:
        return f"the id '{app_id}' is already used in {APPS_DIR}/{taken}/application.yaml; ids are unique"
    return None


def _id_in_use(apps: Path, app_id: str) -> str | None:
    """The folder whose application.yaml already claims ``app_id`` (a quick text scan), or None."""
    if not apps.is_dir():
        return None
    pattern = re.compile(r"^id:\s*['\"]?" + re.escape(app_id) + r"['\"]?\s*(?:#.*)?$", re.M)
    try:
        entries = sorted(apps.iterdir())
    except OSError:
        return None
    for entry in entries:
        path = entry / "application.yaml"
        try:
            if path.is_file() and path.stat().st_size < 1_000_000 and pattern.search(path.read_text("utf-8", "replace")):
                return entry.name
        except OSError:
            continue
    return None


def require_identity(cwd: Path) -> None:
    """Refuse ``--commit``, before anything is written, when git does not know who commits."""
    from raio_cli import gitcmd

    if not gitcmd.knows_identity(cwd):
        raise ScaffoldError("--commit: git does not know who you are (the name and e-mail address each commit "
                            "records); nothing was written",
                            'Tell git once: git config --global user.name "Your Name" and '
                            'git config --global user.email "you@hospital.example" (the commits are the dated '
                            "evidence raio reads), then run the command again; or leave out --commit.")


def write_pilot(plan: PilotPlan, commit: bool = False) -> list[Path]:
    """Write the planned dossier in one folder rename; with ``commit``, commit exactly its files."""
    from raio_cli import gitcmd
    from raio_cli.fsio import OutsidePortfolio, WouldOverwrite, create_folder_atomically

    if commit:
        require_repo(plan.root)
        require_identity(plan.root)
    try:
        create_folder_atomically(plan.folder, plan.files, within=plan.root)
    except OutsidePortfolio:
        raise ScaffoldError(f"{plan.rel} leads outside the portfolio through a link; raio does not write there",
                            "Replace the linked applications/ folder with a real folder.") from None
    except WouldOverwrite:
        raise ScaffoldError(f"{plan.rel} already exists; raio never overwrites a dossier",
                            "Choose another --id, or edit the existing files.") from None
    written = plan.paths
    if commit:
        # one line that `git log --oneline` shows whole: a long name is cut between two words
        name = comment_text(plan.answers["name"], SUBJECT_NAME_CHARS)
        message = f"Add {plan.answers['id']}: {name} ({plan.answers['stage']})"
        try:
            gitcmd.commit(plan.root, plan.rel_paths, message)
        except gitcmd.GitError as exc:
            raise ScaffoldError(f"the dossier is written, but git could not commit it: {exc}",
                                f"Commit it yourself: {shellhint.git()} add {shellhint.quoted(plan.rel)} && "
                                f"{shellhint.git()} commit", written) from None
    return written


def new_pilot(root: Path, answers: dict, dry_run: bool = False, commit: bool = False) -> list[Path]:
    """Scaffold ``applications/<id>/`` in portfolio ``root``; returns the files (to be) written."""
    plan = plan_pilot(root, answers)
    if dry_run:
        if commit:
            require_repo(plan.root)
        return plan.paths
    return write_pilot(plan, commit=commit)


def require_repo(root: Path) -> None:
    from raio_cli import gitcmd

    if not gitcmd.available():
        raise ScaffoldError("--commit needs git, which is not installed or not on PATH", "Install git, or leave out --commit.")
    if gitcmd.toplevel(root) is None:
        raise ScaffoldError(f"--commit: {root} is not in a git repository",
                            "Run 'git init' (or 'raio init') first, or leave out --commit.")


# --------------------------------------------------------------------------------------------
# init


@dataclass
class InitPlan:
    """What ``raio init`` will do: files to write (relative path -> text), files left alone, notes."""

    target: Path
    files: dict[str, str]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    git_init: bool = False
    repo_root: Path | None = None
    #: The hospital's e-mail domains written into raio.yaml's policy.allowed_email_domains.
    email_domains: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [self.target / rel for rel in self.files]


def default_department(language: str) -> str:
    return "Radiologie" if language == "nl" else "Radiology"


def email_domains(values, option: str = "--email-domain") -> list[str]:
    """The e-mail domains in ``values`` (each may list several, separated by commas), lowercased
    and each once, as raio.yaml's ``policy.allowed_email_domains`` takes them, read as raio check
    reads an entry there (:func:`raio_cli.privacy.listed_domain`: ``@hospital.nl`` and
    ``hospital.nl.`` are hospital.nl); raises :class:`ScaffoldError` for one that is no domain
    (:func:`raio_cli.privacy.domain_problem`)."""
    from raio_cli import privacy

    domains: list[str] = []
    for value in values or ():
        for part in str(value).split(","):
            if not part.strip():
                continue
            problem = privacy.domain_problem(privacy.listed_domain(part) or part)  # '@' or '.' alone: as written
            if problem:
                raise ScaffoldError(f"{option} {show(part.strip())} is not an e-mail domain: {problem}",
                                    f"Give your organisation's e-mail domain, e.g. {option} ziekenhuis.nl (repeat it, "
                                    f"or separate domains with commas, for more than one)." if option.startswith("--")
                                    else "Give your organisation's e-mail domain, e.g. ziekenhuis.nl (several separated "
                                    "by commas), or nothing.")
            domain = privacy.listed_domain(part)
            if domain not in domains:  # the schema wants each once
                domains.append(domain)
    return domains


def plan_init(target: Path, organisation: str | None = None, department: str | None = None,
              language: str = "nl", ci: str = "github", email_domains_given=()) -> InitPlan:
    """Decide what ``raio init`` writes in ``target``; writes nothing.

    Raises :class:`ScaffoldError` when ``target`` already holds raio.yaml, is a file, or an
    answer is invalid. ``email_domains_given``: the ``--email-domain`` values (:func:`email_domains`).
    """
    from raio_cli import gitcmd
    from raio_cli.portfolio import CONFIG, policy_defaults
    from raio_cli.resources import templates_dir
    from raio_cli.schema import SCHEMA_NAMES, schema_text

    target = Path(target).absolute()
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} exists and is not a folder", "Give a folder for the new portfolio.")
    config = target / CONFIG
    if config.exists() or config.is_symlink():
        raise ScaffoldError(f"{config} already exists; raio init never touches an existing portfolio",
                            "Add applications with 'raio new-pilot', or run raio init in a new folder.")
    language = _enum(language, "--language", list(LANGUAGES)) or "nl"
    ci = _enum(ci, "--ci", list(CI_CHOICES)) or "github"
    organisation = _text(organisation, "--organisation")
    department = _text(department, "--department")
    given = list(email_domains_given or ())
    refuse_identifiers({"organisation": organisation, "department": department, "email_domains": given},
                       options=INIT_TEXT_ANSWERS)
    department = department or default_department(language)
    domains = email_domains(given)

    plan = InitPlan(target=target, files={}, email_domains=domains)
    if organisation is None:
        plan.notes.append("raio.yaml names no organisation: memos and reports show '—' in its place, and raio check "
                          "warns (IDN008) until you write it in raio.yaml (organisation: ...)")
    if not domains:
        plan.notes.append("raio.yaml names none of the hospital's e-mail domains: raio cannot tell a colleague's "
                          "address from a patient's, so it masks every address it prints (PRV009) until you list "
                          "them in raio.yaml (policy: allowed_email_domains: [ziekenhuis.nl])")
    outer = next((f for f in target.parents if (f / CONFIG).is_file()), None)
    if outer is not None:
        plan.notes.append(f"{outer} already holds a portfolio; this one inside it is a separate portfolio "
                          "(raio uses the nearest raio.yaml above the folder it runs in)")
    candidates: dict[str, str] = {}
    portfolio_env = _env("portfolio")
    context = {
        "organisation": organisation,
        "department": department,
        "language": language,
        "ci": ci,
        "policy": policy_defaults(),
        "email_domains": domains,
        "more_policy": _more_policy(),
        "ci_file": CI_FILES[ci][0] if ci in CI_FILES else None,
    }
    candidates["README.md"] = portfolio_env.get_template("README.md.j2").render(**context)
    candidates[".gitignore"] = (templates_dir() / "portfolio" / "gitignore").read_text(encoding="utf-8")
    for name in SCHEMA_NAMES:
        candidates[f"{SCHEMA_DIR}/{name}.schema.json"] = schema_text(name)
    apps = target / "applications"
    if not apps.exists() or (apps.is_dir() and not apps.is_symlink() and not any(apps.iterdir())):
        candidates["applications/.gitkeep"] = ""

    repo = gitcmd.toplevel(target) if target.exists() else _toplevel_of_parent(target)
    plan.repo_root = repo
    if not gitcmd.available():
        plan.notes.append("git is not installed: the portfolio is not a git repository yet, and raio check "
                          "needs git history for the pre-registration checks. Install git and run 'git init'.")
    elif repo is None:
        plan.git_init = True
    if ci in CI_FILES:
        rel, template = CI_FILES[ci]
        if repo is not None and repo.resolve() != target.resolve():
            plan.notes.append(f"the portfolio is in a subfolder of the git repository at {repo}; no CI file was "
                              f"written. Add a CI job at the repository root that runs: raio check "
                              f"{_relative(target, repo)}")
        else:
            spec = install_spec()
            candidates[rel] = ci_text(template, spec)
            if spec is None:
                plan.notes.append(f"{rel} installs raio from RAIO_PACKAGE, left empty: this raio was installed from a "
                                  "folder on this machine, which CI cannot reach. Write there where your organisation "
                                  "installs raio from, pinned (e.g. raio @ git+https://git.example.org/tools/raio@v0.1.0); "
                                  "until then the CI job stops where it installs raio, and says why.")
            elif spec.startswith("raio=="):
                plan.notes.append(f"{rel} installs {spec} from the package index pip uses in CI (PyPI unless told "
                                  "otherwise): if raio comes from your organisation's own index, set PIP_INDEX_URL "
                                  "there, or write the git repository and tag in RAIO_PACKAGE.")
    # raio.yaml last: an interrupted init can simply be run again.
    candidates[CONFIG] = portfolio_env.get_template("raio.yaml.j2").render(**context)

    for rel, text in candidates.items():
        reason = _blocked(target, rel)
        if reason:
            plan.skipped.append((rel, reason))
        else:
            plan.files[rel] = text
    return plan


def ci_text(template: str, spec: str | None) -> str:
    """The CI file ``template`` (a name in CI_FILES) installing raio from ``spec``; an empty
    RAIO_PACKAGE, which the file's install step refuses with a message, when ``spec`` is None."""
    from raio_cli.resources import templates_dir

    text = (templates_dir() / "portfolio" / template).read_text(encoding="utf-8")
    return text.replace(PACKAGE_MARK, yaml_quoted(spec) if spec else '""')


def install_spec() -> str | None:
    """What CI can give pip to install this very raio (:func:`spec_from_direct_url`)."""
    from importlib import metadata

    try:
        dist = metadata.distribution("raio")
        return spec_from_direct_url(dist.read_text("direct_url.json"), dist.version)
    except (metadata.PackageNotFoundError, OSError):
        return None


def spec_from_direct_url(text: str | None, version: str) -> str | None:
    """Where raio was installed from, as a pip requirement CI can install, read from the install's
    ``direct_url.json`` (PEP 610): the git repository at the commit installed, or the archive's
    web address; ``raio==version`` when pip took it from a package index (there is no such file
    then). None for a folder or file on this machine (an editable or local install) or anything
    unexpected: CI cannot reach those. A user name and password in the address are left out."""
    if text is None:
        return f"raio=={version}" if version else None
    try:
        info = json.loads(text)
    except ValueError:
        return None
    url = _ci_safe_url(info.get("url") if isinstance(info, dict) else None)
    if url is None:
        return None
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id")
        if vcs.get("vcs") != "git" or not (isinstance(commit, str) and re.fullmatch(r"[0-9a-f]{7,64}", commit)):
            return None
        return f"raio @ git+{url}@{commit}"
    if isinstance(info.get("archive_info"), dict) and url.startswith(("https://", "http://")):
        return f"raio @ {url}"
    return None


#: What an install address in a CI file may hold: no ``$`` (GitLab expands ``$VARIABLE`` in
#: ``variables:``), no braces (GitHub evaluates ``${{ }}`` in an ``env:`` value), no quotes,
#: backslashes, spaces or characters outside ASCII. ``?`` and ``#`` are left out too: a query or
#: fragment is where a token rides (``?private_token=``).
_CI_URL = re.compile(r"(https?|ssh)://[][A-Za-z0-9._~:/@%+=,!*()-]+")


def _ci_safe_url(url) -> str | None:
    """``url`` as a committed CI file may carry it, without a user's password (https: without the
    user too; ssh keeps the user name, e.g. ``git@``, which is how it logs in), or None."""
    from urllib.parse import urlsplit, urlunsplit

    if not isinstance(url, str) or not _CI_URL.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
        host, port, user = parts.hostname, parts.port, parts.username
    except ValueError:
        return None
    if not host or parts.query or parts.fragment:
        return None
    netloc = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    netloc = netloc if port is None else f"{netloc}:{port}"
    if parts.scheme == "ssh" and user:
        netloc = f"{user}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


#: Policy keys that templates/portfolio/raio.yaml.j2 writes with comments of its own.
TEMPLATE_POLICY_KEYS = ("max_pilot_days", "max_extensions", "decision_due_days", "certificate_warning_days",
                        "ai_act_warning_days", "checklist_expiry_warning_days", "fail_on", "stage_gates",
                        "checklist_extra", "phi_patterns", "allowed_email_domains", "monitoring_required")


def _more_policy() -> list[dict]:
    """Policy defaults the raio.yaml template does not know yet, with the comment lines that stand
    above each in ``raio_cli/catalog/policy.yaml``: a new policy key reaches new portfolios at once."""
    from raio_cli.portfolio import policy_defaults

    defaults = policy_defaults()
    text = (Path(__file__).parent / "catalog" / "policy.yaml").read_text(encoding="utf-8")
    comments: dict[str, list[str]] = {}
    pending: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith("  ") and stripped.startswith("#"):
            pending.append(comment_text(stripped.lstrip("#").strip()))
            continue
        match = re.match(r"^  ([A-Za-z_][A-Za-z0-9_]*):", line)
        if match:
            comments[match.group(1)] = pending
        pending = []
    return [{"key": key, "value": value, "comments": comments.get(key, [])}
            for key, value in defaults.items() if key not in TEMPLATE_POLICY_KEYS]


def _toplevel_of_parent(target: Path) -> Path | None:
    from raio_cli import gitcmd

    for folder in target.parents:
        if folder.exists():
            return gitcmd.toplevel(folder)
    return None


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def _blocked(target: Path, rel: str) -> str | None:
    """Why ``rel`` must not be written under ``target`` (exists, or a link on the way), or None."""
    current = target
    parts = rel.split("/")
    for n, part in enumerate(parts):
        current = current / part
        last = n == len(parts) - 1
        if current.is_symlink():
            return "already exists" if last else f"{'/'.join(parts[: n + 1])} is a link; raio does not write through links"
        if current.exists():
            if last:
                return "already exists"
            if not current.is_dir():
                return f"{'/'.join(parts[: n + 1])} is a file, not a folder"
    return None


def apply_init(plan: InitPlan, commit: bool = False) -> list[Path]:
    """Carry out an :class:`InitPlan`; returns the files written. Never overwrites a file."""
    from raio_cli import gitcmd
    from raio_cli.fsio import WouldOverwrite, atomic_write_text

    if commit and not gitcmd.available():
        raise ScaffoldError("--commit needs git, which is not installed or not on PATH", "Install git, or leave out --commit.")
    if commit:
        existing = plan.target
        while not existing.is_dir() and existing != existing.parent:
            existing = existing.parent
        require_identity(existing)
    plan.target.mkdir(parents=True, exist_ok=True)
    if plan.git_init:
        gitcmd.init(plan.target)
    written: list[Path] = []
    for rel, text in plan.files.items():
        path = plan.target / rel
        reason = _blocked(plan.target, rel)  # again: the folder may have changed since planning
        if reason:
            plan.skipped.append((rel, reason))
            continue
        try:
            atomic_write_text(path, text, overwrite=False)
        except WouldOverwrite:
            plan.skipped.append((rel, "already exists"))
            continue
        written.append(path)
    if commit and written:
        rels = [p.relative_to(plan.target).as_posix() for p in written]
        try:
            gitcmd.commit(plan.target, rels, "Start the AI application portfolio (raio init)")
        except gitcmd.GitError as exc:
            raise ScaffoldError(f"the portfolio is written, but git could not commit it: {exc}",
                                f"Commit it yourself: {shellhint.git()} add -A && {shellhint.git()} commit", written) from None
    return written


def init_portfolio(target: Path, organisation: str | None = None, department: str | None = None,
                   language: str = "nl", ci: str = "github", dry_run: bool = False,
                   commit: bool = False, email_domains_given=()) -> list[Path]:
    """Create a portfolio in ``target``; returns the files written (or, with ``dry_run``, to be written)."""
    plan = plan_init(target, organisation, department, language, ci, email_domains_given)
    if dry_run:
        return plan.paths
    return apply_init(plan, commit=commit)
