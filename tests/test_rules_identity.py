"""Identity rules (IDN), inline suppressions (SUP) and the schema layer's catch-all (SCH006):
each with a failing and a passing fixture."""

from __future__ import annotations

import os

from conftest import make_portfolio, run_check

APP = 'id: {id}\nname: Test\nstage: proposed\nversion: "1.0"\n'


def found(root, code):
    return [f for f in run_check(root, "--no-git").findings if f.code == code]


def test_idn001_folder_differs_from_id(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"fracture-ai": {"application": APP.format(id="fracture-detect")}})
    [f] = found(bad, "IDN001")
    assert (f.file, f.line, f.column) == ("applications/fracture-ai/application.yaml", 1, 5)
    assert f.message == "id 'fracture-detect' differs from the folder name 'fracture-ai'"
    assert "git mv" in f.hint
    assert not found(make_portfolio(tmp_path / "good", {"fracture-ai": {"application": APP.format(id="fracture-ai")}}), "IDN001")


def test_idn008_raio_yaml_without_an_organisation(tmp_path):
    from conftest import write

    missing = make_portfolio(tmp_path / "missing", config={"department": "Radiologie", "language": "en"})
    [f] = found(missing, "IDN008")
    assert (f.file, f.line, str(f.severity)) == ("raio.yaml", 0, "warning")
    assert "no organisation" in f.message and "organisation:" in f.hint
    empty = make_portfolio(tmp_path / "empty")
    write(empty / "raio.yaml", 'department: Radiologie\norganisation: "  "\n')
    [f] = found(empty, "IDN008")
    assert (f.line, f.column) == (2, 15)
    assert not found(make_portfolio(tmp_path / "good"), "IDN008")  # organisation: Testziekenhuis


def test_idn002_two_folders_claim_one_id(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"nodule-a": {"application": APP.format(id="nodule-a")},
                                             "nodule-b": {"application": APP.format(id="nodule-a")}})
    [f] = found(bad, "IDN002")
    assert (f.file, f.line, f.column) == ("applications/nodule-b/application.yaml", 1, 5)
    assert f.message == "id 'nodule-a' is also used by applications/nodule-a"
    good = make_portfolio(tmp_path / "good", {"nodule-a": {"application": APP.format(id="nodule-a")},
                                               "nodule-b": {"application": APP.format(id="nodule-b")}})
    assert not found(good, "IDN002")


def test_idn003_duplicate_effect_id_names_the_first_line(tmp_path):
    effects = ("effects:\n  - id: E1\n    kind: benefit\n    description: a\n"
               "  - id: E1\n    kind: guardrail\n    description: b\n")
    bad = make_portfolio(tmp_path / "bad", {"lung-ai": {"application": APP.format(id="lung-ai"), "effects": effects}})
    [f] = found(bad, "IDN003")
    assert (f.line, f.column) == (5, 9) and "first at line 2" in f.message
    good = make_portfolio(tmp_path / "good", {"lung-ai": {"application": APP.format(id="lung-ai"),
                                                           "effects": effects.replace("- id: E1\n    kind: guardrail", "- id: G1\n    kind: guardrail")}})
    assert not found(good, "IDN003")


def test_idn004_folder_without_application_yaml(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"orphan-app": {"problem": "statement: x\n"}})
    [f] = found(bad, "IDN004")
    assert (f.file, f.line, f.column) == ("applications/orphan-app/application.yaml", 0, 0)  # the file that is not there
    assert f.message == "applications/orphan-app has no application.yaml" and "raio new-pilot" in f.hint
    assert not found(make_portfolio(tmp_path / "good", {"orphan-app": {"application": APP.format(id="orphan-app")}}), "IDN004")
    broken = make_portfolio(tmp_path / "broken", {"orphan-app": {"application": "id: [orphan-app\n"}})
    assert not found(broken, "IDN004") and found(broken, "YML001")  # there but unreadable: the loader says why


def test_idn005_yml_extension(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"lung-ai": {"application": APP.format(id="lung-ai")}})
    (bad / "applications" / "lung-ai" / "effects.yml").write_text("effects: []\n")
    [f] = found(bad, "IDN005")
    assert f.file == "applications/lung-ai/effects.yml" and "git mv effects.yml effects.yaml" in f.hint
    good = make_portfolio(tmp_path / "good", {"lung-ai": {"application": APP.format(id="lung-ai"), "effects": "effects: []\n"}})
    assert not found(good, "IDN005")


