"""The board documents agree: the memo, the portfolio report and raio status tell the same story
of the same fact (an expired piece of evidence, a certificate, a pilot's start, a decision).

Each test renders the documents a board reads of one small portfolio and asserts what they say
of one fact, in each of them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import EXAMPLE_TODAY, ROOT, copy_example, make_portfolio, texts

from raio_cli.documents import report as report_lib
from raio_cli.documents.memo import render_memo

EN = {"organisation": "T", "department": "R", "language": "en"}


def memo_md(root: Path, app: str, lang: str = "en", today: dt.date = EXAMPLE_TODAY) -> str:
    data, _name, _draft = render_memo(root, app, "md", lang, today)
    return " ".join(data.decode("utf-8").replace("**", "").split())


def attention(root: Path, lang: str = "en", today: dt.date = EXAMPLE_TODAY) -> list[str]:
    return [a["text"] for a in report_lib.build_report_context(root, lang, today)["summary"]["attention"]]


def production(compliance_items: list[dict], **application) -> dict:
    return {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01",
                        **application},
        "compliance": {"items": compliance_items},
    }


def test_expired_evidence_of_an_item_in_progress_is_in_the_report_as_in_the_memo(tmp_path):
    """A DPIA whose evidence expired on 1 October 2026 while its renewal is in progress: the memo
    listed it under "Expired or expiring soon"; the report's points for attention named expired
    evidence only of items marked done (raio check's DAT009), and said nothing of it. Both read
    the one list now (dates.expiring_items)."""
    root = make_portfolio(tmp_path / "p", {"prod-app": production([
        {"id": "dpia", "status": "in-progress", "owner": "FG", "date": "2024-10-01", "expires": "2026-10-01"}])},
        config=EN)
    memo = memo_md(root, "prod-app")
    assert "Data protection impact assessment (DPIA): expired since 1 October 2026 (FG)" in memo, memo
    assert "Prod: Data protection impact assessment (DPIA): evidence expired on 1 October 2026 (45 days ago)." \
        in attention(root), attention(root)


def test_raio_status_names_evidence_that_expires_soon_as_check_memo_and_report_do(tmp_path):
    """AI literacy evidence that expires in 46 days: raio check warns (DAT010), the memo lists it
    as expiring and the report among its points for attention; raio status showed nothing (only
    an expiring CE certificate had a signal). It names it now, for an item being renewed too, as
    the memo and the report do, within the policy's window and not beyond it."""
    from raio_cli import check, status

    def row(root, today=EXAMPLE_TODAY):
        [app] = status.portfolio_status(root, today, use_git=False)["applications"]
        return app

    items = [{"id": "ai-literacy", "status": "done", "owner": "Opleiding", "date": "2025-12-31", "expires": "2026-12-31"}]
    root = make_portfolio(tmp_path / "p", {"prod-app": production(items)}, config=EN)
    assert [f.code for f in check.run(root, today=EXAMPLE_TODAY, use_git=False).findings
            if f.code.startswith("DAT01")] == ["DAT010"]
    assert "expires on 31 December 2026" in memo_md(root, "prod-app")
    assert any("31 December 2026" in a for a in attention(root)), attention(root)
    assert [(e["code"], e["item"], e["days"]) for e in row(root)["expiring_items"]] == [("DAT010", "ai-literacy", 46)]
    assert "ai-literacy expires in 46 d" in status_line(root, "prod-app")
    assert "ai-literacy expires today" in status_line(root, "prod-app", dt.date(2026, 12, 31))
    assert "ai-literacy" not in status_line(root, "prod-app", dt.date(2026, 10, 31))  # 61 days: beyond the window
    items[0]["status"] = "in-progress"
    root = make_portfolio(tmp_path / "q", {"prod-app": production(items)}, config=EN)
    assert [(e["code"], e["item"]) for e in row(root)["expiring_items"]] == [(None, "ai-literacy")]
    root = make_portfolio(tmp_path / "r", {"prod-app": production(items, stage="stopped")}, config=EN)
    assert row(root)["expiring_items"] == []


#: A legal reference in the English style ("Art 6(1)", "art. 6(1)") or the Dutch without its
#: commas ("art. 5 lid 5", "lid 1 sub c"), which a Dutch document writes "art. 6, lid 1, onder c".
ENGLISH_STYLE = re.compile(r"\b[Aa]rt\.? ?\d+\(|\bart\. \d+ lid\b|\blid \d+ sub\b")


def test_dutch_documents_cite_the_law_in_dutch_style(tmp_path):
    """The Dutch memo's AI Act row read "hoog risico: Art 6(1) en bijlage I (medisch hulpmiddel
    klasse IIa)" (the example's basis in the English style, where raio new-pilot and CMP012's hint
    write the catalog's "art. 6, lid 1, en bijlage I"), its in-house row "MDR art. 5 lid 5", and
    the regulatory dates' Dutch titles "art. 6(1)". Every Dutch string of the memo, the report and
    the catalog, and the example's dossiers, cite the Dutch way now."""
    import yaml

    from raio_cli import catalog as cat

    here = Path(report_lib.__file__).parent
    nl = [s for name in ("strings.yaml", "report_strings.yaml")
          for s in texts(yaml.safe_load((here / name).read_text(encoding="utf-8"))["nl"])]
    catalog = here.parent / "catalog"
    for name in ("compliance.yaml", "regulatory_dates.yaml", "algoritmeregister.yaml"):
        data = yaml.safe_load((catalog / name).read_text(encoding="utf-8"))
        nl += [s for entry in _texts_by_key(data, "_nl") for s in texts(entry)]
    assert [s for s in nl if ENGLISH_STYLE.search(s)] == []
    example = ROOT / "examples" / "portfolio" / "applications"
    dossiers = [p for p in example.glob("*/*.yaml") if ENGLISH_STYLE.search(p.read_text(encoding="utf-8"))]
    assert dossiers == []
    root = copy_example(tmp_path / "p")
    memo = memo_md(root, "fractuurdetectie-seh", "nl")
    assert f"AI-verordening: hoog risico: {cat.high_risk_basis('IIa', 'nl')}" in memo, memo
    assert "Art 6(1)" not in memo


def _texts_by_key(node, suffix: str):
    """The values of the keys ending in ``suffix`` anywhere in ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.endswith(suffix):
                yield value
            else:
                yield from _texts_by_key(value, suffix)
    elif isinstance(node, list):
        for value in node:
            yield from _texts_by_key(value, suffix)


def _certificate_app(app_id: str, legal_basis: str) -> dict:
    """An application in production whose class IIa CE certificate's printed date, 1 May 2026, has
    passed; its ce-certificate item marked ``legal_basis`` (MDD: under the former Directive)."""
    return {"application": {"id": app_id, "name": app_id, "stage": "production", "stage_since": "2025-01-01",
                            "regulatory": {"mdr_class": "IIa", "certificate": {
                                "number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}},
            "compliance": {"items": [{"id": "ce-certificate", "status": "done", "evidence": "DMS-7",
                                      "date": "2025-01-01", "expires": "2026-05-01", "legal_basis": legal_basis}]}}


def test_an_mdd_certificate_valid_under_art_120_is_not_expired_in_the_memo_nor_the_matrix(tmp_path):
    """A class IIa certificate under the former Directive (legal_basis: MDD) whose printed date,
    1 May 2026, has passed stays valid under MDR Art 120 until the catalog's end date (raio check:
    DAT007 and DAT009 warn); the report's certificates section said so, but the memo listed it as
    "expired since 1 May 2026", counted its checklist item as lapsed, and the compliance matrix
    marked the item expired. Both say until when it is valid now; a certificate marked MDR has
    still expired."""
    from raio_cli.catalog import compliance_catalog

    until = dt.date.fromisoformat(str(compliance_catalog()["ce-certificate"]["mdd_transition"]["until"]["IIa"]))

    root = make_portfolio(tmp_path / "p", {"mdd-app": _certificate_app("mdd-app", "MDD"),
                                           "mdr-app": _certificate_app("mdr-app", "MDR")},
                          config=EN)
    valid = f"valid under MDR Art 120 until {until.day} December {until.year}"
    memo = memo_md(root, "mdd-app")
    assert f"CE certificate CE 1: printed date 1 May 2026 passed; as an MDD certificate {valid}" in memo, memo
    assert "The CE certificate CE 1 passed its printed date, 1 May 2026;" in memo
    assert "expired since 1 May 2026" not in memo and "expired on 1 May 2026" not in memo
    assert "expired since 1 May 2026" in memo_md(root, "mdr-app")
    matrix = report_lib.build_report_context(root, "en", EXAMPLE_TODAY)["matrix"]
    [line] = [x for x in matrix["lines"] if x["id"] == "ce-certificate"]
    cells = {c["tip"].split(":")[0]: (c["cls"], c["tip"]) for c in line["cells"]}
    assert cells["mdd-app"][0] == "done" and valid in cells["mdd-app"][1], cells
    assert cells["mdr-app"][0] == "expired", cells


def status_line(root: Path, app: str, today: dt.date = EXAMPLE_TODAY) -> str:
    import io

    from rich.console import Console

    from raio_cli import status

    buf = io.StringIO()
    status.print_status(root, today, console=Console(file=buf, width=250, highlight=False, color_system=None))
    return " ".join(line for line in buf.getvalue().splitlines() if app in line)


def test_a_certificate_and_evidence_that_expire_today_expire_today_in_every_document(tmp_path):
    """On the day the CE certificate and the AI literacy evidence expire, the memo said "The CE
    certificate CE 1 expires today"; the report wrote "expires on 15 November 2026 (in 0 days)"
    in its certificates and its points for attention, and raio status "CE expires in 0 d". They
    say "today" now, in each language; the day after, every one of them says expired."""
    files = production([{"id": "ai-literacy", "status": "done", "owner": "RAIO", "date": "2025-11-15",
                         "expires": "2026-11-15"}],
                       regulatory={"mdr_class": "IIa", "certificate": {"number": "CE 1", "notified_body": "BSI",
                                                                       "expires": "2026-11-15"}})
    root = make_portfolio(tmp_path / "p", {"prod-app": files}, config=EN)
    assert "The CE certificate CE 1 expires today, 15 November 2026" in memo_md(root, "prod-app")
    points = attention(root)
    assert "Prod: CE certificate expires today, 15 November 2026." in points, points
    assert "Prod: AI literacy of staff: evidence expires today, 15 November 2026." in points, points
    assert [a for a in attention(root, "nl") if "verloopt vandaag, 15 november 2026" in a], attention(root, "nl")
    assert "CE expires today" in status_line(root, "prod-app")
    after = EXAMPLE_TODAY + dt.timedelta(days=1)
    assert "Prod: CE certificate expired on 15 November 2026 (1 day ago)." in attention(root, today=after)
    assert "CE expired 1 d ago" in status_line(root, "prod-app", after)


def test_a_proposal_whose_planned_start_has_passed_says_the_pilot_has_not_started(tmp_path):
    """A planned application whose pilot was to start on 10 November 2026: five days later the
    memo still proposed "a pilot ... from 10 November 2026", as if that day were ahead, until
    raio check's DAT014 fired after the policy's grace of 14 days. It says the pilot has not
    started from the day after the planned start; on that day itself it says nothing more."""
    files = {"application": {"id": "plan-app", "name": "Plan", "stage": "planned", "stage_since": "2026-10-01"},
             "pilot": {"plan": {"start": "2026-11-10", "end": "2027-05-10"}}}
    root = make_portfolio(tmp_path / "p", {"plan-app": files}, config=EN)
    sentence = "The pilot has not started, 5 days after its planned start on 10 November 2026."
    assert sentence in memo_md(root, "plan-app"), memo_md(root, "plan-app")
    assert "has not started" not in memo_md(root, "plan-app", today=dt.date(2026, 11, 10))
    nl = memo_md(root, "plan-app", "nl")
    assert "De pilot is nog niet gestart, 5 dagen na de geplande start op 10 november 2026." in nl, nl


def test_the_export_counts_the_pre_registered_verdicts_as_the_memo_and_the_report_do(tmp_path, capsys):
    """An application in production decided on E1 (met) and a post-hoc effect X1 (met too): the
    memo said "1 of 1 pre-registered expected effect met" and the report's decisions table "1 of
    1", but raio export counted verdicts_met 2, the exploratory effect among them. The export
    counts the pre-registered effects now and names X1 in its verdicts, marked post hoc."""
    import json

    import pytest

    from raio_cli.cli import main

    def benefit(eid: str, **extra) -> dict:
        return {"id": eid, "kind": "benefit", "description": "Faster reports", "metric": "Median minutes",
                "unit": "minutes", "direction": "decrease", "baseline": {"value": 60}, "target": 40,
                "decision_rule": "Scale up if met.", **extra}

    files = {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-08-01"},
        "effects": {"effects": [benefit("E1", primary=True), benefit("X1", post_hoc=True)]},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                  "outcome": {"date": "2026-07-10", "results": [
                      {"effect": "E1", "observed": 30, "interval": [25, 35]},
                      {"effect": "X1", "observed": 20, "interval": [15, 25]}]},
                  "decision": {"choice": "scale-up", "date": "2026-07-20", "decided_by": "Board"}},
    }
    root = make_portfolio(tmp_path / "p", {"prod-app": files}, config=EN)
    memo = memo_md(root, "prod-app")
    assert "1 of 1 pre-registered expected effect met" in memo, memo[memo.index("## Summary"):][:700]
    [row] = report_lib.build_report_context(root, "en", EXAMPLE_TODAY)["decisions"]["rows"]
    assert row["verdicts"].startswith("1 of 1 expected effect met"), row["verdicts"]
    with pytest.raises(SystemExit):
        main(["export", str(root), "--format", "json"])
    [exported] = json.loads(capsys.readouterr().out)
    assert (exported["verdicts_met"], exported["verdicts"]) == (1, "E1 met; X1 met (post hoc)"), exported


def _extension_in_evaluation(decided_by: str | None) -> dict:
    def benefit(eid: str, **extra) -> dict:
        return {"id": eid, "kind": "benefit", "description": "Faster reports", "metric": "Median minutes",
                "unit": "minutes", "direction": "decrease", "baseline": {"value": 60}, "target": 40,
                "decision_rule": "Scale up if met.", **extra}

    decision = {"choice": "extend", "date": "2026-10-20", "new_end": "2027-03-31", "rationale": "Too few cases"}
    return {
        "application": {"id": "ext-app", "name": "Ext", "stage": "evaluation", "stage_since": "2026-10-01"},
        # the AI literacy duty met: the report's points for attention are the decision's alone (DAT012 else)
        "compliance": {"items": [{"id": "ai-literacy", "status": "done", "owner": "raio", "date": "2026-01-05",
                                  "evidence": "LMS-1"}]},
        "effects": {"effects": [benefit("E1", primary=True)]},
        "pilot": {"plan": {"start": "2026-03-01", "end": "2026-09-30"},
                  "outcome": {"date": "2026-10-05", "results": [{"effect": "E1", "observed": 45, "interval": [35, 55]}]},
                  "extensions": [{"date": "2026-10-20", "end": "2027-03-31", "reason": "Too few cases",
                                  "by": decided_by or "RAIO"}],
                  "decision": {**decision, **({"decided_by": decided_by} if decided_by else {})}},
    }


def test_an_extension_the_board_decided_while_the_stage_says_evaluation_is_taken(tmp_path):
    """The board extended the pilot (decided_by: Board) and the stage still said evaluation. raio
    check's DEC004 asked to set stage: pilot, the decision having been taken, and the report's
    decisions table listed it as the board's; the memo called it a recommendation and asked the
    board "to decide: extend once" by a date after the extended end. It is the decision taken now,
    to be confirmed, as in the pilot stage; without decided_by it stays a recommendation."""
    from conftest import codes, run_check

    root = make_portfolio(tmp_path / "p", {"ext-app": _extension_in_evaluation("Board")}, config=EN)
    memo = memo_md(root, "ext-app")
    assert "## Decision taken - Decision: extend once (decided on 20 October 2026)" in memo, memo
    assert "The board is asked to confirm the decision of 20 October 2026 (extend once)." in memo
    assert "Recommendation" not in memo and "asked to decide" not in memo
    [row] = report_lib.build_report_context(root, "en", EXAMPLE_TODAY)["decisions"]["rows"]
    assert (row["choice"], row["decided_by"]) == ("extend", "Board")
    result = run_check(root, "--no-git")
    [dec004] = [f for f in result.findings if f.code == "DEC004"]
    assert dec004.hint.startswith("Set stage: pilot") and "DEC008" not in codes(result)

    root = make_portfolio(tmp_path / "q", {"ext-app": _extension_in_evaluation(None)}, config=EN)
    memo = memo_md(root, "ext-app")
    assert "Recommendation: extend once (recommended on 20 October 2026)" in memo, memo


def test_a_choice_recorded_without_decided_by_is_a_recommendation_in_report_and_status_too(tmp_path):
    """A scale-up recorded in pilot.yaml without decided_by while the stage says evaluation is the
    RAIO's recommendation: the memo says "Recommendation: scale up" and asks the board to decide,
    and raio check's DEC004 hint says "When the board has decided". The report's points for
    attention said "decided ‘scale up’", its decisions table "Decided by: not given", and raio
    status "stage lags decision". They call it a recommendation now; with decided_by, a decision."""
    files = _extension_in_evaluation(None)
    files["pilot"]["decision"] = {"choice": "scale-up", "date": "2026-11-01", "rationale": "E1 met"}
    del files["pilot"]["extensions"]
    root = make_portfolio(tmp_path / "p", {"ext-app": files}, config=EN)
    assert "Recommendation: scale up (recommended on 1 November 2026)" in memo_md(root, "ext-app")
    assert "Ext: recommendation ‘scale up’ awaits the decision, the stage is still evaluation." in attention(root)
    decisions = report_lib.build_report_context(root, "en", EXAMPLE_TODAY)["decisions"]
    assert decisions["rows"] == [] and [r["app_id"] for r in decisions["recommended"]] == ["ext-app"]
    assert "recommendation 'scale-up' awaits the board" in status_line(root, "ext-app")
    nl = [a for a in attention(root, "nl") if a.startswith("Ext:")]
    assert nl == ["Ext: advies ‘opschalen’ wacht op het besluit, de fase is nog evaluatie."], nl

    files["pilot"]["decision"]["decided_by"] = "Board"
    root = make_portfolio(tmp_path / "q", {"ext-app": files}, config=EN)
    assert "Ext: decided ‘scale up’, the stage is still evaluation." in attention(root)
    assert "stage lags decision 'scale-up'" in status_line(root, "ext-app")


def test_raio_status_names_expired_evidence_of_an_item_in_progress_as_memo_and_report_do(tmp_path):
    """The DPIA whose evidence expired on 1 October 2026 while its renewal is in progress: the
    memo and the report name it; raio status listed expired evidence only of items marked done
    (raio check's DAT009) and showed nothing. It names it too, with its status; a stopped
    application's evidence is nobody's risk, as before. It reads the memo's list
    (dates.evidence_dates), so an expired certificate is no longer named twice either."""
    from raio_cli import status

    items = [{"id": "dpia", "status": "in-progress", "owner": "FG", "date": "2024-10-01", "expires": "2026-10-01"}]
    root = make_portfolio(tmp_path / "p", {"prod-app": production(items)}, config=EN)
    assert "dpia expired 45 d ago" in status_line(root, "prod-app")
    [app] = status.portfolio_status(root, EXAMPLE_TODAY, use_git=False)["applications"]
    assert [(e["item"], e["status"], e["days"]) for e in app["expired_items"]] == [("dpia", "in-progress", 45)]
    root = make_portfolio(tmp_path / "q", {"prod-app": production(items, stage="stopped")}, config=EN)
    assert "expired" not in status_line(root, "prod-app")
    # the CE certificate expired, and its checklist item with it: one renewal, named once, as the
    # memo and the report name it (raio status said "CE expired ...; ce-certificate expired ...")
    cert = [{"id": "ce-certificate", "status": "done", "owner": "KF", "date": "2024-10-01", "expires": "2026-10-01"}]
    files = production(cert, regulatory={"mdr_class": "IIa", "certificate": {"number": "CE 1", "expires": "2026-10-01"}})
    root = make_portfolio(tmp_path / "r", {"prod-app": files}, config=EN)
    line = status_line(root, "prod-app")
    assert "CE expired 45 d ago" in line and "ce-certificate expired" not in line, line


def test_an_unknown_stage_is_not_in_use_in_any_document_as_for_raio_check(tmp_path):
    """stage: produktion (a typo, SCH004): raio check judges no expiry of an application whose
    stage it does not know (DAT007-DAT010). The memo listed the expired certificate and DPIA
    all the same, the report named the DPIA, and raio status "CE expired 75 d ago": each
    treated the unknown stage as in use, each its own way. None does now; with the stage
    corrected they all do."""
    files = production([{"id": "dpia", "status": "done", "owner": "FG", "date": "2023-10-01",
                         "expires": "2026-10-01"}],
                       regulatory={"mdr_class": "IIa", "certificate": {"number": "CE 9", "expires": "2026-09-01"}})
    files["application"]["stage"] = "produktion"
    root = make_portfolio(tmp_path / "p", {"prod-app": files}, config=EN)
    memo = memo_md(root, "prod-app")
    assert "expired" not in memo.replace("has expired (see", ""), memo[memo.index("## Summary"):][:600]
    assert not [a for a in attention(root) if "expire" in a], attention(root)
    assert "expired" not in status_line(root, "prod-app")
    files["application"]["stage"] = "production"
    root = make_portfolio(tmp_path / "q", {"prod-app": files}, config=EN)
    assert "DPIA): expired since 1 October 2026" in memo_md(root, "prod-app")
    assert [a for a in attention(root) if "DPIA" in a and "expired" in a], attention(root)
    assert "CE expired 75 d ago; dpia expired 45 d ago" in status_line(root, "prod-app")


def test_the_memo_says_until_when_and_why_an_mdd_certificate_counts_as_valid(tmp_path):
    """The memo's application section gave an MDD certificate that MDR Art 120 keeps valid as
    "valid until 1 May 2026", its printed date, while raio check (DAT007) and the memo's own
    compliance section count it valid until the catalog's end date. The row says until when it
    counts as valid and by what (the catalog's source), in each language; an MDR certificate
    keeps its printed date alone."""
    from raio_cli.catalog import compliance_catalog

    transition = compliance_catalog()["ce-certificate"]["mdd_transition"]
    until = dt.date.fromisoformat(str(transition["until"]["IIa"]))

    root = make_portfolio(tmp_path / "p", {"mdd-app": _certificate_app("mdd-app", "MDD"),
                                           "mdr-app": _certificate_app("mdr-app", "MDR")},
                          config=EN)
    source = " ".join(transition["source"].split())
    row = (f"CE 1, BSI (2797), valid until 1 May 2026; as an MDD certificate valid under MDR Art 120 until "
           f"{until.day} December {until.year} if its conditions are met ({source})")
    assert row in memo_md(root, "mdd-app"), memo_md(root, "mdd-app")
    nl = memo_md(root, "mdd-app", "nl")
    assert (f"CE 1, BSI (2797), geldig tot 1 mei 2026; als MDD-certificaat volgens art. 120 MDR geldig tot "
            f"{until.day} december {until.year} als aan de voorwaarden is voldaan "
            f"({' '.join(transition['source_nl'].split())})") in nl, nl
    plain = memo_md(root, "mdr-app")
    assert "CE certificate: CE 1, BSI (2797), valid until 1 May 2026 - " in plain and row not in plain


def test_a_scale_up_the_board_decided_while_the_stage_says_evaluation_is_a_decision_in_every_document(tmp_path):
    """A scale-up with decided_by: Board while the stage still says evaluation: raio check's
    DEC004 says "Set stage: production" (decided), the report "decided ‘scale up’" and raio status
    "stage lags decision", but the memo called it a "Recommendation" and asked the board to
    decide it. It is the decision taken in the memo too, to be confirmed, with the stage to
    follow; without decided_by it stays a recommendation everywhere."""
    from conftest import run_check

    files = _extension_in_evaluation(None)
    files["pilot"]["decision"] = {"choice": "scale-up", "date": "2026-11-01", "rationale": "E1 met",
                                  "decided_by": "Board"}
    del files["pilot"]["extensions"]
    root = make_portfolio(tmp_path / "p", {"ext-app": files}, config=EN)
    memo = memo_md(root, "ext-app")
    assert "## Decision taken - Decision: scale up (decided on 1 November 2026)" in memo, memo
    assert ("The board is asked to confirm the decision of 1 November 2026 (scale up). The dossier still gives "
            "the stage as evaluation; it becomes production once the decision is carried out.") in memo, memo
    assert "Recommendation" not in memo and "asked to decide" not in memo
    assert "Decision of 1 November 2026: scale up." in memo
    nl = memo_md(root, "ext-app", "nl")
    assert "Het dossier noemt de fase nog evaluatie; die wordt productie zodra het besluit is uitgevoerd." in nl, nl
    assert "Ext: decided ‘scale up’, the stage is still evaluation." in attention(root)
    assert "stage lags decision 'scale-up'" in status_line(root, "ext-app")
    [dec004] = [f for f in run_check(root, "--no-git").findings if f.code == "DEC004"]
    assert dec004.hint.startswith("Set stage: production")

    files["pilot"]["decision"]["choice"] = "stop"
    files["application"]["stage"] = "pilot"
    root = make_portfolio(tmp_path / "q", {"ext-app": files}, config=EN)
    memo = memo_md(root, "ext-app")
    assert "Decision: stop (decided on 1 November 2026)" in memo and "Recommendation" not in memo, memo
    assert "the stage as pilot; it becomes stopped once" in memo

    del files["pilot"]["decision"]["decided_by"]
    root = make_portfolio(tmp_path / "r", {"ext-app": files}, config=EN)
    assert "Recommendation: stop (recommended on 1 November 2026)" in memo_md(root, "ext-app")


def test_ai_act_duties_that_apply_soon_or_already_are_in_the_memo_and_the_report(tmp_path):
    """raio check reported the AI Act's Annex I duties that apply to a class IIa application
    from 2 August 2028 (DAT011) and the AI literacy duty that applies since 2 February 2025
    (DAT012), their checklist items not done; the memo named DAT012 only in its DRAFT box and
    neither the memo's compliance section nor the report's points for attention named either.
    Both name them now, in each language, worded from the rule's own data (date, days, article,
    the date it moved from)."""
    from conftest import run_check

    root = make_portfolio(tmp_path / "p", {"prod-app": {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01",
                        "regulatory": {"mdr_class": "IIa", "ai_act": {"risk": "high", "basis": "Art 6(1)"}}},
        "compliance": {"items": [{"id": "ai-literacy", "status": "in-progress", "owner": "raio"}]}}}, config=EN)
    day = dt.date(2028, 3, 1)
    found = {f.code: f for f in run_check(root, "--no-git", today=str(day)).findings if f.code in ("DAT011", "DAT012")}
    assert set(found) == {"DAT011", "DAT012"} and "from 2028-08-02 (in 154 days)" in found["DAT011"].message
    due = ("from 2 August 2028 (in 154 days; moved from 2 August 2027); not done: instructions-for-use "
           "(not in the dossier), human-oversight (not in the dossier)")
    passed = ("AI literacy duty applies (Art 4 as amended by Regulation (EU) 2026/1744 (applicable under Art 113(a))) "
              "since 2 February 2025 (1123 days ago); not done: ai-literacy (in progress).")
    memo = memo_md(root, "prod-app", "en", day)
    section = memo.split("Duties under the AI Act")[1].split("## ")[0]
    assert "AI Act high-risk obligations, Art 6(1) and Annex I" in section and due in section, section
    assert passed in section
    points = attention(root, "en", day)
    assert [p for p in points if p.startswith("Prod: AI Act high-risk obligations") and due in p], points
    assert f"Prod: {passed}" in points, points
    nl_due = "vanaf 2 augustus 2028 (over 154 dagen; verschoven van 2 augustus 2027); niet afgerond: instructions-for-use"
    nl_passed = "Plicht tot AI-geletterdheid van toepassing (art. 4 zoals gewijzigd bij Verordening (EU) 2026/1744"
    section = memo_md(root, "prod-app", "nl", day).split("Verplichtingen uit de AI-verordening")[1].split("## ")[0]
    assert nl_due in section and nl_passed in section, section
    points = attention(root, "nl", day)
    assert [p for p in points if nl_due in p] and [p for p in points if p.startswith(f"Prod: {nl_passed}")], points


def test_an_ai_act_duty_the_same_for_several_applications_is_one_point_naming_them(tmp_path):
    """The report's points for attention show ten. AI literacy not recorded in twelve dossiers in
    use was twelve points of the same duty, and the certificate that expires next week fell under
    "and N more"; it is one point naming the twelve, and the certificate is shown."""
    apps = {f"app-{i:02d}": {
        "application": {"id": f"app-{i:02d}", "name": f"App {i:02d}", "stage": "production", "stage_since": "2026-01-01"},
        "compliance": {"items": [{"id": "ai-literacy", "status": "in-progress", "owner": "raio"}]}} for i in range(12)}
    apps["app-00"]["application"]["regulatory"] = {"mdr_class": "I", "certificate": {"number": "C-1", "expires": "2026-11-20"}}
    root = make_portfolio(tmp_path / "p", apps, config=EN)
    points = attention(root)
    literacy = [p for p in points if "AI literacy duty applies" in p]
    assert len(literacy) == 1, points
    assert literacy[0].startswith("App 00, App 01, ") and "App 10 and App 11: AI literacy duty applies" in literacy[0], literacy
    assert [p for p in points if p.startswith("App 00: CE certificate expires")], points
    assert not [p for p in points if "more" in p], points


def test_an_ai_act_date_whose_move_is_only_proposed_reads_alike_in_the_duties_and_the_draft_box():
    """A date moved by an act only proposed: the memo's draft box (DAT012) said "verschuiving van
    X voorgesteld", the duties list "verschoven van X, voorgesteld" (moved, as if done). Both say
    the move is proposed now; a move pending publication has been made, and says so."""
    from raio_cli.documents import i18n
    from raio_cli.documents.memo import ai_act_duty

    data = {"title": {"en": "AI Act high-risk obligations", "nl": "Hoog-risicoverplichtingen AI-verordening"},
            "article": {"en": "Art 6(1)", "nl": "art. 6, lid 1"}, "date": "2027-12-02", "days": 10,
            "moved_from": "2026-08-02", "lacking": [["human-oversight", ""]], "standing": "proposed"}
    nl, en = i18n.Text("nl"), i18n.Text("en")
    draft_nl = nl.s["finding"]["DAT012_moved_proposed"]
    assert "verschuiving van {moved_from} voorgesteld, nog niet aangenomen" in draft_nl
    assert "verschuiving van 2 augustus 2026 voorgesteld, nog niet aangenomen" in ai_act_duty("DAT012", data, nl)
    assert "moved from 2 August 2026, proposed, not yet adopted" in ai_act_duty("DAT012", data, en)
    pending = dict(data, standing="pending")
    assert "verschoven van 2 augustus 2026, nog niet bekendgemaakt" in ai_act_duty("DAT012", pending, nl)
    assert "moved from 2 August 2026, pending publication" in ai_act_duty("DAT012", pending, en)


def _report_md(root: Path, lang: str = "en") -> str:
    data = report_lib.render_report(root, "md", lang, EXAMPLE_TODAY)
    return " ".join(data.decode("utf-8").replace("**", "").split())


def test_a_recommendation_is_no_decision_of_the_period_in_the_report_of_the_example_portfolio(tmp_path):
    """The example portfolio with a scale-up of the lung nodule application (in evaluation)
    recorded on 1 November 2026 without decided_by: the memo calls it a recommendation and asks
    the board to decide, raio status says it awaits the board, raio check's DEC004 waits for the
    board's decision. The report's table "Decisions in the period" listed it among the board's
    decisions (its "Decided by" cell saying nobody yet), counted it in its card "4 decisions", and
    its timeline gave "scale up 1 Nov 2026" as the decision. It is a recommendation awaiting a
    decision now: apart from the decisions, not counted among them, named so in the timeline;
    with decided_by it is a decision of the period again."""
    from conftest import copy_example, edit_yaml, run_check

    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d.update(decision={"choice": "scale-up", "date": "2026-11-01",
                                                  "rationale": "E1 binnen bereik; G1 en G2 binnen grens."}))
    assert "Recommendation: scale up (recommended on 1 November 2026)" in memo_md(root, "longnodule-ct")
    assert "recommendation 'scale-up' awaits the board" in status_line(root, "longnodule-ct")
    [dec004] = [f for f in run_check(root, "--no-git").findings if f.code == "DEC004"]
    assert dec004.hint.startswith("When the board has decided")

    context = report_lib.build_report_context(root, "en", EXAMPLE_TODAY, use_git=False)
    decisions = context["decisions"]
    assert "longnodule-ct" not in [d["app_id"] for d in decisions["rows"]]
    assert [(d["app_id"], d["choice"]) for d in decisions["recommended"]] == [("longnodule-ct", "scale-up")]
    [card] = [c for c in context["summary"]["cards"] if c["label"] in ("decision", "decisions")]
    assert card["value"] == str(len(decisions["rows"])) == "3", card
    assert card["note"].endswith("; 1 recommendation awaits a decision"), card
    report = _report_md(root)
    taken = report[report.index("## Decisions in the period"):report.index("### Recommendations awaiting a decision")]
    assert "Nodule" not in taken and "nobody yet" not in report, taken
    waiting = report[report.index("### Recommendations awaiting a decision"):report.index("## Monitoring")]
    assert ("| 1 November 2026 | Detectie en volumetrie van longnodules op CT-thorax | scale up | "
            "0 of 3 expected effects met") in waiting, waiting
    assert "recommendation ‘scale up’ of 1 Nov 2026, not decided yet" in report
    # the timeline chart's marker too (it said "scale up", as it says of the decisions taken)
    chart = context["timeline"]["svg"]
    assert chart.count(">recommended: scale up<") == 1, chart
    nl = _report_md(root, "nl")
    assert "### Adviezen die op een besluit wachten" in nl and "Let op: 3 besluiten: 15 nov 2025 – 15 nov 2026; 1 advies wacht op een besluit" in nl, nl
    assert "advies ‘opschalen’ van 1 nov 2026, nog geen besluit" in nl

    edit_yaml(pilot, lambda d: d["decision"].update(decided_by="Raad van bestuur"))
    context = report_lib.build_report_context(root, "en", EXAMPLE_TODAY, use_git=False)
    decisions = context["decisions"]
    assert decisions["recommended"] == []
    assert [(d["choice"], d["decided_by"]) for d in decisions["rows"] if d["app_id"] == "longnodule-ct"] == [
        ("scale-up", "Raad van bestuur")]
    assert "Recommendations awaiting" not in _report_md(root) and len(decisions["rows"]) == 4


def test_a_decision_in_effect_without_decided_by_is_a_decision_whose_decider_is_not_given(tmp_path):
    """The example's mammography application, in production since the scale-up of 16 March 2026,
    with decided_by left out: raio check's DEC008 reports a decision that does not say who decided
    it, the memo calls it a decision; the report's decisions table said "nobody yet: a
    recommendation, not a decision" of a system in use. It says the decider is not given."""
    from conftest import codes, copy_example, edit_yaml, run_check

    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "mammografie-tweede-lezer" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d["decision"].pop("decided_by"))
    assert "DEC008" in codes(run_check(root, "--no-git"))
    decisions = report_lib.build_report_context(root, "en", EXAMPLE_TODAY, use_git=False)["decisions"]
    assert [d["decided_by"] for d in decisions["rows"] if d["app_id"] == "mammografie-tweede-lezer"] == ["not given"]
    assert decisions["recommended"] == []


