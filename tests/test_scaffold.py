"""raio init and raio new-pilot: what a user relies on.

Nothing is overwritten, nothing is half-written, nothing leaves the portfolio, any answer survives
the YAML, and a fresh scaffold passes raio check.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE_TODAY, ROOT, Git, codes, run_check

from raio_cli import scaffold
from raio_cli.portfolio import policy_defaults

TODAY = EXAMPLE_TODAY.isoformat()
FIVE = ["application.yaml", "problem.yaml", "effects.yaml", "compliance.yaml", "pilot.yaml"]
#: Answers that satisfy the gate of stage `proposed` (problem written down, owner, intended use).
COMPLETE = [
    "--owner", "dr. A. de Vries", "--owner-role", "RAIO",
    "--intended-use", "Detection of fractures on radiographs of the skeleton",
    "--statement", "Fractures are missed at night in the emergency department",
    "--for-whom", "Patients with skeletal trauma in the ED",
    "--alternative", "Extra training for ED doctors", "--alternative", "A radiologist on call at night",
    "--stays-with-radiologist", "The report and every decision about further imaging",
]


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    """A git identity for the commits raio makes, independent of the machine's configuration."""
    for var, value in (("GIT_AUTHOR_NAME", "Test RAIO"), ("GIT_AUTHOR_EMAIL", "raio@test.example"),
                       ("GIT_COMMITTER_NAME", "Test RAIO"), ("GIT_COMMITTER_EMAIL", "raio@test.example")):
        monkeypatch.setenv(var, value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def cli(capsys, *args) -> tuple[int, str, str]:
    """Run raio in-process through its entry point (the error contract included)."""
    from raio_cli.cli import main

    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (the .git folder excluded) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(folder).parts}


def git_out(root: Path, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def portfolio(tmp_path, capsys) -> Path:
    root = tmp_path / "portfolio"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "Testziekenhuis", "--language", "en")
    assert code == 0, err
    return root


def pilot(capsys, root: Path, *args) -> tuple[int, str, str]:
    return cli(capsys, "new-pilot", "--dir", str(root), "--no-input", *args)


# --------------------------------------------------------------------------------------------
# raio init


def test_init_makes_a_git_repository_with_the_portfolio_files(tmp_path, capsys):
    root = tmp_path / "new"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "Ziekenhuis Noorderzon")
    assert code == 0, err
    assert (root / ".git").is_dir()
    for rel in ("raio.yaml", "README.md", ".gitignore", "applications/.gitkeep", ".github/workflows/raio.yml"):
        assert (root / rel).is_file(), rel
    schemas = sorted(p.name for p in (root / ".raio" / "schemas").iterdir())
    assert schemas == sorted(f"{n}.schema.json" for n in
                             ("raio", "application", "problem", "effects", "compliance", "pilot", "monitoring"))
    config = (root / "raio.yaml").read_text(encoding="utf-8")
    assert config.startswith("# yaml-language-server: $schema=.raio/schemas/raio.schema.json\n")
    data = yaml.safe_load(config)
    assert data["organisation"] == "Ziekenhuis Noorderzon"
    assert data["language"] == "nl" and data["department"] == "Radiologie" and data["people"] == []
    assert "raio new-pilot" in out and "raio.yaml" in out
    result = run_check(root, today=TODAY)
    assert result.findings == [] and result.internal_errors == []


def test_init_readme_names_every_command_and_every_monitor_action_the_help_names(tmp_path, capsys):
    """The README raio init writes gave `raio monitor` as "init ..., result and incident add
    entries": `update-incident` and `import`, which `raio monitor --help` names, were missing, and
    so were `raio init`, `raio schema` and `raio demo` from its table of commands."""
    from raio_cli.cli import app
    from raio_cli.commands.monitor import ACTIONS

    root = tmp_path / "new"
    code, _out, err = cli(capsys, "init", str(root), "--no-input")
    assert code == 0, err
    readme = (root / "README.md").read_text(encoding="utf-8")
    table = [line for line in readme.splitlines() if line.startswith("| `raio ")]
    for name in {c.name for c in app.registered_commands}:
        assert any(line.startswith(f"| `raio {name}") for line in table), f"raio {name} is not in the README's table"
    [monitor] = [line for line in table if line.startswith("| `raio monitor")]
    for action in ACTIONS:
        if action != "show":  # the default, without arguments
            assert f"`{action}`" in monitor, (action, monitor)
    steps = " ".join(readme.split("## The workflow")[1].split("## Commands")[0].split())
    assert "`raio monitor APP update-incident ...`" in steps and "`raio monitor APP import results.csv`" in steps


def test_init_readme_shows_the_organisation_as_text_never_as_markup(tmp_path, capsys):
    """raio init wrote --organisation and --department into README.md's heading as they were:
    a name holding HTML or a Markdown link became an element or a javascript: link on the page
    GitLab, GitHub or a wiki renders from the README. Now they are Markdown-escaped."""
    root = tmp_path / "new"
    organisation = '<img src=x onerror=alert(1)> [site](javascript:alert(2)) *Noord*'
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", organisation,
                         "--department", "<script>alert(3)</script>")
    assert code == 0, err
    heading = (root / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert heading == ("# AI applications of \\<img src=x onerror=alert(1)\\> \\[site\\](javascript:alert(2)) "
                       "\\*Noord\\*, \\<script\\>alert(3)\\</script\\>")
    assert yaml.safe_load((root / "raio.yaml").read_text(encoding="utf-8"))["organisation"] == organisation


def test_init_writes_every_policy_default_with_its_value(tmp_path):
    scaffold.init_portfolio(tmp_path, organisation="X", language="en", ci="none")
    policy = yaml.safe_load((tmp_path / "raio.yaml").read_text(encoding="utf-8"))["policy"]
    assert policy == policy_defaults()
    text = (tmp_path / "raio.yaml").read_text(encoding="utf-8")
    for key in policy_defaults():  # each key is taught by a comment just above it
        line = text.splitlines().index(next(l for l in text.splitlines() if l.startswith(f"  {key}:")))
        assert text.splitlines()[line - 1].lstrip().startswith("#"), key


def test_init_schema_copies_match_raio_schema_write(tmp_path, capsys):
    scaffold.init_portfolio(tmp_path / "p", ci="none")
    code, out, err = cli(capsys, "schema", "--write", str(tmp_path / "p" / ".raio" / "schemas"))
    assert code == 0, err  # identical bytes: no "exists and differs"


def test_github_workflow_checks_full_history_and_uploads_sarif(tmp_path):
    scaffold.init_portfolio(tmp_path, ci="github")
    workflow = (tmp_path / ".github" / "workflows" / "raio.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(workflow)
    steps = data["jobs"]["raio"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("run", "").startswith("raio check --format sarif -o raio.sarif") for s in steps)
    assert any(s.get("run") == "raio check --format github" for s in steps)  # the step that fails the job
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "raio.sarif" and "always()" in upload["if"]
    assert data["permissions"]["security-events"] == "write"
    # upload-sarif reads the workflow run: without actions: read that call is refused in a private
    # repository, as a hospital's portfolio is (every permission not listed is none)
    assert data["permissions"]["actions"] == "read"
    assert not (tmp_path / ".gitlab-ci.yml").exists()


def test_gitlab_job_checks_full_history_and_reports_code_quality(tmp_path):
    scaffold.init_portfolio(tmp_path, ci="gitlab")
    job = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))["raio-check"]
    assert job["variables"]["GIT_DEPTH"] == "0"  # GitLab variables are strings
    assert any("raio check --format gitlab -o gl-code-quality-report.json" in line for line in job["script"])
    # the JUnit report is the verdict: with --exit-zero its tests never fail while the job does
    # (only the shallow-clone guard follows it)
    assert job["script"][-2] == "raio check --format junit -o raio-junit.xml --force"
    assert job["artifacts"]["reports"]["junit"] == "raio-junit.xml"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert not (tmp_path / ".github").exists()


def test_init_ci_none_writes_no_ci_file(tmp_path):
    scaffold.init_portfolio(tmp_path, ci="none")
    assert not (tmp_path / ".github").exists() and not (tmp_path / ".gitlab-ci.yml").exists()


def test_init_refuses_an_existing_raio_yaml_and_changes_nothing(tmp_path, capsys):
    (tmp_path / "raio.yaml").write_bytes(b"organisation: Mine  # my comment\r\n")
    before = snapshot(tmp_path)
    code, out, err = cli(capsys, "init", str(tmp_path), "--no-input")
    assert code == 2
    assert err.startswith("raio: error: ") and "raio.yaml already exists" in err
    assert len(err.strip().splitlines()) <= 2 and "Traceback" not in err  # one line and a hint
    assert snapshot(tmp_path) == before
    assert not (tmp_path / ".git").exists()


def test_init_leaves_existing_files_alone_and_says_so(tmp_path, capsys):
    (tmp_path / "README.md").write_text("our own readme\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("secret/\n", encoding="utf-8")
    code, out, err = cli(capsys, "init", str(tmp_path), "--no-input")
    assert code == 0, err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our own readme\n"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "secret/\n"
    assert "left alone: README.md (already exists)" in out
    assert "left alone: .gitignore (already exists)" in out
    assert (tmp_path / "raio.yaml").is_file()


def test_init_inside_a_repository_makes_no_nested_repository(tmp_path, capsys):
    Git(tmp_path)
    code, out, err = cli(capsys, "init", str(tmp_path), "--no-input")
    assert code == 0, err
    assert "git init" not in out
    assert (tmp_path / ".github" / "workflows" / "raio.yml").is_file()
    sub = tmp_path / "governance" / "ai"
    code, out, err = cli(capsys, "init", str(sub), "--no-input")
    assert code == 0, err
    assert (sub / "raio.yaml").is_file()
    assert not (sub / ".git").exists() and not (tmp_path / "governance" / ".git").exists()
    assert not (sub / ".github").exists()  # a workflow in a subfolder would never run
    assert "raio check governance/ai" in out


def test_init_dry_run_writes_nothing(tmp_path, capsys):
    target = tmp_path / "p"
    code, out, err = cli(capsys, "init", str(target), "--no-input", "--dry-run")
    assert code == 0, err
    assert not target.exists()
    assert "nothing was written" in out and "raio.yaml" in out
    assert scaffold.init_portfolio(tmp_path / "q", dry_run=True) and not (tmp_path / "q").exists()


def test_init_commit_makes_one_first_commit(tmp_path, capsys):
    code, out, err = cli(capsys, "init", str(tmp_path), "--no-input", "--commit", "--ci", "gitlab")
    assert code == 0, err
    assert git_out(tmp_path, "rev-list", "--count", "HEAD").strip() == "1"
    files = set(git_out(tmp_path, "ls-files").split())
    assert {"raio.yaml", "README.md", ".gitignore", ".gitlab-ci.yml", "applications/.gitkeep",
            ".raio/schemas/effects.schema.json"} <= files
    assert git_out(tmp_path, "status", "--porcelain") == ""


@pytest.mark.parametrize("args, message", [
    (["--language", "de"], "--language"),
    (["--ci", "jenkins"], "--ci"),
])
def test_init_rejects_bad_choices(tmp_path, capsys, args, message):
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", *args)
    assert code == 2 and message in err
    assert not (tmp_path / "p").exists()


def test_init_interactive_asks_again_for_an_empty_organisation_and_a_bad_language(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    answers = ["", "   ", "Ziekenhuis X", "Ziekenhuis X", "EN", "", ""]  # organisation twice empty; a language wrong
    result = CliRunner().invoke(app, ["init", str(tmp_path / "p"), "--ci", "none"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("The organisation is needed") == 2
    assert "That language cannot be used; answer one of: nl, en." in result.output
    data = yaml.safe_load((tmp_path / "p" / "raio.yaml").read_text(encoding="utf-8"))
    assert (data["organisation"], data["language"], data["department"]) == ("Ziekenhuis X", "en", "Radiology")
    assert not [f for f in run_check(tmp_path / "p", today=TODAY).findings if f.code == "IDN008"]



@pytest.mark.parametrize("args, options", [
    (["--organisation", "Ziekenhuis 111222333"], ["--organisation"]),
    (["--organisation", "Ziekenhuis X", "--department", "Radiologie 111.222.333", "--dry-run"], ["--department"]),
    (["--organisation", "Pat 123456782", "--department", "111 222 333", "--commit"], ["--organisation", "--department"]),
    (["--organisation", "X", "--email-domain", "zh.nl,123456782.nl"], ["--email-domain"]),
])
def test_init_refuses_a_patient_identifier_before_writing(tmp_path, capsys, monkeypatch, args, options):
    """raio init wrote --organisation and --department into raio.yaml (and every memo's heading)
    whatever they held, where new-pilot and monitor refuse a BSN: now init refuses it the same
    way, exit 2 and nothing written, with --no-input and before asking anything in a terminal;
    an answer typed at the question is refused alike."""
    import io

    import raio_cli.commands.scaffold as command

    for interactive in (False, True):
        monkeypatch.setattr(command, "_interactive", lambda no_input, on=interactive: on and not no_input)
        code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--ci", "none", *args,
                             *([] if interactive else ["--no-input"]))
        assert code == 2, out + err
        assert out == ""  # nothing asked, nothing written
        assert err.startswith("raio: error: ") and "no patient data, so nothing was written" in err
        assert [o for o in ("--organisation", "--department", "--email-domain") if f"{o} holds a BSN" in err] == options
        for secret in ("123456782", "111222333", "111.222.333", "111 222 333"):
            assert secret not in err
        assert not (tmp_path / "p").exists()
    monkeypatch.setattr(command, "_interactive", lambda no_input: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("Ziekenhuis 111222333\n"))
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--ci", "none")
    # typed at the question, it is asked again at once with the reason (masked), not refused at the end
    assert "That answer cannot be used: the answer holds a BSN (*******33); a portfolio holds no patient data, so " \
           "leave patient identifiers out." in err and "111222333" not in out + err
    assert code == 1 and "nothing was written" in err
    assert not (tmp_path / "p").exists()

def test_init_without_an_organisation_says_so_and_check_warns(tmp_path, capsys):
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--ci", "none")
    assert code == 0, err
    assert "Note: raio.yaml names no organisation" in out and "IDN008" in out
    assert codes(run_check(tmp_path / "p", today=TODAY)) == ["IDN008"]


def test_init_with_answers_piped_in_says_it_asked_nothing(tmp_path, capsys):
    """`printf 'Noorderzon\\n...' | raio init p` (answers fed on standard input) asked nothing and
    used the defaults without a word: raio asks only in a terminal. It now says so, and how to give
    the answers; with every answer given as an option, or --no-input, it says nothing of it."""
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--ci", "none")
    assert code == 0, err
    assert ("Note: raio asks its questions only in a terminal, and standard input is not one here: nothing was asked. "
            "Give the answers as options: --organisation, --department, --language, --email-domain (raio init --help).") in out
    for args in (["--no-input"], ["--organisation", "Noorderzon", "--department", "Radiologie", "--language", "nl",
                                  "--email-domain", "noorderzon.nl"]):
        code, out, err = cli(capsys, "init", str(tmp_path / args[0].strip("-")), "--ci", "none", *args)
        assert code == 0 and "nothing was asked" not in out + err, args


def _init_with_an_address(tmp_path, capsys, name, *args) -> Path:
    """A portfolio from raio init (with ``args``) holding one application whose stage is an
    address at the hospital's domain (SCH004 quotes it) and a comment with a private address."""
    root = tmp_path / name
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "Noorderzon", "--language", "en",
                         "--ci", "none", "--commit", *args)
    assert code == 0, err
    code, out, err = pilot(capsys, root, "--id", "fracture-detection", "--name", "Fracture detection", "--commit")
    assert code == 0, err
    app = root / "applications" / "fracture-detection" / "application.yaml"
    text = app.read_text(encoding="utf-8").replace("stage: proposed", "stage: a.devries@noorderzon.nl")
    app.write_text(text + "# called by j.jansen@gmail.com\n", encoding="utf-8")
    return root


def test_init_email_domain_is_written_and_check_shows_the_hospitals_addresses(tmp_path, capsys):
    """raio init could not set policy.allowed_email_domains: a new portfolio masked every e-mail
    address (PRV009) until raio.yaml was edited by hand. --email-domain (repeatable, or a,b)
    writes the domains, lowercased and each once; raio check then shows the hospital's
    addresses whole and reports a private one (PRV003), and gives no PRV009."""
    root = _init_with_an_address(tmp_path, capsys, "with", "--email-domain", "Noorderzon.NL",
                                 "--email-domain", "umcg.nl, noorderzon.nl")
    lines = (root / "raio.yaml").read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  allowed_email_domains:"))
    assert lines[at - 1].lstrip().startswith("#") and "E-mail domains" in lines[at - 2]  # its comment kept
    config = yaml.safe_load((root / "raio.yaml").read_text(encoding="utf-8"))
    assert config["policy"]["allowed_email_domains"] == ["noorderzon.nl", "umcg.nl"]
    code, out, err = cli(capsys, "check", str(root), "--info", "--today", TODAY)
    assert "'a.devries@noorderzon.nl'" in out and "SCH004" in out
    assert "PRV009" not in out and "warning PRV003" in out and "j.jansen" not in out and "j***@gmail.com" in out

    bare = _init_with_an_address(tmp_path, capsys, "without")  # as before: every address masked, PRV009 says why
    code, out, err = cli(capsys, "check", str(bare), "--info", "--today", TODAY)
    assert "a***@noorderzon.nl" in out and "devries" not in out and "info PRV009" in out and "warning PRV003" not in out


def test_init_reads_an_email_domain_with_a_leading_at_or_a_trailing_dot_as_check_does(tmp_path, capsys):
    """raio init refused --email-domain @noorderzon.nl and umcg.nl. as no domain, while raio check
    read the same entries in raio.yaml as noorderzon.nl and umcg.nl. init reads them so too now,
    and writes the domains as check wants them written: check has nothing to say about them."""
    root = tmp_path / "p"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X", "--language", "en",
                         "--ci", "none", "--email-domain", "@Noorderzon.nl", "--email-domain", "umcg.nl.,@noorderzon.nl")
    assert code == 0, err
    assert "policy.allowed_email_domains): noorderzon.nl, umcg.nl" in out
    config = yaml.safe_load((root / "raio.yaml").read_text(encoding="utf-8"))
    assert config["policy"]["allowed_email_domains"] == ["noorderzon.nl", "umcg.nl"]
    assert "PRV010" not in codes(run_check(root, today=TODAY))


def test_init_email_domain_in_a_dry_run_and_in_the_note_without_one(tmp_path, capsys):
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--dry-run", "--email-domain", "zh.nl,umcg.nl")
    assert code == 0, err
    assert "policy.allowed_email_domains): zh.nl, umcg.nl" in out and not (tmp_path / "p").exists()
    code, out, err = cli(capsys, "init", str(tmp_path / "q"), "--no-input", "--dry-run")
    assert "Note: raio.yaml names none of the hospital's e-mail domains" in out and "PRV009" in out


@pytest.mark.parametrize("given, meant", [
    ("https://noorderzon.nl", "noorderzon.nl"),
    ("https://www.Noorderzon.nl/contact", "noorderzon.nl"),
    ("a.devries@noorderzon.nl", "noorderzon.nl"),
    ("mailto:a.devries@noorderzon.nl", "noorderzon.nl"),
])
def test_init_refuses_a_web_address_or_an_address_and_names_the_domain_to_give(tmp_path, capsys, given, meant):
    """--email-domain https://noorderzon.nl was refused as holding "characters other than letters
    ... write an internationalised domain in its xn-- form", which says nothing of a web address.
    raio does not guess (a website's host need not be the e-mail domain): it refuses a web address
    or an address, exit 2, nothing written, and names the domain it would be; given that, init
    writes it and raio check has nothing to say of it."""
    root = tmp_path / "p"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X", "--email-domain", given)
    err = " ".join(err.split())
    assert code == 2 and not root.exists(), err
    assert ("it is a web address" in err) == given.startswith("http") and "xn--" not in err, err
    command = re.search(r"give ([a-z0-9.-]+[a-z])", err.split("the part after the '@'", 1)[1]).group(1)
    assert command == meant, err
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X", "--language", "en",
                         "--ci", "none", "--email-domain", command)
    assert code == 0, err
    assert yaml.safe_load((root / "raio.yaml").read_text(encoding="utf-8"))["policy"]["allowed_email_domains"] == [meant]
    assert "PRV010" not in codes(run_check(root, today=TODAY))


