"""raio memo: the memo the board signs.

What a user relies on: the verdict table's values and the provenance hash are in the memo; a
memo from a dirty worktree, from a dossier with errors or without git is a DRAFT (CONCEPT) and
--final refuses it; PDF and DOCX hold the key figures; nothing is overwritten without --force;
Dutch memos speak Dutch; a portfolio's own templates cannot escape the sandbox; user text is
escaped for every output format.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_TODAY, ROOT, Git, copy_example, edit_yaml, write

from raio_cli.documents import i18n
from raio_cli.documents.memo import RESERVED_KEYS, build_context, render_memo
from raio_cli.findings import Severity

TODAY = EXAMPLE_TODAY.isoformat()
DECISION_APP = "fractuurdetectie-seh"  # production: a decision memo
PROPOSAL_APP = "ct-lichaamssamenstelling"  # planned: a pilot proposal
KEEP = (DECISION_APP, PROPOSAL_APP, "thoraxfoto-triage")


def run(args, capsys):
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def make_repo(dest: Path, git: bool = True) -> Path:
    """The example portfolio with three of its applications, committed before every pilot started."""
    root = copy_example(dest)
    for folder in (root / "applications").iterdir():
        if folder.name not in KEEP:
            shutil.rmtree(folder)
    if git:
        Git(root).commit("Dossiers of three applications", "2024-01-10")
    return root


def short_head(root: Path) -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()


def memo_text(root: Path, app: str, capsys, *extra: str) -> str:
    code, out, err = run(["memo", app, "-p", str(root), "--today", TODAY, "--out", "-", *extra], capsys)
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A clean, committed portfolio shared by the tests that only read it."""
    return make_repo(tmp_path_factory.mktemp("memo") / "portfolio")


def expected_rows(root: Path, app: str, lang: str) -> list[tuple[str, str, str]]:
    """(effect id, typed observed value as the memo writes it, verdict word) from the dossier itself."""
    from raio_cli.verdicts import evaluate_app

    base = root / "applications" / app
    effects = yaml.safe_load((base / "effects.yaml").read_text(encoding="utf-8"))
    pilot = yaml.safe_load((base / "pilot.yaml").read_text(encoding="utf-8"))
    words = i18n.strings(lang)["verdict"]
    units = {e["id"]: e.get("unit", "") for e in effects["effects"]}
    typed = {r["effect"]: r for r in pilot["outcome"]["results"]}
    rows = []
    for v in evaluate_app(effects, pilot):
        result = typed.get(v.effect, {})
        if "observed" in result and "counts" not in result:
            shown = i18n.format_number(result["observed"], lang) + ("%" if units[v.effect] == "%" else "")
            rows.append((v.effect, shown, words[v.status]))
    assert rows, "the example should have results without 2x2 counts"
    return rows


# --------------------------------------------------------------------------------------------
# content and provenance


def test_markdown_decision_memo_holds_the_verdict_table_and_the_commit(repo, capsys):
    text = memo_text(repo, DECISION_APP, capsys)
    assert text.startswith("# Besluitvormingsmemo: Fractuurdetectie op SEH-röntgenfoto's")
    table = [line for line in text.splitlines() if line.startswith("| **")]
    for effect, observed, verdict in expected_rows(repo, DECISION_APP, "nl"):
        row = next(line for line in table if line.startswith(f"| **{effect}**"))
        assert observed in row and f"**{verdict}**" in row
    assert short_head(repo) in text
    assert "CONCEPT" not in text
    assert "None" not in text and "null" not in text
    assert "15 november 2026" in text and "raio 0." in text


def test_markdown_memo_lists_its_key_facts_without_an_empty_table_header(repo, capsys):
    text = memo_text(repo, DECISION_APP, capsys)
    assert "| | |" not in text.splitlines()  # a table needs a header row: an empty one showed as a blank bar
    facts = text.split("\n\n")[2].splitlines()
    assert facts[0] == "- **Organisatie:** Ziekenhuis Noorderzon, Radiologie"
    assert f"- **Versie van het dossier:** {short_head(repo)}" in facts


def test_html_memo_is_self_contained_with_values_and_commit(repo, capsys):
    html = memo_text(repo, DECISION_APP, capsys, "--format", "html", "--lang", "en")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    for effect, observed, verdict in expected_rows(repo, DECISION_APP, "en"):
        assert f"<strong>{effect}</strong>" in html and observed in html and verdict in html
    assert short_head(repo) in html
    assert "DRAFT" not in html
    assert "<script" not in html and "<link" not in html and "src=" not in html and "@import" not in html
    assert "@page" in html and "A4" in html and "@media print" in html
    assert "None" not in html and "null" not in html


def test_dutch_and_english_memos_use_their_own_words_and_dates(repo, capsys):
    nl = memo_text(repo, DECISION_APP, capsys)
    en = memo_text(repo, DECISION_APP, capsys, "--lang", "en")
    assert "Besluitvormingsmemo" in nl and "15 november 2026" in nl and "behaald" in nl
    assert "Samenvatting" in nl and "grenswaarde" in nl and "Ondertekening" in nl
    assert "Decision memo" in en and "15 November 2026" in en and "| **met** |" in en
    assert "Summary" in en and "Sign-off" in en
    assert "Summary" not in nl and "Decision memo" not in nl and "within limit" not in nl
    # Dutch numbers: decimal comma and thousands point
    assert re.search(r"\b\d+,\d", nl) and re.search(r"\b\d+\.\d{3}\b", nl)


def test_language_is_chosen_with_the_option_raio_init_names_it_by(repo, capsys):
    # raio init writes the portfolio's language with --language; the memo takes the same word
    assert memo_text(repo, DECISION_APP, capsys, "--language", "en").startswith("# Decision memo")


def test_the_english_summary_does_not_say_is_in_production_since(repo, capsys):
    # "X is in production since June" is a Dutch construction ("is sinds juni in productie")
    en = memo_text(repo, DECISION_APP, capsys, "--lang", "en")
    summary = en.split("## Summary", 1)[1].split("##", 1)[0]
    assert "is in production since" not in summary and "in production (since " in summary


def test_the_dutch_summary_gives_the_pilot_period_as_the_plan_does(repo, capsys):
    """The Dutch summary said "na een pilot van 2 maart 2026 tot 30 juni 2026" and the same memo's
    plan "2 maart 2026 tot en met 30 juni 2026": in Dutch "tot" leaves the end date out, so the
    board read two periods. Both say "tot en met" (plan.end is the pilot's last day)."""
    nl = memo_text(repo, DECISION_APP, capsys)
    summary = nl.split("## Samenvatting", 1)[1].split("##", 1)[0]
    period = re.search(r"(\d+ \w+ \d{4}) tot en met (\d+ \w+ \d{4})", nl.split("- **Periode:**", 1)[1]).groups()
    assert f"{period[0]} tot en met {period[1]}" in summary, summary
    assert f"{period[0]} tot {period[1]}" not in summary


AI_ACT_ROWS = {  # risk: (Dutch, English) as the memo's key facts word the class
    "high": ("hoog risico", "high risk"),
    "limited": ("beperkt risico", "limited risk"),
    "minimal": ("minimaal risico", "minimal risk"),
    "prohibited": ("verboden AI-praktijk", "prohibited AI practice"),
    "unknown": ("nog niet ingedeeld", "not yet classified"),
}


@pytest.mark.parametrize("risk", sorted(AI_ACT_ROWS))
def test_the_ai_act_row_words_each_class_without_brackets_in_brackets(tmp_path, capsys, risk):
    """The AI Act row read "hoog risico (Art 6(1) en bijlage I (medisch hulpmiddel klasse IIa))":
    the basis, with brackets of its own, in brackets. The class comes first and the basis after a
    colon, as the dossier writes it; without a basis the class alone, in the same words."""
    root = make_repo(tmp_path / "pf", git=False)
    app = root / "applications" / DECISION_APP / "application.yaml"
    basis = "art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIa)"
    edit_yaml(app, lambda d: d["regulatory"].update(ai_act={"risk": risk, "basis": basis}))
    git = Git(root)
    git.commit("Dossiers of three applications", "2024-01-10")
    nl_words, en_words = AI_ACT_ROWS[risk]
    nl, en = memo_text(root, DECISION_APP, capsys), memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert f"- **AI-verordening:** {nl_words}: {basis}\n" in nl
    assert f"- **AI Act:** {en_words}: {basis}\n" in en
    edit_yaml(app, lambda d: d["regulatory"].update(ai_act={"risk": risk}))
    git.commit("The AI Act class without its basis", "2024-01-11")
    assert f"- **AI-verordening:** {nl_words}\n" in memo_text(root, DECISION_APP, capsys)
    assert f"- **AI Act:** {en_words}\n" in memo_text(root, DECISION_APP, capsys, "--lang", "en")


def test_proposal_for_a_planned_application(repo, capsys):
    text = memo_text(repo, PROPOSAL_APP, capsys)
    assert text.startswith("# Pilotvoorstel:")
    assert "go of no-go" in text
    assert "zonder AI" in text  # the non-AI alternatives
    assert "Beslisregel" in text and "Blijft bij de radioloog" in text and "Gevolgen voor de opleiding" in text
    assert "Open punten, per eigenaar" in text
    assert short_head(repo) in text and "CONCEPT" not in text


def test_stopped_application_shows_the_breached_guardrail(repo, capsys):
    text = memo_text(repo, "thoraxfoto-triage", capsys, "--lang", "en")
    assert "limit breached" in text
    assert "do not support scaling up" in text


def test_library_api_gives_plain_data_without_none(repo):
    ctx = build_context(repo, DECISION_APP, "en", EXAMPLE_TODAY)
    assert ctx["kind"] == "decision" and ctx["draft"] is False
    assert ctx["provenance"]["commit_short"] == short_head(repo)

    def walk(value, path="ctx"):
        assert value is not None, f"{path} is None"
        assert isinstance(value, (str, int, float, bool, list, dict)), path
        if isinstance(value, dict):
            assert not (set(value) & RESERVED_KEYS), f"{path} uses a dict method name as key"
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(ctx)
    data, name, draft = render_memo(repo, DECISION_APP, "md", "nl", EXAMPLE_TODAY)
    assert name == "2026-11-15-decision.md" and draft is False and data.startswith(b"# Besluitvormingsmemo")
    _, name_en, _ = render_memo(repo, PROPOSAL_APP, "html", "en", EXAMPLE_TODAY)
    assert name_en == "2026-11-15-proposal-en.html"


def test_strings_have_the_same_keys_and_placeholders_in_both_languages():
    nl, en = i18n.strings("nl"), i18n.strings("en")

    def compare(a, b, where):
        assert set(a) == set(b), f"{where}: {set(a) ^ set(b)}"
        for key in a:
            if isinstance(a[key], dict):
                compare(a[key], b[key], f"{where}.{key}")
            elif isinstance(a[key], str):
                fields = lambda s: set(re.findall(r"{(\w+)}", s))  # noqa: E731
                wanted = fields(b[key])
                # {detail}: a detail in raio's, a library's or the system's English (libyaml,
                # jsonschema, the OS) that raio has no other wording for: the English quotes it,
                # the Dutch never does
                wanted -= {"detail"}
                assert fields(a[key]) == wanted, f"{where}.{key}"

    compare(nl, en, "strings")
    assert i18n.format_date(dt.date(2026, 11, 15), "nl") == "15 november 2026"
    assert i18n.format_date(dt.date(2026, 11, 15), "en") == "15 November 2026"
    assert i18n.format_number(14200, "nl") == "14.200" and i18n.format_number(93.4, "nl") == "93,4"
    assert i18n.format_number(14200, "en") == "14,200" and i18n.format_number(93.4, "en") == "93.4"


# --------------------------------------------------------------------------------------------
# DRAFT


def test_dirty_worktree_makes_a_draft_and_final_refuses_it(tmp_path, capsys):
    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    edit_yaml(app / "problem.yaml", lambda d: d.update(statement="Een nieuwe, nog niet vastgelegde formulering."))
    text = memo_text(root, DECISION_APP, capsys)
    assert "**CONCEPT**" in text and f"applications/{DECISION_APP}/problem.yaml" in text
    html = memo_text(root, DECISION_APP, capsys, "--format", "html", "--lang", "en")
    assert "DRAFT" in html and "uncommitted changes" in html

    code, out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--final"], capsys)
    assert code == 2 and out == ""
    assert err.startswith("raio: error: --final refused: the memo would be a DRAFT") and "Traceback" not in err
    assert not (app / "memos").exists()

    Git(root).commit("Sharper problem statement", "2024-02-01")
    code, out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--final"], capsys)
    assert code == 0, err
    written = app / "memos" / "2026-11-15-decision.md"
    assert out.strip() == f"Wrote {written}" or out.strip().endswith("2026-11-15-decision.md")
    assert written.is_file() and "CONCEPT" not in written.read_text(encoding="utf-8")
    # the memo just written (untracked, in memos/) does not make the next one a draft
    code, _out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--final", "--lang", "en"], capsys)
    assert code == 0, err
    assert (app / "memos" / "2026-11-15-decision-en.md").is_file()


def test_check_errors_make_a_draft_that_lists_them(tmp_path, capsys):
    root = make_repo(tmp_path / "p")

    def break_result(d):
        d["outcome"]["results"][0]["observed"] = "about ninety"
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", break_result)
    Git(root).commit("A typo in a result", "2024-02-01")
    text = memo_text(root, DECISION_APP, capsys)
    assert "**CONCEPT**" in text and "dossiercontrole" in text
    assert re.search(r"^>\s+- SCH\d+: .+ \(applications/fractuurdetectie-seh/pilot\.yaml:\d+\)$", text, re.M)
    code, _out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--final"], capsys)
    assert code == 2 and "reports" in err and err.count("\n") <= 2


def test_a_memo_dated_before_dossier_entries_names_them(repo, capsys):
    """A memo rendered with --today before the pilot's outcome and decision stated them as facts:
    "Besluit van 12 juni 2025: opschalen" in a memo of 1 June 2025, without a word. (The check
    reports a decision dated after today as a warning, DEC009, and an outcome then not at all, now
    DAT017, so the memo was no draft either.) Its box names each entry dated after the memo's date, with the
    file, line and date, in the memo's language; a memo for a date after them all has no box."""
    nl = memo_text(repo, DECISION_APP, capsys, "--today", "2025-06-01")
    en = memo_text(repo, DECISION_APP, capsys, "--today", "2025-06-01", "--lang", "en")
    pilot = f"applications/{DECISION_APP}/pilot.yaml"
    assert "> **Let op** · Dit memo is gedateerd 1 juni 2025, maar het dossier vermeldt " in nl
    assert "gegevens van na die datum. Het memo geeft ze weer alsof ze al hadden plaatsgevonden:" in nl
    assert f"\n> - {pilot}:48: besluit over de pilot, 12 juni 2025\n" in nl
    assert f"\n> - applications/{DECISION_APP}/application.yaml:5: begin van de huidige fase, 1 juli 2025\n" in nl
    assert f"\n> - applications/{DECISION_APP}/compliance.yaml:31: nalevingspunt 'ai-literacy', 19 december 2025\n" in nl
    assert f"\n> - applications/{DECISION_APP}/monitoring.yaml:84: melding van een incident aan de leverancier, 4 maart 2026\n" in nl
    assert "> Render het memo met --today op of na " in nl
    assert f"{pilot}:18" not in nl  # the outcome of 23 May 2025 came before the memo's date
    assert "> **Note** · This memo is dated 1 June 2025, but the dossier records " in en
    assert "entries dated after that day. The memo states them as if they had happened:" in en
    assert f"\n> - {pilot}:48: decision on the pilot, 12 June 2025\n" in en
    assert f"\n> - applications/{DECISION_APP}/monitoring.yaml:23: monitoring result, 31 July 2025\n" in en
    assert "> Render the memo with a --today on or after " in en
    assert "CONCEPT" not in nl and "DRAFT" not in en  # a warning's worth: the box says it, the memo is no draft
    # before the outcome too: the outcome is named, the check reports none
    earlier = memo_text(repo, DECISION_APP, capsys, "--today", "2025-05-01")
    assert f"\n> - {pilot}:18: uitkomst van de pilot, 23 mei 2025\n" in earlier
    # a box of many: the first 25 lines, and a count of the rest
    early = [line for line in memo_text(repo, DECISION_APP, capsys, "--today", "2024-06-01").splitlines()
             if line.startswith("> - ")]
    assert len(early) == 26 and re.fullmatch(r"> - … en nog \d+ gegevens", early[-1]), early[-3:]
    # the memo for a date after every entry says nothing of the kind
    for text in (memo_text(repo, DECISION_APP, capsys), memo_text(repo, DECISION_APP, capsys, "--lang", "en")):
        assert "Let op" not in text and "**Note**" not in text and "dated after that day" not in text


def test_a_memo_with_one_entry_dated_after_it_words_it_in_the_singular_in_every_format(tmp_path, capsys):
    """One checklist item dated five days after the memo: one line, in the singular, in HTML and
    Word too."""
    import docx

    root = make_repo(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "compliance.yaml",
              lambda d: d["items"][0].update(date="2026-11-20"))
    Git(root).commit("A checklist item dated after the memo", "2024-02-01")
    nl = memo_text(root, DECISION_APP, capsys)
    box = [line for line in nl.splitlines() if line.startswith(">")]
    assert box[0] == ("> **Let op** · Dit memo is gedateerd 15 november 2026, maar het dossier vermeldt 1 gegeven van "
                      "na die datum. Het memo geeft het weer alsof het al had plaatsgevonden:"), box
    assert re.fullmatch(rf"> - applications/{DECISION_APP}/compliance\.yaml:\d+: nalevingspunt 'ce-certificate', 20 november 2026",
                        box[1]), box
    assert box[2:] == [">", "> Render het memo met --today op of na 20 november 2026, of corrigeer de datums die niet kloppen."]
    html_text = memo_text(root, DECISION_APP, capsys, "--lang", "en", "--format", "html")
    assert "This memo is dated 15 November 2026, but the dossier records 1 entry dated after that day." in html_text
    assert re.search(rf"applications/{DECISION_APP}/compliance\.yaml:\d+: checklist item 'ce-certificate', 20 November 2026", html.unescape(html_text))
    out = tmp_path / "memo.docx"
    code, _stdout, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--format", "docx",
                              "--out", str(out), "--lang", "en"], capsys)
    assert code == 0, err
    cells = " ".join(c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "This memo is dated 15 November 2026, but the dossier records 1 entry dated after that day." in cells
    assert re.search(rf"applications/{DECISION_APP}/compliance\.yaml:\d+: checklist item 'ce-certificate', 20 November 2026", cells)
    from pypdf import PdfReader

    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "nl", EXAMPLE_TODAY)
    first = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "Let op Dit memo is gedateerd 15 november 2026, maar het dossier vermeldt 1 gegeven van na die datum." in first
    assert re.search(rf"compliance\.yaml:\d+: nalevingspunt 'ce-certificate', 20 november 2026", first), first


def test_the_memo_checks_as_raio_check_does_across_applications(tmp_path, capsys):
    """The memo's check is raio check's for the application, portfolio-wide rules included: an
    id that another application uses too (IDN002) makes the memo a draft, and the memo says what
    raio check says, whether the check was cached by an earlier check or not."""
    from raio_cli import check

    root = make_repo(tmp_path / "p")
    edit_yaml(root / "applications" / "thoraxfoto-triage" / "application.yaml", lambda d: d.update(id=DECISION_APP))
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(id=DECISION_APP))
    Git(root).commit("Copied the id by mistake", "2024-02-01")
    found = check.run(root / "applications" / "thoraxfoto-triage", today=EXAMPLE_TODAY)
    assert "IDN002" in {f.code for f in found.findings if f.severity == Severity.ERROR}
    cold = memo_text(root, "thoraxfoto-triage", capsys, "--lang", "en")
    assert "**DRAFT**" in cold and re.search(r"^>\s+- IDN002: .+thoraxfoto-triage/application\.yaml:\d+\)$", cold, re.M)
    assert memo_text(root, "thoraxfoto-triage", capsys, "--lang", "en") == cold  # now from the check's cache
    assert "IDN002" not in memo_text(root, DECISION_APP, capsys, "--lang", "en")  # the first of the two keeps it


def test_without_git_the_memo_is_a_draft(tmp_path, capsys):
    root = make_repo(tmp_path / "p", git=False)
    text = memo_text(root, PROPOSAL_APP, capsys, "--lang", "en")
    assert "**DRAFT**" in text and "not under version control" in text
    assert "Commit:** not under version control" in text


# --------------------------------------------------------------------------------------------
# PDF and DOCX


def test_pdf_holds_the_key_figures(repo, capsys):
    from pypdf import PdfReader

    out = repo.parent / "memo.pdf"
    code, stdout, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--format", "pdf", "--out", str(out)], capsys)
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert "Fractuurdetectie op SEH-röntgenfoto's" in flat
    assert "behaald" in flat and "binnen grens" in flat
    for _effect, observed, _verdict in expected_rows(repo, DECISION_APP, "nl"):
        assert observed in flat
    assert short_head(repo) in flat
    assert "CONCEPT" not in flat
    # same dossier, same date: the same bytes
    again, _name, _draft = render_memo(repo, DECISION_APP, "pdf", "nl", EXAMPLE_TODAY)
    assert again == data


def test_docx_has_word_headings_and_a_real_effects_table(repo, capsys):
    import docx

    out = repo.parent / "memo.docx"
    code, _stdout, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--format", "docx",
                              "--out", str(out), "--lang", "en"], capsys)
    assert code == 0, err
    document = docx.Document(str(out))
    styles = [p.style.name for p in document.paragraphs]
    assert "Heading 1" in styles and "Heading 2" in styles and "Title" in styles
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Summary" in headings and "Sign-off" in headings
    header = ["Effect", "Kind", "Metric", "Baseline", "Target or limit", "Observed", "CI", "Verdict"]
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == header)
    rows = {r.cells[0].text.split(" ")[0]: [c.text for c in r.cells] for r in table.rows[1:]}
    for effect, observed, verdict in expected_rows(repo, DECISION_APP, "en"):
        assert rows[effect][5].startswith(observed) and rows[effect][7] == verdict
    assert rows["E1"][0] == "E1 (primary)" and rows["E1"][1] == "benefit"
    assert rows["E1"][6].endswith("%\n95%,\u00a0Wilson")  # computed from the 2x2 table: the level is known
    # the column widths are in the table's grid too (LibreOffice and Google Docs lay a table out
    # by its grid; with only the cells' widths set, every column came out equally narrow)
    grid = [col.width for col in table.columns]
    assert grid == [c.width for c in table.rows[1].cells]
    assert max(grid) == grid[2] and min(grid) > 0  # the metric's text gets the room
    assert abs(sum(grid) - docx.shared.Mm(170)) < docx.shared.Mm(1)  # the page's width between margins
    margins = table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblCellMar"))
    assert margins is not None and [el.tag.rsplit("}", 1)[1] for el in margins] == ["left", "right"]
    assert margins.getnext().tag == docx.oxml.ns.qn("w:tblLook")  # the order Word's schema wants



def test_docx_footer_numbers_its_pages_as_the_pdf_does(repo, capsys, tmp_path):
    """The PDF's footer says 'Pagina 2 / 5'; the Word memo's said only the commit, so a printed
    memo that came apart could not be put back in order nor shown complete."""
    import docx
    from docx.oxml.ns import qn

    for lang, word in (("nl", "Pagina"), ("en", "Page")):
        out = tmp_path / f"memo-{lang}.docx"
        code, _stdout, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--format", "docx",
                                  "--out", str(out), "--lang", lang], capsys)
        assert code == 0, err
        footer = docx.Document(str(out)).sections[0].footer._element
        fields = [" ".join(el.text.split()) for el in footer.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]
        kinds = [el.get(qn("w:fldCharType")) for el in footer.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"] * 2
        text = "".join(el.text or "" for el in footer.iter(qn("w:t")))
        assert f"commit {short_head(repo)}" in text and f"· {word} 1 / 1" in text


def test_docx_first_page_has_the_footer_but_no_running_header(repo, tmp_path):
    """The Word memo's first page repeated 'portfolio · memo: name' in its header right above the
    title block that says the same; the PDF's first page has no running header. The first page
    keeps the footer with the commit and the page number, and a draft's mark."""
    import docx
    from docx.oxml.ns import qn

    root = make_repo(tmp_path / "p", git=False)  # without git: a draft
    for where, draft in ((repo, False), (root, True)):
        data, _name, _ = render_memo(where, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
        section = docx.Document(io.BytesIO(data)).sections[0]
        assert section.different_first_page_header_footer
        first_header = section.first_page_header.paragraphs[0].text
        assert first_header == ("DRAFT" if draft else "")
        assert "Decision memo:" in section.header.paragraphs[0].text
        first_footer = section.first_page_footer._element
        assert [" ".join(el.text.split()) for el in first_footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
        text = section.first_page_footer.paragraphs[0].text
        assert "commit " in text and text.startswith("DRAFT") is draft



def test_docx_memo_of_an_application_with_a_very_long_name_or_owner(tmp_path):
    """Word keeps a document's title, subject and author in properties of at most 255
    characters; raio memo -f docx stopped with "internal error: ValueError: exceeded 255 char
    limit for property" when the application's name (in the title) or its owner was longer.
    The properties are clipped; the memo's own title and text keep the whole name."""
    import docx

    root = make_repo(tmp_path / "p", git=False)
    name = "Fractuurdetectie " + " ".join(["op röntgenfoto's van de spoedeisende hulp"] * 8)
    owner = "dr. " + "A" * 300

    def change(d):
        d["name"], d["owner"]["name"] = name, owner

    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", change)
    data, _name, _ = render_memo(root, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    assert len(props.title) <= 255 and props.title.startswith("Decision memo: Fractuurdetectie op")
    assert len(props.author) <= 255 and props.author.startswith("dr. AAA")
    assert any(p.text == f"Decision memo: {name}" for p in document.paragraphs)

def test_a_docx_table_row_longer_than_a_page_may_break_across_pages(tmp_path):
    """The Word memo's table rows may not break across pages (a row stays whole); Word cuts a
    row taller than a page off at the page's bottom, so a metric of 5,000 characters lost what
    did not fit. A row holding a text that long may break; the others stay whole."""
    import docx
    from docx.oxml.ns import qn

    root = make_repo(tmp_path / "p", git=False)
    big = " ".join(f"w{i:04d}" for i in range(900)) + " END"
    edit_yaml(root / "applications" / DECISION_APP / "effects.yaml", lambda d: d["effects"][0].update(metric=big))
    data, _name, _ = render_memo(root, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
    table = next(t for t in docx.Document(io.BytesIO(data)).tables
                 if len(t.rows) > 1 and any(big in c.text for c in t.rows[1].cells))
    whole = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:]]
    assert whole[0] is False and all(whole[1:]) and len(whole) > 1


def test_every_printed_page_of_the_html_memo_names_the_commit_and_its_number(repo, capsys):
    """Printed from a browser, only the last page of the HTML memo named the commit and no page
    had a number, where the PDF's footer has both on every page."""
    page = memo_text(repo, DECISION_APP, capsys, "--format", "html", "--lang", "en")
    style = page[page.index("<style>"):page.index("</style>")]
    decode = lambda s: re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), s)  # noqa: E731
    left = re.search(r'@bottom-left \{ content: "([^"]*)"', style)
    right = re.search(r'@bottom-right \{ content: "([^"]*)" counter\(page\) " / " counter\(pages\)', style)
    assert left and right and decode(right.group(1)) == "Page "
    assert f"{DECISION_APP} · commit {short_head(repo)} · 15 November 2026 · raio " in decode(left.group(1))


def test_docx_gives_n_a_line_of_its_own_that_never_breaks(repo, tmp_path):
    """In the Word memo the observed value and its n shared a line, which the narrow column broke
    as "0,62 (n =" / "1.480)"; as in the PDF and HTML, n now stands under the value, with
    no-break spaces."""
    import docx

    data, _name, _draft = render_memo(repo, DECISION_APP, "docx", "nl", EXAMPLE_TODAY)
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.columns) == 8 and t.rows[0].cells[5].text == "Waargenomen")
    cells = {r.cells[0].text.split(" ")[0]: r.cells[5].text for r in table.rows[1:]}
    pilot = yaml.safe_load((repo / "applications" / DECISION_APP / "pilot.yaml").read_text(encoding="utf-8"))
    ns = {r["effect"]: r["n"] for r in pilot["outcome"]["results"] if "n" in r and "counts" not in r}
    assert ns
    for effect, observed, _verdict in expected_rows(repo, DECISION_APP, "nl"):
        if effect in ns:
            n = i18n.format_number(ns[effect], "nl")
            assert cells[effect] == f"{observed}\nn\u00a0=\u00a0{n}", cells[effect]


def test_docx_gives_the_interval_level_a_line_of_its_own_that_never_breaks(tmp_path):
    """In the Word memo the interval and its level label shared a line of the narrow CI column,
    which broke as "85,1–92,7% (95%," / "aangenomen)". As in the PDF and HTML, the level now
    stands under the interval in small type, with no-break spaces, in a column wide enough for
    the longest label of either language ("95%, aangenomen" is 53 pt in Calibri 7 pt)."""
    import docx
    from docx.shared import Mm

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml",
              lambda d: d["outcome"]["results"][0].pop("interval_level", None))
    for lang, assumed in (("nl", "95%, aangenomen"), ("en", "95%, assumed")):
        data = render_memo(root, "longnodule-ct", "docx", lang, EXAMPLE_TODAY)[0]
        table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.rows[0].cells) == 8)
        rows = {r.cells[0].text.split(" ")[0]: r.cells[6] for r in table.rows[1:]}
        interval = "85,1–92,7%" if lang == "nl" else "85.1–92.7%"
        assert rows["E1"].text == f"{interval}\n{assumed.replace(' ', chr(0xA0))}", rows["E1"].text
        label = [run for run in rows["E1"].paragraphs[0].runs if run.text.startswith("95%")]
        assert len(label) == 1 and label[0].font.size.pt == 7
        assert rows["G2"].text.split("\n")[1] == "95%"
        assert table.columns[6].width >= Mm(23), table.columns[6].width.mm


def test_docx_amendments_table_gives_the_change_and_reason_the_room(tmp_path):
    """The Word memo's table of amendments had five equal columns: the date and the effect id
    (E2) had as much room as the change and its reason, which ran to ten narrow lines."""
    import docx

    root = copy_example(tmp_path / "p")
    data, _name, _draft = render_memo(root, "longnodule-ct", "docx", "en", EXAMPLE_TODAY)
    header = ["Date", "Effect", "Change", "Reason", "By"]
    table = next(t for t in docx.Document(io.BytesIO(data)).tables if [c.text for c in t.rows[0].cells] == header)
    date, effect, change, reason, by = [col.width for col in table.columns]
    assert max(date, effect, by) < min(change, reason)
    assert abs(sum((date, effect, change, reason, by)) - docx.shared.Mm(170)) < docx.shared.Mm(1)


def test_the_html_memo_on_screen_is_as_wide_as_the_printed_page(repo, capsys):
    """On screen the memo's page was 158 mm wide inside, the printed one 180 mm: the table of
    effects of a Dutch decision memo (its columns at their narrowest, 166 mm) stuck out of the
    page on screen. The screen page is now an A4 page with the print margins."""
    page = memo_text(repo, DECISION_APP, capsys, "--format", "html")
    style = page[page.index("<style>"):page.index("</style>")]
    screen = re.search(r"^main \{ max-width: (\d+)mm; margin: [^;]+; padding: \d+mm (\d+)mm;", style, flags=re.M)
    printed = re.search(r"@page \{\s*size: A4; margin: \d+mm (\d+)mm", style)
    assert screen and printed
    assert int(screen.group(1)) - 2 * int(screen.group(2)) == 210 - 2 * int(printed.group(1))

@pytest.mark.parametrize("today", ["2500-01-01", "9999-12-31", "1970-06-01"])
def test_docx_renders_for_a_today_outside_the_years_a_zip_can_date(repo, capsys, tmp_path, today):
    """A zip entry's date lies between 1980 and 2107: a --today outside them still gives a Word
    memo (stamped at the nearest end), not an internal error."""
    import zipfile

    out = tmp_path / "memo.docx"
    code, _stdout, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", today, "--format", "docx",
                              "--out", str(out), "--lang", "en"], capsys)
    assert code == 0, err
    assert "internal error" not in err
    years = {info.date_time[0] for info in zipfile.ZipFile(out).infolist()}
    assert years == {min(max(int(today[:4]), 1980), 2107)}


# --------------------------------------------------------------------------------------------
# writing files


def test_overwrite_is_refused_without_force_and_the_file_is_untouched(repo, tmp_path, capsys):
    target = tmp_path / "memo.md"
    target.write_bytes(b"the board's annotated copy\n")
    code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--out", str(target)], capsys)
    assert code == 2 and out == ""
    assert "exists; it was not overwritten" in err and err.count("\n") <= 2 and "Traceback" not in err
    assert target.read_bytes() == b"the board's annotated copy\n"
    code, _out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--out", str(target), "--force"], capsys)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Besluitvormingsmemo")
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]  # no temporary file left behind


def test_a_named_pipe_at_the_out_path_is_never_replaced_even_with_force(repo, tmp_path, capsys):
    """The memo is renamed into place: with --force a named pipe (or, run as root, /dev/null)
    became a plain file."""
    import os
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for command in (["memo", DECISION_APP, "-p", str(repo)], ["report", str(repo)]):
        code, out, err = run([*command, "--today", TODAY, "--out", str(pipe), "--force"], capsys)
        assert code == 2 and out == "" and "not a file; it was not replaced" in err, err
        assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_a_link_at_the_out_path_is_refused_without_force_even_when_it_leads_nowhere(repo, tmp_path, capsys):
    link = tmp_path / "memo.md"
    link.symlink_to(tmp_path / "gone" / "memo.md")  # a dangling link: exists() is False
    code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--out", str(link)], capsys)
    assert code == 2 and out == "" and "exists; it was not overwritten" in err
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_default_path_is_in_the_applications_memos_folder(tmp_path, capsys):
    root = make_repo(tmp_path / "p")
    code, out, err = run(["memo", f"{root}/applications/{PROPOSAL_APP}", "--today", TODAY, "--format", "html"], capsys)
    assert code == 0, err
    written = root / "applications" / PROPOSAL_APP / "memos" / "2026-11-15-proposal.html"
    assert written.is_file() and out.startswith("Wrote ") and out.strip().endswith("memos/2026-11-15-proposal.html")
    before = written.read_bytes()
    code, _out, err = run(["memo", PROPOSAL_APP, "-p", str(root), "--today", TODAY, "--format", "html"], capsys)
    assert code == 2 and "--force" in err and written.read_bytes() == before


def test_usage_errors_are_one_line(repo, capsys):
    for args, words in ((["memo", "no-such-app"], "no application 'no-such-app'"),
                        (["memo", DECISION_APP, "--format", "rtf"], "unknown format"),
                        (["memo", DECISION_APP, "--lang", "de"], "unknown language"),
                        (["memo", DECISION_APP, "--today", "15-11-2026"], "is not a date")):
        code, out, err = run([*args, "-p", str(repo)], capsys)
        assert code == 2 and out == "" and words in err and "Traceback" not in err


def test_an_empty_out_is_a_usage_error_not_a_folder(repo, capsys):
    """-o '' said " is a folder" (the empty path is the current folder)."""
    for out_arg in ("", "  "):
        code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "-o", out_arg], capsys)
        assert code == 2 and out == ""
        assert err.startswith("raio: error: --out is empty\n") and "--out memo.pdf" in err
    code, out, err = run(["report", str(repo), "--today", TODAY, "-o", ""], capsys)
    assert code == 2 and err.startswith("raio: error: --out is empty\n")


# --------------------------------------------------------------------------------------------
# hostile templates and hostile text


ATTACKS = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os }}",
    "include": "{% include '/etc/passwd' %}",
    "parent": "{% include '../../raio.yaml' %}",
    "undefined": "{{ no_such_variable }}",
    "syntax": "{% if %}",
    "huge": "{{ 'x' * 100000000 }}",
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_portfolio_templates_cannot_escape_the_sandbox(tmp_path, capsys, attack):
    root = make_repo(tmp_path / "p")
    template = root / "templates" / "memo" / "decision.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("# Memo\n" + ATTACKS[attack] + "\n", encoding="utf-8")
    code, out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--out", "-"], capsys)
    assert code == 2, out
    assert out == "" and "Traceback" not in err and err.count("\n") <= 2
    assert err.startswith("raio: error: template templates/memo/decision.md.j2 line 2")
    assert "root:" not in err and "subprocess" not in err.lower() and "organisation" not in err


def test_a_link_out_of_the_templates_folder_is_not_followed(tmp_path, capsys):
    root = make_repo(tmp_path / "p")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = root / "templates" / "memo"
    folder.mkdir(parents=True)
    (folder / "decision.md.j2").symlink_to(secret)
    text = memo_text(root, DECISION_APP, capsys)
    assert "TOP SECRET" not in text and text.startswith("# Besluitvormingsmemo")


def test_a_portfolio_template_overrides_the_built_in_one(tmp_path, capsys):
    root = make_repo(tmp_path / "p")
    (root / "templates").mkdir()
    (root / "templates" / "decision.md.j2").write_text(
        "Memo {{ app.name }} | {{ provenance.commit_short }} | {% for e in effects %}{{ e.id }}={{ e.verdict }} {% endfor %}\n",
        encoding="utf-8")
    Git(root).commit("Our own memo template", "2024-02-01")
    text = memo_text(root, DECISION_APP, capsys)
    assert text.startswith(f"Memo Fractuurdetectie op SEH-röntgenfoto's | {short_head(root)} | E1=behaald")


HOSTILE = "<script>alert(1)</script> | pipe\nnew line #set page(width: 1cm) $x$ *b* _i_ @ref <lab> [x] ~ // c = h"


