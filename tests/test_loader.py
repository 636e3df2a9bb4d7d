"""The YAML loader: each hygiene finding with a failing and a passing input, at its exact position."""

from __future__ import annotations

import pytest
import yaml

from raio_cli.yamlio import load_bytes, load_file

# code -> (failing input, expected (line, column) of the finding, passing input)
CASES = {
    "YML001": (b"name: [1, 2\nstage: pilot\n", (2, 6), b"name: [1, 2]\nstage: pilot\n"),
    "YML002": (b"id: a\neffect:\n  target: 0.9\n  unit: ratio\n  target: 0.85\n", (5, 3),
               b"id: a\neffect:\n  target: 0.9\n  unit: ratio\n"),
    "YML003": (b"a: &base {x: 1}\nb: *base\n", (1, 4), b"a: {x: 1}\nb: {x: 1}\n"),
    "YML004": (b"a: {x: 1}\nb:\n  <<: {x: 1}\n  y: 2\n", (3, 3), b"a: {x: 1}\nb:\n  x: 1\n  y: 2\n"),
    "YML005": (b"in_house: no\n", (1, 11), b"in_house: false\n"),
    "YML006": (b"code: 010\n", (1, 7), b'code: "010"\n'),
    "YML008": (b"owner:\n\tname: A\n", (2, 1), b"owner:\n  name: A\n"),
    "YML009": (b"name: Fractuurdetectie Caf\xe9\n", (1, 27), "name: Fractuurdetectie Café\n".encode()),
    "YML010": (b"\xef\xbb\xbfid: abc\n", (1, 1), b"id: abc\n"),
    "YML012": (b"id: abc\n<<<<<<< HEAD\nstage: pilot\n=======\nstage: planned\n>>>>>>> branch\n", (2, 1),
               b"id: abc\nstage: pilot\n"),
    "YML013": (b"# nothing here yet\n", (1, 1), b"# something\nid: abc\n"),
    "YML014": (b"- id: abc\n- id: def\n", (1, 1), b"apps:\n  - id: abc\n"),
    "YML015": (b"x: !!python/object/apply:os.system ['echo hi']\n", (1, 4), b"x: ['echo hi']\n"),
    "YML016": (b"a: " + b"[" * 200 + b"]" * 200 + b"\n", None, b"a: [[[1]]]\n"),
    "YML020": (b'name: "Detectie\\u200b"\n', (1, 7), b'name: "Detectie"\n'),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_loader_finding_fails_and_passes(code):
    bad, position, good = CASES[code]
    found = load_bytes(bad, "f.yaml", "app")
    hits = [f for f in found.findings if f.code == code]
    assert hits, f"{code} not reported; got {[(f.code, f.message) for f in found.findings]}"
    assert all(f.file == "f.yaml" and f.app == "app" for f in hits)
    if position:
        assert (hits[0].line, hits[0].column) == position
    clean = load_bytes(good, "f.yaml")
    assert clean.findings == []
    assert isinstance(clean.data, dict)


def test_duplicate_key_names_the_first_line_and_keeps_yaml_behaviour():
    found = load_bytes(b"effects:\n  - id: E1\n    target: 0.9\n    target: 0.85\n", "effects.yaml")
    [dup] = found.findings
    assert (dup.code, dup.line, dup.column) == ("YML002", 4, 5)
    assert "first at line 3" in dup.message
    assert found.data["effects"][0]["target"] == 0.85  # what every YAML tool reads


def test_norway_values_every_spelling():
    for word in ("no", "NO", "No", "on", "off", "yes", "YES", "Off"):
        found = load_bytes(f"x: {word}\n".encode(), "f.yaml")
        assert [f.code for f in found.findings] == ["YML005"], word
    for fine in ("true", "false", "True", '"no"', "'yes'", "nope", "yEs", "oN"):  # YAML 1.1 too reads these as text
        assert load_bytes(f"x: {fine}\n".encode(), "f.yaml").findings == [], fine


# value -> what raio (PyYAML's YAML 1.1 resolver) reads; None: YAML 1.2's core schema reads it alike
YAML11_VS_12 = {
    "0b101": (5, "binary number 5", "text '0b101'"),
    "0o17": ("0o17", "text '0o17'", "octal number 15"),
    "1_000": (1000, "number 1000", "text '1_000'"),
    "1e3": ("1e3", "text '1e3'", "number 1000.0"),
    "1.5E3": ("1.5E3", "text '1.5E3'", "number 1500.0"),
    "-.5": ("-.5", "text '-.5'", "number -0.5"),
    "0017": (15, "octal number 15", "number 17"),
    "09": ("09", "text '09'", "number 9"),
    "1:20": (80, "base-60 number 80", "text '1:20'"),
    "0x1F": (31, None, None),
    "+12": (12, None, None),
    ".5": (0.5, None, None),
    "1.0e+3": (1000.0, None, None),
    "3.": (3.0, None, None),
}


@pytest.mark.parametrize("text", sorted(YAML11_VS_12))
def test_numbers_that_yaml_1_1_and_1_2_read_differently_are_flagged_where_written(text):
    value, as11, as12 = YAML11_VS_12[text]
    raw = f"id: a\nperformance:\n  n_cases: {text}\n  codes: [x, {text}]\n".encode()
    found = load_bytes(raw, "performance.yaml")
    assert found.data["performance"] == {"n_cases": value, "codes": ["x", value]}  # raio's reading is unchanged
    hits = [(f.code, f.file, f.line, f.column, f.message) for f in found.findings]
    if as11 is None:
        assert hits == []
    else:
        message = f"'{text}' is read as the {as11} by YAML 1.1 tools and as the {as12} by YAML 1.2 tools"
        assert hits == [("YML006", "performance.yaml", 3, 12, message), ("YML006", "performance.yaml", 4, 14, message)]
    assert load_bytes(f'n_cases: "{text}"\n'.encode(), "f.yaml").findings == []  # quoted: text in every tool


def test_versions_and_dates_keep_what_was_written_and_remember_the_yaml_type():
    found = load_bytes(b"version: 1.10\nstart: 2026-03-01\nname: '1.10'\n", "a.yaml")
    assert found.data == {"version": 1.1, "start": "2026-03-01", "name": "1.10"}
    assert found.coerced[("version",)] == ("float", "1.10")
    assert found.coerced[("start",)] == ("timestamp", "2026-03-01")
    assert ("name",) not in found.coerced


def test_positions_in_nested_lists():
    text = b"effects:\n  - id: E1\n    target: 0.9\n  - id: E2\n    limit: 3\n"
    found = load_bytes(text, "effects.yaml")
    assert found.where(("effects", 1, "limit")) == (5, 12)
    assert found.where(("effects", 1, "limit"), key=True) == (5, 5)
    assert found.where(("effects", 1, "missing", "deeper")) == (4, 5)  # nearest ancestor


def test_a_missing_key_is_placed_at_its_commented_out_line_with_any_line_breaks():
    text = b'# x\r\nalternatives: []\r\n# for_whom: ""\r\nplan:\r\n  design: x\r\n  #   sample_size: 3\r\n  # sample_size: 4\r\n'
    found = load_bytes(text, "p.yaml")
    assert found.where(("for_whom",)) == (3, 1)
    assert found.where(("plan", "sample_size")) == (7, 3)  # not the deeper one above it
    assert found.where(("plan", "x", "y")) == (4, 1)  # no comment: the key of the mapping it belongs in
    assert found.where(("zz",)) == (1, 1)  # no comment, top level: the first line
    odd = load_bytes(b"a: [1, 2]\nb: {c: 1}\ns: text\n# d:\n", "x.yaml")
    assert odd.where(("a", 5)) == (1, 4) and odd.where(("a", "q")) == (1, 4)  # not a mapping: as before
    assert odd.where(("s", "q")) == (3, 4) and odd.where(("b", "q")) == (2, 1)
    assert odd.where(("d", "e")) == (4, 1)  # as deep as the comments go


def test_alias_bomb_is_not_expanded():
    lol = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lol += f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n".encode()
    found = load_bytes(lol, "bomb.yaml")
    assert any(f.code == "YML003" for f in found.findings)
    assert len(found.findings) <= 5
    assert found.data["i"] == [None] * 9  # each alias left empty, never expanded


def test_utf16_binary_and_multiple_documents():
    assert load_bytes("id: abc\n".encode("utf-16"), "f").findings[0].code == "YML009"
    assert load_bytes(b"id: a\x00bc\n", "f").findings[0].code == "YML009"
    multi = load_bytes(b"id: a\n---\nid: b\n", "f")
    assert multi.findings[0].code == "YML001" and "more than one" in multi.findings[0].message


def test_size_cap_reads_no_further(tmp_path):
    big = tmp_path / "application.yaml"
    big.write_bytes(b"a: " + b"x" * 2_000_000 + b"\n")
    found = load_file(big, "application.yaml", max_bytes=1024 * 1024)
    assert [f.code for f in found.findings] == ["YML011"] and found.data is None


def test_yml011_at_its_limits_and_one_past_them(tmp_path):
    """A text value of 100,000 characters and a file of exactly the size limit are read; one
    character or byte more is YML011, at the value, or at the file (which is not read)."""
    for quote in (b"", b"'", b'"'):
        assert load_bytes(b"id: a\nnote: " + quote + b"x" * 100_000 + quote + b"\n", "f.yaml").findings == []
        [f] = load_bytes(b"id: a\nnote: " + quote + b"x" * 100_001 + quote + b"\n", "f.yaml").findings
        assert (f.code, f.line, f.column, f.message) == ("YML011", 2, 7, "a text value of 100,001 characters")
    limit = 1024 * 1024
    body = b"id: a\n" + (b"# " + b"c" * 97 + b"\n") * (limit // 100 + 1)  # comments: no long value
    path = tmp_path / "application.yaml"
    path.write_bytes(body[:limit - 1] + b"\n")
    assert load_file(path, "application.yaml", max_bytes=limit).findings == []
    path.write_bytes(body[:limit] + b"\n")
    [f] = load_file(path, "application.yaml", max_bytes=limit).findings
    assert (f.code, f.line, f.column) == ("YML011", 0, 0) and "1024 KiB limit" in f.message


def test_yml016_one_level_past_what_raio_reads_in_flow_and_block_style():
    for n, where in ((63, None), (64, (1, 68))):
        flow = load_bytes(b"a: " + b"[" * n + b"1" + b"]" * n + b"\n", "f.yaml")
        block = load_bytes(b"a:\n" + b"".join(b"  " * i + b"k:\n" for i in range(1, n)) + b"  " * n + b"k: 1\n", "f.yaml")
        if where is None:
            assert flow.findings == [] and block.findings == [], n
            continue
        [f] = flow.findings
        assert (f.code, (f.line, f.column), f.message) == ("YML016", where, "the YAML is nested more than 64 levels deep")
        assert [(f.code, f.line) for f in block.findings] == [("YML016", n + 1)]


def test_folder_where_a_file_belongs(tmp_path):
    (tmp_path / "pilot.yaml").mkdir()
    found = load_file(tmp_path / "pilot.yaml", "pilot.yaml")
    assert [f.code for f in found.findings] == ["YML017"]


def test_crlf_line_endings_keep_line_numbers():
    found = load_bytes(b"id: a\r\nx: no\r\n", "f")
    assert [(f.code, f.line) for f in found.findings] == [("YML005", 2)]


def test_inline_suppressions_are_collected():
    found = load_bytes(b"a: 1  # raio: ignore[DAT003] board postponed\n# raio: ignore[PRV001, PRV002] test data\n\nb: 2\n", "f")
    first, second = found.suppressions
    assert (first.line, first.codes, first.reason) == (1, ("DAT003",), "board postponed")
    assert (second.line, second.comment_line, second.codes) == (4, 2, ("PRV001", "PRV002"))


# what a radiologist types -> (line, column) of the finding, what the hint tells to write instead
UNQUOTED_TEXT = {
    "current_practice: zie notitie: bijlage 2\n": (1, 30, 'current_practice: "zie notitie: bijlage 2"'),
    "alternatives:\n  - option: zie: het protocol\n    ai: false\n": (2, 16, 'option: "zie: het protocol"'),
    "current_practice: *zie bijlage\n": (1, 19, 'current_practice: "*zie bijlage"'),
    "current_practice: @radiologen lezen alles\n": (1, 19, 'current_practice: "@radiologen lezen alles"'),
    "current_practice: % van de foto's wordt gemist\n": (1, 19, "current_practice: \"% van de foto's wordt gemist\""),
    "statement: 'Veel foto's worden gemist'\nfor_whom: SEH\n": (1, 23, "statement: \"Veel foto's worden gemist\""),
    "statement: 'Veel foto's worden gemist\"\n": (1, 23, "statement: \"Veel foto's worden gemist\""),
    "evidence: \"S:\\Radiologie\\dpia.pdf\"\n": (1, 14, "evidence: 'S:\\Radiologie\\dpia.pdf'"),
    "statement: De SEH-arts: mist fracturen  # zie audit\n": (1, 23, 'statement: "De SEH-arts: mist fracturen"  # zie audit'),
    # one space before a '#' in a text is the text cut short (YML019): the quotes take it in
    "current_practice: @radiologen lezen alles #2 keer\n": (1, 19, 'current_practice: "@radiologen lezen alles #2 keer"'),
    "statement: De SEH-arts: mist fracturen #2 en 3\n": (1, 23, 'statement: "De SEH-arts: mist fracturen #2 en 3"'),
}


@pytest.mark.parametrize("text", sorted(UNQUOTED_TEXT))
def test_text_yaml_cannot_read_unquoted_says_which_text_and_gives_the_line_quoted(text):
    """`reden: zie notitie: bijlage`, a text starting with '*', '@' or '%', or an apostrophe
    inside '...' gave libyaml's words ("mapping values are not allowed in this context", "found
    undefined alias", "found character that cannot start any token") and a general hint. The
    finding now says which text YAML cannot read and why, and the hint gives the line to write,
    which reads."""
    line, column, fixed = UNQUOTED_TEXT[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line, f.column) == ("YML001", line, column)
    key = fixed.split(":")[0]
    assert f.message.startswith(f"YAML syntax error: the text of {key} "), f.message
    assert f.hint in (f"Put the whole text in quotes: {fixed}", f"Put the text in single quotes: {fixed}"), f.hint
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip(" -"))] + fixed
    clean = load_bytes("\n".join(lines).encode(), "problem.yaml")
    assert clean.findings == [] and isinstance(clean.data, dict)


