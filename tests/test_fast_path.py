"""The fast ways give exactly what the slow ways give.

- YAML: raio_cli.yamlfast reads the plain YAML of most dossier files without libyaml; data,
  positions, read-as notes and findings must be what libyaml's node tree gives, on the examples,
  a generated portfolio, every YAML text in the tests, seeded mutations and generated documents,
  and it must really be the way the common files take.
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

import fuzz
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


def test_ctrl_c_while_the_workers_check_starts_no_more_applications(tmp_path, monkeypatch):
    """Ctrl-C in the parent while the workers (which leave it to the parent) checked the
    applications: leaving the pool waited until every application was checked, 8 s on the
    benchmark's 1,000, before raio said it was interrupted. Only the chunks already begun are
    finished now."""
    import types

    from raio_cli import check

    if not sys.platform.startswith("linux"):
        pytest.skip("the pool forks")
    done = tmp_path / "done.txt"

    def one_app(sh, item):  # a slow application, each noted as checked
        import time

        time.sleep(0.05)
        with open(done, "a", encoding="utf-8") as out:
            out.write(f"{item}\n")
        return item

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "_one_app", one_app)
    items = [f"app-{i}" for i in range(120)]
    with pytest.raises(KeyboardInterrupt):
        check._pool(types.SimpleNamespace(items=[]), items, 2, interrupted)
    checked = done.read_text(encoding="utf-8").split() if done.exists() else []
    assert len(checked) <= 50, len(checked)  # the chunks begun or queued for the two workers (30), not all 120

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


# --- the fast YAML reader ------------------------------------------------------------------------

def _takes_fast_path(raw: bytes) -> bool:
    from raio_cli import yamlfast

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    builder = yamlio._Builder(yamlio.Loaded(file="f.yaml"), lambda *args: None)
    return yamlfast.read(text, builder, yamlio._FAST_SYNTAX) is not None


def assert_read_alike(raw: bytes) -> bool:
    """Both readers give the same data, positions, notes and findings (what the fuzzer holds
    them to); returns whether the fast one read it."""
    differs = fuzz.disagreement(raw)
    assert not differs, (differs, raw.decode("utf-8", "replace"))
    return _takes_fast_path(raw)


def test_fast_reader_reads_the_examples_and_a_generated_portfolio_alike(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path / "gen", 30, 40, seed=11)
    files = sorted(EXAMPLE.rglob("*.yaml")) + sorted((tmp_path / "gen").rglob("*.yaml"))
    assert len(files) > 200
    fast = [assert_read_alike(path.read_bytes()) for path in files]
    assert all(fast), [str(p) for p, f in zip(files, fast) if not f]  # the common files take it


def test_fast_reader_reads_every_yaml_text_of_the_tests_alike():
    seen = fast = 0
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ":" in node.value:
                fast += assert_read_alike(node.value.encode("utf-8", "surrogatepass"))
                seen += 1
    assert seen > 500 and fast > seen // 4


@pytest.mark.parametrize("seed", range(2))
def test_fast_reader_reads_mutated_examples_alike(seed):
    files = fuzz.corpus()
    fast = sum(assert_read_alike(fuzz.one(seed * 100_000 + i, files)[1]) for i in range(600))
    assert fast > 100  # mutants it reads, not only mutants it leaves to libyaml


_VALUES = ["word", "two words", "a: b", "a #c", "a#b", "a:b", "'q'", "'it''s'", "'a'  # c", "'a'x", '"dq"',
           '"a\\nb"', '"a#b" #c', "[a, b]", "[ ]", "[]", "[a,b]", "[ a , b ]", "[a, b,]", "{a: 1}", "{a: 1, a: 2}",
           "{}", "{a: 1,b: x y}", "{a:1}", "[a, [b]]", "[1, 2.5, yes, ~, 2024-01-01]", "{p: no, q: 010}", "[é, 𝔘]",
           "{a: é, b: 𝔘}", "yes", "No", "ON", "010", "0x1F", "0b11", "0o17", "1_000", "1:20", "-1:20", "2024-01-01",
           "2024-01-01 10:00:00", "2024-1-1", ".5", "-.inf", ".NaN", "~", "null", "=", "<<", "&a x", "*a", "!!str x",
           "-x", "-", "- x", "?", ":x", "x:", "é ü", "𝔘 x", "\u00a0x", "trailing   ", "1e3", "+1", "-0", "00",
           "3.", "1.10", "a  #  b", "%x", "@x", "`x`", "x,y", "x]", "#", "|", ">-", "|+", "|2", "'multi", "''", '""',
           "12345678", "true", "False", "09", "+.5", "1_0.5", "1.5e3", "-0x1F"]
_KEYS = ["a", "b", "key", "k_1", "a.b", "x-y", "a/b", "1", "true", "null", "é", "a b", "'q'", "<<", "? a", "-a"]


def _document(rng: random.Random) -> str:
    """A random document in the shapes dossiers take (nested mappings and lists, list items
    that are mappings, | and > texts, flow lists, comments, blank lines), with odd values."""
    lines: list[str] = []

    def text_lines(indent):
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            if r < 0.15:
                lines.append(rng.choice(["", " " * rng.randint(0, indent + 2)]))
            elif r < 0.25:
                lines.append(" " * (indent + rng.randint(1, 3)) + "more indented")
            elif r < 0.3:
                lines.append(" " * max(0, indent - 1) + "less")
            else:
                lines.append(" " * indent + rng.choice(["text", "a: b", "# not a comment", "x  ", "- item", "é ü"]))

    def mapping(indent, depth, first=None):
        for k in range(rng.randint(1, 4)):
            lead = first if (k == 0 and first is not None) else " " * indent
            key = rng.choice(_KEYS[:10] if rng.random() < 0.9 else _KEYS)
            if rng.random() < 0.1:
                lines.append(" " * rng.randint(0, 8) + "# c")
            if rng.random() < 0.08:
                lines.append(" " * rng.randint(0, 4))
            r = rng.random()
            if r < 0.5 or depth > 3:
                lines.append(f"{lead}{key}: {rng.choice(_VALUES)}{rng.choice(['', '', ' ', '  # c'])}")
            elif r < 0.62:
                lines.append(f"{lead}{key}: {rng.choice(['|', '|-', '>', '>-', '|+', '| # c', '>2'])}")
                text_lines(indent + rng.choice([1, 2, 2, 4]))
            elif r < 0.8:
                lines.append(f"{lead}{key}:{rng.choice(['', ' ', ' # c'])}")
                sequence(indent + rng.choice([0, 2, 2, 4]), depth + 1)
            else:
                lines.append(f"{lead}{key}:")
                if r < 0.95:
                    mapping(indent + rng.choice([1, 2, 2, 4]), depth + 1)

    def sequence(indent, depth):
        for _ in range(rng.randint(1, 3)):
            gap = rng.choice([" ", " ", "   "])
            dash = " " * indent + "-" + gap
            r = rng.random()
            if r < 0.4 or depth > 3:
                lines.append(dash + rng.choice(_VALUES))
            elif r < 0.75:
                mapping(indent + len(dash) - indent, depth + 1, first=dash)
            elif r < 0.85:
                lines.append(dash + rng.choice(["|", ">-"]))
                text_lines(indent + 2)
            elif r < 0.93:
                lines.append(" " * indent + "-")
                mapping(indent + 2, depth + 1)
            else:
                lines.append(dash + "- " + rng.choice(_VALUES))

    if rng.random() < 0.2:
        lines.append(rng.choice(["---", "--- # doc", "# head"]))
    mapping(0, 0)
    return "\n".join(lines) + rng.choice(["\n", "\n", "\n", "", "\n\n", "\n  \n"])


def test_fast_reader_reads_generated_documents_alike():
    rng = random.Random(5)
    fast = sum(assert_read_alike(_document(rng).encode("utf-8")) for _ in range(3000))
    assert fast > 300


@pytest.mark.parametrize("text", [
    "a: x\na: y\na: z\n",  # a key three times: each repeat names the first line
    "a: {b: 1, b: 2}\n",
    "a:\n- x\n- y\nb: 1\n",  # a list at its key's indentation
    "a:\n  - k: 1\n    j: [CT, MR]\n  -   k: 2\n",
    "a: |\n\n  x\n\n\n  y\n\nb: 1\n",
    "a: >\n\n  x\n  y\n\n  z\nb: 1\n",
    "a: >-\n  x\n  # not a comment\n# a comment\nb: 1\n",
    "a:   # nothing\nb:\n",
    "--- # doc\na: 2024-01-01\nb: 0x1F\nc: 1.10\nd: No\ne: ~\nf: .nan\n",
    "a: 'it''s' # c\nb: \"q\"\nc: [é, 𝔘]\nd: 𝔘 {x}\n",
    # comments right after a value (Loaded.comments, for YML019) and after two spaces
    "a: x #c\nb:\n  - y #d\n  - [p, q] #e\n  - {k: v} #f\n  - k: a#b #g\nc: 'q' #h\nd: e  #i\ne: 12 #j\nf: -x #k\n",
    "a: x #c\na: y\nb:\n  c: z #d\nb: w #e\n",
])
def test_fast_reader_reads_these_itself_and_alike(text):
    assert assert_read_alike(text.encode("utf-8"))
    if "#c" in text:
        assert yamlio._load_bytes(text.encode(), "f.yaml").comments


def test_both_readers_note_a_comment_right_after_a_value_and_no_other():
    """What YML019 reads: a plain value that a comment follows after one space, with the line,
    the column of its '#' and the comment; alike from both readers, and from libyaml where the
    fast reader leaves a file to it (a tab elsewhere in the file)."""
    text = "a: x #c\nb:\n  - y #d\n  - [p, q] #e\n  - k: a#b #g\nc: 'q' #h\nd: e  #i\ne: 12 #j\n"
    expected = {("a",): (1, 6, "#c"), ("b", 0): (3, 7, "#d"), ("b", 2, "k"): (5, 12, "#g"), ("e",): (8, 7, "#j")}
    for raw in (text, text + "f: \"\t\"\n"):
        for fast in (True, False):
            assert yamlio._load_bytes(raw.encode(), "f.yaml", fast=fast).comments == expected, (raw, fast)


def test_both_readers_note_a_comment_right_after_a_text_over_several_lines_and_no_other():
    """A plain text may go on over more indented lines, and a ' #' on its last line ends it as
    on one line: YML019 looks for it there too. The fast reader leaves such a text to libyaml;
    both readers note the same. In a '|' or '>' text and in quotes a '#' is part of the text, and
    a line that starts with '#' is a comment of its own."""
    text = ("a: x\n  y #c\nb:\n  - p\n\n    q #d\n  - k: u\n      v #e\n  - k: u\n      v  #f\nc: |\n  x\n  y #g\n"
            "d: 'x\n  y #h'\ne: \"x\n  y #i\"\nf: x\n  # j\ng: >\n  x\n  y #k\nh: 1\n  2 #l\n")
    expected = {("a",): (2, 5, "#c"), ("b", 0): (6, 7, "#d"), ("b", 1, "k"): (8, 9, "#e"), ("h",): (24, 5, "#l")}
    assert not assert_read_alike(text.encode())
    for fast in (True, False):
        loaded = yamlio._load_bytes(text.encode(), "f.yaml", fast=fast)
        assert loaded.data["b"][0] == "p\nq" and loaded.data["h"] == "1 2"
        assert loaded.comments == expected, (fast, loaded.comments)


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\nb: |+\n  x\n",  # a duplicate noted, then keep chomping: libyaml reads it all again
    "a: x\tb\n", "a: b\r\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: \"x\\ty\"\n", "a: 'x\n  y'\n",
    "a: plain\n  continued\n", "- a\n", "a: 1\n---\nb: 2\n", "a: |\n  no line break at the end",
    "a: x\u00a0y\n", "<<: {a: 1}\n", "a: =\n",
])
def test_fast_reader_leaves_these_to_libyaml_with_nothing_left_behind(text):
    assert not assert_read_alike(text.encode("utf-8"))
    if text.startswith("a: 1\na: 2"):
        assert [f.code for f in yamlio._load_bytes(text.encode(), "f.yaml").findings] == ["YML002"]