def test_user_text_is_escaped_in_every_format(tmp_path, capsys):
    from pypdf import PdfReader

    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    edit_yaml(app / "problem.yaml", lambda d: d.update(statement=HOSTILE))

    def metric(d):
        d["effects"][0]["metric"] = "Sensitivity | with a pipe\nand a line break"
    edit_yaml(app / "effects.yaml", metric)
    Git(root).commit("Hostile text", "2024-01-11")

    html = memo_text(root, DECISION_APP, capsys, "--format", "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    md = memo_text(root, DECISION_APP, capsys)
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\~ // c" in md  # GitHub reads "~" as strikethrough
    row = next(line for line in md.splitlines() if line.startswith("| **E1**"))
    assert "Sensitivity \\| with a pipe and a line break" in row and row.count(" | ") == 7

    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    for literal in ("<script>alert(1)</script>", "#set page(width: 1cm)", "$x$", "*b*", "_i_", "@ref", "<lab>", "[x]"):
        assert literal in text, literal


def _local_typst_package(tmp_path, monkeypatch) -> None:
    """A typst package in the user's own package folder (``@local/evil:0.1.0``), whose text a
    memo must never show."""
    folder = tmp_path / "data" / "typst" / "packages" / "local" / "evil" / "0.1.0"
    folder.mkdir(parents=True)
    (folder / "typst.toml").write_text('[package]\nname = "evil"\nversion = "0.1.0"\nentrypoint = "lib.typ"\n',
                                       encoding="utf-8")
    (folder / "lib.typ").write_text('#let secret = "FROM A LOCAL PACKAGE"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_a_dossiers_text_that_imports_a_typst_package_or_reads_a_file_is_shown_as_text(tmp_path, monkeypatch):
    """Problem text written as typst code (an import of a package, a file read) is text in the
    PDF memo: typst imports nothing and reads nothing for it."""
    from pypdf import PdfReader

    _local_typst_package(tmp_path, monkeypatch)
    root = make_repo(tmp_path / "p")
    code = '#import "@local/evil:0.1.0": secret #secret #import "@preview/cetz:0.3.1" #read("/etc/hostname")'
    edit_yaml(root / "applications" / DECISION_APP / "problem.yaml", lambda d: d.update(statement=code))
    Git(root).commit("Typst code as text", "2024-01-11")
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert code.replace(" ", "") in text.replace(" ", "")  # as written (a line may break after its "/")
    assert "FROM A LOCAL PACKAGE" not in text


@pytest.mark.parametrize("spec", ['"@local/evil:0.1.0"', '("@lo" + "cal/evil:0.1.0")'])
def test_a_portfolio_typst_template_imports_no_package(tmp_path, capsys, monkeypatch, spec):
    """A portfolio's own PDF template (templates/memo/decision.typ.j2) that imports a typst package:
    typst read the user's @local packages, and fetched @preview ones from the network. raio refuses
    a package it names; one whose name the template builds is not found, in an empty folder."""
    _local_typst_package(tmp_path, monkeypatch)
    root = make_repo(tmp_path / "p")
    template = root / "templates" / "memo" / "decision.typ.j2"
    template.parent.mkdir(parents=True)
    template.write_text(f"#import {spec}: secret\n#secret\n", encoding="utf-8")
    out = tmp_path / "memo.pdf"
    code, stdout, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--format", "pdf",
                             "--out", str(out)], capsys)
    assert code == 2 and not out.exists() and "Traceback" not in err, err
    assert ("imports the package '@local/evil:0.1.0': raio imports no typst package" in err if spec.startswith('"')
            else "package not found" in err), err


def test_a_long_word_wraps_on_the_pdf_page_and_nothing_of_it_is_lost(tmp_path):
    """typst breaks a line only at spaces and hyphens: a name, metric or source typed as one run of
    300 characters (an id, a hash) ran off the right edge of the PDF page, in the title, the
    facts, the summary and the effects table, and what ran off was lost. It wraps now, and the
    text holds every character of it, none added."""
    from pypdf import PdfReader

    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    word = "X" + "abcdefghij0123456789" * 15
    edit_yaml(app / "application.yaml", lambda d: d.update(name=f"Name {word}"))
    edit_yaml(app / "problem.yaml", lambda d: d.update(statement=f"{word} \U0001f469\u200d\u2695\ufe0f{word}"))

    def metric(d):
        d["effects"][0]["metric"] = f"M {word}"
        d["effects"][0]["baseline"]["source"] = word
    edit_yaml(app / "effects.yaml", metric)
    Git(root).commit("Long words", "2024-01-11")
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    reader = PdfReader(io.BytesIO(data))
    lines = [line for page in reader.pages for line in page.extract_text().split("\n")]
    assert max(len(line) for line in lines) < 200  # a line of the page holds about 100 characters
    assert not any(word in line for line in lines)  # wrapped, not on one line off the page
    joined = "".join(lines)
    assert f"Decision memo: Name {word}" in joined and "\u200b" not in joined
    assert reader.metadata.title == f"Decision memo: Name {word}"  # the whole name, no mark added


def text_heights(data: bytes) -> list[list[tuple[float, str]]]:
    """Per page of a PDF, the height above the paper's lower edge (pt) and the text of each run."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs: list[tuple[float, str]] = []

        def visit(text, cm, tm, _font, _size, runs=runs):
            if text.strip():
                runs.append((tm[5] * cm[3] + tm[4] * cm[1] + cm[5], text))
        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def test_a_text_longer_than_a_page_breaks_across_pages_in_the_pdf_instead_of_running_off(tmp_path):
    """A table row or an effect's box stays whole on one page in the PDF; a metric or measurement
    of 5,000 characters made one taller than a page, which ran off the bottom of the page, over
    the footer and beyond the paper, and what ran off was lost. With a text that long the rows
    and boxes break across pages; a memo without one keeps them whole."""
    from raio_cli.documents.render_pdf import typst_source

    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    assert "#set table.cell(breakable: false)" in typst_source(build_context(root, DECISION_APP, "en", EXAMPLE_TODAY))
    big = " ".join(f"w{i:04d}" for i in range(900)) + " END"

    def effects(d):
        d["effects"][0].update(metric=big, measurement=big.replace("w", "m"))
    edit_yaml(app / "effects.yaml", effects)
    Git(root).commit("Long texts", "2024-01-11")
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    pages = text_heights(data)
    footer = min(y for y, _ in pages[0])  # the footer's line, the lowest on the first page
    for runs in pages:
        assert all(y >= footer - 1 for y, _ in runs)  # nothing below the footer or off the paper
        assert all(y > footer + 12 or abs(y - footer) < 1 for y, _ in runs)  # nothing over the footer
    text = " ".join(" ".join(t for runs in pages for _, t in runs).split())
    assert "w0899 END" in text and "m0899 END" in text


def test_a_long_name_or_organisation_stays_on_the_paper_in_the_pdf_header_and_footer(tmp_path):
    """The running header and footer of the PDF memo give the organisation, the application's
    name and the commit on every page; a name or an organisation of 2,000 characters made them
    so tall that the header ran off the top of the paper and the footer off its bottom, on every
    page. They give the first 100 characters or so, cut with a mark; the title page and the facts
    give the whole name."""
    root = make_repo(tmp_path / "p")
    name = " ".join(f"n{i:04d}" for i in range(400)) + " END"
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(name=name))
    edit_yaml(root / "raio.yaml", lambda d: d.update(organisation=" ".join(f"o{i:04d}" for i in range(400))))
    Git(root).commit("Long name", "2024-01-11")
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    pages = text_heights(data)
    assert len(pages) > 2
    for runs in pages:
        assert all(25 < y < 842 - 10 for y, _ in runs)  # A4 is 842 pt high: nothing off the paper
    header = [t for y, t in pages[1] if y > 842 - 20 * 2.835]  # in the top margin (20 mm) of page 2
    assert header and "…" in " ".join(header) and "END" not in " ".join(header)
    assert f"n0399 END" in " ".join(" ".join(t for runs in pages for _, t in runs).split())
    from docx import Document

    data, _name, _draft = render_memo(root, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
    section = Document(io.BytesIO(data)).sections[0]
    for part in (section.header, section.footer, section.first_page_footer):
        assert 0 < len(part.paragraphs[0].text) < 400 and "…" in part.paragraphs[0].text


def test_a_draft_box_with_hundreds_of_errors_lists_the_first_and_counts_the_rest(tmp_path, capsys):
    """A dossier with 540 errors gave a draft box listing all 540: in the PDF the box, kept whole
    on one page, ran off the bottom of its page and the rest was lost; in the other formats the
    memo began with pages of errors. The box lists the first 25 and says how many more raio check
    lists, in each language and format; the reason above still counts them all."""
    from docx import Document

    from raio_cli.documents.memo import MAX_ERRORS_SHOWN

    root = make_repo(tmp_path / "p")

    def effects(d):
        for i in range(60):
            d["effects"].append({"id": f"X{i}", "kind": "nonsense", "description": "d", "metric": 5})
    edit_yaml(root / "applications" / DECISION_APP / "effects.yaml", effects)
    Git(root).commit("Many errors", "2024-01-11")
    context = build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)
    assert len(context["errors"]) == MAX_ERRORS_SHOWN
    n = int(re.search(r"reports (\d+) errors", context["draft_reasons"][0]).group(1))
    more = f"… and {n - MAX_ERRORS_SHOWN} more errors: raio check applications/{DECISION_APP} lists them all"
    assert context["errors_more"] == more
    assert build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["errors_more"] == (
        f"… en nog {n - MAX_ERRORS_SHOWN} fouten: raio check applications/{DECISION_APP} noemt ze allemaal")
    md = memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert f">   - {more}" in md
    assert html.escape(more, quote=False) in memo_text(root, DECISION_APP, capsys, "--lang", "en", "--format", "html")
    data, _name, _draft = render_memo(root, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
    assert more in "\n".join(p.text for p in Document(io.BytesIO(data)).tables[0].rows[0].cells[0].paragraphs)
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    pages = text_heights(data)
    footer = min(y for y, _ in pages[0])
    for runs in pages:
        assert all(y >= footer - 1 for y, _ in runs)
    assert f"{n - MAX_ERRORS_SHOWN} more errors" in " ".join(" ".join(t for runs in pages for _, t in runs).split())


def unbreakable_holders(page: str, word: str) -> list[str]:
    """The elements of an HTML page whose text holds ``word`` where no rule of the page's CSS
    (``overflow-wrap: anywhere``, ``word-break: break-all`` on the element or around it) lets a
    line break inside it: in a browser such a word pushes its box past the page's edge, and
    print cuts off what lies beyond."""
    from html.parser import HTMLParser

    style = page[page.index("<style>"):page.index("</style>")]
    selectors = []
    for names, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
        if re.search(r"overflow-wrap:\s*anywhere|word-break:\s*break-all", body):
            selectors += [name.split() for name in names.split(",")]

    def matches(compound: str, element: tuple) -> bool:
        m = re.fullmatch(r"([a-z0-9]*)((?:\.[\w-]+)*)", compound)
        return bool(m) and m.group(1) in ("", element[0]) and set(m.group(2).split(".")[1:]) <= element[1]

    def selected(selector: list[str], stack: list, i: int) -> bool:
        if not matches(selector[-1], stack[i]):
            return False
        j = i - 1
        for compound in reversed(selector[:-1]):
            while j >= 0 and not matches(compound, stack[j]):
                j -= 1
            if j < 0:
                return False
            j -= 1
        return True

    found = []

    class Holders(HTMLParser):
        stack: list = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("br", "meta", "wbr", "img", "hr", "link", "input"):
                self.stack.append((tag, set((dict(attrs).get("class") or "").split())))

        def handle_endtag(self, tag):
            while self.stack and self.stack.pop()[0] != tag:
                pass

        def handle_data(self, data):
            tags = [e[0] for e in self.stack]
            hidden = any("sr-only" in e[1] for e in self.stack)  # for a screen reader only: takes no room
            if word in data and not hidden and not {"title", "style"} & set(tags):
                if not any(selected(s, self.stack, i) for i in range(len(self.stack)) for s in selectors):
                    found.append(" > ".join(tags))

    Holders().feed(page)
    return found


@pytest.mark.parametrize("app_id", [DECISION_APP, PROPOSAL_APP])
def test_a_long_word_wraps_on_the_html_page_in_every_element_that_can_hold_it(tmp_path, capsys, app_id):
    """A name, owner or text typed as one run of 300 characters widened the HTML memo's heading,
    facts table, lists and tables past the page's edge, and print cut it off. Every element that
    holds such a run lets it break now; in tables only the columns of free text do."""
    root = make_repo(tmp_path / "p")
    app = root / "applications" / app_id
    word = "X" + "abcdefghij0123456789" * 15

    def application(d):
        d.update(name=f"Name {word}", vendor=word, product=word, intended_use=word)
        d["owner"]["name"] = word

    def problem(d):
        d.update(statement=word, baseline=word, root_cause=word, stays_with_radiologist=word)
        d["alternatives"][0].update(option=word, assessment=word)
        d["stakeholders_consulted"][0] = word

    def effects(d):
        d["effects"][0].update(metric=word, description=word, measurement=word, decision_rule=word)
        d["effects"][0]["baseline"]["source"] = word

    def compliance(d):
        for item in d["items"]:
            item["owner"] = word

    edit_yaml(app / "application.yaml", application)
    edit_yaml(app / "problem.yaml", problem)
    edit_yaml(app / "effects.yaml", effects)
    edit_yaml(app / "compliance.yaml", compliance)
    if (app / "pilot.yaml").exists():
        edit_yaml(app / "pilot.yaml", lambda d: d.get("decision") and d["decision"].update(rationale=word, decided_by=word))
    Git(root).commit("Long words", "2024-01-11")
    page = memo_text(root, app_id, capsys, "--format", "html", "--lang", "en")
    assert page.count(word) > 10
    assert unbreakable_holders(page, word) == []


def test_typst_escaping_cuts_a_long_run_into_boxes_never_inside_a_character():
    from raio_cli.documents.jinja_env import LONG_RUN, escape_typst

    assert escape_typst("a" * (LONG_RUN - 1)) == "a" * (LONG_RUN - 1)
    boxed = escape_typst("#" * LONG_RUN)
    assert boxed.startswith("#box[\\#\\#") and boxed.count("#box[") > 1
    # an accent, an emoji joined by U+200D, a flag stay in one box; a right-to-left run is not boxed
    for glue in ("e\u0301", "\U0001f469\u200d\u2695\ufe0f", "\U0001f1f3\U0001f1f1"):
        for piece in re.findall(r"#box\[(.*?)\]", escape_typst("x" * 3 + glue * 20)):
            assert not piece.startswith(("\u0301", "\u200d", "\u2695", "\ufe0f")), piece
            assert not piece.endswith("\u200d") and piece.count("\U0001f1f3") == piece.count("\U0001f1f1")
    assert "#box" not in escape_typst("\u05d0" * LONG_RUN)


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_a_writing_direction_override_in_the_dossier_turns_no_text_around_in_the_memo(tmp_path, capsys):
    """A name holding U+202E (right-to-left override) showed everything after it backwards, to
    the end of its line or cell: the name "Safe \u202eelbisiv" read "Safe visible", and the
    application's id and the rest of the sentence after it were turned around too. raio check
    reports the hidden character; the memo shows the text in the order it was typed, in every
    format, with the controls of writing direction left out."""
    from docx import Document

    from raio_cli.documents.render_pdf import typst_source

    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    edit_yaml(app / "application.yaml", lambda d: d.update(name="Safe \u202eelbisiv \u2067x\u2069 \u202ay\u202c"))
    Git(root).commit("Override", "2024-01-11")
    shown = [memo_text(root, DECISION_APP, capsys, "--format", fmt, "--lang", "en") for fmt in ("md", "html")]
    shown.append(typst_source(build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)))
    data, _name, _draft = render_memo(root, DECISION_APP, "docx", "en", EXAMPLE_TODAY)
    shown.append("\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs))
    for text in shown:
        assert "Safe elbisiv x y" in text
        assert not set(BIDI_CONTROLS) & set(text)


def test_typst_escaping_keeps_every_special_literal():
    from raio_cli.documents.jinja_env import escape_typst, escape_typst_string

    assert escape_typst("#a $b$ *c* _d_ `e` <f> @g [h] ~ // = - + \\") == (
        "\\#a \\$b\\$ \\*c\\* \\_d\\_ \\`e\\` \\<f\\> \\@g \\[h\\] \\~ \\/\\/ \\= \\- \\+ \\\\")
    assert escape_typst("1. first") == "1\\. first"
    assert escape_typst("a\nb") == "a b"
    assert escape_typst_string('say "hi"\\\n') == 'say \\"hi\\"\\\\\\n'



@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_unicode_line_separator_cannot_start_a_typst_list(tmp_path, separator):
    """typst ends a line at U+2028 and U+2029 too; escape_typst turned only \\n and \\r into
    spaces, so "Fractuur\\u20281. Besluit" from a dossier started a numbered list in the PDF
    (the "1." escaped only at the start of the text). They are spaces now, like line breaks."""
    import typst

    from raio_cli.documents.jinja_env import escape_typst

    shown = escape_typst(f"Fractuur{separator}1. Besluit")
    assert shown == "Fractuur 1. Besluit"
    source = tmp_path / "memo.typ"
    source.write_text(f"Naam: {shown}\n", encoding="utf-8")
    assert json.loads(typst.query(str(source), "enum")) == []

def test_an_uncommitted_portfolio_template_makes_a_draft(tmp_path, capsys):
    root = make_repo(tmp_path / "p")
    (root / "templates").mkdir()
    (root / "templates" / "decision.md.j2").write_text("{{ draft_mark if draft else 'FINAL' }} {{ provenance.dirty | join(',') }}\n",
                                                        encoding="utf-8")
    assert memo_text(root, DECISION_APP, capsys).strip() == "CONCEPT templates/decision.md.j2"
    Git(root).commit("Our own memo template", "2024-02-01")
    assert memo_text(root, DECISION_APP, capsys).strip() == "FINAL"


def test_switching_the_primary_effect_or_a_direction_is_shown_with_its_values_in_the_memos_language(tmp_path, capsys):
    """Outcome switching that swapped the primary effect read "bij E1 is de primaire status
    gewijzigd van — naar —" (and "The primary flag of E1 changed from — to —"): the memo dropped
    the true and false it was changed between, so the board could not see which effect had lost
    its primary status. A changed direction read "van decrease naar increase" in a Dutch memo,
    the dossier's English values. Both are now worded in the memo's language."""
    root = make_repo(tmp_path / "p")  # effects committed 2024-01-10; the pilot started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"

    def switch(d):
        d["effects"][0]["primary"] = False
        d["effects"][1].update(primary=True, direction="increase")
    edit_yaml(effects, switch)
    Git(root).commit("E2 is the primary effect now", "2025-01-15", author="J. Jansen <j@test.example>")
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "Uitkomstwisseling: bij E1 is de primaire status gewijzigd van ja naar nee op 15 januari 2025" in nl
    assert "Uitkomstwisseling: bij E2 is de primaire status gewijzigd van nee naar ja op 15 januari 2025" in nl
    assert "Uitkomstwisseling: bij E2 is de richting gewijzigd van lager is beter naar hoger is beter op 15 januari 2025" in nl
    assert "van — naar —" not in nl and "decrease" not in nl
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "the primary flag of E1 changed from yes to no on 15 January 2025" in en
    assert "the direction of E2 changed from lower is better to higher is better on 15 January 2025" in en
    assert "from — to —" not in en


def test_outcome_switching_is_shown_and_a_declared_amendment_beside_the_effect(tmp_path, capsys):
    root = make_repo(tmp_path / "p")  # effects committed 2024-01-10; the pilot started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    old = yaml.safe_load(effects.read_text(encoding="utf-8"))["effects"][0]["target"]
    edit_yaml(effects, lambda d: d["effects"][0].update(target=old - 5))
    git = Git(root)
    git.commit("Lower the target of E1", "2025-01-15", author="J. Jansen <j@test.example>")
    text = memo_text(root, DECISION_APP, capsys)
    assert "**CONCEPT**" in text and "REG002" in text
    switched = f"Uitkomstwisseling: bij E1 is de doelwaarde gewijzigd van {old} naar {old - 5} op 15 januari 2025 door J. Jansen"
    assert switched in text

    edit_yaml(effects, lambda d: d.update(amendments=[{
        "date": "2025-01-15", "effect": "E1", "change": f"target {old} to {old - 5}",
        "reason": "The reference panel changed its definition of a fracture.", "by": "AI steering committee"}]))
    git.commit("Declare the amendment of E1", "2025-01-20")
    text = memo_text(root, DECISION_APP, capsys)
    assert "CONCEPT" not in text
    assert "| 15 januari 2025 | E1 | target" in text and "The reference panel changed" in text
    assert "- **REG003**: Bij E1 is de doelwaarde gewijzigd" in text
    assert "| **E1** (primair, gewijzigd na de start) |" in text


def test_an_amendment_committed_months_after_the_change_is_not_shown_as_declared_in_time(tmp_path, capsys):
    """An amendment dated the day of the change but committed months later: the memo said the
    change was declared (REG003, "see above") and listed the amendment under its written date. It
    is outcome switching now, and both the finding and the amendments table say when the amendment
    came into git, in each language."""
    root = make_repo(tmp_path / "p")  # effects committed 2024-01-10; the pilot started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    old = yaml.safe_load(effects.read_text(encoding="utf-8"))["effects"][0]["target"]
    edit_yaml(effects, lambda d: d["effects"][0].update(target=old - 5))
    git = Git(root)
    git.commit("Lower the target of E1", "2025-01-15", author="J. Jansen <j@test.example>")
    edit_yaml(effects, lambda d: d.update(amendments=[{
        "date": "2025-01-15", "effect": "E1", "change": f"target {old} to {old - 5}",
        "reason": "The reference panel changed its definition of a fracture.", "by": "AI steering committee"}]))
    git.commit("Declare the amendment of E1", "2025-06-20")
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "REG003" not in nl and "de wijziging is vastgelegd (zie hierboven)" not in nl
    assert ("na de start op 4 november 2024; de wijziging gedateerd 15 januari 2025 is pas op 20 juni 2025 in git "
            "vastgelegd, 156 dagen na de wijziging, en telt daarom niet als tijdig vastgelegd.") in nl
    assert "| 15 januari 2025 (pas op 20 juni 2025 in git vastgelegd) | E1 | target" in nl
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert ("after the start on 4 November 2024; the amendment dated 15 January 2025 was committed only on 20 June "
            "2025, 156 days after the change, so it does not count as declared in time.") in en
    assert "| 15 January 2025 (committed only on 20 June 2025) | E1 | target" in en


def _reworded_amendment(tmp_path) -> tuple[Path, Path, Git]:
    """A portfolio whose decision application declared an amendment on 2025-01-15 (its reason
    "The reference panel changed its definition.") and rewrote that reason on 2025-06-20, long
    after it came into git (REG008): the root, the effects.yaml and its git."""
    root = make_repo(tmp_path / "p")  # effects committed 2024-01-10; the pilot started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    old = yaml.safe_load(effects.read_text(encoding="utf-8"))["effects"][0]["target"]
    amendment = {"date": "2025-01-15", "effect": "E1", "change": f"target {old} to {old - 5}",
                 "reason": "The reference panel changed its definition.", "by": "AI steering committee"}
    edit_yaml(effects, lambda d: (d["effects"][0].update(target=old - 5), d.update(amendments=[amendment])))
    git = Git(root)
    git.commit("Lower the target of E1 and declare it", "2025-01-15")
    edit_yaml(effects, lambda d: d["amendments"][0].update(reason="The first results showed the target was unreachable."))
    git.commit("Clarify the amendment", "2025-06-20")
    return root, effects, git


def test_an_amendment_reworded_long_after_it_came_into_git_is_marked_in_the_amendments_table(tmp_path, capsys):
    """REG008 (an amendment's wording rewritten long after it came into git) was reported by raio
    check, but the memo's amendments table showed the new wording as if it had always read so: the
    board signs that table. The reworded part is marked, as an amendment committed late is, with
    the day of the rewrite and the wording on record, in each language and format."""
    from pypdf import PdfReader

    root, effects, git = _reworded_amendment(tmp_path)
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert ("| The first results showed the target was unreachable. (herschreven op 20 juni 2025; eerder vastgelegd: "
            "'The reference panel changed its definition.') | AI steering committee |") in nl
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert ("| The first results showed the target was unreachable. (wording rewritten on 20 June 2025; on record: "
            "'The reference panel changed its definition.') | AI steering committee |") in en
    page = " ".join(html.unescape(memo_text(root, DECISION_APP, capsys, "--format", "html", "--lang", "en")).split())
    assert ("<td class=\"text\">The first results showed the target was unreachable. (wording rewritten on 20 June 2025; on record: "
            "'The reference panel changed its definition.')</td>") in page
    data, _name, _draft = render_memo(root, DECISION_APP, "pdf", "en", EXAMPLE_TODAY)
    flat = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "(wording rewritten on 20 June 2025; on record: 'The reference panel changed its definition.')" in flat
    # the change and who decided, not reworded, are not marked
    assert en.count("wording rewritten") == 1
    # reworded again, not committed yet: the mark says so
    edit_yaml(effects, lambda d: d["amendments"][0].update(by="J. Jansen"))
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "| J. Jansen (wording rewritten in an uncommitted change; on record: 'AI steering committee') |" in en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "| J. Jansen (herschreven in een nog niet in git vastgelegde wijziging; eerder vastgelegd: 'AI steering committee') |" in nl


def test_a_pilot_whose_outcome_is_dated_before_its_planned_end_is_said_to_have_ended_early(tmp_path, capsys):
    """An application in evaluation whose pilot (not extended) was to run to 30 September 2026,
    with its outcome dated 14 August 2026: the memo called it the pilot's outcome after a pilot
    "from 12 January 2026 to 30 September 2026", though the pilot ended early, which is what the
    board must weigh (DAT016). The summary and the outcome's date say so, in each language, and
    results that support scaling up are said to be those of part of the pilot."""
    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"  # in evaluation; plan 2026-01-12 to 2026-09-30
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["outcome"].update(date="2026-08-14"))
    Git(root).commit("The portfolio", "2026-10-30")
    nl = " ".join(memo_text(root, app, capsys).split())
    assert ("(12 januari 2026, gepland tot en met 30 september 2026, vroegtijdig beëindigd). "
            "Uitkomst van de pilot (14 augustus 2026):") in nl
    assert "**Uitkomst vastgesteld op:** 14 augustus 2026 (vóór het geplande einde: de pilot is vroegtijdig beëindigd)" in nl
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert ("(12 January 2026, planned to 30 September 2026, ended early). "
            "Pilot outcome (14 August 2026):") in en
    assert "**Outcome established on:** 14 August 2026 (before the planned end: the pilot ended early)" in en
    assert "Pilot outcome:" not in en
    # on or after the planned end: the pilot's outcome, as before
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["outcome"].update(date="2026-10-23"))
    Git(root).commit("The outcome's date", "2026-10-31")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "Pilot outcome:" in en and "ended early" not in en


def test_an_uncommitted_removal_or_change_is_worded_as_such_not_as_an_empty_commit(tmp_path, capsys):
    """REG004 read "door (uncommitted) verwijderd (commit )" for an effect removed in the working tree."""
    root = make_repo(tmp_path / "p")  # effects committed 2024-01-10; the pilot started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    data = yaml.safe_load(effects.read_text(encoding="utf-8"))
    removed, changed = data["effects"][-1]["id"], data["effects"][0]
    edit_yaml(effects, lambda d: (d["effects"].pop(), d["effects"][0].update(target=changed["target"] - 5)))
    nl = memo_text(root, DECISION_APP, capsys)
    assert (f"{removed} was vooraf vastgelegd maar is verwijderd in een nog niet in git vastgelegde wijziging "
            f"(telt als gedaan op vandaag, 15 november 2026), na de start op 4 november 2024.") in nl
    assert (f"bij {changed['id']} is de doelwaarde gewijzigd van {changed['target']} naar {changed['target'] - 5} "
            "in een nog niet in git vastgelegde wijziging") in nl
    en = memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert f"{removed} was registered in advance but removed in an uncommitted change (counted as made today, 15 November 2026)" in en
    for text in (nl, en):
        assert "(uncommitted)" not in text and "(commit )" not in text


def test_the_memo_cites_the_commit_that_registered_the_effects_not_the_scaffold(tmp_path, capsys):
    """The memo named the first commit of effects.yaml as the pre-registration: the empty scaffold,
    months before the effects were written (after the start), while REG001 in the same memo said
    they came too late. Now it cites the commit that holds the effects, as the REG rules do."""
    root = make_repo(tmp_path / "p", git=False)  # the pilot of DECISION_APP started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    written = effects.read_text(encoding="utf-8")
    effects.write_text("effects: []\n", encoding="utf-8")
    git = Git(root)
    git.commit("Scaffold the dossiers", "2024-01-10")
    text = memo_text(root, DECISION_APP, capsys)
    assert "effects.yaml is vastgelegd in git, maar nooit met een effect" in text

    effects.write_text(written, encoding="utf-8")
    late = git.commit("Write down the effects", "2024-12-01", author="J. Jansen <j@test.example>")[:7]
    text = memo_text(root, DECISION_APP, capsys)
    assert f"De effecten zijn vastgelegd in commit {late} op 1 december 2024 door J. Jansen." in text
    assert "ná de start van de pilot (4 november 2024)" in text and "REG001" in text

    # registered before the start and refined before it too: the version in force at the start
    root = make_repo(tmp_path / "q", git=False)
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    git = Git(root)
    edit_yaml(effects, lambda d: d["effects"][0].update(target=d["effects"][0]["target"] - 1))
    git.commit("First draft of the effects", "2024-01-10")
    effects.write_text(written, encoding="utf-8")
    refined = git.commit("Effects agreed", "2024-10-01")[:7]
    text = memo_text(root, DECISION_APP, capsys)
    assert f"De effecten zijn vastgelegd in commit {refined} op 1 oktober 2024" in text
    assert "34 dagen vóór de start van de pilot" in text



def test_the_memo_does_not_cite_a_backdated_commit_after_the_start_as_the_pre_registration(tmp_path, capsys):
    """A commit dated before the start that follows a commit made after it was cited as the
    pre-registration (and REG002 missed its change): the registration is what came before."""
    root = make_repo(tmp_path / "p", git=False)  # the pilot of DECISION_APP started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    git = Git(root)
    registered = git.commit("Effects agreed", "2024-10-01")[:7]
    effects.write_text("# reviewed\n" + effects.read_text(encoding="utf-8"), encoding="utf-8")
    git.commit("Comment the effects", "2025-03-01")
    edit_yaml(effects, lambda d: d["effects"][0].update(target=d["effects"][0]["target"] - 5))
    backdated = git.commit("Adjust the target", "2024-10-15")[:7]
    text = memo_text(root, DECISION_APP, capsys)
    assert f"De effecten zijn vastgelegd in commit {registered} op 1 oktober 2024" in text
    assert f"vastgelegd in commit {backdated}" not in text and "REG002" in text


def test_the_memo_says_when_the_effects_were_committed_after_the_start_under_an_earlier_date(tmp_path, capsys):
    root = make_repo(tmp_path / "p", git=False)  # the pilot of DECISION_APP started 2024-11-04
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    first = yaml.safe_load(effects.read_text(encoding="utf-8"))["effects"][0]["id"]
    full = Git(root).commit("Effects agreed", "2024-10-01", committed="2025-01-15")
    nl = memo_text(root, DECISION_APP, capsys)
    assert (f"{first} is vooraf vastgelegd in commit {full[:7]}, gedateerd 1 oktober 2024 maar pas op 15 januari 2025 "
            "in git gezet, na de start van de pilot op 4 november 2024.") in nl
    en = memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert (f"{first} was registered in commit {full[:7]}, dated 1 October 2024 but committed on 15 January 2025, "
            "after the pilot started on 4 November 2024.") in en

def test_a_dossier_file_hidden_by_gitignore_makes_the_memo_a_draft(tmp_path, capsys):
    """git status does not list ignored files: effects.yaml taken out of git and ignored looked
    committed to the memo, which --final then signed with a HEAD that holds no effects."""
    root = make_repo(tmp_path / "p")
    (root / ".gitignore").write_text("applications/*/effects.yaml\n", encoding="utf-8")
    git = Git(root)
    git.run("rm", "-q", "--cached", f"applications/{DECISION_APP}/effects.yaml")
    git.commit("Housekeeping", "2025-06-01")  # after the start: the effects were registered before it
    text = memo_text(root, DECISION_APP, capsys)
    assert "**CONCEPT**" in text and f"applications/{DECISION_APP}/effects.yaml" in text
    assert "REG0" not in text  # the draft is for the file outside git, not for a check error
    code, _out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--final",
                           "--out", str(tmp_path / "m.md")], capsys)
    assert code == 2 and "--final refused" in err and not (tmp_path / "m.md").exists()


def test_production_since_comes_from_git_when_the_dossier_does_not_say(tmp_path, capsys):
    """Without stage_since the memo read "is sinds niet opgegeven in productie" although git
    knows when the stage was set; with neither, the sentence leaves the date out."""
    root = make_repo(tmp_path / "p", git=False)
    app_yaml = root / "applications" / DECISION_APP / "application.yaml"
    edit_yaml(app_yaml, lambda d: d.pop("stage_since"))
    edit_yaml(app_yaml, lambda d: d.update(stage="evaluation"))
    git = Git(root)
    git.commit("Dossiers", "2024-01-10")
    edit_yaml(app_yaml, lambda d: d.update(stage="production"))
    git.commit("Scale up", "2025-07-01")
    text = memo_text(root, DECISION_APP, capsys)
    assert "sinds 1 juli 2025 in productie" in text and "niet opgegeven in productie" not in text

    nogit = make_repo(tmp_path / "q", git=False)
    edit_yaml(nogit / "applications" / DECISION_APP / "application.yaml", lambda d: d.pop("stage_since"))
    code, out, err = run(["memo", DECISION_APP, "-p", str(nogit), "--today", TODAY, "--out", "-"], capsys)
    assert code == 0, err
    assert "is in productie, na een pilot van" in out and "sinds niet opgegeven" not in out


def test_a_decision_memo_is_refused_where_there_is_nothing_to_decide(repo, capsys):
    """--type decision on a planned application wrote "in evaluation after the pilot (not given
    to not given)" with exit 0."""
    code, out, err = run(["memo", PROPOSAL_APP, "-p", str(repo), "--today", TODAY, "--type", "decision",
                          "--out", "-"], capsys)
    assert code == 2 and out == ""
    assert "has no outcome or decision" in err and "--type proposal" in err
    assert "Besluitvormingsmemo" in memo_text(repo, DECISION_APP, capsys, "--type", "decision")


def _on_a_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run the raio script with a pseudo-terminal as standard output: (exit code, what reached
    the terminal, standard error)."""
    import os
    import pty
    import sys

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([str(Path(sys.executable).parent / "raio"), *args], cwd=cwd, stdout=follower,
                                stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"))
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed: the process ended
                break
            if not chunk:
                break
            shown += chunk
        err = proc.stderr.read().decode("utf-8", "replace")
        return proc.wait(timeout=120), shown, err
    finally:
        os.close(leader)


@pytest.mark.parametrize("command, fmt", [("memo", "pdf"), ("memo", "docx"), ("report", "pdf")])
def test_binary_documents_go_to_a_pipe_never_onto_a_terminal(repo, tmp_path, command, fmt):
    """'-o -' with PDF or DOCX is refused with exit 2 when standard output is a terminal (binary
    bytes there garble it): nothing but the message, which says to give a file. Into a pipe it
    is written, as --help says."""
    import os
    import sys

    args = ([command, DECISION_APP, "-p", str(repo)] if command == "memo" else [command, str(repo)]) + \
        ["-f", fmt, "-o", "-", "--today", TODAY]
    code, shown, err = _on_a_terminal(args, tmp_path)
    assert code == 2 and shown == b""
    assert "binary and standard output is a terminal" in err and f"--out {command}.{fmt}" in err
    raio = str(Path(sys.executable).parent / "raio")
    piped = subprocess.run([raio, *args], capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
    helped = subprocess.run([raio, command, "--help"], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, COLUMNS="200"))
    assert "never onto a terminal" in " ".join(helped.stdout.split())


def test_role_slugs_are_shown_as_roles_in_the_memos_language(tmp_path, capsys):
    """raio new-pilot and the catalog write owners as role slugs (clinical-physicist, raio ...):
    a board reads the role in its own language; an owner the hospital wrote itself stays as written."""
    import docx
    from pypdf import PdfReader

    root = make_repo(tmp_path / "portfolio", git=False)
    base = root / "applications" / PROPOSAL_APP
    slugs = {"input-data": "clinical-physicist", "bias-analysis": "clinical-physicist",
             "works-council": "raio", "integration-test": "cmio", "security-review": "ciso"}

    def owners(d):
        for item in d["items"]:
            item["owner"] = slugs.get(item["id"], item.get("owner"))
    edit_yaml(base / "compliance.yaml", owners)
    edit_yaml(base / "application.yaml", lambda d: d["owner"].update(role="clinical-physicist"))
    edit_yaml(root / "applications" / DECISION_APP / "monitoring.yaml", lambda d: d["plan"].update(owner="raio"))
    Git(root).commit("Dossiers with role slugs", "2024-01-10")

    nl = memo_text(root, PROPOSAL_APP, capsys)
    assert "| klinisch fysicus | Invoerdata relevant en representatief | in uitvoering |" in nl
    assert "| RAIO | Ondernemingsraad en medewerkers geïnformeerd | open |" in nl
    assert "| CMIO | Integratietest PACS, RIS en EPD | open |" in nl
    assert "| dr. Sophie van Dam, klinisch fysicus |" in nl
    assert "| teamleider laboranten | Werkinstructie en scholing laboranten | open |" in nl  # free text as written
    assert "clinical-physicist" not in nl and "| raio |" not in nl and "| cmio |" not in nl
    # the slug "ciso" and the hospital's "CISO" are one owner, not two groups
    assert nl.count("| CISO |") == 1
    en = memo_text(root, PROPOSAL_APP, capsys, "--lang", "en")
    assert "| clinical physicist | Input data relevant and representative | in progress |" in en
    assert "clinical-physicist" not in en

    decision = memo_text(root, DECISION_APP, capsys)
    assert "maandelijks, door RAIO" in decision and "maandelijks, door raio" not in decision

    out = tmp_path / "memo.docx"
    code, _stdout, err = run(["memo", PROPOSAL_APP, "-p", str(root), "--today", TODAY, "--format", "docx",
                              "--out", str(out)], capsys)
    assert code == 0, err
    cells = [c.text for table in docx.Document(str(out)).tables for row in table.rows for c in row.cells]
    assert "klinisch fysicus" in cells and "dr. Sophie van Dam, klinisch fysicus" in cells
    assert not any("clinical-physicist" in c for c in cells)

    data, _name, _draft = render_memo(root, PROPOSAL_APP, "pdf", "nl", EXAMPLE_TODAY)
    flat = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    assert "klinisch fysicus" in flat and "clinical-physicist" not in flat


def test_board_text_names_no_dossier_file_or_field(tmp_path, capsys):
    """A decision memo without a recommendation says so in words, not as "(pilot.yaml decision)"."""
    root = make_repo(tmp_path / "portfolio", git=False)
    def undecided(d):
        del d["decision"]
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", undecided)
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(stage="evaluation"))
    Git(root).commit("Dossiers, the decision not yet taken", "2024-01-10")
    for lang, words in (("nl", "Er is nog geen advies vastgelegd in het dossier."),
                        ("en", "No recommendation is recorded in the dossier yet.")):
        text = memo_text(root, DECISION_APP, capsys, "--lang", lang)
        ask = next(line for line in text.splitlines() if words in line)
        assert "pilot.yaml" not in ask and "decision" not in ask.replace("decision memo", "")


def test_no_fixed_text_of_a_memo_names_a_dossier_field():
    """The board reads words, not the dossier's field names ("pilot.yaml decision", "post_hoc")."""
    from conftest import texts

    for lang in i18n.LANGS:
        for text in texts(i18n.strings(lang)):
            assert "pilot.yaml" not in text and "override_rationale" not in text and "(post_hoc)" not in text, text


