"""The hostile-input corpus: every file gives a clear finding, never a traceback, and the check
carries on with the other files.

The corpus is generated in a temporary folder (a 50 MB file does not belong in git). Each hostile
file replaces effects.yaml of its own application; the application `control` holds one known
schema error that must still be found. Time and memory per file are measured by
``benchmarks/hostile.py`` (timings belong in the benchmark, not in tests).
"""

from __future__ import annotations

import os

import pytest

from conftest import make_portfolio, run_check

APP = 'id: {id}\nname: Hostile {id}\nstage: proposed\nversion: "1.0"\n'


def _bomb() -> bytes:
    text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 12):
        text += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
    return text.encode()


def _dup_every_level() -> bytes:
    return (b"effects:\n  - id: E1\n    id: E1b\n    baseline:\n      value: 1\n      value: 2\n"
            b"effects: []\namendments: []\namendments: []\n")


HOSTILE: dict[str, tuple[bytes, set[str]]] = {
    "alias-bomb": (_bomb(), {"YML003"}),
    "deep-nesting": (b"effects: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", {"YML016"}),
    "huge-file": (None, {"YML011"}),  # written separately: 50 MB
    "binary-data": (bytes(range(256)) * 64, {"YML009"}),
    "invalid-utf8": (b"effects:\n  - id: E1\n    description: caf\xe9 au lait\n", {"YML009"}),
    "utf16-bom": ("effects: []\n".encode("utf-16"), {"YML009"}),
    "tabs": (b"effects:\n\t- id: E1\n", {"YML008"}),
    "conflict-markers": (b"effects: []\n<<<<<<< HEAD\namendments: []\n=======\n>>>>>>> other\n", {"YML012"}),
    "duplicate-keys": (_dup_every_level(), {"YML002"}),
    "norway": (b"effects:\n  - id: E1\n    kind: benefit\n    description: x\n    primary: yes\n    post_hoc: NO\n", {"YML005"}),
    "python-tag": (b"effects: !!python/object/apply:os.system ['touch /tmp/raio-pwned']\n", {"YML015"}),
    "long-string": (b"effects: []\namendments:\n  - change: '" + b"x" * 200_000 + b"'\n", {"YML011"}),
    "empty-file": (b"", {"YML013"}),
    "crlf": (b"effects:\r\n  - id: E1\r\n    kind: benefit\r\n    description: fine\r\n    primary: on\r\n", {"YML005"}),
}


@pytest.fixture
def hostile_portfolio(tmp_path):
    apps = {name: {"application": APP.format(id=name)} for name in HOSTILE}
    apps["control"] = {"application": APP.format(id="control"), "effects": "effects:\n  - id: E1\n    kind: gain\n    description: x\n"}
    apps["folder-as-file"] = {"application": APP.format(id="folder-as-file")}
    apps["symlink-out"] = {"application": APP.format(id="symlink-out")}
    root = make_portfolio(tmp_path / "p", apps)
    for name, (content, _codes) in HOSTILE.items():
        target = root / "applications" / name / "effects.yaml"
        if content is None:
            with open(target, "wb") as fh:
                fh.write(b"effects: []\n# " + b"x" * (50 * 1024 * 1024) + b"\n")
        else:
            target.write_bytes(content)
    (root / "applications" / "folder-as-file" / "effects.yaml").mkdir()
    secret = tmp_path / "outside-secret.yaml"
    secret.write_text("effects: []\nsecret: do-not-read\n")
    os.symlink(secret, root / "applications" / "symlink-out" / "effects.yaml")
    outside_app = tmp_path / "outside-app"
    outside_app.mkdir()
    (outside_app / "application.yaml").write_text(APP.format(id="linked-app"))
    os.symlink(outside_app, root / "applications" / "linked-app")
    return root


