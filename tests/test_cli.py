"""The command line as a user meets it: through the installed entry point and in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_example, make_portfolio, raio_script, run_with_stdout_closed

GOOD_APP = {"application": 'id: lung-nodules\nname: Longnodules CT\nstage: proposed\nversion: "2.1"\n'}


def run(*args, cwd=None, env=None):
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    return subprocess.run([raio_script(), *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120)


def test_entry_point_exit_codes(tmp_path):
    clean = make_portfolio(tmp_path / "clean", {"lung-nodules": GOOD_APP})
    ok = run("check", str(clean), "--no-git", "--today", "2026-11-15", "--select", "YML", "--select", "SCH", "--select", "IDN")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = make_portfolio(tmp_path / "bad", {"lung-nodules": {"application": "id: lung-nodules\nname: x\nstage: gepland\n"}})
    found = run("check", str(bad), "--no-git", "--today", "2026-11-15")
    assert found.returncode == 1
    assert "applications/lung-nodules/application.yaml:3:8: error SCH004" in found.stdout
    assert "\x1b[" not in found.stdout  # no colour when piped
    usage = run("check", str(bad), "--format", "nonsense")
    assert usage.returncode == 2 and "unknown format" in usage.stderr
    nowhere = run("check", str(tmp_path / "nothing-here"))
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr


def test_check_given_an_application_id_names_its_folder(tmp_path):
    """'raio check longnodule-ct' (an id, as raio memo and raio log take it) said only
    "longnodule-ct does not exist", with no way out; a path that is nowhere said the same. The
    error names the application's folder when the portfolio has one of that name, and says what
    raio check takes otherwise."""
    root = copy_example(tmp_path / "p")
    (root / "notes").mkdir()
    meant = run("check", "longnodule-ct", "--no-git", cwd=root / "notes")
    assert meant.returncode == 2 and meant.stderr.startswith("raio: error: longnodule-ct does not exist\n"), meant.stderr
    assert "'longnodule-ct' is an application: raio check ../applications/longnodule-ct" in " ".join(meant.stderr.split())
    nowhere = run("check", "nothing-here", cwd=root)
    assert nowhere.returncode == 2
    assert "Give the portfolio, an application's folder or a dossier file" in " ".join(nowhere.stderr.split())


def test_not_a_portfolio_is_a_usage_error(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "no raio.yaml" in result.stderr and "raio init" in result.stderr


def test_run_at_the_top_of_a_repository_that_holds_a_portfolio_names_its_folder(tmp_path):
    """The hospital's IT repository with the portfolio in radiology/portfolio: raio run at the
    repository's top said only "no raio.yaml in <folder> or any folder above it", as if there
    were none. It names the portfolio's folder, from where raio was run."""
    from conftest import Git

    repo = tmp_path / "it-repo"
    make_portfolio(repo / "radiology" / "portfolio", {"lung-nodules": GOOD_APP})
    (repo / "README.md").write_text("IT\n", encoding="utf-8")
    Git(repo).commit("Radiology's AI portfolio", "2026-02-01")
    for args, cwd in ((("check",), repo), (("status",), repo), (("check", "radiology"), repo),
                      (("log", "lung-nodules", "-p", "."), repo / "radiology")):
        result = run(*args, "--today", "2026-11-15", cwd=cwd)
        assert result.returncode == 2, (args, result.stderr)
        assert "no raio.yaml" in result.stderr
        where = "portfolio" if cwd.name == "radiology" else "radiology/portfolio"
        assert f"a portfolio in {where}" in result.stderr, (args, result.stderr)


def test_exit_zero_and_fail_on(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"lung-nodules": {"application": "id: lung-nodules\nname: x\nstage: gepland\n"}})
    assert run("check", str(bad), "--no-git", "--exit-zero", "--today", "2026-11-15").returncode == 0
    warn = make_portfolio(tmp_path / "warn", {"lung-nodules": {"application": GOOD_APP["application"] + "in_house: no\n"}})
    args = ("check", str(warn), "--no-git", "--today", "2026-11-15", "--select", "YML")
    assert run(*args).returncode == 0
    assert run(*args, "--fail-on", "warning").returncode == 1
    assert run(*args, "--fail-on", "loud").returncode == 2


def test_an_empty_fail_on_is_a_usage_error(tmp_path):
    """`--fail-on ""` (a CI variable left unset: --fail-on "$RAIO_FAIL_ON") used the default
    threshold and passed a job meant to fail on warnings; it is refused like any bad value."""
    warn = make_portfolio(tmp_path / "warn", {"lung-nodules": {"application": GOOD_APP["application"] + "in_house: no\n"}})
    args = ("check", str(warn), "--no-git", "--today", "2026-11-15", "--select", "YML")
    for value in ("", " "):
        usage = run(*args, "--fail-on", value)
        assert usage.returncode == 2, usage.stdout
        assert "--fail-on" in usage.stderr and "error, warning or info" in usage.stderr
        assert usage.stdout == ""  # refused before checking: no report


def test_version_and_rule_docs():
    assert run("--version").stdout.startswith("raio ")
    doc = run("rule", "YML002")
    assert doc.returncode == 0 and "## How to fix" in doc.stdout
    assert run("rule", "XYZ999").returncode == 2


def test_a_rule_example_keeps_the_spaces_it_is_about():
    """raio rule YML019 said 'put two spaces before the #' and showed its example with one (the
    page is filled anew for the terminal), so the example copied in was reported again."""
    for args in (("rule", "YML019"), ("rule", "YML019", "--format", "markdown")):
        page = " ".join(run(*args).stdout.splitlines())  # lines filled to the terminal, joined back
        assert "`name: Fracture detection  # as on the label`" in page, page



def test_the_page_of_yml020_says_what_hides_in_a_text_and_how_to_take_it_out():
    """raio rule YML020: the characters it finds, when it is a warning, and how to fix it."""
    result = run("rule", "YML020")
    page = " ".join(result.stdout.split())
    assert result.returncode == 0 and page.startswith("# YML020 hidden-character"), page
    for said in ("right-to-left override", "U+200B", "Severity: error.", "Tabs and line breaks",
                 "raio export refuses the record", "## How to fix Retype the text", "remove the escape"):
        assert said in page, said


def test_a_rule_code_typed_short_or_by_its_name_is_answered_with_the_code():
    """`raio rule REG2` (or REG02, or the name on the page's heading) said only 'no rule REG2'."""
    # and with a space, hyphen or underscore between letters and digits, as in a document or a ticket
    for typed in ("REG2", "reg02", "outcome-switching", "REG 002", "reg-002", "REG_2"):
        result = run("rule", typed)
        assert result.returncode == 2 and "did you mean REG002?" in result.stderr, (typed, result.stderr)
    assert "did you mean" not in run("rule", "XYZ999").stderr


def test_every_rule_is_documented():
    from raio_cli import rules

    catalog = rules.load_all()
    assert len(catalog) >= 30
    for r in catalog.values():
        assert r.summary and r.what and r.why and r.fix, r.code


def test_schema_command_prints_and_writes(tmp_path):
    printed = run("schema", "effects")
    assert json.loads(printed.stdout)["$schema"].endswith("2020-12/schema")
    out = tmp_path / "schemas"
    assert run("schema", "--write", str(out)).returncode == 0
    assert len(list(out.glob("*.schema.json"))) == 7
    (out / "effects.schema.json").write_text("{}")
    refused = run("schema", "--write", str(out))
    assert refused.returncode == 2 and (out / "effects.schema.json").read_text() == "{}"


def test_help_imports_nothing_heavy():
    code = ("import sys; sys.argv=['raio','--help']\nfrom raio_cli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('jsonschema','git','jinja2','typst','docx') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout[-500:] + out.stderr[-500:]


def test_every_command_help_ends_with_examples_whose_options_it_has():
    """A new user read `raio check --help` and the others without one example of how a command
    is typed (only demo, new-pilot and monitor had one, in their text). Each help page ends with
    examples, each an actual `raio COMMAND ...` whose options are options of that command."""
    import re

    from raio_cli.cli import COMMANDS, EXAMPLES

    assert set(EXAMPLES) == set(COMMANDS)
    for name in COMMANDS:
        out = run(name, "--help", env={"COLUMNS": "250", "RAIO_NO_CACHE": "1"})
        assert out.returncode == 0, out.stderr
        assert "Example" in out.stdout, name
        words = set(_help_words(out.stdout))
        for example in EXAMPLES[name]:
            assert example.startswith(f"raio {name}"), example
            assert " ".join(example.split()) in " ".join(out.stdout.split()), (name, example)
            for option in re.findall(r"(?<!\S)(--[a-z][a-z-]*)", example):
                assert option in words, (name, option)


def test_command_help_wraps_as_the_terminal_is_wide():
    """typer keeps a docstring's line breaks after its first paragraph: wrapped at 100 columns in
    the source, every line came out broken in two in an 80-column terminal. Within a paragraph of
    a command's description, a line ends early only before a word too long to fit on it."""
    from raio_cli.cli import COMMANDS, reflowed

    assert reflowed("Title.\n\nOne\ntwo\nthree.\n\nKept\n    indented\n\n\bKept\ntoo") == \
        "Title.\n\nOne two three.\n\nKept\n    indented\n\n\bKept\ntoo"
    for name in COMMANDS:
        out = run(name, "--help", env={"COLUMNS": "80"})
        assert out.returncode == 0, out.stderr
        description = out.stdout.split("╭")[0].rstrip().split("\n")[3:]  # after the usage line
        lines = [line.strip() for line in description]
        for line, after in zip(lines, lines[1:] + [""]):
            # a line ends early only where the next word would not have fitted on it
            assert not line or not after or len(line) + 1 + len(after.split()[0]) > 70, (name, line, after)



def _help_words(text: str) -> list[str]:
    """The words of a help text, without the boxes' lines."""
    return text.translate({ord(c): " " for c in "│╭╮╰╯─"}).split()


_WIDE_HELP: dict = {}


def _wide_help_words(name) -> set[str]:
    """The words of a command's help where nothing needs wrapping (250 columns)."""
    if name not in _WIDE_HELP:
        shown = run(*([name] if name else []), "--help", env={"COLUMNS": "250", "RAIO_NO_CACHE": "1"})
        assert shown.returncode == 0, shown.stderr
        _WIDE_HELP[name] = set(_help_words(shown.stdout))
    return _WIDE_HELP[name]


@pytest.mark.parametrize("columns", ["80", "70", "60"])
def test_no_option_help_is_cut_short(columns):
    """rich cuts a word too long for its cell with '…': at 80 columns raio memo --help read
    'Default: applications/<id>/memos/<date>-<pro…' (and raio report's default at 70); a help
    text names a long path in words that wrap, and says the rest in the command's description.

    Nor does it break a word: at 60 columns raio new-pilot read '--stays-with-radio…', raio
    memo 'proposal|decisio' over 'n' and raio monitor '--reported-ven…'. Every word of the help
    in a narrow terminal is one that the help has where nothing needs wrapping."""
    import re

    from raio_cli.cli import COMMANDS

    for name in [None, *COMMANDS]:
        shown = run(*([name] if name else []), "--help", env={"COLUMNS": columns, "RAIO_NO_CACHE": "1"})
        assert shown.returncode == 0, shown.stderr
        cut = [line for line in shown.stdout.splitlines() if re.search(r"…\s*│\s*$", line)]
        assert not cut, (name, cut)
        assert max(len(line) for line in shown.stdout.splitlines()) <= int(columns), name
        broken = [word for word in _help_words(shown.stdout) if word not in _wide_help_words(name)]
        assert not broken, (name, broken)


@pytest.mark.parametrize("columns", ["40", "50"])
def test_no_option_help_is_lost_in_a_very_narrow_terminal(columns):
    """At 40 columns (a terminal beside an editor on a laptop) raio new-pilot --help listed its
    options without a word of their help: the names and types kept their width and rich gave
    the help column none. Where the help would get too little room, each option's help now
    follows its names, indented, on lines of its own: every word of the wide help is there."""
    from raio_cli.cli import COMMANDS

    for name in [None, *COMMANDS]:
        shown = run(*([name] if name else []), "--help", env={"COLUMNS": columns, "RAIO_NO_CACHE": "1"})
        assert shown.returncode == 0, shown.stderr
        assert max(len(line) for line in shown.stdout.splitlines()) <= int(columns), name
        # a word longer than a line (a file's path) is folded, as it must be
        lost = {w for w in _wide_help_words(name) - set(_help_words(shown.stdout)) if len(w) < int(columns) - 4}
        assert not lost, (name, sorted(lost)[:10])


def test_a_recheck_served_from_the_cache_imports_no_validator_or_pydantic(tmp_path):
    """What a re-check with nothing changed costs is mostly start-up: it must not pay for the
    validators, git library or templates it does not use, nor for typer at all (raio check reads
    its own options: commands/check.parsed; typer and click took a tenth of it), nor for typer's pydantic layer
    (typer 0.29 builds a pydantic validator per option: 0.2-0.4 s per call; pyproject.toml
    holds typer below it), nor for typer's help renderer (typer.rich_utils imports rich's
    Markdown: 0.1 s, which the narrow-help table patch once made every run pay)."""
    root = make_portfolio(tmp_path / "p", {"lung-nodules": GOOD_APP})
    env = dict(os.environ, RAIO_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("RAIO_NO_CACHE", None)
    code = ("import sys; sys.argv=['raio','check',sys.argv[1],'--today','2026-11-15','--no-git']\n"
            "from raio_cli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('pydantic','jsonschema','jsonschema_rs','git','jinja2','typst','docx',\n"
            "                   'typer','typer.rich_utils','markdown_it') if m in sys.modules]\n"
            "sys.stderr.write('HEAVY %s' % heavy)")
    first = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=env, timeout=120)
    assert "'jsonschema_rs'" in first.stderr and "'pydantic'" not in first.stderr, first.stderr[-500:]  # a real check ran
    again = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=env, timeout=120)
    assert again.stdout == first.stdout and "HEAVY []" in again.stderr, again.stderr[-500:]



#: Spellings of raio check's options that it reads without typer (commands/check.parsed), each
#: run after the portfolio and "--today 2026-11-15": the last of an option given twice counts.
_PLAIN_FORMS = [
    [], ["-f", "json"], ["--format=json"], ["--format", "sarif", "--format", "json"],
    ["--select", "DAT", "--select=GAT", "--ignore", "DAT014"], ["--select=DAT,GAT", "-q"],
    ["--quiet", "--info"], ["--next-stage"], ["--fail-on", "warning"], ["--fail-on=info", "--exit-zero"],
    ["--no-git", "--no-cache", "-f", "github"], ["--format", "xml"], ["--today", "2026-02-30"],
    ["--select", "NOPE"], ["--fail-on", ""], ["--fail-on", "severe"], ["-o", "-", "-f", "junit"],
]


