"""The portfolio at a glance: plain data for ``raio status`` (terminal and JSON) and the report.

For each application: its stage and how long it has been in it (from git: the commit that set
the stage; else application.yaml ``stage_since``), what the next stage's gate still needs, the
pilotitis signals (overdue outcome or decision, extensions), an evaluation while the extended
pilot still runs, the CE certificate's expiry, the
checklist items whose evidence has expired (DAT009) or expires within the policy's window (DAT010), the
monitoring to catch up (overdue results, alerts without follow-up, serious incidents not
reported), the open checklist items by owner, and the counts of check findings. Everything comes from the same
library the checks use (:mod:`raio_cli.check`, :mod:`raio_cli.gates`, :mod:`raio_cli.history`),
so status and check never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from raio_cli import check as engine
from raio_cli import gates
from raio_cli.catalog import gate_stages
from raio_cli.rules.dates import stage_in_use
from raio_cli.findings import Severity
from raio_cli.monitoring import gap_key
from raio_cli.portfolio import App
from raio_cli.values import as_date as _date

#: Finding codes that mean "a decision or outcome is overdue" (pilotitis).
PILOTITIS_CODES = ("DAT002", "DAT003", "DAT004", "DAT005", "DAT014")
CERTIFICATE_CODES = ("DAT007", "DAT008")
#: Finding codes that mean "monitoring after scale-up needs catching up": results overdue (plan,
#: metric), an alert without follow-up, a serious incident not reported, a new version not
#: re-assessed, results missing between two results.
MONITORING_CODES = ("MON003", "MON004", "MON005", "MON009", "MON010", "MON014")
_MONITORING_LATE = ("MON003", "MON004")
OPEN = ("open", "in-progress")


def _as(kind: type, value: Any) -> Any:
    """``value`` when it is a ``kind`` (dict or list), else an empty one: odd types are the schema's to report."""
    return value if isinstance(value, kind) else kind()