def test_a_syntax_error_quoting_would_not_mend_keeps_the_general_hint():
    """Quoting is offered only where the quoted line reads: an indentation slip keeps the hint to
    check the indentation."""
    (f,) = load_bytes(b"effects:\n  - id: E1\n    metric: x\n      radar_level: 2\n", "effects.yaml").findings
    assert f.code == "YML001" and "quotes:" not in f.hint


@pytest.mark.parametrize("text, place, quote", [
    ('statement: "Fracturen worden gemist\nfor_whom: SEH\nalternatives: [a]\n', (1, 12), '"'),
    ("statement: x\nfor_whom: 'SEH-patienten\n\n", (2, 11), "'"),
    ("plan:\n  sites:\n    - 'Noord\n    - Zuid\n", (3, 7), "'"),
])
def test_a_quote_never_closed_is_reported_where_it_opens(text, place, quote):
    """libyaml reports a quote the file ends inside at the end of the file ("unexpected end of
    stream"), lines below the slip: the finding is placed at the quote that opens the text and
    says how to end it."""
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, (f.line, f.column)) == ("YML001", place), f
    assert f.message == f"YAML syntax error: the text quoted with {quote} here is never closed: the file ends inside it"
    assert f.hint.startswith(f"End the text with {quote} where it ends")
    assert f.data["yaml_problem"] == "unclosed_quote"  # worded in Dutch in a memo as before


