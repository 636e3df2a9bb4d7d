"""Compliance: the entries of compliance.yaml are complete, known, unique and honest about dates.

Whether the items a stage needs are settled is the stage gates' question (GAT003); whether a
settled item has expired is the dates rules' (DAT). These rules check each entry on its own:
a ``done`` item has evidence and a date, a ``not-applicable`` item says why, evidence that is a
file exists inside the portfolio, ids are known and unique, and dates are possible.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from raio_cli import catalog as cat
from raio_cli import gates
from raio_cli.findings import Finding, Severity
from raio_cli.portfolio import inside
from raio_cli.rules import checklist_catalog, how_to_give, rule

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^(?:mailto|urn|doi):", re.I)
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
#: A file extension: a dot, a letter, then up to five letters or digits (.pdf, .docx, .md, .p7s).
_EXTENSION = re.compile(r"[^\s./\\]\.[A-Za-z][A-Za-z0-9]{0,5}$")
#: Whitespace as str.isspace has it (a regex's \s in a text is the same set).
_SPACE = re.compile(r"\s")


def _entries(app):
    """``(index, entry)`` for the mapping entries of compliance.yaml ``items``."""
    items = app.get("compliance", "items", default=[])
    if not isinstance(items, list):
        return []
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict)]


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _present(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_present(v) for v in value)
    return value is not None


def _date(value) -> dt.date | None:
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _named(entry) -> dict:
    """The item's id for a memo's wording of a finding (``label``: "" when it has none)."""
    item_id = entry.get("id")
    return {"label": item_id if isinstance(item_id, str) else ""}


def _label(entry) -> str:
    item_id = entry.get("id")
    return f"'{item_id}'" if isinstance(item_id, str) else "this item"


def _give(app, i: int, key: str, value: str, what: str) -> str:
    """How to give item ``i`` its missing or empty ``key``, as :func:`how_to_give` says it."""
    said = how_to_give(app.docs.get("compliance"), ("items", i, key), value, what)
    return f"{said[0].upper()}{said[1:]}."


# --------------------------------------------------------------------------------------------
# Completeness of an entry


@rule("CMP001", "done-without-evidence")
def done_has_evidence(app, ctx):
    """A checklist item is `done` but names no evidence.

    What: An item in compliance.yaml with `status: done` and no `evidence` (or an empty one).
    Why: "Done" is a claim an auditor, the board or the health inspectorate will ask to see; the
    evidence (a document number, a link, a file in evidence/) is what makes it checkable.
    Fix: Add `evidence:` with a document reference (e.g. "DMS-1234"), a URL, or a path such as
    evidence/dpia-2025.pdf; or set the status back to in-progress.
    """
    for i, entry in _entries(app):
        if entry.get("status") == "done" and not _present(entry.get("evidence")):
            yield app.finding("CMP001", "compliance", ("items", i, "evidence"),
                              f"{_label(entry)} is done but names no evidence",
                              _give(app, i, "evidence", "DOCUMENT", "a document reference, a URL or a path under evidence/"),
                              data=_named(entry))


@rule("CMP002", "done-without-date")
def done_has_date(app, ctx):
    """A checklist item is `done` but has no date.

    What: An item with `status: done` and no `date`.
    Why: When something was done decides whether it was done in time (before the pilot started,
    before an obligation applied) and when it must be reviewed again.
    Fix: Add `date: YYYY-MM-DD`, the day the item was completed or last reviewed.
    """
    for i, entry in _entries(app):
        if entry.get("status") == "done" and not _present(entry.get("date")):
            yield app.finding("CMP002", "compliance", ("items", i, "date"),
                              f"{_label(entry)} is done but has no date",
                              _give(app, i, "date", "YYYY-MM-DD", "the day it was completed or last reviewed"),
                              data=_named(entry))


@rule("CMP003", "not-applicable-without-justification")
def not_applicable_is_justified(app, ctx):
    """A checklist item is `not-applicable` without a justification.

    What: An item with `status: not-applicable` and no `justification` text.
    Why: Declaring a legal duty not applicable is itself a decision someone must be able to
    review: "no FRIA, because the system is high-risk through Annex I, not Annex III".
    Fix: Add `justification:` with the reason, or choose another status.
    """
    for i, entry in _entries(app):
        if entry.get("status") == "not-applicable" and _text(entry.get("justification")) is None:
            yield app.finding("CMP003", "compliance", ("items", i, "justification"),
                              f"{_label(entry)} is not-applicable without a justification",
                              _give(app, i, "justification", "REASON", "why this item does not apply here"),
                              data=_named(entry))


# --------------------------------------------------------------------------------------------
# Evidence files


def looks_like_path(text: str) -> bool:
    """Is this piece of evidence meant as a file path (and not a URL or a document reference)?

    A URL (``https://...``, ``mailto:``) is not. An absolute path (``/x``, ``C:\\x``, ``~/x``,
    ``\\\\server\\share``) or one that starts with ``./`` or ``../`` is. Otherwise a path is text
    without spaces that contains a ``/`` (or ``\\``) or ends in a file extension
    (``evidence/dpia.pdf``, ``dpia.pdf``); text with spaces counts only when it both contains a
    ``/`` and ends in an extension (``evidence/DPIA 2025.pdf``). Document references such as
    ``DMS-1234``, ``zaak 2025-77`` or ``iProva RAD-AI-2024-052`` and free text such as
    ``Testrapport PACS/RIS`` are not paths.
    """
    t = text.strip()
    if not t or _URL.match(t):
        return False
    if t.startswith(("/", "\\", "~", "./", "../", ".\\", "..\\")) or _DRIVE.match(t):
        return True
    has_folder = "/" in t or "\\" in t
    if _SPACE.search(t):  # most references to a document (and no path) have spaces and no '/'
        return has_folder and _EXTENSION.search(t) is not None
    return has_folder or _EXTENSION.search(t) is not None


def _absolute(text: str) -> bool:
    """True for an absolute path: /x, ~/x, \\\\server\\x, C:\\x."""
    t = text.strip()
    return t.startswith(("/", "~", "\\")) or bool(_DRIVE.match(t))


def _evidence_paths(entry):
    evidence = entry.get("evidence")
    if isinstance(evidence, str):
        pieces = [((), evidence)]
    elif isinstance(evidence, list):
        pieces = [((j,), e) for j, e in enumerate(evidence) if isinstance(e, str)]
    else:
        pieces = []
    return [(sub, e) for sub, e in pieces if looks_like_path(e)]


def _resolve(app, root: Path, text: str, listings: dict | None = None):
    """``("outside", None)``, ``("found", rel)`` or ``("missing", candidates)`` for a path.

    Nothing is opened: the path is normalised as text first, and only a path that stays inside
    the portfolio is looked up (with ``lstat``/``resolve``, which follow no content). A path
    found only in other capitals (macOS and Windows open `Evidence/DPIA.pdf` as
    `evidence/dpia.pdf`, git and Linux do not) is missing: each part is compared with its
    folder's listing (``listings``, kept for the run), so the answer is the same on every file
    system.
    """
    t = text.strip().split("#", 1)[0].replace("\\", "/")
    if _absolute(text):
        return "outside", None
    candidates = []
    for base in (app.rel, ""):
        joined = posixpath.normpath(posixpath.join(base, t)) if base else posixpath.normpath(t)
        if joined == ".." or joined.startswith("../") or joined.startswith("/"):
            if base:  # from the application folder it leaves the portfolio
                return "outside", None
            continue
        candidates.append(joined)
    for rel in candidates:
        path = root / rel
        try:
            exists = path.exists() or path.is_symlink()
        except (OSError, ValueError):  # a name too long, a NUL byte: no such file
            exists = False
        if exists:
            if not inside(path, root):
                return "outside", None
            if listings is not None and not _spelled_as_listed(root, rel, listings):
                continue
            return "found", rel
    return "missing", candidates


def _spelled_as_listed(root: Path, rel: str, listings: dict) -> bool:
    """Whether every part of ``rel`` is written as its folder lists it (a part whose folder
    cannot be listed counts as written so: the file system has said the path exists)."""
    here = root
    for part in rel.split("/"):
        if part in ("", "."):
            continue
        listing = _names_in(here, listings)
        if listing is None:
            return True
        if part not in listing[0]:
            return False
        here = here / part
    return True


def _in_other_capitals(root: Path, rel: str, listings: dict) -> str | None:
    """The path of a file in the portfolio that ``rel`` names in other capitals (Windows and
    macOS open it by either name, git and a Linux CI only by its own), or None. Looked up only for
    evidence that is missing, one folder listing per part of the path; ``listings`` keeps each
    folder's names for the run (every application's missing evidence lists applications/ again)."""
    here, found = root, []
    for part in rel.split("/"):
        listing = _names_in(here, listings)
        if listing is None:
            return None
        names, folded = listing
        match = part if part in names else folded.get(part.casefold())
        if match is None:
            return None
        found.append(match)
        here = here / match
    return "/".join(found) if "/".join(found) != rel and inside(here, root) else None


def _names_in(folder: Path, listings: dict) -> tuple[set, dict] | None:
    """The names in ``folder`` and, by casefolded name, the first of them in sorted order; None
    when it cannot be listed. Listed once per run."""
    import os

    key = str(folder)
    if key not in listings:
        try:
            with os.scandir(folder) as it:
                names = sorted(e.name for e in it)
        except OSError:
            listings[key] = None
        else:
            folded: dict = {}
            for n in names:
                folded.setdefault(n.casefold(), n)
            listings[key] = (set(names), folded)
    return listings[key]


def _evidence(app, ctx) -> list[tuple]:
    """``(i, entry, sub, text, state, where)`` for every evidence path of the application, each
    looked up once per run (CMP004 and CMP005 read the same list)."""
    memo = ctx.__dict__.get("_evidence_of")
    if memo is not None and memo[0] is app:
        return memo[1]
    root = ctx.portfolio.root
    listings = ctx.per_run("folder listings", dict)
    out = [(i, entry, sub, text, *_resolve(app, root, text, listings))
           for i, entry in _entries(app) for sub, text in _evidence_paths(entry)]
    ctx.__dict__["_evidence_of"] = (app, out)
    return out


@rule("CMP004", "evidence-file-missing")
def evidence_files_exist(app, ctx):
    """Evidence that is a file path points to no file in the portfolio.

    What: An `evidence` entry that looks like a path (contains a '/' or ends in a file extension,
    e.g. evidence/dpia.pdf) while no such file exists, relative to the application folder or to
    the portfolio root. URLs and document references (DMS-1234, zaak 2025-77) are not checked.
    Each part of the path must be written in the capitals of the file's own name, also where
    the file system ignores them (macOS, Windows): `evidence/dpia.pdf` for the file
    `Evidence/DPIA.pdf` is reported on every system, naming the file as it is spelled.
    Why: Evidence that is not there is no evidence; often the file was renamed or never committed.
    A path in other capitals opens on the RAIO's laptop but not in git, CI or the memo's link.
    Fix: Commit the file at that path (usually in the application's evidence/ folder), correct the
    path, or refer to the document-management system instead.
    """
    for i, entry, sub, text, state, where in _evidence(app, ctx):
        if state == "missing":
            shown = text.strip()[:120]
            listings = ctx.per_run("folder listings", dict)  # filled as evidence is looked up
            other = next((o for o in (_in_other_capitals(ctx.portfolio.root, rel, listings) for rel in where) if o),
                         None)
            hint = (f"The path differs only in capitals from {other}, which Windows and macOS find but git and "
                    f"CI do not: write it as git and CI spell it." if other else
                    f"Looked for {' and '.join(where)}. Commit the file, correct the path, or "
                    f"give a document reference instead.")
            yield app.finding("CMP004", "compliance", ("items", i, "evidence", *sub),
                              f"evidence '{shown}' of {_label(entry)} is not a file in the portfolio"
                              + (f"; {other} differs from it only in capitals" if other else ""),
                              hint, data={"evidence": shown, **_named(entry),
                                          **({"variant": "capitals", "file": other} if other else {})})


@rule("CMP005", "evidence-outside-portfolio")
def evidence_stays_inside(app, ctx):
    """Evidence points to a file outside the portfolio.

    What: An `evidence` path that is absolute (/srv/..., C:\\..., ~/...) or climbs out of the
    portfolio with '..' (../../etc/passwd), or a link inside the portfolio that leads outside it.
    raio never opens such a path.
    Why: The portfolio is the audit trail: evidence outside it is not versioned with the dossier,
    is invisible to reviewers on another machine, and a path that leaves the portfolio is a way
    to make tools read files they should not.
    Fix: Copy the document into the application's evidence/ folder and refer to it relatively
    (evidence/dpia.pdf), or use a document-management reference or URL.
    """
    for i, entry, sub, text, state, _where in _evidence(app, ctx):
        if state == "outside":
            shown = text.strip()[:120]
            yield app.finding("CMP005", "compliance", ("items", i, "evidence", *sub),
                              f"evidence '{shown}' of {_label(entry)} points outside the portfolio; it is not read",
                              "Put the document in the application's evidence/ folder and give its relative "
                              "path, or give a document reference or URL.", data={"evidence": shown, **_named(entry)})


# --------------------------------------------------------------------------------------------
# Ids


@rule("CMP006", "unknown-checklist-item", severity=Severity.WARNING)
def known_items(app, ctx):
    """A checklist item id is neither in the built-in catalog nor in raio.yaml.

    What: An `id` in compliance.yaml that is not a built-in item (raio_cli/catalog/compliance.yaml)
    nor one of raio.yaml policy.checklist_extra. The hint suggests the closest known id.
    Why: Usually a typo (`dpai`), and then the real item counts as missing; otherwise an
    organisation item that memos cannot title and no gate requires.
    Not while raio.yaml cannot be read (its own finding, e.g. YML001, says so): its
    checklist_extra is unknown then.
    Fix: Correct the id, or add the item to raio.yaml policy.checklist_extra with its title,
    source, owner and required_from.
    """
    from raio_cli import privacy

    if ctx.policy.get(privacy.UNREAD):
        return  # the organisation's own items are in the raio.yaml raio could not read
    catalog = checklist_catalog(ctx)
    for i, entry in _entries(app):
        item_id = entry.get("id")
        if not isinstance(item_id, str) or item_id in catalog:
            continue
        close = _close(item_id, catalog)
        hint = (f"Did you mean '{close}'? " if close else "") + \
            "Use a catalog id, or add the item to raio.yaml policy.checklist_extra."
        yield app.finding("CMP006", "compliance", ("items", i, "id"),
                          f"checklist item '{item_id[:80]}' is not in the catalog nor in raio.yaml checklist_extra", hint)


@rule("CMP007", "duplicate-checklist-item")
def unique_items(app, ctx):
    """The same checklist item appears twice in compliance.yaml.

    What: Two entries with the same `id`.
    Why: When one says done and the other open, nobody can tell which is true; raio, memos and the
    gates use the first.
    Fix: Merge the two entries into one.
    """
    first: dict[str, int] = {}
    for i, entry in _entries(app):
        item_id = entry.get("id")
        if not isinstance(item_id, str):
            continue
        if item_id in first:
            line = app.where("compliance", ("items", first[item_id], "id"))[0]
            yield app.finding("CMP007", "compliance", ("items", i, "id"),
                              f"checklist item '{item_id[:80]}' is listed twice (first at line {line})",
                              "Merge the two entries; raio reads the first.", data={"item": item_id[:80], "first": str(line)})
        else:
            first[item_id] = i


@rule("CMP008", "item-does-not-apply", severity=Severity.INFO)
def open_item_that_does_not_apply(app, ctx):
    """An open or in-progress checklist item does not apply to this application.

    What: An item whose catalog condition (`applies_when`) does not hold for application.yaml,
    e.g. the processor agreement for an on-premise application or the in-house justification for
    a bought product, while compliance.yaml marks it open or in-progress.
    Why: Work may be planned that is not needed, or application.yaml is wrong (hosting, MDR class,
    in-house) and the item is needed after all.
    Fix: Mark it not-applicable with a justification, or correct application.yaml.
    """
    catalog = checklist_catalog(ctx)
    application = app.data("application")
    if not application:
        return
    for i, entry in _entries(app):
        item = catalog.get(entry.get("id")) if isinstance(entry.get("id"), str) else None
        if item is None or entry.get("status") not in ("open", "in-progress"):
            continue
        try:
            if cat.applies(item, application):
                continue
        except cat.CatalogError:
            continue
        yield app.finding("CMP008", "compliance", ("items", i, "status"),
                          f"'{entry['id']}' is {entry['status']} but does not apply to this application "
                          f"(applies when {_condition_text(item.get('applies_when'))})",
                          "Mark it not-applicable with a justification, or correct application.yaml if it does apply.")


def high_risk_class_to_state(app, ctx) -> str | None:
    """The MDR class for which CMP012 holds the dossier to AI Act risk high at its stage, or None:
    before the classification is due, after use ended, with no class stated (the checklist counts
    it as high-risk), a typo the schema reports, or a class that needs no notified body. The gate
    (GAT002) leaves a missing risk to CMP012 then, which says what it must be."""
    item = checklist_catalog(ctx).get("ai-act-classification") or {}
    application = app.data("application")
    if not application or app.stage not in cat.STAGES or app.stage in ("stopped", "retired"):
        return None
    if item.get("required_from") in cat.STAGES and cat.stage_index(app.stage) < cat.stage_index(item["required_from"]):
        return None
    return cat.high_risk_mdr_class(application, item)


@rule("CMP012", "ai-act-risk-below-mdr-class")
def ai_act_risk_follows_mdr_class(app, ctx):
    """The MDR class makes the application high-risk under the AI Act, but the dossier does not say so.

    What: application.yaml states an MDR class that needs a notified body (IIa, IIb or III, not an
    in-house device) while `regulatory.ai_act.risk` is missing or other than high (unknown,
    limited, minimal), from the stage that needs the AI Act classification (the checklist item
    ai-act-classification: planned) while the application is, or is to be, in use.
    Why: AI Act Art 6(1) and Annex I make such a medical device high-risk; the hospital as
    deployer then has the duties of Art 26 (oversight, logs, monitoring, informing workers),
    and memos, reports and the Algorithm Register export show the class the dossier states.
    Which MDR classes are meant is data: the catalog item's `high_risk_when`, with its source.
    Fix: Write `ai_act: {risk: high, basis: "Art 6(1) and Annex I (medical device class IIa)"}`
    under `regulatory`; or correct `mdr_class` (or `in_house`) if that is what is wrong.
    """
    item = checklist_catalog(ctx).get("ai-act-classification") or {}
    mdr = high_risk_class_to_state(app, ctx)
    if mdr is None:
        return
    ai_act = app.data("application")["regulatory"].get("ai_act")
    risk = ai_act.get("risk") if isinstance(ai_act, dict) else None
    if isinstance(risk, str) and risk.strip().casefold() in ("high", "prohibited"):
        return  # `High`: a slip of case the schema reports (SCH004), not a risk below the class
    source = " ".join(str(item.get("high_risk_source") or "").split())
    article = {"en": " ".join(str(item.get("high_risk_article") or "").split())}
    article["nl"] = " ".join(str(item.get("high_risk_article_nl") or "").split()) or article["en"]
    why = f"a medical device of MDR class {mdr} needs a notified body and is therefore high-risk (AI Act {article['en']})"
    basis = f'basis: "{cat.high_risk_basis(mdr, ctx.portfolio.language)}"'  # as raio new-pilot writes it
    also = f"; or correct mdr_class or in_house if that is what is wrong (source: {source})."
    if isinstance(risk, str) and risk.strip():
        yield app.finding("CMP012", "application", ("regulatory", "ai_act", "risk"),
                          f"the AI Act risk is '{risk[:40]}', but {why}", f"Write risk: high with {basis}{also}",
                          data={"variant": "other", "risk": risk[:40], "mdr_class": mdr, "source": source,
                                "article": article})
    else:
        yield app.finding("CMP012", "application", ("regulatory", "mdr_class"),
                          f"MDR class {mdr} and no AI Act risk classification: {why}",
                          f"Add under regulatory: ai_act: with risk: high and {basis}{also}",
                          data={"variant": "missing", "mdr_class": mdr, "source": source, "article": article})


# --------------------------------------------------------------------------------------------
# Dates


@rule("CMP009", "checklist-date-in-future", severity=Severity.WARNING)
def date_not_in_future(app, ctx):
    """A checklist item's `date` lies after today.

    What: The date an item was completed or reviewed is later than today (or --today).
    Why: A completion date in the future records something that has not happened; usually a typo
    in the year, or a planned date written where the done date belongs.
    Fix: Correct the date; keep planned dates in `notes` until the item is done.
    """
    for i, entry in _entries(app):
        day = _date(entry.get("date"))
        if day is not None and day > ctx.today:
            yield app.finding("CMP009", "compliance", ("items", i, "date"),
                              f"{_label(entry)} has date {day.isoformat()}, after today ({ctx.today.isoformat()})",
                              "Correct the date, or keep the planned date in notes until it is done.")


@rule("CMP010", "done-after-expiry")
def done_before_expiry(app, ctx):
    """A `done` item's date lies after its `expires` date.

    What: An item with `status: done` whose `date` (done or reviewed) is later than `expires`.
    Why: Evidence cannot be completed after it has already expired: one of the two dates is
    wrong, or the item was renewed and `expires` was not updated.
    Fix: Correct `date` or set `expires` to the new expiry date.
    """
    for i, entry in _entries(app):
        if entry.get("status") != "done":
            continue
        done, expires = _date(entry.get("date")), _date(entry.get("expires"))
        if done is not None and expires is not None and done > expires:
            yield app.finding("CMP010", "compliance", ("items", i, "expires"),
                              f"{_label(entry)} is done on {done.isoformat()} but expires earlier, "
                              f"on {expires.isoformat()}",
                              "Correct date, or set expires to the renewed evidence's expiry date.",
                              data={"done": done.isoformat(), "expires": expires.isoformat(), **_named(entry)})


# --------------------------------------------------------------------------------------------
# raio.yaml


@rule("CMP011", "invalid-checklist-extra", scope="portfolio")
def valid_checklist_extra(portfolio, ctx):
    """An item of raio.yaml policy.checklist_extra cannot be used.

    What: An extra checklist item whose `applies_when` is not a valid condition (a text such as
    "integration.hosting != on-premise", an unknown key, a wrong value), or a new item without
    `required_from`, or with an unknown stage, or an item of the built-in catalog given a key
    that holds legal facts (`mdd_transition`, `wordings`, the `high_risk_*` keys of
    ai-act-classification: compliance.yaml `legal_keys`). Such an
    item is left out of the catalog (a built-in item then stays as the catalog has it).
    Why: An organisation's own requirement that silently does not apply is worse than none: the
    portfolio looks compliant with a rule it never checked. checklist_extra is the hospital's
    policy (its own items; when and by whom a built-in item is met); the dates, wordings and
    conditions of the law are the catalog's, with their source: a configuration line must not extend a legal
    deadline such as the end of the MDR Art 120 transition for certificates under the Directive,
    nor change which MDR classes the AI Act makes high-risk (CMP012).
    Fix: Write the condition as a mapping with the keys all, any, mdr_class_at_least,
    ai_act_risk_in, hosting_in, in_house, task_in, modality_any, e.g.
    `applies_when: {hosting_in: [cloud, vendor-platform, hybrid]}`; give every new item a
    required_from stage. Remove a legal key from the item; if the catalog's fact is wrong, report
    it with its source so raio_cli/catalog/compliance.yaml is corrected.
    """
    config = portfolio.config
    if config is None:
        return
    policy = portfolio.settings.get("policy")
    extra = policy.get("checklist_extra") if isinstance(policy, dict) else None
    if not isinstance(extra, list):
        return
    for index, message, kind, values in gates.policy_extra_errors({"checklist_extra": extra}):
        entry = extra[index] if 0 <= index < len(extra) else None
        path = ("policy", "checklist_extra", index)
        issues = []
        if isinstance(entry, dict) and "applies_when" in entry:
            issues = cat.condition_issues(entry.get("applies_when"), "applies_when")
        # what is wrong, for a memo to word in its language (strings.yaml CMP011_<variant>)
        data = {"n": str(index + 1), "detail": message}
        if kind == "no_id":
            data["variant"] = "no_id"
        elif kind == "no_required_from" and isinstance(entry, dict):
            data.update(variant="no_required_from", **_named(entry))
        elif kind == "required_from_stage" and isinstance(entry, dict):
            data.update(variant="required_from_stage", value=str(values.get("value", "")), stages=list(cat.STAGES),
                        **_named(entry))
            path += ("required_from",)
            data["slip"] = kind  # the schema's finding there has the hint that mends it (check.py)
        elif kind == "legal_key" and isinstance(entry, dict):
            data.update(variant="legal_key", value=str(values.get("value", "")), **_named(entry))
            path += (str(values.get("value", "")),)
        key = data.get("variant") == "legal_key"  # the key's line, not its value's
        if issues:
            path += ("applies_when",)
            problems = [cat.condition_problem_text(issue) for issue in issues]
            message = f"checklist_extra item {_label(entry)}: " + "; ".join(problems)
            data = {"variant": "condition", "conditions": [list(issue) for issue in issues], "detail": "; ".join(problems),
                    **_named(entry)}
            if len(issues) == 1:  # one slip: at its own place, where the schema may say it too (check.py)
                # where condition_issues places it, applies_when.any[0].hosting_in, read as a gate's path
                head, steps = gates.split_path(issues[0][1])
                path = ("policy", "checklist_extra", index, head) + steps
                key = issues[0][0] == "unknown_key"
                data["slip"] = issues[0][0]
        if len(message) > 300:
            message = message[:297] + "..."
        line, col = config.where(path, key=key)
        hint = ("Fix the item (raio rule CMP011 shows the condition keys); until then no application is checked "
                "against it.")
        if data.get("slip") == "not_mapping":
            hint = ("Write the condition as a mapping of condition keys (raio rule CMP011 lists them), e.g. "
                    "applies_when: {hosting_in: [cloud, vendor-platform, hybrid]}; until then no application is "
                    "checked against the item.")
        if data.get("variant") == "legal_key":
            hint = (f"Remove {data['value']} from the item: the built-in checklist item keeps the dates and sources of "
                    "raio_cli/catalog/compliance.yaml; until then the item's other changes in raio.yaml are not used.")
        yield Finding(config.file, line, col, "CMP011", Severity.ERROR, f"{message}; the item is not used", hint, "",
                      data)


def _close(word: str, candidates) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return match[0] if match else None


def _condition_text(condition) -> str:
    import json

    try:
        return json.dumps(condition, ensure_ascii=False, default=str).replace('"', "")
    except (TypeError, ValueError):
        return str(condition)