def app_facts(app: App, history, policy: dict) -> dict:
    """What a status row says of one application besides its findings, as far as it does not
    depend on today: its stage and since when, what the next gate needs, the pilot's dates and
    decision, the certificate, open items, when monitoring falls due. Plain data, so that the
    check's workers can compute it and its cache keep it (FACTS) on any day; :func:`dated`
    makes the row's facts of it for a day, in this process."""
    stage = app.stage
    since, since_source = None, None
    h = history.app(app.id) if history is not None and history.readable else None  # its own, not a former name's
    if h is not None and h.stage_since:  # (an uncommitted stage counts from today: such facts hold for the day only)
        since, since_source = h.stage_since, "git"
    if since is None and _date(app.get("application", "stage_since")):
        since, since_source = _date(app.get("application", "stage_since")), "stage_since"
    from raio_cli.rules import dates

    off = dates.switched_off(app, dt.date.max)  # dated: from the day it was switched off (see dated)
    from raio_cli.checklist import next_gate

    # production's next stage is retirement: not a goal to work towards, so no "next gate" there;
    # a scale-up or stop recorded in pilot or evaluation leads to production or stopped (DEC004),
    # the gate `raio check --next-stage` lists then
    nxt = next_gate(app)
    needs: list[str] = []
    superseded: list[list] = []
    if nxt:
        gs = gates.gate_status(app, nxt, policy, entering=True)
        needs = ([f"{name}.yaml" for name in gs.missing_files] + [path for _file, path in gs.missing_fields]
                 + [f"{path} = {gates.word(value)}" for _file, path, value, _actual in gs.wrong_values]
                 + [f"{path} other than {gates.word(value)}" for _file, path, value, _actual in gs.other_values]
                 + [f"checklist: {item}" for item, _owner, _status in gs.open_items])
        superseded = [[path, facts["end"].isoformat() if facts.get("end") is not None else None,
                       dates.stale_outcome_words(facts)] for _file, path, facts in gs.superseded]
    from raio_cli.checklist import open_entries

    # open or in progress, and an item with a status that is none of the four or none at all
    # (check's SCH004, SCH001): not settled either, as the gates and every other count say; an entry that
    # is no mapping (`- mdr-class`, SCH003) by what it says, without owner or status
    open_items = [{"id": i.get("id"), "owner": i.get("owner") or "", "status": i.get("status")} if isinstance(i, dict)
                  else {"id": i, "owner": "", "status": None} for _index, i in open_entries(app)]
    plan = _as(dict, app.get("pilot", "plan"))
    extensions = [e for e in _as(list, app.get("pilot", "extensions")) if isinstance(e, dict)]
    start, end = dates.as_date(plan.get("start")), dates.last_planned_end(app)  # a typo is no date
    decision = _as(dict, app.get("pilot", "decision"))
    cert = _date(app.get("application", "regulatory", "certificate", "expires"))
    from raio_cli import monitoring as mon

    # a retirement decided while the application still runs (the stage stays production until the switch-off)
    retiring = (mon.retirement_planned(app) or {}).get("date")
    # the checklist evidence that runs out on a date, done or being renewed, as the memo and the
    # report list it (dates.evidence_dates); an MDD certificate's item with the day MDR Art 120
    # keeps it valid until (DAT009 of variant mdd)
    evidence = []
    for e in dates.evidence_dates(app.data("compliance"), cert):
        mdd = dates.mdd_transition(app.data("application"), app.data("compliance"),
                                   gates.checklist_catalog(policy).get("ce-certificate"), e["expires"]) \
            if e["id"] == "ce-certificate" else None
        evidence.append([e["id"], e["expires"].isoformat(), e["status"], mdd[0].isoformat() if mdd else None])
    return {
        "id": app.id,
        "name": app.name,
        "stage": stage,
        "owner": app.get("application", "owner", "name") or "",
        "vendor": app.get("application", "vendor") or "",
        "product": app.get("application", "product") or "",
        "stage_since": since.isoformat() if since else None,
        "stage_since_source": since_source,
        "switched_off": off.isoformat() if off else None,
        "pilot_start": start.isoformat() if start else None,
        "pilot_end": end.isoformat() if end else None,
        "pilot_dates_problem": dates.plan_date_note(dates.plan_date_problems(app)),
        "extensions": len(extensions),
        "decision": decision.get("choice"),
        "decision_date": decision.get("date"),
        "next_stage": nxt,
        "next_stage_needs": needs,
        "superseded": superseded,
        "certificate_expires": cert.isoformat() if cert else None,
        "open_items": open_items,
        "monitoring_schedule": mon.due_schedule(app),  # what MON003/MON004 report, with its dates
        "retirement_planned": retiring,
        "evidence": evidence,
        # the days ahead in which evidence counts as expiring (DAT010, the memo and the report alike)
        "expiry_window": dates.checklist_expiry_window(policy),
    }


def dated(facts: dict, today: dt.date) -> dict:
    """The facts of a status row on ``today``, from :func:`app_facts`: days in stage (a retired
    application counts from its switch-off, as the memo dates it), what the next gate needs,
    the certificate's days left, when monitoring fell due."""
    since, since_source = _date(facts["stage_since"]), facts["stage_since_source"]
    off = _date(facts["switched_off"])
    if off is not None and off <= today and off != since:
        since, since_source = off, "retirement"
    cert = _date(facts["certificate_expires"])
    from raio_cli import monitoring as mon

    due = mon.first_due(facts["monitoring_schedule"], today)
    return {
        **{k: facts[k] for k in ("id", "name", "stage", "owner", "vendor", "product")},
        "stage_since": since.isoformat() if since else None,
        "stage_since_source": since_source,
        # no days when the stage began after --today (a history committed later than the date asked for)
        "days_in_stage": (today - since).days if since and since <= today else None,
        **{k: facts[k] for k in ("pilot_start", "pilot_end", "pilot_dates_problem", "extensions", "decision",
                                 "decision_date", "next_stage")},
        "next_stage_needs": facts["next_stage_needs"] + [_superseded_words(path, _date(end), words, today)
                                                         for path, end, words in facts["superseded"]],
        "certificate_expires": facts["certificate_expires"],
        "certificate_days_left": (cert - today).days if cert else None,
        "open_items": facts["open_items"],
        "monitoring_due": due.isoformat() if due else None,
        "retirement_planned": facts["retirement_planned"],
        # evidence expired while the application is or will be used (DAT009 judges the done items)
        "expired_items": [{"code": "DAT009" if status == "done" else None, "item": item, "status": status,
                           "expires": expires, "days": (today - _date(expires)).days}
                          for item, expires, status, until in facts["evidence"]
                          if stage_in_use(facts["stage"]) and _date(expires) < today
                          and not (until and today <= _date(until))],
        # evidence that expires within the policy's window (raio check's DAT010 judges the done
        # items; the memo and the report name those being renewed too, as dates.expiring_items)
        "expiring_items": [{"code": "DAT010" if status == "done" else None, "item": item, "status": status,
                            "expires": expires, "days": (_date(expires) - today).days}
                           for item, expires, status, until in facts["evidence"]
                           if stage_in_use(facts["stage"])
                           and 0 <= (_date(expires) - today).days <= facts.get("expiry_window", 60)],
    }


