"""raio status: the portfolio at a glance, from the same library as the checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_example, edit_yaml


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory):
    from raio_cli import demo

    root = tmp_path_factory.mktemp("status") / "demo"
    import datetime as dt

    demo.build(root, dt.date(2026, 11, 15))
    return root


def _status(root, *args):
    out = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(root), "--format", "json", *args],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_status_groups_by_stage_and_takes_days_in_stage_from_git(demo_repo):
    data = _status(demo_repo, "--today", "2026-11-15")
    assert data["history"] == "ok"
    assert data["by_stage"]["evaluation"] == ["longnodule-ct"]
    lung = next(a for a in data["applications"] if a["id"] == "longnodule-ct")
    assert lung["stage_since_source"] == "git"
    assert lung["days_in_stage"] == 45  # the demo's commit on the day after the pilot's end, 2026-10-01
    assert lung["next_stage"] == "production" and lung["next_stage_needs"]
    stroke = next(a for a in data["applications"] if a["id"] == "stroke-lvo-triage")
    assert stroke["certificate_days_left"] == 77 and stroke["certificate"][0]["code"] == "DAT008"


def test_status_shows_pilotitis_when_the_decision_is_overdue(demo_repo):
    data = _status(demo_repo, "--today", "2027-02-01")
    lung = next(a for a in data["applications"] if a["id"] == "longnodule-ct")
    assert [p["code"] for p in lung["pilotitis"]] == ["DAT003"]
    assert data["totals"]["pilotitis"] >= 1


def test_no_negative_days_when_the_stage_began_after_today(demo_repo):
    """--today before the history's last commits: the stage's start from git lies after the date
    asked for, and the table showed "-263" days. Now no days, and a line under the table says why."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    buf = io.StringIO()
    data = status.print_status(demo_repo, dt.date(2026, 3, 1),
                               console=Console(file=buf, width=150, highlight=False, color_system=None))
    rows = {a["id"]: a for a in data["applications"]}
    lung = rows["longnodule-ct"]  # in evaluation since 2026-10-01
    assert (lung["stage_since"], lung["days_in_stage"]) == ("2026-10-01", None)
    assert all(a["days_in_stage"] is None or a["days_in_stage"] >= 0 for a in rows.values())
    assert any(a["days_in_stage"] for a in rows.values())  # stages begun before the date keep their days
    later = sorted(a["id"] for a in rows.values() if a["stage_since"] > "2026-03-01")
    out = buf.getvalue()
    assert f"No days shown for {len(later)} applications that entered their stage after 2026-03-01" in out
    assert "longnodule-ct" in out.split("No days shown")[1] and "-" + str(abs((dt.date(2026, 3, 1) - dt.date(2026, 10, 1)).days)) not in out


def test_status_without_git_uses_stage_since(tmp_path):
    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "longnodule-ct" / "application.yaml",
              lambda d: d.update(stage_since="2026-10-01"))
    data = _status(root, "--today", "2026-11-15", "--no-git")
    lung = next(a for a in data["applications"] if a["id"] == "longnodule-ct")
    assert (lung["days_in_stage"], lung["stage_since_source"]) == (45, "stage_since")


def test_status_text_table(demo_repo):
    out = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(demo_repo), "--today", "2026-11-15"],
                         capture_output=True, text=True, timeout=120, env={"NO_COLOR": "1", "PATH": ""})
    assert out.returncode == 0, out.stderr
    assert "longnodule-ct" in out.stdout and "production: " in out.stdout and "CE expires in 77 d" in out.stdout


def test_status_is_served_from_the_check_cache_and_follows_an_edit(demo_repo, tmp_path, monkeypatch):
    """An unchanged portfolio's rows come from the cache raio check keeps; they are exactly what
    a fresh look gives, before and after an edit of one application."""
    import shutil

    from raio_cli import status

    monkeypatch.setenv("RAIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAIO_NO_CACHE", raising=False)
    root = tmp_path / "pf"
    shutil.copytree(demo_repo, root, symlinks=True)
    first = _status(root, "--today", "2026-11-15")
    assert list((tmp_path / "cache" / "check").glob("*.json"))  # kept for the next run
    assert _status(root, "--today", "2026-11-15") == first == _status(root, "--today", "2026-11-15", "--no-cache")
    edit_yaml(root / "applications" / "longnodule-ct" / "application.yaml",
              lambda d: d["owner"].update(name="Dr. N. Ieuw"))
    after = _status(root, "--today", "2026-11-15")
    lung = next(a for a in after["applications"] if a["id"] == "longnodule-ct")
    assert lung["owner"] == "Dr. N. Ieuw" and lung["days_in_stage"] == 45  # the stage itself did not change
    assert after == _status(root, "--today", "2026-11-15", "--no-cache")
    import datetime as dt

    assert status.portfolio_status(root, dt.date(2026, 11, 15), cache=True) == after