def test_each_hostile_file_gives_its_finding_and_the_check_carries_on(hostile_portfolio):
    result = run_check(hostile_portfolio, "--no-git")
    by_app: dict[str, set[str]] = {}
    for f in result.findings:
        if f.file.endswith("effects.yaml") or f.file == f"applications/{f.app}":
            by_app.setdefault(f.app, set()).add(f.code)
    for name, (_content, expected) in HOSTILE.items():
        assert expected <= by_app.get(name, set()), (name, by_app.get(name))
    assert "YML017" in by_app["folder-as-file"]
    assert "YML017" in by_app["symlink-out"]
    assert any(f.code == "YML017" and f.file == "applications/linked-app" for f in result.findings)
    assert "SCH004" in by_app["control"]  # the good file next to hostile ones is still checked
    assert not result.internal_errors
    assert not any("do-not-read" in f.message for f in result.findings)
    assert not os.path.exists("/tmp/raio-pwned")


def test_hostile_files_give_one_clear_finding_not_a_cascade(hostile_portfolio):
    result = run_check(hostile_portfolio, "--no-git")
    for name in ("binary-data", "invalid-utf8", "utf16-bom", "tabs", "conflict-markers", "empty-file", "huge-file", "deep-nesting"):
        in_file = [f for f in result.findings if f.file == f"applications/{name}/effects.yaml"]
        assert len(in_file) == 1, (name, [(f.code, f.message) for f in in_file])


def test_hostile_portfolio_through_the_cli_exits_1_without_traceback(hostile_portfolio, capsys):
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["check", str(hostile_portfolio), "--no-git", "--today", "2026-11-15", "--format", "json"])
    assert exc.value.code == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err == ""
    assert "lol" * 50 not in captured.out


@pytest.mark.parametrize("bad_id", ["../escape", "/etc/passwd", "frаcture-ai", "UPPER", "a" * 65])
def test_hostile_application_ids_are_reported(tmp_path, bad_id):
    root = make_portfolio(tmp_path / "p", {"good-id": {"application": APP.format(id=f'"{bad_id}"')}})
    found = {f.code for f in run_check(root, "--no-git").findings}
    assert {"SCH005", "IDN001"} <= found