# a text whose first line holds ' #' and goes on below -> (line, column of the '#', lines replaced, the line to write)
COMMENT_ON_A_FIRST_LINE = {
    "statement: Fracturen #2\n  op de SEH\n": (1, 22, 2, 'statement: "Fracturen #2 op de SEH"'),
    "id: x\nstatement: Fracturen #2\n  op de SEH\n\n  in de nacht\nfor_whom: SEH\n": (
        2, 22, 5, 'statement: "Fracturen #2 op de SEH\\nin de nacht"'),
    "alternatives:\n  - option: Extra #2 dagen\n      scholing\n    ai: false\n": (2, 19, 3, 'option: "Extra #2 dagen scholing"'),
    "plan:\n  sites:\n    - Centrum #2\n      Noord\n    - Zuid\n": (3, 15, 4, '- "Centrum #2 Noord"'),
}


@pytest.mark.parametrize("text", sorted(COMMENT_ON_A_FIRST_LINE))
def test_a_comment_on_the_first_line_of_a_text_that_goes_on_below_names_the_comment(text):
    """`statement: Fracturen #2` with `op de SEH` indented below gave "did not find expected key"
    on the second line with the general hint: nothing said that ' #' started a comment, which
    ends the text, so the lines below cannot go on it. The finding is now at the '#', says so,
    and the hint gives the whole text quoted on one line, which, put in place of its lines, reads
    back as written."""
    line, column, last, fixed = COMMENT_ON_A_FIRST_LINE[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line, f.column) == ("YML001", line, column)
    key = fixed.split(":")[0] if not fixed.startswith("- ") else None
    what = f"the text of {key}" if key else "a text"
    assert f.message.startswith(f"YAML syntax error: the ' #' in {what} starts a comment"), f.message
    assert f.hint == f"Put the whole text in quotes, on one line in place of lines {line} to {last}: {fixed}", f.hint
    lines = text.split("\n")
    lead = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip(" -" if key else " "))]
    mended = load_bytes("\n".join(lines[: line - 1] + [lead + fixed] + lines[last:]).encode(), "problem.yaml")
    assert mended.findings == [] and isinstance(mended.data, dict)
    if key is None:
        assert mended.data["plan"]["sites"] == yaml.safe_load(fixed) + ["Zuid"] == ["Centrum #2 Noord", "Zuid"]
        return
    value = mended.data[key] if key in mended.data else mended.data["alternatives"][0][key]
    assert value == yaml.safe_load(fixed)[key] and "#2" in value


# a text that YAML cannot read without quotes on its first line and goes on below -> (line, lines replaced, the line to write)
UNQUOTED_ON_A_FIRST_LINE = {
    "statement: Fracturen: op de SEH\n  in de nacht\nfor_whom: SEH\n": (1, 2, 'statement: "Fracturen: op de SEH in de nacht"'),
    "id: x\nstatement: @SEH-artsen missen fracturen\n  in de nacht\n\n  en het weekend\n": (
        2, 5, 'statement: "@SEH-artsen missen fracturen in de nacht\\nen het weekend"'),
    "alternatives:\n  - option: *Extra dagen\n      scholing\n    ai: false\n": (2, 3, 'option: "*Extra dagen scholing"'),
}


@pytest.mark.parametrize("text", sorted(UNQUOTED_ON_A_FIRST_LINE))
def test_a_text_to_quote_that_goes_on_below_is_quoted_whole(text):
    """`statement: @SEH-artsen missen fracturen` (or a ': ' or a '*' on that line) with `in de
    nacht` indented below gave the hint `statement: "@SEH-artsen missen fracturen"`: the first
    line only. Pasted in place of that line, the line below no longer goes on a text and YAML
    cannot read it: a new syntax error, and deleting it loses text. The hint now gives the whole
    text quoted on one line, in place of its lines, which reads back as written."""
    line, last, fixed = UNQUOTED_ON_A_FIRST_LINE[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line) == ("YML001", line)
    assert f.hint == f"Put the whole text in quotes, on one line in place of lines {line} to {last}: {fixed}", f.hint
    lines = text.split("\n")
    lead = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip(" -"))]
    mended = load_bytes("\n".join(lines[: line - 1] + [lead + fixed] + lines[last:]).encode(), "problem.yaml")
    assert mended.findings == [] and isinstance(mended.data, dict)
    key = fixed.split(":")[0]
    value = mended.data[key] if key in mended.data else mended.data["alternatives"][0][key]
    assert value == yaml.safe_load(fixed)[key]


