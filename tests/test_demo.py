"""raio demo: the example portfolio as a git repository whose history tells each application's story."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from conftest import ROOT

from raio_cli import demo


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "pf"
    demo.build(root, dt.date(2026, 11, 15))
    return root


def test_shift_moves_iso_dates_and_dates_written_out_in_both_languages():
    """Prose that names a day ("Eenmalige verlenging tot 18 december 2026") stayed behind when the
    demo moved the dates beside it, so the text and the fields told different stories."""
    text = ("end: 2026-12-18\nnotes: Eenmalige verlenging tot 18 december 2026; per 30 June 2025, "
            "in april 2025, op 31 februari 2026, code 12 december 20261\n")
    assert demo.shift_dates(text, 14) == (
        "end: 2027-01-01\nnotes: Eenmalige verlenging tot 1 januari 2027; per 14 July 2025, "
        "in april 2025, op 31 februari 2026, code 12 december 20261\n")
    assert demo.shift_dates(text, 0) == text



def test_shift_moves_a_month_and_year_by_whole_months():
    """Prose that names a month without a day ("Vooraf vastgelegd in april 2025, vóór de start van
    de pilot (2 juni 2025)") stayed behind while the day beside it moved: the demo's prose
    contradicted its dates. A month and year now move by the whole months from the example's
    date to today, in Dutch and English, a range of two months alike."""
    as_of = dt.date(2026, 11, 15)
    text = ("notes: Vooraf vastgelegd in april 2025, vóór de start van de pilot (2 juni 2025).\n"
            "reason: De MRI is van maart tot en met mei 2026 vervangen; besluit uiterlijk februari 2027\n"
            "follow_up: >-\n  Storingsmelding toegevoegd (november\n  2025). Since March 2024; May to June 2026.\n"
            "left: in februari, Juni weer, code 12 december 20261, 123 maart 2024, may 2025\n")
    assert demo.month_shift(75, as_of) == 2  # 15 november to 29 january: two months on
    assert demo.shift_dates(text, 75, as_of) == (
        "notes: Vooraf vastgelegd in juni 2025, vóór de start van de pilot (16 augustus 2025).\n"
        "reason: De MRI is van mei tot en met juli 2026 vervangen; besluit uiterlijk april 2027\n"
        "follow_up: >-\n  Storingsmelding toegevoegd (januari\n  2026). Since May 2024; July to August 2026.\n"
        "left: in februari, Juni weer, code 12 december 20261, 123 maart 2024, may 2025\n")
    back = demo.shift_dates(text, -400, as_of)  # 15 november 2026 to 11 october 2025: 13 months back
    assert "in maart 2024, vóór de start van de pilot (28 april 2024)" in back
    assert "van februari tot en met april 2025" in back and "(oktober\n  2024)" in back and "Since February 2023" in back
    assert [demo.month_shift(d, as_of) for d in (15, 16, -14, -15)] == [0, 1, 0, -1]  # the month of the day it lands on
    assert demo.shift_dates("november tot en met januari 2027", 31, as_of) == "december tot en met februari 2027"
    assert demo.shift_dates("december 2026", 20, as_of) == "januari 2027"


def test_shift_moves_a_baselines_short_months_as_written():
    """A baseline's period is written with short month names ("jan-dec 2023", "sep 2025"): left
    as it was, a demo built two years earlier measured the baseline after the pilot's start."""
    as_of = dt.date(2026, 11, 15)
    text = "period: jan-dec 2023\nperiod: sep 2025\nperiod: Jan-Jun 2024\nuntil 18 dec 2026; Jan de Vries, 2024\n"
    assert demo.shift_dates(text, 75, as_of) == (
        "period: jan-dec 2023\nperiod: nov 2025\nperiod: Mar-Aug 2024\nuntil 3 mrt 2027; Jan de Vries, 2024\n")
    assert demo.shift_dates(text, -683, as_of) == (  # to 1 january 2025: 22 months back (a year alone: two)
        "period: jan-dec 2021\nperiod: nov 2023\nperiod: Mar-Aug 2022\nuntil 3 feb 2025; Jan de Vries, 2022\n")

def test_a_range_of_months_moved_past_a_year_end_names_both_years():
    """The demo built on 1 December 2026 (16 days after the example's date, one month on) gave the
    baselines' period "jan-dec 2023" as "feb-jan 2024", which the memo printed as "Bron
    nulmeting: ...; feb-jan 2024": February to January, backwards within one year. A range
    within one year that the move carries over a year end now names the first month's year
    ("feb 2023-jan 2024", "februari 2025 tot en met januari 2026"); a range that crossed a year
    end as written ("november tot en met januari 2027") and one that stays within a year are
    written as before. (A whole year, "jan-dec 2023", moves as a year written alone: see
    test_a_whole_year_of_months_moves_as_the_year_written_alone_beside_it.)"""
    as_of = dt.date(2026, 11, 15)
    assert demo.shift_dates("period: jul-jun 2023\n", -16, as_of) == "period: jun-mei 2023\n"  # crossed as written
    assert demo.shift_dates("period: feb-nov 2023\n", 75, as_of) == "period: apr 2023-jan 2024\n"
    assert demo.shift_dates("period: Feb-Nov 2023\n", 75, as_of) == "period: Apr 2023-Jan 2024\n"
    assert demo.shift_dates("van februari tot en met november 2025", 75, as_of) == \
        "van april 2025 tot en met januari 2026"
    assert demo.shift_dates("period: jan-jun 2024\n", 16, as_of) == "period: feb-jul 2024\n"
    assert demo.shift_dates("november tot en met januari 2027", 31, as_of) == "december tot en met februari 2027"
    assert demo.shift_dates("period: feb-jan 2024\n", -16, as_of) == "period: jan-dec 2023\n"


def test_a_whole_year_of_months_moves_as_the_year_written_alone_beside_it():
    """The demo built on 1 December 2026 (16 days on, one month) gave ct-lichaamssamenstelling's
    baseline period "jan-dec 2025" as "feb 2025-jan 2026", while its problem, which does not
    name months, still said the baseline analysis was of "2025": two years for one baseline. A
    range of months that is a whole calendar year moves as a year written alone does (by whole
    years, :func:`demo.year_shift`), in both languages; a part of a year still moves by months."""
    as_of = dt.date(2026, 11, 15)
    for days, year in ((16, "2025"), (-16, "2025"), (200, "2026"), (-200, "2024"), (1096, "2028")):
        assert demo.shift_dates("period: jan-dec 2025\n", days, as_of) == f"period: jan-dec {year}\n", days
        assert demo.shift_dates("period: Jan-Dec 2025\n", days, as_of) == f"period: Jan-Dec {year}\n", days
        assert demo.shift_dates("van januari tot en met december 2025", days, as_of) == \
            f"van januari tot en met december {year}", days
        assert demo.shift_dates("analyse van 150 CT's, 2025).", days, as_of) == f"analyse van 150 CT's, {year}).", days
    assert demo.shift_dates("period: jan-nov 2025\n", 45, as_of) == "period: feb-dec 2025\n"  # not a whole year

    app = ROOT / "examples" / "portfolio" / "applications" / "ct-lichaamssamenstelling"
    problem = demo.shift_dates((app / "problem.yaml").read_text(encoding="utf-8"), 16, as_of)
    effects = demo.shift_dates((app / "effects.yaml").read_text(encoding="utf-8"), 16, as_of)
    assert "stagerings-CT's, 2025)" in " ".join(problem.split()) and "period: jan-dec 2025" in effects


def test_shift_moves_a_year_month_and_a_year_written_alone_but_no_number_citation_or_law():
    """A year written alone ("RIS-audit 2023", a baseline's period "2024") and a year-month
    ("2026-05") stayed behind while the dates beside them moved: a demo built three years on
    proposed a pilot on a baseline measured five years before. They now move by whole years and
    months; a count, a citation, a regulation's number, a standard's edition and an identifier
    that hold a year do not."""
    as_of = dt.date(2026, 11, 15)
    text = ('period: "2024"\nsample_size: 2000\n- 2021\nbaseline: 14,5 uur (roosteranalyse 2024); sinds 2022; '
            "release 2026-05\nnotes: Martin et al. (2013); NEN 7510-1:2017+A1:2020; Regulation 2024/1689; "
            "(EU) 2026/1744; VIM-2025-0412; RAD-AI-2022-004; 2025-05-23; april 2025; 2026-13\n")
    assert demo.year_shift(1096, as_of) == 3 and demo.year_shift(75, as_of) == 0 and demo.year_shift(-400, as_of) == -1
    assert demo.year_shift(demo.month_shift(0) + 167, as_of) == 1  # six months on (to May): the next year
    assert demo.shift_dates(text, 1096, as_of) == (
        'period: "2027"\nsample_size: 2000\n- 2021\nbaseline: 14,5 uur (roosteranalyse 2027); sinds 2025; '
        "release 2029-05\nnotes: Martin et al. (2013); NEN 7510-1:2017+A1:2020; Regulation 2024/1689; "
        "(EU) 2026/1744; VIM-2025-0412; RAD-AI-2022-004; 2028-05-23; april 2028; 2026-13\n")
    assert "release 2026-07" in demo.shift_dates(text, 75, as_of) and "(roosteranalyse 2024)" in demo.shift_dates(text, 75, as_of)


#: A month written out (Dutch as the example writes it, English capitalised)
_MONTH_NAMES = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
                "January|February|March|April|May|June|July|August|September|October|November|December")


