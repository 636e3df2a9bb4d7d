"""raio export: the portfolio as CSV or JSON, or as records for the Dutch Algorithm Register."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from raio_cli.commands._common import (applications_warning, err, fail, parse_date, portfolio_root, report_file, unknown_format, write_report,
                                      write_stdout, wrote)

FORMATS = ("csv", "json", "checklist", "checklist-json", "algoritmeregister")
#: The formats written as CSV (--excel, --allow-cut)
CSV_FORMATS = ("csv", "checklist")


def export(
    portfolio: Path = typer.Argument(Path("."), metavar="[PORTFOLIO]", help="The portfolio (or any folder in it); default: the current folder."),
    format: str = typer.Option("csv", "--format", "-f", help="csv or json (one row per application), checklist or checklist-json (one row per application and checklist item), or algoritmeregister (records in the register's publication standard, as JSON)."),
    out_name: Optional[str] = typer.Option(None, "--out", "-o", metavar="FILE", help="Write to this file instead of standard output ('-' is standard output, as for the other commands; './-' names a file)."),
    force: bool = typer.Option(False, "--force", help="With --out: replace the file if it exists."),
    excel: bool = typer.Option(False, "--excel", help="CSV for Excel in Dutch settings: a byte-order mark (so ë and ö read right) and semicolons between cells."),
    allow_cut: bool = typer.Option(False, "--allow-cut", help="With --format csv or checklist: accept a cell cut to the 32,767 characters a spreadsheet cell holds (still named on standard error) and exit 0; without it such a cut exits 1."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="Export as if today were this date: a register record's status, and in the checklist whether evidence has expired, are those of that day (reproducible runs; default: the real date)."),
) -> None:
    """Export the portfolio: one row per application, one per checklist item, or register records.

    csv / json (one row per application): id, name, stage, vendor, product, version, modality, task, MDR class, AI Act risk,
    certificate expiry, owner, pilot start and end, the last end with extensions (for a pilot that
    ended early, DAT016, its outcome's date; the planned end stays in plan_end), the decision,
    the verdict counts of the pre-registered effects (met, not-met, breached, within-limit,
    inconclusive, missing, no-target; a post-hoc effect is named in verdicts, marked so, and not
    counted, as memos and the report count them) and the open checklist items (every entry not
    done or not-applicable, also one whose status is none of the four, as raio status counts
    them); last, what is wrong with the pilot's start or end (a typo that
    is no date stays an empty cell, an end before the start counts for no last end). An application with a dossier file that cannot be read (a
    YAML syntax error, not UTF-8) or without application.yaml keeps its row, with the cells that
    file would fill empty, and is named on standard error; so is a value that is not what its
    column holds (a vendor written as a list, a date that is none), its cell left empty (in the
    register export also raio.yaml's organisation and department: a list is no text). In CSV, a text cell that starts with =, +, -, @, a tab or a
    carriage return, or with a full-width ＝, ＋, － or ＠ (a formula to Excel in East Asian
    settings), gets a leading ' so spreadsheets do not run it as a formula; a cell longer
    than the 32,767 characters a spreadsheet cell holds is cut, marked at its end and named on
    standard error (the JSON keeps the whole text); as that loses text, a cell cut to the 32,767
    characters exits 1 (the CSV is still written) unless --allow-cut accepts it. The CSV is
    UTF-8 with commas; with --excel it starts with a byte-order mark and separates cells with
    semicolons, so Excel in Dutch settings opens it in columns with ë and ö intact. Opened with
    a double click, Excel still reads a text that looks like a date or a number as one: a
    version 1.9 or a code 3-4 becomes a date, 2.10 becomes 2.1. The CSV holds them as written
    (CSV has no way to mark a cell as text that leaves the value intact for other programs); to
    keep them in Excel, import the file with Data > From Text/CSV and give those columns the
    type Text.

    checklist / checklist-json: the compliance checklist as a spreadsheet, one row per
    application and checklist item: id, name, stage; item, its title (in raio.yaml's language),
    its legal source and source_url (as worded on --today); status as compliance.yaml writes it
    (done, in-progress, open, not-applicable, or whatever else it says) or 'not in dossier' for
    an item that applies but compliance.yaml does not list; required_now (the item is required by
    the current stage or the next gate, the portfolio report's "open, now required"; else later
    or not at all); owner, evidence, date, expires, expired (expires lies before --today; an MDD
    certificate MDR Art 120 keeps valid, done or being renewed, has not expired) and
    justification; last, problem and problem_codes: what raio check says of the entry, in its
    words ("SCH004 line 4: items[0].status is 'bezig'; allowed: ...", several separated by
    " | "): the schema's findings and those of the rules that judge an entry (done without
    evidence or date, CMP001 and CMP002; evidence that is no file, CMP004; an unknown or second
    id, CMP006 and CMP007; expired evidence, DAT009; a gate that needs it settled, GAT003 ...;
    a patient identifier on its lines, masked, PRV001 ...; of an item not listed, a gate or an AI
    Act date that needs it, GAT003, DAT011), and the finding codes alone (SCH004; CMP006), both empty where check says nothing of it. A
    finding accepted with a `# raio: ignore[CODE] reason` comment is left out, as check does.
    The items are those the report's compliance matrix shows: an item whose catalog condition
    (applies_when) does not hold for the application is left out unless compliance.yaml lists
    it. Every entry of compliance.yaml has its row, once, with what it says: one with a status
    that is none of the four (SCH004) in the item's place; after the catalog's items, in the
    file's order, an item in neither the catalog nor raio.yaml's checklist_extra (CMP006, its
    title and source empty), a second entry of an id (CMP007), an entry without an id or that is
    no mapping. Stopped and retired applications
    keep their rows (the report's matrix leaves them out): what was done before the stop stays on
    record, and required_now is what their stage's gate still asks. An application whose
    compliance.yaml cannot be read keeps one row, its item cells empty, and is named on standard
    error. The CSV is written as csv's (formula prefix, cell cut, --excel, --allow-cut; a cut cell
    is named by its application, item and row); both forms mask patient identifiers.

    algoritmeregister: one record per application in the Dutch Algorithm Register's publication
    standard (version and source in raio_cli/catalog/algoritmeregister.yaml), filled only from
    the dossier (application.yaml `public` holds the plain-language texts; in the fields the
    register takes as HTML, a text's paragraphs become <p> and its lists <ul>/<ol>, as the
    register's page would otherwise run them together; in the fields it takes as plain text it
    removes tags and reads entities, so a note names such a text; a done DPIA's or FRIA's
    evidence link becomes its impacttoetsen_grouping link only when it begins with https://, as
    the register takes no other, and an http:// one is named on standard error). Per record `missing`
    lists what the register requires or always shows but the dossier does not give (for a
    retired or stopped application also its end date, application.yaml `retirement.date`; one
    whose retirement.date lies after --today is 'In gebruik' until then, without an end date,
    as the register leaves it empty while in use, and a note gives the planned end; on a --today
    before its use on patients began (pilot.yaml plan.start) an application is 'In ontwikkeling'
    without a begin date, between its pilot's end and the decision to scale it up or stop it
    'In ontwikkeling' as in evaluation, and a stopped one 'In gebruik' until its stop, each with a
    note; a stopped
    application has its pilot's start as begin date, and a note when it was stopped before its
    pilot began, never used on patients, or when pilot.yaml has no plan.start to tell), and
    `violations` what breaks the standard's limits, `identifiers` each field holding a BSN, a
    patient number or an e-mail address at a domain raio.yaml does not allow (masked),
    `unprintable` each field holding characters that show nothing or act on a screen (ESC, a
    right-to-left override: published as they are, they garble or reverse the public text); a
    summary goes to standard error, with the dossier key each
    missing field is written in (description_short is application.yaml public.short_description,
    contact_email public.contact). Exit 1 when a record breaks a
    limit (the register would refuse it) or holds a patient identifier or such an e-mail address
    (never to be published, nor published masked) or characters that show nothing or act on a
    screen (never to be published as they are: remove them from the dossier),
    or when raio.yaml cannot be read (its patient-number patterns unknown); csv and checklist exit 1
    when a cell is cut (without --allow-cut); else 0.
    """
    import sys

    from raio_cli import exports
    from raio_cli import portfolio as pf_mod
    from raio_cli.terminal import printable  # an id or a quoted value may hold escapes: shown, not run

    if format not in FORMATS:
        unknown_format(format, FORMATS)
    day = parse_date(today)
    if excel and format not in CSV_FORMATS:
        fail(f"--excel is for --format csv or checklist, not '{format}'", "JSON is UTF-8 for programs; open the CSV in a spreadsheet.")
    if allow_cut and format not in CSV_FORMATS:
        fail(f"--allow-cut is for --format csv or checklist, not '{format}'", "Only the CSV cuts a cell; the JSON keeps the whole text.")
    # '-' is standard output, as raio check, memo and report take it ('./-' names a file)
    out = Path(out_name) if out_name is not None and out_name != "-" else None
    if out is not None:
        report_file(out, force)  # a file only with --force; a folder, link, pipe or device never
    elif sys.stdout is None:  # `raio export >&-`: say so before exporting, not as an internal error after
        fail("standard output is closed", "Write the export to a file with --out FILE.")
    root = portfolio_root(portfolio, out=True)
    applications_warning(root, "the export")
    pf = pf_mod.load(root)
    code = 0
    config_problem = exports.config_unreadable(pf)
    if config_problem:  # its patient-number patterns unknown: said, and no register export passes
        err(printable(f"raio: warning: {config_problem}"))
        if format == "algoritmeregister":
            code = 1
    partial = exports.unreadable(pf)
    if partial:  # their rows stay, with empty cells where the file could not be read: said, never silent
        for app_id, why in partial:
            err(printable(f"raio: warning: {app_id}: {why}"))
        count = len({app_id for app_id, _ in partial})
        err(f"raio: {count} application{'s' if count != 1 else ''} exported with what could be read; "
            "'raio check' has the details")
    lost = exports.unexported(pf, register=format == "algoritmeregister")
    if lost:  # a value that is not what its column holds: its cell stays empty, said, never silent
        for app_id, why in lost:
            err(printable(f"raio: warning: {app_id}: {why}"))
    for why in exports.settings_unexported(pf, register=format == "algoritmeregister"):  # the same for raio.yaml
        err(printable(f"raio: warning: {why}"))
    if format in CSV_FORMATS:
        checklist = format == "checklist"
        data = exports.checklist_rows(pf, day) if checklist else exports.rows(pf)
        columns = exports.CHECKLIST_COLUMNS if checklist else exports.COLUMNS
        cuts = exports.csv_cuts(data, columns, "checklist-json" if checklist else "json")
        for app_id, why in cuts:  # Excel's cell limit: cut with a marker, said, never silent
            err(printable(f"raio: warning: {app_id}: {why}"))
        if cuts and not allow_cut:  # text lost: a script or CI job must not pass it by
            err(f"raio: {len(cuts)} cell{'s' if len(cuts) != 1 else ''} cut, so the CSV lacks part of the text "
                f"(exit 1); --format {'checklist-json' if checklist else 'json'} keeps it whole, or --allow-cut accepts the cut")
            code = 1
        text = exports.to_csv(data, columns, excel=excel)
    elif format == "json":
        text = exports.to_json(exports.rows(pf))
    elif format == "checklist-json":
        text = exports.to_json(exports.checklist_rows(pf, day))
    else:
        doc = exports.register_export(pf, day)
        text = exports.to_json(doc)
        for rec in doc["records"]:
            if rec["missing"]:
                err(printable(f"raio: {rec['app']}: missing {', '.join(rec['missing'])}"))
                if exports.dossier_fields(rec["missing"]):
                    err(printable(f"raio: {rec['app']}: fill in {exports.dossier_fields(rec['missing'])}"))
            for v in rec["violations"]:
                err(printable(f"raio: {rec['app']}: exceeds the standard: {v}"))
                code = 1
            for v in rec["identifiers"]:
                err(printable(f"raio: {rec['app']}: must not be published: {v}"))
                code = 1
            for v in rec["unprintable"]:
                err(printable(f"raio: {rec['app']}: must not be published as is: {v}"))
                code = 1
            for n in rec["notes"]:
                err(printable(f"raio: {rec['app']}: note: {n}"))
        incomplete = sum(1 for r in doc["records"] if r["missing"])
        broken = sum(1 for r in doc["records"] if r["violations"])
        holding = sum(1 for r in doc["records"] if r["identifiers"])
        unseen = sum(1 for r in doc["records"] if r["unprintable"])
        err(f"raio: {len(doc['records'])} record(s) in the {doc['standard']} {doc['standard_version']}: "
            f"{incomplete} with missing fields, {broken} breaking the standard's limits"
            + (f", {holding} holding a patient identifier or an e-mail address (masked above and in the output)" if holding else "")
            + (f", {unseen} holding characters that show nothing or act on a screen" if unseen else "")
            + ("; raio.yaml cannot be read, so patient numbers may be unmasked" if config_problem else "") + "."
            + (" Fill the gaps in application.yaml `public` (and raio.yaml organisation) before publishing." if incomplete
               else " Correct what is named above before publishing." if broken or holding or unseen or config_problem
               else ""))
    if out is None:  # UTF-8 bytes, whatever the stream's encoding (cp1252 on a redirected Windows stdout)
        from raio_cli.terminal import inert  # standard output may be a CI log: no cell reads as a runner's command

        write_stdout(inert(text).encode("utf-8"), text=False)
    else:
        write_report(out, text.encode("utf-8"), force)
        wrote(out)
    raise typer.Exit(code)