def test_a_text_to_quote_that_goes_on_below_too_long_to_paste_says_where_the_quotes_go():
    """Above the width of a line to paste, the hint says in words where the quotes go, over the
    text's lines; followed, the file reads with the whole text."""
    words = " ".join(["fracturen"] * 12)
    text = f"statement: @SEH-artsen missen {words}\n  in de nacht {words}\nfor_whom: SEH\n"
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert f.code == "YML001" and "(line 1)" in f.hint and "(line 2)" in f.hint, f.hint
    mended = text.replace("statement: @", 'statement: "@').replace(f"nacht {words}", f'nacht {words}"')
    doc = load_bytes(mended.encode(), "problem.yaml")
    assert doc.findings == [] and doc.data["statement"] == f"@SEH-artsen missen {words} in de nacht {words}"


def test_a_comment_after_two_spaces_on_a_first_line_keeps_the_general_hint():
    """Two spaces before the '#' mark a comment meant as one: the lines below are the slip, and
    quoting the comment into the text is not offered."""
    for text in (b"statement: Fracturen  # zie audit\n  op de SEH\n", b"sites:\n  - Centrum  # zie audit\n    Noord\n"):
        (f,) = load_bytes(text, "problem.yaml").findings
        assert f.code == "YML001" and f.hint.startswith("Check the indentation"), f.hint


# a line indented one step off -> (line, the hint)
MISINDENTED = {
    "effects:\n  - id: E1\n    kind: benefit\n   primary: true\n": (4, "Indent primary: as far as kind: on line 3 (4 spaces)."),
    "effects:\n  - id: E1\n    kind: benefit\n  primary: true\n": (4, "Indent primary: as far as kind: on line 3 (4 spaces)."),
    'effects:\n  - id: E1\n    measurement: "x"\n\n    # RADAR\n      radar_level: 2\n': (
        6, "Indent radar_level: as far as measurement: on line 3 (4 spaces)."),
    "effects:\n  - id: E1\n    metric: x\n      radar_level: 2\n": (4, "Indent radar_level: as far as metric: on line 3 (4 spaces)."),
    "plan:\n  start: 2027-01-01\n   end: 2027-06-01\n": (3, "Indent end: as far as start: on line 2 (2 spaces)."),
}


@pytest.mark.parametrize("text", sorted(MISINDENTED))
def test_a_line_indented_one_step_off_names_the_line_to_line_it_up_with(text):
    """A key indented a space or two off gave libyaml's "did not find expected '-' indicator",
    "did not find expected key" or "mapping values are not allowed in this context" with a hint to
    check the indentation somewhere. The finding now names the key and the line above it, and the
    hint, followed, makes the file read."""
    line, hint = MISINDENTED[text]
    (f,) = load_bytes(text.encode(), "effects.yaml").findings
    assert (f.code, f.line, f.hint) == ("YML001", line, hint)
    key = hint.split()[1].rstrip(":")
    assert f.message.startswith(f"YAML syntax error: {key} on line {line} is indented "), f.message
    lines = text.split("\n")
    lines[line - 1] = " " * int(hint.split("(")[1].split()[0]) + lines[line - 1].lstrip()
    assert load_bytes("\n".join(lines).encode(), "effects.yaml").findings == []


def test_a_file_of_comments_only_says_so_at_the_first_field_to_uncomment():
    """A problem.yaml whose fields are all still commented out (as raio new-pilot writes some) was
    "the file is empty" at line 1, though the radiologist sees a full file. It now says the file
    holds only comments, at the first commented-out field, and the hint says to remove the '# '."""
    text = b"# problem.yaml: the problem.\n#\n# statement: \"\"   # what goes wrong\n# for_whom: \"\"\n"
    (f,) = load_bytes(text, "problem.yaml").findings
    assert (f.code, f.line, f.column) == ("YML013", 3, 1)
    assert f.message == "the file holds only comments: every field in it is commented out"
    assert f.hint == "Remove the '# ' in front of the fields you fill in (statement: on line 3), or delete the file if it is not needed at this stage."
    assert f.data == {"variant": "comments", "not_read": True} or f.data.get("variant") == "comments"
    (f,) = load_bytes(b"", "problem.yaml").findings
    assert (f.code, f.line, f.message) == ("YML013", 1, "the file is empty")


# a line with a space missing -> (the line it is on, the hint)
NO_SPACE = {
    "effects:\n  - id: E1\n    target:92\n    unit: '%'\n": (3, "Write target: 92 (a space after the ':')."),
    "plan:\n  start:2027-01-01\n  end: 2027-06-30\n": (2, "Write start: 2027-01-01 (a space after the ':')."),
    "effects:\n  -id: E1\n    kind: benefit\n": (2, "Write - id: E1 (a space after the '-')."),
    "effects:\n  - id:E1\n    kind: benefit\n": (2, "Write id: E1 (a space after the ':')."),
}


@pytest.mark.parametrize("text", sorted(NO_SPACE))
def test_a_missing_space_after_a_colon_or_dash_is_found_on_its_own_line(text):
    """`target:92` gave "could not find expected ':'" on the line below it, `-id: E1` "mapping
    values are not allowed in this context", each with the general hint. The finding is now on the
    line with the missing space, and the hint gives the line written with it, which reads."""
    line, hint = NO_SPACE[text]
    (f,) = load_bytes(text.encode(), "effects.yaml").findings
    assert (f.code, f.line, f.hint) == ("YML001", line, hint)
    assert "space" in f.message
    lines = text.split("\n")
    written = hint[len("Write "):].split(" (a space")[0]
    lines[line - 1] = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip(" -" if written[0] != "-" else " "))] + written
    assert load_bytes("\n".join(lines).encode(), "effects.yaml").findings == []


def test_a_line_indented_too_little_between_its_neighbours_is_the_one_named():
    """`source:` written two spaces too far left between `value:` and `n:` of a baseline made
    libyaml stop at `n:`, and the advice was to indent n like source: which reads, but moves
    n out of the baseline. The line out of step with both neighbours is the one to move."""
    text = b"effects:\n  - id: E1\n    baseline:\n      value: 84\n    source: Audit\n      n: 312\n    target: 92\n"
    (f,) = load_bytes(text, "effects.yaml").findings
    assert (f.code, f.line) == ("YML001", 5)
    assert f.hint == "Indent source: as far as value: on line 4 (6 spaces)."
    fixed = text.replace(b"    source: Audit", b"      source: Audit")
    assert load_bytes(fixed, "effects.yaml").findings == []


@pytest.mark.parametrize("text, position", [
    ("effects:\n  - id: E1\n\u00a0\u00a0\u00a0\u00a0kind: benefit\n", (3, 1)),
    ("effects:\n  - id: E1\n    kind:\u00a0benefit\n", (3, 10)),
])
def test_a_non_breaking_space_pasted_from_a_word_processor_is_named(text, position):
    """Indentation pasted from Word or an e-mail holds non-breaking spaces (U+00A0), which look like
    spaces: `    kind: benefit` so indented became a top-level key '\\xa0\\xa0\\xa0\\xa0kind' without a
    word, and `kind:\\xa0benefit` gave "could not find expected ':'" on the next line. Both are
    now YML008 at the non-breaking space, saying what it is; replacing it makes the file read."""
    (f,) = load_bytes(text.encode(), "effects.yaml").findings
    assert (f.code, (f.line, f.column)) == ("YML008", position)
    assert "non-breaking space" in f.message and f.data["variant"] == "nbsp"
    assert f.hint == f"Replace it with an ordinary space (on line {position[0]}, retype the spaces)."
    assert load_bytes(text.replace("\u00a0", " ").encode(), "effects.yaml").findings == []
    assert load_bytes("statement: Noorderzon\u00a0SEH\n".encode(), "problem.yaml").findings == []  # inside text it is text