def test_the_compliance_count_and_the_open_items_table_say_what_they_count(repo, capsys):
    """The sentence counts the items the next gate requires; the table also lists items open in
    the dossier that are required later, and says for which stage each one is required."""
    for lang, stage, sentence in (
            ("nl", "pilot", r"(\d+) van (\d+) verplichte punten voor de fase pilot zijn afgerond\. "
                            r"Daarnaast staan (\d+) punten open die voor de fase pilot niet verplicht zijn"),
            ("en", "pilot", r"(\d+) of (\d+) items required for the pilot stage are settled\. "
                            r"(\d+) more items are open that the pilot stage does not require")):
        text = memo_text(repo, PROPOSAL_APP, capsys, "--lang", lang)
        done, total, other = (int(x) for x in re.search(sentence, text).groups())
        section = text.split("## " + i18n.strings(lang)["section_compliance"])[1].split("\n## ")[0]
        header = next(line for line in section.splitlines() if line.startswith("| " + i18n.strings(lang)["compliance_owner"]))
        assert header.rstrip(" |").endswith(i18n.strings(lang)["compliance_needed_for"])
        rows = [line.strip("| ").split(" | ") for line in section.splitlines()
                if line.startswith("| ") and line != header]
        now = [r for r in rows if r[-1] == stage]
        assert (done, total, other) == (7, 13, 4)
        assert len(now) == total - done and len(rows) - len(now) == other


def test_the_departure_line_follows_the_decision_rules(tmp_path, capsys):
    """A scale-up whose primary effect was met, with only a non-primary guardrail inconclusive,
    read "the recommendation departs from what the results indicate; justification: none
    recorded" twice, while raio check (DEC001, DEC002) rightly reported nothing. The line is for
    what those rules flag: a breached guardrail or a primary effect not shown."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-01-05")
    text = memo_text(root, "stroke-lvo-triage", capsys, "--lang", "en")
    assert "departs from what the results" not in text
    pilot = root / "applications" / "stroke-lvo-triage" / "pilot.yaml"
    edit_yaml(pilot, lambda d: next(r for r in d["outcome"]["results"] if r["effect"] == "E1").update(
        observed=None, missing_reason="The door-to-groin times were not exported in time."))
    git = Git.__new__(Git)
    git.root = root
    git.commit("E1 missing", "2026-01-06")
    text = memo_text(root, "stroke-lvo-triage", capsys, "--lang", "en")
    assert text.count("The decision departs from what the results registered in advance indicate. "
                      "Justification: none recorded in the dossier.") >= 1  # in production: the board's decision


def test_a_proposal_speaks_of_the_planned_start_and_never_repeats_the_name(tmp_path, capsys):
    """A proposal said the effects were registered "days before the pilot started" of a start
    still ahead, and an application without product or vendor read "a pilot of Test (Test)"."""
    root = make_repo(tmp_path / "p", git=False)
    app_yaml = root / "applications" / PROPOSAL_APP / "application.yaml"
    edit_yaml(app_yaml, lambda d: (d.pop("product"), d.pop("vendor")))
    Git(root).commit("Dossiers", "2024-01-10")
    name = yaml.safe_load(app_yaml.read_text(encoding="utf-8"))["name"]
    text = memo_text(root, PROPOSAL_APP, capsys)
    assert "dagen vóór de geplande start van de pilot (11 januari 2027)" in text
    assert f"{name} ({name})" not in text and f"een pilot met {name} van " in " ".join(text.split())


def test_an_extension_in_effect_is_confirmed_not_decided_again(tmp_path, capsys):
    """A pilot extended on 3 August and running again asked the board "to decide: extend once".
    (Past the policy's decision_confirm_days nothing is asked while the extension runs:
    test_a_memo_long_after_an_extension_asks_nothing_while_the_extended_pilot_runs.)"""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    code, text, err = run(["memo", "prostaat-mri-pirads", "-p", str(root), "--today", "2026-08-20", "--out", "-",
                           "--type", "decision"], capsys)
    assert code == 0, err
    assert ("De raad van bestuur wordt gevraagd het besluit van 3 augustus 2026 (eenmalig verlengen) te bevestigen"
            in text)
    assert "wordt gevraagd te besluiten: eenmalig verlengen" not in text
    # the extension runs to its end date included, as the period above it says ("tot" leaves the day out)
    assert "- **Periode:** 5 januari 2026 tot en met 18 december 2026" in text
    assert "- **Verlengingen:** tot en met 18 december 2026: " in text


def test_a_retired_application_is_recorded_not_put_to_the_board_again(tmp_path, capsys):
    """A retired application's memo asked the board "to confirm the decision of 24 October 2022
    (scale up) and to record its conditions", years later and after it went out of use."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    text = " ".join(memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", "en").split())
    assert "No decision is asked: Hersenvolumetrie op MRI voor de geheugenpoli was retired on 30 June 2026." in text
    assert "This memo records that decision, and the decision of 10 October 2022 (scale up)" in text
    assert "asked to confirm" not in text and "asked to decide" not in text

    pilot = root / "applications" / "hersenvolumetrie-mri" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d.pop("decision"))
    Git(root).commit("Decision taken out", "2026-08-11")
    code, out, err = run(["memo", "hersenvolumetrie-mri", "-p", str(root), "--today", TODAY, "--out", "-",
                          "--lang", "en"], capsys)
    text = " ".join(out.split())
    assert ("decided by: Raad van bestuur, op advies van de AI-stuurgroep. The dossier records no decision "
            "after its pilot.") in text
    assert "The board is asked to choose" not in text


def test_a_pending_decision_says_by_when_the_board_must_decide(tmp_path, capsys):
    """A memo asking the board to choose (scale up, extend or stop) said nothing of the deadline,
    while raio check and the portfolio report count the days to it (DAT003): the board could not
    tell whether the decision was urgent, or already late. The ask now gives the due date, from
    the outcome's date and the policy's decision_due_days, and how late it is."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "longnodule-ct"  # evaluation, outcome of 2026-10-23, no decision; policy: 60 days
    text = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert ("The board is asked to choose: scale up, extend once with a reason, or stop. "
            "The board is to decide by 22 December 2026: 60 days after the outcome of 23 October 2026.") in text
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "De raad van bestuur besluit uiterlijk 22 december 2026: 60 dagen na de uitkomst van 23 oktober 2026." in nl

    code, out, err = run(["memo", app, "-p", str(root), "--today", "2027-02-01", "--out", "-", "--lang", "en"], capsys)
    assert code == 0, err
    text = " ".join(out.split())
    assert ("The board was to decide by 22 December 2026 (60 days after the outcome of 23 October 2026): "
            "41 days overdue.") in text
    # the same deadline raio check reports (2026-12-22), in the memo's words
    assert "DAT003" in text and "it was due by 22 December 2026" in text

    # a decision in effect has no deadline left to meet
    text = " ".join(memo_text(root, "fractuurdetectie-seh", capsys, "--lang", "en").split())
    assert "to decide by" not in text


def test_a_decision_taken_is_called_a_decision_and_one_proposed_a_recommendation(tmp_path, capsys):
    """The memo of an application in production read "Recommendation: scale up (decided on 26
    June 2025)", and one still in evaluation, whose decision the board is only asked to take,
    read "Recommendation: scale up (decided on ...)": a board member could not tell whether the
    board had decided. A decision in effect is now a decision; one still to take a recommendation."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for fmt in ("md", "html"):
        code, out, err = run(["memo", "fractuurdetectie-seh", "-p", str(root), "--today", TODAY, "--out", "-",
                              "--lang", "en", "--format", fmt], capsys)
        assert code == 0, err
        flat = " ".join(re.sub(r"<[^>]+>", " ", out).replace("**", "").split())
        assert "Decision: scale up (decided on " in flat or "Decision scale up (decided on " in flat
        assert "Recommendation: scale up" not in flat and "Recommendation scale up" not in flat
    nl = " ".join(memo_text(root, "fractuurdetectie-seh", capsys).split())
    assert "**Besluit:** opschalen (besluit van " in nl and "**Advies:**" not in nl

    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d.update(decision={"choice": "scale-up", "date": dt.date(2026, 11, 12),
                                                  "rationale": "E1 nearly shown; E3 measured after scale-up"}))
    Git(root).commit("The RAIO's recommendation", "2026-11-12")
    text = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())
    assert "**Recommendation:** scale up (recommended on 12 November 2026)" in text
    assert "decided on" not in text and "**Decision:**" not in text
    assert "The board is asked to decide: scale up." in text


def test_the_radar_level_is_named_and_explained_for_the_board(repo, capsys):
    """A pilot proposal's effects table had a column "RADAR" holding bare numbers (4, 7, 1): a
    board member had no way to tell what the level means. The cell now names the level and the
    text above the table says what RADAR is."""
    for lang, cell, words in (("en", "| 4 (therapeutic) |", "RADAR: the level of value"),
                              ("nl", "| 4 (therapeutisch) |", "RADAR: het niveau van waarde")):
        text = memo_text(repo, PROPOSAL_APP, capsys, "--lang", lang)
        assert cell in text
        intro = text.split("## " + i18n.strings(lang)["section_effects_proposal"])[1].split("\n| ")[0]
        assert words in " ".join(intro.split())


def _memo_words(root: Path, app: str, fmt: str, lang: str) -> str:
    """The memo's text as a reader sees it, one space between words, in any format."""
    data, _name, _draft = render_memo(root, app, fmt, lang, EXAMPLE_TODAY)
    return _memo_words_of(data, fmt)


def _memo_words_of(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        from pypdf import PdfReader

        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    elif fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
        text = "\n".join(parts)
    else:
        text = data.decode("utf-8")
        text = re.sub(r"<[^>]+>", " ", text).replace("**", "").replace("|", " ")
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_sign_off_and_heading_fit_the_decision_taken_recommended_or_asked(tmp_path, fmt):
    """A board member read, in the memo of an application still in evaluation whose pilot.yaml
    named the recommender in decided_by, "For the decision: dr. Lotte Visser" where the board's
    signature line belongs; a pilot proposal read "Decided by: not given"; the heading
    "Recommendation and decision asked" stood over a decision long in effect; and with no
    decision recorded that section repeated the summary's sentence word for word. Each case now
    has its own heading and sign-off, in every format."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml",
              lambda d: d.update(decision={"choice": "scale-up", "date": dt.date(2026, 11, 12),
                                           "decided_by": "dr. Lotte Visser",
                                           "rationale": "E1 nearly shown; E3 measured after scale-up"}))
    Git(root).commit("Example, a recommendation recorded", "2026-11-12")
    en = {k: i18n.strings("en")[k] for k in ("sign_board", "sign_decided", "sign_recommended")}

    # evaluation, a scale-up with decided_by: taken (raio check's DEC004 asks to move the stage,
    # the report and raio status call it decided), signed for by who decided it
    text = _memo_words(root, "longnodule-ct", fmt, "en")
    assert "Decision taken" in text and "Recommendation and decision asked" not in text
    assert "Decided by dr. Lotte Visser" in text.replace(":", "")
    assert en["sign_decided"] in text

    # without decided_by it is the recommendation put to the board: the board signs
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml", lambda d: d["decision"].pop("decided_by"))
    Git(root).commit("Example, a recommendation recorded without who decided", "2026-11-12")
    text = _memo_words(root, "longnodule-ct", fmt, "en")
    assert "Recommendation and decision asked" in text
    assert en["sign_board"] in text and en["sign_decided"] not in text
    assert "Decided by" not in text
    assert "Decision asked of the board of directors" in text.replace(":", "")

    # production: the decision is taken and in effect
    text = _memo_words(root, "fractuurdetectie-seh", fmt, "en")
    assert "Decision taken" in text and "Recommendation and decision asked" not in text
    assert "Decided by" in text

    # a pilot proposal has no decision yet: it says of whom it asks one
    text = _memo_words(root, "ct-lichaamssamenstelling", fmt, "en")
    assert "Decided by" not in text and "Decision asked of the board of directors" in text.replace(":", "")
    assert en["sign_board"] in text

    # no decision recorded: "Decision asked", and what the results indicate said once, in the summary
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml", lambda d: d.pop("decision"))
    Git(root).commit("The recommendation taken out", "2026-11-13")
    for lang in ("en", "nl"):
        text = _memo_words(root, "longnodule-ct", fmt, lang)
        words = i18n.strings(lang)
        assert words["section_decision_asked"] in text and words["section_ask_decision"] not in text
        indicates = build_context(root, "longnodule-ct", lang, EXAMPLE_TODAY)["indicates_text"]
        assert text.count(indicates) == 1, indicates
        assert words["label_decided_by"] not in text and words["label_recommended_by"] not in text


@pytest.mark.parametrize("today, amended", [("2025-12-15", False), ("2026-07-27", True)])
def test_the_memo_cites_art_4_as_worded_on_its_date(tmp_path, today, amended):
    """A memo dated 15 December 2025 quoted AI literacy as "Art 4 as amended by Regulation (EU)
    2026/1744", a regulation in force from 27 July 2026. It now quotes the wording in force on
    the memo's date, from the catalog: in the DRAFT box's finding and in the item's basis."""
    root = copy_example(tmp_path / "p")

    def literacy_open(d):
        for item in d["items"]:
            if item["id"] == "ai-literacy":
                item.clear()
                item.update(id="ai-literacy", status="open", owner="raio")
    edit_yaml(root / "applications" / DECISION_APP / "compliance.yaml", literacy_open)
    Git(root).commit("Example, AI literacy still open", "2025-12-01")
    day = dt.date.fromisoformat(today)
    for fmt in ("md", "docx"):
        data, _name, draft = render_memo(root, DECISION_APP, fmt, "en", day)
        assert draft
        if fmt == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            text = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        else:
            text = data.decode("utf-8")
        box = " ".join(text.split())
        assert "DAT012" in box and "Art 4" in box and "Art 113(a)" in box
        assert ("2026/1744" in box) is amended
    context = build_context(root, DECISION_APP, "en", day)
    [basis] = [e["basis"] for group in context["compliance"]["by_owner"] for e in group["entries"]
               if e["id"] == "ai-literacy"]
    assert basis.startswith("EU AI Act (Regulation 2024/1689) Art 4") and ("2026/1744" in basis) is amended


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_a_dutch_draft_box_words_its_common_errors_in_dutch(tmp_path, fmt):
    """The DRAFT box of a Dutch memo quoted its findings in English ("decision overdue by 72
    days: the outcome of ..."), only the REG findings were translated. The errors that most often
    make a memo a draft (an overdue decision, an expired CE certificate or checklist item) are
    now Dutch; any finding left in English keeps its code, file and line, and the box tells a
    Dutch reader how to look the code up."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    day = dt.date(2027, 6, 1)  # longnodule-ct: decision overdue; stroke-lvo-triage: certificate and items expired

    def words(app: str) -> str:
        data, _name, draft = render_memo(root, app, fmt, "nl", day)
        assert draft
        return _memo_words_of(data, fmt)

    text = words("longnodule-ct")
    assert "DAT003" in text and "applications/longnodule-ct/pilot.yaml:" in text
    assert "Het besluit is 161 dagen te laat: na de uitkomst van 23 oktober 2026 had uiterlijk 22 december 2026" in text
    assert "decision overdue" not in text and "asked for a decision" not in text
    text = words("stroke-lvo-triage")
    assert "Het CE-certificaat is verlopen op 31 januari 2027 (121 dagen geleden)." in text
    assert "Nalevingspunt ai-literacy is verlopen op 12 februari 2027 (109 dagen geleden), maar staat op afgerond." in text
    assert "expired on" not in text and "but is marked done" not in text
    assert "raio rule" not in text  # every error is in Dutch: no note needed

    # a schema error is Dutch too, with its code, file and line; nothing is left in English, so no note
    def break_result(d):
        d["outcome"]["results"][0]["observed"] = "about ninety"
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", break_result)
    Git(root).commit("A typo in a result", "2026-11-11")
    text = words(DECISION_APP)
    assert re.search(r"SCH003:? .+ moet een getal zijn, niet tekst\.? \(applications/fractuurdetectie-seh/pilot\.yaml:\d+\)",
                     text)
    assert "must be" not in text and "Meldingen zonder Nederlandse tekst" not in text and "raio rule" not in text


def test_a_dutch_draft_box_words_ai_act_and_gate_errors_in_dutch(tmp_path):
    """An application in use whose AI literacy is still in progress and whose human oversight is
    missing made a Dutch memo a draft with "AI literacy duty applies ... not done: ai-literacy
    (in-progress)" and "stage 'production' needs checklist item ...": both are now Dutch, with
    the Art 4 wording in force on the memo's date."""
    root = copy_example(tmp_path / "p")
    app = "mammografie-tweede-lezer"

    def change(d):
        d["items"] = [i for i in d["items"] if i["id"] != "human-oversight"]
        next(i for i in d["items"] if i["id"] == "ai-literacy")["status"] = "in-progress"
    edit_yaml(root / "applications" / app / "compliance.yaml", change)
    Git(root).commit("Example", "2025-12-01")
    data, _name, draft = render_memo(root, app, "md", "nl", dt.date(2025, 12, 15))
    text = " ".join(data.decode("utf-8").split())
    assert draft
    assert ("DAT012: Plicht tot AI-geletterdheid van toepassing (art. 4, geldend op grond van art. 113, onder a) "
            "sinds 2 februari 2025 (316 dagen geleden); niet afgerond: ai-literacy (in uitvoering).") in text
    assert ("GAT003: De fase productie vereist dat nalevingspunt human-oversight (Menselijk toezicht belegd bij "
            "benoemde personen) is afgerond of niet van toepassing; het staat niet in het dossier") in text
    assert "checklist item" not in text and "not done:" not in text


def _ai_literacy_in_progress(dest: Path) -> tuple[Path, str]:
    """The example portfolio, committed with the AI literacy item of one application still in
    progress (so that its memo's DRAFT box quotes the AI Act's date): the portfolio and that id."""
    root = copy_example(dest)
    app = "mammografie-tweede-lezer"
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: next(i for i in d["items"] if i["id"] == "ai-literacy").update(status="in-progress"))
    Git(root).commit("Example, AI literacy in progress", "2025-12-01")
    return root, app


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_dutch_memo_cites_the_ai_act_article_in_dutch(tmp_path, fmt):
    """The DRAFT box of a Dutch memo quoted the AI Act's article in English inside its Dutch
    sentence: "Plicht tot AI-geletterdheid van toepassing (Art 4 as amended by Regulation (EU)
    2026/1744 (applicable under Art 113(a))) sinds ...". The catalog now gives each article in
    Dutch too (article_nl, per wording), and a Dutch memo quotes that one, as worded on its date;
    the English memo keeps the English."""
    root, app = _ai_literacy_in_progress(tmp_path / "p")
    day = dt.date(2026, 8, 1)
    text = _memo_words_of(render_memo(root, app, fmt, "nl", day)[0], fmt)
    assert ("Plicht tot AI-geletterdheid van toepassing (art. 4 zoals gewijzigd bij Verordening (EU) 2026/1744, "
            "geldend op grond van art. 113, onder a) sinds 2 februari 2025") in text
    for english in ("as amended", "applicable under", "Regulation (EU)", "Art 4"):
        assert english not in text, english
    text = _memo_words_of(render_memo(root, app, fmt, "en", day)[0], fmt)
    assert "AI literacy duty applies (Art 4 as amended by Regulation (EU) 2026/1744 (applicable under Art 113(a)))" in text


# --------------------------------------------------------------------------------------------
# Every error a board can meet in the DRAFT box, in Dutch


def _dossier_with_many_errors(dest: Path) -> Path:
    """The example portfolio committed, then one commit that breaks a dossier in many ways: a
    schema error, a reversed interval, no decider, a missing evidence file, a BSN in a value and
    in a comment, a duplicate key, an application whose id is not its folder, an empty file."""
    root = copy_example(dest)
    Git(root).commit("Example", "2026-11-10")
    app = root / "applications" / DECISION_APP

    def pilot(d):
        d["outcome"]["results"][0]["observed"] = "about ninety"
        d["outcome"]["results"][1]["interval"] = [0.9, 0.1]
        d["decision"]["decided_by"] = ""
    edit_yaml(app / "pilot.yaml", pilot)

    def compliance(d):
        d["items"][0]["evidence"] = "evidence/missing-dpia.pdf"
        d["items"][1]["note"] = "BSN 111222333"
        d["items"].append(dict(d["items"][2]))
        d["items"].append({"id": "dpia", "status": "not-applicable"})
    edit_yaml(app / "compliance.yaml", compliance)
    problem = app / "problem.yaml"
    problem.write_text(problem.read_text(encoding="utf-8") + "statement: twice\n# patient 123456782\n", encoding="utf-8")
    other = root / "applications" / "thoraxfoto-triage"
    edit_yaml(other / "application.yaml", lambda d: d.update(id="thorax-triage"))
    (other / "monitoring.yaml").write_text("", encoding="utf-8")
    (other / "problem.yaml").write_text("statement: [unclosed\n", encoding="utf-8")
    Git(root).commit("Typos", "2026-11-11")
    return root


def test_every_error_code_has_a_dutch_wording():
    """A Dutch memo's DRAFT box showed about sixty error codes in English ("YAML syntax error",
    "unknown field", "is done but names no evidence" ...). Every code that can be an error now
    has a Dutch wording (the code itself, or one per variant: <code>_<variant>)."""
    from raio_cli.rules import load_all

    worded = set(i18n.strings("nl")["finding"])
    errors = sorted(code for code, r in load_all().items() if r.severity == Severity.ERROR)
    missing = [code for code in errors if not any(k == code or k.startswith(code + "_") for k in worded)]
    assert not missing


def test_every_code_that_can_reach_a_memo_has_a_dutch_wording_in_step_with_the_english():
    """A finding reaches a board's memo in the DRAFT box (errors) and in the decision memo's
    pre-registration section (the REG findings, warnings too); the report quotes none. Every code
    of the rule registry that can get there, at any severity its rule gives, has a Dutch wording
    (the code, or one per variant), and each Dutch wording has an English one with the same
    fields; so a new rule, or a memo that starts to show warnings, cannot leave English in a
    Dutch memo unnoticed."""
    from raio_cli.documents.memo import shown_in_memo
    from raio_cli.rules import load_all

    nl, en = i18n.strings("nl")["finding"], i18n.strings("en")["finding"]
    missing = []
    for code, r in sorted(load_all().items()):
        severities = set(Severity) if r.severity_note else {r.severity}  # a rule that varies it: any
        if not any(shown_in_memo(code, s) for s in severities):
            continue
        if not any(k == code or k.startswith(code + "_") for k in nl):
            missing.append(code)
    assert not missing, f"codes that can reach a memo without a Dutch wording: {missing}"
    assert shown_in_memo("REG003", Severity.WARNING) and not shown_in_memo("OUT011", Severity.WARNING)
    for key, dutch in nl.items():
        assert key in en, key
        assert set(re.findall(r"{(\w+)}", dutch)) == set(re.findall(r"{(\w+)}", en[key])) - {"detail"}, key


def test_every_error_of_a_broken_dossier_is_worded_in_dutch_with_the_fields_it_gives(tmp_path):
    """Every error finding of a dossier broken in many ways is worded in Dutch from its own values:
    the wording's fields are all in the finding's data, and the Dutch text is not the English
    message; an identifier stays masked."""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import _finding_template, finding_text, is_translated

    root = _dossier_with_many_errors(tmp_path / "p")
    result = run_check_at(root, "2027-06-01")
    errors = [f for f in result.findings if f.severity == Severity.ERROR]
    met = {f.code for f in errors}
    assert {"SCH002", "SCH003", "OUT006", "DEC008", "GAT002", "CMP003", "CMP004", "CMP007", "PRV001", "PRV005",
            "YML001", "YML002", "YML013", "IDN001"} <= met, met
    nl, en = Text("nl"), Text("en")
    for f in errors:
        template = _finding_template(f, nl)
        assert template and is_translated(f, nl), f
        fields = set(re.findall(r"{(\w+)}", template))
        assert fields <= set(f.data) - {"variant"}, (f.code, fields, f.data)
        assert fields == set(re.findall(r"{(\w+)}", _finding_template(f, en))) - {"detail"}, f.code
        dutch = finding_text(f, nl)
        assert dutch != f.message and "{" not in dutch, f
        assert "111222333" not in dutch and "123456782" not in dutch


def run_check_at(root: Path, today: str):
    from conftest import run_check

    return run_check(root, today=today)


def test_a_dutch_draft_box_with_many_errors_is_all_dutch_and_needs_no_lookup_note(tmp_path):
    """The memo of the broken dossier: each error in Dutch with its code, file and line, no
    English message left, so no sentence about looking up English findings; BSNs masked."""
    root = _dossier_with_many_errors(tmp_path / "p")
    data, _name, draft = render_memo(root, DECISION_APP, "md", "nl", dt.date(2027, 6, 1))
    text = " ".join(data.decode("utf-8").split())
    assert draft
    assert "SCH002: Onbekend veld 'note' in items\\[1\\]. (applications/fractuurdetectie-seh/compliance.yaml:" in text
    assert "DEC008: Bij het besluit staat niet wie het heeft genomen. (applications/fractuurdetectie-seh/pilot.yaml:" in text
    assert "OUT006: Bij het interval \\[0,9; 0,1\\] van E2 ligt de ondergrens boven de bovengrens." in text
    assert "YML002: De sleutel 'statement' staat twee keer in dezelfde mapping (eerst op regel 2)" in text
    assert "Regel 41: een commentaar bevat een nummer dat de BSN-controle (elfproef) doorstaat: \\*\\*\\*\\*\\*\\*\\*82." in text
    for english in ("unknown field", "is done but", "does not say who decided", "duplicate key", "holds a number"):
        assert english not in text
    assert "111222333" not in text and "123456782" not in text
    assert "Meldingen zonder Nederlandse tekst" not in text and "raio rule" not in text
    context = build_context(root, "thoraxfoto-triage", "nl", dt.date(2027, 6, 1))
    assert all(e["translated"] for e in context["errors"]) and not context["errors_note"]
    codes = {e["code"] for e in context["errors"]}
    assert {"YML001", "YML013", "IDN001"} <= codes, codes


def test_a_long_application_name_wraps_in_the_pdf_header_beside_the_portfolio_not_under_it(tmp_path):
    """A long name ran the running header of the PDF memo onto a second line that began under the
    portfolio's name at the left margin; the title and name are now a right-aligned column of
    their own, with the DRAFT mark at its end."""
    from raio_cli.documents.render_pdf import typst_source

    root = make_repo(tmp_path / "p", git=False)
    long_name = ("Volautomatische detectie, segmentatie en volumetrische groeibepaling van longnodules "
                 "op CT-thoraxonderzoeken met vergelijking met voorgaande onderzoeken")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(name=long_name))
    source = typst_source(build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY))
    header = source[source.index("header: context"):source.index("footer: context")]
    assert "grid(columns: (auto, 1fr)" in header
    right = header[header.index("align(right)["):]
    assert right.index("Volautomatische detectie") < right.index("CONCEPT")  # no git: a draft
    assert "#h(1fr)" not in header


@pytest.mark.parametrize("typed, nl, en", [([8.9, 12.0], "8,9–12,0", "8.9–12.0"), ([8.9, 12], "8,9–12,0", "8.9–12.0"),
                                           ([288, 305], "288–305", "288–305"), ([0.57, 0.6], "0,57–0,60", "0.57–0.60")])
def test_a_typed_interval_shows_both_bounds_with_the_same_decimals(tmp_path, typed, nl, en):
    """The decision memo showed the typed interval [8.9, 12.0] as '8,9–12': the upper bound lost
    the decimal its lower bound has, as if it were less precise."""
    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: next(r for r in d["outcome"]["results"] if r["effect"] == "G2").update(interval=typed))
    for lang, shown in (("nl", nl), ("en", en)):
        rows = {e["id"]: e for e in build_context(root, "longnodule-ct", lang, EXAMPLE_TODAY)["effects"]}
        assert rows["G2"]["interval"] == shown


def test_a_new_end_left_in_a_scale_up_decision_is_not_shown_as_the_pilot_s_new_end(tmp_path, capsys):
    """The template's decision block ends in `new_end:` (only for extend); a RAIO who uncommented the
    whole block and chose scale-up got a memo saying 'New end date: 31 December 2026'."""
    root = make_repo(tmp_path / "p")
    pilot = root / "applications" / DECISION_APP / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["decision"].update(new_end="2031-12-31"))
    assert yaml.safe_load(pilot.read_text(encoding="utf-8"))["decision"]["choice"] == "scale-up"
    Git(root).commit("Decision with a leftover new_end", "2024-02-01")
    for fmt in ("md", "html"):
        text = memo_text(root, DECISION_APP, capsys, "--format", fmt, "--lang", "en")
        assert "New end date" not in text and "31 December 2031" not in text


def test_the_draft_warning_says_why_the_memo_is_a_draft(tmp_path, capsys):
    """The memo was a draft only for an uncommitted edit, yet the warning told the user to 'fix the
    errors of raio check', which had none; it now names the reason the memo itself gives."""
    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    edit_yaml(app / "problem.yaml", lambda d: d.update(statement="Een nog niet vastgelegde formulering."))
    code, out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY], capsys)
    assert code == 0, err
    assert "DRAFT" in err and f"uncommitted changes (git) in: applications/{DECISION_APP}/problem.yaml" in err
    assert "errors of 'raio check'" not in err
    code, out, err = run(["memo", DECISION_APP, "-p", str(root), "--today", TODAY, "--out", "-"], capsys)
    assert code == 0 and f"uncommitted changes (git) in: applications/{DECISION_APP}/problem.yaml" in err


def test_the_proposal_says_the_stage_each_open_item_is_first_needed_in(tmp_path, capsys):
    """compliance.yaml (and raio check) say the AI Act classification is needed from stage planned;
    the proposal's table said 'Required for stage: pilot' for it, as for every item the pilot gate
    includes, so the RAIO read that it could wait until the pilot."""
    root = tmp_path / "p"
    code, _out, err = run(["init", str(root), "--no-input", "--organisation", "T", "--language", "en", "--ci", "none"], capsys)
    assert code == 0, err
    code, _out, err = run(["new-pilot", "--dir", str(root), "--no-input", "--id", "fresh-app", "--name", "Fresh",
                           "--today", TODAY], capsys)
    assert code == 0, err
    Git(root).commit("Portfolio and a first application", "2026-11-01")
    text = memo_text(root, "fresh-app", capsys, "--lang", "en")
    rows = {cells[2].strip(): cells[4].strip() for cells in (line.split("|") for line in text.splitlines())
            if len(cells) == 6}
    assert rows["AI Act risk classification recorded"] == "planned"
    assert rows["Human oversight assigned to named persons"] == "pilot"
    assert rows["Local validation on own data"] == "evaluation"


def test_the_draft_box_asks_only_for_what_makes_the_memo_a_draft(tmp_path, capsys):
    """A memo that was a draft only for an uncommitted edit said 'Commit the changes and fix the
    errors', though raio check reported none; the box now asks for what its reasons name."""
    root = make_repo(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "problem.yaml",
              lambda d: d.update(statement="Een nog niet vastgelegde formulering."))
    text = memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert "DRAFT" in text and "Commit the changes, then render the memo again." in text
    assert "fix the errors" not in text
    dutch = memo_text(root, DECISION_APP, capsys)
    assert "Leg de wijzigingen vast (git commit); render het memo daarna opnieuw." in dutch
    assert "los de fouten op" not in dutch


# --------------------------------------------------------------------------------------------
# Details raio quotes from a library or the system (libyaml, jsonschema, the OS): a Dutch memo
# words them in Dutch, or leaves them out, and never quotes the English


def _broken_draft(tmp_path: Path, files: dict, config=None) -> tuple[dict, str, dict]:
    """The portfolio with ``files`` (paths under the decision application, or raio.yaml) written
    and committed: the Dutch memo's errors (code: message), its Markdown on one line, and the
    English memo's errors."""
    root = make_repo(tmp_path / "p")
    for rel, content in files.items():
        path = root / rel if rel == "raio.yaml" else root / "applications" / DECISION_APP / rel
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if config is not None:
        edit_yaml(root / "raio.yaml", config)
    Git(root).commit("Broken files", "2024-02-01")
    nl = build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)
    en = build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)
    data, _name, draft = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)
    assert draft and nl["draft"]
    errors = lambda context: {e["where"]: f"{e['code']}: {e['message']}" for e in context["errors"]}  # noqa: E731
    return errors(nl), " ".join(data.decode("utf-8").split()), errors(en)


def test_a_dutch_memo_words_libyamls_syntax_errors_in_dutch(tmp_path):
    """A Dutch memo's DRAFT box said "De YAML-syntaxis klopt hier niet (mapping values are not
    allowed in this context)": libyaml's English inside the Dutch. The problems libyaml names are
    now worded in Dutch."""
    app = f"applications/{DECISION_APP}"
    nl, text, en = _broken_draft(tmp_path, {
        "problem.yaml": "statement: the reader: a radiologist\n",
        "effects.yaml": "effects:\n  - id: E1\n    metric: *nope\n",
        "monitoring.yaml": "frequency: @weekly\n",
        "compliance.yaml": "items: [dpia, mdr\n",
        "pilot.yaml": "start: 2024-01-15\n- end\n",
    })
    assert nl[f"{app}/problem.yaml:1"] == ("YML001: De YAML-syntaxis klopt hier niet: er staat een dubbele punt (':') "
                                           "op een plek waar die niet is toegestaan.")
    assert nl[f"{app}/effects.yaml:3"] == ("YML001: De YAML-syntaxis klopt hier niet: er wordt een alias ('*naam') "
                                           "gebruikt zonder bijbehorend anker ('&naam').")
    assert nl[f"{app}/monitoring.yaml:1"] == ("YML001: De YAML-syntaxis klopt hier niet: er staat een teken waarmee "
                                              "in YAML niets mag beginnen (zoals @ of %).")
    assert nl[f"{app}/compliance.yaml:2"] == ("YML001: De YAML-syntaxis klopt hier niet: een lijst tussen rechte haken "
                                              "is niet goed afgesloten: YAML verwacht hier een komma of ']'.")
    assert nl[f"{app}/pilot.yaml:2"] == ("YML001: De YAML-syntaxis klopt hier niet: hier verwacht YAML een nieuwe "
                                         "sleutel ('sleutel: waarde'), maar er staat iets anders (vaak een verkeerde inspringing).")
    for english in ("mapping values", "not allowed", "undefined alias", "cannot start any token", "did not find", "expected"):
        assert english not in text
    # the English memo explains them as plainly (see
    # test_an_english_memo_explains_a_yaml_syntax_error_as_the_dutch_one_does)
    assert en[f"{app}/problem.yaml:1"] == "YML001: YAML syntax error: there is a colon (':') where none is allowed."
    assert en[f"{app}/effects.yaml:3"] == ("YML001: YAML syntax error: an alias ('*name') is used without a matching "
                                           "anchor ('&name').")
    assert en[f"{app}/compliance.yaml:2"] == ("YML001: YAML syntax error: a list in square brackets is not closed "
                                              "properly: YAML expects a comma or ']' here.")


def test_an_english_memo_explains_a_yaml_syntax_error_as_the_dutch_one_does(tmp_path):
    """A quote left open: the Dutch memo explained "het bestand eindigt binnen een tekst tussen
    aanhalingstekens; het afsluitende aanhalingsteken ontbreekt", the English one gave libyaml's
    "YAML syntax error: found unexpected end of stream", which tells a board nothing. Every YAML
    problem raio words is explained in plain English too, never in libyaml's words."""
    from raio_cli.yamlio import _YAML_PROBLEMS

    app = f"applications/{DECISION_APP}"
    nl, _text, en = _broken_draft(tmp_path, {"problem.yaml": 'statement: "Fractures are missed\nfor_whom: SEH\n'})
    [(where, said)] = [(w, e) for w, e in en.items() if w.startswith(f"{app}/problem.yaml")]
    assert said == ("YML001: YAML syntax error: the file ends inside a quoted text; the closing quote is missing."), said
    assert nl[where] == ("YML001: De YAML-syntaxis klopt hier niet: het bestand eindigt binnen een tekst tussen "
                         "aanhalingstekens; het afsluitende aanhalingsteken ontbreekt.")
    libyaml = {w for key in _YAML_PROBLEMS for w in (key if isinstance(key, tuple) else (key,))}
    english = i18n.strings("en")["yaml_problem"]
    assert set(english) == set(i18n.strings("nl")["yaml_problem"])
    assert [k for k, v in english.items() if v in libyaml or v.startswith(("found ", "did not find", "could not"))] == []