def test_a_row_that_cannot_be_computed_is_one_clear_error(demo_repo, tmp_path, monkeypatch, capsys):
    """Should computing one application's row fail (a bug), raio status says which application
    and why, in one line with exit 2, instead of a KeyError from deep inside."""
    import shutil

    from raio_cli import status
    from raio_cli.cli import main

    monkeypatch.setenv("RAIO_NO_CACHE", "1")
    root = tmp_path / "pf"
    shutil.copytree(demo_repo, root, symlinks=True)
    real = status.app_facts

    def failing(app, *args):
        if app.id == "longnodule-ct":
            raise ZeroDivisionError("division by zero")
        return real(app, *args)

    monkeypatch.setattr(status, "app_facts", failing)
    with pytest.raises(SystemExit) as exc:
        main(["status", str(root), "--today", "2026-11-15"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" not in err
    assert "the status of longnodule-ct could not be computed: status of longnodule-ct failed: ZeroDivisionError" in err


def test_days_in_stage_come_from_the_folders_own_history_not_a_former_name(tmp_path):
    """A folder named as another application was before its rename (git mv) has no history of
    its own: its days in stage are unknown, not the renamed application's (whose commits would
    not even make the check's cache look at it again)."""
    import datetime as dt

    from conftest import Git
    from raio_cli import status

    root = copy_example(tmp_path / "p")
    git = Git(root)
    git.commit("Dossiers", "2026-01-10")
    git.run("mv", "applications/longnodule-ct", "applications/longnodule-ct-v2")
    git.commit("A new name", "2026-03-01")
    (root / "applications" / "longnodule-ct").mkdir()
    (root / "applications" / "longnodule-ct" / "problem.yaml").write_text("statement: a new start\n", encoding="utf-8")
    data = status.portfolio_status(root, dt.date(2026, 11, 15))
    rows = {a["id"]: a for a in data["applications"]}
    assert rows["longnodule-ct-v2"]["stage_since_source"] == "git"
    assert (rows["longnodule-ct"]["stage_since"], rows["longnodule-ct"]["stage_since_source"]) == (None, None)


def test_a_retired_applications_days_count_from_the_switch_off_the_memo_names(tmp_path):
    """A retirement committed three weeks after the switch-off its dossier records (2026-06-30)
    gave 118 days in the stage, counted from the commit, while the memo's stage line says "retired
    (since 30 June 2026)". Both count from retirement.date now; a date still to come does not."""
    import datetime as dt

    from conftest import Git
    from raio_cli import status

    root = copy_example(tmp_path / "p")
    dossier = root / "applications" / "hersenvolumetrie-mri" / "application.yaml"
    retired = dossier.read_bytes()

    def in_production(d):
        d.update(stage="production", stage_since="2024-11-18")
        del d["retirement"]

    edit_yaml(dossier, in_production)
    git = Git(root)
    git.commit("Dossiers", "2025-01-10")
    dossier.write_bytes(retired)
    git.commit("The retirement, recorded late", "2026-07-21")
    today = dt.date(2026, 11, 15)
    row = {a["id"]: a for a in status.portfolio_status(root, today)["applications"]}["hersenvolumetrie-mri"]
    assert (row["stage_since"], row["stage_since_source"], row["days_in_stage"]) == ("2026-06-30", "retirement", 138)
    edit_yaml(root / "applications" / "hersenvolumetrie-mri" / "application.yaml",
              lambda d: d["retirement"].update(date=dt.date(2026, 12, 31)))
    row = {a["id"]: a for a in status.portfolio_status(root, today)["applications"]}["hersenvolumetrie-mri"]
    assert (row["stage_since"], row["stage_since_source"]) == ("2026-07-21", "git")


def test_a_folder_name_is_printed_as_written_not_read_as_console_markup(tmp_path):
    """rich reads '[...]' in a plain string as markup: a folder named like a style tag lost its
    brackets (or raised a markup error) in the table."""
    root = copy_example(tmp_path / "p")
    (root / "applications" / "longnodule-ct").rename(root / "applications" / "[red]odd")
    out = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(root), "--today", "2026-11-15",
                          "--no-git"], capture_output=True, text=True, timeout=120,
                         env={"NO_COLOR": "1", "PATH": "", "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    assert "[red]odd" in out.stdout


@pytest.mark.parametrize("natural, width, expected", [
    ([10, 24, 4, 19, 18, 4, 8], 150, [10, 24, 4, 19, 18, 4, 8]),  # fits: every column as wide as its widest cell
    ([10, 24, 4, 19, 18, 4, 8], 109, [10, 24, 4, 19, 18, 4, 8]),  # exactly fits (87 + 3 × 7 + 1)
    ([10, 24, 4, 19, 18, 4, 8], 100, [10, 24, 4, 19, 9, 4, 8]),   # the signals go over more lines first
    ([10, 24, 4, 19, 18, 4, 8], 80, [10, 13, 4, 11, 8, 4, 8]),    # then the next gate, then the ids
    ([10, 24, 4, 19, 18, 4, 8], 40, [6, 8, 4, 8, 8, 4, 8]),       # as narrow as it goes; numbers never cut
    ([5, 11, 4, 9, 7, 4, 8], 70, [5, 11, 4, 9, 7, 4, 8]),         # a column already narrow is left
    ([5, 11, 4, 9, 7, 4, 8], 60, [5, 8, 4, 8, 7, 4, 8]),          # too narrow even so: rich does the rest
])
def test_status_column_widths(natural, width, expected):
    from raio_cli.status import column_widths

    assert column_widths(natural, width) == expected


def _table_at(root, width, today="2026-11-15"):
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False, color_system=None)
    data = status.print_status(root, dt.date.fromisoformat(today), console=console)
    return buf.getvalue(), data


def test_status_table_in_a_narrow_terminal_keeps_numbers_and_signals_whole(demo_repo):
    """At 80 columns the table did not fit: rich cut every number to '…' and squeezed the signals
    into a column one letter wide. Now the signals and the next gate go over several lines and
    the application ids are cut first; numbers, stages and the words of the signals stay whole."""
    wide, data = _table_at(demo_repo, 150)
    narrow, _ = _table_at(demo_repo, 80)
    rows = [line for line in wide.splitlines() if line.startswith("│")]
    assert len(rows) == len(data["applications"])  # wide enough: one line per application
    assert max(len(line) for line in narrow.splitlines()) <= 80
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in narrow.splitlines() if line.startswith("│")]
    firsts = [c for c in cells if c[0]]  # an application's first line (its stage is set)
    for a, c in zip(data["applications"], firsts):
        assert c[0] == a["stage"] and c[2] == str(a["days_in_stage"]) and c[5] == str(len(a["open_items"]))
        assert c[6] == f"{a['errors']}/{a['warnings']}"
        assert c[1] == a["id"] or (c[1].endswith("…") and a["id"].startswith(c[1][:-1]))
    signal_words = " ".join(c[4] for c in cells).split()
    assert "expires" in signal_words and "77" in signal_words  # "CE expires in 77 d", over three lines