@pytest.mark.parametrize("extra", _PLAIN_FORMS, ids=" ".join)
def test_check_without_typer_says_what_typer_says(tmp_path, capsys, monkeypatch, extra):
    """raio check reads its own options (importing typer and click was a tenth of a re-check with
    nothing changed): every spelling it reads gives the report, the errors and the exit code that
    typer's parser and the command's typer function give."""
    from raio_cli import cli

    monkeypatch.setenv("NO_COLOR", "1")
    root = copy_example(tmp_path / "p")
    args = ["check", str(root), "--today", "2026-11-15", *extra]
    assert cli._without_typer("check", args) is not None

    def outcome():
        with pytest.raises(SystemExit) as exc:
            cli.main(args)
        out = capsys.readouterr()
        return exc.value.code, out.out, out.err

    plain = outcome()
    monkeypatch.setattr(cli, "_without_typer", lambda command, args: None)
    assert outcome() == plain
    assert plain[0] in (0, 1, 2) and (plain[1] or plain[2])


def test_check_without_typer_writes_the_report_file_typer_writes(tmp_path, capsys, monkeypatch):
    from raio_cli import cli

    root = copy_example(tmp_path / "p")
    reports, codes = [], []
    for name in ("plain.sarif", "typer.sarif"):
        reports.append(tmp_path / name)
        with pytest.raises(SystemExit) as exc:
            cli.main(["check", "--info", str(root / "applications"), f"--output={reports[-1]}", "-f", "sarif",
                      "--today", "2026-11-15", "--fail-on", "info"])
        codes.append(exc.value.code)
        monkeypatch.setattr(cli, "_without_typer", lambda command, args: None)
    assert codes == [1, 1]
    assert reports[0].read_text(encoding="utf-8") == reports[1].read_text(encoding="utf-8")
    assert json.loads(reports[0].read_text(encoding="utf-8"))["runs"][0]["results"]
    with pytest.raises(SystemExit) as exc:  # an existing report is not replaced unasked, either way
        cli.main(["check", str(root), "-o", str(reports[0])])
    assert exc.value.code == 2 and "--force" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--help"], ["--"], ["-"], ["-qf", "json"], ["-fjson"], ["--force=yes"],
                                   ["--fail-on", "--info"], ["--today"], ["--formats", "json"], ["--debug"],
                                   ["-h"]])
def test_check_leaves_to_typer_what_it_does_not_read(tmp_path, capsys, monkeypatch, extra):
    """An argument raio check does not read itself goes to typer: help, '--', joined short
    options, a mistyped option, a flag given a value, an option whose value is missing or looks
    like an option. What comes out is typer's, as for every other command."""
    from raio_cli import cli
    from raio_cli.commands import check

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    root = make_portfolio(tmp_path / "p", {"lung-nodules": GOOD_APP})
    args = ["check", str(root), *extra]
    assert check.parsed(args[1:]) is None and cli._without_typer("check", args) is None
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    out = capsys.readouterr()
    if extra[0] in ("--help", "-h"):
        assert exc.value.code == 0 and "Usage: raio check [OPTIONS] [PATH]..." in out.out
    elif extra == ["--"]:  # the end of the options, then no more paths
        assert exc.value.code == 0 and "0 errors, 3 warnings in 1 application" in out.out
    elif extra in (["-qf", "json"], ["-fjson"]):  # -q and -f json; -f json
        assert exc.value.code == 0 and "GAT002" in {f["code"] for f in json.loads(out.out)}
    elif extra == ["-"]:  # a path named '-'
        assert exc.value.code == 2 and "- does not exist" in out.err
    else:
        assert exc.value.code == 2 and out.err and "Traceback" not in out.err


def test_check_reads_every_option_that_typer_reads():
    """commands/check.OPTIONS (how raio check reads its options without typer) names every
    spelling of every option of the typer command, as a flag, a value or a repeatable value,
    for the parameter of the same name; and run() takes exactly the command's parameters."""
    import inspect

    import typer.main

    from raio_cli import cli
    from raio_cli.commands import check

    command = typer.main.get_command(cli._build("check")).commands["check"]
    expected = {}
    for param in command.params:
        if param.param_type_name != "option":
            assert param.name == "paths" and param.nargs == -1
            continue
        kind = "flag" if param.is_flag else ("values" if param.multiple else "value")
        for name in (*param.opts, *param.secondary_opts):
            expected[name] = (param.name, kind)
    assert check.OPTIONS == expected
    assert list(inspect.signature(check.run).parameters) == [p.name for p in command.params]