def test_a_control_character_is_worded_in_dutch_at_its_own_line(tmp_path):
    """A control character in a dossier file: the Dutch memo said "(unacceptable character #x0007:
    control characters are not allowed in "<unicode string>", position 40)" at line 1. Now it
    says it in Dutch, with the character, at the line the character is on."""
    nl, text, en = _broken_draft(tmp_path, {"problem.yaml": "statement: Fractures are missed.\nfor_whom: SEH\x07\n"})
    where = f"applications/{DECISION_APP}/problem.yaml:2"
    assert nl[where] == "YML001: Het bestand bevat een stuurteken (#x0007) dat YAML niet toestaat."
    assert "unacceptable" not in text and "control characters" not in text and "unicode string" not in text
    assert en[where] == "YML001: YAML syntax error: unacceptable character #x0007: control characters are not allowed."


def test_a_yaml_problem_raio_has_no_dutch_for_leaves_the_english_out():
    """A problem libyaml names that raio has no wording for (a malformed directive) is worded in
    Dutch without the English; the English wording quotes it."""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text
    from raio_cli.findings import Finding
    from raio_cli.yamlio import load_bytes, yaml_problem

    assert yaml_problem("found unknown directive name", "while scanning a directive") == ""
    assert yaml_problem("mapping values are not allowed here") == "mapping_values"  # PyYAML's own scanner
    assert yaml_problem("second occurrence", "found duplicate anchor 'a'; first occurrence") == "duplicate_anchor"
    (f,) = load_bytes(b"%FOO\n---\nstatement: x\n", "problem.yaml").findings
    assert f.code == "YML001" and f.data["variant"] == "syntax" and "yaml_problem" not in f.data
    assert finding_text(f, Text("nl")) == "De YAML-syntaxis klopt hier niet."
    assert finding_text(f, Text("en")) == "YAML syntax error: found unknown directive name."
    odd = Finding("problem.yaml", 1, 1, "YML001", Severity.ERROR, "YAML syntax error: something new", "", "",
                  {"variant": "syntax", "detail": "something new"})
    assert finding_text(odd, Text("nl")) == "De YAML-syntaxis klopt hier niet."
    (dup,) = [f for f in load_bytes(b"a: &x 1\nb: &x 2\n", "problem.yaml").findings if f.code == "YML001"]
    assert finding_text(dup, Text("nl")) == ("De YAML-syntaxis klopt hier niet: dezelfde ankernaam ('&naam') wordt "
                                            "twee keer gebruikt.")
    assert finding_text(dup, Text("en")) == "YAML syntax error: the same anchor name ('&name') is used twice."


def test_a_file_the_system_cannot_read_is_worded_in_dutch(tmp_path, monkeypatch):
    """A dossier file the system refuses to read: the Dutch memo said "kan niet worden gelezen
    (Permission denied)". The system's error is now worded in Dutch (by its errno name); one raio
    has no wording for is left out of the Dutch, and the English keeps the system's words."""
    import errno
    import os

    from raio_cli import yamlio
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    real = yamlio.read_limited

    def refuse(path, limit):
        if Path(path).name == "problem.yaml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, limit)
    monkeypatch.setattr(yamlio, "read_limited", refuse)
    nl, text, en = _broken_draft(tmp_path, {})
    where = f"applications/{DECISION_APP}/problem.yaml"
    assert nl[where] == f"YML017: {where} kan niet worden gelezen: raio heeft geen toestemming om het te lezen."
    assert "Permission" not in text and "denied" not in text
    assert en[where] == f"YML017: {where} cannot be read (Permission denied)."

    (odd,) = yamlio._fail(where, "", "YML017", "x", "", yamlio.unreadable_data(
        OSError(errno.EXDEV, "Invalid cross-device link"), where)).findings
    assert finding_text(odd, Text("nl")) == f"{where} kan niet worden gelezen."
    assert finding_text(odd, Text("en")) == f"{where} cannot be read (Invalid cross-device link)."


def test_every_kind_of_detail_raio_names_has_a_wording_in_both_languages():
    """The kinds raio's reader gives a finding (libyaml's problems, the system's errors) are all
    worded in strings.yaml; the English system errors are the system's own words, libyaml's
    problems are explained in plain English as in Dutch (libyaml's "found unexpected end of
    stream" told a reader nothing)."""
    import errno
    import os
    import sys

    from raio_cli import yamlio

    for lang in ("nl", "en"):
        words = i18n.strings(lang)
        kinds = set(yamlio._YAML_PROBLEMS.values()) | {kind for _start, kind in yamlio._YAML_PROBLEM_STARTS}
        assert kinds <= set(words["yaml_problem"]), kinds - set(words["yaml_problem"])
        assert set(yamlio.OS_ERRORS) == set(words["os_error"])
    if sys.platform.startswith("linux"):
        en = i18n.strings("en")["os_error"]
        assert {name: os.strerror(getattr(errno, name)) for name in yamlio.OS_ERRORS} == en
    libyaml = {problem: kind for problem, kind in yamlio._YAML_PROBLEMS.items() if isinstance(problem, str)}
    en = i18n.strings("en")["yaml_problem"]
    assert {kind for problem, kind in libyaml.items() if en[kind] == problem} == set()


def test_a_dutch_memo_words_the_schema_checks_jsonschema_words_in_english(tmp_path):
    """An e-mail address without '@' and measurements with no values: the Dutch memo said "heeft
    niet de vereiste vorm ('radiologie' is not a 'email')" and "({} should be non-empty)". Each
    check raio's schemas use is now worded in Dutch; one they do not use leaves jsonschema's
    English out of the Dutch."""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text
    from raio_cli.findings import Finding

    root = make_repo(tmp_path / "p")
    app = root / "applications" / DECISION_APP
    edit_yaml(app / "application.yaml", lambda d: d["owner"].update(email="radiologie"))
    edit_yaml(app / "monitoring.yaml", lambda d: d["results"][0].update(values={}))
    Git(root).commit("Typos", "2024-02-01")
    context = build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)
    said = {e["message"] for e in context["errors"]}
    assert "owner.email: 'radiologie' is geen e-mailadres." in said, said
    assert "results[0].values is leeg; er moet minstens één veld in staan." in said, said
    data, _name, _draft = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)
    text = data.decode("utf-8")
    assert "is not a" not in text and "non-empty" not in text
    english = {e["message"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["errors"]}
    assert {"owner.email: 'radiologie' is not an e-mail address.", "results[0].values is empty; it needs at least one field."} <= english

    odd = Finding("raio.yaml", 3, 1, "SCH006", Severity.ERROR, "policy: True is not allowed for 'x'", "", "",
                  {"variant": "other", "where": "policy", "detail": "True is not allowed for 'x'"})
    assert finding_text(odd, Text("nl")) == "policy voldoet niet aan het schema."
    assert finding_text(odd, Text("en")) == "policy does not match the schema (True is not allowed for 'x')."


def test_a_dutch_memo_words_why_an_extra_checklist_item_cannot_be_used(tmp_path):
    """Extra checklist items in raio.yaml that cannot be used: the Dutch wording said "telt niet
    mee: applies_when must be a mapping of condition keys, got str" and "required_from is
    missing", raio's own English. Each reason is now worded in Dutch from what is wrong. (raio
    check of the portfolio reports them; an application's memo checks the application only.)"""
    from conftest import run_check
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    root = copy_example(tmp_path / "p")

    def config(d):
        d.setdefault("policy", {})["checklist_extra"] = [
            {"id": "vendor-nen7510", "title_en": "Vendor certified", "required_from": "pilot",
             "applies_when": "integration.hosting != on-premise"},
            {"id": "vendor-soc2", "title_en": "SOC 2", "required_from": "pilot",
             "applies_when": {"hosting_is": ["cloud"], "any": [{"mdr_class_at_least": "IIc"}, None]}},
            {"id": "vendor-iso", "title_en": "ISO 27001"},
            {"id": "vendor-pen", "title_en": "Pen test", "required_from": "pilote"},
            {"title_en": "No id"},
        ]
    edit_yaml(root / "raio.yaml", config)
    found = [f for f in run_check(root).findings if f.code == "CMP011"]
    assert len(found) == 5
    said = {finding_text(f, Text("nl")) for f in found}
    assert ("Extra nalevingspunt in raio.yaml: Nalevingspunt 'vendor-nen7510' heeft een onbruikbare voorwaarde en "
            "telt niet mee: applies_when moet een mapping van voorwaardesleutels zijn, niet tekst.") in said, said
    assert ("Extra nalevingspunt in raio.yaml: Nalevingspunt 'vendor-soc2' heeft een onbruikbare voorwaarde en "
            "telt niet mee: applies_when.hosting_is is een onbekende sleutel (mogelijk zijn: ai_act_risk_in, all, any, "
            "hosting_in, in_house, mdr_class_at_least, modality_any, task_in); applies_when.any[0].mdr_class_at_least moet "
            "een van deze klassen zijn: none, I, IIa, IIb, III; applies_when.any[1] is leeg.") in said, said
    assert ("Extra nalevingspunt in raio.yaml: Nalevingspunt 'vendor-iso' is nieuw maar noemt geen required_from "
            "(de fase vanaf wanneer het vereist is) en telt niet mee.") in said, said
    assert ("Extra nalevingspunt in raio.yaml: Nalevingspunt 'vendor-pen' noemt bij required_from 'pilote', maar "
            "dat is geen fase (voorgesteld, gepland, pilot, evaluatie, productie, gestopt of uit gebruik); het telt niet "
            "mee.") in said, said
    assert ("Extra nalevingspunt 5 in raio.yaml (policy.checklist_extra) kan niet worden gebruikt en telt niet "
            "mee: het heeft geen id.") in said, said
    text = " ".join(said)
    for english in ("must be", "unknown key", "is missing", "is not a stage", "needs an id", "got str"):
        assert english not in text
    said = {finding_text(f, Text("en")) for f in found}
    assert ("Extra checklist item in raio.yaml: 'vendor-soc2' has an unusable condition and is left out: "
            "applies_when.hosting_is: unknown key; expected one of: ai_act_risk_in, all, any, hosting_in, in_house, "
            "mdr_class_at_least, modality_any, task_in; applies_when.any[0].mdr_class_at_least: must be one of none, I, "
            "IIa, IIb, III; applies_when.any[1]: empty.") in said, said
    assert ("Extra checklist item in raio.yaml: 'vendor-pen' names required_from 'pilote', which is not a stage "
            "(proposed, planned, pilot, evaluation, production, stopped or retired); it is left out.") in said, said


def test_a_dutch_memo_words_why_a_patient_number_pattern_cannot_be_used(tmp_path):
    """Patient-number patterns in raio.yaml that raio refuses: the Dutch wording said "is
    onbruikbaar en wordt niet gebruikt (is not a valid regular expression: missing ),
    unterminated subpattern at position 0)". Each reason is now worded in Dutch; the English
    keeps raio's and Python's words."""
    from conftest import run_check
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    root = copy_example(tmp_path / "p")
    patterns = [{"name": "open", "regex": "(MRN"}, {"name": "leeg", "regex": "\\d*"},
                {"name": "genest", "regex": "(\\d+)+x"}, {"name": "dubbel", "regex": "a*a*b"},
                {"name": "lang", "regex": "x" * 600}]
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(phi_patterns=patterns))
    found = {f.data["name"]: f for f in run_check(root).findings if f.code == "PRV004"}
    assert set(found) == {"open", "leeg", "genest", "dubbel", "lang"}
    nl = {name: finding_text(f, Text("nl")) for name, f in found.items()}
    assert nl["open"] == "Het patiëntnummerpatroon 'open' in raio.yaml is geen geldige reguliere expressie en wordt niet gebruikt."
    assert nl["leeg"] == "Het patiëntnummerpatroon 'leeg' in raio.yaml past ook op lege tekst, dus overal, en wordt niet gebruikt."
    assert nl["genest"].startswith("Het patiëntnummerpatroon 'genest' in raio.yaml herhaalt een deel dat zelf in lengte varieert")
    assert nl["dubbel"].startswith("Het patiëntnummerpatroon 'dubbel' in raio.yaml heeft twee herhalingen die dezelfde tekens")
    assert nl["lang"].startswith("Het patiëntnummerpatroon 'lang' in raio.yaml is 600 tekens lang (hoogstens ")
    for english in ("missing", "unterminated", "matches empty", "repeats", "polynomial", "characters long"):
        assert not any(english in text for text in nl.values()), english
    en = finding_text(found["open"], Text("en"))
    assert en == ("The patient-number pattern 'open' in raio.yaml cannot be used and is not used (is not a valid "
                  "regular expression: missing ), unterminated subpattern at position 0).")


def test_an_unusable_extra_checklist_item_is_left_out_of_the_memo_not_the_whole_checklist(tmp_path):
    """An extra checklist item in raio.yaml without required_from (or with an unusable condition)
    blanked the memo's whole compliance section, where raio check leaves out only that item
    (CMP011); the Dutch section said so in raio's English ("... required_from is missing"). The
    memo now judges by the catalog raio check uses, and its DRAFT box says in Dutch which item
    does not count and why."""
    from raio_cli.catalog import CatalogError
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import _catalog_error

    root = make_repo(tmp_path / "p")

    def config(d):
        d.setdefault("policy", {}).setdefault("checklist_extra", []).extend([
            {"id": "vendor-iso", "title_en": "ISO 27001"},
            {"id": "own-item", "title_en": "Own item", "title_nl": "Eigen punt", "required_from": "pilot"},
        ])
    edit_yaml(root / "raio.yaml", config)
    Git(root).commit("Extra checklist items", "2024-01-11")
    nl = build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["compliance"]
    assert "kon niet worden gelezen" not in nl["readiness"] and nl["readiness"].startswith("17 van 18 verplichte punten")
    text = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8")
    assert "| RAIO | Eigen punt | niet in het dossier | pilot |" in text  # the usable item counts
    assert ("CMP011: Extra nalevingspunt in raio.yaml: Nalevingspunt 'vendor-iso' is nieuw maar noemt geen "
            "required\\_from (de fase vanaf wanneer het vereist is) en telt niet mee.") in text
    assert "is missing" not in text and "policy.checklist\\_extra item" not in text
    en = build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["compliance"]["readiness"]
    assert en == "17 of 18 items required for the production stage are settled."

    def condition(d):
        d["policy"]["checklist_extra"][-2] = {"id": "vendor-iso", "title_en": "ISO 27001", "required_from": "pilot",
                                              "applies_when": {"hosting_is": ["cloud"]}}
    edit_yaml(root / "raio.yaml", condition)
    Git(root).commit("Its condition", "2024-01-12")
    text = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8")
    assert "kon niet worden gelezen" not in text and "| RAIO | Eigen punt |" in text
    assert ("'vendor-iso' heeft een onbruikbare voorwaarde en telt niet mee: applies\\_when.hosting\\_is is een "
            "onbekende sleutel") in text
    # what still makes the catalog unreadable (a malformed policy.stage_gates) is said in Dutch, or left out
    odd = CatalogError("policy.stage_gates must be a mapping of stage to gate changes")
    assert _catalog_error(odd, Text("nl")) == "De nalevingscatalogus kon niet worden gelezen."
    assert _catalog_error(odd, Text("en")) == ("The compliance catalog could not be read: policy.stage_gates must be a "
                                               "mapping of stage to gate changes")


def test_a_dutch_memo_says_in_dutch_why_a_result_could_not_be_judged(tmp_path):
    """A result whose interval is reversed and one whose observed value is text: the Dutch
    memo's verdict said "De uitkomst kon niet worden beoordeeld (the interval [0.9, 0.1] is
    reversed (lower bound above upper bound))", verdicts.py's English. It now says why in Dutch;
    the English memo keeps verdicts.py's explanation."""
    root = make_repo(tmp_path / "p")

    def pilot(d):
        d["outcome"]["results"][1]["interval"] = [0.9, 0.1]
        d["outcome"]["results"][3]["observed"] = "ongeveer zestig"
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", pilot)
    Git(root).commit("Typos in the outcome", "2024-02-01")
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["effects"]}
    assert said["E2"] == "De uitkomst kon niet worden beoordeeld: in het interval ligt de ondergrens boven de bovengrens."
    assert said["G2"] == "De uitkomst kon niet worden beoordeeld: de waargenomen waarde is geen getal."
    text = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8")
    assert "reversed" not in text and "lower bound" not in text and "is not a number" not in text
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert said["E2"] == ("The result could not be judged (the interval [0.9, 0.1] is reversed (lower bound above "
                          "upper bound)).")
    assert said["G2"] == "The result could not be judged (the observed value 'ongeveer zestig' is not a number)."


def test_a_check_that_fails_is_said_in_dutch_without_the_exception(tmp_path, monkeypatch):
    """When the verdicts cannot be computed, the Dutch DRAFT box said "de dossiercontrole kon
    niet volledig worden uitgevoerd: verdicts failed: ZeroDivisionError: float division by
    zero". The Dutch now says it without the exception's English; the English quotes it."""
    import raio_cli.verdicts

    def broken(*_args):
        raise ZeroDivisionError("float division by zero")
    monkeypatch.setattr(raio_cli.verdicts, "evaluate_app", broken)
    root = make_repo(tmp_path / "p")
    nl = build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)
    assert nl["draft"] and "de dossiercontrole kon niet volledig worden uitgevoerd" in nl["draft_reasons"]
    text = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8")
    assert "ZeroDivisionError" not in text and "division" not in text and "verdicts failed" not in text
    en = build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)
    assert ("the dossier check could not run completely: verdicts failed: ZeroDivisionError: float division by zero"
            in en["draft_reasons"])


def test_a_dutch_docx_memo_is_in_dutch_for_word(repo, capsys, tmp_path):
    """A Dutch DOCX memo said it was en-US (python-docx's template), so Word proofed the Dutch
    memo as English and marked nearly every word. It now says nl-NL; an English one en-US."""
    import docx
    from docx.oxml.ns import qn

    for lang, code in (("nl", "nl-NL"), ("en", "en-US")):
        out = tmp_path / f"memo-{lang}.docx"
        status, _stdout, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "--format", "docx",
                                    "--out", str(out), "--lang", lang], capsys)
        assert status == 0, err
        document = docx.Document(str(out))
        marks = {m.get(qn("w:val")) for m in document.styles.element.iter(qn("w:lang"))}
        assert marks == {code} and document.core_properties.language == code


def test_control_characters_from_the_portfolio_never_reach_the_html_memo(tmp_path, capsys):
    """The Markdown and typst outputs drop control characters, the HTML memo kept them: an
    organisation named "Zkh\\x1b[2J" in raio.yaml (YAML allows the escape in quotes) put a
    terminal escape in the file, which clears the screen of whoever runs cat on it."""
    root = make_repo(tmp_path / "p", git=False)
    text = (root / "raio.yaml").read_text(encoding="utf-8")
    (root / "raio.yaml").write_text(re.sub(r"(?m)^organisation: .*$", lambda _: r'organisation: "Zkh\x07\x1b[2J Noord"', text),
                                    encoding="utf-8")
    page = memo_text(root, DECISION_APP, capsys, "--format", "html")
    assert "Zkh[2J Noord" in page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)


def test_c1_control_characters_from_the_portfolio_never_reach_memos_or_reports(tmp_path, capsys):
    """The memos and the report dropped C0 controls but kept C1: a name written as
    "Fractuur\\x9b2J" in application.yaml (YAML allows the escape in quotes) put U+009B,
    CSI to a terminal as ESC [ is, in the Markdown and HTML written to standard output with
    --out - (the JSON outputs escape C1 for the same reason). They are dropped as C0 is."""
    from raio_cli.documents.report import render_report

    root = make_repo(tmp_path / "p", git=False)
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml",
              lambda d: d.update(name="Fractuur\x9b2Jdetectie\x85 SEH\x80"))
    c1 = re.compile("[\x80-\x9f]")
    for fmt in ("md", "html"):
        page = memo_text(root, DECISION_APP, capsys, "--format", fmt, "--lang", "en")
        assert "Fractuur2Jdetectie SEH" in page, fmt
        assert not c1.search(page), fmt
        report = render_report(root, fmt, "en", EXAMPLE_TODAY).decode("utf-8")
        assert "Fractuur2Jdetectie" in report, fmt
        assert not c1.search(report), fmt


def test_no_line_of_a_memo_or_report_starts_with_a_ci_workflow_command_from_the_dossier(tmp_path, capsys):
    """The Markdown memo puts each text on one line, the HTML memo and report kept a text's line
    breaks: a problem statement "...\\n::error file=raio.yaml::PWNED" put "::error" at the start of
    a line of the page written to standard output with --out -, which a GitHub Actions runner
    reads as a workflow command. In HTML a line break in text is a space: it is written as one."""
    from raio_cli.documents.report import render_report

    root = make_repo(tmp_path / "p", git=False)
    edit_yaml(root / "applications" / DECISION_APP / "problem.yaml",
              lambda d: d.update(statement="Gemiste fracturen.\n::error file=raio.yaml::PWNED\r\n::add-mask::x"))
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml",
              lambda d: d.update(name="Fractuurdetectie\n::stop-commands::token"))
    pages = {fmt: memo_text(root, DECISION_APP, capsys, "--format", fmt, "--lang", "en") for fmt in ("md", "html")}
    pages["report"] = render_report(root, "html", "en", EXAMPLE_TODAY).decode("utf-8")
    for what, page in pages.items():
        assert "stop-commands" in page and ("PWNED" in page or what == "report"), what
        assert not [line for line in page.splitlines() if line.lstrip().startswith("::")], what
    assert "Gemiste fracturen. ::error file=raio.yaml::PWNED ::add-mask::x" in pages["html"]

@pytest.mark.parametrize("text, shown", [
    ("~30% tot ~40% minder", "\\~30% tot \\~40% minder"),  # GitHub would strike the text through
    ("R&amp;D &#169; &copy;", "R\\&amp;D \\&#169; \\&copy;"),  # would show as "R&D © ©"
    ("A & B, AT&T", "A & B, AT&T"),  # a plain ampersand stays as it is
])
def test_markdown_escaping_keeps_tildes_and_character_references_literal(text, shown):
    from raio_cli.documents.jinja_env import escape_markdown

    assert escape_markdown(text) == shown


@pytest.mark.parametrize("text, shown", [
    ("---", "\\---"), ("--", "\\--"), ("  ----", " \\----"),  # a rule, or the line above as a heading
    ("-5% tot -10%", "-5% tot -10%"), ("--- zie bijlage", "\\--- zie bijlage"),
    ("## Besluit: opschalen", "\\## Besluit: opschalen"), ("#hashtag", "#hashtag"), ("==", "\\=="),
])
def test_markdown_escaping_keeps_a_run_of_dashes_or_hashes_from_becoming_a_rule_or_heading(text, shown):
    """A text of dashes only ("---") or starting with "## " came out as it was: at the start of
    a line in Markdown that is a horizontal rule (or turns the line above into a heading) or a
    heading, where escape_markdown promises that a leading "-" or "#" cannot start one."""
    from raio_cli.documents.jinja_env import escape_markdown, escape_markdown_block

    assert escape_markdown(text) == shown
    assert escape_markdown_block(f"Eerste alinea.\n\n{text}") == f"Eerste alinea.\n\n{shown}"

@pytest.mark.parametrize("text, shown", [
    ("1. item", "1\\. item"), ("\u00a012) item", "\u00a012\\) item"), ("\u0663. item", "\u0663\\. item"),
    ("2.000 euro", "2.000 euro"), ("\u2003- lijst", "\u2003\\- lijst"), ("a\x07b*c_d", "ab\\*c\\_d"),
    ("r\u00e9gel\neen\ttwee", "r\u00e9gel een twee"), ("\\`[]<>|~", "\\\\\\`\\[\\]\\<\\>\\|\\~"),
])
def test_markdown_escaping_of_leading_numbers_signs_controls_and_specials(text, shown):
    """What escape_markdown promises, after any leading Unicode space and for any decimal digit:
    no list item, no emphasis, no control character."""
    from raio_cli.documents.jinja_env import escape_markdown

    assert escape_markdown(text) == shown


def test_dollar_signs_from_the_dossier_are_no_mathematics_in_the_markdown_memo(tmp_path, capsys):
    """GitHub and GitLab render the text between two "$" (or "$$") in Markdown as mathematics: a
    problem statement "$\\phantom{...}$" hid its words from the board reading the memo there, and
    "$\\color{green}{...}$" set words in colour and another font. Every "$" of a dossier's text is
    "\\$" now, a dollar sign there and in plain CommonMark."""
    from raio_cli.documents.jinja_env import escape_markdown

    assert escape_markdown("US$ 40 per scan") == "US\\$ 40 per scan"
    root = make_repo(tmp_path / "p")
    statement = "Gemist: $\\phantom{12 fracturen per maand}$ en $$\\color{green}{\\text{goedgekeurd}}$$"
    edit_yaml(root / "applications" / DECISION_APP / "problem.yaml", lambda d: d.update(statement=statement))
    Git(root).commit("Mathematics in the problem statement", "2024-01-11")
    md = memo_text(root, DECISION_APP, capsys, "--lang", "en")
    assert "Gemist: \\$\\\\phantom{12 fracturen per maand}\\$ en \\$\\$\\\\color{green}{\\\\text{goedgekeurd}}\\$\\$" in md
    assert re.findall(r"(?<!\\)\$", md) == []


@pytest.mark.parametrize("fmt", ["html", "md", "typ"])
def test_a_template_reads_a_dicts_keys_and_methods_as_jinja_does(tmp_path, fmt):
    """``row.name`` of a context dict is its key (the sandbox looks it up without an exception
    since a report of 1,000 applications reads 80,000 of them), ``row.items`` stays the dict's
    method, and a key that is not there is an error that names the template's line."""
    from raio_cli.documents.jinja_env import TemplateProblem, render

    (tmp_path / "t.j2").write_text("{{ row.name }}|{{ row['name'] }}|{{ row.items() | list | length }}|"
                                   "{{ row.get('name') }}|{{ 'method' if row.keys is callable else 'key' }}\n"
                                   "{{ 'none' if row.missing is undefined else 'there' }}\n", encoding="utf-8")
    out = render(fmt, "t.j2", {"row": {"name": "Triage", "items": 3}}, builtin=tmp_path)
    assert out == "Triage|Triage|2|Triage|method\nnone\n"
    (tmp_path / "u.j2").write_text("ok\n{{ row.missing }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="line 2: .*'dict object' has no attribute 'missing'"):
        render(fmt, "u.j2", {"row": {"name": "Triage"}}, builtin=tmp_path)


def test_the_out_files_extension_sets_the_memos_format(repo, tmp_path, capsys):
    code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "-o", str(tmp_path / "memo.docx")], capsys)
    assert code == 0, err
    assert (tmp_path / "memo.docx").read_bytes().startswith(b"PK")  # was Markdown in a file named .docx
    code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "-f", "pdf",
                          "-o", str(tmp_path / "memo.md")], capsys)
    assert code == 2 and "ends in .md, but --format is pdf" in err
    assert not (tmp_path / "memo.md").exists()
    # Markdown by the name raio rule -f markdown gives it: the same memo as -f md
    _, as_md, _ = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "-f", "md", "-o", "-"], capsys)
    code, out, err = run(["memo", DECISION_APP, "-p", str(repo), "--today", TODAY, "-f", "markdown", "-o", "-"], capsys)
    assert code == 0 and out == as_md and out.startswith("#"), err


def _memos_with_a_serious_incident(tmp_path, capsys, reported_to: dict) -> tuple[str, str]:
    """The English and Dutch memo (whitespace joined) of the example's decision application with
    a serious incident of 2 October 2026 added, reported to ``reported_to``, committed."""
    root = copy_example(tmp_path / "p")

    def monitoring(d):
        d["incidents"].append({"date": "2026-10-02", "description": "Gemiste heupfractuur.", "severity": "serious",
                               "reported_to": reported_to})

    edit_yaml(root / "applications" / DECISION_APP / "monitoring.yaml", monitoring)
    Git(root).commit("A serious incident, reported late", "2026-11-10")
    return (" ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split()),
            " ".join(memo_text(root, DECISION_APP, capsys).split()))


def test_the_monitoring_section_says_a_serious_incident_was_reported_late(tmp_path, capsys):
    """A serious incident passed to the vendor and the manufacturer 24 days after it happened
    (raio check: MON015, policy 15 days) read in the board's memo as any report, "reported to
    the vendor on 26 October 2026": the board could not see that the legal route was late."""
    en, nl = _memos_with_a_serious_incident(tmp_path, capsys, {"vendor": "2026-10-26", "manufacturer": "2026-10-05"})
    assert ("2 October 2026 (serious): Gemiste heupfractuur. Reported to the vendor on 26 October 2026 "
            "(24 days after the incident; the policy allows 15) and the manufacturer on 5 October 2026.") in en, en
    assert ("2 oktober 2026 (ernstig): Gemiste heupfractuur. Gemeld aan de leverancier op 26 oktober 2026 "
            "(24 dagen na het incident; het beleid staat 15 toe) en de fabrikant op 5 oktober 2026.") in nl, nl


def test_the_memo_says_late_of_both_roles_when_the_vendor_is_the_manufacturer(tmp_path, capsys):
    """raio check reports one late report to a vendor that is the manufacturer (the same date
    under both) as one finding naming both roles (MON015); the memo says so too, as one report
    to both, late ("the vendor on 26 October 2026 (...) and the manufacturer on 26 October 2026
    (...)" read as two reports)."""
    en, nl = _memos_with_a_serious_incident(tmp_path, capsys, {"vendor": "2026-10-26", "manufacturer": "2026-10-26"})
    assert ("Reported to the vendor and the manufacturer on 26 October 2026 (24 days after the incident; the policy "
            "allows 15).") in en, en
    assert ("Gemeld aan de leverancier en de fabrikant op 26 oktober 2026 (24 dagen na het incident; het beleid staat "
            "15 toe).") in nl, nl


def test_an_incident_dated_after_today_is_listed_apart_not_among_those_since_the_decision(tmp_path):
    """An incident typed by hand as 2062-10-02 for 2026-10-02 was listed and counted among the
    incidents since the decision as any other, while a result dated after today is left out of
    the memo's latest values (raio check: MON008 for both). It is listed apart now, under its own
    heading that says the date needs checking, in every format and both languages, and the
    summary's count of serious incidents since the decision leaves it out."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / DECISION_APP

    def monitoring(d):
        d["incidents"].append({"date": "2062-10-02", "description": "Gemiste heupfractuur.", "severity": "serious",
                               "reported_to": {"vendor": "2026-10-03", "manufacturer": "2026-10-03"}})

    edit_yaml(folder / "monitoring.yaml", monitoring)
    Git(root).commit("A serious incident, its year mistyped", "2026-11-10")
    for lang, heading, since in (("en", "Incidents dated after today (check the date; raio check: MON008)",
                                  "Incidents since the decision"),
                                 ("nl", "Incidenten met een datum na vandaag (controleer de datum; raio check: MON008)",
                                  "Incidenten sinds het besluit")):
        for fmt, text in memo_texts(root, DECISION_APP, lang).items():
            assert heading in text, (fmt, lang)
            after = text[text.index(heading):]
            assert "Gemiste heupfractuur" in after[:300], (fmt, lang)
            between = text[text.index(since):text.index(heading)]
            assert "Gemiste heupfractuur" not in between, (fmt, lang)
            # no serious incident since the decision in the summary: the example has none up to today
            assert "serious incident has been recorded since" not in text and "ernstig incident vastgelegd" not in text


def test_a_retired_applications_memo_shows_the_gaps_of_its_use(tmp_path):
    """hersenvolumetrie-mri, retired on 30 June 2026: with three quarters without a result in
    2024 and none in its last two quarters of use, its retirement memo showed the monitoring of
    its time in use as complete, since gaps were only read for applications in production
    (raio check: MON014). The memo now lists them, in every format and both languages, up to
    the switch-off."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / "hersenvolumetrie-mri"

    def monitoring(d):
        d["results"] = [r for r in d["results"] if not ("2024-06-30" <= str(r["date"]) <= "2024-12-31"
                                                        or str(r["date"]) >= "2025-12-31")]

    edit_yaml(folder / "monitoring.yaml", monitoring)
    Git(root).commit("Monitoring of the retired application, with its gaps", "2026-11-10")
    for lang, label, between, tail in (
            ("en", "Missing results", "3 between 31 March 2024 and 31 March 2025",
             "2 between 30 September 2025 and the switch-off on 30 June 2026"),
            ("nl", "Ontbrekende metingen", "3 tussen 31 maart 2024 en 31 maart 2025",
             "2 tussen 30 september 2025 en de uitgebruikname op 30 juni 2026")):
        for fmt, text in memo_texts(root, "hersenvolumetrie-mri", lang).items():
            assert re.search(f"{label}:? {between}; {tail}", text), (fmt, lang, text)


def test_the_monitoring_section_shows_reports_re_assessments_and_missing_results(tmp_path, capsys):
    """A year after scale-up the memo of an application in production listed a serious incident
    without saying whether it reached the manufacturer, named the new version in the header
    without its re-assessment (the pilot's evidence is about the version that was piloted), and
    showed the monitoring as in order over months without any result."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / DECISION_APP

    def monitoring(d):
        d["results"] = [r for r in d["results"] if not "2026-06-01" <= str(r["date"]) <= "2026-09-01"]
        d["incidents"].append({"date": "2026-10-02", "description": "Gemiste heupfractuur.", "severity": "serious",
                               "reported_to": {"vendor": "2026-10-05"}})

    def application(d):
        d["version"] = "3.5.0"
        d["reassessments"] = [{"date": "2026-09-15", "version": "3.5", "by": "dr. Anouk de Vries",
                               "summary": "Honderd foto's opnieuw beoordeeld; sensitiviteit gelijk."}]

    edit_yaml(folder / "monitoring.yaml", monitoring)
    edit_yaml(folder / "application.yaml", application)
    Git(root).commit("A year in production", "2026-11-10")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert ("2 October 2026 (serious): Gemiste heupfractuur. Reported to the vendor on 5 October 2026; "
            "no report to the manufacturer recorded.") in en
    assert ("**Re-assessments:** 15 September 2026, version 3.5 (dr. Anouk de Vries): "
            "Honderd foto's opnieuw beoordeeld; sensitiviteit gelijk.") in en
    assert "**Missing results:** 3 between 31 May 2026 and 30 September 2026" in en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert ("2 oktober 2026 (ernstig): Gemiste heupfractuur. Gemeld aan de leverancier op 5 oktober 2026; "
            "geen melding aan de fabrikant vastgelegd.") in nl
    assert "**Herbeoordelingen:** 15 september 2026, versie 3.5 (dr. Anouk de Vries):" in nl
    assert "**Ontbrekende metingen:** 3 tussen 31 mei 2026 en 30 september 2026" in nl


def test_a_stop_after_scale_up_is_put_to_the_board_not_the_old_scale_up(tmp_path, capsys):
    """After a year of drift the RAIO proposes to stop an application in production: retirement
    with a date ahead and the reason, the stage kept production until the switch-off (as MON011
    asks). The memo asked the board "to confirm the decision of 12 June 2025 (scale up) and to
    record its conditions", and the proposed stop appeared nowhere in it."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(retirement={
        "date": "2027-01-31", "reason": "Gemiste fracturen boven de alarmgrens sinds juli 2026.",
        "replaced_by": "beoordeling zonder AI"}))
    Git(root).commit("Proposal to stop", "2026-11-10")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert ("The board is asked to decide to take Fractuurdetectie op SEH-röntgenfoto's out of use on 31 January 2027, "
            "ending the scale-up decided on 12 June 2025. Reason: Gemiste fracturen boven de alarmgrens sinds juli 2026. "
            "Replaced by: beoordeling zonder AI.") in en
    assert "asked to confirm" not in en
    assert "Proposed: out of use from 31 January 2027." in en
    assert "**Planned retirement:** 31 January 2027: Gemiste fracturen" in en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert ("De raad van bestuur wordt gevraagd te besluiten Fractuurdetectie op SEH-röntgenfoto's per 31 januari 2027 "
            "uit gebruik te nemen, waarmee het opschalen van 12 juni 2025 eindigt. Reden: Gemiste fracturen") in nl
    assert "Vervangen door: beoordeling zonder AI." in nl and "te bevestigen" not in nl
    assert "Voorgesteld: uit gebruik per 31 januari 2027." in nl
    assert "**Voorgenomen uitgebruikname:** 31 januari 2027: Gemiste fracturen" in nl


def test_a_retired_application_is_not_said_to_have_an_expired_certificate(tmp_path, capsys):
    """The memo of an application retired in 2026 listed "CE certificate ...: expired since 10
    June 2027" among its open risks a year later, in red, while raio check rightly says nothing
    of certificates and evidence of an application no longer in use (DAT007-DAT010)."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    app = "hersenvolumetrie-mri"
    code, out, err = run(["memo", app, "-p", str(root), "--today", "2027-11-30", "--out", "-", "--lang", "en"], capsys)
    assert code == 0, err
    text = " ".join(out.split())
    assert "expired since" not in text and "Expired or expiring soon" not in text
    cert = next(line for line in (root / "applications" / app / "application.yaml").read_text().splitlines()
                if "expires:" in line)
    assert "2027" in cert  # the certificate did expire after the retirement


def test_a_justified_gap_in_monitoring_is_not_listed_as_missing_results(tmp_path, capsys):
    """A gap explained with '# raio: ignore[MON014] reason' kept raio check quiet, but the memo
    still listed the results as missing."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / DECISION_APP / "monitoring.yaml"
    edit_yaml(path, lambda d: d.update(results=[r for r in d["results"]
                                                if not "2026-06-01" <= str(r["date"]) <= "2026-09-01"]))
    Git(root).commit("Gap", "2026-11-10")
    assert "**Missing results:**" in memo_text(root, DECISION_APP, capsys, "--lang", "en")
    lines = path.read_text(encoding="utf-8").splitlines()
    [i] = [n for n, line in enumerate(lines) if "2026-09-30" in line]
    lines[i] += "  # raio: ignore[MON014] switched off for a PACS migration"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Git(root).commit("Gap explained", "2026-11-11")
    assert "Missing results" not in memo_text(root, DECISION_APP, capsys, "--lang", "en")


