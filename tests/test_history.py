"""raio_cli.history: one pass over git, versions per file, effect timelines, honest states."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from conftest import Git, make_portfolio, write
from test_preregistration import APP, EFFECTS, dossier, effects_file, replace

from raio_cli import gitcmd, history

TODAY = dt.date(2026, 11, 15)


def read(root: Path, today: dt.date = TODAY) -> history.History:
    return history.read(root, today)


@pytest.fixture
def repo(tmp_path) -> tuple[Path, Git]:
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Register", "2026-02-01", author="A. Bakker <ab@hospital.example>")
    return root, git


def test_versions_carry_commit_author_and_dates(repo):
    root, git = repo
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    full = git.commit("Lower the target", "2026-05-02T09:30:00+02:00", author="J. de Vries <jdv@hospital.example>")
    h = read(root)
    assert h.state == "ok" and h.verifiable and h.prefix == "" and h.commits == 2
    versions = h.app(APP).versions("effects")
    assert [v.status for v in versions] == ["A", "M"]
    v = versions[-1]
    assert (v.commit, v.short, v.author, v.email, v.date, v.subject) == (
        full, full[:7], "J. de Vries", "jdv@hospital.example", dt.date(2026, 5, 2), "Lower the target")
    assert v.data["effects"][0]["target"] == 0.85 and v.old_data["effects"][0]["target"] == 0.9
    assert h.app(APP).tracked == {"application", "effects", "pilot"}


def test_author_date_is_when_written_committer_date_kept_apart(repo):
    root, git = repo
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.run("add", "-A")
    env = dict(os.environ, GIT_AUTHOR_DATE="2026-02-20T10:00:00+00:00", GIT_COMMITTER_DATE="2026-06-01T10:00:00+00:00")
    subprocess.run(["git", "commit", "-q", "-m", "rebased later"], cwd=root, env=env, check=True)
    v = read(root).app(APP).versions("effects")[-1]
    assert v.date == dt.date(2026, 2, 20) and v.committed == dt.date(2026, 6, 1)


def test_effect_timeline_registration_changes_removals(repo):
    root, git = repo
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    replace(path, "unit: \"%\"", "unit: fraction")
    c2 = git.commit("Change E1", "2026-05-02")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: G1")], encoding="utf-8")
    c3 = git.commit("Drop G1", "2026-06-01")
    effects = read(root).app(APP).effects
    e1, g1 = effects["E1"], effects["G1"]
    assert e1.first.date == dt.date(2026, 2, 1) and e1.first.status == "A"
    assert [(c.field, c.old_text, c.new_text, c.version.commit) for c in e1.changes] == [
        ("unit", "'%'", "'fraction'", c2), ("target", "0.90", "0.85", c2)]
    assert [v.commit for v in g1.removed] == [c3] and g1.changes == []


def test_stage_changes_and_days_in_stage(repo):
    root, git = repo
    app_yaml = root / "applications" / APP / "application.yaml"
    replace(app_yaml, "stage: pilot", "stage: evaluation")
    git.commit("Pilot ended", "2026-09-02")
    replace(app_yaml, "name: Fracture detection", "name: Fracture detection (ED)")
    git.commit("Rename for the board", "2026-09-10")
    ah = read(root).app(APP)
    assert [(s.previous, s.stage, s.version.date) for s in ah.stages] == [
        (None, "pilot", dt.date(2026, 2, 1)), ("pilot", "evaluation", dt.date(2026, 9, 2))]
    assert ah.stage_since == dt.date(2026, 9, 2)


def test_days_in_stage_read_back_from_the_newest_version_agree_with_the_stage_changes(repo):
    """stage_since alone reads application.yaml versions from the newest back (raio status asks
    it of every application); it must name the version the full list of changes ends with, past
    unreadable versions, a stage that is no text, and a return to an earlier stage."""
    root, git = repo
    app_yaml = root / "applications" / APP / "application.yaml"
    replace(app_yaml, "stage: pilot", "stage: evaluation")
    git.commit("Pilot ended", "2026-09-02")
    replace(app_yaml, "stage: evaluation", "stage: [evaluation]")
    git.commit("A list by mistake", "2026-09-05")
    good = app_yaml.read_text(encoding="utf-8")
    app_yaml.write_text("stage: [unclosed\n", encoding="utf-8")
    git.commit("Broken YAML", "2026-09-06")
    app_yaml.write_text(good.replace("stage: [evaluation]", "stage: pilot"), encoding="utf-8")
    git.commit("Back to the pilot", "2026-09-08")
    app_yaml.write_text(good.replace("stage: [evaluation]", "stage: pilot").replace("name: ", "name: The "), encoding="utf-8")
    git.commit("Name only", "2026-09-20")
    alone, listed = read(root).app(APP), read(root).app(APP)
    assert alone.stage_since == dt.date(2026, 9, 8) and alone._stages is None  # no full list was made
    assert [(s.previous, s.stage, s.version.date) for s in listed.stages] == [
        (None, "pilot", dt.date(2026, 2, 1)), ("pilot", "evaluation", dt.date(2026, 9, 2)),
        ("evaluation", "pilot", dt.date(2026, 9, 8))]
    assert listed.stage_since == dt.date(2026, 9, 8)


def test_uncommitted_edits_are_a_version_dated_today(repo):
    root, _git = repo
    replace(effects_file(root), "target: 0.90", "target: 0.88")
    (root / "applications" / APP / "pilot.yaml").unlink()
    ah = read(root).app(APP)
    v = ah.versions("effects")[-1]
    assert v.uncommitted and v.short == "uncommitted" and v.date == TODAY and v.data["effects"][0]["target"] == 0.88
    assert "uncommitted edit" in v.describe()
    p = ah.versions("pilot")[-1]
    assert p.uncommitted and p.deleted
    assert [c.new_text for c in ah.effects["E1"].changes] == ["0.88"]


def test_unchanged_working_tree_adds_no_version(repo):
    root, _git = repo
    assert [v.uncommitted for v in read(root).app(APP).versions("effects")] == [False]


def test_rename_keeps_history_and_remembers_the_old_id(repo):
    root, git = repo
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    git.commit("Rename", "2026-06-01")
    h = read(root)
    assert APP not in h.apps
    ah = h.app("fracture-detection")
    assert ah.former_ids == [APP] and h.find(APP) is ah
    versions = ah.versions("effects")
    assert [(v.status, v.path) for v in versions] == [
        ("A", f"applications/{APP}/effects.yaml"), ("R", "applications/fracture-detection/effects.yaml")]
    assert versions[1].old_path == f"applications/{APP}/effects.yaml"
    assert ah.effects["E1"].first.date == dt.date(2026, 2, 1) and ah.effects["E1"].changes == []


@pytest.mark.parametrize("merged", [False, True], ids=["linear", "merged"])
def test_a_folder_name_with_a_carriage_return_keeps_its_history(tmp_path, merged):
    """git's -z output is read as git wrote it: a carriage return in a path is part of the name.
    It was read as a line feed, so the folder on disk seemed renamed today from one that never
    existed and its committed files uncommitted (with and without a merge: git log and git
    diff-tree read the history)."""
    name = "cr\rname"
    root = make_portfolio(tmp_path / "pf", {name: dossier()})
    git = Git(root)
    git.commit("Register", "2026-02-01")
    if merged:
        git.run("checkout", "-q", "-b", "side")
    replace(effects_file(root, name), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-05-02")
    if merged:
        git.run("checkout", "-q", "main")
        write(root / "README.md", "portfolio\n")
        git.commit("Readme", "2026-05-03")
        git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-05-04")
    h = read(root)
    assert h.state == "ok" and set(h.apps) == {name}
    ah = h.app(name)
    assert ah.former_ids == []
    assert [(v.status, v.uncommitted, v.path) for v in ah.versions("effects")] == [
        ("A", False, f"applications/{name}/effects.yaml"), ("M", False, f"applications/{name}/effects.yaml")]
    assert [c.new_text for c in ah.effects["E1"].changes] == ["0.85"]
    assert ah.tracked == {"application", "effects", "pilot"}


def test_a_file_deleted_from_an_application_that_goes_on_is_no_rename_of_it(repo):
    """Near miss for an uncommitted folder rename: pilot.yaml deleted from an application whose
    folder stays, and a new application with the same pilot.yaml. The new one is new, not the
    first one renamed: its pilot plan has no history before today."""
    root, git = repo
    pilot = (root / "applications" / APP / "pilot.yaml").read_text(encoding="utf-8")
    (root / "applications" / APP / "pilot.yaml").unlink()
    write(root / "applications" / "new-app" / "pilot.yaml", pilot)
    write(root / "applications" / "new-app" / "application.yaml", "id: new-app\nname: New\nstage: pilot\n")
    h = read(root)
    new = h.app("new-app")
    assert new.former_ids == [] and h.find(APP) is h.app(APP)
    assert [(v.status, v.uncommitted, v.old_blob) for v in new.versions("pilot")] == [("W", True, None)]
    assert [(v.status, v.uncommitted) for v in h.app(APP).versions("pilot")] == [("A", False), ("D", True)]


def test_memos_are_listed_with_odd_names(repo):
    root, git = repo
    odd = "besluit RvB – 2026\nversie 2.md"
    write(root / "applications" / APP / "memos" / odd, "# memo\n")
    git.commit("\x01Memo for the board: -- --all \x1b[31m", "2026-06-15", author="\x1b[2JEve <e@x.example>")
    ah = read(root).app(APP)
    assert [(v.path, v.status, v.subject) for v in ah.memos] == [
        (f"applications/{APP}/memos/{odd}", "A", "\\x{01}Memo for the board: -- --all \\x{1b}[31m")]
    assert ah.memos[0].author.endswith("[2JEve") and ah.memos[0].author.isprintable()


def test_merge_conflict_resolution_is_a_version(repo):
    root, git = repo
    path = effects_file(root)
    git.run("checkout", "-q", "-b", "side")
    replace(path, "target: 0.90", "target: 0.80")
    git.commit("Side", "2026-04-01")
    git.run("checkout", "-q", "main")
    replace(path, "target: 0.90", "target: 0.95")
    git.commit("Main", "2026-04-02")
    subprocess.run(["git", "merge", "-q", "side"], cwd=root, capture_output=True)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<<<<<<<"), text.index(">>>>>>> side\n") + len(">>>>>>> side\n")
    path.write_text(text[:start] + "    target: 0.70\n" + text[end:], encoding="utf-8")
    git.commit("Merge side, resolved differently", "2026-04-03")
    ah = read(root).app(APP)
    last = ah.committed("effects")[-1]
    assert last.subject == "Merge side, resolved differently" and last.data["effects"][0]["target"] == 0.7
    assert [c.new_text for c in ah.effects["E1"].changes][-1] == "0.70"


def test_portfolio_in_a_subfolder_maps_paths(tmp_path):
    repo = tmp_path / "repo"
    root = make_portfolio(repo / "docs" / "ai", {APP: dossier()})
    write(repo / "applications" / "not-the-portfolio" / "effects.yaml", EFFECTS)  # outside the portfolio
    git = Git(repo)
    git.commit("All", "2026-02-01")
    h = read(root)
    assert h.state == "ok" and h.prefix == "docs/ai/" and h.repo == repo.resolve()
    assert list(h.apps) == [APP]
    assert h.app(APP).versions("effects")[0].path == f"applications/{APP}/effects.yaml"


@pytest.mark.parametrize("state", ["not-a-repository", "no-commits", "not-committed", "shallow", "no-git"])
def test_states_are_reported_not_raised(tmp_path, monkeypatch, state):
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    if state == "no-commits":
        Git(root)
    elif state == "not-committed":
        git = Git(root)
        write(root / "notes.md", "x\n")
        git.commit("Only notes", "2026-01-01", paths=["notes.md"])
    elif state == "shallow":
        git = Git(root)
        git.commit("One", "2026-01-01")
        git.commit("Two", "2026-02-01", paths=["."])
        clone = tmp_path / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True, capture_output=True)
        root = clone
    elif state == "no-git":
        empty = tmp_path / "empty-bin"
        empty.mkdir()
        monkeypatch.setenv("PATH", str(empty))
    h = read(root)
    assert h.state == state and h.message
    assert not h.verifiable
    assert h.readable == (state == "shallow")
    if state == "shallow":
        ah = h.app(APP)
        assert ah.versions("effects") and ah.versions("effects")[0].truncated  # shown, marked as cut
        assert ah.stages and ah.stage_since is None  # the stage's real start is unknown


def test_unsafe_repository_is_recognised(repo, monkeypatch, tmp_path):
    root, _git = repo
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.delenv("SUDO_UID", raising=False)
    other = 65534 if os.getuid() != 65534 else 65533
    try:
        for path in (root, root / ".git"):
            os.chown(path, other, other)
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot give the repository to another user here")
    proc = subprocess.run(["git", "status"], cwd=root, capture_output=True, text=True)
    if "dubious ownership" not in proc.stderr:
        pytest.skip("this git does not check ownership")
    h = read(root)
    assert h.state == "unsafe-repository" and "dubious ownership" in h.message


def _merge_a_side_branch(root: Path, git: Git) -> None:
    """A change of E1's target on a branch, merged with a merge commit."""
    git.run("checkout", "-q", "-b", "side")
    replace(effects_file(root), "target: 0.90", "target: 0.80")
    git.commit("Side", "2026-04-01")
    git.run("checkout", "-q", "main")
    git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-04-02")