def test_check_ends_quietly_when_its_reader_leaves(tmp_path):
    """`raio check | head`: the reader closed the pipe before the report came. The command ends
    as typer ends any command then, with exit code 1 and nothing on stderr (no traceback, no
    "Exception ignored"), whether the report was long or short."""
    root = copy_example(tmp_path / "p")
    for extra in (["--info"], ["--select", "SCH"], ["-f", "json", "--select", "SCH"]):
        proc = subprocess.Popen([raio_script(), "check", str(root), "--exit-zero", *extra],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.close()
        err = proc.stderr.read()
        proc.wait(timeout=120)
        proc.stderr.close()
        assert (proc.returncode, err) == (1, b""), extra

def test_internal_error_is_one_line_and_traceback_only_with_debug(tmp_path, monkeypatch, capsys):
    from raio_cli import check as engine
    from raio_cli.cli import main

    root = make_portfolio(tmp_path / "p", {"lung-nodules": GOOD_APP})

    def boom(*a, **k):
        secret = "123456782"  # a local variable that must never be printed
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(engine, "run", boom)
    with pytest.raises(SystemExit) as exc:
        main(["check", str(root)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "internal error: RuntimeError: disk on fire" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["--debug", "check", str(root)])
    err = capsys.readouterr().err
    assert "Traceback" in err and "123456782" not in err


def test_no_color_and_plain_output_in_process(tmp_path, capsys, monkeypatch):
    from raio_cli.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    root = make_portfolio(tmp_path / "p", {"lung-nodules": GOOD_APP})
    with pytest.raises(SystemExit) as exc:
        main(["check", str(root), "--no-git", "--today", "2026-11-15", "--select", "SCH"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "0 errors, 0 warnings in 1 application" in out and "\x1b[" not in out


def test_every_command_is_documented_in_the_readme():
    from raio_cli.cli import COMMANDS, app

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    registered = {c.name for c in app.registered_commands}
    for name in registered:
        assert f"`raio {name}" in readme, f"raio {name} is not in the README's command table"
    assert registered <= set(COMMANDS)


def test_the_readme_says_when_raio_check_exits_1_as_it_does(tmp_path):
    """The README's command table said 'exit 0 clean, 1 findings': a run with warnings only exits
    0 (the failing severity is error unless --fail-on or raio.yaml says otherwise), so a user who
    saw warnings and exit 0 read it as a fault. It names the failing severity."""
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert ("exit 0 when no finding reaches the failing severity (`--fail-on`, else raio.yaml "
            "`policy.fail_on`, else error: warnings alone then exit 0), 1 when one does, 2 usage or internal error") in readme
    root = make_portfolio(tmp_path / "p", {"lung-nodules": {"application": GOOD_APP["application"] + "regulatory:\n  in_house: no\n"}})
    args = ("check", str(root), "--no-git", "--today", "2026-11-15", "--select", "YML")
    assert run(*args).returncode == 0 and run(*args, "--fail-on", "warning").returncode == 1


@pytest.mark.parametrize("command", ["check", "memo", "new-pilot", "monitor"])
def test_a_command_built_alone_says_what_the_whole_application_says(command, capsys, monkeypatch):
    """main() gives typer only the invoked command (cli._invoked): its help, its usage errors
    and the root's --debug before it must be what the application with every command gives."""
    from raio_cli import cli

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")

    real = cli._invoked
    monkeypatch.delitem(cli.__dict__, "app", raising=False)  # built by an earlier test: every command

    def run(args, whole: bool):
        monkeypatch.setattr(cli, "_invoked", (lambda a: None) if whole else real)
        with pytest.raises(SystemExit) as exc:
            cli.main(args)
        out = capsys.readouterr()
        return exc.value.code, out.out, out.err

    assert real(["--debug", command, "--help"]) == command and real(["chek"]) is None and real(["--version"]) is None
    for args in ([command, "--help"], ["--debug", command, "--help"], [command, "--no-such-option"]):
        assert run(args, whole=False) == run(args, whole=True)
    code, _out, err = run(["chek"], whole=False)  # a mistyped command: every command is there to suggest
    assert code == 2 and "No such command" in err


def test_atomic_writes_keep_the_mode_and_never_leave_half_files(tmp_path, monkeypatch):
    from raio_cli import fsio

    target = tmp_path / "memo.md"
    target.write_text("old")
    target.chmod(0o640)
    fsio.atomic_write_text(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640

    def fail(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(fsio.os, "fsync", fail)
    with pytest.raises(OSError):
        fsio.atomic_write_text(target, "newer")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]
    with pytest.raises(fsio.WouldOverwrite):
        fsio.atomic_write_text(target, "x", overwrite=False)


def test_demo_prints_its_folder_as_written_not_as_console_markup(tmp_path):
    """A folder name with brackets lost them in the demo's lines (rich read them as a style)."""
    root = tmp_path / "[red]demo"
    out = run("demo", str(root), "--today", "2026-11-15", "--no-documents",
              env={"COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    assert f"Demo portfolio {root.resolve()}" in out.stdout and f"cd {root.resolve()}" in out.stdout
    assert "raio status" in out.stdout


def test_demo_refuses_a_link_that_leads_nowhere_with_a_clear_error(tmp_path):
    """A dangling link (or a loop) as the demo's folder gave 'internal error: FileExistsError'."""
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(loop)
    for link in (dangling, loop):
        out = run("demo", str(link), "--today", "2026-11-15", "--no-documents")
        assert out.returncode == 2
        assert f"raio: error: {link} is a link that leads nowhere (dangling or a loop)" in out.stderr
        assert "internal error" not in out.stderr and "Choose a new folder" in out.stderr
    below = run("demo", str(dangling / "sub"), "--today", "2026-11-15", "--no-documents")
    assert below.returncode == 2 and "a folder on its way is a file or a link that leads nowhere" in below.stderr
    assert not (tmp_path / "nowhere").exists()  # nothing created through the link


def test_commands_that_leave_at_once_write_everything_first(tmp_path):
    """check, status, report and log end the process without the interpreter's teardown
    (cli._exit_at_once): their whole output is written, piped or to a file, with the exit code
    they would give otherwise; main() called in-process raises SystemExit as ever."""
    from raio_cli import cli

    assert {"check", "status", "report", "log"} <= cli.EXIT_AT_ONCE
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as a user's shell has it

    def run(*args):
        return subprocess.run([raio_script(), *args], capture_output=True, text=True, timeout=120,
                              env=dict(buffered, NO_COLOR="1"))

    root = copy_example(tmp_path / "pf")
    apps = sorted(p.name for p in (root / "applications").iterdir())
    (root / "applications" / apps[0] / "application.yaml").write_text("id: x\nname: x\nstage: gepland\n")
    args = ("check", str(root), "--no-git", "--today", "2026-11-15", "--format", "json")
    piped = run(*args)
    assert piped.returncode == 1, piped.stderr
    listed = json.loads(piped.stdout)  # all of it: a text cut off would not parse
    assert any(f["code"] == "SCH004" for f in listed)
    to_file = run(*args, "-o", str(tmp_path / "f.json"))
    assert to_file.returncode == 1 and json.loads((tmp_path / "f.json").read_text()) == listed
    text = run(*args[:5])
    assert text.returncode == 1 and text.stdout.splitlines()[-1].endswith("in 10 applications (today: 2026-11-15)")
    status = run("status", str(root), "--no-git", "--today", "2026-11-15")
    assert status.returncode == 0 and apps[-1] in status.stdout
    usage = run("check", str(root), "--fail-on", "nonsense")
    assert usage.returncode == 2 and "nonsense" in usage.stderr
    with pytest.raises(SystemExit) as done:
        cli.main([*args, "-o", str(tmp_path / "g.json")])
    assert done.value.code == 1 and json.loads((tmp_path / "g.json").read_text()) == listed


def test_check_output_dash_is_standard_output_as_for_the_other_commands(tmp_path):
    """raio check -o - wrote a file named '-' in the current folder, where report, memo and export
    write to standard output; a CI step piping the report on got nothing."""
    import os

    root = copy_example(tmp_path / "pf")
    args = [raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", "-f", "json"]
    plain = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=dict(os.environ, NO_COLOR="1"))
    dashed = subprocess.run([*args, "-o", "-"], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                            env=dict(os.environ, NO_COLOR="1"))
    assert dashed.returncode == plain.returncode == 0, dashed.stderr
    assert json.loads(dashed.stdout) == json.loads(plain.stdout) != []
    assert not (tmp_path / "-").exists()
    named = subprocess.run([*args, "-o", "./-"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert named.returncode == 0 and json.loads((tmp_path / "-").read_text()) == json.loads(plain.stdout)
    assert named.stdout == "Wrote ./-\n"  # the file named '-' as it is typed: '-o -' is standard output


def test_check_output_never_replaces_a_file_unasked_nor_a_pipe_link_or_folder(tmp_path):
    """raio check -o wrote over anything: raio.yaml, a dossier file, and (renaming a temporary file
    over it) a named pipe, a link or, run as root, /dev/stdout became a plain file."""
    import os
    import stat

    root = copy_example(tmp_path / "pf")
    raio_yaml = root / "raio.yaml"
    before = raio_yaml.read_bytes()

    def run(*args):
        return subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", "-f", "json", *args],
                              capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"))

    kept = run("-o", str(raio_yaml))
    assert kept.returncode == 2 and "raio.yaml; raio never writes its output over it, even with --force" in kept.stderr
    assert raio_yaml.read_bytes() == before
    report = tmp_path / "report.json"
    assert run("-o", str(report)).returncode == 0
    written = json.loads(report.read_text())
    assert written and all(f["severity"] != "error" for f in written)
    report.write_text("old")
    assert run("-o", str(report)).returncode == 2 and report.read_text() == "old"
    assert run("-o", str(report), "--force").returncode == 0 and json.loads(report.read_text()) == written

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link.json"
    link.symlink_to(report)
    for target, words in ((pipe, "not a file"), (link, "not a file"), (tmp_path, "is a folder"),
                          (tmp_path / "no" / "such.json", "folder does not exist"), (Path(""), "has no name")):
        out = run("-o", str(target), "--force")
        assert out.returncode == 2 and words in out.stderr and "Traceback" not in out.stderr, (target, out.stderr)
    assert stat.S_ISFIFO(pipe.lstat().st_mode) and link.is_symlink() and not (tmp_path / "no").exists()


def test_no_command_writes_its_output_over_a_file_the_portfolio_reads_even_with_force(tmp_path):
    """`raio report -f pdf -o raio.yaml --force` left a PDF where the portfolio's settings were; the
    same for a dossier file under check --output, memo --out and export --out. --force replaces a
    report, never raio.yaml, a dossier file or git's data; other files it still replaces."""
    root = copy_example(tmp_path / "pf")
    app = sorted(p.name for p in (root / "applications").iterdir())[0]
    dossier = root / "applications" / app / "application.yaml"
    git_file = root / ".git" / "config"
    git_file.parent.mkdir()
    git_file.write_text("[core]\n")
    kept = {p: p.read_bytes() for p in (root / "raio.yaml", dossier, git_file)}
    common = ["--today", "2026-11-15"]
    commands = {
        "check": lambda out: ["check", str(root), "--no-git", *common, "-f", "json", "--output", str(out), "--force"],
        "report": lambda out: ["report", str(root), "--no-git", *common, "-f", "html", "--out", str(out), "--force"],
        "memo": lambda out: ["memo", app, "--portfolio", str(root), *common, "-f", "md", "--out", str(out), "--force"],
        "export": lambda out: ["export", str(root), "--format", "csv", "--out", str(out), "--force"],
    }
    for name, argv in commands.items():
        for target, words in ((root / "raio.yaml", "is the portfolio's raio.yaml"), (dossier, "is a dossier file"),
                              (git_file, "portfolio's git repository"),
                              (root / "applications" / app / "new.yml", "is a dossier file")):
            out = run(*argv(target), cwd=root)
            assert out.returncode == 2, (name, target, out.stdout, out.stderr)
            assert words in out.stderr and "even with --force" in out.stderr and "Traceback" not in out.stderr, (name, out.stderr)
        assert {p: p.read_bytes() for p in kept} == kept and not (root / "applications" / app / "new.yml").exists()
        other = root / f"{name}-out.txt"
        other.write_text("old")
        done = run(*argv(other), cwd=root)
        assert done.returncode in (0, 1) and other.read_text() != "old", (name, done.stderr)


def test_check_refuses_a_selection_that_names_no_rule(tmp_path):
    """--select NOPE printed '0 errors' and exited 0: a typo in a CI job passed for ever."""
    root = copy_example(tmp_path / "pf")

    def run(*args):
        return subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", *args],
                              capture_output=True, text=True, timeout=120, env=dict(os.environ, NO_COLOR="1"))

    for args in (("--select", "NOPE"), ("--ignore", "REG,XYZ9"), ("--select", "dat003,")):
        out = run(*args)
        bad = "NOPE" if "NOPE" in args else ("XYZ9" if "REG,XYZ9" in args else None)
        if bad is None:
            assert out.returncode == 0, out.stderr  # a lower-case code, and an empty item, are fine
            continue
        assert out.returncode == 2 and f"'{bad}'" in out.stderr and "raio rule" in out.stderr, out.stderr
        assert out.stdout == ""


def test_yml_and_sch_codes_are_switched_off_one_by_one_but_an_unread_file_is_always_reported(tmp_path):
    """For a mutation audit, --ignore YML002 or --ignore SCH002 hides that one code and no
    other. --ignore YML013 (an empty file) and --select REG hid the only finding about a file raio
    could not read, so the run passed (exit 0) over a file no rule had checked; such a finding is
    now reported whatever --select and --ignore say, and stderr says why it is still shown."""
    problem = "statement: Missed fractures\nstatement: Missed fractures at night\nstatment: typo\n"
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {**GOOD_APP, "problem": problem},
                                            "empty-problem": {"application": GOOD_APP["application"].replace(
                                                "lung-nodules", "empty-problem"), "problem": ""}})

    def check(*args):
        out = subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", "-f", "json",
                              "--fail-on", "error", *args], capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, NO_COLOR="1"))
        return out.returncode, sorted((f["app"], f["code"]) for f in json.loads(out.stdout)), out.stderr

    code, every, stderr = check()
    assert code == 1 and {("lung-nodules", "YML002"), ("lung-nodules", "SCH002"), ("empty-problem", "YML013")} <= set(every)
    assert "Note:" not in stderr
    for hidden in ("YML002", "SCH002", "SCH"):
        code, shown, stderr = check("--ignore", hidden)
        assert shown == [f for f in every if not f[1].startswith(hidden)], hidden
        assert code == 1 and "Note:" not in stderr  # the empty file is still an error, and not hidden
    code, shown, stderr = check("--ignore", "YML013")
    assert ("empty-problem", "YML013") in shown and code == 1
    assert stderr.strip() == ("Note: --select and --ignore do not hide 1 finding saying a file could not be read "
                              "(no rule checked it): applications/empty-problem/problem.yaml (YML013)")
    code, shown, stderr = check("--select", "REG")
    assert shown == [("empty-problem", "YML013")] and code == 1 and "(YML013)" in stderr
    code, shown, stderr = check("--select", "YML002")
    assert shown == [("empty-problem", "YML013"), ("lung-nodules", "YML002")] and code == 1
    help_text = run("check", "--help", env={"COLUMNS": "200"}).stdout
    assert "--ignore YML002" in help_text and "could not be read" in help_text


def _narrow_env(columns: str | None = None) -> dict:
    """The environment of a pipe: no COLUMNS unless given (raio then wraps at 80)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["NO_COLOR"] = "1"
    if columns:
        env["COLUMNS"] = columns
    return env


def test_rule_list_and_pages_fit_the_terminal_and_keep_their_columns(tmp_path):
    """Piped (raio rule | grep REG), raio rule was filled to 80 columns no one had, where every
    other command keeps its lines whole: a rule's summary went over two lines, and grep found half
    of it. Written to no terminal each rule is one line and each paragraph of a page too; with
    COLUMNS, that width."""
    catalog = json.loads(run("rule", "--format", "json").stdout)
    piped = subprocess.run([raio_script(), "rule"], capture_output=True, text=True, env=_narrow_env(), timeout=120)
    assert piped.returncode == 0 and len(piped.stdout.splitlines()) == len(catalog)
    assert "CMP003  error    not-applicable-without-justification" in piped.stdout
    for r in catalog:
        assert any(line.startswith(r["code"]) and line.endswith(" ".join(r["summary"].split()))
                   for line in piped.stdout.splitlines()), r["code"]
    fitted = subprocess.run([raio_script(), "rule"], capture_output=True, text=True, env=_narrow_env("80"), timeout=120)
    assert fitted.returncode == 0 and max(map(len, fitted.stdout.splitlines())) <= 80
    wide = subprocess.run([raio_script(), "rule"], capture_output=True, text=True, env=_narrow_env("150"), timeout=120)
    lines = wide.stdout.splitlines()
    assert max(map(len, lines)) <= 150
    first = {line[:6]: line for line in lines if line[:6] in {r["code"] for r in catalog}}
    summary_at = {r["code"]: first[r["code"]].find(r["summary"].split()[0], first[r["code"]].find(r["name"]) + len(r["name"]))
                  for r in catalog}
    assert len(summary_at) > 100 and len(set(summary_at.values())) == 1  # one summary column: CMP003, REG001 too
    page = subprocess.run([raio_script(), "rule", "REG003"], capture_output=True, text=True, env=_narrow_env(), timeout=120)
    assert page.returncode == 0 and "## How to fix" in page.stdout
    reg003 = next(r for r in catalog if r["code"] == "REG003")
    assert " ".join(reg003["why"].split()) in page.stdout.splitlines()  # a paragraph, one line
    narrow = subprocess.run([raio_script(), "rule", "REG003"], capture_output=True, text=True, env=_narrow_env("80"),
                            timeout=120)
    assert max(map(len, narrow.stdout.splitlines())) <= 80 and "## How to fix" in narrow.stdout
    markdown = run("rule", "REG003", "--format", "markdown")  # the source text, as the docs keep it
    assert markdown.stdout.startswith("# REG003 ") and markdown.stdout != page.stdout
    gates = {r["code"]: r for r in catalog}
    assert "draft stage" in gates["GAT002"]["severity_note"] and gates["REG003"]["severity_note"] == ""



def test_rule_markdown_without_a_code_is_every_rules_page_in_code_order():
    """raio rule -f markdown without a code printed the plain one-line list: the help promises a
    format for every rule, and a rules reference a user can commit needs each rule's page."""
    import re

    catalog = [r["code"] for r in json.loads(run("rule", "--format", "json").stdout)]
    reference = run("rule", "-f", "markdown")
    assert reference.returncode == 0 and reference.stdout.startswith("# raio rules\n")
    headings = re.findall(r"^## ([A-Z]{3}\d{3}) ", reference.stdout, re.M)
    assert headings == catalog == sorted(catalog) and len(headings) > 100
    page = run("rule", "REG003", "-f", "markdown").stdout  # each page, one heading level down
    assert "\n## REG003 " + page.split("\n", 1)[0][len("# REG003 "):] in reference.stdout
    assert "\n### How to fix\n" in reference.stdout and "\n## How to fix\n" not in reference.stdout
    family = run("rule", "reg", "-f", "markdown").stdout  # a prefix: the pages of that family
    assert re.findall(r"^## ([A-Z]{3}\d{3}) ", family, re.M) == [c for c in catalog if c.startswith("REG")]
    assert run("rule", "-f", "md").stdout == reference.stdout  # as memo and report name Markdown
    bad = run("rule", "-f", "mdx")
    assert bad.returncode == 2 and bad.stdout == "" and "unknown format 'mdx'" in bad.stderr
    helped = " ".join(run("rule", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "in markdown every rule's page" in helped

def test_new_pilot_next_steps_are_whole_lines_when_piped(tmp_path):
    """Piped (no terminal), each next step is one line, as grep needs it: they were filled to 80
    columns (on a terminal they fit its width: test_on_a_terminal_lines_still_fit_its_width)."""
    env = _narrow_env()
    for var, value in (("GIT_AUTHOR_NAME", "T"), ("GIT_AUTHOR_EMAIL", "t@test.example"),
                       ("GIT_COMMITTER_NAME", "T"), ("GIT_COMMITTER_EMAIL", "t@test.example")):
        env[var] = value
    root = tmp_path / "p"
    assert subprocess.run([raio_script(), "init", str(root), "--no-input", "--organisation", "T", "--ci", "none"],
                          capture_output=True, env=env, timeout=120).returncode == 0
    made = subprocess.run([raio_script(), "new-pilot", "--dir", str(root), "--no-input", "--id", "fractuurdetectie-seh",
                           "--name", "Fractuurdetectie SEH", "--stage", "planned"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=root)
    assert made.returncode == 0, made.stderr
    steps = made.stdout.split("Next:\n")[1].splitlines()
    assert [step[:5] for step in steps] == [f"  {n}. " for n in range(1, len(steps) + 1)]
    assert any(step.startswith("  2. Pre-register the effects") and step.endswith("plan.start in pilot.yaml.")
               for step in steps)
    assert steps[-1].endswith(". Check: raio check applications/fractuurdetectie-seh")


def test_an_unknown_application_is_worded_alike_by_memo_log_and_monitor(tmp_path):
    from conftest import Git

    root = copy_example(tmp_path / "p")
    Git(root).commit("The example", "2026-01-05")
    said = {}
    for command in ("memo", "log", "monitor"):
        for typed in ("nope", "fractuur"):
            done = run(command, typed, "-p", str(root), "--today", "2026-11-15")
            assert done.returncode == 2 and done.stdout == "", (command, done.stderr)
            said[command, typed] = done.stderr
    assert {said[c, "nope"] for c in ("memo", "log", "monitor")} == {
        f"raio: error: no application 'nope' in {root}; 'raio status' lists the applications\n"}
    assert {said[c, "fractuur"] for c in ("memo", "log", "monitor")} == {
        f"raio: error: no application 'fractuur' in {root}; did you mean: fractuurdetectie-seh?\n"}


def test_an_application_id_typed_in_capitals_is_suggested_in_lowercase(tmp_path):
    """`raio memo Fractuurdetectie-SEH` (the name as the board knows it) said "'raio status' lists
    the applications": the lowercase of what was typed was dropped as "what was typed". It is the
    id meant, and is suggested."""
    from conftest import Git

    root = copy_example(tmp_path / "p")
    Git(root).commit("The example", "2026-01-05")
    done = run("memo", "Fractuurdetectie-SEH", "-p", str(root), "--today", "2026-11-15")
    assert done.returncode == 2 and done.stderr == (
        f"raio: error: no application 'Fractuurdetectie-SEH' in {root}; did you mean: fractuurdetectie-seh?\n")


def test_a_date_option_written_day_first_is_answered_with_the_date_to_give(tmp_path):
    """`raio check --today 1-3-2027` said "Write it as YYYY-MM-DD, e.g. 2026-03-01"; the hint now
    gives the date as raio read it, so the radiologist can check the reading and paste it."""
    root = make_portfolio(tmp_path / "p", {})
    done = run("check", str(root), "--today", "1-3-2027")
    assert done.returncode == 2 and done.stderr == (
        "raio: error: --today '1-3-2027' is not a date\n"
        "  Write it as YYYY-MM-DD: --today 2027-03-01 (1-3-2027 read as day-month-year: 1 March 2027).\n")


def test_a_date_option_in_another_iso_form_is_refused_with_the_date_to_write(tmp_path):
    """`raio check --today 20261115` (or 2026-W46-7) was taken as 15 November 2026: Python 3.11's
    date.fromisoformat reads the basic and the week forms of ISO 8601, which no dossier date may
    take (YYYY-MM-DD, the schema's format). Every date option is read as the dossier's dates
    are, refused in another form with the date to write."""
    root = make_portfolio(tmp_path / "p", {})
    for args, hint in ((["check", str(root), "--today", "20261115"], "Write it as YYYY-MM-DD: --today 2026-11-15."),
                       (["status", str(root), "--today", "2026-W46-7"],
                        "Write it as YYYY-MM-DD: --today 2026-11-15 (2026-W46-7 read as 15 November 2026)."),
                       (["report", str(root), "--today", "2026-11-15", "--since", "2026W011"],
                        "Write it as YYYY-MM-DD: --since 2025-12-29 (2026W011 read as 29 December 2025).")):
        done = run(*args)
        assert done.returncode == 2 and done.stderr == f"raio: error: {args[-2]} '{args[-1]}' is not a date\n  {hint}\n", \
            done.stderr
    assert run("check", str(root), "--today", "2026-11-15").returncode in (0, 1)


def test_schema_write_to_a_file_or_with_a_name_is_refused_with_what_it_takes(tmp_path):
    """'raio schema --write raio.yaml' (a file) said the seven schemas 'in raio.yaml differ from
    raio's' and to add --force, which then failed with 'cannot write raio.yaml/raio.schema.json:
    File exists'. 'raio schema application --write DIR' wrote all seven, the name passed over in
    silence. Both are refused first, saying what --write takes; nothing is written."""
    config = tmp_path / "raio.yaml"
    config.write_text("language: nl\n", encoding="utf-8")
    for args in (("--write", str(config)), ("--write", str(config), "--force"), ("--write", str(config / "sub"))):
        refused = run("schema", *args)
        assert refused.returncode == 2 and refused.stdout == "", (args, refused.stdout)
        assert refused.stderr.startswith(f"raio: error: {config} is a file, not a folder\n"), (args, refused.stderr)
        assert "raio schema --write .raio/schemas" in refused.stderr
    assert config.read_text(encoding="utf-8") == "language: nl\n"
    named = run("schema", "application", "--write", str(tmp_path / "schemas"))
    assert named.returncode == 2 and not (tmp_path / "schemas").exists()
    assert "--write writes every schema" in named.stderr and "raio schema application > " in named.stderr


def test_schema_write_decides_every_file_first_and_says_what_it_did(tmp_path):
    out = tmp_path / "schemas"
    first = run("schema", "--write", str(out))
    assert first.returncode == 0 and first.stdout.count("Wrote ") == 7
    again = run("schema", "--write", str(out))
    assert again.returncode == 0 and again.stdout.count("Unchanged ") == 7 and "Wrote" not in again.stdout
    (out / "effects.schema.json").write_text("{}")
    (out / "monitoring.schema.json").unlink()
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    refused = run("schema", "--write", str(out))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith(f"raio: error: effects.schema.json in {out} differs from raio's; nothing was written\n")
    assert "--force" in refused.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # monitoring was not written either
    forced = run("schema", "--write", str(out), "--force")
    assert forced.returncode == 0
    said = {line.split(" ", 1)[1]: line.split(" ", 1)[0] for line in forced.stdout.splitlines()}
    assert said[str(out / "effects.schema.json")] == "Replaced" and said[str(out / "monitoring.schema.json")] == "Wrote"
    assert said[str(out / "pilot.schema.json")] == "Unchanged" and len(said) == 7
    assert json.loads((out / "effects.schema.json").read_text())["$schema"].endswith("2020-12/schema")


def test_check_summary_counts_the_applications_checked(tmp_path):
    root = copy_example(tmp_path / "p")
    apps = root / "applications"
    args = ("--no-git", "--today", "2026-11-15")
    two = run("check", str(apps / "botleeftijd-hand"), str(apps / "longnodule-ct" / "effects.yaml"), *args)
    assert two.returncode in (0, 1) and two.stdout.splitlines()[-1].endswith("in 2 applications (today: 2026-11-15)")
    one = run("check", str(apps / "botleeftijd-hand"), *args)
    assert one.stdout.splitlines()[-1].endswith("in 1 application (today: 2026-11-15)")
    github = run("check", str(apps / "botleeftijd-hand"), *args, "--format", "github")
    assert github.stdout.splitlines()[-1].endswith("info in 1 application")
    junit = run("check", str(apps / "botleeftijd-hand"), *args, "--format", "junit")
    assert 'classname="raio.applications.botleeftijd-hand"' in junit.stdout
    assert "raio.applications.longnodule-ct" not in junit.stdout  # not checked: no passing case for it
    whole = run("check", str(root), *args)
    assert whole.stdout.splitlines()[-1].endswith("in 10 applications (today: 2026-11-15)")


@pytest.mark.parametrize("command, usage", [
    ("check", "raio check [OPTIONS] [PATH]..."), ("rule", "raio rule [OPTIONS] [CODE]"),
    ("schema", "raio schema [OPTIONS] [NAME]"), ("status", "raio status [OPTIONS] [PATH]"),
    ("report", "raio report [OPTIONS] [PATH]"), ("demo", "raio demo [OPTIONS] [DIR]"),
    ("init", "raio init [OPTIONS] [DIR]"), ("memo", "raio memo [OPTIONS] [APP]"), ("log", "raio log [OPTIONS] [APP]"),
    ("monitor", "raio monitor [OPTIONS] [APP] [ACTION] [CSV]"),
])
def test_help_names_the_arguments_alike(command, usage):
    """Arguments in capitals, optional ones in brackets, and check's PATH repeatable as it is."""
    shown = run(command, "--help", env={"COLUMNS": "200"})
    assert shown.returncode == 0 and f"Usage: {usage} " in shown.stdout.replace("\n", " ")


@pytest.mark.parametrize("command", ["memo", "log", "monitor"])
def test_help_says_app_may_be_omitted_inside_its_folder(command):
    """Inside applications/<id>/ APP may be left out (as raio check there checks that one
    application); each command that takes APP says so in its help, with an example."""
    fresh = run(command, "--help", env={"COLUMNS": "250", "RAIO_NO_CACHE": "1"})
    said = " ".join(_help_words(fresh.stdout))
    assert fresh.returncode == 0
    assert ("May be omitted inside the application's folder (applications/<id>/ or a folder below it): "
            "that application.") in said
    assert f"raio {command}" in said and "(in applications/fractuurdetectie-seh/: that application)" in said


# --- raio check in CI environments (ci-review) ---------------------------------------------------

def _non_ascii_portfolio(root):
    """A portfolio whose findings quote non-ASCII text: an unknown field 'départment' (SCH002)."""
    return make_portfolio(root, {"lung-nodules": {"application": GOOD_APP["application"] + "départment: x\n"}})


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_check_writes_utf8_reports_whatever_the_output_encoding(tmp_path, encoding):
    """On a Windows runner (Azure DevOps, GitHub windows-latest) Python writes a pipe in cp1252:
    a finding that quotes '→' or 'é' ended the check with an internal error (exit 2) halfway
    through its report. The machine formats (json, sarif, gitlab, junit, whose XML says UTF-8)
    and the github annotations (read as UTF-8 by the runner) are UTF-8 bytes whatever the
    stream's encoding; the text format replaces what the stream cannot hold."""
    root = _non_ascii_portfolio(tmp_path / "pf")
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=encoding)
    for fmt in ("json", "sarif", "gitlab", "junit", "github", "text"):
        proc = subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", "-f", fmt],
                              capture_output=True, env=env, timeout=120)
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert b"internal error" not in proc.stderr and b"Traceback" not in proc.stderr
        if fmt == "text":
            assert b"SCH002" in proc.stdout and "départment".encode(encoding, errors="replace") in proc.stdout
        else:
            assert "départment" in proc.stdout.decode("utf-8"), fmt
    json.loads(subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15", "-f", "sarif"],
                              capture_output=True, env=env, timeout=120).stdout.decode("utf-8"))


@pytest.mark.parametrize("encoding", ["cp850", "ascii", "C locale"])
def test_every_command_prints_on_a_console_that_cannot_show_every_character(tmp_path, encoding):
    """A Windows console or a redirect to a file writes cp1252 or cp850 (PYTHONIOENCODING
    simulates it): 'raio log', 'raio rule', 'raio status', 'raio monitor' ended with "internal
    error: UnicodeEncodeError" at the first '→', '—' or '…' they printed, as 'raio check' once did.
    Text for people has '?' for what the stream cannot hold; an export, like a check report, is
    UTF-8 whatever the stream's encoding."""
    from conftest import Git

    root = copy_example(tmp_path / "pf")
    Git(root).commit("portfolio", "2026-01-05")
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=encoding)
    if encoding == "C locale":  # ASCII, with the errors Python gives a C locale's streams (surrogateescape)
        env.pop("PYTHONIOENCODING")
        env.update(LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    for args in (["status"], ["log", "longnodule-ct"], ["rule", "REG002"], ["monitor", "fractuurdetectie-seh"],
                 ["memo", "longnodule-ct", "-f", "md"], ["report", "-f", "html"], ["check"], ["export"],
                 ["export", "-f", "json"]):
        proc = subprocess.run([raio_script(), *args, "--today", "2026-11-15"] if args[0] in ("status", "check") else
                              [raio_script(), *args], capture_output=True, cwd=root, env=env, timeout=120)
        assert proc.returncode in (0, 1), (args, proc.stderr)
        assert b"internal error" not in proc.stderr and b"Traceback" not in proc.stderr, args
        assert proc.stdout.strip(), args
    for fmt in ("csv", "json"):
        export = subprocess.run([raio_script(), "export", "-f", fmt], capture_output=True, cwd=root, env=env, timeout=120)
        assert "SEH-röntgenfoto" in export.stdout.decode("utf-8"), fmt  # UTF-8, never '?' for a letter


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_a_narrow_console_shows_comparisons_and_arrows_in_plain_signs(tmp_path, encoding):
    """'93.4% ≥ target 90%' and 'baseline value changed 312 → 290' on a cp1252 or cp850 console
    read '93.4% ? target 90%' and '312 ? 290': a verdict whose sign is lost. What the console
    cannot show is written in plain signs ('>=', '->', '...'); '?' only for what has no plain
    form, such as a letter the console lacks."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {"application": GOOD_APP["application"] + "'grens ≥ 0.9 → doel … café': x\n"}})
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=encoding)
    proc = subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15"],
                          capture_output=True, env=env, timeout=120)
    shown = proc.stdout.decode(encoding)
    assert proc.returncode == 1, proc.stderr
    ellipsis = "…" if encoding == "cp1252" else "..."  # cp1252 has it, cp850 and ASCII have not
    assert f"unknown field 'grens >= 0.9 -> doel {ellipsis} {'caf?' if encoding == 'ascii' else 'café'}'" in shown, shown


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_tables_in_plain_signs_fit_a_narrow_console(tmp_path, encoding):
    """On a console that cannot show '→' (a Windows console or redirect, in cp1252 or cp850)
    'raio log' wrote it as '->' after the table was laid out for one column: each row with an
    arrow ran a column past the console's edge and wrapped there. Likewise the '…' of a cut
    cell in 'raio status', written '...' where the console lacks it (there a cell too long now
    goes over two lines), and a '…' in the text of 'raio rule', filled to the width. Every line
    fits COLUMNS, and the arrows are still there in plain signs."""
    from conftest import EXAMPLE_TODAY

    from raio_cli import demo

    root = tmp_path / "demo"
    demo.build(root, EXAMPLE_TODAY)  # the example with its dated history: stage changes, moved dates
    for columns in ("60", "80"):
        env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING=encoding, COLUMNS=columns)
        for args in (["status", "--today", "2026-11-15"], ["log", "longnodule-ct"], ["log", "stroke-lvo-triage"],
                     ["rule", "PRV001"]):
            proc = subprocess.run([raio_script(), *args], capture_output=True, cwd=root, env=env, timeout=120)
            assert proc.returncode == 0, (args, proc.stderr)
            lines = proc.stdout.decode(encoding).splitlines()
            too_wide = [line for line in lines if len(line) > int(columns)]
            assert not too_wide, (args, columns, too_wide)
            if args[0] == "log":
                assert any("->" in line for line in lines), args
            elif args[0] == "status":
                assert any(line.startswith("10 applications;") for line in lines), args


def test_check_report_file_has_no_colour_even_when_colour_is_forced(tmp_path):
    """FORCE_COLOR=1 (often set in GitHub Actions for coloured logs) colours the terminal, never
    the report file that --output writes: that is an artifact, read in a browser or an editor."""
    root = _non_ascii_portfolio(tmp_path / "pf")
    out = tmp_path / "raio-check.txt"
    proc = run("check", str(root), "--no-git", "--today", "2026-11-15", "-o", str(out), env={"FORCE_COLOR": "1"})
    assert proc.returncode == 1, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "SCH002" in text and "\x1b[" not in text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_error_not_a_bug_in_raio(tmp_path):
    """Writing the report to a full disk (`raio check > /dev/full`, a CI runner out of space) said
    "internal error ... This is a bug in raio": the machine refused the write, so raio says that,
    with exit 2 and no traceback. A real bug still is an internal error."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": GOOD_APP})
    with open("/dev/full", "w") as full:
        proc = subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("raio: error: No space left on device")
    assert "internal error" not in proc.stderr and "bug in raio" not in proc.stderr and "Traceback" not in proc.stderr


def test_check_with_standard_output_closed_says_so(tmp_path):
    """A job that closed standard output (`raio check >&-`) gets one line and exit 2, not an
    internal error and a traceback; with --output the report is written as ever."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": GOOD_APP})
    args = [raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15"]
    proc = run_with_stdout_closed(args)
    assert proc.returncode == 2
    assert "standard output is closed" in proc.stderr and "--output" in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    proc = run_with_stdout_closed(args + ["-o", str(tmp_path / "r.txt")])
    assert proc.returncode == 0 and "0 errors" in (tmp_path / "r.txt").read_text(), proc.stderr



@pytest.mark.parametrize("args, said, usage", [
    (["chek"], "No such command 'chek'. Did you mean 'check'", "Usage: raio [OPTIONS] COMMAND [ARGS]...; 'raio -h' lists the commands."),
    (["check", "--nope"], "No such option: --nope", "Usage: raio check [OPTIONS] [PATH]...; 'raio check -h' explains"),
    (["check", "--fail-on"], "Option '--fail-on' requires an argument.", "Usage: raio check [OPTIONS] [PATH]...;"),
    (["status", "--today"], "Option '--today' requires an argument.", "Usage: raio status [OPTIONS] [PATH];"),
    (["memo"], "missing argument 'APP': the application's id (the current folder is in no portfolio)",
     "Give it, e.g. raio memo <id>; 'raio status' in the portfolio lists the ids. Inside an application's folder"),
    (["memo", "a", "b", "c"], "Got unexpected extra argument(s) (b c)", "Usage: raio memo [OPTIONS] [APP];"),
])
def test_a_mistyped_command_line_is_said_as_raio_says_any_usage_error(tmp_path, args, said, usage):
    """typer said a mistyped command, option or argument in a box drawn as wide as COLUMNS, in a
    CI log too, where raio's own usage errors are one line: 'raio: error: ...' and what to do
    below it. Both now read alike (exit 2), filled to COLUMNS where it is set, as raio's own are."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    whole = subprocess.run([raio_script(), *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert whole.returncode == 2 and whole.stdout == ""
    lines = whole.stderr.splitlines()
    assert len(lines) == 2 and lines[0] == f"raio: error: {lines[0][len('raio: error: '):]}", whole.stderr
    assert said in lines[0] and lines[1].startswith("  ") and usage in lines[1], whole.stderr
    for columns in ("200", "30"):
        result = run(*args, cwd=tmp_path, env={"COLUMNS": columns})
        assert result.returncode == 2 and result.stdout == ""
        assert "╭" not in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.split() == whole.stderr.split(), result.stderr  # the same words, filled
        assert (result.stderr == whole.stderr) is (columns == "200"), result.stderr

@pytest.mark.parametrize("columns", ["0", "1", "12"])
def test_a_usage_error_is_readable_whatever_columns_says(tmp_path, columns):
    """COLUMNS=0 (a shell in a container whose terminal has no size yet) made rich wrap every
    message to nothing: raio check --nope exited 2 and said nothing, and --help printed nothing;
    at COLUMNS=1 one letter a line. A COLUMNS below 20 is taken as unset (the terminal's width,
    else 80), as raio's own tables already do."""
    wrong = run("check", "--nope", env={"COLUMNS": columns})
    assert wrong.returncode == 2 and "No such option: --nope" in " ".join(wrong.stderr.split())
    shown = run("check", "--help", env={"COLUMNS": columns, "RAIO_NO_CACHE": "1"})
    assert shown.returncode == 0 and "--fail-on" in shown.stdout and max(map(len, shown.stdout.splitlines())) >= 40


def test_check_refuses_a_path_that_holds_nothing_it_reads(tmp_path):
    """raio check README.md, .github/ or, run from inside .raio/, '.' checked nothing and said
    '✓ 0 errors, 0 warnings in 1 application' (exit 0): a CI job pointed at the wrong path was
    green. A path in the portfolio outside raio.yaml and applications/ is a usage error (exit 2);
    the portfolio, raio.yaml, applications/ and what lies in it are checked as before."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {"application": "id: lung-nodules\nname: x\nstage: gepland\n"}})
    (root / "README.md").write_text("# portfolio\n")
    (root / "applications" / "README.md").write_text("# one folder per application\n")
    (root / ".raio" / "schemas").mkdir(parents=True)
    args = ("--no-git", "--today", "2026-11-15")
    # applications/README.md (a matrix of CI jobs built from `ls applications`) said
    # "✓ 0 errors, 0 warnings in 1 application" as well: no finding is ever about such a file
    for path in (root / "README.md", root / ".raio", root / "applications" / "README.md"):
        proc = run("check", str(path), *args)
        assert proc.returncode == 2 and "nothing raio check reads" in proc.stderr, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == ""
    inside = run("check", *args, cwd=root / ".raio" / "schemas")
    assert inside.returncode == 2 and "nothing raio check reads" in inside.stderr
    for path in (root, root / "raio.yaml", root / "applications", root / "applications" / "lung-nodules",
                 root / "applications" / "lung-nodules" / "application.yaml"):
        proc = run("check", str(path), *args)
        assert proc.returncode in (0, 1) and proc.stderr == "", (path, proc.stderr)
    assert run("check", str(root / "applications" / "lung-nodules"), *args).returncode == 1


def _linked_applications(root: Path, app: str) -> Path:
    """A portfolio whose applications/ is a link to its folder dossiers/, holding lung-nodules."""
    make_portfolio(root)
    (root / "applications").rmdir()
    (root / "dossiers" / "lung-nodules").mkdir(parents=True)
    (root / "dossiers" / "lung-nodules" / "application.yaml").write_text(app, encoding="utf-8")
    (root / "applications").symlink_to("dossiers", target_is_directory=True)
    return root


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_memo_of_an_application_folder_through_a_linked_applications_folder(tmp_path):
    """raio memo applications/X said 'is not an application folder' when applications/ is a link."""
    root = _linked_applications(tmp_path / "pf", GOOD_APP["application"])
    memo = run("memo", "applications/lung-nodules", "-o", "-", "--today", "2026-11-15", cwd=root)
    assert memo.returncode == 0 and "Longnodules CT" in memo.stdout, memo.stderr


def _shallow_clone_of_the_example(tmp_path):
    """A clone of depth 1 (``tmp_path/clone``) of the example portfolio committed in two dated
    commits (``tmp_path/source``), as a CI job's default checkout gives it."""
    from conftest import Git

    source = copy_example(tmp_path / "source")
    git = Git(source)
    git.commit("portfolio", "2026-10-01")
    with open(source / "raio.yaml", "a", encoding="utf-8") as fh:
        fh.write("# reviewed\n")
    git.commit("reviewed", "2026-10-02")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True, capture_output=True)
    return clone


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_check_an_application_through_a_linked_applications_folder(tmp_path):
    """With applications/ a link, raio check applications/X said 'no raio.yaml in <the link's
    target>' (exit 2), or, for a link to a folder of the portfolio, that the path 'holds nothing
    raio check reads': the path is taken as named, inside the portfolio."""
    app = "id: lung-nodules\nname: L\nstage: proposed\nin_house: no\n"
    args = ("--no-git", "--today", "2026-11-15", "--select", "YML,IDN", "--fail-on", "warning")
    inside = _linked_applications(tmp_path / "inside", app)
    whole = run("check", str(inside), *args)
    assert whole.returncode == 1 and "applications/lung-nodules/application.yaml:4:11: warning YML005" in whole.stdout
    for target, cwd in (("applications/lung-nodules", inside), ("applications/lung-nodules/application.yaml", inside),
                        (str(inside / "applications" / "lung-nodules"), None)):
        one = run("check", target, *args, cwd=cwd)
        assert (one.returncode, one.stdout) == (1, whole.stdout), one.stderr
    # raio check . in the application's folder, reached through the link (the shell's $PWD)
    here = inside / "applications" / "lung-nodules"
    dot = run("check", ".", *args, cwd=here, env={"PWD": str(here)})
    assert (dot.returncode, dot.stdout) == (1, whole.stdout), dot.stderr

    outside = make_portfolio(tmp_path / "outside")
    (outside / "applications").rmdir()
    (tmp_path / "elsewhere" / "lung-nodules").mkdir(parents=True)
    (tmp_path / "elsewhere" / "lung-nodules" / "application.yaml").write_text(app, encoding="utf-8")
    (outside / "applications").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for target in ("applications/lung-nodules", "applications", "."):
        refused = run("check", target, "--no-git", "--today", "2026-11-15", cwd=outside)
        assert refused.returncode == 1, refused.stderr
        assert "no raio.yaml" not in refused.stderr
        assert ("applications/lung-nodules: error YML017 applications/lung-nodules is in applications/, "
                "a link to a place outside the portfolio; it is not read") in refused.stdout
        assert "Make applications/ a folder of the portfolio" in refused.stdout