def _superseded_words(path: str, end: dt.date | None, words: str, today: dt.date) -> str:
    """A gate field of the outcome that the pilot before its extension wrote, or that has no date
    to show otherwise (``gates.GateStatus.superseded``; ``words``: why, ``end``: the extended
    pilot's last end), as the next gate needs it: that of the extended pilot, which runs until
    or ended on its last end."""
    runs = "" if end is None else f", which {'runs until' if end >= today else 'ended on'} {end}"
    return f"{path} of the extended pilot{runs} ({words})"


def status_row(facts: dict, findings: list) -> dict:
    """:func:`dated` facts with the application's findings: pilotitis and certificate signals, counts."""
    counts = Counter(str(f.severity) for f in findings)
    return {
        **facts,
        "pilotitis": [{"code": f.code, "message": f.message, "variant": (f.data or {}).get("variant")}
                      for f in findings if f.code in PILOTITIS_CODES],
        # in evaluation while the pilot, extended after its outcome or by an extend decision, still
        # runs (DEC004): until when
        "extended_pilot_runs_until": next((str(f.data["end"]) for f in findings if f.code == "DEC004"
                                           and (f.data or {}).get("end")), None),
        # a scale-up, stop or extend decision the stage has not followed (DEC004)
        "stage_lags_decision": next((f.data["choice"] for f in findings if f.code == "DEC004"
                                     and (f.data or {}).get("variant") == "decision"), None),
        # ... decided by the board (decided_by), or only recommended: the memo's "recommendation"
        "stage_lags_decided": next((f.data.get("decided") is not False for f in findings if f.code == "DEC004"
                                    and (f.data or {}).get("variant") == "decision"), None),
        # a DAT007 of variant "mdd": past its printed date, valid under MDR Art 120 until "until"
        "certificate": [{"code": f.code, "message": f.message, "variant": (f.data or {}).get("variant"),
                         "until": (f.data or {}).get("until")} for f in findings if f.code in CERTIFICATE_CODES],
        # an AI Act duty that applies from a date soon (DAT011) or since a date passed (DAT012) while
        # its checklist items are not done: the rule's data, which the report words as the memo does
        "ai_act": [{"code": f.code, "data": dict(f.data or {})} for f in findings if f.code in ("DAT011", "DAT012")],
        "monitoring": [{"code": f.code, "message": f.message} for f in findings if f.code in MONITORING_CODES],
        "monitoring_missing": sum(int((f.data or {}).get("missing") or 0) for f in findings if f.code == "MON014"),
        # each gap MON014 reports (a gap explained by a suppression is not among them) as
        # [metric (None: the plan's rhythm), before, after]: two metrics' gaps may end the same day
        "monitoring_gaps": [gap_key(f.data) for f in findings if f.code == "MON014"],
        # primary verdicts on a typed interval below the policy's level (OUT013), as the memo says them
        "interval_below_policy": [{"effect": (f.data or {}).get("effect"), "level": (f.data or {}).get("level"),
                                   "minimum": (f.data or {}).get("minimum")} for f in findings if f.code == "OUT013"],
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
    }


#: The name of :func:`app_facts` among the check's per-application facts (and in its cache).
FACTS = "status"


def _facts_in_check(app: App, ctx) -> dict:
    return app_facts(app, ctx.history if ctx.use_git else None, ctx.policy)


