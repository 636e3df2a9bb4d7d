"""Dates and pilotitis (DAT): pilot dates, overdue outcomes and decisions, extensions, expiry,
and AI Act dates taken from the catalog (never from the test)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLE_TODAY, add_as_hinted, run_check
from test_rules_outcome import APP, app_file, build, check, hits, line_of, one, rel

DAY = dt.timedelta(days=1)


def mine(result) -> list:
    return [f for f in result.findings if f.code.startswith("DAT")]


def no_outcome(f):
    f["pilot"].pop("outcome")


def iso(d: dt.date) -> str:
    return d.isoformat()


# --------------------------------------------------------------------------------------------
# DAT001 start before end


def test_dat001_start_after_end(tmp_path):
    root = build(tmp_path, lambda f: f["pilot"]["plan"].update(start="2026-07-01"))
    f = one(check(root), "DAT001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-06-30'"))
    assert "before it starts" in f.message
    assert hits(check(build(tmp_path / "ok")), "DAT001") == []
    same = one(check(build(tmp_path / "same", lambda f: f["pilot"]["plan"].update(start="2026-06-30"))), "DAT001")
    assert same.message == "the pilot ends on 2026-06-30, the day it starts (2026-06-30)"
    day_before = build(tmp_path / "day", lambda f: f["pilot"]["plan"].update(start="2026-06-29"))
    assert hits(check(day_before), "DAT001") == []  # the day before the end: a start before the end


def test_dat001_a_typo_in_plan_end_is_one_finding_not_also_pilotitis_from_the_typo(tmp_path):
    """plan.end written a year early (2025-12-01 for 2026-12-01) gave DAT001 and, counted from
    the typo, DAT003 "decision overdue by 289 days" (or DAT002, pilot ended without outcome): the
    rules that count from the pilot's end do not count from an end before its start."""
    def typo(f):
        no_outcome(f)
        f["pilot"]["plan"].update(start="2026-06-01", end="2025-12-01")
    root = build(tmp_path, typo, stage="pilot")
    for today in ("2026-11-15", "2027-03-01"):
        result = check(root, today=today)
        assert [(f.code, f.file, f.line) for f in mine(result)] == \
            [("DAT001", rel("pilot"), line_of(app_file(root, "pilot"), "end: '2025-12-01'"))], today
    scale_up = build(tmp_path / "scale", lambda f: (typo(f), f["pilot"].update(
        decision={"choice": "scale-up", "date": "2026-07-01", "rationale": "r"})), stage="evaluation")
    assert [f.code for f in check(scale_up).findings if f.code in ("DAT001", "DAT003", "DEC007")] == ["DAT001"]
    # an extension after the start is an end to count from; the corrected plan.end is too
    extended = build(tmp_path / "ext", lambda f: (typo(f), f["pilot"].update(
        extensions=[{"end": "2026-12-15", "reason": "slow inclusion", "date": "2026-11-01", "by": "RAIO"}])),
        stage="pilot")
    assert [f.code for f in mine(check(extended, today="2027-03-01"))] == ["DAT001", "DAT003"]
    fixed = build(tmp_path / "fixed", lambda f: (typo(f), f["pilot"]["plan"].update(end="2026-12-01")), stage="pilot")
    assert [f.code for f in mine(check(fixed, today="2027-03-01"))] == ["DAT003"]
    assert [f.code for f in mine(check(fixed, today="2027-01-10"))] == ["DAT002"]

    # the last use of a stopped application, from which log retention runs (MON013), neither
    def stopped(f):
        typo(f)
        f["application"]["regulatory"]["ai_act"]["risk"] = "high"
        f["compliance"]["items"].append({"id": "log-retention", "status": "in-progress", "owner": "CISO"})
        f["pilot"]["decision"] = {"choice": "stop", "date": "2026-09-01", "rationale": "r", "decided_by": "board"}
    result = check(build(tmp_path / "stopped", stopped, stage="stopped"))
    assert [f.code for f in result.findings if f.code in ("DAT001", "DAT002", "DAT003", "MON013")] == ["DAT001"]


def test_dat001_a_typo_in_plan_start_is_one_finding_not_also_the_rules_that_count_from_the_start(tmp_path):
    """plan.start written a year late gave DAT001 and, from the typo, DAT013 (the stage is pilot
    but the pilot starts in 198 days) or DAT015 (the outcome is dated before the pilot started) and
    DEC007 (a decision before the start): the rules that compare a date with plan.start wait until
    the pair is consistent."""
    def late_start(f):
        no_outcome(f)
        f["pilot"]["plan"].update(start="2027-06-01", end="2026-12-01")
    result = check(build(tmp_path / "pilot", late_start, stage="pilot"))
    assert [f.code for f in mine(result)] == ["DAT001"]
    def evaluated(f):
        f["pilot"]["plan"].update(start="2026-11-01", end="2026-06-30")
        f["pilot"]["decision"] = {"choice": "stop", "date": "2026-10-15", "rationale": "r"}
    result = check(build(tmp_path / "evaluation", evaluated, stage="evaluation"))
    assert [f.code for f in result.findings if f.code[:3] == "DAT" or f.code == "DEC007"] == ["DAT001"]
    # consistent dates: each of those rules still reports its own finding
    result = check(build(tmp_path / "ok-pilot", lambda f: (late_start(f), f["pilot"]["plan"].update(end="2027-12-01")),
                         stage="pilot"))
    assert [f.code for f in mine(result)] == ["DAT013"]
    result = check(build(tmp_path / "ok-eval", lambda f: (evaluated(f), f["pilot"]["plan"].update(end="2026-12-01")),
                         stage="evaluation"))
    assert sorted(f.code for f in result.findings if f.code[:3] == "DAT" or f.code == "DEC007") == ["DAT015", "DEC007"]