def test_idn006_folder_name_not_a_slug(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"Lung_AI": {"application": APP.format(id="lung-ai")}})
    [f] = found(bad, "IDN006")
    assert (f.file, f.line, f.column) == ("applications/Lung_AI", 0, 0)  # a folder, no line
    assert f.message == "folder name 'Lung_AI' is not a valid application id" and "lowercase" in f.hint
    assert not found(make_portfolio(tmp_path / "good", {"lung-ai": {"application": APP.format(id="lung-ai")}}), "IDN006")
    for name, bad in (("abc", False), ("ab", True), ("a" * 64, False), ("a" * 65, True), ("-lung", True), ("lung-", True),
                      ("lung-2-ai", False)):
        root = make_portfolio(tmp_path / f"edge-{len(name)}-{name[0]}{name[-1]}", {name: {"application": APP.format(id=name)}})
        assert bool(found(root, "IDN006")) == bad, name


def test_idn007_unknown_yaml_file(tmp_path):
    bad = make_portfolio(tmp_path / "bad", {"lung-ai": {"application": APP.format(id="lung-ai"), "effect": "effects: []\n"}})
    [f] = found(bad, "IDN007")
    assert (f.file, f.line, f.column, str(f.severity)) == ("applications/lung-ai/effect.yaml", 0, 0, "warning")
    assert f.message == "effect.yaml is not a dossier file and is not checked" and "effects.yaml" in f.hint
    assert not found(make_portfolio(tmp_path / "good", {"lung-ai": {"application": APP.format(id="lung-ai")}}), "IDN007")


def _suppressed_portfolio(tmp_path, comment):
    app = APP.format(id="lung-ai").replace('version: "1.0"', f"version: 1.10{comment}")
    return make_portfolio(tmp_path, {"lung-ai": {"application": app}})


def test_sup_a_suppression_with_a_reason_hides_the_finding_and_reports_itself(tmp_path):
    result = run_check(_suppressed_portfolio(tmp_path / "a", "  # raio: ignore[YML007] vendor writes it so"), "--no-git")
    codes = [f.code for f in result.findings]
    assert "YML007" not in codes and "SUP002" in codes
    [sup] = [f for f in result.findings if f.code == "SUP002"]
    assert sup.data["reason"] == "vendor writes it so" and sup.data["suppressed"]["code"] == "YML007"
    assert [f.code for f in result.suppressed] == ["YML007"]


def test_sup001_a_suppression_needs_a_reason_and_then_suppresses_nothing(tmp_path):
    result = run_check(_suppressed_portfolio(tmp_path / "a", "  # raio: ignore[YML007]"), "--no-git")
    codes = [f.code for f in result.findings]
    assert "SUP001" in codes and "YML007" in codes


def test_sup001_at_the_comment_without_a_reason_or_a_code_and_not_with_both(tmp_path):
    for name, comment, words in (("reason", "  # raio: ignore[YML007]", "without a reason"),
                                 ("code", "  # raio: ignore[] vendor writes it so", "without a code")):
        result = run_check(_suppressed_portfolio(tmp_path / name, comment), "--no-git")
        [f] = [f for f in result.findings if f.code == "SUP001"]
        assert (f.file, f.line, f.column, str(f.severity)) == ("applications/lung-ai/application.yaml", 4, 16, "error")
        assert f.message == "inline suppression " + words and result.exit_code() == 1
        assert [f.code for f in result.suppressed] == []  # the finding it meant to accept stays
    good = run_check(_suppressed_portfolio(tmp_path / "good", "  # raio: ignore[YML007] vendor writes it so"), "--no-git")
    assert [f.code for f in good.findings if f.code.startswith("SUP")] == ["SUP002"]


def test_sup002_at_the_finding_a_comment_alone_on_its_line_accepts_on_the_next_line(tmp_path):
    """A comment after a value accepts that line's findings; one alone on its line, those of the next
    line that is not blank or a comment; a code prefix such as YML accepts each code it begins."""
    same = run_check(_suppressed_portfolio(tmp_path / "same", "  # raio: ignore[YML] vendor writes it so"), "--no-git")
    [sup] = [f for f in same.findings if f.code == "SUP002"]
    assert (sup.file, sup.line, sup.column, sup.message) == \
        ("applications/lung-ai/application.yaml", 4, 10, "YML007 suppressed: vendor writes it so")
    above = APP.format(id="lung-ai").replace('version: "1.0"', "# raio: ignore[YML007] vendor writes it so\n\n# x\nversion: 1.10")
    result = run_check(make_portfolio(tmp_path / "above", {"lung-ai": {"application": above}}), "--no-git")
    [sup] = [f for f in result.findings if f.code == "SUP002"]
    assert (sup.line, sup.data["comment_line"]) == (7, 4)
    assert [f.code for f in result.suppressed] == ["YML007"] and "SUP003" not in [f.code for f in result.findings]
    other = run_check(_suppressed_portfolio(tmp_path / "other", "  # raio: ignore[YML005] vendor writes it so"), "--no-git")
    assert "YML007" in [f.code for f in other.findings] and "SUP002" not in [f.code for f in other.findings]