def test_a_check_of_one_started_pilot_in_a_shallow_clone_says_its_history_was_not_verified(tmp_path):
    """In a shallow CI clone, `raio check applications/longnodule-ct` said "0 errors, 0 warnings"
    with the pre-registration checks skipped: GIT004 stood at the first started pilot's file, so a
    check of any other application dropped it. A job per application passed unverified."""
    clone = _shallow_clone_of_the_example(tmp_path)
    for app, shown in (("longnodule-ct", True), ("stroke-lvo-triage", True), ("ct-lichaamssamenstelling", False)):
        out = run("check", f"applications/{app}", "--today", "2026-11-15", "--select", "GIT", "-f", "json", cwd=clone)
        assert out.returncode == 0, out.stderr
        codes = [f["code"] for f in json.loads(out.stdout)]
        assert codes == (["GIT004"] if shown else []), (app, codes)  # a planned pilot has no history to verify yet


def test_a_ci_job_can_fail_on_a_shallow_clone_alone_even_when_it_checks_changed_files(tmp_path):
    """A CI job that checks the changed files of a shallow clone passed with no word of the
    skipped pre-registration checks: GIT004 stood at pilot.yaml, outside the checked file, and was
    dropped. Now it is shown, and a step of its own (--select GIT004 --fail-on warning) fails the
    job on a shallow clone and on nothing else, as examples/ci/README.md says."""
    clone = _shallow_clone_of_the_example(tmp_path)
    changed = "applications/longnodule-ct/effects.yaml"
    guard = ("check", changed, "--today", "2026-11-15", "--select", "GIT004", "--fail-on", "warning", "-f", "github")
    out = run(*guard, cwd=clone)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "::warning file=applications/longnodule-ct/pilot.yaml," in out.stdout and "GIT004" in out.stdout
    assert "fetch-depth: 0" in out.stdout
    text = run("check", changed, "--today", "2026-11-15", "--select", "GIT", cwd=clone)
    assert text.stdout.count("GIT004") == 1 and "were skipped" in text.stdout, text.stdout
    full = run(*guard, cwd=tmp_path / "source")  # the full history: the guard passes
    assert full.returncode == 0 and "GIT004" not in full.stdout, full.stdout + full.stderr