def test_dat001_points_at_plan_start_when_the_other_dates_say_the_start_is_the_typo(tmp_path):
    """DAT001 stood at plan.end whichever of the two was wrong: a start written a year late was
    reported at the correct end, where the reader then looks for the typo in vain. When the
    dossier's other dates show the start is the odd one (a pilot under way that would start in
    the future, an outcome or decision dated before the start), the finding is at plan.start."""
    def late_start(f):
        no_outcome(f)
        f["pilot"]["plan"].update(start="2027-06-01", end="2026-12-01")
    root = build(tmp_path / "pilot", late_start, stage="pilot")
    f = one(check(root), "DAT001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "start: '2027-06-01'"))
    assert f.hint.startswith("Correct plan.start")

    def decided_before_start(f):
        f["pilot"]["plan"].update(start="2026-11-01", end="2026-06-30")
        f["pilot"]["decision"] = {"choice": "stop", "date": "2026-10-15", "rationale": "r"}
    root = build(tmp_path / "evaluation", decided_before_start, stage="evaluation")
    f = one(check(root), "DAT001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "start: '2026-11-01'"))

    # an end written a year early, with a start the outcome follows: the finding stays at plan.end
    def early_end(f):
        f["pilot"]["plan"].update(start="2026-01-05", end="2025-06-30")
    root = build(tmp_path / "end", early_end)
    f = one(check(root), "DAT001")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2025-06-30'"))
    assert f.hint.startswith("Correct plan.end")


def _comment(path, text, comment):
    """Write ``comment`` after the line of ``path`` that holds ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = line_of(path, text)
    lines[number - 1] = lines[number - 1].rstrip("\n") + f"  {comment}\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_a_dat001_suppression_on_plan_end_still_applies_when_the_finding_moves_to_plan_start(tmp_path):
    """A user who accepted DAT001 on the plan.end line saw it come back, at plan.start, once the
    finding moved there when the other dates show the start is the typo (with SUP003 saying the
    comment matched nothing). A DAT001 suppression on either plan date applies to it."""
    def late_start(f):
        no_outcome(f)
        f["pilot"]["plan"].update(start="2027-06-01", end="2026-12-01")
    root = build(tmp_path / "end", late_start, stage="pilot")
    pilot = app_file(root, "pilot")
    _comment(pilot, "end: '2026-12-01'", "# raio: ignore[DAT001] the board set these dates, see DMS-4411")
    result = check(root)
    assert hits(result, "DAT001") == [] and hits(result, "SUP003") == []
    (accepted,) = [f for f in result.suppressed if f.code == "DAT001"]
    (note,) = hits(result, "SUP002")
    assert note.message == "DAT001 suppressed: the board set these dates, see DMS-4411"
    assert (accepted.file, accepted.line) == (rel("pilot"), line_of(pilot, "end: '2026-12-01'"))
    # on the plan.start line, where the finding stands, it applies as any suppression does
    root = build(tmp_path / "start", late_start, stage="pilot")
    _comment(app_file(root, "pilot"), "start: '2027-06-01'", "# raio: ignore[DAT001] see DMS-4411")
    result = check(root)
    assert hits(result, "DAT001") == [] and hits(result, "SUP003") == []
    # narrow: another code's suppression on plan.end does not hide DAT001 at plan.start
    root = build(tmp_path / "other", late_start, stage="pilot")
    _comment(app_file(root, "pilot"), "end: '2026-12-01'", "# raio: ignore[DAT005] a long pilot, agreed")
    f = one(check(root), "DAT001")
    assert f.line == line_of(app_file(root, "pilot"), "start: '2027-06-01'")


def test_open_ended_and_ancient_plan_dates_are_reported_not_crashed_on(tmp_path):
    """9999-12-31 ("open-ended") plus the decision horizon lies past the calendar: the check must
    report the pilot as too long (DAT005) at plan.end, not fail with an OverflowError."""
    root = build(tmp_path, lambda f: (no_outcome(f), f["pilot"]["plan"].update(end="9999-12-31")), stage="pilot")
    result = check(root, today="2026-09-10")
    assert result.internal_errors == []
    f = one(result, "DAT005")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '9999-12-31'"))
    assert "to 9999-12-31" in f.message
    assert hits(result, "DAT003") == [] and hits(result, "DAT002") == []  # its end is not past
    late = check(root, today="9999-12-31")  # the last day there is: the horizon cannot be added
    assert late.internal_errors == [] and hits(late, "DAT003") == []
    root = build(tmp_path / "ancient", lambda f: f["pilot"]["plan"].update(start="0001-01-01"), stage="pilot")
    result = check(root, today="0001-12-31")
    assert result.internal_errors == []
    assert "0001-01-01 to 2026-06-30" in one(result, "DAT005").message


def test_huge_policy_horizons_do_not_overflow_the_date_rules(tmp_path):
    """Whatever raio.yaml says, adding a horizon to today never fails a rule (DAT008, DAT010,
    DAT011 and the decision due date). A horizon beyond the schema's maximum is reported in
    raio.yaml and not acted on: the decision is due after the default 60 days."""
    keys = ("decision_due_days", "certificate_warning_days", "checklist_expiry_warning_days", "ai_act_warning_days")
    root = build(tmp_path, config={"policy": {k: 10_000_000 for k in keys}})
    result = check(root, today="2026-12-10")
    assert result.internal_errors == []
    assert "overdue by 10 days" in one(result, "DAT003").message
    schema = [f for f in result.findings if f.code.startswith("SCH") and f.file == "raio.yaml"]
    assert {f.line for f in schema} == {line_of(root / "raio.yaml", f"{k}:") for k in keys}


# --------------------------------------------------------------------------------------------
# DAT002 / DAT003: pilotitis


def test_dat002_pilot_past_end_without_outcome(tmp_path):
    root = build(tmp_path, no_outcome, stage="pilot")
    f = one(check(root, today="2026-07-10"), "DAT002")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-06-30'"))
    assert f.severity.name == "WARNING"
    assert "ended on 2026-06-30 (10 days ago)" in f.message and "due by 2026-08-29" in f.message
    assert hits(check(root, today="2026-06-30"), "DAT002") == []  # the last day is not past the end


def test_dat002_offers_an_extension_once_more_while_the_policy_allows_one_and_not_after(tmp_path):
    """After one extension of the two the policy allows, "to extend the pilot once" read as if
    none had been; once both are used, no extension is offered."""
    def one_extension(f):
        no_outcome(f)
        f["pilot"]["extensions"] = [{"end": "2026-08-31", "reason": "slow inclusion"}]
    root = build(tmp_path / "one", one_extension, stage="pilot", config={"policy": {"max_extensions": 2}})
    f = one(check(root, today="2026-09-10"), "DAT002")
    assert "; or, to extend the pilot once more, add - {end: YYYY-MM-DD" in f.hint, f.hint
    root = build(tmp_path / "used", one_extension, stage="pilot")
    assert "extend" not in one(check(root, today="2026-09-10"), "DAT002").hint


def test_dat002_passes_with_outcome(tmp_path):
    root = build(tmp_path, stage="evaluation")
    assert hits(check(root, today="2026-07-10"), "DAT002") == []


def test_dat003_decision_overdue_after_outcome(tmp_path):
    root = build(tmp_path)  # evaluation, outcome dated 2026-10-01, no decision; due 60 days later
    assert mine(check(root, today="2026-11-30")) == []  # day 60: due, not overdue
    f = one(check(root, today="2026-12-10"), "DAT003")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2026-10-01'"))
    assert f.severity.name == "ERROR"
    assert f.message.startswith("decision overdue by 10 days: the outcome of 2026-10-01 asked for a decision by 2026-11-30")


def test_dat003_hint_says_what_to_write_where_and_following_it_clears_it(tmp_path):
    """The hint said "Record the decision ... and update the stage"; it now says that the
    recommendation (choice, date, rationale) under pilot.yaml decision clears it, with no error
    left to make the memo a DRAFT."""
    root = build(tmp_path)
    before = check(root, today="2026-12-10")
    f = one(before, "DAT003")
    for words in ("pilot.yaml", "decision:", "choice", "date", "rationale", "commit", "clears DAT003",
                  f"raio memo {APP}", "recommendation", "DRAFT", "decided_by"):
        assert words in f.hint, words

    def recommended(files):
        files["pilot"]["decision"] = {"choice": "scale-up", "date": "2026-12-09", "rationale": "E1 met."}
    after = check(build(tmp_path / "r", recommended), today="2026-12-10")  # still in evaluation
    assert hits(after, "DAT003") == []
    errors = lambda result: sorted(x.code for x in result.findings if x.severity.name == "ERROR")  # noqa: E731
    assert errors(after) == [c for c in errors(before) if c != "DAT003"]  # none added (DEC008 was)


def test_dat003_from_pilot_end_without_outcome_replaces_dat002(tmp_path):
    root = build(tmp_path, no_outcome, stage="pilot")
    result = check(root, today="2026-09-10")  # end 2026-06-30 + 60 = 2026-08-29
    f = one(result, "DAT003")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-06-30'"))
    assert "overdue by 12 days" in f.message and "there is no outcome either" in f.message
    assert hits(result, "DAT002") == []


def test_dat003_respects_policy_and_decisions(tmp_path):
    longer = build(tmp_path / "a", config={"policy": {"decision_due_days": 90}})
    assert hits(check(longer, today="2026-12-10"), "DAT003") == []

    def decided(f):
        f["pilot"]["decision"] = {"choice": "stop", "date": "2026-11-01", "decided_by": "Board", "rationale": "x"}
    assert hits(check(build(tmp_path / "b", decided, stage="stopped"), today="2027-06-01"), "DAT003") == []


def test_dat003_after_an_extension_counts_from_the_new_end(tmp_path):
    def extend(f):
        f["pilot"]["extensions"] = [{"end": "2026-12-18", "reason": "MRI replaced", "date": "2026-08-03"}]
        f["pilot"]["outcome"]["date"] = "2026-07-17"  # interim, before the extension
        f["pilot"]["decision"] = {"choice": "extend", "date": "2026-08-03", "decided_by": "Steering group",
                                  "rationale": "Too few cases.", "new_end": "2026-12-18"}
    root = build(tmp_path, extend, stage="pilot")
    # 2026-12-18 + 60 days: not overdue yet; the interim outcome says nothing of the extended pilot (DAT002)
    assert [f.code for f in mine(check(root, today="2027-02-16"))] == ["DAT002"]
    f = one(check(root, today="2027-03-01"), "DAT003")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-12-18'"))
    assert "the extended pilot's end on 2026-12-18" in f.message and "overdue by 13 days" in f.message
    # decision: still holds the extend; the hint says to replace it, and where the extension stays
    assert f.hint.startswith("Replace the extend decision in pilot.yaml's decision with your recommendation after "
                             "the extension") and "stays recorded in extensions" in f.hint
    def decided_again(files):
        extend(files)
        files["pilot"]["decision"] = {"choice": "scale-up", "date": "2027-02-20", "rationale": "E1 met after the extension."}
    assert hits(check(build(tmp_path / "again", decided_again, stage="pilot"), today="2027-03-01"), "DAT003") == []


# --------------------------------------------------------------------------------------------
# DAT004 - DAT006: extensions and length


def two_extensions(f):
    f["pilot"]["extensions"] = [{"end": "2026-08-31", "reason": "slow inclusion"},
                                {"end": "2026-10-31", "reason": "still slow"}]


def test_dat004_too_many_extensions(tmp_path):
    root = build(tmp_path, two_extensions, stage="pilot")
    f = one(check(root, today="2026-09-01"), "DAT004")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-10-31'"))
    assert "2 extensions of the pilot; the policy allows 1" in f.message


def test_dat004_passes_within_policy(tmp_path):
    root = build(tmp_path, two_extensions, stage="pilot", config={"policy": {"max_extensions": 2}})
    assert hits(check(root, today="2026-09-01"), "DAT004") == []


def test_dat004_counts_an_extend_decision_not_listed_in_extensions(tmp_path):
    def change(f):
        f["pilot"]["extensions"] = [{"end": "2026-08-31", "reason": "slow inclusion"}]
        f["pilot"]["decision"] = {"choice": "extend", "date": "2026-09-01", "decided_by": "Board",
                                  "rationale": "again", "new_end": "2026-11-30"}
    root = build(tmp_path, change, stage="pilot")
    f = one(check(root, today="2026-09-02"), "DAT004")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "new_end:"))


def test_dat005_pilot_too_long(tmp_path):
    root = build(tmp_path, lambda f: f["pilot"]["extensions"].append({"end": "2027-03-01", "reason": "x"})
                 if "extensions" in f["pilot"] else f["pilot"].update(extensions=[{"end": "2027-03-01", "reason": "x"}]),
                 stage="pilot")
    f = one(check(root, today="2026-09-01"), "DAT005")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2027-03-01'"))
    assert "runs 420 days (2026-01-05 to 2027-03-01); the policy allows 365" in f.message
    longer = build(tmp_path / "ok", lambda f: f["pilot"].update(extensions=[{"end": "2027-03-01", "reason": "x"}]),
                   stage="pilot", config={"policy": {"max_pilot_days": 450}})
    assert hits(check(longer, today="2026-09-01"), "DAT005") == []


def test_dat006_extension_not_later(tmp_path):
    root = build(tmp_path, lambda f: f["pilot"].update(extensions=[{"end": "2026-05-31", "reason": "typo"}]), stage="pilot")
    f = one(check(root, today="2026-05-01"), "DAT006")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-05-31'"))
    assert "not after the end it extends (2026-06-30)" in f.message
    assert hits(check(build(tmp_path / "ok", two_extensions, stage="pilot"), today="2026-05-01"), "DAT006") == []


# --------------------------------------------------------------------------------------------
# DAT007 - DAT010: certificates and checklist items


def certificate(expires):
    def change(f):
        f["application"]["regulatory"]["certificate"] = {"number": "CE 1", "notified_body": "BSI (2797)",
                                                         "expires": expires}
    return change


@pytest.mark.parametrize("expires,code,words", [
    ("2026-11-14", "DAT007", "expired on 2026-11-14 (1 day ago)"),
    ("2026-11-15", "DAT008", "expires on 2026-11-15, in 0 days"),
    ("2027-02-13", "DAT008", "in 90 days"),
])
def test_certificate_expired_or_expiring(tmp_path, expires, code, words):
    root = build(tmp_path, certificate(expires), stage="production")
    result = check(root)
    f = one(result, code)
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "expires:"))
    assert words in f.message
    assert [x.code for x in mine(result)] == [code]


def test_certificate_far_away_or_stopped_is_quiet(tmp_path):
    assert mine(check(build(tmp_path / "a", certificate("2027-02-14"), stage="production"))) == []
    assert mine(check(build(tmp_path / "b", certificate("2020-01-01"), stage="stopped"))) == []
    assert mine(check(build(tmp_path / "c", certificate("2020-01-01"), stage="retired"))) == []


def mdd(printed, mdr_class="IIa", **item):
    """A certificate under the former Directive (MDD): so marked on the ce-certificate item."""
    def change(f):
        certificate(printed)(f)
        f["application"]["regulatory"]["mdr_class"] = mdr_class
        f["compliance"] = {"items": [{"id": "ce-certificate", "status": "done", "owner": "clinical physicist",
                                      "evidence": "DMS-7", "date": "2025-01-01", "legal_basis": "MDD", **item}]}
    return change


def art_120():
    from raio_cli.catalog import compliance_catalog

    return compliance_catalog()["ce-certificate"]["mdd_transition"]


def test_an_mdd_certificate_past_its_printed_date_is_a_warning_until_the_art_120_end_date(tmp_path):
    """MDR Art 120 (as amended by Regulation (EU) 2023/607) keeps a certificate under Directive
    93/42/EEC valid after its printed date under conditions: DAT007 was an error all the same."""
    until = dt.date.fromisoformat(str(art_120()["until"]["IIa"]))
    root = build(tmp_path / "a", mdd("2026-05-01"), stage="production")
    result = check(root)
    f = one(result, "DAT007")
    assert (f.file, f.line, str(f.severity)) == (rel("application"), line_of(app_file(root, "application"), "expires:"),
                                                 "warning")
    assert f.message == ("the CE certificate's printed expiry date 2026-05-01 has passed (198 days ago); as a certificate "
                         "under the former Directive (MDD), MDR Art 120 as amended by Regulation (EU) 2023/607 keeps "
                         f"it valid until {until} for a class IIa device if the conditions of Art 120(2) and (3c) "
                         "are met")
    assert "confirmation letter" in f.hint and "notified body" in f.hint
    assert [x.code for x in mine(result) if x.code in ("DAT007", "DAT008", "DAT009")] == ["DAT007"]
    # the day after the end date: an error again, which says the transition is over
    after = one(check(root, today=(until + DAY).isoformat()), "DAT007")
    assert str(after.severity) == "error" and f"Art 120 ended on {until}" in after.message
    # class III ends earlier, as the catalog says
    iii = dt.date.fromisoformat(str(art_120()["until"]["III"]))
    assert iii < until
    late = one(check(build(tmp_path / "b", mdd("2026-05-01", "III"), stage="production"), today=(iii + DAY).isoformat()),
               "DAT007")
    assert str(late.severity) == "error"
    # not marked MDD: the printed date counts
    plain = one(check(build(tmp_path / "c", mdd("2026-05-01", legal_basis="MDR"), stage="production")), "DAT007")
    assert str(plain.severity) == "error" and "expired on 2026-05-01" in plain.message
    # not valid on the day the MDR applied: Art 120 does not extend it
    old = one(check(build(tmp_path / "d", mdd("2021-05-25"), stage="production")), "DAT007")
    assert str(old.severity) == "error"


def test_the_ce_certificate_item_of_an_mdd_certificate_is_a_warning_too(tmp_path):
    root = build(tmp_path, mdd("2026-05-01", expires="2026-05-01"), stage="production")
    result = check(root)
    f = one(result, "DAT009")
    assert (f.file, f.line, str(f.severity)) == (rel("compliance"), line_of(app_file(root, "compliance"), "expires:"),
                                                 "warning")
    assert "Art 120" in f.message and "confirmation letter" in f.hint
    assert sorted(x.code for x in mine(result) if x.code in ("DAT007", "DAT009")) == ["DAT007", "DAT009"]
    assert all(str(x.severity) == "warning" for x in mine(result) if x.code in ("DAT007", "DAT009"))


def test_an_mdd_certificate_close_to_its_printed_date_says_art_120_may_extend_it(tmp_path):
    """Ninety days before the printed date of an MDD certificate, DAT008 asked only for the
    renewal: the RAIO was not told that Art 120 may keep it valid, and on what evidence."""
    until = dt.date.fromisoformat(str(art_120()["until"]["IIa"]))
    root = build(tmp_path / "a", mdd("2027-01-15"), stage="production")
    f = one(check(root), "DAT008")
    assert (f.file, f.line, str(f.severity)) == (rel("application"), line_of(app_file(root, "application"), "expires:"),
                                                 "warning")
    assert f.message == ("the CE certificate expires on 2027-01-15, in 61 days; as a certificate under the former "
                         "Directive (MDD), MDR Art 120 as amended by Regulation (EU) 2023/607 keeps it valid until "
                         f"{until} for a class IIa device if the conditions of Art 120(2) and (3c) are met")
    assert "confirmation letter" in f.hint
    plain = one(check(build(tmp_path / "b", mdd("2027-01-15", legal_basis="MDR"), stage="production")), "DAT008")
    assert plain.message == "the CE certificate expires on 2027-01-15, in 61 days" and "renewal" in plain.hint


def test_the_ce_certificate_item_of_an_mdd_certificate_close_to_its_printed_date_says_art_120_may_extend_it(tmp_path):
    """DAT008 on the certificate's printed date says that MDR Art 120 may keep an MDD certificate
    valid; DAT010 on the same date in the ce-certificate checklist item asked only to plan the
    renewal, as for a DPIA: two findings about one date told the RAIO two different things."""
    until = dt.date.fromisoformat(str(art_120()["until"]["IIa"]))
    root = build(tmp_path / "a", mdd("2027-01-10", expires="2027-01-10"), stage="production")
    result = check(root)
    f = one(result, "DAT010")
    assert (f.file, f.line, str(f.severity)) == (rel("compliance"), line_of(app_file(root, "compliance"), "expires:"),
                                                 "warning")
    assert f.message == ("ce-certificate expires on 2027-01-10, in 56 days; as a certificate under the former "
                         "Directive (MDD), MDR Art 120 as amended by Regulation (EU) 2023/607 keeps it valid until "
                         f"{until} for a class IIa device if the conditions of Art 120(2) and (3c) are met")
    assert "confirmation letter" in f.hint
    assert "Art 120" in one(result, "DAT008").message  # the same date, the same word on it
    plain = one(check(build(tmp_path / "b", mdd("2027-01-10", legal_basis="MDR", expires="2027-01-10"),
                            stage="production")), "DAT010")
    assert plain.message == "ce-certificate expires on 2027-01-10, in 56 days" and "Art 120" not in plain.hint


def checklist(*items):
    def change(f):
        f["compliance"] = {"items": [dict(item) for item in items]}
    return change


DPIA = {"id": "dpia", "status": "done", "owner": "privacy officer", "evidence": "DMS-1", "date": "2025-01-01"}


@pytest.mark.parametrize("expires,code,words", [
    ("2026-11-01", "DAT009", "dpia expired on 2026-11-01 (14 days ago) but is marked done"),
    ("2027-01-14", "DAT010", "dpia expires on 2027-01-14, in 60 days"),
])
def test_checklist_item_expired_or_expiring(tmp_path, expires, code, words):
    root = build(tmp_path, checklist({**DPIA, "expires": expires}), stage="production")
    f = one(check(root), code)
    assert (f.file, f.line) == (rel("compliance"), line_of(app_file(root, "compliance"), "expires:"))
    assert words in f.message
    if code == "DAT010":
        assert "with privacy officer" in f.hint


def test_checklist_expiry_quiet_cases(tmp_path):
    far = checklist({**DPIA, "expires": "2027-01-15"})
    assert hits(check(build(tmp_path / "a", far, stage="production")), "DAT010") == []
    not_done = checklist({**DPIA, "status": "in-progress", "expires": "2026-01-01"})
    assert hits(check(build(tmp_path / "b", not_done, stage="production")), "DAT009") == []
    stopped = checklist({**DPIA, "expires": "2026-01-01"})
    assert hits(check(build(tmp_path / "c", stopped, stage="stopped")), "DAT009") == []
    policy = build(tmp_path / "d", checklist({**DPIA, "expires": "2027-01-14"}), stage="production",
                   config={"policy": {"checklist_expiry_warning_days": 30}})
    assert hits(check(policy), "DAT010") == []


def test_a_second_entry_of_the_same_item_is_not_judged_on_its_own_dates(tmp_path):
    # raio reads the first entry (CMP007 reports the second): its dates are the item's
    twice = checklist({**DPIA, "date": "2025-03-01", "expires": "2028-03-01"},
                      {**DPIA, "date": "2024-01-01", "expires": "2025-01-01"})
    result = check(build(tmp_path / "a", twice, stage="production"))
    codes = [f.code for f in result.findings]
    assert "CMP007" in codes and "DAT009" not in codes and "DAT010" not in codes
    expired_first = checklist({**DPIA, "expires": "2026-11-01"}, {**DPIA, "expires": "2028-01-01"})
    root = build(tmp_path / "b", expired_first, stage="production")
    f = one(check(root), "DAT009")
    assert f.line == line_of(app_file(root, "compliance"), "expires:")  # the first entry's


# --------------------------------------------------------------------------------------------
# The evidence that has expired or expires soon, as the memo and the report list it


def test_expiring_items_are_the_expired_and_the_soon_expiring_evidence_in_the_checklist_order():
    from raio_cli.rules.dates import expiring_items

    today, certificate = dt.date(2026, 11, 15), dt.date(2026, 12, 1)
    compliance = {"items": [
        {"id": "security-review", "status": "done", "expires": "2027-01-15"},  # 61 days: just outside
        {"id": "dpia", "status": "done", "expires": "2027-01-14"},  # 60 days: the window's last day
        {"id": "ai-literacy", "status": "in-progress", "expires": "2026-11-14"},  # yesterday: expired
        {"id": "fria", "status": "not-applicable", "expires": "2026-11-20"},  # not applicable: no renewal
        {"id": "ce-certificate", "status": "done", "expires": "2026-12-01"},  # the certificate's own date
        {"id": "human-oversight", "status": "done", "expires": "2026-11-15"},  # today: expires, not expired
        {"id": "dpia", "status": "done", "expires": "2026-11-20"},  # a second entry: the first one counts
        {"id": "exit-terms", "status": "done"},  # no expiry
        "not an item",
    ]}
    assert expiring_items(compliance, {}, today, certificate) == [
        {"id": "dpia", "expires": dt.date(2027, 1, 14), "days": 60, "expired": False},
        {"id": "ai-literacy", "expires": dt.date(2026, 11, 14), "days": -1, "expired": True},
        {"id": "human-oversight", "expires": today, "days": 0, "expired": False},
    ]
    # the window is raio.yaml's checklist_expiry_warning_days, as DAT010 reads it
    assert [e["id"] for e in expiring_items(compliance, {"checklist_expiry_warning_days": 61}, today,
                                            certificate)] == ["security-review", "dpia", "ai-literacy",
                                                              "human-oversight"]
    assert [e["id"] for e in expiring_items(compliance, {"checklist_expiry_warning_days": 30}, today,
                                            certificate)] == ["ai-literacy", "human-oversight"]
    # the ce-certificate item is the certificate's row only when it gives the certificate's date
    assert [e["id"] for e in expiring_items(compliance, {}, today, None)] == \
        ["dpia", "ai-literacy", "ce-certificate", "human-oversight"]
    assert [e["id"] for e in expiring_items(compliance, {}, today, dt.date(2027, 6, 1))] == \
        ["dpia", "ai-literacy", "ce-certificate", "human-oversight"]
    # nothing to list in a checklist that is no checklist
    assert expiring_items({}, {}, today) == expiring_items({"items": "dpia"}, {}, today) == []
    assert expiring_items(None, {}, today) == []


# --------------------------------------------------------------------------------------------
# DAT011 / DAT012: AI Act dates, read from the catalog


def entry(entry_id: str, on: dt.date | None = None) -> dict:
    """The catalog's entry, worded as the law read on ``on`` (default: the catalog's as_of)."""
    from raio_cli.catalog import regulatory_dates

    return next(e for e in regulatory_dates(on=on) if e["id"] == entry_id)


def high_risk(f, stage_items: dict[str, str]):
    """An MDR class IIa application (AI Act high-risk via Art 6(1)) with the given item statuses."""
    f["application"]["regulatory"] = {"mdr_class": "IIa", "ai_act": {"risk": "high"}}
    f["application"]["task"] = "detection"
    f["compliance"] = {"items": [{"id": i, "status": s, "owner": "RAIO", "evidence": "DMS-2", "date": "2025-01-01"}
                                 if s == "done" else {"id": i, "status": s, "owner": "RAIO"}
                                 for i, s in stage_items.items()]}


def annex_i_items(status="done", **override) -> dict:
    e = entry("ai-act-annex-i-high-risk")
    items = {i: status for i in e["requires_items"]}
    items["ai-literacy"] = "done"
    items.update(override)
    return items


def test_dat011_ai_act_date_approaching_names_date_article_status_and_items(tmp_path):
    e = entry("ai-act-annex-i-high-risk")
    today = e["date"] - 30 * DAY
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items(**{"human-oversight": "open"})), stage="pilot")
    result = check(root, today=iso(today))
    f = one(result, "DAT011")
    assert f.severity.name == "WARNING"
    assert (f.file, f.line) == (rel("compliance"), line_of(app_file(root, "compliance"), "status: open"))
    assert str(e["date"]) in f.message and "in 30 days" in f.message
    assert e["article"] in f.message
    assert "human-oversight (open)" in f.message
    if e.get("replaces"):
        assert f"moved from {entry(e['replaces'])['date']}" in f.message
    if e.get("pending_publication"):
        assert "pending publication in the Official Journal" in f.message
    assert hits(result, "DAT012") == []


def test_dat011_outside_the_horizon_or_all_done_is_quiet(tmp_path):
    e = entry("ai-act-annex-i-high-risk")
    lacking = build(tmp_path / "a", lambda f: high_risk(f, annex_i_items(**{"human-oversight": "open"})), stage="pilot")
    assert hits(check(lacking, today=iso(e["date"] - 181 * DAY)), "DAT011") == []
    done = build(tmp_path / "b", lambda f: high_risk(f, annex_i_items()), stage="pilot")
    assert hits(check(done, today=iso(e["date"] - 30 * DAY)), "DAT011") == []
    not_applicable = annex_i_items(**{"works-council": "not-applicable"})
    na = build(tmp_path / "c", lambda f: high_risk(f, not_applicable), stage="pilot")
    assert hits(check(na, today=iso(e["date"] - 30 * DAY)), "DAT011") == []


def test_dat011_missing_item_and_not_concerned_application(tmp_path):
    e = entry("ai-act-annex-i-high-risk")
    items = annex_i_items()
    del items["log-retention"]
    root = build(tmp_path / "a", lambda f: high_risk(f, items), stage="planned")
    f = one(check(root, today=iso(e["date"] - 10 * DAY)), "DAT011")
    assert "log-retention (not in compliance.yaml)" in f.message
    assert f.line == line_of(app_file(root, "compliance"), "items:")

    def not_a_device(f):
        high_risk(f, items)
        f["application"]["regulatory"] = {"mdr_class": "none", "ai_act": {"risk": "minimal"}}
    quiet = build(tmp_path / "b", not_a_device, stage="pilot")
    assert hits(check(quiet, today=iso(e["date"] - 10 * DAY)), "DAT011") == []


def test_dat012_date_passed_while_in_use(tmp_path):
    e = entry("ai-act-annex-i-high-risk")
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items(**{"works-council": "in-progress"})), stage="production")
    result = check(root, today=iso(e["date"] + 5 * DAY))
    f = one(result, "DAT012")
    assert f.severity.name == "ERROR"
    assert (f.file, f.line) == (rel("compliance"), line_of(app_file(root, "compliance"), "status: in-progress"))
    assert f"since {e['date']} (5 days ago)" in f.message and "works-council (in-progress)" in f.message
    assert hits(result, "DAT011") == []


def test_passed_date_at_planned_is_a_warning_due_before_the_pilot(tmp_path):
    today = entry("ai-act-ai-literacy")["date"] + 100 * DAY
    e = entry("ai-act-ai-literacy", on=today)
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items(**{"ai-literacy": "open"})), stage="planned")
    result = check(root, today=iso(today))
    [f] = [x for x in hits(result, "DAT011") if "ai-literacy" in x.message]
    assert "due before the pilot starts" in f.message and e["article"] in f.message
    assert hits(result, "DAT012") == []


@pytest.mark.parametrize("today, amended", [("2025-12-15", False), ("2026-07-26", False),
                                            ("2026-07-27", True), ("2026-11-15", True)])
def test_dat011_quotes_art_4_as_worded_on_the_days_today(tmp_path, today, amended):
    """`raio check --today 2025-12-15` quoted AI literacy as "Art 4 as amended by Regulation (EU)
    2026/1744": an amendment in force from 27 July 2026 cited as the law in 2025. The catalog
    now says which wording applies from which date, and the finding quotes the one in force."""
    from raio_cli.catalog import _regulatory_dates, regulatory_dates_as_of

    raw = next(e for e in _regulatory_dates() if e["id"] == "ai-act-ai-literacy")
    amended_from = raw["wordings"][-1]["from"]
    assert amended_from == dt.date(2026, 7, 27) and "2026/1744" in raw["wordings"][-1]["article"]
    assert regulatory_dates_as_of() >= amended_from  # the catalog's own present: the amended text
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items(**{"ai-literacy": "open"})), stage="planned")
    [f] = [x for x in hits(check(root, today=today), "DAT011") if "ai-literacy" in x.message]
    assert ("2026/1744" in f.message) is amended, f.message
    assert ("2026/1744" in f.hint) is amended, f.hint
    assert "Art 4" in f.message and "Art 113(a)" in f.message


@pytest.mark.parametrize("today, amended", [("2025-12-15", False), ("2026-07-27", True)])
def test_a_gate_finding_cites_art_4_as_worded_on_the_days_today(tmp_path, today, amended):
    """The gate's finding for an unsettled AI literacy item names the item's legal basis: the
    wording of Art 4 in force on the run's today, like DAT011 and DAT012."""
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items(**{"ai-literacy": "open"})), stage="pilot")
    [f] = [x for x in hits(check(root, today=today), "GAT003") if "'ai-literacy'" in x.message]
    assert "EU AI Act (Regulation 2024/1689) Art 4" in f.message
    assert ("2026/1744" in f.message) is amended, f.message