@pytest.mark.parametrize("width", [60, 40])
def test_status_in_a_terminal_too_narrow_for_the_table_lists_each_application_whole(demo_repo, width):
    """At 60 columns (a laptop's terminal beside an editor) the seven columns could not fit even
    narrowed: rich cut the ids to 'botlee…', 'fractu…', the stages to 'prop…' and the headers of
    the numbers to 'da…' and 'o…'; at 40 every id was three letters and an ellipsis. There each
    application is now listed on lines of its own, with every value whole."""
    shown, data = _table_at(demo_repo, width)
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "…" not in shown
    said = " ".join(shown.split())
    for a in data["applications"]:
        assert f"{a['id']} {a['stage']}" in said
        assert f"{a['days_in_stage']} days in stage" in said
        assert f"err/warn {a['errors']}/{a['warnings']}" in said and f"open {len(a['open_items'])}" in said
    assert "CE expires in 77 d" in said
    assert any(line.startswith("10 applications;") for line in lines)


def test_the_summary_counts_in_singular_and_plural(tmp_path):
    """It read "1 errors and 1 warnings"."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    def summary(root):
        buf = io.StringIO()
        data = status.print_status(root, dt.date(2026, 11, 15), use_git=False,
                                   console=Console(file=buf, width=200, highlight=False, color_system=None))
        return data["totals"], " ".join(buf.getvalue().split())

    root = copy_example(tmp_path / "p")
    totals, out = summary(root)
    assert (totals["errors"], totals["warnings"]) == (0, 2)
    assert "10 applications; " in out and "; 0 errors and 2 warnings " in out
    edit_yaml(root / "applications" / "longnodule-ct" / "application.yaml", lambda d: d.update(stage="gepland"))
    totals, out = summary(root)
    assert totals["errors"] == 1 and "; 1 error and " in out


def test_status_counts_the_findings_check_counts_those_of_no_row_included(tmp_path):
    """An application folder that links out of the portfolio, or an error in raio.yaml, is no row
    of the table: status said 3 errors where check said 5. Now its totals are check's, and a line
    under the table names what is in no row."""
    import shutil

    from conftest import run_check

    root = copy_example(tmp_path / "pf")
    first = sorted((root / "applications").iterdir())[0]
    shutil.copytree(first, tmp_path / "elsewhere")
    (root / "applications" / "linked-out").symlink_to(tmp_path / "elsewhere")
    text = (root / "raio.yaml").read_text(encoding="utf-8")
    (root / "raio.yaml").write_text(text.replace("fail_on: error", "fail_on: bogus"), encoding="utf-8")
    assert "fail_on: bogus" in (root / "raio.yaml").read_text(encoding="utf-8")
    result = run_check(root, "--no-git", today="2026-11-15")
    errors = sum(1 for f in result.findings if f.severity.name == "ERROR")
    warnings = sum(1 for f in result.findings if f.severity.name == "WARNING")
    data = _status(root, "--today", "2026-11-15", "--no-git")
    assert (data["totals"]["errors"], data["totals"]["warnings"]) == (errors, warnings)
    assert sum(a["errors"] for a in data["applications"]) == errors - 2
    assert {(f["file"], f["code"]) for f in data["portfolio_findings"]} == {
        ("applications/linked-out", "YML017"), ("raio.yaml", "SCH004")}
    table = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(root), "--today", "2026-11-15",
                            "--no-git"], capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    assert f"{errors} errors and {warnings} warnings" in table.stdout
    assert "Not in the table: 2 findings outside the applications' rows (applications/linked-out error YML017; raio.yaml:" in table.stdout


def test_piped_status_follows_the_columns_the_user_set(tmp_path):
    """Piped, the table was 150 columns wide whatever COLUMNS said (a pager or a CI log of 80
    columns wrapped every line). Without COLUMNS no line is broken by width: the table is as
    wide as its cells need, the sentence under it one line."""
    root = copy_example(tmp_path / "p")

    def widest(env):
        out = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(root), "--today", "2026-11-15",
                              "--no-git"], capture_output=True, text=True, timeout=120,
                             env={k: v for k, v in {**os.environ, **env}.items() if v is not None})
        assert out.returncode == 0, out.stderr
        return max(len(line) for line in out.stdout.splitlines())

    # the line under the table is wrapped at a word: its longest line ends within a word of the edge
    assert 70 < widest({"COLUMNS": "80"}) <= 80
    summary = "10 applications; 0 with pilotitis signals;"
    assert widest({"COLUMNS": None}) > 150  # the sentence under the table, whole:
    whole = subprocess.run([str(Path(sys.executable).parent / "raio"), "status", str(root), "--today", "2026-11-15",
                            "--no-git"], capture_output=True, text=True, timeout=120,
                           env={k: v for k, v in os.environ.items() if k != "COLUMNS"}).stdout.splitlines()
    assert any(line.startswith(summary) and line.endswith("History: not read.") for line in whole)
    assert max(len(line) for line in whole if "│" in line) == 118  # the example's cells, none folded


def test_the_summary_says_what_the_open_column_counts(demo_repo):
    """The open column counts the checklist items a dossier marks open or in progress (not the items
    not yet in compliance.yaml, which the report's matrix shows too): the line under the table says so."""
    wide, data = _table_at(demo_repo, 150)
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in wide.splitlines() if line.startswith("│")]
    total = sum(int(c[5]) for c in cells)
    assert total == data["totals"]["open_items"]
    assert f"; {total} checklist items marked open or in progress; " in " ".join(wide.split())


def test_stale_monitoring_shows_among_the_signals(demo_repo):
    """On 2027-06-01 the report's points for attention said "monitoring overdue" for the three
    applications in production (check: MON003/MON004), but the status table's signals column was
    empty for them: the RAIO's glance missed what the board's report put first. Now a signal
    says so, with the date the first result was due, and the line under the table counts them."""
    data = _status(demo_repo, "--today", "2027-06-01")
    rows = {a["id"]: a for a in data["applications"]}
    fracture = rows["fractuurdetectie-seh"]
    assert [m["code"] for m in fracture["monitoring"]] == ["MON003"]
    assert data["totals"]["monitoring"] == 3
    assert rows["longnodule-ct"]["monitoring"] == []  # not in production: no monitoring due
    wide, _ = _table_at(demo_repo, 200, "2027-06-01")
    row = next(line for line in wide.splitlines() if "fractuurdetectie-seh" in line)
    assert "monitoring overdue since 2026-11-30" in row
    mammo = next(line for line in wide.splitlines() if "mammografie-tweede-lezer" in line)
    assert mammo.count("monitoring overdue") == 1  # the plan and metric M4 late: one signal, the earliest date
    assert "; 3 with monitoring to catch up; " in " ".join(wide.split())
    # before anything is due: no signal
    assert all(not a["monitoring"] for a in _status(demo_repo, "--today", "2026-11-15")["applications"])


