"""Hostile git histories through ``raio log``: the fuzzers of tests/fuzz.py run no git, so the
history that raio log reads is fuzzed here, in real repositories.

Each seed builds one repository: a pilot's dossier (tests/test_preregistration.py) committed, then
seeded steps, each one commit (or a branch merged back): values of effects.yaml, pilot.yaml and
application.yaml replaced by hostile ones (a list where a mapping belongs, an effect id that is a
number, a list or a huge text, duplicate ids, a date that is no date or out of range, a BSN in a
text), a file that does not parse (fixed again later), that is empty, holds bytes that are no
UTF-8, becomes a folder or a symbolic link; plan.start moved; the application's folder renamed
(its former names with control characters or a BSN), the portfolio moved within its repository,
the application deleted whole and put back, memos with odd names, a file moved to another
application; commits dated in 1970 or beyond the year 9999, authors and messages with escape
sequences, control characters and BSNs. Some seeds leave hostile edits uncommitted.

Then ``raio log`` runs on each name the application had (text at 200 and at 40 columns, JSON,
by its folder, with an odd ``--today``), in-process as a user runs it. A failure is a traceback
or an internal error in what it prints, an exit code raio does not document (0, 1, 2), JSON that
does not parse, a file of the repository changed or removed, or a BSN printed in full.

    RAIO_LOG_FUZZ=200 pytest tests/test_log_fuzz.py          # 200 histories (5 by default)
    RAIO_LOG_FUZZ=50 RAIO_LOG_FUZZ_SEED=1000 pytest ...      # histories 1000 to 1049
    pytest tests/test_log_fuzz.py -k h17           # replay one
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import random
import shutil
import subprocess
import traceback
from pathlib import Path

import pytest
import yaml

from conftest import Git, make_portfolio
from test_preregistration import APP, dossier

HISTORIES = int(os.environ.get("RAIO_LOG_FUZZ", "5"))
FIRST = int(os.environ.get("RAIO_LOG_FUZZ_SEED", "0"))
TODAY = "2026-11-15"
#: Valid BSNs (the eleven-test holds): none may be printed in full.
BSNS = ("111222333", "123456782")
EXIT_CODES = (0, 1, 2)

HOSTILE = [None, "", 0, -1, 1.5, 10 ** 30, float("nan"), float("inf"), -0.0, True, False, [], {}, [None], [{}],
           {"id": "E1"}, ["a", "b"], [1, 2, 3], {"value": [1]}, {"value": {"x": 1}}, "x" * 3000, "y" * 70_000,
           "2026-02-30", "9999-12-31", "0001-01-01", "10000-01-01", "1970-01-01", "not a date", "2026-13-45",
           dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.datetime(2026, 3, 1, 12, 0),
           111222333, "111222333", "BSN 123456782 seen", ["111222333"], {"x": 123456782}, [[111222333]],
           "\x1b[31mred\x1b[0m", "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07", "\u202eevil", "[bold]markup[/]",
           "tab\there\nnewline", "\x00nul", "\ud800", "E1", "G1", "pilot", "stop", "retired", "benefit"]
DATES = ["2026-01-15", "2026-02-01", "2026-02-28", "2026-03-01", "2026-03-02", "2026-05-02", "2026-09-30",
         "2025-06-01", "2027-01-01", "1970-01-01T00:00:00+00:00", "2099-12-31T23:59:59+14:00",
         "2026-06-01T00:30:00-12:00", "@253402300800 +0000", "@99999999999 +0000", "2026-11-15T23:59:59+14:00"]
AUTHORS = ["A. Bakker <ab@hospital.example>", "J. de Vries <jdv@hospital.example>",
           "\x1b[31mMallory\x1b[0m <m@evil.example>", "Tab\tName <t@x.example>", "BSN 111222333 <p111222333@x.example>",
           "\u202eevil <e@x.example>", "[bold red]markup[/] <m@x.example>", "Zoë Ünïcode → <z@x.example>",
           "x" * 300 + " <long@x.example>", "\x9b31mC1 <c1@x.example>",
           "Caf\udce9 latin-1 <c@x.example>"]  # a byte that is no UTF-8 (written as such by os.fsencode)
MESSAGES = ["Update", "Case 111222333 reviewed", "\x1b[2J\x1b[Hclear", "multi\n\nline body 123456782", "\u202egnp.exe",
            "r\udce9sum\udce9 latin-1"]
FOLDER_NAMES = ["fracture-detection", "fracture-ai", "patient-111222333", "café ai", "weird\x1bname", "-rf",
                "HEAD", "a" * 120, ".hidden", "x--y",
                "Fracture-AI", "cr\rname", "byte\udcffname"]
MEMO_NAMES = ["board.md", "case 111222333.md", "esc\x1b[31m.md", "newline\nname.md", "→.pdf", "-n.md", "sub/dir/x.md",
              "\udcff.md"]


class History:
    """A repository being built: where the portfolio is in it, and every name the application had."""

    def __init__(self, repo: Path, rng: random.Random):
        self.repo = repo
        self.rng = rng
        self.git = Git(repo)
        self.prefix = ""  # the portfolio's folder in the repository
        self.names = [APP]  # every folder name the application had
        self.good: dict[str, str] = {}  # file name -> its content as first committed
        self.branches = 0

    @property
    def root(self) -> Path:
        return self.repo / self.prefix if self.prefix else self.repo

    def apps(self) -> list[Path]:
        folder = self.root / "applications"
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()) if folder.is_dir() else []

    def app(self) -> Path | None:
        apps = [p for p in self.apps() if p.name in self.names] or self.apps()
        return self.rng.choice(apps) if apps else None

    def commit(self, message: str | None = None) -> None:
        rng = self.rng
        date = rng.choice(DATES)
        committed = rng.choice(DATES) if rng.randrange(4) == 0 else None
        author = rng.choice(AUTHORS) if rng.randrange(2) else None
        message = message or rng.choice(MESSAGES)
        try:
            self.git.commit(message, date, author=author, committed=committed)
        except subprocess.CalledProcessError:  # an author or date git refuses: a plain one
            self.git.commit(message, "2026-04-01")


def _load(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - hostile already: start again from the good text
        return None


def _dump(path: Path, data) -> None:
    if path.is_symlink() or path.is_dir():
        _clear(path)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _clear(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _paths(node, prefix=()):
    if prefix:
        yield prefix
    if len(prefix) > 6:  # an alias that holds itself ("a: &a [*a]") nests without end
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _file(h: History, app: Path) -> Path:
    return app / f"{h.rng.choice(('effects', 'effects', 'pilot', 'application'))}.yaml"


def _data(h: History, path: Path):
    data = _load(path) if path.is_file() and not path.is_symlink() else None
    return data if isinstance(data, dict) else yaml.safe_load(h.good.get(path.name, "{}")) or {}


# --------------------------------------------------------------------------------------------
# the steps: each changes the working tree (and may run git); the caller commits


def step_value(h: History, app: Path) -> None:
    """One to three values of a dossier file replaced by hostile ones."""
    path = _file(h, app)
    data = _data(h, path)
    for _ in range(h.rng.randint(1, 3)):
        paths = list(_paths(data))
        if not paths:
            break
        where = h.rng.choice(paths)
        node = data
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = h.rng.choice(HOSTILE)
    _dump(path, data)


def step_effect_ids(h: History, app: Path) -> None:
    """An effect id that is no text, a huge one, a BSN, or two effects with one id."""
    path = app / "effects.yaml"
    data = _data(h, path)
    effects = data.get("effects") if isinstance(data.get("effects"), list) else None
    if not effects:
        data["effects"] = effects = yaml.safe_load(h.good["effects.yaml"])["effects"]
    effect = h.rng.choice(effects)
    if not isinstance(effect, dict):
        effects.append(effect := {"id": "E1"})
    how = h.rng.randrange(4)
    if how == 0:
        effect["id"] = h.rng.choice([1, 1.5, ["E1"], {"id": "E1"}, None, True, "", "E" * 5000, "111222333",
                                     111222333, "\x1b[31mE1", dt.date(2026, 1, 1)])
    elif how == 1:
        effects.append(dict(effect, target=h.rng.choice([0.5, "x", None, [1]])))  # a duplicate id
    elif how == 2:
        data["effects"] = h.rng.choice([{"E1": effect}, "effects", 3, [effect["id"]], [[effect]], None])
    else:
        effect[h.rng.choice(["metric", "description", "unit", "kind"])] = h.rng.choice(HOSTILE)
    _dump(path, data)


def step_pilot(h: History, app: Path) -> None:
    """plan.start or plan.end moved (to a date, an odd one, or no date); extensions, an outcome
    or a decision with hostile values."""
    path = app / "pilot.yaml"
    data = _data(h, path)
    rng = h.rng
    what = rng.randrange(5)
    odd = rng.choice(["2026-03-01", "2026-02-15", "2026-04-01", "9999-12-31", "0001-01-01", "2026-02-30", "soon",
                      dt.date(2026, 5, 1), None, [], {"date": "2026-03-01"}, 20260301, "111222333"])
    if what == 0 or not isinstance(data.get("plan"), dict):
        data["plan"] = dict(data["plan"]) if isinstance(data.get("plan"), dict) else {}
        data["plan"][rng.choice(("start", "start", "end"))] = odd
    elif what == 1:
        data["extensions"] = rng.choice([[{"end": odd, "reason": rng.choice(HOSTILE), "date": odd, "by": rng.choice(HOSTILE)}],
                                         odd, [odd], [{"end": odd}] * 2])
    elif what == 2:
        data["outcome"] = rng.choice([{"date": odd, "results": rng.choice(HOSTILE)}, odd, {"results": [odd]}])
    elif what == 3:
        data["decision"] = rng.choice([{"choice": rng.choice(HOSTILE), "date": odd, "decided_by": rng.choice(HOSTILE)},
                                       {"choice": "stop", "date": odd}, odd])
    else:
        data = rng.choice([[data], "plan", None, 1])
    _dump(path, data)


def step_application(h: History, app: Path) -> None:
    """stage, stage_since, version or the retirement with hostile values."""
    path = app / "application.yaml"
    data = _data(h, path)
    rng = h.rng
    key = rng.choice(["stage", "stage_since", "version", "retirement", "retirement", "id"])
    if key == "retirement" and rng.randrange(2):
        data[key] = {k: rng.choice(HOSTILE) for k in ("date", "decided_on", "decided_by", "reason")
                     if rng.randrange(2)} or {"date": rng.choice(HOSTILE)}
    else:
        data[key] = rng.choice(HOSTILE)
    _dump(path, data)


def step_bsn_text(h: History, app: Path) -> None:
    """A BSN in an effect's text, an amendment, an extension's reason, a decision."""
    rng = h.rng
    text = rng.choice([f"patient {BSNS[0]}", f"{BSNS[1]}", f"case {BSNS[0]} and {BSNS[1]}", int(BSNS[0])])
    path = app / rng.choice(("effects.yaml", "pilot.yaml", "application.yaml"))
    data = _data(h, path)
    if path.name == "effects.yaml":
        effects = data.get("effects") if isinstance(data.get("effects"), list) else []
        if effects and isinstance(effects[0], dict) and rng.randrange(2):
            effects[0][rng.choice(["metric", "unit", "description", "target", "kind"])] = text
        else:
            data["amendments"] = [{"date": "2026-04-30", "effect": rng.choice(["E1", text]), "change": text,
                                   "reason": text, "by": text}]
    elif path.name == "pilot.yaml":
        data["extensions"] = [{"end": text, "reason": text, "date": text, "by": text}]
        data["decision"] = {"choice": text, "date": text, "decided_by": text}
    else:
        data.update(version=text, retirement={"date": text, "decided_on": text, "decided_by": text, "reason": text})
    _dump(path, data)


def step_broken(h: History, app: Path) -> None:
    """A file that does not parse, is empty, holds bytes that are no UTF-8, is a folder, or a link."""
    rng = h.rng
    path = _file(h, app)
    how = rng.randrange(7)
    if how == 0:
        _clear(path)
        path.write_text("effects:\n  - id: E1\n   target: [0.9\n\t- {", encoding="utf-8")
    elif how == 1:
        _clear(path)
        path.write_bytes(b"")
    elif how == 2:
        raw = h.good[path.name].encode("utf-8")
        _clear(path)
        path.write_bytes(rng.choice([raw.replace(b"Fracture", b"Fract\xe9ure").replace(b"fractures", b"fract\xffures"),
                                     b"\xff\xfe" + raw.decode().encode("utf-16-le"), b"\xef\xbb\xbf" + raw,
                                     raw + b"\n# \xed\xa0\x80 surrogate\n", raw[: len(raw) // 2] + b"\x00" + raw]))
    elif how == 3:
        _clear(path)
        (path / "inside.yaml").parent.mkdir()
        (path / "inside.yaml").write_text(h.good[path.name], encoding="utf-8")
    elif how == 4:
        _clear(path)
        os.symlink(rng.choice(["../../raio.yaml", "/etc/passwd", "nowhere.yaml", path.name, "../" + APP + "/effects.yaml"]),
                   path)
    elif how == 5:
        _clear(path)
        path.write_text(rng.choice(["[1, 2, 3]\n", "just text\n", "--- 1\n--- 2\n", "&a [*a]\n", "!!python/object:os.system x\n",
                                    "a: &a [*a, *a, *a]\nb: [*a, *a]\n"]), encoding="utf-8")
    else:
        _clear(path)
        path.write_text(h.good[path.name], encoding="utf-8")  # fixed again


def step_rename(h: History, app: Path) -> None:
    """The application's folder renamed (git mv), to a name a terminal could act on as well."""
    new = h.rng.choice(FOLDER_NAMES)
    target = app.parent / new
    if target.exists() or new == app.name:
        return
    h.git.run("mv", "--", str(app.relative_to(h.repo)), str(target.relative_to(h.repo)))
    h.names.append(new)


