"""Shared test helpers: portfolios built from dicts or from the example, and real git repositories.

Git tests use real repositories with a local user and dates set through GIT_AUTHOR_DATE and
GIT_COMMITTER_DATE; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "portfolio"
#: The date the example portfolio is written for (its pilots run, its decisions are due...).
EXAMPLE_TODAY = dt.date(2026, 11, 15)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """The suite runs on one worker per CPU (pytest-xdist, ``--dist worksteal``) unless ``-n`` is
    given: ``pytest -n 0`` (or ``-p no:xdist``, ``--pdb``, a venv without pytest-xdist) runs it in
    this process, as a single test is best run (tests/README.md). Set here, not in the addopts of
    pyproject.toml, so that ``-p no:xdist`` and a venv made before pytest-xdist was a test
    dependency still run rather than stop on an unknown ``-n``. Runs before pytest-xdist's own
    hook, which turns ``auto`` into a number of workers."""
    if (config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None) is None
            and not hasattr(config, "workerinput") and not config.getoption("usepdb", False)
            and not config.getoption("trace", False)):
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "worksteal"


#: What raio reads to size its output (a message wraps at COLUMNS when it is set, else not at all).
_TERMINAL_SIZE = ("COLUMNS", "LINES")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist starts its workers from a process that has imported readline, which sets
    COLUMNS=80 and LINES=24 in the environment a child is given (not in ``os.environ``): tests
    of messages that wrap at COLUMNS only when it is set failed on a worker. Each worker is told
    what this process sees, and keeps to it (:func:`pytest_configure`)."""
    node.workerinput["raio_terminal_size"] = {name: os.environ.get(name) for name in _TERMINAL_SIZE}


def pytest_configure(config):
    for name, value in getattr(config, "workerinput", {}).get("raio_terminal_size", {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """raio check and raio status keep a cache in the user's cache folder: the tests (and the
    raio processes they start) keep theirs in a folder of their own, never the user's."""
    before = os.environ.get("RAIO_CACHE_DIR")
    os.environ["RAIO_CACHE_DIR"] = str(tmp_path_factory.mktemp("raio-cache"))
    yield
    if before is None:
        os.environ.pop("RAIO_CACHE_DIR", None)
    else:
        os.environ["RAIO_CACHE_DIR"] = before


def raio_script() -> str:
    """The installed raio entry point, for what only a separate process shows (its output stream)."""
    import shutil
    import sys

    here = Path(sys.executable).parent / "raio"
    return str(here) if here.exists() else (shutil.which("raio") or "raio")


def run_with_stdout_closed(args: list[str]):
    """``args`` run as a job that closed its standard output (``raio check >&-``)."""
    import subprocess

    return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1))


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def texts(value):
    """Every text in ``value``, a mapping or list of any depth (strings files, catalog entries)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)
    elif isinstance(value, str):
        yield value


def write(path: Path, content) -> Path:
    """Write a dict (as YAML) or text to path, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else dump(content), encoding="utf-8")
    return path


def make_portfolio(root: Path, apps: dict | None = None, config: dict | None = None) -> Path:
    """A portfolio at root: raio.yaml from config, apps = {id: {"application": {...}, "effects": "...yaml text"}}."""
    write(root / "raio.yaml", config or {"organisation": "Testziekenhuis", "department": "Radiologie", "language": "en"})
    (root / "applications").mkdir(parents=True, exist_ok=True)
    for app_id, files in (apps or {}).items():
        for name, content in files.items():
            write(root / "applications" / app_id / f"{name}.yaml", content)
    return root


def copy_example(dest: Path) -> Path:
    """A copy of examples/portfolio at dest (tests edit the copy, never the example)."""
    shutil.copytree(EXAMPLE, dest, dirs_exist_ok=True)
    return dest