@pytest.mark.parametrize("stage", ["proposed", "stopped", "retired"])
def test_ai_act_dates_skip_stages_without_use(tmp_path, stage):
    e = entry("ai-act-annex-i-high-risk")
    root = build(tmp_path, lambda f: high_risk(f, annex_i_items("open")), stage=stage)
    result = check(root, today=iso(e["date"] + 5 * DAY))
    assert hits(result, "DAT011") == [] and hits(result, "DAT012") == []


# --------------------------------------------------------------------------------------------
# Robustness and the example


def test_odd_dates_never_break_the_rules(tmp_path):
    def change(f):
        f["pilot"]["plan"] = {"start": "soon", "end": 2026}
        f["pilot"]["extensions"] = ["x", {"end": "2026-02-30"}, {"end": None}]
        f["pilot"]["decision"] = {"choice": "extend", "new_end": ["2027-01-01"]}
        f["application"]["regulatory"] = {"certificate": "CE 123"}
        f["compliance"] = {"items": "all done"}
    result = check(build(tmp_path, change, stage="pilot"), today="2026-11-15")
    assert result.internal_errors == []


def test_bad_policy_values_fall_back_to_defaults(tmp_path):
    root = build(tmp_path, config={"policy": {"decision_due_days": "sixty", "max_pilot_days": -1}})
    result = check(root, today="2026-12-10")
    assert result.internal_errors == []
    assert "overdue by 10 days" in one(result, "DAT003").message