def test_sup003_an_unused_suppression_is_reported(tmp_path):
    result = run_check(_suppressed_portfolio(tmp_path / "a", "  # raio: ignore[DAT003] board postponed"), "--no-git")
    [unused] = [f for f in result.findings if f.code == "SUP003"]
    assert unused.line == 4 and "DAT003" in unused.message
    used = run_check(_suppressed_portfolio(tmp_path / "b", "  # raio: ignore[YML007] ok"), "--no-git")
    assert "SUP003" not in [f.code for f in used.findings]


def test_sch006_other_schema_failures_are_one_readable_finding():
    from jsonschema import Draft202012Validator

    from raio_cli import schema
    from raio_cli.yamlio import load_bytes

    doc = load_bytes(b"values:\n  a: 1\n", "monitoring.yaml")
    [error] = Draft202012Validator({"properties": {"values": {"not": {"type": "object"}}}}).iter_errors(doc.data)
    [f] = schema._to_findings(error, doc, "monitoring", "app")
    assert (f.code, f.line, f.column) == ("SCH006", 2, 3)
    assert "values" in f.message and "{" not in f.message.split(":", 1)[0]


def test_every_rule_code_is_exercised_by_some_test():
    """A rule without a fixture is a rule nobody has seen fail: name each code in a test, as the
    string a test compares findings with ("DAT003"); a code named only in a comment or a docstring
    ("GIT001 had no test") is no fixture."""
    import re
    from pathlib import Path

    from raio_cli import rules

    here = Path(__file__).resolve().parent
    text = "\n".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py"))
    quoted = set(re.findall(r"[\"']([A-Z]{3}\d{3})[\"']", text))
    missing = [code for code in rules.load_all() if code not in quoted]
    assert missing == []


def test_idn005_a_dossier_file_named_in_other_capitals(tmp_path):
    """Windows and macOS find Effects.yaml when raio asks for effects.yaml, and a rename there that
    changes only capitals leaves git's name as it was: the RAIO's check read the file while CI's
    (Linux, exact names) said only that Effects.yaml is no dossier file and that the stage needs
    effects.yaml. The file is named for what it is, with the rename that git records."""
    bad = make_portfolio(tmp_path / "bad", {"lung-ai": {"application": APP.format(id="lung-ai")}})
    folder = bad / "applications" / "lung-ai"
    (folder / "Effects.yaml").write_text("effects: []\n")
    (folder / "application.yaml").rename(folder / "Application.YAML")
    result = run_check(bad, "--no-git")
    wrong = sorted((f.file, f.message, f.hint) for f in result.findings if f.code == "IDN005")
    assert wrong == [
        ("applications/lung-ai/Application.YAML", "Application.YAML must be named application.yaml",
         "Rename it: git mv Application.YAML application.yaml"),
        ("applications/lung-ai/Effects.yaml", "Effects.yaml must be named effects.yaml",
         "Rename it: git mv Effects.yaml effects.yaml")], result.findings
    assert not [f for f in result.findings if f.code == "IDN007"], result.findings


def test_idn003_effects_written_as_a_number_is_the_schema_finding_not_an_internal_error(tmp_path):
    root = make_portfolio(tmp_path / "p", {"nodule-a": {"application": APP.format(id="nodule-a"),
                                                         "effects": "effects: 1.5\n"}})
    result = run_check(root, "--no-git")
    assert not result.internal_errors, result.internal_errors
    assert [(f.code, f.line) for f in result.findings if f.code == "SCH003"] == [("SCH003", 1)]