def test_a_justified_gap_in_monitoring_is_listed_as_explained_with_its_reason(tmp_path, capsys):
    """A gap explained with '# raio: ignore[MON014] reason' was no longer listed as missing
    results, but the memo said nothing of it: raio monitor showed "(explained: REASON)", while the
    board saw neither the gap nor why. The memo lists it as explained, with its reason (masked,
    as all memo text), in each language."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / DECISION_APP / "monitoring.yaml"
    edit_yaml(path, lambda d: d.update(results=[r for r in d["results"]
                                                if not "2026-06-01" <= str(r["date"]) <= "2026-09-01"]))
    Git(root).commit("Gap", "2026-11-10")
    lines = path.read_text(encoding="utf-8").splitlines()
    [i] = [n for n, line in enumerate(lines) if "2026-09-30" in line]
    lines[i] += "  # raio: ignore[MON014] switched off for a PACS migration, see case VIM-2026-0042"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Git(root).commit("Gap explained", "2026-11-11")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "Missing results:**" not in en
    assert "**Explained missing results:** 3 between 31 May 2026 and 30 September 2026 (explained: switched off for " \
           "a PACS migration, see case VIM-2026-0042)" in en, en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "Ontbrekende metingen:**" not in nl
    assert "**Verklaarde ontbrekende metingen:** 3 tussen 31 mei 2026 en 30 september 2026 (verklaard: switched off " \
           "for a PACS migration, see case VIM-2026-0042)" in nl, nl


def test_a_justified_gap_of_one_metric_leaves_the_gap_of_another_ending_the_same_day(tmp_path, capsys):
    """M1 and M2, each measured on its own rhythm, both without a result from June to September,
    each with its own result of 30 September, and '# raio: ignore[MON014] reason' on M1's only:
    the memo tied the suppression to the gap by the date it ends and so listed M1's explained gap
    among the missing results, beside M2's, that raio check still reports. Matched by metric and
    dates, only M2's (and the plan's, of M3) are listed as missing; M1's is listed as explained."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / DECISION_APP / "monitoring.yaml"

    def monitoring(d):
        for m in d["plan"]["metrics"]:
            if m["id"] in ("M1", "M2"):
                m["frequency"] = "monthly"
        kept = []
        for r in d["results"]:
            if "2026-06-01" <= str(r["date"]) <= "2026-09-01":
                continue
            if str(r["date"]) == "2026-09-30":  # one result per metric, M1's first
                values = dict(r["values"])
                kept.append({**r, "values": {"M1": values.pop("M1")}})
                r = {**r, "values": values}
            kept.append(r)
        d["results"] = kept

    edit_yaml(path, monitoring)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = [n for n, line in enumerate(lines) if "2026-09-30" in line][0]
    lines[i] += "  # raio: ignore[MON014] M1 counted by hand while the discrepancy register was moved"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Git(root).commit("Gaps, one explained", "2026-11-10")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    missing = en[en.index("**Missing results:**"):]
    missing = missing[:missing.index("**Explained missing results:**")]
    assert "M2: 3 between 31 May 2026 and 30 September 2026" in missing, en
    assert "M1: 3 between" not in missing
    assert "**Explained missing results:** M1: 3 between 31 May 2026 and 30 September 2026 (explained: M1 counted " \
           "by hand while the discrepancy register was moved)" in en, en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    missing = nl[nl.index("**Ontbrekende metingen:**"):nl.index("**Verklaarde ontbrekende metingen:**")]
    assert "M2: 3 tussen 31 mei 2026 en 30 september 2026" in missing and "M1: 3 tussen" not in missing


def test_a_retired_application_says_until_when_its_logs_are_kept(tmp_path, capsys):
    """The memo of a retired application said nothing of the one duty that outlives use: the
    logs kept six months after the last use (AI Act Art 26(6)), which raio check counts (MON013)."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    app = "hersenvolumetrie-mri"
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "**Log retention:** until 31 December 2026, 6 months after the retirement on 30 June 2026 (in progress)" in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "**Bewaren van logs:** tot 31 december 2026, 6 maanden na de uitgebruikname op 30 juni 2026 (in uitvoering)" in nl


def test_a_retired_application_shows_who_decided_the_stop_as_the_decision_taken(tmp_path, capsys):
    """Two years after scale-up the board stopped an application; its memo showed the scale-up of
    2022 under "Decision taken" and signed it off as decided by whoever scaled it up: who stopped
    it, when and why appeared nowhere. application.yaml's retirement now says who decided the
    stop (decided_by) and when (decided_on, before the switch-off), and the memo shows that
    decision as the one taken. Who decided is the dossier's own words, so it follows a label
    ("besloten door: Raad van bestuur, op advies van de AI-stuurgroep") rather than being made
    the subject of "besloot", which read as broken Dutch after its unclosed aside."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "application.yaml", lambda d: d["retirement"].update(
        decided_by="Raad van bestuur, op advies van de AI-stuurgroep", decided_on="2026-04-14"))
    Git(root).commit("Who stopped it", "2026-08-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    taken = en[en.index("## Decision taken"):en.index("## Expected against observed")]
    assert "**Decision:** take out of use (decided on 14 April 2026)" in taken
    assert "**Rationale:** De leverancier is overgenomen en beëindigt NeuroVol" in taken
    assert "scale up" not in taken.split("**No decision is asked")[0]
    assert ("No decision is asked: Hersenvolumetrie op MRI voor de geheugenpoli was retired on 30 June 2026. "
            "The decision to take it out of use was taken on 14 April 2026; decided by: Raad van bestuur, op advies "
            "van de AI-stuurgroep. "
            "This memo records that decision, and the decision of 10 October 2022 (scale up) with the evidence "
            "it rested on.") in taken
    assert "Decision of 10 October 2022: scale up. Decision of 14 April 2026: take out of use." in en
    signoff = en[en.index("## Sign-off"):]
    assert "**Decided by:** Raad van bestuur, op advies van de AI-stuurgroep" in signoff
    assert "| For the decision | Raad van bestuur, op advies van de AI-stuurgroep |" in signoff
    assert "op advies van de vakgroep radiologie" not in signoff  # who scaled it up did not stop it

    nl = " ".join(memo_text(root, app, capsys).split())
    taken = nl[nl.index("## Genomen besluit"):]
    assert "**Besluit:** uit gebruik nemen (besluit van 14 april 2026)" in taken
    assert "Raad van bestuur, op advies van de AI-stuurgroep besloot" not in taken  # no verb after an aside
    assert ("Op 14 april 2026 is besloten de toepassing uit gebruik te nemen; besloten door: Raad van bestuur, "
            "op advies van de AI-stuurgroep. Dit memo legt dat besluit vast, en het besluit van 10 oktober 2022 (opschalen)") in taken


def test_a_retired_application_without_who_stopped_it_says_so(tmp_path, capsys):
    """Without decided_by and decided_on the memo does not fall back on the scale-up as the
    decision taken: it says the dossier does not record who stopped the application, or when."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "application.yaml",
              lambda d: [d["retirement"].pop(k, None) for k in ("decided_by", "decided_on")])
    Git(root).commit("Example", "2026-08-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "**Decision:** take out of use (decided on not given)" in en
    assert "The dossier does not say who decided to take it out of use, or when." in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "Het dossier vermeldt niet wie besloot de toepassing uit gebruik te nemen, en wanneer." in nl


def test_a_stop_decided_while_the_application_still_runs_is_not_put_to_the_board_again(tmp_path, capsys):
    """The board decided on 20 November to stop an application in production, to be switched
    off on 31 January (the stage stays production until then, MON011). With who decided it
    written in retirement.decided_by, the memo still asked the board "to decide to take it out
    of use", as if the stop were only proposed."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(retirement={
        "date": "2027-01-31", "decided_on": "2026-11-12", "decided_by": "Raad van bestuur",
        "reason": "Gemiste fracturen boven de alarmgrens sinds juli 2026."}))
    Git(root).commit("Stop decided", "2026-11-13")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    taken = en[en.index("## Decision taken"):en.index("## Expected against observed")]
    assert "**Decision:** take out of use (decided on 12 November 2026)" in taken
    assert ("No decision is asked: The decision to take it out of use was taken on 12 November 2026; decided by: "
            "Raad van bestuur. It goes out "
            "of use on 31 January 2027, ending the scale-up decided on 12 June 2025. Reason: Gemiste fracturen") in taken
    assert "asked to decide" not in en and "Proposed:" not in en
    assert "Decision of 12 November 2026: take out of use. Out of use from 31 January 2027." in en
    assert "**Decided by:** Raad van bestuur" in en[en.index("## Sign-off"):]
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert ("Er wordt geen besluit gevraagd: Op 12 november 2026 is besloten de toepassing uit gebruik te nemen; "
            "besloten door: Raad van bestuur. De toepassing gaat per 31 januari 2027 uit gebruik, waarmee het opschalen van 12 juni 2025 "
            "eindigt.") in nl
    assert "Uit gebruik per 31 januari 2027." in nl and "Voorgesteld:" not in nl


def _memo_formats(root: Path, app: str, capsys, lang: str) -> dict[str, str]:
    """The memo's text in each format (md, html, pdf, docx), whitespace folded."""
    import html

    import docx
    from pypdf import PdfReader

    texts = {"md": memo_text(root, app, capsys, "--lang", lang),
             "html": html.unescape(re.sub(r"<[^>]+>", " ", memo_text(root, app, capsys, "--lang", lang, "--format", "html")
                                          .replace("</dt>", ":")))}
    for fmt in ("pdf", "docx"):
        out = root.parent / f"memo-{lang}.{fmt}"
        code, _out, err = run(["memo", app, "-p", str(root), "--today", TODAY, "--format", fmt, "--out", str(out),
                               "--lang", lang], capsys)
        assert code == 0, err
        if fmt == "pdf":
            texts[fmt] = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
        else:
            document = docx.Document(str(out))
            texts[fmt] = " ".join([p.text for p in document.paragraphs]
                                  + [c.text for t in document.tables for r in t.rows for c in r.cells])
    return {fmt: _folded(text) for fmt, text in texts.items()}


def _folded(text: str) -> str:
    """Whitespace, Markdown's bold and the colons after labels (a table's cells in pdf and docx) folded away."""
    return " ".join(text.replace("**", "").replace(":", "").split())


def test_a_stop_decided_in_production_without_who_decided_it_says_so(tmp_path, capsys):
    """The board decided on 12 November to stop an application in production, to be switched off
    on 31 January; the RAIO wrote the date of the decision but not who took it. The memo asked
    the board "to decide to take it out of use", as if nothing had been decided, and its sign-off
    named whoever had scaled the application up in 2025 under "Decided by". As for a retired
    application, the memo now shows the stop as the decision taken and says, in the place of the
    name, that the dossier does not record who decided it, in every format."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(retirement={
        "date": "2027-01-31", "decided_on": "2026-11-12",
        "reason": "Gemiste fracturen boven de alarmgrens sinds juli 2026."}))
    Git(root).commit("Stop decided", "2026-11-13")
    scaled_up_by = "Raad van bestuur, op advies van de AI-stuurgroep"  # pilot.yaml decision.decided_by
    expected = {
        "en": ["Decision: take out of use (decided on 12 November 2026)",
               "No decision is asked: The decision to take it out of use was taken on 12 November 2026; the dossier "
               "does not say by whom. It goes out of use on 31 January 2027",
               "Decided by: not given"],
        "nl": ["Besluit: uit gebruik nemen (besluit van 12 november 2026)",
               "Er wordt geen besluit gevraagd: Op 12 november 2026 is besloten de toepassing uit gebruik te nemen; "
               "het dossier vermeldt niet door wie. De toepassing gaat per 31 januari 2027 uit gebruik",
               "Besloten door: niet opgegeven"],
    }
    for lang, sentences in expected.items():
        for fmt, text in _memo_formats(root, DECISION_APP, capsys, lang).items():
            for sentence in sentences:
                assert _folded(sentence) in text, (lang, fmt, sentence)
            signoff = text[text.index("Sign-off" if lang == "en" else "Ondertekening"):]
            assert scaled_up_by not in signoff, (lang, fmt)


def test_a_stop_proposed_in_production_does_not_name_the_scale_up_decider_as_its_decider(tmp_path, capsys):
    """A stop proposed while the application still runs (no decided_by, no decided_on): the memo
    asks the board to decide it, but its sign-off said "Decided by: Raad van bestuur, op advies
    van de AI-stuurgroep" (who scaled it up in 2025) and put that name on the line "For the
    decision", as if the stop had been decided. It now says whose decision is asked."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(retirement={
        "date": "2027-01-31", "reason": "Gemiste fracturen boven de alarmgrens sinds juli 2026."}))
    Git(root).commit("Proposal to stop", "2026-11-10")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    signoff = en[en.index("## Sign-off"):en.index("Provenance")]
    assert "**Decision asked of:** the board of directors" in signoff
    assert "Decided by" not in signoff and "Raad van bestuur, op advies van de AI-stuurgroep" not in signoff
    assert "| On behalf of the board of directors | | | |" in signoff
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    signoff = nl[nl.index("## Ondertekening"):]
    assert "**Besluit gevraagd van:** de raad van bestuur" in signoff and "Besloten door" not in signoff


def test_the_memo_says_when_raio_assumed_which_statistic_counts_give(tmp_path):
    """2x2 counts for an effect whose metric names no statistic ("vals-positieve beoordelingen"):
    raio computes sensitivity, and the memo said "Berekend uit de 2x2-tabel: sensitiviteit
    412/441" as if that was what was pre-registered. It now says the statistic was assumed."""
    root = make_repo(tmp_path / "p")

    def effects(d):
        g1 = next(e for e in d["effects"] if e["id"] == "G1")
        g1["metric"] = "Vals-positieve beoordelingen door de SEH-arts met AI"
        del g1["statistic"]
    edit_yaml(root / "applications" / DECISION_APP / "effects.yaml", effects)
    Git(root).commit("G1 without a statistic", "2024-02-01")
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["effects"]}
    assert "aangenomen" in said["G1"] and "statistic" in said["G1"], said["G1"]
    assert "aangenomen" not in said["E1"]
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert "assumed" in said["G1"] and "assumed" not in said["E1"], said["G1"]


def test_the_decision_memo_states_how_met_breached_and_within_limit_are_judged(repo, capsys):
    """The effects section said "the verdict is computed from the result and its 95% confidence
    interval", also for results without an interval, and not that a limit is breached on the
    value itself while 'within limit' needs the whole interval. It now states the rule, in
    both languages, and that without an interval the verdict rests on the value alone."""
    nl = " ".join(memo_text(repo, DECISION_APP, capsys).split())
    assert ("alleen als het hele betrouwbaarheidsinterval (BI) aan de goede kant ligt; een grens is "
            "overschreden als de waarde zelf voorbij de grens ligt") in nl
    assert "Zonder interval rust het oordeel op de waarde alleen" in nl
    en = " ".join(memo_text(repo, DECISION_APP, capsys, "--lang", "en").split())
    assert ("only when the whole confidence interval (CI) is on the good side; a limit is breached when the "
            "value itself is past it") in en
    assert "Without an interval the verdict rests on the value alone" in en
    # and which level the intervals have (a typed one need not be 95%)
    assert "raio berekent 95%-intervallen (Wilson) uit een 2x2-tabel" in nl and "of 95% als aanname" in nl
    assert "raio computes 95% intervals (Wilson) from a 2x2 table" in en and "or 95% as an assumption" in en


def test_the_memo_says_counts_written_as_12_0_were_used(tmp_path):
    """Counts as a spreadsheet export writes them (tp: 412.0) give the verdict, but the memo left
    out "Computed from the 2x2 table: sensitivity 412/441", as if the counts were not used."""
    root = make_repo(tmp_path / "p")

    def pilot(d):
        e1 = next(r for r in d["outcome"]["results"] if r["effect"] == "E1")
        e1["counts"] = {cell: float(value) for cell, value in e1["counts"].items()}
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", pilot)
    Git(root).commit("Counts from a spreadsheet", "2024-02-01")
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert "Computed from the 2x2 table: sensitivity 412/441" in said["E1"], said["E1"]


def test_counts_too_large_to_compute_with_give_a_memo_not_an_internal_error(tmp_path):
    """A dossier's 2x2 counts of hundreds or thousands of digits (hostile, or a spreadsheet gone
    wrong) stopped raio memo with "internal error: OverflowError" and raio check quoted Python's
    own "Exceeds the limit (4300 digits)": the memo is written, and the check says the counts are
    too large."""
    root = make_repo(tmp_path / "p")

    def pilot(d):
        e1 = next(r for r in d["outcome"]["results"] if r["effect"] == "E1")
        e1["counts"].update(tp=int("9" * 4300), fn=int("9" * 4300))
    edit_yaml(root / "applications" / DECISION_APP / "pilot.yaml", pilot)
    Git(root).commit("Counts gone wrong", "2024-02-01")
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert "9" * 400 not in said["E1"]
    from raio_cli import verdicts

    with pytest.raises(ValueError, match="too large to compute with"):
        verdicts.from_counts({"tp": int("9" * 4300), "fn": int("9" * 4300), "fp": 0, "tn": 0}, "sensitivity")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_expired_and_expiring_items_are_one_bullet_each_in_a_markdown_and_pdf_memo(tmp_path, lang):
    """The Markdown and PDF memos ran the list of expired and expiring items into one item
    ("- CE-certificaat CE 742118: verlopen sinds 15 februari 2027 (klinisch fysicus)- AI-geletterdheid
    van medewerkers: ..."), in Markdown with the next section's heading straight under it: each
    item named an owner, and the line ended in the tag that adds it, which ate the line break.
    Each item is now a bullet of its own, and a blank line parts the list from the next heading."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    day = dt.date(2028, 9, 1)
    words = i18n.strings(lang)
    data, _name, _draft = render_memo(root, "stroke-lvo-triage", "md", lang, day)
    lines = data.decode("utf-8").splitlines()
    start = lines.index(f"**{words['compliance_expiring_title']}**")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
    bullets = [line for line in lines[start + 1:end] if line.strip()]
    assert len(bullets) >= 3, bullets
    for line in bullets:
        assert line.startswith("- ") and line.count(": ") == 1 and line.endswith(")"), line
    assert lines[end - 1] == "", lines[end - 1]

    from pypdf import PdfReader

    data, _name, _draft = render_memo(root, "stroke-lvo-triage", "pdf", lang, day)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    part = text[text.index(words["compliance_expiring_title"]):text.index(words["section_cost"])]
    assert part.count("\u2022") == len(bullets), part
    assert ")- " not in " ".join(part.split()), part


@pytest.mark.parametrize("status, dutch, english", [
    ({"pending_publication": True}, "(316 dagen geleden; nog niet bekendgemaakt in het Publicatieblad van de EU)",
     "(316 days ago; pending publication in the Official Journal)"),
    ({"status": "proposed"}, "(316 dagen geleden; voorgesteld, nog niet aangenomen)",
     "(316 days ago; proposed, not yet adopted)"),
    ({"pending_publication": True, "replaces": "ai-act-prohibitions"},
     "(316 dagen geleden; verschoven van 2 februari 2025, nog niet bekendgemaakt in het Publicatieblad van de EU)",
     "(316 days ago; moved from 2 February 2025, pending publication in the Official Journal)"),
    ({"status": "proposed", "replaces": "ai-act-prohibitions"},
     "(316 dagen geleden; verschuiving van 2 februari 2025 voorgesteld, nog niet aangenomen)",
     "(316 days ago; moved from 2 February 2025, proposed, not yet adopted)"),
])
def test_an_ai_act_date_not_yet_published_or_adopted_is_worded_in_dutch(tmp_path, monkeypatch, status, dutch, english):
    """An AI Act date whose act is adopted but not yet in the Official Journal, or only proposed
    (the catalog records such dates: regulatory_dates.yaml pending_publication, status proposed),
    kept its English message in a Dutch memo's DRAFT box ("... (Art 4 ...) since 2 February 2025
    (316 days ago); status: pending publication in the Official Journal; not done: ..."). It is
    now worded in Dutch, status included; the English memo says the status as before."""
    from raio_cli import catalog

    real = catalog.regulatory_dates

    def with_status(*args, **kwargs):
        entries = [dict(e) for e in real(*args, **{**kwargs, "shared": False})]
        next(e for e in entries if e["id"] == "ai-act-ai-literacy").update(status)
        return entries
    monkeypatch.setattr(catalog, "regulatory_dates", with_status)
    root, app = _ai_literacy_in_progress(tmp_path / "p")
    day = dt.date(2025, 12, 15)
    text = _memo_words_of(render_memo(root, app, "md", "nl", day)[0], "md")
    assert ("DAT012: Plicht tot AI-geletterdheid van toepassing (art. 4, geldend op grond van art. 113, onder a) "
            f"sinds 2 februari 2025 {dutch}; niet afgerond: ai-literacy (in uitvoering).") in text
    assert "since" not in text and "status:" not in text and "raio rule" not in text
    text = _memo_words_of(render_memo(root, app, "md", "en", day)[0], "md")
    assert f"AI literacy duty applies (Art 4 (applicable under Art 113(a))) since 2 February 2025 {english}; not done:" in text


#: words of an English sentence that Dutch does not use (a guard against English left in a Dutch document)
_ENGLISH = re.compile(r"\b(and|with|which|that|this|will|from|has|have|been|are|were|would|should|their|there|"
                      r"these|than|into|about|because|only|when|where|what|who|after|before|between|without|"
                      r"under|does|did|its)\b")


def test_the_dutch_memos_and_report_of_the_example_portfolio_hold_no_english_sentence(tmp_path):
    """End to end, as a board receives them: the Dutch memo of every example application (HTML,
    one in Markdown too) and the Dutch portfolio report, on a day when many dates have passed (overdue
    decisions, expired certificates and checklist items in the DRAFT box), hold no English
    sentence and mark no passage as English; proper names aside (a notified body named "BSI
    Group The Netherlands B.V.")."""
    from raio_cli.documents.report import render_report

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "mammografie-tweede-lezer" / "compliance.yaml",  # AI Act duties too (DAT012)
              lambda d: next(i for i in d["items"] if i["id"] == "ai-literacy").update(status="in-progress"))
    Git(root).commit("Example", "2026-11-10")
    day = dt.date(2028, 9, 1)
    documents = {}
    for folder in sorted((root / "applications").iterdir()):
        documents[f"{folder.name}.html"] = render_memo(root, folder.name, "html", "nl", day)[0].decode("utf-8")
    documents["mammografie-tweede-lezer.md"] = render_memo(root, "mammografie-tweede-lezer", "md", "nl", day)[0].decode("utf-8")
    for fmt in ("html", "md"):
        documents[f"report.{fmt}"] = render_report(root, fmt, "nl", day).decode("utf-8")
    assert any("CONCEPT" in text for text in documents.values())  # the DRAFT box is among what is read
    for name, text in documents.items():
        assert 'lang="en"' not in text, name
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "\n", text).replace("The Netherlands", "Nederland")
        english = [line.strip() for line in text.splitlines() if _ENGLISH.search(line.lower())]
        assert not english, (name, english[:3])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_shallow_clone_cut_after_the_start_does_not_say_the_effects_were_registered_late(tmp_path, capsys, lang):
    """In a shallow clone (CI's default) every file seems written in the commit where the clone
    was cut. The check skips the pre-registration checks there (GIT004), but the memo told the
    board the effects were registered in that commit, after the pilot started: "the effects were
    not registered in advance", which the clone cannot tell."""
    root = make_repo(tmp_path / "portfolio")  # committed in 2024, before every pilot started
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(name="BoneSight SEH"))
    cut = Git(root).commit("Rename the product", "2026-11-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)], check=True, capture_output=True)
    text = memo_text(clone, DECISION_APP, capsys, "--lang", lang)
    if lang == "en":
        assert "not registered in advance" not in text
        assert (f"The effects are in commit {cut[:7]} of 1 November 2026, where this shallow clone's history "
                "begins: when they were first committed cannot be told from it.") in text
    else:
        assert "niet vooraf vastgelegd" not in text
        assert (f"De effecten staan in commit {cut[:7]} van 1 november 2026, waar de geschiedenis van deze "
                "shallow clone begint: wanneer ze voor het eerst zijn vastgelegd, is daaruit niet af te leiden.") in text
    # the full history says when they were registered
    text = memo_text(root, DECISION_APP, capsys, "--lang", lang)
    assert ("registered in commit" if lang == "en" else "vastgelegd in commit") in text


@pytest.mark.parametrize("lang, wrong_phrase", [("nl", "in evaluatie na de pilot"), ("en", "in evaluation after its pilot")])
def test_a_stage_raio_does_not_know_is_not_read_as_evaluation(tmp_path, lang, wrong_phrase):
    """A typo in application.yaml's stage ('onbekend') made the memo of a planned application a
    decision memo that told the board it was "in evaluation after its pilot (not given to not
    given)". The memo goes by the dossier's own content, as for a pilot, and names the stage as
    written; the draft box still carries the schema's error."""
    root = make_repo(tmp_path / "p", git=False)
    edit_yaml(root / "applications" / PROPOSAL_APP / "application.yaml", lambda d: d.update(stage="onbekend"))
    data, _name, draft = render_memo(root, PROPOSAL_APP, "md", lang, EXAMPLE_TODAY)
    text = data.decode("utf-8")
    assert draft
    assert wrong_phrase not in text
    proposal, _n, _d = render_memo(make_repo(tmp_path / "q", git=False), PROPOSAL_APP, "md", lang, EXAMPLE_TODAY)
    first_heading = next(line for line in proposal.decode("utf-8").splitlines() if line.startswith("# "))
    assert first_heading in text  # the pilot proposal, as for the stage it was before the typo
    assert "onbekend" in text


def test_a_stage_raio_does_not_know_after_a_pilot_with_results_is_named_as_written(tmp_path):
    """With results recorded, the memo of an unknown stage is a decision memo that says the stage
    as written ('productie' for production), in either language, not "in evaluation"."""
    root = make_repo(tmp_path / "p", git=False)
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(stage="productie"))
    nl = render_memo(root, DECISION_APP, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8")
    en = render_memo(root, DECISION_APP, "md", "en", EXAMPLE_TODAY)[0].decode("utf-8")
    assert "in een fase die raio niet kent ('productie')" in nl and "in evaluatie na de pilot" not in nl
    assert "in a stage raio does not know ('productie')" in en and "in evaluation after its pilot" not in en


def test_every_interval_is_labelled_with_the_level_that_is_known_in_every_format(tmp_path):
    """Every interval was called a 95% confidence interval ("95% CI" over the column, "the whole
    95% confidence interval clears the target"), also one the dossier typed as a 90% interval. A
    typed interval now shows the level pilot.yaml states (interval_level), or 95% marked as an
    assumption when it states none; one computed from counts says 95%, Wilson. Both languages,
    every format."""
    import docx
    from pypdf import PdfReader

    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    def levels(d):  # G2 a 90% interval, E1 one whose level the dossier does not state
        results = {r["effect"]: r for r in d["outcome"]["results"]}
        results["G2"].update(interval_level=90)
        results["E1"].pop("interval_level", None)

    edit_yaml(pilot, levels)
    Git(root).commit("Dossiers", "2024-01-10")
    cells = {"nl": ("8,9–12,0 (90%)", "85,1–92,7% (95%, aangenomen)"), "en": ("8.9–12.0 (90%)", "85.1–92.7% (95%, assumed)")}
    for lang, (stated, assumed) in cells.items():
        md = render_memo(root, "longnodule-ct", "md", lang, EXAMPLE_TODAY)[0].decode()
        assert "95% CI" not in md and "95%-BI" not in md
        rows = {line.split("|")[1].strip().split(" ")[0].strip("*"): [c.strip() for c in line.split("|")[1:-1]]
                for line in md.splitlines() if line.startswith("| **")}
        assert rows["G2"][6] == stated and rows["E1"][6] == assumed
        html = render_memo(root, "longnodule-ct", "html", lang, EXAMPLE_TODAY)[0].decode()
        assert stated.replace(" (", "<br><small>").replace(")", "</small>") in html
        data = render_memo(root, "longnodule-ct", "docx", lang, EXAMPLE_TODAY)[0]
        table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.rows[0].cells) == 8)
        assert table.rows[0].cells[6].text == ("BI" if lang == "nl" else "CI")
        shown = {r.cells[0].text.split(" ")[0]: r.cells[6].text for r in table.rows[1:]}
        on_its_line = lambda cell: cell.replace(" (", "\n").rstrip(")").replace(", ", ",\u00a0")  # noqa: E731
        assert shown["G2"] == on_its_line(stated) and shown["E1"] == on_its_line(assumed)
        pdf = render_memo(root, "longnodule-ct", "pdf", lang, EXAMPLE_TODAY)[0]
        flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
        assert "90%" in flat and ("aangenomen" if lang == "nl" else "assumed") in flat
    said = {e["id"]: e["explanation"] for e in build_context(root, "longnodule-ct", "nl", EXAMPLE_TODAY)["effects"]}
    assert said["G2"].startswith("Het hele 90%-betrouwbaarheidsinterval")
    said = {e["id"]: e["explanation"] for e in build_context(root, "longnodule-ct", "en", EXAMPLE_TODAY)["effects"]}
    assert said["G2"].startswith("The whole 90% confidence interval"), said["G2"]
    assert "raio assumes 95%" in said["E1"], said["E1"]
    counted = {e["id"]: e for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert counted["E1"]["interval_level"] == "95%, Wilson"


def test_a_verdict_on_far_fewer_cases_than_planned_says_so_in_the_memo(tmp_path):
    """The fracture pilot planned 2,000 studies; with its 2x2 table cut to 600 the memo still said
    "met" and nothing about the sample, so the board could not see that the verdict rests on less
    than a third of the planned cases (raio check warns with OUT012). Both languages."""
    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / DECISION_APP / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["outcome"]["results"][0].update(counts={"tp": 140, "fp": 50, "fn": 8, "tn": 402}, n=600))
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["effects"]}
    assert "Dit oordeel rust op 600 van de 2.000 geplande onderzoeken of patiënten (30%)" in said["E1"], said["E1"]
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert "This verdict rests on 600 of the 2,000 studies or patients planned (30%)" in said["E1"], said["E1"]
    # a reasoned suppression of OUT012 (the table counts another unit) keeps the memo quiet too
    text = pilot.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("counts:"))
    pilot.write_text(text.replace(line, f"{line}  # raio: ignore[OUT012] the table counts fractures, the plan patients"),
                     encoding="utf-8")
    said = {e["id"]: e["explanation"] for e in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["effects"]}
    assert "rests on" not in said["E1"], said["E1"]
    # the example's own table (2,200 of 2,000 planned) says nothing of the kind
    plain = {e["id"]: e["explanation"] for e in build_context(copy_example(tmp_path / "q"), DECISION_APP, "en",
                                                              EXAMPLE_TODAY)["effects"]}
    assert "rests on" not in plain["E1"]


def test_a_primary_verdict_on_an_interval_below_the_policy_level_says_so_in_the_memo(tmp_path):
    """The nodule pilot's primary E1 was "met" on an 80% interval; the memo labelled the interval
    "80%" and said "the whole 80% confidence interval clears the target" as if that were the
    usual evidence. It now says, beside the level and in the verdict's explanation, that the level
    is below the 95% the policy asks (raio check warns with OUT013). Both languages; a hospital
    whose raio.yaml policy accepts 80% gets no such note."""
    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["outcome"]["results"][0].update(interval=[88.5, 90.5], interval_level=80))
    for lang, label, note in (
            ("nl", "80%, onder 95%", "Dit oordeel rust op een betrouwbaarheidsinterval van 80%, onder de 95% die het beleid van het ziekenhuis vraagt"),
            ("en", "80%, below 95%", "This verdict rests on a confidence interval of 80%, below the 95% the hospital's policy asks for")):
        effects = {e["id"]: e for e in build_context(root, "longnodule-ct", lang, EXAMPLE_TODAY)["effects"]}
        assert effects["E1"]["status"] == "met"
        assert effects["E1"]["interval_level"] == label
        assert note in effects["E1"]["explanation"], effects["E1"]["explanation"]
        md = render_memo(root, "longnodule-ct", "md", lang, EXAMPLE_TODAY)[0].decode()
        assert f"({label})" in md and note in md
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(min_interval_level=80))
    effects = {e["id"]: e for e in build_context(root, "longnodule-ct", "en", EXAMPLE_TODAY)["effects"]}
    assert effects["E1"]["interval_level"] == "80%" and "below" not in effects["E1"]["explanation"]


def test_an_effect_without_positive_cases_cannot_be_evaluated_in_every_format(tmp_path):
    """A 2x2 table without a single positive case (tp = fn = 0) gives no sensitivity. The memo
    still showed the typed 93,4% (n = 0) as the observed value, called the verdict "onbeslist"
    as if the data were merely ambiguous, said the sensitivity was "computed from the 2x2 table:
    0/0, with a Wilson interval", and that the verdict rests on 452 of the planned cases. It now
    says plainly that the effect cannot be evaluated, and why, in both languages and every format."""
    import docx
    from pypdf import PdfReader

    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / DECISION_APP / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["outcome"]["results"][0].update(counts={"tp": 0, "fp": 50, "fn": 0, "tn": 402}, n=0))
    words = {"nl": ("niet te beoordelen", "geen positieve gevallen volgens de referentiestandaard (tp + fn = 0)"),
             "en": ("cannot be evaluated", "no cases positive by the reference standard (tp + fn = 0)")}
    for lang, (verdict, why) in words.items():
        e1 = build_context(root, DECISION_APP, lang, EXAMPLE_TODAY)["effects"][0]
        assert e1["verdict"] == verdict and e1["tone"] == "neutral"
        assert why in e1["explanation"], e1["explanation"]
        assert "0/0" not in e1["explanation"] and "2.000" not in e1["explanation"] and "2,000" not in e1["explanation"]
        assert e1["observed"] == "—" and e1["observed_n"] == "— (n = 0)"
        md = render_memo(root, DECISION_APP, "md", lang, EXAMPLE_TODAY)[0].decode()
        row = next(line for line in md.splitlines() if line.startswith("| **E1**"))
        assert f"**{verdict}**" in row and "93" not in row
        assert verdict in render_memo(root, DECISION_APP, "html", lang, EXAMPLE_TODAY)[0].decode()
        data = render_memo(root, DECISION_APP, "docx", lang, EXAMPLE_TODAY)[0]
        table = next(t for t in docx.Document(io.BytesIO(data)).tables if len(t.rows[0].cells) == 8)
        assert table.rows[1].cells[7].text == verdict
        pdf = render_memo(root, DECISION_APP, "pdf", lang, EXAMPLE_TODAY)[0]
        assert verdict in " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_each_verdict_states_the_n_it_rests_on_or_that_the_dossier_gives_none(tmp_path):
    """The memo showed "10,4" for a result without n, as if the number of cases did not matter; a
    verdict now always says what it rests on: "n = 1.480", the denominator of a statistic from
    counts (sensitivity: the 441 positives, with 412/441 in the explanation), or "n niet
    vermeld" / "n not stated"."""
    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: next(r for r in d["outcome"]["results"] if r["effect"] == "G2").pop("n"))
    for lang, e1, g1, g2 in (("nl", "89,5% (n = 248)", "0,62 (n = 1.480)", "10,4 (n niet vermeld)"),
                             ("en", "89.5% (n = 248)", "0.62 (n = 1,480)", "10.4 (n not stated)")):
        rows = {e["id"]: e for e in build_context(root, "longnodule-ct", lang, EXAMPLE_TODAY)["effects"]}
        assert (rows["E1"]["observed_n"], rows["G1"]["observed_n"], rows["G2"]["observed_n"]) == (e1, g1, g2)
        assert rows["G2"]["n_text"] == g2.split("(")[1].rstrip(")")
        md = render_memo(root, "longnodule-ct", "md", lang, EXAMPLE_TODAY)[0].decode()
        assert g2 in next(line for line in md.splitlines() if line.startswith("| **G2**"))
    counted = {e["id"]: e for e in build_context(root, DECISION_APP, "nl", EXAMPLE_TODAY)["effects"]}
    assert counted["E1"]["observed_n"] == "93,4% (n = 441)" and "412/441" in counted["E1"]["explanation"]


def test_a_typo_in_the_plan_dates_is_shown_in_the_memo_as_no_date(tmp_path):
    """A typo in plan.end (2026-13-01) made the proposal say the pilot "ends on not given" and its
    period "7 September 2026 to —", as if no end had been planned; an end before the start was
    written as the pilot's period. The board reads the typo as written, marked as no date."""
    from test_status import _typo_portfolio

    root = _typo_portfolio(tmp_path / "p")
    for lang, month, order, summary in (
            ("en", "7 September 2026 to '2026-13-01' (not a date)",
             "7 September 2026 to 5 March 2026 (the start is not before the end)", "'2026-13-01' (not a date)"),
            ("nl", "7 september 2026 tot en met '2026-13-01' (geen datum)",
             "7 september 2026 tot en met 5 maart 2026 (de start ligt niet vóór het einde)",
             "'2026-13-01' (geen datum)")):
        ctx = build_context(root, "month-typo", lang, EXAMPLE_TODAY)
        (period,) = [r["value"] for r in ctx["pilot_rows"] if r["label"] in ("Period", "Periode")]
        assert period == month
        assert summary in ctx["summary"]
        assert "ends on not given" not in ctx["summary"] and "eindigt op niet opgegeven" not in ctx["summary"]
        ctx = build_context(root, "year-typo", lang, EXAMPLE_TODAY)
        (period,) = [r["value"] for r in ctx["pilot_rows"] if r["label"] in ("Period", "Periode")]
        assert period == order
        ctx = build_context(root, "start-typo", lang, EXAMPLE_TODAY)
        (period,) = [r["value"] for r in ctx["pilot_rows"] if r["label"] in ("Period", "Periode")]
        assert period.startswith("'2026-02-30' (")