@pytest.mark.parametrize("odd", [float("nan"), float("inf"), float("-inf")])
def test_policy_values_that_are_no_number_of_days_fall_back_to_defaults(tmp_path, odd):
    """The value fuzzer: `max_pilot_days: .nan` (or .inf) in raio.yaml made DAT003, DAT004,
    DAT005, DAT008 and DAT011 fail ('cannot convert float NaN to integer') and the check exit 2;
    the schema's finding in raio.yaml is what the user should see, and the defaults apply."""
    keys = ("decision_due_days", "max_pilot_days", "max_extensions", "certificate_warning_days",
            "checklist_expiry_warning_days", "ai_act_warning_days")
    root = build(tmp_path, config={"policy": {k: odd for k in keys}})
    result = check(root, today="2026-12-10")
    assert result.internal_errors == []
    assert "overdue by 10 days" in one(result, "DAT003").message
    schema = [f for f in result.findings if f.code.startswith("SCH") and f.file == "raio.yaml"]
    assert {f.line for f in schema} == {line_of(root / "raio.yaml", f"{k}:") for k in keys}
    assert result.exit_code() == 1


@pytest.mark.parametrize("written", ["1.000", "4.5", "0", "5000"])
def test_a_policy_number_the_schema_refuses_is_not_acted_on(tmp_path, written):
    """`max_pilot_days: 1.000` (a thousand, with a Dutch thousands point) is SCH003 with the hint to
    write 1000, but DAT005 also told every pilot "the policy allows 1"; 4.5 was used as 4, 0 and 5000
    (outside the schema's 1 to 3650) as written, without a word. The schema's finding speaks; the
    rules go on with the default (365: this 420-day pilot is too long)."""
    root = build(tmp_path, lambda f: f["pilot"].update(extensions=[{"end": "2027-03-01", "reason": "x"}]),
                 stage="pilot", config={"policy": {"max_pilot_days": 365}})
    raio = root / "raio.yaml"
    raio.write_text(raio.read_text(encoding="utf-8").replace("max_pilot_days: 365", f"max_pilot_days: {written}"),
                    encoding="utf-8")
    result = check(root, today="2026-09-01")
    assert result.internal_errors == []
    assert "the policy allows 365" in one(result, "DAT005").message
    schema = [f for f in result.findings if f.file == "raio.yaml"]
    assert [(f.code[:3], f.line) for f in schema] == [("SCH", line_of(raio, "max_pilot_days:"))]