def edit_yaml(path: Path, change) -> None:
    """Load path, let change(data) modify it, write it back (comments are lost: fine for tests)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = _dates_to_text(data)
    result = change(data)
    # a change may return a new mapping; a lambda returning something else (d.pop(...)) changed data in place
    write(path, result if isinstance(result, dict) else data)


def add_as_hinted(lines: list[str], hint: str, key: str, value: str) -> None:
    """Do, in ``lines`` (a file's, split at newlines), what a hint "add KEY: ... on a new line just
    below X (line N), indented as S:" (raio_cli.rules.how_to_give) says, by the line number it
    gives: line N must hold X, as the hint says; the line goes right after it, indented as the
    first line below it that starts with S:."""
    import re

    m = re.search(rf"[aA]dd {key}: .*? on a new line just below (.+?) \(line (\d+)\), indented as (\w+):", hint)
    assert m, hint
    label, n, sibling = m.group(1), int(m.group(2)), m.group(3)
    named = label.rsplit(" ", 1)[-1] if label.startswith("the entry's") else label
    assert named in lines[n - 1], (hint, lines[n - 1])
    row = next(t for t in lines[n:] if t.lstrip().startswith(sibling + ":"))
    lines.insert(n, row[:len(row) - len(row.lstrip())] + f"{key}: {value}")


def _dates_to_text(data):
    if isinstance(data, dict):
        return {k: _dates_to_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_to_text(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


class Git:
    """A real git repository for tests, with dated commits."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.run("init", "-q", "-b", "main")
        self.run("config", "user.name", "Test RAIO")
        self.run("config", "user.email", "raio@test.example")
        self.run("config", "commit.gpgsign", "false")

    def run(self, *args, date: str | None = None, author: str | None = None, committer: str | None = None,
            committed: str | None = None) -> str:
        env = dict(os.environ)
        env.pop("GIT_DIR", None)
        env["FILTER_BRANCH_SQUELCH_WARNING"] = "1"  # git filter-branch otherwise waits seconds to show its warning
        if date:
            stamp = f"{date}T12:00:00+00:00" if len(date) == 10 else date
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        if committed:  # a committer date of its own (a rebase, an amend, git commit --date)
            env["GIT_COMMITTER_DATE"] = f"{committed}T12:00:00+00:00" if len(committed) == 10 else committed
        if author:
            name, _, email = author.partition("<")
            env["GIT_AUTHOR_NAME"] = name.strip()
            env["GIT_AUTHOR_EMAIL"] = email.rstrip(">").strip() or "author@test.example"
        if committer:  # "Name <e-mail>" as for author: who committed it, which git keeps apart
            name, _, email = committer.partition("<")
            env["GIT_COMMITTER_NAME"] = name.strip()
            env["GIT_COMMITTER_EMAIL"] = email.rstrip(">").strip() or "committer@test.example"
        out = subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True)
        return out.stdout

    def commit(self, message: str, date: str, paths=(".",), author: str | None = None,
               committer: str | None = None, committed: str | None = None) -> str:
        """Stage paths and commit at date (YYYY-MM-DD or ISO datetime; ``committed``: another
        committer date); returns the full hash."""
        self.run("add", "-A", "--", *[str(p) for p in paths])
        self.run("commit", "-q", "--allow-empty", "-m", message, date=date, author=author, committer=committer,
                 committed=committed)
        return self.run("rev-parse", "HEAD").strip()


@pytest.fixture
def example(tmp_path) -> Path:
    return copy_example(tmp_path / "portfolio")


def run_check(root: Path, *args: str, today: str = EXAMPLE_TODAY.isoformat()):
    """Run the check engine in-process with --today fixed; returns the CheckResult."""
    from raio_cli import check

    return check.run(root, today=dt.date.fromisoformat(today), **_opts(args))


def _opts(args) -> dict:
    opts: dict = {}
    if "--no-git" in args:
        opts["use_git"] = False
    return opts


def codes(result) -> list[str]:
    return [f.code for f in result.findings]