@pytest.mark.parametrize("settings, code, line", [
    ("organisation: Ziekenhuis Noorderzon\nlanguage: fr\n", "SCH004", 2),  # invalid
    ("organisation: [Ziekenhuis\n", "YML001", 2),  # unreadable: no policy at all
    ("organisation: Ziekenhuis Noorderzon\npolicy:\n  fail_on: loud\n", "SCH004", 3),  # a broken policy
])
def test_a_check_of_one_application_reports_what_is_wrong_with_raio_yaml(tmp_path, settings, code, line):
    """raio.yaml's policy is what every application is judged by, yet `raio check applications/X`
    (a CI job per application) kept only the findings under applications/X: with raio.yaml
    invalid or unreadable the job said "0 errors" and passed, on settings nobody had checked."""
    from conftest import Git

    root = copy_example(tmp_path / "portfolio")
    git = Git(root)
    git.commit("portfolio", "2024-01-02")
    (root / "raio.yaml").write_text(settings, encoding="utf-8")
    git.commit("settings", "2026-11-01")
    out = run("check", "applications/longnodule-ct", "--today", "2026-11-15", "-f", "json", cwd=root)
    assert out.returncode == 1, out.stdout + out.stderr
    found = [(f["code"], f["file"], f["line"]) for f in json.loads(out.stdout) if f["file"] == "raio.yaml"]
    assert (code, "raio.yaml", line) in found, found
    text = run("check", "applications/longnodule-ct/effects.yaml", "--today", "2026-11-15", cwd=root)
    assert text.returncode == 1 and f"raio.yaml:{line}:" in text.stdout and code in text.stdout


def test_a_raio_yaml_linked_outside_the_portfolio_is_one_finding_and_never_read(tmp_path):
    """A dossier file that links outside the portfolio is refused with YML017, but raio.yaml
    linked to a file elsewhere was read silently: its organisation, fail_on and patient-number
    patterns came from a file outside the repository, whose history is the audit trail."""
    app = "id: lung-nodules\nname: Longnodule CT\nstage: proposed\nin_house: no\n"
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {"application": app}})
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("organisation: Elders Gasthuis\nlanguage: en\n", encoding="utf-8")
    (root / "raio.yaml").unlink()
    (root / "raio.yaml").symlink_to(elsewhere)
    args = ("--no-git", "--today", "2026-11-15")
    check = run("check", *args, "-f", "json", cwd=root)
    assert check.returncode == 1, check.stderr  # an error, as for a raio.yaml that cannot be read
    found = [f for f in json.loads(check.stdout) if f["file"] == "raio.yaml"]
    assert [(f["code"], f["message"]) for f in found] == [
        ("YML017", "raio.yaml is a link to a file outside the portfolio; it is not read")]
    # every other command treats it as a raio.yaml it cannot read: defaults, nothing from outside
    status = run("status", *args, cwd=root)
    assert "Elders" not in status.stdout + status.stderr and "Longnodule CT" not in status.stderr
    out = tmp_path / "report.md"
    report = run("report", "-o", str(out), "--today", "2026-11-15", cwd=root)
    assert report.returncode == 0, report.stderr
    assert "Elders" not in out.read_text(encoding="utf-8")
    # a link to a file inside the portfolio is read, as for a dossier file
    (root / "settings.yaml").write_text("organisation: Eigen Ziekenhuis\nlanguage: en\n", encoding="utf-8")
    (root / "raio.yaml").unlink()
    (root / "raio.yaml").symlink_to("settings.yaml")
    inside = run("check", *args, "-f", "json", cwd=root)
    assert not [f for f in json.loads(inside.stdout) if f["file"] == "raio.yaml"], inside.stdout
    assert "Eigen Ziekenhuis" in run("status", *args, cwd=root).stdout


def test_a_raio_yaml_link_that_leads_nowhere_is_its_finding_not_no_portfolio(tmp_path):
    """raio.yaml as a link whose file is gone (moved, or a checkout without it): every command
    stopped with "no raio.yaml in ... or any folder above it", though the user stood in the
    portfolio next to it, and YML017 for a link that leads nowhere could not be reached."""
    app = "id: lung-nodules\nname: Longnodule CT\nstage: proposed\nin_house: no\n"
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {"application": app}})
    (root / "raio.yaml").unlink()
    (root / "raio.yaml").symlink_to("gone.yaml")
    check = run("check", "--no-git", "--today", "2026-11-15", "-f", "json", cwd=root)
    assert check.returncode == 1, check.stderr
    found = [(f["code"], f["data"]["variant"]) for f in json.loads(check.stdout) if f["file"] == "raio.yaml"]
    assert found == [("YML017", "link_nowhere")], check.stdout
    status = run("status", "--no-git", "--today", "2026-11-15", cwd=root)
    assert status.returncode == 0 and "lung-nodules" in status.stdout and "YML017" in status.stdout, status.stderr