@pytest.mark.parametrize("command, merged", [("rev-list", False), ("diff-tree", False), ("log", True)])
def test_git_failure_is_a_state(repo, monkeypatch, command, merged):
    root, git = repo
    if merged:  # a history with a merge is read with git log (see history._log)
        _merge_a_side_branch(root, git)
    real = gitcmd.start
    used = []

    def failing(cwd, *args, **kw):
        used.append(args[0] if args else "")
        if args and args[0] == command:
            args = (command, "--no-such-option-for-raio")
        return real(cwd, *args, **kw)

    monkeypatch.setattr(gitcmd, "start", failing)
    h = read(root)
    assert command in used
    assert h.state == "error" and "git failed" in h.message and h.apps == {}


def _count_git(monkeypatch) -> list:
    calls = []
    real = subprocess.Popen

    def counting(cmd, *a, **kw):
        calls.append(list(cmd))
        return real(cmd, *a, **kw)

    monkeypatch.setattr(gitcmd.subprocess, "Popen", counting)
    return calls


def test_history_pass_runs_a_bounded_number_of_git_processes(tmp_path, monkeypatch):
    small = make_portfolio(tmp_path / "small", {APP: dossier()})
    Git(small).commit("One app", "2026-02-01")

    big = make_portfolio(tmp_path / "big", {f"app-{i:02d}": dossier(app_id=f"app-{i:02d}") for i in range(12)})
    git = Git(big)
    git.commit("Twelve apps", "2026-02-01")
    for month in range(3, 9):
        for i in range(0, 12, 3):
            replace(effects_file(big, f"app-{i:02d}"), "limit: ", "limit: 1")
        write(big / "applications" / "app-00" / "memos" / f"memo-{month}.md", "memo\n")
        git.commit(f"Month {month}", f"2026-{month:02d}-01")
    replace(effects_file(big, "app-05"), "target: 0.90", "target: 0.91")  # an uncommitted edit too

    calls = _count_git(monkeypatch)
    h_small = read(small)
    n_small = len(calls)
    del calls[:]
    h_big = read(big)
    for ah in h_big.apps.values():  # the timelines are computed without further git calls
        ah.effects, ah.stages
    # 6: the history's 5, and one listing of the repository's config (gitcmd._neutralised: no
    # program that the repository's own config names is run)
    assert len(calls) == n_small <= 6, calls
    assert h_small.state == h_big.state == "ok" and len(h_big.apps) == 12 and h_big.commits == 7
    assert len(h_big.app("app-00").memos) == 6