def test_a_gap_in_monitoring_and_a_new_version_show_among_the_signals(tmp_path):
    """A year after scale-up the RAIO caught up on monitoring but skipped four months (MON014),
    and the vendor's new version went live without a re-assessment (MON010): raio status showed
    only an error count for the application, no signal saying what was wrong."""
    import datetime as dt

    from conftest import make_portfolio

    from raio_cli import status

    files = {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production", "stage_since": "2026-04-20",
                        "version": "3.5"},  # switched on just before the first result: no gap before it
        "pilot": {"decision": {"choice": "scale-up", "date": "2025-12-15", "decided_by": "RvB"}},
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Sensitiviteit", "unit": "%", "direction": "increase", "alert_threshold": 90}]},
            "results": [{"date": "2026-05-01", "values": {"M1": 94}}, {"date": "2026-10-15", "values": {"M1": 95}}]},
    }
    files["application"]["reassessments"] = [{"date": "2026-02-01", "version": "3.4", "summary": "ok"}]
    root = make_portfolio(tmp_path / "p", {"mon-app": files})
    data = status.portfolio_status(root, dt.date(2026, 11, 1), use_git=False)
    [app] = data["applications"]
    assert sorted(m["code"] for m in app["monitoring"]) == ["MON010", "MON014"]
    # the gap as [metric (None: the plan's rhythm), before, after]; no second list of its end alone
    assert [list(g) for g in app["monitoring_gaps"]] == [[None, "2026-05-01", "2026-10-15"]]
    assert "monitoring_gaps_after" not in app
    wide, _ = _table_at(root, 200, "2026-11-01")
    row = " ".join(line for line in wide.splitlines() if "│" in line and ("mon-app" in line or "│ " in line))
    assert "4 monitoring results missing" in row and "new version not re-assessed" in row


def test_an_expired_checklist_item_of_an_application_in_use_shows_among_the_signals(tmp_path):
    """A DPIA marked done whose validity ended a month ago is an error of raio check (DAT009),
    but raio status showed only the error count for the application: the expired CE
    certificate had a signal, the expired DPIA none."""
    import datetime as dt

    from conftest import make_portfolio

    from raio_cli import status

    files = {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01"},
        "compliance": {"items": [
            {"id": "dpia", "status": "done", "owner": "FG", "date": "2023-10-01", "expires": "2026-10-01"},
            {"id": "security-review", "status": "done", "owner": "CISO", "date": "2025-01-01", "expires": "2027-01-01"}]},
    }
    root = make_portfolio(tmp_path / "p", {"prod-app": files})
    data = status.portfolio_status(root, dt.date(2026, 11, 1), use_git=False)
    [app] = data["applications"]
    assert [(e["code"], e["item"], e["expires"], e["days"]) for e in app["expired_items"]] == [
        ("DAT009", "dpia", "2026-10-01", 31)]
    wide, _ = _table_at(root, 200, "2026-11-01")
    row = next(line for line in wide.splitlines() if "prod-app" in line)
    assert "dpia expired 31 d ago" in row
    # a day before it expired: no signal
    wide, _ = _table_at(root, 200, "2026-10-01")
    assert "expired" not in next(line for line in wide.splitlines() if "prod-app" in line)