# a text that starts with '&word' -> (line, column, the word YAML drops, what YAML reads, the line quoted)
ANCHORED_TEXT = {
    "note: &more text\n": (1, 7, "more", "text", 'note: "&more text"'),
    "statement: &SEH mist fracturen  # audit\n": (1, 12, "SEH", "mist fracturen", 'statement: "&SEH mist fracturen"  # audit'),
    "alternatives:\n  - option: &extra scholing\n    ai: false\n": (2, 13, "extra", "scholing", 'option: "&extra scholing"'),
    "note: &more\n": (1, 7, "more", "", 'note: "&more"'),
    # one space before a '#' in a text is the text cut short (YML019): "the whole text" takes it in
    "statement: &SEH mist fracturen #2 en 3\n": (1, 12, "SEH", "mist fracturen", 'statement: "&SEH mist fracturen #2 en 3"'),
    # a list item: the line given is the item, with its '- '
    "alternatives:\n  - &extra scholing\n": (2, 5, "extra", "scholing", '- "&extra scholing"'),
    "sites:\n  - - &noord MRI 1 #2\n": (2, 7, "noord", "MRI 1", '- - "&noord MRI 1 #2"'),
}


@pytest.mark.parametrize("text", sorted(ANCHORED_TEXT))
def test_a_text_that_starts_with_an_ampersand_names_the_word_yaml_drops(text):
    """`note: &more text` reads as the text "text": YAML takes '&more' for an anchor's name and
    drops it. YML003 said "an anchor '&more' is defined" with the hint to remove the anchor,
    which loses the word as well. The finding now names the word dropped and what YAML reads, and
    the hint gives the line quoted, which keeps the word."""
    line, column, word, read, fixed = ANCHORED_TEXT[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line, f.column) == ("YML003", line, column)
    assert f"'{word}'" in f.message and (f"'{read}'" if read else "empty") in f.message, f.message
    assert f.hint == f"Put the whole text in quotes: {fixed}", f.hint
    assert f.data == {"variant": "anchor_text", "name": word, "empty": not read}  # nothing read: it stands in for SCH003
    lines = text.split("\n")
    lines[line - 1] = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip(" -"))] + fixed
    clean = load_bytes("\n".join(lines).encode(), "problem.yaml")
    assert clean.findings == [] and isinstance(clean.data, dict)
    assert f"&{word}" in str(clean.data)


# a text over several lines that starts with '&word' -> (its first and last line, the word, what YAML
# reads, the line that takes the place of those lines, the text it reads)
ANCHORED_TEXT_OVER_LINES = {
    "note: &more text\n  and more\nb: 1\n": (1, 2, "more", "text and more", 'note: "&more text and more"', "&more text and more"),
    "alternatives:\n  - &extra scholing\n    en meer\n": (2, 3, "extra", "scholing en meer", '- "&extra scholing en meer"',
                                                         "&extra scholing en meer"),
    "alternatives:\n  - option: &extra scholing\n      en meer  # audit\n    ai: false\n": (
        2, 3, "extra", "scholing en meer", 'option: "&extra scholing en meer"  # audit', "&extra scholing en meer"),
    "note: &more\n  text\n\n  and more #2 site\n": (1, 4, "more", "text\nand more", 'note: "&more text\\nand more #2 site"',
                                                   "&more text\nand more #2 site"),
}


@pytest.mark.parametrize("text", sorted(ANCHORED_TEXT_OVER_LINES))
def test_a_text_over_several_lines_that_starts_with_an_ampersand_is_given_whole_on_one_line(text):
    """`note: &more text` going on over the next lines: the hint gave the text quoted without
    its key (`"&more text and more"`), and a list item's without its '- ', so that the line to
    write was not there to copy. It gives the whole line now, and says which lines it replaces."""
    first, last, word, read, fixed, meant = ANCHORED_TEXT_OVER_LINES[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line) == ("YML003", first) and f"'{word}'" in f.message and f"'{read}'" in f.message, f.message
    assert f.hint == f"Put the whole text in quotes, on one line in place of lines {first} to {last}: {fixed}", f.hint
    lines = text.split("\n")
    lead = lines[first - 1][: lines[first - 1].index("-" if fixed.startswith("-") else fixed.split(":")[0])]
    mended = "\n".join(lines[: first - 1] + [lead + fixed] + lines[last:])
    clean = load_bytes(mended.encode(), "problem.yaml")
    assert clean.findings == [] and isinstance(clean.data, dict), mended
    texts = [v for v in clean.data.values() if isinstance(v, str)] + [
        v for items in clean.data.values() if isinstance(items, list) for item in items
        for v in (item.values() if isinstance(item, dict) else [item])]
    assert meant in texts, (mended, clean.data)


def test_an_anchor_on_a_list_or_mapping_keeps_its_own_finding():
    """An anchor YAML reads as one (on a mapping, or on a quoted text) is not a text cut short."""
    for text in ("a: &base {x: 1}\n", "a: &base\n  x: 1\n", "a: &base 'text'\n"):
        (f,) = load_bytes(text.encode(), "f.yaml").findings
        assert f.code == "YML003" and f.data["variant"] == "anchor", (text, f.data)


@pytest.mark.parametrize("text", [b"a: 1\rb: 2\rc\rd: 3\r", b"plan:\r  start: 1\r end: 2\r  x: 3\r",
                                  b"effects:\r  - id: E1\r    kind: benefit\r   primary: true\r"])
def test_a_syntax_error_in_a_file_with_carriage_returns_only_is_a_finding(text):
    """A file saved with carriage returns alone as line breaks (old Mac editors), with a syntax
    error: YAML counts its lines, the advice for a line indented out of step looked for them in
    a text split at line feeds, and the loader failed with an IndexError (tests/fuzz.py, inputs
    3383, 12391, 13964, 19099) instead of reporting YML001 at the line."""
    found = load_bytes(text, "f.yaml")
    assert found.data is None and [f.code for f in found.findings] == ["YML001"]
    assert found.findings[0].line > 1


LONG = ("de radiologen lezen alle foto's van de SEH na, ook in de nachtdienst en in het weekend, "
        "en bespreken de gemiste fracturen elke week in de overdracht")