def test_a_whole_policy_number_written_with_a_decimal_zero_is_acted_on(tmp_path):
    """`max_pilot_days: 20.0` is a whole number the schema takes without a word, but the rules
    went on with the default 365 as if raio.yaml said nothing: the hospital's limit was silently
    not applied. It is 20; `1.000` (a thousand with a Dutch thousands point) is still SCH003 and
    not acted on."""
    root = build(tmp_path, stage="pilot", config={"policy": {"max_pilot_days": 365}})
    raio = root / "raio.yaml"
    raio.write_text(raio.read_text(encoding="utf-8").replace("max_pilot_days: 365", "max_pilot_days: 20.0"),
                    encoding="utf-8")
    result = check(root, today="2026-09-01")
    assert "the policy allows 20" in one(result, "DAT005").message
    assert [f for f in result.findings if f.file == "raio.yaml"] == []


def test_every_policy_number_the_schema_refuses_falls_back_to_its_default(tmp_path):
    """The other readers of policy numbers: a decision due 4.5 or 400 days after the pilot (the
    schema allows whole days up to 365) is due after the default 60, in the check, the memo and
    the report alike."""
    from raio_cli.rules.dates import policy_int

    for key, odd, default in (("decision_due_days", 4.5, 60), ("decision_due_days", 400, 60),
                              ("max_extensions", 11, 1), ("decision_confirm_days", 1.5, 90),
                              ("incident_report_days", 91, 15), ("amendment_window_days", 366, 30),
                              ("max_pilot_days", 3651.0, 365)):
        assert policy_int({key: odd}, key, default) == default, (key, odd)
    for key, fine in (("decision_due_days", 365), ("max_extensions", 0), ("max_pilot_days", 3650),
                      ("decision_confirm_days", 1.0), ("max_pilot_days", 20.0)):  # whole: the schema takes 20.0
        assert policy_int({key: fine}, key, 7) == fine and type(policy_int({key: fine}, key, 7)) is int
    root = build(tmp_path, config={"policy": {"decision_due_days": 4.5}})
    assert "overdue by 10 days" in one(check(root, today="2026-12-10"), "DAT003").message