def test_status_and_report_list_every_application_of_a_hostile_portfolio(hostile_portfolio, tmp_path):
    """raio status and raio report take their rows from the check (and its cache): the hostile
    files give no traceback there either, every application has its row, twice alike."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    raio = str(Path(sys.executable).parent / "raio")
    env = dict(os.environ, RAIO_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("RAIO_NO_CACHE", None)
    runs = [subprocess.run([raio, "status", str(hostile_portfolio), "--today", "2026-11-15", "--no-git", "-f", "json"],
                           capture_output=True, text=True, env=env, timeout=120) for _ in range(2)]
    for out in runs:
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    first, second = (json.loads(out.stdout) for out in runs)
    assert first == second
    assert {a["id"] for a in first["applications"]} >= set(HOSTILE) | {"control", "folder-as-file", "symlink-out"}
    report = tmp_path / "report.html"
    out = subprocess.run([raio, "report", str(hostile_portfolio), "--today", "2026-11-15", "--no-git", "-o", str(report)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert "do-not-read" not in report.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_place_of_a_file_is_reported_not_waited_on(tmp_path):
    """Opening a named pipe waits until something writes to it: a check, a status or a report
    would hang for ever. Run in a child process with a time limit, so that the test fails
    instead of hanging when that comes back."""
    import subprocess
    import sys

    root = make_portfolio(tmp_path / "p", {"piped": {"application": APP.format(id="piped")}})
    os.mkfifo(root / "applications" / "piped" / "effects.yaml")
    env = dict(os.environ, RAIO_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    base = [sys.executable, "-m", "raio_cli"]
    for args in (["check", "--no-cache"], ["check"], ["check"], ["status"]):  # the cache's listing too
        proc = subprocess.run(base + args + [str(root), "--no-git", "--today", "2026-11-15"], capture_output=True,
                              text=True, timeout=120, env=env)
        assert "Traceback" not in proc.stderr, proc.stderr
        if args[0] == "check":
            assert proc.returncode == 1, proc.stderr
            line = next(l for l in proc.stdout.splitlines() if "YML017" in l)
            assert "applications/piped/effects.yaml is a named pipe, a socket or a device" in line
        else:
            assert proc.returncode == 0, proc.stderr
            assert "piped" in proc.stdout


def test_a_socket_in_place_of_a_file_is_named_as_one(tmp_path):
    """A socket cannot even be opened: the check said "cannot be read: No such device or address"
    with the hint to check the file's permissions, which is no help (root reads it no better).
    It is reported as a named pipe is: not a file, not read, to be replaced by the YAML file."""
    import socket

    root = make_portfolio(tmp_path / "p", {"sock": {"application": APP.format(id="sock")}})
    here = os.getcwd()
    os.chdir(root / "applications" / "sock")  # a socket's path is limited to about 100 bytes
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("effects.yaml")
    finally:
        os.chdir(here)
    result = run_check(root, "--no-git")
    found = [f for f in result.findings if f.file == "applications/sock/effects.yaml"]
    assert [f.code for f in found] == ["YML017"], found
    assert "is a named pipe, a socket or a device" in found[0].message
    assert "permissions" not in found[0].hint and found[0].data["variant"] == "special"


def _not_root() -> list[str] | None:
    """The start of a command line that runs a program as a user who is not root (root may enter
    any folder, so no permission is missing for it): nothing when the tests run as another user
    already; None when they run as root and setpriv is not there."""
    import shutil

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


def test_an_application_folder_raio_may_not_enter_is_one_finding_not_an_internal_error():
    """An application folder that raio may list but not enter (no search permission: a folder of
    another user's, a volume mounted with other owners) made raio check, status, log and report
    stop with an internal error ("This is a bug in raio"), and raio log said the files were deleted.
    It is one YML017 for the folder, the other applications are checked, and raio log shows what
    git holds."""
    import shutil
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from conftest import Git

    prefix = _not_root()
    if prefix is None:
        pytest.skip("runs as root without setpriv: every folder may be entered")
    base = Path(tempfile.mkdtemp(prefix="raio-perm-"))  # not in pytest's folder, which only its owner may enter
    locked = base / "p" / "applications" / "locked-app"
    try:
        root = make_portfolio(base / "p", {"locked-app": {"application": APP.format(id="locked-app")},
                                           "open-app": {"application": APP.format(id="open-app")}})
        Git(root).commit("Two applications", "2026-02-01")
        if os.geteuid() == 0:
            for folder, dirs, files in os.walk(base):
                for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                    os.lchown(name, 65534, 65534)
        locked.chmod(0o644)  # listed, not entered
        env = dict(os.environ, HOME=str(base), RAIO_CACHE_DIR=str(base / "cache"), NO_COLOR="1")
        raio = str(Path(sys.executable).parent / "raio")
        for args in (["check"], ["check"], ["status"], ["report", "-o", "-"], ["log", "locked-app"], ["log", "open-app"]):
            dated = [] if args[0] == "log" else ["--today", "2026-11-15"]
            proc = subprocess.run(prefix + [raio, *args, *dated], cwd=root, capture_output=True, text=True, timeout=180,
                                  env=env)
            assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
            assert proc.returncode == (1 if args[0] == "check" else 0), (args, proc.stderr)
            if args[0] == "check":
                mine = [line for line in proc.stdout.splitlines() if line.startswith("applications/locked-app")]
                assert mine == ["applications/locked-app: error YML017 applications/locked-app cannot be read: "
                                "Permission denied"], proc.stdout
                assert proc.stdout.splitlines()[-1].endswith("in 1 application (today: 2026-11-15)")  # open-app's
            if args == ["log", "locked-app"]:
                assert "stage set to proposed" in proc.stdout and "deleted" not in proc.stdout, proc.stdout
    finally:
        if locked.exists():
            locked.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def _raio_on(root, prefix: list[str], env: dict, *args: str):
    import subprocess
    import sys
    from pathlib import Path

    raio = str(Path(sys.executable).parent / "raio")
    return subprocess.run(prefix + [raio, *args], cwd=root, capture_output=True, text=True, timeout=180, env=env)


def _assert_applications_refused(root, prefix: list[str], env: dict, message: str, hint: str) -> None:
    """raio check, status, report, memo, monitor and log on a portfolio whose applications/ holds
    no application raio can read: one YML017 at applications/ with ``message`` and ``hint``, said
    by every command; never an internal error, and no dossier file changed."""
    before = sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.glob("*.yaml"))
    check = _raio_on(root, prefix, env, "check", "--today", "2026-11-15")
    assert "internal error" not in check.stdout + check.stderr and "Traceback" not in check.stderr, check
    assert check.returncode == 1, check
    lines = check.stdout.splitlines()
    assert lines[0] == f"applications: error YML017 {message}", check.stdout
    assert lines[1] == f"    hint: {hint}" and lines[-1].startswith("1 error, 0 warnings in 0 applications"), check.stdout
    for args, what in ((["status"], "raio status"), (["report", "-f", "md", "-o", "-"], "the report"),
                       (["export", "-o", "-"], "the export")):
        proc = _raio_on(root, prefix, env, *args, "--today", "2026-11-15")
        assert proc.returncode == 0 and "internal error" not in proc.stderr and "Traceback" not in proc.stderr, (args, proc)
        assert f"raio: warning: {message} (YML017); {what} shows none\n  {hint}\n" in proc.stderr, proc.stderr
    status = _raio_on(root, prefix, env, "status", "--today", "2026-11-15")
    assert "(applications error YML017)" in status.stdout, status.stdout
    for args in (["memo", "open-app", "-o", "-"], ["monitor", "open-app"]):
        proc = _raio_on(root, prefix, env, *args, "--today", "2026-11-15")
        assert proc.returncode == 2 and proc.stderr.startswith(f"raio: error: {message} (YML017)\n  {hint}"), (args, proc)
    log = _raio_on(root, prefix, env, "log", "open-app")
    assert "internal error" not in log.stderr and "Traceback" not in log.stderr, log.stderr
    assert sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.glob("*.yaml")) == before


def test_an_applications_folder_raio_may_not_read_is_one_finding_in_every_command():
    """applications/ itself with no permissions (000), or listed but not entered (644): raio
    check, status and report stopped with an internal error ("This is a bug in raio"). It is one
    YML017 at applications/; raio status, the report and the export say on standard error that they show no
    application and why; raio memo and monitor stop with that message; raio log shows what git
    holds and calls nothing deleted. Run as a user who is not root, who may enter any folder."""
    import shutil
    import tempfile
    from pathlib import Path

    from conftest import Git

    prefix = _not_root()
    if prefix is None:
        pytest.skip("runs as root without setpriv: every folder may be entered")
    base = Path(tempfile.mkdtemp(prefix="raio-perm-"))  # not in pytest's folder, which only its owner may enter
    apps = base / "p" / "applications"
    try:
        root = make_portfolio(base / "p", {"open-app": {"application": APP.format(id="open-app")}})
        Git(root).commit("One application", "2026-02-01")
        if os.geteuid() == 0:
            for folder, dirs, files in os.walk(base):
                for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                    os.lchown(name, 65534, 65534)
        env = dict(os.environ, HOME=str(base), RAIO_CACHE_DIR=str(base / "cache"), NO_COLOR="1")
        for mode in (0o000, 0o644):
            apps.chmod(mode)
            _assert_applications_refused(
                root, prefix, env, "applications/ cannot be read: Permission denied; no application is read",
                "Check the folder's permissions: raio needs to read and enter applications/ and the application folders in it.")
            log = _raio_on(root, prefix, env, "log", "open-app")
            assert log.returncode == 0 and "stage set to proposed" in log.stdout and "deleted" not in log.stdout, log
    finally:
        if apps.exists():
            apps.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("kind", ["file", "pipe", "link-nowhere", "link-out"])
def test_an_applications_that_is_no_folder_of_the_portfolio_is_one_finding_in_every_command(tmp_path, kind):
    """A file named applications, a link by that name that leads nowhere, or one to an (empty)
    folder outside the portfolio: raio check, status and report showed an empty portfolio and
    said nothing at all (exit 0), and raio memo said there was no such application. It is one
    YML017 at applications/, said by every command as for a folder raio may not read. A named
    pipe is called so, not "a file"."""
    if kind == "pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    from conftest import Git

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")}})
    Git(root).commit("One application", "2026-02-01")
    apps = root / "applications"
    (apps / "open-app" / "application.yaml").unlink()
    (apps / "open-app").rmdir()
    apps.rmdir()
    said = {
        "file": ("applications is a file, not a folder; no application is read",
                 "Move the file away and make applications/ a folder with one folder per application "
                 "(applications/<id>/, as raio new-pilot writes it)."),
        "pipe": ("applications is a named pipe, not a folder; no application is read",
                 "Move it away and make applications/ a folder with one folder per application "
                 "(applications/<id>/, as raio new-pilot writes it)."),
        "link-nowhere": ("applications/ is a link that leads nowhere (dangling or a loop); no application is read",
                         "Replace the link with the folder of the application folders itself, applications/<id>/."),
        "link-out": ("applications/ is a link to a place outside the portfolio; no application is read",
                     "Make applications/ a folder of the portfolio rather than a link out of it, and move the dossiers "
                     "into it: raio reads no dossier outside the portfolio, whose git history is the audit trail."),
    }[kind]
    if kind == "file":
        apps.write_text("id: open-app\n", encoding="utf-8")
    elif kind == "pipe":
        os.mkfifo(apps)
    elif kind == "link-nowhere":
        apps.symlink_to(tmp_path / "gone", target_is_directory=True)
    else:
        (tmp_path / "elsewhere").mkdir()
        apps.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    _assert_applications_refused(root, [], dict(os.environ, NO_COLOR="1"), *said)


def test_links_that_lead_nowhere_or_outside_each_get_their_own_message(tmp_path):
    """YML017 said "a link to a file outside the portfolio" for a dangling link and a loop too."""
    apps = {name: {"application": APP.format(id=name)}
            for name in ("dangling", "loop", "inside-dangling", "outside", "inside-link")}
    root = make_portfolio(tmp_path / "p", apps)
    folder = root / "applications"
    os.symlink(tmp_path / "gone" / "effects.yaml", folder / "dangling" / "effects.yaml")
    os.symlink("pilot.yaml", folder / "loop" / "effects.yaml")
    os.symlink("effects.yaml", folder / "loop" / "pilot.yaml")
    os.symlink("no-such.yaml", folder / "inside-dangling" / "effects.yaml")
    outside = tmp_path / "outside.yaml"
    outside.write_text("effects: []\n")
    os.symlink(outside, folder / "outside" / "effects.yaml")
    (folder / "inside-link" / "real.yaml").write_text("effects: []\n")
    os.symlink("real.yaml", folder / "inside-link" / "effects.yaml")  # inside and leading somewhere: read
    os.symlink(tmp_path / "gone-app", folder / "gone-app")
    result = run_check(root, "--no-git")
    links = {f.file: f for f in result.findings if f.code == "YML017"}
    nowhere = "is a link that leads nowhere (dangling or a loop); it is not read"
    for rel in ("applications/dangling/effects.yaml", "applications/loop/effects.yaml",
                "applications/loop/pilot.yaml", "applications/inside-dangling/effects.yaml"):
        assert links[rel].message == f"{rel} {nowhere}" and links[rel].hint.startswith("Remove the link")
    assert links["applications/outside/effects.yaml"].message == (
        "applications/outside/effects.yaml is a link to a file outside the portfolio; it is not read")
    assert links["applications/gone-app"].message == f"applications/gone-app {nowhere}"  # not left out unnoticed
    assert "applications/inside-link/effects.yaml" not in links
    assert not result.internal_errors


def test_escape_sequences_from_the_portfolio_are_shown_never_sent_to_the_terminal(tmp_path):
    """A folder named with terminal escapes and a stage that sets the window title and clears
    the screen reach every human-readable output as visible escapes (\\x{1b}): raio check's text
    (also as a terminal would get it, in colour) and github formats, the status table, the audit
    trail and an error message. JSON and SARIF are escaped by their encoders."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from conftest import Git

    evil = "ev\x1b[31mil\x1b]0;pwned\x07"
    stage = "\x1b]0;TITLE\x07\x1b[2J"
    root = make_portfolio(tmp_path / "pf", {
        evil: {"application": APP.format(id="evil")},
        "clean-app": {"application": 'id: clean-app\nname: Clean\nstage: "\\e]0;TITLE\\a\\e[2J"\n'},
    })
    Git(root).commit("portfolio", "2026-01-05")
    raio = str(Path(sys.executable).parent / "raio")
    raw = ("\x1b]0;", "\x07", "\x1b[2J", "ev\x1b[31m", "\x9b")

    def run(*args, colour=False):
        env = dict(os.environ, COLUMNS="250", RAIO_NO_CACHE="1")
        env.pop("NO_COLOR" if colour else "FORCE_COLOR", None)
        env.update({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"} if colour else {"NO_COLOR": "1"})
        out = subprocess.run([raio, *args], cwd=root, capture_output=True, text=True, timeout=120, env=env)
        return out.returncode, out.stdout + out.stderr

    shown = {
        "check": run("check", "--today", "2026-11-15"),
        "check on a terminal": run("check", "--today", "2026-11-15", colour=True),
        "github": run("check", "-f", "github", "--today", "2026-11-15"),
        "status": run("status", "--today", "2026-11-15"),
        "status on a terminal": run("status", "--today", "2026-11-15", colour=True),
        "log": run("log", "clean-app", "--today", "2026-11-15"),
        "rule": run("rule", "NO\x1b[2JPE"),
    }
    for name, (code, text) in shown.items():
        assert code in (0, 1, 2) and "Traceback" not in text, (name, text[-800:])
        for seq in raw:
            assert seq not in text, (name, seq)
    assert "ev\\x{1b}[31mil\\x{1b}]0;pwned\\x{07}" in shown["check"][1]
    assert "\\x{1b}]0;TITLE\\x{07}\\x{1b}[2J" in shown["check"][1]  # SCH004 quotes the stage
    assert "\\x{1b}]0;TITLE" in shown["github"][1] and "\\x{1b}]0;TITLE" in shown["status"][1]
    assert "ev\\x{1b}[31mil" in shown["status"][1] and "NO\\x{1b}[2JPE" in shown["rule"][1]
    for fmt in ("json", "sarif"):  # the encoders write \u001b: nothing to do there
        code, text = run("check", "-f", fmt, "--today", "2026-11-15")
        assert "\x1b" not in text and "\x07" not in text and "\\u001b" in text and json.loads(text)


# --- line numbers as an editor counts them ----------------------------------------------------
# YAML 1.1 (libyaml) also breaks lines at NEL (U+0085), LS (U+2028) and PS (U+2029); editors,
# SARIF viewers, GitLab and `grep -n` count only \n, \r\n and a lone \r. Every finding's line and
# column are the editor's, and a suppression on editor line N applies to the finding on line N.

YAML_ONLY_BREAKS = {"NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}
PLACES = {
    "quoted value": 'name: "Fracture{b}detection"\n',
    "comment": "# a comment{b}# and its second part\n",
    "block": "note: |\n  first line{b}  second line\n",
    "quoted key": "? 'key{b}  quoted'\n: 1\n",
}


def _editor_position(text: str, needle: str) -> tuple[int, int]:
    """Line and column of ``needle`` as an editor shows them: lines split at \\n, \\r\\n and \\r."""
    import re

    for n, line in enumerate(re.split("\r\n|\r|\n", text), 1):
        if needle in line:
            return n, line.index(needle) + 1
    raise AssertionError(needle)


def _findings_of(root, name="application.yaml"):
    result = run_check(root, "--no-git")
    return [f for f in result.findings if f.file.endswith(name)], result


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("brk", sorted(YAML_ONLY_BREAKS))
def test_findings_after_a_nel_ls_or_ps_are_on_the_editors_line(tmp_path, brk, place):
    import yaml

    from raio_cli.yamlio import load_bytes

    b = YAML_ONLY_BREAKS[brk]
    text = ("id: gen-app\n" + PLACES[place].format(b=b) + "stage: 5\n" + "zz: [1]\n"
            + "yy: 2  # raio: ignore[SCH002] kept for the migration\n" + f"xx: 'a{b}b'\n")
    root = make_portfolio(tmp_path / "p", {"gen-app": {"application": text}})
    found, _result = _findings_of(root)
    where = {(f.code, f.message.split("'")[1] if f.code == "SCH002" else ""): (f.line, f.column) for f in found}
    line, col = _editor_position(text, "stage: 5")
    assert where[("SCH004", "")] == (line, col + 7), found  # stage: 5, not a text
    assert where[("SCH002", "zz")] == _editor_position(text, "zz"), found
    assert where[("SCH002", "xx")] == _editor_position(text, "xx"), found
    assert ("SCH002", "yy") not in where and ("SUP003", "") not in where, found  # the suppression applies on its line
    sup = [f for f in found if f.code == "SUP002"]
    assert [(f.line, f.data["suppressed"]["code"]) for f in sup] == [(_editor_position(text, "yy")[0], "SCH002")]
    lines = text.count("\n") + 1
    assert all(1 <= f.line <= lines for f in found), found
    loaded = load_bytes(text.encode(), "application.yaml")  # the data read is libyaml's, unchanged
    assert loaded.data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert loaded.pos[("stage",)] == (line, col + 7)
    assert loaded.keypos[("zz",)] == _editor_position(text, "zz")


def test_the_safe_dump_of_a_key_with_a_nel_gives_the_editors_lines(tmp_path):
    import yaml

    text = yaml.safe_dump({"a\x85b": 1, "id": "gen-app", "stage": 5, "zz": [1]}, allow_unicode=True)
    assert text.count("\n") == 6
    root = make_portfolio(tmp_path / "p", {"gen-app": {"application": text}})
    found, _result = _findings_of(root)
    assert [(f.code, f.line, f.column) for f in found if f.code == "SCH004"] == [("SCH004", 4, 8)]
    assert ("SCH002", 5, 1) in [(f.code, f.line, f.column) for f in found]


def test_a_lone_carriage_return_counts_as_a_line_break_everywhere(tmp_path):
    """Old Mac line breaks: the suppression, the BSN in a comment (PRV005) and the findings all on
    the lines an editor shows."""
    text = ("id: gen-app\r# patient 111222333 was the first\rstage: 5\r"
            "zz: [1]\ryy: 2  # raio: ignore[SCH002] kept for the migration\r")
    root = make_portfolio(tmp_path / "p", {"gen-app": {"application": text}})
    found, _result = _findings_of(root)
    at = {f.code: (f.line, f.column) for f in found if f.code != "SCH002"}
    line, col = _editor_position(text, "stage: 5")
    assert at["SCH004"] == (line, col + 7)
    assert at["PRV005"] == _editor_position(text, "111222333")
    assert [(f.line, f.column) for f in found if f.code == "SCH002"] == [_editor_position(text, "zz")]
    assert [f.line for f in found if f.code == "SUP002"] == [_editor_position(text, "yy")[0]]
    assert "SUP003" not in at