@pytest.mark.parametrize("domain, reason", [
    ("a.devries@noorderzon.nl", "give noorderzon.nl"),
    ("@", "holds '@'"),
    ("noorder zon.nl", "holds a space"),
    ("noorderzon", "has no dot"),
    (".noorderzon.nl", "starts or ends with a dot"),
    (".", "starts or ends with a dot"),
    ("noorderzon..nl", "is no domain name"),
    ("-noorderzon.nl", "is no domain name"),
    ("noorderzon.123", "is no domain name"),
    ("zieken\u00fchuis.nl", "xn-- form"),
])
def test_init_refuses_an_email_domain_that_is_no_domain(tmp_path, capsys, monkeypatch, domain, reason):
    """A value that is no domain would be written into raio.yaml, where no address ever matches it:
    refused, exit 2, with what is wrong and what to do, and nothing written (with questions too,
    before any is asked)."""
    import raio_cli.commands.scaffold as command

    for interactive in (False, True):
        monkeypatch.setattr(command, "_interactive", lambda no_input, on=interactive: on and not no_input)
        code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--organisation", "X", "--email-domain", "zh.nl",
                             "--email-domain", domain, *([] if interactive else ["--no-input"]))
        assert code == 2, out + err
        first, hint = err.splitlines()[:2]
        assert first.startswith("raio: error: --email-domain ") and "is not an e-mail domain" in first and reason in first
        assert "--email-domain ziekenhuis.nl" in hint
        assert out == "" and not (tmp_path / "p").exists()


