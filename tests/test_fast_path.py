"""The fast ways give exactly what the slow ways give.

- Schemas: jsonschema-rs (when installed) decides first, jsonschema explains the failures; the
  findings must be identical to jsonschema's alone, on the example files, seeded mutations of
  them and every YAML fixture written in the tests.
- The worker pool: the same findings as one process.
- ``raio --help``: the recorded text is what typer renders, and replaying it imports no typer.
"""

from __future__ import annotations

import ast
import copy
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT
from raio_cli import schema, yamlio

NAMES = ("application", "problem", "effects", "compliance", "pilot", "monitoring")
needs_rs = pytest.mark.skipif(schema.fast_validator("effects") is None, reason="jsonschema-rs is not installed")


def slow_findings(doc, name):
    """schema.validate with the compiled fast path switched off."""
    saved = schema.fast_validator
    schema.fast_validator = lambda _name: None
    try:
        return schema.validate(doc, name, "app")
    finally:
        schema.fast_validator = saved


def assert_identical(doc, name):
    fast = schema.validate(doc, name, "app")
    slow = slow_findings(doc, name)
    assert [f.to_dict() for f in fast] == [f.to_dict() for f in slow], (name, doc.data)
    if isinstance(doc.data, dict) and schema.is_valid_fast(doc.data, name):  # the promise behind it
        assert not list(schema.validator(name).iter_errors(doc.data)), (name, doc.data)


def example_docs():
    for path in sorted(EXAMPLE.glob("applications/*/*.yaml")):
        yield path.stem, path.read_bytes()
    yield "raio", (EXAMPLE / "raio.yaml").read_bytes()


_ODD = [42, -1, 4.2, 0, True, None, "", " ", "x", "not a date", "2026-02-30", "0000-01-01", "2026-1-1",
        "2026-01-01\n", "E 1", "e1", "Ä1", "٢٠٢٦-٠١-٠١", "a" * 300, [], {}, ["x"], {"k": "v"}, [1, 1],
        ["E1", "E1"], "ai@", "not an e-mail", "http://", "(?P<x", "\\d{9}", 1e300, 10 ** 30]


def mutants(data, rng: random.Random, n: int):
    """Seeded one-step mutations: a value of another type, a removed key, an unknown or misspelt
    key, a duplicated list item."""
    paths = []

    def walk(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    walk(data, ())
    for _ in range(n):
        new = copy.deepcopy(data)
        path = rng.choice(paths[1:] or [()])
        parent = new
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1] if path else None
        action = rng.randrange(5)
        if last is None:
            new[rng.choice(["unknown_field", "Effects", "effect"])] = rng.choice(_ODD)
        elif action == 0 and isinstance(parent, dict):
            del parent[last]
        elif action == 1 and isinstance(parent, dict):
            parent[str(last) + rng.choice(["s", "_x", ""]) + "z"] = parent.pop(last)
        elif action == 2 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = copy.deepcopy(rng.choice(_ODD))
        yield new


def as_doc(data, name):
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return yamlio.load_bytes(text.encode("utf-8"), f"applications/x/{name}.yaml", "x")


@needs_rs
def test_the_fast_path_is_used_for_every_schema():
    assert all(schema.fast_validator(n) is not None for n in schema.SCHEMA_NAMES)


@needs_rs
def test_example_files_give_identical_findings():
    for name, raw in example_docs():
        assert_identical(yamlio.load_bytes(raw, f"{name}.yaml", "app"), name)


@needs_rs
@pytest.mark.parametrize("seed", range(3))
def test_mutated_example_files_give_identical_findings(seed):
    rng = random.Random(seed)
    checked = failing = 0
    for name, raw in example_docs():
        base = yamlio.load_bytes(raw, f"{name}.yaml", "app").data
        for data in mutants(base, rng, 12):
            doc = as_doc(data, name)
            assert_identical(doc, name)
            checked += 1
            failing += bool(slow_findings(doc, name))
    assert checked > 500 and failing > checked // 3  # the corpus exercises the slow path a lot