def portfolio_status(root: Path, today: dt.date, use_git: bool = True, cache: bool = False) -> dict:
    """The whole portfolio as plain data (what ``raio status --format json`` prints).

    One check of the portfolio gives everything: each application's row is computed where the
    check has its files loaded (in its workers, see check.run ``facts``), with the history the
    check read. ``cache``: served from and kept in the check's cache (:mod:`raio_cli.cache`),
    as ``raio check`` is, rows included.
    """
    from raio_cli.portfolio import find_root

    result = engine.run(find_root(Path(root)), today=today, use_git=use_git, cache=cache, facts={FACTS: _facts_in_check})
    state = result.history_state if use_git else "not read"
    if state is None:  # not established by this run (cannot happen with a check that read it)
        from raio_cli import history as hist

        state = hist.read(result.root, today=today).state
    missing = [a for a in result.apps if FACTS not in result.facts.get(a, {})]
    if missing:  # app_facts failed there (a bug): say where, with the check's own report of it
        why = next((m for m in result.internal_errors if m.startswith(f"{FACTS} of {missing[0]} ")), "")
        raise RuntimeError(f"the status of {missing[0]} could not be computed{': ' + why if why else ''}")
    by_app: dict[str, list] = {}
    for f in result.findings:
        by_app.setdefault(f.app, []).append(f)
    apps = [status_row(dated(result.facts[app_id][FACTS], today), by_app.get(app_id, [])) for app_id in result.apps]
    # findings of no row (raio.yaml, an application folder that is not read): counted as check counts them
    rows = set(result.apps)
    elsewhere = [{"code": f.code, "severity": str(f.severity), "file": f.file, "line": f.line, "message": f.message}
                 for f in result.findings if f.app not in rows and f.severity >= Severity.WARNING]
    stages = gate_stages()  # the lifecycle's order
    order = {s: i for i, s in enumerate(stages)}
    apps.sort(key=lambda a: (order.get(a["stage"], len(order)), a["id"]))
    from raio_cli import privacy

    return privacy.mask_data({  # the dossiers as written, but no patient identifier in full
        "organisation": result.settings.get("organisation") or "",
        "department": result.settings.get("department") or "",
        "today": today.isoformat(),
        "history": state,
        "by_stage": {s: [a["id"] for a in apps if a["stage"] == s] for s in stages},
        "applications": apps,
        "portfolio_findings": elsewhere,
        "totals": {"applications": len(apps),
                   "errors": sum(a["errors"] for a in apps) + sum(1 for f in elsewhere if f["severity"] == "error"),
                   "warnings": sum(a["warnings"] for a in apps) + sum(1 for f in elsewhere if f["severity"] == "warning"),
                   "pilotitis": sum(1 for a in apps if a["pilotitis"]),
                   "monitoring": sum(1 for a in apps if a["monitoring"]),
                   "open_items": sum(len(a["open_items"]) for a in apps)},
    }, privacy.patterns_of(result.policy))


_COLUMNS = ("stage", "application", "days", "next gate", "signals", "open", "err/warn")
_NUMBERS = {"days", "open", "err/warn"}
_WRAP = {"next gate", "signals"}  # may go over several lines; the others never do
#: How a table too wide for the console is narrowed, step by step as far as it must: (column,
#: narrowest width). Signals and the next gate then go over several lines, an application's id
#: and a stage are cut with an ellipsis; numbers are never cut.
_NARROWING = (("signals", 8), ("next gate", 11), ("application", 12), ("next gate", 8), ("application", 8),
              ("stage", 6))


def column_widths(natural: list[int], width: int) -> list[int]:
    """The widths of the status table's columns (:data:`_COLUMNS`) for a console ``width`` wide,
    given each column's widest cell.

    Every column as wide as its widest cell when the table fits; otherwise narrowed as
    :data:`_NARROWING` says until it fits (in a console too narrow even then, rich narrows the
    rest). Giving rich the widths also spares it measuring every cell: a third of the time it
    took to draw 1,000 rows."""
    widths = list(natural)
    room = width - (3 * len(widths) + 1)  # borders and a space either side of every cell
    excess = sum(widths) - room
    for name, least in _NARROWING:
        if excess <= 0:
            break
        i = _COLUMNS.index(name)
        cut = min(excess, max(0, widths[i] - least))
        widths[i] -= cut
        excess -= cut
    return widths