def test_every_date_in_the_example_is_written_in_a_form_the_demo_moves():
    """'op 18 november', 'in februari', 'afspraak van september': a month or a day without its year
    cannot be moved by the demo (which year would it be?), so a demo built on another day told of
    a November incident in a February report. The example writes every date with its year, in
    its dossiers and in the text of its evidence (a file name holds none: it cannot move)."""
    import re

    from raio_cli.resources import examples_dir

    yearless = re.compile(rf"(?<!\w)(?:{_MONTH_NAMES})(?![\w-])(?!(?:\s*(?:[–-]|tot en met|t/m|tot|to|and|en)\s*"
                          rf"(?:{_MONTH_NAMES}))?\s+\d{{4}})")
    root = examples_dir() / "portfolio"
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", path.name):
                found.append(f"{rel}: a year in the file name")
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: {m[0]!r} at {m.start()}" for m in yearless.finditer(text)]
    assert found == []


def _told(root, today) -> list[str]:
    """What raio check finds and every application's memo says (md, nl and en), each date, count
    of days, month and commit masked and each year counted from today's, so that two demos built on
    different days read the same when they tell the same story."""
    import re

    from raio_cli import check
    from raio_cli.documents.memo import render_memo
    from raio_cli.portfolio import load

    months = _MONTH_NAMES + "|jan|feb|mrt|apr|jun|jul|aug|sep|okt|oct|nov|dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    result = check.run(root, today=today)
    lines = [f"{f.file} {f.code} {f.message}" for f in result.findings if f.code not in ("DAT011", "DAT012")]
    for app in load(root).apps:
        for lang in ("nl", "en"):
            data, _name, _draft = render_memo(root, app.id, "md", lang, today)
            lines += [f"memo {app.id} {lang}: {line}" for line in _without_ai_act_duties(data.decode("utf-8"), lang)]
    out = []
    for line in lines:
        line = re.sub(r"\d{4}-\d{2}-\d{2}", "<date>", line)
        line = re.sub(rf"\b\d{{1,2}}\s+(?:{months})\s+\d{{4}}", "<date>", line)
        line = re.sub(rf"\b(?:{months})(?:\s*(?:[–-]|tot en met|to)\s*(?:{months}))?\s+\d{{4}}", "<month>", line)
        line = re.sub(r"\b\d+ (days?|dagen|dag|weeks?|weken|months?|maanden)\b", r"<n> \1", line)
        line = re.sub(r"\b[0-9a-f]{7,40}\b", "<commit>", line)
        line = re.sub(r"et al\. \(\d{4}\)", "et al. (<cited>)", line)
        line = re.sub(r"(?<![\w/.:,+-])((?:19|20)\d\d)(?![\w/-]|[.,:]\d)", lambda m: f"<year{int(m[1]) - today.year:+d}>", line)
        out.append(line)
    return out