def step_move_portfolio(h: History, app: Path) -> None:
    """The whole portfolio moved (git mv) into a subfolder of its repository, or back to the top."""
    old = h.root
    new_prefix = "" if h.prefix and h.rng.randrange(2) else h.rng.choice(["radiology/", "radiology/ai portfolio/",
                                                                          "x/y/z/"])
    if new_prefix == h.prefix or (h.prefix and new_prefix.startswith(h.prefix)):
        return
    dest = h.repo / new_prefix if new_prefix else h.repo
    if any((dest / name).exists() for name in ("raio.yaml", "applications")):
        return  # left there by a branch merged in
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("raio.yaml", "applications"):
        if (old / name).exists():
            try:
                h.git.run("mv", "--", str((old / name).relative_to(h.repo)), str((dest / name).relative_to(h.repo)))
            except subprocess.CalledProcessError:  # nothing of it in git (deleted): a plain move
                shutil.move(old / name, dest / name)
    h.prefix = new_prefix


def step_delete(h: History, app: Path) -> None:
    """The whole application deleted (put back later by step_put_back)."""
    h.git.run("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", str(app.relative_to(h.repo)))
    shutil.rmtree(app)


def step_put_back(h: History, app: Path | None) -> None:
    """An application of one of its former names written again (after a deletion), or a second
    application beside it."""
    name = h.rng.choice(h.names + ["other-ai"])
    folder = h.root / "applications" / name
    if folder.exists():
        return
    for file, text in h.good.items():
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text(text, encoding="utf-8")
    if name not in h.names and name != "other-ai":
        h.names.append(name)