def fixture_documents():
    """Every YAML mapping written as a string or dict literal in the tests (bad ones included)."""
    docs = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            data = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ":" in node.value and "\n" in node.value:
                loaded = yamlio.load_bytes(node.value.encode("utf-8", "surrogatepass"), "f.yaml")
                data = loaded.data
            elif isinstance(node, ast.Dict):
                try:
                    data = ast.literal_eval(node)
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    data = None
            if isinstance(data, dict) and data:
                docs.append(data)
    return docs


@needs_rs
def test_test_fixtures_give_identical_findings():
    keys = {n: set(schema.load_schema(n).get("properties", {})) for n in schema.SCHEMA_NAMES}
    seen = 0
    for data in fixture_documents():
        for name in schema.SCHEMA_NAMES:
            if set(map(str, data)) & keys[name]:
                try:
                    doc = as_doc(data, name)
                except yaml.YAMLError:
                    continue
                assert_identical(doc, name)
                seen += 1
    assert seen > 100


@needs_rs
def test_values_jsonschema_rs_cannot_take_go_the_slow_way():
    doc = yamlio.load_bytes('id: "x\\ud800y"\nname: 1\n'.encode(), "application.yaml", "a")
    assert not schema.is_valid_fast(doc.data, "application")
    assert_identical(doc, "application")


def test_only_keywords_known_to_be_exact_take_the_fast_path():
    formats: set = set()
    assert schema._fast_safe({"type": "object", "properties": {"a": {"type": "string", "format": "date"}}}, formats)
    assert formats == {"date"}
    assert not schema._fast_safe({"multipleOf": 0.1}, set())  # jsonschema-rs: 0.3 is a multiple of 0.1
    assert not schema._fast_safe({"pattern": "^\\s+$"}, set())  # \\s differs between ECMA and Python
    assert not schema._fast_safe({"pattern": "(?i)x"}, set())
    assert not schema._fast_safe({"$ref": "other.json#/a"}, set())
    assert schema._fast_safe({"pattern": "^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$"}, set())


def test_without_jsonschema_rs_the_findings_are_the_same(monkeypatch):
    bad = yamlio.load_bytes(b"id: Lung Nodules\nname: x\nstage: gepland\n", "application.yaml", "a")
    expected = [f.to_dict() for f in slow_findings(bad, "application")]
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import fails
    schema.fast_validator.cache_clear()
    try:
        assert schema.fast_validator("application") is None
        assert [f.to_dict() for f in schema.validate(bad, "application", "app")] == expected and expected
    finally:
        monkeypatch.undo()
        schema.fast_validator.cache_clear()


# --------------------------------------------------------------------------------------------
# the worker pool


def test_the_worker_pool_finds_what_one_process_finds(tmp_path, monkeypatch):
    from raio_cli import check
    from raio_cli.demo import build

    root = tmp_path / "pf"
    build(root, today=EXAMPLE_TODAY)
    one = check.run(root, today=EXAMPLE_TODAY, jobs=1)
    monkeypatch.setattr(check, "POOL_MIN_APPS", 2)
    pooled = check.run(root, today=EXAMPLE_TODAY, jobs=2)
    if sys.platform.startswith("linux"):
        assert pooled.stats["workers"] == 2
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in one.findings]
    assert [f.to_dict() for f in pooled.suppressed] == [f.to_dict() for f in one.suppressed]
    assert pooled.internal_errors == one.internal_errors == []