def test_a_retired_application_does_not_show_its_last_value_as_an_alert_now(tmp_path, capsys):
    """The memo of Hersenvolumetrie, switched off on 30 June 2026, marked its last quarter's use
    (17 analyses, below the alert threshold 60) "alert" in red, as if the board had a live alert
    to act on. It is history: past the alert threshold while in use."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    app = "hersenvolumetrie-mri"
    en = memo_text(root, app, capsys, "--lang", "en")
    [m1] = [line for line in en.splitlines() if line.startswith("| M1:")]
    assert m1.endswith("| alert below 60 analyses per kwartaal | past the alert threshold while in use |"), m1
    nl = memo_text(root, app, capsys)
    [m1] = [line for line in nl.splitlines() if line.startswith("| M1:")]
    assert m1.endswith("| alarm onder 60 analyses per kwartaal | alarmgrens overschreden tijdens gebruik |"), m1
    # an application in use still shows its alert as one
    # an application in use still shows an alert as one
    edit_yaml(root / "applications" / DECISION_APP / "monitoring.yaml",
              lambda d: d["results"][-1].update(values={"M1": 9.5}, follow_up="Leverancier gebeld."))
    Git(root).commit("Alert", "2026-11-10")
    m1 = next(m for m in build_context(root, DECISION_APP, "en", EXAMPLE_TODAY)["monitoring"]["metrics"]
              if m["id"] == "M1")
    assert (m1["status"], m1["tone"]) == ("alert", "bad")


def test_a_retired_application_signs_off_who_was_consulted_on_and_informed_of_the_stop(tmp_path, capsys):
    """The stop of Hersenvolumetrie was prepared with neurology and the works council and
    announced to the referrers, but application.yaml's retirement had no place for that: the
    memo's sign-off read "Consulted: not given" and "Informed: not given" under the board's stop.
    retirement now takes consulted and informed, as pilot.yaml's decision does, and the sign-off
    shows them in every format and both languages; a dossier without them stays valid."""
    import json

    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "application.yaml", lambda d: d["retirement"].update(
        consulted=["Neurologie (geheugenpoli)", "Ondernemingsraad"], informed=["Verwijzers", "CortexMetrics Ltd"]))
    Git(root).commit("Who was consulted on the stop", "2026-08-10")
    code, out, err = run(["check", str(root), "--today", TODAY, "--format", "json", "--no-git"], capsys)
    assert not [f for f in json.loads(out) if f["app"] == app and f["code"].startswith("SCH")], out
    expected = {"en": ["Consulted on the decision Neurologie (geheugenpoli) and Ondernemingsraad",
                       "Informed Verwijzers and CortexMetrics Ltd"],
                "nl": ["Geraadpleegd over het besluit Neurologie (geheugenpoli) en Ondernemingsraad",
                       "Geïnformeerd Verwijzers en CortexMetrics Ltd"]}
    for lang, sentences in expected.items():
        for fmt, text in _memo_formats(root, app, capsys, lang).items():
            signoff = text[text.index("Sign-off" if lang == "en" else "Ondertekening"):]
            for sentence in sentences:
                assert _folded(sentence) in signoff, (lang, fmt, sentence, signoff[:400])


def test_a_stop_proposed_in_production_signs_off_who_was_consulted_on_the_stop(tmp_path, capsys):
    """A stop put to the board names whom the RAIO consulted on it (retirement.consulted), not
    whom the scale-up of 2025 consulted."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / DECISION_APP / "application.yaml", lambda d: d.update(retirement={
        "date": "2027-01-31", "reason": "Gemiste fracturen boven de alarmgrens sinds juli 2026.",
        "consulted": ["SEH-artsen"]}))
    Git(root).commit("Proposal to stop", "2026-11-10")
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    signoff = en[en.index("## Sign-off"):]
    assert "**Consulted on the decision:** SEH-artsen - **Informed:** not given" in signoff, signoff[:300]


def test_a_retired_application_says_when_its_log_retention_has_ended_and_is_still_open(tmp_path, capsys):
    """Eighteen months after log retention of Hersenvolumetrie ended (31 December 2026), its memo
    still read "Log retention: until 31 December 2026 ... (in progress)", as if the duty still
    ran, while raio check warns that it has passed and the item is still open (MON013) and raio
    monitor says so. The memo now says that day has passed and the item is still open."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    app = "hersenvolumetrie-mri"
    args = ("--today", "2028-06-01")
    code, out, err = run(["memo", app, "-p", str(root), "--out", "-", "--lang", "en", *args], capsys)
    assert code == 0, err
    assert ("**Log retention:** until 31 December 2026, 6 months after the retirement on 30 June 2026: that day has "
            "passed and the checklist item is still in progress; set it done with the day retention ended") \
        in " ".join(out.split()), out
    code, out, err = run(["memo", app, "-p", str(root), "--out", "-", *args], capsys)
    assert ("**Bewaren van logs:** tot 31 december 2026, 6 maanden na de uitgebruikname op 30 juni 2026: die dag is "
            "voorbij en het checklistpunt staat nog op in uitvoering; zet het op afgerond met de dag waarop het bewaren "
            "eindigde") in " ".join(out.split()), out


def test_required_items_that_expired_are_not_counted_as_settled(tmp_path, capsys):
    """Two years after scale-up, the memo of the stroke triage said "All 20 items required for
    the production stage are settled", in green, a month after the CE certificate item and the
    staff's AI-literacy training had expired (raio check: DAT009, errors). An item marked done
    whose expiry has passed is no longer settled; the memo counts it so and says why."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    app = "stroke-lvo-triage"
    context = build_context(root, app, "en", dt.date(2027, 3, 1))["compliance"]
    assert context["readiness"] == ("18 of 20 items required for the production stage are settled. 2 required items "
                                    "are marked done but have expired (see ‘Expired or expiring soon’)."), context["readiness"]
    assert context["tone"] == "bad"
    nl = build_context(root, app, "nl", dt.date(2027, 3, 1))["compliance"]["readiness"]
    assert nl == ("18 van 20 verplichte punten voor de fase productie zijn afgerond. 2 verplichte punten zijn afgerond "
                  "maar verlopen (zie ‘Verlopen of bijna verlopen’)."), nl
    # before they expired, all were settled
    assert build_context(root, app, "en", EXAMPLE_TODAY)["compliance"]["readiness"].startswith("All 20 items")


def test_a_retired_applications_memo_titles_its_monitoring_as_while_in_use(tmp_path, capsys):
    """The memo of an application switched off in June 2026 titled its monitoring "Monitoring in
    production" ("Monitoring in productie"): the board read that the application still runs. The
    section is titled for the time it was in use, in every format and both languages; an
    application in production keeps its title."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-08-10")
    for lang, title, old in (("en", "Monitoring while in use", "Monitoring in production"),
                             ("nl", "Monitoring tijdens het gebruik", "Monitoring in productie")):
        for fmt, text in _memo_formats(root, "hersenvolumetrie-mri", capsys, lang).items():
            assert title in text and old not in text, (lang, fmt)
        assert f"## {old}" in memo_text(root, DECISION_APP, capsys, "--lang", lang)
    page = memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", "en", "--format", "html")
    assert '<h2>Monitoring while in use</h2>' in page and 'aria-label="Monitoring while in use"' in page



def test_a_retired_applications_stage_line_dates_the_retirement_as_its_text_does(tmp_path, capsys):
    """The stage was set to retired in a commit of 20 July 2026 for a switch-off on 30 June 2026
    (application.yaml retirement.date): the memo's key facts said "retired (since 20 July 2026)"
    and its text "was retired on 30 June 2026", two dates for one event. The stage line now gives
    the dossier's date; without a valid one it keeps the commit's."""
    root = copy_example(tmp_path / "p")
    app = root / "applications" / "hersenvolumetrie-mri" / "application.yaml"
    git = Git(root)
    edit_yaml(app, lambda d: d.update(stage="production", stage_since="2022-10-24"))
    git.commit("Example in production", "2026-01-10")
    edit_yaml(app, lambda d: d.update(stage="retired", stage_since="2026-06-30"))
    git.commit("Hersenvolumetrie retired", "2026-07-20")
    for lang, stage, text in (("en", "- **Stage:** retired (since 30 June 2026)\n", "was retired on 30 June 2026."),
                              ("nl", "- **Fase:** uit gebruik (sinds 30 juni 2026)\n", "is op 30 juni 2026 uit gebruik genomen.")):
        memo = memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", lang)
        assert stage in memo and text in " ".join(memo.split()), (lang, memo[:1500])
        assert "of 20 July 2026" in memo or "van 20 juli 2026" in memo  # the commit, in the provenance
    # a retirement date that is no date: the commit that set the stage dates it
    edit_yaml(app, lambda d: d["retirement"].update(date="2026-06-31"))
    git.commit("Typo", "2026-07-21")
    assert "- **Stage:** retired (since 20 July 2026)\n" in memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", "en")


def test_a_policy_asking_99_percent_judges_counts_at_99_in_memo_report_and_export(tmp_path, capsys):
    """A hospital that wants 99% intervals (raio.yaml policy.min_interval_level: 99) was refused
    (the schema stopped at 95). raio now computes the interval of a 2x2 table at the policy's
    level when it is higher: the fracture pilot's sensitivity 412/441 (Wilson 95% 90.7–95.3%,
    met against 90%) is 89.7–95.9% at 99%, so the memo, the report and the export say the
    target may not be met, as raio check does, and label the interval "99%, Wilson"."""
    from raio_cli.cli import main
    from raio_cli.documents import report

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(min_interval_level=99))
    for lang, label, words in (("en", "99%, Wilson", "The 99% confidence interval contains the target"),
                               ("nl", "99%, Wilson", "Het 99%-betrouwbaarheidsinterval omvat het doel")):
        context = build_context(root, DECISION_APP, lang, EXAMPLE_TODAY)
        e1 = next(e for e in context["effects"] if e["id"] == "E1")
        assert (e1["status"], e1["interval_level"]) == ("inconclusive", label), e1
        assert e1["explanation"].startswith(words), e1["explanation"]
    rows = report.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2025, 1, 1))["decisions"]["rows"]
    row = next(r for r in rows if r["app_id"] == DECISION_APP)
    assert "inconclusive or without a result: E1" in row["verdicts"] and row["tone"] == "warn", row
    with pytest.raises(SystemExit):
        main(["export", str(root), "--format", "json"])
    exported = next(r for r in json.loads(capsys.readouterr().out) if r["id"] == DECISION_APP)
    assert "E1 inconclusive" in exported["verdicts"], exported["verdicts"]
    # the schema accepts the level; at the default 95% the example's E1 is met
    from raio_cli import check as engine

    assert [f for f in engine.run(root, today=EXAMPLE_TODAY, use_git=False).findings if f.file == "raio.yaml"] == []
    plain = copy_example(tmp_path / "q")
    e1 = next(e for e in build_context(plain, DECISION_APP, "en", EXAMPLE_TODAY)["effects"] if e["id"] == "E1")
    assert (e1["status"], e1["interval_level"]) == ("met", "95%, Wilson")


def test_an_assumed_level_below_the_policys_says_it_is_assumed(tmp_path):
    """Under a policy asking 99%, a typed interval without interval_level (raio assumes 95%) was
    labelled "95%, below 99%", as if the dossier had stated 95%."""
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(min_interval_level=99))

    def drop_level(d):
        for r in d["outcome"]["results"]:
            if r.get("effect") == "E1":
                r.pop("interval_level", None)
    edit_yaml(root / "applications" / "stroke-lvo-triage" / "pilot.yaml", drop_level)
    for lang, label in (("en", "95%, assumed, below 99%"), ("nl", "95%, aangenomen, onder 99%")):
        e1 = next(e for e in build_context(root, "stroke-lvo-triage", lang, EXAMPLE_TODAY)["effects"] if e["id"] == "E1")
        assert e1["interval_level"] == label, e1


@pytest.mark.parametrize("odd", [-5, float("nan")])
def test_the_memo_warns_of_an_expiring_certificate_as_raio_check_does_when_the_policy_horizon_is_unusable(
        tmp_path, odd):
    """A raio.yaml certificate_warning_days of -5 or .nan is the schema's finding; raio check
    (DAT008) then warns with the default horizon of 90 days, but the memo read the value as it
    stood and left the certificate expiring in 77 days out of 'Expired or expiring soon'."""
    from raio_cli import check

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "raio.yaml", lambda d: d["policy"].update(certificate_warning_days=odd))
    Git(root).commit("Example", "2026-11-10")
    assert [f.app for f in check.run(root, today=EXAMPLE_TODAY).findings if f.code == "DAT008"] == ["stroke-lvo-triage"]
    data, _name, _draft = render_memo(root, "stroke-lvo-triage", "md", "en", EXAMPLE_TODAY)
    text = data.decode("utf-8")
    part = text[text.index("**Expired or expiring soon**"):]
    assert "expires 31 January 2027" in part.split("\n## ")[0]


def memo_texts(root: Path, app: str, lang: str) -> dict[str, str]:
    """The memo's text in every format, whitespace made single (PDF by pypdf, DOCX by python-docx)."""
    import html as html_mod

    import docx
    from pypdf import PdfReader

    out = {}
    for fmt in ("md", "html", "pdf", "docx"):
        data, _name, _draft = render_memo(root, app, fmt, lang, EXAMPLE_TODAY)
        if fmt == "pdf":
            text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\u2022", "")
        elif fmt == "docx":
            text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        elif fmt == "html":
            text = html_mod.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))
        else:
            text = re.sub(r"^(#+|-) ", "", data.decode("utf-8").replace("**", ""), flags=re.M)  # no heading or list marks
        out[fmt] = " ".join(text.split())
    return out


PILOT_INCIDENT = {"date": "2026-02-10", "severity": "serious", "description": "Carcinoom gemist na een lage AI-score.",
                  "reported_to": {"vendor": "2026-02-12"}}
UNDATED_INCIDENT = {"severity": "moderate", "description": "Werklijst toonde geen AI-scores."}


def test_the_memo_of_an_application_in_production_lists_the_incidents_of_its_pilot(tmp_path):
    """The memo's monitoring section listed only the incidents since the scale-up decision: a
    serious incident during the pilot was in no memo, and one without a date was listed among
    those since the decision with its date "not given"."""
    root = copy_example(tmp_path / "p")
    app = "mammografie-tweede-lezer"
    edit_yaml(root / "applications" / app / "monitoring.yaml",
              lambda d: d.update(incidents=[PILOT_INCIDENT, UNDATED_INCIDENT]))
    Git(root).commit("Incidents", "2026-11-10")
    for fmt, text in memo_texts(root, app, "en").items():
        assert ("Incidents during the pilot, before the decision 10 February 2026 (serious): Carcinoom gemist na "
                "een lage AI-score. Reported to the vendor on 12 February 2026; no report to the manufacturer "
                "recorded.") in text, fmt
        assert "Incidents without a date without a date (moderate): Werklijst toonde geen AI-scores." in text, fmt
        assert "Incidents since the decision No incidents reported." in text, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        assert ("Incidenten tijdens de pilot, vóór het besluit 10 februari 2026 (ernstig): Carcinoom gemist na "
                "een lage AI-score. Gemeld aan de leverancier op 12 februari 2026; geen melding aan de fabrikant "
                "vastgelegd.") in text, fmt
        assert "Incidenten zonder datum zonder datum (matig): Werklijst toonde geen AI-scores." in text, fmt


@pytest.mark.parametrize("app", ["longnodule-ct", "verslag-concept-llm"])
def test_the_memo_that_asks_for_scale_up_shows_a_serious_incident_of_the_pilot(tmp_path, app):
    """The memo of an application in evaluation (the board decides scale-up or stop) or still in
    its pilot said nothing of a serious incident recorded during the pilot: a board could approve
    a scale-up without seeing it (AI Act Art 26(5), MDR Art 87 vigilance)."""
    root = copy_example(tmp_path / "p")
    write(root / "applications" / app / "monitoring.yaml",
          {"incidents": [{**PILOT_INCIDENT, "date": "2026-09-10", "reported_to": {"vendor": "2026-09-12"}},
                         UNDATED_INCIDENT]})
    Git(root).commit("Incidents of the pilot", "2026-11-10")
    for fmt, text in memo_texts(root, app, "en").items():
        assert "1 serious incident has been recorded during the pilot (see Incidents during the pilot)." in text, fmt
        assert ("Incidents during the pilot 10 September 2026 (serious): Carcinoom gemist na een lage AI-score. "
                "Reported to the vendor on 12 September 2026; no report to the manufacturer recorded.") in text, fmt
        assert "without a date (moderate): Werklijst toonde geen AI-scores." in text, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        assert "Tijdens de pilot is 1 ernstig incident vastgelegd (zie Incidenten tijdens de pilot)." in text, fmt
        assert ("Incidenten tijdens de pilot 10 september 2026 (ernstig): Carcinoom gemist na een lage AI-score. "
                "Gemeld aan de leverancier op 12 september 2026; geen melding aan de fabrikant vastgelegd.") in text, fmt
        assert "zonder datum (matig): Werklijst toonde geen AI-scores." in text, fmt


@pytest.mark.parametrize("app, day, see_en, see_nl", [
    ("mammografie-tweede-lezer", "2026-02-10", "Monitoring in production", "Monitoring in productie"),
    ("hersenvolumetrie-mri", "2022-05-10", "Monitoring while in use", "Monitoring tijdens het gebruik"),
])
def test_the_summary_of_a_memo_in_production_or_retired_names_the_pilots_serious_incidents(tmp_path, app, day, see_en, see_nl):
    """The memo of an application in production or retired listed a serious incident of the pilot
    in its monitoring section, but its summary, unlike a pilot's or an evaluation's, said nothing
    of it: a board reading the summary confirmed the scale-up without seeing it."""
    root = copy_example(tmp_path / "p")
    minor = {"date": day, "severity": "minor", "description": "Trage werklijst."}
    edit_yaml(root / "applications" / app / "monitoring.yaml",
              lambda d: d.update(incidents=[{**PILOT_INCIDENT, "date": day}, minor]))
    Git(root).commit("Incidents of the pilot", "2026-11-10")
    for fmt, text in memo_texts(root, app, "en").items():
        said = text.index(f"1 serious incident has been recorded during the pilot (see {see_en}).")
        assert text.index("Summary") < said < text.index("Expected against observed"), fmt  # in the summary
    for fmt, text in memo_texts(root, app, "nl").items():
        said = text.index(f"Tijdens de pilot is 1 ernstig incident vastgelegd (zie {see_nl}).")
        assert text.index("Samenvatting") < said < text.index("Verwacht en waargenomen"), fmt
    # a minor incident of the pilot is no sentence of the summary
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d.update(incidents=[minor]))
    Git(root).commit("Only a minor incident", "2026-11-11")
    assert "serious incident" not in memo_texts(root, app, "en")["md"]


def test_a_decision_taken_that_departs_from_the_results_is_called_a_decision(tmp_path, capsys):
    """The memo of an application in production said "Decision of 16 March 2026: scale up. The
    recommendation departs from what the results indicate": the board had decided, yet the memo
    spoke of a recommendation, as if the scale-up still waited for its decision. Before the
    decision (evaluation) it is the recommendation that departs."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for lang, decided, recommended in (
            ("en", "The decision departs from what the results registered in advance indicate.",
             "The recommendation departs from what the results registered in advance indicate."),
            ("nl", "Het besluit wijkt af van wat de vooraf vastgelegde uitkomsten aangeven.",
             "Het advies wijkt af van wat de vooraf vastgelegde uitkomsten aangeven.")):
        text = " ".join(memo_text(root, "mammografie-tweede-lezer", capsys, "--lang", lang).split())
        assert decided in text and recommended not in text, lang
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml", lambda d: d.update(decision={
        "choice": "scale-up", "date": "2026-11-01",
        "rationale": "Opschalen.", "override_rationale": "E1 is net onbeslist."}))
    Git(root).commit("Recommendation", "2026-11-11")
    text = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())
    assert "The recommendation departs from what the results registered in advance indicate." in text
    assert "The decision departs" not in text
    # decided by the board while the stage still says evaluation (raio check's DEC004): the decision departs
    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml",
              lambda d: d["decision"].update(decided_by="Raad van bestuur"))
    Git(root).commit("Decision", "2026-11-12")
    text = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())
    assert "The decision departs from what the results registered in advance indicate." in text


def test_open_items_of_one_role_are_one_owner_whatever_the_language_it_was_written_in(tmp_path, capsys):
    """The English proposal of an application whose dossier names its owners in Dutch listed the
    open items of the clinical physicist under two owners, "klinisch fysicus" (as the dossier
    wrote it) and "clinical physicist" (the catalog's default for the items not yet in the
    dossier), as if two people had to settle them."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en = memo_text(root, "botleeftijd-hand", capsys, "--lang", "en")
    section = en.split("**Open items, by owner**")[1].split("\n## ")[0]
    owners = [line.split(" | ")[0].strip("| ") for line in section.splitlines() if line.startswith("| ")][1:]
    named = [o for o in owners if o]
    assert "klinisch fysicus" not in named and named.count("clinical physicist") == 1, named
    assert "CE certificate and MDR class verified" in section and "Input data relevant and representative" in section
    nl = memo_text(root, "botleeftijd-hand", capsys)
    section = nl.split("**Open punten, per eigenaar**")[1].split("\n## ")[0]
    named = [line.split(" | ")[0].strip("| ") for line in section.splitlines() if line.startswith("| ")][1:]
    assert [o for o in named if o].count("klinisch fysicus") == 1


def test_the_summary_of_a_memo_in_production_names_its_serious_incidents_since_the_decision(tmp_path, capsys):
    """A serious incident in production (a fracture missed while the AI was in use) was listed
    deep in the monitoring section, and the summary above the board's confirmation of the
    scale-up said nothing of it; nor of a serious incident recorded without a date."""
    root = copy_example(tmp_path / "p")
    app = "fractuurdetectie-seh"

    def monitoring(d):
        d["incidents"] += [{"date": "2026-10-02", "description": "Gemiste heupfractuur.", "severity": "serious",
                            "reported_to": {"vendor": "2026-10-05", "manufacturer": "2026-10-05"}},
                           {**UNDATED_INCIDENT, "severity": "serious"}]
    edit_yaml(root / "applications" / app / "monitoring.yaml", monitoring)
    Git(root).commit("A serious incident in production", "2026-11-10")
    for fmt, text in memo_texts(root, app, "en").items():
        start, end = text.index("Summary"), text.index("Expected against observed")
        assert "1 serious incident has been recorded since the decision (see Monitoring in production)." in text[start:end], fmt
        assert "1 serious incident without a date has been recorded (see Monitoring in production)." in text[start:end], fmt
        assert "during the pilot" not in text[start:end], fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        start, end = text.index("Samenvatting"), text.index("Verwacht en waargenomen")
        assert "Sinds het besluit is 1 ernstig incident vastgelegd (zie Monitoring in productie)." in text[start:end], fmt
        assert "Er is 1 ernstig incident zonder datum vastgelegd (zie Monitoring in productie)." in text[start:end], fmt
    # retired: those of its time in use
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d.update(incidents=[
        {"date": "2024-05-02", "description": "Verkeerde percentielen.", "severity": "serious"},
        {"date": "2024-06-02", "description": "Verkeerde percentielen.", "severity": "serious"}]))
    Git(root).commit("Serious incidents while in use", "2026-11-11")
    text = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    summary = text[text.index("## Summary"):text.index("## Decision")]
    assert ("2 serious incidents have been recorded since the scale-up decision of 10 October 2022 "
            "(see Monitoring while in use).") in summary


def test_the_summary_of_a_memo_in_production_names_alerts_and_overdue_monitoring(tmp_path, capsys):
    """Three months after scale-up the number of carcinomas found after a low AI score passed its
    alert threshold (the condition of the scale-up: back to full double reading) and the monthly
    results were overdue; the memo showed both only in the monitoring table, and its summary,
    above the board's confirmation of the scale-up, said nothing of them."""
    root = copy_example(tmp_path / "p")
    app = "mammografie-tweede-lezer"

    def monitoring(d):
        d["results"] = [r for r in d["results"] if str(r["date"]) < "2026-10-01"]
        d["results"][-1]["values"]["M4"] = 3
        d["results"][-1]["follow_up"] = "Volledige dubbellezing hervat; besproken in het mammateam."
    edit_yaml(root / "applications" / app / "monitoring.yaml", monitoring)
    Git(root).commit("An alert", "2026-11-10")
    for lang, alert, overdue in (
            ("en", "The latest result of M4 is past its alert threshold (see Monitoring in production).",
             "The results of M1, M2 and M3 are overdue (see Monitoring in production)."),
            ("nl", "De laatste meting van M4 ligt voorbij de alarmgrens (zie Monitoring in productie).",
             "De metingen van M1, M2 en M3 zijn te laat (zie Monitoring in productie).")):
        for fmt in ("md", "html"):
            text = " ".join(memo_text(root, app, capsys, "--lang", lang, "--format", fmt).split())
            summary = text[:text.index("Verwacht en waargenomen" if lang == "nl" else "Expected against observed")]
            assert alert in summary and overdue in summary, (lang, fmt)
    # after retirement an alert of its time in use is history, not a sentence of the summary
    text = " ".join(memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", "en").split())
    assert "alert threshold (see" not in text and "overdue (see" not in text


def test_the_summary_calls_an_outcome_recorded_before_the_pilots_end_interim(tmp_path, capsys):
    """The memo of a pilot extended to 18 December 2026 summed up the results recorded on 17 July
    as "Pilot outcome: 0 of 3 pre-registered effects met", as if the pilot had ended and failed;
    the board confirming the extension read an interim result as the final one."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(memo_text(root, "prostaat-mri-pirads", capsys, "--lang", "en").split())
    assert "Interim outcome of the pilot (17 July 2026): 0 of 3 pre-registered expected effects met;" in en
    assert "Pilot outcome" not in en
    nl = " ".join(memo_text(root, "prostaat-mri-pirads", capsys).split())
    assert "Tussentijdse uitkomst van de pilot (17 juli 2026): 0 van 3 vooraf vastgelegde beoogde effecten behaald;" in nl
    # after the pilot's end the outcome is the pilot's
    assert "Pilot outcome: 0 of 3 pre-registered expected effects met;" in " ".join(
        memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())


def test_a_memo_in_evaluation_while_the_extended_pilot_runs_says_so(tmp_path, capsys):
    """longnodule-ct, in evaluation, extended on 2 November 2026 to 18 December 2026 after its
    outcome of 23 October (the extension written under extensions only): its decision memo said
    "in evaluation after its pilot" and "Pilot outcome", and asked the board to decide on the
    results that led to the extension, while the extended pilot still runs (DEC004)."""
    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d.update(extensions=[
        {"end": "2026-12-18", "reason": "Te weinig controle-CT's voor E3.", "date": "2026-11-02", "by": "AI-stuurgroep"}]))
    Git(root).commit("Extended", "2026-11-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert ("is in evaluation while its extended pilot still runs (12 January 2026 to 18 December 2026). "
            "Interim outcome of the pilot (23 October 2026): 0 of 3 pre-registered expected effects met;") in en
    assert "Pilot outcome" not in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert ("is in evaluatie terwijl de verlengde pilot nog loopt (12 januari 2026 tot en met 18 december 2026). "
            "Tussentijdse uitkomst van de pilot (23 oktober 2026): 0 van 3 vooraf vastgelegde beoogde effecten "
            "behaald;") in nl
    # an outcome after the extension but before the extended pilot's end (18 December) is an
    # interim one too, as raio check reads it (DEC004): it was read as the outcome of a pilot that
    # had ended early
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["outcome"].update(date="2026-11-09"))
    Git(root).commit("Its outcome", "2026-11-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert ("is in evaluation while its extended pilot still runs (12 January 2026 to 18 December 2026). "
            "Interim outcome of the pilot (9 November 2026):") in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert ("is in evaluatie terwijl de verlengde pilot nog loopt (12 januari 2026 tot en met 18 december 2026). "
            "Tussentijdse uitkomst van de pilot (9 november 2026):") in nl
    # the extended pilot ended early, on 6 November, as its end now says: evaluated after its pilot
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["extensions"][0].update(end="2026-11-06"))
    Git(root).commit("Ended early", "2026-11-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "is in evaluation after its pilot (12 January 2026 to 6 November 2026). Pilot outcome:" in en


def test_a_retired_applications_log_retention_is_a_duty_that_runs_not_an_item_not_required(tmp_path, capsys):
    """The memo of an application retired on 30 June 2026 listed 'Logs retained (at least six
    months), in progress' as 'not required' for the retired stage, 'open that the retired stage
    does not require', while its monitoring section said the retention runs until 31 December
    2026 (AI Act Art 26(6)); a CISO read that the logs could go."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "hersenvolumetrie-mri"
    for lang, row, sentence, wrong in (
            ("en", "| Logs retained (at least six months) | in progress | retention runs until 31 December 2026 |",
             "1 more duty runs on after use (see the column ‘Required for stage’).", ("not required", "does not require")),
            ("nl", "| Logs bewaard (ten minste zes maanden) | in uitvoering | bewaartermijn loopt tot 31 december 2026 |",
             "Daarnaast loopt 1 plicht na het gebruik nog door (zie de kolom ‘Verplicht voor fase’).",
             ("niet verplicht",))):
        text = memo_text(root, app, capsys, "--lang", lang)
        section = text.split("## " + i18n.strings(lang)["section_compliance"])[1].split("\n## ")[0]
        assert row in section and sentence in " ".join(section.split()), lang
        assert not any(w in section for w in wrong), lang


def test_the_summary_of_a_decision_memo_names_compliance_items_not_settled(tmp_path, capsys):
    """The memo that asks the board to choose scale-up or stop said in its summary what the
    results showed, but not that two items the production stage requires (the contract's exit
    terms, the radiographers' work instruction) were still open; nor, a year later, that the
    CE certificate of an application in production had expired. A proposal's summary says it."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())
    summary = en[en.index("## Summary"):en.index("## Decision asked")]
    assert ("2 compliance items required for the production stage are not settled "
            "(see Compliance with laws and regulations).") in summary
    nl = " ".join(memo_text(root, "longnodule-ct", capsys).split())
    summary = nl[nl.index("## Samenvatting"):nl.index("## Gevraagd besluit")]
    assert ("Voor de fase productie zijn 2 verplichte nalevingspunten niet afgerond "
            "(zie Naleving van wet- en regelgeving).") in summary
    # every item settled: nothing said of it (the evidence that expires soon is named apart)
    head = " ".join(memo_text(root, "fractuurdetectie-seh", capsys, "--lang", "en").split("## Decision")[0].split())
    assert "not settled" not in head
    assert "The evidence for the compliance item ‘AI literacy of staff’ expires on 31 December 2026" in head
    # the CE certificate of the stroke application expired on 31 January 2027, its AI literacy item on 12 February
    code, out, err = run(["memo", "stroke-lvo-triage", "-p", str(root), "--today", "2027-02-15", "--out", "-",
                          "--lang", "en"], capsys)
    assert code == 0, err
    summary = " ".join(out.split("## Decision")[0].split())
    assert "2 compliance items required for the production stage are not settled (see Compliance with laws and regulations)." in summary


def test_a_retired_memo_counts_incidents_from_the_scale_up_and_says_so(tmp_path, capsys):
    """The memo of a retired application shows the decision to take it out of use (14 April
    2026); its monitoring section then listed the incidents of its years in use under "Incidents
    since the decision", which a reader takes for since 14 April 2026: "No incidents reported"
    read as a quiet last quarter, a serious incident of 2024 as one after the retirement decision."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d.update(incidents=[
        {"date": "2024-05-02", "description": "Verkeerde percentielen.", "severity": "serious"}]))
    Git(root).commit("A serious incident while in use", "2026-11-11")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "Incidents since the decision" not in en
    assert "**Incidents since the scale-up decision of 10 October 2022** - 2 May 2024 (serious)" in en
    assert ("1 serious incident has been recorded since the scale-up decision of 10 October 2022 "
            "(see Monitoring while in use).") in en[:en.index("## Decision taken")]
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "**Incidenten sinds het besluit tot opschalen van 10 oktober 2022** - 2 mei 2024 (ernstig)" in nl
    assert ("Sinds het besluit tot opschalen van 10 oktober 2022 is 1 ernstig incident vastgelegd "
            "(zie Monitoring tijdens het gebruik).") in nl[:nl.index("## Genomen besluit")]
    html = memo_text(root, app, capsys, "--lang", "en", "--format", "html")
    assert "<h3>Incidents since the scale-up decision of 10 October 2022</h3>" in html


def test_a_metric_that_names_its_unit_is_not_followed_by_it_again(tmp_path, capsys):
    """The effects table read "Klinisch relevante fouten in de conclusie van het geautoriseerde
    verslag, per 100 verslagen (per 100 verslagen)": the unit after a metric that already says it."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    text = memo_text(root, "verslag-concept-llm", capsys, "--lang", "en")
    assert "per 100 verslagen (per 100 verslagen)" not in text
    assert "| Klinisch relevante fouten in de conclusie van het geautoriseerde verslag, per 100 verslagen |" in text
    assert "(per 1.000 onderzoeken)" in memo_text(root, "fractuurdetectie-seh", capsys)  # a unit the metric does not say


def test_an_application_that_needs_a_ce_certificate_shows_it_missing(tmp_path, capsys):
    """The proposal for a class IIa device whose certificate is not yet in the dossier listed its
    MDR class and AI Act risk but no CE certificate row at all, so the application section read as
    if no certificate were needed; every other memo has one."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    assert "- **CE certificate:** not given" in memo_text(root, "botleeftijd-hand", capsys, "--lang", "en")
    assert "- **CE-certificaat:** niet opgegeven" in memo_text(root, "botleeftijd-hand", capsys)
    # an in-house device has no CE certificate (MDR Art 5(5)): no row
    edit_yaml(root / "applications" / "botleeftijd-hand" / "application.yaml",
              lambda d: d["regulatory"].update(in_house=True))
    Git(root).commit("In house", "2026-11-11")
    assert "CE certificate" not in memo_text(root, "botleeftijd-hand", capsys, "--lang", "en").split("## The application")[1].split("\n## ")[0]