def _quoted_as_told(text: str, line: int, first: str, last: int | None = None) -> str:
    """``text`` with a '"' before ``first`` on ``line`` and one at the end of line ``last`` (or
    ``line``), before a comment after two spaces: the quotes a hint told the user to put."""
    lines = text.split("\n")
    at = lines[line - 1].index(first)
    lines[line - 1] = lines[line - 1][:at] + '"' + lines[line - 1][at:]
    end = (last or line) - 1
    comment = lines[end].find("  #")
    body, after = (lines[end], "") if comment < 0 else (lines[end][:comment], lines[end][comment:])
    lines[end] = body.rstrip(" ") + '"' + after
    return "\n".join(lines)


# a slip in a long text -> (code, line, where its text starts, the hint's words after the reason, the line its last word is on)
LONG_SLIPS = {
    f"statement: &meer {LONG}\n": ("YML003", 1, "&meer", 'Put the whole text in quotes: a " before its first word and one after its last.', None),
    f"statement: x\ncurrent_practice: zie notitie: {LONG}\n": (
        "YML001", 2, "zie", 'Put the whole text in quotes: a " before its first word and one after its last.', None),
    f"statement: Fracturen #2 {LONG}\n  en meer\n": (
        "YML001", 1, "Fracturen", 'Put the whole text in quotes, the \' #\' and what follows it included (lines 1 to 2): '
                                  'a " before its first word (line 1) and one after its last (line 2).', 2),
    f"statement: x\ncurrent_practice:{LONG}\nfor_whom: SEH\n": ("YML001", 2, None, "Put a space after the ':' (line 2, column 17).", None),
}


@pytest.mark.parametrize("text", sorted(LONG_SLIPS))
def test_a_hint_for_a_long_text_says_where_the_quotes_go_instead_of_a_line_cut_short(text):
    """A hint that gives the line to write cut it at 120 or 160 characters, ending in '…' (YML003
    for '&word', the missing space after a ':'), or gave a line of any length (quoting advice):
    pasted, a cut line loses the end of the text. A line longer than 160 characters is not given:
    the hint says in words where the quotes (or the space) go, and following it makes the file
    read with the whole text."""
    code, line, first, words, last = LONG_SLIPS[text]
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.line) == (code, line) and "…" not in f.hint, f.hint
    assert f.hint == words, f.hint
    assert "has no space after the ':'" in f.message or "practice:de" not in text, f.message
    mended = _quoted_as_told(text, line, first, last) if first else text.replace("practice:", "practice: ")
    clean = load_bytes(mended.encode(), "problem.yaml")
    assert clean.findings == [] and LONG in str(clean.data), mended


@pytest.mark.parametrize("text", [f"statement: &meer {LONG[:100]}\n", f"statement: x\ncurrent_practice: zie notitie: {LONG[:100]}\n",
                                  f"statement: Fracturen #2 {LONG[:100]}\n  en meer\n",
                                  f"statement: x\ncurrent_practice:{LONG[:100]}\nfor_whom: SEH\n"])
def test_a_hint_for_a_text_that_fits_gives_the_line_whole(text):
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert LONG[:100] in f.hint and "…" not in f.hint, f.hint
    assert "has no space after the ':'" in f.message or "practice:de" not in text, f.message


@pytest.mark.parametrize("text, hint, mended", [
    (f"statement: 'Veel foto's worden gemist: {LONG}'\n", "Put the whole text in double quotes in place of the single ones.",
     f"statement: \"Veel foto's worden gemist: {LONG}\"\n"),
    (f'evidence: "S:\\Radiologie\\{LONG.replace(chr(39), "")}.pdf"\n', "Put the text in single quotes in place of the double ones.",
     f"evidence: 'S:\\Radiologie\\{LONG.replace(chr(39), '')}.pdf'\n"),
    (f'statement: "Veel "foto" worden gemist: {LONG.replace(chr(39), "")}"\n',
     "Put the whole text in single quotes in place of the double ones.",
     f"statement: 'Veel \"foto\" worden gemist: {LONG.replace(chr(39), '')}'\n"),
])
def test_a_long_quoted_text_that_does_not_read_is_told_which_quotes_to_use(text, hint, mended):
    """A quoted text too long to give whole: the hint names the quotes to put in place of the
    ones written, and following it makes the file read."""
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert (f.code, f.hint) == ("YML001", hint), f.hint
    clean = load_bytes(mended.encode(), "problem.yaml")
    assert clean.findings == [] and LONG.replace("'", "")[:60] in str(clean.data).replace("'", "")


@pytest.mark.parametrize("text, fixed", [
    ("statement: &meer S:\\Radiologie\\audit.pdf\n", "statement: '&meer S:\\Radiologie\\audit.pdf'"),
    ("statement: Fracturen #2\n  zie S:\\Radiologie\n", "statement: 'Fracturen #2 zie S:\\Radiologie'"),
    ("statement: &meer S:\\Radiologie\\foto's.pdf\n", "statement: \"&meer S:\\\\Radiologie\\\\foto's.pdf\""),
])
def test_a_line_to_paste_with_a_backslash_is_quoted_so_that_it_reads(text, fixed):
    """The line a hint gave put a text with a backslash (a Windows path) in double quotes, where a
    backslash starts a code such as \\n: pasted, `"S:\\Radiologie"` was a new syntax error. Such a
    text is given in single quotes, or in double quotes with each backslash doubled."""
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert f.hint.endswith(f": {fixed}"), f.hint
    clean = load_bytes((fixed + "\n").encode(), "problem.yaml")
    assert clean.findings == [] and "S:\\Radiologie" in clean.data["statement"]


def test_a_text_with_a_backslash_yaml_cannot_read_unquoted_is_given_in_single_quotes():
    text = "statement: x\ncurrent_practice: zie notitie: S:\\Radiologie\\audit.pdf\n"
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert f.hint == "Put the whole text in quotes: current_practice: 'zie notitie: S:\\Radiologie\\audit.pdf'", f.hint
    clean = load_bytes(f"statement: x\n{f.hint.split(': ', 1)[1]}\n".encode(), "problem.yaml")
    assert clean.findings == [] and clean.data["current_practice"] == "zie notitie: S:\\Radiologie\\audit.pdf"


@pytest.mark.parametrize("text, fixed", [
    ('statement: "zie S:\\Radiologie #2"\n', "statement: 'zie S:\\Radiologie #2'"),
    ('statement: "zie S:\\Radiologie #2"  # audit\n', "statement: 'zie S:\\Radiologie #2'  # audit"),
    ("statement: 'Veel foto's #2 gemist'\n", "statement: \"Veel foto's #2 gemist\""),
])
def test_a_quoted_text_with_a_hash_in_it_is_given_whole(text, fixed):
    """The quoting advice for a text in quotes took the ' #' inside the quotes for a comment and
    gave `statement: '"zie S:\\Radiologie' #2"`: pasted, it read, and the text lost '#2'. The
    line given keeps the whole text in the quotes, and a comment after them as it was."""
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    assert f.code == "YML001" and f.hint.endswith(f": {fixed}"), f.hint
    clean = load_bytes((fixed + "\n").encode(), "problem.yaml")
    assert clean.findings == [] and "#2" in clean.data["statement"]