def test_example_portfolio_has_no_date_errors(example):
    result = run_check(example, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert result.internal_errors == []
    assert [f for f in mine(result) if f.severity.name == "ERROR"] == []


# --------------------------------------------------------------------------------------------
# DAT014 planned pilot not started


def test_dat014_planned_well_after_the_pilot_was_to_start(tmp_path):
    """stage: planned four months after plan.start checked clean: a pilot that never starts stalled
    unseen (the status and the report showed no pilotitis signal for it)."""
    plan = lambda f: (no_outcome(f), f["pilot"]["plan"].update(start="2027-01-11", end="2027-06-30"))
    root = build(tmp_path, plan, stage="planned")
    f = one(check(root, today="2027-06-01"), "DAT014")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage: planned"))
    assert f.message == "the stage is still planned, but the pilot was to start on 2027-01-11, 141 days ago"
    assert str(f.severity) == "warning"
    assert hits(check(root, today="2027-01-25"), "DAT014") == []  # 14 days: within the default grace
    assert len(hits(check(root, today="2027-01-26"), "DAT014")) == 1
    strict = build(tmp_path / "strict", plan, stage="planned", config={"policy": {"start_grace_days": 0}})
    assert len(hits(check(strict, today="2027-01-12"), "DAT014")) == 1
    running = build(tmp_path / "running", plan, stage="pilot")
    assert hits(check(running, today="2027-06-01"), "DAT014") == []


# --------------------------------------------------------------------------------------------
# DAT013 pilot stage before the start


def test_dat013_pilot_stage_before_the_pilot_starts(tmp_path):
    """stage: pilot with a start after today checked clean: the stage and the plan disagree."""
    root = build(tmp_path, lambda f: (no_outcome(f), f["pilot"]["plan"].update(start="2027-01-04", end="2027-06-30")),
                 stage="pilot")
    f = one(check(root, today="2026-11-29"), "DAT013")
    assert (f.file, f.line) == (rel("application"), line_of(app_file(root, "application"), "stage: pilot"))
    assert f.message == "the stage is pilot, but the pilot starts on 2027-01-04, in 36 days"
    assert str(f.severity) == "warning"
    assert hits(check(root, today="2027-01-04"), "DAT013") == []  # the day it starts
    planned = build(tmp_path / "planned", lambda f: (no_outcome(f), f["pilot"]["plan"].update(start="2027-01-04",
                                                                                           end="2027-06-30")),
                    stage="planned")
    assert hits(check(planned, today="2026-11-29"), "DAT013") == []


# --------------------------------------------------------------------------------------------
# DAT015 outcome dated before the pilot started


def test_dat015_an_outcome_dated_before_the_pilot_started(tmp_path):
    """The template's outcome date (2026-09-15), left in a pilot that started in 2027, went
    unreported: DAT003 counted the decision as overdue from it instead."""
    root = build(tmp_path, lambda f: f["pilot"]["outcome"].update(date="2025-12-31"))
    f = one(check(root), "DAT015")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2025-12-31'"))
    assert f.severity.name == "ERROR"
    assert f.message == "the outcome is dated 2025-12-31, before the pilot started (2026-01-05)"
    assert f.hint == "Write the date the outcome was analysed (outcome.date), after plan.start; or correct plan.start."
    assert hits(check(build(tmp_path / "ok")), "DAT015") == []
    same_day = build(tmp_path / "same", lambda f: f["pilot"]["outcome"].update(date="2026-01-05"))
    assert hits(check(same_day), "DAT015") == []
    no_start = build(tmp_path / "nostart", lambda f: f["pilot"]["plan"].pop("start"))
    assert hits(check(no_start), "DAT015") == []


def test_dat002_an_extended_pilot_past_its_new_end_with_only_the_outcome_from_before_the_extension(tmp_path):
    """After 'extend', the outcome that led to the extension kept DAT002 quiet: the extended pilot
    ran past its new end with no new results, and status showed no pilotitis signal until the
    decision was overdue two months later."""
    def extended(files):
        files["pilot"]["decision"] = {"choice": "extend", "date": "2026-10-15", "decided_by": "Board",
                                      "rationale": "Too few cases for E1", "new_end": "2026-12-31"}
    root = build(tmp_path, extended, stage="pilot")
    assert hits(check(root, today="2026-12-31"), "DAT002") == []  # the last day is not past the end
    f = one(check(root, today="2027-01-10"), "DAT002")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "new_end: '2026-12-31'"))
    assert f.message == ("the extended pilot ended on 2026-12-31 (10 days ago) and has no outcome since the "
                         "extension (the outcome of 2026-10-01 came before it); the decision is due by 2027-03-01")
    assert "outcome.date" in f.hint
    def reported(files):
        extended(files)
        files["pilot"]["outcome"]["date"] = "2027-01-05"
    assert hits(check(build(tmp_path / "new", reported, stage="pilot"), today="2027-01-10"), "DAT002") == []