def _without_ai_act_duties(memo: str, lang: str) -> list[str]:
    """The memo's lines but its compliance section's AI Act duties (DAT011 and DAT012 worded),
    which stay at the dates the law sets."""
    from raio_cli.documents import i18n

    title, lines, skipping = f"**{i18n.strings(lang)['ai_act_duties_title']}**", [], False
    for line in memo.splitlines():
        skipping = line == title or (skipping and not line.startswith(("#", "**")))
        if not skipping:
            lines.append(line)
    return lines


def test_a_demo_built_years_later_tells_the_same_story(built, tmp_path):
    """raio demo three years after the example's date: the checks and every memo read as they do
    on the example's own date, but for the dates themselves. Only the AI Act's dates stay where
    the law put them (DAT011 and DAT012 compare an application with them), so those findings, and
    the memo's AI Act duties that word them, are left out of the comparison."""
    as_of = demo.example_as_of()
    later = as_of.replace(year=as_of.year + 3)
    root = tmp_path / "later"
    demo.build(root, later)
    assert _told(root, later) == _told(built, as_of)
    evidence = (root / "applications/fractuurdetectie-seh/evidence/lokale-validatie.md").read_text(encoding="utf-8")
    assert "op 2028-05-23" in evidence and "5 november 2027 tot en met 30 april 2028" in evidence


