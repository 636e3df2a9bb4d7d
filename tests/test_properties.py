"""Property-based tests: generated and mutated dossiers never make raio check raise.

Properties: the check returns (never raises, no internal errors), its exit code is 0 or 1, and
every finding names a file of the portfolio and a line inside it. The budget is small here
(RAIO_FUZZ_EXAMPLES, default 60 per property); `python tests/fuzz.py` runs 100,000 inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, copy_example

EXAMPLES = int(os.environ.get("RAIO_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
TODAY = dt.date(2026, 11, 15)
APP = "stroke-lvo-triage"
FILES = ("application", "problem", "effects", "compliance", "pilot", "monitoring")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["2026-02-30", "2026-01-01", "no", "1.10", "E1", "scale-up", "IIa", "123456782"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                      max_leaves=12)

#: The line breaks of an editor: \n, \r\n and a lone \r (YAML 1.1's NEL, LS and PS are none)
_EDITOR_BREAK = re.compile(rb"\r\n|\r|\n")
#: Texts with YAML 1.1's own line breaks, which an editor does not count
broken_texts = st.text(alphabet=st.sampled_from("ab #:'\"\x85\u2028\u2029\r\n"), max_size=12)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


def _set(data, path, value):
    if not path:
        return value
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def _check_invariants(root: Path):
    from raio_cli import check

    result = check.run(root, today=TODAY)
    assert not result.internal_errors, result.internal_errors
    assert result.exit_code() in (0, 1)
    for f in result.findings:
        if not f.file:
            continue
        path = root / f.file
        assert path.exists() or path.is_symlink() or f.line == 0, f
        if path.is_file() and f.line:
            lines = len(_EDITOR_BREAK.split(path.read_bytes()))  # as an editor counts them (not at NEL, LS, PS)
            assert 1 <= f.line <= lines, (f, lines)
    return result


def _load(name):
    text = (EXAMPLE / "applications" / APP / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text: a neutral starting point


@SETTINGS
@given(name=st.sampled_from(FILES), choice=st.integers(0, 10**6), value=values)
def test_mutated_dossier_never_breaks_check(name, choice, value):
    data = _load(name)
    paths = list(_paths(data))
    path = paths[choice % len(paths)]
    data = _set(data, path, value)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_example(Path(tmp) / "p")
        (root / "applications" / APP / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        _check_invariants(root)


@SETTINGS
@given(name=st.sampled_from(FILES), cut=st.integers(0, 10**6), junk=st.binary(max_size=40))
def test_byte_mangled_dossier_never_breaks_check(name, cut, junk):
    raw = (EXAMPLE / "applications" / APP / f"{name}.yaml").read_bytes()
    at = cut % (len(raw) + 1)
    mangled = raw[:at] + junk + raw[at + len(junk):]
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_example(Path(tmp) / "p")
        (root / "applications" / APP / f"{name}.yaml").write_bytes(mangled)
        _check_invariants(root)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(["id", "name", "stage", "owner", "regulatory", "modality", "version", "x"]),
                            values, max_size=6))
def test_generated_application_never_breaks_check(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        (root / "applications" / "gen-app").mkdir(parents=True)
        (root / "raio.yaml").write_text("organisation: T\nlanguage: en\n")
        (root / "applications" / "gen-app" / "application.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _check_invariants(root)


@SETTINGS
@given(data=st.dictionaries(st.one_of(st.sampled_from(["id", "name", "stage", "owner", "x"]), broken_texts),
                            st.one_of(broken_texts, st.integers(), st.lists(broken_texts, max_size=3)), max_size=6))
def test_findings_after_nel_ls_and_ps_stay_inside_the_file(data):
    """A key or text holding NEL, LS or PS, dumped as YAML tools write it: every finding on a line
    an editor shows."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        (root / "applications" / "gen-app").mkdir(parents=True)
        (root / "raio.yaml").write_text("organisation: T\nlanguage: en\n")
        (root / "applications" / "gen-app" / "application.yaml").write_text(
            yaml.safe_dump({"id": "gen-app", **data, "zz": 1}, allow_unicode=True), encoding="utf-8", newline="")
        result = _check_invariants(root)
        raw = (root / "applications" / "gen-app" / "application.yaml").read_bytes()
        zz = [n for n, line in enumerate(_EDITOR_BREAK.split(raw), 1) if line.startswith(b"zz:")]
        assert [f.line for f in result.findings if f.code == "SCH002" and "'zz'" in f.message] == zz[-1:]


def test_fuzz_script_smoke():
    """CI's small budget of tests/fuzz.py (the 100,000-input run is recorded in tests/README.md)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(Path(__file__).parent / "fuzz.py"), "--n", "400", "--check-every", "100"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "400 inputs, 0 crashes" in out.stdout


def test_fuzz_values_smoke():
    """CI's small budget of ``tests/fuzz.py --values`` (value mutations through every command)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(Path(__file__).parent / "fuzz.py"), "--values", "5"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "5 value mutations, 0 crashes" in out.stdout


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(lambda s: s.strip())


