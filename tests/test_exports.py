"""raio export: CSV and JSON rows per application, and Algorithm Register records checked
against the publication standard's limits."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import EXAMPLE, copy_example, edit_yaml, make_portfolio, raio_script, run_with_stdout_closed

from raio_cli import exports, portfolio


def run(args, capsys):
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def example_apps() -> list[str]:
    return sorted(p.name for p in (EXAMPLE / "applications").iterdir() if p.is_dir())


# --------------------------------------------------------------------------------------------
# CSV and JSON


def test_csv_of_the_example_has_one_row_per_application(capsys):
    code, out, _err = run(["export", str(EXAMPLE), "--format", "csv"], capsys)
    assert code == 0
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["id"] for r in parsed] == example_apps()
    assert tuple(parsed[0].keys()) == exports.COLUMNS
    frac = next(r for r in parsed if r["id"] == "fractuurdetectie-seh")
    assert frac["stage"] == "production" and frac["modality"] == "CR; DX" and frac["decision_choice"] == "scale-up"
    assert frac["certificate_expires"] == "2028-05-14" and frac["ai_act_risk"] == "high"
    assert frac["verdicts_met"] == "2" and frac["verdicts_within_limit"] == "3" and frac["verdicts_breached"] == "0"
    assert frac["open_items_count"] == "0" and frac["open_items"] == ""


def test_json_rows_keep_types(capsys):
    code, out, _err = run(["export", str(EXAMPLE), "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == example_apps()
    stroke = next(r for r in rows if r["id"] == "stroke-lvo-triage")
    assert stroke["modality"] == ["CT"] and isinstance(stroke["extensions"], int) and isinstance(stroke["open_items"], list)
    before_outcome = [r for r in rows if r["stage"] in ("proposed", "planned")]
    assert before_outcome and all(r["verdicts_met"] is None for r in before_outcome)


def test_pilot_with_extensions_gives_the_last_end(tmp_path):
    root = make_portfolio(tmp_path / "p", {"ext-app": {
        "application": {"id": "ext-app", "name": "Ext", "stage": "pilot"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                  "extensions": [{"end": "2026-09-30", "reason": "slow inclusion", "date": "2026-06-01", "by": "RAIO"}]},
    }})
    [row] = exports.rows(portfolio.load(root))
    assert (row["plan_start"], row["plan_end"], row["extensions"], row["last_end"]) == ("2026-01-05", "2026-06-30", 1, "2026-09-30")


def test_a_pilot_that_ended_early_has_its_outcomes_date_as_last_end(tmp_path, capsys):
    """A pilot planned to 30 September 2026 whose outcome is dated 14 August 2026 ended early
    (DAT016; the memo and the register export say so). The CSV's last_end, the day the pilot
    ended, was the planned end, and no column said when it ended: last_end is now the outcome's
    date, plan_end keeps the planned end. One on or after its planned end keeps that end."""
    pilot = {"plan": {"start": "2026-01-12", "end": "2026-09-30"},
             "outcome": {"date": "2026-08-14", "results": [{"effect": "E1", "observed": 90}]}}
    root = make_portfolio(tmp_path / "p", {
        "early-app": {"application": {"id": "early-app", "name": "E", "stage": "evaluation"}, "pilot": pilot},
        "late-app": {"application": {"id": "late-app", "name": "L", "stage": "evaluation"},
                     "pilot": {**pilot, "outcome": {**pilot["outcome"], "date": "2026-10-14"}}}})
    code, out, _err = run(["export", str(root), "--format", "csv"], capsys)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    assert code == 0 and tuple(next(iter(rows.values())).keys()) == exports.COLUMNS
    assert (rows["early-app"]["plan_end"], rows["early-app"]["last_end"]) == ("2026-09-30", "2026-08-14")
    assert (rows["late-app"]["plan_end"], rows["late-app"]["last_end"]) == ("2026-09-30", "2026-09-30")


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_protects_against_formula_injection(tmp_path, name):
    root = make_portfolio(tmp_path / "p", {"evil-app": {"application": {"id": "evil-app", "name": name, "stage": "proposed"}}})
    text = exports.to_csv(exports.rows(portfolio.load(root)))
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["name"] == "'" + name


@pytest.mark.parametrize("name", ["\uff1dHYPERLINK(\"http://evil.example\",\"klik\")", "\uff0b1+1", "\uff0d2+3",
                                  "\uff20SUM(A1)", "\ufe66cmd|' /C calc'!A0"])
def test_csv_protects_against_formula_injection_written_in_full_width_signs(tmp_path, name):
    """A name starting with a full-width equals sign (U+FF1D, as a Japanese or Chinese input
    method types it) went into the CSV without the leading ': Excel in such settings takes
    '\uff1dcmd|...' as a formula too (reported to OWASP, www-community issue 1088). Unicode's
    compatibility normalisation (NFKC) makes these signs = + - @, so a cell whose first character
    normalises to a formula sign gets the ' as well; other text keeps its full-width forms."""
    root = make_portfolio(tmp_path / "p", {"evil-app": {"application": {"id": "evil-app", "name": name, "stage": "proposed"}}})
    text = exports.to_csv(exports.rows(portfolio.load(root)))
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["name"] == "'" + name
    assert exports.csv_safe("a\uff1db") == "a\uff1db" and exports.csv_safe("\uff21\uff11") == "\uff21\uff11"


@pytest.mark.parametrize("text", ["\u2212" + "1+cmd|' /C calc'!A0", "\u2212" + "2 dB bij lage dosis",
                                  "\u30fc" + "1+1", "\u30fc" + "\u30c8\u30ea\u30a2\u30fc\u30b8"])
def test_csv_keeps_a_minus_sign_or_a_katakana_long_vowel_mark_as_written(text):
    """U+2212 MINUS SIGN and U+30FC (the katakana long vowel mark a Japanese input method types
    for '-') are not formula signs: NFKC keeps them, LibreOffice's CSV import starts a formula
    only at an ASCII '=', Excel takes only the ASCII '-' for a minus; the one report naming 'ー'
    (OWASP www-community issue 1088) shows a formula run only from '＝', and means the full-width
    '\uff0d' (U+FF0D), which is guarded. A ' would change the text for every other reader for nothing."""
    assert exports.csv_safe(text) == text
    assert exports.csv_safe("\uff0d" + text[1:]) == "'\uff0d" + text[1:]


@pytest.mark.parametrize("cell", ["\tx", "\rcmd", "=1", ["-x", "y"]])
def test_csv_safe_prefixes_tab_and_carriage_return_too(cell):
    shown = exports.csv_safe(cell)
    assert shown.startswith("'") and exports.csv_safe(-3.5) == "-3.5" and exports.csv_safe("a=b") == "a=b"


def test_csv_keeps_commas_quotes_and_line_breaks_and_numbers(tmp_path):
    name = 'Detectie, "triage"\nen meer'
    text = exports.to_csv([{"id": "a-b-c", "name": name, "extensions": -1}], columns=("id", "name", "extensions"))
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["name"] == name and row["extensions"] == "-1"  # numbers are not prefixed



def test_csv_never_sends_terminal_escapes_from_the_dossier(tmp_path):
    """raio export writes CSV to standard output, a terminal by default: a name or the stop's
    decided_by (application.yaml retirement) holding ESC ] 0; ... BEL set the window title or
    cleared the screen. The CSV shows such characters as visible escapes; line breaks stay."""
    evil = "Dr. X \x1b]0;pwned\x07\x1b[2J\x9b31m"
    root = make_portfolio(tmp_path / "p", {"evil-app": {"application": {
        "id": "evil-app", "name": "Evil " + evil, "stage": "retired",
        "retirement": {"date": "2026-10-01", "decided_on": "2026-09-01", "decided_by": evil}}}})
    for excel in (False, True):
        text = exports.to_csv(exports.rows(portfolio.load(root)), excel=excel)
        assert not any(c in text for c in "\x1b\x07\x9b")
        [row] = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";" if excel else ","))
        assert row["retirement_decided_by"] == "Dr. X \\x{1b}]0;pwned\\x{07}\\x{1b}[2J\\x{9b}31m"
        assert row["name"].startswith("Evil Dr. X \\x{1b}]0;pwned")


def test_csv_never_starts_a_line_with_a_ci_workflow_command_from_the_dossier(tmp_path):
    """Every text of a row is one line, but the id (the folder's name) and the modalities were
    written as they were: a folder named "evil\\n::error file=raio.yaml::PWNED" or a modality
    "CT\\n::add-mask::x" put "::error ..." at the start of a line of the CSV on standard output,
    which a GitHub Actions runner reads as a workflow command (a forged annotation, a mask,
    ::stop-commands::). They are one line as well, the id's line break shown as raio status
    and raio check show it (\\x{0a})."""
    folder = "evil\n::error file=raio.yaml::PWNED"
    root = make_portfolio(tmp_path / "p", {folder: {"application": {
        "id": "evil", "name": "Evil", "stage": "proposed", "modality": ["CT\n::add-mask::x", "MR"]}}})
    for excel in (False, True):
        text = exports.to_csv(exports.rows(portfolio.load(root)), excel=excel)
        assert not [line for line in text.splitlines() if line.lstrip("\ufeff\"").startswith("::")]
        [row] = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";" if excel else ","))
        assert row["id"] == "evil\\x{0a}::error file=raio.yaml::PWNED" and row["modality"] == "CT ::add-mask::x; MR"

def test_rows_never_raise_on_odd_data(tmp_path):
    root = make_portfolio(tmp_path / "p", {"odd-app": {
        "application": {"id": "odd-app", "name": ["not", "text"], "stage": 7, "modality": "CT",
                        "regulatory": "IIa", "owner": "someone"},
        "pilot": {"plan": "soon", "extensions": "many", "decision": ["stop"], "outcome": {"results": "none"}},
        "compliance": {"items": [None, {"id": "dpia", "status": "open"}, {"status": "open"}]},
        "effects": "E1",
    }})
    [row] = exports.rows(portfolio.load(root))
    assert row["name"] == "odd-app" and row["stage"] is None and row["modality"] == ["CT"]
    # an entry without an id is open as raio status counts it, named by its place, and so is an
    # empty entry (check's SCH003): it settles nothing
    assert row["open_items"] == ["items[0] (no id)", "dpia", "items[2] (no id)"] and row["extensions"] is None  # "many": unknown, not 0
    assert exports.register_record(portfolio.load(root).apps[0])["violations"] == []


def test_a_version_yaml_reads_as_a_number_is_exported_as_written(tmp_path):
    """version: 2.10 without quotes is the number 2.1 to YAML, and product: 0700 the octal 448:
    raio check says so (YML), but the export gave 2.1 and 448, another version and product
    than the dossier's, without a word. A plain value YAML reads as a number or a yes/no is
    exported as the dossier writes it."""
    root = make_portfolio(tmp_path / "p", {"num-app": {"application": (
        "id: num-app\nname: Num\nstage: proposed\nvendor: Acme\nproduct: 0700\nversion: 2.10\n"
        "owner: {name: Dr. X, role: no}\nmodality: [CT]\n")}})
    [row] = exports.rows(portfolio.load(root))
    assert (row["version"], row["product"], row["owner_role"]) == ("2.10", "0700", "no")
    text = exports.to_csv(exports.rows(portfolio.load(root)))
    [parsed] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert parsed["version"] == "2.10" and parsed["product"] == "0700"
    rec = exports.register_record(portfolio.load(root).apps[0], portfolio.load(root))
    assert "0700" in rec["record"]["tags"].split(", ")


def test_a_value_the_row_cannot_take_is_named_not_left_empty_silently(tmp_path, capsys):
    """A vendor written as a list, an owner as a bare name, a certificate expiry as 31-08-2027:
    the CSV left those cells empty and said nothing, so the sheet read as a dossier without a
    vendor, owner or certificate. The cells stay empty (the value is not what the column
    holds), and each is named on standard error with its file and key."""
    root = make_portfolio(tmp_path / "p", {"odd-app": {"application": {
        "id": "odd-app", "name": "Odd", "stage": "proposed", "vendor": ["Lumina", "Radiology AI Ltd"],
        "owner": "dr. B. Kuiper", "regulatory": {"certificate": {"expires": "31-08-2027"}}}},
        "fine-app": {"application": {"id": "fine-app", "name": "Fine", "stage": "proposed", "vendor": "V"}},
        "mod-app": {"application": {"id": "mod-app", "name": "Mod", "stage": 7, "modality": ["CT", ["MR"]]}}})
    for fmt in ("csv", "json"):
        code, out, err = run(["export", str(root), "--format", fmt], capsys)
        assert code == 0
        assert "raio: warning: odd-app: application.yaml vendor is a list, not a text: not exported" in err
        assert "raio: warning: odd-app: application.yaml owner is a text, not a mapping: owner.name, owner.role " \
               "not exported" in err
        assert "raio: warning: odd-app: application.yaml regulatory.certificate.expires '31-08-2027' is no date " \
               "(YYYY-MM-DD): not exported" in err
        assert "raio: warning: mod-app: application.yaml modality[1] is a list, not a text: not exported" in err
        assert "raio: warning: mod-app: application.yaml stage is a number, not a text: not exported" in err
        assert "fine-app" not in err
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["odd-app"]["vendor"] is None and rows["fine-app"]["vendor"] == "V" and rows["mod-app"]["modality"] == ["CT"]
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert "raio: warning: odd-app: application.yaml vendor is a list, not a text: not exported" in err
    assert "certificate" not in err and "owner" not in err  # the register takes neither: no noise