def test_check_reads_history_once(tmp_path, monkeypatch):
    from conftest import run_check

    root = make_portfolio(tmp_path / "pf", {f"app-{i:02d}": dossier(app_id=f"app-{i:02d}") for i in range(6)})
    Git(root).commit("Register", "2026-02-01")
    calls = _count_git(monkeypatch)
    run_check(root, today="2026-11-15")
    # the history's pass with one listing of the repository's config (gitcmd._neutralised), and
    # one listing of the branch and tag names (PRV011)
    assert len([c for c in calls if "for-each-ref" not in c]) <= 6, calls
    assert len([c for c in calls if "for-each-ref" in c]) == 1, calls


def test_shallow_clone_deep_enough_is_complete(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "README.md", "before the portfolio\n")
    git = Git(repo)
    git.commit("Old", "2025-01-01")
    write(repo / "NOTES.md", "still before\n")
    git.commit("Older notes", "2025-06-01")
    make_portfolio(repo / "pf", {APP: dossier()})
    git.commit("Register", "2026-02-01")
    replace(effects_file(repo / "pf"), "target: 0.90", "target: 0.85")
    git.commit("Lower", "2026-05-02")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo}", str(clone)], check=True, capture_output=True)
    h = read(clone / "pf")
    assert h.shallow and h.state == "ok" and h.verifiable
    assert h.app(APP).effects["E1"].first.date == dt.date(2026, 2, 1)
    cut = tmp_path / "cut"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(cut)], check=True, capture_output=True)
    assert read(cut / "pf").state == "shallow"