def test_a_declared_amendment_is_committed_on_its_date_after_the_pre_registration(built):
    """The example's amendment of longnodule-ct (E2's baseline, 2026-03-02) was committed with the
    pre-registration of 2025-12-03: the history never showed the change it declares. Now the
    pre-registration holds the values before it and a commit on its date the amended file."""
    from raio_cli import check

    log = subprocess.run(["git", "log", "--reverse", "--format=%ad %s", "--date=short", "--",
                          "applications/longnodule-ct/effects.yaml"], cwd=built, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert log[0].endswith("pre-register the expected effects and plan the pilot") and log[0] < "2026-01-12"
    assert log[1] == "2026-03-02 longnodule-ct: amend the effects (declared in amendments)"
    first = subprocess.run(["git", "show", "HEAD~0:applications/longnodule-ct/effects.yaml"], cwd=built,
                           capture_output=True, text=True, check=True).stdout
    assert "amendments:" in first and "value: 290" in first  # the file as written, at the end
    result = check.run(built, today=dt.date(2026, 11, 15))
    reg = sorted((f.code, f.message.split(" changed ")[0]) for f in result.findings if f.code.startswith("REG"))
    assert reg == [("REG003", "E2 baseline value"), ("REG003", "E2 metric")]
    metric = next(f for f in result.findings if f.code == "REG003" and "metric" in f.message)
    # two long texts that differ past where they are clipped: the messages show where they differ
    assert "'…PACS tot autoriseren)' → '…PACS tot autoriseren, zonder onderbrekingen" in metric.message


def test_git_and_the_files_tell_the_same_story_of_each_stage(built):
    """The demo dated the commit that entered a stage apart from the stage_since its file states
    (a planned application's stage commit even came after its final commit), so raio status
    (from git) and the memos (from the file) gave different dates; now every application's
    stage commit is dated at its stage_since, and the files are the example's as written."""
    import re

    from raio_cli import status
    from raio_cli.resources import examples_dir

    data = status.portfolio_status(built, dt.date(2026, 11, 15))
    for a in data["applications"]:
        text = (built / "applications" / a["id"] / "application.yaml").read_text(encoding="utf-8")
        example = (examples_dir() / "portfolio" / "applications" / a["id"] / "application.yaml").read_text(encoding="utf-8")
        assert text == example
        written = re.search(r"^stage_since: (\S+)", text, re.M)[1]
        assert (a["id"], a["stage_since"], a["stage_since_source"]) == (a["id"], written, "git")


def test_the_demo_keeps_the_schemas_as_raio_writes_them(built):
    """The demo copied the schema files as laid out in raio's source, so 'raio schema --write
    .raio/schemas' in a fresh demo refused: every file 'differs' (in layout only)."""
    from raio_cli import schema

    assert {state for _dest, _text, state in schema.plan_write(built / ".raio" / "schemas")} == {"unchanged"}



def test_the_demo_holds_no_hidden_character(built):
    """raio demo's dossiers hold no text with a character that shows nothing or acts on a screen
    (YML020): a new user's first check shows no such error."""
    from raio_cli import check

    assert [f for f in check.run(built, today=dt.date(2026, 11, 15)).findings if f.code == "YML020"] == []


def test_a_demo_built_later_moves_its_prose_months_with_its_dates(tmp_path):
    """raio demo on another day than the example's: the month a dossier's prose names moves with
    the dates beside it (here 75 days on, two months)."""
    root = tmp_path / "pf"
    demo.build(root, demo.example_as_of() + dt.timedelta(days=75))
    apps = root / "applications"
    head = (apps / "mammografie-tweede-lezer" / "effects.yaml").read_text(encoding="utf-8").splitlines()[1]
    assert head == "# Vooraf vastgelegd in juni 2025, vóór de start van de pilot (16 augustus 2025)."
    pilot = " ".join((apps / "prostaat-mri-pirads" / "pilot.yaml").read_text(encoding="utf-8").split())
    assert "van mei tot en met juli 2026 vervangen" in pilot and "besluit uiterlijk april 2027" in pilot
    effects = (apps / "prostaat-mri-pirads" / "effects.yaml").read_text(encoding="utf-8")
    assert "period: jan-dec 2024" in effects and "period: nov 2025" in effects  # a whole year as a year; sep 2025


def test_the_demos_retired_application_was_in_production_and_its_stop_decided_before_the_switch_off(built):
    """The demo's history of hersenvolumetrie-mri went from evaluation straight to retired on the
    switch-off day: raio log showed four years after the scale-up decision without production,
    and the stop (decided on 2026-04-14) only with the switch-off, as if nobody had decided it
    before. Now it enters production with the decision, records the stop on the day it was
    decided, and retires on its date."""
    from raio_cli import auditlog

    events = auditlog.audit_trail(built, "hersenvolumetrie-mri", today=dt.date(2026, 11, 15))
    stages = [(e["date"], e["old"], e["new"]) for e in events if e["kind"] == "stage"]
    assert stages[-2:] == [("2022-10-10", "evaluation", "production"), ("2026-06-30", "production", "retired")]
    stops = [(e["date"], e["description"]) for e in events if e["kind"] == "retirement"]
    by = "(decided on 2026-04-14, by Raad van bestuur, op advies van de AI-stuurgroep): De leverancier"
    assert [day for day, _ in stops] == ["2026-04-14", "2026-06-30"]
    assert stops[0][1].startswith(f"stop planned: switch-off on 2026-06-30 {by}")
    assert stops[1][1].startswith(f"stop: switched off on 2026-06-30 {by}")
