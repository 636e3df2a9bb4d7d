"""Build a demo portfolio: the example applications as a git repository with a dated history.

A portfolio's value lies in its history: effects committed before the pilot started, the stage
moving forward, the decision recorded after the outcome. So the demo does not just copy
``examples/portfolio``: it replays each application's own timeline as commits dated along it
(GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), authored by the application's owner:

1. proposed: application.yaml (stage proposed) and problem.yaml, well before the pilot;
2. planned: effects.yaml, compliance.yaml and the pilot plan, 40 days before ``plan.start``;
3. pilot: the stage changes on ``plan.start``; extensions when they were agreed;
4. evaluation: the outcome after the (last) end; the decision on its date;
5. production: from the decision on (an application retired after scale-up too); monitoring
   results; the stop recorded on the day it was decided (``retirement.decided_on``), the
   retirement on its date; then the dossier as it stands now.

The example is written for the date in ``examples/demo.yaml`` (``as_of``). The demo shifts every
date in the dossiers and in the text files of their evidence by the days between that date and
today (months and years written without a day by whole months and years, see
:func:`shift_dates`), so the demo always looks current and tells the same story on any day;
``--today`` equal to ``as_of`` gives an unshifted, reproducible portfolio (used by tests and CI).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from raio_cli import gitcmd
from raio_cli.fsio import atomic_write_text
from raio_cli.resources import examples_dir
from raio_cli.values import as_date as _date
from raio_cli.yamlio import load_bytes

_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):", re.M)


class DemoError(Exception):
    pass


@dataclass
class Event:
    date: dt.date
    app: str
    message: str
    author: str
    files: dict[str, str] = field(default_factory=dict)  # portfolio-relative path -> text


def _demo_settings() -> dict:
    data = load_bytes((examples_dir() / "demo.yaml").read_bytes(), "demo.yaml").data
    return data if isinstance(data, dict) else {}


def example_as_of() -> dt.date:
    return dt.date.fromisoformat(str(_demo_settings().get("as_of")))


def before_amendments(text: str, changes: dict) -> str:
    """effects.yaml as pre-registered: the declared amendments taken out and each amended field
    (``{"E2": {"baseline.value": 312}}``) set back to what it was before the amendment."""
    import yaml

    data = load_bytes(text.encode("utf-8"), "effects.yaml").data
    if not isinstance(data, dict):
        return text
    data.pop("amendments", None)
    for effect in data.get("effects") or []:
        for path, value in (changes.get(effect.get("id")) or {}).items() if isinstance(effect, dict) else ():
            *parents, last = path.split(".")
            node = effect
            for key in parents:
                node = node.setdefault(key, {})
            node[last] = value
    head = "".join(line for line in text.splitlines(keepends=True)[:1] if line.startswith("# yaml-language-server"))
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


#: Months as baselines' periods write them short ("jan-dec 2024"), beside the names of the memos.
_SHORT_MONTHS = {"nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
                 "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]}
#: What joins two months of one year in prose: "van maart tot en met mei 2026", "March to May 2026".
_THROUGH = r"(?:\s+(?:tot en met|t/m|tot|en|of|to|through|until|and|or)\s+|\s*[–-]\s*)"


def month_shift(days: int, anchor: dt.date | None = None) -> int:
    """The whole months a month written without a day ("in april 2025") moves when the dates move
    by ``days``: the months from ``anchor`` to ``anchor + days`` (the example's ``as_of`` and
    today: the example's current month becomes today's), or without an anchor the whole months
    nearest to ``days``."""
    if anchor is None:
        return round(days * 12 / 365.2425)
    moved = anchor + dt.timedelta(days=days)
    return (moved.year - anchor.year) * 12 + moved.month - anchor.month


def year_shift(days: int, anchor: dt.date | None = None) -> int:
    """The whole years a year written alone ("RIS-audit 2023", a baseline's period "2024") moves
    when the dates move by ``days``: a year counts from its middle, so it moves when its July
    moves into another year by :func:`month_shift` (half a year on or more: the next year)."""
    return (6 + month_shift(days, anchor)) // 12


#: A year written alone, not part of a number, a range of numbers, a regulation's number
#: ("2024/1689"), a standard's edition (":2017") or an identifier ("VIM-2025-0412").
_YEAR = re.compile(r"(?<![\w/.:,+\-–])((?:19|20)\d\d)(?![\w/\-–]|[.,:]\d)")
#: A year-month ("2026-05") that is not part of a full date or another number.
_YEAR_MONTH = re.compile(r"(?<![\w/.:\-])(\d{4})-(0[1-9]|1[0-2])(?![\w\-]|[.,:/]\d)")
#: Before a year that is not the story's: a citation's "et al. (2013)".
_CITED = re.compile(r"et al\.?,?\s*\(?$")
#: A YAML line whose whole value is the number (``sample_size: 2000``): a count, not a year.
_NUMBER_LINE = re.compile(r"^\s*(?:-\s+)?(?:[^:#\n]+:\s+)?$")


def _written_dates(months) -> re.Pattern:
    """Dates written out with the month names ``months``: a day, month and year ("18 december
    2026"), a month and year ("april 2025", "sep 2025"), or two months and their year ("maart tot
    en met mei 2026", "jan-jun 2024"), the words apart by any white space (a YAML text folds its
    lines)."""
    name = "|".join(sorted(months, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:(?P<day>\d{{1,2}})\s+(?P<dmonth>{name})"
                      rf"|(?<!\d\s)(?:(?P<first>{name}){_THROUGH})?(?P<month>{name}))"
                      rf"(?P<sep>\s+)(?P<year>\d{{4}})(?!\d)")


def shift_dates(text: str, days: int, anchor: dt.date | None = None) -> str:
    """Move every date in ``text`` by ``days``: ISO dates, and dates written out in the prose of
    memos' languages ("18 december 2026", "18 December 2026") so that a text and the fields beside
    it keep telling the same story. A month written with its year and no day ("in april 2025",
    "maart tot en met mei 2026", "March 2024", a baseline's "jan-jun 2024", "2026-05") moves by
    whole months, :func:`month_shift` of ``days`` and ``anchor``; a year written alone ("RIS-audit
    2023", a baseline's period "2024", "ingevoerd in 2021") and a whole year of months ("jan-dec
    2025", "januari tot en met december 2025") by whole years, :func:`year_shift`.
    Left alone: invalid dates; months or days without a year (the example writes none, see
    tests/test_demo.py); a year in a regulation's number ("2024/1689"), a standard's edition
    (":2017"), an identifier ("VIM-2025-0412"), a citation ("et al. (2013)") or a YAML value that
    is the number itself (``sample_size: 2000``). Month names count as the memos write them
    (Dutch in lower case, English capitalised), or short as :data:`_SHORT_MONTHS` has them, and
    stay written as they were."""
    if not days:
        return text
    from raio_cli.documents.i18n import strings

    def move(m: re.Match) -> str:
        try:
            return (dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days=days)).isoformat()
        except ValueError:
            return m[0]

    months_by = month_shift(days, anchor)
    names = [n for lang in ("nl", "en") for n in (*strings(lang)["months"], *_SHORT_MONTHS[lang])]
    after_month = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(set(names), key=len, reverse=True))})\s+$")
    years_by = year_shift(days, anchor)

    def move_year(m: re.Match) -> str:
        before = m.string[max(0, m.start() - 40):m.start()]
        line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
        rest = m.string[m.end():m.string.find("\n", m.end()) if "\n" in m.string[m.end():] else len(m.string)]
        if after_month.search(before) or _CITED.search(before):
            return m[0]  # a month's year moves with the month below; a citation stays
        if _NUMBER_LINE.match(line) and re.fullmatch(r"\s*(?:#.*)?", rest):
            return m[0]  # the whole value of a YAML line: a number such as a sample size
        return str(int(m[1]) + years_by)

    def move_month(m: re.Match) -> str:
        moved = int(m[1]) * 12 + int(m[2]) - 1 + months_by
        return f"{moved // 12:04d}-{moved % 12 + 1:02d}" if 1 <= moved // 12 <= 9999 else m[0]

    if years_by:
        text = _YEAR.sub(move_year, text)
    text = _DATE.sub(move, text)
    text = _YEAR_MONTH.sub(move_month, text)
    for lang in ("nl", "en"):
        full, short = strings(lang)["months"], _SHORT_MONTHS[lang]
        names = {n: (i, short) for i, n in enumerate(short)}
        names.update({n: (i, full) for i, n in enumerate(full)})  # "mei", "May": the full name

        def move_written(m: re.Match, names=names) -> str:
            def index(group: str) -> int:
                return names[m[group]][0]

            def named(group: str, i: int) -> str:  # month ``i`` written as the month in ``group`` was
                return names[m[group]][1][i % 12]

            year = int(m["year"])
            if m["day"]:
                try:
                    day = dt.date(year, index("dmonth") + 1, int(m["day"])) + dt.timedelta(days=days)
                except (ValueError, OverflowError):
                    return m[0]
                new = {"day": str(day.day), "dmonth": named("dmonth", day.month - 1), "year": str(day.year)}
            elif m["first"] and index("first") == 0 and index("month") == 11:
                # a whole calendar year ("jan-dec 2025") is a year: it moves as a year written alone
                # beside it ("analyse ..., 2025") does, so the two never name different years
                new = {"year": str(year + years_by)}
            else:
                last = index("month")
                moved = year * 12 + last + months_by
                new = {"month": named("month", moved), "year": str(moved // 12)}
                if m["first"]:  # the first month of a range is in the year given, or the one before
                    first = index("first")
                    moved_first = (year if first <= last else year - 1) * 12 + first + months_by
                    new["first"] = named("first", moved_first)
                    if first <= last and moved_first // 12 != moved // 12:
                        # a range within one year moved over a year end: "feb 2023-jan 2024", not
                        # "feb-jan 2024", which reads as February back to January
                        new["first"] += f" {moved_first // 12}"
            if not 1 <= int(new["year"]) <= 9999:
                return m[0]
            out, at = [], m.start()
            for group in sorted(new, key=m.start):
                out += [m.string[at:m.start(group)], new[group]]
                at = m.end(group)
            return "".join(out) + m.string[at:m.end()]

        text = _written_dates(names).sub(move_written, text)
    return text


def without_keys(text: str, keys: set[str]) -> str:
    """Remove top-level ``keys`` (and their indented blocks) from YAML text, keeping comments."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        m = _TOP_KEY.match(line)
        if m:
            skipping = m[1] in keys
        elif line.strip() and not line.startswith((" ", "\t", "#", "-")):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


def with_stage(text: str, stage: str, since: dt.date) -> str:
    text = re.sub(r"^stage:.*$", f"stage: {stage}", text, count=1, flags=re.M)
    if re.search(r"^stage_since:", text, re.M):
        return re.sub(r"^stage_since:.*$", f"stage_since: {since.isoformat()}", text, count=1, flags=re.M)
    return re.sub(r"^(stage:.*)$", rf"\1\nstage_since: {since.isoformat()}", text, count=1, flags=re.M)


def timeline(texts: dict[str, str], app_id: str, today: dt.date, amended: dict | None = None) -> list[Event]:
    """The commits that tell one application's story, from its files' final texts. ``amended``:
    what the effects said before their declared amendments (see :func:`before_amendments`)."""
    data = {name: (load_bytes(t.encode(), name).data or {}) for name, t in texts.items()}
    app = data.get("application.yaml", {})
    pilot = data.get("pilot.yaml", {})
    owner = app.get("owner") or {}
    author = f"{owner.get('name') or 'RAIO'} <{owner.get('email') or 'raio@example.invalid'}>"
    rel = lambda name: f"applications/{app_id}/{name}"  # noqa: E731
    final_stage = app.get("stage", "proposed")
    plan = pilot.get("plan") or {}
    start, end = _date(plan.get("start")), _date(plan.get("end"))
    since = _date(app.get("stage_since"))
    last_day = today - dt.timedelta(days=1)
    clamp = lambda d: min(d, last_day)  # noqa: E731
    anchor = start or since or (today - dt.timedelta(days=30))
    application = without_keys(texts["application.yaml"], {"retirement", "reassessments"})
    events: list[Event] = []

    def add(when, message, files):
        events.append(Event(clamp(when), app_id, f"{app_id}: {message}", author, files))

    # the commit that enters the application's final stage is dated at its stage_since, so that git
    # and the file tell the same story (raio status counts the days from git, memos quote both)
    t_prop = since if final_stage == "proposed" and since else anchor - dt.timedelta(days=120)
    t_plan = since if final_stage == "planned" and since else anchor - dt.timedelta(days=40)
    t_prop = min(t_prop, t_plan - dt.timedelta(days=30)) if final_stage != "proposed" else t_prop
    first = {rel("application.yaml"): with_stage(application, "proposed", clamp(t_prop))}
    if "problem.yaml" in texts:
        first[rel("problem.yaml")] = texts["problem.yaml"]
    add(t_prop, "propose the application and state the problem", first)
    if final_stage == "proposed":
        return events + [_final(texts, rel, app_id, author, clamp(since or t_prop + dt.timedelta(days=14)))]

    planned = {rel("application.yaml"): with_stage(application, "planned", clamp(t_plan))}
    for name in ("effects.yaml", "compliance.yaml"):
        if name in texts:
            planned[rel(name)] = texts[name]
    if amended and "effects.yaml" in texts:
        planned[rel("effects.yaml")] = before_amendments(texts["effects.yaml"], amended)
    if "pilot.yaml" in texts:
        planned[rel("pilot.yaml")] = without_keys(texts["pilot.yaml"], {"extensions", "outcome", "decision"})
    add(t_plan, "pre-register the expected effects and plan the pilot", planned)
    if final_stage == "planned" or start is None or start >= today:
        return events + [_final(texts, rel, app_id, author, clamp(since or t_plan))]

    add(start, "start the pilot", {rel("application.yaml"): with_stage(application, "pilot", start)})
    if amended and "effects.yaml" in texts:
        days = sorted({d for d in (_date(a.get("date")) for a in (data["effects.yaml"].get("amendments") or [])
                                   if isinstance(a, dict)) if d and start < d < today})
        if days:  # the amended effects, with the amendments that declare the change
            add(days[0], "amend the effects (declared in amendments)", {rel("effects.yaml"): texts["effects.yaml"]})
    last_end = end
    for ext in pilot.get("extensions") or []:
        ext_end = _date(ext.get("end"))
        agreed = _date(ext.get("date")) or ((last_end - dt.timedelta(days=7)) if last_end else start)
        files = {rel("pilot.yaml"): without_keys(texts["pilot.yaml"], {"outcome", "decision"})}
        if final_stage == "pilot" and since == agreed and last_end and last_end < agreed:
            # evaluated after the planned end, then back in the pilot stage from the extension on
            evaluated = last_end + dt.timedelta(days=1)
            add(evaluated, "pilot ended; evaluation", {rel("application.yaml"): with_stage(application, "evaluation", evaluated)})
            files[rel("application.yaml")] = with_stage(application, "pilot", agreed)
        add(agreed, "extend the pilot", files)
        last_end = ext_end or last_end
    if final_stage == "pilot" or last_end is None or last_end >= today:
        return events + [_final(texts, rel, app_id, author, last_day)]

    outcome = pilot.get("outcome") or {}
    evaluation = last_end + dt.timedelta(days=1)
    add(evaluation, "pilot ended; evaluation", {rel("application.yaml"): with_stage(application, "evaluation", evaluation)})
    if outcome:
        t_out = _date(outcome.get("date")) or last_end + dt.timedelta(days=14)
        add(t_out, "record the pilot's outcome", {rel("pilot.yaml"): without_keys(texts["pilot.yaml"], {"decision"})})
    decision = pilot.get("decision") or {}
    t_dec = _date(decision.get("date"))
    retirement = app.get("retirement") if isinstance(app.get("retirement"), dict) else {}
    if t_dec and t_dec < today:
        files = {rel("pilot.yaml"): texts["pilot.yaml"]}
        # retired after scale-up: in production from the decision on (its stage_since is the switch-off)
        retiring = final_stage == "retired" and decision.get("choice") == "scale-up"
        entered = since if since and t_dec < since < today and not retiring else t_dec  # the stage may follow the decision
        if (final_stage not in ("evaluation", "retired") or retiring) and entered == t_dec:
            files[rel("application.yaml")] = with_stage(application, "production" if retiring else final_stage, t_dec)
        add(t_dec, f"decision: {decision.get('choice', '?')}", files)
        if final_stage not in ("evaluation", "retired") and entered != t_dec:
            add(entered, f"enter stage {final_stage}", {rel("application.yaml"): with_stage(application, final_stage, entered)})
        stop = _date(retirement.get("decided_on"))
        switched_off = _date(retirement.get("date"))
        if retiring and stop and t_dec < stop < today and (switched_off is None or stop < switched_off):
            # the stop recorded on the day it was decided, while the application still runs; with the
            # re-assessments only when all of them came before
            days = [_date(r.get("date")) if isinstance(r, dict) else None for r in app.get("reassessments") or []]
            text = texts["application.yaml"] if all(d and d < stop for d in days) else \
                without_keys(texts["application.yaml"], {"reassessments"})
            add(stop, "decide to stop", {rel("application.yaml"): with_stage(text, "production", t_dec)})
    if "monitoring.yaml" in texts:
        mon = data.get("monitoring.yaml", {})
        dates = [d for d in (_date(r.get("date")) for r in (mon.get("results") or []) + (mon.get("incidents") or [])
                             if isinstance(r, dict)) if d]
        add(max(dates) if dates else (t_dec or evaluation) + dt.timedelta(days=30), "monitoring results",
            {rel("monitoring.yaml"): texts["monitoring.yaml"]})
    retired = _date(retirement.get("date"))
    when = retired if retired and retired < today else max([e.date for e in events])
    last = max(e.date for e in events)
    if final_stage == "retired" and since and last <= since < today:
        return events + [_final(texts, rel, app_id, author, since)]  # retired on its stage_since
    return events + [_final(texts, rel, app_id, author, clamp(when + dt.timedelta(days=1)))]


def _final(texts, rel, app_id, author, when) -> Event:
    return Event(when, app_id, f"{app_id}: bring the dossier up to date", author,
                 {rel(name): text for name, text in texts.items()})


def build(target: Path, today: dt.date | None = None) -> dict:
    """Create the demo portfolio at ``target`` (must not exist or be empty). Returns a summary."""
    today = today or dt.date.today()
    target = Path(target)
    if target.is_symlink() and not target.exists():
        raise DemoError(f"{target} is a link that leads nowhere (dangling or a loop); the demo does not create "
                        "folders through links")
    if target.exists() and not target.is_dir():  # it said "exists and is not empty" of a file
        raise DemoError(f"{target} is a file, not a folder; the demo builds its portfolio in a new or empty folder")
    if target.exists() and any(target.iterdir()):
        raise DemoError(f"{target} exists and is not empty; the demo never writes into existing files")
    if not gitcmd.available():
        raise DemoError("git is not installed; the demo builds a git repository")
    source = examples_dir() / "portfolio"
    as_of = example_as_of()
    days = (today - as_of).days
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DemoError(f"cannot create {target}: a folder on its way is a file or a link that leads nowhere") from None
    except OSError as exc:
        raise DemoError(f"cannot create {target}: {exc.strerror or exc}") from None
    gitcmd.init(target)
    gitcmd.git(target, "config", "user.name", "raio demo")
    gitcmd.git(target, "config", "user.email", "demo@raio.invalid")
    gitcmd.git(target, "config", "commit.gpgsign", "false")

    events: list[Event] = []
    amended = _demo_settings().get("before_amendments") or {}
    for folder in sorted((source / "applications").iterdir()):
        if not folder.is_dir():
            continue
        texts = {p.name: shift_dates(p.read_text(encoding="utf-8"), days, as_of) for p in sorted(folder.glob("*.yaml"))}
        if "application.yaml" in texts:
            events += timeline(texts, folder.name, today, amended.get(folder.name))
    events.sort(key=lambda e: (e.date, e.app))
    start = (events[0].date if events else today) - dt.timedelta(days=7)
    setup = {"raio.yaml": shift_dates((source / "raio.yaml").read_text(encoding="utf-8"), days, as_of)}
    from raio_cli.schema import SCHEMA_NAMES, schema_text

    for name in SCHEMA_NAMES:  # as raio init and raio schema --write write them
        setup[f".raio/schemas/{name}.schema.json"] = schema_text(name)
    for extra in ("README.md", ".gitignore"):
        if (source / extra).exists():
            setup[extra] = (source / extra).read_text(encoding="utf-8")
    _commit(target, Event(start, "", "Set up the AI portfolio of the radiology department", "RAIO <raio@example.invalid>", setup))
    for event in events:
        _commit(target, event)
    for folder in sorted((source / "applications").iterdir()):  # evidence and other non-YAML files
        for extra in folder.rglob("*"):
            if extra.is_file() and extra.suffix != ".yaml":
                dest = target / extra.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:  # a text's dates move with the dossier's (a validation report's period and date)
                    atomic_write_text(dest, shift_dates(extra.read_bytes().decode("utf-8"), days, as_of))
                except UnicodeDecodeError:  # a PDF or an image: as it is
                    shutil.copyfile(extra, dest)
    if gitcmd.dirty_paths(target):
        _commit(target, Event(events[-1].date if events else start, "", "Add evidence documents", "RAIO <raio@example.invalid>", {}))
    return {"root": target, "commits": len(events) + 1, "shifted_days": days, "today": today}


def _commit(root: Path, event: Event) -> None:
    for rel, text in event.files.items():
        atomic_write_text(root / rel, text)
    stamp = f"{event.date.isoformat()}T10:00:00+01:00"
    name, _, email = event.author.partition("<")
    env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": name.strip(),
           "GIT_AUTHOR_EMAIL": email.rstrip(">").strip()}
    gitcmd.git(root, "add", "-A", paths=["."])
    gitcmd.git(root, "commit", "-q", "--allow-empty", "-m", event.message, env=env)