def step_memo(h: History, app: Path) -> None:
    """A memo with an odd name, or one removed."""
    memos = app / "memos"
    name = h.rng.choice(MEMO_NAMES)
    if memos.is_dir() and h.rng.randrange(3) == 0:
        shutil.rmtree(memos)
        return
    (memos / name).parent.mkdir(parents=True, exist_ok=True)
    (memos / name).write_bytes(h.rng.choice([b"# Memo\n", b"\xff\x00binary", b""]))


def step_move_file(h: History, app: Path) -> None:
    """effects.yaml (or pilot.yaml) moved into another application, or written as effects.yml beside it."""
    name = h.rng.choice(["effects", "pilot"])
    src = app / f"{name}.yaml"
    if not src.is_file() or src.is_symlink():
        return
    if h.rng.randrange(2):
        shutil.copyfile(src, app / f"{name}.yml")
        return
    others = [p for p in h.apps() if p != app]
    if not others:
        step_put_back(h, app)
        others = [p for p in h.apps() if p != app]
    if others and not (others[0] / src.name).exists():
        h.git.run("add", "-A", "--", str(app.relative_to(h.repo)))
        h.git.run("mv", "--", str(src.relative_to(h.repo)), str((others[0] / src.name).relative_to(h.repo)))


def step_gitlink(h: History, app: Path) -> None:
    """A dossier file that becomes a submodule (a gitlink: a commit where a blob belongs)."""
    path = _file(h, app)
    _clear(path)
    path.mkdir()  # an empty folder: a submodule not checked out, which git add -A leaves as it is
    sha = h.git.run("rev-parse", "HEAD").strip()
    h.git.run("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", str(path.relative_to(h.repo)))
    h.git.run("update-index", "--add", "--cacheinfo", f"160000,{sha},{path.relative_to(h.repo)}")


