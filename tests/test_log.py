"""raio log APP: the audit trail from git, as a library (auditlog) and as a command."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import Git, edit_yaml, make_portfolio, write
from test_preregistration import APP, dossier, effects_file, replace

from raio_cli import auditlog

AMENDMENT = ("amendments:\n  - date: 2026-04-30\n    effect: E1\n    change: target 0.90 -> 0.85\n"
             "    reason: reference standard changed\n    by: AI steering group\n")
DECISION = ("decision:\n  choice: stop\n  date: 2026-10-01\n  decided_by: Raad van bestuur\n"
            "  rationale: E1 not met\n")


@pytest.fixture
def story(tmp_path) -> tuple[Path, dict]:
    """Registration, a pilot start, an amended change, an extension, a decision and a memo."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    replace(root / "applications" / APP / "application.yaml", "stage: pilot", "stage: planned")
    git = Git(root)
    commits = {"register": git.commit("Pre-register", "2026-02-01", author="A. Bakker <ab@hospital.example>")}
    replace(root / "applications" / APP / "application.yaml", "stage: planned", "stage: pilot")
    commits["start"] = git.commit("Start the pilot", "2026-03-01", author="A. Bakker <ab@hospital.example>")
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    path.write_text(path.read_text(encoding="utf-8") + AMENDMENT, encoding="utf-8")
    commits["amend"] = git.commit("Amend E1", "2026-05-02", author="J. de Vries <jdv@hospital.example>")
    pilot = root / "applications" / APP / "pilot.yaml"
    pilot.write_text(pilot.read_text(encoding="utf-8") + "extensions:\n  - end: 2026-10-01\n"
                     "    reason: too few cases\n    date: 2026-08-20\n    by: steering group\n", encoding="utf-8")
    commits["extend"] = git.commit("Extend", "2026-08-20")
    pilot.write_text(pilot.read_text(encoding="utf-8") + DECISION, encoding="utf-8")
    replace(root / "applications" / APP / "application.yaml", "stage: pilot", "stage: stopped")
    write(root / "applications" / APP / "memos" / "decision-2026-10.md", "# Decision\n")
    commits["decide"] = git.commit("Decide: stop", "2026-10-02", author="A. Bakker <ab@hospital.example>")
    return root, commits


def by_kind(events: list[dict], kind: str) -> list[dict]:
    return [e for e in events if e["kind"] == kind]


def test_audit_trail_tells_the_story_oldest_first(story):
    root, c = story
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert set(e["kind"] for e in events) <= set(auditlog.KINDS)

    registered = by_kind(events, "effect-registered")
    assert [(e["effect"], e["date"], e["commit"], e["author"]) for e in registered] == [
        ("E1", "2026-02-01", c["register"][:7], "A. Bakker"), ("G1", "2026-02-01", c["register"][:7], "A. Bakker")]
    assert "target 0.90 %" in registered[0]["description"]

    [change] = by_kind(events, "effect-changed")
    assert (change["date"], change["commit"], change["author"], change["effect"], change["field"],
            change["old"], change["new"]) == ("2026-05-02", c["amend"][:7], "J. de Vries", "E1", "target", 0.9, 0.85)
    assert change["description"] == "E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01)"

    [amendment] = by_kind(events, "amendment")
    assert (amendment["commit"], amendment["effect"]) == (c["amend"][:7], "E1")
    assert "dated 2026-04-30 by AI steering group" in amendment["description"]

    assert [(e["old"], e["new"], e["commit"]) for e in by_kind(events, "stage")] == [
        (None, "planned", c["register"][:7]), ("planned", "pilot", c["start"][:7]), ("pilot", "stopped", c["decide"][:7])]
    [extension] = by_kind(events, "extension")
    assert extension["commit"] == c["extend"][:7] and "extended to 2026-10-01" in extension["description"]
    [decision] = by_kind(events, "decision")
    assert (decision["date"], decision["commit"], decision["new"]) == ("2026-10-02", c["decide"][:7], "stop")
    assert "decision: stop (dated 2026-10-01, by Raad van bestuur)" == decision["description"]
    [memo] = by_kind(events, "memo")
    assert memo["description"] == "memo committed: memos/decision-2026-10.md" and memo["commit"] == c["decide"][:7]
    assert [e["description"] for e in by_kind(events, "plan")] == ["pilot start set to 2026-03-01",
                                                                   "pilot end set to 2026-09-01"]


def test_uncommitted_edits_come_last(story):
    root, _c = story
    replace(effects_file(root), "limit: 70", "limit: 75")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    last = events[-1]
    assert (last["commit"], last["date"], last["kind"], last["effect"]) == ("uncommitted", "2026-11-15", "effect-changed", "G1")


def test_unknown_application_suggests_close_ids(story):
    root, _c = story
    with pytest.raises(auditlog.UnknownApplication) as exc:
        auditlog.audit_trail(root, "fracture")
    assert exc.value.suggestions == [APP]


