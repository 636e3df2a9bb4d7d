"""The CI output formats of raio check: SARIF, JUnit, GitHub annotations, GitLab Code Quality.

Each renderer is tested on a fixed, hand-made result (exact key content, no whole-file snapshots),
and all formats together on a real portfolio that holds a BSN: it must never appear in full.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, Git, make_portfolio, run_check, write
from raio_cli import __version__
from raio_cli.check import CheckResult
from raio_cli.findings import Finding, Severity
from raio_cli.output import FORMATS, renderer
from raio_cli.output._common import fingerprints, repo_prefix
from raio_cli.rules import load_all

TODAY = dt.date(2026, 11, 15)
BSN = "111222333"  # passes the elfproef (see test_privacy)

IDN = Finding("applications/alpha/application.yaml", 2, 5, "IDN001", Severity.ERROR,
              "id 'beta' differs from the folder name 'alpha'", "Rename the folder or set id: alpha", "alpha")
WARN = Finding("applications/alpha/problem.yaml", 7, 3, "PRV003", Severity.WARNING,
               "statement holds the e-mail address j***@gmail.com, outside the allowed domains",
               "Name people by role.", "alpha")
HIDDEN = Finding("applications/alpha/problem.yaml", 9, 14, "PRV001", Severity.ERROR,
                 "certificate holds a number that passes the BSN check: *******33", "Remove it.", "alpha")
SUP = Finding("applications/alpha/problem.yaml", 9, 14, "SUP002", Severity.INFO, "PRV001 suppressed: a certificate number",
              "", "alpha", {"suppressed": HIDDEN.to_dict(), "reason": "a certificate number", "comment_line": 9})
WHOLE_FILE = Finding("applications/gamma/effect.yaml", 0, 0, "IDN007", Severity.WARNING,
                     "effect.yaml is not a dossier file and is not checked", "", "gamma")
PORTFOLIO = Finding("raio.yaml", 3, 1, "SCH002", Severity.ERROR, "unknown field 'departement'",
                    "Did you mean 'department'?", "")


def fixed_result(root: Path) -> CheckResult:
    return CheckResult(root=root, findings=[PORTFOLIO, IDN, WARN, SUP, WHOLE_FILE], suppressed=[HIDDEN],
                       apps=["alpha", "beta", "gamma"], today=TODAY, policy={})


def rendered(fmt: str, result, **options) -> str:
    buf = io.StringIO()
    renderer(fmt)(result, buf, **options)
    return buf.getvalue()


@pytest.fixture
def result(tmp_path):
    return fixed_result(tmp_path)


# --- SARIF -------------------------------------------------------------------------------------

def test_sarif_log_structure(result):
    log = json.loads(rendered("sarif", result))
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "raio" and driver["version"] == __version__
    # raio is published nowhere yet: no informationUri rather than a link to a page that is not raio's
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert set(load_all()) <= set(ids) and len(ids) == len(set(ids))
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"].startswith(f"# {r['id']} ")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert r["properties"]["tags"] and r["properties"]["tags"][0]
    prv = driver["rules"][ids.index("PRV001")]
    assert prv["name"] == "bsn" and prv["defaultConfiguration"]["level"] == "error" and prv["properties"]["tags"] == ["privacy"]
    assert driver["rules"][ids.index("SUP002")]["defaultConfiguration"]["level"] == "note"
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results(result):
    run = json.loads(rendered("sarif", result))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    # SUP002 is not repeated: the suppressed finding itself carries the suppression
    assert sorted(r["ruleId"] for r in results) == ["IDN001", "IDN007", "PRV001", "PRV003", "SCH002"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri
        assert isinstance(r["partialFingerprints"]["raio/v1"], str)
    by = {r["ruleId"]: r for r in results}
    idn = by["IDN001"]
    assert idn["level"] == "error"
    assert idn["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "applications/alpha/application.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 5}}
    assert idn["message"]["text"] == "id 'beta' differs from the folder name 'alpha'\nHint: Rename the folder or set id: alpha"
    assert by["PRV003"]["level"] == "warning"
    assert by["IDN007"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}  # whole file: its first line
    assert by["PRV001"]["suppressions"] == [{"kind": "inSource", "justification": "a certificate number"}]
    assert "suppressions" not in idn
    assert len({r["partialFingerprints"]["raio/v1"] for r in results}) == len(results)


def test_sarif_fingerprints_ignore_line_numbers(tmp_path):
    moved = Finding(IDN.file, 40, 1, IDN.code, IDN.severity, IDN.message, IDN.hint, IDN.app)
    assert fingerprints([IDN]) == fingerprints([moved])
    assert fingerprints([IDN]) != fingerprints([WARN])


def test_sarif_internal_errors(result):
    result.internal_errors = ["rule XYZ001 failed: ValueError: boom"]
    run = json.loads(rendered("sarif", result))["runs"][0]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["message"]["text"].startswith("rule XYZ001")


#: How Microsoft's SARIF viewer for VS Code (after its sarif-web-component) finds the embedded
#: links of SARIF 2.1.0 §3.11.6 in a plain text message, each of which it shows as an <a href>.
VIEWER_LINK = re.compile(r"\[([^\]]*)\]\(([^)]+)\)")


def test_sarif_messages_quote_a_dossiers_markdown_link_as_text_not_as_a_link(tmp_path, result):
    """A SARIF plain text message reads "[text](destination)" as an embedded link to any URI
    (SARIF 2.1.0 §3.11.6), and viewers make it one: a value quoted by a finding, stage:
    "[Approved by the board](https://phish.example)", or an internal error quoting a value, became
    a live link among the code scanning results. Its "](" is written "]\\(" now; the other formats
    keep the value as written."""
    value = "[Approved by the board](https://phish.example/x) [fix](javascript:alert(1))"
    root = make_portfolio(tmp_path / "pf", {"linked": {"application": f"id: linked\nname: L\nstage: '{value}'\n"}})
    proc = run_cli("check", str(root), "--no-git", "--today", TODAY.isoformat(), "-f", "sarif")
    assert proc.returncode == 1, proc.stderr
    texts = [r["message"]["text"] for r in json.loads(proc.stdout)["runs"][0]["results"]]
    quoting = [t for t in texts if "Approved by the board" in t]
    assert quoting and all(VIEWER_LINK.search(t) is None for t in texts)
    assert "[Approved by the board]\\(https://phish.example/x) [fix]\\(javascript:alert(1))" in quoting[0]
    proc = run_cli("check", str(root), "--no-git", "--today", TODAY.isoformat(), "-f", "json")
    assert value in proc.stdout

    result.internal_errors = ["rule XYZ001 failed: KeyError: '[open](https://phish.example)'"]
    notice = json.loads(rendered("sarif", result))["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert notice["message"]["text"] == "rule XYZ001 failed: KeyError: '[open]\\(https://phish.example)'"


# --- JUnit -------------------------------------------------------------------------------------

def test_junit_suite_and_cases(result):
    text = rendered("junit", result)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("name") == "raio check"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["(portfolio)", "alpha", "beta", "gamma"]
    assert suite.get("tests") == root.get("tests") == "4"
    # failing testcases (an error: the default failing severity): (portfolio) and alpha; beta and gamma pass
    assert suite.get("failures") == "2" and suite.get("errors") == "0"
    alpha = cases["alpha"]
    failures = alpha.findall("failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("error", "IDN001: id 'beta' differs from the folder name 'alpha'")]
    assert "applications/alpha/application.yaml:2:5" in failures[0].text and "hint: Rename" in failures[0].text
    assert "SUP002" in alpha.find("system-out").text  # info goes to system-out, not to a failure
    assert list(cases["beta"]) == []
    assert cases["(portfolio)"].find("failure").get("message").startswith("SCH002")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["raio.errors"] == "2" and props["raio.warnings"] == "2" and props["raio.infos"] == "1"


def test_junit_escapes_markup_and_control_characters(tmp_path):
    nasty = Finding("applications/a/problem.yaml", 1, 1, "SCH002", Severity.ERROR,
                    'unknown field \'<b>&"x"\x07\'', "]]> </failure>", "a")
    r = CheckResult(root=tmp_path, findings=[nasty], apps=["a"], today=TODAY)
    root = ET.fromstring(rendered("junit", r).encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert '<b>&"x"' in failure.get("message") and "]]> </failure>" in failure.text



def test_junit_writes_c1_control_characters_as_character_references(tmp_path):
    """A C1 control character from a dossier (U+009B is CSI, as ESC [ is) came out raw in the
    JUnit XML, which goes to standard output: a terminal acts on it when the report is shown
    (the JSON outputs escape them already). Written as &#x9b;, which every XML reader reads
    back as the same character (in the failure's text, as \\x{9b}, as the text output shows it)."""
    nasty = Finding("applications/a/problem.yaml", 1, 1, "SCH002", Severity.ERROR,
                    "unknown field 'x\x9b2J\x85y'", "hint \x9b31m", "a")
    r = CheckResult(root=tmp_path, findings=[nasty], apps=["a"], today=TODAY)
    text = rendered("junit", r)
    assert not [ch for ch in text if "\x80" <= ch <= "\x9f"]
    assert "&#x9b;2J&#x85;y" in text
    failure = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase/failure")
    assert "x\x9b2J\x85y" in failure.get("message")
    assert "hint \\x{9b}31m" in failure.text  # the text shows each finding as the text output does


def test_junit_text_never_starts_a_line_with_a_ci_workflow_command(tmp_path):
    """A folder named "evil\\n::error file=raio.yaml::PWNED" went into the <failure> text as it
    was, so a line of the JUnit report on standard output started with "::error", which a
    GitHub Actions runner reads as a workflow command (a forged annotation, ::add-mask::,
    ::stop-commands::). Each finding's place, message and hint are one line, their line breaks
    shown as \\x{0a} as the text output shows them."""
    folder = "evil\n::error file=raio.yaml::PWNED"
    root = make_portfolio(tmp_path / "p", {folder: {"application": "id: evil\nname: E\nstage: proposed\n"}})
    text = rendered("junit", run_check(root, "--no-git"))
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert "applications/evil\\x{0a}::error file=raio.yaml::PWNED" in text
    assert ET.fromstring(text.encode("utf-8")).find("testsuite") is not None

# --- GitHub ------------------------------------------------------------------------------------

def test_github_annotations(result):
    lines = rendered("github", result, show_info=True).splitlines()
    assert lines[0] == "::notice title=raio::raio check: 2 errors, 2 warnings, 1 info in 3 applications"
    assert lines[1] == ("::error file=raio.yaml,line=3,col=1,title=SCH002 (unknown-field)::"
                        "unknown field 'departement'%0AHint: Did you mean 'department'?")
    assert lines[2].startswith("::error file=applications/alpha/application.yaml,line=2,col=5,title=IDN001 (folder-differs-from-id)::")
    assert lines[3].startswith("::warning file=applications/alpha/problem.yaml,line=7,col=3,title=PRV003 (foreign-email)::")
    assert lines[4].startswith("::notice file=applications/alpha/problem.yaml,line=9,col=14,title=SUP002")
    assert lines[5].startswith("::warning file=applications/gamma/effect.yaml,title=IDN007")  # no line for a whole file
    assert len(lines) == 6
    assert all("\n" not in line and "\r" not in line for line in lines)
    # without --info, as in the text output, info findings are counted, not annotated
    lines = rendered("github", result).splitlines()
    assert lines[0] == "::notice title=raio::raio check: 2 errors, 2 warnings, 1 info (shown with --info) in 3 applications"
    assert len(lines) == 5 and "SUP002" not in "".join(lines)
    one = CheckResult(root=result.root, findings=[WARN], apps=["alpha"], today=TODAY)
    assert rendered("github", one).splitlines()[0] == "::notice title=raio::raio check: 0 errors, 1 warning, 0 info in 1 application"


def test_github_escaping(tmp_path):
    f = Finding("applications/a,b/x:y.yaml", 1, 1, "SCH002", Severity.ERROR, "100% sure\r\nnext: line, more", "", "a")
    line = rendered("github", CheckResult(root=tmp_path, findings=[f], apps=["a"])).splitlines()[1]
    assert line == "::error file=applications/a%2Cb/x%3Ay.yaml,line=1,col=1,title=SCH002 (unknown-field)::100%25 sure%0D%0Anext: line, more"


# --- GitLab ------------------------------------------------------------------------------------

def test_gitlab_code_quality(result):
    issues = json.loads(rendered("gitlab", result, show_info=True))
    assert isinstance(issues, list) and len(issues) == 5
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("blocker", "critical", "major", "minor", "info")
        assert issue["location"]["lines"]["begin"] >= 1
    by = {i["check_name"]: i for i in issues}
    assert by["IDN001"] == {
        "description": "IDN001: id 'beta' differs from the folder name 'alpha' (Rename the folder or set id: alpha)",
        "check_name": "IDN001", "fingerprint": by["IDN001"]["fingerprint"], "severity": "critical",
        "location": {"path": "applications/alpha/application.yaml", "lines": {"begin": 2}}}
    assert by["PRV003"]["severity"] == "minor" and by["SUP002"]["severity"] == "info"
    assert by["IDN007"]["location"]["lines"]["begin"] == 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    # without --info: what needs doing, the same fingerprints
    todo = json.loads(rendered("gitlab", result))
    assert [i["check_name"] for i in todo] == [i["check_name"] for i in issues if i["check_name"] != "SUP002"]
    assert {i["fingerprint"] for i in todo} <= {i["fingerprint"] for i in issues}


def test_gitlab_fingerprints_stable_and_unique(tmp_path):
    twin = Finding(WARN.file, 12, 3, WARN.code, WARN.severity, WARN.message, WARN.hint, WARN.app)
    r1 = CheckResult(root=tmp_path, findings=[IDN, WARN, twin], apps=["alpha"])
    r2 = CheckResult(root=tmp_path, findings=[IDN, WARN, twin], apps=["alpha"])
    p1 = [i["fingerprint"] for i in json.loads(rendered("gitlab", r1))]
    assert p1 == [i["fingerprint"] for i in json.loads(rendered("gitlab", r2))]
    assert len(set(p1)) == 3


def test_gitlab_internal_error_is_a_blocker(result):
    result.internal_errors = ["rule XYZ001 failed"]
    issues = json.loads(rendered("gitlab", result))
    assert issues[-1]["check_name"] == "raio-internal-error" and issues[-1]["severity"] == "blocker"


# --- paths from the repository root ------------------------------------------------------------

def test_paths_are_relative_to_the_repository_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    pf = repo / "governance" / "ai"
    pf.mkdir(parents=True)
    assert repo_prefix(pf) == "governance/ai"
    assert repo_prefix(repo) == ""
    r = fixed_result(pf)
    issues = json.loads(rendered("gitlab", r))
    assert {i["location"]["path"].split("/")[0] for i in issues} == {"governance"}
    sarif = json.loads(rendered("sarif", r))["runs"][0]["results"]
    assert all(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("governance/ai/") for x in sarif)
    assert "file=governance/ai/raio.yaml," in rendered("github", r)


# --- no BSN in any output, through the real command ----------------------------------------------

APP = "id: bsn-app\nname: BSN app\nstage: proposed\n"


def bsn_portfolio(root: Path) -> Path:
    make_portfolio(root, {"bsn-app": {"application": APP + f"version: {BSN}\n"}})
    write(root / "applications" / "bsn-app" / "problem.yaml",
          f"statement: 'patient {BSN} and 111 222 333 were missed'\n"
          f"cases:\n  {BSN}: missed\n"
          f"certificate: '{BSN}'  # raio: ignore[PRV001] a certificate number\n")
    write(root / "raio.yaml", "organisation: T\ndepartment: R\nlanguage: en\n"
                              f"people:\n  - name: '{BSN}'\n    role: RAIO\n    email: raio@t.example\n")
    return root


def run_cli(*args, cwd=None):
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "raio_cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


def assert_no_bsn(text: str):
    for shown in (BSN, "111 222 333", "111.222.333"):
        assert shown not in text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_format_shows_a_bsn(tmp_path, fmt):
    root = bsn_portfolio(tmp_path / "pf")
    result = run_check(root, "--no-git")
    assert {"PRV001", "SUP002", "YML007"} <= {f.code for f in result.findings}
    assert_no_bsn(rendered(fmt, result))
    proc = run_cli("check", str(root), "--format", fmt, "--today", TODAY.isoformat(), "--no-git")
    assert proc.returncode == 1, proc.stderr
    assert "PRV001" in proc.stdout
    assert_no_bsn(proc.stdout + proc.stderr)
    out = tmp_path / f"report.{fmt}"
    proc = run_cli("check", str(root), "--format", fmt, "-o", str(out), "--today", TODAY.isoformat(), "--no-git")
    assert proc.returncode == 1
    assert_no_bsn(out.read_text(encoding="utf-8") + proc.stdout + proc.stderr)


def test_no_bsn_with_git_history_either(tmp_path):
    root = bsn_portfolio(tmp_path / "pf")
    git = Git(root)
    git.commit("portfolio with a BSN", "2026-01-05")
    write(root / "applications" / "bsn-app" / "problem.yaml", f"statement: 'patient {BSN}'\n")
    git.commit("edit", "2026-02-05")
    for fmt in sorted(FORMATS):
        proc = run_cli("check", str(root), "--format", fmt, "--today", TODAY.isoformat())
        assert proc.returncode in (0, 1), proc.stderr
        assert_no_bsn(proc.stdout + proc.stderr)


def test_usage_errors_do_not_echo_a_bsn(tmp_path):
    proc = run_cli("check", str(tmp_path / BSN))
    assert proc.returncode == 2
    assert_no_bsn(proc.stdout + proc.stderr)
    proc = run_cli("check", str(bsn_portfolio(tmp_path / "pf")), "--today", BSN)
    assert proc.returncode == 2
    assert_no_bsn(proc.stdout + proc.stderr)


# --------------------------------------------------------------------------------------------
# C1 control characters in JSON


def _c1_escaped(text: str) -> str:
    import re

    return re.sub("[\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]",
                  lambda m: "\\u%04x" % ord(m.group()), text)


def test_every_json_output_escapes_c1_control_characters(tmp_path):
    """A C1 control character (U+0080-U+009F) written in a dossier ("\\x9b" in a double-quoted
    YAML string) came out raw in the JSON of raio check, export, status and monitor: valid JSON,
    but U+009B is CSI and a terminal acts on it when someone cats the file. Every JSON output
    writes them as \\u009b, and is otherwise byte for byte what json.dumps writes. So too the
    bidirectional controls (U+202E showed the rest of a name reversed, in raio status -f json)."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    app = "hersenvolumetrie-mri"
    folder = root / "applications" / app
    text = (folder / "application.yaml").read_text(encoding="utf-8")
    (folder / "application.yaml").write_text(
        text.replace("name: Hersenvolumetrie op MRI voor de geheugenpoli",
                     'name: "Hersenvolumetrie\\x9b31m op MRI\\x85 \\x80 \\u202eIRM\\u2066"'), encoding="utf-8")
    text = (folder / "monitoring.yaml").read_text(encoding="utf-8")
    (folder / "monitoring.yaml").write_text(
        text.replace("      unit: analyses per kwartaal", '      unit: "analyses\\x9b2J\\u2066 per kwartaal"'), encoding="utf-8")
    other = root / "applications" / "botleeftijd-hand" / "application.yaml"
    text = other.read_text(encoding="utf-8")
    assert "\nstage: proposed\n" in text
    other.write_text(text.replace("\nstage: proposed\n", '\nstage: "proposed\\x9b31m\\u202e"\n'), encoding="utf-8")  # SCH004 quotes it
    Git(root).commit("The example, with C1 controls", "2026-11-01")

    exe = str(Path(sys.executable).parent / "raio")
    env = dict(os.environ, NO_COLOR="1", RAIO_NO_CACHE="1")
    runs = {
        "check json": ["check", str(root), "--today", "2026-11-15", "--format", "json"],
        "check sarif": ["check", str(root), "--today", "2026-11-15", "--format", "sarif"],
        "check gitlab": ["check", str(root), "--today", "2026-11-15", "--format", "gitlab"],
        "export json": ["export", str(root), "--format", "json"],
        "export algoritmeregister": ["export", str(root), "--format", "algoritmeregister"],
        "status json": ["status", str(root), "--today", "2026-11-15", "--format", "json"],
        "monitor json": ["monitor", app, "--portfolio", str(root), "--today", "2026-11-15", "--format", "json"],
        "log json": ["log", app, "--portfolio", str(root), "--today", "2026-11-15", "--format", "json"],
    }
    # and the bidirectional controls, which make a terminal or an editor show the text around them
    # in another order than it is (U+202E reverses it; "Trojan Source", CVE-2021-42574)
    c1 = [chr(c) for c in range(0x80, 0xA0)] + ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029"] + \
        [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    escaped_somewhere = set()
    for what, args in runs.items():
        out = subprocess.run([exe, *args], capture_output=True, env=env, timeout=120)
        assert out.returncode in (0, 1), (what, out.stderr.decode(errors="replace"))
        shown = out.stdout.decode("utf-8")
        assert not [ch for ch in shown if ch in c1], what
        data = json.loads(shown)
        assert shown == _c1_escaped(json.dumps(data, indent=2, ensure_ascii=False)) + "\n", what
        if "\\u009b" in shown and ("\\u202e" in shown or "\\u2066" in shown):
            escaped_somewhere.add(what)
    assert {"check json", "check sarif", "check gitlab", "export json", "export algoritmeregister", "status json",
            "monitor json"} <= escaped_somewhere

    cached = dict(env, RAIO_CACHE_DIR=str(tmp_path / "cache"))  # the re-check cache is JSON raio writes too
    cached.pop("RAIO_NO_CACHE")
    first, again = (subprocess.run([exe, *runs["check json"]], capture_output=True, env=cached, timeout=120)
                    for _ in range(2))
    files = list((tmp_path / "cache").rglob("*.json"))
    assert files and again.stdout == first.stdout and "\\u009b" in first.stdout.decode("utf-8")
    for path in files:
        assert not [ch for ch in path.read_text(encoding="utf-8") if ch in c1], path.name


# --- what a CI system does with the reports (ci-review) ------------------------------------------

def _gitlab_prints(root: Path, today: str) -> dict:
    return {i["fingerprint"]: i["description"] for i in json.loads(rendered("gitlab", run_check(root, "--no-git", today=today)))}


def _sarif_prints(root: Path, today: str) -> set:
    run = json.loads(rendered("sarif", run_check(root, "--no-git", today=today)))["runs"][0]
    return {r["partialFingerprints"]["raio/v1"] for r in run["results"]}


def test_fingerprints_do_not_change_as_the_days_pass(tmp_path):
    """GitLab's merge-request widget and GitHub's alerts follow a finding by its fingerprint: a
    certificate that 'expires in 77 days' today and 'in 76 days' tomorrow is the same finding,
    not one fixed and one new every day."""
    from conftest import copy_example

    root = copy_example(tmp_path / "pf")
    today, tomorrow = _gitlab_prints(root, "2026-11-15"), _gitlab_prints(root, "2026-11-16")
    assert any("in 77 days" in d for d in today.values()) and any("in 76 days" in d for d in tomorrow.values())
    assert set(today) == set(tomorrow)
    assert _sarif_prints(root, "2026-11-15") == _sarif_prints(root, "2026-11-16")
    one = Finding("applications/a/decision.yaml", 3, 1, "DEC010", Severity.ERROR, "dated 2026-11-20, after today (2026-11-15)", "", "a")
    two = Finding("applications/a/decision.yaml", 3, 1, "DEC010", Severity.ERROR, "dated 2026-11-20, after today (2026-11-16)", "", "a")
    assert fingerprints([one], today=dt.date(2026, 11, 15)) == fingerprints([two], today=dt.date(2026, 11, 16))
    # what really changed still changes it
    assert fingerprints([one]) != fingerprints([Finding(one.file, 3, 1, one.code, one.severity, "dated 2026-11-21, after today (2026-11-15)")])


def test_fingerprints_tell_the_portfolios_of_one_repository_apart(tmp_path):
    """Two portfolios in one repository (governance/radiologie, governance/cardiologie) report the
    same finding in files of the same name: their fingerprints must differ, or GitLab takes them
    for one issue."""
    (tmp_path / ".git").mkdir()
    a, b = tmp_path / "governance" / "radiologie", tmp_path / "governance" / "cardiologie"
    prints = [{i["fingerprint"] for i in json.loads(rendered("gitlab", fixed_result(p)))} for p in (a, b)]
    assert prints[0] and not prints[0] & prints[1]


#: RFC 3986 relative reference made of path characters only (what a repository-relative URI is)
URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*")


def test_sarif_uris_are_valid_uri_references(tmp_path):
    """A portfolio in 'AI portefeuille #1' (a space, a '#' that would start a fragment) or a folder
    with '%' or 'é' in its name: the SARIF artifact URI is percent-encoded (SARIF 2.1.0 §3.4.3,
    RFC 3986), so GitHub finds the file instead of rejecting or misplacing the alert."""
    (tmp_path / ".git").mkdir()
    root = tmp_path / "AI portefeuille #1"
    odd = Finding("applications/Long nodule%20ct é/application.yaml", 1, 1, "IDN006", Severity.ERROR, "bad folder", "", "x")
    r = CheckResult(root=root, findings=[odd, PORTFOLIO], apps=["x"], today=TODAY)
    uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for x in json.loads(rendered("sarif", r))["runs"][0]["results"]]
    assert uris[0] == "AI%20portefeuille%20%231/applications/Long%20nodule%2520ct%20%C3%A9/application.yaml"
    assert uris[1] == "AI%20portefeuille%20%231/raio.yaml"
    assert all(URI_PATH.fullmatch(u) for u in uris)
    plain = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             for x in json.loads(rendered("sarif", fixed_result(tmp_path)))["runs"][0]["results"]]
    assert "applications/alpha/application.yaml" in plain  # ordinary paths are left as they are


def test_sarif_every_result_has_a_region_from_line_one(result):
    """GitHub code scanning places an alert by region.startLine (its GH1003 rule): a finding about
    a whole file points at its first line, as in the GitLab report."""
    for r in json.loads(rendered("sarif", result))["runs"][0]["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1


def test_sarif_names_a_folder_with_a_trailing_slash_and_keeps_its_region(tmp_path):
    """YML017 "applications/x/effects.yaml is a folder, not a file" was a SARIF result at the
    URI of a file, line 1, that no viewer can open. A finding about a folder now names it as a
    URI reference names a folder, with a trailing slash, and keeps the region of line 1 that
    GitHub code scanning requires of every result; a link (a file in git, wherever it leads)
    and an ordinary file keep their plain URI."""
    outside = tmp_path / "elsewhere"
    write(outside / "application.yaml", {"id": "linked", "name": "L"})
    root = make_portfolio(tmp_path / "p", {"folder-app": {"application": {"id": "folder-app", "name": "F"}}})
    write(root / "applications/folder-app/effects.yaml/notes.txt", "a folder where a file belongs")
    os.symlink(outside, root / "applications/linked", target_is_directory=True)
    Git(tmp_path)  # the portfolio in a repository's subfolder: its URIs start with p/
    r = run_check(root, "--no-git", today=TODAY.isoformat())
    results = json.loads(rendered("sarif", r))["runs"][0]["results"]
    by_file = {}
    for x in results:
        if x["ruleId"] == "YML017":
            by_file[x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]] = x
    assert set(by_file) == {"p/applications/folder-app/effects.yaml/", "p/applications/linked"}, sorted(by_file)
    folder = by_file["p/applications/folder-app/effects.yaml/"]["locations"][0]["physicalLocation"]
    assert folder == {"artifactLocation": {"uri": "p/applications/folder-app/effects.yaml/", "uriBaseId": "%SRCROOT%"},
                      "region": {"startLine": 1}}
    assert all(URI_PATH.fullmatch(u) for u in by_file)
    others = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in results if x["ruleId"] != "YML017"]
    assert others and not [u for u in others if u.endswith("/")]


def test_junit_has_one_failure_per_testcase_holding_every_finding(result):
    """Jenkins and Azure DevOps read the first <failure> of a testcase, GitLab a list it cannot
    show, and the JUnit schema allows one: every failing finding of an application is in that one."""
    root = ET.fromstring(rendered("junit", result, fail_on=Severity.WARNING).encode("utf-8"))
    for case in root.iter("testcase"):
        assert len(case.findall("failure")) + len(case.findall("error")) <= 1
    alpha = root.find("testsuite/testcase[@name='alpha']")
    failure = alpha.find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message").startswith("2 findings: IDN001: id 'beta' differs")
    assert "applications/alpha/application.yaml:2:5: error IDN001" in failure.text and "hint: Rename" in failure.text
    assert "applications/alpha/problem.yaml:7:3: warning PRV003" in failure.text
    assert "SUP002" in alpha.find("system-out").text


def test_junit_failures_are_what_fails_the_job(result):
    """A testcase fails when it holds a finding at or above the failing severity, as the exit code
    does: with the default (error) a warning is listed in <system-out>, and Jenkins does not mark
    the build unstable nor GitLab show a failed test for a job that passed."""
    root = ET.fromstring(rendered("junit", result).encode("utf-8"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["gamma"].find("failure") is None and "IDN007" in cases["gamma"].find("system-out").text
    assert cases["alpha"].find("failure").get("message") == "IDN001: id 'beta' differs from the folder name 'alpha'"
    assert "PRV003" in cases["alpha"].find("system-out").text and "PRV003" not in cases["alpha"].find("failure").text
    assert root.find("testsuite").get("failures") == "2"
    result.policy = {"fail_on": "warning"}  # raio.yaml policy.fail_on, when --fail-on is not given
    root = ET.fromstring(rendered("junit", result).encode("utf-8"))
    assert root.find("testsuite").get("failures") == "3"


def test_junit_failures_leave_out_advice_and_exit_zero(result):
    """What never fails the job never fails a testcase: --next-stage's GAT010 (advice, even with
    --fail-on info) and, with --exit-zero, any finding; they are listed in <system-out>."""
    advice = Finding("applications/beta/pilot.yaml", 1, 1, "GAT010", Severity.INFO,
                     "next stage 'evaluation' will need pilot.outcome.results", "", "beta")
    result.findings.append(advice)
    root = ET.fromstring(rendered("junit", result, fail_on=Severity.INFO).encode("utf-8"))
    beta = root.find("testsuite/testcase[@name='beta']")
    assert beta.find("failure") is None and "GAT010" in beta.find("system-out").text
    assert root.find("testsuite/properties/property[@name='raio.fail_on']").get("value") == "info"
    assert not result.fails(advice, Severity.INFO)
    zero = ET.fromstring(rendered("junit", result, fail_on=Severity.INFO, exit_zero=True).encode("utf-8"))
    assert zero.find("testsuite").get("failures") == "0" and not list(zero.iter("failure"))
    assert "IDN001" in zero.find("testsuite/testcase[@name='alpha']/system-out").text
    assert result.exit_code(Severity.INFO) == 1 and result.exit_code(Severity.INFO, exit_zero=True) == 0
    result.internal_errors = ["rule XYZ001 failed"]  # raio's own failure still fails, as exit 2 does
    assert result.exit_code(exit_zero=True) == 2
    assert rendered("junit", result, exit_zero=True).count("<error ") == 1


def test_junit_internal_error_has_a_testcase_of_its_own(result):
    result.internal_errors = ["rule XYZ001 failed"]
    root = ET.fromstring(rendered("junit", result).encode("utf-8"))
    portfolio = root.find("testsuite/testcase[@name='(portfolio)']")
    assert portfolio.find("failure") is not None and portfolio.find("error") is None
    assert root.find("testsuite/testcase[@name='(raio)']/error").text == "rule XYZ001 failed"
    assert root.find("testsuite").get("tests") == "5" and root.find("testsuite").get("errors") == "1"


def test_junit_through_the_command_follows_fail_on(tmp_path):
    """raio check -f junit passes its failing severity to the report: a warning fails its testcase
    with --fail-on warning (exit 1), and not without it (exit 0); --exit-zero changes only the exit code."""
    root = make_portfolio(tmp_path / "pf", {"lung-nodules": {"application": "id: lung-nodules\nname: L\nstage: proposed\nin_house: no\n"}})
    args = ("check", str(root), "--no-git", "--today", TODAY.isoformat(), "--select", "YML", "-f", "junit")

    def failing(proc):
        return [c.get("name") for c in ET.fromstring(proc.stdout.encode("utf-8")).iter("testcase") if c.find("failure") is not None]

    passed = run_cli(*args)
    assert passed.returncode == 0 and failing(passed) == [] and "YML" in passed.stdout
    proc = run_cli(*args, "--fail-on", "warning")
    assert proc.returncode == 1 and failing(proc) == ["lung-nodules"], proc.stderr
    # --exit-zero: the job passes, so no test fails (Jenkins marked the build unstable); all listed
    proc = run_cli(*args, "--fail-on", "warning", "--exit-zero")
    assert proc.returncode == 0 and failing(proc) == [], proc.stderr
    suite = ET.fromstring(proc.stdout.encode("utf-8")).find("testsuite")
    assert suite.get("failures") == "0" and "YML" in suite.find("testcase[@name='lung-nodules']/system-out").text
    assert suite.find("properties/property[@name='raio.exit_zero']").get("value") == "true"


def test_github_summary_is_the_first_annotation_and_names_the_limit(tmp_path):
    """GitHub shows 10 annotations of each kind per step: the summary notice comes first, or the
    verdicts (notices) of a portfolio push it out; past 10 of a kind it says the log has them all."""
    many = [Finding(f"applications/a/effects.yaml", i, 1, "OUT010", Severity.INFO, f"E{i} met", "", "a") for i in range(1, 13)]
    lines = rendered("github", CheckResult(root=tmp_path, findings=many, apps=["a"], today=TODAY), show_info=True).splitlines()
    assert lines[0].startswith("::notice title=raio::raio check: 0 errors, 0 warnings, 12 info in 1 application")
    assert "GitHub shows 10 annotations of each kind" in lines[0] and len(lines) == 13
    few = rendered("github", CheckResult(root=tmp_path, findings=many[:3], apps=["a"], today=TODAY), show_info=True).splitlines()
    assert few[0].startswith("::notice title=raio::") and "GitHub shows" not in few[0]
    broken = CheckResult(root=tmp_path, findings=many[:3], apps=["a"], today=TODAY, internal_errors=["rule X failed"])
    lines = rendered("github", broken, show_info=True).splitlines()
    assert "raio could not run every check (1 internal error)" in lines[0] and lines[-1].startswith("::error title=raio internal error::")


def test_github_summary_counts_itself_among_the_notices(tmp_path):
    """The summary is a notice too: with ten info findings (verdicts) there are eleven notices,
    GitHub shows ten, and the summary must say the log has the last one."""
    ten = [Finding("applications/a/effects.yaml", i, 1, "OUT010", Severity.INFO, f"E{i} met", "", "a") for i in range(1, 11)]
    lines = rendered("github", CheckResult(root=tmp_path, findings=ten, apps=["a"], today=TODAY), show_info=True).splitlines()
    assert sum(line.startswith("::notice") for line in lines) == 11
    assert "GitHub shows 10 annotations of each kind" in lines[0]
    nine = rendered("github", CheckResult(root=tmp_path, findings=ten[:9], apps=["a"], today=TODAY), show_info=True).splitlines()
    assert "GitHub shows" not in nine[0]
    hidden = rendered("github", CheckResult(root=tmp_path, findings=ten, apps=["a"], today=TODAY)).splitlines()
    assert hidden == ["::notice title=raio::raio check: 0 errors, 0 warnings, 10 info (shown with --info) in 1 application"]


VERDICT = Finding("applications/alpha/pilot.yaml", 12, 7, "OUT010", Severity.INFO, "E1: met (observed 0.91, target 0.85)", "", "alpha")


def test_sarif_holds_info_findings_only_when_asked(result):
    """GitHub code scanning keeps every result open as an alert until it disappears: a verdict
    "met" would be an open alert for good. Info findings are results only with --info/--next-stage."""
    result.findings.append(VERDICT)
    run = json.loads(rendered("sarif", result))["runs"][0]
    assert "OUT010" not in {r["ruleId"] for r in run["results"]} and run["properties"]["infoFindingsLeftOut"] == 1  # SUP002 is never repeated
    assert {r["ruleId"] for r in run["results"]} == {"IDN001", "IDN007", "PRV001", "PRV003", "SCH002"}
    asked = json.loads(rendered("sarif", result, show_info=True))["runs"][0]
    assert [r["level"] for r in asked["results"] if r["ruleId"] == "OUT010"] == ["note"]
    assert "infoFindingsLeftOut" not in asked["properties"]
    assert "OUT010" in {r["id"] for r in asked["tool"]["driver"]["rules"]}  # the catalog stays whole


def test_ci_reports_hold_info_findings_only_with_info_and_json_all(example):
    """Through the command, on the example portfolio (verdicts are info findings): SARIF, Code
    Quality and GitHub annotations list them with --info or --next-stage only; JSON always."""
    args = ("check", str(example), "--no-git", "--today", TODAY.isoformat(), "--exit-zero")

    def codes_in(fmt, *extra):
        proc = run_cli(*args, "-f", fmt, *extra)
        assert proc.returncode == 0, proc.stderr
        if fmt == "sarif":
            return [r["level"] for r in json.loads(proc.stdout)["runs"][0]["results"]]
        if fmt == "gitlab":
            return [i["severity"] for i in json.loads(proc.stdout)]
        if fmt == "github":
            return [line.split(" ", 1)[0] for line in proc.stdout.splitlines()[1:]]
        return [f["severity"] for f in json.loads(proc.stdout)]

    assert "info" in codes_in("json")
    for fmt, info in (("sarif", "note"), ("gitlab", "info"), ("github", "::notice")):
        assert info not in codes_in(fmt), fmt
        assert info in codes_in(fmt, "--info"), fmt
        assert info in codes_in(fmt, "--next-stage"), fmt


def test_sarif_of_several_paths_keeps_every_suppressed_result(tmp_path):
    """raio check A B -f sarif lost B's findings accepted inline: the runs were merged without
    their suppressed findings, so code scanning saw neither the finding nor its justification."""
    app = "id: {0}\nname: N\nstage: proposed\nin_house: no  # raio: ignore[YML005] {0} keeps the word\n"
    root = make_portfolio(tmp_path / "pf", {a: {"application": app.format(a)} for a in ("aaa-app", "bbb-app")})
    proc = run_cli("check", str(root / "applications" / "aaa-app"), str(root / "applications" / "bbb-app"),
                   "--no-git", "--today", TODAY.isoformat(), "-f", "sarif", "--exit-zero")
    assert proc.returncode == 0, proc.stderr
    results = [r for r in json.loads(proc.stdout)["runs"][0]["results"] if "suppressions" in r]
    assert sorted((r["ruleId"], r["suppressions"][0]["justification"]) for r in results) == [
        ("YML005", "aaa-app keeps the word"), ("YML005", "bbb-app keeps the word")]


def test_select_keeps_the_reason_of_a_finding_accepted_inline(tmp_path):
    """raio check --select YML -f sarif wrote 'suppressed inline' instead of the reason given on
    the line, and JSON held no reason at all: the note that carries it (SUP002) was not selected."""
    app = "id: aaa-app\nname: N\nstage: proposed\nin_house: no  # raio: ignore[YML005] the word is kept\n"
    root = make_portfolio(tmp_path / "pf", {"aaa-app": {"application": app}})
    args = ("check", str(root), "--no-git", "--today", TODAY.isoformat(), "--select", "YML")
    sarif = json.loads(run_cli(*args, "-f", "sarif").stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["suppressions"][0]["justification"]) for r in sarif] == [("YML005", "the word is kept")]
    notes = [f for f in json.loads(run_cli(*args, "-f", "json").stdout) if f["code"] == "SUP002"]
    assert [n["data"]["reason"] for n in notes] == ["the word is kept"]
    assert json.loads(run_cli(*args, "-f", "json", "--ignore", "SUP002").stdout) == []
    assert json.loads(run_cli(*args[:-1], "REG", "-f", "json").stdout) == []  # another code's note is not selected


def test_a_job_failing_on_info_findings_shows_them(example):
    """raio check --fail-on info failed the job (exit 1) on info findings that the text output
    and (without --info) the CI reports only counted: a red job with nothing to fix in sight."""
    args = ("check", str(example), "--no-git", "--today", TODAY.isoformat(), "--fail-on", "info")
    text = run_cli(*args)
    assert text.returncode == 1 and " info OUT010 " in text.stdout and "(shown with --info)" not in text.stdout
    github = run_cli(*args, "-f", "github")
    assert github.returncode == 1 and "::notice file=" in github.stdout and "(shown with --info)" not in github.stdout
    sarif = json.loads(run_cli(*args, "-f", "sarif").stdout)["runs"][0]
    assert "note" in {r["level"] for r in sarif["results"]} and "infoFindingsLeftOut" not in sarif["properties"]


def test_every_ci_format_names_a_folder_with_a_trailing_slash(tmp_path):
    """GitHub annotations and GitLab Code Quality named a folder (YML017: a folder where
    effects.yaml belongs; PRV001: an application folder named with a BSN; PRV006: a folder in a
    dossier named with one) as if it were a file, while SARIF wrote it with a trailing slash; and
    SARIF too lost the slash where the BSN is masked, since the masked path is no folder on disk.
    Each CI format now names a folder alike; the files around it keep their plain paths."""
    root = make_portfolio(tmp_path / "p", {"folder-app": {"application": {"id": "folder-app", "name": "F"}}})
    write(root / "applications/folder-app/effects.yaml/notes.txt", "a folder where a file belongs")
    write(root / f"applications/folder-app/evidence/case-{BSN}/notes.txt", "a folder named with a BSN")
    write(root / f"applications/pat-{BSN}/application.yaml", {"id": f"pat-{BSN}", "name": "P"})
    Git(tmp_path)  # the portfolio in a repository's subfolder: its paths start with p/
    r = run_check(root, "--no-git", today=TODAY.isoformat())
    folders = {"YML017": "p/applications/folder-app/effects.yaml/", "PRV001": "p/applications/pat-*******33/",
               "PRV006": "p/applications/folder-app/evidence/case-*******33/"}
    assert {f.code for f in r.findings} >= set(folders)
    sarif = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             for x in json.loads(rendered("sarif", r))["runs"][0]["results"]}
    gitlab = {x["location"]["path"] for x in json.loads(rendered("gitlab", r))}
    github = set(re.findall(r"^::\w+ file=([^,:]*)", rendered("github", r), flags=re.M))
    expected = set(folders.values())
    assert {p for p in gitlab if p.endswith("/")} == expected, sorted(gitlab)
    assert {p for p in github if p.endswith("/")} == expected, sorted(github)
    assert {p for p in sarif if p.endswith("/")} == {p.replace("*", "%2A") for p in expected}, sorted(sarif)
    assert "p/applications/pat-*******33/application.yaml" in gitlab & github  # a file keeps its plain path


def test_a_shallow_clone_keeps_one_fingerprint_as_more_pilots_start(tmp_path):
    """GIT004 (and the other GIT findings about the whole history) says how many pilots have
    started and stands at the first of them: each pilot that started made GitLab close the issue
    and open a new one, and GitHub an alert, for the same shallow clone."""
    from conftest import copy_example

    source = copy_example(tmp_path / "source")
    git = Git(source)
    git.commit("portfolio", "2026-10-01")
    (source / "README.md").write_text("reviewed\n", encoding="utf-8")
    git.commit("reviewed", "2026-10-02")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True, capture_output=True)

    def git004(today: str):
        result = run_check(clone, "--select", "GIT", today=today)
        issue = [i for i in json.loads(rendered("gitlab", result)) if i["check_name"] == "GIT004"]
        run = json.loads(rendered("sarif", result))["runs"][0]
        sarif = [r["partialFingerprints"]["raio/v1"] for r in run["results"] if r["ruleId"] == "GIT004"]
        assert len(issue) == 1 and len(sarif) == 1, today
        return issue[0]["description"], issue[0]["fingerprint"], sarif[0]

    before, after = git004("2026-11-15"), git004("2027-01-12")  # ct-lichaamssamenstelling starts 2027-01-11
    assert before[0] != after[0]  # the message still counts them
    assert before[1:] == after[1:]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_folder_name_that_is_not_utf8_is_reported_in_every_format(tmp_path, fmt):
    """A folder named in Latin-1 ("caf\\xe9", from an old zip or a Windows share) is text holding
    a lone surrogate to Python: raio check -f json, sarif, junit and gitlab stopped with an internal
    error (exit 2, "surrogates not allowed"), and so did every format once the re-check cache was
    written. Each format now reports the folder (IDN006) and the run exits 1: JSON writes the
    character as the escape \\udce9 (read back as the same name), a SARIF URI as the folder's own
    byte (%E9, the file git has), JUnit as U+FFFD (XML cannot hold it), the texts as \\u{dce9}."""
    root = make_portfolio(tmp_path / "pf", {"ok-app": {"application": APP.replace("bsn-app", "ok-app")}})
    folder = os.fsencode(root / "applications") + b"/caf\xe9"
    os.mkdir(folder)
    with open(folder + b"/application.yaml", "w", encoding="utf-8") as fh:
        fh.write("id: cafe\nname: C\nstage: proposed\n")
    proc = run_cli("check", str(root), "--no-git", "--today", TODAY.isoformat(), "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "internal error" not in proc.stdout + proc.stderr
    out = proc.stdout
    if fmt == "json":
        found = [f for f in json.loads(out) if f["code"] == "IDN006"]
        assert [f["file"] for f in found] == ["applications/caf\udce9"] and "\\udce9" in out
    elif fmt == "sarif":
        uris = {r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"]}
        assert uris["IDN006"] == "applications/caf%E9/" and URI_PATH.fullmatch(uris["IDN001"])
    elif fmt == "gitlab":
        issues = [i for i in json.loads(out) if i["check_name"] == "IDN006"]
        assert len(issues) == 1 and len({i["fingerprint"] for i in json.loads(out)}) == len(json.loads(out))
    elif fmt == "junit":
        case = ET.fromstring(out.encode("utf-8")).find("testsuite/testcase[@name='caf\ufffd']")
        assert case is not None and "IDN006" in case.find("failure").text
    else:
        assert "caf\\u{dce9}" in out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_output_holds_a_legacy_runner_command(tmp_path, fmt):
    """A GitHub Actions runner reads '##[command]' anywhere in a line of a step's log (the legacy
    form of '::command::', still parsed when a line is no '::' command): a dossier value such as
    stage: "##[set-output name=x;]pwn" came out as it was in the text, JSON, SARIF, JUnit and
    Code Quality outputs, so 'raio check' in a workflow set a step output, masked words,
    forged an annotation or stopped the runner reading commands. JSON now writes its '[' as
    \\u005b and JUnit as &#91; (read back as the same value); the text output shows it as \\x{5b};
    the GitHub annotations are '::' commands, which the runner reads first, as they were."""
    value = "##[set-output name=x;]pwn"
    root = make_portfolio(tmp_path / "pf", {"gh-app": {"application": f'id: gh-app\nname: G\nstage: "{value}"\n'}})
    proc = run_cli("check", str(root), "--no-git", "--today", TODAY.isoformat(), "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "##[" in line]
    if fmt == "github":
        assert lines and all(re.match(r"::(error|warning|notice) ", line) for line in lines)
        return
    assert lines == []
    _reads_back(proc.stdout, fmt, "gh-app", value, "stage is '##\\x{5b}set-output name=x;]pwn'")


def _reads_back(stdout: str, fmt: str, app: str, value: str, shown: str) -> None:
    """The text output shows ``value`` as ``shown``; JUnit and the JSON formats read back as it."""
    if fmt == "text":
        assert shown in stdout
    elif fmt == "junit":
        failure = ET.fromstring(stdout.encode("utf-8")).find(f"testsuite/testcase[@name='{app}']/failure")
        assert value in failure.get("message") and value in failure.text
    else:
        assert value in json.dumps(json.loads(stdout), ensure_ascii=False)


def test_junit_internal_error_never_starts_a_line_with_a_ci_workflow_command(result):
    """An internal error quotes the exception of the rule that failed, which may quote a dossier's
    value ("KeyError: 'x\\n::add-mask::...'"): JUnit wrote it as it was, so a line of the report
    on standard output started with a GitHub Actions workflow command. Each internal error is one
    line now, its line breaks shown as \\x{0a}, as the findings' texts are (and in the text output)."""
    result.internal_errors = ["rule XYZ001 failed: KeyError: 'x\n::error file=raio.yaml::PWNED'"]
    text = rendered("junit", result)
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    error = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase[@name='(raio)']/error")
    assert error.text == "rule XYZ001 failed: KeyError: 'x\\x{0a}::error file=raio.yaml::PWNED'"


