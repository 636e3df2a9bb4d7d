"""A seeded generator of synthetic portfolios for the benchmark.

    python benchmarks/generate.py OUT --apps 1000 --commits 3000 [--seed 7]

N applications are made from the example portfolio's applications (every stage is represented):
each copy gets its own id, its dates moved by a seeded random number of days, its numbers
jittered and its free texts (descriptions, designs, notes) made its own, so files are realistic
1–5 KB dossiers that differ from each other as real ones do. Every application has all six
files: a proposal gets the draft pilot plan that ``raio new-pilot`` scaffolds, and an application
before production the monitoring plan it prepares for go-live (metrics for its effects, no
results yet), so 1,000 applications make 6,000 files. The git history replays each
application's timeline (proposal, pre-registration before plan.start, stage changes, outcome,
decision, monitoring) as in ``raio demo``; the events are then grouped into exactly M dated
commits in date order and written with one ``git fast-import`` stream (seconds, not minutes).
When M is larger than the timelines have steps (about six per application), reviewers' dated
notes (a YAML comment added to a file an application holds at that moment) make up the rest, so
the commits can grow while the applications stay (see :func:`review_notes`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from raio_cli.demo import Event, example_as_of, shift_dates, timeline  # noqa: E402
from raio_cli.resources import examples_dir, schemas_dir  # noqa: E402

_NUMBER = re.compile(r"(?<=: )(\d+\.\d+)(?=\s*$)", re.M)
#: Plain one-line free texts: made unique per application (real dossiers do not share them).
_FREE_TEXT = re.compile(r"^(\s*(?:- )?(?:description|design|statement|population|notes|measurement|summary|"
                        r"rationale|reason|follow_up|current_practice|title): )([^'\"|>&*!#\n][^\n]*?)\s*$", re.M)
_WORDS = ("volgens de werkgroep", "na overleg met de vakgroep", "zoals besproken in het AI-overleg",
          "op basis van de nulmeting", "met de klinisch fysicus", "in lijn met het kwaliteitsbeleid",
          "na navraag bij de leverancier", "conform het afdelingsprotocol")


def jitter(text: str, rng: random.Random) -> str:
    """Move decimal values a little (observed values, baselines), keeping their precision."""
    def move(m):
        value = float(m[1])
        digits = len(m[1].split(".")[1])
        return f"{value * rng.uniform(0.97, 1.03):.{digits}f}"
    return _NUMBER.sub(move, text)


def own_texts(text: str, rng: random.Random, n: int) -> str:
    """Give the plain free texts of a file this application's own wording."""
    def vary(m):
        value = m[2]
        if ": " in value or " #" in value or len(value) < 12:
            return m[0]
        return f"{m[1]}{value.rstrip('.')}, {rng.choice(_WORDS)} (dossier {n:04d})."
    return _FREE_TEXT.sub(vary, text)


def draft_pilot(application: str, rng: random.Random) -> str:
    """The draft pilot plan of a proposal, as ``raio new-pilot`` leaves it to be filled in."""
    since = re.search(r"^stage_since: (\d{4}-\d{2}-\d{2})", application, re.M)
    day = dt.date.fromisoformat(since[1]) if since else dt.date(2026, 10, 1)
    start = day + dt.timedelta(days=rng.randint(120, 200))
    end = start + dt.timedelta(days=rng.choice((90, 120, 180)))
    return (
        "# yaml-language-server: $schema=../../.raio/schemas/pilot.schema.json\n"
        "# Concept: wordt uitgewerkt als het voorstel is goedgekeurd.\n"
        "plan:\n"
        f"  design: Prospectieve pilot met voor- en nameting op de afdeling; opzet volgt na goedkeuring van het voorstel.\n"
        f"  start: {start.isoformat()}\n"
        f"  end: {end.isoformat()}\n"
        "  sites:\n"
        "    - Noorderzon locatie Centrum\n"
        "  population: Patiënten binnen de indicatie van de toepassing, volgens het werkvoorschrift.\n"
        f"  sample_size: {rng.choice((60, 100, 150, 200))}\n"
        "  analysis: Vergelijking met de nulmeting; intervallen volgens Wilson.\n"
    )


def monitoring_plan(effects: str, owner: str) -> str:
    """A monitoring plan prepared before go-live: one metric per effect, no results yet."""
    blocks = re.split(r"^  - id: ", effects, flags=re.M)[1:]
    lines = ["# yaml-language-server: $schema=../../.raio/schemas/monitoring.schema.json",
             "# Monitoringplan, opgesteld vóór ingebruikname; resultaten volgen na de livegang.",
             "plan:", "  frequency: monthly", f"  owner: {owner}", "  metrics:"]
    for i, block in enumerate(blocks, 1):
        eid = block.split("\n", 1)[0].strip()
        field = lambda name: (re.search(rf"^    {name}: (.+)$", block, re.M) or [None, None])[1]  # noqa: E731
        metric, unit, direction = field("metric"), field("unit"), field("direction")
        threshold = field("limit") or field("target")
        if not (metric and unit and direction in ("increase", "decrease")):
            continue
        lines += [f"    - id: M{i}", f"      effect: {eid}", f"      description: {metric}",
                  f"      unit: {unit}", f"      direction: {direction}"]
        try:
            lines.append(f"      alert_threshold: {float(threshold):g}")
        except (TypeError, ValueError):
            pass
    lines += ["results: []", "incidents: []"]
    return "\n".join(lines) + "\n"


