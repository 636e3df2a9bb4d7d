"""raio monitor APP [show|result|update-result|incident|update-incident|import]: record monitoring results and
incidents, complete an incident, or show them."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from raio_cli import shellhint
from raio_cli.commands._common import (APP_HELP, app_missing, app_root_as_named, application_arg, applications_refused, err, fail, from_here,
                                      parse_date, portfolio_root, unknown_format)
from raio_cli.fsio import read_limited
from raio_cli.terminal import printable

ACTIONS = ("show", "init", "result", "update-result", "incident", "update-incident", "import")
#: the actions that complete an entry already recorded, in place, rather than add one
UPDATES = ("update-result", "update-incident")
#: Options that belong to one action only (option name -> actions that accept it).
_ONLY_FOR = {
    "--date": ("result", "update-result", "incident", "update-incident"), "--value": ("result",), "--by": ("result",),
    "--notes": ("result",), "--follow-up": ("result", "update-result", "incident", "update-incident"),
    "--severity": ("incident", "update-incident"),
    "--description": ("incident",), "--reported-vendor": ("incident", "update-incident"),
    "--reported-manufacturer": ("incident", "update-incident"), "--reported-igj": ("incident", "update-incident"),
    "--reference": ("incident", "update-incident"), "--which": ("update-incident",),
    "--dry-run": ("result", "update-result", "incident", "update-incident", "import"), "--format": ("show",),
}
_MAX_CSV = 1024 * 1024


def monitor(
    app_id: Optional[str] = typer.Argument(None, metavar="APP", help=APP_HELP + " Inside it, 'raio monitor ACTION' (init, result ...) is that application's action, unless an application of the portfolio has the action's name.", show_default=False),
    action: Optional[str] = typer.Argument(None, metavar="[ACTION]", show_default=False, help="show (default): the monitoring summary; init: write monitoring.yaml from its template (never over an existing one); result: add a dated result (to the result of --date recorded already: the metrics it lacks); update-result: add the follow-up of the result of --date (what was done about an alert it raised); incident: add an incident; update-incident: complete the incident of --date with what it lacks (a report date, reference or follow-up) or raise its --severity; import: add results from a CSV file (to a date recorded already: the metrics it lacks)."),
    csv_file: Optional[Path] = typer.Argument(None, metavar="[CSV]", help="For import: the CSV file, with a header as described above."),
    portfolio: Path = typer.Option(Path("."), "--portfolio", "-p", help="The portfolio (or any folder in it); default: the current folder."),
    date: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Date of the result (e.g. the end of the period) or of the incident (for update-result and update-incident: of the entry to complete; for result, a date with a result already adds the --value metrics it lacks)."),
    value: List[str] = typer.Option([], "--value", metavar="ID=NUMBER", help="A measured value: the id of a metric of plan.metrics and a number, e.g. --value M1=0.91 (repeatable)."),
    by: Optional[str] = typer.Option(None, "--by", help="Who recorded the result (added to a result of --date recorded already only when it names no one; another name is refused)."),
    notes: Optional[str] = typer.Option(None, "--notes", help="Remarks on the result (added to a result of --date recorded already only when it has none; other notes are refused)."),
    follow_up: Optional[str] = typer.Option(None, "--follow-up", help="Actions taken, e.g. after an alert."),
    severity: Optional[str] = typer.Option(None, "--severity", help="Incident severity: minor, moderate or serious (update-incident may raise it, or set one the incident lacks or that is no severity, not lower it)."),
    description: Optional[str] = typer.Option(None, "--description", help="What happened, without patient identifiers (a BSN or patient number is refused)."),
    reported_vendor: Optional[str] = typer.Option(None, "--reported-vendor", metavar="YYYY-MM-DD", help="Date the incident was reported to the vendor."),
    reported_manufacturer: Optional[str] = typer.Option(None, "--reported-manufacturer", metavar="YYYY-MM-DD", help="Date reported to the legal manufacturer (MDR Art 87 vigilance route)."),
    reported_igj: Optional[str] = typer.Option(None, "--reported-igj", metavar="YYYY-MM-DD", help="Date reported to IGJ (health inspectorate), where applicable."),
    reference: Optional[str] = typer.Option(None, "--reference", help="Reference, e.g. the internal incident report (VIM) number."),
    which: Optional[str] = typer.Option(None, "--which", metavar="TEXT", help="For update-incident, when several incidents share the date: a part of the description or reference of the one to complete."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be written (an entry to add; for update-result, update-incident and a result given more values, the change as a diff) and write nothing."),
    format: str = typer.Option("text", "--format", "-f", help="For show: text or json (the summary memos render)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Act as if today were this date (dates after it are refused)."),
) -> None:
    """Record monitoring results and incidents in monitoring.yaml, or show the monitoring summary.

    Examples: 'raio monitor APP' shows the latest value per metric, alerts, what is overdue and
    the periods without results (one explained by '# raio: ignore[MON014] REASON' with its reason);
    'raio monitor APP init' writes monitoring.yaml from its template, to fill in its plan;
    'raio monitor APP result --date 2026-11-01 --value M1=0.91 --value M2=0.3 --by "Dr. X"'
    adds a result, and 'raio monitor APP result --date 2026-11-01 --value M3=64.3' later adds M3,
    measured since, to that result; 'raio monitor APP update-result --date 2026-11-01 --follow-up "..."' records
    what was done about an alert that result raised (a line dated today under a follow-up it
    has); 'raio monitor APP incident --date 2026-11-02 --severity serious
    --description "..." --reported-vendor 2026-11-02' adds an incident; 'raio monitor APP
    update-incident --date 2026-11-02 --reported-manufacturer 2026-11-09 --follow-up "..."'
    completes that incident once it is reported (--which TEXT picks one of several that day by a
    part of its description or reference); 'raio monitor APP import results.csv' adds results
    from a CSV file. Inside the application's folder (applications/<id>/ or below it) APP may be
    omitted: 'raio monitor' shows its summary, 'raio monitor init' writes its monitoring.yaml.

    The entry is added as text, so the file's comments and layout stay as they are: a result
    or an incident goes in date order among the results or incidents (an older one before the
    newer ones, after the comments under the entry before it, and below a comment on the whole
    list right under results: or incidents:; a list written newest first kept so; in a list in
    no date order, nothing is moved and the entry goes after the last one dated before it), and
    the command says where. A result whose date has one already goes into it: its --value
    metrics join the values (a flow mapping {M1: 7.9} gets ', M3: 64.3' before its brace, a
    block mapping a line of its own), --by and --notes are added when the result has none and
    refused when it has others, --follow-up is added as update-result adds it (a dated line
    under a follow-up it has); a metric it has a value of is refused, whatever the value: correct
    a recorded value by hand. update-incident adds only what the
    incident lacks, after its last line (a --follow-up as a dated line under the follow-up it has), raises --severity in place (or sets one missing or unknown), and refuses to change any other value it already has: correct that by hand. The new text is re-read and validated against the schema before
    the file is replaced in one atomic step. Anything that cannot be recorded (an unknown metric,
    a value that is not a number, a bad or future date, a result dated after the application's
    retirement, a metric already recorded on that date, a text or value holding a BSN or a match of raio.yaml's phi_patterns) stops with exit 2 and nothing written. A missing monitoring.yaml is created from a template.
    A value that looks mistyped is recorded with a note (also with --dry-run): a percentage
    (unit %) outside 0-100 or below 1 where the last one was above, a fraction outside 0-1.

    CSV: a header date,metric,value[,by,notes,follow_up] (one value per row) or
    date,M1,M2,...[,by,notes,follow_up] (one date per row), in any case, or in Dutch: date as
    datum/meetdatum, metric as meting/maat/metriek, value as waarde/meetwaarde, by as
    door/ingevoerd_door, notes as opmerkingen/opmerking/toelichting, follow_up as
    opvolging/vervolgactie (a space or '-' for '_'; a column named as a metric of the plan is
    that metric); semicolons with decimal commas, as
    Dutch spreadsheets write them, are accepted too (a number such as 1.061, which a Dutch
    spreadsheet means as 1061, is refused as ambiguous: write 1061 or 1,061). Dates are
    YYYY-MM-DD, or day-month-year with hyphens (01-11-2026), as Dutch spreadsheets write them,
    with a note saying how they were read; 01/11/2026 is refused as ambiguous. The file is read as
    UTF-8, or else as Windows-1252 (Excel's 'CSV (comma delimited)'), with a note saying so.
    The results are added in date order, whatever the order of the rows (a sheet sorted newest
    first too), each among the results already in the file (older ones before the newer ones),
    which stay where they are. A date with a result in the file already goes into that result, as
    with 'result': the metrics it lacks are added, a metric it has a value of stops the whole
    import (nothing written); the results completed and the new ones are written in one step.

    raio does not commit: review the change and commit it yourself (the command prints how).
    """
    import datetime as dt

    from raio_cli import monitoring as mon

    app_id, action, csv_file = _arguments(app_id, action, csv_file, portfolio)
    if action not in ACTIONS:
        meant = _near_action(action)
        fail(f"unknown action '{_safe(action)}'",
             (f"Did you mean '{meant}'? " if meant else "") + f"Use one of: {', '.join(ACTIONS)}.")
    given = {"--date": date, "--value": value, "--by": by, "--notes": notes, "--follow-up": follow_up,
             "--severity": severity, "--description": description, "--reported-vendor": reported_vendor,
             "--reported-manufacturer": reported_manufacturer, "--reported-igj": reported_igj,
             "--reference": reference, "--which": which, "--dry-run": dry_run,
             "--format": format if format != "text" else None}
    for option, actions in _ONLY_FOR.items():
        if given.get(option) and action not in actions:
            fail(f"{option} does not apply to '{action}'", f"{option} is for: {', '.join(actions)}.")
    if csv_file is not None and action != "import":
        fail(f"a file argument is only for 'import', not '{action}'")
    day_today = parse_date(today) or dt.date.today()
    here = app_root_as_named(app_id, portfolio)
    root, app_dir, app_id = _locate(app_id, portfolio)
    again = shellhint.fill(shellhint.raio("monitor", app_id), here)  # 'raio monitor [-p PF] APP', run from here
    rel = f"applications/{app_id}/monitoring.yaml"
    path = app_dir / "monitoring.yaml"

    if action == "show":
        _show(root, app_id, day_today, format, again)
        return
    if action == "init":
        _init(path, rel, app_id, app_dir, root, again)
        return

    from raio_cli import privacy
    from raio_cli.portfolio import phi_patterns

    patterns = phi_patterns(root)
    report_days = _incident_report_days(root)
    old_text, bom, data, created = _read(path, rel, app_id, app_dir)
    addition = None  # values added to the result of --date already recorded: (index, additions, updated)
    completions: list = []  # import: the same, for each CSV date that has a result already
    try:
        if action == "result":
            if date is None:
                fail("--date is missing", "Give the date of the result: --date YYYY-MM-DD (e.g. the end of the period).")
            pairs = [_pair(v) for v in value]
            day = parse_date(date, "--date")
            addition = mon.result_addition(data, day, pairs, by, notes, follow_up, day_today)
            if addition is None:
                entries = [mon.result_entry(data, day, pairs, by, notes, follow_up, day_today)]
            else:  # a metric measured later for a period recorded already: into that result
                index, additions, updated = addition
                entries = [updated]
            key = "results"
        elif action == "incident":
            if date is None:
                fail("--date is missing", "Give the date of the incident: --date YYYY-MM-DD.")
            if severity is None:
                fail("--severity is missing", "Give --severity minor, moderate or serious.")
            reported = {"vendor": parse_date(reported_vendor, "--reported-vendor"),
                        "manufacturer": parse_date(reported_manufacturer, "--reported-manufacturer"),
                        "igj": parse_date(reported_igj, "--reported-igj")}
            entries = [mon.incident_entry(data, parse_date(date, "--date"), severity, description, reported,
                                          reference, follow_up, day_today)]
            key = "incidents"
        elif action == "update-incident":
            if created:
                fail(f"{rel} does not exist yet, so it has no incident to complete",
                     f"Add the incident first: {again} incident --date ... --severity ... "
                     "--description ...")
            if date is None:
                fail("--date is missing", "Give the date of the incident to complete: --date YYYY-MM-DD.")
            reported = {"vendor": parse_date(reported_vendor, "--reported-vendor"),
                        "manufacturer": parse_date(reported_manufacturer, "--reported-manufacturer"),
                        "igj": parse_date(reported_igj, "--reported-igj")}
            index, additions, updated = mon.incident_update(data, parse_date(date, "--date"), which, reported,
                                                            reference, follow_up, day_today, severity)
            entries = [updated]
            key = "incidents"
        elif action == "update-result":
            if created:
                fail(f"{rel} does not exist yet, so it has no result to complete",
                     f"Add the result first: {again} result --date ... --value ...")
            if date is None:
                fail("--date is missing", "Give the date of the result to complete: --date YYYY-MM-DD.")
            index, additions, updated = mon.result_update(data, parse_date(date, "--date"), follow_up, day_today)
            entries = [updated]
            key = "results"
        else:
            csv_notes: list[str] = []
            entries = mon.parse_results_csv(_read_csv(csv_file, again), data, day_today, csv_notes, completions)
            for note in csv_notes:
                err(f"raio: note: {note}.")
            key = "results"
        if key == "results" and action != "update-result":  # a follow-up is no result after use
            mon.refuse_after_use(_app(root, app_id), entries + [u for _, _, u in completions],
                                 "--date" if action == "result" else "the result of")
        placed: list = []  # the runs of new entries, where they went (in date order)
        hows: set = set()
        completing = action in UPDATES or addition is not None  # an entry recorded already, changed in place
        if completing:
            mon.refuse_identifiers([additions], patterns)
            new_text = mon.update_entry(old_text, key, index, additions)
            mon.verify_update(old_text, new_text, key, index, updated, rel, app_id)
        elif completions:  # import: CSV dates with a result get the metrics it lacks, new ones are placed
            mon.refuse_identifiers([{**a, "date": u["date"]} for _, a, u in completions] + entries, patterns,
                                   from_csv=True)
            new_text, _, placed, hows = mon.complete_and_place(old_text, data, completions, entries, rel, app_id)
        else:
            mon.refuse_identifiers(entries, patterns, from_csv=action == "import")
            # each in date order among the results or incidents already there, which stay put
            new_text, positions, placed, hows = mon.place_entries(old_text, data, entries, key)
            mon.verify_append(old_text, new_text, key, entries, rel, app_id, positions)
    except mon.MonitorError as exc:  # a hint's command names this application, not the placeholder
        fail(str(exc), exc.hint.replace("raio monitor APP ", f"{again} "))

    def mask(text: str) -> str:  # the folder (in every path shown) may be named after a patient
        return printable(privacy.mask_identifiers(text, patterns), keep="\n")

    def echo(text: str, nl: bool = True) -> None:
        typer.echo(mask(text), nl=nl)

    shown = "".join(mon.render_entry(e, 2, "\n") for e in entries)
    if completing or not (isinstance(data.get(key), list) and data[key]):
        placed = []  # the file's first entries: nothing to place them among
    order = mon.order_note(data, hows, rel, key) if placed else None
    if placed and dry_run:  # the preview says where each run of entries would go
        shown = "".join(f"  # {run.where()}\n" + "".join(mon.render_entry(e, 2, "\n") for e in run.entries)
                        for run in placed)
    notes_of = entries
    if action == "update-result":  # its values were noted when it was recorded
        notes_of = []
    if addition is not None:  # the values added, with the follow_up the result will have
        notes_of = [{**updated, "values": additions["values"]}]
    if completions:
        notes_of = sorted(entries + [{**u, "values": a["values"]} for _, a, u in completions], key=lambda e: e["date"])
        # what each result of a CSV date recorded already gets: "2026-10-01: M3 = 64.3 (it had M1, M2); added by"
        entries_done = [f"{u['date'].isoformat()}: {', '.join(f'{m} = {mon.format_number(v)}' for m, v in a['values'].items())}"
                        + (f" (it had {', '.join(str(m) for m in mon.values(data['results'][i]))})"
                           if mon.values(data["results"][i]) else "")
                        + "".join(f"; added {k}" for k in ("by", "notes") if k in a)
                        + (("; added a dated line to follow_up" if _has_text(data["results"][i].get("follow_up")) else
                            "; added follow_up") if "follow_up" in a else "")
                        for i, a, u in completions]
    if dry_run and completions:  # the whole change as a diff: the results completed and the new ones
        echo(f"# {rel} would change so:")
        for done in entries_done:
            echo(f"#   added to the existing result of {done}")
        if entries:
            echo(f"#   new result{'s' if len(entries) > 1 else ''}: {', '.join(e['date'].isoformat() for e in entries)}")
        changed = _changed_lines(old_text, new_text, echo)
        for line in ([order] if order else []) + _notes(data, key, notes_of, app_id, again, dry_run=True,
                                                         report_days=report_days, from_csv=True):
            err(mask(f"raio: note: {line}"))
        _note_inert("\n".join(changed))
        err("raio: dry run: nothing was written")
        return
    if action == "update-incident":  # what raio check will say of the incident as completed
        notes_of = [{**updated, "reported_to": {p: d for p, d in updated.get("reported_to", {}).items()
                                                if isinstance(d, dt.date)}}]
    if dry_run and completing:  # the lines as the file would get them ('+'), with those they replace ('-')
        entry_name = "result" if key == "results" else "incident"
        echo(f"# {rel}: the {entry_name} of {entries[0]['date'].isoformat()} would change so")
        changed = _changed_lines(old_text, new_text, echo)
        for line in _notes(data, key, notes_of, app_id, again, dry_run=True, report_days=report_days):
            err(mask(f"raio: note: {line}"))
        _note_inert("\n".join(changed))
        err("raio: dry run: nothing was written")
        return
    if dry_run:
        echo(f"{key}:  # would be added to {rel}" + (" (a new file)" if created else ""))
        echo(shown, nl=False)
        for line in ([order] if order else []) + _notes(data, key, entries, app_id, again, dry_run=True,
                                                         report_days=report_days, from_csv=action == "import"):
            err(mask(f"raio: note: {line}"))
        _note_inert(shown)
        err("raio: dry run: nothing was written")
        return
    _write(path, bom + new_text, created)
    what = {"results": "result", "incidents": "incident"}[key]
    count = f"{len(entries)} {what}s" if len(entries) > 1 else \
        f"the {what} of {entries[0]['date'].isoformat()}" if entries else ""
    if completions:  # import: the results completed, then those added
        echo(f"Added to the existing result{'s' if len(completions) > 1 else ''} in {rel}:")
        for done in entries_done:
            echo(f"  {done}")
        if entries:
            echo(f"Added {count} to {rel}" + (":" if len(placed) > 1 else
                                             f", {placed[0].where()}." if placed else "."))
            for run in placed if len(placed) > 1 else []:
                echo(f"  {run.dates()}: {run.where()}")
    elif action == "update-incident":
        before = data["incidents"][index]
        extended = "follow_up" in additions and isinstance(before.get("follow_up"), str) and before["follow_up"].strip()
        added = [f"reported_to.{p}" for p in additions.get("reported_to", {})] + \
            [k for k in ("reference", "follow_up") if k in additions and not (k == "follow_up" and extended)]
        was = before.get("severity")
        raised = ("" if "severity" not in additions else
                  f"severity raised from {was} to {additions['severity']}" if was in mon.SEVERITIES else
                  f"severity set to {additions['severity']} (it had none)" if was is None or not str(was).strip() else
                  f"severity set to {additions['severity']} (replacing '{_clip(str(was), 40)}', not a severity)")
        echo(f"Completed {count} in {rel}: " + "; ".join(
            part for part in ((f"added {', '.join(added)}" if added else ""),
                              "added a dated line to follow_up" if extended else "", raised) if part) + ".")
    elif action == "update-result":
        before = data["results"][index]
        extended = isinstance(before.get("follow_up"), str) and before["follow_up"].strip()
        echo(f"Completed {count} in {rel}: " + ("added a dated line to follow_up." if extended else "added follow_up."))
    elif addition is not None:
        before = data["results"][index]
        had = mon.values(before)
        extended = "follow_up" in additions and isinstance(before.get("follow_up"), str) and before["follow_up"].strip()
        also = [k for k in ("by", "notes", "follow_up") if k in additions and not (k == "follow_up" and extended)]
        echo(f"Added {', '.join(f'{m} = {mon.format_number(v)}' for m, v in additions['values'].items())} to the "
             f"existing result of {entries[0]['date'].isoformat()} in {rel}"
             + (f" (it had {', '.join(str(m) for m in had)})" if had else "")
             + "".join(f"; added {k}" for k in also) + ("; added a dated line to follow_up" if extended else "") + ".")
    elif len(placed) == 1:
        echo(f"Added {count} to {rel}, {placed[0].where()}.")
    elif placed:
        echo(f"Added {count} to {rel}:")
        for run in placed:
            echo(f"  {run.dates()}: {run.where()}")
    else:
        echo(f"Added {count} to {rel}" + (" (created from the template)" if created else "") + ".")
    if order:
        err(mask(f"raio: note: {order}"))
    for line in _notes(data, key, notes_of, app_id, again, report_days=report_days, from_csv=action == "import"):
        err(mask(f"raio: note: {line}"))
    subject = (f"Monitoring: {', '.join(additions['values'])} added to result {entries[0]['date'].isoformat()}"
               if addition is not None else _import_subject(completions, entries) if completions else
               f"Monitoring: {what} {entries[0]['date'].isoformat()}" + (" completed" if completing else "")
               if len(entries) == 1
               else f"Monitoring: {len(entries)} results up to {max(e['date'] for e in entries).isoformat()}")
    echo("Next: review the change, then commit it:")
    git, file = _git_here(root, path)
    echo(f"  {git} add -- {file}")
    echo(f"  {git} commit -m {_shell(subject + ' for ' + app_id)} -- {file}")
    echo(f"  raio check {_shell(from_here(app_dir, root))}")


def _changed_lines(old_text: str, new_text: str, echo) -> list[str]:
    """The lines of a dry run's change as the file would get them ('+'), with those they replace
    ('-') and two around them; each echoed ('...' between the parts), and returned."""
    import difflib

    changed = [line for line in difflib.unified_diff(old_text.splitlines(), new_text.splitlines(), lineterm="", n=2)
               if not line.startswith(("---", "+++"))]
    for line in changed:
        echo("..." if line.startswith("@@") else line)
    return changed


def _has_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _import_subject(completions: list, entries: list[dict]) -> str:
    """The commit subject of an import that completed results recorded already (and added new ones)."""
    days = sorted(u["date"] for _, _, u in completions)
    metrics = sorted({m for _, a, _ in completions for m in a["values"]})
    done = (f"{', '.join(metrics)} added to result {days[0].isoformat()}" if len(days) == 1 else
            f"{', '.join(metrics)} added to {len(days)} results up to {days[-1].isoformat()}")
    if not entries:
        return f"Monitoring: {done}"
    new = (f"result {entries[0]['date'].isoformat()}" if len(entries) == 1 else
           f"{len(entries)} results up to {max(e['date'] for e in entries).isoformat()}")
    return f"Monitoring: {new}; {done}"


def _arguments(app_id: str | None, action: str | None, csv_file: Path | None,
               portfolio: Path) -> tuple[str | None, str, Path | None]:
    """APP, ACTION and CSV as meant. typer reads the words in order, so inside an application's
    folder, where APP may be omitted, 'raio monitor init' gave APP 'init'. A first word that is an
    action's name and no application of the portfolio is that action of the application whose
    folder the current one (or --portfolio) is in: 'raio monitor init', 'raio monitor import
    results.csv'; outside one it is a missing APP. Three words, or a first word that names no
    action, are APP ACTION CSV as ever. A first word that is both an action and an application of
    the portfolio is that application, as ever, except inside an application's folder, where it
    could mean either and is refused unless a second word that is an action settles it."""
    if app_id is None or csv_file is not None or (app_id not in ACTIONS and not (action is None and _near_action(app_id))):
        return app_id, action or "show", csv_file
    from raio_cli.portfolio import PortfolioNotFound, application_here, application_ids, find_root

    if not portfolio.is_dir():  # --portfolio names nothing, or a file: said as for an id given
        portfolio_root(portfolio)
    try:
        here = application_here(portfolio) if portfolio.is_dir() else None
        root = here[0] if here else find_root(portfolio)
    except (PortfolioNotFound, OSError, RuntimeError):
        here = root = None
    if app_id not in ACTIONS:  # near an action's name ('reslt'): inside an application's folder, that
        # action mistyped, unless an application has the name; elsewhere an APP as ever
        if here is None or root is None or app_id in application_ids(root):
            return app_id, action or "show", csv_file
        return here[1], app_id, None
    if root is not None and app_id in application_ids(root):
        if here is None or action in ACTIONS:
            return app_id, action or "show", csv_file
        fail(f"'{app_id}' is both an action and an application of this portfolio",
             f"Say which: raio monitor {here[1]} {app_id}{' ' + _shell(action) if action else ''} for this folder's "
             f"application, or raio monitor {app_id} show for the application '{app_id}'.")
    if here is None:
        if root is not None:
            applications_refused(root)
        app_missing("monitor", portfolio, root, app_id)
    return here[1], app_id, Path(action) if action is not None else None


def _near_action(word: str) -> str:
    """The action ``word`` is meant as, mistyped ('reslt', 'Import', 'update_result'); "" for a
    word near none."""
    import difflib

    meant = word.strip().lower().replace("_", "-")
    return meant if meant in ACTIONS else next(iter(difflib.get_close_matches(meant, ACTIONS, n=1, cutoff=0.75)), "")


def _locate(app_id: str, portfolio: Path) -> tuple[Path, Path, str]:
    from raio_cli.portfolio import APP_ID

    root, app_id = application_arg(app_id, portfolio, "monitor")
    applications_refused(root)
    app_dir = root / "applications" / app_id
    if not APP_ID.fullmatch(app_id) or not app_dir.is_dir() or app_dir.is_symlink():  # never a path of another shape
        from raio_cli.portfolio import application_ids, unknown_application

        if app_id in application_ids(root) and not app_dir.is_symlink():  # listed by raio status, so say why not here
            from raio_cli.privacy import clip
            from raio_cli.terminal import printable

            fail(f"the application folder '{clip(printable(app_id), 80)}' is not a valid application id, "
                 "so raio monitor does not write in it (IDN006: lower-case letters, digits and hyphens, 3 to 64 characters)",
                 "Rename the folder with 'git mv' to a valid id and give application.yaml the same `id`; "
                 "'raio check' reports it as IDN006.")
        fail(unknown_application(app_id, application_ids(root), root))
    return root, app_dir, app_id


def _init(path: Path, rel: str, app_id: str, app_dir: Path, root: Path, again: str) -> None:
    """Write monitoring.yaml from the template, never over an existing file (or link)."""
    from raio_cli import monitoring as mon
    from raio_cli.fsio import WouldOverwrite, atomic_write_text
    from raio_cli.portfolio import phi_patterns

    if path.exists() or path.is_symlink():
        fail(f"{rel} exists; it was not overwritten", "Edit it, or see its summary: " + again)
    effects, patterns = _effects(app_dir, app_id), phi_patterns(root)
    try:
        atomic_write_text(path, mon.template_text(app_id, _app_name(app_dir, app_id), patterns, effects),
                          overwrite=False, within=root)
    except WouldOverwrite:
        fail(f"{rel} exists; it was not overwritten")
    except OSError as exc:
        fail(f"cannot write {rel}: {exc.strerror or exc}")
    from raio_cli.commands._common import said, wrote  # the folder (in every path shown) may be named after a patient

    wrote(path)
    typer.echo(f"Next: {mon.template_next(mon.metrics_from_effects(effects, patterns))}, then")
    git, file = _git_here(root, path)
    typer.echo(said(f"  {git} add -- {file}"))
    typer.echo(said(f"  raio check {_shell(from_here(app_dir, root))}"))


def _git_here(root: Path, path: Path) -> tuple[str, str]:
    """The git command and the file's path to run it with from the current folder, as the other
    commands show paths: ``git`` and the path relative to here when the current folder is in the
    portfolio; ``git -C <portfolio>`` and the portfolio-relative path from elsewhere."""
    try:
        Path.cwd().resolve().relative_to(root.resolve())
        return "git", _shell(from_here(path, root))
    except (ValueError, OSError):
        return f"git -C {_shell(from_here(root))}", _shell(path.relative_to(root).as_posix())


def _read(path: Path, rel: str, app_id: str, app_dir: Path) -> tuple[str, str, dict, bool]:
    """(text without BOM, the BOM, data, created) of monitoring.yaml, or of the template when absent."""
    from raio_cli import monitoring as mon
    from raio_cli import yamlio

    if path.is_symlink():
        fail(f"{rel} is a link", "raio does not write through links; replace the link with the file itself.")
    if not path.exists():
        from raio_cli.commands._common import patterns_in_play

        text = mon.template_text(app_id, _app_name(app_dir, app_id), patterns_in_play(), _effects(app_dir, app_id))
        loaded = yamlio.load_bytes(text.encode("utf-8"), rel, app_id)
        return text, "", loaded.data if isinstance(loaded.data, dict) else {}, True
    if not path.is_file():
        fail(f"{rel} is not a file")
    try:
        raw = read_limited(path, yamlio.DEFAULT_MAX_BYTES)
    except OSError as exc:
        fail(f"{rel} cannot be read: {exc.strerror or exc}")
    if len(raw) > yamlio.DEFAULT_MAX_BYTES:
        fail(f"{rel} is larger than {yamlio.DEFAULT_MAX_BYTES // 1024} KiB", "A monitoring.yaml is a few kilobytes; check the file.")
    loaded = yamlio.load_bytes(raw, rel, app_id)
    # a hidden character in a text (YML020) is kept as it is: the file is read as safely
    errors = [f for f in loaded.findings if str(f.severity) == "error" and f.code != "YML020"]
    if errors or not isinstance(loaded.data, dict):
        first = errors[0] if errors else None
        where = f" (line {first.line}: {first.message})" if first else ""
        fail(f"{rel} cannot be read safely{where}", "Fix the file first: raio check shows where; nothing was written.")
    bom = ""
    if raw.startswith(b"\xef\xbb\xbf"):
        bom, raw = "\ufeff", raw[3:]
    return raw.decode("utf-8"), bom, loaded.data, False


def _effects(app_dir: Path, app_id: str) -> dict | None:
    """effects.yaml's data, for the template's plan (None when it is missing or unreadable)."""
    from raio_cli import yamlio

    path = app_dir / "effects.yaml"
    if not path.is_file() or path.is_symlink():
        return None
    loaded = yamlio.load_file(path, "effects.yaml", app_id)
    return loaded.data if isinstance(loaded.data, dict) else None


def _app_name(app_dir: Path, app_id: str) -> str:
    from raio_cli import yamlio

    loaded = yamlio.load_file(app_dir / "application.yaml", "application.yaml", app_id)
    name = loaded.data.get("name") if isinstance(loaded.data, dict) else None
    return name if isinstance(name, str) and name.strip() else app_id


def _read_csv(csv_file: Optional[Path], again: str) -> str:
    if csv_file is None:
        fail("import needs a CSV file", f"{again} import results.csv")
    if not csv_file.is_file():  # a typo in the name, or a folder: say which, and what import reads
        what = "is a folder, not a CSV file" if csv_file.is_dir() else \
            "does not exist" if not csv_file.exists() else "is not a file (a device or a pipe)"
        fail(f"{csv_file} {what}", f"Give the CSV file's path (from the current folder): {again} "
                                   "import results.csv; 'raio monitor --help' describes its header.")
    try:
        raw = read_limited(csv_file, _MAX_CSV)
    except OSError as exc:
        fail(f"{csv_file} cannot be read: {exc.strerror or exc}")
    if len(raw) > _MAX_CSV:
        fail(f"{csv_file} is larger than {_MAX_CSV // 1024} KiB", "Import results in smaller files.")
    from raio_cli import monitoring as mon

    try:
        text, encoding = mon.decode_csv(raw)
    except UnicodeDecodeError as exc:
        fail(f"{csv_file} is not UTF-8 text (byte {exc.start}), nor Windows-1252", "Save the CSV as UTF-8 (in Excel: CSV UTF-8).")
    if encoding == "cp1252":
        err(f"raio: note: {csv_file} is not UTF-8 and was read as Windows-1252, the encoding of Excel's 'CSV "
            f"(comma delimited)'; save as 'CSV UTF-8' and no guess is needed.")
    return text


def _pair(text: str) -> tuple[str, int | float]:
    from raio_cli import monitoring as mon

    metric, eq, raw = text.partition("=")
    metric = metric.strip()
    if not eq or not metric:
        raise mon.MonitorError(f"--value '{_safe(text)}' is not METRIC=NUMBER", "Write e.g. --value M1=0.91.")
    return metric, mon.parse_number(raw, f"--value {metric}")


def _write(path: Path, text: str, created: bool) -> None:
    import os
    import stat

    from raio_cli.fsio import WouldOverwrite, atomic_write_bytes

    mode = None
    if not created:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = None
    try:
        atomic_write_bytes(path, text.encode("utf-8"), overwrite=not created, within=path.parents[2])
    except WouldOverwrite:
        fail(f"{path.name} appeared while raio was writing it", "Run the command again.")
    except OSError as exc:
        fail(f"{path.name} could not be written: {exc.strerror or exc}", "The original file is unchanged.")
    if mode is not None:  # the temporary file was created 0600; keep the file's own permissions
        try:
            os.chmod(path, mode)
        except OSError:
            pass
    elif created:
        try:
            os.chmod(path, 0o644 & ~_umask())
        except OSError:
            pass


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current


def _note_inert(preview: str) -> None:
    """Say where a dry run's ``preview`` shows a character otherwise than the file will hold it:
    standard output shows a value's '##[' (a command to a CI runner) as '##\\x{5b}' (see
    :func:`raio_cli.terminal.inert`), and a reader took the escape for what raio would write."""
    from raio_cli.terminal import ESCAPES, RUNNER_COMMAND

    if RUNNER_COMMAND.search(preview):
        err(f"raio: note: this preview shows {ESCAPES['text'][0]} where the file will hold '[' (after '##', "
            "which a CI runner reads as a command; the escape keeps this output from being one)")


def _notes(data: dict, key: str, entries: list[dict], app_id: str, again: str, dry_run: bool = False,
           report_days: int = 15, from_csv: bool = False) -> list[str]:
    """What raio check will report about the new entries, said now (with --dry-run: before they
    are added, when the advice is to add them with what they lack; ``from_csv``: they come from
    import, which takes a follow-up in the CSV's follow_up column, not as --follow-up). ``again``:
    raio monitor for this application as the user runs it from here ('raio monitor -p PF APP')."""
    from raio_cli import monitoring as mon
    from raio_cli.values import with_unit

    out = []
    if key == "results":
        by_id = {m["id"]: m for _, m in mon.metrics(data)}
        for e in entries:
            for metric, value in e["values"].items():
                earlier = [x for x in entries if x["date"] < e["date"] and metric in x["values"]]
                previous = (max(earlier, key=lambda x: x["date"])["values"][metric] if earlier
                            else mon.last_value(data, metric, e["date"]))
                odd = mon.implausible(by_id.get(metric, {}), value, previous)
                if odd:
                    out.append(f"{metric} on {e['date'].isoformat()}: {odd}; "
                               + ("correct the value before you add it" if dry_run else
                                  f"if it is mistyped, correct it in applications/{app_id}/monitoring.yaml"))
            if e.get("follow_up"):
                continue
            for metric, value in e["values"].items():
                if mon.alerts(by_id.get(metric, {}), value):
                    side = "below" if by_id[metric].get("direction") == "increase" else "above"
                    given = "it in the CSV's follow_up column" if from_csv else "--follow-up"
                    fix = (f"give {given} (what was done about the alert) when you add it" if dry_run else
                           f"add it: {again} update-result --date {e['date'].isoformat()} --follow-up \"...\"")
                    unit = by_id[metric].get("unit")  # as MON005 and the memo give them: "88.5% ... 90%"
                    out.append(f"{metric} = {with_unit(str(value), unit)} on {e['date'].isoformat()} is {side} its "
                               f"alert threshold {with_unit(str(by_id[metric].get('alert_threshold')), unit)}; raio "
                               "check reports MON005 until the result has a "
                               f"follow_up: {fix}")
    else:
        for e in entries:
            if e["severity"] == "serious":
                missing = [p for p in ("vendor", "manufacturer") if p not in e.get("reported_to", {})]
                if missing:
                    out.append(f"a serious incident must be reported to the {' and the '.join(missing)} "
                               f"(the manufacturer reports it to the authorities (MDR Art 87); the deployer informs "
                               f"the provider (AI Act Art 26(5))); raio check reports MON009 until reported_to has those dates"
                               + (f" (--reported-{' and --reported-'.join(missing)})" if dry_run else
                                  f"; once it is reported: {again} update-incident --date "
                                  f"{e['date'].isoformat()} "
                                  + " ".join(f"--reported-{p} YYYY-MM-DD" for p in missing)))
                late: dict = {}  # one date under both roles is one report (the vendor is the manufacturer), as MON015 reads it
                for party in ("vendor", "manufacturer"):
                    when = e.get("reported_to", {}).get(party)
                    if when is not None and (when - e["date"]).days > report_days:
                        late.setdefault(when, []).append(party)
                for when, parties in late.items():
                    out.append(f"reported to the {' and the '.join(parties)} on {when.isoformat()}, "
                               f"{(when - e['date']).days} days after the incident, later than the policy's {report_days} "
                               f"days; raio check warns of it (MON015): if the date is right, say why in the incident's "
                               f"follow_up and keep the finding with # raio: ignore[MON015] REASON on the {parties[0]}: line")
    return out


def _incident_report_days(root: Path) -> int:
    """raio.yaml's policy ``incident_report_days`` (MON015), else its default."""
    from raio_cli.portfolio import load_config, merged_policy
    from raio_cli.rules.dates import policy_int

    config = load_config(root)
    settings = config.data if isinstance(config.data, dict) else {}
    return policy_int(merged_policy(settings.get("policy"), config), "incident_report_days", 15)


def _app(root: Path, app_id: str):
    """The application as raio check reads it (its stage and retirement)."""
    from raio_cli import portfolio as pf_mod

    return pf_mod.load(root, only={app_id}).app(app_id)


def _show(root: Path, app_id: str, today, format: str, again: str) -> None:
    import sys

    from raio_cli import jsontext, monitoring as mon
    from raio_cli import portfolio as pf_mod

    if format not in ("text", "json"):
        unknown_format(format, ("text", "json"), "Use --format text or --format json.")
    from raio_cli import privacy

    pf = pf_mod.load(root, only={app_id})
    app = pf.app(app_id)
    patterns = privacy.patterns_of(pf.policy)
    summary = mon.monitoring_summary(app, today)
    explained = _explained_gaps(app, today) if summary["gaps"] else {}
    for g in summary["gaps"]:  # kept in view, with the suppression's reason, which memo and report leave out
        g["explained"] = explained.get(mon.gap_key(g))
    summary = privacy.mask_data(summary, patterns)  # no identifier in full
    if format == "json":
        sys.stdout.write(jsontext.dumps(summary, indent=2, default=str) + "\n")
        return
    from raio_cli.terminal import output_width, wrapped, wrapped_parts

    width = output_width()  # None when piped without COLUMNS: no line is broken

    def safe(text: str) -> str:  # the id may hold a BSN, as the folder's name; values may hold escapes
        return printable(privacy.mask_identifiers(text, patterns))

    def echo(text: str, subsequent: str = "    ") -> None:  # filled to a terminal, indented as it starts
        indent = text[:len(text) - len(text.lstrip(" "))]
        typer.echo(wrapped(safe(text), width, indent, subsequent))

    stage = summary["stage"] or "unknown (application.yaml is missing, cannot be read or names none; raio check says why)"
    echo(f"{app.name} ({app_id}), stage {stage}, today {today.isoformat()}")
    if not summary["has_plan"]:
        if (root / "applications" / app_id / "monitoring.yaml").exists():
            echo("  No monitoring plan in monitoring.yaml.")
        else:
            echo(f"  No monitoring.yaml yet: '{again} init' writes one from the template.")
    else:
        results = (f"{summary['results_count']} result(s), the last on {summary['last_result_date']}"
                   if summary["results_count"] and summary["last_result_date"] else
                   f"{summary['results_count']} result(s)" if summary["results_count"] else "no results yet")
        if summary["results_after_today"]:  # a typo by hand (raio monitor refuses them): counted apart, not as the last
            results += f", and {summary['results_after_today']} dated after today (MON008)"
        echo(f"  Plan: {summary['frequency'] or 'no frequency'}, owner {summary['owner'] or 'not named'}; {results}")
        if not summary["in_use"]:  # what follows is history: nothing is due, nothing alerts now
            end = summary["last_use"] or {}
            since = f" since {end['date']} ({end['is']})" if end.get("date") else f" (stage {summary['stage']})"
            echo(f"  Out of use{since}: the values are the last measured while in use; no results are due.")
    planned = summary["retirement_planned"]
    if planned:  # the switch-off the board decided: monitoring stays due until then (MON016 after it)
        decided = f"decided on {planned['decided_on']} for" if planned["decided_on"] else "planned for"
        echo(f"  Retirement {decided} {planned['date']}: " + (
            "results stay due until the switch-off." if planned["date"] >= today.isoformat() else
            "that day has passed and the stage is still production; once switched off, set stage: retired (MON016)."))
    for m in summary["metrics"]:
        latest = m["latest"]
        unit = f" {m['unit']}" if m["unit"] else ""
        value = f"{latest['value']}{unit} on {latest['date']}" if latest else "no value yet"
        sign = {"increase": ">=", "decrease": "<="}.get(m["direction"] or "", "?")
        limit = f"wanted {sign} {m['alert_threshold']}" if m["alert_threshold"] is not None else "no threshold"
        flags = []
        no_follow_up = "" if latest and latest["follow_up"] else "no follow-up"
        if m["alert"] and summary["in_use"]:
            flags.append("ALERT" + (f", {no_follow_up}" if no_follow_up else ""))
        elif m["alert"]:  # the last value of an application no longer in use: history, not an alert now
            flags += [_past_alert(m, latest, summary["last_use"] or {})] + ([no_follow_up] if no_follow_up else [])
        if m["overdue"]:
            flags.append(f"OVERDUE (due {m['due']})")
        parts = [f"{m['id']:<8} {value};", f"{limit};", m["frequency"] or "-", f" [{'; '.join(flags)}]" if flags else ""]
        typer.echo(wrapped_parts([safe(p) for p in parts], width, "  ", " " * 11))
    for o in summary["overdue"]:
        if o["metric"] is None:
            echo(f"  Overdue: the {o['frequency']} result was due on {o['due']}.")
    for g in summary["gaps"]:
        what = f"metric {g['metric']} has no {g['frequency']} value" if g["metric"] else \
            f"no {g['frequency']} result" + (f" of {' or '.join(g['of'])}" if g.get("of") else "")  # the plan's metrics
        count = f"{g['missing']} result{'s' if g['missing'] != 1 else ''}"
        after = f"the retirement on {g['after']}" if g.get("to_retirement") else g["after"]  # the end of its use
        gap = f"{what} between {g['before']} and {after} ({count}, the first due on {g['due']})"
        # explained by a # raio: ignore[MON014] REASON: raio check no longer reports it as missing
        echo(f"  Gap: {gap} (explained: {g['explained']})." if g["explained"] else f"  Missing: {gap}.")
    if summary["unknown_metrics"]:
        echo(f"  Results name metrics the plan does not list: {', '.join(summary['unknown_metrics'])}")
    # every incident, whatever the stage: since the decision, during the pilot, and without a date
    decided = summary["decision_date"]
    since = f" since the decision on {decided}" if decided else \
        " during the pilot" if summary["stage"] in ("pilot", "evaluation", "stopped") else ""
    _incident_lines(echo, f"Incidents{since}", [i for i in summary["incidents"] if i["date"]], always=True)
    _incident_lines(echo, f"Incidents during the pilot, before the decision on {decided}",
                    summary["incidents_before_decision"])
    _incident_lines(echo, "Incidents without a date", summary["incidents_undated"])
    # a typo by hand (raio monitor refuses them): apart, as the results dated after today
    _incident_lines(echo, "Incidents dated after today (MON008)", summary["incidents_after_today"])
    retention = summary["retention"]
    if retention:
        sentence = retention["sentence"][:1].upper() + retention["sentence"][1:]
        if retention["passed"] and retention["status"] in ("open", "in-progress"):  # MON013 warns of it
            echo(f"  {sentence}: that day has passed, and {retention['item']} is still {retention['status']}; "
                 "set it done with the day retention ended (MON013).")
        else:
            echo(f"  {sentence}.")


def _explained_gaps(app, today) -> dict:
    """The monitoring gaps a suppression explains (:func:`raio_cli.monitoring.explained_gaps`), as
    ``raio check applications/<id>`` finds them, served from its cache as for a memo; none when
    the check cannot run (the gaps are then all shown as missing)."""
    from raio_cli import check
    from raio_cli.monitoring import explained_gaps

    try:
        result = check.run(app.dir, today=today, cache=True)
    except Exception:  # the view stands without it: nothing is hidden, only not marked
        return {}
    return explained_gaps(result.findings, result.suppressed)


def _incident_lines(echo, heading: str, found: list[dict], always: bool = False) -> None:
    """ "Incidents ...: 1 serious, 0 moderate, 0 minor" and a line per incident (none when there are none)."""
    if not found and not always:
        return
    n = {sev: sum(1 for i in found if i["severity"] == sev) for sev in ("serious", "moderate", "minor")}
    echo(f"  {heading}: {n['serious']} serious, {n['moderate']} moderate, {n['minor']} minor")
    for inc in found:
        reported = ", ".join(f"{k} {v}" for k, v in inc["reported_to"].items() if v) or "not reported"
        echo(f"    {inc['date'] or '(no date)'} {inc['severity'] or '?'}: {_clip(inc['description'] or '', 70)} "
             f"({reported})", "      ")


def _past_alert(metric: dict, latest: dict, end: dict) -> str:
    """ "below its alert threshold while in use, before retirement on 2026-06-30": the last value of
    a stopped or retired application, past its threshold when it was measured."""
    side = "below" if metric["direction"] == "increase" else "above"
    if end.get("date") and latest["date"] > end["date"]:  # MON019 reports such a result
        return f"{side} its alert threshold, measured after {end['is']} on {end['date']}"
    return f"{side} its alert threshold while in use" + (f", before {end['is']} on {end['date']}" if end.get("date") else "")


def _shell(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _safe(text: str) -> str:
    from raio_cli.commands._common import one_line

    return one_line(text)


def _clip(text: str, n: int) -> str:
    from raio_cli.privacy import clip

    return clip(" ".join(text.split()), n)
