"""Fuzzing at scale: N mutated inputs through the loader and the schema layer, a sample through
the whole check. Deterministic (seeded), so a crash is reproducible by its number.

    .venv/bin/python tests/fuzz.py                 # 100,000 inputs (about two minutes on 2 cores)
    .venv/bin/python tests/fuzz.py --n 2000        # a quick run
    .venv/bin/python tests/fuzz.py --replay 12345  # print input number 12345

Mutations start from every file of the example portfolio: byte flips, insertions of YAML
syntax (anchors, tags, flow brackets, tabs, BOMs, conflict markers, NULs, surrogates), cuts,
duplications of lines, and deep nesting. A crash is any exception out of load_bytes or
schema.validate, an internal error from check.run, or the fast YAML reader (raio_cli.yamlfast)
reading an input otherwise than libyaml. The result is printed as one line and recorded in
tests/README.md.

    .venv/bin/python tests/fuzz.py --values 500    # value mutations through every command

``--values`` mutates the example portfolio one level up: one to three values of one dossier file
replaced by a value of another type or an out-of-range one (a number for a list, a mapping for
an id, an impossible date, a BSN, an escape sequence), the file written back as YAML; then
check, status, memo (Markdown and HTML), report, export (JSON and the Algorithm Register), log
and monitor run on it as a user runs them. A crash is an exception, a traceback or an internal
error in what they print.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from raio_cli import check, schema  # noqa: E402
from raio_cli.yamlio import _load_bytes, load_bytes  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "portfolio"
TOKENS = [b"&a ", b"*a", b"<<: ", b"!!python/object/apply:os.system ", b"!!binary ", b"[", b"]", b"{", b"}",
          b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"<<<<<<< HEAD\n", b"\x00", b"\xed\xa0\x80", b"---\n", b"...\n",
          b": ", b"- ", b"? ", b"|\n", b">-\n", b"'", b'"', b"#", b"%YAML 1.1\n", b"no", b"0o17", b"010", b"1:20",
          b"2026-02-30", b"123456782", b".inf", b"~", b"\r\n", b"\\u0000", b"\x85", "\u2028".encode()]


def corpus() -> list[tuple[str, bytes]]:
    files = [(p.stem, p.read_bytes()) for p in sorted(EXAMPLE.rglob("*.yaml"))]
    return [(name if name in schema.SCHEMA_NAMES else "application", raw) for name, raw in files]


def mutate(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif op == 1:
            data[at:at] = rng.choice(TOKENS)
        elif op == 2:
            del data[at:at + rng.randint(1, 40)]
        elif op == 3:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif op == 4:
            depth = rng.randint(1, 3000)
            data[at:at] = b"[" * depth + b"]" * depth
        else:
            data = data[:at]
    return bytes(data)


def disagreement(raw: bytes) -> str:
    """What the fast YAML reader gives otherwise than libyaml for ``raw`` ("" when nothing)."""
    fast, slow = _load_bytes(raw, "f.yaml", "fuzz-app"), _load_bytes(raw, "f.yaml", "fuzz-app", fast=False)
    for name in ("data", "pos", "keypos", "coerced", "findings", "suppressions"):
        a, b = getattr(fast, name), getattr(slow, name)
        if a != b and repr(a) != repr(b):  # repr: NaN is not equal to itself
            return name
    return ""


def one(i: int, files) -> tuple[str, bytes]:
    rng = random.Random(i)
    name, raw = files[rng.randrange(len(files))]
    return name, mutate(rng, raw)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--check-every", type=int, default=500, help="run the whole check on every Nth input")
    parser.add_argument("--replay", type=int)
    parser.add_argument("--values", type=int, metavar="N", help="N value mutations through every command instead")
    args = parser.parse_args()
    if args.values is not None:
        return values_main(args.values)
    files = corpus()
    if args.replay is not None:
        sys.stdout.buffer.write(one(args.replay, files)[1])
        return 0
    crashes, started = [], time.perf_counter()
    today = dt.date(2026, 11, 15)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        (root / "applications" / "fuzz-app").mkdir(parents=True)
        (root / "raio.yaml").write_text("organisation: Fuzz\nlanguage: en\n")
        for i in range(args.n):
            name, raw = one(i, files)
            try:
                loaded = load_bytes(raw, f"{name}.yaml", "fuzz-app")
                schema.validate(loaded, name, "fuzz-app")
                differs = disagreement(raw)
                if differs:
                    raise AssertionError(f"the fast YAML reader and libyaml read its {differs} otherwise")
                if i % args.check_every == 0:
                    target = root / "applications" / "fuzz-app" / f"{name if name != 'raio' else 'application'}.yaml"
                    target.write_bytes(raw)
                    result = check.run(root, today=today, use_git=False)
                    if result.internal_errors:
                        raise RuntimeError(result.internal_errors[0])
                    target.unlink()
            except Exception as exc:  # noqa: BLE001 - a crash is what we are looking for
                crashes.append((i, f"{type(exc).__name__}: {exc}"[:200]))
    elapsed = time.perf_counter() - started
    print(f"{args.n} inputs, {len(crashes)} crashes, {elapsed:.0f} s")
    for i, message in crashes[:20]:
        print(f"  input {i}: {message}  (replay: python tests/fuzz.py --replay {i})")
    return 1 if crashes else 0


# --------------------------------------------------------------------------------------------
# value mutations through every command

HOSTILE = [None, "", 0, -1, 1.5, 10 ** 30, float("nan"), float("inf"), "2026-02-30", "9999-12-31", "1900-01-01",
           dt.date(1970, 1, 1), [], {}, [None], [{}], {"id": "E1"}, ["a", "b"], [1, 2, 3], [0.9, 0.1], "x" * 3000,
           True, False, "123456782", "\x1b[31mred", "\u202eevil", "E1", "E9", "scale-up", "stop", "extend",
           "production", "retired", "pilot", "benefit", "guardrail", {"tp": 0, "fp": 0, "fn": 0, "tn": 0},
           {"tp": -1, "fp": 2, "fn": 3, "tn": 4}, 95, 0.8, 200, "high", "none", "IIb"]


def _value_paths(node, prefix=()):
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _value_paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _value_paths(v, prefix + (i,))


def mutate_values(rng: random.Random, root: Path) -> tuple[str, str]:
    """Replace one to three values of one dossier file of ``root``; (the file, its application)."""
    import yaml

    path = rng.choice(sorted((root / "applications").glob("*/*.yaml")))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _ in range(rng.randint(1, 3)):
        depth = rng.choice((1, 2, 2, 3, 99))  # top-level keys and their children most often
        paths = [p for p in _value_paths(data) if len(p) <= depth]
        if not paths:
            break
        where = rng.choice(paths)
        node = data
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = rng.choice(HOSTILE)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path.relative_to(root)), path.parent.name


def _run_cli(argv: list[str]) -> str:
    """What ``raio argv`` prints when it crashes ("" when it does not)."""
    import contextlib
    import io
    import traceback

    from raio_cli import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            cli.main(argv)
        except SystemExit:
            pass
        except BaseException:  # noqa: BLE001 - a crash is what we are looking for
            return traceback.format_exc(limit=-3)
    text = out.getvalue()
    found = next((line for line in text.splitlines() if "internal error" in line or "Traceback" in line), "")
    return found


def values_main(n: int) -> int:
    import shutil

    crashes, started = [], time.perf_counter()
    today = "2026-11-15"
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            root = Path(tmp) / f"p{i}"
            shutil.copytree(EXAMPLE, root)
            rel, app = mutate_values(random.Random(i), root)
            p = str(root)
            for argv in (["check", p, "--no-git", "--no-cache", "--today", today],
                         ["status", p, "--no-git", "--no-cache", "--today", today],
                         ["memo", app, "-p", p, "-f", "md", "-o", str(root / "m.md"), "--force", "--today", today],
                         ["memo", app, "-p", p, "-f", "html", "-o", str(root / "m.html"), "--force", "--today", today,
                          "--lang", "en"],
                         ["report", p, "-f", "md", "-o", str(root / "r.md"), "--force", "--no-git", "--today", today],
                         ["export", p, "-f", "json", "-o", str(root / "e.json"), "--force"],
                         ["export", p, "-f", "algoritmeregister", "-o", str(root / "e.reg"), "--force"],
                         ["monitor", app, "-p", p, "--today", today]):
                crash = _run_cli(argv)
                if crash:
                    crashes.append((i, f"{rel}: raio {argv[0]}: {crash.strip()}"[:300]))
            shutil.rmtree(root)
    elapsed = time.perf_counter() - started
    print(f"{n} value mutations, {len(crashes)} crashes, {elapsed:.0f} s")
    for i, message in crashes[:20]:
        print(f"  mutation {i}: {message}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