@SETTINGS
@given(app_id=st.from_regex(r"[a-z0-9][a-z0-9-]{1,20}[a-z0-9]", fullmatch=True), name=texts, vendor=texts,
       statement=texts, modality=st.lists(st.sampled_from(["CT", "MR", "DX", "MG", "US"]), min_size=1, max_size=3, unique=True),
       task=st.sampled_from(["triage", "detection", "quantification", "reporting"]))
def test_new_pilot_then_check_is_clean(app_id, name, vendor, statement, modality, task):
    """Whatever the answers, a scaffolded dossier has no errors (a proposal's gaps are warnings).
    An answer holding a character that shows nothing or acts on a screen (which raio check would
    report as YML020: a format character, one not yet assigned) is refused with a message."""
    from raio_cli import check, scaffold
    from raio_cli.terminal import hidden
    from raio_cli.yamlio import TEXT_BREAKS

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        scaffold.init_portfolio(root, organisation="T", department="Radiologie", language="en", ci="none")
        answers = {"id": app_id, "name": name, "vendor": vendor, "statement": statement, "modality": modality, "task": task}
        if any(hidden(ch) and ch not in TEXT_BREAKS for ch in name + vendor + statement):
            with pytest.raises(scaffold.ScaffoldError, match="shows nothing or acts on a screen"):
                scaffold.new_pilot(root, answers)
            assert not (root / "applications" / app_id).exists()
            return
        scaffold.new_pilot(root, answers)
        result = check.run(root, today=TODAY, use_git=False)
        errors = [(f.code, f.message) for f in result.findings if str(f.severity) == "error"]
        assert errors == [] and not result.internal_errors


def _jitter(value, rng):
    """A same-typed variation of a dossier value: other numbers, dates, hostile text, shorter lists."""
    if isinstance(value, bool):
        return rng.choice([True, False])
    if isinstance(value, (int, float)) and rng.random() < 0.4:
        return type(value)(round(value * rng.choice([0.5, 1.5, 2, 10]), 3))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and rng.random() < 0.4:
        return f"20{rng.randint(20, 30)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if isinstance(value, str) and rng.random() < 0.3:
        return rng.choice(["<script>alert(1)</script> | * _ # $ [x] @ \\ {{ x }}", "é" * 200, "x"])
    if isinstance(value, list):
        keep = value if rng.random() < 0.7 else value[: rng.randint(0, len(value))]
        return [_jitter(v, rng) for v in keep]
    if isinstance(value, dict):
        return {k: _jitter(v, rng) for k, v in value.items()}
    return value


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(seed=st.integers(0, 10**9), app=st.sampled_from(["longnodule-ct", "ct-lichaamssamenstelling", "fractuurdetectie-seh", "thoraxfoto-triage"]))
def test_memo_never_raises_on_a_schema_valid_dossier(seed, app):
    import random

    from hypothesis import assume

    from raio_cli import schema
    from raio_cli.documents.memo import render_memo
    from raio_cli.yamlio import load_bytes

    rng = random.Random(seed)
    changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_example(Path(tmp) / "p")
        folder = root / "applications" / app
        for path in sorted(folder.glob("*.yaml")):
            if path.stem == "application":
                continue
            data = _jitter(load_bytes(path.read_bytes(), path.name).data, rng)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            loaded = load_bytes(text.encode(), path.name)
            if loaded.ok and not schema.validate(loaded, path.stem):
                path.write_text(text, encoding="utf-8")  # only variations that pass the schema
                changed += 1
        assume(changed)
        for fmt in ("md", "html"):
            data, name, _draft = render_memo(root, app, fmt, "nl", TODAY)
            assert data and name


# texts that hold what jsontext escapes (C1 and bidirectional controls, "##[", "##vso[", a lone
# surrogate) and what the streamed list indents around (line breaks, which JSON escapes)
_escapable = st.text(alphabet=st.sampled_from(["#", "[", "v", "s", "o", "\n", "\r", "\u0085", "\u009b", "\u202e",
                                               "\u2028", "\udce9", "é", "→", " ", '"', "\\", "a"]), max_size=12)
json_values = st.recursive(st.one_of(scalars.filter(lambda v: v == v), _escapable),  # NaN != NaN
                           lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(st.one_of(st.text(max_size=6), _escapable), inner,
                                                                   max_size=4)),
                           max_leaves=12)


@SETTINGS
@given(st.lists(json_values, max_size=5))
def test_json_list_written_item_by_item_is_the_whole_list(items):
    """`raio check --format json` writes its findings a batch at a time, so that the whole text is
    never held in memory: what it writes must be byte for byte the list written at once, escapes
    included (an escape never spans two items), whatever the batches."""
    import io

    from raio_cli import jsontext

    whole = jsontext.dumps(items, indent=2) + "\n"
    at_once = jsontext.WRITE_AT_ONCE
    try:
        for size in (1, 2, 3, at_once):  # written in batches: every boundary between two items
            jsontext.WRITE_AT_ONCE = size
            out = io.StringIO()
            jsontext.write_list(iter(items), out)
            assert out.getvalue() == whole, size
    finally:
        jsontext.WRITE_AT_ONCE = at_once
