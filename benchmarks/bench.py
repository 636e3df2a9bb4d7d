"""Benchmark ``raio check`` against check-jsonschema on synthetic portfolios.

    python benchmarks/bench.py [--sizes 100,1000,5000,1000x15000,5000x3000] [--runs 5] [--peer-sizes 1000] [--write-readme]

For each size N it generates (once, seeded, see generate.py) a portfolio of N applications with
six dossier files each and a git history of 3 × N commits (a size written NxM: M commits), then
times, in one run and alternating the commands round by round (so that a busy moment of the
machine hits every command alike):

- ``raio check`` cold: every check, git history included, without the re-check cache;
- check-jsonschema validating the same files against the same schemas (one invocation per
  schema, one after the other, as a CI job would run it), twice: as ``pip install
  check-jsonschema`` installs it (its YAML library then parses in pure Python) and with
  ruamel.yaml.clib added (parsing in C); only for ``--peer-sizes``;
- ``raio check`` again with nothing changed (served from the re-check cache);
- the cost against the portfolio's size, in files and in commits apart: cold times of sizes
  with the same number of commits, and of sizes with the same number of applications, divided;
- and once, on the 1,000-application portfolio (or the largest below it): ``raio check`` cold
  with ``--format json`` (as CI jobs run it), ``raio check`` on a one-application portfolio, ``raio --help`` and ``raio --version`` against ``python -c pass``
  and ``check-jsonschema --version``; ``raio status`` (text), ``raio log`` of one application
  and ``raio report`` (HTML) with nothing changed, and a Markdown and a PDF memo. These find the
  re-check cache as a user does after a check: warm (the warm-up round fills it, and the status
  keeps its rows there too).

Every command runs ``--runs`` times (at least five) after one untimed warm-up; the table gives
medians of wall time and CPU time (user + system, the process and its workers) and the peak
resident memory of the largest process (the parent or a worker: ``ru_maxrss``, measured through
GNU time when it is there, so that the benchmark's own Python, forked to start each command,
does not count).
check-jsonschema runs from the benchmark's own environments ``benchmarks/.venv-peer-pure`` and
``benchmarks/.venv-peer-c`` (created with pip on first use; ignored by git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

SCHEMAS = ("raio", "application", "problem", "effects", "compliance", "pilot", "monitoring")
#: GNU time reports the peak memory of what it runs without counting the forking Python.
TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") and sys.platform.startswith("linux") else None
RSS_FILE = Path(os.environ.get("TMPDIR", "/tmp")) / f"raio-bench-rss-{os.getpid()}.txt"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


# --------------------------------------------------------------------------------------------
# tools


def raio_exe() -> str:
    here = Path(sys.executable).parent / "raio"
    return str(here) if here.exists() else (shutil.which("raio") or "raio")


#: The two ways the peer can be installed: as ``pip install check-jsonschema`` gives it today
#: (ruamel.yaml 0.19 without its optional C extension: YAML parsed in pure Python), and with
#: ruamel.yaml.clib added, so that its ``YAML(typ="safe")`` parses with libyaml in C.
PEERS = {"pure": ("check-jsonschema",), "c": ("check-jsonschema", "ruamel.yaml.clib")}
PEER_LABEL = {"pure": "check-jsonschema (pip default: pure-Python YAML)", "c": "check-jsonschema + ruamel.yaml.clib (C YAML)"}


def peer_exe(kind: str) -> str:
    """check-jsonschema in the benchmark's own environment ``benchmarks/.venv-peer-<kind>``,
    installed on first use, and checked to parse YAML the way ``kind`` says."""
    venv = HERE / f".venv-peer-{kind}"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / "check-jsonschema"
    if not exe.exists():
        print(f"installing {' '.join(PEERS[kind])} into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(bindir / "pip"), "install", "--quiet", *PEERS[kind]], check=True)
    probe = subprocess.run([str(bindir / "python"), "-c", "import ruamel.yaml as r; print(r.YAML(typ='safe').Parser.__module__)"],
                           capture_output=True, text=True)
    in_c = "clib" in probe.stdout or "_ruamel_yaml" in probe.stdout
    if in_c != (kind == "c"):
        raise SystemExit(f"{venv}: check-jsonschema parses YAML {'in C' if in_c else 'in Python'}, expected the other; "
                         f"remove the folder and run again")
    return str(exe)


def peer_version(exe: str) -> str:
    out = subprocess.run([exe, "--version"], capture_output=True, text=True)
    return out.stdout.strip().rsplit(" ", 1)[-1] or "?"


def portfolio(work: Path, apps: int, commits: int, seed: int) -> Path:
    """The generated portfolio for these parameters (made once, then reused)."""
    from generate import generate

    path = work / f"p{apps}-c{commits}-s{seed}"
    stamp = work / f"{path.name}.json"
    source = (HERE / "generate.py").read_bytes()
    want = {"apps": apps, "commits": commits, "seed": seed, "generator": hash_bytes(source)}
    if path.exists() and stamp.exists() and json.loads(stamp.read_text()).get("params") == want:
        return path
    if path.exists():
        shutil.rmtree(path)
    t = time.perf_counter()
    info = generate(path, apps, commits, seed)
    info["seconds"] = round(time.perf_counter() - t, 1)
    stamp.write_text(json.dumps({"params": want, "info": info}))
    print(f"generated {path.name}: {info}", file=sys.stderr)
    return path


def parse_sizes(text: str, per_app: int) -> list[tuple[int, int]]:
    """``100,1000,1000x15000`` -> [(applications, commits)]: N alone has ``per_app`` × N commits."""
    out = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if part:
            apps, _, commits = part.partition("x")
            out.add((int(apps), int(commits) if commits else int(apps) * per_app))
    return sorted(out)


def size_label(size: tuple[int, int], per_app: int) -> str:
    """``1000`` for the usual commits per application, else ``1000 apps, 15000 commits``."""
    apps, commits = size
    return str(apps) if commits == apps * per_app else f"{apps} apps, {commits} commits"


def hash_bytes(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def info_of(work: Path, path: Path) -> dict:
    return json.loads((work / f"{path.name}.json").read_text())["info"]


# --------------------------------------------------------------------------------------------
# measuring


class Command:
    def __init__(self, name: str, argv: list[list[str]], cwd: Path | None = None, size: int | None = None):
        self.name, self.argv, self.cwd, self.size = name, argv, cwd, size
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.rss: list[int] = []
        self.codes: set[int] = set()

    def run(self, env: dict, record: bool = True) -> None:
        wall = cpu = 0.0
        rss = 0
        for argv in self.argv:  # several invocations (check-jsonschema per schema) count as one
            if TIME:  # a small C program as the direct child, so no copy of this Python counts
                argv = [TIME, "-f", "%M", "-o", str(RSS_FILE), *argv]
            t = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=self.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            wall += time.perf_counter() - t
            err = proc.stderr.read() if proc.stderr else b""
            proc.stderr.close()
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                raise SystemExit(f"{self.name}: {' '.join(argv[:8])} ... exited {code}: {err.decode(errors='replace')[-500:]}")
            self.codes.add(code)
            cpu += usage.ru_utime + usage.ru_stime
            peak = usage.ru_maxrss  # KiB on Linux: the largest process of the tree
            if TIME:
                try:
                    peak = int(RSS_FILE.read_text().split()[-1])
                except (OSError, ValueError, IndexError):
                    pass
            rss = max(rss, peak)
        if record:
            self.wall.append(wall)
            self.cpu.append(cpu)
            self.rss.append(rss)

    def median(self, what: str) -> float:
        return statistics.median(getattr(self, what))


def measure(commands: list[Command], runs: int, env: dict) -> None:
    for c in commands:  # warm-up: page cache, .pyc files, the re-check cache
        c.run(env, record=False)
    for r in range(runs):
        order = commands[r % len(commands):] + commands[:r % len(commands)]  # alternate, and rotate
        for c in order:
            c.run(env)
        print(f"  round {r + 1}/{runs} done", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# the run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="application counts, comma-separated (e.g. 100,1000,5000); "
                        "NxM for N applications with M commits (default M: --commits-per-app × N)")
    parser.add_argument("--peer-sizes", default="1000", help="sizes at which check-jsonschema runs too ('all' or a list)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (at least 5)")
    parser.add_argument("--commits-per-app", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "raio-bench",
                        help="where portfolios, the re-check cache and memos go")
    parser.add_argument("--write-readme", action="store_true", help="put the table into benchmarks/README.md")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (medians of fewer runs say little)")
    sizes = parse_sizes(args.sizes, args.commits_per_app)
    peer_sizes = set(sizes) if args.peer_sizes == "all" else set(parse_sizes(args.peer_sizes, args.commits_per_app))
    args.work.mkdir(parents=True, exist_ok=True)

    from raio_cli import __version__
    from raio_cli.demo import example_as_of

    today = example_as_of().isoformat()
    raio = raio_exe()
    peers = {kind: peer_exe(kind) for kind in PEERS} if peer_sizes & set(sizes) else {}
    peer = peers.get("c")
    env = dict(os.environ, NO_COLOR="1", RAIO_CACHE_DIR=str(args.work / "cache"))
    env.pop("RAIO_NO_CACHE", None)
    env.pop("RAIO_JOBS", None)
    # as installed: Python keeps compiled modules (the warm-up run writes them); without them
    # every run would compile the modules again, which no user's installation does
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    commands: list[Command] = []
    per_size: dict[tuple[int, int], dict] = {}
    for size in sizes:
        n = size_label(size, args.commits_per_app)
        path = portfolio(args.work, *size, args.seed)
        per_size[size] = {"path": path, "info": info_of(args.work, path), "label": n}
        check = [raio, "check", str(path), "--today", today]
        commands.append(Command(f"raio check, cold ({n})", [check + ["--no-cache"]], size=n))
        commands.append(Command(f"raio check, nothing changed ({n})", [check], size=n))
        if peers and size in peer_sizes:
            files = {s: sorted(str(p) for p in (path / "applications").glob(f"*/{s}.yaml")) for s in SCHEMAS}
            files["raio"] = [str(path / "raio.yaml")]
            for kind, exe in peers.items():
                argv = [[exe, "--schemafile", str(ROOT / "schemas" / f"{s}.schema.json"), *files[s]] for s in SCHEMAS if files[s]]
                commands.append(Command(f"{PEER_LABEL[kind]} ({n})", argv, size=n))

    usual = [s for s in sizes if size_label(s, args.commits_per_app).isdigit()] or sizes
    main = max([s for s in usual if s[0] <= 1000] or usual)
    big, main_size = per_size[main]["path"], per_size[main]["label"]
    one = portfolio(args.work, 1, args.commits_per_app, args.seed)
    # as CI jobs often run it: the findings written as JSON, which once held 10 MiB more at the peak
    commands.append(Command(f"raio check, cold, --format json ({main_size})",
                            [[raio, "check", str(big), "--today", today, "--no-cache", "--format", "json"]]))
    commands.append(Command("raio check, one application", [[raio, "check", str(one), "--today", today, "--no-cache"]]))
    commands.append(Command("raio --help", [[raio, "--help"]]))
    commands.append(Command("raio --version", [[raio, "--version"]]))
    commands.append(Command("python -c pass", [[sys.executable, "-c", "pass"]]))
    if peer is not None:
        commands.append(Command("check-jsonschema --version", [[peer, "--version"]]))
    memo_app = next((p.name for p in sorted((big / "applications").iterdir()) if p.name.startswith("longnodule-ct")), None)
    memo_ok = memo_app is not None and subprocess.run([raio, "memo", "--help"], capture_output=True, env=env).returncode == 0
    commands.append(Command(f"raio status, nothing changed ({main_size})", [[raio, "status", str(big), "--today", today]]))
    if memo_app is not None:
        commands.append(Command(f"raio log APP ({main_size})", [[raio, "log", memo_app, "-p", str(big), "--today", today]]))
    commands.append(Command(f"raio report -f html, nothing changed ({main_size})",
                            [[raio, "report", str(big), "--today", today, "-o", str(args.work / "report.html"), "--force"]]))
    if memo_ok:
        for fmt in ("md", "pdf"):
            out = args.work / f"memo.{fmt}"
            commands.append(Command(f"raio memo -f {fmt} ({main_size})", [[raio, "memo", memo_app, "-p", str(big), "--today", today,
                                                                            "-f", fmt, "-o", str(out), "--force"]]))

    started = time.time()
    measure(commands, args.runs, env)
    table = report(commands, per_size, peer, args, __version__, today, memo_ok, started)
    print(table)
    if args.write_readme:
        write_readme(table)
    return 0


def report(commands, per_size, peer, args, version, today, memo_ok, started) -> str:
    by = {c.name: c for c in commands}
    lines = [f"raio {version}, check-jsonschema {peer_version(peer) if peer else '(not run)'}, Python {platform.python_version()}, "
             f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; {args.runs} runs per command, medians; "
             f"measured {dt.datetime.fromtimestamp(started).strftime('%Y-%m-%d %H:%M')} (load average before: "
             f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}).", ""]
    for v in per_size.values():
        i = v["info"]
        lines.append(f"- {v['label']}: {i['apps']} applications, {i['files']} dossier files ({i['bytes'] / 1e6:.1f} MB), "
                     f"{i['commits']} commits.")
    lines += ["", "| command | wall (s) | CPU (s) | peak memory (MiB) |", "|---|---:|---:|---:|"]
    for c in commands:
        lines.append(f"| {c.name} | {c.median('wall'):.3f} | {c.median('cpu'):.3f} | {c.median('rss') / 1024:.0f} |")
    lines += ["", "| ratio | value | target |", "|---|---:|---:|"]

    def ratio(label, a, b, target):
        if a in by and b in by:
            lines.append(f"| {label} | {by[a].median('wall') / by[b].median('wall'):.3f} | {target} |")

    for n in (v["label"] for v in per_size.values()):
        for kind in PEERS:
            ratio(f"raio check cold / {PEER_LABEL[kind]} ({n})", f"raio check, cold ({n})", f"{PEER_LABEL[kind]} ({n})", "≤ 0.10")
    ratio("raio --help / check-jsonschema --version", "raio --help", "check-jsonschema --version", "≤ 0.40")
    ratio("raio --version / check-jsonschema --version", "raio --version", "check-jsonschema --version", "")

    def cold(size):
        return by[f"raio check, cold ({per_size[size]['label']})"].median("wall")

    sizes = sorted(per_size)
    usual = [s for s in sizes if per_size[s]["label"].isdigit()]
    for a, b in zip(usual, usual[1:]):  # applications and commits both grow
        lines.append(f"| cold time {b[0]} / {a[0]} applications, commits alike (linear: {b[0] / a[0]:.0f}) | "
                     f"{cold(b) / cold(a):.2f} | |")
    for a in sizes:  # one of the two grows, the other stays
        for b in sizes:
            if a[1] == b[1] and b[0] > a[0]:
                lines.append(f"| cold time, {a[1]} commits: {b[0]} / {a[0]} applications (linear: {b[0] / a[0]:.0f}) | "
                             f"{cold(b) / cold(a):.2f} | |")
            if a[0] == b[0] and b[1] > a[1]:
                lines.append(f"| cold time, {a[0]} applications: {b[1]} / {a[1]} commits (linear: {b[1] / a[1]:.0f}) | "
                             f"{cold(b) / cold(a):.2f} | |")
    if not memo_ok:
        lines += ["", "raio memo was not available in this build: the memo timings are missing."]
    return "\n".join(lines)


def write_readme(table: str) -> None:
    path = HERE / "README.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    args, skip = [], False
    for arg in sys.argv[1:]:  # the command as anyone would type it: no --work folder of this machine
        if skip:
            skip = False
        elif arg == "--work":
            skip = True
        elif not arg.startswith("--work=") and arg != "--write-readme":
            args.append(arg)
    command = " ".join(["python", "benchmarks/bench.py", *args])
    block = f"{BEGIN}\nLatest figures, from `{command}`:\n\n{table}\n{END}"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
