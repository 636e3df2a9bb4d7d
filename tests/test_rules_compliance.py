"""Compliance entries (CMP): complete, known, unique, evidence inside the portfolio, possible dates."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from conftest import EXAMPLE_TODAY, add_as_hinted, copy_example, make_portfolio, run_check, write

TODAY = "2026-11-15"
APP = "knee-mri"
APPLICATION = {"id": APP, "name": "Knee MRI", "stage": "proposed", "task": "detection",
               "regulatory": {"mdr_class": "IIa", "in_house": False},
               "integration": {"hosting": "on-premise"}}


def portfolio(tmp_path, items_yaml: str, config: dict | None = None, application: dict | None = None):
    cfg = {"organisation": "Test", "language": "en"}
    cfg.update(config or {})
    return make_portfolio(tmp_path / "p", {APP: {"application": application or APPLICATION,
                                                 "compliance": "items:\n" + items_yaml}}, cfg)


def check(root, today: str = TODAY):
    from raio_cli import check as engine

    return engine.run(root, today=dt.date.fromisoformat(today), use_git=False)


def found(result, code):
    return [f for f in result.findings if f.code == code]


COMPLIANCE = f"applications/{APP}/compliance.yaml"
DONE = """\
  - id: dpia
    status: done
    owner: privacy-officer
    evidence: DMS-1234
    date: 2025-03-01
"""


def test_a_complete_entry_has_no_findings(tmp_path):
    result = check(portfolio(tmp_path, DONE + """\
  - id: fria
    status: not-applicable
    justification: High-risk through Annex I, not an Annex III system.
  - id: ai-literacy
    status: in-progress
    owner: raio
"""))
    assert [f for f in result.findings if f.code.startswith("CMP")] == []


# --------------------------------------------------------------------------------------------
# CMP001-003 completeness


def test_done_without_evidence(tmp_path):
    result = check(portfolio(tmp_path, """\
  - id: dpia
    status: done
    date: 2025-03-01
  - id: security-review
    status: done
    evidence: ["", "  "]
    date: 2025-03-01