#: The official SARIF 2.1.0 schema (OASIS, as published in the sarif-spec repository's Schemata
#: folder and mirrored by SchemaStore), kept here so that the test runs offline.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def test_sarif_is_valid_against_the_official_schema(tmp_path):
    """Every SARIF log raio writes validates against the official SARIF 2.1.0 schema: results with
    info findings, a suppression, a finding about a folder, internal errors, hostile text (a
    lone surrogate, '##['), and the example portfolio with every verdict."""
    import jsonschema
    from conftest import copy_example

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    validator = jsonschema.Draft7Validator(schema)
    fixed = fixed_result(tmp_path)
    fixed.findings.append(Finding("applications/caf\udce9", 0, 0, "IDN006", Severity.ERROR,
                                  "folder name 'caf\udce9' is not a valid application id ##[x]", "", "caf\udce9"))
    fixed.internal_errors = ["rule XYZ001 failed: ValueError: boom"]
    example = run_check(copy_example(tmp_path / "example"), "--no-git", today=TODAY.isoformat())
    for result in (fixed, example):
        for show_info in (False, True):
            log = json.loads(rendered("sarif", result, show_info=show_info))
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
            assert errors == [], errors[:5]
            assert log["runs"][0]["results"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "gitlab"])
def test_no_output_holds_an_azure_pipelines_logging_command(tmp_path, fmt):
    """The Azure Pipelines agent reads '##vso[area.action ...]' anywhere in a line of a step's
    output (the JUnit report is meant for Azure DevOps too): a dossier value such as
    "##vso[task.setvariable variable=x]pwn" came out as it was, so 'raio check' set a pipeline
    variable. Its '[' is written as '##[' is: \\u005b in JSON, &#91; in JUnit, \\x{5b} in the text."""
    value = "##vso[task.setvariable variable=x]pwn"
    root = make_portfolio(tmp_path / "pf", {"az-app": {"application": f'id: az-app\nname: A\nstage: "{value}"\n'}})
    proc = run_cli("check", str(root), "--no-git", "--today", TODAY.isoformat(), "-f", fmt)
    assert proc.returncode == 1, proc.stderr
    assert "##vso[" not in proc.stdout
    _reads_back(proc.stdout, fmt, "az-app", value, "stage is '##vso\\x{5b}task.setvariable variable=x]pwn'")