def test_an_mdd_certificate_item_within_the_art_120_transition_is_no_expired_item(tmp_path):
    """The ce-certificate item of an MDD certificate past its printed date, within the Art 120
    transition, is a DAT009 warning, not an expired item: no red "ce-certificate expired" signal
    beside the amber "valid until" one."""
    import datetime as dt

    from conftest import make_portfolio

    from raio_cli import status

    files = {"application": {"id": "mdd-app", "name": "Mdd", "stage": "production", "stage_since": "2024-01-01",
                             "regulatory": {"mdr_class": "IIa", "certificate": {
                                 "number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}},
             "compliance": {"items": [{"id": "ce-certificate", "status": "done", "evidence": "DMS-7",
                                       "date": "2025-01-01", "expires": "2026-05-01", "legal_basis": "MDD"}]}}
    root = make_portfolio(tmp_path / "p", {"mdd-app": files})
    data = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)
    [app] = data["applications"]
    assert app["expired_items"] == []
    wide, _ = _table_at(root, 200, "2026-11-15")
    row = " ".join(line for line in wide.splitlines() if "mdd-app" in line)
    assert "ce-certificate expired" not in row and "(MDR Art 120)" in row


def test_an_mdd_certificate_within_the_art_120_transition_is_no_expired_certificate(tmp_path):
    """A certificate under the former Directive (legal_basis: MDD) past its printed date stays
    valid under MDR Art 120 (raio check: a DAT007 warning); raio status said "CE expired", in red."""
    from conftest import make_portfolio

    from raio_cli.catalog import compliance_catalog

    until = compliance_catalog()["ce-certificate"]["mdd_transition"]["until"]["IIa"]
    files = {"application": {"id": "mdd-app", "name": "Mdd", "stage": "production",
                             "regulatory": {"mdr_class": "IIa", "certificate": {
                                 "number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}},
             "compliance": {"items": [{"id": "ce-certificate", "status": "done", "evidence": "DMS-7",
                                       "date": "2025-01-01", "legal_basis": "MDD"}]}}
    root = make_portfolio(tmp_path / "p", {"mdd-app": files})
    wide, _ = _table_at(root, 200, "2026-11-15")
    row = " ".join(line for line in wide.splitlines() if "mdd-app" in line)
    assert "CE expired" not in row and f"CE (MDD) valid until {until} (MDR Art 120)" in row


def _typo_portfolio(root):
    from conftest import make_portfolio

    def app(app_id, start, end):
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "pilot"},
                "pilot": {"plan": {"start": start, "end": end}}}
    return make_portfolio(root, {"month-typo": app("month-typo", "2026-09-07", "2026-13-01"),
                                 "year-typo": app("year-typo", "2026-09-07", "2026-03-05"),
                                 "start-typo": app("start-typo", "2026-02-30", "2027-03-05"),
                                 "in-order": app("in-order", "2026-09-07", "2027-03-05")})


def test_status_shows_a_typo_in_the_plan_dates_as_no_date_with_a_note(tmp_path):
    """A typo in plan.end (2026-13-01) gave a pilot_end of null, as for a plan without an end, a
    typo in plan.start (2026-02-30) was passed on as if it were the start, and an end before the
    start (2026-03-05 for 2027-03-05) was the pilot's end: a RAIO reading status took them for
    real. Now neither counts as a date, and a note says what is wrong."""
    import datetime as dt

    from raio_cli import status

    data = status.portfolio_status(_typo_portfolio(tmp_path / "p"), dt.date(2026, 11, 15), use_git=False)
    rows = {a["id"]: a for a in data["applications"]}
    month = rows["month-typo"]
    assert (month["pilot_start"], month["pilot_end"]) == ("2026-09-07", None)
    assert month["pilot_dates_problem"] == "plan.end '2026-13-01' is not a date"
    start = rows["start-typo"]
    assert (start["pilot_start"], start["pilot_end"]) == (None, "2027-03-05")
    assert start["pilot_dates_problem"] == "plan.start '2026-02-30' is not a date"
    year = rows["year-typo"]
    assert (year["pilot_start"], year["pilot_end"]) == ("2026-09-07", None)
    assert year["pilot_dates_problem"] == "plan.start 2026-09-07 is not before plan.end 2026-03-05"
    ok = rows["in-order"]
    assert (ok["pilot_start"], ok["pilot_end"], ok["pilot_dates_problem"]) == ("2026-09-07", "2027-03-05", None)
    import io

    from rich.console import Console

    buf = io.StringIO()
    status.print_status(tmp_path / "p", dt.date(2026, 11, 15), use_git=False,
                        console=Console(file=buf, width=250, highlight=False, color_system=None))
    lines = {line.split("│")[2].strip(): line for line in buf.getvalue().splitlines() if line.count("│") > 3}
    assert "plan.end '2026-13-01' is not a date" in lines["month-typo"]
    assert "plan.start 2026-09-07 is not before plan.end 2026-03-05" in lines["year-typo"]
    assert "not a date" not in lines["in-order"]


def _random_text(rng):
    from rich.text import Text

    words = ["a", "bb", "ccc", "signals", "CE", "expired", "ééé", "漢字", "x" * 30, "0/2", "—", "…", " ", "\t"]
    text = Text(style=rng.choice(["", "red", "green"]))
    for k in range(rng.randint(0, 6)):
        if k:
            text.append(rng.choice([" ", "; ", "  "]))
        text.append(rng.choice(words), style=rng.choice(["", "red", "yellow", "bold"]))
    if rng.random() < 0.1:
        text.append("\nline two")
    text.stylize(rng.choice(["", "green"]))
    return text


def test_status_draws_its_table_as_rich_would_in_colour_and_without():
    """print_table lays the status table's rows out itself (rich's table took 1.5 s for 1,000
    rows): for random cells (wide signs, words longer than their column, several lines, styles
    on the text and on its parts) and tables, what it prints is byte for byte what rich prints."""
    import io
    import random

    from rich import box
    from rich.console import Console
    from rich.table import Table

    from raio_cli.terminal import print_table

    fast = 0
    for seed in range(300):
        rng = random.Random(seed)
        count = rng.randint(1, 5)
        columns = [(f"h{i}" * rng.randint(1, 3), rng.randint(1, 20), rng.choice(["left", "right"]), rng.random() < 0.5,
                    rng.choice(["fold", "ellipsis", "crop"])) for i in range(count)]
        rows = [tuple(_random_text(rng) for _ in range(count)) for _ in range(rng.randint(1, 6))]
        shape = dict(box=rng.choice([box.HEAVY_HEAD, None, box.SIMPLE, box.ROUNDED, box.ASCII]),
                     show_edge=rng.random() < 0.8, pad_edge=rng.random() < 0.8,
                     border_style=rng.choice([None, "blue"]), header_style=rng.choice([None, "bold", "red"]))
        width, title = rng.randint(30, 160), rng.choice([None, "Title  (2026-11-30)"])
        for colour in (False, True):
            printed = []
            for ours in (False, True):
                console = Console(file=io.StringIO(), width=width, force_terminal=colour, highlight=False,
                                  color_system="truecolor" if colour else None)
                table = Table(title=title, title_justify="left", expand=False, **shape)
                for header, w, justify, no_wrap, overflow in columns:
                    table.add_column(header, width=w, justify=justify, no_wrap=no_wrap, overflow=overflow)
                if ours:
                    print_table(console, table, rows)
                    fast += not table.rows  # drawn here, not handed to rich
                else:
                    for row in rows:
                        table.add_row(*row)
                    console.print(table)
                printed.append(console.file.getvalue())
            assert printed[0] == printed[1], (seed, colour)
    assert fast > 300  # most tables fit their console: those are drawn here


def test_status_of_many_applications_in_colour_is_what_rich_drew(tmp_path, monkeypatch):
    """The whole status table, coloured, as rich's own table drew it (an application per stage,
    signals over several lines in a narrow console)."""
    import datetime as dt
    import io

    from rich.console import Console
    from rich.text import Text

    from raio_cli import demo, status, terminal

    root = tmp_path / "demo"
    demo.build(root, dt.date(2026, 11, 15))
    data = status.portfolio_status(root, dt.date(2026, 11, 30))
    for width in (70, 100, 150):
        printed = []
        for ours in (True, False):
            if not ours:  # rich's table, as status drew it before
                def by_rich(console, table, rows):
                    for row in rows:
                        table.add_row(*row)
                    console.print(table)
                monkeypatch.setattr(terminal, "print_table", by_rich)
            console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor", highlight=False)
            status.print_status(root, dt.date(2026, 11, 30), console=console, data=data)
            printed.append(console.file.getvalue())
        monkeypatch.undo()
        assert printed[0] == printed[1], width
        assert "\x1b[" in printed[0] and "┃ stage" in Text.from_ansi(printed[0]).plain


def _settled(items, *ids):
    for item in items:
        if item.get("id") in ids:
            item.update(status="done", evidence="DMS-2026-118", date="2026-11-01")
    return items


def test_an_extended_pilot_is_not_ready_for_evaluation_on_the_outcome_that_led_to_the_extension(tmp_path):
    """prostaat-mri-pirads was extended on 2026-08-03 to 2026-12-18, after an interim outcome of
    2026-07-17. With its checklist settled, raio status showed "evaluation: ready" on 2026-11-15:
    the outcome that led to the extension met the gate, while the extended pilot still runs. Now
    the extended pilot's outcome is what the next gate needs, and status says until when it runs."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app = "prostaat-mri-pirads"
    edit_yaml(root / "applications" / app / "compliance.yaml",
              lambda d: d.update(items=_settled(d["items"], "local-validation", "bias-analysis")))
    data = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)
    row = next(a for a in data["applications"] if a["id"] == app)
    assert row["next_stage"] == "evaluation"
    assert row["next_stage_needs"] == ["pilot.outcome.results of the extended pilot, which runs until 2026-12-18 "
                                       "(the outcome of 2026-07-17 came before the extension)"]
    buf = io.StringIO()
    status.print_status(root, dt.date(2026, 11, 15), console=Console(file=buf, width=200, highlight=False,
                                                                      color_system=None), data=data)
    line = next(line for line in buf.getvalue().splitlines() if app in line)
    assert "evaluation: 1 to do" in line and "ready" not in line
    # once the extended pilot has ended: still its outcome, and DAT002 says it is missing
    data = status.portfolio_status(root, dt.date(2027, 1, 5), use_git=False)
    row = next(a for a in data["applications"] if a["id"] == app)
    assert row["next_stage_needs"] == ["pilot.outcome.results of the extended pilot, which ended on 2026-12-18 "
                                       "(the outcome of 2026-07-17 came before the extension)"]
    assert [p["code"] for p in row["pilotitis"]] == ["DAT002"]
    # the extended pilot's own outcome meets the gate
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d["outcome"].update(date="2027-01-04"))
    data = status.portfolio_status(root, dt.date(2027, 1, 5), use_git=False)
    row = next(a for a in data["applications"] if a["id"] == app)
    assert row["next_stage_needs"] == [] and row["pilotitis"] == []


def _extended_row(root, today):
    import datetime as dt

    from raio_cli import status

    data = status.portfolio_status(root, dt.date.fromisoformat(today), use_git=False)
    return next(a for a in data["applications"] if a["id"] == "prostaat-mri-pirads")


def _without(data: dict, key: str) -> None:
    del data[key]


def _extended_example(tmp_path, change):
    """The example's prostaat-mri-pirads (extended on 2026-08-03 to 2026-12-18 after an interim
    outcome of 2026-07-17) with its checklist settled and ``change`` made to its pilot.yaml."""
    root = copy_example(tmp_path / "p")
    folder = root / "applications" / "prostaat-mri-pirads"
    edit_yaml(folder / "compliance.yaml", lambda d: d.update(items=_settled(d["items"], "local-validation", "bias-analysis")))
    edit_yaml(folder / "pilot.yaml", change)
    return root


def test_an_undated_outcome_after_an_extension_is_not_ready_for_evaluation(tmp_path):
    """outcome.date is optional: without it, the interim outcome of the extended prostaat pilot
    met the gate, and raio status showed "evaluation: ready" while the extended pilot runs. An
    outcome without a date cannot be shown to be the extended pilot's: the gate does not count
    it, DAT002 agrees once the extended pilot has ended, and dating it settles both."""
    root = _extended_example(tmp_path, lambda d: _without(d["outcome"], "date"))
    row = _extended_row(root, "2026-11-15")
    assert row["next_stage_needs"] == ["pilot.outcome.results of the extended pilot, which runs until 2026-12-18 "
                                       "(the outcome has no date to show it came after the extension)"]
    assert row["pilotitis"] == []
    row = _extended_row(root, "2027-01-05")
    assert [p["code"] for p in row["pilotitis"]] == ["DAT002"]
    assert "ended on 2026-12-18" in row["next_stage_needs"][0]
    edit_yaml(root / "applications" / "prostaat-mri-pirads" / "pilot.yaml", lambda d: d["outcome"].update(date="2027-01-04"))
    row = _extended_row(root, "2027-01-05")
    assert row["next_stage_needs"] == [] and row["pilotitis"] == []


def test_an_extension_recorded_only_under_extensions_is_not_ready_for_evaluation_on_the_earlier_outcome(tmp_path):
    """With the extension written under extensions and no extend decision (replaced, or never
    written), the outcome that led to the extension met the gate: "evaluation: ready" while the
    extended pilot runs, and DAT003 counted a decision as overdue from that outcome. The
    extension counts as an extend decision does: the extended pilot's outcome is what the gate
    needs, and the decision is due after its end."""
    root = _extended_example(tmp_path, lambda d: _without(d, "decision"))
    row = _extended_row(root, "2026-11-15")
    assert row["next_stage_needs"] == ["pilot.outcome.results of the extended pilot, which runs until 2026-12-18 "
                                       "(the outcome of 2026-07-17 came before the extension)"]
    assert row["pilotitis"] == []
    assert [p["code"] for p in _extended_row(root, "2027-01-05")["pilotitis"]] == ["DAT002"]
    assert [p["code"] for p in _extended_row(root, "2027-02-20")["pilotitis"]] == ["DAT003"]  # 2026-12-18 + 60 days

    # a scale-up recommended after the extension, on the outcome that led to it: still not the extended pilot's
    def scale_up(d):
        d["decision"] = {"choice": "scale-up", "date": "2026-11-10", "rationale": "Bemoedigend."}
    edit_yaml(root / "applications" / "prostaat-mri-pirads" / "pilot.yaml", scale_up)
    row = _extended_row(root, "2026-11-15")  # the gate the scale-up leads to, as --next-stage lists it
    assert row["next_stage"] == "production"
    assert ("pilot.outcome.results of the extended pilot, which runs until 2026-12-18 "
            "(the outcome of 2026-07-17 came before the extension)") in row["next_stage_needs"]


def test_an_application_in_evaluation_while_its_extension_runs_says_so(tmp_path):
    """longnodule-ct, in evaluation on its outcome of 2026-10-23, extended on 2026-11-02 to
    2026-12-18 with the extension written under extensions only: raio status showed no signal and
    no warning, as if the pilot were over. Now the row says the extended pilot runs, as DEC004
    does, until it has ended; then DAT002 is its signal."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d.update(extensions=[
        {"end": "2026-12-18", "reason": "Te weinig controle-CT's voor E3.", "date": "2026-11-02", "by": "AI-stuurgroep"}]))
    data = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)
    row = next(a for a in data["applications"] if a["id"] == app)
    assert row["stage"] == "evaluation" and row["extended_pilot_runs_until"] == "2026-12-18"
    assert row["warnings"] == 1 and row["pilotitis"] == []
    buf = io.StringIO()
    status.print_status(root, dt.date(2026, 11, 15), console=Console(file=buf, width=200, highlight=False,
                                                                      color_system=None), data=data)
    line = next(line for line in buf.getvalue().splitlines() if app in line)
    assert "extended pilot runs until 2026-12-18" in line, line
    # once it has ended: the missing outcome is the signal, not the stage
    row = next(a for a in status.portfolio_status(root, dt.date(2027, 1, 5), use_git=False)["applications"]
               if a["id"] == app)
    assert row["extended_pilot_runs_until"] is None and [p["code"] for p in row["pilotitis"]] == ["DAT002"]
    # the other applications of the example: no such signal
    assert [a["id"] for a in data["applications"] if a["extended_pilot_runs_until"]] == [app]