def review_notes(events: list[Event], count: int, rng: random.Random, today: dt.date) -> list[Event]:
    """``count`` more events, each a reviewer's dated note (a YAML comment, so no finding
    changes) added to one YAML file that its application holds on that day, between the steps of
    its timeline."""
    steps: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: e.date):
        steps.setdefault(e.app, []).append(e)
    apps = sorted(steps)
    notes = []
    for k in range(count):
        app = apps[rng.randrange(len(apps))]
        own = steps[app]
        j = rng.randrange(len(own))
        end = own[j + 1].date if j + 1 < len(own) else today
        when = own[j].date + dt.timedelta(days=rng.randint(0, max(0, (end - own[j].date).days)))
        held: dict[str, str] = {}
        for e in own:  # what the application holds that day: its steps up to and including it
            if e.date <= when:
                held.update(e.files)
        paths = sorted(p for p in held if p.endswith(".yaml"))
        if not paths:
            continue
        path = paths[rng.randrange(len(paths))]
        text = held[path] if held[path].endswith("\n") else held[path] + "\n"
        notes.append(Event(when, app, f"{app}: review note", own[j].author,
                           {path: f"{text}# review note {k + 1}, {when.isoformat()}\n"}))
    return notes


def generate(out: Path, apps: int, commits: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    source = examples_dir() / "portfolio"
    templates = [p for p in sorted((source / "applications").iterdir()) if (p / "application.yaml").exists()]
    today = example_as_of()
    out.mkdir(parents=True, exist_ok=False)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    events: list[Event] = []
    for i in range(apps):
        template = templates[i % len(templates)]
        app_id = f"{template.name[:50]}-{i:04d}"
        days = -rng.randint(0, 300)
        texts = {}
        for p in sorted(template.glob("*.yaml")):
            text = shift_dates(p.read_text(encoding="utf-8"), days)
            text = re.sub(r"^id: .*$", f"id: {app_id}", text, count=1, flags=re.M)
            texts[p.name] = own_texts(jitter(text, rng), rng, i)
        if "pilot.yaml" not in texts:
            texts["pilot.yaml"] = draft_pilot(texts["application.yaml"], rng)
        if "monitoring.yaml" not in texts and "effects.yaml" in texts:
            owner = re.search(r"^  name: (.+)$", texts["application.yaml"], re.M)
            texts["monitoring.yaml"] = monitoring_plan(texts["effects.yaml"], owner[1] if owner else "RAIO")
        events += timeline(texts, app_id, today)
    if commits > len(events):  # its own random numbers: portfolios with fewer commits stay as they were
        events += review_notes(events, commits - len(events), random.Random(seed + 1), today)
    events.sort(key=lambda e: (e.date, e.app))  # stable: a note comes after the steps of its day
    groups = [events[round(k * len(events) / commits):round((k + 1) * len(events) / commits)] for k in range(commits)]
    setup = {"raio.yaml": (source / "raio.yaml").read_text(encoding="utf-8")}
    for schema in schemas_dir().glob("*.schema.json"):
        setup[f".raio/schemas/{schema.name}"] = schema.read_text(encoding="utf-8")
    stream = bytearray()
    first = (events[0].date if events else today) - dt.timedelta(days=7)
    _commit(stream, 1, first, "RAIO <raio@example.invalid>", "Set up the portfolio", setup, parent=None)
    mark = 1
    for group in groups:
        if not group:
            continue
        files: dict[str, str] = {}
        for event in group:
            files.update(event.files)
        mark += 1
        message = group[0].message if len(group) == 1 else f"{len(group)} dossier updates"
        _commit(stream, mark, group[-1].date, group[0].author, message, files, parent=mark - 1)
    subprocess.run(["git", "fast-import", "--quiet"], input=bytes(stream), cwd=out, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True)
    n_files = sum(1 for _ in (out / "applications").rglob("*.yaml"))
    return {"apps": apps, "files": n_files, "commits": mark, "bytes": sum(p.stat().st_size for p in (out / "applications").rglob("*.yaml"))}


def _commit(stream: bytearray, mark: int, when: dt.date, author: str, message: str, files: dict, parent) -> None:
    stamp = int(dt.datetime(when.year, when.month, when.day, 10, tzinfo=dt.timezone.utc).timestamp())
    who = author if "<" in author else f"{author} <raio@example.invalid>"
    msg = message.encode()
    stream += f"commit refs/heads/main\nmark :{mark}\nauthor {who} {stamp} +0000\ncommitter {who} {stamp} +0000\n".encode()
    stream += f"data {len(msg)}\n".encode() + msg + b"\n"
    if parent:
        stream += f"from :{parent}\n".encode()
    for path, text in sorted(files.items()):
        data = text.encode("utf-8")
        stream += f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"
    stream += b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.out, args.apps, args.commits, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