def test_idn006_a_hidden_folder_that_holds_a_dossier_is_reported_not_skipped(tmp_path):
    """applications/.verborgen/ holding a whole dossier was skipped without a word: the application
    dropped out of raio check, raio status and the report. It is IDN006 at the folder (an error
    for a dossier, a warning for other YAML files); hidden files, an empty hidden folder and one
    without YAML files (an editor's) are not reported, and the other applications are checked."""
    from conftest import write

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")}})
    apps = root / "applications"
    write(apps / ".verborgen" / "application.yaml", APP.format(id="verborgen"))
    write(apps / ".verborgen" / "effects.yaml", "effects: []\n")
    write(apps / ".notes" / "list.yml", "a: 1\n")
    write(apps / ".idea" / "workspace.xml", "<x/>\n")
    (apps / ".empty").mkdir()
    write(apps / ".gitkeep", "")
    write(apps / ".DS_Store", "\0\0")
    result = run_check(root, "--no-git")
    hidden = {f.file: f for f in result.findings if f.file.startswith("applications/.")}
    assert sorted(hidden) == ["applications/.notes", "applications/.verborgen"], result.findings
    dossier, notes = hidden["applications/.verborgen"], hidden["applications/.notes"]
    assert (dossier.code, str(dossier.severity), dossier.line) == ("IDN006", "error", 0)
    assert dossier.message == ("applications/.verborgen holds a dossier (application.yaml, effects.yaml) but is not read: "
                               "a folder whose name starts with '.' is hidden, and no application id")
    assert "git mv applications/.verborgen applications/<id>" in dossier.hint and "keep it out of applications/" in dossier.hint
    assert (notes.code, str(notes.severity)) == ("IDN006", "warning") and "holds YAML files (list.yml)" in notes.message
    assert result.exit_code() == 1 and not result.internal_errors
    assert [a for a in {f.app for f in result.findings} if a and not a.startswith(".")] in ([], ["open-app"])
    # without the hidden folders with YAML files: nothing said of the rest
    import shutil

    shutil.rmtree(apps / ".verborgen")
    shutil.rmtree(apps / ".notes")
    assert not [f for f in run_check(root, "--no-git").findings if f.file.startswith("applications/.")]


def test_a_hidden_dossier_folder_is_listed_by_no_command_and_stops_none(tmp_path):
    """raio status, raio report and a memo on a portfolio with applications/.verborgen/: none
    stops, none lists the hidden folder as an application; raio status counts its finding among
    those outside the table, so its totals agree with raio check."""
    import subprocess

    from conftest import Git, raio_script, write

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")}})
    write(root / "applications" / ".verborgen" / "application.yaml", APP.format(id="verborgen"))
    Git(root).commit("Two dossiers, one hidden", "2026-02-01")
    before = sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.rglob("*.yaml"))

    def raio(*args):
        return subprocess.run([raio_script(), *args], cwd=root, capture_output=True, text=True, timeout=180,
                              env=dict(os.environ, NO_COLOR="1"))

    check = raio("check", "--today", "2026-11-15")
    assert check.returncode == 1 and "applications/.verborgen: error IDN006" in check.stdout, check.stdout
    status = raio("status", "--today", "2026-11-15")
    assert status.returncode == 0 and "Traceback" not in status.stderr, status.stderr
    assert "1 application;" in status.stdout and "applications/.verborgen error IDN006" in status.stdout, status.stdout
    report = raio("report", "-f", "md", "-o", "-", "--today", "2026-11-15")
    assert report.returncode == 0 and "**1 application**" in report.stdout, report.stderr
    assert "raio check) reports 1 error" in report.stdout, report.stdout
    # the report names the folder it does not read, at the top of what needs attention, and no more
    assert report.stdout.count("verborgen") == 1 and "Not read, so not in this report: what is in applications/.verborgen/." \
        in report.stdout, report.stdout
    memo = raio("memo", ".verborgen", "-o", "-", "--today", "2026-11-15")
    assert memo.returncode == 2 and "no application '.verborgen'" in memo.stderr and "Traceback" not in memo.stderr
    assert sorted((p.relative_to(root).as_posix(), p.read_bytes()) for p in root.rglob("*.yaml")) == before