def test_a_portfolio_put_in_git_counts_days_in_stage_from_the_stage_since_written(tmp_path):
    """A hospital that puts the dossiers it kept so far in git: the commit that added
    application.yaml only says when the file came into git, not when the stage began. The days in
    stage then count from stage_since as written (a year and more for the fracture application,
    not the five days since the import); a stage changed in a later commit counts from that commit."""
    import datetime as dt

    from conftest import Git
    from raio_cli import status

    root = copy_example(tmp_path / "p")
    git = Git(root)
    git.commit("The dossiers we kept so far", "2026-11-10")
    rows = {a["id"]: a for a in status.portfolio_status(root, dt.date(2026, 11, 15))["applications"]}
    fracture = rows["fractuurdetectie-seh"]
    assert (fracture["stage_since"], fracture["stage_since_source"]) == ("2025-07-01", "stage_since")
    assert fracture["days_in_stage"] == (dt.date(2026, 11, 15) - dt.date(2025, 7, 1)).days

    edit_yaml(root / "applications" / "longnodule-ct" / "application.yaml",
              lambda d: d.update(stage="production", stage_since="2026-01-01"))
    git.commit("Scaled up", "2026-11-12")
    rows = {a["id"]: a for a in status.portfolio_status(root, dt.date(2026, 11, 15))["applications"]}
    assert (rows["longnodule-ct"]["stage_since"], rows["longnodule-ct"]["stage_since_source"]) == ("2026-11-12", "git")
    assert rows["fractuurdetectie-seh"]["stage_since"] == "2025-07-01"


