"""Time and memory per hostile file: each must give its finding within 1 s and 100 MiB.

    .venv/bin/python benchmarks/hostile.py

Builds the corpus of tests/test_hostile.py (alias bomb, 10,000-deep nesting, a 50 MB file, binary
data, bad encodings, tabs, CRLF, conflict markers, duplicate keys, Norway values, python tags, a
200,000-character string, an empty file) and, for each file, runs the whole check (``raio_cli.check.run``,
cache off, no git) on a portfolio holding only that application, in this process after one
warm-up run, so the figures are the file's own cost: wall time and the peak of memory allocated
during the run (tracemalloc), against the budget.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from test_hostile import APP, HOSTILE  # noqa: E402

BUDGET_S, BUDGET_MIB = 1.0, 100


def main() -> int:
    import datetime as dt
    import os
    import tracemalloc

    os.environ["RAIO_NO_CACHE"] = "1"
    from raio_cli import check

    today = dt.date(2026, 11, 15)
    failures = 0
    print(f"| file | finding | wall s | peak MiB | within {BUDGET_S:.0f} s and {BUDGET_MIB} MiB |")
    print("|---|---|---|---|---|")
    for i, (name, (content, codes)) in enumerate(HOSTILE.items()):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "p"
            folder = root / "applications" / name
            folder.mkdir(parents=True)
            (root / "raio.yaml").write_text("organisation: T\nlanguage: en\n")
            (folder / "application.yaml").write_text(APP.format(id=name))
            target = folder / "effects.yaml"
            if content is None:
                with open(target, "wb") as fh:
                    for _ in range(50):
                        fh.write(b"# " + b"x" * (1024 * 1024 - 3) + b"\n")
            else:
                target.write_bytes(content)
            if i == 0:
                check.run(root, today=today, use_git=False)  # warm-up: imports, schemas, catalogs
            tracemalloc.start()
            start = time.perf_counter()
            result = check.run(root, today=today, use_git=False)
            wall = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            found = sorted({f.code for f in result.findings} & codes)
            ok = bool(found) and not result.internal_errors and wall <= BUDGET_S and peak <= BUDGET_MIB
            failures += not ok
            print(f"| {name} | {', '.join(found) or 'none'} | {wall:.2f} | {peak:.1f} | {'yes' if ok else 'NO'} |")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