def run(capsys, *args) -> tuple[int, str, str]:
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def test_log_command_text(story, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    root, c = story
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert any("2026-02-01" in l and c["register"][:7] in l and "E1 registered" in l for l in lines)
    assert any("2026-05-02" in l and c["amend"][:7] in l and "J. de Vries" in l and "E1 target changed 0.90 → 0.85" in l
               for l in lines)
    assert any(c["amend"][:7] in l and "amendment for E1" in l for l in lines)
    assert any("2026-10-02" in l and c["decide"][:7] in l and "decision: stop" in l for l in lines)
    assert "claims, not proofs" in out


@pytest.mark.parametrize("columns", ["40", "60"])
def test_log_in_a_narrow_terminal_lists_each_event_with_its_words_whole(story, capsys, monkeypatch, columns):
    """At 40 columns the four columns of 'raio log' left each about six: words were folded in
    pieces ('Kuipe' over 'r', 'propo' over 'sed', '(stag' 'e_sin' 'ce'); at 60 the event was a
    column of 17 beside the author's name. Where the event would get too little room, each
    event is listed under its date, commit and author instead, its words whole."""
    import json

    monkeypatch.setenv("NO_COLOR", "1")
    root, c = story
    args = ("log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    code, shown, err = run(capsys, *args, "--format", "json")
    said = " ".join(out.split())
    for e in json.loads(shown):
        assert f"{e['date']} {e['commit']} {e['author']}" in said and " ".join(e["description"].split()) in said, e
    assert "claims, not proofs" in said


@pytest.mark.parametrize("odd_id", ["[E1]", "{id: E1}"])
def test_an_effect_id_that_is_no_text_in_a_commit_does_not_stop_the_log(story, capsys, odd_id):
    """A commit whose effects.yaml held an effect's id written as a list (`id: [E1]`, the kind
    of value the value fuzzer writes) made raio log stop with "internal error: TypeError:
    unhashable type: 'list'"; the trail up to and after that commit was lost to the user."""
    root, c = story
    replace(effects_file(root), "- id: E1", f"- id: {odd_id}")
    later = Git(root).commit("Typo in an id", "2026-10-05")
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15", "--format", "json")
    assert code == 0 and "internal error" not in err, err
    events = json.loads(out)
    assert c["register"][:7] in json.dumps(events) and later[:7] in json.dumps(events)


def test_log_command_json_parses(story, capsys):
    root, c = story
    code, out, _err = run(capsys, "log", APP, "-p", str(root), "--format", "json", "--today", "2026-11-15")
    assert code == 0
    events = json.loads(out)
    assert isinstance(events, list) and all({"date", "author", "commit", "kind", "description"} <= set(e) for e in events)
    assert any(e["kind"] == "decision" and e["commit"] == c["decide"][:7] for e in events)


def test_log_accepts_the_application_folder(story, capsys):
    root, _c = story
    code, out, _err = run(capsys, "log", str(root / "applications" / APP), "-f", "json")
    assert code == 0 and json.loads(out)


def test_log_unknown_application_is_one_line_exit_2(story, capsys):
    root, _c = story
    code, out, err = run(capsys, "log", "fractur-ai", "-p", str(root))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "did you mean: fracture-ai" in err


def test_log_without_a_repository(tmp_path, capsys):
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    code, _out, err = run(capsys, "log", APP, "-p", str(root))
    assert code == 2 and "no audit trail" in err and "not in a git repository" in err


def test_log_of_a_portfolio_in_a_folder_of_a_repository_without_its_commits(tmp_path, capsys):
    """raio log of a portfolio in a folder of its repository, nothing of it committed: the hint's
    `git add` named the portfolio's paths, which match nothing at the top of the repository, where
    git is run; its git runs in the portfolio's folder, named as the user named it (-p)."""
    import shlex

    repo = tmp_path / "repo"
    root = make_portfolio(repo / "pf", {APP: dossier()})
    git = Git(repo)
    code, _out, err = run(capsys, "log", APP, "-p", str(root))
    git_c = f"git -C {shlex.quote(str(root))}"
    assert code == 2 and f"{git_c} add raio.yaml applications && {git_c} commit" in err
    write(repo / "README.md", "other things\n")
    git.commit("Unrelated", "2026-01-01", paths=("README.md",))
    code, _out, err = run(capsys, "log", APP, "-p", str(root))
    assert code == 2 and f"{git_c} add applications && {git_c} commit" in err


def test_log_after_a_rename_by_either_name(story, capsys):
    root, c = story
    git = Git.__new__(Git)
    git.root = root
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    git.commit("Rename", "2026-10-05")
    for name in ("fracture-detection", APP):
        code, out, _err = run(capsys, "log", name, "-p", str(root), "-f", "json")
        events = json.loads(out)
        assert code == 0 and events[0]["commit"] == c["register"][:7]
        assert any(e["kind"] == "renamed" and e["date"] == "2026-10-05" for e in events)


def _committed_twice(root: Path, name: str) -> Path:
    """A pilot in applications/<name>, registered, then its E1 target changed in a second commit."""
    make_portfolio(root, {name: dossier()})
    git = Git(root)
    git.commit("Register", "2026-02-01")
    replace(effects_file(root, name), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-05-02")
    return root


def test_log_of_a_folder_with_a_carriage_return_in_its_name_shows_no_rename(tmp_path, capsys):
    """Found by the raio log fuzzer: git's -z output was decoded with universal newlines, so the
    committed folder applications/cr<CR>name read as cr<LF>name and its log ended with
    "application folder renamed from applications/cr\\x{0a}name", a rename that never happened."""
    name = "cr\rname"
    root = _committed_twice(tmp_path / "pf", name)
    code, out, err = run(capsys, "log", name, "-p", str(root), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err
    events = json.loads(out)
    assert not [e for e in events if e["kind"] == "renamed"]
    assert "uncommitted" not in [e["commit"] for e in events]
    assert (events[-1]["kind"], events[-1]["date"], events[-1]["description"]) == (
        "effect-changed", "2026-05-02", "E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01)")


def test_check_finds_nothing_of_the_history_in_a_carriage_return_of_a_folder_name(tmp_path):
    """raio check of the same history: the name is no valid application id (IDN findings), but the
    CR adds no other finding; it made GIT006 say the committed dossier was not committed."""
    from conftest import codes, run_check

    odd = run_check(_committed_twice(tmp_path / "odd", "cr\rname"), today="2026-11-15")
    plain = run_check(_committed_twice(tmp_path / "plain", "crname"), today="2026-11-15")
    assert any(c.startswith("IDN") for c in codes(odd))
    assert sorted(c for c in codes(odd) if not c.startswith("IDN")) == sorted(
        c for c in codes(plain) if not c.startswith("IDN"))


def _raio(*args: str):
    """raio as a user runs it: its own process, its output through a real stream."""
    import subprocess

    from conftest import raio_script

    return subprocess.run([raio_script(), *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, NO_COLOR="1", COLUMNS="200"))


#: A folder named in Latin-1 (an old zip, a Windows share): Python names it with a lone surrogate
LATIN_1 = os.fsdecode(b"caf\xe9-app")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_check_of_a_committed_folder_named_in_latin_1_finds_it_committed(tmp_path, fmt):
    """git named the committed folder applications/caf<E9>-app with U+FFFD where Python's file
    system keeps the byte: raio check said GIT006 "the folder was renamed from
    applications/caf\ufffd-app and the rename is not committed". The folder's name is still no
    valid application id (IDN006), and nothing else."""
    root = _committed_twice(tmp_path / "pf", LATIN_1)
    proc = _raio("check", str(root), "--today", "2026-11-15", "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stdout + proc.stderr
    if fmt == "json":
        found = {f["code"] for f in json.loads(proc.stdout)}
    elif fmt == "sarif":
        found = {r["ruleId"] for r in json.loads(proc.stdout)["runs"][0]["results"]}
    else:
        found = {line.split()[2] for line in proc.stdout.splitlines() if ": error " in line or ": warning " in line}
    assert "IDN006" in found and "GIT006" not in found
    assert "REG002" in found  # the history is read: the target changed after the pilot started


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_of_a_committed_folder_named_in_latin_1_lists_nothing_uncommitted(tmp_path, fmt):
    """raio log of the same folder listed its committed files as renamed, uncommitted."""
    root = _committed_twice(tmp_path / "pf", LATIN_1)
    proc = _raio("log", LATIN_1, "-p", str(root), "--today", "2026-11-15", "-f", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    if fmt == "json":
        events = json.loads(proc.stdout)
        assert "uncommitted" not in [e["commit"] for e in events]
        assert not [e for e in events if e["kind"] == "renamed"]
        assert events[-1]["description"] == "E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01)"
    else:
        assert "uncommitted" not in proc.stdout and "renamed" not in proc.stdout
        assert "E1 target changed 0.90 → 0.85" in proc.stdout and "caf\\u{dce9}-app" in proc.stdout


def test_report_names_an_uncommitted_file_of_a_folder_named_in_latin_1(tmp_path):
    """An edit in that folder, not committed: git names it with the byte kept, as the folder is
    named on disk, and the report's list of uncommitted changes writes the byte as U+FFFD (UTF-8
    text cannot hold it) instead of stopping with an internal error."""
    root = _committed_twice(tmp_path / "pf", LATIN_1)
    replace(effects_file(root, LATIN_1), "target: 0.85", "target: 0.80")
    proc = _raio("report", str(root), "--today", "2026-11-15", "-f", "md", "-o", str(tmp_path / "report.md"))
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "uncommitted changes (git) in: applications/caf\ufffd-app/effects.yaml" in text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_report_of_a_folder_named_in_latin_1_without_a_name_is_written(tmp_path, fmt):
    """An application.yaml without a name: the report names the application by its folder, and
    stopped with an internal error ("surrogates not allowed") where the memo of the same folder
    is written; its charts dropped the byte and named another folder, caf-app. Both write it as
    U+FFFD, as the memo does; raio status names it as raio log does, on one line."""
    root = _committed_twice(tmp_path / "pf", LATIN_1)
    replace(root / "applications" / LATIN_1 / "application.yaml", "name: Fracture detection\n", "")
    Git(root).commit("No name", "2026-05-03")
    out = tmp_path / f"report.{fmt}"
    proc = _raio("report", str(root), "--today", "2026-11-15", "-f", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and out.stat().st_size > 0
    if fmt != "pdf":
        text = out.read_text(encoding="utf-8")
        assert "caf\ufffd-app" in text and "caf-app" not in text
    if fmt == "html":
        assert "<title>caf\ufffd-app (caf\ufffd-app): 1 Mar 2026 – 1 Sep 2026</title>" in text
    status = _raio("status", str(root), "--today", "2026-11-15")
    assert status.returncode == 0 and "caf\\u{dce9}-app" in status.stdout, status.stdout + status.stderr


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_memo_of_a_folder_named_in_latin_1_is_written(tmp_path, fmt):
    """raio memo of that folder stopped with an internal error ("surrogates not allowed"): the
    folder's name (in the check's findings the memo lists, and its uncommitted files) went into a
    document that UTF-8 cannot hold it in. The memo writes the byte as U+FFFD, a DRAFT that lists
    IDN006."""
    root = _committed_twice(tmp_path / "pf", LATIN_1)
    replace(effects_file(root, LATIN_1), "target: 0.85", "target: 0.80")
    out = tmp_path / f"memo.{fmt}"
    proc = _raio("memo", LATIN_1, "-p", str(root), "--today", "2026-11-15", "-f", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and out.stat().st_size > 0
    if fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "IDN006" in text and "caf\ufffd-app" in text and "DRAFT" in text


MONITORING = ("plan:\n  frequency: monthly\n  owner: RAIO\n  metrics:\n    - id: M1\n      description: Recalls\n"
              "      unit: per 1000\n      direction: decrease\n      alert_threshold: 5\n"
              "results:\n  - date: 2026-09-30\n    values: {M1: 2.4}\n  - date: 2026-10-31\n    values: {M1: 3.1}\n"
              "incidents: []\n")


def test_log_says_which_monitoring_results_and_incidents_a_change_adds(tmp_path, capsys):
    """raio monitor APP result and incident write monitoring.yaml: raio log listed the
    uncommitted edit only as "monitoring.yaml updated", and the commit that added the file's
    results as "monitoring.yaml added". It now says which result (its date and values) or
    incident (its date and severity) each adds, committed or not, and what update-incident
    completed."""
    root = _committed_twice(tmp_path / "pf", APP)
    write(root / "applications" / APP / "monitoring.yaml", MONITORING)
    Git(root).commit("Monitoring", "2026-11-01")
    for args in (["result", "--date", "2026-11-14", "--value", "M1=2.1", "--by", "dr. X"],
                 ["incident", "--date", "2026-11-10", "--severity", "minor", "--description", "No AI result for 3 studies"],
                 ["update-incident", "--date", "2026-11-10", "--reported-vendor", "2026-11-11"]):
        code, _out, err = run(capsys, "monitor", APP, *args, "-p", str(root), "--today", "2026-11-15")
        assert code == 0, err
    code, out, err = run(capsys, "log", APP, "-p", str(root), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err
    told = [(e["commit"] == "uncommitted", e["kind"], e["description"]) for e in json.loads(out)
            if e["date"] >= "2026-11-01"]
    assert told == [
        (False, "file", "monitoring.yaml added"),
        (False, "result", "2 results added, 2026-09-30 to 2026-10-31"),
        (True, "result", "result of 2026-11-14 added: M1 2.1"),
        (True, "incident", "incident of 2026-11-10 added (minor)"),
    ]
    Git(root).commit("Monitoring: November", "2026-11-15")
    run(capsys, "monitor", APP, "update-incident", "--date", "2026-11-10", "--reported-manufacturer", "2026-11-15",
        "-p", str(root), "--today", "2026-11-15")
    code, out, err = run(capsys, "log", APP, "-p", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "incident of 2026-11-10 changed: reported_to.manufacturer added" in out
    assert "monitoring.yaml updated" not in out


@pytest.mark.parametrize("to", ["radiology/portfolio", "radiology"])
def test_log_says_where_the_history_continues_when_the_portfolio_moved_in_its_repository(story, capsys, to):
    """The portfolio moved (git mv) into a subfolder of its repository: raio log listed the events
    from before the move and said nothing of it, while git log of the application's folder starts
    at the move. The trail says where the application's history before the move is in git."""
    root, c = story
    git = Git.__new__(Git)
    git.root = root
    (root / to).mkdir(parents=True)
    git.run("mv", "raio.yaml", "applications", to)
    moved = git.commit("Move the AI portfolio under radiology", "2026-10-20", author="I. T. Beheer <it@hospital.example>")
    code, out, err = run(capsys, "log", APP, "-p", str(root / to), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err
    events = json.loads(out)
    assert events[0]["commit"] == c["register"][:7]
    moves = [e for e in events if e["commit_full"] == moved]
    assert [(e["kind"], e["date"], e["author"], e["description"]) for e in moves] == [
        ("renamed", "2026-10-20", "I. T. Beheer",
         f"portfolio moved within its repository, from its top to {to}/: before this commit, the history of "
         f"{to}/applications/{APP} is that of applications/{APP}")]
    assert moves[0] is events[-1]
    assert set(e["kind"] for e in events) <= set(auditlog.KINDS)


def test_log_bad_format(story, capsys):
    root, _c = story
    code, _out, err = run(capsys, "log", APP, "-p", str(root), "-f", "xml")
    assert code == 2 and "unknown format" in err


def test_log_on_a_shallow_clone_warns_and_marks_the_cut(story, capsys, tmp_path):
    import subprocess

    root, c = story
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True, capture_output=True)
    code, out, err = run(capsys, "log", APP, "-p", str(clone), "-f", "json")
    events = json.loads(out)
    assert code == 0 and "shallow clone" in err and f"run: git -C {clone} fetch --unshallow" in err
    assert {e["commit"] for e in events} == {c["decide"][:7]}
    assert all("history before this commit was not fetched" in e["description"] for e in events)


def test_log_masks_patient_numbers_and_terminal_escapes(story, capsys):
    root, _c = story
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8") + "  - date: 2026-10-10\n    effect: G1\n    change: none\n"
                    "    reason: \"case 111222333 reviewed \\e[31m\"\n    by: RAIO\n", encoding="utf-8")
    git = Git.__new__(Git)
    git.root = root
    git.commit("Reason", "2026-10-10")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    text = json.dumps(events, ensure_ascii=False)
    assert "111222333" not in text and "*******33" in text and "\x1b" not in text


def test_the_table_prints_names_and_texts_as_written_not_as_console_markup(capsys, monkeypatch):
    from raio_cli.commands.log import _print_table

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    _print_table("[red]odd", [{"date": "2026-11-15", "commit": "abc1234", "author": "[b]A. Author",
                                "description": "E1 registered [i]"}])
    out = capsys.readouterr().out
    assert "Audit trail of [red]odd" in out and "[b]A. Author" in out and "E1 registered [i]" in out


def _same_trail_from_one_applications_read(root: Path, today: dt.date) -> list[str]:
    from raio_cli import history

    whole = history.read(root, today)
    ids = auditlog.known_ids(root, whole)
    for app_id in ids:
        one = history.read(root, today, only=[app_id])
        assert set(one.apps) <= set(whole.apps)
        assert (one.state, one.commits) == (whole.state, whole.commits)
        assert auditlog.audit_trail(root, app_id, today=today, history=one) == \
            auditlog.audit_trail(root, app_id, today=today, history=whole), app_id
        found = one.find(app_id)
        if found is not None:
            assert found.former_ids == whole.find(app_id).former_ids
            assert {n: [v.blob for v in vs] for n, vs in found.files.items()} == \
                {n: [v.blob for v in vs] for n, vs in whole.find(app_id).files.items()}
    return ids


def test_one_applications_history_is_what_the_whole_read_gives_it(story):
    """raio log reads only the application asked for (and the folders it was renamed from or
    to): the same trail, by any of its names, as from the whole portfolio's history."""
    root, _c = story
    git = Git.__new__(Git)
    git.root = root
    write(root / "applications" / "other-app" / "application.yaml", "id: other-app\nname: Other\nstage: proposed\n")
    git.commit("Another application", "2026-10-03")
    git.run("mv", f"applications/{APP}", "applications/interim-name")
    git.commit("Rename", "2026-10-05")
    git.run("mv", "applications/interim-name", "applications/fracture-detection")
    replace(root / "applications" / "other-app" / "application.yaml", "name: Other", "name: Other one")
    git.commit("Rename again, and edit the other", "2026-10-06")
    replace(root / "applications" / "fracture-detection" / "application.yaml", "stage: stopped", "stage: retired")
    replace(root / "applications" / "other-app" / "application.yaml", "stage: proposed", "stage: planned")
    ids = _same_trail_from_one_applications_read(root, dt.date(2026, 11, 15))
    assert {APP, "interim-name", "fracture-detection", "other-app"} <= set(ids)


def test_one_applications_history_in_the_demo(tmp_path):
    from raio_cli import demo

    root = tmp_path / "demo"
    demo.build(root, dt.date(2026, 11, 15))
    assert len(_same_trail_from_one_applications_read(root, dt.date(2026, 11, 15))) >= 10


def test_a_typo_of_a_former_name_is_suggested_from_the_whole_history(story):
    """raio log reads one application's history; an id it does not know gets the whole history
    read, so that former folder names are among the suggestions."""
    root, _c = story
    git = Git.__new__(Git)
    git.root = root
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    git.commit("Rename", "2026-10-05")
    with pytest.raises(auditlog.UnknownApplication) as exc:
        auditlog.audit_trail(root, APP[:-1], today=dt.date(2026, 11, 15))
    assert APP in exc.value.suggestions


def test_a_new_application_not_yet_committed_has_its_files_added(story):
    """A dossier written but not committed read "pilot.yaml edited (no change to what raio
    tracks)" for files that are new."""
    root, _c = story
    make_portfolio(root, {"new-app": {**dossier(app_id="new-app"), "effects": "effects: []\n",
                                      "pilot": "plan:\n  design: before-after\n"}})  # as new-pilot leaves them
    events = auditlog.audit_trail(root, "new-app", today=dt.date(2026, 11, 15))
    files = {e["description"] for e in by_kind(events, "file")}
    assert {"effects.yaml added", "pilot.yaml added"} <= files and not any("edited" in text for text in files)
    assert all(e["commit"] == "uncommitted" for e in events)


def test_every_dossier_file_not_yet_in_git_is_listed_as_added(story):
    """The history reads application, effects and pilot from the working tree (all raio check
    needs), so raio log of a new application listed those and left out its problem.yaml and
    compliance.yaml; every dossier file git does not have is now listed, as added, uncommitted,
    while the history that raio check reads still looks at those three files only."""
    from raio_cli import history

    root, _c = story
    today = dt.date(2026, 11, 15)
    new = root / "applications" / "new-app"
    make_portfolio(root, {"new-app": {**dossier(app_id="new-app"), "effects": "effects: []\n",
                                      "pilot": "plan:\n  design: before-after\n",
                                      "problem": "statement: x\n", "compliance": "items: []\n"}})
    events = auditlog.audit_trail(root, "new-app", today=today)
    files = [e["description"] for e in by_kind(events, "file")]
    assert files == ["effects.yaml added", "pilot.yaml added", "problem.yaml added", "compliance.yaml added"]
    assert all((e["commit"], e["date"], e["author"]) == ("uncommitted", "2026-11-15", "(uncommitted)") for e in events)

    Git(root).commit("Add new-app's application and problem", "2026-11-01",
                     paths=[new / "application.yaml", new / "problem.yaml"])
    write(new / "monitoring.yml", "results: []\n")  # .yml too
    events = auditlog.audit_trail(root, "new-app", today=today)
    uncommitted = [e["description"] for e in events if e["commit"] == "uncommitted"]
    assert uncommitted == ["effects.yaml added", "pilot.yaml added", "compliance.yaml added", "monitoring.yml added"]
    [problem] = [e for e in events if e["description"] == "problem.yaml added"]  # once: committed, as git says
    assert problem["commit"] != "uncommitted" and problem["date"] == "2026-11-01"

    only = root / "applications" / "only-a-problem"  # no file the history reads
    write(only / "problem.yaml", "statement: x\n")
    assert [e["description"] for e in auditlog.audit_trail(root, "only-a-problem", today=today)] == ["problem.yaml added"]

    read = history.read(root, today)  # what raio check reads: unchanged
    assert read.app("new-app").versions("compliance") == [] and read.app("only-a-problem") is None


def test_uncommitted_edits_and_deletions_of_every_dossier_file_are_listed(story):
    """raio log showed an uncommitted edit or deletion of application, effects and pilot only:
    problem.yaml edited or compliance.yaml deleted, and not yet committed, went unmentioned."""
    root, _c = story
    today = dt.date(2026, 11, 15)
    folder = root / "applications" / APP
    write(folder / "problem.yaml", "statement: Fractures are missed at night\n")
    write(folder / "compliance.yaml", "items: []\n")
    Git(root).commit("Problem and compliance", "2026-10-05")
    before = [e["description"] for e in auditlog.audit_trail(root, APP, today=today)]
    assert "problem.yaml added" in before and all(e["commit"] != "uncommitted"
                                                  for e in auditlog.audit_trail(root, APP, today=today))
    write(folder / "problem.yaml", "statement: Fractures are missed at night and at weekends\n")
    (folder / "compliance.yaml").unlink()
    events = auditlog.audit_trail(root, APP, today=today)
    uncommitted = [e["description"] for e in events if e["commit"] == "uncommitted"]
    assert uncommitted == ["problem.yaml updated", "compliance.yaml deleted"]
    assert [e["description"] for e in events if e["commit"] != "uncommitted"] == before

    Git(root).commit("Edit and delete", "2026-11-10")
    events = auditlog.audit_trail(root, APP, today=today)
    assert [e for e in events if e["commit"] == "uncommitted"] == []
    assert {"problem.yaml updated", "compliance.yaml deleted"} <= {e["description"] for e in events
                                                                   if e["date"] == "2026-11-10"}


def test_uncommitted_memos_are_listed(story, capsys, monkeypatch):
    """raio log listed uncommitted dossier files but not the memos folder: a signed memo written
    into memos/, or a committed memo edited or deleted, went unmentioned until committed. They are
    listed among the uncommitted edits, as git sees them (a file .gitignore hides is not), while
    the history that raio check reads still has committed memos only."""
    from raio_cli import history

    root, _c = story
    today = dt.date(2026, 11, 15)
    memos = root / "applications" / APP / "memos"
    write(memos / "proposal-2026-01.md", "# Proposal\n")
    Git(root).commit("The proposal memo", "2026-10-03")
    before = [e for e in auditlog.audit_trail(root, APP, today=today)]
    assert all(e["commit"] != "uncommitted" for e in before)

    (memos / "2026-11-15-decision.pdf").write_bytes(b"%PDF-1.7 signed\n")  # new, not yet in git
    write(memos / "signed" / "board-2026-11.md", "# Signed by the board\n")  # new, in a folder of its own
    write(memos / "staged.md", "# Staged\n")
    Git(root).run("add", "--", str(memos / "staged.md"))  # new, staged only
    write(memos / "decision-2026-10.md", "# Decision, corrected\n")  # committed, edited
    (memos / "proposal-2026-01.md").unlink()  # committed, deleted
    write(root / ".gitignore", "*.tmp\n")
    write(memos / "~lock.tmp", "editor lock\n")  # hidden by .gitignore: git does not see it

    events = auditlog.audit_trail(root, APP, today=today)
    uncommitted = [(e["kind"], e["description"]) for e in events if e["commit"] == "uncommitted"]
    assert uncommitted == [("memo", "memo added: memos/2026-11-15-decision.pdf"),
                           ("memo", "memo updated: memos/decision-2026-10.md"),
                           ("memo", "memo deleted: memos/proposal-2026-01.md"),
                           ("memo", "memo added: memos/signed/board-2026-11.md"),
                           ("memo", "memo added: memos/staged.md")]
    assert all((e["date"], e["author"]) == ("2026-11-15", "(uncommitted)") for e in events if e["commit"] == "uncommitted")
    assert [e for e in events if e["commit"] != "uncommitted"] == before

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0 and "memo added: memos/2026-11-15-decision.pdf" in out and "~lock.tmp" not in out

    read = history.read(root, today)  # what raio check reads: committed memos only
    assert all(not v.uncommitted for v in read.app(APP).memos)

    Git(root).commit("Memos", "2026-11-14")
    events = auditlog.audit_trail(root, APP, today=today)
    assert [e for e in events if e["commit"] == "uncommitted"] == []
    assert {"memo committed: memos/2026-11-15-decision.pdf", "memo removed: memos/proposal-2026-01.md",
            "memo updated: memos/decision-2026-10.md"} <= {e["description"] for e in events if e["date"] == "2026-11-14"}


def test_a_file_removed_from_git_but_still_on_disk_is_not_an_update(story, capsys, monkeypatch):
    """A memo or dossier file taken out of git with `git rm --cached` (still on disk, untracked)
    read "memo updated" or "problem.yaml updated" (or nothing at all for pilot.yaml): it is
    listed as removed from git, still on disk, until committed, when the history says removed."""
    root, _c = story
    today = dt.date(2026, 11, 15)
    folder = root / "applications" / APP
    write(folder / "memos" / "proposal-2026-01.md", "# Proposal\n")
    write(folder / "memos" / "draft.tmp", "# A draft, committed before .gitignore hid it\n")
    write(folder / "problem.yaml", "statement: Fractures are missed at night\n")
    git = Git(root)
    git.commit("Proposal and problem", "2026-10-05")
    before = auditlog.audit_trail(root, APP, today=today)
    write(root / ".gitignore", "*.tmp\n")
    git.run("add", "--", ".gitignore")
    git.run("commit", "-q", "-m", "Ignore editor files", date="2026-10-06")
    for name in ("memos/proposal-2026-01.md", "memos/draft.tmp", "memos/decision-2026-10.md", "problem.yaml",
                 "pilot.yaml"):
        git.run("rm", "-q", "--cached", "--", f"applications/{APP}/{name}")
    (folder / "memos" / "decision-2026-10.md").unlink()  # let go of and gone: deleted
    write(folder / "problem.yaml", "statement: Fractures are missed at night and at weekends\n")

    events = auditlog.audit_trail(root, APP, today=today)
    uncommitted = [(e["kind"], e["description"]) for e in events if e["commit"] == "uncommitted"]
    assert uncommitted == [("file", "problem.yaml removed from git (still on disk)"),
                           ("file", "pilot.yaml removed from git (still on disk)"),
                           ("memo", "memo deleted: memos/decision-2026-10.md"),
                           ("memo", "memo removed from git (still on disk): memos/draft.tmp"),
                           ("memo", "memo removed from git (still on disk): memos/proposal-2026-01.md")]
    assert not any("updated" in text or "added" in text for _kind, text in uncommitted)
    assert [e for e in events if e["commit"] != "uncommitted"] == before

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0 and "memo removed from git (still on disk): memos/proposal-2026-01.md" in out

    git.run("commit", "-q", "-m", "Stop tracking them", date="2026-11-10")
    events = auditlog.audit_trail(root, APP, today=today)
    assert sorted(e["description"] for e in events if e["commit"] == "uncommitted") == [
        "memo added: memos/proposal-2026-01.md", "pilot.yaml added", "problem.yaml added"]  # untracked, as git says
    assert {"memo removed: memos/proposal-2026-01.md", "problem.yaml deleted"} <= {
        e["description"] for e in events if e["date"] == "2026-11-10"}


def test_a_commit_dated_earlier_than_it_was_committed_shows_both_dates(tmp_path, capsys):
    """git commit --date (or a rebase, an amend) sets a date other than when the commit was made:
    the trail showed only the author date, so effects written after the start looked registered
    before it. The committer date is shown beside it when it falls on another day."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    full = git.commit("Pre-register (backdated)", "2026-02-01", committed="2026-06-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    [e1, _g1] = by_kind(events, "effect-registered")
    assert (e1["date"], e1["committed"], e1["commit"]) == ("2026-02-01", "2026-06-01", full[:7])
    assert e1["description"].endswith(" [committed on 2026-06-01]")
    code, out, _err = run(capsys, "log", APP, "-p", str(root))
    assert code == 0 and "committed on 2026-06-01" in out and "a rebase" in out

    other = make_portfolio(tmp_path / "other", {APP: dossier()})
    Git(other).commit("Pre-register", "2026-02-01T09:00:00+00:00", committed="2026-02-01T17:00:00+00:00")
    events = auditlog.audit_trail(other, APP, today=dt.date(2026, 11, 15))
    assert all("committed on" not in e["description"] and e["committed"] == "2026-02-01" for e in events)
    code, out, _err = run(capsys, "log", APP, "-p", str(other))
    assert code == 0 and "a rebase" not in out


def test_a_change_backdated_behind_a_commit_after_the_start_is_shown_as_after_it(tmp_path):
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    path = effects_file(root)
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    later = git.commit("Comment the effects", "2026-06-01")
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Adjust E1", "@1 +0000")  # 1970-01-01
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    [change] = by_kind(events, "effect-changed")
    assert change["date"] == "1970-01-01"
    assert change["description"] == ("E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01: dated "
                                     f"before it, but it comes after {later[:7]} of 2026-06-01 in the history)")


def test_a_shallow_clone_does_not_say_the_effects_were_registered_after_the_start(story, tmp_path):
    """At the commit where a shallow clone was cut every effect seems added: the trail said it was
    registered "after the pilot started", which the clone cannot know."""
    import subprocess

    root, _c = story
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True, capture_output=True)
    events = auditlog.audit_trail(clone, APP, today=dt.date(2026, 11, 15))
    registered = by_kind(events, "effect-registered")
    assert [e["effect"] for e in registered] == ["E1", "G1"]
    assert all("after the pilot started" not in e["description"] for e in registered)


def test_an_effect_put_back_is_not_listed_as_registered_again(tmp_path):
    """effects.yaml deleted after the start and written again: the trail read "E1 registered ...
    (after the pilot started)" as if the effects had been pre-registered late."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    git.commit("Remove the effects", "2026-04-01")
    path.write_text(text, encoding="utf-8")
    git.commit("Put them back", "2026-05-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"], e["description"].split(":")[0]) for e in by_kind(events, "effect-registered")] == [
        ("E1", "2026-02-01", "E1 registered"), ("G1", "2026-02-01", "G1 registered"),
        ("E1", "2026-05-01", "E1 added again"), ("G1", "2026-05-01", "G1 added again")]


def test_a_branch_change_merged_after_the_start_is_shown_as_after_it(tmp_path, capsys, monkeypatch):
    """A target lowered on a branch in a commit dated before the start and merged after it: the
    trail listed the change at its own date, as one of before the start. It is shown as after the
    start, with the merge that took it in; so is a version of the main line dated before the start
    that came after that merge."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    path = effects_file(root)
    git.run("checkout", "-q", "-b", "side")
    replace(path, "target: 0.90", "target: 0.85")
    side = git.commit("Lower the target", "2026-02-20")
    git.run("checkout", "-q", "main")
    git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-04-01")
    merged = git.run("rev-parse", "HEAD").strip()
    replace(path, "limit: 70", "limit: 65")
    git.commit("Tighten G1", "2026-02-25")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    [lowered, tightened] = by_kind(events, "effect-changed")
    assert (lowered["date"], lowered["commit"], lowered["merge"], lowered["merged"]) == (
        "2026-02-20", side[:7], merged[:7], "2026-04-01")
    assert lowered["description"] == ("E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01) "
                                      f"[on a branch, merged by {merged[:7]} on 2026-04-01]")
    assert tightened["description"] == ("G1 limit changed 70 → 65 (after the pilot started on 2026-03-01: dated "
                                        f"before it, but it comes after the merge {merged[:7]} of 2026-04-01 in the "
                                        "history)")
    assert "merge" not in by_kind(events, "effect-registered")[0]
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _err = run(capsys, "log", APP, "-p", str(root), "--today", "2026-11-15")
    assert code == 0 and f"[on a branch, merged by {merged[:7]} on 2026-04-01]" in out
    assert "'on a branch, merged by' names the merge that took a branch's commit into the main line" in out


def test_the_stop_after_scale_up_is_in_the_audit_trail(tmp_path, capsys, monkeypatch):
    """raio log listed the scale-up decision with its date and who decided it, but of the stop
    after scale-up only 'stage: production → retired': not when it was switched off, who decided
    the stop, when, or why, which application.yaml's retirement records."""
    app = "neuro-vol"
    application = {"id": app, "name": "Neuro", "stage": "production", "stage_since": "2025-01-01"}
    root = make_portfolio(tmp_path / "pf", {app: {
        "application": application,
        "pilot": {"decision": {"choice": "scale-up", "date": "2024-12-10", "decided_by": "Raad van bestuur"}}}})
    git = Git(root)
    git.commit("Scale up", "2024-12-11")
    path = root / "applications" / app / "application.yaml"
    edit_yaml(path, lambda d: d.update(retirement={"date": "2026-06-30", "reason": "vendor ends the product"}))
    git.commit("Propose to stop", "2026-03-02")
    edit_yaml(path, lambda d: d.update(stage="retired", stage_since="2026-06-30", retirement={
        "date": "2026-06-30", "decided_on": "2026-04-14", "decided_by": "Raad van bestuur, op advies van de AI-stuurgroep",
        "reason": "vendor ends the product"}))
    stop = git.commit("Retire", "2026-07-01")
    events = auditlog.audit_trail(root, app, today=dt.date(2026, 11, 15))
    assert set(e["kind"] for e in events) <= set(auditlog.KINDS)
    assert [(e["date"], e["description"]) for e in by_kind(events, "retirement")] == [
        ("2026-03-02", "stop planned: switch-off on 2026-06-30: vendor ends the product"),
        ("2026-07-01", "stop: switched off on 2026-06-30 (decided on 2026-04-14, by Raad van bestuur, op advies van "
                       "de AI-stuurgroep): vendor ends the product")]
    [retired] = [e for e in by_kind(events, "retirement") if e["commit"] == stop[:7]]
    assert (retired["field"], retired["new"]) == ("retirement.date", "2026-06-30")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = run(capsys, "log", app, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert any("2026-07-01" in line and "stop: switched off on 2026-06-30 (decided on 2026-04-14, by Raad van bestuur"
               in line for line in out.splitlines())


def test_a_result_corrected_after_the_outcome_was_recorded_is_in_the_audit_trail(story, capsys, monkeypatch):
    """An outcome's result rewritten after it was recorded (its observed value, or its interval
    given as a 2x2 table instead) was listed as 'pilot.yaml edited (no change to what raio
    tracks)': the trail kept the outcome's date and number of results only. It now says which
    result changed, from what to what, and which were added or removed."""
    root, _c = story
    pilot = root / "applications" / APP / "pilot.yaml"
    git = Git(root)
    pilot.write_text(pilot.read_text(encoding="utf-8") + "outcome:\n  date: 2026-10-01\n  results:\n"
                     "    - effect: E1\n      observed: 0.8\n      n: 120\n      interval: [0.72, 0.86]\n"
                     "    - effect: G1\n      missing_reason: not measured\n", encoding="utf-8")
    git.commit("Outcome", "2026-10-03")
    replace(pilot, "      observed: 0.8\n      n: 120\n      interval: [0.72, 0.86]\n",
            "      counts: {tp: 96, fp: 10, fn: 24, tn: 300}\n")
    replace(pilot, "      missing_reason: not measured\n", "      observed: 6.1\n      n: 80\n")
    corrected = git.commit("Outcome from the 2x2 table", "2026-10-05")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [e["description"] for e in events if e["commit"] == corrected[:7]] == [
        "outcome updated: 2 results, dated 2026-10-01; result of E1 changed: observed 0.8, n 120, interval [0.72, 0.86]"
        " → counts {tp: 96, fp: 10, fn: 24, tn: 300}; result of G1 changed: missing_reason not measured → observed 6.1,"
        " n 80"]
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "result of E1 changed: observed 0.8, n 120, interval [0.72, 0.86] → counts {tp: 96" in out
    assert "no change to what raio tracks" not in out


def test_the_outcomes_texts_added_changed_or_removed_are_in_the_audit_trail(story, capsys, monkeypatch):
    """pilot.yaml's outcome texts that the decision memo puts before the board (adoption, user
    feedback, unexpected findings, cost and capacity in the pilot) rewritten after the outcome
    was recorded were 'pilot.yaml edited (no change to what raio tracks)', committed or not: the
    trail compared the outcome's date and results only.
    It now says which texts each commit, and the working tree, added, changed or removed, without
    quoting them (a patient number in one is not printed); a text only rewrapped is no change."""
    root, _c = story
    pilot = root / "applications" / APP / "pilot.yaml"
    git = Git(root)
    pilot.write_text(pilot.read_text(encoding="utf-8") + "outcome:\n  date: 2026-10-01\n  results:\n"
                     "    - effect: E1\n      observed: 0.8\n      n: 120\n"
                     "  unexpected: Flags scars after surgery as nodules.\n"
                     "  adoption: Opened in 91% of the studies.\n", encoding="utf-8")
    recorded = git.commit("Outcome", "2026-10-03")
    replace(pilot, "  unexpected: Flags scars after surgery as nodules.\n",
            "  unexpected: >-\n    Flags scars after surgery\n    as nodules.\n")
    replace(pilot, "Opened in 91% of the studies.", "Opened in 64% of the studies (PACS log).")
    pilot.write_text(pilot.read_text(encoding="utf-8").replace(
        "  adoption:", "  feedback: Radiologists find the marks useful.\n  cost: 'As budgeted.'\n  adoption:"),
        encoding="utf-8")
    rewritten = git.commit("Outcome: adoption from the PACS log, feedback", "2026-10-05")
    replace(pilot, "  unexpected: >-\n    Flags scars after surgery\n    as nodules.\n", "")
    replace(pilot, "  cost: 'As budgeted.'\n", "  cost: ''\n")
    removed = git.commit("Outcome: nothing unexpected after all", "2026-10-06")
    replace(pilot, "Radiologists find the marks useful.", "Useful, said the patient with BSN 111222333.")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    told = {c: [e["description"] for e in events if e["commit"] == c]
            for c in (recorded[:7], rewritten[:7], removed[:7], "uncommitted")}
    assert told == {
        recorded[:7]: ["outcome recorded: 1 result, dated 2026-10-01; unexpected findings, adoption added"],
        rewritten[:7]: ["outcome updated: 1 result, dated 2026-10-01; user feedback, cost in the pilot added; adoption changed"],
        removed[:7]: ["outcome updated: 1 result, dated 2026-10-01; unexpected findings, cost in the pilot removed"],
        "uncommitted": ["outcome updated: 1 result, dated 2026-10-01; user feedback changed"]}
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "user feedback, cost in the pilot added; adoption changed" in out
    assert "user feedback changed" in out and "no change to what raio tracks" not in out
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15", "--format", "json")
    assert code == 0, err
    assert "111222333" not in out and "PACS log" not in out and "marks useful" not in out


def test_an_outcome_or_a_decision_removed_from_the_dossier_is_in_the_trail(story, capsys):
    """Deleting pilot.yaml's whole outcome, or its decision, was 'pilot.yaml edited (no change to
    what raio tracks)': the results a decision rests on, or the decision itself, gone without a
    word in the audit trail. A later outcome is recorded again, not updated."""
    root, _c = story
    pilot = root / "applications" / APP / "pilot.yaml"
    git = Git(root)
    decided = pilot.read_text(encoding="utf-8")
    assert DECISION in decided
    outcome = "outcome:\n  date: 2026-09-30\n  results:\n    - effect: E1\n      observed: 0.8\n      n: 120\n"
    pilot.write_text(decided + outcome, encoding="utf-8")
    git.commit("Outcome", "2026-10-10")
    pilot.write_text(decided.replace(DECISION, "") + outcome, encoding="utf-8")
    no_decision = git.commit("Decision taken out", "2026-10-12")
    pilot.write_text(decided.replace(DECISION, ""), encoding="utf-8")
    no_outcome = git.commit("Outcome taken out", "2026-10-13")
    pilot.write_text(decided.replace(DECISION, "") + "outcome:\n  results: []\n", encoding="utf-8")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    told = {c: [(e["kind"], e["description"]) for e in events if e["commit"] == c]
            for c in (no_decision[:7], no_outcome[:7], "uncommitted")}
    assert told == {
        no_decision[:7]: [("decision", "decision removed (it was stop, dated 2026-10-01)")],
        no_outcome[:7]: [("outcome", "outcome removed (it held 1 result, dated 2026-09-30)")],
        "uncommitted": [("outcome", "outcome recorded: 0 results")]}
    (removed,) = [e for e in events if e["commit"] == no_decision[:7]]
    assert (removed["field"], removed["old"], removed["new"]) == ("decision.choice", "stop", None)
    code, out, err = run(capsys, "log", APP, "--portfolio", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "decision removed" in " ".join(out.split()) and "outcome removed" in " ".join(out.split())


def test_the_trail_follows_every_text_of_the_outcome_in_the_schema():
    """Every text field of pilot.yaml's outcome in the schema has its words in raio log."""
    schema = json.loads((Path(__file__).parents[1] / "schemas" / "pilot.schema.json").read_text(encoding="utf-8"))
    outcome = schema["properties"]["outcome"]["properties"]
    assert set(auditlog.OUTCOME_TEXTS) == {k for k, v in outcome.items() if v.get("type") == "string"}


def _patient_numbers_in_pilot_values(root: Path) -> str:
    """pilot.yaml's start, decision and extension end written as lists or mappings holding the
    BSNs 111222333 and 123456782, committed on 2026-10-05 with what else the test changed: that
    commit's hash."""
    pilot = root / "applications" / APP / "pilot.yaml"
    replace(pilot, "start: 2026-03-01", "start: ['111222333', {case: 123456782}]")
    replace(pilot, "choice: stop", "choice: {case: 123456782}")
    replace(pilot, "  - end: 2026-10-01", "  - end: [111222333]")
    return Git(root).commit("Values", "2026-10-05")

def test_a_patient_number_in_a_changed_value_is_masked_in_the_json(story, capsys):
    """raio log --format json printed a BSN in full where a commit wrote it as a value: a target of
    111222333 (shown as "new": 111222333.0, a number the mask did not look at), a list or a
    mapping holding one as plan.start, an extension's end or a decision's choice; the table's
    descriptions had it masked."""
    root, c = story
    replace(effects_file(root), "target: 0.85", "target: 111222333")
    later = _patient_numbers_in_pilot_values(root)
    code, out, err = run(capsys, "log", APP, "-p", str(root), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err
    events = [e for e in json.loads(out) if e["commit"] == later[:7]]
    assert {e["kind"] for e in events} >= {"effect-changed", "plan", "decision", "extension"}
    assert "111222333" not in out and "123456782" not in out
    [target] = [e for e in events if e["kind"] == "effect-changed"]
    assert (target["old"], target["new"]) == (0.85, "*******33")
    [start] = [e for e in events if e.get("field") == "plan.start"]
    assert start["new"] == ["*******33", {"case": "*******82"}]


def test_a_list_or_mapping_written_as_a_value_reads_as_yaml_not_as_python(story, capsys, monkeypatch):
    """A commit that wrote a list or a mapping where a date, a choice or a number belongs had it
    described in Python's notation (`pilot start moved 2026-03-01 → ['*******33', {'case': …`):
    the radiologist reading the trail writes YAML, not Python. Such a value reads as YAML's flow
    style writes it, clipped and masked as every value is; the JSON keeps the value itself."""
    root, c = story
    app_yaml = root / "applications" / APP / "application.yaml"
    replace(app_yaml, "name: Fracture detection", "name: Fracture detection\nversion: '1.0'")
    Git(root).commit("Version", "2026-10-04")
    replace(app_yaml, "version: '1.0'", "version: [1, {build: 2}]")
    replace(effects_file(root), "target: 0.85", "target: [1, 2]")
    replace(effects_file(root), "limit: 70", "limit: {value: [1]}")
    replace(effects_file(root), "effect: E1", "effect: [E1]")
    replace(effects_file(root), "amendments:\n", "  - id: E3\n    kind: [benefit, harm]\n    metric: recall\n"
            "    direction: increase\n    target: 0.5\namendments:\n")
    later = _patient_numbers_in_pilot_values(root)
    code, out, err = run(capsys, "log", APP, "-p", str(root), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err
    events = [e for e in json.loads(out) if e["commit"] == later[:7]]
    said = {e["description"] for e in events}
    assert said >= {
        "product version '1.0' → [1, {build: 2}]",
        "E1 target changed 0.85 → [1, 2]",
        "G1 limit changed 70 → {value: [1]}",
        "pilot start moved 2026-03-01 → ['*******33', {case:…",
        "pilot extended to [*******33] (dated 2026-08-20, by steering group): too few cases",
        "decision: {case: *******82} (dated 2026-10-01, by Raad van bestuur), was stop",
        "amendment for [E1] dated 2026-04-30 by AI steering group: target 0.90 -> 0.85 (reason: reference standard changed)",
        "E3 registered: [benefit, harm], recall, target 0.5",
    }, said
    assert not any("{'" in d or "['" in d.replace("['*", "") for d in said), said
    [start] = [e for e in events if e.get("field") == "plan.start"]
    assert start["new"] == ["*******33", {"case": "*******82"}]
    [target] = [e for e in events if e.get("field") == "target" and e["effect"] == "E1"]
    assert target["new"] == [1, 2]
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")
    code, table, err = run(capsys, "log", APP, "-p", str(root), "--today", "2026-11-15")
    assert code == 0, err
    assert "pilot start moved 2026-03-01 → ['*******33', {case:…" in table and "decision: {case: *******82}" in table
    assert "111222333" not in out + table and "123456782" not in out + table and "{'" not in table


def test_two_long_lists_that_differ_late_read_as_yaml_where_they_differ(story):
    """Two lists whose shown beginnings are the same are shown from shortly before where they
    differ; that part was cut from Python's notation of them (`'…aaaa', 'x']'`)."""
    root, _c = story
    long = "a" * 70
    replace(effects_file(root), "target: 0.85", f"target: [{long}, x]")
    Git(root).commit("A list", "2026-10-05")
    replace(effects_file(root), f"target: [{long}, x]", f"target: [{long}, y]")
    later = Git(root).commit("Another list", "2026-10-06")
    [change] = [e for e in auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
                if e["commit"] == later[:7] and e["kind"] == "effect-changed"]
    assert change["description"].startswith(f"E1 target changed …{'a' * 18}, x] → …{'a' * 18}, y]")
    assert change["new"] == [long, "y"]


def test_a_number_that_is_no_number_keeps_the_json_trail_json(story, capsys):
    """A commit that wrote a target as .nan or a limit as .inf made raio log --format json print
    NaN and Infinity, which are no JSON: jq, a browser's JSON.parse and every strict reader
    refused the whole trail. They are written as the dossier writes them, as text."""
    root, _c = story
    replace(effects_file(root), "target: 0.85", "target: .nan")
    replace(effects_file(root), "limit: 70", "limit: -.inf")
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: [.inf]")
    later = Git(root).commit("Values", "2026-10-05")
    code, out, err = run(capsys, "log", APP, "-p", str(root), "-f", "json", "--today", "2026-11-15")
    assert code == 0, err

    def refuse(constant):
        raise ValueError(f"{constant} is no JSON")

    events = [e for e in json.loads(out, parse_constant=refuse) if e["commit"] == later[:7]]
    changed = {e["effect"]: e for e in events if e["kind"] == "effect-changed"}
    assert (changed["E1"]["new"], changed["G1"]["new"]) == (".nan", "-.inf")
    assert changed["E1"]["description"] == "E1 target changed 0.85 → .nan"
    [start] = [e for e in events if e.get("field") == "plan.start"]
    assert start["new"] == [".inf"]


def test_a_commit_dated_beyond_the_year_9999_is_not_shown_as_1970(tmp_path, capsys):
    """git records dates up to the year 10000 and beyond (GIT_AUTHOR_DATE='@253402300800 +0000'
    gives 10000-01-01T00:00:00); raio log showed such a commit as made on 1970-01-01, long before
    the pilot's start, and raio check read effects registered in it as pre-registered then. It is
    the last date raio can hold, 9999-12-31: after the start, as the commit claims."""
    from conftest import run_check

    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    far = git.commit("Pre-register", "@253402300800 +0000")
    assert git.run("log", "-1", "--format=%aI").startswith("10000-01-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert {e["date"] for e in events if e["commit"] == far[:7]} == {"9999-12-31"}
    assert "REG001" in [f.code for f in run_check(root).findings]


def test_a_merge_of_changes_to_one_file_on_both_sides_lists_each_change_once(tmp_path):
    """pilot.yaml's start moved on a branch and its end on the main line, then merged: the trail
    said the branch's commit moved the end back (2026-10-01 → 2026-09-01, which it never did, as
    it was compared with the main line's commit before it rather than with its parent), and that
    the merge moved it forward again; effects.yaml changed on both sides had the branch's change
    listed twice, the second time as made by the merge. Each change is listed once, at the commit
    that made it; the merge, which only took them in, adds none."""
    pilot_yaml = "plan:\n  start: 2026-03-01\n  design: before-after\n  note: x\n  end: 2026-09-01\n"
    root = make_portfolio(tmp_path / "pf", {APP: dossier(pilot=pilot_yaml)})
    pilot = root / "applications" / APP / "pilot.yaml"
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    git.run("checkout", "-q", "-b", "side")
    replace(pilot, "start: 2026-03-01", "start: 2026-03-15")
    replace(effects_file(root), "limit: 70", "limit: 60")
    side = git.commit("Later start, tighter G1", "2026-04-01")
    git.run("checkout", "-q", "main")
    replace(pilot, "end: 2026-09-01", "end: 2026-10-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    main = git.commit("Later end, lower E1", "2026-04-15")
    git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-06-01")
    merge = git.run("rev-parse", "HEAD").strip()
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    later = [(e["commit"], e["description"].split(" (")[0].split(" [")[0]) for e in events if e["date"] > "2026-02-01"]
    assert sorted(later) == sorted([(side[:7], "pilot start moved 2026-03-01 → 2026-03-15"),
                                    (side[:7], "G1 limit changed 70 → 60"),
                                    (main[:7], "pilot end moved 2026-09-01 → 2026-10-01"),
                                    (main[:7], "E1 target changed 0.90 → 0.85")])
    assert merge[:7] not in {e["commit"] for e in events}


def test_a_merge_of_edits_to_application_yaml_on_both_sides_lists_each_once(tmp_path):
    """The stage set on a branch and the product version on the main line, then merged: the
    trail said the branch's commit put the version back and the merge set it again."""
    from test_history import merged_application_edits

    root, side, main = merged_application_edits(tmp_path, branch=("stage: pilot", "stage: production"),
                                                main=("version: '1.0'", "version: '2.0'"))
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    later = [(e["commit"], e["description"].split(" [")[0]) for e in events if e["date"] > "2026-02-01"]
    assert later == [(side[:7], "stage: pilot → production"), (main[:7], "product version '1.0' → '2.0'")]


def test_a_huge_value_in_a_commit_is_clipped_in_the_trail(story):
    """A commit that wrote a 5,000-character text as an amendment's author, an extension's end,
    a decision's choice or the pilot's start made raio log print it whole, one event over dozens
    of lines of the table; the other values of an event are clipped."""
    root, _c = story
    huge = "word " * 1000
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8") + f"  - date: {huge}\n    effect: {huge}\n    change: x\n"
                    f"    by: {huge}\n", encoding="utf-8")
    pilot = root / "applications" / APP / "pilot.yaml"
    for old, new in (("start: 2026-03-01", f"start: {huge}"), ("  - end: 2026-10-01", f"  - end: {huge}"),
                     ("choice: stop", f"choice: {huge}")):
        replace(pilot, old, new)
    later = Git(root).commit("Huge", "2026-10-05")
    events = [e for e in auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15)) if e["commit"] == later[:7]]
    assert {e["kind"] for e in events} >= {"amendment", "plan", "extension", "decision"}
    assert all(len(e["description"]) < 300 for e in events), [len(e["description"]) for e in events]


def test_an_effect_marked_post_hoc_after_the_start_is_in_the_trail(tmp_path):
    """E1 marked post_hoc: true after the start (it then reads as exploratory in memos): the trail
    said "effects.yaml edited (no change to what raio tracks)"."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    path = effects_file(root)
    replace(path, "    primary: true\n", "    primary: true\n    post_hoc: true\n")
    marked = git.commit("Mark E1 exploratory", "2026-04-01")
    replace(path, "    post_hoc: true\n", "")
    git.commit("Count E1 again", "2026-05-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [(e["commit"], e["description"], e["field"]) for e in by_kind(events, "effect-changed")] == [
        (marked[:7], "E1 marked post hoc, exploratory (after the pilot started on 2026-03-01)", "post_hoc"),
        (events[-1]["commit"], "E1 no longer marked post hoc (after the pilot started on 2026-03-01)", "post_hoc")]


def test_a_main_line_change_that_a_merge_undid_is_in_the_trail(tmp_path):
    """Main tightens G1's limit to 65 before the start; a merge after the start keeps a branch's
    whole effects.yaml (the limit 70 again). The trail never showed 65: git log left main's commit
    out. Both changes are listed, the second at the merge, after the start."""
    from test_preregistration import merge_keeping_the_branchs_file, on_branch

    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    path = effects_file(root)
    on_branch(root, git, lambda root: replace(path, "More fractures seen", "More fractures found"), "2026-02-20")
    replace(path, "limit: 70", "limit: 65")
    tighten = git.commit("Tighten G1", "2026-02-25")
    merged = merge_keeping_the_branchs_file(root, git, "side", "2026-04-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [(e["commit"], e["description"]) for e in events if e["date"] > "2026-02-01"] == [
        (tighten[:7], "G1 limit changed 70 → 65"),
        (merged[:7], "G1 limit changed 65 → 70 (after the pilot started on 2026-03-01)")]


def test_log_of_dossier_files_in_git_lfs_warns_and_lists_no_uncommitted_edits(tmp_path, capsys):
    """*.yaml in Git LFS, everything committed (git status clean): raio log listed every dossier
    file as an uncommitted edit dated today ("stage set to pilot", "E1 registered" in
    'uncommitted'), as it compared the files on disk with git's pointers. A file whose pointer
    names its contents is as committed; the log warns that git holds pointers it cannot read."""
    from test_preregistration import _lfs_filter

    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    _lfs_filter(git, tmp_path / "lfs")
    write(root / ".gitattributes", "applications/**/*.yaml filter=lfs diff=lfs merge=lfs -text\n")
    c = git.commit("Pre-register", "2026-02-01")
    assert git.run("status", "--porcelain") == ""
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [e for e in events if e["commit"] == "uncommitted"] == []
    assert {e["commit"] for e in events} == {c[:7]}
    code, _out, err = run(capsys, "log", APP, "-p", str(root))
    assert code == 0
    assert ("raio: warning: git holds application.yaml, effects.yaml and pilot.yaml of fracture-ai as Git LFS "
            "pointers, not as their text: the trail cannot show what they held") in " ".join(err.split())


def test_a_dossier_file_given_its_right_name_keeps_its_events_and_the_rename_is_one(tmp_path):
    """Effects committed as Effects.yaml, then renamed as IDN005 asks: the trail keeps their
    registration under the first name and says when the file got its name."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    folder = root / "applications" / APP
    (folder / "effects.yaml").rename(folder / "Effects.yaml")
    git = Git(root)
    registered = git.commit("Pre-register", "2026-02-01")
    git.run("mv", f"applications/{APP}/Effects.yaml", f"applications/{APP}/effects.yaml")
    renamed = git.commit("Rename effects.yaml", "2026-05-01")
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [(e["date"], e["commit"]) for e in by_kind(events, "effect-registered")] == [("2026-02-01", registered[:7])] * 2
    assert [(e["date"], e["commit"], e["description"]) for e in by_kind(events, "file")] == [
        ("2026-05-01", renamed[:7], "effects.yaml renamed from Effects.yaml")]


# --- APP omitted inside an application's folder ---------------------------------------------------

@pytest.mark.parametrize("where", [f"applications/{APP}", f"applications/{APP}/memos"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_inside_the_application_folder_needs_no_app(story, capsys, monkeypatch, where, fmt):
    """raio check run in applications/<id>/ checks that application, but raio log there said
    "Missing argument 'APP'". Inside the folder (or one below it) APP may be left out: the trail
    is the one of that application, the same output as with its id."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    root, _ = story
    monkeypatch.chdir(root / where)
    explicit = run(capsys, "log", APP, "--today", "2026-11-15", "--format", fmt)
    assert explicit[0] == 0, explicit[2]
    assert run(capsys, "log", "--today", "2026-11-15", "--format", fmt) == explicit


@pytest.mark.parametrize("where", [".", "applications", "applications/.hidden", "outside"])
def test_log_without_app_outside_an_application_folder_teaches(story, capsys, monkeypatch, where):
    """Outside an application's folder (the portfolio's top, applications/ itself, a hidden folder
    there, no portfolio at all) an omitted APP is an error (exit 2) that names the argument, the
    portfolio's ids when there is one, 'raio status', and that inside applications/<id>/ it may
    be left out."""
    root, _ = story
    (root / "applications" / ".hidden").mkdir()
    outside = root.parent / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside if where == "outside" else root / where)
    code, out, err = run(capsys, "log", "--today", "2026-11-15")
    said = " ".join(err.split())
    assert code == 2 and out == "", err
    assert said.startswith("raio: error: missing argument 'APP': the application's id"), said
    assert "'raio status'" in said and "Inside an application's folder (applications/<id>/ or below it) APP may be omitted" in said
    if where == "outside":
        assert "(the current folder is in no portfolio)" in said and "raio log <id>" in said
    else:
        assert "(the current folder is in no application's folder)" in said
        assert f"e.g. raio log {APP}; this portfolio has {APP} ('raio status' lists them)" in said


def test_log_without_app_through_a_linked_applications_folder(story, capsys, monkeypatch):
    """applications/ a link (to dossiers/ beside it): os.getcwd() names the folder dossiers/<id>,
    the shell's $PWD applications/<id>. The application is the one of the folder as the shell
    names it, as raio check finds it there (raio_cli.portfolio.locate)."""
    monkeypatch.setenv("NO_COLOR", "1")
    root, _ = story
    (root / "applications").rename(root / "dossiers")
    (root / "applications").symlink_to("dossiers", target_is_directory=True)
    here = root / "applications" / APP / "memos"
    monkeypatch.chdir(here)
    monkeypatch.setenv("PWD", str(here))
    explicit = run(capsys, "log", APP, "--today", "2026-11-15", "--format", "json")
    assert explicit[0] in (0, 1) and "missing argument" not in explicit[2], explicit[2]
    assert run(capsys, "log", "--today", "2026-11-15", "--format", "json") == explicit