def _hidden(text: str, name: str = "application.yaml"):
    found = load_bytes(text.encode("utf-8"), name, "app")
    return [f for f in found.findings if f.code == "YML020"], found


def test_a_text_with_an_escape_sequence_or_an_invisible_character_is_named_where_it_stands():
    """`name: "Detectie\\u200b\\x1b[31m"` (YAML escapes in double quotes) or a right-to-left
    override pasted into a text passed raio check without a word; the memo showed escapes and
    raio export refused the record (exit 1). A RAIO learnt of it only at export time. YML020
    reports it at the value, naming each character by its code and the text it follows."""
    (f,), found = _hidden('id: abc\nname: "Detectie\\u200b\\x1b[31m"\n')
    assert (f.file, f.app, f.line, f.column, str(f.severity)) == ("application.yaml", "app", 2, 7, "error")
    assert "U+200B ZERO WIDTH SPACE after 'Detectie'" in f.message, f.message
    assert "U+001B ESC after 'Detectie\\u{200b}'" in f.message, f.message
    assert f.message.startswith("name holds")
    assert "\x1b" not in f.message and "\u200b" not in f.message
    assert "retype" in f.hint.lower() and "\\x" in f.hint and "\\u" in f.hint
    assert f.data["characters"] == ["U+200B", "U+001B"]
    assert found.data["name"] == "Detectie\u200b\x1b[31m"  # kept as written: nothing changed silently

    (f,), _ = _hidden("id: abc\nintended_use: >-\n  Detectie \u202eop foto's\n  van het skelet.\n")
    assert (f.line, f.column) == (2, 15) and "U+202E RIGHT-TO-LEFT OVERRIDE after 'Detectie '" in f.message
    (f,), _ = _hidden("effects:\n  - id: E1\n    note: \u200bvooraan\n")
    assert (f.line, f.column) == (3, 11) and "effects[0].note" in f.message and "at the start" in f.message
    (f,), _ = _hidden("modality: [CR, \"D\\x7fX\"]\n")
    assert (f.line, f.column) == (1, 16) and "U+007F DEL after 'D'" in f.message


def test_a_key_holding_an_invisible_character_is_named_at_the_key():
    """`name\\u200b: x` looks like `name: x`; the key is another than the one written."""
    (f,), _ = _hidden('id: abc\n"name\\u200b": Detectie\n')
    assert (f.line, f.column, str(f.severity)) == (2, 1, "error")
    assert "key" in f.message and "U+200B ZERO WIDTH SPACE after 'name'" in f.message, f.message
    assert f.data["variant"] == "key"


def test_tabs_and_line_breaks_are_text():
    """A tab or a line break is text in every text, as raio new-pilot writes it from an answer
    (a tab, a line typed on Windows, U+2028), and the documents and the export read it as a
    space or a new line: no finding. A blank line in a text over several lines is a line feed
    too, which the value cannot tell from a \\n in double quotes."""
    assert _hidden("id: abc\nrisks: |\n  Een\tkolom\n  en een regel.\nnote: >\n  a\tb\n")[0] == []
    assert _hidden('id: abc\nname: "Detectie\\nSEH\\tof\\r\\nS\\LE\\PH"\nnote: Een\talinea\n\n  en nog een.\n')[0] == []
    (f,), _ = _hidden('id: abc\nname: "Detectie\\t\\u200bSEH"\n')
    assert (f.line, f.column, str(f.severity)) == (2, 7, "error") and "U+200B ZERO WIDTH SPACE after" in f.message
    assert "TAB" not in f.message


def test_a_byte_order_mark_non_breaking_space_or_comment_is_no_yml020():
    """A BOM at the start of the file is YML010 only; inside a text it is an invisible character
    like any other. A non-breaking space inside a text is a space (shown, harmless). Comments are
    not shown anywhere: an invisible character there is left alone."""
    found = load_bytes("\ufeffid: abc\nname: Detectie\n".encode(), "application.yaml")
    assert [f.code for f in found.findings] == ["YML010"]
    (f,), _ = _hidden("id: abc\nname: Detectie\ufeff SEH\n")
    assert "U+FEFF ZERO WIDTH NO-BREAK SPACE after 'Detectie'" in f.message
    assert load_bytes("id: abc\nname: Detectie\u00a0SEH\n".encode(), "application.yaml").findings == []
    assert load_bytes("id: abc  # \u202e\u200b\nname: x\n# \u2066 \\x1b\n".encode(), "a.yaml").findings == []
    assert load_bytes('id: abc\nname: "a\\\\b C:\\\\data\\\"x\\""\n'.encode(), "a.yaml").findings == []


def test_the_text_before_an_invisible_character_never_shows_a_patient_identifier():
    """The finding quotes what comes before the character; a BSN there is masked, and a BSN the
    character splits (111222\\u200b333, which PRV001 still finds) is not shown in part."""
    (f,), _ = _hidden("id: abc\nnote: Patient 111222333\u200b gezien\n")
    assert "111222333" not in f.message and "*******33" in f.message, f.message
    (f,), _ = _hidden("id: abc\nnote: Patient 111 222\u200b333 gezien\n")
    assert "111" not in f.message and "222" not in f.message and "333" not in f.message, f.message
    assert "inside a number" in f.message


def test_a_file_of_thousands_of_hidden_characters_names_a_hundred_and_counts_the_rest():
    """A pasted export with an escape in every line made raio check name each of them: thousands
    of findings, and seconds for one file. The first hundred are named; one more finding, at the
    hundred-and-first, counts the rest."""
    text = "".join(f'k{i}: "tekst\\u200b {i}"\n' for i in range(1, 106))
    found, _ = _hidden(text)
    assert len(found) == 101 and all(str(f.severity) == "error" for f in found)
    assert [f.line for f in found[:100]] == list(range(1, 101))
    last = found[-1]
    assert (last.line, last.column) == (101, 7) and last.message.startswith("5 more keys and values from here on hold")


def test_a_double_quoted_text_with_a_backslash_and_an_apostrophe_is_told_to_double_the_backslashes():
    """`evidence: "S:\\Radiologie\\foto's.pdf"`: the hint said "Put the text in single quotes:"
    and gave the text in double quotes with each backslash doubled (single quotes would end at
    the apostrophe): the line was right, the words before it were not. They now say what the
    line does."""
    text = 'evidence: "S:\\Radiologie\\foto\'s.pdf"\n'
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    fixed = 'evidence: "S:\\\\Radiologie\\\\foto\'s.pdf"'
    assert (f.code, f.hint) == ("YML001", f"Put a \\ before each \\ in the text: {fixed}"), f.hint
    clean = load_bytes((fixed + "\n").encode(), "problem.yaml")
    assert clean.findings == [] and clean.data["evidence"] == "S:\\Radiologie\\foto's.pdf"