def test_idn009_dossiers_outside_applications_are_reported_not_skipped(tmp_path):
    """applications/ renamed Applications/ (or apps/), an application's folder moved to the top,
    retired dossiers moved to archief/: raio read none of them and said nothing, and a check on a
    portfolio whose applications/ was renamed passed on 0 applications. Each folder is one IDN009
    at the folder: an error when nothing at all is read, a warning beside applications that are."""
    import shutil

    from conftest import write

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")},
                                           "other-app": {"application": APP.format(id="other-app")}})
    apps = root / "applications"
    shutil.move(str(apps), str(root / "Applications"))
    result = run_check(root, "--no-git")
    [f] = [f for f in result.findings if f.code == "IDN009"]
    assert (f.file, f.line, str(f.severity)) == ("Applications", 0, "error")
    assert f.message == ("Applications/ holds 2 dossiers (open-app, other-app) that are not read: raio reads the dossiers "
                         "in applications/<id>/ only, and there is no applications/ folder: nothing is checked")
    assert "git mv Applications applications" in f.hint
    assert result.exit_code() == 1 and not result.internal_errors

    # back in place, one application moved to the top and one to archief/: warnings, exit 0
    shutil.move(str(root / "Applications"), str(apps))
    shutil.move(str(apps / "other-app"), str(root / "other-app"))
    write(root / "archief" / "oud-app" / "application.yaml", APP.format(id="oud-app"))
    result = run_check(root, "--no-git")
    found9 = {f.file: f for f in result.findings if f.code == "IDN009"}
    assert sorted(found9) == ["archief", "other-app"], result.findings
    top, archive = found9["other-app"], found9["archief"]
    assert str(top.severity) == str(archive.severity) == "warning"
    assert top.message.startswith("other-app/ holds a dossier (application.yaml) that is not read")
    assert "git mv other-app applications/other-app" in top.hint and "stage: retired" in top.hint
    assert archive.message.startswith("archief/ holds a dossier (oud-app) that is not read")
    assert "not checked and missing from raio status" in archive.message
    assert "git mv archief/oud-app applications/" in archive.hint
    assert result.exit_code() == 0 and [a for a in {f.app for f in result.findings} if a] in ([], ["open-app"])


def test_idn009_not_for_what_is_no_dossier(tmp_path):
    """Not a dossier: a lone compliance.yaml (a policy document in docs/), templates, a hidden
    folder (.github, an editor's), a link to a dossier folder, a dossier three folders deep, and
    an applications/ whose dossiers are where they belong. Two dossier files make a dossier."""
    from conftest import write

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")}})
    write(root / "docs" / "compliance.yaml", "items: []\n")
    write(root / "templates" / "memo.md.j2", "{{ app }}\n")
    write(root / ".old" / "x-app" / "application.yaml", APP.format(id="x-app"))
    write(root / "a" / "b" / "c-app" / "application.yaml", APP.format(id="c-app"))
    os.symlink(root / "applications" / "open-app", root / "link-app")
    # read through a link: an application's folder kept elsewhere in the portfolio, and
    # applications/ itself a link to dossiers/
    write(root / "elders" / "kept-app" / "application.yaml", APP.format(id="kept-app"))
    os.symlink("../elders/kept-app", root / "applications" / "kept-app")
    assert not found(root, "IDN009")
    linked = make_portfolio(tmp_path / "linked", {"open-app": {"application": APP.format(id="open-app")}})
    os.rename(linked / "applications", linked / "dossiers")
    os.symlink("dossiers", linked / "applications")
    assert not found(linked, "IDN009") and found(linked, "IDN001") == []
    write(root / "docs" / "Pilot.yml", "plan: {}\n")
    [f] = found(root, "IDN009")
    assert f.file == "docs" and "(Pilot.yml, compliance.yaml)" in f.message


def test_idn009_in_status_report_and_a_re_check(tmp_path):
    """raio status lists IDN009 among the findings outside its table, the board's report says at
    the top what it does not read, and a re-check served from the cache sees a folder moved out
    after the last check (the cache is keyed by the portfolio's listing)."""
    import shutil
    import subprocess

    from conftest import Git, raio_script

    root = make_portfolio(tmp_path / "p", {"open-app": {"application": APP.format(id="open-app")},
                                           "other-app": {"application": APP.format(id="other-app")}})
    Git(root).commit("Two dossiers", "2026-02-01")
    env = dict(os.environ, NO_COLOR="1", RAIO_CACHE_DIR=str(tmp_path / "cache"))

    def raio(*args):
        return subprocess.run([raio_script(), *args], cwd=root, capture_output=True, text=True, timeout=180, env=env)

    first = raio("check", "--today", "2026-11-15")
    assert "IDN009" not in first.stdout, first.stdout
    (root / "archief").mkdir()
    shutil.move(str(root / "applications" / "other-app"), str(root / "archief" / "other-app"))
    again = raio("check", "--today", "2026-11-15")
    assert "archief: warning IDN009 archief/ holds a dossier (other-app)" in again.stdout, again.stdout
    status = raio("status", "--today", "2026-11-15")
    assert "1 application;" in status.stdout and "archief warning IDN009" in status.stdout, status.stdout
    report = raio("report", "-f", "md", "-o", "-", "--today", "2026-11-15", "--language", "en")
    assert report.returncode == 0, report.stderr
    assert "- Not read, so not in this report: what is in archief/ (other-app)." in report.stdout, report.stdout
    nl = raio("report", "-f", "md", "-o", "-", "--today", "2026-11-15", "--language", "nl")
    assert "- Niet gelezen, dus niet in dit rapport: wat in archief/ (other-app) staat." in nl.stdout, nl.stdout