def test_read_step_by_step_is_the_same_history(tmp_path):
    """raio check moves the history read on between files it reads (history.reading); the
    result must be what read() gives, uncommitted edits included, whatever is done in between."""
    root = make_portfolio(tmp_path / "p", {APP: dossier()})
    git = Git(root)
    git.commit("Proposal", "2026-02-01")
    replace(effects_file(root, APP), "limit: ", "limit: 1")
    git.commit("Limit", "2026-03-01")
    replace(effects_file(root, APP), "target: 0.90", "target: 0.91")  # uncommitted

    whole = read(root)
    steps, waits = history.reading(root, today=TODAY), 0
    while True:
        try:
            running = next(steps)
        except StopIteration as stop:
            stepped = stop.value
            break
        assert isinstance(running, gitcmd.Running)
        waits += 1
        (root / "scratch.txt").write_text(str(waits))  # other work meanwhile
        running.wait()
    assert (stepped.state, stepped.commits, stepped.head) == (whole.state, whole.commits, whole.head) == ("ok", 2, whole.head)
    shape = lambda h: {a: {n: [(v.short, v.status, v.date) for v in vs] for n, vs in ah.files.items()} for a, ah in h.apps.items()}
    assert shape(stepped) == shape(whole) and "(uncommitted)" in str([v.author for v in stepped.apps[APP].files["effects"]])