def test_a_double_quoted_text_with_a_backslash_that_goes_on_below_is_not_cut_to_its_first_line():
    """`evidence: "S:\\Radiologie\\dpia.pdf en de` with `bijlage"` on the line below gave
    `evidence: '"S:\\Radiologie\\dpia.pdf en de'`: the opening double quote inside the single
    ones and the line below left out; pasted, the text began with a '"' and the line below was a
    new syntax error. The hint now gives the whole text on one line in place of its lines (an
    apostrophe in it, or an ill-formed text: says over which lines to double the backslashes)."""
    text = 'evidence: "S:\\Radiologie\\dpia.pdf en de\n  bijlage"\nfor_whom: SEH\n'
    (f,) = load_bytes(text.encode(), "problem.yaml").findings
    fixed = "evidence: 'S:\\Radiologie\\dpia.pdf en de bijlage'"
    assert (f.code, f.hint) == ("YML001", f"Put the text in single quotes, on one line in place of lines 1 to 2: {fixed}"), f.hint
    clean = load_bytes((fixed + "\nfor_whom: SEH\n").encode(), "problem.yaml")
    assert clean.findings == [] and clean.data["evidence"] == "S:\\Radiologie\\dpia.pdf en de bijlage"
    # quoted with ' or " and a quote of its own inside, over two lines: the whole text, on one line
    for text, fixed in (("statement: 'Veel foto's worden\n  gemist'\nfor_whom: SEH\n", 'statement: "Veel foto\'s worden gemist"'),
                        ('statement: "Veel "foto" worden\n  gemist"\nfor_whom: SEH\n', "statement: 'Veel \"foto\" worden gemist'")):
        (f,) = load_bytes(text.encode(), "problem.yaml").findings
        assert f.hint == f"Put the whole text in quotes, on one line in place of lines 1 to 2: {fixed}", f.hint
        clean = load_bytes((fixed + "\nfor_whom: SEH\n").encode(), "problem.yaml")
        assert clean.findings == [] and clean.data["statement"] == yaml.safe_load(fixed)["statement"]


# --- positions after YAML 1.1's own line breaks (NEL, LS, PS) and a lone CR ---------------------
# Editors count lines at \n, \r\n and a lone \r; libyaml also at NEL, LS and PS. A file with one
# of those in a quoted text or a comment above a finding has the finding where it has it with a
# space in its place: on the line and column an editor shows.

_AFTER_A_BREAK = ("YML001", "YML002", "YML003", "YML004", "YML005", "YML006", "YML008", "YML009", "YML012", "YML015", "YML020")


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize("code", _AFTER_A_BREAK)
@pytest.mark.parametrize("above", ['note: "a{b}b"\n', "# a comment{b}# more of it\n", "note: |\n  a{b}  b\n"],
                         ids=["quoted", "comment", "block"])
def test_a_nel_ls_or_ps_above_a_finding_leaves_it_on_the_editors_line(code, brk, above):
    bad = CASES[code][0]

    def found(first: str):  # YML009's message names the byte, which a NEL (two bytes) moves
        return [(f.code, f.line, f.column, f.message if code != "YML009" else "")
                for f in load_bytes(first.encode() + bad, "f.yaml").findings]

    shown, spaced = found(above.format(b=brk)), found(above.format(b=" "))
    assert shown == spaced and code in [c for c, *_ in shown]


@pytest.mark.parametrize("brk", [b"\r", b"\r\n"], ids=["CR", "CRLF"])
@pytest.mark.parametrize("code", ["YML001", "YML002", "YML003", "YML004", "YML005", "YML006", "YML008", "YML012", "YML015", "YML020"])
def test_a_file_with_lone_carriage_returns_has_its_findings_on_the_editors_lines(code, brk):
    bad = CASES[code][0]
    shown = [(f.code, f.line, f.column, f.message) for f in load_bytes(bad.replace(b"\n", brk), "f.yaml").findings]
    assert shown == [(f.code, f.line, f.column, f.message) for f in load_bytes(bad, "f.yaml").findings]


@pytest.mark.parametrize("brk", [b"\r", b"\r\n"], ids=["CR", "CRLF"])
@pytest.mark.parametrize("text", [b"id: abc\n=======\nstage: pilot\n", b"id: abc\n>>>>>>> branch\n", b"a: [1]\n&x b: 2\n",
                                  b"a: x\nb:\n \tc: 1\n"], ids=["separator", "closing", "anchor", "tab"])
def test_a_line_start_after_a_carriage_return_is_a_line_start(text, brk):
    """A conflict marker alone on its line, a text starting with an anchor YAML drops, a tab in
    the indentation: each is found at the start of a line ended by \r\n or a lone \r (old Mac
    editors) as after a \n. A lone \r hid all three, and the anchor silently cut a word."""
    def found(t):
        return [(f.code, f.line, f.column) for f in load_bytes(t, "f.yaml").findings]

    assert found(text.replace(b"\n", brk)) == found(text) != []


def test_a_duplicate_key_after_a_nel_names_the_editors_line_of_the_first():
    found = load_bytes('note: "a\x85b"\nk: 1\nk: 2\n'.encode(), "f.yaml")
    assert [(f.line, f.column, f.message.split(";")[0]) for f in found.findings] == [(3, 1, "duplicate key 'k' (first at line 2)")]


def test_a_suppression_after_a_nel_and_after_a_lone_cr_applies_to_the_editors_line():
    for text in ('note: "a\x85b"\n# raio: ignore[SCH002] old field\nold: 1\n', 'note: x\r# raio: ignore[SCH002] old field\rold: 1\r'):
        loaded = load_bytes(text.encode(), "f.yaml")
        assert [(s.line, s.comment_line) for s in loaded.suppressions] == [(3, 2)], text
        assert loaded.keypos[("old",)] == (3, 1)


@pytest.mark.parametrize("bad", ["name: zie notitie: bijlage\n", "target:92\nunit: x\n", "a:\n  b: 1\n   c: 2\n", "x: &more text\n",
                                 "note: Fracturen #2\n  op de SEH\nk: 1\n", "x: 'foto's'\n", 'x: "open\n'],
                         ids=["colon", "no-space", "indent", "anchor-text", "comment-cut", "apostrophe", "unclosed"])
def test_a_syntax_error_after_a_nel_keeps_its_advice_and_the_editors_lines(bad):
    """The advice that mends a line (and names lines in its hint) reads the lines an editor shows."""
    def found(brk):
        return [(f.code, f.line, f.column, f.message, f.hint) for f in load_bytes(f'note0: "a{brk}b"\n{bad}'.encode(), "f.yaml").findings]

    assert found("\x85") == found(" ") and found(" ")


def test_a_missing_key_after_a_nel_is_placed_at_its_commented_out_line_as_an_editor_numbers_it():
    loaded = load_bytes('note: "a\x85b"\nproblem:\n  statement: x\n  # for_whom: ""\n'.encode(), "f.yaml")
    assert loaded.where(("problem", "for_whom")) == (4, 3)