def test_init_interactive_asks_for_the_email_domains_and_again_for_a_bad_one(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    answers = ["Ziekenhuis X", "en", "", "jan@zx.nl", "123456782.nl", "zx.nl, ZX.nl,umcg.nl"]
    result = CliRunner().invoke(app, ["init", str(tmp_path / "p"), "--ci", "none"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "e-mail domain(s)" in result.output
    assert "That answer cannot be used: the answer 'jan@zx.nl' is not an e-mail domain" in result.output
    assert "That answer cannot be used: the answer holds a BSN (*******82)" in result.output
    assert result.output.count("123456782") == 1  # the answer as typed (the runner echoes it), never repeated
    data = yaml.safe_load((tmp_path / "p" / "raio.yaml").read_text(encoding="utf-8"))
    assert data["policy"]["allowed_email_domains"] == ["zx.nl", "umcg.nl"]
    # an empty answer skips it: the default list, empty, and the note saying what that means
    result = CliRunner().invoke(app, ["init", str(tmp_path / "q"), "--ci", "none"], input="Ziekenhuis X\nen\n\n\n")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((tmp_path / "q" / "raio.yaml").read_text(encoding="utf-8"))["policy"]["allowed_email_domains"] == []
    assert "names none of the hospital's e-mail domains" in result.output


def test_init_does_not_write_through_a_link(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "p"
    target.mkdir()
    (target / ".github").symlink_to(outside, target_is_directory=True)
    code, out, err = cli(capsys, "init", str(target), "--no-input")
    assert code == 0, err
    assert list(outside.iterdir()) == []
    assert "left alone: .github/workflows/raio.yml (.github is a link" in out


# --------------------------------------------------------------------------------------------
# raio new-pilot


def test_new_pilot_writes_five_files_each_with_its_schema_line(portfolio, capsys, monkeypatch):
    monkeypatch.chdir(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Fracture detection ED",
                           "--vendor", "Ossiq", "--product", "BoneSight", "--version", "3.10",
                           "--modality", "CR", "--modality", "dx", "--task", "Detection", "--mdr-class", "iia",
                           "--hosting", "on-premise", *COMPLETE)
    assert code == 0, err
    folder = portfolio / "applications" / "fracture-ed"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FIVE)
    for name in FIVE:
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../.raio/schemas/{name[:-5]}.schema.json"
        assert (portfolio / ".raio" / "schemas" / f"{name[:-5]}.schema.json").is_file()
    app = yaml.safe_load((folder / "application.yaml").read_text(encoding="utf-8"))
    assert app["id"] == "fracture-ed" and app["stage"] == "proposed"
    assert app["version"] == "3.10"  # text, not the number 3.1
    assert app["modality"] == ["CR", "DX"] and app["task"] == "detection"
    assert app["regulatory"]["mdr_class"] == "IIa" and app["integration"] == {"hosting": "on-premise"}
    assert app["regulatory"]["ai_act"]["risk"] == "high"  # what class IIa makes it (CMP012)
    assert app["owner"] == {"name": "dr. A. de Vries", "role": "RAIO"}
    assert not (folder / "monitoring.yaml").exists()
    for name in FIVE:
        assert f"applications/fracture-ed/{name}" in out
    assert "raio check applications/fracture-ed" in out and "plan.start" in out
    result = run_check(portfolio, today=TODAY)
    assert [f for f in result.findings if str(f.severity) == "error"] == [], result.findings
    assert result.internal_errors == []


def test_minimal_scaffold_is_valid_and_check_names_only_what_the_stage_still_needs(portfolio, capsys):
    code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "Lung nodules")
    assert code == 0, err
    result = run_check(portfolio, today=TODAY)
    bad = [f for f in result.findings if f.code[:3] in ("YML", "SCH", "IDN", "SUP")]
    assert bad == []  # placeholders are comments or empty lists, never invalid values
    needed = {f.message.split("needs ")[-1] for f in result.findings if f.code == "GAT002"}
    assert needed <= {"application.owner.name", "application.intended_use", "problem.statement",
                      "problem.for_whom", "problem.alternatives", "problem.stays_with_radiologist"}
    assert "problem.statement" in out and "still needs" in out  # told at once, not only by check


def _line_starting(path, text):
    """The number of the first line of ``path`` that starts with ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, l in enumerate(lines, 1) if l.startswith(text))


def test_a_missing_field_of_a_scaffold_points_at_its_commented_out_line(portfolio, capsys):
    """GAT002 pointed at the first key of the file (problem.yaml:13:1 for for_whom) instead of
    the line `# for_whom: ""` the user has to uncomment; stays_with_radiologist is not the prose
    line above it that mentions what stays with the radiologist."""
    code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "Lung nodules")
    assert code == 0, err
    folder = portfolio / "applications" / "lung-nodules"

    def line(name, text):
        return _line_starting(folder / name, text)

    result = run_check(portfolio, today=TODAY)
    at = {f.message.split("needs ")[-1]: (f.file, f.line, f.column) for f in result.findings if f.code == "GAT002"}
    rel = "applications/lung-nodules"
    assert at["problem.for_whom"] == (f"{rel}/problem.yaml", line("problem.yaml", "# for_whom:"), 1)
    assert at["problem.statement"] == (f"{rel}/problem.yaml", line("problem.yaml", "# statement:"), 1)
    assert at["problem.stays_with_radiologist"] == (f"{rel}/problem.yaml", line("problem.yaml", "# stays_with_radiologist:"), 1)
    assert at["application.intended_use"] == (f"{rel}/application.yaml", line("application.yaml", "# intended_use:"), 1)

    # pilot.yaml's decision: the commented-out `#   choice:` under `# decision:`, and under
    # `decision:` once the user has uncommented that line alone
    from raio_cli.yamlio import load_bytes

    text = (folder / "pilot.yaml").read_text(encoding="utf-8")
    choice = line("pilot.yaml", "#   choice:")
    assert load_bytes(text.encode(), "pilot.yaml").where(("decision", "choice")) == (choice, 1)
    opened = text.replace("# decision:\n", "decision:\n")
    assert load_bytes(opened.encode(), "pilot.yaml").where(("decision", "choice")) == (choice, 1)
    written = opened.replace("#   date: 2026-10-01", "  date: 2026-10-01")  # decision has a key, not choice
    assert load_bytes(written.encode(), "pilot.yaml").where(("decision", "choice")) == (choice, 1)
    bare = "extensions: []\ndecision:\n  date: 2026-10-01\n"  # no comment: the key decision:
    assert load_bytes(bare.encode(), "pilot.yaml").where(("decision", "choice")) == (2, 1)


def test_a_field_uncommented_without_its_parent_is_mended_by_the_hint_as_typed(portfolio, capsys):
    """`  sample_size: 400` uncommented in a fresh pilot.yaml, its `# plan:` left commented: YML001
    said "Indent extensions: as far as sample_size: on line 14 (2 spaces)"; typed as it read, the
    file held sample_size as a field of its own (SCH002 unknown field 'sample_size'). The hint
    now says to uncomment plan:, and the file then reads clean."""
    code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "Lung nodules")
    assert code == 0, err
    path = portfolio / "applications" / "lung-nodules" / "pilot.yaml"
    size, plan = _line_starting(path, "#   sample_size:"), _line_starting(path, "# plan:")
    path.write_text(path.read_text(encoding="utf-8").replace("#   sample_size:", "  sample_size:"), encoding="utf-8")
    (f,) = [f for f in run_check(portfolio, today=TODAY).findings if f.file.endswith("pilot.yaml")]
    assert (f.code, f.line, f.column) == ("YML001", plan, 1)
    assert f.message == (f"YAML syntax error: sample_size on line {size} is indented 2 spaces under plan: on line "
                         f"{plan}, which is commented out: YAML cannot tell where the lines after it belong")
    assert f.hint == f"Remove the '# ' in front of plan: (line {plan}); sample_size: belongs under it."
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[plan - 1] == "# plan:"
    lines[plan - 1] = "plan:"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [f for f in run_check(portfolio, today=TODAY).findings if f.file.endswith("pilot.yaml")] == []


def test_a_nested_field_uncommented_without_its_parent_is_told_to_uncomment_the_parent(portfolio, capsys):
    """`regulatory:` and `  mdr_class: IIa` uncommented in a fresh application.yaml, then
    `    risk: high` with its `#   ai_act:` left commented: YML001 said "Indent risk: as far as
    mdr_class: on line 32 (2 spaces)", which made risk a field of regulatory (SCH002) and lost
    the AI Act class. The hint now names the commented parent, and the file then reads clean."""
    code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "Lung nodules")
    assert code == 0, err
    path = portfolio / "applications" / "lung-nodules" / "application.yaml"
    text = path.read_text(encoding="utf-8")
    for commented in ("# regulatory:", "#   mdr_class:", "#     risk:"):
        assert commented in text, commented
    text = text.replace("# regulatory:", "regulatory:").replace("#   mdr_class:", "  mdr_class:")
    path.write_text(text.replace("#     risk:", "    risk:"), encoding="utf-8")
    risk, act = _line_starting(path, "    risk:"), _line_starting(path, "#   ai_act:")
    (f,) = [f for f in run_check(portfolio, today=TODAY).findings if f.file.endswith("application.yaml")]
    assert (f.code, f.line, f.column) == ("YML001", act, 1)
    assert f.message == (f"YAML syntax error: risk on line {risk} is indented 4 spaces under ai_act: on line "
                         f"{act}, which is commented out: YAML cannot tell where the lines after it belong")
    assert f.hint == f"Remove the '# ' in front of ai_act: (line {act}); risk: belongs under it."
    path.write_text(path.read_text(encoding="utf-8").replace("#   ai_act:", "  ai_act:"), encoding="utf-8")
    assert [f.code for f in run_check(portfolio, today=TODAY).findings if f.file.endswith("application.yaml")
            and f.code.startswith(("YML", "SCH"))] == []
    from raio_cli.yamlio import load_bytes
    assert load_bytes(path.read_bytes(), "application.yaml").data["regulatory"]["ai_act"]["risk"] == "high"


def test_the_hints_a_fresh_scaffold_gets_say_how_to_fix_each_finding(portfolio, capsys):
    """A new user's first findings said "Fill in plan.design in pilot.yaml (present and not
    empty)" while plan: and design: were both commented out, "Fill in alternatives" for an
    `alternatives: []`, and "mark it done (with evidence and date)" without the keys to write."""
    import datetime as dt

    from raio_cli import check

    code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "Lung nodules")
    assert code == 0, err
    folder = portfolio / "applications" / "lung-nodules"

    def line(name, text):
        return _line_starting(folder / name, text)

    result = check.run(portfolio, today=dt.date.fromisoformat(TODAY), options={"next_stage": True})
    hint = {f.message.split("need")[-1].split(" ", 1)[-1]: f.hint for f in result.findings if f.code.startswith("GAT")}
    assert hint["problem.for_whom"].startswith(
        f"Fill in for_whom in problem.yaml: remove the '# ' in front of for_whom: (line {line('problem.yaml', '# for_whom:')}) "
        "and give it a value")
    assert hint["pilot.plan.design"] == (
        f"Fill in plan.design in pilot.yaml: remove the '# ' in front of plan: (line {line('pilot.yaml', '# plan:')}) "
        f"and design: (line {line('pilot.yaml', '#   design:')}) and give it a value.")
    assert hint["problem.alternatives"].startswith(
        f"Fill in alternatives in problem.yaml: replace alternatives: [] (line {line('problem.yaml', 'alternatives: []')}) "
        "with a list of entries")
    item = next(h for m, h in hint.items() if "'dpia'" in m)
    for words in ("status: done", "evidence:", "date: YYYY-MM-DD", "status: not-applicable", "justification:"):
        assert words in item, words


def test_every_scaffold_file_is_valid_against_its_schema(tmp_path):
    from jsonschema import Draft202012Validator

    from raio_cli.schema import load_schema

    for answers in ({"id": "abc", "name": "A"},
                    {"id": "abc", "name": "A", "owner_role": "RAIO", "modality": ["CT"], "task": "triage",
                     "mdr_class": "none", "hosting": "cloud", "alternatives": ["x", "y"], "stage": "planned"}):
        for name, text in scaffold.render_dossier(answers).items():
            data = yaml.safe_load(text)
            errors = list(Draft202012Validator(load_schema(name[:-5])).iter_errors(data))
            assert errors == [], (name, errors)


def test_commented_examples_are_valid_when_uncommented():
    """The examples the comments teach must themselves pass the schema."""
    from raio_cli.schema import validate
    from raio_cli.yamlio import load_bytes

    files = scaffold.render_dossier({"id": "abc", "name": "A"})
    for name, start in (("effects.yaml", "# effects:"), ("pilot.yaml", "# plan:"), ("problem.yaml", "# alternatives:")):
        lines = files[name].splitlines()
        i = lines.index(start)
        block = [lines[i][2:]]
        i += 1
        while i < len(lines) and lines[i].startswith("#   "):  # the indented lines of the block
            block.append(lines[i][2:])
            i += 1
        loaded = load_bytes("\n".join(block).encode("utf-8"), name)
        assert loaded.data and loaded.findings == [], (name, loaded.findings)
        assert validate(loaded, name[:-5]) == [], name


def test_effects_teach_benefit_guardrail_and_start_with_an_empty_list():
    text = scaffold.render_dossier({"id": "abc", "name": "A"})["effects.yaml"]
    assert yaml.safe_load(text) == {"effects": []}
    for word in ("benefit", "guardrail", "primary", "baseline", "target", "limit", "direction",
                 "plan.start", "amendments", "post_hoc", "7 local efficacy"):
        assert word in text, word


def test_effect_options_become_numbered_entries(portfolio, capsys):
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", *COMPLETE,
                           "--effect", "benefit: Fewer \"missed\" fractures: # at night",
                           "--effect", "Guardrail:No extra reading time", "--effect", "benefit:Fewer recalls")
    assert code == 0, err
    effects = yaml.safe_load((portfolio / "applications/abc/effects.yaml").read_text(encoding="utf-8"))["effects"]
    assert effects == [
        {"id": "E1", "kind": "benefit", "primary": True, "description": 'Fewer "missed" fractures: # at night'},
        {"id": "G1", "kind": "guardrail", "primary": False, "description": "No extra reading time"},
        {"id": "E2", "kind": "benefit", "primary": False, "description": "Fewer recalls"},
    ]
    result = run_check(portfolio, today=TODAY)
    assert [f for f in result.findings if str(f.severity) == "error"] == [], result.findings


@pytest.mark.parametrize("bad", ["fewer misses", "harm:fewer misses", "benefit:", "benefit:   "])
def test_an_effect_without_kind_or_description_is_refused(portfolio, capsys, bad):
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--effect", bad)
    assert code == 2 and "--effect" in err
    assert not (portfolio / "applications" / "abc").exists()


def test_compliance_lists_the_items_that_apply_all_open_with_an_owner(portfolio, capsys):
    from raio_cli import catalog

    code, out, err = pilot(capsys, portfolio, "--id", "on-prem", "--name", "On premise", "--hosting", "on-premise",
                           "--mdr-class", "IIa")
    assert code == 0, err
    items = yaml.safe_load((portfolio / "applications/on-prem/compliance.yaml").read_text(encoding="utf-8"))["items"]
    ids = [i["id"] for i in items]
    app = {"regulatory": {"mdr_class": "IIa"}, "integration": {"hosting": "on-premise"}}
    expected = {i for i, item in catalog.compliance_catalog().items() if catalog.applies(item, app)}
    assert set(ids) == expected and len(ids) == len(set(ids))
    assert "processor-agreement" not in ids and "dpia" in ids and "ce-certificate" in ids
    assert all(i["status"] == "open" and i["owner"] for i in items)
    code, out, err = pilot(capsys, portfolio, "--id", "in-cloud", "--name", "Cloud", "--hosting", "cloud")
    cloud = yaml.safe_load((portfolio / "applications/in-cloud/compliance.yaml").read_text(encoding="utf-8"))["items"]
    assert "processor-agreement" in [i["id"] for i in cloud]


def test_an_mdr_class_that_needs_a_notified_body_is_written_with_its_ai_act_risk(portfolio, capsys):
    """--mdr-class IIa (or the class the questions suggest) wrote the class alone, and at stage
    planned raio check then reported CMP012 at once: a device that needs a notified body is
    high-risk through AI Act Art 6(1) and Annex I. The dossier now says so, with the basis; a
    class I device leaves the AI Act risk to fill in."""
    code, out, err = pilot(capsys, portfolio, "--id", "iib-app", "--name", "B", "--mdr-class", "IIb", "--stage", "planned")
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/iib-app/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"mdr_class": "IIb", "ai_act": {
        "risk": "high", "basis": "Art 6(1) and Annex I (medical device class IIb)"}}
    code, out, err = pilot(capsys, portfolio, "--id", "class-one", "--name", "I", "--mdr-class", "I", "--stage", "planned")
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/class-one/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"mdr_class": "I"}
    result = run_check(portfolio, today=TODAY)
    assert [f.app for f in result.findings if f.code == "CMP012"] == []


def test_in_a_dutch_portfolio_the_ai_act_basis_is_written_in_dutch(tmp_path, capsys):
    """raio new-pilot in a portfolio whose language is Dutch wrote the AI Act basis in English
    ("Art 6(1) and Annex I (medical device class IIa)"), and the Dutch memo then read "hoog
    risico (Art 6(1) and Annex I (medical device class IIa))" in a Dutch sentence. The basis is
    written in the portfolio's language, from the catalog's Dutch wording, and satisfies CMP012."""
    root = tmp_path / "pf"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X")
    assert code == 0, err
    code, out, err = pilot(capsys, root, "--id", "fractuur-seh", "--name", "F", "--mdr-class", "IIa",
                           "--in-house", "no", "--stage", "planned")
    assert code == 0, err
    app = yaml.safe_load((root / "applications/fractuur-seh/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"]["ai_act"] == {"risk": "high", "basis": "art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIa)"}
    assert [f for f in run_check(root, today=TODAY).findings if f.code == "CMP012"] == []
    code, out, err = cli(capsys, "memo", "fractuur-seh", "-p", str(root), "-f", "md", "-o", "-", "--today", TODAY)
    assert code == 0, err
    assert "**AI-verordening:** hoog risico: art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIa)\n" in out
    assert "medical device" not in out


def test_compliance_includes_the_portfolios_own_items(tmp_path, capsys):
    scaffold.init_portfolio(tmp_path, ci="none")
    config = tmp_path / "raio.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  checklist_extra: []",
        "  checklist_extra:\n    - id: radiographer-training\n      title_en: Radiographer training\n"
        "      owner: team lead radiographers\n      required_from: production")
    config.write_text(text, encoding="utf-8")
    code, out, err = pilot(capsys, tmp_path, "--id", "abc", "--name", "A")
    assert code == 0, err
    items = yaml.safe_load((tmp_path / "applications/abc/compliance.yaml").read_text(encoding="utf-8"))["items"]
    extra = next(i for i in items if i["id"] == "radiographer-training")
    assert extra == {"id": "radiographer-training", "status": "open", "owner": "team lead radiographers"}


def test_compliance_comments_give_each_legal_source_whole(portfolio, capsys):
    """compliance.yaml cut sources mid-word ("Annex VIII Rule 11 (classifica…)"); each is now
    written whole, folded over comment lines of at most 100 characters at word boundaries, and a
    reference such as "Art 19" or "Annex VIII" is never split over two lines."""
    from raio_cli import catalog

    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "F", "--mdr-class", "IIa",
                           "--hosting", "cloud", "--today", TODAY)
    assert code == 0, err
    text = (portfolio / "applications/fracture-ed/compliance.yaml").read_text(encoding="utf-8")
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 100
    comments, current = {}, None
    for line in text.splitlines():
        if line.startswith("  - id: "):
            current = line.split(": ", 1)[1]
            comments[current] = ""
        elif current and line.startswith("    #") and not line.lstrip("# ").startswith(("evidence:", "date:")):
            comments[current] += " " + line.strip()[1:].strip()
    known = catalog.compliance_catalog(None)
    assert "ce-certificate" in comments and "dpia" in comments
    for item_id, comment in comments.items():
        source = " ".join(str(known[item_id]["source"]).split())
        assert f"({source})" in comment, item_id
    for line in text.splitlines():
        assert not line.rstrip().endswith((" Art", " Annex", " Rule", " Regulation")), line


def _basis_comment(text: str, item_id: str) -> str:
    """The comment under checklist item ``item_id`` of a scaffolded compliance.yaml, as one line."""
    lines = text.splitlines()
    start = lines.index(f"  - id: {item_id}") + 1
    comment = []
    for line in lines[start:]:
        if not line.startswith("    #") or line.lstrip("# ").startswith(("evidence:", "date:")):
            break
        comment.append(line.strip()[1:].strip())
    return " ".join(comment)


def test_the_checklist_quotes_each_source_as_worded_on_the_day_it_is_scaffolded(portfolio, capsys):
    """new-pilot wrote every legal source as worded on the catalog's as_of day, so a dossier
    scaffolded (with --today) before the AI Act's Art 4 was amended quoted the amendment that
    raio check --today and the memo, for that day, do not. The checklist now quotes the wording
    in force on the day it is scaffolded: --today, or the real date."""
    import datetime as dt

    from raio_cli import catalog

    amended = next(w["from"] for w in catalog.compliance_catalog()["ai-literacy"]["wordings"]
                   if "2026/1744" in w["source"])
    for day, quoted in ((amended - dt.timedelta(days=1), False), (amended, True)):
        app_id = f"literacy-{day.isoformat()}"
        code, out, err = pilot(capsys, portfolio, "--id", app_id, "--name", "L", "--today", day.isoformat())
        assert code == 0, err
        text = (portfolio / f"applications/{app_id}/compliance.yaml").read_text(encoding="utf-8")
        comment = _basis_comment(text, "ai-literacy")
        assert "Art 4" in comment, comment
        assert ("as amended by Regulation (EU) 2026/1744" in comment) is quoted, (day, comment)
    code, out, err = pilot(capsys, portfolio, "--id", "bad-day", "--name", "B", "--today", "2026-13-01")
    assert code == 2 and "--today '2026-13-01' is not a date" in err
    assert not (portfolio / "applications/bad-day").exists()


_EXAMPLE_DATE = re.compile(r"^\s*#.*?\b([a-z_]+): (\d{4}-\d{2}-\d{2})\b", re.M)


def _example_dates(folder: Path) -> dict[str, list[str]]:
    """The dates of the commented examples in a scaffolded dossier: {file: ["key date", ...]}."""
    return {p.name: [f"{m[1]} {m[2]}" for m in _EXAMPLE_DATE.finditer(p.read_text(encoding="utf-8"))]
            for p in sorted(folder.glob("*.yaml"))}


def test_the_example_dates_follow_the_day_of_scaffolding(portfolio, capsys):
    """The templates' example dates were fixed in 2026 (stage_since 2026-01-31, a pilot from
    2026-03-01 to 2026-08-31, a decision of 2026-10-01): a RAIO scaffolding in 2027 saw every
    example in the past, and the pilot plan they uncommented started a year and a half ago, so
    raio check reported a planned pilot that never started. The examples now lie ahead of the
    day of scaffolding, spaced as before, and the same day gives the same bytes."""
    day = "2027-09-10"
    code, _out, err = pilot(capsys, portfolio, "--id", "later", "--name", "L", "--stage", "planned", "--today", day)
    assert code == 0, err
    folder = portfolio / "applications" / "later"
    dates = _example_dates(folder)
    assert set(dates.pop("compliance.yaml")) == {"date 2027-09-10"}  # the day a checklist item was settled
    assert dates == {
        "application.yaml": ["stage_since 2027-09-10", "expires 2029-09-30", "date 2030-02-28", "decided_on 2029-12-15"],
        "effects.yaml": ["date 2028-01-01"],
        "pilot.yaml": ["start 2027-11-01", "end 2028-04-30", "end 2028-06-30", "date 2028-04-15",
                       "date 2028-05-15", "date 2028-06-01", "new_end 2028-08-31"],
        "problem.yaml": [],
    }
    # the plan the RAIO uncomments starts after the day of scaffolding: no finding of its dates
    text = (folder / "pilot.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^# (plan:)$", r"\1", text, flags=re.M)
    for key in ("design", "start", "end", "sample_size"):
        text = re.sub(rf"^# (  {key}:)", r"\1", text, count=1, flags=re.M)
    text = text.replace('  design: ""', '  design: "before-after"', 1)
    (folder / "pilot.yaml").write_text(text, encoding="utf-8")
    found = [f for f in run_check(portfolio, "--no-git", today=day).findings
             if f.code.startswith(("DAT", "REG")) and not f.file.endswith("compliance.yaml")]
    assert found == [], found
    # a scaffold at a fixed day is reproducible to the byte; another day moves the examples
    again = scaffold.render_dossier({"id": "later", "name": "L", "stage": "planned"},
                                    today=__import__("datetime").date(2027, 9, 10))
    assert again == scaffold.render_dossier({"id": "later", "name": "L", "stage": "planned"},
                                            today=__import__("datetime").date(2027, 9, 10))
    assert again["pilot.yaml"] != scaffold.render_dossier({"id": "later", "name": "L", "stage": "planned"},
                                                          today=__import__("datetime").date(2028, 9, 10))["pilot.yaml"]


def test_comment_text_clips_a_long_text_between_words():
    long = "EU MDR (Regulation 2017/745) Annex VIII Rule 11 (classification of software) " * 3
    clipped = scaffold.comment_text(long, 60)
    assert clipped == "EU MDR (Regulation 2017/745) Annex VIII Rule 11…"
    assert scaffold.comment_text("short", 60) == "short"


def test_an_existing_folder_is_refused_and_left_untouched(portfolio, capsys):
    folder = portfolio / "applications" / "fracture-ed"
    folder.mkdir()
    (folder / "application.yaml").write_bytes(b"id: fracture-ed\nname: mine\n")
    before = snapshot(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Other")
    assert code == 2
    assert "applications/fracture-ed already exists" in err and "Traceback" not in err
    assert snapshot(portfolio) == before


def test_an_id_used_by_another_folder_is_refused(portfolio, capsys):
    folder = portfolio / "applications" / "old-name"
    folder.mkdir()
    (folder / "application.yaml").write_text("id: fracture-ed\nname: mine\nstage: proposed\n", encoding="utf-8")
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Other")
    assert code == 2 and "already used" in err
    assert not (portfolio / "applications" / "fracture-ed").exists()


@pytest.mark.parametrize("bad_id", ["../x", "/abs", "ab", "Fracture", "frac\u0430ture", "a" * 65,
                                    "-abc", "abc-", "a/b/c", "abc\n", "a b c", "..", "abc.yaml", ""])
def test_invalid_ids_are_refused_and_nothing_is_written(portfolio, capsys, bad_id):
    before = snapshot(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", bad_id, "--name", "X")
    assert code == 2, out
    assert "--id" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2
    assert snapshot(portfolio) == before
    assert sorted(p.name for p in (portfolio / "applications").iterdir()) == [".gitkeep"]
    assert not (portfolio.parent / "x").exists() and not Path("/abs").exists()


def test_a_look_alike_id_is_explained(portfolio, capsys):
    code, out, err = pilot(capsys, portfolio, "--id", "frac\u0430ture", "--name", "X")
    assert "U+0430" in err


@pytest.mark.parametrize("missing, flag", [(["--name", "X"], "--id"), (["--id", "abc"], "--name")])
def test_no_input_without_required_answers_is_a_usage_error(portfolio, capsys, missing, flag):
    code, out, err = pilot(capsys, portfolio, *missing)
    assert code == 2
    assert err.startswith(f"raio: error: missing {flag}")
    assert sorted(p.name for p in (portfolio / "applications").iterdir()) == [".gitkeep"]


@pytest.mark.parametrize("args, flag", [
    (["--task", "guessing"], "--task"), (["--modality", "XRAY"], "--modality"), (["--mdr-class", "IV"], "--mdr-class"),
    (["--hosting", "moon"], "--hosting"), (["--stage", "gepland"], "--stage"),
    (["--owner", "a\x1b[31mred"], "--owner"),
])
def test_bad_answers_are_usage_errors(portfolio, capsys, args, flag):
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "X", *args)
    assert code == 2 and flag in err and "\x1b" not in err
    assert not (portfolio / "applications" / "abc").exists()


@pytest.mark.parametrize("text, named", [("Fractuur\ufeffdetectie", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
                                         ("Fractuur\u200bdetectie", "U+200B ZERO WIDTH SPACE"),
                                         ("Fractuur \u202edetectie", "U+202E RIGHT-TO-LEFT OVERRIDE")])
def test_an_answer_with_a_character_that_shows_nothing_is_refused_not_written(portfolio, capsys, text, named):
    """raio new-pilot wrote a name holding a zero-width character or a right-to-left override
    (as an escape in double quotes); raio check now reports such a text (YML020, which raio
    export refuses), and new-pilot stopped with an internal error when it read back the file it
    wrote. The answer is refused, naming the character; nothing is written."""
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", text)
    assert code == 2 and "--name" in err and named in err and "internal error" not in err, err
    assert text not in err
    assert not (portfolio / "applications" / "abc").exists()


def test_new_pilot_outside_a_portfolio_points_at_raio_init(tmp_path, capsys):
    code, out, err = pilot(capsys, tmp_path, "--id", "abc", "--name", "X")
    assert code == 2 and "raio init" in err


HOSTILE = [
    'Fracture "detection": ED # night',
    "line one\nline two\n", "windows\r\nline",
    "- a list? [no] {no} & *alias ! | > % @ `",
    "'single' and \"double\" \\ backslash \t tab",
    "yes", "null", "3.10", "2026-01-01", "~", "#", ": ", "---", "...",
    "Röntgen ﬁ \u2028 separator \u2029 paragraph",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_answers_round_trip_exactly_through_yaml(portfolio, capsys, text):
    code, out, err = pilot(capsys, portfolio, "--id", "round-trip", "--name", text, "--vendor", text,
                           "--owner", text, "--intended-use", text, "--statement", text, "--alternative", text)
    assert code == 0, err
    folder = portfolio / "applications" / "round-trip"
    app = yaml.safe_load((folder / "application.yaml").read_text(encoding="utf-8"))
    problem = yaml.safe_load((folder / "problem.yaml").read_text(encoding="utf-8"))
    assert app["name"] == app["vendor"] == app["owner"]["name"] == app["intended_use"] == text
    assert problem["statement"] == problem["alternatives"][0]["option"] == text
    result = run_check(portfolio, today=TODAY, *("--no-git",))
    assert not [f for f in result.findings if f.code[:3] in ("YML", "SCH")], result.findings


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_yaml_quoted_reads_back_as_the_same_text(text):
    from raio_cli.yamlio import load_bytes

    line = f"k: {scaffold.yaml_quoted(text)}\n"
    assert "\n" not in line[:-1]  # one line, whatever the text
    assert yaml.safe_load(line) == {"k": text}
    loaded = load_bytes(line.encode("utf-8", "surrogatepass"), "x.yaml") if not _has_surrogate(text) else None
    if loaded is not None:
        assert loaded.data == {"k": text}


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_suggested_ids_are_valid_or_none(name):
    suggestion = scaffold.suggest_id(name)
    assert suggestion is None or scaffold.id_problem(suggestion) is None


def test_suggest_id_from_a_dutch_name():
    assert scaffold.suggest_id("Fractuurdetectie op SEH-röntgenfoto's") == "fractuurdetectie-op-seh-rontgenfoto-s"
    assert scaffold.suggest_id("AI") is None


def test_plain_words_are_quoted_when_yaml_would_misread_them():
    for word in ("yes", "No", "null", "123", "0x1f", "1e3", "true", "on"):
        assert yaml.safe_load(f"k: {scaffold.yaml_plain(word)}") == {"k": word}
    assert scaffold.yaml_plain("fracture-ed") == "fracture-ed"


def test_a_dry_run_says_next_that_nothing_is_there_yet(tmp_path, capsys, monkeypatch):
    """'raio init p --dry-run' ended with 'Next: cd p && raio new-pilot', a folder the dry run
    had not made; raio new-pilot --dry-run listed the next steps in files not written. Both say
    first that the same command without --dry-run writes them."""
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--dry-run")
    assert code == 0, err
    assert "Next: the same raio init without --dry-run writes it; then cd " in out
    assert "\nNext: cd " not in out
    root = tmp_path / "q"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--commit")
    assert code == 0, err
    monkeypatch.chdir(root)
    code, out, err = pilot(capsys, root, "--id", "abc", "--name", "X", "--dry-run")
    assert code == 0, err
    assert "Next, once the same raio new-pilot without --dry-run has written it:\n  1. " in out


def test_dry_run_writes_nothing(portfolio, capsys):
    before = snapshot(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "X", "--dry-run")
    assert code == 0, err
    assert snapshot(portfolio) == before
    assert "nothing was written" in out and "applications/abc/effects.yaml" in out
    paths = scaffold.new_pilot(portfolio, {"id": "abc", "name": "X"}, dry_run=True)
    assert [p.name for p in paths] == FIVE and snapshot(portfolio) == before


def test_a_long_name_is_cut_between_words_in_the_commit_subject_and_kept_whole_in_the_dossier(portfolio, capsys):
    git_out(portfolio, "add", "-A")
    git_out(portfolio, "commit", "-q", "-m", "init")
    name = "Fracture detection on emergency department radiographs of the wrist, hand and ankle " * 40
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", name, "--commit")
    assert code == 0, err
    subject = git_out(portfolio, "log", "-1", "--format=%B").strip()
    assert subject == "Add fracture-ed: Fracture detection on emergency department radiographs of… (proposed)"
    application = yaml.safe_load((portfolio / "applications" / "fracture-ed" / "application.yaml").read_text(encoding="utf-8"))
    assert application["name"] == name


def test_commit_makes_exactly_one_commit_with_the_five_files(portfolio, capsys):
    git_out(portfolio, "add", "-A")
    git_out(portfolio, "commit", "-q", "-m", "init")
    (portfolio / "notes.txt").write_text("unrelated work in progress\n", encoding="utf-8")
    git_out(portfolio, "add", "notes.txt")  # staged, and must stay out of raio's commit
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Fracture detection\nED", "--commit")
    assert code == 0, err
    assert git_out(portfolio, "rev-list", "--count", "HEAD").strip() == "2"
    assert git_out(portfolio, "log", "-1", "--format=%s").strip() == "Add fracture-ed: Fracture detection ED (proposed)"
    changed = git_out(portfolio, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted(f"applications/fracture-ed/{n}" for n in FIVE)
    assert "notes.txt" in git_out(portfolio, "diff", "--cached", "--name-only")


def test_commit_outside_a_repository_is_refused_before_writing(tmp_path, capsys):
    scaffold.init_portfolio(tmp_path, ci="none")
    shutil.rmtree(tmp_path / ".git")
    code, out, err = pilot(capsys, tmp_path, "--id", "abc", "--name", "X", "--commit")
    assert code == 2 and "not in a git repository" in err
    assert not (tmp_path / "applications" / "abc").exists()


@pytest.mark.parametrize("broken", ["rename", "fsync"])
def test_a_failure_mid_write_leaves_no_folder_and_no_temporary_folder(portfolio, capsys, monkeypatch, broken):
    import raio_cli.fsio as fsio

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsio.os, broken, fail)
    with pytest.raises(OSError):
        scaffold.new_pilot(portfolio, {"id": "abc", "name": "X"})
    assert sorted(p.name for p in (portfolio / "applications").iterdir()) == [".gitkeep"]
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "X")
    assert code == 2
    assert "No space left on device" in err and "nothing was left behind" in err and "Traceback" not in err
    assert sorted(p.name for p in (portfolio / "applications").iterdir()) == [".gitkeep"]


def test_library_api_is_plain_data(tmp_path):
    written = scaffold.init_portfolio(tmp_path, organisation="X", department="Y", language="en", ci="none")
    assert tmp_path / "raio.yaml" in written and all(isinstance(p, Path) for p in written)
    files = scaffold.render_dossier({"id": "abc", "name": "A"})
    assert list(files) == FIVE and all(isinstance(t, str) for t in files.values())
    paths = scaffold.new_pilot(tmp_path, {"id": "abc", "name": "A"})
    assert paths == [tmp_path.resolve() / "applications" / "abc" / n for n in FIVE]
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.new_pilot(tmp_path, {"id": "abc", "name": "A"})


def test_stage_option_is_written_and_reports_what_the_gate_needs(portfolio, capsys):
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "Planned", *COMPLETE)
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/abc/application.yaml").read_text(encoding="utf-8"))
    assert app["stage"] == "planned"
    assert "effects.effects" in out and "pilot.plan.start" in out and "checklist item" in out


def test_interactive_questions_suggest_an_id_and_ask_again_when_it_is_taken(portfolio, monkeypatch):
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    (portfolio / "applications" / "stroke-triage").mkdir()
    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    monkeypatch.chdir(portfolio)
    answers = ["Stroke triage", "", "stroke-lvo", "", "Vendor: \"X\"", "", "", "ct, XX", "CT", "guess", "triage",
               "dr. B", "", "Detects LVO", "", "", "", "Late treatment", "Stroke patients", "Faster reading", "", "The report",
               ""]
    result = CliRunner().invoke(app, ["new-pilot"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "[stroke-triage]" in result.output  # suggested from the name
    assert "already exists" in result.output and "Unknown modality XX" in result.output
    app_data = yaml.safe_load((portfolio / "applications/stroke-lvo/application.yaml").read_text(encoding="utf-8"))
    assert app_data["vendor"] == 'Vendor: "X"' and app_data["modality"] == ["CT"] and app_data["task"] == "triage"
    assert app_data["stage"] == "proposed" and "since (YYYY-MM-DD" not in result.output  # Enter: the first stage
    assert app_data["owner"] == {"name": "dr. B", "role": "RAIO"}
    problem = yaml.safe_load((portfolio / "applications/stroke-lvo/problem.yaml").read_text(encoding="utf-8"))
    assert problem["alternatives"] == [{"option": "Faster reading"}]
    assert problem["stays_with_radiologist"] == "The report"
    (portfolio / "applications" / "stroke-triage").rmdir()  # the folder that took the suggested id
    result = run_check(portfolio, today=TODAY)
    assert [f for f in result.findings if str(f.severity) == "error"] == []


# --------------------------------------------------------------------------------------------
# The whole flow, as a user runs it


def raio_script() -> str:
    here = Path(sys.executable).parent / "raio"
    return str(here) if here.exists() else (shutil.which("raio") or "raio")


def test_init_new_pilot_check_through_the_installed_entry_point(tmp_path):
    env = dict(os.environ, NO_COLOR="1", GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="Test RAIO", GIT_AUTHOR_EMAIL="raio@test.example",
               GIT_COMMITTER_NAME="Test RAIO", GIT_COMMITTER_EMAIL="raio@test.example")

    def raio(*args, cwd):
        return subprocess.run([raio_script(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)

    root = tmp_path / "portfolio"
    done = raio("init", str(root), "--no-input", "--organisation", "Testziekenhuis", "--commit", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = raio("new-pilot", "--no-input", "--id", "fracture-ed", "--name", "Fracture detection ED",
                "--modality", "DX", "--task", "detection", "--mdr-class", "IIa", "--hosting", "on-premise",
                *COMPLETE, "--commit", cwd=root / "applications")  # found from a subfolder
    assert done.returncode == 0, done.stderr
    assert (root / "applications" / "fracture-ed" / "effects.yaml").is_file()
    done = raio("check", "--today", TODAY, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    done = raio("check", "--today", TODAY, "--format", "json", cwd=root)
    assert done.returncode == 0 and [f for f in json.loads(done.stdout) if f["severity"] == "error"] == []
    assert git_out(root, "status", "--porcelain") == ""


@pytest.mark.parametrize("args, options", [
    (["--id", "bsn-123456782", "--name", "Pat 111222333"], ["--id", "--name"]),
    (["--id", "patient123456782", "--name", "Pat x111222333"], ["--id", "--name"]),  # glued to letters
    (["--id", "fine-id", "--name", "X", "--owner", "BSN 111.222.333"], ["--owner"]),
    (["--id", "fine-id", "--name", "X", "--statement", "missed in 111 222 333"], ["--statement"]),
    (["--id", "fine-id", "--name", "X", "--alternative", "none", "--alternative", "ask 123456782"], ["--alternative"]),
    (["--id", "fine-id", "--name", "X", "--effect", "benefit:no misses like 111222333"], ["--effect"]),
    (["--id", "fine-id", "--name", "X", "--vendor", "MRN-0012345 Ltd"], ["--vendor"]),
])
def test_new_pilot_refuses_a_patient_identifier_before_writing_or_committing(portfolio, capsys, args, options):
    """An id, name or other answer holding a BSN, or a match of raio.yaml's phi_patterns, is
    refused with exit 2 before anything is written; the id and name would otherwise be committed
    in the commit message, for good. The refusal names the option and masks the identifier."""
    config = portfolio / "raio.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  phi_patterns: []\n", "  phi_patterns:\n    - name: patient number\n      regex: 'MRN-\\d{7}'\n", 1), encoding="utf-8")
    assert "MRN-" in config.read_text(encoding="utf-8")
    Git(portfolio).commit("raio.yaml with a patient-number pattern", "2026-01-05")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=portfolio, capture_output=True, text=True).stdout
    code, out, err = pilot(capsys, portfolio, *args, "--commit")
    assert code == 2, out + err
    for option in options:
        assert f"{option} holds a" in err
    assert "no patient data" in err and "Traceback" not in err
    for secret in ("123456782", "111222333", "111.222.333", "111 222 333", "0012345"):
        assert secret not in out + err
    assert sorted(p.name for p in (portfolio / "applications").iterdir()) == [".gitkeep"]
    log = subprocess.run(["git", "log", "--format=%H %s"], cwd=portfolio, capture_output=True, text=True).stdout
    assert log.startswith(head.strip()) and "111222333" not in log


def _raio_commands(ci: str, path: Path) -> list[str]:
    """The raio check commands of a CI file: the GitHub workflow's run steps, the GitLab script."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if ci == "github":
        lines = [s.get("run", "") for s in data["jobs"]["raio"]["steps"]]
    else:
        lines = data["raio-check"]["script"]
    return [line for line in lines if line.startswith("raio check")]