def test_no_room_for_gits_output_is_a_state_not_a_crash(tmp_path, monkeypatch):
    """git's output goes through temporary files (gitcmd.Running): when none can be made, the
    history is in state "error" with the reason, as for any other git failure."""
    import tempfile

    root = make_portfolio(tmp_path / "p", {APP: dossier()})
    Git(root).commit("Proposal", "2026-02-01")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    h = read(root)
    assert h.state == "error" and "no-such-folder" in h.message and h.apps == {}


def _by_git_log(repo, specs):
    """history._log as it was before the faster way: git log itself, whatever the history (no
    commit is known to have no parent: each is looked at as a possible move of the portfolio)."""
    return (yield from history._git(repo, "log", history._LOG_FORMAT, *history._DIFF_OPTIONS, "--topo-order",
                                    "--reverse", paths=specs, env=history._LITERAL)), None, set(), False, False


def _subcommands(monkeypatch) -> list:
    used = []
    real = gitcmd.start

    def recording(cwd, *args, **kw):
        used.append(args[0] if args else "")
        return real(cwd, *args, **kw)

    monkeypatch.setattr(gitcmd, "start", recording)
    return used


def _summary(h: history.History) -> dict:
    out = {"state": h.state, "commits": h.commits}
    for app_id, ah in sorted(h.apps.items()):
        files = {name: [(v.commit, v.status, v.path, v.blob, v.old_blob, v.old_path, v.date, v.committed, v.author,
                         v.subject, v.order, v.truncated, v.data) for v in versions]
                 for name, versions in sorted(ah.files.items())}
        memos = [(v.commit, v.status, v.path) for v in ah.memos]
        out[app_id] = (files, memos, sorted(ah.former_ids), sorted(ah.tracked))
    return out


def test_a_history_without_merges_reads_as_git_log_reads_it(tmp_path, monkeypatch):
    """Without merges the history is read with git rev-list and git diff-tree (faster at many
    applications); every version must be what git log gives: adds, edits, renames within the
    portfolio and from outside it, deletions, commits elsewhere in the repository, memos,
    uncommitted edits, and a portfolio in a subfolder."""
    repo = tmp_path / "repo"
    root = make_portfolio(repo / "ai", {APP: dossier(), "second-app": dossier(app_id="second-app")})
    write(repo / "drafts" / "third-app" / "effects.yaml", EFFECTS)
    git = Git(repo)
    git.commit("Two applications, one draft", "2026-02-01")
    write(repo / "docs" / "minutes.md", "minutes\n")
    git.commit("Minutes, outside the portfolio", "2026-02-10")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    write(root / "applications" / APP / "memos" / "2026-03-01-proposal.md", "memo\n")
    git.commit("Lower the target, a memo", "2026-03-01")
    git.run("mv", "ai/applications/second-app", "ai/applications/second-app-renamed")
    git.commit("Rename within the portfolio", "2026-04-01")
    (root / "applications" / "third-app").mkdir(parents=True)
    git.run("mv", "drafts/third-app/effects.yaml", "ai/applications/third-app/effects.yaml")
    git.commit("A draft moved in from outside", "2026-05-01")
    (root / "applications" / "second-app-renamed" / "pilot.yaml").unlink()
    git.commit("Pilot plan removed", "2026-06-01")
    replace(effects_file(root), "target: 0.85", "target: 0.88")  # uncommitted

    used = _subcommands(monkeypatch)
    fast = read(root)
    assert "diff-tree" in used and "log" not in used
    monkeypatch.setattr(history, "_log", _by_git_log)
    reference = read(root)
    assert fast.state == "ok" and fast.commits == 5
    assert _summary(fast) == _summary(reference)
    assert "second-app" in fast.app("second-app-renamed").former_ids
    assert fast.app("third-app").versions("effects")[0].status == "A"  # from outside: added, as git log says


def test_a_history_with_a_merge_is_read_with_git_log(repo, monkeypatch):
    root, git = repo
    _merge_a_side_branch(root, git)
    used = _subcommands(monkeypatch)
    h = read(root)
    assert "log" in used and "diff-tree" not in used
    assert h.state == "ok" and [v.subject for v in h.app(APP).committed("effects")][-1] == "Side"


def test_a_git_without_diff_merges_reads_a_history_with_merges_as_before(repo, monkeypatch):
    """git before 2.31 refuses --diff-merges (Ubuntu 20.04 has 2.25): a history with a merge was
    then "git failed to read the history" in every check. It is read with git log -c, as before."""
    from raio_cli import history

    root, git = repo
    _merge_a_side_branch(root, git)
    old = tuple("--diff-merges=no-such-value" if o.startswith("--diff-merges") else o
                for o in history._MERGE_DIFF_OPTIONS)  # refused as git 2.25 refuses the option
    monkeypatch.setattr(history, "_MERGE_DIFF_OPTIONS", old)
    used = _subcommands(monkeypatch)
    h = read(root)
    assert used.count("log") == 3  # the merges, the refused log, the log as before
    assert h.state == "ok" and [v.subject for v in h.app(APP).committed("effects")][-1] == "Side"
    assert h.app(APP).committed("effects")[-1].merge is not None


