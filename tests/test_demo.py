"""raio demo: the example portfolio as a git repository whose history tells each application's story."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

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
        "period: mrt-feb 2024\nperiod: nov 2025\nperiod: Mar-Aug 2024\nuntil 3 mrt 2027; Jan de Vries, 2024\n")
    assert demo.shift_dates(text, -683, as_of) == (  # to 1 january 2025: 22 months back
        "period: mrt-feb 2022\nperiod: nov 2023\nperiod: Mar-Aug 2022\nuntil 3 feb 2025; Jan de Vries, 2024\n")

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
    assert "period: mrt-feb 2025" in effects and "period: nov 2025" in effects  # jan-dec 2024, sep 2025