def test_dat002_an_extended_pilot_past_its_new_end_with_an_undated_outcome(tmp_path):
    """outcome.date is optional: an outcome without one kept DAT002 quiet after an extension,
    though nothing shows it is the extended pilot's. DAT002 now says to date it, as the gate of
    evaluation does not count it either."""
    def undated(files):
        files["pilot"]["decision"] = {"choice": "extend", "date": "2026-10-15", "decided_by": "Board",
                                      "rationale": "Too few cases for E1", "new_end": "2026-12-31"}
        del files["pilot"]["outcome"]["date"]
    root = build(tmp_path, undated, stage="pilot")
    assert hits(check(root, today="2026-12-31"), "DAT002") == []
    f = one(check(root, today="2027-01-10"), "DAT002")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "new_end: '2026-12-31'"))
    assert f.message == ("the extended pilot ended on 2026-12-31 (10 days ago) and its outcome has no date to show it "
                         "came after the extension of 2026-10-15; the decision is due by 2027-03-01")
    assert f.hint.startswith("Date the outcome in pilot.yaml: add date: YYYY-MM-DD") and f.data["variant"] == "undated"
    # without an extension an undated outcome is the pilot's
    plain = build(tmp_path / "plain", lambda files: files["pilot"]["outcome"].pop("date"), stage="pilot")
    assert hits(check(plain, today="2027-01-10"), "DAT002") == []


@pytest.mark.parametrize("commented", [False, True])
def test_dat002_undated_hint_followed_as_typed_dates_the_outcome(tmp_path, commented):
    """DAT002 said "Date the outcome (outcome.date)"; typed as it reads, `outcome.date:` is one
    unknown name (SCH002), and beside the `#   date:` raio new-pilot writes under outcome it was
    not said to uncomment that one. The hint names the line; done as it says, DAT002 is gone."""
    import re

    def undated(files):
        files["pilot"]["decision"] = {"choice": "extend", "date": "2026-10-15", "decided_by": "Board",
                                      "rationale": "Too few cases for E1", "new_end": "2026-12-31"}
        files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1", "date": "2026-10-15",
                                         "by": "Board"}]
        del files["pilot"]["outcome"]["date"]
    root = build(tmp_path, undated, stage="pilot")
    path = app_file(root, "pilot")
    lines = path.read_text(encoding="utf-8").split("\n")
    if commented:  # as the template has it
        lines.insert(lines.index("outcome:") + 1, "#   date: 2026-10-01")
        path.write_text("\n".join(lines), encoding="utf-8")
    f = one(check(root, today="2027-01-10"), "DAT002")
    said = f.hint.split("Date the outcome in pilot.yaml: ", 1)[1].split(". If ")[0]
    n = int(re.search(r"\(line (\d+)\)", said).group(1))
    if commented:
        assert said.startswith("remove the '# ' in front of date: (line"), said
        lines[n - 1] = "  date: 2027-01-05"
    else:
        add_as_hinted(lines, said, "date", "2027-01-05")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(root, today="2027-01-10")
    assert hits(result, "DAT002") == []
    assert [g.code for g in result.findings if g.file == rel("pilot") and g.code[:3] in ("YML", "SCH")] == []


def test_dat002_an_extended_pilot_past_its_end_with_an_outcome_dated_before_that_end(tmp_path):
    """A pilot extended on 2026-10-15 to 2026-12-31 with an outcome of 2026-11-10, in evaluation:
    raio read the outcome as the extended pilot's (a pilot that ended early), and on 2027-01-10
    said the decision was overdue from 2026-11-10. The outcome says nothing of the seven weeks
    after it: once the extended pilot has ended, DAT002 asks for its outcome, or for the early
    end to be written down, and the decision falls due from the extended pilot's end."""
    def interim(files):
        files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1", "date": "2026-10-15",
                                         "by": "Board"}]
        files["pilot"]["outcome"]["date"] = "2026-11-10"
    root = build(tmp_path, interim)
    f = one(check(root, today="2027-01-10"), "DAT002")
    assert [g.code for g in mine(check(root, today="2027-01-10"))] == ["DAT002"]
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "end: '2026-12-31'"))
    assert f.message == ("the extended pilot ended on 2026-12-31 (10 days ago) and its outcome of 2026-11-10 is "
                         "dated before that end; the decision is due by 2027-03-01")
    assert f.data["variant"] == "interim" and "ended early" in f.hint and "extensions[0].end" in f.hint
    f = one(check(root, today="2027-03-10"), "DAT003")
    assert "the extended pilot's end on 2026-12-31" in f.message and "overdue by 9 days" in f.message
    # the early end written down: the outcome is the extended pilot's, the decision due from it
    early = build(tmp_path / "early", lambda files: (interim(files), files["pilot"]["extensions"][0].update(
        end="2026-11-06")))
    assert mine(check(early, today="2027-01-05")) == []
    assert "the outcome of 2026-11-10" in one(check(early, today="2027-01-10"), "DAT003").message


def test_dat002_an_early_end_is_asked_for_in_every_place_that_holds_the_extended_end(tmp_path):
    """An extension recorded as the guide asks, under extensions and in the extend decision's
    new_end: DAT002 said to write an early end in extensions[0].end only. Done so, the decision's
    new_end still set the end: DAT004 counted two extensions, DEC010 asked to record the decided
    one, and DAT002 stayed, now naming decision.new_end. The hint names both places."""
    def interim(files):
        files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1", "date": "2026-10-15",
                                         "by": "Board"}]
        files["pilot"]["decision"] = {"choice": "extend", "date": "2026-10-15", "decided_by": "Board",
                                      "rationale": "Too few cases for E1", "new_end": "2026-12-31"}
        files["pilot"]["outcome"]["date"] = "2026-11-10"
    root = build(tmp_path, interim, stage="pilot")
    f = one(check(root, today="2027-01-10"), "DAT002")
    assert "(pilot.yaml extensions[0].end and decision.new_end)" in f.hint, f.hint
    early = build(tmp_path / "early", lambda files: (interim(files), files["pilot"]["extensions"][0].update(
        end="2026-11-06"), files["pilot"]["decision"].update(new_end="2026-11-06")), stage="pilot")
    assert [g.code for g in mine(check(early, today="2027-01-05"))] == []


def test_an_extension_recorded_only_under_extensions_makes_the_earlier_outcome_stale(tmp_path):
    """Without an extend decision, an extension under extensions did not count: DAT003 said the
    decision was overdue from the outcome that led to the extension while the extended pilot
    still ran, and DAT002 stayed quiet once it had ended. Both now count from the extension, as
    they do after an extend decision."""
    def recorded(files):
        files["pilot"]["extensions"] = [{"end": "2026-12-31", "reason": "Too few cases for E1", "date": "2026-10-15",
                                         "by": "Board"}]
    root = build(tmp_path, recorded, stage="pilot")
    assert mine(check(root, today="2026-12-10")) == []  # outcome 2026-10-01 + 60 days has passed; the pilot runs
    f = one(check(root, today="2027-01-10"), "DAT002")
    assert f.message == ("the extended pilot ended on 2026-12-31 (10 days ago) and has no outcome since the "
                         "extension (the outcome of 2026-10-01 came before it); the decision is due by 2027-03-01")
    f = one(check(root, today="2027-03-10"), "DAT003")
    assert "the extended pilot's end on 2026-12-31" in f.message and "overdue by 9 days" in f.message
    # an outcome after the extension's end is the extended pilot's; with an undated extension an
    # outcome before the extended end is not either (it says nothing of the days after it)
    later = build(tmp_path / "later", lambda files: (recorded(files), files["pilot"]["outcome"].update(date="2027-01-05")),
                  stage="pilot")
    assert mine(check(later, today="2027-01-10")) == []
    undated = build(tmp_path / "undated", lambda files: (recorded(files), files["pilot"]["extensions"][0].pop("date")),
                    stage="pilot")
    assert mine(check(undated, today="2026-12-10")) == []
    assert [f.code for f in mine(check(undated, today="2027-01-10"))] == ["DAT002"]


# --------------------------------------------------------------------------------------------
# DAT016 outcome dated before the planned end of a pilot without extension


