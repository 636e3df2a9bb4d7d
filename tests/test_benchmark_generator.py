"""The benchmark's portfolio generator: what the benchmark README says of it holds.

More commits than the applications' timelines have steps are reviewers' notes (YAML comments):
the same findings, so that a portfolio with five times the commits measures the cost of the
history alone (benchmarks/README.md, "Linear in files, and in commits").
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402

from raio_cli import check  # noqa: E402

TODAY = dt.date(2026, 11, 15)


def _findings(root: Path):
    result = check.run(root, today=TODAY)
    assert result.history_state == "ok"
    return sorted((f.file, f.line, f.column, f.code, f.message) for f in result.findings)


def _subjects(root: Path) -> list[str]:
    out = subprocess.run(["git", "log", "--format=%s"], cwd=root, capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def test_more_commits_than_steps_are_notes_that_change_no_finding(tmp_path):
    few = generate(tmp_path / "few", 6, 20, seed=3)
    many = generate(tmp_path / "many", 6, 90, seed=3)
    assert (few["commits"], many["commits"]) == (21, 91)  # the set-up commit, then exactly M
    assert not any("review note" in s for s in _subjects(tmp_path / "few"))
    assert sum("review note" in s for s in _subjects(tmp_path / "many")) >= 90 - 6 * 8
    assert _findings(tmp_path / "few") == _findings(tmp_path / "many")


def test_the_same_seed_gives_the_same_portfolio(tmp_path):
    generate(tmp_path / "a", 3, 40, seed=5)
    generate(tmp_path / "b", 3, 40, seed=5)
    heads = [subprocess.run(["git", "rev-parse", "HEAD"], cwd=tmp_path / n, capture_output=True, text=True,
                            check=True).stdout for n in ("a", "b")]
    assert heads[0] == heads[1]
