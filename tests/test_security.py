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
    # (after the listing of the repository's config, :func:`raio_cli.gitcmd._neutralised`, for git status)
    assert calls[-1][-2:] == ["--", "--help"] and "status" in calls[-1]


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


def _marking(tmp_path: Path, name: str, then: str = "cat") -> tuple[str, Path]:
    """A program that leaves a marker file when run, then does ``then`` (a filter passes its input on)."""
    marker = tmp_path / f"ran-{name}"
    script = tmp_path / f"{name}.sh"
    script.write_text(f"#!/bin/sh\ntouch '{marker}'\n{then}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script), marker


def test_no_program_named_by_the_repositorys_own_config_runs(tmp_path):
    """A checkout's .git/config (an untrusted clone, a CI job on a pull request) names programs
    that git runs: an fsmonitor hook, a hooks folder, a clean filter that .gitattributes applies to
    every file. raio check and raio log run none of them; the history is read as before."""
    root = copy_example(tmp_path / "pf")
    repo = Git(root)
    repo.commit("Portfolio", "2026-01-05")
    fsmonitor, ran_fsmonitor = _marking(tmp_path, "fsmonitor", "exit 1")
    clean, ran_clean = _marking(tmp_path, "clean")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    hook, ran_hook = _marking(tmp_path, "hook", "exit 0")
    os.symlink(hook, hooks / "post-index-change")
    repo.run("config", "core.fsmonitor", fsmonitor)
    repo.run("config", "core.hooksPath", str(hooks))
    repo.run("config", "filter.evil.clean", clean)
    repo.run("config", "filter.evil.required", "true")
    (root / ".git" / "info" / "attributes").write_text("* filter=evil\n", encoding="utf-8")
    app = next(p for p in sorted((root / "applications").iterdir()) if (p / "effects.yaml").exists())
    effects = app / "effects.yaml"
    effects.write_text(effects.read_text(encoding="utf-8") + "# an uncommitted note\n", encoding="utf-8")
    os.utime(root / "raio.yaml", (1, 1))  # a file whose stat differs from the index's: git reads it again
    (app / "memos").mkdir(exist_ok=True)
    (app / "memos" / "note.md").write_text("A note\n", encoding="utf-8")

    check = _raio("check", str(root), "--today", "2026-11-15", "--format", "json")
    log = _raio("log", str(app), "--today", "2026-11-15")
    assert "Traceback" not in check.stderr + log.stderr
    assert [m.name for m in (ran_fsmonitor, ran_clean, ran_hook) if m.exists()] == []
    assert "memo added: memos/note.md" in log.stdout and "E1 registered" in log.stdout, log.stdout
    assert '"GIT007"' not in check.stdout and check.returncode in (0, 1), check.stdout[-2000:]


def test_a_partial_clone_runs_no_upload_pack_its_config_names(tmp_path):
    """A partial clone's missing versions are fetched from its remote; from a remote that is a
    folder (file://), git runs here the upload-pack program that the clone's config may name
    (remote.<name>.uploadpack), and takes it before any raio gives. raio then reaches no such
    remote: the fetch fails and GIT007 says why; the program never runs."""
    origin = make_portfolio(tmp_path / "origin", {"ai-one": {"application": "id: ai-one\nname: A\nstage: proposed\n"}})
    git = Git(origin)
    git.run("config", "uploadpack.allowFilter", "true")
    git.run("config", "uploadpack.allowAnySHA1InWant", "true")
    git.commit("one", "2026-01-05")
    app = origin / "applications" / "ai-one" / "application.yaml"
    app.write_text("id: ai-one\nname: A2\nstage: proposed\n", encoding="utf-8")
    git.commit("two", "2026-01-06")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{origin}", str(clone)], check=True,
                   capture_output=True)
    upload, ran_upload = _marking(tmp_path, "upload", 'exec git-upload-pack "$@"')
    subprocess.run(["git", "-C", str(clone), "config", "remote.origin.uploadpack", upload], check=True)
    from raio_cli import history

    h = history.read(clone, dt.date(2026, 11, 15))
    assert not ran_upload.exists()
    assert h.state == "error" and "transport 'file' not allowed" in h.message, h.message


def test_settings_of_the_repository_that_name_programs_are_the_users_own_or_none(tmp_path, monkeypatch):
    """What git reads for each program-naming setting that the repository's config sets, in the
    processes raio starts: the user's own value (global config) where there is one, else a
    neutral one; settings the repository does not set are left as they are."""
    from raio_cli import gitcmd

    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[core]\n\taskPass = my-askpass\n[credential]\n\thelper = cache\n",
                                     encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = make_portfolio(tmp_path / "pf", {})
    repo = Git(root)
    for key, value in (("core.sshCommand", "evil-ssh"), ("core.askPass", "evil-askpass"),
                       ("filter.x.clean", "evil-clean"), ("filter.x.required", "true"),
                       ("gpg.program", "evil-gpg"), ("credential.helper", "evil-helper")):
        repo.run("config", "--add", key, value)

    def seen(*args):
        return gitcmd.git(root, "config", *args, check=False).stdout.split("\n")[:-1]

    assert seen("--get", "core.sshCommand") == ["ssh"]
    assert seen("--get", "core.askPass") == ["my-askpass"]
    assert seen("--get", "filter.x.clean") == [""] and seen("--get", "filter.x.required") == ["false"]
    assert seen("--get", "gpg.program") == ["gpg"]
    # a list: emptied after the repository's, then the user's again
    assert seen("--get-all", "credential.helper") == ["cache", "evil-helper", "", "cache"]
    assert seen("--get", "core.fsmonitor") == ["false"]
    assert seen("--get", "user.name") == ["Test RAIO"]