def test_dat016_an_outcome_dated_before_the_planned_end_is_a_pilot_that_ended_early(tmp_path):
    """An application in evaluation whose pilot (not extended) ran to 2026-06-30 by its plan, with
    its outcome dated 2026-05-15, passed every rule: it was read silently as a pilot that ended
    early, which is what pre-registration guards against (stopping when the numbers look good).
    It is a warning at the outcome's date, saying both dates and how to record an early end."""
    early = lambda f: f["pilot"]["outcome"].update(date="2026-05-15")  # noqa: E731
    root = build(tmp_path, early)
    f = one(check(root), "DAT016")
    assert (f.file, f.line) == (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2026-05-15'"))
    assert f.severity.name == "WARNING"
    assert f.message == ("the outcome is dated 2026-05-15, 46 days before the pilot's planned end (2026-06-30): "
                         "it is read as the outcome of a pilot that ended early")
    assert "ignore[DAT016]" in f.hint and "outcome.date" in f.hint
    assert f.data == {"date": "2026-05-15", "end": "2026-06-30", "days": 46}
    assert [g.code for g in mine(check(root, today="2026-07-10"))] == ["DAT016"]  # before the decision is due
    # after the decision, in production, the early end is still what the outcome rests on
    scaled = build(tmp_path / "scaled", lambda f: (early(f), f["pilot"].update(decision={
        "choice": "scale-up", "date": "2026-07-10", "rationale": "r", "decided_by": "board"})), stage="production")
    assert [g.code for g in hits(check(scaled), "DAT016")] == ["DAT016"]


def test_dat016_not_for_an_outcome_on_or_after_the_end_an_extended_or_running_pilot_or_an_early_stop(tmp_path):
    """No DAT016 for an outcome on the planned end or after it; for an extended pilot (DAT002,
    DEC004 and DEC007 read its outcome); in stage pilot (the pilot runs: an interim outcome);
    for a stop decided early (stopping early, for a breached guardrail, is allowed: DEC007); for
    an outcome before the start (DAT015) or plan dates out of order (DAT001); nor without results."""
    early = lambda f: f["pilot"]["outcome"].update(date="2026-05-15")  # noqa: E731
    cases = {
        "after": (None, "evaluation"),
        "on-the-end": (lambda f: f["pilot"]["outcome"].update(date="2026-06-30"), "evaluation"),
        "extended": (lambda f: (early(f), f["pilot"].update(extensions=[
            {"end": "2026-09-30", "reason": "slow inclusion", "date": "2026-04-01", "by": "RAIO"}])), "evaluation"),
        "running": (early, "pilot"),
        "stopped": (lambda f: (early(f), f["pilot"].update(decision={
            "choice": "stop", "date": "2026-05-20", "rationale": "G1 breached", "decided_by": "board"})), "stopped"),
        "before-start": (lambda f: f["pilot"]["outcome"].update(date="2025-12-31"), "evaluation"),
        "order": (lambda f: (early(f), f["pilot"]["plan"].update(start="2026-07-01")), "evaluation"),
        "no-results": (lambda f: (early(f), f["pilot"]["outcome"].update(results=[])), "evaluation"),
        "typo": (lambda f: f["pilot"]["outcome"].update(date="2026-05-32"), "evaluation"),
    }
    for name, (change, stage) in cases.items():
        assert hits(check(build(tmp_path / name, change, stage=stage)), "DAT016") == [], name


def test_a_scale_up_decided_before_the_planned_end_on_an_early_outcome_is_one_finding(tmp_path):
    """A scale-up decided before the planned end, on an outcome also dated before it, gave DEC007
    (error, at decision.date) and DAT016 (warning, at outcome.date): two findings for one slip.
    DEC007, the stronger, speaks; DAT016 stays quiet then, and speaks again once the decision is
    dated after the planned end."""
    def decided(day):
        return lambda f: (f["pilot"]["outcome"].update(date="2026-05-15"), f["pilot"].update(decision={
            "choice": "scale-up", "date": day, "rationale": "r", "decided_by": "board"}))
    root = build(tmp_path / "before", decided("2026-06-01"), stage="production")
    result = check(root)
    assert [g.code for g in hits(result, "DEC007")] == ["DEC007"] and hits(result, "DAT016") == []
    after = build(tmp_path / "after", decided("2026-07-10"), stage="production")
    result = check(after)
    assert hits(result, "DEC007") == [] and [g.code for g in hits(result, "DAT016")] == ["DAT016"]


def test_dat016_the_example_portfolio_and_the_demo_have_none(example):
    result = run_check(example, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert hits(result, "DAT016") == []


def test_dec007_after_a_pilot_that_ended_early_names_the_planned_end(tmp_path):
    """A scale-up decided before the planned end of a pilot whose outcome is dated before that end
    (not extended: the pilot ended early, DAT016's reading): DEC007 said "before the pilot's end
    (2026-06-30)", while the memo says the pilot ended on its outcome's date; and its hint said to
    decide after the pilot has ended, which by its outcome it has. It names the planned end, and
    the hint the outcome of a pilot that ended early."""
    root = build(tmp_path / "early", lambda f: (f["pilot"]["outcome"].update(date="2026-05-15"), f["pilot"].update(
        decision={"choice": "scale-up", "date": "2026-06-01", "rationale": "r", "decided_by": "board"})),
        stage="production")
    f = one(check(root), "DEC007")
    assert f.message == "scale-up decided on 2026-06-01, before the pilot's planned end (2026-06-30)"
    assert "ended early" in f.hint and "2026-05-15" in f.hint and "Decide after the pilot has ended" not in f.hint
    assert f.data["variant"] == "before_planned_end"
    # an outcome on the planned end: the pilot has not ended yet when the scale-up is decided, as before
    running = build(tmp_path / "running", lambda f: f["pilot"].update(
        decision={"choice": "scale-up", "date": "2026-06-01", "rationale": "r", "decided_by": "board"}),
        stage="production")
    f = one(check(running), "DEC007")
    assert f.message == "scale-up decided on 2026-06-01, before the pilot's end (2026-06-30)"


# --------------------------------------------------------------------------------------------
# DAT017 a date that records something done lies after today


def test_dat017_an_outcome_an_extension_an_amendment_and_stage_since_dated_after_today(tmp_path):
    """An outcome dated 2027-10-01 (a typo for 2026) passed every rule: DAT003 then counted the
    decision's due date from it, and a memo stated it as a fact. Each such record is one warning
    at its date, naming it, its date and today."""
    def ahead(f):
        f["pilot"]["outcome"]["date"] = "2027-10-01"
        f["pilot"]["extensions"] = [{"end": "2026-09-30", "reason": "slow inclusion", "date": "2026-12-01",
                                     "by": "RAIO"}]
        f["effects"]["amendments"] = [{"date": "2026-11-16", "effect": "E1", "change": "c", "reason": "r",
                                       "by": "steering group"}]
        f["application"]["stage_since"] = "2026-11-20"
    root = build(tmp_path, ahead)
    found = hits(check(root), "DAT017")
    assert [(f.file, f.line, f.severity.name) for f in found] == [
        (rel("application"), line_of(app_file(root, "application"), "stage_since: '2026-11-20'"), "WARNING"),
        (rel("effects"), line_of(app_file(root, "effects"), "date: '2026-11-16'"), "WARNING"),
        (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2027-10-01'"), "WARNING"),
        (rel("pilot"), line_of(app_file(root, "pilot"), "date: '2026-12-01'"), "WARNING"),
    ]
    assert found[2].message == "the outcome is dated 2027-10-01, after today (2026-11-15)"
    assert found[1].message == "an amendment is dated 2026-11-16, after today (2026-11-15)"
    assert found[2].data == {"what": "outcome", "date": "2027-10-01"}
    # the same dossier on a day after them all: nothing; and on the day itself: not after today
    assert hits(check(root, today="2027-10-01"), "DAT017") == []
    assert [f.data["what"] for f in hits(check(root, today="2027-09-30"), "DAT017")] == ["outcome"]


def test_dat017_not_for_dates_in_the_past_plans_or_what_other_rules_hold_to_today(tmp_path):
    """A planned start or end, an extension's new end and an expiry lie ahead by nature; a decision,
    a checklist item and monitoring dated ahead are DEC009, CMP009 and MON008's, not twice."""
    assert hits(check(build(tmp_path / "ok")), "DAT017") == []

    def plans(f):
        f["pilot"]["plan"].update(start="2027-01-01", end="2027-06-30")
        f["pilot"].pop("outcome")
        f["pilot"]["decision"] = {"choice": "scale-up", "date": "2026-12-01", "rationale": "r", "decided_by": "board"}
    found = check(build(tmp_path / "plans", plans, stage="planned"))
    assert hits(found, "DAT017") == [] and [f.code for f in hits(found, "DEC009")] == ["DEC009"]
