"""Security: nothing written outside the portfolio through planted links, and no value from a
dossier or the command line can become a git option."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Git, copy_example, make_portfolio

RAIO = str(Path(sys.executable).parent / "raio")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from raio_cli import demo as builder

    root = tmp_path_factory.mktemp("sec") / "demo"
    builder.build(root, dt.date(2026, 11, 15))
    return root


def _raio(*args, cwd=None):
    return subprocess.run([RAIO, *args], capture_output=True, text=True, cwd=cwd, timeout=180, env=dict(os.environ, NO_COLOR="1"))


def test_memo_and_report_refuse_a_default_folder_that_links_outside(demo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    memos = demo / "applications" / "longnodule-ct" / "memos"
    memos.symlink_to(outside, target_is_directory=True)
    reports = demo / "reports"
    reports.symlink_to(outside, target_is_directory=True)
    try:
        memo = _raio("memo", "longnodule-ct", "--today", "2026-11-15", cwd=demo)
        assert memo.returncode == 2 and "outside" in memo.stderr
        report = _raio("report", "--today", "2026-11-15", cwd=demo)
        assert report.returncode == 2 and "outside" in report.stderr
        assert list(outside.iterdir()) == []
        chosen = _raio("memo", "longnodule-ct", "--today", "2026-11-15", "--out", str(outside / "memo.md"), cwd=demo)
        assert chosen.returncode == 0 and (outside / "memo.md").exists()  # a path the user chose is theirs
    finally:
        memos.unlink()
        reports.unlink()


def test_new_pilot_refuses_a_linked_applications_folder(tmp_path):
    root = tmp_path / "p"
    root.mkdir()
    (root / "raio.yaml").write_text("organisation: T\nlanguage: en\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "applications").symlink_to(outside, target_is_directory=True)
    out = _raio("new-pilot", "--id", "fracture-ai", "--name", "Fracture AI", "--no-input", cwd=root)
    assert out.returncode == 2
    assert list(outside.iterdir()) == []


def test_application_folders_named_like_git_options_are_never_options(tmp_path):
    evil = ["--output=pwned.txt", "-c core.pager=touch pwned2", "--upload-pack=touch pwned3"]
    apps = {name: {"application": f'id: x\nname: evil\nstage: proposed\n'} for name in evil}
    root = make_portfolio(tmp_path / "p", apps)
    repo = Git(root)
    repo.commit("evil names", "2026-01-05")
    from raio_cli import check, history

    h = history.read(root, dt.date(2026, 11, 15))
    assert h.state == "ok" and set(evil) <= set(h.apps)
    result = check.run(root, today=dt.date(2026, 11, 15))
    assert not result.internal_errors
    assert not any(p.name.startswith("pwned") for p in tmp_path.rglob("*"))
    log = _raio("log", "--", "--output=pwned.txt", "--today", "2026-11-15", cwd=root)
    assert "Traceback" not in log.stderr
    assert not any(p.name.startswith("pwned") for p in tmp_path.rglob("*"))


def test_git_calls_put_user_paths_after_a_double_dash():
    from raio_cli import gitcmd

    calls = []
    real = subprocess.Popen

    def spy(cmd, *a, **k):
        calls.append(cmd)
        return real(cmd, *a, **k)

    import raio_cli.gitcmd as g

    old = g.subprocess.Popen
    g.subprocess.Popen = spy
    try:
        gitcmd.git(Path("."), "status", "--porcelain", paths=["--help"], check=False)
    finally:
        g.subprocess.Popen = old
    assert calls[0][-2:] == ["--", "--help"]


def _merged_side_branch(tmp_path, on_main) -> tuple:
    """A portfolio whose main line merged a side branch that changed application.yaml, after a
    commit of the main line (``on_main(root)`` adds to it first); main checked out."""
    root = make_portfolio(tmp_path / "p", {"ai-one": {"application": "id: ai-one\nname: A\nstage: proposed\n"}})
    repo = Git(root)
    repo.commit("one", "2026-01-05")
    repo.run("checkout", "-q", "-b", "side")
    (root / "applications" / "ai-one" / "application.yaml").write_text("id: ai-one\nname: A2\nstage: proposed\n")
    repo.commit("side", "2026-01-06")
    repo.run("checkout", "-q", "main")
    on_main(root)
    repo.commit("main goes on", "2026-01-07")
    repo.run("merge", "-q", "--no-ff", "-m", "merge side", "side", date="2026-01-08")
    return root, repo


def test_a_file_named_like_a_revision_does_not_switch_off_the_history(tmp_path):
    """A committed file named ``HEAD`` (or named after the main branch's commit) made git read
    ``HEAD`` as ambiguous: the history failed to read, and every check that reads it (the
    pre-registration's) was silently skipped. Revisions are followed by ``--``."""
    root, repo = _merged_side_branch(tmp_path, lambda root: (root / "HEAD").write_text("x\n"))
    from raio_cli import history

    h = history.read(root, dt.date(2026, 11, 15))
    assert h.state == "ok", h.message
    assert "ai-one" in h.apps
    main_tip = repo.run("rev-parse", "main").strip()
    repo.run("checkout", "-q", "-b", "feature", "main~1")
    repo.run("merge", "-q", "--no-ff", "-m", "merge side too", "side", date="2026-01-09")
    (root / main_tip).write_text("x\n")  # named after main's tip, which a feature branch's read names
    h = history.read(root, dt.date(2026, 11, 15))
    assert h.state == "ok", h.message


def test_refs_named_like_options_never_reach_git_as_options(tmp_path):
    """The main branch is looked up by ref (origin/HEAD, main, master) when a branch is checked
    out; a remote's default branch named like an option (refs/heads/--output=pwned, -x) gives
    git only its commit id."""
    root, repo = _merged_side_branch(tmp_path, lambda root: None)
    for ref in ("refs/heads/--output=pwned.txt", "refs/heads/-x"):
        repo.run("update-ref", ref, "main")
    repo.run("symbolic-ref", "refs/remotes/origin/HEAD", "refs/heads/--output=pwned.txt")
    repo.run("checkout", "-q", "-b", "feature", "side")
    repo.run("merge", "-q", "--no-ff", "-m", "merge main", "main", date="2026-01-09")
    from raio_cli import history

    h = history.read(root, dt.date(2026, 11, 15))
    assert h.state == "ok", h.message
    assert "ai-one" in h.apps
    assert not any(p.name.startswith("pwned") for p in tmp_path.rglob("*"))