def test_the_verdict_summaries_account_for_every_effect_and_reassure_only_on_known_guardrails(tmp_path):
    """The lung nodule pilot of the example: three benefits, E1 inconclusive, E2 not met, E3
    without a result. The memo's summary said "0 of 3 ... met; no guardrail breached; 2 effects
    inconclusive or without a result (E1, E3)" and the report's "0 of 3 expected effects met;
    ...": the third benefit, not met, was for the reader to find in the table. The prostate pilot's
    interim outcome has neither guardrail decided (G1 without a result, G2 inconclusive): the memo
    said "no guardrail breached" all the same, which the report never says of a guardrail not
    known to be within its limit. Both name the benefits not met, and neither reassures on a
    guardrail without a verdict."""
    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")
    assert ("Pilot outcome: 0 of 3 pre-registered expected effects met; 1 expected effect not met (E2); "
            "no guardrail breached; 2 effects inconclusive or without a result (E1, E3).") in memo_md(root, "longnodule-ct")
    assert ("Uitkomst van de pilot: 0 van 3 vooraf vastgelegde beoogde effecten behaald; 1 beoogd effect niet "
            "behaald (E2); geen grenswaarde overschreden; 2 effecten onbeslist of zonder uitkomst (E1, E3).") \
        in memo_md(root, "longnodule-ct", "nl")
    prostate = memo_md(root, "prostaat-mri-pirads")
    assert ("0 of 3 pre-registered expected effects met; 5 effects inconclusive or without a result "
            "(E1, E2, E3, G1, G2).") in prostate, prostate
    assert "no guardrail breached" not in prostate
    assert "geen grenswaarde overschreden" not in memo_md(root, "prostaat-mri-pirads", "nl")

    edit_yaml(root / "applications" / "longnodule-ct" / "pilot.yaml",
              lambda d: d.update(decision={"choice": "stop", "date": "2026-11-01", "decided_by": "Board",
                                           "rationale": "E1 not shown."}))
    rows = report_lib.build_report_context(root, "en", EXAMPLE_TODAY, use_git=False)["decisions"]["rows"]
    [row] = [r for r in rows if r["app_id"] == "longnodule-ct"]
    assert row["verdicts"] == ("0 of 3 expected effects met; not met: E2; no guardrail breached; "
                               "inconclusive or without a result: E1, E3"), row
    [row] = [r for r in report_lib.build_report_context(root, "nl", EXAMPLE_TODAY, use_git=False)["decisions"]["rows"]
             if r["app_id"] == "longnodule-ct"]
    assert row["verdicts"].startswith("0 van 3 beoogde effecten behaald; niet behaald: E2; geen grens overschreden"), row