def _print_listed(console, title, rows) -> None:
    """The status table's rows (cells in the order of :data:`_COLUMNS`) for a console too narrow
    for the table: each application on lines of its own, every value whole (a word longer than
    a line is folded, never cut), the columns' names as labels."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(title)
    for stage, app, days, gate, signals, open_items, errors in rows:
        console.print(Text.assemble(Text(app.plain, style="bold"), " ", stage), overflow="fold")
        facts = [Text(f"{days.plain} days in stage") if days.plain else None,
                 Text.assemble("next gate ", gate) if gate.plain else None,
                 Text(f"open {open_items.plain}"), Text.assemble("err/warn ", errors)]
        console.print(Padding(Text("; ").join(f for f in facts if f is not None), (0, 0, 0, 2), expand=False), overflow="fold")
        if signals.plain:
            console.print(Padding(Text.assemble("signals: ", signals), (0, 0, 0, 2), expand=False), overflow="fold")


def _history_words(state: str, check: str) -> str:
    """The summary's words for the history's ``state``: "read", "not read" (--no-git), or what
    kept raio from reading it, pointing at the check that says what follows (GIT001-GIT007)."""
    from raio_cli import history

    words = history.state_words(state)
    return words if state in ("ok", "not read") else f"{words} (see {check})"


def print_status(root: Path, today: dt.date, console=None, use_git: bool = True, data: dict | None = None,
                 here: str = ".") -> dict:
    """Render :func:`portfolio_status` as a terminal table (rich). Every text from the portfolio
    (names, ids, stages, messages quoting values) goes through :func:`raio_cli.terminal.printable`:
    an escape sequence in a folder name or a YAML value is shown, never run. ``here``: how the
    user names the portfolio's folder, for the commands the summary gives (:mod:`raio_cli.shellhint`)."""
    from rich.table import Table
    from rich.text import Text as RichText

    from raio_cli import shellhint
    from raio_cli.terminal import fitted, print_table, printable

    def Text(text="", style=""):  # noqa: N802 - rich's Text, made printable, in the signs the console writes
        return RichText(fitted(printable(text)), style=style)

    if console is None:
        from raio_cli.terminal import wide_console

        console = wide_console()
    data = data or portfolio_status(root, today, use_git=use_git)
    title = " — ".join(str(x) for x in (data["organisation"], data["department"]) if x) or "AI portfolio"
    # the title as a line of its own: as the table's title rich pads it to the table's width,
    # trailing blanks in a piped or redirected output
    heading = Text(f"{title}  ({data['today']})", style="table.title")
    table = Table(expand=False)
    rows = []
    for a in data["applications"]:
        signals = []
        if a.get("pilot_dates_problem"):  # a typo in the plan's dates: no pilotitis is counted from it
            signals.append(Text(a["pilot_dates_problem"], style="red"))
        for p in a["pilotitis"]:
            signals.append(Text(p["message"].split(":")[0], style="red"))
        if a.get("extended_pilot_runs_until"):  # the stage says evaluation; the pilot is not over
            signals.append(Text(f"extended pilot runs until {a['extended_pilot_runs_until']}", style="yellow"))
        elif a.get("stage_lags_decision"):
            signals.append(Text(f"stage lags decision '{a['stage_lags_decision']}'" if a.get("stage_lags_decided")
                                is not False else f"recommendation '{a['stage_lags_decision']}' awaits the board",
                                style="yellow"))
        if a["certificate_days_left"] is not None and stage_in_use(a["stage"]):
            days = a["certificate_days_left"]
            mdd = next((c["until"] for c in a["certificate"] if c.get("variant") == "mdd"), None)
            if mdd:  # past its printed date, valid under MDR Art 120 (DAT007's warning)
                signals.append(Text(f"CE (MDD) valid until {mdd} (MDR Art 120)", style="yellow"))
            elif days < 0:
                signals.append(Text(f"CE expired {-days} d ago", style="red"))
            elif a["certificate"]:
                signals.append(Text("CE expires today" if days == 0 else f"CE expires in {days} d", style="yellow"))
        for e in a.get("expired_items") or []:
            signals.append(Text(f"{e['item']} expired {e['days']} d ago" if isinstance(e.get("days"), int)
                                else f"{e['item']} expired", style="red"))
        for e in a.get("expiring_items") or []:
            signals.append(Text(f"{e['item']} expires today" if e["days"] == 0 else
                                f"{e['item']} expires in {e['days']} d", style="yellow"))
        codes = {m["code"] for m in a["monitoring"]}
        if codes & set(_MONITORING_LATE):  # the plan and a metric late: one signal, from the earliest due date
            due = a.get("monitoring_due")
            signals.append(Text(f"monitoring overdue since {due}" if due else "monitoring overdue", style="yellow"))
        if "MON005" in codes:
            signals.append(Text("alert without follow-up", style="red"))
        if "MON009" in codes:
            signals.append(Text("serious incident not reported", style="red"))
        if "MON010" in codes:
            signals.append(Text("new version not re-assessed", style="red"))
        if a.get("retirement_planned"):  # decided, not yet switched off; past its day MON016 says set stage: retired
            off = a["retirement_planned"]
            signals.append(Text(f"switch-off on {off} passed" if off < data["today"] else f"to be retired on {off}",
                                style="red" if off < data["today"] else "yellow"))
        missing = a.get("monitoring_missing") or 0
        if missing:
            signals.append(Text(f"{missing} monitoring result{'s' if missing != 1 else ''} missing", style="yellow"))
        needs = a["next_stage_needs"]
        need_text = "" if not a["next_stage"] else (
            f"{a['next_stage']}: ready" if not needs else f"{a['next_stage']}: {len(needs)} to do")
        err = Text(f"{a['errors']}/{a['warnings']}", style="red" if a["errors"] else ("yellow" if a["warnings"] else "green"))
        # Text cells, not strings: a dossier's id is no console markup, and rich need not parse it
        rows.append((Text(a["stage"] or "?"), Text(a["id"]),
                     Text("" if a["days_in_stage"] is None else str(a["days_in_stage"])), Text(need_text),
                     RichText("; ").join(signals) if signals else Text(""), Text(str(len(a["open_items"]))), err))
    natural = [max([len(header)] + [row[i].cell_len for row in rows]) for i, header in enumerate(_COLUMNS)]
    widths = column_widths(natural, console.width)
    if sum(widths) + 3 * len(widths) + 1 > console.width:  # too narrow even so: rich would cut every column
        _print_listed(console, heading, rows)
    else:
        # rich cuts a cell with '…'; written as '...' where the console lacks it, that row would run two
        # columns past the edge: there a cell that does not fit goes over two lines instead
        cut = "ellipsis" if fitted("…") == "…" else "fold"
        for header, width in zip(_COLUMNS, widths):
            table.add_column(header, width=width, justify="right" if header in _NUMBERS else "left",
                             no_wrap=header not in _WRAP and cut == "ellipsis", overflow="fold" if header in _WRAP else cut)
        console.print(heading)
        print_table(console, table, rows)
    t = data["totals"]
    check = shellhint.fill(shellhint.raio("check"), here)

    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    invalid = sum(1 for a in data["applications"] for i in a["open_items"] if i.get("status") not in OPEN)

    console.print(printable(f"{counted(t['applications'], 'application')}; {t['pilotitis']} with pilotitis signals; "
                            f"{t['monitoring']} with monitoring to catch up; "
                            f"{counted(t['open_items'], 'checklist item')} marked open or in progress"
                            + (f" or with no valid status ({invalid})" if invalid else "")
                            + f"; {counted(t['errors'], 'error')} and "
                            f"{counted(t['warnings'], 'warning')} (details: {check}; next gate: {check} "
                            f"--next-stage). History: {_history_words(data['history'], check)}."), markup=False)
    elsewhere = data.get("portfolio_findings") or []
    if elsewhere:  # in the totals above, but in no row of the table
        shown = "; ".join(f"{f['file'] or 'portfolio'}{':' + str(f['line']) if f['line'] else ''} {f['severity']} {f['code']}"
                          for f in elsewhere[:3])
        console.print(printable(f"Not in the table: {len(elsewhere)} finding{'s' if len(elsewhere) > 1 else ''} "
                                f"outside the applications' rows ({shown}{'; …' if len(elsewhere) > 3 else ''})."),
                      markup=False)
    later = [a["id"] for a in data["applications"] if a["stage_since"] and a["stage_since"] > data["today"]]
    if later:
        console.print(printable(f"No days shown for {len(later)} application{'s' if len(later) > 1 else ''} that entered "
                                f"{'their' if len(later) > 1 else 'its'} stage after {data['today']} (the history has later "
                                f"commits): {', '.join(later[:5])}{', …' if len(later) > 5 else ''}."), markup=False)
    return data