@pytest.mark.parametrize("ci, name", [("github", ".github/workflows/raio.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_init_ci_file_fails_the_job_on_a_shallow_clone(tmp_path, capsys, ci, name):
    """The README and examples/ci say a shallow clone, a warning (GIT004) under the default
    fail_on, skips the pre-registration checks, and that a step `raio check --select GIT004
    --fail-on warning` fails the job on it; the CI files raio init writes had no such step, so a
    pipeline whose clone turned shallow (fetch-depth or GIT_DEPTH changed, a runner's setting)
    passed with no REG rule run. The step is there, after the reports, and runs whatever the
    steps before it said; it fails on a shallow clone and on nothing else."""
    from test_preregistration import portfolio

    root = tmp_path / "p"
    scaffold.init_portfolio(root, organisation="X", language="en", ci=ci)
    data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
    guard = "raio check --select GIT004 --fail-on warning"
    if ci == "github":
        steps = data["jobs"]["raio"]["steps"]
        step = next(s for s in steps if s.get("run") == guard)
        assert step is steps[-1] and step["if"] == "always()" and step["name"]
    else:
        assert data["raio-check"]["script"][-1] == guard  # a failing line ends the script: the reports come first
    example = ROOT / "examples" / "ci" / ("github-workflow.yml" if ci == "github" else "gitlab-ci.yml")
    assert guard in _raio_commands(ci, example)
    # what the step does: a started pilot whose history a shallow clone cuts fails; the full one passes
    repo = tmp_path / "repo"
    pf = portfolio(repo)
    git = Git(repo)
    git.commit("Pre-register the effects", "2026-02-01")
    for day in ("2026-04-01", "2026-05-01"):
        (pf / "README.md").write_text(day, encoding="utf-8")
        git.commit("Progress", day)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    args = guard.split()[1:] + ["--today", "2026-11-15"]
    code, out, _err = cli(capsys, *args, str(clone))
    assert code == 1 and "GIT004" in out
    assert cli(capsys, *args, str(repo))[0] == 0


@pytest.mark.parametrize("ci, name", [("github", ".github/workflows/raio.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_init_ci_file_runs_again_in_a_kept_workspace(tmp_path, ci, name):
    """A self-hosted runner or Jenkins keeps the workspace between runs (GitLab GIT_CLEAN_FLAGS
    none, actions/checkout clean: false): the report of the last run is still there, and the CI
    file that raio init writes must not stop at it with exit 2. Its commands are examples/ci's."""
    root = tmp_path / "p"
    scaffold.init_portfolio(root, organisation="X", department="Y", language="en", ci=ci)
    commands = _raio_commands(ci, root / name)
    example = ROOT / "examples" / "ci" / ("github-workflow.yml" if ci == "github" else "gitlab-ci.yml")
    assert commands and commands == _raio_commands(ci, example)
    env = dict(os.environ, NO_COLOR="1")
    script = Path(sys.executable).parent / "raio"
    for attempt in (1, 2):
        for command in commands:
            args = command.split()[1:] + ["--today", EXAMPLE_TODAY.isoformat(), "--no-git"]
            proc = subprocess.run([str(script), *args], cwd=root, capture_output=True, text=True, env=env, timeout=120)
            assert proc.returncode == 0, (attempt, command, proc.stderr)


def _readme_commands(prefix: str) -> list[list[str]]:
    """The README walk-through's commands that start with prefix, continuation lines joined,
    comments dropped, split as a shell would."""
    import shlex

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Walk-through", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    joined = block.replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in joined.splitlines() if line.strip().startswith(prefix)]


def test_the_readme_walk_through_leaves_nothing_uncommitted(tmp_path, capsys):
    """Following the README (raio init, then raio new-pilot --commit) left raio.yaml, the README,
    the CI file and the schemas uncommitted: every memo was then a DRAFT ("uncommitted changes in
    raio.yaml") and --final refused it, with no word of that in the walk-through."""
    init = _readme_commands("raio init")[0]
    new_pilot = _readme_commands("raio new-pilot")[0]
    code, out, err = cli(capsys, *init[1:2], str(tmp_path / init[2]), *init[3:])
    assert code == 0, err
    root = tmp_path / init[2]
    code, out, err = cli(capsys, *new_pilot[1:], "--dir", str(root))
    assert code == 0, err
    assert git_out(root, "status", "--porcelain") == ""


def test_the_portfolio_readme_names_raio_monitor_for_production(tmp_path, capsys):
    """The README that raio init writes said "Stage: production (add monitoring.yaml)" and its
    table of commands had no `raio monitor`, while raio check's hint for production is "raio
    monitor APP init writes it": a new RAIO reading the portfolio's README never learnt the
    command that starts monitoring.yaml and records its results and incidents."""
    root = tmp_path / "p"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X")
    assert code == 0, err
    text = (root / "README.md").read_text(encoding="utf-8")
    assert "| `raio monitor APP` |" in text
    assert "raio monitor APP init" in text
    # the walk-through of raio's own README shows it too
    assert any(line[:2] == ["raio", "monitor"] for line in _readme_commands("raio monitor"))


def test_the_pilot_scaffold_says_an_extension_is_written_under_extensions_too(portfolio, capsys):
    """pilot.yaml said "extend (once, back to pilot with a new end)" and "the extension stays
    recorded under extensions (2.)" without saying that extending means writing it there: a RAIO
    who extended with choice: extend and new_end alone, then replaced that decision with the next
    one as the file says, lost the extension without a finding, and the report showed the pilot
    ending on its first end date. The decision block says both steps, and DEC005's fix agrees."""
    code, out, err = pilot(capsys, portfolio, "--id", "pe-triage", "--name", "PE triage")
    assert code == 0, err
    text = (portfolio / "applications" / "pe-triage" / "pilot.yaml").read_text(encoding="utf-8")
    decide = " ".join(line.lstrip("# ") for line in text.split("# 4.", 1)[1].splitlines())
    assert "To extend: write new_end in the decision and add the extension under extensions (2.)" in decide
    from raio_cli.rules import load_all

    assert "add the extension to `extensions`" in " ".join(load_all()["DEC005"].fix.split())


def test_the_retirement_scaffold_says_what_to_write_when_nothing_replaces_it(portfolio, capsys):
    """The retired gate needs retirement.replaced_by, its description says 'another application or
    a description, e.g. "none: back to reading without AI"', but application.yaml said only
    "another application's id, or what takes its place": a RAIO switching an application off
    without a successor left it empty and met "(present and not empty)"."""
    code, out, err = pilot(capsys, portfolio, "--id", "pe-triage", "--name", "PE triage")
    assert code == 0, err
    text = (portfolio / "applications" / "pe-triage" / "application.yaml").read_text(encoding="utf-8")
    [line] = [l for l in text.splitlines() if l.startswith("#   replaced_by:")]
    assert '"none: back to reading without AI"' in line


def test_the_application_scaffold_shows_the_algorithm_registers_texts(portfolio, capsys):
    """raio export --format algoritmeregister names what the register still needs under
    application.yaml public, but the scaffold had no public block: a user learned its keys only
    from raio schema. It has them now, commented out, every key the schema knows; filled in and
    uncommented they are a valid dossier, and the export no longer misses them."""
    import re

    import yaml

    from raio_cli import exports, portfolio as pf_mod, schema

    code, out, err = pilot(capsys, portfolio, "--id", "pe-triage", "--name", "PE triage")
    assert code == 0, err
    path = portfolio / "applications" / "pe-triage" / "application.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^# public:\n((?:#   .*\n)+)", text, flags=re.M).group(1)
    keys = re.findall(r"^#   (\w+):", block, flags=re.M)
    assert sorted(keys) == sorted(schema.load_schema("application")["properties"]["public"]["properties"])
    filled = {key: "Texts for the public." for key in keys}
    filled.update(publication_category="hoog-risico AI-systeem", contact="ai@noorderzon.example",
                  url="https://noorderzon.example/ai")
    data = yaml.safe_load(text)
    data["public"] = filled
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert [f for f in schema.validate(pf_mod.load(portfolio).app("pe-triage").docs["application"], "application",
                                       "pe-triage")] == []
    record = exports.register_record(pf_mod.load(portfolio).app("pe-triage"))
    assert not {"description_short", "goal", "contact_email", "website"} & set(record["missing"]), record["missing"]

def test_the_portfolio_readme_links_to_no_package_index(tmp_path, capsys):
    """The README that raio init writes linked raio to pypi.org/project/raio, a package index raio
    is not installed from (init's own note says where CI installs it from: RAIO_PACKAGE, empty
    after an install from a folder): a reader who followed the link met whatever holds that name
    there."""
    root = tmp_path / "p"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X")
    assert code == 0, err
    text = (root / "README.md").read_text(encoding="utf-8")
    assert "pypi.org" not in text
    assert "checked by raio" in text


def test_init_without_commit_says_to_commit_before_rendering_a_memo(tmp_path, capsys):
    """Without --commit, raio init's "Next:" pointed only at raio new-pilot; the portfolio's files
    stayed uncommitted and every memo came out a DRAFT."""
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--organisation", "X")
    assert code == 0, err
    assert "git add -A && git commit" in out
    assert "DRAFT" in out
    code, out, err = cli(capsys, "init", str(tmp_path / "q"), "--no-input", "--organisation", "X", "--commit")
    assert code == 0, err
    assert "git add -A" not in out


def test_the_pilot_template_shows_every_field_of_the_decision(portfolio, capsys):
    """The memo's sign-off reads "Informed: not given", DEC002 asks for an override_rationale and
    an extension needs its new end, but the decision block of pilot.yaml showed none of these
    keys: a RAIO filling in the file by hand could not find where they go. Uncommented, the block
    holds every field the schema allows, and it validates."""
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Fracture detection ED")
    assert code == 0, err
    path = portfolio / "applications" / "fracture-ed" / "pilot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# decision:")
    block = []
    for line in lines[start:]:
        if not line.startswith("# ") or (block and not line.startswith("#   ")):
            break
        block.append(line[2:])
    # new_end (an extension's only) is commented twice: uncommenting the block leaves it out
    block = [b.replace("# new_end:", "new_end:", 1) for b in block]
    data = yaml.safe_load("\n".join(block))["decision"]
    schema = json.loads((ROOT / "schemas" / "pilot.schema.json").read_text(encoding="utf-8"))
    assert set(data) == set(schema["properties"]["decision"]["properties"])
    text = "\n".join(lines)
    assert "recommend" in text[text.index("# 4."):]  # says how a recommendation goes to the board


def test_the_application_template_shows_every_field_of_the_retirement(portfolio, capsys):
    """A stop after scale-up is recorded in application.yaml's retirement, with who decided it
    and when (the memo of a retired application shows them as the decision taken, MON017 asks
    for decided_by), but the template showed no retirement at all. Uncommented, the block holds
    every field the schema allows, and it validates."""
    from raio_cli.schema import validate
    from raio_cli.yamlio import load_bytes

    code, out, err = pilot(capsys, portfolio, "--id", "fracture-ed", "--name", "Fracture detection ED")
    assert code == 0, err
    path = portfolio / "applications" / "fracture-ed" / "application.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# retirement:")
    block = [lines[start][2:]] + [line[2:] for line in lines[start + 1:] if line.startswith("#   ")]
    data = yaml.safe_load("\n".join(block))["retirement"]
    schema = json.loads((ROOT / "schemas" / "application.schema.json").read_text(encoding="utf-8"))
    assert set(data) == set(schema["properties"]["retirement"]["properties"])
    loaded = load_bytes(("id: fracture-ed\nname: F\nstage: retired\n" + "\n".join(block)).encode("utf-8"),
                        "application.yaml")
    assert validate(loaded, "application") == []


@pytest.mark.parametrize("direct_url, spec", [
    (None, "raio==0.1.0"),  # from a package index: pip writes no direct_url.json
    ('{"url": "https://git.example.org/tools/raio.git", "vcs_info": {"vcs": "git", "commit_id": "0123abcd0123abcd0123abcd0123abcd0123abcd", "requested_revision": "v0.1.0"}}',
     "raio @ git+https://git.example.org/tools/raio.git@0123abcd0123abcd0123abcd0123abcd0123abcd"),
    ('{"url": "https://ci:s3cret@git.example.org/tools/raio.git", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}',
     "raio @ git+https://git.example.org/tools/raio.git@0123abcd"),  # a token never lands in a committed file
    ('{"url": "ssh://git@git.example.org/tools/raio.git", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}',
     "raio @ git+ssh://git@git.example.org/tools/raio.git@0123abcd"),
    ('{"url": "https://pkgs.example.org/raio-0.1.0-py3-none-any.whl", "archive_info": {}}',
     "raio @ https://pkgs.example.org/raio-0.1.0-py3-none-any.whl"),
    ('{"url": "file:///home/raio/src/raio", "dir_info": {"editable": true}}', None),  # a folder CI cannot reach
    ('{"url": "file:///tmp/raio-0.1.0.tar.gz", "archive_info": {}}', None),
    ('{"url": "https://hg.example.org/raio", "vcs_info": {"vcs": "hg", "commit_id": "abc"}}', None),
    ('{"url": "https://git.example.org/raio", "vcs_info": {"vcs": "git", "commit_id": "--upload-pack=x"}}', None),
    ('{"url": "https://git.example.org/r aio", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}', None),
    ("not json", None),
    ("[]", None),
])
def test_the_ci_file_installs_raio_from_where_it_was_installed(direct_url, spec):
    """raio init wrote `pip install raio` into every CI file: raio is installed from a clone, and a
    package named raio on PyPI would be someone else's code running in the hospital's CI."""
    assert scaffold.spec_from_direct_url(direct_url, "0.1.0") == spec
    if spec is not None:
        for ci, (_rel, template) in scaffold.CI_FILES.items():
            data = yaml.safe_load(scaffold.ci_text(template, spec))
            variables = (next(s for s in data["jobs"]["raio"]["steps"] if s.get("name") == "Install raio")["env"]
                         if ci == "github" else data["raio-check"]["variables"])
            assert variables["RAIO_PACKAGE"] == spec


@pytest.mark.parametrize("url, spec", [
    # a password in an ssh address is left out; the user name (git@) is how ssh logs in
    ("ssh://git:hunter2@git.example.org/raio.git", "raio @ git+ssh://git@git.example.org/raio.git@0123abcd"),
    # a user name with an @ of its own: the whole user part goes, up to the host
    ("https://a@b:tok@git.example.org/raio.git", "raio @ git+https://git.example.org/raio.git@0123abcd"),
    ("https://ci:tok@git.example.org:8443/raio.git", "raio @ git+https://git.example.org:8443/raio.git@0123abcd"),
    # a token in the query or fragment: CI gets nothing rather than the token in a committed file
    ("https://git.example.org/raio.git?private_token=glpat-s3cret", None),
    ("https://git.example.org/raio.git#s3cret", None),
    # GitHub evaluates ${{ }} in an env value, GitLab expands $VARIABLE in variables: either would
    # hand a secret to whoever serves that address
    ("https://git.example.org/${{secrets.DEPLOY_KEY}}/raio.git", None),
    ("https://git.example.org/$CI_JOB_TOKEN/raio.git", None),
    ("https://git.example.org/raio.git\\`id`", None),
    ("https://git.example.org/ra\u0131o.git", None),
    ("https://[::1/raio.git", None),
    ("https://ci:tok@[fd00::1]:8443/raio.git", "raio @ git+https://[fd00::1]:8443/raio.git@0123abcd"),
])
def test_the_ci_file_never_carries_a_secret_or_an_expression_from_the_install_address(url, spec):
    """The install address in direct_url.json goes into a committed CI file: a password, a token
    in the query or an expression GitHub or GitLab would evaluate must not reach it."""
    assert scaffold.spec_from_direct_url(json.dumps({"url": url, "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}), "0.1.0") == spec


@pytest.mark.parametrize("ci, name", [("github", ".github/workflows/raio.yml"), ("gitlab", ".gitlab-ci.yml")])
def test_a_ci_file_that_cannot_know_where_raio_comes_from_stops_and_says_so(tmp_path, capsys, ci, name):
    """Installed from a folder (as in this test run: an editable install), raio cannot tell CI where
    to install it from: RAIO_PACKAGE stays empty, init says so, and the job's install step fails
    with a message instead of installing whatever a public index calls raio."""
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--ci", ci)
    assert code == 0, err
    assert f"{name} installs raio from RAIO_PACKAGE, left empty" in " ".join((out + err).split())
    text = (tmp_path / "p" / name).read_text(encoding="utf-8")
    assert "pip install raio" not in text and scaffold.PACKAGE_MARK not in text
    data = yaml.safe_load(text)
    if ci == "github":
        step = next(s for s in data["jobs"]["raio"]["steps"] if s.get("name") == "Install raio")
        env, script = step["env"], step["run"]
    else:
        env, script = data["raio-check"]["variables"], "\n".join(data["raio-check"]["before_script"])
    assert env["RAIO_PACKAGE"] == ""
    proc = subprocess.run(["sh", "-c", script], env=dict(os.environ, RAIO_PACKAGE=""), capture_output=True, text=True)
    assert proc.returncode == 1 and "Set RAIO_PACKAGE" in proc.stdout
    example = ROOT / "examples" / "ci" / ("github-workflow.yml" if ci == "github" else "gitlab-ci.yml")
    assert text.splitlines()[1:] == example.read_text(encoding="utf-8").splitlines()[1:]  # the example is what init writes


def test_a_ci_file_installing_from_an_index_says_which_index(tmp_path, capsys, monkeypatch):
    """Installed from a package index, raio init pins the version; pip in CI asks PyPI unless told
    otherwise, so init says how to point it at the organisation's own index."""
    monkeypatch.setattr(scaffold, "install_spec", lambda: "raio==0.1.0")
    code, out, err = cli(capsys, "init", str(tmp_path / "p"), "--no-input", "--ci", "gitlab")
    assert code == 0, err
    said = " ".join((out + err).split())
    assert ".gitlab-ci.yml installs raio==0.1.0 from the package index pip uses in CI" in said and "PIP_INDEX_URL" in said
    job = yaml.safe_load((tmp_path / "p" / ".gitlab-ci.yml").read_text(encoding="utf-8"))["raio-check"]
    assert job["variables"]["RAIO_PACKAGE"] == "raio==0.1.0"


def test_a_today_that_is_not_on_the_calendar_says_what_is_wrong_with_it(capsys, portfolio):
    """--today 2026-02-31 has the form YYYY-MM-DD; the hint 'Write it as YYYY-MM-DD' did not help."""
    code, out, err = pilot(capsys, portfolio, "--id", "bad-day", "--name", "B", "--today", "2026-02-31")
    assert code == 2 and "--today '2026-02-31' is not a date: that month has 28 days" in err
    assert "Correct the day, e.g. 2026-02-28." in err and "YYYY-MM-DD" not in err
    code, out, err = pilot(capsys, portfolio, "--id", "bad-day", "--name", "B", "--today", "next week")
    assert code == 2 and "--today 'next week' is not a date" in err and "YYYY-MM-DD" in err
    assert not (portfolio / "applications/bad-day").exists()


def test_uncommenting_the_template_s_decision_block_leaves_new_end_out(capsys, portfolio):
    """pilot.yaml teaches "remove the '# '"; doing so for the whole decision block made a scale-up
    decision carry `new_end: 2026-12-31`, which belongs to an extension only. The line stays a
    comment until the RAIO removes its second '# ' for an extension; the other lines are live."""
    code, out, err = pilot(capsys, portfolio, "--id", "block-app", "--name", "B")
    assert code == 0, err
    path = portfolio / "applications/block-app/pilot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# decision:")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("#   ")), len(lines))
    lines[start:end] = [line.replace("# ", "", 1) for line in lines[start:end]]
    decision = yaml.safe_load("\n".join(lines))["decision"]
    assert decision["choice"] == "scale-up" and "override_rationale" in decision
    assert "new_end" not in decision
    extend = [line.replace("# ", "", 1) if line.lstrip().startswith("# new_end:") else line for line in lines]
    assert "new_end" in yaml.safe_load("\n".join(extend))["decision"]


def test_an_id_with_capitals_or_spaces_is_answered_with_the_id_it_could_be(portfolio, capsys, monkeypatch):
    """'My App' was refused for its 'M' (U+004D) and nothing more; the user had to work out the slug.
    The refusal now offers it, from the options and from the questions alike."""
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    code, out, err = pilot(capsys, portfolio, "--id", "My App", "--name", "M")
    assert code == 2 and "e.g. --id my-app" in err
    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    monkeypatch.chdir(portfolio)
    answers = ["Stroke triage", "Stroke LVO", "stroke-lvo", *SKIP_TO_EFFECTS, ""]
    result = CliRunner().invoke(app, ["new-pilot"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "That id cannot be used: it contains the character 'S' (U+0053)" in result.output
    assert "did you mean stroke-lvo?" in result.output
    assert (portfolio / "applications/stroke-lvo/application.yaml").is_file()


def test_answers_piped_into_new_pilot_are_not_read_and_the_error_says_why(portfolio, capsys, monkeypatch):
    """`printf 'Fracture detection\\n' | raio new-pilot` stopped with 'missing --id' alone: the user
    who piped answers was not told that raio asks its questions only in a terminal."""
    import io

    monkeypatch.chdir(portfolio)
    monkeypatch.setattr("sys.stdin", io.StringIO("Fracture detection\nfracture-ed\n"))
    code, out, err = cli(capsys, "new-pilot")
    assert code == 2 and "missing --id" in err and "standard input is not a terminal" in err
    code, out, err = cli(capsys, "new-pilot", "--no-input")
    assert code == 2 and "missing --id" in err and "standard input is not a terminal" not in err
    assert not any((portfolio / "applications").glob("*/application.yaml"))


def test_end_of_input_halfway_through_the_questions_says_nothing_was_written(portfolio, monkeypatch):
    """Ctrl-D at a question printed typer's bare 'Aborted.': the user could not tell whether a
    half dossier had been left behind."""
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    monkeypatch.chdir(portfolio)
    result = CliRunner().invoke(app, ["new-pilot"], input="Fracture detection\n\n")
    assert result.exit_code == 1
    assert "stopped before every question was answered; nothing was written" in result.output
    assert "Aborted" not in result.output
    assert list((portfolio / "applications").iterdir()) == [portfolio / "applications/.gitkeep"]
    result = CliRunner().invoke(app, ["init", "other"], input="")
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not (portfolio / "other").exists()


def _scaffolded_pilot_with_its_plan(capsys, portfolio) -> tuple[Path, list[str]]:
    """A pilot scaffolded on 31 January 2026 whose example plan (1 March to 31 August 2026) is
    uncommented: pilot.yaml's path and lines."""
    code, out, err = pilot(capsys, portfolio, "--id", "ended-app", "--name", "E", "--stage", "pilot",
                           "--today", "2026-01-31")
    assert code == 0, err
    path = portfolio / "applications/ended-app/pilot.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# plan:")
    for i in range(start, start + 8):
        lines[i] = lines[i].replace("# ", "", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


def test_the_pilot_ended_hint_says_where_the_outcome_goes_in_the_scaffolded_file(capsys, portfolio):
    """DAT002 said 'Fill in outcome.results' at plan.end's line; the outcome block of the scaffolded
    pilot.yaml is commented out further down, and the hint did not say which lines to uncomment."""
    path, lines = _scaffolded_pilot_with_its_plan(capsys, portfolio)
    outcome = lines.index("# outcome:") + 1
    results = lines.index("#   results:") + 1
    found = [f for f in run_check(portfolio, today="2026-09-30").findings if f.code == "DAT002"]
    assert len(found) == 1, found
    extensions = lines.index("extensions: []") + 1
    entry = "{end: YYYY-MM-DD, reason: REASON, date: YYYY-MM-DD, by: WHO}"
    assert found[0].hint == (f"Fill in outcome.results in pilot.yaml: remove the '# ' in front of outcome: (line "
                             f"{outcome}) and results: (line {results}) and give each pre-registered effect a "
                             "result (- effect: ID, with observed and n, or counts) or a missing_reason; or, to "
                             f"extend the pilot once, replace the extensions: of line {extensions} with extensions: "
                             f"[{entry}].")


def test_the_pilot_ended_hint_says_how_to_extend_it_once_and_typed_so_it_is_extended(capsys, portfolio):
    """DAT002 ended "or decide to extend once": not where an extension is written, nor how. It
    says which line to replace with the entry; done as it reads, DAT002 is gone and pilot.yaml
    reads clean. Once the policy's extensions are used up, it no longer offers one."""
    path, lines = _scaffolded_pilot_with_its_plan(capsys, portfolio)
    (f,) = [f for f in run_check(portfolio, today="2026-09-30").findings if f.code == "DAT002"]
    m = re.search(r"or, to extend the pilot once, replace the extensions: of line (\d+) with (extensions: \[.*\])\.$",
                  f.hint)
    assert m, f.hint
    n, typed = int(m.group(1)), m.group(2)
    for placeholder, value in (("end: YYYY-MM-DD", "end: 2026-11-30"), ("REASON", "too few fractures at night"),
                               ("date: YYYY-MM-DD", "date: 2026-09-30"), ("WHO", "AI board")):
        typed = typed.replace(placeholder, value)
    assert lines[n - 1] == "extensions: []"
    lines[n - 1] = typed
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_check(portfolio, today="2026-09-30")
    rel = "applications/ended-app/pilot.yaml"
    assert [g.code for g in result.findings if g.file == rel and g.code[:3] in ("DAT", "YML", "SCH", "DEC")] == []
    (f,) = [f for f in run_check(portfolio, today="2026-12-05").findings if f.code == "DAT002"]
    assert "extend" not in f.hint, f.hint  # the one extension the policy allows is used


# --------------------------------------------------------------------------------------------
# The questions of raio new-pilot, answered oddly

#: Empty answers to the fifteen questions between the id and the effects (the stage, vendor ...
#: stays_with_radiologist, with no owner, so no role is asked; the stage takes its default, the
#: first, so since when is not asked; the MDR class takes its default, whether it is built
#: in-house is left open).
SKIP_TO_EFFECTS = [""] * 15


def ask_new_pilot(portfolio, monkeypatch, answers, *args):
    """raio new-pilot as in a terminal (as the tests above), the answers typed one per line."""
    from typer.testing import CliRunner

    import raio_cli.commands.scaffold as command
    from raio_cli.cli import app

    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    monkeypatch.chdir(portfolio)
    return CliRunner().invoke(app, ["new-pilot", *args], input="\n".join(answers) + "\n")


def test_an_effect_option_that_cannot_be_used_says_why_as_the_question_does(portfolio, capsys):
    """'--effect benefit' was refused as not saying its kind, which it says: what it lacks is a
    description. '--effect harm:x' did not say which kind was wrong. The refusal gives the
    reason the interactive question gives, and the example."""
    for given, reason in (("benefit", "it has no description after the kind"),
                          ("harm:x", "its kind 'harm' is neither benefit nor guardrail"),
                          ("fewer misses", "it does not start with its kind, benefit: or guardrail:"),
                          ("guardrail:  ", "it has no description after the kind")):
        code, _out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--effect", given)
        err = " ".join(err.split())
        assert code == 2 and f"cannot be used: {reason}" in err and "--effect \"benefit:fewer missed" in err, (given, err)
    assert not (portfolio / "applications/abc").exists()


def test_interactive_new_pilot_asks_for_the_effects_as_effect_takes_them(portfolio, capsys, monkeypatch):
    """The questions never asked for the expected effects, the heart of pre-registration: only
    --effect could give them. Now they are asked one by one after the others, in --effect's
    syntax with an example; a malformed one is asked again with the reason, and effects.yaml is
    exactly what --effect writes."""
    effects = ['benefit: Fewer "missed" fractures: # at night', "Guardrail:No extra reading time",
               "benefit:Fewer recalls"]
    result = ask_new_pilot(portfolio, monkeypatch, ["Fracture detection", "fracture-ed", *SKIP_TO_EFFECTS,
                                                    "fewer misses", "harm:less work", "benefit:   ", *effects, ""])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "as KIND:TEXT, KIND being benefit or guardrail, e.g. benefit:" in said
    assert "That effect cannot be used: it does not start with its kind, benefit: or guardrail:" in said
    assert "That effect cannot be used: its kind 'harm' is neither benefit nor guardrail" in said
    assert "That effect cannot be used: it has no description after the kind" in said
    code, out, err = pilot(capsys, portfolio, "--id", "fracture-flags", "--name", "Fracture detection",
                           *[x for e in effects for x in ("--effect", e)])
    assert code == 0, err
    asked = (portfolio / "applications/fracture-ed/effects.yaml").read_text(encoding="utf-8")
    assert asked == (portfolio / "applications/fracture-flags/effects.yaml").read_text(encoding="utf-8")
    assert [e["id"] for e in yaml.safe_load(asked)["effects"]] == ["E1", "G1", "E2"]


def test_interactive_new_pilot_asks_the_version_mdr_class_and_hosting(portfolio, monkeypatch):
    """The questions skipped the software version, the MDR class and the hosting, which decide
    the checklist the pilot gate holds the dossier to (and which --version, --mdr-class and
    --hosting give). Now each is asked, a wrong class or hosting again with the allowed values,
    and '-' or an empty answer leaves a question open. The MDR class has no default: it offered
    IIa, and a user pressing Enter wrote a regulatory claim nobody had checked (the class decides
    the AI Act risk and the checklist). The question says where Rule 11 usually puts such
    software and where to read the class; an empty answer writes none, and the checklist counts
    the application as high-risk until the class is stated."""
    before = ["Fracture detection", "fracture-ed", "", "", "", ""]  # name, id, stage, vendor, product, version
    result = ask_new_pilot(portfolio, monkeypatch, ["Fracture detection", "fracture-ed", "", "Ossa", "BoneSight", "3.10",
                                                    "", "", "", "", "iib", "", "clouds", "Cloud", *[""] * 4, ""])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Software version" in said and "MDR class (I, IIa, IIb, III or none" in said and "[IIa]" not in said
    assert "declaration of conformity" in said
    assert "Did you mean cloud? Answer one of: on-premise, cloud, vendor-platform or hybrid (or - to leave it open)." \
        in said
    app_data = yaml.safe_load((portfolio / "applications/fracture-ed/application.yaml").read_text(encoding="utf-8"))
    assert app_data["version"] == "3.10"
    assert app_data["regulatory"]["mdr_class"] == "IIb" and app_data["integration"] == {"hosting": "cloud"}
    compliance = (portfolio / "applications/fracture-ed/compliance.yaml").read_text(encoding="utf-8")
    assert "processor-agreement" in compliance  # cloud hosting: the processor agreement applies
    # the defaults: an empty answer states no class, and leaves version and hosting out; '-' too
    result = ask_new_pilot(portfolio, monkeypatch, [*before[:1], "default-app", *before[2:], *[""] * 11, ""])
    assert result.exit_code == 0, result.output
    app_data = yaml.safe_load((portfolio / "applications/default-app/application.yaml").read_text(encoding="utf-8"))
    assert "regulatory" not in app_data and "version" not in app_data and "integration" not in app_data
    compliance = (portfolio / "applications/default-app/compliance.yaml").read_text(encoding="utf-8")
    assert "ai-literacy" in compliance and "human-oversight" in compliance  # no class: the deployer duties apply
    result = ask_new_pilot(portfolio, monkeypatch, [*before[:1], "skipped-app", *before[2:], "", "", "", "", "-",
                                                    *[""] * 6, ""])
    assert result.exit_code == 0, result.output
    app_data = yaml.safe_load((portfolio / "applications/skipped-app/application.yaml").read_text(encoding="utf-8"))
    assert "regulatory" not in app_data
    # an option given is not asked again
    result = ask_new_pilot(portfolio, monkeypatch, ["Fracture detection", "flag-app", "", "", "", *[""] * 9, ""],
                           "--version", "2.0", "--mdr-class", "I", "--hosting", "on-premise")
    assert result.exit_code == 0, result.output
    assert "Software version" not in result.output and "MDR class (" not in result.output
    app_data = yaml.safe_load((portfolio / "applications/flag-app/application.yaml").read_text(encoding="utf-8"))
    assert (app_data["version"], app_data["regulatory"]["mdr_class"], app_data["integration"]["hosting"]) == \
        ("2.0", "I", "on-premise")


def test_new_pilot_with_piped_input_states_no_mdr_class_unless_the_option_gives_one(portfolio):
    """Answers piped into raio new-pilot (a script, CI) are no terminal: nothing is asked, and no
    MDR class is written unless --mdr-class gives one; the class given is written as given."""
    env = dict(os.environ, NO_COLOR="1")
    for app_id, extra, written in (("piped-app", [], None), ("classed-app", ["--mdr-class", "iib"], "IIb")):
        proc = subprocess.run([sys.executable, "-m", "raio_cli", "new-pilot", "--dir", str(portfolio), "--id", app_id,
                               "--name", app_id, *extra], input="\n" * 30, capture_output=True, text=True, env=env,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "MDR class (" not in proc.stdout + proc.stderr
        data = yaml.safe_load((portfolio / f"applications/{app_id}/application.yaml").read_text(encoding="utf-8"))
        assert (data.get("regulatory") or {}).get("mdr_class") == written, app_id


def test_an_empty_required_answer_is_asked_again_saying_why(portfolio, monkeypatch):
    """An empty name (or, with no id to suggest, an empty id) was asked again without a word."""
    result = ask_new_pilot(portfolio, monkeypatch, ["", "   ", "!!!", "", "abc-def", *SKIP_TO_EFFECTS, ""])
    assert result.exit_code == 0, result.output
    assert result.output.count("A name is needed: it heads every memo and report") == 2
    assert result.output.count("An id is needed: it names the application's folder") == 1
    assert (portfolio / "applications/abc-def/application.yaml").is_file()


def test_odd_answers_are_asked_again_with_the_reason_and_the_rest_survive_yaml(portfolio, monkeypatch):
    """A BSN typed at a question was taken, echoed back in full as the suggested id
    ('[patient-111222333]'), and the whole dossier refused only after the last question; a
    20,001-character answer likewise. Now each is asked again at once, the reason masked; answers
    full of YAML syntax come back exactly as typed, and raio check finds no error."""
    long_text = "word " * 4001
    specials = {"vendor": "- {a: b} &a *a | > %", "statement": "key: value # not a comment",
                "for_whom": "- item", "stays_with_radiologist": "!!python/object/apply:os.system ['ls']"}
    answers = ["Patient 111222333", "Fracture: # detection", "pat-111222333", "fracture-ed", "",
               "Vendor 111.222.333", specials["vendor"], "", "", "", "", "", "", "", "", "",
               long_text, specials["statement"], specials["for_whom"], "Call 123456782", "{} & [] !!str", "",
               specials["stays_with_radiologist"],
               "benefit:fewer recalls of 111222333", "guardrail:&a *a: {x}", ""]
    result = ask_new_pilot(portfolio, monkeypatch, answers)
    assert result.exit_code == 0, result.output
    out = result.output.replace(long_text, "")
    # the terminal shows what was typed once; raio itself never repeats an identifier
    assert out.count("111222333") == 3 and out.count("111.222.333") == 1 and out.count("123456782") == 1
    assert out.count("That answer cannot be used: the answer holds a BSN") == 3  # name, vendor, alternative
    assert "That id cannot be used: the id holds a BSN" in out
    assert "That effect cannot be used: the effect holds a BSN" in out
    assert "the answer is 20005 characters long; the limit is 20000" in out
    folder = portfolio / "applications/fracture-ed"
    app_data = yaml.safe_load((folder / "application.yaml").read_text(encoding="utf-8"))
    problem = yaml.safe_load((folder / "problem.yaml").read_text(encoding="utf-8"))
    effects = yaml.safe_load((folder / "effects.yaml").read_text(encoding="utf-8"))["effects"]
    assert app_data["name"] == "Fracture: # detection" and app_data["vendor"] == specials["vendor"]
    for key in ("statement", "for_whom", "stays_with_radiologist"):
        assert problem[key] == specials[key]
    assert problem["alternatives"] == [{"option": "{} & [] !!str"}]
    assert [e["description"] for e in effects] == ["&a *a: {x}"]
    result = run_check(portfolio, today=TODAY)
    assert [f for f in result.findings if str(f.severity) == "error"] == []


def test_an_answer_that_is_not_utf8_is_asked_again_in_a_real_terminal(portfolio):
    """Bytes that are not UTF-8 typed at a question were read as text with surrogates, every
    question was asked, and then the whole dossier was refused (or, where the locale decodes
    strictly, the questions stopped with a UnicodeDecodeError). Now that answer is asked again,
    in a real pseudo-terminal."""
    pty = pytest.importorskip("pty")
    import select

    answers = [b"Tool \xff\xfe x", b"Fracture detection", b"fracture-ed", *[b""] * len(SKIP_TO_EFFECTS), b"benefit:fewer \xc3\x28 misses",
               b"benefit:fewer misses", b""]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(portfolio)
        os.execve(sys.executable, [sys.executable, "-m", "raio_cli", "new-pilot"], env)
    os.write(fd, b"\r".join(answers) + b"\r")
    out = b""
    while True:
        if not select.select([fd], [], [], 60)[0]:  # still waiting for an answer: stop it, and fail below
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert text.count("That answer cannot be used: the answer is not valid text (it holds bytes that are not UTF-8)") == 1
    assert "That effect cannot be used: the effect is not valid text" in text
    app_data = yaml.safe_load((portfolio / "applications/fracture-ed/application.yaml").read_text(encoding="utf-8"))
    assert app_data["name"] == "Fracture detection"
    effects = yaml.safe_load((portfolio / "applications/fracture-ed/effects.yaml").read_text(encoding="utf-8"))
    assert [e["description"] for e in effects["effects"]] == ["fewer misses"]


@pytest.mark.parametrize("given, steps", [
    (COMPLETE, ["Pre-register the effects in applications/abc/effects.yaml", "Check: raio check applications/abc"]),
    (["--statement", "Missed fractures", "--effect", "benefit:fewer misses", "--effect", "guardrail:no delay"],
     ["Describe the problem in applications/abc/problem.yaml: for_whom, alternatives (non-AI ones included), "
      "stays_with_radiologist.",
      "Complete the effects E1, G1 in applications/abc/effects.yaml",
      "Fill in applications/abc/application.yaml: owner.name, intended_use.",
      "Check: raio check applications/abc"]),
])
def test_next_steps_name_only_what_is_still_to_do_with_file_and_key(portfolio, capsys, monkeypatch, given, steps):
    """'1. Describe the problem ...' was printed even when the answers had filled problem.yaml, and
    '2. Pre-register the effects' even when they were given. Now only what is left is listed,
    numbered, each step naming the file and the keys."""
    monkeypatch.chdir(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", *given)
    assert code == 0, err
    after = " ".join(out.split("Next:", 1)[1].split())
    assert [s.split(". ", 1)[1][:len(w)] for s, w in zip(re.split(r" (?=\d\. )", after), steps)] == steps
    assert len(re.findall(r"(?:^| )\d\. ", after)) == len(steps)
    if given is COMPLETE:
        assert "Describe the problem" not in out and "problem.yaml" not in after


def test_next_steps_of_a_dossier_whose_pilot_has_begun_say_what_an_adopting_hospital_can_do(portfolio, capsys,
                                                                                                monkeypatch):
    """A hospital taking raio up scaffolds a pilot that has run for months with its effects: the
    Next: steps said only 'Commit them before plan.start', which has passed, named the effects'
    missing keys twice (a step of their own and a 'Fill in effects.yaml: effects[0].metric, ...'
    one), and never asked when the stage began, so raio status counted the days in stage from
    today. They now say what to do once plan.start has passed (post_hoc, REG001), ask for
    stage_since, and name the effects once; a proposal's steps are as before."""
    monkeypatch.chdir(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "pilot",
                           "--effect", "benefit:shorter door-to-groin time", "--effect", "guardrail:false alerts")
    assert code == 0, err
    after = " ".join(out.split("Next:", 1)[1].split())
    assert "Complete the effects E1, G1 in applications/abc/effects.yaml" in after
    assert "if it has passed, effects committed now are not pre-registered: mark each post_hoc: true " \
           "(raio rule REG001)." in after
    assert "Write stage_since in applications/abc/application.yaml: the date the application entered stage pilot" \
        in after
    assert "effects[0]" not in after and after.count("effects.yaml") == 1
    code, out, err = pilot(capsys, portfolio, "--id", "abd", "--name", "B")
    after = " ".join(out.split("Next:", 1)[1].split())
    assert code == 0 and "stage_since" not in after and "post_hoc" not in after


def test_stage_since_given_to_new_pilot_is_written_and_the_days_in_stage_count_from_it(portfolio, capsys, monkeypatch):
    """An application in use for two years, brought into the portfolio: new-pilot had no way to
    say since when, so the RAIO edited application.yaml by hand after scaffolding (or raio status
    counted its days in production from the commit). --stage-since writes stage_since; a date
    that is none, or one after today, is refused with nothing written."""
    monkeypatch.chdir(portfolio)
    for bad, said in (("2024-13-01", "--stage-since '2024-13-01' is not a date"),
                      ("2026-12-01", f"--stage-since 2026-12-01 lies after today ({TODAY})")):
        code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "production",
                               "--stage-since", bad, "--today", TODAY)
        assert code == 2 and said in " ".join(err.split()), err
        assert not (portfolio / "applications" / "abc").exists()
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "production",
                           "--stage-since", "2024-12-01", "--today", TODAY, "--commit")
    assert code == 0, err
    data = yaml.safe_load((portfolio / "applications" / "abc" / "application.yaml").read_text(encoding="utf-8"))
    assert data["stage"] == "production" and data["stage_since"] == dt.date(2024, 12, 1)
    assert "stage_since" not in " ".join(out.split("Next:", 1)[1].split())
    code, out, err = cli(capsys, "status", str(portfolio), "--today", TODAY, "--format", "json")
    assert code in (0, 1), err
    (row,) = [r for r in json.loads(out)["applications"] if r["id"] == "abc"]
    assert row["days_in_stage"] == (EXAMPLE_TODAY - dt.date(2024, 12, 1)).days
    # without it, the commented example stays, as before
    code, out, err = pilot(capsys, portfolio, "--id", "abd", "--name", "B", "--today", TODAY)
    assert code == 0 and "\n# stage_since: " in (portfolio / "applications" / "abd" / "application.yaml").read_text(encoding="utf-8")


#: Empty answers to the questions after the stage's, the effects' last: vendor ... stays_with_radiologist.
REST_EMPTY = [*SKIP_TO_EFFECTS[1:], ""]


def _asked(portfolio, monkeypatch, args, answers):
    """raio new-pilot as in a terminal on the day TODAY, ``answers`` typed one per line."""
    return ask_new_pilot(portfolio, monkeypatch, answers, "--today", TODAY, *args)


def _stage_lines(app_yaml: Path) -> list[str]:
    return [line for line in app_yaml.read_text(encoding="utf-8").splitlines() if re.match(r"#? ?stage(_since)?:", line)]


def test_the_questions_ask_the_stage_and_since_when_and_ask_again_for_a_wrong_answer(portfolio, monkeypatch):
    """A hospital taking raio up ran the questions for an application in production for two
    years: none asked the stage nor since when, so the dossier was written at stage proposed and
    the RAIO had to know to edit it (--stage and --stage-since exist only as options). The
    questions now ask the stage (the catalog's, in any case, as --stage takes them) and, past the
    first stage, since when (a date as --stage-since takes it); a wrong answer is asked again
    with the reason, and the summary and the Next: steps are those of the stage chosen."""
    result = _asked(portfolio, monkeypatch, ["--commit"],
                    ["Fracture ED", "", "planed", "in gebruik", "moon", " PRODUCTION ",
                     "2024-13-01", "2026-12-01", "123456782", "2024-12-01", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Did you mean planned? Answer one of: proposed, planned, pilot, evaluation, production, stopped or retired." \
        in said
    assert "Did you mean production? Answer one of:" in said  # in gebruik, the Dutch word a memo shows
    assert "That is not a stage. Answer one of:" in said
    assert said.count("Stage (proposed, planned, pilot, evaluation, production, stopped or retired") == 4
    assert "That date cannot be used: '2024-13-01' is not a date: there is no month 13. Correct the month: 01 to 12." \
        in said
    assert f"That date cannot be used: 2026-12-01 lies after today ({TODAY})" in said
    assert "That answer cannot be used: the answer holds a BSN (*******82)" in said
    assert said.count("123456782") == 1  # the terminal's echo of what was typed, no more
    assert said.count("In stage production since (YYYY-MM-DD") == 4
    app_yaml = portfolio / "applications" / "fracture-ed" / "application.yaml"
    assert _stage_lines(app_yaml) == ["stage: production",
                                      "stage_since: 2024-12-01          # the date the application entered this stage"]
    assert "Wrote applications/fracture-ed/ (stage production):" in said
    assert "Stage production still needs (raio check reports these until they are filled in): monitoring.yaml" in said
    assert "Committed: Add fracture-ed: Fracture ED (production)" in said
    after = said.split("Next:", 1)[1]
    assert "raio monitor fracture-ed init" in after and "post_hoc: true" in after and "stage_since" not in after
    assert git_out(portfolio, "log", "-1", "--format=%s").strip() == "Add fracture-ed: Fracture ED (production)"
    # the questions of the problem and the effects speak of the stage chosen: its pilot has begun,
    # so effects written now are not pre-registered (they said 'stage proposed', 'before the pilot starts')
    assert "The problem, before the solution (stage 'production' needs these;" in said
    assert "Its pilot has begun, so effects written now were not pre-registered" in said and "(REG001)" in said
    assert "pre-registered before the pilot starts" not in said and "stage 'proposed'" not in said


def test_a_stage_past_the_first_with_its_date_unknown_is_written_as_stage_alone(portfolio, capsys, monkeypatch):
    """Since when left empty is not known, as --stage without --stage-since: stage_since stays the
    commented example and the Next: steps say to write it. Given as options, the stage and the
    date are not asked; a bad one is refused before the first question."""
    result = _asked(portfolio, monkeypatch, [], ["Lung nodules", "", "pilot", "", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    app_yaml = portfolio / "applications" / "lung-nodules" / "application.yaml"
    assert _stage_lines(app_yaml)[0] == "stage: pilot" and _stage_lines(app_yaml)[1].startswith("# stage_since: ")
    assert "Wrote applications/lung-nodules/ (stage pilot):" in said
    assert "Write stage_since in applications/lung-nodules/application.yaml: the date the application entered " \
           "stage pilot" in said
    # --stage given: only since when is asked; both given: neither
    result = _asked(portfolio, monkeypatch, ["--stage", "Stopped"], ["Bone age", "", "2025-03-01", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    assert "Stage (" not in result.output and "In stage stopped since (YYYY-MM-DD" in result.output
    assert _stage_lines(portfolio / "applications" / "bone-age" / "application.yaml")[:2] == [
        "stage: stopped", "stage_since: 2025-03-01          # the date the application entered this stage"]
    result = _asked(portfolio, monkeypatch, ["--stage", "planned", "--stage-since", "2025-05-05"],
                    ["Knee MRI", "", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # a stage before the pilot: still time to pre-register
    assert "The problem, before the solution (stage 'planned' needs these;" in said
    assert "The expected effects, pre-registered before the pilot starts" in said and "REG001" not in said
    assert "Stage (" not in result.output and "since (YYYY-MM-DD" not in result.output
    assert _stage_lines(portfolio / "applications" / "knee-mri" / "application.yaml")[:2] == [
        "stage: planned", "stage_since: 2025-05-05          # the date the application entered this stage"]
    # --stage-since given alone: the stage is asked, since when not
    result = _asked(portfolio, monkeypatch, ["--stage-since", "2025-06-06"], ["Hip DX", "", "evaluation", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    assert "Stage (" in result.output and "since (YYYY-MM-DD" not in result.output
    assert _stage_lines(portfolio / "applications" / "hip-dx" / "application.yaml")[:2] == [
        "stage: evaluation", "stage_since: 2025-06-06          # the date the application entered this stage"]
    # a bad --stage or --stage-since is refused before the first question, nothing written
    import raio_cli.commands.scaffold as command

    monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
    before = snapshot(portfolio)
    for args, message in ((["--stage", "gepland"], "--stage 'gepland' is not allowed; did you mean planned?"),
                          (["--stage-since", "2026-12-01"], f"--stage-since 2026-12-01 lies after today ({TODAY})"),
                          (["--stage-since", "1 May"], "--stage-since '1 May' is not a date")):
        code, out, err = cli(capsys, "new-pilot", "--today", TODAY, *args)
        assert code == 2 and message in " ".join(err.split()), err
        assert out == ""  # nothing asked
    assert snapshot(portfolio) == before


def test_next_steps_of_a_production_dossier_name_the_command_that_starts_monitoring(portfolio, capsys, monkeypatch):
    """new-pilot --stage production said '3. Write applications/abc/monitoring.yaml.' and no
    more: no template, no command. The step names raio monitor APP init, which writes it, and
    that command does."""
    monkeypatch.chdir(portfolio)
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "production")
    assert code == 0, err
    after = " ".join(out.split("Next:", 1)[1].split())
    assert "Start applications/abc/monitoring.yaml from its template: raio monitor abc init, then fill in its plan." \
        in after, after
    assert "Write applications/abc/monitoring.yaml" not in after
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["monitor", "abc", "init", "--portfolio", str(portfolio)])
    assert exc.value.code == 0 and (portfolio / "applications/abc/monitoring.yaml").is_file()


def test_an_unknown_modality_is_named_in_the_refusal_with_an_identifier_masked(portfolio, monkeypatch):
    """'Unknown modality 111222333' repeated a BSN typed at the modality question in full."""
    result = ask_new_pilot(portfolio, monkeypatch, ["Tool", "tool-a", "", "", "", "", "CT,111222333", "XX", "CT",
                                                    *[""] * 10, ""])
    assert result.exit_code == 0, result.output
    assert "Unknown modality *******33; use DICOM codes" in result.output and "Unknown modality XX;" in result.output
    assert result.output.count("111222333") == 1  # the terminal's echo of what was typed, no more


def test_a_name_without_an_id_is_answered_with_the_id_made_from_that_name(portfolio, capsys, monkeypatch):
    """`raio new-pilot --no-input --name "Longnodules CT"` said 'e.g. --id fracture-detection':
    the interactive flow offers the id made from the name, so the error names that one."""
    monkeypatch.chdir(portfolio)
    code, out, err = cli(capsys, "new-pilot", "--no-input", "--name", "Longnodules CT")
    assert code == 2 and "missing --id" in err and "--id longnodules-ct" in err
    assert "fracture-detection" not in err
    assert not any((portfolio / "applications").glob("*/application.yaml"))


def test_the_hint_for_a_commented_out_block_says_to_uncomment_the_lines_under_it_too(portfolio, capsys):
    """In production GAT002 said "remove the '# ' in front of plan: (line 11) and give it a value"
    for monitoring.yaml, whose plan is a block of commented lines: a user who uncommented plan:
    alone got an empty plan and two new errors. The hint names the lines under it."""
    code, out, err = pilot(capsys, portfolio, "--id", "in-production", "--name", "P", "--stage", "production")
    assert code == 0, err
    code, out, err = cli(capsys, "monitor", "in-production", "init", "--portfolio", str(portfolio))
    assert code == 0, err
    plan = _line_starting(portfolio / "applications/in-production/monitoring.yaml", "# plan:")
    found = [f for f in run_check(portfolio, today=TODAY).findings
             if f.code == "GAT002" and f.file.endswith("monitoring.yaml")]
    assert len(found) == 1, found
    assert found[0].hint.startswith(
        f"Fill in plan in monitoring.yaml: remove the '# ' in front of plan: (line {plan}) and of the lines "
        "under it, and fill them in")
    design = [f for f in run_check(portfolio, today=TODAY).findings if f.message.endswith("pilot.plan.design")]
    assert design[0].hint.startswith("Fill in plan.design in pilot.yaml: remove the '# ' in front of plan: (line ")
    assert "and give it a value" in design[0].hint  # a single value stays worded as before


def test_the_target_or_limit_of_a_scaffolded_effect_points_at_its_commented_out_line(portfolio, capsys):
    """With effects from --effect, moving to planned said "needs effects.effects[0].target|limit
    (E1)" at the effect's `- id:` line with the hint "Fill in effects[0].target or limit (E1) in
    effects.yaml (present and not empty)", while every other missing key of the effect pointed at
    its commented-out line: the `# target:` of the benefit and the `# limit:` of the guardrail."""
    code, out, err = pilot(capsys, portfolio, "--id", "pe-triage", "--name", "PE triage", "--stage", "planned",
                           "--effect", "benefit:faster reports", "--effect", "guardrail:no extra false positives")
    assert code == 0, err
    effects = portfolio / "applications" / "pe-triage" / "effects.yaml"
    lines = effects.read_text(encoding="utf-8").splitlines()
    target = next(i for i, l in enumerate(lines, 1) if l.lstrip().startswith("# target:"))
    limit = next(i for i, l in enumerate(lines, 1) if l.lstrip().startswith("# limit:"))
    found = {f.message.rsplit("(", 1)[-1].rstrip(")"): f for f in run_check(portfolio, today=TODAY).findings
             if f.code == "GAT002" and "target|limit" in f.message}
    assert set(found) == {"E1", "G1"}, found
    assert found["E1"].line == target and found["G1"].line == limit
    assert found["E1"].hint.startswith(f"Fill in effects[0].target or limit (E1) in effects.yaml: remove the '# ' "
                                       f"in front of target: (line {target}) and give it a value")
    assert f"remove the '# ' in front of limit: (line {limit}) and give it a value" in found["G1"].hint


@pytest.fixture
def no_git_identity(monkeypatch):
    """git that does not know who you are, as on a new user's laptop."""
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")  # never guess an identity from the host name
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "user.useConfigOnly")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")


def test_commit_without_a_git_identity_is_refused_before_anything_is_written(tmp_path, capsys, no_git_identity,
                                                                           monkeypatch):
    """`raio init --commit` and `raio new-pilot --commit` on a machine where git does not know the
    user wrote every file and then failed with git's message squeezed into one clipped line, and a
    hint ('Commit it yourself: git add -A && git commit') that failed the same way."""
    target = tmp_path / "portfolio"
    code, out, err = cli(capsys, "init", str(target), "--no-input", "--organisation", "X", "--commit")
    assert code == 2, err
    assert "git does not know who you are" in err
    assert 'git config --global user.name "' in err and 'git config --global user.email "' in err
    assert not target.exists() or not any(target.iterdir())
    code, out, err = cli(capsys, "init", str(target), "--no-input", "--organisation", "X")
    assert code == 0, err
    monkeypatch.chdir(target)
    code, out, err = cli(capsys, "new-pilot", "--no-input", "--id", "lung-nodules", "--name", "L", "--commit")
    assert code == 2 and "git does not know who you are" in err
    assert not (target / "applications/lung-nodules").exists()


def test_a_mistyped_choice_is_answered_with_the_value_meant(portfolio, capsys):
    """`--stage planed` and `--task detect` listed every allowed value; the one meant is named."""
    for option, typed, meant in (("--stage", "planed", "planned"), ("--task", "detect", "detection")):
        code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "L", option, typed)
        assert code == 2 and f"{option} '{typed}' is not allowed; did you mean {meant}?" in err, err
        assert "Use one of:" in err
    assert not (portfolio / "applications/lung-nodules").exists()


def test_a_choice_given_in_dutch_is_answered_with_the_value_meant(portfolio, capsys):
    """`--mdr-class geen` or `--stage gepland` (the Dutch words memos show, which raio check
    names in a dossier) only listed the allowed values; the one meant is named."""
    for option, typed, meant in (("--mdr-class", "geen", "none"), ("--stage", "gepland", "planned")):
        code, out, err = pilot(capsys, portfolio, "--id", "lung-nodules", "--name", "L", option, typed)
        assert code == 2 and f"{option} '{typed}' is not allowed; did you mean {meant}?" in err, err
    assert not (portfolio / "applications/lung-nodules").exists()


def test_the_mdr_class_question_answered_in_dutch_names_the_value_meant(portfolio, monkeypatch):
    """Asked for the MDR class, 'geen' was answered with only the list of values."""
    result = ask_new_pilot(portfolio, monkeypatch, ["Fracture detection", "fracture-ed", "", "Ossa", "BoneSight", "3.10",
                                                    "", "", "", "", "geen", "none", "", "", *[""] * 4, ""])
    assert result.exit_code == 0, result.output
    assert "Did you mean none? Answer one of: I, IIa, IIb, III or none (or - to leave it open)." \
        in " ".join(result.output.split())
    app_data = yaml.safe_load((portfolio / "applications/fracture-ed/application.yaml").read_text(encoding="utf-8"))
    assert app_data["regulatory"]["mdr_class"] == "none"


def test_new_pilot_records_whether_the_application_is_built_in_house(portfolio, capsys, monkeypatch):
    """new-pilot asked the version, the MDR class and the hosting, but not whether the application
    is made and used within the hospital (MDR Art 5(5)), which decides the MDR duties: an
    in-house IIa device was written as high-risk through AI Act Art 6(1), with a CE certificate
    to check and no in-house justification to give. --in-house yes|no says it, and the
    questions ask it after the MDR class; an empty answer leaves it open, as before."""
    code, out, err = pilot(capsys, portfolio, "--id", "own-app", "--name", "Own", "--mdr-class", "IIa", "--in-house", "yes")
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/own-app/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"mdr_class": "IIa", "in_house": True}
    compliance = (portfolio / "applications/own-app/compliance.yaml").read_text(encoding="utf-8")
    assert "id: in-house-justification" in compliance and "id: ce-certificate" not in compliance
    code, out, err = pilot(capsys, portfolio, "--id", "bought-app", "--name", "B", "--mdr-class", "IIa",
                           "--in-house", "No")
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/bought-app/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"]["in_house"] is False and app["regulatory"]["ai_act"]["risk"] == "high"
    code, out, err = pilot(capsys, portfolio, "--id", "own-none", "--name", "N", "--in-house", "yes")
    assert code == 0, err
    app = yaml.safe_load((portfolio / "applications/own-none/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"in_house": True}
    code, out, err = pilot(capsys, portfolio, "--id", "own-maybe", "--name", "M", "--in-house", "maybe")
    assert code == 2 and "--in-house 'maybe' is not allowed" in err and "Use one of: yes, no." in err
    assert not (portfolio / "applications/own-maybe").exists()

    before = ["Own detection", "asked-app", "", "", "", "", "", "", "", "", "IIa"]  # name, id, stage ... intended use, class
    result = ask_new_pilot(portfolio, monkeypatch, [*before, "maybe", "yes", *[""] * 5, ""])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Made and used within this hospital (in-house, MDR Art 5(5))?" in said and "Answer yes or no" in said
    app = yaml.safe_load((portfolio / "applications/asked-app/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"mdr_class": "IIa", "in_house": True}
    result = ask_new_pilot(portfolio, monkeypatch, [*before[:1], "open-app", *before[2:], "", *[""] * 5, ""])
    assert result.exit_code == 0, result.output
    app = yaml.safe_load((portfolio / "applications/open-app/application.yaml").read_text(encoding="utf-8"))
    assert "in_house" not in app["regulatory"]
    result = ask_new_pilot(portfolio, monkeypatch, [*before[:1], "flag-own", *before[2:], *[""] * 5, ""],
                           "--in-house", "yes")
    assert result.exit_code == 0, result.output
    assert "Made and used within this hospital" not in result.output  # the option said it
    app = yaml.safe_load((portfolio / "applications/flag-own/application.yaml").read_text(encoding="utf-8"))
    assert app["regulatory"] == {"mdr_class": "IIa", "in_house": True}


@pytest.mark.parametrize("language, basis, lawful", [
    ("nl", "art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIa)",
     "art. 6, lid 1, onder e, en art. 9, lid 2, onder h, AVG"),
    ("en", "Art 6(1) and Annex I (medical device class IIa)", "GDPR Art 6(1)(e) and Art 9(2)(h)"),
])
def test_the_scaffolds_examples_of_a_legal_basis_cite_the_law_in_the_portfolios_language(tmp_path, capsys, language,
                                                                                        basis, lawful):
    """The commented examples of application.yaml's AI Act basis and lawful basis, the values a
    memo quotes, read "Art 6(1) and Annex I (MDR class IIa)" and "GDPR Art 6(1)(e) and Art 9(2)(h)"
    in a Dutch portfolio too, where the example and the Dutch memo write "art. 6, lid 1, onder e,
    AVG"; the AI Act example did not match the catalog's wording, which raio new-pilot fills in
    and CMP012 asks for. They follow the portfolio's language and the catalog now."""
    root = tmp_path / "pf"
    code, out, err = cli(capsys, "init", str(root), "--no-input", "--organisation", "X", "--language", language)
    assert code == 0, err
    for app_id, extra in (("zonder-klasse", ()), ("klasse-i", ("--mdr-class", "I", "--in-house", "no"))):
        code, out, err = pilot(capsys, root, "--id", app_id, "--name", "F", "--stage", "planned", *extra)
        assert code == 0, err
        text = (root / "applications" / app_id / "application.yaml").read_text(encoding="utf-8")
        assert f'basis: ""                     # e.g. "{basis}"' in text, text
        if app_id == "zonder-klasse":
            assert f'lawful_basis: ""                # e.g. {lawful}\n' in text, text
    if language == "nl":
        assert "Art 6(" not in text and "GDPR" not in text


def test_stage_since_in_another_iso_form_is_refused_naming_the_date_to_write(portfolio, capsys, monkeypatch):
    """--stage-since 20241201 and 2024-W01-1 were written as dates (Python 3.11's
    date.fromisoformat reads the basic and the week forms), where a dossier's dates are
    YYYY-MM-DD (the schema's format) and raio check reads no other. Both are refused, as the
    option and as the answer to the question, with the day to write; so is --today 20261115."""
    monkeypatch.chdir(portfolio)
    for typed, hint in (("20241201", "Write it as YYYY-MM-DD: --stage-since 2024-12-01."),
                        ("2024-W01-1", "Write it as YYYY-MM-DD: --stage-since 2024-01-01 (2024-W01-1 read as 1 January 2024)."),
                        ("2024W011", "Write it as YYYY-MM-DD: --stage-since 2024-01-01 (2024W011 read as 1 January 2024).")):
        code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--stage", "production",
                               "--stage-since", typed, "--today", TODAY)
        said = " ".join(err.split())
        assert code == 2 and f"--stage-since '{typed}' is not a date" in said and hint in said, err
    code, out, err = pilot(capsys, portfolio, "--id", "abc", "--name", "A", "--today", "20261115")
    assert code == 2 and "--today '20261115' is not a date" in err and "Write it as YYYY-MM-DD: --today 2026-11-15." in err
    assert not (portfolio / "applications" / "abc").exists()
    # the question asks again, naming the date to write, and takes it written so
    result = _asked(portfolio, monkeypatch, [], ["Hip DX", "", "pilot", "20241201", "2024-W01-1", "2024-12-01", *REST_EMPTY])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "That date cannot be used: '20241201' is not a date. Write it as YYYY-MM-DD: 2024-12-01." in said
    assert "That date cannot be used: '2024-W01-1' is not a date. Write it as YYYY-MM-DD: 2024-01-01 " \
           "(2024-W01-1 read as 1 January 2024)." in said
    assert said.count("In stage pilot since (YYYY-MM-DD") == 3
    assert _stage_lines(portfolio / "applications" / "hip-dx" / "application.yaml")[:2] == [
        "stage: pilot", "stage_since: 2024-12-01          # the date the application entered this stage"]


def test_the_stage_since_question_and_option_refuse_a_date_with_one_reason_and_hint(portfolio, capsys, monkeypatch):
    """The question's check of since when and the option's were twins, worded apart (the
    question: '2026-12-01 lies after today (...); a stage still ahead is not the stage it is
    in' and its own hint). One check words both: the reason and the hint the option is refused
    with are the question's, the option named in the hint of a date written otherwise."""
    import raio_cli.commands.scaffold as command

    for typed in ("2026-12-01", "2024-13-01", "1 May", "01-12-2024"):
        monkeypatch.setattr(command, "_interactive", lambda no_input: not no_input)
        code, out, err = cli(capsys, "new-pilot", "--dir", str(portfolio), "--today", TODAY, "--stage", "pilot",
                             "--stage-since", typed)
        assert code == 2 and out == "", err  # refused before the first question
        message, hint = [line.strip() for line in err.splitlines()]
        reason = message.removeprefix("raio: error: --stage-since ")
        result = _asked(portfolio, monkeypatch, ["--stage", "pilot"], ["Hip DX", "", typed, "", *REST_EMPTY])
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        assert f"That date cannot be used: {reason}. {hint.replace('--stage-since ', '')}" in said, (typed, said)
        shutil.rmtree(portfolio / "applications" / "hip-dx")


def test_the_stages_are_those_of_the_stage_gates_file_in_its_order(tmp_path, monkeypatch):
    """catalog.STAGES was a copy in code of the stages stage_gates.yaml lists: the lifecycle's
    stages are data, as the catalog's other facts. STAGES (and the order stage_index gives) is
    the file's list, read when first asked for: importing the catalog parses no YAML."""
    from raio_cli import catalog

    code = ("import sys\nimport raio_cli.catalog as c\nprint(c._load.cache_info().currsize, 'yaml' in sys.modules)\n"
            "print(c.STAGES == c.gate_stages() == tuple(c._load('stage_gates.yaml')['stages']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["0", "True", "True"], out.stdout + out.stderr
    gates = yaml.safe_load((Path(catalog.__file__).parent / "stage_gates.yaml").read_text(encoding="utf-8"))
    gates["stages"] = {"idea": gates["stages"]["proposed"], **gates["stages"]}
    for name in ("compliance.yaml", "regulatory_dates.yaml", "field_words.yaml"):
        shutil.copy(Path(catalog.__file__).parent / name, tmp_path / name)
    (tmp_path / "stage_gates.yaml").write_text(yaml.safe_dump(gates, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(catalog, "_HERE", tmp_path)
    catalog._load.cache_clear()
    catalog.gate_stages.cache_clear()
    try:
        assert catalog.STAGES[:2] == ("idea", "proposed") and catalog.stage_index("planned") == 2
    finally:
        monkeypatch.undo()
        catalog._load.cache_clear()
        catalog.gate_stages.cache_clear()
    assert catalog.STAGES[0] == "proposed"


def test_new_pilot_help_teaches_the_stage_option(capsys):
    """--stage's help listed the stages and then 'Default: proposed (in a terminal it is asked,
    and then, past proposed, since when)': it named proposed as if the reader knew what starting
    later meant. It says what proposed is, what a later stage is for and what it asks for."""
    code, out, _err = cli(capsys, "new-pilot", "--help")
    helped = " ".join(out.replace("│", " ").split())
    assert code == 0
    for said in ("Default: proposed, where a new idea starts.",
                 "A later stage is for an application already running when the portfolio begins: give --stage-since "
                 "with it.",
                 "raio check reports what is missing, e.g. a pilot plan from planned on, monitoring.yaml in production",
                 "from pilot on, effects written now are not pre-registered (mark them post_hoc)",
                 "In a terminal the stage is asked, and for a later one since when."):
        assert said in helped, said