def test_the_sign_off_and_the_problem_section_do_not_name_two_lists_by_one_label(tmp_path):
    """longnodule-ct's decision memo listed "Consulted: Longartsen, ..." under the problem and
    "Consulted: not given" in its sign-off (pilot.yaml's decision.consulted, not filled in yet):
    one label over two lists, which a board member reads as a contradiction. The sign-off of a
    decision says whom the decision consulted; a proposal's sign-off names the problem's list,
    under the problem's label."""
    root = copy_example(tmp_path / "p")
    memo = memo_md(root, "longnodule-ct")
    sign_off = memo[memo.index("Sign-off"):]
    assert "Consulted: Longartsen, Vakgroep radiologie (thoraxsectie), AIOS radiologie and Huisartsenkring" in memo
    assert "Consulted on the decision: not given" in sign_off, sign_off[:300]
    assert "Consulted:" not in sign_off
    nl = memo_md(root, "longnodule-ct", "nl")
    assert "Geraadpleegd over het besluit: niet opgegeven" in nl[nl.index("Ondertekening"):]
    proposal = memo_md(root, "botleeftijd-hand")
    assert "Consulted on the decision" not in proposal and "Consulted:" in proposal[proposal.index("Sign-off"):]


def test_an_item_with_an_invalid_status_is_open_in_every_count_of_open_items(tmp_path, capsys):
    """raio status and the report counted an item whose status was none of the four (bezig,
    raio check's SCH004) as open, but raio export's open_items_count and open_items did not: the
    same dossier had 2 open items on the board's screen and 1 in the spreadsheet. Every count is
    one definition now (only done and not-applicable settle an item): 2 everywhere."""
    import csv
    import io
    import json

    import pytest

    from raio_cli.cli import main

    root = make_portfolio(tmp_path / "p", {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned"},
        "compliance": {"items": [
            {"id": "dpia", "status": "bezig", "owner": "privacy-officer"},
            {"id": "security-review", "status": "open", "owner": "ciso"},
            {"id": "ai-literacy", "status": "done", "owner": "raio", "evidence": "LMS-1", "date": "2026-01-05"},
            {"id": "works-council", "status": "not-applicable", "justification": "Not a high-risk system"}]}}},
        config=EN)
    today = ["--today", EXAMPLE_TODAY.isoformat()]

    def run(*args: str) -> str:
        with pytest.raises(SystemExit) as exit_:
            main([*args, *today])
        out = capsys.readouterr().out
        assert exit_.value.code in (0, None, 1), out
        return out

    [exported] = json.loads(run("export", str(root), "--format", "json"))
    assert (exported["open_items_count"], exported["open_items"]) == (2, ["dpia", "security-review"])
    [row] = csv.DictReader(io.StringIO(run("export", str(root)), newline=""))
    assert (row["open_items_count"], row["open_items"]) == ("2", "dpia; security-review")
    data = json.loads(run("status", str(root), "--format", "json"))
    assert data["totals"]["open_items"] == 2 and len(data["applications"][0]["open_items"]) == 2
    assert "2 checklist items marked open or in progress or with no valid status (1)" in " ".join(run("status", str(root)).split())
    for lang, card in (("en", "2 open checklist items"), ("nl", "2 open checklistpunten")):
        md = " ".join(report_lib.render_report(root, "md", lang, EXAMPLE_TODAY).decode("utf-8").replace("**", "").split())
        assert card in md, md[:600]