"""))
    assert [(f.file, f.line) for f in found(result, "CMP001")] == [(COMPLIANCE, 2), (COMPLIANCE, 7)]
    assert "'dpia' is done but names no evidence" == found(result, "CMP001")[0].message
    assert found(check(portfolio(tmp_path / "ok", DONE)), "CMP001") == []  # evidence: DMS-1234


def test_done_without_date(tmp_path):
    (f,) = found(check(portfolio(tmp_path, "  - id: dpia\n    status: done\n    evidence: DMS-1\n")), "CMP002")
    assert (f.file, f.line, f.message) == (COMPLIANCE, 2, "'dpia' is done but has no date")
    assert found(check(portfolio(tmp_path / "ok", DONE)), "CMP002") == []


def test_not_applicable_without_justification(tmp_path):
    (f,) = found(check(portfolio(tmp_path, "  - id: fria\n    status: not-applicable\n    justification: ' '\n")), "CMP003")
    assert (f.file, f.line) == (COMPLIANCE, 4)
    assert "'fria' is not-applicable without a justification" == f.message
    justified = "  - id: fria\n    status: not-applicable\n    justification: Not an Annex III system.\n"
    assert found(check(portfolio(tmp_path / "ok", justified)), "CMP003") == []


def _follow(path, hint: str, key: str, value: str) -> None:
    """Do what a CMP001-003 hint says, as typed, with ``value`` for its placeholder."""
    import re

    lines = path.read_text(encoding="utf-8").split("\n")
    line = int(re.search(r"line (\d+)", hint).group(1))
    text = lines[line - 1]
    indent = text[:len(text) - len(text.lstrip())]
    if hint.startswith("Fill in "):
        lines[line - 1] = f"{indent}{key}: {value}"
    elif hint.startswith("Remove the '# '"):
        assert text.lstrip().startswith(f"# {key}:"), text
        lines[line - 1] = f"{indent}{key}: {value}"
    else:
        add_as_hinted(lines, hint, key, value)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("shape", ["empty", "commented", "absent"])
@pytest.mark.parametrize("code,key,status,value", [
    ("CMP001", "evidence", "done", "DMS-1"),
    ("CMP002", "date", "done", "2025-03-01"),
    ("CMP003", "justification", "not-applicable", "Not an Annex III system."),
])
def test_cmp_hint_followed_as_typed_settles_the_item(tmp_path, shape, code, key, status, value):
    """CMP002 said "Add date: YYYY-MM-DD" of an item whose `date:` was there but empty (or
    commented out, as raio new-pilot writes it): typed as it reads, a second `date:` is a
    duplicate key (YML002) and the item stays without a date. The hint now says which line to
    fill in or uncomment, or where to add the line; followed as typed, the finding is gone and
    no other takes its place in compliance.yaml."""
    others = {"evidence": "    evidence: DMS-1\n", "date": "    date: 2025-03-01\n"} if status == "done" else {}
    given = {"empty": f"    {key}:\n", "commented": f"    # {key}: \"\"\n", "absent": ""}[shape]
    entry = f"  - id: dpia\n    status: {status}\n    owner: privacy-officer\n" + given + \
        "".join(v for k, v in others.items() if k != key) + "  - id: fria\n    status: in-progress\n"
    root = portfolio(tmp_path, entry)
    (f,) = found(check(root), code)
    assert "Add " not in f.hint or shape == "absent", f.hint
    _follow(root / COMPLIANCE, f.hint, key, value)
    result = check(root)
    assert found(result, code) == []
    assert [g for g in result.findings if g.file == COMPLIANCE and g.severity.name == "ERROR"] == []


# --------------------------------------------------------------------------------------------
# CMP004-005 evidence files


def _with_evidence(evidence_yaml: str) -> str:
    return f"  - id: dpia\n    status: done\n    date: 2025-03-01\n    evidence: {evidence_yaml}\n"


def test_evidence_file_that_exists(tmp_path):
    root = portfolio(tmp_path, _with_evidence("[evidence/dpia.pdf, shared/policy.md, https://example.org/x.pdf, DMS-1234, zaak 2025-77]"))
    write(root / "applications" / APP / "evidence" / "dpia.pdf", "%PDF")
    write(root / "shared" / "policy.md", "# policy")  # relative to the portfolio root
    result = check(root)
    assert found(result, "CMP004") == [] and found(result, "CMP005") == []


def test_evidence_file_that_is_missing(tmp_path):
    root = portfolio(tmp_path, _with_evidence("\n      - DMS-1234\n      - evidence/dpia-2025.pdf\n"))
    (f,) = found(check(root), "CMP004")
    assert (f.file, f.line) == (COMPLIANCE, 7)
    assert "evidence 'evidence/dpia-2025.pdf' of 'dpia' is not a file in the portfolio" == f.message
    assert f"applications/{APP}/evidence/dpia-2025.pdf" in f.hint


def test_evidence_named_in_other_capitals_says_which_file_is_there(tmp_path):
    """Windows finds evidence/DPIA-2025.pdf when the file is evidence/dpia-2025.pdf, so the check
    on the RAIO's laptop passed; CI on Linux said only that it is not there. The hint names the
    file that is, so the path can be written as git and CI know it."""
    root = portfolio(tmp_path, _with_evidence("Evidence/DPIA-2025.pdf"))
    write(root / "applications" / APP / "evidence" / "dpia-2025.pdf", "%PDF")
    (f,) = found(check(root), "CMP004")
    assert f"differs only in capitals from applications/{APP}/evidence/dpia-2025.pdf" in f.hint, f.hint
    assert "write it as git and CI spell it" in f.hint, f.hint


def _case_insensitive_file_system(monkeypatch):
    """Make raio's process see the file system as macOS and Windows show it by default: a path
    exists when every part of it names an entry in other capitals (the names as listed stay as
    they were written)."""
    import pathlib

    def actual(path: pathlib.Path):
        if os.path.lexists(path):
            return path
        if path.parent == path or (parent := actual(path.parent)) is None or not os.path.isdir(parent):
            return None
        return next((parent / n for n in sorted(os.listdir(parent)) if n.casefold() == path.name.casefold()), None)

    monkeypatch.setattr(pathlib.Path, "exists", lambda self, **kw: actual(self) is not None)


@pytest.mark.parametrize("insensitive", [False, True])
def test_evidence_in_other_capitals_is_reported_on_every_file_system(tmp_path, monkeypatch, insensitive):
    """A dossier that says evidence/dpia.pdf for the file Evidence/DPIA.pdf passed the check on
    the RAIO's Mac or Windows laptop (which opens the file by either name) and failed in CI on
    Linux, and its link in the memo broke. Each part of the path is compared with the folder
    listing as written, so the finding is the same on every file system, and it names the file
    as it is spelled."""
    root = portfolio(tmp_path, _with_evidence("[evidence/dpia.pdf, Evidence/plan.pdf]"))
    write(root / "applications" / APP / "Evidence" / "DPIA.pdf", "%PDF")
    write(root / "applications" / APP / "Evidence" / "plan.pdf", "%PDF")  # spelled as it is: found
    if insensitive:
        _case_insensitive_file_system(monkeypatch)
    from raio_cli import check as engine

    result = engine.run(root, today=dt.date.fromisoformat(TODAY), use_git=False, jobs=1)
    (f,) = found(result, "CMP004")
    assert (f.file, f.line, f.data["evidence"]) == (COMPLIANCE, 5, "evidence/dpia.pdf")
    assert f.message == (f"evidence 'evidence/dpia.pdf' of 'dpia' is not a file in the portfolio; "
                         f"applications/{APP}/Evidence/DPIA.pdf differs from it only in capitals"), f.message
    assert f.data["variant"] == "capitals" and f.data["file"] == f"applications/{APP}/Evidence/DPIA.pdf"


def test_bare_file_name_is_a_path_but_a_document_reference_is_not(tmp_path):
    assert len(found(check(portfolio(tmp_path, _with_evidence("dpia.docx"))), "CMP004")) == 1
    for reference in ("DMS-1234", "iProva RAD-AI-2024-052", "Testrapport PACS/RIS", "versie 3.4.1"):
        root = portfolio(tmp_path / reference.replace("/", "_").replace(" ", "_"), _with_evidence(f"'{reference}'"))
        assert found(check(root), "CMP004") == [], reference


@pytest.mark.parametrize("path", ["../../../etc/passwd", "/etc/passwd", "~/secrets.txt", "'C:\\\\dossiers\\\\dpia.pdf'",
                                  "evidence/../../../../etc/hosts"])
def test_evidence_outside_the_portfolio_is_never_opened(tmp_path, path):
    root = portfolio(tmp_path, _with_evidence(path))
    result = check(root)
    (f,) = found(result, "CMP005")
    assert (f.file, f.line) == (COMPLIANCE, 5)
    assert "points outside the portfolio" in f.message
    assert found(result, "CMP004") == []


def test_evidence_link_that_leaves_the_portfolio(tmp_path):
    outside = write(tmp_path / "elsewhere" / "dpia.pdf", "%PDF")
    root = portfolio(tmp_path, _with_evidence("evidence/dpia.pdf"))
    (root / "applications" / APP / "evidence").mkdir()
    try:
        os.symlink(outside, root / "applications" / APP / "evidence" / "dpia.pdf")
    except OSError:
        pytest.skip("no symbolic links here")
    assert len(found(check(root), "CMP005")) == 1


def test_evidence_climbing_to_the_portfolio_root_is_inside(tmp_path):
    root = portfolio(tmp_path, _with_evidence("../../shared/dpia.pdf"))
    write(root / "shared" / "dpia.pdf", "%PDF")
    result = check(root)
    assert found(result, "CMP004") == [] and found(result, "CMP005") == []


def test_looks_like_path():
    from raio_cli.rules.compliance import looks_like_path

    for text in ("evidence/dpia.pdf", "dpia.pdf", "evidence/DPIA 2025.pdf", "../x.md", "/etc/passwd", "C:\\x\\y.pdf"):
        assert looks_like_path(text), text
    for text in ("DMS-1234", "zaak 2025-77", "https://example.org/a.pdf", "mailto:fg@example.org",
                 "Testrapport PACS/RIS", "BoneSight 3.4", "v1.2.3", ""):
        assert not looks_like_path(text), text
    # any whitespace str.isspace knows separates words: a no-break space, an ideographic space
    for space in ("\u00a0", "\u3000", "\t"):
        assert not looks_like_path(f"DPIA{space}2025.pdf") and not looks_like_path(f"PACS/RIS{space}rapport")
        assert looks_like_path(f"evidence/DPIA{space}2025.pdf")


# --------------------------------------------------------------------------------------------
# CMP006-007 ids


def test_unknown_item_with_a_close_match(tmp_path):
    (f,) = found(check(portfolio(tmp_path, DONE.replace("id: dpia", "id: dpai"))), "CMP006")
    assert (f.file, f.line, str(f.severity)) == (COMPLIANCE, 1 + 1, "warning")
    assert "'dpai'" in f.message and "Did you mean 'dpia'?" in f.hint


def test_item_from_raio_yaml_is_known(tmp_path):
    extra = {"policy": {"checklist_extra": [{"id": "radiographer-training", "title_en": "Radiographer training",
                                             "owner": "lead radiographer", "required_from": "production"}]}}
    items = DONE.replace("id: dpia", "id: radiographer-training")
    assert found(check(portfolio(tmp_path, items, extra)), "CMP006") == []
    assert len(found(check(portfolio(tmp_path / "without", items)), "CMP006")) == 1


def test_duplicate_item(tmp_path):
    (f,) = found(check(portfolio(tmp_path, DONE + DONE.replace("status: done", "status: open"))), "CMP007")
    assert (f.file, f.line) == (COMPLIANCE, 7)
    assert "checklist item 'dpia' is listed twice (first at line 2)" == f.message
    assert found(check(portfolio(tmp_path / "once", DONE)), "CMP007") == []


# --------------------------------------------------------------------------------------------
# CMP008 items that do not apply


def test_open_item_that_does_not_apply(tmp_path):
    items = "  - id: processor-agreement\n    status: open\n"
    (f,) = found(check(portfolio(tmp_path, items)), "CMP008")  # on-premise: no processor
    assert (f.file, f.line, str(f.severity)) == (COMPLIANCE, 3, "info")
    assert "does not apply" in f.message and "hosting_in" in f.message
    cloud = dict(APPLICATION, integration={"hosting": "cloud"})
    assert found(check(portfolio(tmp_path / "cloud", items, application=cloud)), "CMP008") == []
    settled = "  - id: processor-agreement\n    status: not-applicable\n    justification: on premise\n"
    assert found(check(portfolio(tmp_path / "na", settled)), "CMP008") == []


# --------------------------------------------------------------------------------------------
# CMP009-010 dates


def test_date_in_the_future(tmp_path):
    (f,) = found(check(portfolio(tmp_path, DONE.replace("2025-03-01", "2026-11-16"))), "CMP009")
    assert (f.file, f.line, str(f.severity)) == (COMPLIANCE, 6, "warning")
    assert "2026-11-16, after today (2026-11-15)" in f.message
    assert found(check(portfolio(tmp_path / "today", DONE.replace("2025-03-01", TODAY))), "CMP009") == []


def test_done_after_its_expiry(tmp_path):
    (f,) = found(check(portfolio(tmp_path, DONE + "    expires: 2025-02-28\n")), "CMP010")
    assert (f.file, f.line, str(f.severity)) == (COMPLIANCE, 7, "error")
    assert "'dpia' is done on 2025-03-01 but expires earlier, on 2025-02-28" == f.message
    assert found(check(portfolio(tmp_path / "ok", DONE + "    expires: 2028-03-01\n")), "CMP010") == []
    # an item that expired since it was done is the dates rules' business, not this one's
    assert found(check(portfolio(tmp_path / "old", DONE + "    expires: 2025-06-01\n")), "CMP010") == []


# --------------------------------------------------------------------------------------------
# CMP011 raio.yaml checklist_extra


def _raio_line(root, text):
    for number, line in enumerate((root / "raio.yaml").read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(text)


@pytest.mark.parametrize("condition, words, at", [
    ("integration.hosting != on-premise", "must be a mapping", "applies_when"),
    ({"hosting_is": ["cloud"]}, "hosting_is: unknown key", "hosting_is"),
    ({"any": [{"mdr_class_at_least": "IIc"}]}, "any[0].mdr_class_at_least", "mdr_class_at_least"),  # at the slip
])
def test_invalid_condition_in_raio_yaml(tmp_path, condition, words, at):
    extra = {"policy": {"checklist_extra": [
        {"id": "vendor-nen7510", "title_en": "Vendor certified", "owner": "ciso", "required_from": "pilot",
         "applies_when": condition}]}}
    root = portfolio(tmp_path, DONE, extra)
    result = check(root)
    assert not result.internal_errors
    (f,) = found(result, "CMP011")
    assert f.file == "raio.yaml" and words in f.message and "'vendor-nen7510'" in f.message
    assert f.line == _raio_line(root, at)


def test_five_thousand_checklist_extra_items_are_read_in_one_pass(tmp_path):
    """Each item of policy.checklist_extra was tried anew with every usable item before it (a
    catalog built per item): 5,000 items took over two minutes of every check. They are judged in
    one pass now; each unusable one is still one CMP011 at its own item, the usable ones all in
    the catalog."""
    import time

    from raio_cli import gates

    items = [{"id": f"own-{i}", "title_en": f"Own item {i}", "owner": "raio",
              "required_from": "productie" if i % 1000 == 999 else "production"} for i in range(5000)]
    policy = {"checklist_extra": items}
    gates._catalog.cache_clear()
    start = time.perf_counter()
    catalog = gates.checklist_catalog(policy)
    errors = gates.policy_extra_errors(policy)
    took = time.perf_counter() - start
    assert [index for index, *_ in errors] == [999, 1999, 2999, 3999, 4999]
    assert "own-0" in catalog and "own-4998" in catalog and "own-999" not in catalog
    assert len([k for k in catalog if k.startswith("own-")]) == 4995
    assert took < 10, took  # a second or two; minutes before


@pytest.mark.parametrize("change, at, hint", [
    ({"applies_when": "hosting != on-premise"}, "applies_when:", "applies_when: {hosting_in: [cloud, vendor-platform, hybrid]}"),
    ({"applies_when": {"hosting_in": "cloud"}}, "hosting_in:", "Write hosting_in: [cloud]"),
    ({"applies_when": {"hosting": "cloud"}}, "hosting:", "Did you mean 'hosting_in'?"),
    ({"required_from": "productie"}, "required_from:", "Did you mean 'production'?"),
])
def test_one_slip_in_an_extra_item_is_one_finding_with_the_hint_that_mends_it(tmp_path, change, at, hint):
    """A slip in a checklist_extra item in raio.yaml was CMP011 (the item is not used) and a schema
    finding at or near the same place: two errors for one slip, CMP011's hint ("raio rule CMP011
    shows the condition keys") not fitting a required_from. CMP011 speaks, at the slip, with the
    hint that mends it (the schema's where that says it better); the schema's finding is quiet."""
    item = {"id": "own-item", "title_nl": "x", "title_en": "x", "source": "x", "required_from": "pilot"}
    root = portfolio(tmp_path, DONE, {"policy": {"checklist_extra": [item | change]}})
    result = check(root)
    assert not result.internal_errors
    mine = [f for f in result.findings if f.file == "raio.yaml"]
    assert [(f.code, f.line) for f in mine] == [("CMP011", _raio_line(root, at))], [(f.code, f.message) for f in mine]
    assert hint in mine[0].hint and mine[0].message.endswith("the item is not used"), mine[0].hint


def test_a_legal_key_that_is_a_condition_is_worded_as_one(tmp_path):
    """high_risk_when is a condition (which MDR classes make an application high-risk), not a date
    nor a wording: CMP011 said it "holds legal facts (dates and wordings of the law ...)"."""
    extra = {"policy": {"checklist_extra": [{"id": "ai-act-classification", "owner": "raio",
                                             "high_risk_when": {"mdr_class_at_least": "III"}}]}}
    (f,) = found(check(portfolio(tmp_path, DONE, extra)), "CMP011")
    assert "dates and wordings" not in f.message and "conditions" in f.message, f.message
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    assert "voorwaarden" in finding_text(f, Text("nl")) and "conditions" in finding_text(f, Text("en"))


def test_valid_extra_and_missing_required_from(tmp_path):
    good = {"id": "vendor-nen7510", "title_en": "Vendor certified", "owner": "ciso", "required_from": "pilot",
            "applies_when": {"hosting_in": ["cloud", "vendor-platform", "hybrid"]}}
    assert found(check(portfolio(tmp_path, DONE, {"policy": {"checklist_extra": [good]}})), "CMP011") == []
    bad = {k: v for k, v in good.items() if k != "required_from"} | {"id": "vendor-soc2"}
    root = portfolio(tmp_path / "bad", DONE, {"policy": {"checklist_extra": [good, bad]}})
    (f,) = found(check(root), "CMP011")
    assert "required_from is missing" in f.message


def test_invalid_extra_does_not_stop_the_other_rules(tmp_path):
    extra = {"policy": {"checklist_extra": [{"id": "x-item", "required_from": "pilot", "applies_when": "cloud"}]}}
    result = check(portfolio(tmp_path, DONE.replace("id: dpia", "id: dpai"), extra))
    assert not result.internal_errors
    assert len(found(result, "CMP006")) == 1 and len(found(result, "CMP011")) == 1


def test_raio_yaml_cannot_move_the_legal_end_dates_of_mdd_certificates(tmp_path):
    """The end dates until which MDR Art 120 keeps a certificate under the former Directive valid
    are law, carried in raio's catalog with their source; raio.yaml checklist_extra, meant for a
    hospital's own items and its policy on built-in ones (when, by whom), could override them as any
    other key, so a configuration line extended a legal deadline and DAT007 stayed a warning past it.
    The override is refused at its line in raio.yaml, and the catalog's dates stay in force."""
    from raio_cli.catalog import compliance_catalog

    until = str(compliance_catalog()["ce-certificate"]["mdd_transition"]["until"]["IIa"])
    extended = {"valid_on": "2021-05-26", "until": {"III": "2031-12-31", "IIb": "2031-12-31", "IIa": "2031-12-31",
                                                     "I": "2031-12-31"}}
    application = {**APPLICATION, "stage": "production",
                   "regulatory": {"mdr_class": "IIa", "in_house": False,
                                  "certificate": {"number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}}
    items = """\
  - id: ce-certificate
    status: done
    owner: clinical-physicist
    evidence: DMS-7
    date: 2025-01-01
    legal_basis: MDD
"""
    extra = {"policy": {"checklist_extra": [
        {"id": "ce-certificate", "owner": "clinical-physicist", "required_from": "pilot", "mdd_transition": extended}]}}
    root = portfolio(tmp_path, items, extra, application)
    after = (dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat()
    result = check(root, today=after)
    assert not result.internal_errors
    (f,) = found(result, "CMP011")
    assert (f.file, f.line, str(f.severity)) == ("raio.yaml", _raio_line(root, "mdd_transition:"), "error")
    assert "'ce-certificate'" in f.message and "mdd_transition" in f.message and "legal" in f.message
    assert "compliance.yaml" in f.hint
    # one finding for the one key: not also the schema's "unknown field" at the same place
    assert [x.code for x in result.findings if (x.file, x.line) == (f.file, f.line)] == ["CMP011"]
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    assert "wijzigt mdd_transition, een wettelijk gegeven" in finding_text(f, Text("nl"))  # the memo's Dutch
    assert "changes mdd_transition, a legal fact" in finding_text(f, Text("en"))
    # the catalog's end date holds: the day after it, the expired certificate is an error again
    (expired,) = found(result, "DAT007")
    assert str(expired.severity) == "error" and f"Art 120 ended on {until}" in expired.message
    # a hospital's own policy on the same item stays possible
    policy = {"policy": {"checklist_extra": [{"id": "ce-certificate", "owner": "clinical-physicist",
                                              "required_from": "pilot"}]}}
    assert found(check(portfolio(tmp_path / "own", items, policy, application), today=after), "CMP011") == []



@pytest.mark.parametrize("key, value", [
    ("high_risk_when", {"mdr_class_at_least": "III", "in_house": False}),
    ("high_risk_article", "Annex III"),
    ("high_risk_article_nl", "bijlage III"),
    ("high_risk_source", "our own reading"),
    ("high_risk_basis", "not high-risk (class {mdr_class})"),
])
def test_raio_yaml_cannot_change_what_makes_an_application_high_risk_under_the_ai_act(tmp_path, key, value):
    """Which MDR classes the AI Act makes high-risk, the article that says so and its source are
    law, carried in the catalog's ai-act-classification; raio.yaml checklist_extra could override
    them as any other key, so a configuration line silenced CMP012 for a class IIa device (or made
    it cite another article) without CMP011 objecting. The override is refused at its line in
    raio.yaml, and the catalog's facts stay in force."""
    application = {**APPLICATION, "stage": "planned", "regulatory": {"mdr_class": "IIa", "in_house": False}}
    extra = {"policy": {"checklist_extra": [{"id": "ai-act-classification", "owner": "raio", key: value}]}}
    root = portfolio(tmp_path, DONE, extra, application)
    result = check(root)
    assert not result.internal_errors
    (f,) = found(result, "CMP011")
    assert (f.file, f.line, str(f.severity)) == ("raio.yaml", _raio_line(root, f"{key}:"), "error")
    assert f.data["variant"] == "legal_key" and f.data["value"] == key
    assert [x.code for x in result.findings if (x.file, x.line) == (f.file, f.line)] == ["CMP011"]
    (risk,) = found(result, "CMP012")
    assert risk.message.endswith("is therefore high-risk (AI Act Art 6(1) and Annex I)"), risk.message
    assert 'basis: "Art 6(1) and Annex I (medical device class IIa)"' in risk.hint
    # the hospital's own policy on the item (who owns it, from when) stays possible
    own = {"policy": {"checklist_extra": [{"id": "ai-act-classification", "owner": "clinical-physicist",
                                           "required_from": "proposed"}]}}
    assert found(check(portfolio(tmp_path / "own", DONE, own, application)), "CMP011") == []


# --------------------------------------------------------------------------------------------
# Hostile and odd input


def test_odd_entries_never_raise(tmp_path):
    items = """\
  - just text
  - id: 42
    status: done
  - id: dpia
    status: done
    evidence: {nested: mapping}
    date: not-a-date
    expires: 2025-13-45
  - id: security-review
    status: done
    evidence: "evidence/\\0nul.pdf"
    date: 2025-01-01
  - id: integration-test
    status: done
    evidence: "evidence/{long}.pdf"
    date: 2025-01-01
""".replace("{long}", "x" * 5000)
    result = check(portfolio(tmp_path, items))
    assert not result.internal_errors


# --------------------------------------------------------------------------------------------
# CMP012 the AI Act risk that an MDR class makes


def _edit_app(root, app_id, old, new):
    path = root / "applications" / app_id / "application.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _line(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_cmp012_an_mdr_class_iia_device_is_high_risk_under_the_ai_act(tmp_path):
    """A class IIa device in production with no AI Act risk, and one in evaluation classified
    'minimal', passed every gate without a word: a medical device that needs a notified body is
    high-risk through AI Act Art 6(1) and Annex I, and its deployer duties follow from that."""
    root = copy_example(tmp_path / "example")
    seh = _edit_app(root, "fractuurdetectie-seh", "  ai_act:\n    risk: high\n    basis: art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIa)\n", "")
    lung = _edit_app(root, "longnodule-ct", "    risk: high\n", "    risk: minimal\n")
    _edit_app(root, "mammografie-tweede-lezer", "    risk: high\n", "    risk: unknown\n")
    result = run_check(root, "--no-git", today=EXAMPLE_TODAY.isoformat())
    got = sorted((f.app, f.file, f.line, str(f.severity), f.data.get("variant")) for f in found(result, "CMP012"))
    assert got == [
        ("fractuurdetectie-seh", "applications/fractuurdetectie-seh/application.yaml", _line(seh, "mdr_class: IIa"), "error", "missing"),
        ("longnodule-ct", "applications/longnodule-ct/application.yaml", _line(lung, "risk: minimal"), "error", "other"),
        ("mammografie-tweede-lezer", "applications/mammografie-tweede-lezer/application.yaml", 30, "error", "other"),
    ]
    [missing] = [f for f in found(result, "CMP012") if f.app == "fractuurdetectie-seh"]
    assert "MDR class IIa" in missing.message and "Art 6(1)" in missing.message
    assert "risk: high" in missing.hint
    assert result.exit_code() == 1
    assert [f.code for f in result.findings if f.app == "fractuurdetectie-seh" and str(f.severity) == "error"] == ["CMP012"]


def test_cmp012_not_for_a_device_without_a_notified_body_nor_before_the_classification_is_due(tmp_path):
    """Class I (self-certified), an in-house device (MDR Art 5(5)), no medical device, a class
    not yet stated, and a proposal (the classification is due from planned) give no CMP012."""
    app = {**APPLICATION, "stage": "planned"}
    cases = {
        "class-i": {**app, "regulatory": {"mdr_class": "I", "ai_act": {"risk": "minimal"}}},
        "in-house": {**app, "regulatory": {"mdr_class": "IIb", "in_house": True, "ai_act": {"risk": "limited"}}},
        "none": {**app, "regulatory": {"mdr_class": "none", "ai_act": {"risk": "minimal"}}},
        "unstated": {**app, "regulatory": {"in_house": False}},
        "proposed": {**APPLICATION, "regulatory": {"mdr_class": "III", "ai_act": {"risk": "unknown"}}},
        "high": {**app, "regulatory": {"mdr_class": "III", "ai_act": {"risk": "high"}}},
    }
    for name, application in cases.items():
        result = check(portfolio(tmp_path / name, DONE, application={**application, "id": APP}))
        assert found(result, "CMP012") == [], name
    result = check(portfolio(tmp_path / "iib", DONE, application={**app, "regulatory": {"mdr_class": "IIb"}}))
    assert [(f.data["variant"], f.data["mdr_class"]) for f in found(result, "CMP012")] == [("missing", "IIb")]


def test_cmp012_asks_for_the_basis_raio_new_pilot_writes(tmp_path):
    """CMP012's hint and raio new-pilot each wrote the basis "Art 6(1) and Annex I (medical device
    class IIb)" in code of their own: a correction of the legal wording in one would have left the
    other asking for, or writing, the old one. The wording is the catalog's (ai-act-classification
    ``high_risk_basis``, next to its source), and both write it."""
    from raio_cli import catalog, scaffold

    wording = catalog.compliance_catalog()["ai-act-classification"]["high_risk_basis"]
    expected = wording.replace("{mdr_class}", "IIb")
    assert expected == "Art 6(1) and Annex I (medical device class IIb)"
    app = {**APPLICATION, "stage": "planned"}
    for name, risk in (("missing", None), ("other", "limited")):
        regulatory = {"mdr_class": "IIb", **({"ai_act": {"risk": risk}} if risk else {})}
        result = check(portfolio(tmp_path / name, DONE, application={**app, "regulatory": regulatory}))
        [finding] = found(result, "CMP012")
        assert finding.data["variant"] == name and f'basis: "{expected}"' in finding.hint
    assert scaffold.ai_act_basis({"regulatory": {"mdr_class": "IIb"}}) == expected
    # in a Dutch portfolio both write the catalog's Dutch wording
    dutch = catalog.compliance_catalog()["ai-act-classification"]["high_risk_basis_nl"].replace("{mdr_class}", "IIb")
    assert dutch == "art. 6, lid 1, en bijlage I (medisch hulpmiddel klasse IIb)"
    for name, risk in (("missing", None), ("other", "limited")):
        regulatory = {"mdr_class": "IIb", **({"ai_act": {"risk": risk}} if risk else {})}
        result = check(portfolio(tmp_path / f"nl-{name}", DONE, {"language": "nl"}, {**app, "regulatory": regulatory}))
        [finding] = found(result, "CMP012")
        assert f'basis: "{dutch}"' in finding.hint, finding.hint
    assert scaffold.ai_act_basis({"regulatory": {"mdr_class": "IIb"}}, "nl") == dutch


def test_cmp012_cites_the_article_from_the_catalog_in_the_check_and_the_memo(tmp_path, monkeypatch):
    """CMP012's explanation "(AI Act Art 6(1) and Annex I)" was written in the rule and again,
    in each language, in the memo's strings: a correction of the legal reference in the catalog
    would have left both quoting the old one. The article is the catalog's (ai-act-classification
    ``high_risk_article``, ``high_risk_article_nl``, next to its source): raio check and the memo,
    in Dutch and English, quote it, and follow it when it changes."""
    import copy

    from raio_cli import catalog
    from raio_cli.documents import i18n
    from raio_cli.documents.memo import finding_text, is_translated
    from raio_cli.rules import compliance as rules

    item = catalog.compliance_catalog()["ai-act-classification"]
    assert (item["high_risk_article"], item["high_risk_article_nl"]) == ("Art 6(1) and Annex I", "art. 6, lid 1, en bijlage I")
    app = {**APPLICATION, "stage": "planned"}
    for name, risk in (("missing", None), ("other", "limited")):
        regulatory = {"mdr_class": "IIb", **({"ai_act": {"risk": risk}} if risk else {})}
        [f] = found(check(portfolio(tmp_path / name, DONE, application={**app, "regulatory": regulatory})), "CMP012")
        assert f.message.endswith("is therefore high-risk (AI Act Art 6(1) and Annex I)"), f.message
        assert finding_text(f, i18n.Text("en")).endswith("is therefore high-risk (AI Act Art 6(1) and Annex I).")
        nl = finding_text(f, i18n.Text("nl"))
        assert is_translated(f, i18n.Text("nl")) and nl.endswith("(AI-verordening art. 6, lid 1, en bijlage I)."), nl

    # a corrected reference in the catalog is what both quote
    real = rules.checklist_catalog

    def corrected(ctx):
        items = copy.deepcopy(real(ctx))
        items["ai-act-classification"].update(high_risk_article="Art 6(1) and Annex I Section A",
                                              high_risk_article_nl="art. 6, lid 1, en bijlage I, afdeling A")
        return items
    monkeypatch.setattr(rules, "checklist_catalog", corrected)
    [f] = found(check(portfolio(tmp_path / "corrected", DONE, application={**app, "regulatory": {"mdr_class": "IIb"}})), "CMP012")
    assert f.message.endswith("(AI Act Art 6(1) and Annex I Section A)"), f.message
    assert finding_text(f, i18n.Text("en")).endswith("(AI Act Art 6(1) and Annex I Section A).")
    assert finding_text(f, i18n.Text("nl")).endswith("(AI-verordening art. 6, lid 1, en bijlage I, afdeling A).")


def test_cmp012_not_for_high_written_in_capitals(tmp_path):
    """`risk: High` gave SCH004 ("did you mean 'high'?") and CMP012 "the AI Act risk is 'High', but
    ... is therefore high-risk": two errors for one slip of case, the second telling the user the
    class they wrote is wrong. The schema's finding is the one to act on; CMP012 waits for it."""
    app = {**APPLICATION, "stage": "planned", "id": APP}
    for written in ("High", "HIGH", "Prohibited"):
        result = check(portfolio(tmp_path / written, DONE, application={
            **app, "regulatory": {"mdr_class": "IIa", "ai_act": {"risk": written}}}))
        assert found(result, "CMP012") == [], written
        assert [f.data["value"] for f in found(result, "SCH004")] == [written]
    result = check(portfolio(tmp_path / "limited", DONE, application={
        **app, "regulatory": {"mdr_class": "IIa", "ai_act": {"risk": "Limited"}}}))
    assert [f.data["variant"] for f in found(result, "CMP012")] == ["other"]


# --------------------------------------------------------------------------------------------
# The example portfolio


def test_example_portfolio_has_no_compliance_errors(tmp_path):
    root = copy_example(tmp_path / "example")
    result = run_check(root, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert not result.internal_errors
    assert [f for f in result.findings if f.code.startswith("CMP") and str(f.severity) != "info"] == []


def test_an_unreadable_raio_yaml_is_its_own_finding_not_every_organisation_item_unknown(tmp_path):
    """A Windows-style pattern in double quotes (`regex: "\\bNZ-?\\d{7}\\b"`: \\d is no YAML escape)
    made raio.yaml unreadable (YML001). raio then also said of every item of its own checklist
    (checklist_extra) in every compliance.yaml that it 'is not in the catalog nor in raio.yaml
    checklist_extra' (CMP006): raio.yaml lists them; raio could not read it."""
    root = copy_example(tmp_path / "p")
    config = root / "raio.yaml"
    text = config.read_text(encoding="utf-8")
    assert "regex: '\\bNZ-?\\d{7}\\b'" in text
    config.write_text(text.replace("regex: '\\bNZ-?\\d{7}\\b'", 'regex: "\\bNZ-?\\d{7}\\b"'), encoding="utf-8")
    found = run_check(root).findings
    assert [f.code for f in found if f.file == "raio.yaml" and f.code.startswith("YML")] == ["YML001"]
    assert [f for f in found if f.code == "CMP006"] == []