def test_extensions_that_are_no_list_are_an_unknown_count_not_0(tmp_path, capsys):
    """pilot.yaml extensions: "twice" gave the sheet 0 extensions, a pilot never extended; an
    extension written as a bare date was not counted either, without a word."""
    root = make_portfolio(tmp_path / "p", {
        "many-app": {"application": {"id": "many-app", "name": "M", "stage": "pilot"},
                     "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}, "extensions": "twice"}},
        "bare-app": {"application": {"id": "bare-app", "name": "B", "stage": "pilot"},
                     "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                               "extensions": ["2026-09-30", {"end": "2026-10-30", "reason": "r"}]}}})
    code, out, err = run(["export", str(root), "--format", "json"], capsys)
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == 0 and rows["many-app"]["extensions"] is None and rows["bare-app"]["extensions"] == 1
    assert "raio: warning: many-app: pilot.yaml extensions is a text, not a list: not counted" in err
    assert "raio: warning: bare-app: pilot.yaml extensions[0] is a text, not a mapping: not counted" in err


def test_a_public_text_the_register_cannot_take_is_named_not_called_missing(tmp_path, capsys):
    """public.goal written as a list and public.human_intervention as a number: the register
    export called them missing ("fill in public.goal") though the dossier has them, and did not
    say why they were left out. Now each is named on standard error with its key."""
    root = make_portfolio(tmp_path / "p", {"pub-app": {"application": (
        "id: pub-app\nname: Pub\nstage: proposed\npublic:\n  goal: [Sneller, beter]\n"
        "  human_intervention: 12345\n  risks: Weinig.\n")},
        "txt-app": {"application": "id: txt-app\nname: Txt\nstage: proposed\npublic: Alles in een tekst.\n"}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert "raio: warning: txt-app: application.yaml public is a text, not a mapping: public.contact, public.url, " \
           "public.publication_category, public.short_description, public.goal" in err
    assert "raio: warning: pub-app: application.yaml public.goal is a list, not a text: not exported" in err
    assert "raio: warning: pub-app: application.yaml public.human_intervention is a number, not a text: " \
           "not exported" in err
    assert "public.risks is" not in err  # a text is taken
    code, out, err = run(["export", str(root), "--format", "csv"], capsys)
    assert "public.goal" not in err  # the rows hold no public texts


def test_a_control_character_in_a_register_text_is_named_not_published_silently(tmp_path, capsys, monkeypatch):
    """A name holding ESC [31m (pasted from a terminal) and a goal holding a right-to-left
    override went into the record as they were, for the public register to show or refuse,
    without a word. They stay in the record (nothing is changed silently), and the record's
    `unprintable` names the field and the characters, shown as visible escapes.

    They were a note, and the export exited 0, so a pipeline that publishes on exit 0 sent them
    to the public page: the override shows the goal's text reversed, ESC as a box. Like a masked
    patient identifier (the register would publish other than the dossier means), they exit 1."""
    root = make_portfolio(tmp_path / "p", {"ctl-app": {"application": {
        "id": "ctl-app", "name": "Triage\x1b[31m", "stage": "proposed",
        "public": {"goal": "Sneller \u202ebeter", "risks": "Weinig.\n\nEn\tmeer."}}},
        "fine-app": {"application": {"id": "fine-app", "name": "Fine", "stage": "proposed"}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    rec = recs["ctl-app"]
    assert rec["record"]["name"] == "Triage\x1b[31m"
    assert len(rec["unprintable"]) == 2 and not [n for n in rec["notes"] if "act on a screen" in n]
    assert rec["unprintable"][0].startswith("name holds characters that show nothing or act on a screen (\\x{1b})")
    assert rec["unprintable"][1].startswith("goal holds characters that show nothing or act on a screen (\\u{202e})")
    assert recs["fine-app"]["unprintable"] == []
    assert "\x1b" not in err
    assert "raio: ctl-app: must not be published as is: name holds characters that show nothing" in err
    assert "1 holding characters that show nothing or act on a screen" in err
    code, out, err = run(["export", str(root), "--format", "csv"], capsys)
    assert code == 0  # a row is no publication: shown as visible escapes
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _err = run(["export", "--help"], capsys)
    assert "characters that show nothing or act on a screen" in " ".join(out.replace("│", " ").split())



NAME_LINE = "name: Fractuurdetectie op SEH-röntgenfoto's\n"
GOAL_LINE = "  goal: Minder gemiste botbreuken en minder patiënten die later terug moeten komen.\n"


@pytest.mark.parametrize("name, goal, refused", [  # refused: where YML020 is an error, else None
    ('name: "Detectie\\u200b\\x1b[31m"\n', GOAL_LINE, "application.yaml:3:7"),  # YAML escapes in double quotes
    ("name: Fractuurdetectie \u202eop SEH\n", GOAL_LINE, "application.yaml:3:7"),  # a right-to-left override pasted in
    (NAME_LINE, "  goal: |\n    Minder gemiste\u200b botbreuken.\n", "application.yaml:57:9"),
    ('name: "Fractuurdetectie\\nop\\tSEH"\n', "  goal: |\n    Minder\tgemiste botbreuken.\n    Minder terugkomers.\n", None),
    (NAME_LINE, GOAL_LINE, None),
])
def test_raio_check_fails_where_the_export_refuses_a_hidden_character(tmp_path, capsys, name, goal, refused):
    """raio check passed a name holding a zero-width space and ESC, or a right-to-left override,
    and raio export -f algoritmeregister then refused the record (exit 1): the RAIO learnt of it
    at publication. The two agree now: YML020 is an error (exit 1) where the export refuses the
    text, and where the check passes (a line feed and a tab, which the export reads as spaces in
    a name; a tab in a block text), the export does too."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "fractuurdetectie-seh" / "application.yaml"
    text = path.read_text(encoding="utf-8")
    assert NAME_LINE in text and GOAL_LINE in text
    path.write_text(text.replace(NAME_LINE, name).replace(GOAL_LINE, goal), encoding="utf-8")
    _check_and_export(root, capsys, refused)


@pytest.mark.parametrize("link, refused", [
    ('"https://noorderzon.example/dpia\\tbonesight"', "compliance.yaml:52:15"),
    ('"https://noorderzon.example/dpia\\u2028bonesight"', "compliance.yaml:52:15"),
    ('"https://noorderzon.example/dpia/bonesight"', None),
], ids=["tab", "line-separator", "clean"])
def test_raio_check_fails_where_the_export_refuses_a_break_inside_an_evidence_link(tmp_path, capsys, link, refused):
    """A done DPIA whose evidence link held a tab passed raio check, while raio export -f
    algoritmeregister refused the record (exit 1): a tab is text in a dossier's texts, but no
    link holds one. In a link, YML020 reports it too."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "fractuurdetectie-seh" / "compliance.yaml"
    text = path.read_text(encoding="utf-8")
    assert EVIDENCE_LINE in text
    path.write_text(text.replace(EVIDENCE_LINE, f"    evidence: {link}"), encoding="utf-8")
    _check_and_export(root, capsys, refused)


EVIDENCE_LINE = "    evidence: DPIA BoneSight, iProva PRIV-2024-041"


def _check_and_export(root, capsys, refused: str | None) -> None:
    """raio check and raio export -f algoritmeregister on ``root``: both exit 1 on a hidden
    character (YML020 an error at ``refused``, the file and position in fractuurdetectie-seh,
    the record not to be published as is), or both pass."""
    check_code, out, _err = run(["check", str(root), "--today", "2026-11-15"], capsys)
    export_code, _out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert (check_code, export_code) == ((1, 1) if refused else (0, 0)), (out, err)
    hidden = [line for line in out.splitlines() if " YML020 " in line]
    if refused:
        assert any(line.startswith(f"applications/fractuurdetectie-seh/{refused}: error YML020 ") for line in hidden), out
        assert "fractuurdetectie-seh: must not be published as is" in err
    else:
        assert hidden == [] and "must not be published" not in err


def test_an_impact_assessment_date_or_reason_the_record_cannot_take_is_named(tmp_path, capsys):
    """A DPIA done on 2025-13-01 (a typo) was published as "DPIA uitgevoerd." without its date,
    and a FRIA not applicable with its justification written as a list got no sentence at all,
    both without a word."""
    root = make_portfolio(tmp_path / "p", {"ia-app": {
        "application": {"id": "ia-app", "name": "I", "stage": "proposed"},
        "compliance": {"items": [{"id": "dpia", "status": "done", "date": "2025-13-01"},
                                 {"id": "fria", "status": "not-applicable", "justification": ["Bijlage I", "MDR"]}]}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    [rec] = json.loads(out)["records"]
    assert rec["record"]["impacttoetsen"] == "DPIA uitgevoerd."
    assert "raio: warning: ia-app: compliance.yaml items[0].date '2025-13-01' is no date (YYYY-MM-DD): " \
           "not exported" in err
    assert "raio: warning: ia-app: compliance.yaml items[1].justification is a list, not a text: not exported" in err
    code, out, err = run(["export", str(root), "--format", "csv"], capsys)
    assert "items[" not in err  # the rows take no assessment's date


def test_out_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "portfolio.csv"
    out.write_text("keep me", encoding="utf-8")
    code, _out, err = run(["export", str(EXAMPLE), "--out", str(out)], capsys)
    assert code == 2 and "exists" in err and out.read_text(encoding="utf-8") == "keep me"
    code, _out, _err = run(["export", str(EXAMPLE), "--out", str(out), "--force"], capsys)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("id,name,stage")


def test_excel_csv_opens_in_columns_with_dutch_characters_intact(tmp_path, capsys):
    # without a byte-order mark Excel reads the UTF-8 as Windows-1252 ('rÃ¶ntgenfoto's'), and in
    # Dutch settings it splits cells on semicolons, so the comma CSV opened as one column
    out = tmp_path / "portfolio.csv"
    code, _out, err = run(["export", str(EXAMPLE), "--excel", "--out", str(out)], capsys)
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid;name;stage;")
    parsed = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["id"] for r in parsed] == example_apps() and tuple(parsed[0].keys()) == exports.COLUMNS
    frac = next(r for r in parsed if r["id"] == "fractuurdetectie-seh")
    assert frac["name"] == "Fractuurdetectie op SEH-röntgenfoto's" and frac["modality"] == "CR; DX"
    # formula-like text is still quoted as text
    assert exports.to_csv([{"id": "x", "name": "=HYPERLINK(\"http://x\";\"y\")"}], excel=True).splitlines()[1] \
        .startswith('x;"\'=HYPERLINK(""http://x"";""y"")";')
    # the default stays plain UTF-8 with commas, for programs
    code, plain, _err = run(["export", str(EXAMPLE)], capsys)
    assert plain.startswith("id,name,stage,")
    code, _out, err = run(["export", str(EXAMPLE), "--excel", "--format", "json"], capsys)
    assert code == 2 and "--excel is for --format csv" in err


def test_unknown_format_is_a_usage_error(capsys):
    code, _out, err = run(["export", str(EXAMPLE), "--format", "xlsx"], capsys)
    assert code == 2 and "unknown format 'xlsx'" in err


# --------------------------------------------------------------------------------------------
# The Algorithm Register


def test_register_spec_is_data_with_its_source():
    spec = exports.register_spec()
    assert spec["version"] == "1.0" and spec["source"]["url"].startswith("https://github.com/MinBZK/Algoritmeregister/")
    fields = spec["fields"]
    assert fields["name"]["max_length"] == 100 and fields["description_short"]["max_length"] == 400
    assert fields["status"]["permitted"] == ["In ontwikkeling", "In gebruik", "Buiten gebruik"]
    assert {n for n, f in fields.items() if f.get("required")} == {
        "name", "description_short", "organization", "status", "contact_email", "publication_category", "lang"}
    assert set(spec["mapping"]["status_of_stage"]) == {"proposed", "planned", "pilot", "evaluation", "production",
                                                       "stopped", "retired"}


def test_register_record_names_the_standard_version_the_register_accepts(capsys):
    """raio wrote standard_version "1.0.0", the version of the register's old configuration file
    (v1_0_0.json). The register shortened its versions to "1.0" (configuration v1_0.json, API
    aanleverapi/v1_0): its v1_0.json permits only "1.0" for standard_version, so the API refuses a
    record saying "1.0.0", and the public page, which picks its layout by that version, has none
    for it."""
    spec = exports.register_spec()
    assert spec["version"] == "1.0" and spec["fields"]["standard_version"]["permitted"] == ["1.0"]
    assert spec["source"]["path"] == "backend/app/schemas/config/v1_0.json"
    code, out, err = run(["export", str(EXAMPLE), "--format", "algoritmeregister"], capsys)
    doc = json.loads(out)
    assert code == 0 and doc["standard_version"] == "1.0"
    assert {r["record"]["standard_version"] for r in doc["records"]} == {"1.0"}
    assert all(r["violations"] == [] for r in doc["records"])
    assert "record(s) in the Algoritmeregister publicatiestandaard 1.0:" in err


def test_register_export_names_its_source_by_the_commit_it_was_read_from(capsys):
    """The export's "source" linked the standard's file on the register's main branch, which
    moves on (the register's later code reads a v1_0.json, version "1.0"): the link a reader
    follows to check the record must show the file raio's limits were read from."""
    spec = exports.register_spec()
    commit = spec["source"]["commit"]
    assert spec["source"]["url"] == f"{spec['source']['repository']}/blob/{commit}/{spec['source']['path']}"
    code, out, _err = run(["export", str(EXAMPLE), "--format", "algoritmeregister"], capsys)
    assert code == 0 and json.loads(out)["source"] == spec["source"]["url"]


def test_register_export_of_the_example_validates_against_the_limits(capsys):
    code, out, err = run(["export", str(EXAMPLE), "--format", "algoritmeregister"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["standard_version"] == "1.0" and [r["app"] for r in doc["records"]] == example_apps()
    spec = exports.register_spec()
    for rec in doc["records"]:
        assert exports.validate_record(rec["record"], spec) == [] and rec["violations"] == []
        assert set(rec["record"]) <= set(spec["fields"])
    by_app = {r["app"]: r for r in doc["records"]}
    frac = by_app["fractuurdetectie-seh"]["record"]
    # in use since its pilot began (pilot.plan.start 2024-11-04), not since production (2025-07)
    assert frac["status"] == "In gebruik" and frac["begin_date"] == "2024-11" and "end_date" not in frac
    assert frac["provider"] == "Ossiq Medical" and frac["organization"] == "Ziekenhuis Noorderzon"
    assert frac["publication_category"] == "Impactvolle algoritmes" and frac["lang"] == "nld"
    assert frac["website"] == "https://www.noorderzon.example/algoritmes/fractuurdetectie"
    # the register publishes Dutch text: dates as Dutch writes them, the task in Dutch
    assert frac["impacttoetsen"] == ("DPIA uitgevoerd op 11 oktober 2024. Geen grondrechteneffectbeoordeling (FRIA): "
                                     "Hoog-risico via bijlage I (MDR), geen bijlage III-systeem; een "
                                     "grondrechteneffectbeoordeling (art. 27 AI-verordening) is niet vereist.")
    assert frac["tags"].endswith(", detectie") and "detection" not in frac["tags"]
    assert by_app["fractuurdetectie-seh"]["missing"] == ["contact_email", "proportionality"]
    assert by_app["hersenvolumetrie-mri"]["record"]["status"] == "Buiten gebruik"
    assert by_app["hersenvolumetrie-mri"]["record"]["end_date"] == "2026-06"
    assert by_app["botleeftijd-hand"]["record"]["status"] == "In ontwikkeling"
    assert "begin_date" not in by_app["botleeftijd-hand"]["missing"]
    # the summary on stderr names what is missing, per application
    assert "raio: fractuurdetectie-seh: missing contact_email, proportionality" in err
    assert f"{len(doc['records'])} record(s) in the Algoritmeregister publicatiestandaard 1.0:" in err


def test_register_status_of_a_pilot_on_patients_is_in_use_since_the_pilot_began(tmp_path):
    """raio published a running pilot as "In ontwikkeling". The standard's status instructions
    (v1_0.json): "Indien het algoritme zowel in ontwikkeling als in gebruik is, kies voor 'In
    gebruik'", and begin_date is the month the algorithm was taken into use: a pilot runs in the
    clinical workflow on real patients, so it is "In gebruik" from the pilot's start, and stays so,
    with the same begin date, when it goes into production."""
    pilot_plan = {"plan": {"design": "Prospectief; AI-uitslag zichtbaar voor de radioloog", "start": "2026-01-05",
                           "end": "2026-06-30"}}
    root = make_portfolio(tmp_path / "p", {
        "pilot-app": {"application": {"id": "pilot-app", "name": "P", "stage": "pilot", "stage_since": "2026-01-05"},
                      "pilot": pilot_plan},
        "prod-app": {"application": {"id": "prod-app", "name": "Q", "stage": "production", "stage_since": "2026-09-01"},
                     "pilot": {**pilot_plan, "decision": {"choice": "scale-up", "date": "2026-08-10"}}},
        "eval-app": {"application": {"id": "eval-app", "name": "E", "stage": "evaluation", "stage_since": "2026-07-01"},
                     "pilot": pilot_plan},
        "bare-pilot": {"application": {"id": "bare-pilot", "name": "B", "stage": "pilot"}}})
    pf = portfolio.load(root)
    recs = {app.id: exports.register_record(app, pf) for app in pf.apps}
    assert exports.register_spec()["mapping"]["status_of_stage"]["pilot"] == "In gebruik"
    assert recs["pilot-app"]["record"]["status"] == "In gebruik" and recs["pilot-app"]["record"]["begin_date"] == "2026-01"
    assert recs["prod-app"]["record"]["status"] == "In gebruik" and recs["prod-app"]["record"]["begin_date"] == "2026-01"
    assert recs["eval-app"]["record"]["status"] == "In ontwikkeling" and "begin_date" not in recs["eval-app"]["record"]
    assert "begin_date" not in recs["eval-app"]["missing"]
    assert any("still used on patients" in n and "In gebruik" in n for n in recs["eval-app"]["notes"])
    assert recs["bare-pilot"]["record"]["status"] == "In gebruik" and "begin_date" in recs["bare-pilot"]["missing"]
    assert all(r["violations"] == [] for r in recs.values())


def test_register_record_in_evaluation_says_its_pilot_was_used_on_patients(tmp_path):
    """An application in evaluation is exported as "In ontwikkeling", without a begin date: the
    register's status is the algorithm's state now ("In gebruik" only while it is used; "Buiten
    gebruik" is for one taken out of use, with an end date), and after the pilot it is not used
    on patients until a decision to scale it up. But the record then reads as never used on
    patients, while the pilot used it: the note gave only the status's assumption. It now names
    the pilot's use on patients (from, to), why the status is not "In gebruik", and where to tell
    the public (public.short_description)."""
    root = make_portfolio(tmp_path / "p", {
        "eval-app": {"application": {"id": "eval-app", "name": "E", "stage": "evaluation", "stage_since": "2026-07-01"},
                     "pilot": {"plan": {"start": "2026-01-05", "end": "2026-03-31"},
                               "extensions": [{"end": "2026-06-30", "reason": "te weinig casussen"}]}}})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf, today=dt.date(2026, 8, 1))
    assert rec["record"]["status"] == "In ontwikkeling" and "begin_date" not in rec["record"]
    [note] = [n for n in rec["notes"] if n.startswith("status 'In ontwikkeling'")]
    assert "used the application on patients from 2026-01-05 to 2026-06-30" in note
    assert "not in use" in note and "Buiten gebruik" in note and "public.short_description" in note
    assert "still used on patients" in note and "'In gebruik' (begin_date: 2026-01)" in note


def test_register_record_of_a_pilot_stopped_gives_when_it_was_in_use(tmp_path):
    """A pilot is "In gebruik" from its start; stopped after the pilot, the record ("Buiten
    gebruik") gave the end month but no begin month, which the register always shows (as missing)."""
    plan = {"plan": {"start": "2024-09-02", "end": "2025-02-28"}}
    root = make_portfolio(tmp_path / "p", {
        "stopped-after": {"application": {"id": "stopped-after", "name": "S", "stage": "stopped", "stage_since": "2025-04-14"},
                          "pilot": {**plan, "decision": {"choice": "stop", "date": "2025-04-14"}}},
        "stopped-before": {"application": {"id": "stopped-before", "name": "T", "stage": "stopped", "stage_since": "2024-06-10"},
                           "pilot": plan}})
    pf = portfolio.load(root)
    recs = {app.id: exports.register_record(app, pf)["record"] for app in pf.apps}
    assert recs["stopped-after"]["status"] == "Buiten gebruik"
    assert (recs["stopped-after"]["begin_date"], recs["stopped-after"]["end_date"]) == ("2024-09", "2025-04")
    # stopped before its pilot began: never in use, no begin month
    assert recs["stopped-before"]["end_date"] == "2024-06" and "begin_date" not in recs["stopped-before"]


def test_register_reports_missing_instead_of_inventing(tmp_path):
    root = make_portfolio(tmp_path / "p", {"bare-app": {"application": {"id": "bare-app", "name": "Bare", "stage": "production"}}},
                          config={"language": "nl"})
    rec = exports.register_record(portfolio.load(root).apps[0], portfolio.load(root))
    assert rec["record"]["status"] == "In gebruik"
    for field in ("description_short", "organization", "contact_email", "publication_category", "goal",
                  "proportionality", "human_intervention", "risks", "source_data", "begin_date"):
        assert field in rec["missing"] and field not in rec["record"]


def test_register_summary_names_where_in_the_dossier_each_missing_field_is_written(tmp_path, capsys):
    """The export said "missing description_short, contact_email, goal ..." and "Fill the gaps in
    application.yaml `public`", but `public` has no key description_short or contact_email (its
    keys are short_description and contact): a user who wrote the names as printed got a schema
    error. The summary names the dossier keys to fill in."""
    root = make_portfolio(tmp_path / "p", {"bare-app": {"application": {"id": "bare-app", "name": "Bare", "stage": "production"}}},
                          config={"language": "nl"})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 0, err
    [line] = [l for l in err.splitlines() if l.startswith("raio: bare-app: fill in ")]
    for key in ("application.yaml public.short_description", "public.contact", "public.goal",
                "public.proportionality", "public.human_intervention", "public.risks", "public.source_data",
                "raio.yaml organisation", "pilot.yaml plan.start"):
        assert key in line, (key, line)
    assert "description_short" not in line and "contact_email" not in line
    # every field the register may list as missing has its place in the dossier
    spec = exports._spec()
    assert all(name in exports.DOSSIER_FIELDS for name, f in spec["fields"].items()
               if (f.get("required") or f.get("show_always") or name == "end_date") and name not in ("category", "lang"))


def test_a_register_export_without_gaps_is_not_told_to_fill_them(tmp_path, capsys):
    """Every record complete, within the standard's limits, and the summary still ended 'Fill the
    gaps in application.yaml `public` ... before publishing': a user looked for gaps there were
    none of. That advice comes only with a gap; an error without one says to correct it."""
    import shutil

    root = copy_example(tmp_path / "ex")
    for folder in (root / "applications").iterdir():
        if folder.name != "stroke-lvo-triage":
            shutil.rmtree(folder)

    def complete(data):
        data["public"].update({"contact": "algoritmes@noorderzon.example", "proportionality": "Weinig data, groot nut.",
                               "publication_category": "Hoog-risico AI-systeem"})

    edit_yaml(root / "applications/stroke-lvo-triage/application.yaml", complete)
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-11-15"], capsys)
    assert code == 0 and json.loads(out)["records"][0]["missing"] == [], err
    assert "0 with missing fields, 0 breaking the standard's limits." in err and "Fill the gaps" not in err, err

    def too_long(data):
        data["name"] = "N" * 101

    edit_yaml(root / "applications/stroke-lvo-triage/application.yaml", too_long)
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-11-15"], capsys)
    assert code == 1 and "Correct what is named above before publishing." in err and "Fill the gaps" not in err, err


def test_register_violations_are_reported_and_exit_1(tmp_path, capsys):
    root = copy_example(tmp_path / "ex")
    path = root / "applications" / "stroke-lvo-triage" / "application.yaml"

    def edit(data):
        data["public"]["short_description"] = "Te lang. " * 50
        data["public"]["url"] = "http://www.noorderzon.example/stroke"
        data["public"]["contact"] = "algoritmes at noorderzon"
        data["name"] = "N" * 101

    edit_yaml(path, edit)
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1
    rec = next(r for r in json.loads(out)["records"] if r["app"] == "stroke-lvo-triage")
    assert "description_short: 449 characters; the standard allows 400" in rec["violations"]
    assert "name: 101 characters; the standard allows 100" in rec["violations"]
    assert any(v.startswith("website:") and "https://" in v for v in rec["violations"])
    assert any(v.startswith("contact_email:") for v in rec["violations"])
    assert "stroke-lvo-triage: exceeds the standard: description_short" in err


def test_register_contact_that_is_a_script_link_dressed_as_an_address_is_a_violation(tmp_path, capsys):
    """The register publishes the contact as an address to write to; 'javascript:alert(1)//@x.nl'
    passed as an e-mail address (anything with an @ and a dot did)."""
    from raio_cli import exports

    for contact, bad in (("javascript:alert(1)//@x.nl", True), ("mailto:radiologie@zkh.example", True),
                         ("radiologie@zkh.example", False), ("a.b-c+ai@radiologie.zkh.example", False),
                         ("https://www.zkh.example/contact", False)):
        found = exports._check_value("contact_email", contact, {"type": "string", "format": "contact"})
        assert bool(found) is bad, (contact, found)


def test_register_record_holding_a_patient_identifier_is_named_and_exits_1(tmp_path, capsys):
    # the export masks it, but a record that would publish "Patiënt *******10" went out with exit 0
    # and no word on standard error: the CISO learnt of it from the public register
    root = copy_example(tmp_path / "ex")
    path = root / "applications" / "stroke-lvo-triage" / "application.yaml"

    def edit(data):
        data["public"]["goal"] = "Sneller behandelen, zoals bij patiënt 111111110 (NZ-1234567)."

    edit_yaml(path, edit)
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1
    assert "111111110" not in out + err and "1234567" not in out + err
    rec = next(r for r in json.loads(out)["records"] if r["app"] == "stroke-lvo-triage")
    assert rec["violations"] == []
    assert rec["identifiers"] == [
        "goal holds a BSN (*******10); the register would publish it: remove it from the dossier",
        "goal holds a Noorderzon patiëntnummer (*******67); the register would publish it: remove it from the dossier"]
    assert "raio: stroke-lvo-triage: must not be published: goal holds a BSN (*******10)" in err
    assert "1 holding a patient identifier" in err
    others = [r for r in json.loads(out)["records"] if r["app"] != "stroke-lvo-triage"]
    assert all(r["identifiers"] == [] for r in others)


def test_register_record_with_an_e_mail_address_the_export_masks_is_named_and_exits_1(tmp_path, capsys):
    # an address at a domain raio.yaml does not allow is masked in the export, as everywhere: the
    # record went out with contact_email "p***@hotmail.com", exit 0 and no word, and the register
    # would have published a contact no one can write to (or a patient's address, masked)
    root = copy_example(tmp_path / "ex")
    path = root / "applications" / "stroke-lvo-triage" / "application.yaml"

    def edit(data):
        data["public"]["contact"] = "piet.vos@hotmail.com"

    edit_yaml(path, edit)
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1
    assert "piet.vos" not in out + err
    rec = next(r for r in json.loads(out)["records"] if r["app"] == "stroke-lvo-triage")
    assert rec["record"]["contact_email"] == "p***@hotmail.com" and rec["violations"] == []
    assert len(rec["identifiers"]) == 1 and rec["identifiers"][0].startswith(
        "contact_email holds an e-mail address (p***@hotmail.com) at a domain raio.yaml does not allow")
    assert "raio: stroke-lvo-triage: must not be published: contact_email holds an e-mail address" in err
    others = [r for r in json.loads(out)["records"] if r["app"] != "stroke-lvo-triage"]
    assert all(r["identifiers"] == [] for r in others)


def test_register_contact_masked_because_raio_yaml_names_no_domain_says_how_to_allow_it(tmp_path, capsys):
    # without policy.allowed_email_domains or people's addresses raio masks every address; the
    # hospital's own contact was published as "a***@noorderzon.nl" without a word
    root = make_portfolio(tmp_path / "p", {"mail-app": {"application": {
        "id": "mail-app", "name": "Mail", "stage": "proposed",
        "public": {"contact": "algoritmes@noorderzon.nl"}}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1 and "algoritmes@" not in out + err
    [rec] = json.loads(out)["records"]
    assert rec["record"]["contact_email"] == "a***@noorderzon.nl"
    assert rec["identifiers"] and "policy.allowed_email_domains" in rec["identifiers"][0]


def test_register_dpia_link_becomes_an_impact_assessment_reference(tmp_path):
    root = make_portfolio(tmp_path / "p", {"dpia-app": {
        "application": {"id": "dpia-app", "name": "D", "stage": "pilot", "vendor": "V",
                        "regulatory": {"in_house": True, "ai_act": {"risk": "high"}},
                        "public": {"publication_category": "Overige algoritmes"}},
        "compliance": {"items": [{"id": "dpia", "status": "done", "date": "2026-02-01",
                                  "evidence": ["iProva PRIV-1", "https://www.example.org/dpia.pdf"]}]},
    }})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf)
    assert rec["record"]["impacttoetsen_grouping"] == [{"title": "Data Protection Impact Assessment (DPIA)",
                                                        "link": "https://www.example.org/dpia.pdf"}]
    assert rec["record"]["provider"] == "Intern ontwikkeld"
    assert rec["record"]["publication_category"] == "Overige algoritmes"
    assert any("Hoog-risico AI-systeem" in n for n in rec["notes"])
    assert rec["violations"] == []


def test_register_impact_assessment_titles_are_the_ones_the_register_filters_on(tmp_path):
    """The register's public filter "Impacttoetsen" counts a record under DPIA or FRIA only when
    an impacttoetsen_grouping title is exactly its standard title ("Data Protection Impact
    Assessment (DPIA)", "Fundamental Rights Impact Assessment (FRIA)"). raio wrote the DPIA with
    the misspelling of the standard's 1.0.0 help text ("Asssesment") and the FRIA under a Dutch
    title of its own, so the hospital's assessments were listed under "Overig", not found under
    DPIA or FRIA."""
    items = [{"id": "dpia", "status": "done", "date": "2026-02-01", "evidence": ["https://www.example.org/dpia.pdf"]},
             {"id": "fria", "status": "done", "date": "2026-03-02", "evidence": ["https://www.example.org/fria.pdf"]}]
    root = make_portfolio(tmp_path / "p", {"ia-app": {
        "application": {"id": "ia-app", "name": "I", "stage": "pilot", "vendor": "V"},
        "compliance": {"items": items}}})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf)
    assert [g["title"] for g in rec["record"]["impacttoetsen_grouping"]] == [
        "Data Protection Impact Assessment (DPIA)", "Fundamental Rights Impact Assessment (FRIA)"]
    assert rec["violations"] == []


def test_register_long_texts_keep_their_paragraphs_and_lists_as_html(tmp_path, capsys):
    """The register takes HTML in its long texts (goal, risks ...: the standard's allowed_html_tags
    div, br, p, ul, ol, li) and its public page shows them as HTML (ListifyString, v-html), where a
    line break is a space: a dossier text's paragraphs and list came out as one run-on block. Each
    paragraph now becomes <p>, a list <ul> or <ol> with <li>, the text is escaped (& < >), and the
    length is counted as the register counts it, on the text without the tags."""
    goal = ("Minder gemiste botbreuken.\n\nDe software markeert:\n- breuken bij kinderen\n"
            "- breuken bij ouderen &\n  kleine\n  breuken\n\n1. eerst de arts\n2. dan de radioloog <b>\n")
    public = {"short_description": "Kort.\n\nNog korter.", "goal": goal, "risks": "Een gemiste breuk (< 1%) & een vals alarm.",
              "source_data": "R" * 1250 + "\n\n" + "S" * 1249, "human_intervention": "H" * 1250 + "\n\n" + "I" * 1250}
    root = make_portfolio(tmp_path / "p", {"html-app": {
        "application": {"id": "html-app", "name": "H", "stage": "pilot", "vendor": "V", "public": public}}})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf)
    assert rec["record"]["goal"] == (
        "<p>Minder gemiste botbreuken.</p><p>De software markeert:</p>"
        "<ul><li>breuken bij kinderen</li><li>breuken bij ouderen &amp; kleine breuken</li></ul>"
        "<ol><li>eerst de arts</li><li>dan de radioloog &lt;b&gt;</li></ol>")
    # one paragraph needs no tags; the text is still HTML, so escaped
    assert rec["record"]["risks"] == "Een gemiste breuk (&lt; 1%) &amp; een vals alarm."
    # a field the register takes as plain text only stays plain text
    assert rec["record"]["description_short"] == "Kort.\n\nNog korter."
    # 1250 + 1 (the register joins the paragraphs' texts with a space) + 1249 characters: allowed
    assert rec["record"]["source_data"] == "<p>" + "R" * 1250 + "</p><p>" + "S" * 1249 + "</p>"
    assert rec["violations"] == ["human_intervention: 2501 characters; the standard allows 2500"]


def test_register_short_html_fields_are_escaped_as_the_long_texts(tmp_path):
    """The register takes impacttoetsen and tags as HTML too: a justification or a product name
    with & or < is escaped as the long texts are (the text never taken for markup), and a field the
    register takes as plain text is not; one rule for every field, as the catalog's ``html`` says."""
    items = [{"id": "dpia", "status": "not-applicable", "justification": "geen <b>persoonsgegevens</b> & geen BSN"}]
    root = make_portfolio(tmp_path / "p", {"esc-app": {
        "application": {"id": "esc-app", "name": "E & F", "stage": "pilot", "vendor": "V", "product": "Bone & <Sight>",
                        "public": {"goal": "Doel & <middel>."}},
        "compliance": {"items": items}}})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf)["record"]
    assert rec["impacttoetsen"] == "Geen DPIA: geen &lt;b&gt;persoonsgegevens&lt;/b&gt; &amp; geen BSN"
    assert "Bone &amp; &lt;Sight&gt;" in rec["tags"].split(", ")
    assert rec["goal"] == "Doel &amp; &lt;middel&gt;."
    assert rec["name"] == "E & F"


@pytest.mark.parametrize("record, problem", [
    ({"status": "Actief"}, "status: 'Actief' is not one of"),
    ({"description_short": "K" * 401}, "description_short: 401 characters; the standard allows 400"),
    ({"category": ["Gezondheidszorg"]}, "category: 'Gezondheidszorg' is not a permitted value"),
    ({"begin_date": "2026-13"}, "begin_date: '2026-13' must be a month"),
    ({"impacttoetsen_grouping": [{"link": "https://www.example.org/dpia.pdf"}]}, "impacttoetsen_grouping[0].title: required"),
    ({"provider": "P" * 201}, "provider: 201 characters; the standard allows 200"),
    ({"colour": "blue"}, "colour: not a field of the standard 1.0"),
])
def test_validate_record_limits(record, problem):
    assert any(v.startswith(problem) for v in exports.validate_record(record)), exports.validate_record(record)


def test_out_never_replaces_a_named_pipe(tmp_path, capsys):
    """Renamed into place, the export turned a named pipe (or, as root, /dev/null) into a file."""
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, _out, err = run(["export", str(EXAMPLE), "--out", str(pipe), "--force"], capsys)
    assert code == 2 and "not a file" in err and stat.S_ISFIFO(pipe.lstat().st_mode)


def test_register_record_states_the_fundamental_rights_assessment_beside_the_dpia(tmp_path):
    """The record named the DPIA only: a FRIA (AI Act Art 27) done, under way or not needed, as the
    dossier's compliance item says, never reached the register's impact assessments."""
    items = [{"id": "dpia", "status": "in-progress"},
             {"id": "fria", "status": "done", "date": "2026-03-02",
              "evidence": ["https://www.example.org/fria.pdf", "https://www.example.org/other.pdf"]}]
    root = make_portfolio(tmp_path / "p", {"fria-app": {
        "application": {"id": "fria-app", "name": "F", "stage": "pilot", "vendor": "V"},
        "compliance": {"items": items}}})
    pf = portfolio.load(root)
    rec = exports.register_record(pf.apps[0], pf)["record"]
    assert rec["impacttoetsen_grouping"] == [{"title": "Fundamental Rights Impact Assessment (FRIA)",
                                              "link": "https://www.example.org/fria.pdf"}]
    assert rec["impacttoetsen"] == ("DPIA in uitvoering. Grondrechteneffectbeoordeling (FRIA) uitgevoerd op "
                                    "2 maart 2026.")
    assert exports.validate_record(rec) == []


def test_texts_excel_would_take_for_dates_are_written_as_they_are_and_help_says_how_to_keep_them(capsys, monkeypatch):
    """Excel in Dutch settings reads a version 1.9 or a code 3-4 from the CSV as a date. Every way
    of marking a CSV cell as text for Excel (="1.9", '1.9, a tab) changes the value for every other
    reader, so the cells stay as written and the help points to Excel's import with Text columns."""
    data = [{"id": "x", "version": "1.9", "product": "3-4", "task": "2.10", "open_items": ["01-02", "C-3"]}]
    for excel in (False, True):
        [row] = csv.DictReader(io.StringIO(exports.to_csv(data, excel=excel).lstrip("\ufeff"), newline=""),
                               delimiter=";" if excel else ",")
        assert (row["version"], row["product"], row["task"], row["open_items"]) == ("1.9", "3-4", "2.10", "01-02; C-3")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _err = run(["export", "--help"], capsys)
    text = " ".join(out.replace("│", " ").split())
    assert code == 0 and "version 1.9 or a code 3-4 becomes a date" in text and "Data > From Text/CSV" in text


def test_an_unreadable_dossier_file_is_named_not_exported_as_blank_cells(tmp_path, capsys):
    """An application.yaml with a YAML syntax error, a problem.yaml that is not UTF-8 and a folder
    without application.yaml: the CSV gave their rows with an empty stage, vendor and owner and
    said nothing, so the spreadsheet looked like a dossier not yet filled in. Now each is named
    on standard error (the rows stay, so no application goes missing from the sheet)."""
    root = copy_example(tmp_path / "p")
    with open(root / "applications" / "longnodule-ct" / "application.yaml", "a", encoding="utf-8") as fh:
        fh.write("vendor: [unclosed\n")
    (root / "applications" / "botleeftijd-hand" / "problem.yaml").write_bytes(b'statement: "caf\xe9"\n')
    (root / "applications" / "empty-app").mkdir()
    for fmt in ("csv", "json", "algoritmeregister"):
        code, out, err = run(["export", str(root), "--format", fmt], capsys)
        assert code == 0, err
        assert ("raio: warning: longnodule-ct: applications/longnodule-ct/application.yaml cannot be read "
                "(YAML syntax error") in err, err
        assert "raio: warning: botleeftijd-hand: applications/botleeftijd-hand/problem.yaml cannot be read (invalid UTF-8" in err
        assert "raio: warning: empty-app: applications/empty-app has no application.yaml" in err
        assert "3 applications exported with what could be read; 'raio check' has the details" in err
        assert "Traceback" not in err
    code, out, _err = run(["export", str(root), "--format", "csv"], capsys)
    assert {r["id"] for r in csv.DictReader(io.StringIO(out, newline=""))} >= {"longnodule-ct", "empty-app"}
    # a portfolio whose files all read: not a word more than before
    code, out, err = run(["export", str(EXAMPLE), "--format", "csv"], capsys)
    assert code == 0 and err == ""


def test_the_warning_about_an_unreadable_dossier_never_shows_a_bsn_in_its_folder_name(tmp_path, capsys):
    """The rows and the file name in the warning were masked, but the warning began with the
    application's folder name as it is: 'raio: warning: scan-111222333: ...' put a BSN in full
    on the terminal and in the CI log."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / "scan-111222333"
    folder.mkdir()
    (folder / "application.yaml").write_text("id: scan-111222333\nname: [unclosed\n", encoding="utf-8")
    for fmt in ("csv", "json", "algoritmeregister"):
        code, out, err = run(["export", str(root), "--format", fmt], capsys)
        assert code == (1 if fmt == "algoritmeregister" else 0), err  # the register would publish its source_id
        assert "111222333" not in out + err
        assert "raio: warning: scan-*******33: applications/scan-*******33/application.yaml cannot be read" in err


def test_out_dash_is_standard_output_as_for_the_other_commands(tmp_path, capsys, monkeypatch):
    """raio check -o -, raio memo -o - and raio report -o - write to standard output; raio export
    -o - wrote a file named '-' into the current folder (the portfolio, where the next commit
    took it along) and printed nothing."""
    root = copy_example(tmp_path / "p")
    monkeypatch.chdir(root)
    code, out, err = run(["export", ".", "--out", "-"], capsys)
    assert code == 0, err
    assert out.startswith("id,name,stage,") and not (root / "-").exists() and "wrote" not in err
    code, out, err = run(["export", ".", "-f", "json", "-o", "-"], capsys)
    assert code == 0 and json.loads(out)[0]["id"] and not (root / "-").exists()
    code, out, err = run(["export", ".", "-o", "./-"], capsys)  # a file named '-', asked for so
    assert code == 0 and out == "Wrote ./-\n" and (root / "-").read_text(encoding="utf-8").startswith("id,name,stage,")


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_export_is_utf8_whatever_the_output_encoding(tmp_path, encoding):
    """On Windows, Python writes a redirected standard output in cp1252: `raio export --excel >
    portfolio.csv` ended in an internal error at the byte-order mark and wrote nothing, and
    `raio export > portfolio.csv` wrote cp1252 ('röntgen' as one byte, which Excel and every
    UTF-8 reader then shows wrongly) where the help promises UTF-8. Every format is UTF-8 bytes,
    whatever the stream's encoding, as raio check's machine formats are."""
    import os
    import subprocess

    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=encoding)
    for args in (["--excel"], [], ["-f", "json"], ["-f", "algoritmeregister"]):
        proc = subprocess.run([raio_script(), "export", str(EXAMPLE), *args], capture_output=True, env=env, timeout=120)
        assert proc.returncode == 0 and b"internal error" not in proc.stderr, (args, proc.stderr)
        text = proc.stdout.decode("utf-8")  # raises if it is not UTF-8
        assert "Fractuurdetectie op SEH-röntgenfoto's" in text, args
        assert text.startswith("\ufeffid;name;") if args == ["--excel"] else not text.startswith("\ufeff")


def test_counts_from_an_unreadable_file_are_empty_not_zero(tmp_path, capsys):
    """A compliance.yaml with a YAML syntax error gave the application 0 open checklist items
    and a pilot.yaml that could not be read 0 extensions: in the spreadsheet and the BI
    dashboard an application with ten open items looked done. What a file that cannot be read
    would count is unknown: an empty cell, null in JSON (the warning on standard error stays)."""
    root = make_portfolio(tmp_path / "p", {"ext-app": {
        "application": {"id": "ext-app", "name": "Ext", "stage": "pilot"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                  "extensions": [{"end": "2026-09-30", "reason": "slow inclusion", "date": "2026-06-01", "by": "RAIO"}]},
        "compliance": {"items": [{"id": "dpia", "status": "open"}, {"id": "exit-terms", "status": "in-progress"}]},
    }})
    [row] = exports.rows(portfolio.load(root))
    assert (row["extensions"], row["open_items_count"], row["open_items"]) == (1, 2, ["dpia", "exit-terms"])
    for name in ("pilot", "compliance"):
        with open(root / "applications" / "ext-app" / f"{name}.yaml", "a", encoding="utf-8") as fh:
            fh.write("notes: [unclosed\n")
    code, out, err = run(["export", str(root), "--format", "json"], capsys)
    [row] = json.loads(out)
    assert code == 0 and "compliance.yaml cannot be read" in err and "pilot.yaml cannot be read" in err
    assert (row["extensions"], row["open_items_count"], row["open_items"], row["last_end"]) == (None, None, None, None)
    code, out, err = run(["export", str(root)], capsys)
    [row] = csv.DictReader(io.StringIO(out, newline=""))
    assert (row["extensions"], row["open_items_count"], row["open_items"]) == ("", "", "")


def test_verdict_counts_are_empty_when_effects_yaml_cannot_be_read(tmp_path, capsys):
    """With effects.yaml unreadable, the stopped thorax triage (two effects not met, two
    guardrails breached) was exported with every verdict count 0: '0 breached' in the sheet.
    Without the effects there are no verdicts to count: empty cells, null in JSON."""
    root = copy_example(tmp_path / "p")
    code, out, _err = run(["export", str(root), "--format", "json"], capsys)
    before = next(r for r in json.loads(out) if r["id"] == "thoraxfoto-triage")
    assert before["verdicts_breached"] and before["verdicts_not_met"]
    with open(root / "applications" / "thoraxfoto-triage" / "effects.yaml", "a", encoding="utf-8") as fh:
        fh.write("notes: [unclosed\n")
    code, out, err = run(["export", str(root), "--format", "json"], capsys)
    row = next(r for r in json.loads(out) if r["id"] == "thoraxfoto-triage")
    assert code == 0 and "thoraxfoto-triage/effects.yaml cannot be read" in err
    assert all(row[f"verdicts_{s.replace('-', '_')}"] is None for s in exports.VERDICT_STATUSES)
    assert row["verdicts"] is None


def test_an_unreadable_raio_yaml_is_named_and_the_register_export_is_not_passed(tmp_path, capsys):
    """With a YAML syntax error in raio.yaml (a merge conflict, a typo) the export said nothing of
    it: the patient-number patterns there (policy.phi_patterns) were not applied, so a public
    text with 'NZ-1234567' went into the register record in full, with exit 0 and the summary
    blaming only application.yaml. Now every format names raio.yaml on standard error, and the
    register export exits 1: without the patterns raio cannot say the records are clean."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "stroke-lvo-triage" / "application.yaml"
    edit_yaml(path, lambda data: data["public"].__setitem__("goal", "Sneller behandelen, zoals bij NZ-1234567."))
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 1 and "NZ-1234567" not in out  # readable: the pattern masks it, the record is named
    with open(root / "raio.yaml", "a", encoding="utf-8") as fh:
        fh.write("department: [unclosed\n")
    for fmt in ("csv", "json", "algoritmeregister"):
        code, out, err = run(["export", str(root), "--format", fmt], capsys)
        assert "raio: warning: raio.yaml cannot be read (YAML syntax error" in err, err
        assert "patient-number patterns" in err and "Traceback" not in err
        assert code == (1 if fmt == "algoritmeregister" else 0), (fmt, err)
    assert "raio.yaml cannot be read, so patient numbers may be unmasked" in err  # the summary says why exit 1


def test_export_with_standard_output_closed_says_so(tmp_path):
    """A job that closed standard output (`raio export >&-`) got "internal error ... This is a bug
    in raio" after the whole export was built; it gets one line and exit 2, as raio check does,
    and with --out the file is written as ever."""
    args = [raio_script(), "export", str(EXAMPLE)]
    proc = run_with_stdout_closed(args)
    assert proc.returncode == 2
    assert "standard output is closed" in proc.stderr and "--out" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    proc = run_with_stdout_closed(args + ["-o", str(tmp_path / "p.csv")])
    assert proc.returncode == 0 and (tmp_path / "p.csv").read_text(encoding="utf-8").startswith("id,"), proc.stderr


def test_an_application_without_a_checklist_has_no_open_item_count(tmp_path):
    """An application without compliance.yaml was exported with 0 open checklist items, as if
    its checklist were done, while raio check names every required item as absent: without a
    checklist the count is unknown (an empty cell, null in JSON), not 0."""
    root = make_portfolio(tmp_path / "p", {
        "bare-app": {"application": {"id": "bare-app", "name": "Bare", "stage": "proposed"}},
        "done-app": {"application": {"id": "done-app", "name": "Done", "stage": "proposed"},
                     "compliance": {"items": [{"id": "dpia", "status": "done"}]}},
    })
    bare, done = exports.rows(portfolio.load(root))
    assert (bare["open_items_count"], bare["open_items"]) == (None, None)
    assert (done["open_items_count"], done["open_items"]) == (0, [])
    [bare_csv, _done] = csv.DictReader(io.StringIO(exports.to_csv([bare, done]), newline=""))
    assert bare_csv["open_items_count"] == "" and _done["open_items_count"] == "0"


def test_a_retired_application_without_its_retirement_date_is_named_not_exported_silently(tmp_path, capsys):
    """The register asks for the end date of an algorithm taken out of use; a retired
    application without retirement.date went out with no end date and no word of it."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "hersenvolumetrie-mri" / "application.yaml"
    edit_yaml(path, lambda data: data["retirement"].pop("date"))
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 0  # a gap to fill, as the other missing fields, not a breach of the standard
    rec = next(r for r in json.loads(out)["records"] if r["app"] == "hersenvolumetrie-mri")
    assert rec["record"]["status"] == "Buiten gebruik" and "end_date" not in rec["record"]  # left empty, not invented
    assert "end_date" in rec["missing"]
    [line] = [line for line in err.splitlines() if line.startswith("raio: hersenvolumetrie-mri: missing ")]
    assert "end_date" in line.split(": missing ")[1].split(", ")
    assert ("raio: hersenvolumetrie-mri: note: end_date: the application is retired but application.yaml has no "
            "retirement.date; the register asks for the date it was taken out of use") in err
    others = [r for r in json.loads(out)["records"] if r["app"] != "hersenvolumetrie-mri"]
    assert all("end_date" not in r["missing"] for r in others)


def test_a_stopped_application_without_any_date_of_its_stop_is_named_not_exported_silently(tmp_path, capsys):
    """A stopped application's end date comes from retirement.date, the decision's date or
    stage_since; without any of them the record went out with no end date and no word of it."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / "thoraxfoto-triage"
    edit_yaml(folder / "application.yaml", lambda data: data.pop("stage_since"))
    edit_yaml(folder / "pilot.yaml", lambda data: data["decision"].pop("date"))
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 0
    rec = next(r for r in json.loads(out)["records"] if r["app"] == "thoraxfoto-triage")
    assert rec["record"]["status"] == "Buiten gebruik" and "end_date" not in rec["record"]
    assert "end_date" in rec["missing"]
    assert ("raio: thoraxfoto-triage: note: end_date: the application is stopped but neither application.yaml "
            "(retirement.date, stage_since) nor pilot.yaml (decision.date) says when; the register asks for the date "
            "it was taken out of use") in err


def test_the_stop_after_scale_up_is_exported_after_the_existing_columns(tmp_path, capsys):
    """raio export gave the scale-up decision (choice and date) of every application, but of a
    retired one not when it was switched off, nor who decided the stop or when: the RAIO's
    spreadsheet of the portfolio showed the decision to start and never the one to stop."""
    before = ("id", "name", "stage", "vendor", "product", "version", "modality", "task", "mdr_class", "ai_act_risk",
              "certificate_expires", "owner", "owner_role", "plan_start", "plan_end", "extensions", "last_end",
              "decision_choice", "decision_date", "verdicts_met", "verdicts_not_met", "verdicts_breached",
              "verdicts_within_limit", "verdicts_inconclusive", "verdicts_missing", "verdicts_no_target", "verdicts",
              "open_items_count", "open_items")
    assert exports.COLUMNS[:len(before)] == before  # the columns a spreadsheet already reads stay where they were
    assert exports.COLUMNS[len(before):len(before) + 3] == ("retirement_date", "retirement_decided_on", "retirement_decided_by")
    for args, read in ((["--format", "csv"], lambda out: list(csv.DictReader(io.StringIO(out, newline="")))),
                       (["--format", "json"], json.loads),
                       (["--excel"], lambda out: list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline=""),
                                                                     delimiter=";")))):
        code, out, err = run(["export", str(EXAMPLE), *args], capsys)
        assert code == 0, err
        rows = {r["id"]: r for r in read(out)}
        retired = rows["hersenvolumetrie-mri"]
        assert (retired["retirement_date"], retired["retirement_decided_on"], retired["retirement_decided_by"]) == (
            "2026-06-30", "2026-04-14", "Raad van bestuur, op advies van de AI-stuurgroep")
        assert rows["fractuurdetectie-seh"]["retirement_decided_by"] in ("", None)


def test_markup_in_a_field_the_register_takes_as_plain_text_is_named_not_changed_silently(tmp_path, capsys):
    """The register keeps only its plain-text fields (name, description_short, contact_email,
    provider ...: no allowed_html_tags in v1_0.json) as text: it removes every tag and reads the
    entities (sanitize_string_fields and strip_html in backend/app/util/html.py). A dossier text
    `Dosis <b>laag</b>` was exported as written and published as "Dosis laag", with no word of it."""
    public = {"short_description": "Dosis <b>laag</b> bij kinderen.", "contact": "radiologie@zkh.example",
              "goal": "Dosis <b>laag</b>.", "risks": "Een gemiste breuk (< 1%) & een vals alarm."}
    root = make_portfolio(tmp_path / "p", {
        "markup-app": {"application": {"id": "markup-app", "name": "Breuk < 1 cm & groter", "stage": "pilot",
                                       "vendor": "AT&amp;T", "public": public}},
        "clean-app": {"application": {"id": "clean-app", "name": "R&D 5 > 3", "stage": "pilot", "vendor": "V",
                                      "public": {"short_description": "a < b & c", "goal": "<b>vet</b>"}}}},
        config={"organisation": "Testziekenhuis", "department": "Radiologie", "language": "nl"})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 0  # the register accepts it; the text it publishes is not the dossier's
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    markup = recs["markup-app"]
    assert markup["record"]["description_short"] == "Dosis <b>laag</b> bij kinderen."  # the dossier's text, not rewritten
    noted = {n.split(":")[0] for n in markup["notes"]}
    assert noted == {"description_short", "provider"}  # not name: "<" and "&" between words are kept
    assert ("raio: markup-app: note: description_short: the register takes this field as plain text and removes "
            "what reads as HTML (tags, comments) and reads entities (&amp; as &): 'Dosis <b>laag</b> bij kinderen.' "
            "would be published as 'Dosis laag bij kinderen.'") in err
    assert "raio: markup-app: note: provider: " in err and "would be published as 'AT&T'" in err
    # a field that takes HTML is written escaped, so its text survives: nothing to say
    assert markup["record"]["goal"] == "Dosis &lt;b&gt;laag&lt;/b&gt;."
    assert recs["clean-app"]["notes"] == []


def test_a_retired_application_without_a_scale_up_decision_gives_when_it_was_taken_into_use(tmp_path, capsys):
    """A retired application was in use (in production, and before that in its pilot on
    patients); the register always shows the month it was taken into use. Without a scale-up
    decision in pilot.yaml the record had no begin_date, even when the pilot's start was known,
    and when nothing in the dossier says it, the gap was listed as missing without a word why."""
    retired = {"stage": "retired", "stage_since": "2026-06-30", "retirement": {"date": "2026-06-30"}}
    root = make_portfolio(tmp_path / "p", {
        "piloted": {"application": {"id": "piloted", "name": "P", **retired},
                    "pilot": {"plan": {"start": "2022-03-01", "end": "2022-08-31"}}},
        "legacy": {"application": {"id": "legacy", "name": "L", **retired}},
        "late-pilot": {"application": {"id": "late-pilot", "name": "Q", **retired},
                       "pilot": {"plan": {"start": "2026-09-01", "end": "2026-12-31"}}},
        "scaled-up": {"application": {"id": "scaled-up", "name": "S", **retired},
                      "pilot": {"plan": {"start": "2022-03-01"}, "decision": {"choice": "scale-up", "date": "2022-10-10"}}},
    }, config={"organisation": "Testziekenhuis", "department": "Radiologie", "language": "nl"})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert code == 0
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    assert recs["piloted"]["record"]["begin_date"] == "2022-03" and "begin_date" not in recs["piloted"]["missing"]
    assert ("raio: piloted: note: begin_date: the pilot's start (pilot.yaml plan.start), as the application was used "
            "on patients from then; pilot.yaml has no scale-up decision, so check that it stayed in use until its "
            "retirement") in err
    for app in ("legacy", "late-pilot"):  # nothing honest to give: left empty, named, not guessed
        assert "begin_date" not in recs[app]["record"] and "begin_date" in recs[app]["missing"]
        assert (f"raio: {app}: note: begin_date: the application is retired but neither pilot.yaml (plan.start before "
                "its retirement, a scale-up decision's date) says when it was taken into use; the register shows "
                "the month it was taken into use") in err
    assert recs["scaled-up"]["record"]["begin_date"] == "2022-03"
    assert not [n for n in recs["scaled-up"]["notes"] if n.startswith("begin_date")]


def test_a_typo_in_the_plan_dates_is_exported_as_no_date_with_a_note(tmp_path):
    """A typo in plan.end (2026-13-01) left an empty cell, as for a plan without an end, and an
    end before the start was the pilot's last end: the spreadsheet took them for real. The typo
    stays no date, the last end leaves out an end before the start, and the last column says what
    is wrong (the columns before keep their places)."""
    from test_status import _typo_portfolio

    rows = {r["id"]: r for r in exports.rows(portfolio.load(_typo_portfolio(tmp_path / "p")))}
    assert exports.COLUMNS[-1] == "plan_dates_problem"
    month = rows["month-typo"]
    assert (month["plan_start"], month["plan_end"], month["last_end"]) == ("2026-09-07", None, None)
    assert month["plan_dates_problem"] == "plan.end '2026-13-01' is not a date"
    year = rows["year-typo"]
    assert (year["plan_start"], year["plan_end"], year["last_end"]) == ("2026-09-07", "2026-03-05", None)
    assert year["plan_dates_problem"] == "plan.start 2026-09-07 is not before plan.end 2026-03-05"
    assert rows["start-typo"]["plan_dates_problem"] == "plan.start '2026-02-30' is not a date"
    assert rows["in-order"]["plan_dates_problem"] is None
    assert rows["in-order"]["last_end"] == "2027-03-05"
    assert "plan.end '2026-13-01' is not a date" in exports.to_csv(list(rows.values()))


def test_a_csv_cell_longer_than_excel_holds_is_cut_with_a_marker_and_named(tmp_path, capsys):
    """Excel holds at most 32,767 characters in a cell; a longer text (a report pasted into a
    name) was written whole, and Excel spilled the rest of it into the rows below, shifting
    every cell after it. The cell is cut to the limit with a visible marker, the cut is named on
    standard error with the application and the column, and the JSON keeps the whole text."""
    long_name = "Lange naam " * 4000  # 44,000 characters
    root = make_portfolio(tmp_path / "p", {
        "long-app": {"application": {"id": "long-app", "name": long_name, "stage": "proposed", "vendor": "V"}},
        "fine-app": {"application": {"id": "fine-app", "name": "Fine", "stage": "proposed"}}})
    for args in ([], ["--excel"]):
        code, out, err = run(["export", str(root), "--format", "csv", "--allow-cut", *args], capsys)
        assert code == 0
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline=""),
                                                   delimiter=";" if args else ",")}
        cell = rows["long-app"]["name"]
        assert len(cell.encode("utf-16-le")) // 2 <= 32767
        assert cell.startswith("Lange naam Lange naam") and cell.endswith(exports.EXCEL_CUT_MARKER)
        assert rows["long-app"]["vendor"] == "V" and rows["fine-app"]["name"] == "Fine"
        [line] = [line for line in err.splitlines() if "32767" in line or "32,767" in line]
        assert line.startswith("raio: warning: long-app: name has ") and "fine-app" not in err
    code, out, err = run(["export", str(root), "--format", "json"], capsys)
    assert code == 0 and next(r for r in json.loads(out) if r["id"] == "long-app")["name"] == " ".join(long_name.split())
    assert "32,767" not in err


def test_a_csv_cell_cut_to_what_excel_holds_exits_1_unless_the_cut_is_accepted(tmp_path, capsys, monkeypatch):
    """A cell cut to Excel's 32,767 characters was named on standard error, but raio export
    exited 0: a CI job exporting for the register lost the rest of the text without failing.
    A cut that loses text exits 1 (the CSV is still written, the cut marked in its cell), as
    a register record that breaks a limit does; --allow-cut accepts it (exit 0, still named);
    the help says so; a CSV without a cut exits 0 either way."""
    root = make_portfolio(tmp_path / "p", {
        "long-app": {"application": {"id": "long-app", "name": "Lange naam " * 4000, "stage": "proposed"}}})
    out_file = tmp_path / "export.csv"
    code, out, err = run(["export", str(root), "--format", "csv", "--out", str(out_file)], capsys)
    assert code == 1
    assert exports.EXCEL_CUT_MARKER in out_file.read_text(encoding="utf-8")  # written, not withheld
    assert "raio: warning: long-app: name has " in err and "--allow-cut" in err
    for args in ([], ["--excel"]):
        code, out, err = run(["export", str(root), "--format", "csv", "--allow-cut", *args], capsys)
        assert code == 0 and exports.EXCEL_CUT_MARKER in out and "raio: warning: long-app: name has " in err
    code, out, err = run(["export", str(root), "--format", "json", "--allow-cut"], capsys)
    assert code == 2 and "--allow-cut is for --format csv" in err
    short = make_portfolio(tmp_path / "q", {"fine-app": {"application": {"id": "fine-app", "name": "F", "stage": "proposed"}}})
    code, out, err = run(["export", str(short), "--format", "csv"], capsys)
    assert code == 0
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _err = run(["export", "--help"], capsys)
    text = " ".join(out.replace("│", " ").split())
    assert "--allow-cut" in text and "a cell cut to the 32,767 characters" in text


def test_a_retirement_dated_after_today_is_exported_as_in_use_with_its_planned_end(tmp_path, capsys):
    """A retired application whose retirement.date lies ahead (raio check: MON011) was published
    as "Buiten gebruik" with that month as its end date, and without a word: the register would
    tell the public it is out of use while it still runs. The standard's end_date "moet leeg
    blijven" while the algorithm is in use, so the record has no field for a planned end: the
    status is the one for today, end_date stays empty, and a note gives the planned end."""
    pilot = {"plan": {"start": "2025-01-06", "end": "2025-05-30"}, "decision": {"choice": "scale-up", "date": "2025-06-02"}}
    retirement = {"date": "2026-12-31", "decided_on": "2026-10-01", "decided_by": "RvB"}
    root = make_portfolio(tmp_path / "p", {
        "retiring-app": {"application": {"id": "retiring-app", "name": "R", "stage": "retired", "retirement": retirement},
                         "pilot": pilot},
        "planned-app": {"application": {"id": "planned-app", "name": "P", "stage": "production", "retirement": retirement},
                        "pilot": pilot},
        "stopping-app": {"application": {"id": "stopping-app", "name": "S", "stage": "stopped",
                                         "retirement": {"date": "2026-12-15"}},
                         "pilot": {"plan": {"start": "2026-09-01", "end": "2026-10-30"},
                                   "decision": {"choice": "stop", "date": "2026-11-02"}}},
        "early-app": {"application": {"id": "early-app", "name": "E", "stage": "stopped",
                                      "retirement": {"date": "2027-02-01"}},
                      "pilot": {"plan": {"start": "2027-01-04", "end": "2027-03-31"},
                                "decision": {"choice": "stop", "date": "2026-11-02"}}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-11-30"], capsys)
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    # its pilot not begun yet: not in use on patients today, no begin month ahead of time
    assert recs["early-app"]["record"]["status"] == "In ontwikkeling" and "begin_date" not in recs["early-app"]["record"]
    for app_id, end in (("retiring-app", "2026-12-31"), ("stopping-app", "2026-12-15")):
        rec = recs[app_id]
        assert rec["record"]["status"] == "In gebruik", app_id
        assert "end_date" not in rec["record"] and "end_date" not in rec["missing"]
        assert [n for n in rec["notes"] if end in n and "Buiten gebruik" in n], rec["notes"]
        assert f"raio: {app_id}: note: status 'In gebruik'" in err
    assert (recs["retiring-app"]["record"]["begin_date"], recs["stopping-app"]["record"]["begin_date"]) == ("2025-01", "2026-09")
    planned = recs["planned-app"]
    assert planned["record"]["status"] == "In gebruik" and "end_date" not in planned["record"]
    assert [n for n in planned["notes"] if "2026-12-31" in n], planned["notes"]
    # on and after the day itself it is out of use, with its end month
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-12-31"], capsys)
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    assert (recs["retiring-app"]["record"]["status"], recs["retiring-app"]["record"]["end_date"]) == ("Buiten gebruik", "2026-12")
    assert (recs["stopping-app"]["record"]["status"], recs["stopping-app"]["record"]["end_date"]) == ("Buiten gebruik", "2026-12")
    assert not [n for n in recs["retiring-app"]["notes"] if "2026-12-31" in n]


def _records_on(root, capsys, day: str) -> tuple[dict, str]:
    """The register records of ``raio export --format algoritmeregister --today DAY``, by
    application, and its standard error; the export exits 0."""
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", day], capsys)
    assert code == 0, err
    return {r["app"]: r for r in json.loads(out)["records"]}, err


def test_the_register_status_on_a_day_before_the_pilot_began_or_before_the_decision(tmp_path, capsys):
    """raio export --today 2022-01-01 exported a retired application whose pilot began in 2025
    as "In gebruik", with a begin month three years ahead: on that day it was not in use. The
    status for --today follows the dossier's dates: before the pilot's start (pilot.yaml
    plan.start) not yet in use, "In ontwikkeling" without begin or end date (not missing) and a
    note; during the pilot "In gebruik" from its start; after the pilot's end and before the
    scale-up decision in evaluation, as an application in stage evaluation ("In ontwikkeling");
    from the decision "In gebruik" again (in production: from its stage_since, when later);
    from its retirement "Buiten gebruik"."""
    pilot = {"plan": {"start": "2025-01-06", "end": "2025-05-30"}, "decision": {"choice": "scale-up", "date": "2025-06-16"}}
    root = make_portfolio(tmp_path / "p", {
        "retired-app": {"application": {"id": "retired-app", "name": "R", "stage": "retired",
                                        "retirement": {"date": "2026-03-31", "decided_on": "2026-01-10", "decided_by": "RvB"}},
                        "pilot": pilot},
        "prod-app": {"application": {"id": "prod-app", "name": "P", "stage": "production", "stage_since": "2025-07-01"},
                     "pilot": pilot},
        "early-pilot": {"application": {"id": "early-pilot", "name": "E", "stage": "pilot", "stage_since": "2025-01-01"},
                        "pilot": {"plan": {"start": "2025-02-03", "end": "2025-06-30"}}},
        "bare-prod": {"application": {"id": "bare-prod", "name": "B", "stage": "production", "stage_since": "2025-04-01"}},
        "stopped-app": {"application": {"id": "stopped-app", "name": "S", "stage": "stopped"},
                        "pilot": {**pilot, "decision": {"choice": "stop", "date": "2025-06-16"}}}})

    def on(day):
        return _records_on(root, capsys, day)

    recs, err = on("2022-01-01")
    for app_id in ("retired-app", "prod-app", "early-pilot", "bare-prod", "stopped-app"):
        rec = recs[app_id]
        assert rec["record"]["status"] == "In ontwikkeling", app_id
        assert "begin_date" not in rec["record"] and "end_date" not in rec["record"], app_id
        assert "begin_date" not in rec["missing"] and "end_date" not in rec["missing"], app_id
        assert [n for n in rec["notes"] if "2022-01-01" in n and "not in use" in n], rec["notes"]
    assert "raio: retired-app: note: status 'In ontwikkeling'" in err and "2025-01-06" in err
    recs, _err = on("2025-02-10")  # the pilot runs: in use on patients from its start
    for app_id, began in (("retired-app", "2025-01"), ("prod-app", "2025-01"), ("early-pilot", "2025-02"),
                          ("stopped-app", "2025-01")):  # stopped on its decision, 2025-06-16: in use until then
        assert (recs[app_id]["record"]["status"], recs[app_id]["record"]["begin_date"]) == ("In gebruik", began)
        assert "end_date" not in recs[app_id]["record"] and "end_date" not in recs[app_id]["missing"], app_id
    assert recs["bare-prod"]["record"]["status"] == "In ontwikkeling"  # in production from 2025-04-01
    recs, _err = on("2025-06-10")  # the pilot ended, the decision not yet taken: in evaluation
    for app_id in ("retired-app", "prod-app", "stopped-app"):
        rec = recs[app_id]
        assert rec["record"]["status"] == "In ontwikkeling" and "end_date" not in rec["record"], app_id
        assert [n for n in rec["notes"] if "evaluation" in n and "2025-06-16" in n], rec["notes"]
    assert recs["bare-prod"]["record"]["status"] == "In gebruik"
    recs, _err = on("2025-06-16")  # the day of the scale-up decision
    assert (recs["retired-app"]["record"]["status"], recs["retired-app"]["record"]["begin_date"]) == ("In gebruik", "2025-01")
    assert "end_date" not in recs["retired-app"]["record"]
    # prod-app's production starts on its stage_since, 2025-07-01: decided, not yet in use until then
    assert recs["prod-app"]["record"]["status"] == "In ontwikkeling"
    recs, _err = on("2025-07-01")
    assert (recs["prod-app"]["record"]["status"], recs["prod-app"]["record"]["begin_date"]) == ("In gebruik", "2025-01")
    recs, _err = on("2026-04-01")
    assert (recs["retired-app"]["record"]["status"], recs["retired-app"]["record"]["end_date"]) == ("Buiten gebruik", "2026-03")
    assert (recs["stopped-app"]["record"]["status"], recs["stopped-app"]["record"]["end_date"]) == ("Buiten gebruik", "2025-06")
    assert not [n for n in recs["retired-app"]["notes"] if "not in use" in n or "evaluation" in n]


def test_the_register_status_between_the_scale_up_decision_and_the_start_of_production(tmp_path, capsys):
    """raio export --today 2026-03-20 exported an application decided to scale up on 2026-03-16
    but in production only from 2026-04-01 (application.yaml stage_since) as "In gebruik": its
    pilot had ended in January and it was not yet taken into use. Decided, not yet in use, it is
    "In ontwikkeling" until stage_since, without begin date (not missing), with a note saying
    so; from stage_since "In gebruik" from the pilot's start. A pilot still running after an
    early decision keeps it in use."""
    pilot = {"plan": {"start": "2025-06-02", "end": "2026-01-30"}, "decision": {"choice": "scale-up", "date": "2026-03-16"}}
    root = make_portfolio(tmp_path / "p", {
        "later-app": {"application": {"id": "later-app", "name": "L", "stage": "production", "stage_since": "2026-04-01"},
                      "pilot": pilot},
        "early-app": {"application": {"id": "early-app", "name": "E", "stage": "production", "stage_since": "2026-04-01"},
                      "pilot": {**pilot, "plan": {"start": "2025-06-02", "end": "2026-03-31"}}}})

    def on(day):
        return _records_on(root, capsys, day)

    recs, err = on("2026-03-20")
    rec = recs["later-app"]
    assert rec["record"]["status"] == "In ontwikkeling"
    assert "begin_date" not in rec["record"] and "begin_date" not in rec["missing"] and "end_date" not in rec["record"]
    assert [n for n in rec["notes"] if "2026-03-16" in n and "2026-04-01" in n and "not in use" in n], rec["notes"]
    assert "raio: later-app: note: status 'In ontwikkeling', not 'In gebruik'" in err
    # the pilot runs until 2026-03-31: in use on patients, decision or not
    assert (recs["early-app"]["record"]["status"], recs["early-app"]["record"]["begin_date"]) == ("In gebruik", "2025-06")
    recs, _err = on("2026-04-01")  # in production: in use from the pilot's start
    assert (recs["later-app"]["record"]["status"], recs["later-app"]["record"]["begin_date"]) == ("In gebruik", "2025-06")
    assert not [n for n in recs["later-app"]["notes"] if "not in use" in n]


def test_a_stopped_application_says_why_it_has_no_begin_date_or_asks_for_it(tmp_path, capsys):
    """The register always shows begin_date (the month the algorithm was taken into use). An
    application stopped before its pilot began was exported without one and without a word, so
    the public page showed an empty begin date unexplained; one whose pilot ran (it has an
    outcome) but whose pilot.yaml lacks plan.start was not asked for it either. Never used on
    patients: no begin date, and a note says so; used, but the start unknown: listed as missing."""
    root = make_portfolio(tmp_path / "p", {
        "stopped-before": {"application": {"id": "stopped-before", "name": "T", "stage": "stopped",
                                           "stage_since": "2024-06-10"},
                           "pilot": {"plan": {"start": "2024-09-02", "end": "2025-02-28"},
                                     "decision": {"choice": "stop", "date": "2024-06-10"}}},
        "stopped-ran": {"application": {"id": "stopped-ran", "name": "U", "stage": "stopped", "stage_since": "2025-04-14"},
                        "pilot": {"outcome": {"results": [{"effect": "E1", "observed": 0.8, "n": 120}]},
                                  "decision": {"choice": "stop", "date": "2025-04-14"}}},
        "stopped-unsaid": {"application": {"id": "stopped-unsaid", "name": "V", "stage": "stopped",
                                           "stage_since": "2025-04-14"},
                           "pilot": {"decision": {"choice": "stop", "date": "2025-04-14"}}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-11-30"], capsys)
    assert code == 0
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    before = recs["stopped-before"]
    assert "begin_date" not in before["record"] and "begin_date" not in before["missing"]
    assert before["record"]["end_date"] == "2024-06"
    assert [n for n in before["notes"] if n.startswith("begin_date:") and "never used on patients" in n], before["notes"]
    assert "raio: stopped-before: note: begin_date: " in err
    ran = recs["stopped-ran"]
    assert "begin_date" in ran["missing"] and "begin_date" not in ran["record"]
    [line] = [line for line in err.splitlines() if line.startswith("raio: stopped-ran: missing ")]
    assert "begin_date" in line.split(": missing ")[1].split(", ")
    assert [line for line in err.splitlines() if line.startswith("raio: stopped-ran: fill in ") and "pilot.yaml plan.start" in line]
    unsaid = recs["stopped-unsaid"]
    assert "begin_date" not in unsaid["record"]
    assert [n for n in unsaid["notes"] if n.startswith("begin_date:") and "plan.start" in n], unsaid["notes"]


def test_an_impact_assessment_link_without_https_is_named_not_dropped_silently(tmp_path, capsys):
    """A done DPIA whose evidence is http://... (not https://) gave the record no
    impacttoetsen_grouping, so the register's DPIA filter did not find the hospital, and nothing
    said why. The register takes links beginning with https:// only (the standard's
    instructions), so the link stays out, and standard error names it with its key."""
    root = make_portfolio(tmp_path / "p", {
        "http-app": {"application": {"id": "http-app", "name": "H", "stage": "pilot"},
                     "compliance": {"items": [
                         {"id": "fria", "status": "done", "date": "2026-03-02", "evidence": "http://intranet.example/fria.pdf"},
                         {"id": "dpia", "status": "done", "date": "2026-02-01",
                          "evidence": ["iProva PRIV-1", "http://www.example.org/dpia.pdf"]}]}},
        "both-app": {"application": {"id": "both-app", "name": "B", "stage": "pilot"},
                     "compliance": {"items": [{"id": "dpia", "status": "done", "date": "2026-02-01",
                                               "evidence": ["http://www.example.org/old.pdf",
                                                            "https://www.example.org/dpia.pdf"]}]}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    recs = {r["app"]: r for r in json.loads(out)["records"]}
    assert "impacttoetsen_grouping" not in recs["http-app"]["record"]
    assert recs["http-app"]["record"]["impacttoetsen"].startswith("DPIA uitgevoerd op")
    assert ("raio: warning: http-app: compliance.yaml items[1].evidence[1] 'http://www.example.org/dpia.pdf' is "
            "no https:// link, the only kind the register takes: impacttoetsen_grouping gets no link to the Data "
            "Protection Impact Assessment (DPIA)") in err
    assert "raio: warning: http-app: compliance.yaml items[0].evidence 'http://intranet.example/fria.pdf' is no " \
           "https:// link" in err
    assert recs["both-app"]["record"]["impacttoetsen_grouping"][0]["link"] == "https://www.example.org/dpia.pdf"
    assert "both-app" not in "\n".join(line for line in err.splitlines() if "warning" in line)
    code, out, err = run(["export", str(root), "--format", "csv"], capsys)
    assert "evidence" not in err  # the rows take no links
    # written in capitals, the scheme is named as what to change
    edit = root / "applications" / "http-app" / "compliance.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("http://www.example.org/dpia.pdf",
                                                             "HTTPS://www.example.org/dpia.pdf"), encoding="utf-8")
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    said = " ".join(err.split())
    assert ("items[1].evidence[1] 'HTTPS://www.example.org/dpia.pdf' is no https:// link (write its scheme in lower "
            "case: https://), the only kind the register takes") in said, said


def test_a_raio_yaml_organisation_of_the_wrong_kind_is_named_not_only_called_missing(tmp_path, capsys):
    """organisation: [Testziekenhuis] in raio.yaml (a list where a text belongs) gave every
    register record "missing organization ... fill in raio.yaml organisation", though raio.yaml
    has one: the user looked for a missing key that was there. It is named as a value of the
    wrong kind, as a dossier's are; so is a department (the record's search terms)."""
    root = make_portfolio(tmp_path / "p", {"org-app": {"application": {"id": "org-app", "name": "O", "stage": "proposed"}}},
                          config={"organisation": ["Testziekenhuis"], "department": {"naam": "Radiologie"},
                                  "language": "nl"})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    doc = json.loads(out)
    assert doc["organisation"] is None and "organization" in doc["records"][0]["missing"]
    assert "raio: warning: raio.yaml organisation is a list, not a text: not exported" in err.splitlines()
    assert "raio: warning: raio.yaml department is a mapping, not a text: not exported" in err.splitlines()
    root = make_portfolio(tmp_path / "q", {"org-app": {"application": {"id": "org-app", "name": "O", "stage": "proposed"}}},
                          config={"organisation": "Testziekenhuis", "language": "nl"})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister"], capsys)
    assert "raio.yaml organisation is" not in err and "raio.yaml department is" not in err
    code, out, err = run(["export", str(root), "--format", "csv"], capsys)
    assert "raio.yaml" not in err  # the rows take neither


def test_a_retirement_date_passed_while_the_stage_is_still_production_is_noted(tmp_path, capsys):
    """An application in production whose retirement.date has passed (raio check: MON016) was
    published as "In gebruik" without a word: either it was switched off and the register would
    tell the public it is still in use, or the switch-off was postponed. The status stays the
    dossier's stage (raio does not guess which), and a note says what to correct."""
    root = make_portfolio(tmp_path / "p", {"late-app": {
        "application": {"id": "late-app", "name": "L", "stage": "production",
                        "retirement": {"date": "2026-10-01", "decided_on": "2026-06-01", "decided_by": "RvB"}},
        "pilot": {"plan": {"start": "2025-01-06"}, "decision": {"choice": "scale-up", "date": "2025-06-02"}}}})
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-11-30"], capsys)
    [rec] = json.loads(out)["records"]
    assert rec["record"]["status"] == "In gebruik" and "end_date" not in rec["record"]
    assert [n for n in rec["notes"] if "2026-10-01" in n and "has passed" in n and "Buiten gebruik" in n], rec["notes"]
    assert "raio: late-app: note: retirement.date 2026-10-01 has passed" in err
    code, out, err = run(["export", str(root), "--format", "algoritmeregister", "--today", "2026-10-01"], capsys)
    [rec] = json.loads(out)["records"]
    assert not [n for n in rec["notes"] if "has passed" in n]  # the day itself: MON016 neither


def test_the_register_status_and_note_of_a_pilot_that_ended_early(tmp_path):
    """A pilot planned from 6 January to 30 June 2025 whose outcome is dated 31 March 2025 ended
    early (DAT016; the memo says so). raio export --today 2025-04-15 still exported the
    application, now in production after a scale-up on 16 July 2025, as 'In gebruik': it counted
    the pilot as running until its planned end, while it was in evaluation. In evaluation, the
    note said the pilot used the application on patients until 30 June 2025, a day it never
    reached. Both now take the outcome's date as the pilot's end."""
    pilot = {"plan": {"start": "2025-01-06", "end": "2025-06-30"},
             "outcome": {"date": "2025-03-31", "results": [{"effect": "E1", "observed": 90}]}}
    root = make_portfolio(tmp_path / "p", {
        "prod-app": {"application": {"id": "prod-app", "name": "P", "stage": "production", "stage_since": "2025-08-01"},
                     "pilot": {**pilot, "decision": {"choice": "scale-up", "date": "2025-07-16"}}},
        "eval-app": {"application": {"id": "eval-app", "name": "E", "stage": "evaluation", "stage_since": "2025-03-31"},
                     "pilot": pilot}})
    pf = portfolio.load(root)
    apps = {a.id: a for a in pf.apps}
    rec = exports.register_record(apps["prod-app"], pf, today=dt.date(2025, 4, 15))
    assert rec["record"]["status"] == "In ontwikkeling" and "begin_date" not in rec["record"], rec
    assert [n for n in rec["notes"] if "evaluation" in n and "ended on 2025-03-31" in n], rec["notes"]
    rec = exports.register_record(apps["prod-app"], pf, today=dt.date(2025, 2, 10))  # the pilot ran
    assert (rec["record"]["status"], rec["record"]["begin_date"]) == ("In gebruik", "2025-01")
    rec = exports.register_record(apps["eval-app"], pf, today=dt.date(2025, 4, 15))
    [note] = [n for n in rec["notes"] if n.startswith("status 'In ontwikkeling'")]
    assert "used the application on patients from 2025-01-06 to 2025-03-31" in note, note
    assert "2025-06-30" in note and "ended early" in note


def test_an_application_in_evaluation_exported_for_a_day_of_its_pilot_is_in_use(tmp_path):
    """raio export --today a day while the pilot ran exported an application now in evaluation as
    'In ontwikkeling', with a note that the pilot used it on patients until a day still ahead:
    on that day it was in use on patients. It is 'In gebruik' from the pilot's start, through
    the pilot's end (its outcome's date for a pilot that ended early), with a note; after it, in
    evaluation, as before."""
    root = make_portfolio(tmp_path / "p", {
        "eval-app": {"application": {"id": "eval-app", "name": "E", "stage": "evaluation", "stage_since": "2025-07-01"},
                     "pilot": {"plan": {"start": "2025-01-06", "end": "2025-06-30"}}},
        "early-app": {"application": {"id": "early-app", "name": "F", "stage": "evaluation", "stage_since": "2025-03-31"},
                      "pilot": {"plan": {"start": "2025-01-06", "end": "2025-06-30"},
                                "outcome": {"date": "2025-03-31", "results": [{"effect": "E1", "observed": 90}]}}}})
    pf = portfolio.load(root)
    apps = {a.id: a for a in pf.apps}
    for app_id, last_day, after in (("eval-app", dt.date(2025, 6, 30), dt.date(2025, 7, 1)),
                                    ("early-app", dt.date(2025, 3, 31), dt.date(2025, 4, 1))):
        for day in (dt.date(2025, 2, 10), last_day):
            rec = exports.register_record(apps[app_id], pf, today=day)
            assert (rec["record"]["status"], rec["record"].get("begin_date")) == ("In gebruik", "2025-01"), (app_id, day, rec)
            assert [n for n in rec["notes"] if "in its pilot" in n and "2025-01-06" in n], rec["notes"]
        rec = exports.register_record(apps[app_id], pf, today=after)
        assert rec["record"]["status"] == "In ontwikkeling" and "begin_date" not in rec["record"], (app_id, rec)
    rec = exports.register_record(apps["eval-app"], pf, today=dt.date(2024, 12, 1))  # before the pilot
    assert rec["record"]["status"] == "In ontwikkeling" and [n for n in rec["notes"] if "not in use yet" in n]


def test_an_application_named_by_a_folder_named_in_latin_1_has_one_name_in_the_json_export(tmp_path, capsys):
    """Without a name, an application is named by its folder. For a folder named in Latin-1
    (caf<E9>-app) the JSON row gave its id as shown, caf\\u{dce9}-app, and its name with the raw
    byte (a lone surrogate many JSON readers refuse): one application under two names."""
    import os

    folder = os.fsdecode(b"caf\xe9-app")
    root = copy_example(tmp_path / "p")
    (root / "applications" / "botleeftijd-hand").rename(root / "applications" / folder)
    edit_yaml(root / "applications" / folder / "application.yaml", lambda d: d.pop("name"))
    code, out, err = run(["export", str(root), "--format", "json", "--today", "2026-11-15"], capsys)
    assert code == 0, err
    [row] = [r for r in json.loads(out) if r["id"].startswith("caf")]
    assert row["id"] == row["name"] == "caf\\u{dce9}-app"
    out.encode("utf-8")  # no lone surrogate left in the text


# --------------------------------------------------------------------------------------------
# The checklist: one row per application and checklist item


def _checklist_portfolio(root):
    """A git portfolio of one planned application (English titles): a DPIA done whose evidence
    expired, a security review not applicable, an evidence link written as a formula; the AI Act
    classification (required from planned) not listed; in-house-justification does not apply."""
    from conftest import Git

    make_portfolio(root, {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned", "vendor": "V",
                        "regulatory": {"mdr_class": "IIa", "in_house": False}},
        "compliance": {"items": [
            {"id": "dpia", "status": "done", "owner": "privacy officer", "date": "2025-01-10",
             "expires": "2026-01-10", "evidence": ["=HYPERLINK(\"http://evil.example\")", "dms://dpia/12"]},
            {"id": "security-review", "status": "not-applicable", "justification": "runs on a closed workstation"},
            {"id": "processor-agreement", "status": "in-progress", "owner": "procurement", "expires": "2027-03-01"},
            {"id": "integration-test", "status": "not-applicable", "justification": "tested on BSN 111222333"},
        ]},
    }})
    git = Git(root)
    git.commit("the portfolio", "2026-01-05")
    return root


def test_the_checklist_has_one_row_per_application_and_item_with_status_and_expiry(tmp_path, capsys):
    """The CISO wanted the compliance picture in a spreadsheet, and the export gave per
    application only a list of open item ids. --format checklist gives a row per item: its
    title and legal source, the status as recorded or 'not in dossier', whether it is required
    now, and whether its evidence has expired on --today."""
    root = _checklist_portfolio(tmp_path / "p")
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    assert code == 0, err
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    assert tuple(parsed[0].keys()) == exports.CHECKLIST_COLUMNS
    rows = {r["item"]: r for r in parsed}
    assert {r["id"] for r in parsed} == {"triage-app"} and all(r["stage"] == "planned" for r in parsed)
    assert "in-house-justification" not in rows  # its applies_when (in_house) does not hold
    dpia = rows["dpia"]
    assert dpia["title"] == "Data protection impact assessment (DPIA)" and dpia["source"].startswith("GDPR")
    assert (dpia["status"], dpia["required_now"], dpia["expires"], dpia["expired"]) == ("done", "true", "2026-01-10", "true")
    assert dpia["evidence"] == "'=HYPERLINK(\"http://evil.example\"); dms://dpia/12"  # formula prefixed
    assert (dpia["owner"], dpia["date"]) == ("privacy officer", "2025-01-10")
    ai = rows["ai-act-classification"]
    assert (ai["status"], ai["required_now"], ai["owner"], ai["evidence"]) == ("not in dossier", "true", "", "")
    na = rows["security-review"]
    assert (na["status"], na["justification"], na["expired"]) == ("not-applicable", "runs on a closed workstation", "false")
    assert "111222333" not in out and rows["integration-test"]["justification"] == "tested on BSN *******33"
    proc = rows["processor-agreement"]
    assert (proc["status"], proc["expired"]) == ("in-progress", "false")
    assert rows["local-validation"]["required_now"] == "false"  # required from evaluation: later
    # on a day before the DPIA's evidence ran out, it has not expired
    code, out, _err = run(["export", str(root), "--format", "checklist", "--today", "2026-01-10"], capsys)
    dpia = next(r for r in csv.DictReader(io.StringIO(out, newline="")) if r["item"] == "dpia")
    assert code == 0 and dpia["expired"] == "false"


def test_the_checklist_for_excel_and_as_json(tmp_path, capsys):
    root = _checklist_portfolio(tmp_path / "p")
    code, out, _err = run(["export", str(root), "-f", "checklist", "--excel", "--today", "2026-11-15"], capsys)
    assert code == 0 and out.startswith("\ufeffid;name;stage;item;title;")
    parsed = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert next(r for r in parsed if r["item"] == "dpia")["expired"] == "true"
    code, out, _err = run(["export", str(root), "-f", "checklist-json", "--today", "2026-11-15"], capsys)
    data = json.loads(out)
    assert code == 0 and len(data) == len(parsed) and all(tuple(r) == exports.CHECKLIST_COLUMNS for r in data)
    dpia = next(r for r in data if r["item"] == "dpia")
    assert dpia["evidence"] == ["=HYPERLINK(\"http://evil.example\")", "dms://dpia/12"]  # JSON: as written, a list
    assert dpia["required_now"] is True and dpia["expired"] is True
    assert next(r for r in data if r["item"] == "integration-test")["justification"] == "tested on BSN *******33"
    code, _out, err = run(["export", str(root), "-f", "checklist-json", "--excel"], capsys)
    assert code != 0 and "--excel is for --format csv or checklist" in err
    code, _out, err = run(["export", str(root), "-f", "sheet"], capsys)
    assert code != 0 and "checklist, checklist-json" in err


def test_the_checklist_rows_are_the_report_matrix_items(tmp_path):
    """Per application, the rows are the items the portfolio report's compliance matrix shows
    for it, and those required now are its filled circles (open, now required); stopped and
    retired applications, which the matrix leaves out, keep their rows and stage."""
    from raio_cli import demo as demo_mod
    from raio_cli.documents import report as lib
    from conftest import EXAMPLE_TODAY

    root = tmp_path / "demo"
    demo_mod.build(root, EXAMPLE_TODAY)
    matrix = lib.build_report_context(root, "nl", EXAMPLE_TODAY)["matrix"]
    data = exports.checklist_rows(portfolio.load(root), EXAMPLE_TODAY)
    assert {r["id"] for r in data} == set(example_apps())
    for i, column in enumerate(matrix["columns"]):
        cells = {line["id"]: line["cells"][i] for line in matrix["lines"]}
        mine = [r for r in data if r["id"] == column["id"]]
        assert [r["item"] for r in mine] == [k for k, c in cells.items() if c["cls"] != "none"], column["id"]
        assert {r["item"] for r in mine if r["status"] in ("open", "in-progress", "not in dossier") and r["required_now"]} \
            == {k for k, c in cells.items() if c["cls"] == "open-due"}, column["id"]
        assert {r["item"] for r in mine if r["expired"]} >= {k for k, c in cells.items() if c["cls"] == "expired"}
        titles = {line["id"]: line["title"] for line in matrix["lines"]}
        assert all(r["title"] == titles[r["item"]] for r in mine)
    shown = {c["id"] for c in matrix["columns"]}
    ended = {r["id"]: r["stage"] for r in data if r["id"] not in shown}
    assert ended and set(ended.values()) <= {"stopped", "retired"}


def test_the_checklist_keeps_an_application_whose_compliance_yaml_cannot_be_read(tmp_path, capsys):
    root = _checklist_portfolio(tmp_path / "p")
    make_portfolio(root, {"other-app": {"application": {"id": "other-app", "name": "Other", "stage": "pilot"},
                                        "compliance": "items: [unclosed\n"}}, config={"language": "en"})
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    assert code == 0 and "raio: warning: other-app: applications/other-app/compliance.yaml cannot be read" in err
    [other] = [r for r in parsed if r["id"] == "other-app"]
    assert (other["name"], other["stage"]) == ("Other", "pilot")
    assert all(other[c] == "" for c in exports.CHECKLIST_COLUMNS if c not in ("id", "name", "stage"))
    assert len([r for r in parsed if r["id"] == "triage-app"]) > 3


def _invalid_entries_portfolio(root):
    """The checklist portfolio whose DPIA has a status that is none of the four (bezig, Dutch
    for in progress) and that lists an item in neither the catalog nor raio.yaml."""
    def change(data):
        data["items"][0]["status"] = "bezig"
        data["items"].append({"id": "dpia-extra-xyz", "status": "done", "owner": "RAIO", "evidence": "something",
                              "date": "2024-10-31"})
    edit_yaml(root / "applications" / "triage-app" / "compliance.yaml", change)
    return root


def test_an_item_with_an_invalid_status_or_an_unknown_id_is_exported_and_marked_not_left_out(tmp_path, capsys):
    """An item whose status was none of the four (SCH004) or whose id was in neither the catalog
    nor raio.yaml (CMP006) was left out of the checklist export, though raio check reported
    both: the CISO or board handed the spreadsheet lost exactly the rows that need attention.
    Every entry has its row, once, with what it says (the status as written, an unknown item's
    title and source empty), and the columns added at the end say why it is not valid: raio
    check's findings of it, with their line, and their codes."""
    root = _invalid_entries_portfolio(_checklist_portfolio(tmp_path / "p"))
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    assert code == 0, err
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    assert tuple(parsed[0].keys()) == exports.CHECKLIST_COLUMNS
    assert exports.CHECKLIST_COLUMNS[:15] == ("id", "name", "stage", "item", "title", "source", "source_url", "status",
                                              "required_now", "owner", "evidence", "date", "expires", "expired",
                                              "justification")  # the columns before keep their places
    items = [r["item"] for r in parsed]
    assert len(items) == len(set(items))  # each once
    rows = {r["item"]: r for r in parsed}
    dpia = rows["dpia"]
    assert (dpia["status"], dpia["required_now"], dpia["owner"]) == ("bezig", "true", "privacy officer")
    assert dpia["title"] == "Data protection impact assessment (DPIA)"
    # the codes and lines are those raio check reports
    code, out, _err = run(["check", str(root), "--format", "json", "--today", "2026-11-15", "--no-git"], capsys)
    found = {f["code"]: (f["line"], f["message"]) for f in json.loads(out)
             if f["file"].endswith("compliance.yaml") and f["code"] in ("SCH004", "CMP004", "CMP006")}
    found["GAT003"] = next((f["line"], f["message"]) for f in json.loads(out)
                           if f["code"] == "GAT003" and "'dpia'" in f["message"])
    # bezig is open while the stage's gate needs the DPIA settled (GAT003), and the evidence
    # written as a formula is taken for a path to no file (CMP004): check says so, and the row
    assert dpia["problem_codes"] == "SCH004; GAT003; CMP004"
    assert dpia["problem"] == " | ".join(f"{c} line {found[c][0]}: {found[c][1]}" for c in ("SCH004", "GAT003", "CMP004"))
    assert dpia["problem"].startswith(f"SCH004 line {found['SCH004'][0]}: items[0].status is 'bezig'; allowed: done, "
                                      "in-progress, open, not-applicable | GAT003 ")
    extra = rows["dpia-extra-xyz"]
    assert items[-1] == "dpia-extra-xyz"  # after the catalog's items
    assert (extra["title"], extra["source"], extra["source_url"]) == ("", "", "")
    assert (extra["status"], extra["owner"], extra["evidence"], extra["date"]) == ("done", "RAIO", "something", "2024-10-31")
    assert extra["required_now"] == "false" and extra["problem_codes"] == "CMP006"
    assert extra["problem"] == (f"CMP006 line {found['CMP006'][0]}: checklist item 'dpia-extra-xyz' is not in the "
                                "catalog nor in raio.yaml checklist_extra") == f"CMP006 line {found['CMP006'][0]}: {found['CMP006'][1]}"
    assert all(r["problem"] == r["problem_codes"] == "" for r in parsed  # in progress: GAT003; a BSN: PRV001
               if r["item"] not in ("dpia", "dpia-extra-xyz", "processor-agreement", "integration-test")
               and r["status"] != "not in dossier")  # an item the stage needs: GAT003, also not listed
    code, out, _err = run(["export", str(root), "-f", "checklist-json", "--today", "2026-11-15"], capsys)
    data = {r["item"]: r for r in json.loads(out)}
    assert code == 0 and data["dpia"]["status"] == "bezig" \
        and data["dpia"]["problem_codes"] == ["SCH004", "GAT003", "CMP004"]
    assert data["dpia-extra-xyz"]["title"] is None and data["dpia-extra-xyz"]["problem_codes"] == ["CMP006"]
    assert data["dpia-extra-xyz"]["problem"] == extra["problem"]
    assert data["security-review"]["problem"] is None and data["security-review"]["problem_codes"] == []


def test_hostile_checklist_entries_each_have_a_row_and_never_a_traceback(tmp_path, capsys):
    """Ids that are no text, a status written as a list or a mapping, an entry that is a bare
    word or empty, an id listed twice, items written as a mapping or left out: the export never
    stops on them, and each entry of compliance.yaml has its row with what it says and why."""
    root = _checklist_portfolio(tmp_path / "p")
    hostile = [
        {"id": ["a", "b"], "status": "done"},
        {"id": 123, "status": ["done", "open"]},
        {"id": "dpia", "status": "open"},
        "fria",
        None,
        {"status": "open", "owner": "CISO"},
        {"id": "security-review", "status": {"a": "b"}},
    ]
    edit_yaml(root / "applications" / "triage-app" / "compliance.yaml", lambda d: d["items"].extend(hostile))
    make_portfolio(root, {"map-app": {"application": {"id": "map-app", "name": "Map", "stage": "planned"},
                                      "compliance": {"items": {"dpia": "done"}}},
                          "none-app": {"application": {"id": "none-app", "name": "None", "stage": "planned"},
                                       "compliance": {}}})
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    assert code == 0 and "Traceback" not in err
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    mine = [r for r in parsed if r["id"] == "triage-app"]
    tail = [(r["item"], r["status"], r["problem_codes"]) for r in mine[-len(hostile):]]
    assert tail == [
        ("[a, b]", "done", "CMP001; CMP002; SCH003"),
        ("123", "[done, open]", "YML007; SCH003; SCH004"),
        ("dpia", "open", "CMP007"),
        ("fria", "", "SCH003"),
        ("", "", "SCH003"),
        ("", "open", "SCH001"),
        ("security-review", "{a: b}", "CMP007; SCH003; SCH004"),
    ]
    assert mine[-5]["problem"] == "CMP007 line 28: checklist item 'dpia' is listed twice (first at line 2)"
    assert mine[-2]["owner"] == "CISO"
    # together the rows say what check says at the entries (the valid ones' expired DPIA,
    # DAT009, and its evidence taken for a path, CMP004, among them), once each
    assert _problems_of(mine) == _entry_findings_of_check(root, dt.date(2026, 11, 15), "triage-app")
    # items that cannot be read: each item not listed, and why, in the row and on standard error
    listed = [r for r in parsed if r["id"] == "map-app"]
    # (and of an item the stage needs, as check says at items: its gate needs it, GAT003)
    # and an AI Act date that needs it, DAT011)
    assert listed and all(r["status"] == "not in dossier" and "SCH003" in r["problem_codes"].split("; ")
                          and set(r["problem_codes"].split("; ")) <= {"SCH003", "GAT003", "DAT011"} for r in listed)
    assert any(r["problem_codes"] == "SCH003; GAT003" for r in listed)
    assert "raio: warning: map-app: compliance.yaml items is a mapping, not a list: no checklist item exported" in err
    assert all(r["problem"].startswith("SCH001 line 1: the file lacks the required field 'items'")
               for r in parsed if r["id"] == "none-app")
    for app_id in ("map-app", "none-app"):  # beside why no entry can be read, what check says at items
        said = [p for p in _problems_of([r for r in parsed if r["id"] == app_id]) if not p.startswith("SCH")]
        assert said and said == _entry_findings_of_check(root, dt.date(2026, 11, 15), app_id)
    code, out, err = run(["export", str(root), "-f", "checklist-json", "--today", "2026-11-15"], capsys)
    assert code == 0 and len(json.loads(out)) == len(parsed)


#: compliance.yaml of the checklist portfolio's application with what raio check finds of an entry
#: beside its schema: evidence that is no file (CMP004), done without evidence and date (CMP001,
#: CMP002), done without a date but accepted inline, and an entry that is a bare word (SCH003).
RULE_FINDINGS_COMPLIANCE = """\
items:
- id: dpia
  status: done
  owner: privacy officer
  evidence: evidence/dpia-2025.pdf
  date: '2025-01-10'
- id: ai-literacy
  status: done
- id: security-review  # raio: ignore[CMP002] signed on paper in 2019; the day is not on record
  status: done
  evidence: DMS-9
- fria
- id: processor-agreement
  status: in-progress
"""


def _entry_findings_of_check(root, day: dt.date, app_id: str | None = None) -> list[str]:
    """What raio check reports at the entries of compliance.yaml's items (a finding's path
    items[i]; a patient identifier on an entry's lines), and at items of each item the file does
    not list (GAT003's item, DAT011's lacking: once per such item, as each has its row), each
    as the checklist export's problem cell words one."""
    from raio_cli import check, checklist

    result = check.run(root, today=day, use_git=False)
    apps = {a.id: a for a in portfolio.load(root).apps}
    out = []
    for f in result.findings:
        if not f.file.endswith("compliance.yaml") or app_id not in (None, f.app):
            continue
        app = apps[f.app]
        entries = app.get("compliance", "items")
        listed = {e.get("id") for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)} \
            if isinstance(entries, list) else set()
        spans = checklist.entry_spans(app.docs["compliance"]).values()
        if checklist._entry_index(f.path) is not None:
            times = 1
        elif f.path == ("items",) and f.code in checklist.ENTRY_RULES:
            times = len({i for i in [f.data.get("item")] + [p[0] for p in f.data.get("lacking", [])] if i} - listed)
        else:
            times = f.code in checklist.PRIVACY_RULES and any(a <= f.line <= b for a, b in spans)
        out += [f"{f.code} line {f.line}: {f.message}"] * times
    return sorted(out)


def _problems_of(rows) -> list[str]:
    return sorted(p for r in rows if r["problem"] for p in r["problem"].split(exports.PROBLEM_SEPARATOR))


def test_the_problem_column_says_what_raio_check_says_of_the_entry_with_its_codes(tmp_path, capsys):
    """The problem column held the schema's findings and the export's own copy of CMP006 and
    CMP007 only: a DPIA done with evidence that is no file (CMP004), an item done without
    evidence or date (CMP001, CMP002) showed no problem, while raio check failed on them. Each
    row now says, with the codes, what the rules of raio check say of its entry, in check's own
    words; a finding accepted with a `# raio: ignore[CODE] reason` comment is no problem in the
    export either, as check leaves it out of its findings."""
    root = _checklist_portfolio(tmp_path / "p")
    (root / "applications" / "triage-app" / "compliance.yaml").write_text(RULE_FINDINGS_COMPLIANCE, encoding="utf-8")
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    assert code == 0, err
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    code, out, _err = run(["check", str(root), "--format", "json", "--today", "2026-11-15", "--no-git"], capsys)
    found = {(f["code"], f["line"]): f["message"] for f in json.loads(out) if f["file"].endswith("compliance.yaml")}
    dpia = rows["dpia"]
    assert dpia["problem_codes"] == "CMP004"
    assert dpia["problem"] == f"CMP004 line 5: {found[('CMP004', 5)]}" == \
        "CMP004 line 5: evidence 'evidence/dpia-2025.pdf' of 'dpia' is not a file in the portfolio"
    literacy = rows["ai-literacy"]
    assert literacy["problem_codes"] == "CMP001; CMP002"
    assert literacy["problem"] == (f"CMP001 line 7: {found[('CMP001', 7)]} | CMP002 line 7: {found[('CMP002', 7)]}")
    assert "is done but names no evidence" in literacy["problem"] and "is done but has no date" in literacy["problem"]
    # accepted inline: check reports it as suppressed (SUP002), the export names no problem
    assert ("CMP002", 9) not in found and "CMP002 suppressed: signed on paper" in found[("SUP002", 9)]
    assert (rows["security-review"]["status"], rows["security-review"]["problem"], rows["security-review"]["problem_codes"]) \
        == ("done", "", "")
    # in progress while the stage's gate needs it settled: the gate's finding stands at its status
    assert rows["processor-agreement"]["problem_codes"] == "GAT003"
    # every row together says exactly what check says at the entries: no finding more, none less
    data = exports.checklist_rows(portfolio.load(root), dt.date(2026, 11, 15))
    assert _problems_of(data) == _entry_findings_of_check(root, dt.date(2026, 11, 15))
    code, out, _err = run(["export", str(root), "-f", "checklist-json", "--today", "2026-11-15"], capsys)
    by_item = {r["item"]: r for r in json.loads(out)}
    assert by_item["ai-literacy"]["problem_codes"] == ["CMP001", "CMP002"] and by_item["dpia"]["problem_codes"] == ["CMP004"]
    assert by_item["security-review"]["problem_codes"] == [] and by_item["security-review"]["problem"] is None


def test_a_checklist_entry_that_is_a_bare_word_is_open_in_status_and_both_exports_as_check_reads_it(tmp_path, capsys):
    """An entry of items written as a bare word (`- fria`) instead of a mapping: raio check says
    it is no valid entry (SCH003) and its gates read no status in it, so it settles nothing. The
    checklist export gave it a row and its problem, but raio status and the per-application
    export did not count it among the open items. All three now count it, by what it says."""
    from raio_cli import status

    root = _checklist_portfolio(tmp_path / "p")
    (root / "applications" / "triage-app" / "compliance.yaml").write_text(RULE_FINDINGS_COMPLIANCE, encoding="utf-8")
    code, out, _err = run(["check", str(root), "--format", "json", "--today", "2026-11-15", "--no-git"], capsys)
    [bare] = [f for f in json.loads(out) if f["file"].endswith("compliance.yaml") and f["line"] == 12]
    assert bare["code"] == "SCH003"
    data = exports.checklist_rows(portfolio.load(root), dt.date(2026, 11, 15))
    [row] = [r for r in data if r["item"] == "fria"]
    assert (row["status"], row["problem_codes"], row["problem"]) == (None, ["SCH003"], f"SCH003 line 12: {bare['message']}")
    [app_row] = exports.rows(portfolio.load(root))
    assert app_row["open_items"] == ["fria", "processor-agreement"] and app_row["open_items_count"] == 2
    [app] = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)["applications"]
    assert [i["id"] for i in app["open_items"]] == app_row["open_items"]
    assert app["open_items"][0] == {"id": "fria", "owner": "", "status": None}
    open_rows = [r["item"] for r in data if r["status"] not in ("done", "not-applicable", "not in dossier")]
    assert sorted(open_rows) == sorted(app_row["open_items"])


def test_an_mdd_certificate_being_renewed_within_the_art_120_transition_has_not_expired(tmp_path, capsys):
    """The ce-certificate item of a certificate under the former Directive (legal_basis: MDD),
    in progress (being renewed) and past its printed date, read as expired in the checklist
    export, while MDR Art 120 keeps it valid and raio status does not count it expired; done,
    it did not. After the transition's end it has expired."""
    from raio_cli import status
    from raio_cli.catalog import compliance_catalog

    until = dt.date.fromisoformat(str(compliance_catalog()["ce-certificate"]["mdd_transition"]["until"]["IIa"]))
    files = {"application": {"id": "mdd-app", "name": "Mdd", "stage": "production", "stage_since": "2024-01-01",
                             "regulatory": {"mdr_class": "IIa", "certificate": {
                                 "number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}},
             "compliance": {"items": [{"id": "ce-certificate", "status": "in-progress", "evidence": "DMS-7",
                                       "date": "2025-01-01", "expires": "2026-05-01", "legal_basis": "MDD"}]}}
    root = make_portfolio(tmp_path / "p", {"mdd-app": files})
    [app] = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)["applications"]
    assert app["expired_items"] == []
    for day, expired in (("2026-11-15", False), ((until + dt.timedelta(days=1)).isoformat(), True)):
        code, out, err = run(["export", str(root), "-f", "checklist-json", "--today", day], capsys)
        cert = next(r for r in json.loads(out) if r["item"] == "ce-certificate")
        assert code == 0 and cert["status"] == "in-progress" and cert["expired"] is expired, day


def test_a_cut_checklist_cell_is_named_by_its_item_not_only_its_application(tmp_path, capsys):
    """A checklist cell cut to Excel's cell limit was named on standard error by its
    application and column only ("triage-app: evidence has ..."), while the application has a
    row per item: the warning names the item and its row in the CSV too."""
    root = _checklist_portfolio(tmp_path / "p")
    edit_yaml(root / "applications" / "triage-app" / "compliance.yaml",
              lambda d: d["items"][2].update(evidence="Verslag " * 5000))
    code, out, err = run(["export", str(root), "--format", "checklist", "--allow-cut", "--today", "2026-11-15"], capsys)
    parsed = list(csv.DictReader(io.StringIO(out, newline="")))
    row = 2 + next(i for i, r in enumerate(parsed) if r["item"] == "processor-agreement")
    [line] = [line for line in err.splitlines() if "32,767" in line]
    assert code == 0 and line.startswith(f"raio: warning: triage-app: item 'processor-agreement' (row {row} of the CSV): "
                                         "evidence has ")


def test_every_open_entry_is_counted_as_raio_status_counts_it_one_without_an_id_by_its_place(tmp_path):
    """open_items_count left out an entry without an id and one whose status was none of the
    four, which raio status counts among the open items; the count and the list now hold every
    entry that is not done or not-applicable, an entry without an id named by its place."""
    from raio_cli import status

    root = make_portfolio(tmp_path / "p", {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned"},
        "compliance": {"items": [{"id": "dpia", "status": ["done"]}, {"status": "open", "owner": "CISO"},
                                 {"id": "fria", "status": "Done"}, {"id": "ai-literacy", "status": "done"},
                                 {"id": "security-review", "status": "not-applicable", "justification": "None"}]}}})
    [row] = exports.rows(portfolio.load(root))
    assert (row["open_items_count"], row["open_items"]) == (3, ["dpia", "items[1] (no id)", "fria"])
    data = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)
    assert data["totals"]["open_items"] == row["open_items_count"]


def test_an_item_the_stage_needs_that_compliance_yaml_does_not_list_has_checks_finding_on_its_row(tmp_path, capsys):
    """The AI Act classification, required from planned, is not listed in compliance.yaml: raio
    check reports that the stage's gate needs it (GAT003, at items), and the export gave its row
    ("not in dossier") an empty problem. The row says what check says of the item, matched by
    the item named in the finding, not by its words; a listed item's row has its own once."""
    root = _checklist_portfolio(tmp_path / "p")
    code, out, _err = run(["check", str(root), "--format", "json", "--today", "2026-11-15", "--no-git"], capsys)
    [gat] = [f for f in json.loads(out) if f["code"] == "GAT003" and "'ai-act-classification'" in f["message"]]
    code, out, err = run(["export", str(root), "--format", "checklist", "--today", "2026-11-15"], capsys)
    assert code == 0, err
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    row = rows["ai-act-classification"]
    assert row["status"] == "not in dossier" and "GAT003" in row["problem_codes"].split("; ")
    assert f"GAT003 line {gat['line']}: {gat['message']}" in row["problem"].split(" | ")
    assert row["problem"].count("GAT003") == 1
    # a listed item's gate finding stays on its own row, once
    assert rows["processor-agreement"]["problem_codes"] == "GAT003"
    assert rows["processor-agreement"]["problem"].count("'processor-agreement'") == 1
    data = exports.checklist_rows(portfolio.load(root), dt.date(2026, 11, 15))
    assert _problems_of(data) == _entry_findings_of_check(root, dt.date(2026, 11, 15))


def test_a_bsn_in_an_entrys_justification_is_on_its_row_masked_with_its_code(tmp_path, capsys):
    """A BSN typed into an entry's justification: raio check reports it at that line (PRV001),
    masked, and the export's row of the entry said nothing. The row names it, as masked as
    check shows it: the number is never in the export in full."""
    root = _checklist_portfolio(tmp_path / "p")
    code, out, _err = run(["check", str(root), "--format", "json", "--today", "2026-11-15", "--no-git"], capsys)
    [bsn] = [f for f in json.loads(out) if f["code"] == "PRV001" and f["file"].endswith("compliance.yaml")]
    assert "111222333" not in bsn["message"] and bsn["message"].endswith("*******33")
    for fmt in ("checklist", "checklist-json"):
        code, out, err = run(["export", str(root), "--format", fmt, "--today", "2026-11-15"], capsys)
        assert code == 0, err
        assert "111222333" not in out and "111 222 333" not in out
    rows = {r["item"]: r for r in json.loads(out)}
    row = rows["integration-test"]
    assert row["problem_codes"] == ["PRV001"]
    assert row["problem"] == f"PRV001 line {bsn['line']}: {bsn['message']}"
    assert row["justification"] == "tested on BSN *******33"
    assert all("PRV001" not in r["problem_codes"] for item, r in rows.items() if item != "integration-test")
