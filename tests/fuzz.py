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

    .venv/bin/python tests/fuzz.py --values 500             # value mutations through every command
    .venv/bin/python tests/fuzz.py --values 1 --seed 1234   # mutation number 1234 only

``--values`` mutates the example portfolio one level up: one to three values of one dossier file
(of raio.yaml one time in six; of a monitoring file's results series half of the time it picks
one) replaced by a value of another type or an out-of-range one (a number for a list, a mapping
for an id, an impossible date, a BSN, an escape sequence, a regular expression that does not
compile), the file written back as YAML; then check, status, memo (Markdown and HTML; Word and
PDF for every fifth mutation), report, export (JSON and the Algorithm Register) and monitor (show, and a result with --dry-run)
run on it as a user runs them. A crash is an exception, a traceback or an internal error in what
they print, an exit code raio does not document, or a YAML file of the portfolio changed or gone
after them.
"""

from __future__ import annotations

import argparse
import copy
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
    ending = rng.randrange(8)  # one input in four has its lines ended as Windows (\r\n) or old Mac editors (\r) end them
    data = bytearray(raw if ending > 1 else raw.replace(b"\n", (b"\r\n", b"\r")[ending]))
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
    for name in ("data", "pos", "keypos", "coerced", "comments", "findings", "suppressions"):
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
    parser.add_argument("--seed", type=int, default=0, help="with --values: the number of the first mutation")
    args = parser.parse_args()
    if args.values is not None:
        return values_main(args.values, args.seed)
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


#: Values for raio.yaml besides HOSTILE: regular expressions that do not compile or match
#: everything, e-mail domains that are not one, a person or a pattern of the wrong shape.
CONFIG_HOSTILE = ["[", "(?P<x", "\\", "*", "a{2,1}", "(?i)x(?i)", "", ".*", "^", "(", "@", ".", "noorderzon.example",
                  "x" * 300, {"name": None, "regex": "["}, {"regex": "("}, [{"name": "p", "regex": "["}],
                  [{"name": "p"}], {"name": "x", "role": None, "email": 3}, [{"role": "RAIO"}], "nl", "de", "en",
                  "error", "warning", "info", -365, 0, 100000, {"require_fields": "pilot.plan.analysis"},
                  {"pilot": {"require_items": [None]}}, [{"id": "x"}], [{"id": None, "required_from": "mars"}]]


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
    """Replace one to three values of one file of ``root``: a dossier file most often, raio.yaml
    one time in six; in a monitoring.yaml the results series half of the time. (The file, the
    application the commands for one application run on.)"""
    import yaml

    dossiers = sorted((root / "applications").glob("*/*.yaml"))
    config = rng.randrange(6) == 0
    path = root / "raio.yaml" if config else rng.choice(dossiers)
    app = rng.choice(dossiers).parent.name if config else path.parent.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if config:  # every policy key raio reads, the defaults for those raio.yaml leaves out
        from raio_cli.portfolio import policy_defaults

        for key, value in policy_defaults().items():
            data.setdefault("policy", {}).setdefault(key, value)
    series = path.name == "monitoring.yaml" and rng.randrange(2) == 0
    values = HOSTILE + CONFIG_HOSTILE if config else HOSTILE
    for _ in range(rng.randint(1, 3)):
        depth = rng.choice((1, 2, 2, 3, 99))  # top-level keys and their children most often
        if series:  # a date, a value, a metric id or a whole result of the series
            paths = [p for p in _value_paths(data) if p[0] == "results"]
        else:
            paths = [p for p in _value_paths(data) if len(p) <= depth]
        if not paths:
            break
        where = rng.choice(paths)
        node = data
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = copy.deepcopy(rng.choice(values))  # a copy: the next pick may go inside it
        if series and rng.randrange(3) == 0 and isinstance(node, dict) and where[-2:-1] == ("values",):
            node[rng.choice(HOSTILE[:4] + ["M9", "", "E1"])] = copy.deepcopy(rng.choice(values))  # an unknown or odd metric
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path.relative_to(root)), app


#: The exit codes raio documents: 0 clean, 1 findings at or above the failing severity, 2 usage or error.
EXIT_CODES = (0, 1, 2)


def _run_cli(argv: list[str]) -> str:
    """What ``raio argv`` prints when it crashes ("" when it does not): an exception, a traceback
    or an internal error in its output, or an exit code raio does not document."""
    import contextlib
    import io
    import traceback

    from raio_cli import cli

    out, code = io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            cli.main(argv)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else done.code)
        except BaseException:  # noqa: BLE001 - a crash is what we are looking for
            return traceback.format_exc(limit=-3)
    text = out.getvalue()
    found = next((line for line in text.splitlines() if "internal error" in line or "Traceback" in line), "")
    if not found and code not in EXIT_CODES:
        found = f"exit code {code!r}: {text.strip()[-200:]}"
    return found


def _dossier_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def values_main(n: int, seed: int = 0) -> int:
    """``n`` value mutations, numbered from ``seed``; each crash is printed as it is found."""
    import shutil

    crashes, started = [], time.perf_counter()
    today = "2026-11-15"
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(seed, seed + n):
            root = Path(tmp) / f"p{i}"
            shutil.copytree(EXAMPLE, root)
            rel, app = mutate_values(random.Random(i), root)
            before = _dossier_files(root)
            p = str(root)
            found = []
            # Word and PDF take a second or more each on a busy machine: every fifth mutation
            documents = [["memo", app, "-p", p, "-f", "docx", "-o", str(root / "m.docx"), "--force", "--today", today],
                         ["memo", app, "-p", p, "-f", "pdf", "-o", str(root / "m.pdf"), "--force", "--today", today,
                          "--lang", "en"]] if i % 5 == 0 else []
            commands = [["check", p, "--no-git", "--no-cache", "--today", today],
                        ["status", p, "--no-git", "--no-cache", "--today", today],
                        ["memo", app, "-p", p, "-f", "md", "-o", str(root / "m.md"), "--force", "--today", today],
                        ["memo", app, "-p", p, "-f", "html", "-o", str(root / "m.html"), "--force", "--today", today,
                         "--lang", "en"],
                        ["report", p, "-f", "md", "-o", str(root / "r.md"), "--force", "--no-git", "--today", today],
                        ["export", p, "-f", "json", "-o", str(root / "e.json"), "--force"],
                        ["export", p, "-f", "algoritmeregister", "-o", str(root / "e.reg"), "--force"],
                        ["monitor", app, "-p", p, "--today", today],
                        ["monitor", app, "result", "-p", p, "--date", "2026-11-14", "--value", "M1=1", "--by", "fuzz",
                         "--dry-run", "--today", today]]
            for argv in documents + commands:
                crash = _run_cli(argv)
                if crash:
                    what = argv[0] + (f" -f {argv[argv.index('-f') + 1]}" if "-f" in argv else " result" * ("result" in argv))
                    found.append((i, f"{rel}: raio {what}: {crash.strip()}"[:300]))
            changed = [name for name, raw in _dossier_files(root).items() if before.get(name) != raw]
            changed += [name for name in before if not (root / name).exists()]
            if changed:
                found.append((i, f"{rel}: a command changed or removed {', '.join(changed)}"))
            for crash in found:
                print(f"  mutation {crash[0]}: {crash[1]}", flush=True)
            crashes += found
            shutil.rmtree(root)
    elapsed = time.perf_counter() - started
    print(f"{n} value mutations, {len(crashes)} crashes, {elapsed:.0f} s (mutations {seed} to {seed + n - 1})")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