def step_other_files(h: History, app: Path) -> None:
    """problem.yaml, compliance.yaml or monitoring.yaml (or a .yml) written, broken or deleted."""
    rng = h.rng
    path = app / f"{rng.choice(('problem', 'compliance', 'monitoring'))}.{rng.choice(('yaml', 'yaml', 'yml'))}"
    if path.exists() and rng.randrange(3) == 0:
        _clear(path)
        return
    _clear(path)
    path.write_bytes(rng.choice([b"statement: x\n", b"items: [\n", b"", b"\xff\xfe", b"results: 111222333\n",
                                 yaml.safe_dump({"results": [{"date": rng.choice(HOSTILE)}]}, allow_unicode=True).encode()]))


def step_copy_delete(h: History, app: Path) -> None:
    """The application's folder copied to a new name with every file rewritten, the old one
    deleted in the same commit: git sees no rename."""
    new = app.parent / h.rng.choice(["copied-ai", "fracture-detection"])
    if new.exists():
        return
    shutil.copytree(app, new, symlinks=True)
    for f in new.glob("*.yaml"):
        if f.is_file() and not f.is_symlink():
            f.write_bytes(b"# rewritten\n" + f.read_bytes().replace(b": ", b":  "))
    shutil.rmtree(app)
    h.names.append(new.name)