def test_a_branch_commit_knows_the_merge_that_brought_it_into_the_main_line(repo):
    """The history's order is the main line's (HEAD's first parents): a branch's commits come at the
    merge that took them in, after the main line's commits before that merge, whatever order git
    log lists them in; each names the merge, with its dates. A fast-forward leaves no merge: its
    commits are the main line's."""
    root, git = repo
    path = effects_file(root)
    git.run("checkout", "-q", "-b", "side")
    replace(path, "target: 0.90", "target: 0.80")
    side = git.commit("Side", "2026-02-10")
    git.run("checkout", "-q", "main")
    replace(path, "limit: 70", "limit: 65")
    main = git.commit("Main", "2026-02-15")
    git.run("checkout", "-q", "side")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-02-16")
    took = git.run("rev-parse", "HEAD").strip()
    git.run("checkout", "-q", "main")
    git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-04-02", committed="2026-04-03")
    merged = git.run("rev-parse", "HEAD").strip()
    git.run("checkout", "-q", "-b", "quick")
    replace(path, "limit: 65", "limit: 60")
    quick = git.commit("Quick", "2026-04-05")
    git.run("checkout", "-q", "main")
    git.run("merge", "-q", "--ff-only", "quick")
    versions = read(root).app(APP).versions("effects")
    assert [v.commit for v in versions][:4] == [versions[0].commit, main, side, took]
    assert versions[-1].commit == quick and versions[-1].merge is None
    assert versions[0].merge is None and versions[1].merge is None
    for v in versions[2:4]:
        assert v.merge == history.Merge(merged, dt.date(2026, 4, 2), dt.date(2026, 4, 3))
        assert v.merge.short == merged[:7] and v.made == dt.date(2026, 4, 2) and v.landed == dt.date(2026, 4, 3)
    assert versions[2].date == dt.date(2026, 2, 10)  # its own date stays what the commit says
    assert versions[1].made == versions[1].date == dt.date(2026, 2, 15)


def merged_application_edits(tmp_path, branch: tuple[str, str], main: tuple[str, str]):
    """A portfolio whose application.yaml (stage pilot, version 1.0) is committed on 2026-02-01,
    edited on a branch (``branch``: old text, new text) on 2026-04-01 and on the main line
    (``main``) on 2026-04-15, and merged on 2026-06-01: (root, the branch's commit, the main's)."""
    app_yaml = "id: fracture-ai\nname: Fracture detection\nstage: pilot\nowner: RAIO\nnote: x\nversion: '1.0'\n"
    root = make_portfolio(tmp_path / "pf", {APP: dict(dossier(), application=app_yaml)})
    path = root / "applications" / APP / "application.yaml"
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    git.run("checkout", "-q", "-b", "side")
    replace(path, *branch)
    side = git.commit("On the branch", "2026-04-01")
    git.run("checkout", "-q", "main")
    replace(path, *main)
    on_main = git.commit("On the main line", "2026-04-15")
    git.run("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2026-06-01")
    return root, side, on_main


def test_days_in_stage_after_a_merge_of_edits_on_both_sides_are_from_the_stage_change(tmp_path):
    """The stage set on the main line (2026-04-15) and the product version on a branch, then
    merged (2026-06-01): raio status said the stage began at the merge, from git, as the branch's
    commit read as setting the stage back to the pilot (it was compared with the main line's commit
    before it, not with its parent) and the merge as setting it again."""
    root, _side, _main = merged_application_edits(tmp_path, branch=("version: '1.0'", "version: '2.0'"),
                                                  main=("stage: pilot", "stage: production"))
    alone, listed = read(root).app(APP), read(root).app(APP)
    assert alone.stage_since == dt.date(2026, 4, 15)
    assert [(s.previous, s.stage, s.version.date) for s in listed.stages] == [
        (None, "pilot", dt.date(2026, 2, 1)), ("pilot", "production", dt.date(2026, 4, 15))]
    assert listed.stage_since == dt.date(2026, 4, 15)