@pytest.mark.parametrize("steps", [0, 7, 10_000])
def test_files_read_while_git_works_give_the_same_findings(tmp_path, monkeypatch, steps):
    """The parent reads dossier files while git reads the history (check._preload) and the
    workers use them: none, some (application.yaml of a few) or every file read that way must
    give what one process finds, hostile files included."""
    from raio_cli import check
    from raio_cli.demo import build

    if not sys.platform.startswith("linux"):
        pytest.skip("the pool forks")
    root = tmp_path / "pf"
    build(root, today=EXAMPLE_TODAY)
    apps = sorted(p.name for p in (root / "applications").iterdir())
    (root / "applications" / apps[-1] / "problem.yaml").write_bytes(b"statement: a\nstatement: b\n")  # YML002
    (root / "applications" / apps[-2] / "pilot.yaml").write_bytes(b"\xff\xfenot utf-8")  # YML009
    one = check.run(root, today=EXAMPLE_TODAY, jobs=1)
    monkeypatch.setattr(check, "POOL_MIN_APPS", 2)
    real, seen = check._preload, {}

    def preload(sh, items, busy):
        left = [steps]

        def still_busy():
            busy()  # git moves on as it would
            left[0] -= 1
            return left[0] >= 0

        real(sh, items, still_busy)
        seen["files"] = sum(len(v) for v in sh.preloaded.values())

    monkeypatch.setattr(check, "_preload", preload)
    pooled = check.run(root, today=EXAMPLE_TODAY, jobs=2)
    assert seen["files"] == min(steps, sum(1 for _ in (root / "applications").glob("*/*.yaml")))
    assert pooled.stats["workers"] == 2
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in one.findings]
    assert {"YML002", "YML009"} <= {f.code for f in pooled.findings}
    assert pooled.internal_errors == one.internal_errors == []


# --------------------------------------------------------------------------------------------
# raio --help


def _help(env: dict) -> tuple[str, bool]:
    code = ("import sys\nsys.argv = ['raio', '--help']\nfrom raio_cli.cli import main\ntry:\n    main()\n"
            "except SystemExit:\n    pass\nsys.stderr.write('TYPER=%s' % ('typer' in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout, "TYPER=True" in out.stderr


def test_help_is_replayed_as_typer_wrote_it_and_without_typer(tmp_path):
    env = dict(os.environ, RAIO_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1", COLUMNS="100")
    env.pop("RAIO_NO_CACHE", None)
    first, typer_first = _help(env)
    second, typer_second = _help(env)
    assert typer_first and not typer_second
    assert first == second and "Usage: raio" in first and "check" in first
    narrow, typer_narrow = _help(dict(env, COLUMNS="60"))  # another terminal: rendered again
    assert typer_narrow and narrow != first
    assert _help(dict(env, RAIO_NO_CACHE="1"))[1]


def test_facts_are_computed_alike_in_the_pool_and_in_one_process(tmp_path, monkeypatch):
    """check.run(facts=...) calls each function where the application is checked: in a worker
    or in this process, with its files and the run's history; a failing one is an internal
    error that hides no finding."""
    from raio_cli import check
    from raio_cli.demo import build

    def facts(app, ctx):
        h = ctx.history.app(app.id)
        return {"stage": app.stage, "effects": len(app.get("effects", "effects", default=[]) or []),
                "versions": len(h.versions("application")) if h is not None else 0}

    def broken(app, ctx):
        raise ValueError("no such thing")

    root = tmp_path / "pf"
    build(root, today=EXAMPLE_TODAY)
    one = check.run(root, today=EXAMPLE_TODAY, jobs=1, facts={"f": facts})
    monkeypatch.setattr(check, "POOL_MIN_APPS", 2)
    pooled = check.run(root, today=EXAMPLE_TODAY, jobs=2, facts={"f": facts, "broken": broken})
    assert set(one.facts) == set(one.apps) and one.facts["longnodule-ct"]["f"]["versions"] >= 2
    assert {a: f["f"] for a, f in pooled.facts.items()} == {a: f["f"] for a, f in one.facts.items()}
    assert "broken of longnodule-ct failed: ValueError: no such thing" in pooled.internal_errors
    assert pooled.exit_code() == 2
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in one.findings]