def step_line(h: History, app: Path) -> None:
    """One line of effects.yaml or pilot.yaml given another value, the rest left as it is: on both
    sides of a merge, two such edits merge cleanly into a version that neither side holds."""
    import re

    path = app / h.rng.choice(("effects.yaml", "pilot.yaml"))
    if not path.is_file() or path.is_symlink():
        return
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    found = [i for i, line in enumerate(lines) if re.match(rb"\s*(- )?(id|target|limit|value|start|end|metric|unit|kind): ", line)]
    if not found:
        return
    i = h.rng.choice(found)
    key = lines[i].split(b": ", 1)[0]
    value = h.rng.choice(["0.5", "0.95", "111222333", ".nan", "[E1]", "{a: 1}", "2026-02-15", "2026-04-01", "9999-12-31",
                          "E1", "''", "x" * 200])
    lines[i] = key + b": " + value.encode()
    path.write_bytes(b"\n".join(lines))


STEPS = [step_value] * 4 + [step_effect_ids] * 3 + [step_pilot] * 3 + [step_application] * 2 + [step_bsn_text] * 2 + \
        [step_broken] * 3 + [step_rename, step_move_portfolio, step_delete, step_memo, step_move_file, step_gitlink,
                               step_other_files, step_copy_delete] + [step_line] * 2