def test_what_is_parsed_within_parsing_is_forgotten_after_it_and_reads_the_same_again(repo):
    """A worker of raio check reads each application's history once: the old versions it
    parsed for one application must not stay in memory until the worker ends (at 1,000
    applications they grew each worker by about 40 MiB)."""
    root, git = repo
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-05-02")
    h = read(root)
    application = h.app(APP).versions("application")[-1]
    kept = application.data  # parsed before: stays
    with h.parsing():
        effects = h.app(APP).versions("effects")
        inside = [v.data for v in effects]
        assert h.app(APP).effects["E1"].changes
        assert h.app(APP).versions("application")[-1].data is kept
    assert [v.data for v in effects] == inside and effects[-1].data is not inside[-1]  # parsed again
    assert h.app(APP).versions("application")[-1].data is kept
    assert [c.new_text for c in h.app(APP).effects["E1"].changes] == ["0.85"]


def test_cat_file_reads_every_version_around_a_too_large_and_a_missing_one(tmp_path):
    """The versions of effects.yaml and pilot.yaml are read from one `git cat-file --batch`, blob
    by blob from its output (never the whole output at once): a version larger than raio reads
    (MAX_BLOB), an object that is not a blob (a tree) and a hash git does not have are passed over
    (as not read), and the versions after them are read whole, byte for byte."""
    repo = Git(tmp_path)
    small = b"effects:\n- id: E1\n  description: \"\xc3\xa9\xe2\x86\x92\"\n"  # UTF-8 kept as it is
    no_newline = b"plan:\n  start: 2026-01-05"  # no line break at its end
    big = b"#" * (history.MAX_BLOB + 1) + b"\n"
    for name, data in (("a.yaml", small), ("b.yaml", big), ("c.yaml", no_newline), ("d.yaml", b"")):
        (tmp_path / name).write_bytes(data)
    repo.commit("versions", "2026-01-01")
    sha = {name: repo.run("rev-parse", f"HEAD:{name}").strip() for name in ("a.yaml", "b.yaml", "c.yaml", "d.yaml")}
    tree = repo.run("rev-parse", "HEAD^{tree}").strip()
    missing = "0123456789abcdef0123456789abcdef01234567"
    steps = history._cat_file(tmp_path, [sha["a.yaml"], sha["b.yaml"], tree, missing, sha["c.yaml"], sha["d.yaml"]])
    try:
        while True:
            next(steps)
    except StopIteration as done:
        got = done.value
    assert got == {sha["a.yaml"]: small, sha["c.yaml"]: no_newline, sha["d.yaml"]: b""}


def test_git_output_handed_over_as_a_file_still_raises_when_git_failed(tmp_path):
    running = gitcmd.start(tmp_path, "cat-file", "--batch", text=False, input=b"HEAD\n")  # not a repository
    with pytest.raises(gitcmd.GitError, match="git cat-file failed"):
        running.output()
    ok = gitcmd.start(tmp_path, "--version", text=False)
    with ok.output() as out:
        assert out.read().startswith(b"git version ")


def _partial_clone(tmp_path) -> tuple[Path, Path]:
    """A history of eight versions of effects.yaml and pilot.yaml, and a partial clone of it
    (``git clone --filter=blob:none``, as CI runners make them): the old versions' contents are
    not in the clone, git fetches them from the origin when they are read."""
    origin = make_portfolio(tmp_path / "origin", {APP: dossier()})
    git = Git(origin)
    git.run("config", "uploadpack.allowFilter", "true")
    git.run("config", "uploadpack.allowAnySHA1InWant", "true")
    git.commit("Register", "2026-02-01")
    for i in range(1, 8):
        for name in ("effects", "pilot"):
            path = origin / "applications" / APP / f"{name}.yaml"
            path.write_text(path.read_text(encoding="utf-8") + f"# note {i}\n", encoding="utf-8")
        git.commit(f"Note {i}", f"2026-04-{i:02d}")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{origin}", str(clone)], check=True,
                   capture_output=True)
    return origin, clone


def test_a_partial_clone_fetches_the_versions_it_lacks_at_once(tmp_path, monkeypatch):
    """In a partial clone git fetched each old version from the remote when raio read it: one
    fetch per version (here 14; a portfolio's thousands over the network took CI minutes). The
    versions missing are now fetched in one go, and the history is the full clone's."""
    origin, clone = _partial_clone(tmp_path)
    trace = tmp_path / "trace.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    h = read(clone)
    monkeypatch.delenv("GIT_TRACE2_EVENT")
    fetches = [line for line in trace.read_text(encoding="utf-8").splitlines()
               if '"event":"start"' in line and '"fetch"' in line]
    assert len(fetches) == 1, fetches
    assert h.state == "ok"
    full = read(origin)
    assert [(v.short, v.data) for v in h.app(APP).versions("effects")] == \
        [(v.short, v.data) for v in full.app(APP).versions("effects")]
    assert all(v.data is not None for v in h.app(APP).versions("pilot"))