def test_a_pattern_python_warns_about_prints_no_python_warning(tmp_path):
    """A patient-number pattern with '[[' (which a future Python reads as a nested set) printed
    Python's FutureWarning on stderr, with raio's own source file and line, five times over."""
    import os

    root = copy_example(tmp_path / "pf")
    config = root / "raio.yaml"
    text = config.read_text(encoding="utf-8")
    assert "regex: '\\bACC\\d{9}\\b'" in text
    config.write_text(text.replace("regex: '\\bACC\\d{9}\\b'", "regex: '\\bACC[[0-9]{9}\\b'"), encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONWARNINGS", None)
    proc = subprocess.run([raio_script(), "check", str(root), "--no-git", "--today", "2026-11-15"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert "FutureWarning" not in proc.stderr and "raio_cli" not in proc.stderr, proc.stderr


def test_raio_never_imports_click_which_a_fresh_install_does_not_have():
    """typer 0.28 vendors click and no longer installs it: `import click` in raio worked in a
    development environment that had click from another package, and failed on a fresh install
    (new-pilot's questions ended in an internal error). raio reaches click's classes through typer."""
    import re

    root = Path(__file__).resolve().parent.parent / "raio_cli"
    offenders = [str(p.relative_to(root.parent)) for p in root.rglob("*.py")
                 if re.search(r"^\s*(import click\b|from click\b)", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def _on_a_terminal(*args, cwd, columns: str) -> tuple[int, str, str]:
    """``raio args`` with standard output and standard error each on a terminal of its own (a
    pseudo-terminal) that is ``columns`` wide: (exit code, what each showed)."""
    import threading

    pty = pytest.importorskip("pty")
    shown = {}

    def read(name, fd):
        chunks = []
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the other end is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        shown[name] = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")

    ends = {name: pty.openpty() for name in ("stdout", "stderr")}
    proc = subprocess.Popen([raio_script(), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=ends["stdout"][1],
                            stderr=ends["stderr"][1], env=dict(_narrow_env(columns), RAIO_NO_CACHE="1"))
    for _, terminal in ends.values():
        os.close(terminal)
    readers = [threading.Thread(target=read, args=(name, ends[name][0])) for name in ends]
    for reader in readers:
        reader.start()
    code = proc.wait(timeout=120)
    for reader in readers:
        reader.join(timeout=30)
    for master, _ in ends.values():
        os.close(master)
    return code, shown["stdout"], shown["stderr"]


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", ["40", "60"])
def test_errors_and_notes_wrap_on_a_terminal_and_stay_one_line_in_a_pipe(tmp_path, columns):
    """An error, its hint and a --dry-run note were one long line at any width: in a 40-column
    terminal the terminal cut them mid-word. On a terminal they are filled to its width at
    spaces, a path and a command to copy ('raio status', raio schema --write .raio/schemas)
    never split; piped (a CI log, grep) each stays one line, unless COLUMNS is set (the next
    tests)."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": GOOD_APP})
    width = int(columns)
    pilot = ["new-pilot", "--id", "wrist-fractures", "--name", "Wrist fractures", "--vendor", "Ossa", "--product",
             "BoneSight", "--modality", "DX", "--owner", "dr. A. de Vries", "--no-input", "--dry-run"]
    for args, stream in ((("memo", "no-such-application"), "stderr"),
                         (tuple(pilot[:10] + ["ZZ"] + pilot[11:-1]), "stderr"),
                         (tuple(pilot), "stdout")):
        piped = subprocess.run([raio_script(), *args], capture_output=True, text=True, cwd=root,
                               env=_narrow_env(), timeout=120)
        code, out, err = _on_a_terminal(*args, cwd=root, columns=columns)
        assert code == piped.returncode, (args, err)
        before, after = getattr(piped, stream), {"stdout": out, "stderr": err}[stream]
        assert _words(before) == _words(after), args  # the same words, in the same order
        said = [line for line in before.splitlines() if line.startswith(("raio: error:", "  Use", "Note:", "Dry run:"))]
        assert said and any(len(line) > width for line in said), args  # one long line each in the pipe
        for line in said:
            assert line in before.splitlines()
        wide = [line for line in after.splitlines() if len(line) > width and len(line.split()) > 1
                and str(root) not in line]
        assert not wide, (args, wide)  # only a path longer than the width runs on
    code, out, err = _on_a_terminal("memo", "no-such-application", cwd=root, columns=columns)
    assert any("'raio status'" in line for line in err.splitlines())  # the command whole, on one line
    assert any(str(root) in line for line in err.splitlines())  # and the path
    code, out, err = _on_a_terminal(*pilot, cwd=root, columns=columns)
    assert any(line.strip().endswith("raio schema --write .raio/schemas") for line in out.splitlines()), out


@pytest.mark.parametrize("columns", ["40", "50", "60"])
def test_rule_list_and_pages_keep_every_name_whole_in_a_narrow_terminal(columns):
    """At 40 columns raio rule wrote 'CMP003  error    not-applicable-without-justification' (53
    columns) and raio rule CMP003 its heading '# CMP003 not-applicable-without-justification'
    (45): the terminal broke the names mid-word. Where the code, severity and name cannot stand
    on one line, each rule is listed with its name on a line of its own, and a page's heading
    goes over two lines; every line fits, every name is whole, nothing is lost."""
    width = int(columns)
    catalog = json.loads(run("rule", "--format", "json").stdout)
    listed = subprocess.run([raio_script(), "rule"], capture_output=True, text=True, env=_narrow_env(columns), timeout=120)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert max(map(len, lines)) <= width, [line for line in lines if len(line) > width]
    words = listed.stdout.split()
    for r in catalog:
        assert r["name"] in words and r["code"] in words  # whole, as a word of its own
        assert " ".join(r["summary"].split()) in " ".join(words)
    for code in ("CMP003", "REG001", "MON016"):
        name = next(r["name"] for r in catalog if r["code"] == code)
        page = subprocess.run([raio_script(), "rule", code], capture_output=True, text=True, env=_narrow_env(columns),
                              timeout=120)
        assert page.returncode == 0 and max(map(len, page.stdout.splitlines())) <= width
        assert code in page.stdout.split("\n", 1)[0] and name in page.stdout.split()


def _piped(*args, cwd=None, columns: str | None = None):
    """``raio ARGS | cat``: standard output a pipe, and COLUMNS only when given (a shell does not
    export it)."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["NO_COLOR"] = "1"
    if columns:
        env["COLUMNS"] = columns
    result = subprocess.run([raio_script(), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()


def _line_with(lines: list[str], start: str, *rest: str) -> str:
    """The line that holds ``start``; it must hold ``rest`` too (a line broken by width would not)."""
    found = [line for line in lines if start in line]
    assert found, (start, "\n".join(lines))
    assert all(part in found[0] for part in rest), (found[0], rest)
    return found[0]


def test_piped_output_breaks_no_line_by_width(tmp_path):
    """raio status | cat, raio monitor APP > file, raio log APP | grep ..., raio new-pilot | cat:
    each line was broken at a width no one had (80 columns for monitor and new-pilot, 150 for
    status and log), so that grep found half a sentence and a status row's signals went over
    four lines without the application's id. Written to no terminal, a sentence is one line and
    a table's row is one line; on a terminal they still fit it (the next test)."""
    from conftest import Git

    root = copy_example(tmp_path / "portfolio")
    Git(root).commit("The example portfolio", "2026-11-01")
    status = _piped("status", str(root), "--today", "2028-06-15", "--no-git")
    _line_with(status, "stroke-lvo-triage", "CE expired 501 d ago", "monitoring overdue since 2026-11-30", "6/2")
    check = f"raio check {root}"  # raio ran outside the portfolio: its commands name it
    _line_with(status, "10 applications;", f"23 errors and 9 warnings (details: {check}; next gate: {check} "
                                           "--next-stage). History: not read.")
    monitor = _piped("monitor", "fractuurdetectie-seh", "--today", "2027-06-15", cwd=root)
    _line_with(monitor, "(fractuurdetectie-seh), stage production", "today 2027-06-15")
    _line_with(monitor, "M1 ", "2.3 per 1.000 onderzoeken on 2026-10-31; wanted <= 5; monthly  [OVERDUE (due 2026-11-30)]")
    _line_with(monitor, "2026-03-04 moderate:", "(vendor 2026-03-04)")
    log = _piped("log", "stroke-lvo-triage", "-p", str(root), "--today", "2026-11-15")
    _line_with(log, "E1 registered", "target 64 minuten (after the pilot started on 2024-05-13)")
    scaffolded = _piped("new-pilot", "--id", "fractuur-twee", "--name", "Fractuurdetectie twee", "--no-input",
                        "--dir", str(root), "--today", "2026-11-15")
    _line_with(scaffolded, "Pre-register the effects", "each with a baseline and its source. Commit them before "
                                                      "plan.start in pilot.yaml.")
    # where the user set COLUMNS, that width, as for a terminal (a pager or a CI log of 80 columns)
    for args, cwd in ((["status", str(root), "--today", "2028-06-15", "--no-git"], None),
                      (["monitor", "fractuurdetectie-seh", "--today", "2027-06-15"], root)):
        narrow = _piped(*args, cwd=cwd, columns="80")
        assert max(map(len, narrow)) <= 80 and any("OVERDUE" in line or "overdue" in line for line in narrow)


def test_on_a_terminal_lines_still_fit_its_width(tmp_path):
    """What a terminal shows is filled to its width, as before: raio monitor's lines, raio
    new-pilot's next steps and the status table in a terminal of 60 columns (its size, no
    COLUMNS)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    root = copy_example(tmp_path / "portfolio")

    def on_terminal(*args) -> list[str]:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env["NO_COLOR"] = "1"
        proc = subprocess.Popen([raio_script(), *args], stdout=follower, stderr=subprocess.PIPE, cwd=root, env=env)
        os.close(follower)
        out = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        return out.decode().replace("\r\n", "\n").splitlines()

    monitor = on_terminal("monitor", "fractuurdetectie-seh", "--today", "2027-06-15")
    scaffolded = on_terminal("new-pilot", "--id", "fractuur-twee", "--name", "Fractuurdetectie twee", "--no-input",
                             "--today", "2026-11-15")
    assert max(map(len, scaffolded)) <= 60 and "Next:" in scaffolded
    assert max(map(len, monitor)) <= 60 and any("[OVERDUE (due 2026-11-30)]" in line for line in monitor)
    status = on_terminal("status", "--today", "2028-06-15", "--no-git")
    assert max(map(len, status)) <= 60 and any("stroke-lvo-triage" in line for line in status)


def test_monitor_import_of_a_csv_that_is_missing_or_a_folder_says_which_and_what_to_do(tmp_path):
    """'raio monitor APP import result.csv' with a typo in the name, or a folder, said only
    "result.csv is not a file", nothing about what to do. It says the file does not exist, or
    that it is a folder, and what import wants; exit 2 and nothing written."""
    root = copy_example(tmp_path / "p")
    (root / "exports").mkdir()
    before = (root / "applications" / "fractuurdetectie-seh" / "monitoring.yaml").read_bytes()
    missing = run("monitor", "fractuurdetectie-seh", "import", "results.csv", "--today", "2026-11-15", cwd=root)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("raio: error: results.csv does not exist\n")
    assert "the CSV file's path" in missing.stderr
    folder = run("monitor", "fractuurdetectie-seh", "import", "exports", "--today", "2026-11-15", cwd=root)
    assert folder.returncode == 2 and folder.stderr.startswith("raio: error: exports is a folder, not a CSV file\n")
    assert "the CSV file's path" in folder.stderr
    assert (root / "applications" / "fractuurdetectie-seh" / "monitoring.yaml").read_bytes() == before


def test_a_file_given_as_the_portfolio_is_refused_with_what_to_give(tmp_path):
    """'raio status notes.txt', 'raio new-pilot --dir notes.txt', 'raio report notes.txt' went
    on with the portfolio around the file, as if it had been read (new-pilot wrote a dossier);
    'raio report board.pdf', meaning --out, said only "board.pdf does not exist". A file where
    the portfolio's folder belongs is refused, exit 2, nothing written, with what to give (and
    --out for a command that writes a file); raio.yaml still names its portfolio, and raio
    check still reads a dossier's file."""
    from conftest import Git

    root = copy_example(tmp_path / "p")
    (root / "notes.txt").write_text("notes\n", encoding="utf-8")
    Git(root).commit("The example", "2026-11-01")
    for args in (["status", "notes.txt"], ["report", "notes.txt"], ["export", "notes.txt"],
                 ["new-pilot", "--id", "abc-def", "--name", "X", "--no-input", "--dir", "notes.txt"],
                 ["log", "stroke-lvo-triage", "-p", "notes.txt"]):
        done = run(*args, "--today", "2026-11-15", cwd=root)
        assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr, (args, done.stderr)
        assert done.stderr.startswith("raio: error: notes.txt is a file, not a folder\n"), done.stderr
        assert "Give the portfolio's folder" in done.stderr
        assert ("use --out notes.txt" in done.stderr) == (args[0] in ("report", "export")), done.stderr
    meant = run("report", "board.pdf", "--today", "2026-11-15", cwd=root)
    assert meant.returncode == 2 and meant.stderr.startswith("raio: error: board.pdf does not exist\n")
    assert "use --out board.pdf" in meant.stderr
    assert Git(root).run("status", "--porcelain", "--untracked-files=all") == ""
    assert run("status", "raio.yaml", "--today", "2026-11-15", "--no-git", cwd=root).returncode == 0
    checked = run("check", "applications/stroke-lvo-triage/effects.yaml", "--today", "2026-11-15", cwd=root)
    assert checked.returncode in (0, 1) and "error:" not in checked.stderr


def test_an_application_given_as_one_of_its_files_names_its_id_and_folder(tmp_path):
    """'raio memo applications/x/application.yaml' (a path completed one step too far) said "no
    application 'applications/x/application.yaml'; 'raio status' lists the applications", as if
    the application were not there. It says the path is a file and names the id and the folder
    to give; exit 2."""
    root = copy_example(tmp_path / "p")
    for command in ("memo", "monitor", "log"):
        done = run(command, "applications/stroke-lvo-triage/application.yaml", "--today", "2026-11-15", cwd=root)
        assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr, (command, done.stderr)
        assert done.stderr == ("raio: error: applications/stroke-lvo-triage/application.yaml is a file, not an application\n"
                               "  Give the application's id (stroke-lvo-triage) or its folder "
                               "(applications/stroke-lvo-triage).\n"), done.stderr
    elsewhere = run("memo", "raio.yaml/", "--today", "2026-11-15", cwd=root)
    assert elsewhere.returncode == 2 and "Traceback" not in elsewhere.stderr


def test_status_and_log_help_say_what_piped_output_looks_like():
    """Whether 'raio status | grep' finds a whole row was not said anywhere: the help says that
    piped output breaks no line by width, and how to ask for a width."""
    for command, example in (("status", "raio status | grep pilot"), ("log", "raio log APP > trail.txt")):
        helped = " ".join(run(command, "--help", env={"COLUMNS": "200"}).stdout.split())
        assert f"Piped or written to a file ({example}), no line is broken by width" in helped, command
        assert "Set COLUMNS for a table of that width." in helped, command


def test_new_pilot_help_lists_the_stages_it_can_start_in():
    """raio new-pilot --help said only 'Lifecycle stage to start in.': the values were learnt
    from the error a wrong one gives. The help lists them, as the catalog has them."""
    from raio_cli.catalog import STAGES

    helped = " ".join(run("new-pilot", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "Lifecycle stage to start in: " + ", ".join(STAGES[:-1]) + " or " + STAGES[-1] + "." in helped


def test_a_metric_typed_in_lowercase_or_mistyped_is_named_as_the_plan_has_it(tmp_path):
    """'raio monitor APP result --value m1=60' listed the plan's metrics, leaving the user to
    see that M1 was meant; an application id or a --severity typed so gets 'did you mean'. The
    metric does too, in a result and in a CSV column; exit 2, nothing written."""
    root = copy_example(tmp_path / "p")
    plan = root / "applications" / "stroke-lvo-triage" / "monitoring.yaml"
    before = plan.read_bytes()
    typed = run("monitor", "stroke-lvo-triage", "result", "--date", "2026-11-30", "--value", "m1=60",
                "--today", "2026-12-01", cwd=root)
    assert typed.returncode == 2 and typed.stderr == ("raio: error: metric 'm1' is not in the monitoring plan\n"
                                                      "  Did you mean M1? Known metrics: M1, M2, M3, M4.\n")
    (root / "results.csv").write_text("date,M1,M22\n2026-11-30,60,1\n", encoding="utf-8")
    column = run("monitor", "stroke-lvo-triage", "import", "results.csv", "--today", "2026-12-01", cwd=root)
    assert column.returncode == 2 and "Did you mean M2? Known metrics: M1, M2, M3, M4." in column.stderr
    unknown = run("monitor", "stroke-lvo-triage", "result", "--date", "2026-11-30", "--value", "sensitivity=60",
                  "--today", "2026-12-01", cwd=root)
    assert unknown.returncode == 2 and "  Known metrics: M1, M2, M3, M4.\n" in unknown.stderr
    assert "Did you mean" not in unknown.stderr
    assert plan.read_bytes() == before


def test_a_format_in_capitals_or_mistyped_is_answered_with_the_one_meant(tmp_path):
    """'raio status --format JSON' said only "unknown format 'JSON'; use text or json", where a
    stage or a severity typed so is answered with 'did you mean'. Every command's --format is:
    exit 2, the format meant first in the hint; an unrelated word still gets the list alone."""
    root = copy_example(tmp_path / "p")
    for args, meant in ((["status", "--format", "JSON"], "json"), (["check", "--format", "SARIF"], "sarif"),
                        (["log", "stroke-lvo-triage", "--format", "Json"], "json"),
                        (["monitor", "stroke-lvo-triage", "--format", "TEXT"], "text"),
                        (["memo", "stroke-lvo-triage", "--format", "PDF"], "pdf"),
                        (["report", "--format", "htm"], "html"), (["export", "--format", "CSV"], "csv"),
                        (["rule", "REG002", "--format", "markdwon"], "markdown")):
        done = run(*args, "--today", "2026-11-15", cwd=root) if args[0] != "rule" else run(*args, cwd=root)
        assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr, (args, done.stderr)
        assert f"unknown format '{args[-1]}'\n  Did you mean --format {meant}? " in done.stderr, (args, done.stderr)
    unrelated = run("status", "--format", "xml", "--today", "2026-11-15", cwd=root)
    assert unrelated.returncode == 2 and unrelated.stderr == "raio: error: unknown format 'xml'\n  Use text or json.\n"


#: Commands to a CI runner a dossier's value or a folder's name may hold: GitHub Actions' legacy
#: '##[...]' and Azure Pipelines' '##vso[...]' anywhere in a line, '::...::' at a line's start.
_FORGED = ("##[set-output name=x;]pwn", "##vso[task.setvariable variable=x]1", "x\n::error::forged")


def _runner_commands(text: str) -> list[str]:
    """The lines of ``text`` that a GitHub Actions runner or an Azure Pipelines agent reads as a
    command (lines split at CR and LF, as theirs are; '::' after leading white space counts)."""
    import re

    return [line for line in re.split(r"\r\n|\r|\n", text)
            if re.search(r"##(vso)?\[", line, re.IGNORECASE)
            or line.lstrip().startswith("::") and "::" in line.lstrip()[2:]]


def _forged_portfolio(root: Path) -> Path:
    """The example with applications whose folders, names, owners, metrics, monitoring and git
    author hold :data:`_FORGED`, committed."""
    from conftest import Git, edit_yaml

    copy_example(root)
    apps = root / "applications"
    git = Git(root)
    git.commit("Start", "2024-09-01")
    forged = " ".join(_FORGED)

    def application(d):
        d.update(name=forged + "\n::error::name")
        d["owner"]["name"] = forged

    def effects(d):
        d["effects"][0].update(metric=forged + "\n::warning::metric", description="\n::error::desc " + forged)

    def monitoring(d):
        d["plan"]["metrics"][0]["description"] = forged
        d["plan"]["owner"] = forged
        d["results"][-1].update(by=forged, notes=forged)
        d.setdefault("incidents", []).append({"date": "2026-10-01", "severity": "minor", "description": forged})

    for old, new in (("fractuurdetectie-seh", _FORGED[0]), ("stroke-lvo-triage", _FORGED[1]),
                     ("hersenvolumetrie-mri", _FORGED[2]), ("mammografie-tweede-lezer", None)):
        folder = apps / old
        if new is not None:
            folder = folder.rename(apps / new)
            edit_yaml(folder / "application.yaml", lambda d, new=new: d.update(id=new))
        edit_yaml(folder / "application.yaml", application)
        edit_yaml(folder / "effects.yaml", effects)
        if (folder / "monitoring.yaml").exists():
            edit_yaml(folder / "monitoring.yaml", monitoring)
    git.commit(f"{forged}\n\n::error::subject", "2024-09-02", author=f"{_FORGED[1]} <a@b.example>")
    return root


def test_no_command_prints_a_dossier_value_a_ci_runner_reads_as_a_command(tmp_path):
    """'raio check' was made safe for CI logs; the other commands were not: an application named
    '##[set-output name=x;]pwn', an owner '##vso[task.setvariable variable=x]1' or a metric with a
    line break then '::error::forged' came out as it was from raio status, log, monitor, export,
    memo and report to standard output, and in the error messages on stderr (a folder's or an
    id's name quoted), so that the runner set an output or a variable, or forged an annotation.
    No line of any command's output is a runner's command now; JSON reads back as the values."""
    root = _forged_portfolio(tmp_path / "p")
    today = ("--today", "2026-11-15")
    app, ok = _FORGED[0], "mammografie-tweede-lezer"
    runs = {
        "status": ("status",), "status json": ("status", "-f", "json"),
        "log": ("log", ok), "log folder": ("log", _FORGED[2]), "log json": ("log", app, "-f", "json"),
        "monitor": ("monitor", ok), "monitor json": ("monitor", ok, "-f", "json"),
        "monitor result": ("monitor", ok, "result", "--date", "2026-11-01", "--value", "M1=3", "--by", _FORGED[2],
                           "--notes", _FORGED[0], "--dry-run"),
        "monitor incident": ("monitor", ok, "incident", "--date", "2026-11-01", "--severity", "minor",
                             "--description", " ".join(_FORGED), "--dry-run"),
        "monitor refused": ("monitor", _FORGED[1]),
        "export": ("export",), "export json": ("export", "-f", "json"), "register": ("export", "-f", "algoritmeregister"),
        "memo md": ("memo", app, "-o", "-"), "memo html": ("memo", ok, "-o", "-", "-f", "html"),
        "report md": ("report", "-o", "-", "-f", "md"), "report html": ("report", "-o", "-"),
        "no application": ("log", "nope" + _FORGED[1]), "no such folder": ("status", _FORGED[0]),
        "new-pilot": ("new-pilot", "--id", "forged-pilot", "--name", " ".join(_FORGED), "--owner", _FORGED[1],
                      "--no-input", "--dry-run"),
    }
    done = {}
    for name, args in runs.items():
        done[name] = result = run(*args, *today, cwd=root)
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert _runner_commands(result.stdout) == [], (name, _runner_commands(result.stdout)[:3])
        assert _runner_commands(result.stderr) == [], (name, _runner_commands(result.stderr)[:3])
    # standard output in ASCII: typer.echo (click) wrote to the stream's buffer, around what made it inert
    ascii_out = run("monitor", ok, *today, cwd=root, env={"PYTHONIOENCODING": "ascii"})
    assert ascii_out.returncode == 0 and "##\\x{5b}set-output" in ascii_out.stdout
    assert _runner_commands(ascii_out.stdout) == []
    for name in ("rule", "check"):  # a value typed on the command line, quoted in the error
        result = run(name, *(("--format", _FORGED[0]) if name == "check" else (_FORGED[0],)), cwd=root)
        assert result.returncode == 2 and _runner_commands(result.stderr) == [], (name, result.stderr)
    assert done["status"].returncode == 0 and "##\\x{5b}set-output name=x;]pwn" in done["status"].stdout
    assert {a["id"] for a in json.loads(done["status json"].stdout)["applications"]} >= set(_FORGED)
    assert any(e["author"] == _FORGED[1] for e in json.loads(done["log json"].stdout))
    assert json.loads(done["monitor json"].stdout)["owner"] == " ".join(_FORGED)
    assert {row["id"] for row in json.loads(done["export json"].stdout)} >= {_FORGED[0], _FORGED[1]}
    # a document on standard output in its own escapes: the same text when read as Markdown or HTML
    assert "##&#91;set-output name=x;]pwn" in done["memo html"].stdout
    assert "##\\[set-output" in done["memo md"].stdout and "##\\[set-output" in done["report md"].stdout
    assert "##\\x{5b}set-output name=x;]pwn" in done["export"].stdout  # a CSV has no escapes: as shown elsewhere


def test_a_stream_keeps_a_runner_command_inert_across_writes():
    """print('##', '[x') or a value written after its indent: what one write ends and the next
    begins is still no command to a runner."""
    import io

    from raio_cli.terminal import InertStream, inert

    out = io.StringIO()
    stream = InertStream(out)
    for part in ("ab ##", "[x] #", "#vso[y]\n", "  ", "::error::a ::b\n", "::c::\r", "\t::d::", " ##VSO", "[e] ##",
                 "vso[f]"):
        stream.write(part)
    assert _runner_commands(out.getvalue()) == []
    assert out.getvalue() == ("ab ##\\x{5b}x] ##vso\\x{5b}y]\n  \\x{3a}:error::a ::b\n\\x{3a}:c::\r\t\\x{3a}:d::"
                              " ##VSO\\x{5b}e] ##vso\\x{5b}f]")
    assert inert("a::b ##x [") == "a::b ##x ["  # nothing else changes


def test_a_line_starting_with_two_colons_is_left_as_it_is_unless_a_runner_reads_a_command_in_it():
    """A GitHub Actions runner reads a line as a command only when, its leading blanks taken off,
    it starts with '::' and holds a second '::' after it ('::error file=x::text'). An IPv6
    address at a line's start ('::1', '::ffff:10.0.0.1') was shown as '\\x{3a}:1'; it is shown as
    it is. A command is still made inert, also when its parts come in separate writes."""
    import io

    from raio_cli.terminal import InertStream, inert

    assert inert("::1 (loopback)\n  ::ffff:10.0.0.1\n::") == "::1 (loopback)\n  ::ffff:10.0.0.1\n::"
    assert inert("::1\n::error::x\r :::") == "::1\n\\x{3a}:error::x\r :::"
    assert inert("::1 then ::2", kind="md") == "\\::1 then ::2"

    def streamed(*parts):
        out = io.StringIO()
        stream = InertStream(out)
        for part in parts:
            stream.write(part)
        assert _runner_commands(out.getvalue()) == [], parts
        return out.getvalue()

    assert streamed("::1", " (loopback)\n", "  ::ffff:10.0.0.1", "\n") == "::1 (loopback)\n  ::ffff:10.0.0.1\n"
    streamed(":", ":error::x\n")  # a line begun by one write and completed by the next
    streamed("  :", ":error", "::x")
    streamed("::1", "::x\n", "::2 :", ":x")
    streamed("::1 ", ":", ":", "x")
    streamed("::", ":", ":x")
    streamed("::warning", " file=a", "::text\r::1", "::x")
    assert streamed("::1 ", "ok\n", "::error::x") == "::1 ok\n\\x{3a}:error::x"


def test_an_error_on_stderr_is_filled_to_columns_as_standard_output_is(tmp_path):
    """Standard output follows COLUMNS where the user set it, written to a terminal or not (a
    pager, a CI log of that width); the warnings and errors on standard error kept one line of
    any length there. They are filled to COLUMNS too, a path never split; without COLUMNS, piped,
    each is one line, so that grep finds it."""
    root = copy_example(tmp_path / "p")
    (root / "notes.txt").write_text("notes\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    piped = subprocess.run([raio_script(), "status", "notes.txt"], capture_output=True, text=True, cwd=root, env=env,
                           timeout=120)
    assert piped.returncode == 2 and piped.stderr == (
        "raio: error: notes.txt is a file, not a folder\n  Give the portfolio's folder (or any folder in it), or leave "
        "it out for the portfolio around the current folder.\n")
    narrow = run("status", "notes.txt", cwd=root, env={"COLUMNS": "60"})
    assert narrow.returncode == 2 and narrow.stderr.split() == piped.stderr.split()
    assert len(narrow.stderr.splitlines()) == 3 and max(map(len, narrow.stderr.splitlines())) <= 60, narrow.stderr


def test_demo_given_a_file_says_it_is_a_file(tmp_path):
    """'raio demo notes.txt' said "notes.txt exists and is not empty", as of a folder with files
    in it: the demo builds a folder, and a file is named as one. Exit 2, the file untouched."""
    notes = tmp_path / "notes.txt"
    notes.write_text("notes\n", encoding="utf-8")
    done = run("demo", "notes.txt", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == "" and notes.read_text(encoding="utf-8") == "notes\n"
    assert done.stderr.startswith("raio: error: notes.txt is a file, not a folder;"), done.stderr
    assert "not empty" not in done.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x", encoding="utf-8")
    assert "full exists and is not empty" in run("demo", "full", cwd=tmp_path).stderr


def test_demo_with_an_unknown_language_is_refused_before_it_builds_anything(tmp_path):
    """'raio demo --lang de x' built the whole demo in x, then ended in an internal error
    (MemoError: unknown language 'de', exit 2, 'a bug in raio'). --lang is refused first, as raio
    memo and raio report refuse it, with the languages it takes, and nothing is written."""
    done = run("demo", "x", "--lang", "de", "--today", "2026-11-15", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr == "raio: error: unknown language 'de'\n  Use --lang nl or --lang en.\n", done.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("command", ["memo", "log", "monitor"])
def test_an_empty_application_id_asks_for_one(tmp_path, command):
    """'raio memo ""' (a script's unset variable) said "no application '' in ...", as if an
    application named '' had been looked for: an id is needed, and the error says so. Exit 2."""
    root = copy_example(tmp_path / "p")
    for typed in ("", "  "):
        done = run(command, typed, "--today", "2026-11-15", cwd=root)
        assert done.returncode == 2 and done.stdout == "", done.stderr
        assert done.stderr.startswith("raio: error: an application's id is needed: APP is "), done.stderr
        assert "no application" not in done.stderr and "'raio status' lists the applications." in done.stderr


def test_status_and_log_titles_end_without_blanks_when_piped(tmp_path):
    """Piped, `raio status` and `raio log` wrote their title padded with blanks to the table's
    width (rich pads a table's title): a line that ends in blanks, which diff tools and review
    show as noise. The title is now a line of its own, ending where its text ends."""
    from conftest import Git

    root = copy_example(tmp_path / "p")
    Git(root).commit("Example", "2026-11-10")
    for args in (("status", str(root)), ("log", "stroke-lvo-triage", "-p", str(root))):
        proc = run(*args, "--today", "2026-11-15")
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.splitlines()
        assert lines[0] in ("Ziekenhuis Noorderzon — Radiologie  (2026-11-15)", "Audit trail of stroke-lvo-triage"), lines[0]
        assert lines[1].startswith("┏"), lines[:2]  # the table follows at once


# --------------------------------------------------------------------------------------------
# "Wrote PATH": every command that writes the user's output file says so, the same way


def _wrote_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lower().startswith(("wrote", "raio: wrote"))]


def test_check_and_export_with_an_output_file_say_wrote_and_the_path_on_standard_output(tmp_path):
    """`raio check -o FILE` said nothing once it had written the report, while `raio export -o
    FILE` said 'raio: wrote FILE' on standard error and memo and report 'Wrote FILE' on standard
    output. Both say 'Wrote FILE' on standard output now (which holds nothing else with -o), the
    file holds what '-o -' prints, and raio check still exits with the code its findings decide;
    raio check --quiet stays silent."""
    root = copy_example(tmp_path / "p")
    check = ("check", str(root), "--no-git", "--today", "2026-11-15", "-f", "json", "--fail-on", "info")
    piped = run(*check, "-o", "-", cwd=tmp_path)
    assert piped.returncode == 1 and json.loads(piped.stdout), piped.stderr  # the example has info findings
    for args in ((), ("--force",)):
        written = run(*check, "-o", "report.json", *args, cwd=tmp_path)
        assert written.returncode == piped.returncode, written.stderr
        assert written.stdout == "Wrote report.json\n" and _wrote_lines(written.stderr) == []
        assert (tmp_path / "report.json").read_text(encoding="utf-8") == piped.stdout
    quiet = run(*check, "-q", "-o", "quiet.json", cwd=tmp_path)
    assert quiet.returncode == 1 and quiet.stdout == "" and (tmp_path / "quiet.json").read_text(encoding="utf-8") == piped.stdout
    (tmp_path / "out").mkdir()
    text = run("check", str(root), "--no-git", "--today", "2026-11-15", "--fail-on", "warning",
               "--output", str(tmp_path / "out" / "r.txt"), cwd=tmp_path)
    assert text.returncode == 1 and text.stdout == "Wrote out/r.txt\n", text.stderr  # the example has warnings
    assert (tmp_path / "out" / "r.txt").read_text(encoding="utf-8").endswith("in 10 applications (today: 2026-11-15)\n")

    exported = run("export", str(root), "-o", "-", cwd=tmp_path)
    written = run("export", str(root), "-o", "p.csv", cwd=tmp_path)
    assert written.returncode == exported.returncode, written.stderr
    assert written.stdout == "Wrote p.csv\n" and _wrote_lines(written.stderr) == []
    assert (tmp_path / "p.csv").read_text(encoding="utf-8") == exported.stdout


def test_memo_report_monitor_and_schema_say_wrote_and_the_path_the_same_way(tmp_path):
    """'Wrote PATH' on standard output, the path as typed (or relative to the current folder),
    nothing after it: memo and report said 'Wrote PATH (DRAFT)' (the DRAFT is said on standard
    error, as ever), raio monitor APP init 'Wrote PATH from the template.', raio schema --write
    'wrote PATH' and 'replaced PATH'."""
    root = copy_example(tmp_path / "p")
    app = "longnodule-ct"
    memo = ("memo", app, "-p", str(root), "--today", "2026-11-15", "--lang", "en")
    piped = run(*memo, "-o", "-", cwd=tmp_path)
    written = run(*memo, "-o", "memo.md", cwd=tmp_path)
    assert written.returncode == 0 and written.stdout == "Wrote memo.md\n", written.stderr
    assert "DRAFT" in written.stderr and (tmp_path / "memo.md").read_text(encoding="utf-8") == piped.stdout
    default = run("memo", app, "--today", "2026-11-15", "-f", "html", cwd=root)
    assert default.returncode == 0, default.stderr
    assert default.stdout == f"Wrote applications/{app}/memos/2026-11-15-decision.html\n"
    assert (root / "applications" / app / "memos" / "2026-11-15-decision.html").read_text(encoding="utf-8").rstrip().endswith("</html>")

    report = ("report", str(root), "--today", "2026-11-15", "-f", "md")
    piped = run(*report, "-o", "-", cwd=tmp_path)
    written = run(*report, "-o", "board.md", cwd=tmp_path)
    assert written.returncode == 0 and written.stdout == "Wrote board.md\n", written.stderr
    assert (tmp_path / "board.md").read_text(encoding="utf-8") == piped.stdout
    default = run("report", "--today", "2026-11-15", cwd=root / "applications")
    assert default.returncode == 0 and default.stdout.startswith("Wrote /") and default.stdout.count("\n") == 1
    assert default.stdout == f"Wrote {root / 'reports' / '2026-11-15-portfolio.html'}\n"

    monitored = run("monitor", app, "init", cwd=root)
    assert monitored.returncode == 0, monitored.stderr
    assert monitored.stdout.splitlines()[0] == f"Wrote applications/{app}/monitoring.yaml"
    assert (root / "applications" / app / "monitoring.yaml").read_text(encoding="utf-8").startswith("#")

    schemas = run("schema", "--write", "s", cwd=tmp_path)
    assert schemas.returncode == 0, schemas.stderr
    lines = schemas.stdout.splitlines()
    assert len(lines) == 7 and all(line.startswith("Wrote s/") and line.endswith(".schema.json") for line in lines)
    (tmp_path / "s" / "effects.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "s" / "pilot.schema.json").unlink()
    again = run("schema", "--write", "s", "--force", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert sorted(line.split()[0] for line in again.stdout.splitlines()) == ["Replaced", "Unchanged", "Unchanged",
                                                                             "Unchanged", "Unchanged", "Unchanged", "Wrote"]
    assert "Replaced s/effects.schema.json" in again.stdout and "Wrote s/pilot.schema.json" in again.stdout
    assert json.loads((tmp_path / "s" / "effects.schema.json").read_text(encoding="utf-8"))["$schema"]


def test_scaffolding_lists_what_it_wrote_with_the_same_verb(tmp_path):
    """raio init and raio new-pilot listed their files under 'Created ...:'; they keep the list,
    headed with the verb every other command uses for a file it wrote."""
    made = run("init", "pf", "--organisation", "Zh", "--no-input", "--ci", "none", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == "Wrote a raio portfolio in pf:" and "\n  raio.yaml\n" in made.stdout
    piloted = run("new-pilot", "--id", "lung-nodules", "--name", "Lung nodules", "--no-input", cwd=tmp_path / "pf")
    assert piloted.returncode == 0, piloted.stderr
    assert piloted.stdout.splitlines()[0] == "Wrote applications/lung-nodules/ (stage proposed):"
    assert "Created" not in made.stdout + piloted.stdout


def test_new_pilot_whose_commit_fails_says_which_files_it_wrote(tmp_path):
    """A dossier written, then refused by git (a pre-commit hook): the files written are named
    as every command names a file it wrote, before the error says what to do."""
    made = run("init", "pf", "--organisation", "Zh", "--no-input", "--ci", "none", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    hook = tmp_path / "pf" / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    refused = run("new-pilot", "--id", "lung-nodules", "--name", "Lung nodules", "--no-input", "--commit",
                  cwd=tmp_path / "pf")
    assert refused.returncode == 2 and "git could not commit it" in refused.stderr, refused.stderr
    lines = refused.stdout.splitlines()
    assert "Wrote applications/lung-nodules/application.yaml" in lines and all(line.startswith("Wrote ") for line in lines)
    assert all((tmp_path / "pf" / line.removeprefix("Wrote ")).is_file() for line in lines)


def _hint_of(output: str, code: str) -> str:
    """The hint printed under the first ``code`` finding of raio check's text output."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if f" {code} " in line)
    assert lines[at + 1].startswith("    hint: "), output
    return lines[at + 1][len("    hint: "):]


def test_the_git_command_of_a_hint_works_where_raio_check_was_run(tmp_path):
    """GIT006 said `git add applications/<id> && git commit`, paths from the portfolio's folder:
    run from inside the application's folder, or from the folder above the portfolio (raio check
    path/to/portfolio), git found no such path, or no repository. The command runs git in the
    portfolio's folder as the user named it (quoted for the shell: a space in a folder's name),
    plainly from that folder itself; run as printed, from where raio check ran, git holds the file.
    The cache serves the same findings to every run: the command is put in words per run."""
    import shlex

    from conftest import Git

    repo = tmp_path / "hospital repo"
    root = make_portfolio(repo / "radiology portfolio", {"lung-nodules": GOOD_APP})
    git = Git(repo)
    git.commit("The portfolio", "2026-02-01")
    make_portfolio(root, {"second-app": {"application": GOOD_APP["application"].replace("lung-nodules", "second-app")}})
    app = root / "applications" / "second-app"
    named = {tmp_path: f"git -C {shlex.quote('hospital repo/radiology portfolio')}",
             repo: f"git -C {shlex.quote('radiology portfolio')}", root: "git", app: "git -C ../..",
             tmp_path / "elsewhere": f"git -C {shlex.quote(str(root))}"}
    (tmp_path / "elsewhere").mkdir()
    for cwd, git_c in named.items():
        target = () if cwd in (root, app) else (str(root),) if cwd.name == "elsewhere" else \
            (os.path.relpath(app if cwd == repo else root, cwd),)
        result = run("check", *target, "--today", "2026-11-15", "--select", "GIT", cwd=cwd)
        assert result.returncode == 0, result.stdout + result.stderr  # GIT006 is a warning
        hint = _hint_of(result.stdout, "GIT006")
        assert hint == f"Commit them so they are dated evidence: {git_c} add applications/second-app && {git_c} commit"
        add, commit = hint.split(": ", 1)[1].split(" && ")
        done = subprocess.run(add, shell=True, cwd=cwd, capture_output=True, text=True)  # as printed, from there
        assert done.returncode == 0, done.stderr
        assert git.run("ls-files", "--", "radiology portfolio/applications/second-app").split("\n")[0] == \
            "radiology portfolio/applications/second-app/application.yaml"
        git.run("reset", "-q")  # staged no more: the next place tries again
    # the whole command, with a message for git commit: committed, nothing is left to report
    result = run("check", "..", "--today", "2026-11-15", "--select", "GIT", cwd=repo / "radiology portfolio" / "applications")
    hint = _hint_of(result.stdout, "GIT006")
    assert "git -C .. add applications/second-app && git -C .. commit" in hint
    done = subprocess.run(hint.split(": ", 1)[1] + " -q -m 'The second application'", shell=True,
                          cwd=root / "applications", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "second-app/application.yaml" in git.run("ls-files", "--", "radiology portfolio/applications")
    result = run("check", "--today", "2026-11-15", "--select", "GIT", cwd=app)
    assert "GIT006" not in result.stdout, result.stdout


def test_json_hints_name_the_portfolio_from_the_top_of_its_repository_wherever_raio_ran(tmp_path):
    """JSON and the CI formats are read away from the terminal raio ran in, and compared between
    runs: their commands run git in the portfolio's folder as named from the top of the
    repository (where CI runs and their paths start), the same from any folder, with no path of
    the machine in them."""
    from conftest import Git

    repo = tmp_path / "repo"
    root = make_portfolio(repo / "pf", {"lung-nodules": GOOD_APP})
    git = Git(repo)
    git.commit("The portfolio", "2026-02-01")
    make_portfolio(root, {"second-app": {"application": GOOD_APP["application"].replace("lung-nodules", "second-app")}})
    hints = set()
    for cwd, target in ((root, "."), (root / "applications" / "second-app", "."), (tmp_path, "repo/pf"),
                        (tmp_path, str(root))):
        result = run("check", target, "--format", "json", "--today", "2026-11-15", "--select", "GIT006", cwd=cwd)
        [f] = json.loads(result.stdout)
        hints.add(f["hint"])
    assert hints == {"Commit them so they are dated evidence: git -C pf add applications/second-app && git -C pf commit"}
    done = subprocess.run(hints.pop().split(": ", 1)[1].split(" && ")[0], shell=True, cwd=repo, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "pf/applications/second-app/application.yaml" in git.run("ls-files")


def test_the_raio_command_of_a_hint_works_where_raio_check_was_run(tmp_path):
    """MON004 said `raio monitor <id> result ...`, which finds the portfolio from the current
    folder: from the folder above it (raio check path/to/portfolio) it found none. The command
    names the portfolio there (-p, as the user named it, quoted), and stays plain inside it;
    filled in and run as printed from where raio check ran, it records the result."""
    root = copy_example(tmp_path / "our portfolio")
    app = root / "applications" / "stroke-lvo-triage"
    for cwd, target, raio_monitor in ((tmp_path, ["our portfolio"], "raio monitor -p 'our portfolio'"),
                                      (app, [], "raio monitor")):
        result = run("check", *target, "--no-git", "--today", "2027-06-15", "--select", "MON004", cwd=cwd)
        hints = [line.split("hint: Record it: ", 1)[1] for line in result.stdout.splitlines()
                 if "hint: Record it: " in line and "stroke-lvo-triage" in line]
        assert hints == [f"{raio_monitor} stroke-lvo-triage result --date YYYY-MM-DD --value M4=NUMBER"], result.stdout
        command = hints[0].replace("YYYY-MM-DD", "2027-06-01").replace("NUMBER", "91") + " --dry-run --today 2027-06-15"
        env = dict(os.environ, PATH=os.pathsep.join([str(Path(raio_script()).parent), os.environ.get("PATH", "")]))
        done = subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "would be added to applications/stroke-lvo-triage/monitoring.yaml" in done.stdout


def test_a_hint_names_the_portfolio_with_a_patient_number_in_its_path_masked(tmp_path):
    """The portfolio as the user named it goes into the hints' commands: a BSN in that path is
    masked there, as in every path raio shows."""
    copy_example(tmp_path / "export 123456782" / "pf")
    result = run("check", "export 123456782/pf", "--no-git", "--today", "2027-06-15", "--select", "MON004", cwd=tmp_path)
    assert "raio monitor -p 'export *******82/pf' stroke-lvo-triage result" in result.stdout, result.stdout
    assert "123456782" not in result.stdout + result.stderr