def one_step(h: History, steps: list = STEPS) -> None:
    app = h.app()
    if app is None:
        step_put_back(h, None)
        return
    h.rng.choice(steps)(h, app)


#: Steps that edit the dossier files in place: on both sides of a merge, they edit the same file.
EDITS = [step_value, step_effect_ids, step_pilot, step_application, step_bsn_text] + [step_line] * 5


def build(tmp: Path, seed: int) -> History:
    """The repository of history ``seed``."""
    rng = random.Random(seed)
    repo = tmp / "repo"
    make_portfolio(repo, {APP: dossier()})
    h = History(repo, rng)
    h.good = {p.name: p.read_text(encoding="utf-8") for p in (repo / "applications" / APP).iterdir()}
    if rng.randrange(5) == 0:  # messages recorded in Latin-1, which git log re-encodes
        h.git.run("config", "i18n.commitEncoding", "ISO-8859-1")
    h.commit("Pre-register")
    for _ in range(rng.randint(3, 9)):
        if rng.randrange(6) == 0:
            merge(h)
        else:
            one_step(h)
            h.commit()
    if rng.randrange(3) == 0:  # hostile edits not yet committed
        one_step(h, rng.choice([STEPS, [step_other_files, step_memo]]))
    if rng.randrange(6) == 0:  # an application not committed at all
        (h.root / "applications" / "new-ai").mkdir(parents=True, exist_ok=True)
        (h.root / "applications" / "new-ai" / "effects.yaml").write_text(h.good["effects.yaml"], encoding="utf-8")
        h.names.append("new-ai")
    if rng.randrange(6) == 0:  # a name the history never had: suggestions
        h.names.append(rng.choice(["fracture-a", "FRACTURE-AI", "x" * 300, "111222333", "\x1b[31m"]))
    return h


def shallow(h: History, tmp: Path) -> History:
    """A shallow clone of the repository (CI's default), cut one to three commits back."""
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", "--no-local", "--depth", str(h.rng.randint(1, 3)), f"file://{h.repo}",
                    str(clone)], check=True, capture_output=True)
    c = History.__new__(History)
    c.__dict__.update(h.__dict__, repo=clone)
    return c


def merge(h: History) -> None:
    """A step on a branch, another on the main line, and the branch merged (dated after both, or not)."""
    h.branches += 1
    branch = f"side-{h.branches}"
    h.git.run("checkout", "-q", "-b", branch)
    one_step(h, EDITS)
    h.commit()
    h.git.run("checkout", "-q", "main")
    _resync(h)
    if h.rng.randrange(3):
        one_step(h, EDITS)
        h.commit()
    try:
        h.git.run("merge", "-q", "--no-ff", "-X", "theirs", "-m", f"Merge {branch}", branch, date=h.rng.choice(DATES))
    except (subprocess.CalledProcessError, UnicodeDecodeError):  # a conflict -X theirs does not settle, or
        if (h.repo / ".git" / "MERGE_HEAD").exists():              # git's message names a file in bytes
            h.git.run("merge", "--abort")
    _resync(h)


def _resync(h: History) -> None:
    """Where the portfolio is after a checkout: the folder of the repository that holds raio.yaml."""
    for prefix in ("", "radiology/", "radiology/ai portfolio/", "x/y/z/"):
        if (h.repo / prefix / "raio.yaml").is_file():
            h.prefix = prefix
            return