def test_a_submodule_once_committed_at_a_dossier_path_does_not_hide_the_history(tmp_path):
    """A commit of the history that put a submodule (a commit of another repository, mode 160000)
    where a dossier file goes, and a later one that removed it: raio asked git for that commit as
    a file's version. In a partial clone (as CI runners make them) it then fetched it, the fetch
    failed, and the whole history with it: a target changed after the start (REG001 and REG002
    errors) became one GIT007 warning, and the check passed. A submodule is no file: the history
    is read, and the pre-registration checked."""
    from conftest import codes, run_check

    origin = make_portfolio(tmp_path / "origin", {APP: dossier()})
    git = Git(origin)
    git.run("config", "uploadpack.allowFilter", "true")
    git.run("config", "uploadpack.allowAnySHA1InWant", "true")
    git.commit("Register", "2026-02-01")
    git.run("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},applications/other-app/effects.yaml")
    git.run("commit", "-q", "-m", "a submodule where a dossier file goes", date="2026-02-10")
    git.run("rm", "-q", "--cached", "applications/other-app/effects.yaml")
    git.run("commit", "-q", "-m", "gone again", date="2026-02-11")
    replace(effects_file(origin), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-05-01")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{origin}", str(clone)], check=True,
                   capture_output=True)
    for root in (origin, clone):
        found = codes(run_check(root))
        assert "GIT007" not in found and "REG002" in found, (root.name, found)


def test_a_partial_clone_whose_remote_cannot_be_reached_says_so(tmp_path):
    """A partial clone offline (its remote moved or unreachable): git's own error for the first
    version it could not fetch was the message. Now it says what is missing and why."""
    import shutil

    origin, clone = _partial_clone(tmp_path)
    shutil.rmtree(origin)
    h = read(clone)
    assert h.state == "error"
    assert "the repository is a partial clone (git clone --filter) and 14 versions of the dossier files " \
           "are not in it; fetching them from its remote (origin) failed: fatal: " in h.message, h.message
    assert h.message.endswith("Run raio again where the remote can be reached, or clone without --filter")


def test_a_sparse_checkout_leaves_the_applications_outside_it_as_committed(tmp_path):
    """git sparse-checkout set applications/<one>: the other applications are not on disk, yet
    committed and unchanged (git status is clean). raio read them as deleted in an uncommitted
    edit: raio log of one said "E1 removed (after the pilot started)" and "application.yaml
    deleted", dated today. Files git keeps out of a sparse checkout are as committed."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier(), "other-ai": dossier(app_id="other-ai")})
    git = Git(root)
    git.commit("Register", "2026-02-01")
    git.run("sparse-checkout", "set", f"applications/{APP}")
    assert not (root / "applications" / "other-ai").exists() and git.run("status", "--porcelain") == ""
    h = read(root)
    other = h.app("other-ai")
    assert [(v.short, v.status) for v in other.versions("effects")] == [(h.head[:7], "A")]
    assert not other.has_uncommitted and not h.app(APP).has_uncommitted
    from raio_cli import auditlog

    assert [e for e in auditlog.audit_trail(root, "other-ai", today=TODAY) if e["commit"] == "uncommitted"] == []


def test_an_author_name_in_latin_1_is_read_as_written(tmp_path):
    """A commit whose author name is in Latin-1 bytes, with no encoding header (an old git, a
    repository converted from another system): raio named the author "Jos\ufffd M\ufffdller". A
    byte that is no UTF-8 is read as Latin-1, as git itself reads such a name when it commits."""
    root = make_portfolio(tmp_path / "pf", {APP: dossier()})
    git = Git(root)
    git.commit("Register", "2026-02-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Target", "2026-05-02")
    # git commit itself would convert such bytes to UTF-8: the commit is written as older tools wrote it
    body = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=root, capture_output=True, check=True).stdout
    body = body.replace(b"author Test RAIO", b"author Jos\xe9 M\xfcller").replace(b"\n\nTarget", b"\n\nCaf\xe9: target")
    latin = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=root, input=body,
                           capture_output=True, check=True).stdout.decode().strip()
    git.run("update-ref", "refs/heads/main", latin)
    [_, v] = read(root).app(APP).versions("effects")
    assert (v.author, v.subject) == ("José Müller", "Café: target")


def test_a_partial_clone_whose_remote_is_named_as_an_option_fetches_nothing(tmp_path):
    """The remote's name comes from the clone's config (extensions.partialclone): one that starts
    with '-' would be read by git fetch as an option (--upload-pack=... runs a program). raio
    refuses it and runs no fetch."""
    origin, clone = _partial_clone(tmp_path)
    subprocess.run(["git", "-C", str(clone), "config", "extensions.partialclone", "--upload-pack=touch pwned"],
                   check=True, capture_output=True)
    h = read(clone)
    assert h.state == "error" and "which raio will not pass to git fetch" in h.message, h.message
    assert not list(tmp_path.rglob("pwned"))