def test_a_proposal_without_a_pilot_plan_asks_no_go_for_the_start(tmp_path):
    """A proposed application without pilot.yaml got the memo that asks the board "to decide
    whether the pilot may start (go or no-go)" while the memo's own plan said "not given" for
    its period, design and sample size: a board cannot approve a pilot that has no plan. The
    memo says what the plan lacks (as the pilot stage's gate asks it) and asks approval of the
    problem and the effects registered in advance only; summary and request say the same."""
    root = copy_example(tmp_path / "p")
    app = "botleeftijd-hand"
    _complete_effects(root / "applications" / app / "effects.yaml")  # the plan alone lacks what the gate asks
    Git(root).commit("Example", "2026-11-10")
    for fmt, text in memo_texts(root, app, "en").items():
        assert "go or no-go" not in text and "may start" not in text, fmt
        assert "Proposal to the board of directors to prepare a pilot of an AI application" in text, fmt
        assert ("A pilot of Automatische botleeftijdbepaling op handfoto's (BoneAge Assist by Pediatrix Imaging ApS) "
                "is proposed, but there is no pilot plan yet.") in text, fmt
        assert ("The pilot plan is not complete, so the board is not asked for a go to start the pilot: there is no "
                "pilot plan yet. The board is asked to agree to the problem and to the effects and "
                "guardrails registered in advance in this memo, so that the pilot of "
                "Automatische botleeftijdbepaling op handfoto's can be planned; the decision to start it follows "
                "with the complete plan.") in text, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        assert "go of no-go" not in text and "mag starten" not in text, fmt
        assert ("Voorgesteld wordt een pilot met Automatische botleeftijdbepaling op handfoto's (BoneAge Assist van "
                "Pediatrix Imaging ApS), maar er is nog geen pilotplan.") in text, fmt
        assert ("Het pilotplan is niet compleet, dus de raad van bestuur wordt nog niet gevraagd de pilot te laten "
                "starten: er is nog geen pilotplan.") in text, fmt

    # a pilot.yaml whose plan lacks the dates and the sample size the pilot's gate asks
    pilot = {"plan": {"design": "Prospectief, voor-nameting.", "sites": ["Noorderzon locatie Centrum"],
                      "analysis": "Gemiddeld absoluut verschil met bootstrap-interval."}}
    write(root / "applications" / app / "pilot.yaml", pilot)
    Git(root).commit("A plan without dates", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    en = " ".join(data.decode("utf-8").split())
    summary = en[en.index("## Summary"):en.index("## Decision asked")]
    ask = en[en.index("## Decision asked"):en.index("## Problem")]
    lacks = "its plan does not yet give a start date, an end date and a sample size"
    assert lacks in summary and lacks in ask and "go or no-go" not in ask
    data, _name, _draft = render_memo(root, app, "md", "nl", EXAMPLE_TODAY)
    nl = " ".join(data.decode("utf-8").split())
    assert nl.count("het plan noemt nog geen startdatum, einddatum en steekproefomvang") == 2

    # the complete plan of a planned application: the go or no-go for the start, as before
    data, _name, _draft = render_memo(root, "ct-lichaamssamenstelling", "md", "en", EXAMPLE_TODAY)
    assert "may start (go or no-go)" in " ".join(data.decode("utf-8").split())

def _complete_effects(path) -> None:
    """The example's proposed effects with the baselines and the measurement the gate asks."""
    def complete(d):
        for effect in d["effects"]:
            effect["baseline"] = {"value": 7, "source": "Nulmeting, 50 dubbel beoordeelde foto's (2026)"}
            effect.setdefault("measurement", "Dubbele beoordeling van 50 foto's per kwartaal.")
    edit_yaml(path, complete)


def test_a_proposal_whose_effects_lack_what_the_gate_asks_asks_no_agreement_to_them(tmp_path):
    """A proposal whose effects gave no baseline (or, as `raio new-pilot` scaffolds them, only a
    description) asked the board "to agree to the problem and to the effects, guardrails and
    decision rules registered in advance in this memo", and with a complete plan for a go to
    start: agreement to effects that say nothing yet to measure against. The memo says, effect
    by effect, what each lacks of what the pilot stage's gate asks (a benefit its target, a
    guardrail its limit), asks agreement to the problem only, and asks no go."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "botleeftijd-hand"  # no pilot plan, and effects without a baseline
    lacks_en = ("the effects are not yet complete (E1 does not yet give a baseline and a baseline source; G1 does "
                "not yet give a baseline, a baseline source and a measurement method) and there is no pilot plan yet")
    for fmt, text in memo_texts(root, app, "en").items():
        assert "go or no-go" not in text and "agree to the problem and to the effects" not in text, fmt
        assert "Proposal to the board of directors to prepare a pilot of an AI application" in text, fmt
        assert f"is proposed, but {lacks_en}." in text, fmt
        assert (f"The board is not yet asked to agree to the effects to be registered in advance or for a go to start "
                f"the pilot: {lacks_en}. The board is asked to agree to the problem, so that the pilot of "
                f"Automatische botleeftijdbepaling op handfoto's can be prepared further") in text, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        assert "go of no-go" not in text and "in te stemmen met het probleem en met de" not in text, fmt
        assert ("maar de effecten zijn nog niet compleet (E1 noemt nog geen nulmeting en bron van de nulmeting; G1 "
                "noemt nog geen nulmeting, bron van de nulmeting en meetwijze) en er is nog geen pilotplan.") in text, fmt

    # a complete plan, planned, but a benefit without its target and no effect marked primary: no go
    app = "ct-lichaamssamenstelling"
    def strip(d):
        for effect in d["effects"]:
            effect["primary"] = False
        del d["effects"][0]["target"]
    edit_yaml(root / "applications" / app / "effects.yaml", strip)
    Git(root).commit("Effects rewritten", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    en = " ".join(data.decode("utf-8").split())
    ask = en[en.index("## Decision asked"):en.index("## Problem")]
    assert "go or no-go" not in ask and "may start" not in ask
    assert "the effects are not yet complete (E1 does not yet give a target; no effect is marked primary)." in ask
    assert "its plan does not yet give" not in en

    # no effects at all, and no effects.yaml
    edit_yaml(root / "applications" / app / "effects.yaml", lambda d: d.update(effects=[]))
    Git(root).commit("Effects emptied", "2026-11-12")
    data, _name, _draft = render_memo(root, app, "md", "nl", EXAMPLE_TODAY)
    assert "de effecten zijn nog niet compleet (er zijn nog geen effecten vastgelegd)" in " ".join(data.decode("utf-8").split())
    (root / "applications" / app / "effects.yaml").unlink()
    Git(root).commit("Effects removed", "2026-11-13")
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    assert "the effects are not yet complete (no effects are registered yet)" in " ".join(data.decode("utf-8").split())

    # complete effects and plan: the go or no-go for the start, as before
    root = copy_example(tmp_path / "q")
    Git(root).commit("Example", "2026-11-10")
    data, _name, _draft = render_memo(root, "ct-lichaamssamenstelling", "md", "en", EXAMPLE_TODAY)
    assert "may start (go or no-go)" in " ".join(data.decode("utf-8").split())


def test_every_field_of_an_effect_has_words_in_both_languages():
    """What an effect lacks is said in words for every field of effects.yaml's schema that a
    raio.yaml policy may require, as the plan's fields are."""
    import json

    from raio_cli.documents.i18n import Text

    schema = json.loads((ROOT / "schemas" / "effects.schema.json").read_text(encoding="utf-8"))
    effect = schema["properties"]["effects"]["items"]
    if "$ref" in effect:
        effect = schema["$defs"][effect["$ref"].rsplit("/", 1)[1]]
    paths = []
    for key, sub in effect["properties"].items():
        paths.append(key)
        paths += [f"{key}.{k}" for k in sub.get("properties", {})]
    for lang in ("en", "nl"):
        t = Text(lang)
        assert [p for p in paths if t.label("effect_field", p) == p] == [], lang


def test_what_a_plan_lacks_of_a_policy_s_own_fields_is_said_in_words(tmp_path):
    """A raio.yaml policy that asks more of a pilot plan than the built-in gate (here: an
    analysis plan or a population, and who is consulted before the decision) made the proposal
    say "its plan does not yet give plan.analysis|population and decision.consulted": the
    fields' paths in pilot.yaml, in a memo to the board. They are said in words, in both
    languages; a field raio has no words for (not in pilot.yaml's schema) is still named by its path."""
    root = copy_example(tmp_path / "p")
    app = "botleeftijd-hand"
    write(root / "applications" / app / "pilot.yaml",
          {"plan": {"design": "Prospectief, voor-nameting.", "start": "2027-01-04", "end": "2027-06-30",
                    "sample_size": 300, "sites": ["Noorderzon locatie Centrum"]}})
    edit_yaml(root / "raio.yaml", lambda d: d["policy"].setdefault("stage_gates", {}).setdefault("pilot", {}).update(
        require_fields=["pilot.plan.analysis|population", "pilot.decision.consulted", "pilot.plan.ethics_approval"]))
    Git(root).commit("A policy that asks more of the plan", "2026-11-11")
    for lang, lacks in (
            ("en", "its plan does not yet give an analysis plan or a population, those consulted before the decision "
                   "and plan.ethics\\_approval"),
            ("nl", "het plan noemt nog geen analyseplan of populatie, te raadplegen partijen vóór het besluit "
                   "en plan.ethics\\_approval")):
        data, _name, _draft = render_memo(root, app, "md", lang, EXAMPLE_TODAY)
        text = " ".join(data.decode("utf-8").split())
        assert text.count(lacks) == 2, (lang, text[:3000])  # the summary and the decision asked
        assert "decision.consulted" not in text and "population," not in text.replace("a population,", "")


def test_a_scale_up_on_an_interim_outcome_of_an_extended_pilot_is_named_so_in_the_memo(tmp_path):
    """A scale-up decided after the extended pilot's end (31 December 2026) on the outcome of
    10 November 2026: the memo's summary called it the "Pilot outcome" and no error kept the memo
    a draft. It calls it the interim outcome, and its DRAFT box gives DEC007 in both languages;
    the outcome that led to the extension is called so too."""
    from test_rules_decision import _scaled_up_after_extension
    from test_rules_outcome import APP, build

    root = build(tmp_path / "interim", _scaled_up_after_extension("2026-11-10"), stage="production")
    for lang, label, finding in (
            ("en", "Interim outcome of the pilot (10 November 2026): ",
             "DEC007: Scale-up decided on 10 January 2027, but the outcome of 10 November 2026 is dated before the "
             "extended pilot's end (31 December 2026): an interim outcome."),
            ("nl", "Tussentijdse uitkomst van de pilot (10 november 2026): ",
             "DEC007: Tot opschalen is besloten op 10 januari 2027, maar de uitkomst van 10 november 2026 is gedateerd "
             "vóór het einde van de verlengde pilot (31 december 2026): een tussentijdse uitkomst.")):
        data, _name, _draft = render_memo(root, APP, "md", lang, dt.date(2027, 1, 20))
        text = " ".join(data.decode("utf-8").split())
        assert label in text and finding in text, lang
        # results that support scaling up are those of part of the pilot: the summary says so
        assert {"en": "support scaling up, but they are those of part of the pilot only.",
                "nl": "ondersteunen opschalen, maar het zijn die van een deel van de pilot."}[lang] in text, text
        assert {"en": "The results registered in advance support scaling up.",
                "nl": "De vooraf vastgelegde uitkomsten ondersteunen opschalen."}[lang] not in text, text
    root = build(tmp_path / "led", _scaled_up_after_extension("2026-10-01"), stage="production")
    for lang, label, finding in (
            ("en", "Outcome of the pilot before its extension (1 October 2026): ",
             "but the outcome of 1 October 2026 came before the extension, decided on 15 October 2026."),
            ("nl", "Uitkomst van de pilot vóór de verlenging (1 oktober 2026): ",
             "maar de uitkomst van 1 oktober 2026 kwam vóór de verlenging, waartoe op 15 oktober 2026 is besloten.")):
        data, _name, _draft = render_memo(root, APP, "md", lang, dt.date(2027, 1, 20))
        text = " ".join(data.decode("utf-8").split())
        assert label in text and finding in text, lang
    # the extended pilot's own outcome: as before
    root = build(tmp_path / "own", _scaled_up_after_extension("2027-01-05"), stage="production")
    text = " ".join(render_memo(root, APP, "md", "en", dt.date(2027, 1, 20))[0].decode("utf-8").split())
    assert "Pilot outcome: " in text and "DEC007" not in text
    assert "those of part of the pilot" not in text


def test_the_summary_names_a_ce_certificate_that_expires_within_its_warning_horizon(tmp_path):
    """The CE certificate of the stroke application expires on 31 January 2027, 77 days after
    the memo's date and within the policy's certificate_warning_days (90): raio check warns
    (DAT008) and the compliance section lists it under 'Expired or expiring soon', but the
    summary a board reads first said nothing of it, nor of a certificate past its date that the
    checklist does not mark as expired."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "stroke-lvo-triage"
    for fmt, text in memo_texts(root, app, "en").items():
        summary = text[:text.index("Decision taken")]
        assert ("The CE certificate CE 742118 expires on 31 January 2027, in 77 days "
                "(see Compliance with laws and regulations).") in summary, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        summary = text[:text.index("Genomen besluit")]
        assert ("Het CE-certificaat CE 742118 verloopt op 31 januari 2027, over 77 dagen "
                "(zie Naleving van wet- en regelgeving).") in summary, fmt
    # beyond the horizon: nothing said
    edit_yaml(root / "raio.yaml", lambda d: d["policy"].update(certificate_warning_days=30))
    Git(root).commit("A shorter horizon", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    assert "CE certificate CE 742118 expires" not in data.decode("utf-8")
    # expired, the checklist item without an expiry of its own: the summary says so too
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: [i.pop("expires", None) for i in d["items"] if i["id"] == "ce-certificate"])
    Git(root).commit("Checklist item without expiry", "2026-11-12")
    for lang, sentence in (("en", "The CE certificate CE 742118 expired on 31 January 2027 "
                                  "(see Compliance with laws and regulations)."),
                           ("nl", "Het CE-certificaat CE 742118 is verlopen op 31 januari 2027 "
                                  "(zie Naleving van wet- en regelgeving).")):
        data, _name, _draft = render_memo(root, app, "md", lang, dt.date(2027, 2, 15))
        text = " ".join(data.decode("utf-8").split())
        assert sentence in text[:text.index("## ", text.index("## ") + 3)], lang



def test_a_memo_long_in_production_asks_for_a_review_not_to_confirm_the_old_decision(tmp_path):
    """Seventeen months after the scale-up of 12 June 2025 the memo of the fracture detection
    asked the board "to confirm the decision of 12 June 2025 (scale up) and to record its
    conditions": a decision in effect for more than a year, on which the monitoring since then
    says more than the pilot. Past the policy's decision_confirm_days the memo asks the review a
    board holds of an application in use: continue, adjust or stop, on the monitoring evidence."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = DECISION_APP
    for fmt, text in memo_texts(root, app, "en").items():
        assert "asked to confirm" not in text, fmt
        assert ("Fractuurdetectie op SEH-röntgenfoto's is in use on the decision of 12 June 2025 (scale up). The "
                "board is asked to review that use on the monitoring evidence in this memo and to decide: continue, "
                "continue with adjusted conditions, or stop.") in text, fmt
        assert "Decision taken and review asked" in text, fmt
    for fmt, text in memo_texts(root, app, "nl").items():
        assert "te bevestigen" not in text, fmt
        assert ("Fractuurdetectie op SEH-röntgenfoto's is in gebruik op grond van het besluit van 12 juni 2025 "
                "(opschalen). De raad van bestuur wordt gevraagd dat gebruik te herbeoordelen op het "
                "monitoringbewijs in dit memo en te besluiten: voortzetten, voortzetten met aangepaste "
                "voorwaarden, of stoppen.") in text, fmt
    # the board signs the review; the decision of 2025 stays on record
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    text = data.decode("utf-8")
    signoff = text[text.index("## Sign-off"):]
    assert "- **Decided by:** Raad van bestuur, op advies van de AI-stuurgroep" in signoff
    assert "- **Decision asked of:** the board of directors" in signoff
    assert "| On behalf of the board of directors |" in signoff
    assert "| For the decision |" not in signoff
    # a month after the decision: it is confirmed and its conditions recorded, as before
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2025, 7, 12))
    text = " ".join(data.decode("utf-8").split())
    assert "The board is asked to confirm the decision of 12 June 2025 (scale up) and to record its conditions." in text
    # the boundary is policy
    edit_yaml(root / "raio.yaml", lambda d: d["policy"].update(decision_confirm_days=600))
    Git(root).commit("A longer confirmation window", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "en", EXAMPLE_TODAY)
    assert "asked to confirm the decision of 12 June 2025" in " ".join(data.decode("utf-8").split())


def _asked_in_every_format(root: Path, app: str, en: str, nl: str) -> None:
    """The memo of ``app`` asks (or records) ``en`` and ``nl`` in every format, and asks no
    confirmation of a decision."""
    for lang, words, confirm in (("en", en, "asked to confirm"), ("nl", nl, "te bevestigen")):
        for fmt, text in memo_texts(root, app, lang).items():
            assert confirm not in text, (lang, fmt)
            assert words in text, (lang, fmt)


def test_a_memo_long_after_a_stop_records_it_and_asks_no_confirmation(tmp_path):
    """Nineteen months after the board stopped the chest X-ray triage pilot (14 April 2025) its
    memo asked the board "to confirm the decision of 14 April 2025 (stop) and to record its
    conditions", as for a decision just taken. Past the policy's decision_confirm_days the memo
    records the stop and the evidence it rested on, as a retired application's memo does."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "thoraxfoto-triage"
    _asked_in_every_format(
        root, app,
        "No decision is asked: the pilot of Triage van thoraxfoto's uit de huisartsenpraktijk was stopped on the "
        "decision of 14 April 2025 (stop). This memo records that decision and the evidence it rested on.",
        "Er wordt geen besluit gevraagd: de pilot met Triage van thoraxfoto's uit de huisartsenpraktijk is gestopt op "
        "grond van het besluit van 14 april 2025 (stoppen). Dit memo legt dat besluit vast, met het bewijs waarop het "
        "rustte.")
    # a month after the stop: confirmed, its conditions (ending the contract, ...) recorded
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2025, 5, 14))
    text = " ".join(data.decode("utf-8").split())
    assert "The board is asked to confirm the decision of 14 April 2025 (stop) and to record its conditions." in text


def test_a_decision_without_conditions_is_confirmed_without_recording_conditions(tmp_path):
    """A stop decided without conditions: its memo asked the board to confirm it "en de
    voorwaarden vast te leggen" / "and to record its conditions", where there are none to
    record. It asks the confirmation only, in each language; with conditions, as before."""
    root = copy_example(tmp_path / "p")
    app = "thoraxfoto-triage"
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["decision"].pop("conditions"))
    Git(root).commit("Example", "2026-11-10")
    for lang, words in (("en", "The board is asked to confirm the decision of 14 April 2025 (stop)."),
                        ("nl", "De raad van bestuur wordt gevraagd het besluit van 14 april 2025 (stoppen) te bevestigen.")):
        text = " ".join(render_memo(root, app, "md", lang, dt.date(2025, 5, 14))[0].decode("utf-8").split())
        assert words in text, (lang, text)
        assert "record its conditions" not in text and "voorwaarden vast te leggen" not in text, lang


def test_the_ce_certificate_expiring_is_listed_once_not_again_as_its_checklist_item(tmp_path):
    """stroke-lvo-triage's certificate expires on 2027-01-31, and its checklist item
    ce-certificate gives the same expiry: 'Expired or expiring soon' listed the certificate and
    then the item 'CE certificate and MDR class verified' with the same date, two rows for one
    renewal (within the items' horizon of 60 days). The certificate is listed once; an item whose evidence expires on another day than
    the certificate still has its own row."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    data, _name, _draft = render_memo(root, "stroke-lvo-triage", "md", "en", dt.date(2027, 1, 10))
    part = data.decode("utf-8").split("**Expired or expiring soon**")[1].split("\n## ")[0]
    assert part.count("31 January 2027") == 1, part
    assert "CE certificate CE 742118" in part and "CE certificate and MDR class verified" not in part, part

    edit_yaml(root / "applications" / "stroke-lvo-triage" / "compliance.yaml",
              lambda d: next(i for i in d["items"] if i["id"] == "ce-certificate").update(expires="2027-01-20"))
    Git(root).commit("Evidence checked against an older copy", "2026-11-11")
    data, _name, _draft = render_memo(root, "stroke-lvo-triage", "md", "en", dt.date(2027, 1, 10))
    part = data.decode("utf-8").split("**Expired or expiring soon**")[1].split("\n## ")[0]
    assert "CE certificate and MDR class verified" in part and "20 January 2027" in part, part


def test_a_memo_long_after_an_extension_asks_nothing_while_the_extended_pilot_runs(tmp_path):
    """prostaat-mri-pirads, extended on 3 August 2026 until 18 December 2026: on 15 November the
    memo asked the board "to confirm the decision of 3 August 2026 (extend once)", 104 days after
    it, past the policy's decision_confirm_days. Nothing is to be decided while the extended pilot
    runs: the memo says so, with the pilot's end and the date by which the board decides."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "prostaat-mri-pirads"
    _asked_in_every_format(
        root, app,
        "No decision is asked now: the pilot of Ondersteuning PI-RADS-beoordeling prostaat-MRI runs until 18 December "
        "2026, extended on the decision of 3 August 2026. The board is to decide by 16 February 2027: 60 days after "
        "the pilot's end on 18 December 2026.",
        "Er wordt nu geen besluit gevraagd: de pilot met Ondersteuning PI-RADS-beoordeling prostaat-MRI loopt tot en "
        "met 18 december 2026, verlengd op grond van het besluit van 3 augustus 2026. De raad van bestuur besluit "
        "uiterlijk 16 februari 2027: 60 dagen na het einde van de pilot op 18 december 2026.")
    # within the window the extension is confirmed, as before
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2026, 8, 20))
    assert "asked to confirm the decision of 3 August 2026" in " ".join(data.decode("utf-8").split())


def test_the_summary_names_checklist_evidence_that_expires_soon(tmp_path):
    """stroke-lvo-triage on 10 January 2027: the evidence of 'AI literacy of staff' expires on 12
    February 2027, within the 60 days raio check warns of (DAT010), and the memo listed it under
    'Expired or expiring soon' while its summary, which a board reads first, named only the CE
    certificate. The summary names the item and its date, in both languages."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "stroke-lvo-triage"
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2027, 1, 10))
    text = " ".join(data.decode("utf-8").split())
    assert ("The evidence for the compliance item ‘AI literacy of staff’ expires on 12 February 2027 (see Compliance "
            "with laws and regulations).") in text
    data, _name, _draft = render_memo(root, app, "md", "nl", dt.date(2027, 1, 10))
    text = " ".join(data.decode("utf-8").split())
    assert ("Het bewijs voor het nalevingspunt ‘AI-geletterdheid van medewerkers’ verloopt op 12 februari 2027 (zie "
            "Naleving van wet- en regelgeving).") in text
    # two items: counted and each named with its date
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: next(i for i in d["items"] if i["id"] == "instructions-for-use").update(expires="2027-02-01"))
    Git(root).commit("Instructions for use to renew", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2027, 1, 10))
    text = " ".join(data.decode("utf-8").split())
    assert ("The evidence for 2 compliance items expires within 60 days: ‘Instructions for use reviewed and followed’ (1 February 2027) and "
            "‘AI literacy of staff’ (12 February 2027) (see Compliance with laws and regulations).") in text, text
    # beyond the horizon, and for an application out of use, nothing
    data, _name, _draft = render_memo(root, app, "md", "en", dt.date(2026, 11, 15))
    assert "The evidence for" not in data.decode("utf-8")


def test_a_retired_memo_does_not_call_log_retention_done_while_its_period_runs(tmp_path):
    """hersenvolumetrie-mri, retired on 30 June 2026, its log retention marked done on 15 July:
    raio check warns that retention runs until the end of December (MON013), but the retired
    memo showed "until 31 December 2026, 6 months after the retirement on 30 June 2026 (done)",
    as if the duty were over."""
    from raio_cli import check

    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    edit_yaml(root / "applications" / app / "compliance.yaml", lambda d: next(
        i for i in d["items"] if i["id"] == "log-retention").update(status="done", date="2026-07-15"))
    Git(root).commit("Log retention marked done", "2026-11-10")
    assert [f.code for f in check.run(root, today=EXAMPLE_TODAY).findings if f.app == app and f.code == "MON013"]
    for lang, words in (
            ("en", "(done): the period still runs, so the item is marked done too early; keep it in progress until "
                   "31 December 2026"),
            ("nl", "(afgerond): die periode loopt nog, dus het checklistpunt staat te vroeg op afgerond; houd het in "
                   "uitvoering tot 31 december 2026")):
        data, _name, _draft = render_memo(root, app, "md", lang, EXAMPLE_TODAY)
        assert words in " ".join(data.decode("utf-8").split()), lang


def test_a_memo_with_an_undated_incident_says_to_date_it(tmp_path, capsys):
    """An incident without a date (monitoring.yaml incidents[].date is required: the reporting
    deadlines of MDR Art 87 and AI Act Art 73 count from it) makes raio check report SCH001, so
    the memo is a DRAFT, rightly. The DRAFT box named the error, but the incident itself stood
    under 'Incidents without a date' with nothing to say what to do. Its line now says to date
    it, and where, in both languages and every text format."""
    root = copy_example(tmp_path / "p")
    app = "fractuurdetectie-seh"
    edit_yaml(root / "applications" / app / "monitoring.yaml", lambda d: d["incidents"][0].pop("date"))
    Git(root).commit("An incident without its date", "2026-11-10")
    for lang, heading, fix in (
            ("en", "Incidents without a date", "Date it in monitoring.yaml (incidents[].date): the reporting deadlines "
                                               "count from the day it happened."),
            ("nl", "Incidenten zonder datum", "Leg de datum vast in monitoring.yaml (incidents[].date): de meldtermijnen "
                                              "tellen vanaf de dag waarop het zich voordeed.")):
        for fmt in ("md", "html"):
            text = " ".join(html.unescape(memo_text(root, app, capsys, "--lang", lang, "--format", fmt)).split())
            assert "SCH001" in text and heading in text, (lang, fmt)
            assert fix in text.replace("\\[", "[").replace("\\]", "]"), (lang, fmt)
    # a dated incident asks nothing of the kind
    text = memo_text(copy_example(tmp_path / "dated"), app, capsys, "--lang", "en")
    assert "Date it in monitoring.yaml" not in text


def test_a_quoted_sentence_ending_in_a_full_stop_gets_no_second_one(tmp_path, capsys):
    """REG008 quoted an amendment's reason as it was on record before the closing full stop of
    its own sentence: a reason that ends in "." was shown as "... its definition.." in each
    language. The memo now gives that wording once, quoted in the amendments table, and the
    finding refers to it; no doubled stop either way (the filler itself: the next test)."""
    root, effects, git = _reworded_amendment(tmp_path)
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "eerder vastgelegd: 'The reference panel changed its definition.')" in nl
    assert "de eerder vastgelegde tekst staat in de tabel met wijzigingen hierboven." in nl
    assert "definition.." not in nl
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "on record: 'The reference panel changed its definition.')" in en
    assert "its wording on record is in the amendments table above." in en
    assert "definition.." not in en


def test_the_text_filler_drops_only_the_stop_a_value_already_has():
    t = i18n.Text("en")
    t.s["x"] = "It read: {old}. Then {new}."
    assert t("x", old="Done.", new="more") == "It read: Done. Then more."
    assert t("x", old="Why?", new="wait...") == "It read: Why? Then wait..."
    assert t("x", old="v1", new="(a.)") == "It read: v1. Then (a.)."


def test_the_summary_of_a_pilot_that_ended_early_does_not_say_it_ran_to_its_planned_end(tmp_path, capsys):
    """The summary of an application in evaluation whose pilot (12 January to 30 September 2026)
    has its outcome dated 14 August 2026 said "in evaluation after its pilot (12 January 2026 to
    30 September 2026)" and then "Outcome of a pilot that ended early": the period claimed the
    pilot ran to its planned end. It says the end was planned and not reached, in each language,
    in evaluation and after a scale-up."""
    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"  # in evaluation; plan 2026-01-12 to 2026-09-30
    pilot = root / "applications" / app / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["outcome"].update(date="2026-08-14"))
    Git(root).commit("The portfolio", "2026-10-30")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "is in evaluation after its pilot (12 January 2026, planned to 30 September 2026, ended early)." in en
    assert "(12 January 2026 to 30 September 2026)" not in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "is in evaluatie na de pilot (12 januari 2026, gepland tot en met 30 september 2026, vroegtijdig beëindigd)." in nl
    assert "(12 januari 2026 tot en met 30 september 2026)" not in nl
    # in production after a scale-up: the pilot it followed ended early too
    edit_yaml(root / "applications" / app / "application.yaml", lambda d: d.update(stage="production", stage_since="2026-10-20"))
    edit_yaml(pilot, lambda d: d.update(decision={"choice": "scale-up", "date": "2026-10-15", "rationale": "r",
                                                  "decided_by": "AI board"}))
    Git(root).commit("Scale up", "2026-10-31")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "after a pilot from 12 January 2026, planned to 30 September 2026, that ended early." in en, en[:1500]
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "na een pilot vanaf 12 januari 2026, gepland tot en met 30 september 2026 en vroegtijdig beëindigd." in nl


def test_a_draft_reason_gives_a_monitoring_value_in_the_memos_number_format(tmp_path, capsys):
    """A production memo made a draft by MON005 (an alert without follow-up) listed the reason
    in the Dutch memo as "M3 = 97.5 op 31 oktober 2026 ligt onder de alarmgrens 98.5": the
    numbers in English notation in a Dutch sentence, beside the monitoring table's "97,5%".
    The reason gives them as the rest of the memo does, in each language."""
    root = make_repo(tmp_path / "p")
    monitoring = root / "applications" / DECISION_APP / "monitoring.yaml"
    edit_yaml(monitoring, lambda d: (d["plan"]["metrics"][2].update(alert_threshold=98.5),
                                     d["results"][-1]["values"].update(M3=97.5)))
    Git(root).commit("A result past its alert threshold", "2026-11-02")
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "**CONCEPT**" in nl
    assert "M3 = 97,5% op 31 oktober 2026 ligt onder de alarmgrens 98,5%," in nl, nl[:2000]
    assert "97.5" not in nl and "98.5" not in nl
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "M3 = 97.5% on 31 October 2026 is below its alert threshold 98.5% and" in en, en[:2000]


def test_a_proposal_whose_effects_are_incomplete_does_not_call_them_registered_in_advance(tmp_path, capsys):
    """A proposal whose effects lack what the gate asks (raio new-pilot scaffolds them with a
    description only) asks no agreement to them, as they are not complete enough to register;
    but its summary went on "Registered in advance: 1 expected benefit and 1 guardrail", as if
    the board had effects registered to rely on. It counts them as described so far, in each
    language; complete effects are registered in advance, as before."""
    root = copy_example(tmp_path / "p")
    app = "botleeftijd-hand"  # proposed; its effects give no baselines yet
    Git(root).commit("Example", "2026-11-10")
    for lang, described, registered in (("en", "Described so far: ", "Registered in advance: "),
                                        ("nl", "Tot nu toe beschreven: ", "Vooraf vastgelegd: ")):
        text = " ".join(memo_text(root, app, capsys, "--lang", lang).split())
        summary = text[text.index("## S" if lang == "en" else "## Samenvatting"):]
        summary = summary[:summary.index("## ", 3)]
        assert described in summary and registered not in summary, summary
    _complete_effects(root / "applications" / app / "effects.yaml")
    Git(root).commit("Complete effects", "2026-11-11")
    text = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "Registered in advance: " in text and "Described so far: " not in text


def test_the_summary_of_a_pilot_that_ended_early_says_so_once(tmp_path, capsys):
    """The summary of an application in evaluation whose pilot ended early read "is in evaluation
    after its pilot (12 January 2026, planned to 30 September 2026, ended early). Outcome of a
    pilot that ended early (14 August 2026, before its planned end on 30 September 2026): ...":
    the early end and the planned end twice in two sentences. The stage phrase says it; the
    outcome gives its date, in each language. Where the stage phrase does not say it (retired),
    the outcome still does."""
    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"  # in evaluation; plan 2026-01-12 to 2026-09-30
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["outcome"].update(date="2026-08-14"))
    Git(root).commit("The portfolio", "2026-10-30")
    for lang, early, outcome in (("en", "ended early", "Pilot outcome (14 August 2026): "),
                                 ("nl", "vroegtijdig beëindigd", "Uitkomst van de pilot (14 augustus 2026): ")):
        text = " ".join(memo_text(root, app, capsys, "--lang", lang).split())
        summary = text[text.index("## S"):]
        summary = summary[:summary.index("## ", 3)]
        planned_end = "30 September 2026" if lang == "en" else "30 september 2026"
        assert summary.count(early) == 1 and summary.count(planned_end) == 1, summary
        assert outcome in summary, summary
    # retired: the stage phrase says nothing of the pilot, so the outcome says it ended early
    edit_yaml(root / "applications" / app / "application.yaml",
              lambda d: d.update(stage="retired", stage_since="2026-11-01",
                                 retirement={"date": "2026-11-01", "decided_on": "2026-10-31", "decided_by": "RvB"}))
    edit_yaml(root / "applications" / app / "pilot.yaml",
              lambda d: d.update(decision={"choice": "scale-up", "date": "2026-10-15", "rationale": "r", "decided_by": "RvB"}))
    Git(root).commit("Scaled up and retired", "2026-11-02")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "Outcome of a pilot that ended early (14 August 2026, before its planned end on 30 September 2026):" in en


def test_a_proposal_asks_agreement_only_to_the_decision_rules_it_has(tmp_path, capsys):
    """A proposal whose effects give no decision_rule (optional in effects.yaml) asked the board
    to decide "on the effects, guardrails and decision rules registered in advance in this memo",
    and, once the pilot runs, to take note of them: the memo shows no decision rule. The ask
    names what the memo holds, in each language; with a decision rule, as before."""
    root = copy_example(tmp_path / "p")
    app = PROPOSAL_APP  # planned, with one decision rule
    effects = root / "applications" / app / "effects.yaml"
    Git(root).commit("Example", "2026-11-10")
    text = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "on the effects, guardrails and decision rules registered in advance in this memo." in text
    edit_yaml(effects, lambda d: [e.pop("decision_rule", None) for e in d["effects"]])
    Git(root).commit("No decision rule", "2026-11-11")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "on the effects and guardrails registered in advance in this memo." in en, en
    assert "decision rule" not in en.lower()
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "op de vooraf vastgelegde effecten en grenswaarden in dit memo." in nl
    assert "beslisregel" not in nl.lower()


def test_a_draft_reason_on_a_target_gives_its_numbers_in_the_memos_number_format(tmp_path, capsys):
    """A proposal made a draft by EFF001 (a target not beyond its baseline: 0.6 against 18.5, a
    fraction against a percentage) listed the reason in the Dutch memo as "Het doel 0.6 van E1 ligt
    niet voorbij de uitgangswaarde 18.5", beside the effects table's "18,5%" and "≥ 0,6%". The
    reason gives the numbers as the rest of the memo does, in each language."""
    root = copy_example(tmp_path / "p")
    app = PROPOSAL_APP
    edit_yaml(root / "applications" / app / "effects.yaml",
              lambda d: (d["effects"][0].update(target=0.6), d["effects"][0]["baseline"].update(value=18.5)))
    Git(root).commit("A target on another scale", "2026-11-10")
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "Het doel 0,6 van E1 ligt niet voorbij de uitgangswaarde 18,5 in de richting" in nl, nl[:1500]
    assert "0.6" not in nl and "18.5" not in nl
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "The target 0.6 of E1 is not beyond its baseline 18.5 in the direction" in en, en[:1500]


def test_a_hidden_character_in_the_dossier_is_worded_in_dutch_in_the_draft_box(tmp_path):
    """A memo made from a dossier whose name holds a zero-width space is a draft (YML020, an
    error); its DRAFT box gave the English message in the Dutch memo."""
    root = copy_example(tmp_path / "p")
    path = root / "applications" / "longnodule-ct" / "application.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: ", 'name: "\\u200b" # ', 1), encoding="utf-8")
    Git(root).commit("Example", "2026-11-10")
    data, _name, draft = render_memo(root, "longnodule-ct", "md", "nl", EXAMPLE_TODAY)
    nl = " ".join(data.decode("utf-8").split())
    assert draft and "YML020: Een tekst bevat een teken dat niets laat zien of iets op het scherm doet" in nl
    assert "shows nothing" not in nl


def test_the_pre_registration_of_incomplete_effects_says_they_are_not_complete(tmp_path):
    """A proposal whose effects lack a baseline said in its summary and its request that the
    effects are not complete, while its pre-registration section said "The effects were
    registered in commit ..." as if what the board is to agree to were settled there."""
    root = copy_example(tmp_path / "p")
    app = "botleeftijd-hand"
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(render_memo(root, app, "md", "en", EXAMPLE_TODAY)[0].decode("utf-8").split())
    assert "The effects were registered in commit" not in en
    assert re.search(r"The effects were described so far in commit \w+ on [^.]+ by [^.]+, and are not complete\.", en), en
    nl = " ".join(render_memo(root, app, "md", "nl", EXAMPLE_TODAY)[0].decode("utf-8").split())
    assert "De effecten zijn vastgelegd in commit" not in nl
    assert re.search(r"De effecten zijn tot nu toe beschreven in commit \w+ op [^.]+ door [^.]+, en zijn niet compleet\.", nl), nl
    # complete effects: registered, as before
    _complete_effects(root / "applications" / app / "effects.yaml")
    Git(root).commit("Baselines", "2026-11-11")
    en = " ".join(render_memo(root, app, "md", "en", EXAMPLE_TODAY)[0].decode("utf-8").split())
    assert "The effects were registered in commit" in en and "described so far" not in en


def test_a_reworded_amendments_old_text_is_shown_once(tmp_path, capsys):
    """REG008: the amendments table marks the reworded reason with the wording on record, and the
    findings list below it quoted that old wording again in full. The list's item names the
    rewrite and refers to the table; the old wording is shown once, in each language."""
    root, effects, git = _reworded_amendment(tmp_path)
    old = "The reference panel changed its definition."
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert en.count(old) == 1, en
    assert ("The reason of the amendment of E1 dated 15 January 2025 was rewritten on 20 June 2025 by "
            "Test Author") in en or "was rewritten on 20 June 2025" in en
    assert "its wording on record is in the amendments table above." in en
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert nl.count(old) == 1, nl
    assert "de eerder vastgelegde tekst staat in de tabel met wijzigingen hierboven." in nl
    # reworded again, not committed yet: the same
    edit_yaml(effects, lambda d: d["amendments"][0].update(by="J. Jansen"))
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert en.count("'AI steering committee'") == 1 and en.count("AI steering committee") == 1, en


def test_dec007_after_a_pilot_that_ended_early_names_the_planned_end_in_the_memo(tmp_path):
    """After a pilot that ended early (its outcome dated before plan.end, no extension) and a
    scale-up decided before the planned end, the DRAFT box said the decision came "before the
    pilot's end (30 June 2026)" while the summary said the pilot ended on its outcome's date. It
    says the planned end, in each language."""
    from test_rules_outcome import APP, build

    root = build(tmp_path / "early", lambda f: (f["pilot"]["outcome"].update(date="2026-05-15"), f["pilot"].update(
        decision={"choice": "scale-up", "date": "2026-06-01", "rationale": "r", "decided_by": "board"})),
        stage="production")
    for lang, finding in (
            ("en", "DEC007: Scale-up decided on 1 June 2026, before the pilot's planned end (30 June 2026)."),
            ("nl", "DEC007: Tot opschalen is besloten op 1 juni 2026, vóór het geplande einde van de pilot (30 juni 2026).")):
        text = " ".join(render_memo(root, APP, "md", lang, dt.date(2026, 7, 10))[0].decode("utf-8").split())
        assert finding in text, (lang, text)


def test_a_retired_memo_names_the_retention_item_marked_done_too_early_in_its_compliance_section(tmp_path, capsys):
    """A retired application whose log-retention item was marked done while its retention period
    still runs (MON013): its memo said "All 12 items required for the retired stage are settled.
    No open items." while its monitoring section said that item was marked done too early. The
    compliance section names the item, lists it as the duty that runs on, and says so in each
    language."""
    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"  # retired on 30 June 2026; logs kept six months, to 31 December 2026
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: [i.update(status="done") for i in d["items"] if i["id"] == "log-retention"])
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    section = en.split("## Compliance with laws and regulations")[1].split("\n## ")[0].split(" ## ")[0]
    assert "No open items." not in section, section
    assert ("The item ‘Logs retained (at least six months)’ is marked done too early: its retention period "
            "runs until 31 December 2026.") in section or "is marked done too early: its retention period runs until 31 December 2026." in section, section
    assert "| done (too early) | retention runs until 31 December 2026 |" in section, section
    nl = " ".join(memo_text(root, app, capsys).split())
    section = nl.split("## Naleving van wet- en regelgeving")[1].split(" ## ")[0]
    assert "Geen open punten." not in section, section
    assert "staat te vroeg op afgerond: de bewaartermijn loopt tot 31 december 2026." in section, section
    assert "| afgerond (te vroeg) | bewaartermijn loopt tot 31 december 2026 |" in section, section
    # kept in progress, as the example does: as before
    root = copy_example(tmp_path / "q")
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "too early" not in en.split("## Compliance with laws and regulations")[1].split(" ## ")[0]