# --------------------------------------------------------------------------------------------
# raio log, as a user runs it


def _snapshot(repo: Path) -> dict:
    out = {}
    for path in sorted(repo.rglob("*")):
        if ".git" in path.relative_to(repo).parts[:1]:
            continue
        rel = str(path.relative_to(repo))
        out[rel] = ("link", os.readlink(path)) if path.is_symlink() else ("dir",) if path.is_dir() else path.read_bytes()
    return out


def run_log(argv: list[str], columns: str = "200", encoding: str = "utf-8") -> tuple[list[str], str]:
    """What is wrong with ``raio log argv`` (a list of problems) and what it printed."""
    from raio_cli import cli

    # as a terminal's streams: bytes in an encoding (UTF-8, or a C locale's ASCII), strict
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors)
                for errors in ("strict", "backslashreplace"))  # Python's own for the standard error
    code, problems = 0, []
    before = {k: os.environ.get(k) for k in ("COLUMNS", "NO_COLOR")}
    os.environ.update(COLUMNS=columns, NO_COLOR="1")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main(["log", *argv])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else done.code)
    except BaseException:  # noqa: BLE001 - a crash is what we are looking for
        problems.append("exception: " + traceback.format_exc(limit=-4))
    finally:
        for k, v in before.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    printed = []
    for stream in (out, err):
        stream.flush()
        printed.append(stream.buffer.getvalue().decode(encoding, "replace"))
    text = printed[0] + printed[1]
    for line in text.splitlines():
        if "internal error" in line or "Traceback" in line:
            problems.append(line)
    if code not in EXIT_CODES:
        problems.append(f"exit code {code!r}")
    for bsn in BSNS:
        if bsn in text:
            problems.append(f"BSN {bsn} printed in full: " + next(l for l in text.splitlines() if bsn in l)[:300])
    if "--format" in argv and code == 0:
        try:
            json.loads(printed[0], parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        except ValueError as exc:
            problems.append(f"JSON that does not parse: {exc}")
    return problems, text


def log_problems(h: History) -> list[str]:
    before = _snapshot(h.repo)
    problems = []
    names = list(dict.fromkeys(h.names + [p.name for p in h.apps()]))
    for i, name in enumerate(names):
        runs = [(["-p", str(h.root), "--today", TODAY, "--format", "json", "--", name], "200")]
        if i == 0:  # the table, and one other way of asking (all of them over a few histories)
            folder = h.root / "applications" / name
            runs += [(["-p", str(h.root), "--today", TODAY, "--", name], "200"), h.rng.choice([
                (["-p", str(h.root), "--today", TODAY, "--", name], "40"),
                (["-p", str(h.root), "--today", TODAY, "--", name], "ascii"),
                (["-p", str(h.root), "--today", h.rng.choice(["9999-12-31", "0001-01-01", "2026-02-30"]), "--", name],
                 "200"),
                (["--today", TODAY, "--format", "json", str(folder) if folder.is_dir() else name], "200")])]
        for argv, columns in runs:
            found, _text = run_log(argv, "200", "ascii") if columns == "ascii" else run_log(argv, columns)
            problems += [f"raio log {' '.join(map(repr, argv[-1:]))} (COLUMNS={columns}): {p}" for p in found]
    after = _snapshot(h.repo)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    if changed:
        problems.append(f"raio log changed or removed {changed}")
    return problems


@pytest.mark.parametrize("seed", range(FIRST, FIRST + HISTORIES), ids=lambda s: f"h{s}")
def test_a_hostile_history_never_breaks_raio_log(tmp_path, seed):
    h = build(tmp_path, seed)
    problems = log_problems(h)
    if h.rng.randrange(4) == 0:
        problems += [f"in a shallow clone: {p}" for p in log_problems(shallow(h, tmp_path))]
    assert not problems, f"history {seed}:\n" + "\n".join(problems)