def test_the_memo_and_the_matrix_count_an_invalid_status_as_open_never_as_settled(tmp_path):
    """The memo listed an item open in the dossier only when its status was open or in
    progress: local validation marked `bezig` (none of the four, SCH004), which the pilot stage
    does not require yet, was in raio status's open count but not in the memo's table. And the
    memo and the report's matrix read `"done "` (a blank after it: none of the four either) as
    done, while the gate and raio status count it open. Only done and not-applicable, exactly
    so, settle an item, in the memo and the matrix too."""
    root = make_portfolio(tmp_path / "p", {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned"},
        "compliance": {"items": [
            {"id": "dpia", "status": "done ", "owner": "privacy-officer", "evidence": "DMS-1", "date": "2026-01-05"},
            {"id": "local-validation", "status": "bezig", "owner": "raio"}]}}}, config=EN)
    memo = memo_md(root, "triage-app")
    section = memo[memo.index("## Compliance"):]
    assert re.search(r"0 of \d+ items required for the pilot stage are settled\. 1 more item is open that the "
                     r"pilot stage does not require", section), section[:600]
    assert "| Local validation on own data | status ‘bezig’ is no valid status (raio check) | evaluation |" in section
    assert "| Data protection impact assessment (DPIA) | status ‘done ’ is no valid status (raio check) | planned |" \
        in section, section[:1500]
    matrix = report_lib.build_report_context(root, "en", EXAMPLE_TODAY)["matrix"]
    cells = {line["id"]: line["cells"][0] for line in matrix["lines"]}
    assert (cells["dpia"]["cls"], cells["dpia"]["tip"]) == (
        "open-due", "Triage: status ‘done ’ is no valid status (raio check) · required now (this stage or the next)")
    assert cells["local-validation"]["cls"] == "open"