def test_a_running_pilots_summary_names_its_sites_apart_from_its_end_date(tmp_path, capsys):
    """The summary of a running pilot read "... en eindigt op 5 maart 2027 op Noorderzon locatie
    Centrum": a date followed by "op" and a place, as if the end were at that site. The sites
    follow the pilot's name, apart from its dates, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "verslag-concept-llm"
    nl = " ".join(memo_text(root, app, capsys).split())
    assert "eindigt op 5 maart 2027 op" not in nl
    assert ("(Scriptor Impressie van Scriptor Health B.V.) op Noorderzon locatie Centrum loopt sinds 7 september 2026 "
            "en eindigt op 5 maart 2027.") in nl, nl
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert ("(Scriptor Impressie by Scriptor Health B.V.) at Noorderzon locatie Centrum has run since 7 September 2026 "
            "and ends on 5 March 2027.") in en, en


def test_two_breached_guardrails_are_not_called_a_guardrail(repo, capsys):
    """The stopped pilot's summary read "2 grenswaarden overschreden (G1, G3)" and then "Een
    grenswaarde is overschreden" ("A guardrail was breached"): one where the line before says two.
    The sentence counts the guardrails breached, in each language."""
    nl = " ".join(memo_text(repo, "thoraxfoto-triage", capsys).split())
    assert "Een grenswaarde is overschreden" not in nl
    assert ("2 grenswaarden zijn overschreden; de vooraf vastgelegde uitkomsten ondersteunen opschalen niet.") in nl, nl
    en = " ".join(memo_text(repo, "thoraxfoto-triage", capsys, "--lang", "en").split())
    assert "A guardrail was breached" not in en
    assert "2 guardrails were breached; the results registered in advance do not support scaling up." in en, en


def test_the_english_summary_counts_the_expected_effects_not_all_effects(tmp_path, capsys):
    """longnodule-ct registered five effects (E1-E3 and guardrails G1, G2); the English summary said
    "0 of 3 pre-registered effects met", a count that disagrees with the five in the table below
    it, where the Dutch says "beoogde effecten" (the benefits). Both now count the expected
    effects, as the portfolio report does."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", "en").split())
    assert "0 of 3 pre-registered effects met" not in en
    assert ("Pilot outcome: 0 of 3 pre-registered expected effects met; 1 expected effect not met (E2); "
            "no guardrail breached;") in en, en
    nl = " ".join(memo_text(root, "longnodule-ct", capsys).split())
    assert ("Uitkomst van de pilot: 0 van 3 vooraf vastgelegde beoogde effecten behaald; 1 beoogd effect niet "
            "behaald (E2); geen grenswaarde overschreden;") in nl


def _memo_in_each_language(root, app: str, today: str, capsys) -> tuple[str, str]:
    """``raio memo APP --today DAY --out -`` in English and in Dutch, each on one line."""
    texts = []
    for lang in ("en", "nl"):
        code, out, err = run(["memo", app, "-p", str(root), "--today", today, "--out", "-", "--lang", lang], capsys)
        assert code == 0, err
        texts.append(" ".join(out.split()))
    return texts[0], texts[1]


def test_an_extended_pilot_that_has_ended_asks_for_the_decision_not_to_confirm_the_extension(tmp_path, capsys):
    """prostaat-mri-pirads, extended on 3 August 2026 to 18 December 2026, rendered on 1 June 2027
    with no decision after the extension: the memo asked the board "to confirm the decision of
    3 August 2026 (extend once) and to record its conditions", under "Decision taken", for an
    extension over for months, and said nothing of the decision overdue since 16 February. It
    now says the extended pilot has ended, asks for the decision (scale up or stop: the policy
    allows one extension) and by when, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en, nl = _memo_in_each_language(root, "prostaat-mri-pirads", "2027-06-01", capsys)
    assert "asked to confirm" not in en and "## Decision taken" not in en
    assert "## Earlier decision and decision asked" in en
    assert ("The pilot of Ondersteuning PI-RADS-beoordeling prostaat-MRI was extended on the decision of 3 August "
            "2026 and ended on 18 December 2026; the dossier holds no decision after the extension. The policy "
            "allows no further extension; the board is asked to choose between scaling up and stopping. The board "
            "was to decide by 16 February 2027 (60 days after the pilot's end on 18 December 2026): 105 days "
            "overdue.") in en, en
    assert "te bevestigen" not in nl and "## Genomen besluit" not in nl
    assert "## Eerder besluit en gevraagd besluit" in nl
    assert ("De pilot met Ondersteuning PI-RADS-beoordeling prostaat-MRI is verlengd op grond van het besluit van "
            "3 augustus 2026 en op 18 december 2026 geëindigd; een besluit na de verlenging staat niet in het "
            "dossier. Het beleid staat geen verdere verlenging toe; de raad van bestuur wordt gevraagd te kiezen "
            "tussen opschalen en stoppen. De raad van bestuur had uiterlijk 16 februari 2027 moeten besluiten "
            "(60 dagen na het einde van de pilot op 18 december 2026): 105 dagen te laat.") in nl, nl
    # a policy allowing a second extension offers it
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(max_extensions=2))
    Git(root).commit("Two extensions allowed", "2026-11-11")
    code, out, err = run(["memo", "prostaat-mri-pirads", "-p", str(root), "--today", "2027-06-01", "--out", "-",
                          "--lang", "en"], capsys)
    assert "The board is asked to choose: scale up, extend again with a reason, or stop." in " ".join(out.split()), out


def test_a_pilot_past_its_end_without_an_outcome_is_not_called_running(tmp_path, capsys):
    """verslag-concept-llm's pilot ended on 5 March 2027; rendered on 1 June 2027 without an
    outcome, its memo said the pilot "has run since 7 September 2026 and ends on 5 March 2027"
    and "is running", asking the board to take note of the effects, while its decision was
    overdue since 4 May. It now says the pilot ended, that no outcome or decision is recorded,
    and by when the board was to decide, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    en, nl = _memo_in_each_language(root, "verslag-concept-llm", "2027-06-01", capsys)
    assert "is running" not in en and "and ends on" not in en
    assert ("at Noorderzon locatie Centrum ran from 7 September 2026 to 5 March 2027; the dossier records no outcome "
            "yet.") in en, en
    assert ("The pilot of Conceptconclusie radiologieverslag met een taalmodel ended on 5 March 2027; the dossier "
            "records no outcome and no decision yet. A decision memo follows once the outcome is recorded. The board "
            "was to decide by 4 May 2027 (60 days after the pilot's end on 5 March 2027): 28 days overdue.") in en, en
    assert "loopt al" not in nl and "en eindigt op" not in nl
    assert ("op Noorderzon locatie Centrum liep van 7 september 2026 tot en met 5 maart 2027; het dossier vermeldt "
            "nog geen uitkomst.") in nl, nl
    assert ("De pilot met Conceptconclusie radiologieverslag met een taalmodel is op 5 maart 2027 geëindigd; het "
            "dossier vermeldt nog geen uitkomst en geen besluit. Zodra de uitkomst is vastgelegd, volgt een "
            "besluitvormingsmemo. De raad van bestuur had uiterlijk 4 mei 2027 moeten besluiten (60 dagen na het "
            "einde van de pilot op 5 maart 2027): 28 dagen te laat.") in nl, nl


def test_a_running_pilots_memo_is_not_subtitled_a_proposal_to_start_it(tmp_path, capsys):
    """verslag-concept-llm's pilot runs since 7 September 2026; its memo of 15 November 2026 said
    it "has run since" that day under the subtitle "Proposal to the board of directors to start a
    pilot", and rendered for 1 June 2026, before that start, it said the pilot "is running".
    The subtitle now says what the memo is for a running (or ended) pilot, and a pilot whose
    start is still ahead is put to the board as a start, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "verslag-concept-llm"
    en = " ".join(memo_text(root, app, capsys, "--lang", "en").split())
    assert "*A running pilot of an AI application, with the effects registered in advance, for the board to note*" in en
    assert "to start a pilot" not in en
    nl = " ".join(memo_text(root, app, capsys).split())
    assert ("*Lopende pilot met een AI-toepassing, met de vooraf vastgelegde effecten, ter kennisname van de raad "
            "van bestuur*") in nl
    assert "om een pilot met een AI-toepassing te starten" not in nl
    ended = {}
    for lang in ("en", "nl"):
        code, out, err = run(["memo", app, "-p", str(root), "--today", "2027-06-01", "--out", "-", "--lang", lang], capsys)
        ended[lang] = " ".join(out.split())
    assert "*A pilot of an AI application, ended without a recorded outcome*" in ended["en"]
    assert "*Pilot met een AI-toepassing, geëindigd zonder vastgelegde uitkomst*" in ended["nl"]
    before = {}
    for lang in ("en", "nl"):
        code, out, err = run(["memo", app, "-p", str(root), "--today", "2026-06-01", "--out", "-", "--lang", lang], capsys)
        before[lang] = " ".join(out.split())
    assert "is running" not in before["en"] and "has run since" not in before["en"]
    assert "is proposed from 7 September 2026 to 5 March 2027" in before["en"], before["en"]
    assert "loopt al" not in before["nl"] and "loopt sinds" not in before["nl"]


def test_the_decision_after_an_ended_extension_is_signed_by_the_board(tmp_path, capsys):
    """The memo of prostaat-mri-pirads on 1 June 2027 asks the board to decide after the
    extension that ran out on 18 December 2026, but its sign-off gave the extension's deciders
    ("Voor het besluit: AI-stuurgroep (mandaat raad van bestuur)") and no line for the board
    that must now decide. The extension stays on record as decided; the board signs, in each
    language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for lang, decided, asked, board, extenders in (
            ("en", "**Decided by:** AI-stuurgroep (mandaat raad van bestuur)", "**Decision asked of:** the board",
             "| On behalf of the board of directors |", "| For the decision | AI-stuurgroep"),
            ("nl", "**Besloten door:** AI-stuurgroep (mandaat raad van bestuur)",
             "**Besluit gevraagd van:** de raad van bestuur", "| Namens de raad van bestuur |",
             "| Voor het besluit | AI-stuurgroep")):
        code, out, err = run(["memo", "prostaat-mri-pirads", "-p", str(root), "--today", "2027-06-01", "--out", "-",
                              "--lang", lang], capsys)
        assert code == 0, err
        signoff = out[out.index("## Sign-off" if lang == "en" else "## Ondertekening"):]
        assert decided in signoff and asked in signoff and board in signoff, signoff
        assert extenders not in signoff, signoff


def test_the_summary_of_a_pilot_past_its_extended_end_says_it_is_over(tmp_path, capsys):
    """On 1 June 2027 prostaat-mri-pirads's summary said it "is in a pilot that started on
    5 January 2026", as if it still ran, five months after its extended end of 18 December 2026
    (the dossier's stage still says pilot). It now says the pilot is over, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for lang, words, wrong in (
            ("en", "(PI-RADS Assist by Prostavision Medical GmbH) is still in the pilot stage, but its pilot "
                   "(5 January 2026 to 18 December 2026) is over. Interim outcome", "is in a pilot that started on"),
            ("nl", "(PI-RADS Assist van Prostavision Medical GmbH) is nog in de fase pilot, maar de pilot "
                   "(5 januari 2026 tot en met 18 december 2026) is voorbij. Tussentijdse uitkomst", "is in een pilot, gestart op")):
        code, out, err = run(["memo", "prostaat-mri-pirads", "-p", str(root), "--today", "2027-06-01", "--out", "-",
                              "--lang", lang], capsys)
        text = " ".join(out.split())
        assert words in text and wrong not in text, text
    # while it runs, as before
    assert "is in a pilot that started on 5 January 2026." in " ".join(
        memo_text(root, "prostaat-mri-pirads", capsys, "--lang", "en").split())


def test_an_effect_a_closed_pilot_left_open_is_not_called_still_undecided(tmp_path, capsys):
    """stroke-lvo-triage has been in production since February 2025; its Dutch summary said
    "1 effect nog onbeslist of zonder uitkomst (G1)": "still" undecided, as if the pilot that
    ended in 2024 could yet decide it and the board should wait. The English never said so. Both
    now say what the pilot left open, without "still"."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    nl = " ".join(memo_text(root, "stroke-lvo-triage", capsys).split())
    assert "nog onbeslist" not in nl
    # no "no guardrail breached" beside a guardrail whose interval reaches past its limit, as the
    # report's verdicts (test_consistency)
    assert "behaald; 1 effect onbeslist of zonder uitkomst (G1)." in nl, nl
    en = " ".join(memo_text(root, "stroke-lvo-triage", capsys, "--lang", "en").split())
    assert "met; 1 effect inconclusive or without a result (G1)." in en, en


def _monitoring_rows(text: str) -> dict[str, str]:
    """The monitoring table's rows of a Markdown memo, by metric id."""
    return {line.split(":", 1)[0][2:]: " ".join(line.split()) for line in text.splitlines() if re.match(r"\| M\d+:", line)}


def test_a_monitoring_alert_threshold_gives_its_unit_as_the_latest_value_does(tmp_path, capsys):
    """The memo's monitoring table read "2,3 per 1.000 onderzoeken" beside "alarm boven 5": the
    threshold without the unit its value has, so a board member could not tell 5 of what. The
    threshold now gives the metric's unit as the value does, in each language; a unit that reads
    badly after a number ("aantal", "ja/nee") is left out of both, "aantal per kwartaal" reads
    "per kwartaal", and a percentage stays "98%"."""
    root = make_repo(tmp_path / "p")
    nl = _monitoring_rows(memo_text(root, DECISION_APP, capsys))
    assert "| alarm boven 5 per 1.000 onderzoeken |" in nl["M1"], nl
    assert "| 99,8% (31 oktober 2026) | alarm onder 98% |" in nl["M3"], nl
    en = _monitoring_rows(memo_text(root, DECISION_APP, capsys, "--lang", "en"))
    assert "| alert above 5 per 1.000 onderzoeken |" in en["M1"], en
    monitoring = root / "applications" / DECISION_APP / "monitoring.yaml"
    edit_yaml(monitoring, lambda d: (d["plan"]["metrics"][0].update(unit="aantal per kwartaal"),
                                     d["plan"]["metrics"][1].update(unit="aantal")))
    Git(root).commit("Units counted", "2026-11-14")
    nl = _monitoring_rows(memo_text(root, DECISION_APP, capsys))
    assert "| 2,3 per kwartaal (31 oktober 2026) | alarm boven 5 per kwartaal |" in nl["M1"], nl
    assert "| 27,2 (31 oktober 2026) | alarm boven 35 |" in nl["M2"], nl
    assert "aantal" not in nl["M1"] + nl["M2"]
    en = _monitoring_rows(memo_text(root, DECISION_APP, capsys, "--lang", "en"))
    assert "| 2.3 per kwartaal (31 October 2026) | alert above 5 per kwartaal |" in en["M1"], en


def test_a_draft_reason_of_an_alert_gives_the_value_and_threshold_with_their_unit(tmp_path, capsys):
    """A memo made a draft by MON005 said "M1 = 7 op 31 oktober 2026 ligt boven de alarmgrens 5":
    7 and 5 of what, where the monitoring table says "per 1.000 onderzoeken". The reason gives
    the metric's unit with both numbers, in each language."""
    root = make_repo(tmp_path / "p")
    monitoring = root / "applications" / DECISION_APP / "monitoring.yaml"
    edit_yaml(monitoring, lambda d: d["results"][-1]["values"].update(M1=7))
    Git(root).commit("A result past its alert threshold", "2026-11-02")
    nl = " ".join(memo_text(root, DECISION_APP, capsys).split())
    assert "M1 = 7 per 1.000 onderzoeken op 31 oktober 2026 ligt boven de alarmgrens 5 per 1.000 onderzoeken," in nl, nl[:2500]
    en = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", "en").split())
    assert "M1 = 7 per 1.000 onderzoeken on 31 October 2026 is above its alert threshold 5 per 1.000 onderzoeken and" in en, en[:2500]


def test_the_example_memos_give_each_unit_once_and_an_amendment_by_who_decided(tmp_path, capsys):
    """The example's memos read "Uren tweede lezing door een radioloog per week (uren per week)",
    "... conclusies (schaal 1-5) (punten (1-5))", "0 aantal per kwartaal" beside "alarm boven 2",
    "Aantal NeuroVol-analyses per kwartaal" beside "17 analyses per kwartaal", and the amendment's
    Door column "dr. Anouk de Vries (RAIO), na akkoord van de AI-stuurgroep op 2026-03-02": the
    unit twice and a date where who decided belongs. Each now reads once, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for lang in ("nl", "en"):
        mammo = " ".join(memo_text(root, "mammografie-tweede-lezer", capsys, "--lang", lang).split())
        assert "| Tijd van radiologen aan tweede lezingen (uren per week) |" in mammo, mammo
        assert "per week (uren per week)" not in mammo and "aantal per kwartaal" not in mammo
        m4 = next(line for line in _monitoring_rows(memo_text(root, "mammografie-tweede-lezer", capsys, "--lang", lang)).values()
                  if line.startswith("| M4:"))
        assert re.search(r"\| 0 carcinomen per kwartaal \(\d+ \w+ 2026\) \| (alarm boven|alert above) 2 carcinomen per kwartaal \|", m4), m4
        llm = " ".join(memo_text(root, "verslag-concept-llm", capsys, "--lang", lang).split())
        assert "conclusies, op een schaal van 1 tot 5 (punten) |" in llm, llm
        assert "(punten (1-5))" not in llm
        volumetry = _monitoring_rows(memo_text(root, "hersenvolumetrie-mri", capsys, "--lang", lang))
        assert volumetry["M1"].startswith("| M1: Gebruik van NeuroVol (uitgevoerde analyses) | 17 analyses per kwartaal"), volumetry
        nodule = " ".join(memo_text(root, "longnodule-ct", capsys, "--lang", lang).split())
        assert "| dr. Anouk de Vries (RAIO), na akkoord van de AI-stuurgroep |" in nodule, nodule
        assert "2026-03-02" not in nodule


def test_a_proposal_whose_planned_start_has_long_passed_says_the_pilot_has_not_started(tmp_path, capsys):
    """On 1 June 2027 ct-lichaamssamenstelling's proposal still read "Voorgesteld wordt een pilot
    ... van 11 januari 2027 tot en met 30 juni 2027", as if the start lay ahead, while the portfolio
    report said "pilot niet gestart (141 dagen na de geplande start)" (DAT014). The summary now
    says so too, in each language, from the day after the planned start (within the policy's
    start_grace_days too, before raio check's DAT014); before the start it reads as before."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    app = "ct-lichaamssamenstelling"
    for lang, words in (("nl", "De pilot is nog niet gestart, 141 dagen na de geplande start op 11 januari 2027."),
                        ("en", "The pilot has not started, 141 days after its planned start on 11 January 2027.")):
        code, out, err = run(["memo", app, "-p", str(root), "--today", "2027-06-01", "--out", "-", "--lang", lang], capsys)
        summary = " ".join(out.split("## ", 2)[1].split())
        assert words in summary, summary
        code, out, err = run(["memo", app, "-p", str(root), "--today", "2027-01-20", "--out", "-", "--lang", lang], capsys)
        assert words.replace("141", "9") in " ".join(out.split())
    assert "nog niet gestart" not in " ".join(memo_text(root, app, capsys).split())


def test_the_dutch_summary_of_a_running_pilot_gives_its_start_as_the_english_does(tmp_path, capsys):
    """prostaat-mri-pirads's Dutch memo read "Fase: pilot (sinds 3 augustus 2026)" in its key
    facts (back in the pilot stage after its extension) and "... is in pilot sinds 5 januari 2026"
    in its summary: two dates for "in pilot since", and "in pilot" without an article. The
    English says "is in a pilot that started on 5 January 2026"; the Dutch now says "is in een
    pilot, gestart op 5 januari 2026", so the summary gives the pilot's start and the key facts
    the stage's."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    nl = " ".join(memo_text(root, "prostaat-mri-pirads", capsys).split())
    assert "- **Fase:** pilot (sinds 3 augustus 2026)" in nl
    assert "(PI-RADS Assist van Prostavision Medical GmbH) is in een pilot, gestart op 5 januari 2026." in nl, nl
    assert "is in pilot sinds" not in nl
    en = " ".join(memo_text(root, "prostaat-mri-pirads", capsys, "--lang", "en").split())
    assert "(PI-RADS Assist by Prostavision Medical GmbH) is in a pilot that started on 5 January 2026." in en, en


def test_the_stroke_pilot_plan_names_only_effects_it_registered(tmp_path, capsys):
    """stroke-lvo-triage's pilot plan, quoted in its memo, gave "Medianen met
    95%-betrouwbaarheidsinterval (bootstrap) voor E1-E3", but the application registered E1, E2
    and the guardrails G1-G3: no E3. The plan names the medians it has, in each language's memo."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for lang in ("nl", "en"):
        text = " ".join(memo_text(root, "stroke-lvo-triage", capsys, "--lang", lang).split())
        assert "Medianen met 95%-betrouwbaarheidsinterval (bootstrap) voor E1 en E2;" in text, text
        assert "E1-E3" not in text and "| **E3**" not in text


def test_the_example_effects_give_their_rate_once(tmp_path, capsys):
    """The example memos' effect tables read "Terugbelacties wegens een gemiste fractuur per 1.000
    SEH-foto's van het skelet (per 1.000 onderzoeken)", "... per 100 CT-thorax (per 100
    onderzoeken)" and "Gemiddeld aantal extra verwijzingen naar de diëtist per week (verwijzingen
    per week)": the rate twice, in two wordings. Each metric now gives it once, in each language."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    expected = {
        "fractuurdetectie-seh": ["| Terugbelacties wegens een gemiste fractuur bij SEH-foto's van het skelet (per 1.000 onderzoeken) |",
                                 "| Aanvullende CT-scans op verzoek van de SEH wegens verdenking fractuur na SEH-skeletfoto's "
                                 "(per 1.000 onderzoeken) |",
                                 "| M1: Terugbelacties wegens een gemiste fractuur bij SEH-skeletfoto's (discrepantieregistratie SEH) |"],
        "longnodule-ct": ["| Follow-upadviezen voor longnodules bij CT-thorax (per 100 onderzoeken) |"],
        "ct-lichaamssamenstelling": ["| Gemiddeld aantal extra verwijzingen naar de diëtist per week |"],
    }
    for app, rows in expected.items():
        for lang in ("nl", "en"):
            text = " ".join(memo_text(root, app, capsys, "--lang", lang).split())
            for row in rows:
                assert row in text, (app, lang, row)
            assert not re.search(r"per [\d.]+ [^|]*\(per [\d.]+ ", text) and "(verwijzingen per week)" not in text, (app, lang)


def test_an_owner_in_the_expiring_list_is_not_bracketed_within_brackets(tmp_path):
    """The memo's 'Expired or expiring soon' names each item's owner in brackets, and the Dutch
    label of the privacy officer has its own: "verloopt 12 februari 2027 (functionaris
    gegevensbescherming (FG))". The owner is worded there without nesting, in every language
    and format, and so is an owner the dossier writes in its own words with brackets."""
    root = copy_example(tmp_path / "p")
    app = "stroke-lvo-triage"
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: next(i for i in d["items"] if i["id"] == "ai-literacy").update(owner="privacy-officer"))
    Git(root).commit("The DPO owns AI literacy", "2026-11-10")
    expected = {"nl": "‘AI-geletterdheid van medewerkers’: verloopt 12 februari 2027 (functionaris gegevensbescherming, FG)",
                "en": "AI literacy of staff: expires 12 February 2027 (data protection officer)"}
    for lang, line in expected.items():
        for fmt in ("md", "html"):
            data, _name, _draft = render_memo(root, app, fmt, lang, dt.date(2027, 1, 10))
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", data.decode("utf-8"))).split())
            assert line.replace("‘", "").replace("’", "") in text.replace("‘", "").replace("’", ""), (lang, fmt)
            assert "))" not in text.split("Verlopen of bijna verlopen" if lang == "nl" else "Expired or expiring soon")[-1][:400]
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: next(i for i in d["items"] if i["id"] == "ai-literacy").update(owner="J. de Vries (opleidingen)"))
    Git(root).commit("A named owner", "2026-11-11")
    data, _name, _draft = render_memo(root, app, "md", "nl", dt.date(2027, 1, 10))
    assert "verloopt 12 februari 2027 (J. de Vries, opleidingen)" in " ".join(data.decode("utf-8").split())


@pytest.mark.parametrize("lang, said, then", [
    ("nl", "2 grenswaarden overschreden (G1, G3)",
     "De vooraf vastgelegde uitkomsten ondersteunen opschalen daarom niet."),
    ("en", "2 guardrails breached (G1, G3)",
     "The results registered in advance therefore do not support scaling up."),
])
def test_the_summary_says_once_that_guardrails_were_breached(tmp_path, lang, said, then):
    """thoraxfoto-triage's summary said "2 grenswaarden overschreden (G1, G3); … . 2 grenswaarden
    zijn overschreden; de vooraf vastgelegde uitkomsten ondersteunen opschalen niet.": the breach
    twice in a row. The summary names the breached guardrails once and then what that means; the
    full sentence stays where it stands alone, under the effects."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    data, _name, _draft = render_memo(root, "thoraxfoto-triage", "md", lang, dt.date(2026, 11, 15))
    text = data.decode("utf-8")
    summary = next(p for p in text.split("\n\n") if said in p)
    summary = " ".join(summary.split())
    assert f"{said}; " in summary and then in summary, summary
    word = "overschreden" if lang == "nl" else "breached"
    assert summary.count(word) == 1, summary
    full = i18n.Text(lang)("indicates_breach_many", n=2)
    assert full not in summary and full in text  # under the effects table, on its own


@pytest.mark.parametrize("text, first", [
    ("Fractures are missed, e.g. at night. Second.", "Fractures are missed, e.g. at night."),
    ("Missed, i.e. not reported. Second.", "Missed, i.e. not reported."),
    ("Scans, reports, etc. are late; more. Second.", "Scans, reports, etc. are late; more."),
    ("Fracturen, bijv. van de pols, worden gemist. Tweede.", "Fracturen, bijv. van de pols, worden gemist."),
    ("Wachttijden o.a. op de SEH lopen op. Tweede.", "Wachttijden o.a. op de SEH lopen op."),
    ("Te laat, d.w.z. na de operatie. Tweede.", "Te laat, d.w.z. na de operatie."),
    ("De z.g. stille fracturen. Tweede.", "De z.g. stille fracturen."),
    ("Bij ca. 12% van de patiënten. Tweede.", "Bij ca. 12% van de patiënten."),
    ("AI vs. dubbele lezing. Tweede.", "AI vs. dubbele lezing."),
    ("Gemeten door dr. Jansen en prof. Bakker. Tweede.", "Gemeten door dr. Jansen en prof. Bakker."),
    ("Gemeten door Dr. Jansen (Prof. Bakker). Tweede.", "Gemeten door Dr. Jansen (Prof. Bakker)."),
    ("Een gemiddelde van 3.5 uur. Tweede.", "Een gemiddelde van 3.5 uur."),
    ("Geteld door J. de Vries en J.P. Bakker. Tweede.", "Geteld door J. de Vries en J.P. Bakker."),
    ("Fracturen worden gemist. Tweede.", "Fracturen worden gemist."),
    ("Worden fracturen gemist? Ja.", "Worden fracturen gemist?"),
    ("Fracturen worden gemist", "Fracturen worden gemist."),
    ("Het kost al. Tweede.", "Het kost al."),
])
def test_first_sentence_does_not_end_at_an_abbreviation(text, first):
    assert i18n.first_sentence(text) == first


@pytest.mark.parametrize("text, first", [
    # a sentence that ends with a one-letter word: a class, a type, a category
    ("Het hulpmiddel valt onder klasse B. Het wordt breed ingezet.", "Het hulpmiddel valt onder klasse B."),
    ("Gekozen is type A. De andere typen vielen af.", "Gekozen is type A."),
    ("Het risico valt in categorie C. Dat vraagt extra toezicht.", "Het risico valt in categorie C."),
    ("Een hulpmiddel van MDR-klasse I. Daarna volgt de beoordeling.", "Een hulpmiddel van MDR-klasse I."),
    ("Het alternatief heet plan B. Het volgt op plan A.", "Het alternatief heet plan B."),
    ("Het antwoord was B. Dat klopte.", "Het antwoord was B."),
    ("The device is class B. It is used widely.", "The device is class B."),
    ("We chose type A. The other types failed.", "We chose type A."),
    ("The risk falls in category C. This needs oversight.", "The risk falls in category C."),
    ("The fallback is option B. It was never needed.", "The fallback is option B."),
    # an initial before a surname
    ("Gemeten door A. Jansen op de SEH. Tweede.", "Gemeten door A. Jansen op de SEH."),
    ("Geteld door J. de Vries. Tweede.", "Geteld door J. de Vries."),
    ("Geteld door J. P. van der Berg en A. De Smet. Tweede.", "Geteld door J. P. van der Berg en A. De Smet."),
    ("A. Jansen telde de gemiste fracturen. Tweede.", "A. Jansen telde de gemiste fracturen."),
    ("Measured by A. Jansen at the ED. Second.", "Measured by A. Jansen at the ED."),
    ("Reviewed by J. van der Berg and M. Smith. Second.", "Reviewed by J. van der Berg and M. Smith."),
])
def test_first_sentence_tells_an_initial_from_a_sentence_that_ends_with_one_letter(text, first):
    """"J. de Vries" is no sentence's end, so first_sentence read every letter with a full stop
    as an initial, and "klasse B." ended no sentence either: the memo's summary ran on into the
    problem's second sentence. An initial stands before a surname; a class letter after its noun."""
    assert i18n.first_sentence(text) == first


@pytest.mark.parametrize("statement, first", [
    ("Het hulpmiddel valt onder klasse B. Het wordt breed ingezet.", "Het hulpmiddel valt onder klasse B."),
    ("Fracturen worden gemist, geteld door A. Jansen. Tweede zin.", "Fracturen worden gemist, geteld door A. Jansen."),
    ("The device is class B. It is used widely.", "The device is class B."),
    ("Fractures are missed, as counted by J. de Vries. Second.", "Fractures are missed, as counted by J. de Vries."),
])
def test_the_proposals_summary_ends_the_problem_at_a_class_letter_and_not_at_an_initial(tmp_path, statement, first):
    """The summary gives the problem statement's first sentence: it ran on past "klasse B." into the
    second sentence, and must still not stop at the initial of "A. Jansen"."""
    root = copy_example(tmp_path / "p")
    app = "ct-lichaamssamenstelling"
    edit_yaml(root / "applications" / app / "problem.yaml", lambda d: d.update(statement=statement))
    Git(root).commit("Problem", "2026-11-10")
    second = statement.removeprefix(first).strip()
    for lang, then in (("nl", "Voorgesteld wordt een pilot"), ("en", "A pilot of")):
        data, _name, _draft = render_memo(root, app, "md", lang, dt.date(2026, 11, 15))
        summary = " ".join(data.decode("utf-8").split("\n\n## ", 2)[1].split())
        assert f"{first} {then}" in summary, (lang, summary)
        assert second not in summary, (lang, summary)


def test_the_proposals_summary_gives_the_whole_first_sentence_of_the_problem(tmp_path):
    """The memo's summary cut the problem statement at an abbreviation: "Probleem: Fractures are
    missed, e.g. Voorgesteld wordt een pilot …". It gives the whole first sentence, in each language."""
    root = copy_example(tmp_path / "p")
    app = "ct-lichaamssamenstelling"
    statement = ("Sarcopenie, d.w.z. verlies van spiermassa, wordt o.a. bij ca. 40% van de patiënten gemist, "
                 "e.g. door J. de Vries gemeten. Tweede zin.")
    edit_yaml(root / "applications" / app / "problem.yaml", lambda d: d.update(statement=statement))
    Git(root).commit("Problem", "2026-11-10")
    for lang, then in (("nl", "Voorgesteld wordt een pilot"), ("en", "A pilot of")):
        data, _name, _draft = render_memo(root, app, "md", lang, dt.date(2026, 11, 15))
        text = " ".join(data.decode("utf-8").split())
        assert f"{statement.removesuffix(' Tweede zin.')} {then}" in text, (lang, text[:1500])


def test_a_departure_is_justified_once_under_the_decision_and_named_in_the_summary(tmp_path, capsys):
    """The mammography memo gave the paragraph that justifies scaling up over an inconclusive
    guardrail twice, word for word: in the summary and again under the decision a few lines
    below. The summary names the departure and where its justification is; the section on the
    decision gives it. A departure without a recorded justification says so in both."""
    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    pilot = yaml.safe_load((root / "applications" / "mammografie-tweede-lezer" / "pilot.yaml").read_text(encoding="utf-8"))
    why = " ".join(pilot["decision"]["override_rationale"].split())
    for lang, named in (("en", "The decision departs from what the results registered in advance indicate "
                               "(justification: see Decision taken"),
                        ("nl", "Het besluit wijkt af van wat de vooraf vastgelegde uitkomsten aangeven "
                               "(verantwoording: zie Genomen besluit")):
        md = memo_text(root, "mammografie-tweede-lezer", capsys, "--lang", lang)
        summary = " ".join(md.split("\n## ")[1].split())
        assert named in summary and why not in summary, lang
        assert " ".join(md.split()).count(why) == 1, lang
    edit_yaml(root / "applications" / "mammografie-tweede-lezer" / "pilot.yaml",
              lambda d: d["decision"].pop("override_rationale"))
    Git(root).commit("No justification", "2026-11-11")
    md = " ".join(memo_text(root, "mammografie-tweede-lezer", capsys, "--lang", "en").split())
    assert md.count("The decision departs from what the results registered in advance indicate. "
                    "Justification: none recorded in the dossier.") == 2


# --- APP omitted inside an application's folder ---------------------------------------------------

def test_memo_inside_the_application_folder_needs_no_app(tmp_path, capsys, monkeypatch):
    """raio check run in applications/<id>/ checks that application, but raio memo there said
    "Missing argument 'APP'". Inside the folder (or one below it) APP may be left out: the memo
    is that application's, the same as with its id, written to its memos/ folder."""
    root = make_repo(tmp_path / "pf")
    app = root / "applications" / DECISION_APP
    (app / "notes").mkdir()
    for where in (app, app / "notes"):
        monkeypatch.chdir(where)
        explicit = run(["memo", DECISION_APP, "--today", TODAY, "--out", "-"], capsys)
        assert explicit[0] == 0 and "fractuur" in explicit[1].lower(), explicit[2]
        assert run(["memo", "--today", TODAY, "--out", "-"], capsys) == explicit
    monkeypatch.chdir(app)
    code, out, err = run(["memo", "--today", TODAY], capsys)
    assert code == 0, err
    assert out == "Wrote memos/2026-11-15-decision.md\n"
    assert (app / "memos" / "2026-11-15-decision.md").is_file()


def test_memo_given_an_id_inside_another_applications_folder_renders_that_one(tmp_path, capsys, monkeypatch):
    """Where APP is given, the folder one stands in does not change it: the memo of the id given
    (left out there, it is this folder's application's)."""
    root = make_repo(tmp_path / "pf")
    monkeypatch.chdir(root)
    wanted = run(["memo", PROPOSAL_APP, "--today", TODAY, "--out", "-"], capsys)
    assert wanted[0] == 0, wanted[2]
    monkeypatch.chdir(root / "applications" / DECISION_APP)
    assert run(["memo", PROPOSAL_APP, "--today", TODAY, "--out", "-"], capsys) == wanted
    here = run(["memo", "--today", TODAY, "--out", "-"], capsys)
    assert here == run(["memo", DECISION_APP, "--today", TODAY, "--out", "-"], capsys) and here[0] == 0
    assert here[1] != wanted[1]


def test_memo_without_app_at_the_portfolios_top_teaches_and_writes_nothing(tmp_path, capsys, monkeypatch):
    root = make_repo(tmp_path / "pf")
    monkeypatch.chdir(root)
    code, out, err = run(["memo", "--today", TODAY], capsys)
    said = " ".join(err.split())
    assert code == 2 and out == ""
    assert said.startswith("raio: error: missing argument 'APP': the application's id (the current folder is in no "
                           "application's folder)"), said
    assert (f"e.g. raio memo {PROPOSAL_APP}; this portfolio has {PROPOSAL_APP}, {DECISION_APP}, thoraxfoto-triage "
            "('raio status' lists them)") in said
    assert "Inside an application's folder (applications/<id>/ or below it) APP may be omitted." in said
    assert not list(root.glob("applications/*/memos/2026-11-15-*"))
    # an id holding what looks like a patient's number is listed masked, and not given as the
    # example to type (typed masked, it names nothing)
    shutil.copytree(root / "applications" / PROPOSAL_APP, root / "applications" / "a-123456782")
    code, out, err = run(["memo", "--today", TODAY], capsys)
    said = " ".join(err.split())
    assert code == 2 and "123456782" not in said and "this portfolio has a-*******82, " in said, said
    assert f"e.g. raio memo {PROPOSAL_APP};" in said, said



def test_memo_without_app_where_applications_is_no_folder_says_why(tmp_path, capsys, monkeypatch):
    """APP left out at the top of a portfolio whose applications/ is a file: the error said "the
    portfolio has no applications yet ('raio new-pilot' creates one)", which would fail on it
    too. It gives raio check's YML017 message, for raio memo and raio monitor alike."""
    root = make_repo(tmp_path / "pf")
    shutil.rmtree(root / "applications")
    (root / "applications").write_text("x\n", encoding="utf-8")
    monkeypatch.chdir(root)
    for args in (["memo", "--today", TODAY], ["monitor", "init"]):
        code, out, err = run(args, capsys)
        said = " ".join(err.split())
        assert code == 2 and out == "", args
        assert said.startswith("raio: error: applications is a file, not a folder; no application is read (YML017)"), said
        assert "no applications yet" not in said
    assert (root / "applications").read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_preregistration_finding_accepted_in_the_dossier_is_named_with_its_reason(tmp_path, capsys, lang):
    """Effects agreed on paper before the pilot and committed after its start: the dossier
    accepts REG001 for E1 with `# raio: ignore[REG001] REASON`. The finding then left the memo,
    and the board read the pre-registration section without the exception or its reason. The
    section now says what the check found and the reason the dossier gives; G1, not accepted,
    stays a finding."""
    root = make_repo(tmp_path / "p", git=False)
    effects = root / "applications" / DECISION_APP / "effects.yaml"
    text = effects.read_text(encoding="utf-8")
    assert "  - id: E1\n" in text
    effects.write_text(text.replace("  - id: E1\n", "  - id: E1  # raio: ignore[REG001] agreed in the signed pilot plan PP-2024-07\n"),
                       encoding="utf-8")
    commit = Git(root).commit("Dossiers, after the pilot began", "2025-01-06")
    said = " ".join(memo_text(root, DECISION_APP, capsys, "--lang", lang).split())
    if lang == "en":
        assert ("Accepted in the dossier, with the reason ‘agreed in the signed pilot plan PP-2024-07’: E1 was first "
                "committed on 6 January 2025 by ") in said, said[:3000]
        assert re.search(rf"\(commit {commit[:7]}\), after the pilot started on \d+ \w+ 2024\.", said)
    else:
        assert ("In het dossier aanvaard, met als reden ‘agreed in the signed pilot plan PP-2024-07’: E1 is pas op "
                "6 januari 2025 door ") in said, said[:3000]
    assert said.count("PP-2024-07") == 1
    assert "G1" in said and said.count("ignore[REG001]") == 0