def test_stage_since_filled_in_after_the_dossier_came_into_git_counts_days_in_stage(tmp_path):
    """A hospital adopting raio scaffolds an application in production for two years with
    'raio new-pilot --stage production --commit' (application.yaml without stage_since) and fills
    in stage_since in a later commit. raio status said 0 days in stage, forever, while raio check
    counted the missing monitoring results (MON014) from the stage_since written: the days count
    from stage_since too, as when it came in the first commit."""
    import datetime as dt

    from conftest import Git
    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app_yaml = root / "applications" / "fractuurdetectie-seh" / "application.yaml"
    edit_yaml(app_yaml, lambda d: d.pop("stage_since"))
    git = Git(root)
    git.commit("The dossiers we kept so far, scaffolded", "2026-11-10")
    edit_yaml(app_yaml, lambda d: d.update(stage_since="2025-07-01"))
    git.commit("Fill in when the application went into production", "2026-11-12")
    rows = {a["id"]: a for a in status.portfolio_status(root, dt.date(2026, 11, 15))["applications"]}
    fracture = rows["fractuurdetectie-seh"]
    assert (fracture["stage_since"], fracture["stage_since_source"]) == ("2025-07-01", "stage_since")
    assert fracture["days_in_stage"] == (dt.date(2026, 11, 15) - dt.date(2025, 7, 1)).days


def test_a_decision_the_stage_has_not_followed_is_a_signal(tmp_path):
    """longnodule-ct, in evaluation, with a decision recorded that the stage has not followed
    (DEC004): raio status showed no signal, only a count of one warning. An extend decision whose
    extended pilot still runs says until when, as an extension written only under extensions
    does; a scale-up says the stage lags it."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    pilot = root / "applications" / app / "pilot.yaml"

    def row_and_out(today):
        data = status.portfolio_status(root, today, use_git=False)
        buf = io.StringIO()
        status.print_status(root, today, console=Console(file=buf, width=220, highlight=False, color_system=None),
                            data=data)
        row = next(a for a in data["applications"] if a["id"] == app)
        return row, buf.getvalue()  # the whole table: each signal once

    edit_yaml(pilot, lambda d: d.update(
        decision={"choice": "extend", "date": "2026-11-02", "new_end": "2026-12-18",
                  "rationale": "Te weinig controle-CT's voor E3.", "decided_by": "AI-stuurgroep"},
        extensions=[{"end": "2026-12-18", "reason": "Te weinig controle-CT's voor E3.", "date": "2026-11-02",
                     "by": "AI-stuurgroep"}]))
    row, out = row_and_out(dt.date(2026, 11, 15))
    assert row["extended_pilot_runs_until"] == "2026-12-18" and row["stage_lags_decision"] == "extend"
    assert out.count("extended pilot runs until 2026-12-18") == 1 and "stage lags" not in out, out
    row, out = row_and_out(dt.date(2027, 1, 5))  # ended: the stage still lags the decision
    assert row["extended_pilot_runs_until"] is None
    assert out.count("stage lags decision 'extend'") == 1, out

    edit_yaml(pilot, lambda d: (d.pop("extensions"), d.update(decision={
        "choice": "scale-up", "date": "2026-11-10", "rationale": "Doelen gehaald.", "decided_by": "AI-stuurgroep"})))
    row, out = row_and_out(dt.date(2026, 11, 15))
    assert row["stage_lags_decision"] == "scale-up" and row["extended_pilot_runs_until"] is None
    assert out.count("stage lags decision 'scale-up'") == 1, out


def test_a_retirement_decided_while_in_production_is_a_signal(tmp_path):
    """stroke-lvo-triage, still in production, with its retirement decided for 1 December 2026:
    raio status showed nothing of it, before the switch-off nor after it (MON016 only counted as
    a warning)."""
    import datetime as dt
    import io

    from rich.console import Console

    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app = "stroke-lvo-triage"
    edit_yaml(root / "applications" / app / "application.yaml", lambda d: d.update(retirement={
        "date": "2026-12-01", "decided_on": "2026-11-05", "decided_by": "Raad van bestuur",
        "reason": "Vervangen door de PACS-module."}))

    def row_and_out(today):
        data = status.portfolio_status(root, today, use_git=False)
        buf = io.StringIO()
        status.print_status(root, today, console=Console(file=buf, width=240, highlight=False, color_system=None),
                            data=data)
        return next(a for a in data["applications"] if a["id"] == app), buf.getvalue()

    row, out = row_and_out(dt.date(2026, 11, 15))
    assert row["retirement_planned"] == "2026-12-01"
    assert out.count("to be retired on 2026-12-01") == 1, out
    row, out = row_and_out(dt.date(2026, 12, 10))
    assert out.count("switch-off on 2026-12-01 passed") == 1, out
    # the other applications of the example: none
    data = status.portfolio_status(root, dt.date(2026, 11, 15), use_git=False)
    assert [a["id"] for a in data["applications"] if a["retirement_planned"]] == [app]


def test_status_flags_an_evaluation_on_an_outcome_dated_before_the_extended_pilots_end(tmp_path):
    """longnodule-ct, in evaluation, extended on 2 November 2026 to 18 December 2026 (written
    under extensions only), with an outcome of 9 November: after the extension, before the
    extended pilot's end. raio status showed no signal, as if the pilot had ended early; it now
    says the extended pilot runs until 18 December, as raio check does (DEC004), and after that
    end that the pilot is past it without its outcome (DAT002)."""
    import datetime as dt

    from raio_cli import status

    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: (d["outcome"].update(date="2026-11-09"), d.update(
        extensions=[{"end": "2026-12-18", "reason": "Te weinig controle-CT's voor E3.", "date": "2026-11-02",
                     "by": "AI-stuurgroep"}])))

    def row(today):
        data = status.portfolio_status(root, today, use_git=False)
        return next(a for a in data["applications"] if a["id"] == app)

    now = row(dt.date(2026, 11, 15))
    assert now["extended_pilot_runs_until"] == "2026-12-18" and now["pilotitis"] == []
    later = row(dt.date(2027, 1, 5))
    assert later["extended_pilot_runs_until"] is None
    assert [(p["code"], p["variant"]) for p in later["pilotitis"]] == [("DAT002", "interim")]


@pytest.mark.parametrize("stage", ["pilot", "evaluation"])
@pytest.mark.parametrize("choice, gate", [("scale-up", "production"), ("stop", "stopped")])
def test_the_next_gate_after_a_recorded_decision_is_the_one_check_next_stage_lists(tmp_path, choice, gate, stage):
    """longnodule-ct in pilot or evaluation with a scale-up or stop recorded (DEC004): `raio check
    --next-stage` lists the gate of production or stopped, where the decision leads; raio
    status's next gate said evaluation from pilot and production after a stop, and what it
    still needs was another gate's."""
    import datetime as dt

    from raio_cli import check, status

    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    edit_yaml(root / "applications" / app / "application.yaml", lambda d: d.update(stage=stage))
    edit_yaml(root / "applications" / app / "pilot.yaml", lambda d: d.update(decision={
        "choice": choice, "date": "2026-11-10", "rationale": "Uitkomst bekeken.", "decided_by": "AI-stuurgroep"}))
    today = dt.date(2026, 11, 15)
    row = next(a for a in status.portfolio_status(root, today, use_git=False)["applications"] if a["id"] == app)
    assert row["next_stage"] == gate
    result = check.run(root, today=today, use_git=False, options={"next_stage": True})
    listed = [f.message for f in result.findings if f.code == "GAT010" and f.app == app]
    assert listed and all(m.startswith(f"next stage '{gate}'") for m in listed), listed


def test_an_item_with_an_invalid_status_counts_as_open_and_the_summary_says_so(tmp_path):
    """An item whose status was none of the four (bezig, raio check's SCH004) was in no count of
    raio status: the open column said 0 for an item not settled. It counts as open, as the gates
    count it, with its status as written, and the line under the table says how many such are
    among the open ones."""
    from conftest import make_portfolio

    root = make_portfolio(tmp_path / "p", {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned"},
        "compliance": {"items": [{"id": "dpia", "status": "bezig", "owner": "FG"},
                                 {"id": "security-review", "status": "open", "owner": "CISO"},
                                 {"id": "fria", "status": "done", "evidence": "DMS-1", "date": "2026-01-01"}]}}})
    wide, data = _table_at(root, 200)
    [app] = data["applications"]
    assert app["open_items"] == [{"id": "dpia", "owner": "FG", "status": "bezig"},
                                 {"id": "security-review", "owner": "CISO", "status": "open"}]
    assert "; 2 checklist items marked open or in progress or with no valid status (1); " in " ".join(wide.split())
