"""Pre-registration integrity (REG) and history availability (GIT) on real, dated git repositories."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE_TODAY, Git, codes, edit_yaml, make_portfolio, run_check, write

from raio_cli import shellhint

APP = "fracture-ai"
EFFECTS = """\
effects:
  - id: E1
    kind: benefit
    primary: true
    description: More fractures seen by the ED physician.
    metric: sensitivity
    unit: "%"
    direction: increase
    baseline:
      value: 0.80
      source: audit 2025
    target: 0.90
  - id: G1
    kind: guardrail
    description: No extra reading time for the radiologist.
    metric: median reading time
    unit: seconds
    direction: decrease
    limit: 70
"""
PILOT = "plan:\n  design: before-after\n  start: 2026-03-01\n  end: 2026-09-01\n"
TODAY = "2026-11-15"


def dossier(effects: str = EFFECTS, pilot: str = PILOT, app_id: str = APP) -> dict:
    return {"application": f"id: {app_id}\nname: Fracture detection\nstage: pilot\n", "effects": effects, "pilot": pilot}


def portfolio(root: Path, **kw) -> Path:
    return make_portfolio(root, {kw.pop("app_id", APP): dossier(**kw)})


def effects_file(root: Path, app_id: str = APP) -> Path:
    return root / "applications" / app_id / "effects.yaml"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def declare_amendment(path: Path, date: str, change: str = "target 0.90 -> 0.85",
                      reason: str = "reference standard changed", by: str = "AI steering group",
                      effect: str = "E1") -> None:
    """Append an ``amendments:`` list with one amendment to effects.yaml."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"amendments:\n  - date: {date}\n    effect: {effect}\n    change: {change}\n"
                 f"    reason: {reason}\n    by: {by}\n")


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def found(result, prefix: str = "") -> list:
    return [f for f in result.findings if f.code[:3] in ("REG", "GIT") and f.code.startswith(prefix)]


@pytest.fixture
def registered(tmp_path) -> tuple[Path, Git]:
    """A pilot that started on 2026-03-01 with effects committed on 2026-02-01."""
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    git.commit("Pre-register the effects of the fracture pilot", "2026-02-01")
    return root, git


def test_clean_history_has_no_findings(registered):
    root, git = registered
    git.commit("Record the pilot's progress", "2026-06-01")
    assert found(run_check(root, today=TODAY)) == []


def test_target_changed_after_start_is_outcome_switching(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    full = git.commit("Adjust E1 target", "2026-05-02", author="J. de Vries <jdv@hospital.example>")
    result = run_check(root, today=TODAY)
    regs = found(result, "REG")
    assert [f.code for f in regs] == ["REG002"]
    f = regs[0]
    assert f.file == f"applications/{APP}/effects.yaml"
    assert f.line == line_of(path, "target: 0.85") and f.column == 13
    assert f.message == (f"E1 target changed 0.90 → 0.85 on 2026-05-02 by J. de Vries ({full[:7]}) "
                         "after the pilot started on 2026-03-01")
    assert f.data["commit"] == full and f.data["old"] == 0.9 and f.data["new"] == 0.85
    assert str(f.severity) == "error"


def test_a_target_first_written_after_the_start_has_no_value_to_restore(tmp_path):
    """An effect committed before the start without its target (as new-pilot --effect writes it),
    the target written after the start: REG002 said "Restore the pre-registered value (none)",
    while the stage gate asks for a target. Nothing was fixed in advance to restore: the hint says
    so and points at the amendment."""
    root = portfolio(tmp_path / "pf", effects=EFFECTS.replace("    target: 0.90\n", ""))
    git = Git(root)
    git.commit("Effects without a target", "2026-02-01")
    replace(effects_file(root), "      source: audit 2025\n", "      source: audit 2025\n    target: 0.90\n")
    git.commit("The target", "2026-05-02")
    [f] = found(run_check(root, today=TODAY), "REG002")
    assert "E1 target changed (none) → 0.90" in f.message
    assert "Restore" not in f.hint
    assert f.hint.startswith("E1 had no target when the pilot started, so there is nothing to restore: declare it "
                             "in effects.yaml amendments (date, effect: E1, change, reason, by)")


def test_each_of_two_changes_after_the_start_says_to_restore_the_value_pre_registered(registered):
    """A target lowered twice after the start (0.90 → 0.85 → 0.80): the second change's hint said
    "Restore the pre-registered value 0.85", a value that was never pre-registered."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1's target", "2026-05-01")
    replace(path, "target: 0.85", "target: 0.80")
    git.commit("Lower it again", "2026-06-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert sorted((f.data["old"], f.data["new"], f.hint.split(",")[0]) for f in regs) == [
        (0.85, 0.8, "Restore the pre-registered value 0.90"), (0.9, 0.85, "Restore the pre-registered value 0.90")]

def test_a_target_registered_as_nan_is_not_changed_by_an_edit_of_another_field(tmp_path):
    """A target pre-registered as `.nan` (YAML's not-a-number, which is unequal to itself), and a
    description reworded after the start: REG002 said "E1 target changed 'nan' → 'nan'". A value
    that is no number is the same as itself; a change from or to it is still one."""
    root = portfolio(tmp_path / "pf", effects=EFFECTS.replace("target: 0.90", "target: .nan"))
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    replace(effects_file(root), "More fractures seen", "More fractures found")
    git.commit("Reword E1", "2026-04-01")
    assert found(run_check(root, today=TODAY)) == []
    replace(effects_file(root), "target: .nan", "target: 0.90")
    git.commit("A target at last", "2026-04-02")
    [f] = found(run_check(root, today=TODAY))
    assert (f.code, f.data["old"], f.data["new"]) == ("REG002", ".nan", 0.9)


def test_change_before_the_start_is_free(registered):
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Sharpen the target before the start", "2026-02-20")
    git.commit("Later work", "2026-06-01")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_change_on_the_start_day_counts_as_before(registered):
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Last-minute correction", "2026-03-01")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_declared_amendment_is_a_warning(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-04-28")
    full = git.commit("Amend E1 target", "2026-05-02", author="J. de Vries <jdv@hospital.example>")
    result = run_check(root, today=TODAY)
    regs = found(result, "REG")
    assert [f.code for f in regs] == ["REG003"]
    assert regs[0].line == line_of(path, "target: 0.85")
    assert full[:7] in regs[0].message and "declared in amendments, dated 2026-04-28 and decided by AI steering group" in regs[0].message
    assert str(regs[0].severity) == "warning"


def test_an_amendment_reworded_long_after_it_came_into_git_is_reported(registered):
    """REG008: an amendment is the record of why a pre-registered effect changed after the start.
    Its reason rewritten months later (with the pilot's results in view) kept the amendment's
    first commit as its date, and nothing said the record had changed: a silent rewrite of
    history. It is a warning naming the commit, the wording on record and the new one; a
    rewording within the amendment window (a slip corrected while drafting) is not reported, nor
    one taken back, nor a new amendment added beside it."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-04-28", reason="reference standard changd")
    git.commit("Amend E1 target", "2026-05-02")
    replace(path, "reason: reference standard changd", "reason: reference standard changed")  # a slip, days later
    git.commit("Typo", "2026-05-10")
    assert [f.code for f in found(run_check(root, today=TODAY))] == ["REG003"]
    replace(path, "reason: reference standard changed", "reason: the first results showed the target was unreachable")
    late = git.commit("Clarify the amendment", "2026-09-20", author="J. de Vries <jdv@hospital.example>")
    regs = found(run_check(root, today=TODAY))
    assert sorted(f.code for f in regs) == ["REG003", "REG008"]
    [f] = [f for f in regs if f.code == "REG008"]
    assert (f.file, f.line, str(f.severity)) == (f"applications/{APP}/effects.yaml", line_of(path, "reason: the first"), "warning")
    assert f.message == (f"the reason of the amendment of E1 dated 2026-04-28 was reworded on 2026-09-20 by J. de Vries "
                         f"({late[:7]}), 141 days after the amendment came into git on 2026-05-02: it was "
                         "'reference standard changed'")
    assert f.data["commit"] == late and f.data["variant"] == "reason" and f.data["entered"] == "2026-05-02"
    # memos word it in both languages
    from raio_cli.documents import i18n
    from raio_cli.documents.memo import finding_text, is_translated

    for lang in ("nl", "en"):
        assert is_translated(f, i18n.Text(lang)) and late[:7] in finding_text(f, i18n.Text(lang))
        assert "reference standard changed" in finding_text(f, i18n.Text(lang))
    # taken back to the wording on record: nothing to report
    replace(path, "reason: the first results showed the target was unreachable", "reason: reference standard changed")
    git.commit("Restore the amendment's reason", "2026-11-01")
    assert [f.code for f in found(run_check(root, today=TODAY))] == ["REG003"]
    # reworded again, not committed yet: counted as made today, and named as the edit that wrote it
    replace(path, "reason: reference standard changed", "reason: unreachable")
    [f] = found(run_check(root, today=TODAY), "REG008")
    assert f.data["commit"] == "" and "was reworded in an uncommitted edit" in f.message
    assert "in een nog niet in git vastgelegde wijziging" in finding_text(f, i18n.Text("nl"))


def test_an_amendment_whose_by_was_reworded_says_so_in_words_a_board_reads(registered):
    """REG008 for a rewritten 'by' said "the by of the amendment ..." in raio check and, in the
    memo, "Who decided the amendment of E1 ... was rewritten on ... by ...", which reads as if
    the rewriting had been decided; it names the record of who decided, in both languages."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-04-28", by="AI steering group")
    git.commit("Amend E1 target", "2026-05-02")
    replace(path, "by: AI steering group", "by: J. de Vries")
    git.commit("Who decided", "2026-09-20")
    [f] = found(run_check(root, today=TODAY), "REG008")
    assert f.message.startswith("the by (who decided) of the amendment of E1 dated 2026-04-28 was reworded"), f.message
    from raio_cli.documents import i18n
    from raio_cli.documents.memo import finding_text

    assert finding_text(f, i18n.Text("en")).startswith("The record of who decided on the amendment of E1 dated ")
    assert finding_text(f, i18n.Text("nl")).startswith("De vermelding van wie besloot tot de wijziging bij E1 ")


def test_reg003_passes_an_amended_change_that_was_taken_back(registered):
    """Near miss for REG003: effects.yaml declares an amendment of E1's target after the start,
    and the target was changed after the start, but then restored to its pre-registered value:
    what the pilot is judged against is what was fixed in advance, so there is nothing to warn
    about (a change is compared with the registration, not with each step in between)."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-05-01")
    git.commit("Amend E1 target", "2026-05-02")
    replace(path, "target: 0.85", "target: 0.90")
    git.commit("The board takes the amendment back: E1 target as pre-registered", "2026-05-20")
    text = path.read_text(encoding="utf-8")
    assert "target: 0.90" in text and "effect: E1" in text  # the amendment stays on record
    assert found(run_check(root, today=TODAY), "REG") == []


def test_amendment_far_from_the_change_does_not_cover_it(registered):
    root, git = registered
    path = effects_file(root)
    declare_amendment(path, "2026-03-10", change="measurement clarified", reason="ambiguity", by="RAIO")
    git.commit("Amend E1 measurement", "2026-03-10")
    replace(path, "target: 0.90", "target: 0.80")
    git.commit("Quietly lower the target", "2026-08-20")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG002"]


def test_amendment_for_another_effect_does_not_cover_it(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "limit: 70", "limit: 90")
    declare_amendment(path, "2026-05-02", change="x", reason="y", by="z")
    git.commit("Relax G1", "2026-05-02")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "limit: 90"))]
    assert "G1 limit changed 70 → 90" in regs[0].message


def test_an_amendment_written_down_months_after_the_change_does_not_cover_it(registered):
    """E1's target lowered after the start (2026-04-02); in September, with the pilot's data in view,
    an amendment dated 2026-04-01 is added. Its written date lies within 30 days of the change, so
    raio took it for a declared amendment (REG003, a warning): the evidence problem REG002 exists
    for. An amendment counts from when it came into git: committed more than 30 days after the
    change, the change is REG002, and the message names the amendment's commit and its date."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    declare_amendment(path, "2026-04-01")
    late = git.commit("Declare the amendment", "2026-09-15")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "target: 0.85"))]
    assert regs[0].message.endswith(
        f"after the pilot started on 2026-03-01; the amendment for E1 dated 2026-04-01 came into git only on "
        f"2026-09-15 ({late[:7]}), 166 days after the change")
    assert regs[0].data["amendment"] == 0 and regs[0].data["amendment_committed"] == "2026-09-15"
    assert regs[0].data["amendment_commit"] == late and regs[0].data["variant"] == "late"
    assert "more than 30 days after the change" in regs[0].hint
    assert "Restore the pre-registered value 0.90" in regs[0].hint


def test_an_amendment_committed_within_the_window_after_the_change_covers_it(registered):
    """The passing side: the same amendment committed 18 days after the change is REG003."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    declare_amendment(path, "2026-04-01")
    git.commit("Declare the amendment", "2026-04-20")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG003"]


def test_an_amendment_in_a_commit_dated_in_time_but_committed_months_later_does_not_cover_it(registered):
    """git commit --date (or a rebase, an amend): the amendment's commit claims 2026-04-03, git
    records it as committed on 2026-09-15 on top of commits committed before: it came into git
    then, as a change committed so comes after the start."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    declare_amendment(path, "2026-04-01")
    late = git.commit("Declare the amendment", "2026-04-03", committed="2026-09-15")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG002"]
    assert regs[0].message.endswith(f"; the amendment for E1 dated 2026-04-01 came into git only on 2026-09-15 "
                                    f"({late[:7]}, dated 2026-04-03), 166 days after the change")


def test_a_history_rewritten_after_a_timely_amendment_keeps_it_timely(registered):
    """Near miss: the whole history rewritten in December (every committer date then, the files
    untouched): git shows no commit that entered the record before another, so the amendment
    counts from the date its commit claims, as the change does."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    declare_amendment(path, "2026-04-01")
    git.commit("Declare the amendment", "2026-04-20")
    git.run("filter-branch", "-f", "--env-filter", "export GIT_COMMITTER_DATE='2026-10-01T12:00:00+00:00'")
    assert git.run("log", "--format=%cd", "--date=short").split() == ["2026-10-01"] * 3
    assert "REG003" in [f.code for f in found(run_check(root, today=TODAY), "REG")]


def test_an_amendment_counts_from_the_commit_that_first_held_it_not_from_a_later_edit(registered):
    """An amendment committed with the change and reworded months later keeps its first commit's
    date (and the rewording is reported, REG008); one whose date was rewritten later counts from
    that later commit."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-04-01")
    git.commit("Lower E1 target, declared", "2026-04-02")
    replace(path, "reason: reference standard changed", "reason: the reference standard changed (RSNA 2026)")
    git.commit("Reword the amendment's reason", "2026-09-15")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG003", "REG008"]
    replace(path, "date: 2026-04-01", "date: 2026-04-03")
    git.commit("Redate the amendment", "2026-09-20")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG002"] and regs[0].data["amendment_committed"] == "2026-09-20"


def test_an_amendment_not_committed_yet_counts_as_written_today(registered):
    """An amendment only in the working tree is today's: it does not cover a change committed
    months ago; it does cover a change not committed yet either."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-10-20")
    declare_amendment(path, "2026-10-19")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG003"]  # 26 days: in time
    regs = found(run_check(root, today="2026-12-01"), "REG")
    assert [f.code for f in regs] == ["REG002"]
    assert regs[0].message.endswith("; the amendment for E1 dated 2026-10-19 is not committed yet (counted as "
                                    "made today, 2026-12-01), 42 days after the change")
    assert regs[0].data["amendment_commit"] == ""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    assert finding_text(regs[0], Text("en")).endswith(
        "; the amendment dated 19 October 2026 is not committed yet (42 days after the change), so it does not count "
        "as declared in time.")
    assert finding_text(regs[0], Text("nl")).endswith(
        "; de wijziging gedateerd 19 oktober 2026 is nog niet in git vastgelegd (42 dagen na de wijziging) en telt "
        "daarom niet als tijdig vastgelegd.")


def test_an_amendment_made_on_a_branch_counts_from_its_merge(registered):
    """A change on the main line (2026-04-02); its amendment written on a branch in time
    (2026-04-10) but merged only in September: it entered the record with the merge."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    on_branch(root, git, lambda root: declare_amendment(path, "2026-04-01"), "2026-04-10")
    merged = merge(git, "side", "2026-09-15")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG002"]
    assert f"came into the main line only on 2026-09-15 (the merge {merged[:7]})" in regs[0].message


def test_a_removal_whose_amendment_came_into_git_late_is_undeclared(registered):
    root, git = registered
    path = drop_g1(root)
    git.commit("Drop G1", "2026-06-10")
    declare_amendment(path, "2026-06-09", effect="G1", change="dropped")
    late = git.commit("Declare it", "2026-10-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG004"]
    assert regs[0].message.endswith(f"; the amendment for G1 dated 2026-06-09 came into git only on 2026-10-01 "
                                    f"({late[:7]}), 113 days after the change")
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    assert finding_text(regs[0], Text("en")).endswith(
        "; the amendment dated 9 June 2026 was committed only on 1 October 2026, 113 days after the removal, so it "
        "does not count as declared in time.")
    assert finding_text(regs[0], Text("nl")).endswith(
        "; de wijziging gedateerd 9 juni 2026 is pas op 1 oktober 2026 in git vastgelegd, 113 dagen na de "
        "verwijdering, en telt daarom niet als tijdig vastgelegd.")


def test_baseline_change_points_at_the_baseline_value(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "value: 0.80", "value: 0.75")
    git.commit("Lower the baseline", "2026-05-02")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "value: 0.75"))]
    assert "E1 baseline value changed 0.80 → 0.75" in regs[0].message


def test_change_reverted_is_not_reported(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower", "2026-05-02")
    replace(path, "target: 0.85", "target: 0.90")
    git.commit("Restore the pre-registered target", "2026-05-03")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_text_edits_outside_the_definition_are_free(registered):
    root, git = registered
    replace(effects_file(root), "More fractures seen", "More fractures noticed")
    git.commit("Reword", "2026-05-02")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_pilot_not_started_yet_allows_changes(registered):
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Change", "2026-05-02")
    assert found(run_check(root, today="2026-02-15"), "REG") == []


def test_effects_first_committed_after_the_start(tmp_path):
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    git.commit("Propose", "2026-01-10", paths=[f"applications/{APP}/application.yaml", "raio.yaml"])
    full = git.commit("Write down the effects, late", "2026-03-04", author="A. Bakker <ab@hospital.example>")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG001", "REG001"]
    e1 = regs[0]
    assert e1.line == line_of(effects_file(root), "- id: E1")
    assert e1.message == (f"E1 was first committed on 2026-03-04 by A. Bakker ({full[:7]}), "
                          "after the pilot started on 2026-03-01")


@pytest.mark.parametrize("wrong", ["Effects.yaml", "EFFECTS.YAML", "effects.yml"])
def test_effects_committed_under_a_name_idn005_corrects_keep_their_registration_after_the_rename(tmp_path, wrong):
    """IDN005's hint says `git mv Effects.yaml effects.yaml`. Effects committed under the wrong
    name before the pilot started were registered then: after the rename, done as told once the
    pilot ran, REG001 said they were not in effects.yaml as committed on the start date."""
    root = portfolio(tmp_path / "pf")
    folder = root / "applications" / APP
    (folder / "effects.yaml").rename(folder / wrong)
    git = Git(root)
    git.commit("Pre-register the effects", "2026-02-01")
    assert "IDN005" in codes(run_check(root, today=TODAY))
    git.run("mv", f"applications/{APP}/{wrong}", f"applications/{APP}/effects.yaml")
    git.commit("Rename effects.yaml as raio check asks", "2026-05-01")
    result = run_check(root, today=TODAY)
    assert found(result) == [] and "IDN005" not in codes(result), result.findings
    # what was registered under the first name is what a later change is held against
    edit_yaml(effects_file(root), lambda d: d["effects"][0].update(target=0.85))
    git.commit("Lower the target", "2026-06-01")
    (switched,) = found(run_check(root, today=TODAY), "REG")
    assert switched.code == "REG002" and "0.90 → 0.85 on 2026-06-01" in switched.message
    assert switched.hint.startswith("Restore the pre-registered value 0.90,"), switched.hint


@pytest.mark.parametrize("wrong", ["Effects.yaml", "effects.yml"])
def test_effects_yaml_renamed_to_a_name_raio_does_not_read_is_idn005_not_its_effects_removed(registered, wrong):
    """effects.yaml renamed to Effects.yaml after the start: on Linux the check said IDN005 and,
    besides, that each effect was removed (REG004); on macOS and Windows, where effects.yaml
    opens Effects.yaml, IDN005 alone, as for effects.yml everywhere. The effects are there under
    a name raio does not read: IDN005 says so, on every file system alike."""
    root, git = registered
    git.run("mv", f"applications/{APP}/effects.yaml", f"applications/{APP}/{wrong}")
    git.commit("Rename the effects", "2026-05-01")
    result = run_check(root, today=TODAY)
    assert found(result) == [] and ("IDN005", f"applications/{APP}/{wrong}") in [(f.code, f.file) for f in result.findings]


def test_effects_committed_late_under_a_wrong_name_are_late_after_the_rename(tmp_path):
    root = portfolio(tmp_path / "pf")
    folder = root / "applications" / APP
    (folder / "effects.yaml").rename(folder / "Effects.yaml")
    git = Git(root)
    git.commit("Propose", "2026-01-10", paths=[f"applications/{APP}/application.yaml", "raio.yaml"])
    late = git.commit("Write down the effects, late", "2026-03-04")
    git.run("mv", f"applications/{APP}/Effects.yaml", f"applications/{APP}/effects.yaml")
    git.commit("Rename effects.yaml", "2026-05-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message == (f"E1 was first committed on 2026-03-04 by Test RAIO ({late[:7]}), "
                               "after the pilot started on 2026-03-01")


def test_effects_committed_late_but_marked_post_hoc(tmp_path):
    effects = EFFECTS.replace("    kind: benefit\n", "    kind: benefit\n    post_hoc: true\n")
    root = portfolio(tmp_path / "pf", effects=effects)
    git = Git(root)
    git.commit("Late, and says so", "2026-03-04")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG001"]  # G1 only
    assert "G1" in found(run_check(root, today=TODAY), "REG")[0].message


def drop_g1(root: Path) -> Path:
    """effects.yaml without its last effect, G1; the file's path."""
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: G1")], encoding="utf-8")
    return path


def test_effect_removed_after_the_start(registered):
    root, git = registered
    path = drop_g1(root)
    full = git.commit("Drop G1", "2026-06-10", author="J. de Vries <jdv@hospital.example>")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG004", line_of(path, "effects:"))]
    assert regs[0].message == (f"G1 was pre-registered but removed on 2026-06-10 by J. de Vries ({full[:7]}), "
                               "after the pilot started on 2026-03-01")


def test_effect_removed_before_the_start_is_free(registered):
    """REG004's passing side: the same removal, committed before the pilot started."""
    root, git = registered
    drop_g1(root)
    git.commit("Drop G1 before the start", "2026-02-20")
    git.commit("Later work", "2026-06-10")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_effect_removed_and_put_back_changed_is_outcome_switching(registered):
    """An effect removed in one commit and put back with another target in a later one was
    counted as newly added, and being pre-registered it was not REG005's either: the changed
    target passed unseen."""
    root, git = registered
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.write_text("effects:\n" + text[text.index("  - id: G1"):], encoding="utf-8")  # E1 removed
    git.commit("Tidy up", "2026-06-10")
    path.write_text(text.replace("target: 0.90", "target: 0.85"), encoding="utf-8")
    full = git.commit("Put E1 back", "2026-06-20", author="J. de Vries <jdv@hospital.example>")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "target: 0.85"))]
    assert regs[0].message == (f"E1 target changed 0.90 → 0.85 on 2026-06-20 by J. de Vries ({full[:7]}) "
                               "after the pilot started on 2026-03-01")


def test_a_dossier_file_hidden_by_gitignore_is_still_compared_with_its_registration(registered):
    """effects.yaml taken out of git and ignored (.gitignore), then edited: the edit is an
    uncommitted re-addition after the commit that deleted it, and its changed target is outcome
    switching like any uncommitted edit (GIT006 says the file is not committed)."""
    root, git = registered
    (root / ".gitignore").write_text("applications/*/effects.yaml\n", encoding="utf-8")
    git.run("rm", "-q", "--cached", f"applications/{APP}/effects.yaml")
    git.commit("Housekeeping", "2026-06-10")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    result = run_check(root, today=TODAY)
    assert sorted(f.code for f in found(result)) == ["GIT006", "REG002"]
    assert "in an uncommitted edit" in found(result, "REG002")[0].message


@pytest.mark.parametrize("how", ["link", "too large"])
def test_an_effects_yaml_there_but_not_read_is_one_finding_not_its_effects_removed(registered, how, tmp_path):
    """effects.yaml committed as a link out of the portfolio (or grown past the size limit)
    after the start: the check said YML017 and, besides, that each pre-registered effect was
    "removed in an uncommitted edit" (REG004, dated today), though the working tree is as
    committed and the file was not read; raio log listed those removals as uncommitted. The file
    is there, not read: the YAML rule's one finding says so, and the history has no edit of it."""
    import os

    root, git = registered
    path = effects_file(root)
    if how == "link":
        outside = write(tmp_path / "elsewhere.yaml", path.read_text(encoding="utf-8"))
        path.unlink()
        os.symlink(outside, path)
    else:
        path.write_text(path.read_text(encoding="utf-8") + "#" + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    git.commit("Effects kept elsewhere", "2026-04-01")
    result = run_check(root, today=TODAY)
    assert found(result) == []
    assert [f.code for f in result.findings if f.file == f"applications/{APP}/effects.yaml"] == [
        "YML017" if how == "link" else "YML011"]
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert not [e for e in events if e["commit"] == "uncommitted"]


def test_effects_removed_before_the_start_and_put_back_after_it_are_not_first_committed_then(registered):
    """effects.yaml deleted before the start and written again after it: nothing was registered
    on the start date (REG001, rightly), but the message said the effects were "first committed"
    after the start, though git shows them committed before it. It says they were added again,
    and when they had been removed."""
    root, git = registered
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    removal = git.commit("Drop the effects for now", "2026-02-10")
    path.write_text(text, encoding="utf-8")
    back = git.commit("Put the effects back", "2026-04-02")
    regs = found(run_check(root, today=TODAY))
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message == (f"E1 was added again on 2026-04-02 by Test RAIO ({back[:7]}), after the pilot started on "
                               f"2026-03-01; it had been removed on 2026-02-10 by Test RAIO ({removal[:7]}), before the start")
    # the memo words it so too, in each language
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    assert finding_text(regs[0], Text("en")) == (f"E1 was added again on 2 April 2026 by Test RAIO (commit {back[:7]}), "
                                                 "after the pilot started on 1 March 2026; it had been removed on "
                                                 "10 February 2026, before the start.")
    assert "opnieuw toegevoegd" in finding_text(regs[0], Text("nl")) and "10 februari 2026" in finding_text(regs[0], Text("nl"))


def test_effects_yaml_unreadable_at_the_start_is_named_by_reg001(tmp_path):
    """effects.yaml committed before the start in a form no one can read (broken YAML), repaired
    after it: REG001 said the effects were first committed at the repair, as if nothing had been
    committed before. It says what was: a file that cannot be read."""
    root = portfolio(tmp_path / "pf", effects="effects: [\n  {{{ not yaml\n")
    git = Git(root)
    broken = git.commit("Pre-register, badly", "2026-02-01")
    effects_file(root).write_text(EFFECTS, encoding="utf-8")
    git.commit("Repair the effects", "2026-04-02")
    regs = found(run_check(root, today=TODAY))
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message.endswith(f"after the pilot started on 2026-03-01; effects.yaml as committed before the start "
                                    f"({broken[:7]}, 2026-02-01) cannot be read as YAML")


def test_effect_removed_with_an_amendment_is_a_warning(registered):
    root, git = registered
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: G1")] + "amendments:\n  - date: 2026-06-09\n    effect: G1\n"
                    "    change: dropped\n    reason: PACS timing unavailable\n    by: steering group\n", encoding="utf-8")
    git.commit("Drop G1, declared", "2026-06-10")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG003"]
    assert "declared in amendments, dated 2026-06-09 and decided by steering group" in regs[0].message


def test_an_amendment_without_who_decided_is_named_by_its_date_alone(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-04-28", by="''")
    git.commit("Amend E1 target", "2026-05-02")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG003"]
    assert regs[0].message.endswith("; declared in amendments, dated 2026-04-28")


NEW_EFFECT = """\
  - id: E3
    kind: benefit
    description: Shorter length of stay.
    metric: length of stay
    unit: hours
    direction: decrease
    target: 3
"""


def test_effect_added_after_the_start_without_post_hoc(registered):
    root, git = registered
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8") + NEW_EFFECT, encoding="utf-8")
    full = git.commit("Add E3", "2026-07-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG005", line_of(path, "- id: E3"))]
    assert full[:7] in regs[0].message and "not marked post_hoc" in regs[0].message


def test_effect_added_after_the_start_with_post_hoc(registered):
    root, git = registered
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8") + NEW_EFFECT + "    post_hoc: true\n", encoding="utf-8")
    git.commit("Add E3 as exploratory", "2026-07-01")
    assert found(run_check(root, today=TODAY), "REG") == []


@pytest.mark.parametrize("amendment, code", [(None, "REG002"), ("2026-04-05", "REG003")])
def test_a_pre_registered_effect_marked_post_hoc_after_the_start_is_outcome_switching(registered, amendment, code):
    """E1, the pre-registered primary effect, is marked post_hoc: true after the start: memos then
    show it as exploratory, and the decision rules (DEC001) and the outcome's completeness (OUT001)
    no longer count it. A failing primary effect demoted so is outcome switching; raio check said
    nothing and raio log 'no change to what raio tracks'."""
    root, git = registered
    path = effects_file(root)
    replace(path, "    primary: true\n", "    primary: true\n    post_hoc: true\n")
    if amendment:
        declare_amendment(path, amendment, change="E1 marked post hoc")
    full = git.commit("Mark E1 exploratory", "2026-04-01", author="J. de Vries <jdv@test.example>")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.column, f.data["field"]) for f in regs] == [
        (code, line_of(path, "post_hoc: true"), 15, "post_hoc")]
    assert regs[0].message.startswith(
        f"E1 was marked post_hoc: true on 2026-04-01 by J. de Vries ({full[:7]}) after the pilot started on "
        "2026-03-01: memos now report a pre-registered effect as exploratory")
    if code == "REG002":
        assert regs[0].hint.startswith("Remove post_hoc: true from E1")


def test_a_memo_words_an_effect_marked_post_hoc_after_the_start_in_its_language(registered):
    """The memo words REG002 from its data: the field read "post_hoc", untranslated."""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text

    root, git = registered
    replace(effects_file(root), "    primary: true\n", "    primary: true\n    post_hoc: true\n")
    git.commit("Mark E1 exploratory", "2026-04-01")
    (f,) = found(run_check(root, today=TODAY), "REG")
    assert finding_text(f, Text("en")).startswith(
        "Outcome switching: the exploratory flag of E1 changed from no to yes on 1 April 2026")
    assert finding_text(f, Text("nl")).startswith(
        "Uitkomstwisseling: bij E1 is de markering verkennend gewijzigd van nee naar ja op 1 april 2026")

def test_an_effect_added_after_the_start_and_marked_post_hoc_later_is_free(registered):
    """The contract's way out for a late effect: marking it post_hoc: true, whenever."""
    root, git = registered
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8") + NEW_EFFECT, encoding="utf-8")
    git.commit("Add E3", "2026-04-01")
    replace(path, "  - id: E3\n", "  - id: E3\n    post_hoc: true\n")
    git.commit("Mark E3 exploratory", "2026-05-01")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_uncommitted_edit_after_the_start_counts_as_made_today(registered):
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.88")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "target: 0.88"))]
    assert regs[0].message == ("E1 target changed 0.90 → 0.88 in an uncommitted edit (counted as made today, "
                               "2026-11-15) after the pilot started on 2026-03-01")
    assert regs[0].data["date"] == TODAY


def test_a_value_written_in_dutch_after_the_start_is_not_an_outcome_switch(registered):
    """direction: hoger for increase after the start was reported as REG002 'direction changed
    increase -> hoger', whose hint asked for an amendment, beside SCH004 saying 'Did you mean
    increase?': the definition did not change, only its language. SCH004 alone says what to write;
    a Dutch word for another value is still a change."""
    root, git = registered
    path = effects_file(root)
    replace(path, "direction: increase", "direction: hoger")
    replace(path, "kind: benefit", "kind: voordeel")
    result = run_check(root, today=TODAY)
    assert found(result, "REG") == []
    hints = [f.hint for f in result.findings if f.code == "SCH004"]
    assert any("'increase'" in h for h in hints) and any("'benefit'" in h for h in hints), hints
    replace(path, "direction: hoger", "direction: lager")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.data["field"]) for f in regs] == [("REG002", "direction")]


def test_uncommitted_layout_change_is_not_a_change(registered):
    root, git = registered
    path = effects_file(root)
    path.write_text("# a comment\n" + path.read_text(encoding="utf-8").replace("target: 0.90", "target: 0.9"),
                    encoding="utf-8")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_start_moved_after_it_passed(registered):
    root, git = registered
    pilot = root / "applications" / APP / "pilot.yaml"
    replace(pilot, "start: 2026-03-01", "start: 2026-06-01")
    full = git.commit("Move the start", "2026-05-15")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.file, f.line) for f in regs] == [("REG006", f"applications/{APP}/pilot.yaml", 3)]
    assert "from 2026-03-01 to 2026-06-01" in regs[0].message and full[:7] in regs[0].message


def test_moving_the_start_later_does_not_launder_a_change_when_git_shows_the_pilot_ran(registered):
    """Target lowered and plan.start moved past today in one commit, the stage set back to planned:
    the REG rules saw no started pilot and only REG006 (a warning) remained. Git shows the
    application in the pilot stage from the old start: the change is still outcome switching."""
    root, git = registered
    pilot = root / "applications" / APP / "pilot.yaml"
    replace(pilot, "start: 2026-03-01", "start: 2026-12-01")
    replace(pilot, "end: 2026-09-01", "end: 2027-06-01")
    replace(root / "applications" / APP / "application.yaml", "stage: pilot", "stage: planned")
    replace(effects_file(root), "target: 0.90", "target: 0.70")
    git.commit("Replan", "2026-06-10")
    regs = {f.code: f for f in found(run_check(root, today=TODAY), "REG")}
    assert sorted(regs) == ["REG002", "REG006"]
    assert regs["REG002"].message.startswith("E1 target changed 0.90 → 0.70 on 2026-06-10")
    assert "after the pilot started on 2026-03-01" in regs["REG002"].message
    assert "git shows the application in the pilot stage after 2026-03-01" in regs["REG006"].message


def test_a_start_moved_later_before_the_pilot_began_is_checked_against_the_new_date(tmp_path):
    """The old start passed while the application was still planned (a vendor delay noticed late):
    git shows no pilot then, so the new date is the line, and REG006 says so."""
    root = make_portfolio(tmp_path / "pf", {APP: {**dossier(), "application":
                                                  f"id: {APP}\nname: Fracture detection\nstage: planned\n"}})
    git = Git(root)
    git.commit("Plan the pilot", "2026-02-01")
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: 2026-04-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Vendor delay; sharper target before the real start", "2026-03-10")
    replace(root / "applications" / APP / "application.yaml", "stage: planned", "stage: pilot")
    git.commit("Start", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG006"] and "checked against the new date" in regs[0].message


def test_reg006_passes_a_start_moved_on_its_own_day_or_earlier(registered):
    """Near miss for REG006: plan.start moved later by a commit made on the old start date (not
    yet past: a start-day correction, as a change on the start day counts as before), then moved
    earlier after it had passed (which moves the line for pre-registration earlier, not later)."""
    root, git = registered
    pilot = root / "applications" / APP / "pilot.yaml"
    replace(pilot, "start: 2026-03-01", "start: 2026-03-15")
    git.commit("The vendor's installation slipped two weeks", "2026-03-01")
    replace(pilot, "start: 2026-03-15", "start: 2026-03-08")
    git.commit("The first cases were read on 8 March", "2026-04-01")
    result = run_check(root, today=TODAY)
    assert found(result, "REG") == []


def test_postponing_a_start_that_has_not_passed_is_free(registered):
    root, git = registered
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: 2026-04-01")
    git.commit("Vendor delay: postpone", "2026-02-20")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_broken_old_version_is_tolerated(registered):
    root, git = registered
    path = effects_file(root)
    good = path.read_text(encoding="utf-8")
    path.write_text("effects: [\n  unclosed", encoding="utf-8")
    git.commit("Oops", "2026-02-10")
    path.write_text(good.replace("target: 0.90", "target: 0.85"), encoding="utf-8")
    git.commit("Fix and lower", "2026-05-02")
    result = run_check(root, today=TODAY)
    assert result.internal_errors == []
    assert [f.code for f in found(result, "REG")] == ["REG002"]


# -- availability ------------------------------------------------------------------------------


def test_shallow_clone_reports_shallow_and_no_reg_errors(registered, tmp_path):
    root, git = registered
    git.commit("Outcome recorded", "2026-09-20")  # the clone's only commit is after the start
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True,
                   capture_output=True)
    result = run_check(clone, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT004"]
    f = found(result)[0]
    assert "fetch-depth: 0" in f.hint and "git fetch --unshallow" in f.hint
    assert f.file == f"applications/{APP}/pilot.yaml" and f.line == 3
    assert str(f.severity) == "warning"
    # sentences that start with a capital (it read "older commits are missing. the REG checks were skipped")
    assert f.message.endswith("older commits are missing. The pre-registration checks (REG) were skipped")
    assert not re.search(r"\. [a-z]", f.message)


def _shallow_clone(root, clone):
    """``root`` committed before the start and after the pilot, cloned at depth 1 to ``clone``."""
    git = Git(root)
    git.commit("Pre-register", "2026-02-01")
    git.commit("Outcome recorded", "2026-09-20")
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True,
                   capture_output=True)
    return clone


def test_a_check_of_one_application_of_a_shallow_clone_places_git004_in_that_application(tmp_path):
    """A CI job per application (raio check applications/<id>) in a shallow clone: GIT004 was
    kept for the checked application, but placed at the first started pilot's pilot.yaml, a file
    the job does not check (an annotation on a file outside the change, or none at all)."""
    root = make_portfolio(tmp_path / "pf", {"a-first": dossier(app_id="a-first"),
                                            "b-second": dossier(app_id="b-second")})
    clone = _shallow_clone(root, tmp_path / "clone")
    whole = found(run_check(clone, today=TODAY))
    assert [(f.code, f.file, f.app) for f in whole] == [("GIT004", "applications/a-first/pilot.yaml", "a-first")]
    for app in ("b-second", "a-first"):
        one = found(run_check(clone / "applications" / app, today=TODAY))
        assert [(f.code, f.file, f.line, f.app) for f in one] == [("GIT004", f"applications/{app}/pilot.yaml", 3, app)]
        assert one[0].message == whole[0].message and one[0].data["apps"] == ["a-first", "b-second"]


def test_a_check_of_changed_files_in_a_shallow_clone_says_the_pre_registration_checks_were_skipped(tmp_path):
    """A CI job that checks only the changed files (raio check applications/<id>/effects.yaml) in
    a shallow clone passed with nothing said: GIT004 stood at pilot.yaml, outside the checked file,
    and was dropped, so the pre-registration of that file's effects was never checked, silently.
    It is kept, once, in the checked application; a file of an application whose pilot has not
    started, or raio.yaml, has nothing for the REG rules to check."""
    root = make_portfolio(tmp_path / "pf", {"a-first": dossier(app_id="a-first"),
                                            "b-second": dossier(app_id="b-second"),
                                            "c-planned": dossier(app_id="c-planned", pilot=PILOT.replace(
                                                "2026-03-01", "2027-03-01").replace("2026-09-01", "2027-09-01"))})
    clone = _shallow_clone(root, tmp_path / "clone")
    for name in ("effects.yaml", "application.yaml"):
        one = found(run_check(clone / "applications" / "b-second" / name, today=TODAY))
        assert [(f.code, f.file, f.line, f.app) for f in one] == [
            ("GIT004", "applications/b-second/pilot.yaml", 3, "b-second")], name
        assert "fetch-depth: 0" in one[0].hint
    assert found(run_check(clone / "applications" / "c-planned" / "effects.yaml", today=TODAY)) == []
    assert found(run_check(clone / "raio.yaml", today=TODAY)) == []


def test_git004_passes_a_shallow_clone_that_holds_the_whole_history(tmp_path):
    """Near miss for GIT004: the checkout is shallow (CI's fetch-depth), but deep enough to hold
    every commit of the portfolio: the history is complete, so it is not reported, and the
    pre-registration checks run (the target lowered after the start is found)."""
    repo = tmp_path / "repo"
    write(repo / "README.md", "before the portfolio\n")
    git = Git(repo)
    git.commit("Old", "2025-01-01")
    write(repo / "NOTES.md", "still before the portfolio\n")
    git.commit("Notes", "2025-06-01")  # the clone's oldest commit: the portfolio's history is all after it
    portfolio(repo / "pf")
    git.commit("Pre-register", "2026-02-01")
    replace(effects_file(repo / "pf"), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-05-02")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    assert (clone / ".git" / "shallow").is_file()
    assert [f.code for f in found(run_check(clone / "pf", today=TODAY))] == ["REG002"]


def test_repository_without_commits(tmp_path):
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT003"]
    f = found(result)[0]
    assert (f.file, f.line) == (f"applications/{APP}/pilot.yaml", 3)  # plan.start
    assert f.message == "pre-registration of the pilot cannot be verified: the git repository has no commits yet"
    assert f.hint == "Commit the portfolio: git add raio.yaml applications; git commit."
    git.commit("Pre-register the effects", "2026-02-01")
    assert found(run_check(root, today=TODAY)) == []


def test_repository_without_commits_whose_portfolio_is_a_folder(tmp_path):
    """GIT003 of a portfolio in a folder of its repository: its hint's git runs in the portfolio's
    folder, named from the top of the repository, where CI runs and its reports' paths start."""
    root = portfolio(tmp_path / "repo" / "pf")
    Git(tmp_path / "repo")
    [f] = found(run_check(root, today=TODAY))
    assert f.code == "GIT003"
    assert f.hint == "Commit the portfolio: git -C pf add raio.yaml applications; git -C pf commit."


def test_folder_that_is_not_a_repository(tmp_path):
    root = portfolio(tmp_path / "pf")
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT002"]
    f = found(result)[0]
    assert (f.file, f.line) == (f"applications/{APP}/pilot.yaml", 3)  # plan.start
    assert f.message == "pre-registration of the pilot cannot be verified: the portfolio is not in a git repository"
    assert "safe.directory" in f.hint


def test_a_working_tree_elsewhere_is_no_history_of_the_portfolio(registered, tmp_path):
    """A repository whose config sets core.worktree to a folder outside the portfolio: git read
    that folder's files, and raio then that folder's own repository, as the portfolio's history
    (here effects committed after the start: REG001 for a pilot that was pre-registered). GIT002
    says the history is not the portfolio's, and nothing is read from it."""
    root, git = registered
    other = portfolio(tmp_path / "other")
    Git(other).commit("Effects, after the start", "2026-05-01")
    git.run("config", "core.worktree", str(other))
    result = run_check(root, today=TODAY)
    assert result.internal_errors == []
    assert [f.code for f in found(result)] == ["GIT002"]
    f = found(result)[0]
    assert (f.file, f.line) == (f"applications/{APP}/pilot.yaml", 3)
    assert f.message == ("pre-registration of the pilot cannot be verified: the repository's config (core.worktree) "
                         "makes a folder outside the portfolio its working tree, whose files git would read as the "
                         "portfolio's; raio reads no history from it")
    assert "git config --unset core.worktree" in f.hint and f.data["state"] == "worktree-elsewhere"
    from raio_cli import auditlog

    with pytest.raises(auditlog.HistoryUnavailable) as err:
        auditlog.audit_trail(root, APP, today=dt.date.fromisoformat(TODAY))
    assert "core.worktree" in str(err.value) and "git config --unset core.worktree" in err.value.hint
    git.run("config", "--unset", "core.worktree")
    assert found(run_check(root, today=TODAY)) == []


def test_portfolio_not_committed_in_a_repository_with_commits(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "README.md", "other things\n")
    git = Git(repo)
    git.commit("Unrelated", "2026-01-01")
    root = portfolio(repo / "portfolio")
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT005"]
    f = found(result)[0]
    assert (f.file, f.line) == (f"applications/{APP}/pilot.yaml", 3)  # plan.start
    assert f.message == ("pre-registration of the pilot cannot be verified: "
                         "nothing of the portfolio's applications is committed to git")
    assert f.hint == "Commit the applications: git -C portfolio add applications; git -C portfolio commit."
    git.commit("Commit the portfolio", "2026-01-15")
    assert found(run_check(root, today=TODAY)) == []


def test_git_not_on_path(registered, tmp_path, monkeypatch):
    """GIT001 had no test: with git gone from PATH the registered pilot cannot be verified."""
    root, git = registered
    assert found(run_check(root, today=TODAY)) == []  # the same repository, git at hand: nothing to say
    no_git = tmp_path / "bin-without-git"
    no_git.mkdir()
    monkeypatch.setenv("PATH", str(no_git))
    result = run_check(root, today=TODAY)
    assert result.internal_errors == []
    assert [f.code for f in found(result)] == ["GIT001"]
    f = found(result)[0]
    assert (f.file, f.line, str(f.severity)) == (f"applications/{APP}/pilot.yaml", 3, "warning")
    assert f.message == "pre-registration of the pilot cannot be verified: git is not installed or not on PATH"
    assert "--no-git" in f.hint and f.data == {"state": "no-git", "apps": [APP],
                                               "places": {APP: [f"applications/{APP}/pilot.yaml", 3, 10]}}


def test_damaged_repository_is_history_unreadable(registered):
    """GIT007 had no test: a repository whose commit has lost its tree object (a damaged clone)
    makes git fail; raio says so instead of checking REG on a history it could not read."""
    root, git = registered
    assert found(run_check(root, today=TODAY)) == []  # intact: nothing to say
    tree = git.run("rev-parse", "HEAD^{tree}").strip()
    obj = root / ".git" / "objects" / tree[:2] / tree[2:]
    obj.chmod(0o644)
    obj.unlink()
    result = run_check(root, today=TODAY)
    assert result.internal_errors == []
    assert [f.code for f in found(result)] == ["GIT007"]
    f = found(result)[0]
    assert (f.file, f.line, str(f.severity)) == (f"applications/{APP}/pilot.yaml", 3, "warning")
    assert f.message.startswith("pre-registration of the pilot cannot be verified: git failed to read the history: ")
    assert "git fsck" in f.hint and f.data == {"state": "error", "apps": [APP],
                                              "places": {APP: [f"applications/{APP}/pilot.yaml", 3, 10]}}


def test_a_version_missing_from_the_repository_is_a_damaged_repository_not_bad_yaml(registered):
    """A version of effects.yaml that the history points at but whose object is gone from
    .git/objects (deleted, lost to a disk error): git cat-file answers '<sha> missing', which
    raio read as an empty old version, so that the check reported REG001 on each effect, "as
    committed before the start ... cannot be read as YAML", blaming the dossier. It is GIT007: the
    repository is damaged, with the hint to run git fsck and clone afresh; no REG finding. The
    repository is left as it is (loose objects, never packed: git gc would pack them)."""
    from conftest import raio_script

    root, git = registered
    old = git.run("rev-parse", f"HEAD:applications/{APP}/effects.yaml").strip()
    replace(effects_file(root), "limit: 70", "limit: 75  # amended before the start, then changed")
    git.commit("Reading time limit", "2026-02-15")
    assert found(run_check(root, today=TODAY)) == []  # intact: nothing to say
    obj = root / ".git" / "objects" / old[:2] / old[2:]
    assert obj.is_file()  # loose
    obj.chmod(0o644)
    obj.unlink()
    result = run_check(root, today=TODAY)
    assert result.internal_errors == []
    assert [f.code for f in found(result)] == ["GIT007"], found(result)
    assert not [f for f in result.findings if f.code.startswith("YML")]
    f = found(result)[0]
    assert (f.file, f.line, str(f.severity)) == (f"applications/{APP}/pilot.yaml", 3, "warning")
    assert f.message == ("pre-registration of the pilot cannot be verified: git failed to read the history: the repository "
                         f"is damaged: 1 object it points at is missing (versions of applications/{APP}/effects.yaml), "
                         f"first {old[:12]}")
    assert f.hint.startswith("The repository is damaged: run git fsck to list what is missing, then make a fresh clone")
    status = subprocess.run([raio_script(), "status", "--today", TODAY], cwd=root, capture_output=True, text=True, timeout=120)
    assert status.returncode == 0 and "Traceback" not in status.stderr and "History: git failed to read the history (see raio check)." in " ".join(status.stdout.split()), status
    log = subprocess.run([raio_script(), "log", APP], cwd=root, capture_output=True, text=True, timeout=120)
    said = " ".join(log.stderr.split())
    assert log.returncode == 2 and "the repository is damaged" in said and "git fsck" in said and "Traceback" not in said, log


def test_availability_is_reported_once_per_portfolio(tmp_path):
    root = make_portfolio(tmp_path / "pf", {APP: dossier(), "second-app": dossier(app_id="second-app")})
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT002"]
    assert "the 2 started pilots" in found(result)[0].message


def test_no_started_pilot_no_availability_warning(tmp_path):
    root = portfolio(tmp_path / "pf", pilot="plan:\n  start: 2027-03-01\n")
    assert found(run_check(root, today=TODAY)) == []


def test_no_git_option_skips_everything(registered):
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Change", "2026-05-02")
    assert found(run_check(root, "--no-git", today=TODAY)) == []


def test_dossier_files_not_committed(registered):
    root, git = registered
    write(root / "applications" / APP / "problem.yaml", "statement: x\n")
    result = run_check(root, today=TODAY)
    assert [(f.code, f.file, f.line) for f in found(result)] == [("GIT006", f"applications/{APP}/problem.yaml", 0)]
    assert found(result)[0].message == "not committed to git: problem.yaml"
    git.commit("Add the problem statement", "2026-02-10")
    assert found(run_check(root, today=TODAY)) == []


def test_raio_yaml_not_committed_or_changed_since_the_last_commit(registered):
    """GIT008: the policy (raio.yaml) the local check applies is not the one CI on the repository
    applies, because it is not committed or differs from HEAD; a change of comments or layout only
    is the same policy."""
    root, git = registered
    assert found(run_check(root, today=TODAY)) == []  # committed as it is: nothing to say
    config = root / "raio.yaml"
    committed = config.read_text(encoding="utf-8")
    config.write_text(committed + "policy:\n  fail_on: warning\n", encoding="utf-8")
    result = run_check(root, today=TODAY)
    assert [(f.code, f.file, f.line, f.app, str(f.severity)) for f in found(result)] == \
        [("GIT008", "raio.yaml", 0, "", "warning")]
    f = found(result)[0]
    assert f.message == ("raio.yaml differs from the last commit (HEAD): CI, which checks the committed portfolio, "
                         "applies another policy than this check")
    assert "git commit" in f.hint and "git restore raio.yaml" in f.hint and f.data == {"state": "modified"}
    config.write_text("# the hospital's policy\n" + committed.replace("\n", "\r\n"), encoding="utf-8")
    assert found(run_check(root, today=TODAY)) == []  # a comment and line endings: the same policy
    config.write_text(committed, encoding="utf-8")
    git.run("rm", "-q", "--cached", "raio.yaml")
    git.commit("Keep raio.yaml out of git", "2026-06-01", paths=("applications",))
    result = run_check(root, today=TODAY)
    assert [(f.code, f.file, f.line) for f in found(result)] == [("GIT008", "raio.yaml", 0)]
    assert found(result)[0].message == ("raio.yaml is not committed to git: CI, which checks the committed portfolio, "
                                        "applies another policy than this check")
    assert found(result)[0].data == {"state": "untracked"}
    git.commit("Commit raio.yaml", "2026-06-02")
    assert found(run_check(root, today=TODAY)) == []
    assert found(run_check(root, "--no-git", today=TODAY)) == []


def test_raio_yaml_that_is_a_link_out_of_the_portfolio_is_not_read_by_git008(registered, tmp_path):
    """raio.yaml replaced by a link to a file outside the portfolio: the loader does not read it
    (YML017) and the check runs on raio's defaults, but GIT008 read the file the link leads to and
    compared it with HEAD: with the committed text out there it said nothing, though the check
    applied another policy than CI; with another text it called raio.yaml changed, from a file
    outside the portfolio. GIT008 now reads no link out of the portfolio and says what it is; a
    link within the portfolio is read, as the loader reads it."""
    root, git = registered
    config = root / "raio.yaml"
    committed = config.read_text(encoding="utf-8")
    for text in (committed, "organisation: Elsewhere\npolicy:\n  fail_on: warning\n"):
        outside = tmp_path / "outside.yaml"
        outside.write_text(text, encoding="utf-8")
        config.unlink()
        config.symlink_to(outside)
        result = run_check(root, today=TODAY)
        assert [(f.code, f.file) for f in result.findings if f.code == "YML017"] == [("YML017", "raio.yaml")]
        [f] = found(result)
        assert (f.code, f.file, f.line, str(f.severity), f.data) == \
            ("GIT008", "raio.yaml", 0, "warning", {"state": "link_out"})
        assert f.message == ("raio.yaml is a link to a file outside the portfolio, which this check does not read "
                             "(YML017): it applies raio's defaults, while CI, which checks the committed portfolio, "
                             "applies the committed raio.yaml")
        assert "Replace the link with the file itself" in f.hint and "git restore raio.yaml" in f.hint
    git.run("restore", "raio.yaml")
    assert found(run_check(root, today=TODAY)) == []
    (root / "policy").mkdir()
    write(root / "policy" / "raio.yaml", committed)
    config.unlink()
    config.symlink_to(Path("policy") / "raio.yaml")  # within the portfolio: read, the same policy
    assert found(run_check(root, today=TODAY)) == []


def test_raio_yaml_of_a_portfolio_in_a_folder_of_the_repository(tmp_path):
    """Near miss for GIT008: the portfolio is a folder of a larger repository; its raio.yaml is
    committed, the repository's top has none."""
    repo = tmp_path / "repo"
    write(repo / "README.md", "other things\n")
    root = portfolio(repo / "portfolio")
    git = Git(repo)
    git.commit("Pre-register the effects", "2026-02-01")
    assert found(run_check(root, today=TODAY)) == []
    (root / "raio.yaml").write_text("organisation: Other hospital\n", encoding="utf-8")
    assert [(f.code, f.file) for f in found(run_check(root, today=TODAY))] == [("GIT008", "raio.yaml")]


def _hint_command(hint: str) -> list[str]:
    """The git command a hint gives (``git ... && git commit`` or ``git ...``), as words."""
    import shlex

    m = re.search(r"(git (?:-C (?:'[^']*'|[^ ']+) )?(?:add|restore) [^,;()]*?)(?: && git|\)|,|$)", hint)
    assert m, hint
    return shlex.split(m.group(1))[1:]


def test_hints_of_a_portfolio_in_a_folder_of_the_repository_name_its_paths_in_the_repository(tmp_path):
    """GIT006 and GIT008 of a portfolio in a folder of its repository: the hints said
    `git add applications/<id>` and `git add raio.yaml`, paths of the portfolio folder, while git
    is run in the repository (CI, or the user at its top): there the first matches nothing and the
    second stages another file or none. The hints run git in the portfolio's folder, named from the
    top of the repository (quoted for the shell); run there as given, they clear the findings."""
    repo = tmp_path / "repo"
    write(repo / "README.md", "other things\n")
    root = portfolio(repo / "radiology portfolio")
    git = Git(repo)
    git.commit("Pre-register the effects", "2026-02-01")
    write(root / "applications" / APP / "problem.yaml", "statement: x\n")
    (root / "raio.yaml").write_text((root / "raio.yaml").read_text(encoding="utf-8") + "policy:\n  fail_on: warning\n",
                                    encoding="utf-8")
    got = {f.code: f for f in found(run_check(root, today=TODAY))}
    assert sorted(got) == ["GIT006", "GIT008"]
    assert got["GIT006"].file == f"applications/{APP}/problem.yaml"  # findings stay in the portfolio's terms
    git_c = "git -C 'radiology portfolio'"
    assert f"{git_c} add applications/fracture-ai && {git_c} commit" in got["GIT006"].hint
    assert f"{git_c} add raio.yaml && {git_c} commit" in got["GIT008"].hint
    assert f"{git_c} restore raio.yaml" in got["GIT008"].hint
    git.run(*_hint_command(got["GIT008"].hint.split("undo it: ")[1]))  # the undo, run at the top
    assert [f.code for f in found(run_check(root, today=TODAY))] == ["GIT006"]
    git.run(*_hint_command(got["GIT006"].hint))
    git.run("commit", "-q", "-m", "Add the problem statement", date="2026-02-10")
    assert found(run_check(root, today=TODAY)) == []


def test_new_application_not_committed_after_its_start(registered):
    root, git = registered
    make_portfolio(root, {"second-app": dossier(app_id="second-app")})
    result = run_check(root, today=TODAY)
    got = sorted((f.code, f.app) for f in found(result))
    assert ("GIT006", "second-app") in got
    assert [c for c, a in got if a == "second-app" and c.startswith("REG")] == ["REG001", "REG001"]
    assert "is not committed yet" in [f for f in found(result, "REG001")][0].message


# -- renames and layout ----------------------------------------------------------------------------


def test_renamed_application_folder_keeps_its_history(registered):
    root, git = registered
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    app_yaml = root / "applications" / "fracture-detection" / "application.yaml"
    replace(app_yaml, f"id: {APP}", "id: fracture-detection")
    git.commit("Rename the application", "2026-06-01")
    result = run_check(root, today=TODAY)
    assert found(result) == []
    # and a change after the rename is still measured against the registration before it
    replace(effects_file(root, "fracture-detection"), "target: 0.90", "target: 0.85")
    git.commit("Lower", "2026-07-01")
    assert [f.code for f in found(run_check(root, today=TODAY))] == ["REG002"]



def test_a_folder_renamed_while_its_effects_were_rewritten_keeps_the_registration(registered):
    """git mv of the folder and effects.yaml rewritten in the same commit (too different for git to
    see a rename): the effects read as first committed at the rename, after the start (REG001),
    and raio log listed them as registered then. The other files show the folder was renamed."""
    root, git = registered
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    replace(root / "applications" / "fracture-detection" / "application.yaml", f"id: {APP}", "id: fracture-detection")
    path = effects_file(root, "fracture-detection")
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text("# the effects, in flow style\n" + yaml.safe_dump(data, default_flow_style=True, width=40),
                    encoding="utf-8")
    git.commit("Rename the application and tidy its effects", "2026-06-01")
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, "fracture-detection", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    # and a change after it is measured against the registration
    replace(path, "target: 0.9", "target: 0.85")
    git.commit("Lower", "2026-07-01")
    assert [f.code for f in found(run_check(root, today=TODAY))] == ["REG002"]

def _two_applications_with_swapped_folders(root: Path) -> Git:
    """Two applications registered on 2026-02-01 each in the other's folder (folder alpha holds
    the application whose id is beta, IDN001), their effects different."""
    beta = EFFECTS.replace("sensitivity", "specificity").replace("target: 0.90", "target: 0.95") \
        .replace("id: E1", "id: B1").replace("id: G1", "id: H1")
    make_portfolio(root, {"alpha": dossier(effects=beta, app_id="beta"), "beta": dossier(app_id="alpha")})
    git = Git(root)
    git.commit("Register both pilots", "2026-02-01")
    return git


def _lowering_b1_is_outcome_switching(root, git, folder: str) -> None:
    """After a swap, B1's target lowered in ``folder`` is REG002 against B1's own registration."""
    replace(effects_file(root, folder), "target: 0.95", "target: 0.85")
    git.commit("Lower B1", "2026-07-01")
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.file, f.data["effect"], f.data["old"]) for f in regs] == [
        ("REG002", f"applications/{folder}/effects.yaml", "B1", 0.95)]


@pytest.mark.parametrize("commits", [1, 3])
def test_two_folders_that_swap_names_in_one_commit_keep_their_registrations(tmp_path, commits):
    """git mv alpha tmp; git mv beta alpha; git mv tmp beta: in three commits git sees three
    renames and the check is clean; in one commit git sees every file of both folders rewritten
    (no rename), and each folder's effects read as removed and others added after the start
    (REG004, REG005 with hints about outcome switching). application.yaml, whose id identifies
    the application, moved from the one folder to the other: the folders swapped."""
    from raio_cli import auditlog

    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    steps = [("alpha", "tmp"), ("beta", "alpha"), ("tmp", "beta")]
    for old, new in steps:
        git.run("mv", f"applications/{old}", f"applications/{new}")
        if commits == 3:
            git.commit(f"Move {old} to {new}", "2026-05-01")
    if commits == 1:
        git.commit("Swap the folders: each holds the application of its name", "2026-05-01")
    assert found(run_check(root, today=TODAY)) == []
    for app, effects in (("alpha", ["E1", "G1"]), ("beta", ["B1", "H1"])):  # raio log reads one application
        events = auditlog.audit_trail(root, app, today=dt.date(2026, 11, 15))
        assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
            (eid, "2026-02-01") for eid in effects]
        assert not [e for e in events if e["kind"] in ("effect-removed", "effect-changed")]
    # and a change after the swap is measured against each one's own registration
    _lowering_b1_is_outcome_switching(root, git, "beta")


def test_folders_swapped_with_a_target_changed_in_the_same_commit_report_that_change_once(tmp_path):
    """The swap and a lowered target in one commit: the change is measured against the
    application's own registration, in the folder it moved to."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    for old, new in [("alpha", "tmp"), ("beta", "alpha"), ("tmp", "beta")]:
        git.run("mv", f"applications/{old}", f"applications/{new}")
    replace(effects_file(root, "beta"), "target: 0.95", "target: 0.85")
    git.commit("Swap the folders and lower B1", "2026-05-01")
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.file, f.data["effect"], f.data["old"], f.data["new"]) for f in regs] == [
        ("REG002", "applications/beta/effects.yaml", "B1", 0.95, 0.85)]


def _swap_in_the_working_tree(root: Path, git: Git, how: str) -> None:
    """Swap the folders alpha and beta through tmp, with ``git mv`` or a plain rename, uncommitted."""
    for old, new in [("alpha", "tmp"), ("beta", "alpha"), ("tmp", "beta")]:
        if how == "git mv":
            git.run("mv", f"applications/{old}", f"applications/{new}")
        else:
            (root / "applications" / old).rename(root / "applications" / new)


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_folders_swapped_and_not_yet_committed_keep_their_registrations(tmp_path, how):
    """The swap in the working tree, before its commit (a pre-commit hook checks it): each folder's
    effects read as removed and the other's added, in an uncommitted edit (8 REG errors)."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    _swap_in_the_working_tree(root, git, how)
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import auditlog  # raio log reads one application (and the folders linked to it)

    events = auditlog.audit_trail(root, "alpha", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    assert not [e for e in events if e["kind"] in ("effect-removed", "effect-changed")]
    replace(effects_file(root, "beta"), "target: 0.95", "target: 0.85")  # and an edit after it counts
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.file, f.data["effect"], f.data["old"]) for f in regs] == [
        ("REG002", "applications/beta/effects.yaml", "B1", 0.95)]


def test_application_yaml_files_exchanged_alone_are_no_swap_of_the_folders(tmp_path):
    """Near miss: only the two application.yaml files exchanged (the effects stay in their
    folders): the folders did not swap, so each folder's effects keep their own history and the
    check says nothing of them."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    a, b = (root / "applications" / f / "application.yaml" for f in ("alpha", "beta"))
    text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    a.write_text(text_b, encoding="utf-8")
    b.write_text(text_a, encoding="utf-8")
    git.commit("Exchange the application files", "2026-05-01")
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import history

    ah = history.read(root, dt.date.fromisoformat(TODAY)).app("alpha")
    assert [e for e in ah.effects] == ["B1", "H1"]


def test_folders_swapped_with_an_application_yaml_edited_in_the_same_commit_keep_their_registrations(tmp_path):
    """The swap and an edit of an application.yaml in one commit (the stage moved on, a name
    corrected): that application.yaml is no longer byte for byte the one the other folder held,
    and the swap was not recognised: each folder's effects read as removed and the other's added
    after the start (REG errors whose hints speak of outcome switching). The application's id
    went from the one folder to the other with its effects.yaml unchanged: the folders swapped,
    and an edit in the same commit is read as an edit of the application that moved."""
    from raio_cli import history

    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    for old, new in [("alpha", "tmp"), ("beta", "alpha"), ("tmp", "beta")]:
        git.run("mv", f"applications/{old}", f"applications/{new}")
    replace(root / "applications" / "alpha" / "application.yaml", "name: Fracture detection", "name: Fracture triage")
    swap = git.commit("Swap the folders, and rename alpha", "2026-05-01")
    assert found(run_check(root, today=TODAY)) == []
    h = history.read(root, dt.date.fromisoformat(TODAY))
    for app, effects in (("alpha", ["E1", "G1"]), ("beta", ["B1", "H1"])):
        ah = h.app(app)
        assert [(e, ah.effects[e].first.date.isoformat()) for e in ah.effects] == [(e, "2026-02-01") for e in effects]
        assert ah.former_ids == ["beta" if app == "alpha" else "alpha"]
        assert [(v.status, v.commit) for v in ah.versions("application")][-1] == ("R", swap)
    assert h.app("alpha").versions("application")[-1].data["name"] == "Fracture triage"
    # raio log reads one application (and the folders linked to it) the same way
    for app in ("alpha", "beta"):
        one = history.read(root, dt.date.fromisoformat(TODAY), only=[app]).app(app)
        assert list(one.effects) == list(h.app(app).effects)
    # and a change after the swap is measured against each one's own registration
    _lowering_b1_is_outcome_switching(root, git, "beta")


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_folders_swapped_with_an_application_yaml_edited_not_yet_committed_keep_their_registrations(tmp_path, how):
    """The same in the working tree, before its commit (a pre-commit hook checks it)."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    _swap_in_the_working_tree(root, git, how)
    replace(root / "applications" / "alpha" / "application.yaml", "name: Fracture detection", "name: Fracture triage")
    assert found(run_check(root, today=TODAY)) == []
    replace(effects_file(root, "beta"), "target: 0.95", "target: 0.85")  # and an edit after it counts
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.file, f.data["effect"], f.data["old"]) for f in regs] == [
        ("REG002", "applications/beta/effects.yaml", "B1", 0.95)]


@pytest.mark.parametrize("committed", [True, False])
def test_effects_exchanged_between_folders_whose_ids_stay_are_outcome_switching(tmp_path, committed):
    """Near miss: the two effects.yaml files exchanged, and both application.yaml files edited
    in the same commit (or in the working tree), each keeping its id: the applications stayed in
    their folders, and each one's pre-registered effects were replaced by another's after the
    start. No swap: reported."""
    root = tmp_path / "pf"
    make_portfolio(root, {"alpha": dossier(app_id="alpha"), "beta": dossier(
        effects=EFFECTS.replace("id: E1", "id: B1").replace("id: G1", "id: H1"), app_id="beta")})
    git = Git(root)
    git.commit("Register both pilots", "2026-02-01")
    a, b = (root / "applications" / f / "effects.yaml" for f in ("alpha", "beta"))
    text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    a.write_text(text_b, encoding="utf-8")
    b.write_text(text_a, encoding="utf-8")
    for f in ("alpha", "beta"):
        replace(root / "applications" / f / "application.yaml", "stage: pilot", "stage: pilot\nowner: radiology")
    if committed:
        git.commit("Exchange the effects", "2026-05-01")
    got = sorted({(f.app, f.code) for f in found(run_check(root, today=TODAY))})
    assert ("alpha", "REG004") in got and ("beta", "REG004") in got  # each one's registered effects removed


def test_application_yaml_files_exchanged_and_edited_are_no_swap_of_the_folders(tmp_path):
    """Near miss: the two application.yaml files exchanged and one of them edited, the effects
    left in their folders: the ids moved, the effects did not; no swap."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    a, b = (root / "applications" / f / "application.yaml" for f in ("alpha", "beta"))
    text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    a.write_text(text_b.replace("Fracture detection", "Fracture triage"), encoding="utf-8")
    b.write_text(text_a, encoding="utf-8")
    git.commit("Exchange the application files", "2026-05-01")
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import history

    ah = history.read(root, dt.date.fromisoformat(TODAY)).app("alpha")
    assert [e for e in ah.effects] == ["B1", "H1"] and ah.former_ids == []


def _swap_folders(git: Git) -> None:
    for old, new in [("alpha", "tmp"), ("beta", "alpha"), ("tmp", "beta")]:
        git.run("mv", f"applications/{old}", f"applications/{new}")


def _assert_swapped_keep_their_registrations(root: Path, git: Git, swap: str, former: dict) -> None:
    """After a swap of alpha and beta: no REG finding, each application's effects registered on
    2026-02-01 in the folder it moved to, its former folder named, and a change after the swap
    measured against its own registration."""
    from raio_cli import history

    assert found(run_check(root, today=TODAY)) == []
    h = history.read(root, dt.date.fromisoformat(TODAY))
    for app, effects in (("alpha", ["E1", "G1"]), ("beta", ["B1", "H1"])):
        ah = h.app(app)
        assert [(e, ah.effects[e].first.date.isoformat()) for e in ah.effects] == [(e, "2026-02-01") for e in effects]
        assert ah.former_ids == [former[app]]
        assert [(v.status, v.commit) for v in ah.versions("effects")][-1] == ("R", swap)
        one = history.read(root, dt.date.fromisoformat(TODAY), only=[app]).app(app)  # raio log reads one
        assert list(one.effects) == effects and one.former_ids == [former[app]]
    _lowering_b1_is_outcome_switching(root, git, "beta")


def test_folders_swapped_with_application_yaml_and_effects_yaml_edited_in_one_commit_keep_their_registrations(
        tmp_path):
    """The swap, a name corrected in an application.yaml and a description reworded in an
    effects.yaml, in one commit: neither file is byte for byte the one the other folder held,
    and each folder's effects read as removed and the other's added after the start (8 REG
    errors). The evidence of a swap: the application's id went from the one folder to the other,
    and most of what its effects.yaml says (each effect's fields, by effect id) went with it."""
    root = tmp_path / "pf"
    git = _two_applications_with_swapped_folders(root)
    _swap_folders(git)
    replace(root / "applications" / "alpha" / "application.yaml", "name: Fracture detection", "name: Fracture triage")
    replace(effects_file(root, "alpha"), "No extra reading time for the radiologist.",
            "No extra reading time for the radiologists.")
    swap = git.commit("Swap the folders, rename alpha and reword G1", "2026-05-01")
    _assert_swapped_keep_their_registrations(root, git, swap, {"alpha": "beta", "beta": "alpha"})


def _two_applications_in_their_own_folders(root: Path) -> Git:
    """alpha and beta, each in the folder of its id, their descriptions and effects different."""
    beta = EFFECTS.replace("sensitivity", "specificity").replace("target: 0.90", "target: 0.95") \
        .replace("id: E1", "id: B1").replace("id: G1", "id: H1")
    lungs = dossier(effects=beta, app_id="beta")
    lungs["application"] = lungs["application"].replace("Fracture detection", "Lung nodule detection")
    make_portfolio(root, {"alpha": dossier(app_id="alpha"), "beta": lungs})
    git = Git(root)
    git.commit("Register both pilots", "2026-02-01")
    return git


@pytest.mark.parametrize("reworded", [False, True])
def test_folders_swapped_with_their_ids_edited_to_match_keep_their_registrations(tmp_path, reworded):
    """The swap, and each application.yaml's id edited to the name of the folder it moved into,
    in one commit (and a description of an effect reworded in it): each folder keeps its id, and
    its effects read as replaced by the other's after the start (8 REG errors). The evidence of a
    swap: the application.yaml says all that the other folder's said but the id, and the effects
    (all, or most of them) went with it."""
    root = tmp_path / "pf"
    git = _two_applications_in_their_own_folders(root)
    _swap_folders(git)
    # the folders now hold: alpha the lung application (id beta), beta the fracture one (id alpha)
    for folder, old, new in (("alpha", "beta", "alpha"), ("beta", "alpha", "beta")):
        replace(root / "applications" / folder / "application.yaml", f"id: {old}", f"id: {new}")
    if reworded:
        replace(effects_file(root, "alpha"), "No extra reading time for the radiologist.",
                "No extra reading time for the radiologists.")
    swap = git.commit("Swap the folders and name each application after its folder", "2026-05-01")
    from raio_cli import history

    assert found(run_check(root, today=TODAY)) == []
    h = history.read(root, dt.date.fromisoformat(TODAY))
    for app, effects, other in (("alpha", ["B1", "H1"], "beta"), ("beta", ["E1", "G1"], "alpha")):
        ah = h.app(app)
        assert [(e, ah.effects[e].first.date.isoformat()) for e in ah.effects] == [(e, "2026-02-01") for e in effects]
        assert ah.former_ids == [other]
        assert [(v.status, v.commit) for v in ah.versions("effects")][-1] == ("R", swap)
        one = history.read(root, dt.date.fromisoformat(TODAY), only=[app]).app(app)  # raio log reads one
        assert list(one.effects) == effects and one.former_ids == [other]
    _lowering_b1_is_outcome_switching(root, git, "alpha")


@pytest.mark.parametrize("how", ["git mv", "mv"])
@pytest.mark.parametrize("ids", ["kept", "edited to match"])
def test_folders_swapped_with_both_files_edited_not_yet_committed_keep_their_registrations(tmp_path, how, ids):
    """The same swaps in the working tree, before their commit (a pre-commit hook checks it):
    an application.yaml and an effects.yaml edited as well (the ids kept, or edited to the names
    of the folders they moved into) read as each folder's effects removed and the other's added,
    in an uncommitted edit (8 REG errors)."""
    from raio_cli import history

    root = tmp_path / "pf"
    if ids == "kept":
        git = _two_applications_with_swapped_folders(root)
        expect = {"alpha": ["E1", "G1"], "beta": ["B1", "H1"]}
    else:
        git = _two_applications_in_their_own_folders(root)
        expect = {"alpha": ["B1", "H1"], "beta": ["E1", "G1"]}
    _swap_in_the_working_tree(root, git, how)
    if ids == "edited to match":
        for folder, old, new in (("alpha", "beta", "alpha"), ("beta", "alpha", "beta")):
            replace(root / "applications" / folder / "application.yaml", f"id: {old}", f"id: {new}")
    else:
        replace(root / "applications" / "alpha" / "application.yaml", "name: Fracture detection", "name: Fracture triage")
    replace(effects_file(root, "alpha"), "No extra reading time for the radiologist.",
            "No extra reading time for the radiologists.")
    assert found(run_check(root, today=TODAY)) == []
    for app, effects in expect.items():  # raio log reads one application (and the folders linked to it)
        one = history.read(root, dt.date.fromisoformat(TODAY), only=[app]).app(app)
        assert [(e, one.effects[e].first.date.isoformat()) for e in one.effects] == [(e, "2026-02-01") for e in effects]


def test_effects_and_descriptions_exchanged_with_the_pilots_left_are_outcome_switching(tmp_path):
    """Near miss: the effects.yaml files and all but the ids of the application.yaml files
    exchanged, each pilot.yaml left in its folder: the applications did not move (their pilots
    stayed), each one's pre-registered effects were replaced by another's. No swap: reported."""
    root = tmp_path / "pf"
    git = _two_applications_in_their_own_folders(root)
    replace(root / "applications" / "beta" / "pilot.yaml", "start: 2026-03-01", "start: 2026-03-02")
    git.commit("beta starts a day later", "2026-02-02")
    for name in ("effects", "application"):
        a, b = (root / "applications" / f / f"{name}.yaml" for f in ("alpha", "beta"))
        text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        a.write_text(text_b.replace("id: beta", "id: alpha"), encoding="utf-8")
        b.write_text(text_a.replace("id: alpha", "id: beta"), encoding="utf-8")
    git.commit("Exchange the effects and the descriptions", "2026-05-01")
    got = sorted({(f.app, f.code) for f in found(run_check(root, today=TODAY))})
    assert ("alpha", "REG004") in got and ("beta", "REG004") in got


def _copy_and_delete(root: Path, to: str, rewrite: bool = True) -> None:
    """applications/<APP> copied to applications/<to> and deleted (no git mv), every file rewritten."""
    import shutil

    import yaml

    shutil.copytree(root / "applications" / APP, root / "applications" / to)
    shutil.rmtree(root / "applications" / APP)
    replace(root / "applications" / to / "application.yaml", f"id: {APP}", f"id: {to}")
    for name in ("application", "effects", "pilot") if rewrite else ():
        path = root / "applications" / to / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text("# moved\n" + yaml.safe_dump(data, default_flow_style=True, width=30), encoding="utf-8")


def test_a_folder_copied_and_deleted_says_git_saw_no_rename_and_how_to_redo_the_move(registered):
    """The folder copied to its new name and the old one deleted, every file rewritten in the same
    commit: git sees no rename, so the effects are first committed at the move, after the start
    (REG001: intended, the history of the old folder is not this one's). The finding said only
    "first committed after the start": it now names the folder the same commit deleted, that it
    held the effect, and how to redo the move so that git sees it."""
    root, git = registered
    _copy_and_delete(root, "fracture-detection")
    move = git.commit("Move the application", "2026-06-01")
    assert "R" not in git.run("show", "--name-status", "-M", "--format=", "HEAD").split()[0::2]
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.file, f.data["effect"]) for f in regs] == [
        ("REG001", "applications/fracture-detection/effects.yaml", "E1"),
        ("REG001", "applications/fracture-detection/effects.yaml", "G1")]
    f = regs[0]
    assert f.message == (f"E1 was first committed on 2026-06-01 by Test RAIO ({move[:7]}), after the pilot started on "
                         f"2026-03-01; the same commit deleted applications/{APP}, whose effects.yaml held E1 with the "
                         "same metric: git saw no rename of that folder to this one")
    assert f"git checkout {move[:7]}^ -- applications/{APP}" in f.hint
    assert f"git mv applications/{APP} applications/fracture-detection" in f.hint and "post_hoc: true" in f.hint
    assert f.data["deleted"] == f"applications/{APP}" and f.data["variant"] == "deleted"
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text  # the memo says so in both languages

    assert finding_text(f, Text("en")) == (
        f"E1 was first committed on 1 June 2026 by Test RAIO (commit {move[:7]}), after the pilot started on 1 March "
        f"2026; the same commit deleted applications/{APP}, which held E1: git saw no rename of that folder to this one.")
    assert finding_text(f, Text("nl")) == (
        f"E1 is pas op 1 juni 2026 door Test RAIO vastgelegd (commit {move[:7]}), na de start van de pilot op 1 maart "
        f"2026; dezelfde commit verwijderde applications/{APP}, waarin E1 stond: git zag geen hernoeming van die map "
        "naar deze.")
    from raio_cli import auditlog  # raio log says so too

    events = auditlog.audit_trail(root, "fracture-detection", today=dt.date(2026, 11, 15))
    assert sorted(e["description"] for e in events if e["kind"] == "file") == [
        f"{name}.yaml added; the same commit deleted applications/{APP}/{name}.yaml: git saw no rename"
        for name in ("application", "effects", "pilot")]
    # the way the hint gives: the move undone, then done again with git mv alone
    git.run("revert", "--no-edit", "HEAD", date="2026-11-01")
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    git.commit("Move the application with git mv", "2026-11-02")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_the_hint_to_redo_a_move_git_did_not_see_works_after_later_commits_to_the_folder(registered):
    """The hint said "undo it (git revert <move>)": with a later commit that changed the moved
    folder (an extension recorded in pilot.yaml, weeks on), git revert stops on a conflict
    (modify/delete) and the RAIO is left in a half-done revert. The commands it gives now undo the
    move whatever came after it, and the check is clean once they ran; nothing of the later edit
    is lost."""
    root, git = registered
    new = "applications/fracture-detection"
    _copy_and_delete(root, "fracture-detection")
    move = git.commit("Move the application", "2026-06-01")
    pilot = root / new / "pilot.yaml"
    pilot.write_text(pilot.read_text(encoding="utf-8") + "# extension agreed 2026-08-20\n", encoding="utf-8")
    git.commit("Note the extension", "2026-08-20")
    now = pilot.read_text(encoding="utf-8")
    (f, _g1) = found(run_check(root, today=TODAY), "REG")
    steps = [f"git rm -r -q {new}", f"git checkout {move[:7]}^ -- applications/{APP}",
             f"git mv applications/{APP} {new}", f"git checkout HEAD~2 -- {new}"]
    assert all(step in f.hint for step in steps) and "git revert" not in f.hint, f.hint
    git.run(*steps[0].split()[1:])
    git.run(*steps[1].split()[1:])
    git.commit("Undo the move", "2026-11-01")
    git.run(*steps[2].split()[1:])
    git.commit("Move the application with git mv", "2026-11-01")
    git.run(*steps[3].split()[1:])
    git.commit("The edits made with the move", "2026-11-01")
    assert pilot.read_text(encoding="utf-8") == now and not (root / "applications" / APP).exists()
    assert found(run_check(root, today=TODAY), "REG") == []

def test_reg001_of_a_folder_added_as_another_was_deleted_names_it_without_claiming_a_rename(registered):
    """Near miss: the commit that deleted one application added another whose effects have other
    metrics: the message names the deleted folder, says a rename is possible, and the memo words
    it as a plain REG001 (no variant)."""
    root, git = registered
    _copy_and_delete(root, "other-ai")
    replace(effects_file(root, "other-ai"), "sensitivity", "specificity")
    move = git.commit("Replace the application", "2026-06-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.data["effect"]) for f in regs] == [("REG001", "E1"), ("REG001", "G1")]
    assert regs[0].message == (f"E1 was first committed on 2026-06-01 by Test RAIO ({move[:7]}), after the pilot started "
                               f"on 2026-03-01; the same commit deleted applications/{APP}: if this folder is that one "
                               "renamed, git did not see it")
    assert "held G1 with the same metric" in regs[1].message  # G1 is as it was
    assert "variant" not in regs[0].data and regs[1].data["variant"] == "deleted"


def test_reg001_of_a_new_application_says_nothing_of_a_folder_deleted_in_another_commit(registered):
    """Near miss: the old folder deleted in one commit, the new one added in the next: no one
    commit did both, so the message is the plain one."""
    root, git = registered
    _copy_and_delete(root, "fracture-detection")
    git.commit("Add the new folder", "2026-06-01", paths=["applications/fracture-detection"])
    git.commit("Remove the old folder", "2026-06-02")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message.endswith("after the pilot started on 2026-03-01") and "deleted" not in regs[0].data


def _rename_uncommitted(root, git, how: str) -> None:
    """The application's folder renamed to fracture-detection (``git mv``, or ``mv`` of the
    folder) and its id with it, nothing committed."""
    if how == "git mv":
        git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    else:
        (root / "applications" / APP).rename(root / "applications" / "fracture-detection")
    replace(root / "applications" / "fracture-detection" / "application.yaml", f"id: {APP}", "id: fracture-detection")


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_a_folder_renamed_and_not_yet_committed_keeps_the_registration(registered, how):
    """The folder renamed (git mv, or mv of the folder) and raio check run before the commit,
    as a pre-commit hook does: the renamed folder's effects read as new, "not committed yet"
    after the start (REG001, so the hook refused the rename), and raio log listed them as
    registered today. The committed history of the old folder is the registration."""
    root, git = registered
    _rename_uncommitted(root, git, how)
    assert found(run_check(root, today=TODAY), "REG") == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, "fracture-detection", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    assert [(e["commit"], e["description"]) for e in events if e["kind"] == "renamed"] == [
        ("uncommitted", f"application folder renamed from applications/{APP}")]
    assert not [e for e in events if e["description"].endswith(" added")]  # nothing new but the name
    # and by its former name, as raio log finds it
    assert auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15)) == events
    # a target changed in the renamed folder is still outcome switching
    replace(effects_file(root, "fracture-detection"), "target: 0.90", "target: 0.85")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.file) for f in regs] == [("REG002", "applications/fracture-detection/effects.yaml")]
    assert "uncommitted" in regs[0].message


@pytest.mark.parametrize("how", ["git mv", "mv, git add -A"])
def test_a_folder_renamed_with_every_file_edited_and_staged_keeps_the_registration(registered, how):
    """The folder renamed and each of its files edited (the id, a description, the end date), the
    rename staged and not committed (a pre-commit hook): no file reads as the one at HEAD, so the
    rename was not found and the effects read as new, not committed, after the start (REG001).
    git's index holds the rename, and the commit records it: the history follows it now."""
    root, git = registered
    new = root / "applications" / "fracture-detection"
    if how == "git mv":
        git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    else:
        (root / "applications" / APP).rename(new)
    replace(new / "application.yaml", f"id: {APP}", "id: fracture-detection")
    replace(new / "effects.yaml", "seen by the ED physician.", "seen by the ED physicians.")
    replace(new / "pilot.yaml", "end: 2026-09-01", "end: 2026-09-15")
    git.run("add", "-A")
    regs = found(run_check(root, today=TODAY))
    assert [f.code for f in regs] == ["GIT006"]  # the rename is not committed; nothing of the registration
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, "fracture-detection", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    git.commit("Rename the application", "2026-06-01")  # and committed, git's history says the same
    assert found(run_check(root, today=TODAY)) == []


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_a_folder_renamed_and_not_committed_says_the_rename_is_what_to_commit(registered, how):
    """GIT006 of a folder renamed and not committed said "not committed to git: application.yaml,
    effects.yaml, pilot.yaml" (they are, under the old name) and told to `git add` the new
    folder: after a plain mv, that commits a copy, the old folder stays in git, and git records
    no rename. It says the rename is not committed, and its command commits the rename whatever
    is staged; run as given, nothing is left to report."""
    root, git = registered
    _rename_uncommitted(root, git, how)
    write(root / "applications" / "fracture-detection" / "problem.yaml", "statement: x\n")
    [f] = found(run_check(root, today=TODAY))
    assert f.code == "GIT006"
    assert f.message == (f"the folder was renamed from applications/{APP} and the rename is not committed: git holds "
                         "application.yaml, effects.yaml, pilot.yaml under the old name; not committed to git: problem.yaml")
    old = f"applications/{APP} " if how == "mv" else ""
    assert f"git add -A {old}applications/fracture-detection && git commit" in f.hint
    git.run(*_hint_command(f.hint))
    git.run("commit", "-q", "-m", "Rename the application", date="2026-06-01")  # what the hint staged, only
    assert found(run_check(root, today=TODAY)) == []
    assert git.run("show", "--name-status", "--format=", "-M", "HEAD").split("\n")[0].startswith("R")


def test_effects_moved_into_another_started_application_are_registered_at_the_move(registered):
    """effects.yaml moved (git mv) from one application to another whose pilot had started
    without effects: git sees a rename, and raio took it for the other application's folder
    renamed, so the effects read as registered for it before its start (no REG finding, and
    raio log said "application folder renamed"). The first application goes on: they are that
    application's effects, registered for the other one at the move."""
    root, git = registered
    write(root / "applications" / "other-ai" / "application.yaml", "id: other-ai\nname: Other\nstage: pilot\n")
    write(root / "applications" / "other-ai" / "pilot.yaml", PILOT)
    git.commit("Start the other pilot, effects to follow", "2026-02-02")
    git.run("mv", f"applications/{APP}/effects.yaml", "applications/other-ai/effects.yaml")
    move = git.commit("The effects belong to the other application", "2026-06-01")
    result = run_check(root, today=TODAY)
    # the other application's effects were first committed at the move, after its start; the
    # first one's pre-registered effects were removed after its start
    assert sorted((f.code, f.file, f.app) for f in found(result, "REG")) == [
        ("REG001", "applications/other-ai/effects.yaml", "other-ai")] * 2 + [
        ("REG004", f"applications/{APP}/effects.yaml", APP)] * 2
    assert all(move[:7] in f.message and "2026-06-01" in f.message for f in found(result, "REG"))
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, "other-ai", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-06-01"), ("G1", "2026-06-01")]
    assert not [e for e in events if e["kind"] == "renamed"]
    assert any(e["description"] == f"effects.yaml moved here from applications/{APP}" for e in events)
    # the first application's trail keeps its effects, and shows them leave
    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    assert [e["date"] for e in events if e["kind"] == "effect-removed"] == ["2026-06-01"] * 2


def test_a_folder_renamed_in_two_commits_keeps_the_registration(registered):
    """Near miss for effects moved into another application: effects.yaml moved into the new
    folder first, the other files in a second commit that leaves the old folder empty. The
    application was renamed: its effects were registered when it registered them."""
    root, git = registered
    (root / "applications" / "fracture-detection").mkdir()
    git.run("mv", f"applications/{APP}/effects.yaml", "applications/fracture-detection/effects.yaml")
    git.commit("Rename the application: its effects first", "2026-06-01")
    git.run("mv", f"applications/{APP}/application.yaml", f"applications/{APP}/pilot.yaml",
            "applications/fracture-detection/")
    replace(root / "applications" / "fracture-detection" / "application.yaml", f"id: {APP}", "id: fracture-detection")
    git.commit("Rename the application: the rest", "2026-06-02")
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, "fracture-detection", today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    assert not [e for e in events if e["kind"] == "effect-removed"]


def test_portfolio_in_a_subfolder_of_the_repository(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "README.md", "monorepo\n")
    root = portfolio(repo / "governance" / "ai portfolio")
    git = Git(repo)
    git.commit("Register", "2026-02-01")
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    full = git.commit("Lower", "2026-05-02")
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.file, f.line) for f in regs] == [("REG002", f"applications/{APP}/effects.yaml",
                                                         line_of(path, "target: 0.85"))]
    assert full[:7] in regs[0].message


@pytest.mark.parametrize("to", ["radiology/portfolio", "radiology"])
def test_a_portfolio_moved_into_a_subfolder_of_its_repository_keeps_its_registration(registered, to):
    """The hospital's repository reorganised: the portfolio moved (git mv) from the top of the
    repository into a subfolder after its pilots started. git log of the new applications folder
    does not look past the move, so every effect read as first committed at the move, after the
    start (REG001 for every started pilot), and raio log listed them as registered then."""
    root, git = registered
    (root / to).mkdir(parents=True)
    git.run("mv", "raio.yaml", "applications", to)
    git.commit("Move the AI portfolio under radiology", "2026-06-01")
    moved = root / to
    assert found(run_check(moved, today=TODAY)) == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(moved, APP, today=dt.date(2026, 11, 15))
    assert [(e["effect"], e["date"]) for e in events if e["kind"] == "effect-registered"] == [
        ("E1", "2026-02-01"), ("G1", "2026-02-01")]
    # a change after the move is measured against the registration before it
    replace(effects_file(moved), "target: 0.90", "target: 0.85")
    full = git.commit("Lower", "2026-07-01")
    regs = found(run_check(moved, today=TODAY))
    assert [(f.code, f.file) for f in regs] == [("REG002", f"applications/{APP}/effects.yaml")]
    assert full[:7] in regs[0].message and "0.90 → 0.85" in regs[0].message


@pytest.mark.parametrize("how", ["git mv", "mv"])
def test_a_portfolio_moved_and_not_yet_committed_says_so_not_that_nothing_is_committed(registered, how):
    """The portfolio moved into radiology/ (git mv, or a plain mv), the move not committed yet:
    GIT005 said "nothing of the portfolio's applications is committed to git" and told to commit
    the applications, though they were committed, at the old place. Committing only the new place
    (git add applications; git commit) copies them, and the registration stays behind. It says
    what is going on: the move is not committed; commit it, old place and new."""
    root, git = registered
    (root / "radiology").mkdir()
    if how == "git mv":
        git.run("mv", "raio.yaml", "applications", "radiology")
    else:
        for name in ("raio.yaml", "applications"):
            (root / name).rename(root / "radiology" / name)
    moved = root / "radiology"
    regs = found(run_check(moved, today=TODAY))
    assert [(f.code, f.file, f.line) for f in regs] == [("GIT005", f"applications/{APP}/pilot.yaml", 3)]
    assert regs[0].message == ("pre-registration of the pilot cannot be verified: the portfolio's applications were "
                               "moved from applications to radiology/applications, and the move is not committed: "
                               "git holds their history at the old place")
    from raio_cli import auditlog

    with pytest.raises(auditlog.HistoryUnavailable) as trail:  # raio log says the same
        auditlog.audit_trail(moved, APP, today=dt.date(2026, 11, 15))
    assert str(trail.value) == regs[0].message.split(": ", 1)[1] and shellhint.fill(trail.value.hint, None) == regs[0].hint
    if how == "git mv":
        assert regs[0].hint.startswith("The move is staged (git mv): commit it, git -C radiology commit.")
    else:
        # raio.yaml moved with the applications: committed with them, or GIT008 says it is not
        assert "git -C radiology add -A ../applications ../raio.yaml applications raio.yaml, then git -C radiology commit" \
            in regs[0].hint
        git.run("add", "-A", "applications", "raio.yaml", "radiology/applications", "radiology/raio.yaml")
    # committed as the hint says, the history follows the move: nothing to report
    git.run("commit", "-q", "-m", "Move the AI portfolio under radiology", date="2026-06-01")
    assert found(run_check(moved, today=TODAY)) == []


@pytest.mark.parametrize("staged", [(), ("rm", "-r", "-q", "--cached", "applications"), ("add", "-A", "applications"),
                                    ("add", "radiology/applications"),
                                    ("add", "-A", "applications", "radiology/applications")])
def test_the_hint_of_a_move_not_committed_works_whatever_is_staged(registered, staged):
    """The portfolio moved into radiology/ with a plain mv, and part of the move staged by hand.
    With the old place's removal staged (git rm -r --cached, git add on the old path), GIT005 and
    raio log told to run git add -A applications radiology/applications, which git refuses
    ("pathspec 'applications' did not match any files"); with only the new place staged, they
    said the move was staged and to just commit, which commits a copy and leaves the deletion
    behind. The hinted command, run as it stands, now works in each state, and the commit after
    it clears GIT005."""
    import shlex

    from raio_cli import auditlog

    root, git = registered
    (root / "radiology").mkdir()
    for name in ("raio.yaml", "applications"):
        (root / name).rename(root / "radiology" / name)
    if staged:
        git.run(*staged)
    moved = root / "radiology"
    regs = found(run_check(moved, today=TODAY))
    assert [f.code for f in regs] == ["GIT005"]
    with pytest.raises(auditlog.HistoryUnavailable) as trail:  # raio log gives the same hint
        auditlog.audit_trail(moved, APP, today=dt.date(2026, 11, 15))
    assert shellhint.fill(trail.value.hint, None) == regs[0].hint
    command = re.search(r"(git -C radiology add [^,]+), then git -C radiology commit|commit it, git -C radiology commit",
                        regs[0].hint)
    assert command, regs[0].hint
    if command.group(1):  # run for real, from the top of the repository, where the CI formats' paths start
        git.run(*shlex.split(command.group(1))[1:])
    git.run("commit", "-q", "-m", "Move the AI portfolio under radiology", date="2026-06-01")
    assert found(run_check(moved, today=TODAY)) == []
    assert [e["date"] for e in auditlog.audit_trail(moved, APP, today=dt.date(2026, 11, 15))
            if e["kind"] == "effect-registered"] == ["2026-02-01", "2026-02-01"]


def test_git005_still_says_nothing_is_committed_of_a_new_portfolio_beside_a_deleted_folder(tmp_path):
    """Near miss: a new portfolio in a repository where an unrelated folder was deleted is not a move."""
    repo = tmp_path / "repo"
    write(repo / "docs" / "README.md", "other things\n")
    git = Git(repo)
    git.commit("Unrelated", "2026-01-01")
    (repo / "docs" / "README.md").unlink()
    root = portfolio(repo / "portfolio")
    f = found(run_check(root, today=TODAY))
    assert [x.code for x in f] == ["GIT005"]
    assert f[0].message.endswith("nothing of the portfolio's applications is committed to git")


def test_a_new_portfolio_at_the_place_a_portfolio_moved_from_is_not_its_history(registered):
    """After the portfolio moved (git mv) into radiology/portfolio, another team started a
    portfolio at the top of the repository, with an application of the same name. Its commits
    were read as the moved portfolio's history: its start moved later read as the moved pilot's
    (REG006), and raio log listed its effects as "added again" there."""
    root, git = registered
    (root / "radiology" / "portfolio").mkdir(parents=True)
    git.run("mv", "raio.yaml", "applications", "radiology/portfolio")
    git.commit("Move the AI portfolio under radiology", "2026-06-01")
    moved = root / "radiology" / "portfolio"
    portfolio(root)  # the same application id, at the old place
    git.commit("Another team's portfolio", "2026-07-01")
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: 2026-08-01")
    replace(effects_file(root), "target: 0.90", "target: 0.70")
    other = git.commit("Their pilot starts later", "2026-07-02")
    assert found(run_check(moved, today=TODAY)) == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(moved, APP, today=dt.date(2026, 11, 15))
    assert {e["date"] for e in events if e["commit"] != "uncommitted"} <= {"2026-02-01", "2026-06-01"}
    assert not [e for e in events if e["commit_full"] == other]
    # and a change in the moved portfolio after it is still found
    replace(effects_file(moved), "target: 0.90", "target: 0.85")
    git.commit("Lower", "2026-08-01")
    assert [(f.code, f.file) for f in found(run_check(moved, today=TODAY))] == [
        ("REG002", f"applications/{APP}/effects.yaml")]


def test_example_portfolio_is_clean_without_git(example):
    result = run_check(example, "--no-git", today=EXAMPLE_TODAY.isoformat())
    assert found(result) == []


def test_rules_are_documented():
    from raio_cli import rules

    catalog = rules.load_all()
    for code in ("REG001", "REG002", "REG003", "REG004", "REG005", "REG006", "REG007", "REG008",
                 "GIT001", "GIT002", "GIT003", "GIT004", "GIT005", "GIT006", "GIT007", "GIT008"):
        r = catalog[code]
        assert r.what and r.why and r.fix, code


@pytest.mark.parametrize("backdated", ["2026-02-15", "@1 +0000"])  # before the start; 1970-01-01
def test_a_change_backdated_behind_a_commit_after_the_start_is_outcome_switching(registered, backdated):
    """A commit dated before the start that git's history places after a commit made after the
    start was taken for part of the pre-registration: the target lowered in it went unreported."""
    root, git = registered
    path = effects_file(root)
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    later = git.commit("Comment effects.yaml", "2026-06-01")
    replace(path, "target: 0.90", "target: 0.85")
    full = git.commit("Adjust E1 target", backdated)
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG002", line_of(path, "target: 0.85"))]
    day = "1970-01-01" if backdated.startswith("@") else backdated
    assert regs[0].message == (f"E1 target changed 0.90 → 0.85 on {day} by Test RAIO ({full[:7]}), a commit dated "
                               f"before the start that comes after {later[:7]} of 2026-06-01 in the history, "
                               "after the pilot started on 2026-03-01")


def test_an_effect_added_in_a_backdated_commit_after_the_start_is_not_pre_registered(registered):
    root, git = registered
    path = effects_file(root)
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    later = git.commit("Comment effects.yaml", "2026-06-01")
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: G1", "  - id: E2\n    kind: benefit\n"
                    "    description: Faster reports.\n    metric: turnaround\n    unit: minutes\n"
                    "    direction: decrease\n    target: 30\n  - id: G1"), encoding="utf-8")
    full = git.commit("Add E2", "2026-02-15")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG005", line_of(path, "id: E2"))]
    assert regs[0].message == (f"E2 was added on 2026-02-15 by Test RAIO ({full[:7]}), a commit dated before the "
                               f"start that comes after {later[:7]} of 2026-06-01 in the history, after the pilot "
                               "started on 2026-03-01; it is not marked post_hoc")


def test_effects_committed_after_the_start_with_an_earlier_date_are_a_warning(tmp_path):
    """git commit --date=<before the start>, run after the start: the effects looked pre-registered
    and raio check was clean. git also records when the commit was made; after the start, the
    registration rests on nothing but the date the commit claims."""
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    full = git.commit("Pre-register", "2026-02-01", committed="2026-06-01")
    regs = found(run_check(root, today=TODAY), "REG")
    path = effects_file(root)
    assert [(f.code, f.line, str(f.severity)) for f in regs] == [
        ("REG007", line_of(path, "id: E1"), "warning"), ("REG007", line_of(path, "id: G1"), "warning")]
    assert regs[0].message == (f"E1 as pre-registered comes from commit {full[:7]}, dated 2026-02-01 but committed "
                               "on 2026-06-01, after the pilot started on 2026-03-01")
    assert "git commit --date" in regs[0].hint and "post_hoc: true" in regs[0].hint
    assert regs[0].data["committed"] == "2026-06-01" and regs[0].data["commit"] == full


def test_reg007_passes_a_registration_committed_before_the_start(registered):
    """A commit dated and committed on different days before the start, and a later layout-only
    edit committed after the start (a rebase) that leaves the definitions as registered."""
    root, git = registered
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.88")
    git.commit("Sharpen", "2026-02-10", committed="2026-02-20")
    path.write_text("# agreed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git.commit("Comment", "2026-02-25", committed="2026-06-01")
    assert found(run_check(root, today=TODAY), "REG") == []


@pytest.mark.parametrize("how", ["rebase and merge", "squashed into an older commit", "amended"])
def test_a_change_committed_after_the_start_in_a_commit_dated_before_it_is_outcome_switching(registered, how):
    """A definition change that entered the record after the start in a commit dated before it:
    a branch lowered the target on 2026-02-15 and was merged by "rebase and merge" (no merge
    commit; git keeps the author date, the committer date is the merge's), or a change made in
    June was squashed (rebase -i, fixup) or amended into a commit dated before the start. git shows the
    registered target committed before the start and the change committed after it, yet raio
    took the change for part of the registration: a warning (REG007) instead of outcome
    switching (REG002, an error), and the memo cited the changed target as pre-registered."""
    from raio_cli import history
    from raio_cli.documents.memo import preregistration

    root, git = registered
    first = git.run("rev-parse", "HEAD").strip()
    path = effects_file(root)
    if how == "rebase and merge":
        replace(path, "target: 0.90", "target: 0.85")
        full = git.commit("Lower the E1 target", "2026-02-15", committed="2026-06-01")
        day, committed = "2026-02-15", "2026-06-01"
    elif how == "amended":
        write(root / "README.md", "Fracture pilot\n")
        git.commit("Describe the pilot", "2026-02-10")
        replace(path, "target: 0.90", "target: 0.85")
        git.run("add", "-A")
        git.run("commit", "-q", "--amend", "--no-edit", committed="2026-06-05")
        full = git.run("rev-parse", "HEAD").strip()
        day, committed = "2026-02-10", "2026-06-05"
    else:
        write(root / "README.md", "Fracture pilot\n")
        older = git.commit("Describe the pilot", "2026-02-10")
        replace(path, "target: 0.90", "target: 0.85")
        git.commit("Lower the E1 target", "2026-06-01")
        assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG002"]
        git.run("reset", "-q", "--soft", "HEAD~2")  # git rebase -i: fixup the change into the older commit
        git.run("commit", "-q", "-C", older, date="2026-06-05T12:00:00+00:00")
        full = git.run("rev-parse", "HEAD").strip()
        day, committed = "2026-02-10", "2026-06-05"
    assert git.run("log", "-1", "--format=%ad %cd", "--date=short").split() == [day, committed]
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, str(f.severity)) for f in regs] == [("REG002", line_of(path, "target: 0.85"), "error")]
    assert regs[0].message == (f"E1 target changed 0.90 → 0.85 on {day} by Test RAIO ({full[:7]}), committed on "
                               f"{committed}, after the pilot started on 2026-03-01")
    ah = history.read(root, dt.date.fromisoformat(TODAY)).app(APP)
    assert preregistration(ah, dt.date(2026, 3, 1))[0]["commit"] == first
    from raio_cli import auditlog  # raio log says so too

    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert [e["description"] for e in events if e["commit_full"] == full and e["kind"] == "effect-changed"] == [
        "E1 target changed 0.90 → 0.85 (after the pilot started on 2026-03-01: dated before it, committed after it)"
        f" [committed on {committed}]"]
    # an amendment dated when the change was committed covers it; one of the date it claims does not
    declare_amendment(path, committed)
    git.commit("Declare the amendment", "2026-06-10")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG003"]


def test_effects_committed_after_the_start_into_a_scaffold_of_before_it_are_not_pre_registered(tmp_path):
    """effects.yaml was committed empty (the scaffold) before the start; the effects came in a
    commit dated before the start that git records as committed after it (git commit --date). git
    shows no effect on record at the start: REG001, an error, not REG007."""
    root = portfolio(tmp_path / "pf", effects="effects: []\n")
    git = Git(root)
    git.commit("Scaffold", "2026-01-10")
    effects_file(root).write_text(EFFECTS, encoding="utf-8")
    full = git.commit("Register", "2026-02-01", committed="2026-06-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, str(f.severity)) for f in regs] == [("REG001", "error"), ("REG001", "error")]
    assert regs[0].message == (f"E1 was first committed on 2026-02-01 by Test RAIO ({full[:7]}), committed on "
                               "2026-06-01, after the pilot started on 2026-03-01")


def test_a_history_rewritten_after_the_start_with_its_files_untouched_is_no_outcome_switching(registered):
    """Near miss: the main line rebased in June (every commit rewritten, its changes untouched):
    the target sharpened on 2026-02-10 now has a committer date after the start, as has the
    registration it changed. Nothing was committed before the start any more, so git shows no
    change across the start: no REG002; the registration rests on the dates the commits claim
    (REG007, a warning)."""
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.88")
    git.commit("Sharpen E1", "2026-02-10")
    git.run("filter-branch", "-f", "--env-filter", "export GIT_COMMITTER_DATE='2026-06-01T12:00:00+00:00'")
    assert git.run("log", "--format=%ad %cd", "--date=short").split() == [
        "2026-02-10", "2026-06-01", "2026-02-01", "2026-06-01"]
    regs = found(run_check(root, today=TODAY), "REG")
    assert {(f.code, str(f.severity)) for f in regs} == {("REG007", "warning")}


@pytest.mark.parametrize("committed", [None, "2026-02-20"])
def test_a_start_moved_later_in_a_backdated_commit_does_not_launder_a_change(registered, committed):
    """Target lowered in June, then plan.start moved past the change in a commit dated before the
    old start: REG006 did not see a move after the start had passed, the line moved to the new
    start, and the change passed as made before it. The move follows the change in the history."""
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    switch = git.commit("Lower the target", "2026-06-01")
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: 2026-07-01")
    move = git.commit("Move the start", "2026-02-20", committed=committed)
    regs = {f.code: f for f in found(run_check(root, today=TODAY), "REG")}
    assert sorted(regs) == ["REG002", "REG006"]
    assert regs["REG002"].data["commit"] == switch and "after the pilot started on 2026-03-01" in regs["REG002"].message
    assert regs["REG006"].message.startswith(
        f"plan.start was moved from 2026-03-01 to 2026-07-01 on 2026-02-20 by Test RAIO ({move[:7]}), a commit dated "
        f"before 2026-03-01 that comes after {switch[:7]} of 2026-06-01 in the history, after the pilot had started")


def test_a_change_dated_before_the_start_on_top_of_a_later_commit_of_another_file_is_after_it(registered):
    """A commit dated (author and committer) before the start whose parent, a commit of the
    application's pilot.yaml, is dated after it: a commit is made after its parent, so the target
    was lowered after the start. Only later versions of effects.yaml were read as evidence, and
    the change passed as made before the start: nothing was reported."""
    root, git = registered
    replace(root / "applications" / APP / "pilot.yaml", "end: 2026-09-01", "end: 2026-09-15")
    later = git.commit("Extend the pilot", "2026-04-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Lower E1", "2026-02-15")
    [f] = found(run_check(root, today=TODAY))
    assert (f.code, f.data["old"], f.data["new"]) == ("REG002", 0.9, 0.85)
    assert f.message.endswith(f"a commit dated before the start that comes after {later[:7]} of 2026-04-01 in the "
                              "history, after the pilot started on 2026-03-01")
    from raio_cli import auditlog  # raio log says the same

    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    [change] = [e for e in events if e["kind"] == "effect-changed"]
    assert change["description"].endswith(f"(after the pilot started on 2026-03-01: dated before it, but it comes "
                                          f"after {later[:7]} of 2026-04-01 in the history)")
    # and the memo cites the registration as the check reads it, not the change made after the start
    from raio_cli.documents.memo import render_memo

    registration = git.run("rev-list", "--max-parents=0", "HEAD").strip()
    text = " ".join(render_memo(root, APP, "md", "en", dt.date(2026, 11, 15))[0].decode("utf-8").split())
    assert f"The effects were registered in commit {registration[:7]} on 1 February 2026" in text, text


def test_a_commit_dated_in_the_future_says_nothing_of_the_commits_after_it(registered):
    """Near miss: a commit of pilot.yaml dated years ahead (a wrong clock), then a change dated
    before the start: a date to come is no date at all, so it is no evidence that what follows
    it was made after the start. Nothing is reported."""
    root, git = registered
    replace(root / "applications" / APP / "pilot.yaml", "end: 2026-09-01", "end: 2026-09-15")
    git.commit("Extend the pilot", "2031-01-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Lower E1 before the start", "2026-02-20")
    assert found(run_check(root, today=TODAY)) == []


def test_a_registration_dated_after_today_says_its_date_is_to_come(tmp_path):
    """The registration committed with a clock set years ahead (2030): REG001 said the effects
    were "first committed on 2030-02-01", after the start, as if that date were true, and raio log
    listed it as any other. A date after today is one no commit can truly have: both say so (and
    the effects still count as committed after the start, the date the commit claims)."""
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    sha = git.commit("Pre-register, with a wrong clock", "2030-02-01")
    regs = found(run_check(root, today=TODAY))
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message == (f"E1 was first committed on 2030-02-01, a date after today, by Test RAIO ({sha[:7]}), "
                               "after the pilot started on 2026-03-01")
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    assert events and all(e["description"].endswith(
        "[dated after today, 2026-11-15: a wrong clock, or a date set by hand]") for e in events)


def test_a_commit_of_effects_yaml_dated_after_today_says_nothing_of_the_commits_after_it(registered):
    """A rewording of effects.yaml committed with a clock years ahead, then a target lowered in a
    commit dated before the start: the change was reported as made after the start because it
    "comes after" the commit of 2031 in the history, a date no commit can truly have. That
    commit is no evidence of when the next was made; itself, it still counts as dated as it says."""
    root, git = registered
    replace(effects_file(root), "More fractures seen", "More fractures found")
    git.commit("Reword E1", "2031-01-01")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Lower E1 before the start", "2026-02-20")
    assert found(run_check(root, today=TODAY)) == []
    from raio_cli import auditlog

    events = auditlog.audit_trail(root, APP, today=dt.date(2026, 11, 15))
    [change] = [e for e in events if e["kind"] == "effect-changed"]
    assert change["description"] == "E1 target changed 0.90 → 0.85"
    # a change in a commit dated after today is reported, as dated as it says
    replace(effects_file(root), "target: 0.85", "target: 0.80")
    sha = git.commit("Lower E1 again", "2031-02-01")
    [f] = found(run_check(root, today=TODAY))
    assert (f.code, f.data["commit"]) == ("REG002", sha)


def test_a_start_moved_later_in_a_commit_made_after_the_old_start_but_dated_before_it(registered):
    root, git = registered
    replace(root / "applications" / APP / "pilot.yaml", "start: 2026-03-01", "start: 2026-07-01")
    move = git.commit("Move the start", "2026-02-20", committed="2026-06-10")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG006"]
    assert regs[0].message.startswith(f"plan.start was moved from 2026-03-01 to 2026-07-01 on 2026-02-20 by Test RAIO "
                                      f"({move[:7]}), committed on 2026-06-10, after the pilot had started")


def test_a_backdated_change_after_the_start_is_covered_by_an_amendment_of_when_it_was_made(registered):
    """The change claims 2026-02-15 but follows a commit of 2026-06-01: an amendment dated in June
    covers it (REG003); one dated near the claimed date, before the start, does not."""
    root, git = registered
    path = effects_file(root)
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git.commit("Comment effects.yaml", "2026-06-01")
    replace(path, "target: 0.90", "target: 0.85")
    declare_amendment(path, "2026-06-10")
    git.commit("Adjust E1 target", "2026-02-15")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG003"]
    replace(path, "date: 2026-06-10", "date: 2026-02-15")
    git.commit("Date the amendment as the change", "2026-02-16")
    assert [f.code for f in found(run_check(root, today=TODAY), "REG")] == ["REG002"]


def test_a_branch_change_merged_after_the_start_is_outcome_switching_once(registered):
    """A target lowered on a branch in a commit dated before the start, merged after a commit of
    the main line dated after it: main raio saw nothing (the branch's version was taken for the
    registration). The change entered the main line at the merge: one REG002, at the merge."""
    root, git = registered
    git.run("checkout", "-q", "-b", "lower")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Lower the target", "2026-02-20")
    git.run("checkout", "-q", "main")
    path = effects_file(root)
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git.commit("Comment effects.yaml", "2026-06-01")
    git.run("merge", "-q", "-m", "Merge lower", "lower", date="2026-06-05")
    merge = git.run("rev-parse", "HEAD").strip()
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), merge)]


def test_effects_saved_with_crlf_and_a_bom_after_the_start_are_no_outcome_switching(registered):
    """A Windows editor saves effects.yaml with CR LF line endings and a BOM, and the RAIO commits
    it after the start (git without core.autocrlf keeps those bytes): every line of the file
    changed, none of what was pre-registered did. Then a real change is still found, at its line."""
    root, git = registered
    path = effects_file(root)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    git.commit("Saved on the department laptop", "2026-04-01")
    assert found(run_check(root, today=TODAY)) == []
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Adjust E1 target", "2026-05-02")
    regs = found(run_check(root, today=TODAY))
    assert [(f.code, f.line, f.column, f.data["old"], f.data["new"]) for f in regs] == [
        ("REG002", line_of(path, "target: 0.85"), 13, 0.9, 0.85)]


def on_branch(root: Path, git: Git, edit, date: str, name: str = "side", committed: str | None = None) -> str:
    """A commit on a new branch ``name`` made from main (``edit(root)`` changes the files), dated
    ``date``; back on main afterwards. Returns the branch commit's full hash."""
    git.run("checkout", "-q", "-b", name)
    edit(root)
    full = git.commit(f"Work on {name}", date, committed=committed)
    git.run("checkout", "-q", "main")
    return full


def merge(git: Git, name: str, date: str, committed: str | None = None) -> str:
    """``git merge --no-ff`` of branch ``name`` into main, the merge commit dated ``date``."""
    git.run("merge", "-q", "--no-ff", "-m", f"Merge {name}", name, date=date, committed=committed)
    return git.run("rev-parse", "HEAD").strip()


def lower_target(root: Path) -> None:
    replace(effects_file(root), "target: 0.90", "target: 0.85")


@pytest.mark.parametrize("amendment, code", [(None, "REG002"), ("2026-04-10", "REG003"), ("2026-02-20", "REG002")])
def test_a_branch_change_dated_before_the_start_and_merged_after_it_is_a_change_after_the_start(
        registered, amendment, code):
    """A target lowered on a branch in a commit dated before the start, merged into main with a
    merge commit dated after it (nothing else changed on main): the branch's version was taken for
    the registration and the check was clean. A branch commit is on record when it is merged; the
    change is one after the start, covered only by an amendment dated near the merge."""
    root, git = registered
    path = effects_file(root)

    def edit(root):
        lower_target(root)
        if amendment:
            declare_amendment(path, amendment)

    side = on_branch(root, git, edit, "2026-02-20")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [(code, line_of(path, "target: 0.85"))]
    assert regs[0].message.startswith(
        f"E1 target changed 0.90 → 0.85 on 2026-02-20 by Test RAIO ({side[:7]}), a branch commit that came in by the "
        f"merge {merged[:7]} on 2026-04-01, after the pilot started on 2026-03-01")
    assert regs[0].data["commit"] == side and regs[0].data["merge"] == merged


def test_a_branch_merged_before_the_start_is_pre_registered(registered):
    root, git = registered
    on_branch(root, git, lower_target, "2026-02-10")
    merge(git, "side", "2026-02-20")
    git.commit("Record the pilot's progress", "2026-06-01")
    assert found(run_check(root, today=TODAY)) == []


def test_a_fast_forward_merge_keeps_the_dates_of_its_commits(registered):
    """No merge commit: the branch's commits are on the main line as they are, dated before the
    start."""
    root, git = registered
    on_branch(root, git, lower_target, "2026-02-20")
    git.run("merge", "-q", "--ff-only", "side", date="2026-04-01")
    assert len(git.run("rev-list", "--merges", "HEAD").split()) == 0
    assert found(run_check(root, today=TODAY)) == []


def test_a_branch_merged_after_the_start_into_a_main_line_that_changed_effects_too(registered):
    """The main line lowers G1's limit before the start (pre-registered); a branch dated before the
    start lowers E1's target and is merged after it. One REG002, for E1's target, where the merge
    brought it in; G1's limit, changed on the main line before the start, is the registration."""
    root, git = registered
    path = effects_file(root)
    side = on_branch(root, git, lower_target, "2026-02-20")
    replace(path, "limit: 70", "limit: 65")
    git.commit("Tighten G1", "2026-02-25")
    merged = merge(git, "side", "2026-04-01")
    assert "target: 0.85" in path.read_text(encoding="utf-8") and "limit: 65" in path.read_text(encoding="utf-8")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["field"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), "target")]
    assert regs[0].data["commit"] in (side, merged)
    assert f"merge {merged[:7]} on 2026-04-01" in regs[0].message or regs[0].data["commit"] == merged


def test_an_effect_added_on_a_branch_merged_after_the_start_is_not_pre_registered(registered):
    root, git = registered
    path = effects_file(root)

    def add_e3(root):
        path.write_text(path.read_text(encoding="utf-8") + NEW_EFFECT, encoding="utf-8")

    side = on_branch(root, git, add_e3, "2026-02-20")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG005", line_of(path, "- id: E3"))]
    assert regs[0].message == (f"E3 was added on 2026-02-20 by Test RAIO ({side[:7]}), a branch commit that came in "
                               f"by the merge {merged[:7]} on 2026-04-01, after the pilot started on 2026-03-01; "
                               "it is not marked post_hoc")


def test_effects_first_written_on_a_branch_merged_after_the_start_are_not_pre_registered(tmp_path):
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    git.commit("Propose", "2026-01-10", paths=[f"applications/{APP}/application.yaml", "raio.yaml"])
    git.run("checkout", "-q", "-b", "effects")
    side = git.commit("Write down the effects", "2026-02-15")
    git.run("checkout", "-q", "main")
    merged = merge(git, "effects", "2026-03-04")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG001", "REG001"]
    assert regs[0].message == (f"E1 was first committed on 2026-02-15 by Test RAIO ({side[:7]}), a branch commit that "
                               f"came in by the merge {merged[:7]} on 2026-03-04, after the pilot started on 2026-03-01")


def test_a_change_merged_by_a_merge_committed_after_the_start_is_outcome_switching(registered):
    """The merge claims a date before the start but git recorded it as committed after it (a merge
    made late with GIT_AUTHOR_DATE set, or rewritten), on top of the registration committed before
    the start: git shows the change entering the record after the start, as of a commit itself
    committed so (it was a warning, REG007)."""
    root, git = registered
    side = on_branch(root, git, lower_target, "2026-02-20")
    merged = merge(git, "side", "2026-02-25", committed="2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, str(f.severity)) for f in regs] == [
        ("REG002", line_of(effects_file(root), "target: 0.85"), "error")]
    assert regs[0].message == (f"E1 target changed 0.90 → 0.85 on 2026-02-20 by Test RAIO ({side[:7]}), a branch "
                               f"commit that came in by the merge {merged[:7]} on 2026-02-25, committed on 2026-04-01, "
                               "after the pilot started on 2026-03-01")


def test_a_registration_merged_by_a_merge_committed_after_the_start_is_a_warning(tmp_path):
    """The effects first came in by a merge that claims a date before the start but that git
    recorded as committed after it, with nothing of them on record before: the registration rests
    on the merge's claimed date (REG007, as of a commit itself)."""
    repo = tmp_path / "pf"
    write(repo / "README.md", "AI portfolio\n")
    git = Git(repo)
    git.commit("Start", "2026-01-05")
    side = on_branch(repo, git, lambda root: portfolio(root), "2026-02-20")
    merged = merge(git, "side", "2026-02-25", committed="2026-04-01")
    regs = found(run_check(repo, today=TODAY), "REG")
    assert [(f.code, f.line, str(f.severity)) for f in regs] == [
        ("REG007", line_of(effects_file(repo), "id: E1"), "warning"),
        ("REG007", line_of(effects_file(repo), "id: G1"), "warning")]
    assert regs[0].message == (f"E1 as pre-registered comes from commit {side[:7]}, dated 2026-02-20, a branch commit "
                               f"that came in by the merge {merged[:7]}, dated 2026-02-25 but committed on 2026-04-01, "
                               "after the pilot started on 2026-03-01")


def test_a_start_moved_later_on_a_branch_merged_after_the_old_start(registered):
    root, git = registered
    pilot = root / "applications" / APP / "pilot.yaml"
    side = on_branch(root, git, lambda root: replace(pilot, "start: 2026-03-01", "start: 2026-07-01"), "2026-02-20")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [f.code for f in regs] == ["REG006"]
    assert regs[0].message.startswith(
        f"plan.start was moved from 2026-03-01 to 2026-07-01 on 2026-02-20 by Test RAIO ({side[:7]}), a branch commit "
        f"that came in by the merge {merged[:7]} on 2026-04-01, after the pilot had started on the old date")


def test_a_branch_that_took_in_the_main_line_before_its_merge(registered):
    """A branch lowers E1's target (dated before the start), takes in the main line's tightened G1
    limit of before the start (git merge main on the branch), and is merged into main after the
    start. git log lists the branch's first commit before the main line's: the main line's change
    is still the registration, and the branch's change is the one change after the start."""
    root, git = registered
    path = effects_file(root)
    side = on_branch(root, git, lower_target, "2026-02-20")
    replace(path, "limit: 70", "limit: 65")
    git.commit("Tighten G1", "2026-02-25")
    git.run("checkout", "-q", "side")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-02-26")
    git.run("checkout", "-q", "main")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), side)]
    assert f"merge {merged[:7]} on 2026-04-01" in regs[0].message


def test_a_main_line_change_taken_into_a_branch_is_reported_once(registered):
    """The target is lowered on the main line after the start; a branch that reworded G1 takes the
    main line in and is merged back: the branch's merge of main shows the change again (against
    the branch), which is reported once, at the main line's commit."""
    root, git = registered
    path = effects_file(root)
    reword = lambda root: replace(path, "for the radiologist.", "for radiologists.")  # noqa: E731
    on_branch(root, git, reword, "2026-03-15")
    lower_target(root)
    switch = git.commit("Lower the target", "2026-04-01")
    git.run("checkout", "-q", "side")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-04-05")
    git.run("checkout", "-q", "main")
    merge(git, "side", "2026-04-10")
    assert "target: 0.85" in path.read_text(encoding="utf-8") and "radiologists." in path.read_text(encoding="utf-8")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), switch)]


def test_a_backdated_main_line_change_taken_into_a_branch_is_still_reported(registered):
    """As above, the main line's change dated before the start behind a commit of June: the
    branch's merge of main repeats it, and one of the two, the main line's, is reported."""
    root, git = registered
    path = effects_file(root)
    on_branch(root, git, lambda root: replace(path, "for the radiologist.", "for radiologists."), "2026-03-15")
    path.write_text("# reviewed\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    git.commit("Comment effects.yaml", "2026-06-01")
    lower_target(root)
    switch = git.commit("Adjust E1 target", "2026-02-15")
    git.run("checkout", "-q", "side")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-06-10")
    git.run("checkout", "-q", "main")
    merge(git, "side", "2026-06-20")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), switch)]


def test_a_feature_branch_that_took_in_the_main_branch_after_the_start_is_checked_as_main_records_it(registered):
    """A RAIO checks out a feature branch (a pre-commit hook, a GitLab branch pipeline) that took
    in the main branch after the start (git merge main). The main branch's change of before the
    start came into the branch by that merge, but it is on the record, main's first-parent line,
    at its own date: no REG finding, as on main itself."""
    root, git = registered
    path = effects_file(root)
    on_branch(root, git, lambda root: (root / "README.md").write_text("notes\n", encoding="utf-8"),
              "2026-02-05", name="feature")
    lower_target(root)
    git.commit("Lower the target before the start", "2026-02-20")
    assert found(run_check(root, today=TODAY)) == []  # main itself
    git.run("checkout", "-q", "feature")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-04-01")
    assert "target: 0.85" in path.read_text(encoding="utf-8")
    assert found(run_check(root, today=TODAY)) == []


def _ci_job_of_a_feature_branch_that_took_in_main(root: Path, git: Git, ci: Path, message: str) -> Git:
    """A feature branch made on 2026-02-05 that took in main (merge ``message``, 2026-04-01, after
    the start) after main lowered a target before the start; and an empty repository ``ci`` with
    the portfolio as its remote origin, as a CI job starts before it fetches."""
    on_branch(root, git, lambda root: (root / "README.md").write_text("notes\n", encoding="utf-8"),
              "2026-02-05", name="feature")
    lower_target(root)
    git.commit("Lower the target before the start", "2026-02-20")
    git.run("checkout", "-q", "feature")
    git.run("merge", "-q", "--no-ff", "-m", message, "main", date="2026-04-01")
    ci.mkdir()
    job = Git(ci)
    job.run("remote", "add", "origin", root.as_uri())
    return job


def test_a_feature_branch_checked_out_as_ci_does_finds_the_main_branch_among_the_remote_branches(registered, tmp_path):
    """The same feature branch in a CI job: GitHub's actions/checkout (fetch-depth: 0) fetches the
    branches as refs/remotes/origin/* and checks out only the feature branch; there is no
    origin/HEAD and no local main. The main branch was not found, so its change of before the
    start read as made at the branch's merge of main, after the start: a false REG002 in every
    pipeline of the branch, though raio check was clean on a developer's clone of it."""
    root, git = registered
    ci = tmp_path / "ci"
    job = _ci_job_of_a_feature_branch_that_took_in_main(root, git, ci, "Take in main")
    job.run("fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*")
    job.run("checkout", "-q", "-B", "feature", "refs/remotes/origin/feature")
    refs = job.run("for-each-ref")
    assert "refs/remotes/origin/HEAD" not in refs and "refs/heads/main" not in refs
    assert found(run_check(ci, today=TODAY)) == []
    # and a change of the branch's own after the start is still found
    lower = effects_file(ci)
    replace(lower, "limit: 70", "limit: 65")
    own = job.commit("Tighten G1", "2026-04-02")
    regs = found(run_check(ci, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(lower, "limit: 65"), own)]


def test_a_feature_branch_still_shows_its_own_change_after_the_start(registered):
    """On the same feature branch, a change of its own made after the start is found as on main."""
    root, git = registered
    path = effects_file(root)
    on_branch(root, git, lambda root: (root / "README.md").write_text("notes\n", encoding="utf-8"),
              "2026-02-05", name="feature")
    replace(path, "limit: 70", "limit: 65")
    git.commit("Tighten G1 before the start", "2026-02-20")
    git.run("checkout", "-q", "feature")
    git.run("merge", "-q", "--no-ff", "-m", "Take in main", "main", date="2026-04-01")
    lower_target(root)
    own = git.commit("Lower the target", "2026-04-02")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["commit"]) for f in regs] == [("REG002", line_of(path, "target: 0.85"), own)]


def test_the_memo_cites_the_registration_the_reg_rules_read_not_a_branch_merged_after_the_start(registered):
    """The memo's pre-registration (raio_cli.documents.memo.preregistration) is the REG rules':
    a branch's version merged after the start is not it, one merged before the start is."""
    from raio_cli import history
    from raio_cli.documents.memo import preregistration

    root, git = registered
    first = git.run("rev-parse", "HEAD").strip()
    on_branch(root, git, lower_target, "2026-02-10", name="early")
    merge(git, "early", "2026-02-20")
    early = git.run("rev-parse", "HEAD^2").strip()
    on_branch(root, git, lambda root: replace(effects_file(root), "target: 0.85", "target: 0.80"), "2026-02-25")
    merge(git, "side", "2026-04-01")
    ah = history.read(root, dt.date.fromisoformat(TODAY)).app(APP)
    cited, _why = preregistration(ah, dt.date(2026, 3, 1))
    assert cited["commit"] == early != first and cited["date"] == "2026-02-10"


def test_an_effect_removed_on_a_branch_merged_after_the_start(registered):
    root, git = registered
    side = on_branch(root, git, drop_g1, "2026-02-20")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line) for f in regs] == [("REG004", line_of(effects_file(root), "effects:"))]
    assert regs[0].message == (f"G1 was pre-registered but removed on 2026-02-20 by Test RAIO ({side[:7]}), a branch "
                               f"commit that came in by the merge {merged[:7]} on 2026-04-01, after the pilot started "
                               "on 2026-03-01")
    assert regs[0].data["merge"] == merged and regs[0].data["merged"] == "2026-04-01"


def merge_keeping_the_branchs_file(root: Path, git: Git, name: str, date: str) -> str:
    """``git merge --no-ff -X theirs`` of branch ``name`` into main, amended so that effects.yaml is
    the branch's whole file (what main changed in it since the branch left is undone), all dated
    ``date``; returns the merge commit."""
    rel = f"applications/{APP}/effects.yaml"
    git.run("merge", "-q", "--no-ff", "-X", "theirs", "-m", f"Merge {name}", name, date=date)
    git.run("checkout", name, "--", rel)
    git.run("commit", "-q", "--amend", "--no-edit", date=date)
    return git.run("rev-parse", "HEAD").strip()


def test_a_merge_that_keeps_the_branchs_whole_file_undoes_a_main_line_change_after_the_start(registered):
    """A branch rewords E1's description; main tightens G1's limit to 65 before the start (the
    pre-registered value); the merge after the start keeps the branch's whole effects.yaml, so the
    limit is 70 again. git log's history simplification followed only the branch (the side the
    merge's file equals) and left main's commit out: the check was clean and raio log never
    showed 65. The change is the merge's: G1 limit 65 → 70."""
    root, git = registered
    path = effects_file(root)
    on_branch(root, git, lambda root: replace(path, "More fractures seen", "More fractures found"), "2026-02-20")
    replace(path, "limit: 70", "limit: 65")
    tighten = git.commit("Tighten G1", "2026-02-25")
    merged = merge_keeping_the_branchs_file(root, git, "side", "2026-04-01")
    assert "limit: 70" in path.read_text(encoding="utf-8") and "fractures found" in path.read_text(encoding="utf-8")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["field"], f.data["old"], f.data["new"], f.data["commit"]) for f in regs] == [
        ("REG002", line_of(path, "limit: 70"), "limit", 65, 70, merged)]
    assert regs[0].hint.startswith("Restore the pre-registered value 65")
    from raio_cli import history

    ah = history.read(root, dt.date.fromisoformat(TODAY)).app(APP)
    assert [(c.old, c.new, c.version.commit) for c in ah.effects["G1"].changes] == [(70, 65, tighten), (65, 70, merged)]


def test_a_merge_that_keeps_the_branchs_target_over_main_lines_is_a_change_from_main_lines(registered):
    """Both sides changed E1's target before the start: 0.85 on a branch, 0.88 on main (the value
    on record at the start). The merge after the start keeps the branch's 0.85. REG002 said
    0.90 → 0.85, as if 0.90 had been pre-registered: the change on record is 0.88 → 0.85."""
    root, git = registered
    path = effects_file(root)
    on_branch(root, git, lower_target, "2026-02-20")
    replace(path, "target: 0.90", "target: 0.88")
    git.commit("Set E1's target", "2026-02-25")
    merged = merge_keeping_the_branchs_file(root, git, "side", "2026-04-01")
    assert "target: 0.85" in path.read_text(encoding="utf-8")
    regs = found(run_check(root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["field"], f.data["old"], f.data["new"], f.data["commit"]) for f in regs] == [
        ("REG002", line_of(path, "target: 0.85"), "target", 0.88, 0.85, merged)]
    assert "E1 target changed 0.88 → 0.85" in regs[0].message
    assert regs[0].hint.startswith("Restore the pre-registered value 0.88")


@pytest.mark.parametrize("on_main", [False, True])
def test_a_value_changed_twice_on_a_branch_is_reported_at_each_branch_commit(registered, on_main):
    """A branch lowers E1's target twice (0.90 → 0.85 → 0.80) before the start and is merged after
    it, main untouched or changed elsewhere meanwhile: each change is its commit's, as a branch
    commit that came in by the merge (the merge's 0.90 → 0.80 is theirs together)."""
    root, git = registered
    path = effects_file(root)
    git.run("checkout", "-q", "-b", "side")
    lower_target(root)
    first = git.commit("Lower the target", "2026-02-20")
    replace(path, "target: 0.85", "target: 0.80")
    second = git.commit("Lower it again", "2026-02-22")
    git.run("checkout", "-q", "main")
    if on_main:
        (root / "README.md").write_text("notes\n", encoding="utf-8")
        git.commit("Notes", "2026-02-25")
    merged = merge(git, "side", "2026-04-01")
    regs = found(run_check(root, today=TODAY), "REG")
    assert sorted((f.code, f.data["old"], f.data["new"], f.data["commit"], f.data["merge"]) for f in regs) == [
        ("REG002", 0.85, 0.8, second, merged), ("REG002", 0.9, 0.85, first, merged)]


@pytest.mark.parametrize("how", ["-s ours", "main's file kept"])
def test_a_branch_change_that_the_merge_discarded_is_not_on_record(registered, how):
    """The mirror: a branch lowers E1's target after the start, and the merge keeps main's
    effects.yaml (``git merge -s ours``, or the branch's other files taken and effects.yaml left as
    main has it). Nothing of the branch's change came into the record: no finding."""
    root, git = registered
    path = effects_file(root)

    def edit(root):
        lower_target(root)
        (root / "README.md").write_text("notes\n", encoding="utf-8")

    on_branch(root, git, edit, "2026-04-01")
    if how == "-s ours":
        git.run("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side", "side", date="2026-04-05")
    else:
        git.run("merge", "-q", "--no-ff", "--no-commit", "side", date="2026-04-05")
        git.run("checkout", "HEAD", "--", f"applications/{APP}/effects.yaml")
        git.run("commit", "-q", "--no-edit", date="2026-04-05")
    assert "target: 0.90" in path.read_text(encoding="utf-8")
    assert found(run_check(root, today=TODAY)) == []


def test_a_folder_rename_that_the_merge_discarded_leaves_the_application_where_it_is(registered):
    """A branch renames the application's folder after the start and is merged with ``git merge -s
    ours``: the folder keeps its name on the record, its history with it (not a history under the
    branch's name with the files read as never committed)."""
    from raio_cli import history

    root, git = registered
    git.run("checkout", "-q", "-b", "side")
    git.run("mv", f"applications/{APP}", "applications/fracture-detection")
    git.commit("Rename the folder", "2026-04-01")
    git.run("checkout", "-q", "main")
    git.run("merge", "-q", "--no-ff", "-s", "ours", "-m", "Merge side", "side", date="2026-04-05")
    assert effects_file(root).is_file()
    assert found(run_check(root, today=TODAY)) == []
    h = history.read(root, dt.date.fromisoformat(TODAY))
    assert sorted(h.apps) == [APP] and h.app(APP).former_ids == []


@pytest.mark.parametrize("checked_out", ["main", "feature"])
@pytest.mark.parametrize("how", ["pull", "merge origin/main"])
def test_a_local_commit_taken_onto_main_by_git_pull_after_the_start_is_the_change_after_it(registered, tmp_path, how,
                                                                                            checked_out):
    """Two people on main. Alice tightens G1 before the start and pushes; Bob lowered E1's target
    in a local commit before the start, and pushes it after the start with git pull (a merge, as
    git offers it) then git push. On 1 March the shared main held Alice's change, not Bob's. The
    pull's merge has Bob's local commit as its first parent: raio read that as the main line, so
    it reported Alice's change of before the start as Bob's REG002 at the merge, and took Bob's
    lowered target, which entered the record after the start, as pre-registered."""
    root, alice = registered
    (tmp_path / "bob").mkdir()
    bob = Git(tmp_path / "bob")  # Bob's clone of the shared repository
    bob.run("remote", "add", "origin", root.as_uri())
    bob.run("fetch", "-q", "origin")
    bob.run("checkout", "-q", "-B", "main", "origin/main")
    lower_target(bob.root)
    local = bob.commit("Lower E1's target", "2026-02-20", author="Bob <bob@test.example>")
    replace(effects_file(root), "limit: 70", "limit: 65")
    alice.commit("Tighten G1", "2026-02-25", author="Alice <alice@test.example>")
    if how == "pull":
        bob.run("pull", "-q", "--no-rebase", "--no-edit", "origin", "main", date="2026-04-01")
    else:
        bob.run("fetch", "-q", "origin")
        bob.run("merge", "-q", "--no-edit", "origin/main", date="2026-04-01")
    merged = bob.run("rev-parse", "HEAD").strip()
    assert bob.run("rev-parse", "HEAD^1").strip() == local  # the local commit is the first parent
    if checked_out == "feature":  # a feature branch made from main since: main is the record
        bob.run("checkout", "-q", "-b", "feature")
        (bob.root / "README.md").write_text("notes\n", encoding="utf-8")
        bob.commit("Notes", "2026-05-01")
    path = effects_file(bob.root)
    regs = found(run_check(bob.root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["field"], f.data["commit"], f.data.get("merge")) for f in regs] == [
        ("REG002", line_of(path, "target: 0.85"), "target", local, merged)]
    assert regs[0].message.startswith(
        f"E1 target changed 0.90 → 0.85 on 2026-02-20 by Bob ({local[:7]}), a branch commit that came in by the "
        f"merge {merged[:7]} on 2026-04-01, after the pilot started on 2026-03-01")


def test_a_pull_that_keeps_the_local_file_undoes_the_shared_main_lines_change_after_the_start(registered, tmp_path):
    """Alice tightens G1 to 65 before the start and pushes; Bob reworded E1 in a local commit and
    pulls after the start, keeping his whole effects.yaml (the limit 70 again). The pull's merge
    equals its first parent, Bob's commit, so it showed no change, and Bob's commit changed no
    limit: the check was clean. The merge changed the record: G1 limit 65 → 70."""
    root, alice = registered
    (tmp_path / "bob").mkdir()
    bob = Git(tmp_path / "bob")
    bob.run("remote", "add", "origin", root.as_uri())
    bob.run("fetch", "-q", "origin")
    bob.run("checkout", "-q", "-B", "main", "origin/main")
    replace(effects_file(bob.root), "More fractures seen", "More fractures found")
    bob.commit("Reword E1", "2026-02-20", author="Bob <bob@test.example>")
    replace(effects_file(root), "limit: 70", "limit: 65")
    alice.commit("Tighten G1", "2026-02-25", author="Alice <alice@test.example>")
    bob.run("pull", "-q", "--no-rebase", "--no-edit", "origin", "main", date="2026-04-01")
    bob.run("checkout", "HEAD^1", "--", f"applications/{APP}/effects.yaml")
    bob.run("commit", "-q", "--amend", "--no-edit", date="2026-04-01")
    merged = bob.run("rev-parse", "HEAD").strip()
    path = effects_file(bob.root)
    assert "limit: 70" in path.read_text(encoding="utf-8")
    regs = found(run_check(bob.root, today=TODAY), "REG")
    assert [(f.code, f.line, f.data["field"], f.data["old"], f.data["new"], f.data["commit"]) for f in regs] == [
        ("REG002", line_of(path, "limit: 70"), "limit", 65, 70, merged)]
    assert regs[0].message == (f"G1 limit changed 65 → 70 on 2026-04-01 by Test RAIO ({merged[:7]}) after the pilot "
                               "started on 2026-03-01")


def test_a_ci_clone_without_the_main_branch_says_a_merge_may_be_the_main_branchs(registered, tmp_path):
    """GitLab CI fetches only the pipeline's branch (refs/remotes/origin/feature, HEAD detached),
    even with GIT_DEPTH: 0, as GIT004's hint asks. A feature branch that took in main after the
    start then showed main's change of before the start as a branch commit that came in by that
    merge: a REG002 that only this clone shows, with a hint to restore the value. The hint now
    says that the clone has no main branch and how to fetch it; fetched, the check is clean."""
    root, git = registered
    ci = tmp_path / "ci"
    job = _ci_job_of_a_feature_branch_that_took_in_main(root, git, ci, "Merge branch 'main' into feature")
    job.run("fetch", "-q", "origin", "+refs/heads/feature:refs/remotes/origin/feature")
    job.run("checkout", "-q", "--detach", "refs/remotes/origin/feature")
    (f,) = found(run_check(ci, today=TODAY), "REG")
    assert f.code == "REG002" and "a branch commit that came in by the merge" in f.message
    assert ("This clone has no main branch (origin/HEAD, main or master), so the branch checked out was read as "
            "the record") in f.hint and "git fetch origin main:refs/remotes/origin/main" in f.hint, f.hint
    job.run("fetch", "-q", "origin", "main:refs/remotes/origin/main")
    assert found(run_check(ci, today=TODAY)) == []


@pytest.mark.parametrize("shape", ["effects: E1, E2, G1\n", "effects:\n  - E1\n  - E2\n  - G1\n"])
def test_effects_written_in_a_shape_the_schema_refuses_are_one_slip_not_each_effect_removed(registered, shape):
    """effects.yaml rewritten after the start as `effects: E1, E2, G1` (a text, not a list), or as a
    list of ids: SCH003 said the shape is wrong, and REG004 added one error per effect, "E1 was
    pre-registered but removed", for one slip of the pen. The schema's finding says it; once the
    shape is mended the REG rules read the effects again."""
    root, git = registered
    path = effects_file(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(shape, encoding="utf-8")
    git.commit("Effects as a list of ids", "2026-06-10")
    result = run_check(root, today=TODAY)
    assert found(result, "REG") == []
    assert [f.code for f in result.findings if f.code.startswith("SCH") and f.file.endswith("effects.yaml")]
    path.write_text(text, encoding="utf-8")  # mended: the registration reads as before
    git.commit("Effects mended", "2026-06-11")
    assert found(run_check(root, today=TODAY), "REG") == []


def test_an_amendment_window_the_schema_refuses_is_not_acted_on(registered):
    """`amendment_window_days: 400` in raio.yaml (the schema allows at most 365) is reported there;
    the rule went on with 400 days and took an amendment written down 166 days after the change
    for a timely one (REG003). It keeps the default window of 30 days: REG002."""
    root, git = registered
    write(root / "raio.yaml", (root / "raio.yaml").read_text(encoding="utf-8") + "policy:\n  amendment_window_days: 400\n")
    path = effects_file(root)
    replace(path, "target: 0.90", "target: 0.85")
    git.commit("Lower E1 target", "2026-04-02")
    declare_amendment(path, "2026-04-01")
    git.commit("Declare the amendment", "2026-09-15")
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result, "REG")] == ["REG002"]
    assert [(f.code[:3], f.line) for f in result.findings if f.file == "raio.yaml"] == \
        [("SCH", line_of(root / "raio.yaml", "amendment_window_days"))]


def _lfs_filter(git: Git, store: Path) -> None:
    """A Git LFS stand-in: git keeps a pointer (version/oid/size) and the working tree the file,
    as git-lfs's clean and smudge filters do, with the contents kept in ``store``."""
    import sys

    store.mkdir(parents=True, exist_ok=True)
    clean = store / "clean.py"
    clean.write_text(
        "import hashlib, sys, pathlib\n"
        "data = sys.stdin.buffer.read(); oid = hashlib.sha256(data).hexdigest()\n"
        f"pathlib.Path({str(store)!r}, oid).write_bytes(data)\n"
        "sys.stdout.write(f'version https://git-lfs.github.com/spec/v1\\noid sha256:{oid}\\nsize {len(data)}\\n')\n",
        encoding="utf-8")
    smudge = store / "smudge.py"
    smudge.write_text(
        "import sys, pathlib\n"
        "oid = [l for l in sys.stdin.read().splitlines() if l.startswith('oid ')][0].split(':')[1]\n"
        f"sys.stdout.buffer.write(pathlib.Path({str(store)!r}, oid).read_bytes())\n", encoding="utf-8")
    git.run("config", "filter.lfs.clean", f"'{sys.executable}' '{clean}'")
    git.run("config", "filter.lfs.smudge", f"'{sys.executable}' '{smudge}'")
    git.run("config", "filter.lfs.required", "true")


def test_effects_kept_in_git_lfs_are_said_to_be_unverifiable_not_uncommitted(tmp_path):
    """A repository whose .gitattributes puts *.yaml in Git LFS: git holds pointers, the working
    tree the files, and git status is clean. raio read the pointers as the committed versions and
    the files on disk as uncommitted edits: "E1 is not committed yet" (REG001), while a target
    lowered after the start went unseen. Now one warning says the history cannot be read."""
    root = portfolio(tmp_path / "pf")
    git = Git(root)
    _lfs_filter(git, tmp_path / "lfs")
    write(root / ".gitattributes", "applications/**/*.yaml filter=lfs diff=lfs merge=lfs -text\n")
    git.commit("Pre-register the effects of the fracture pilot", "2026-02-01")
    assert git.run("cat-file", "-p", f"HEAD:applications/{APP}/effects.yaml").startswith("version https://git-lfs")
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    git.commit("Adjust E1 target", "2026-05-02")
    assert git.run("status", "--porcelain") == ""
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT009"]
    [f] = found(result)
    assert f.file == f"applications/{APP}/effects.yaml" and str(f.severity) == "warning"
    assert f.message == ("git holds application.yaml, effects.yaml and pilot.yaml as Git LFS pointers, not as "
                         "their text: their history cannot be read, and the pre-registration checks (REG) were skipped")
    assert ".gitattributes" in f.hint


def test_effects_committed_as_a_link_are_said_to_be_unverifiable(registered):
    """effects.yaml committed as a symbolic link to a file elsewhere in the portfolio: git's history
    of effects.yaml is the link's, so a target lowered in the file it leads to after the start
    went unseen, and the check said nothing. Now it says the history cannot be read."""
    import os

    root, git = registered
    path = effects_file(root)
    (root / "effects-fracture.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.unlink()
    os.symlink("../../effects-fracture.yaml", path)
    git.commit("Keep the effects in one file", "2026-02-10")
    replace(root / "effects-fracture.yaml", "target: 0.90", "target: 0.85")
    git.commit("Adjust E1 target", "2026-05-02")
    [f] = found(run_check(root, today=TODAY))
    assert f.code == "GIT009" and f.file == f"applications/{APP}/effects.yaml"
    assert f.message == ("git holds effects.yaml as a symbolic link, not as its text: its history cannot be read, "
                         "and the pre-registration checks (REG) were skipped")
    assert "link" in f.hint


def test_a_replace_ref_does_not_backdate_an_outcome_switch(registered):
    """git replace puts another commit in a commit's place, in this clone only: a copy of the
    commit that lowered a target after the start, dated before the start, made the change look
    pre-registered, under the real commit's hash. raio reads the commits themselves, as they
    were made and as every other clone has them."""
    root, git = registered
    replace(effects_file(root), "target: 0.90", "target: 0.85")
    full = git.commit("Adjust E1 target", "2026-05-02")
    body = git.run("cat-file", "-p", full)
    backdated = re.sub(r"^((?:author|committer) .*) \d+ \+0000$", r"\1 1771156800 +0000", body, flags=re.M)
    copy = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=root, input=backdated,
                          capture_output=True, text=True, check=True).stdout.strip()
    git.run("replace", full, copy)
    assert git.run("log", "-1", "--format=%ad", "--date=short").strip() == "2026-02-15"
    [f] = found(run_check(root, today=TODAY))
    assert f.code == "REG002" and f"on 2026-05-02 by Test RAIO ({full[:7]})" in f.message


def test_an_application_kept_as_a_git_submodule_is_said_to_be_unverifiable(tmp_path):
    """applications/<id> as a git submodule: its files are committed, with their history, in
    another repository, and the portfolio's holds a pointer to one of its commits. raio said
    "not committed to git: application.yaml, effects.yaml, pilot.yaml" (GIT006) and "E1 is not
    committed yet" (REG001). A submodule's history is a known gap: one warning now says so."""
    src = tmp_path / "fracture-repo"
    for name, text in dossier().items():
        write(src / f"{name}.yaml", text)
    Git(src).commit("Register", "2026-02-01")
    root = make_portfolio(tmp_path / "pf")
    git = Git(root)
    git.run("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(src), f"applications/{APP}")
    git.commit("The fracture pilot's dossier", "2026-02-02")
    result = run_check(root, today=TODAY)
    assert [f.code for f in found(result)] == ["GIT009"]
    [f] = found(result)
    assert f.file == f"applications/{APP}/application.yaml"
    assert f.message == (f"applications/{APP} is a git submodule: its files and their history are in another "
                         "repository, which raio does not read, and the pre-registration checks (REG) were skipped")
    from raio_cli import auditlog

    assert auditlog.audit_trail(root, APP, today=EXAMPLE_TODAY) == []


def test_applications_kept_in_one_git_submodule_are_said_to_be_unverifiable(tmp_path):
    """applications/ itself as a git submodule: the same as one application's folder, for each."""
    src = tmp_path / "applications-repo"
    for name, text in dossier().items():
        write(src / APP / f"{name}.yaml", text)
    Git(src).commit("Register", "2026-02-01")
    root = make_portfolio(tmp_path / "pf")
    (root / "applications").rmdir()
    git = Git(root)
    git.run("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(src), "applications")
    git.commit("The applications", "2026-02-02")
    [f] = found(run_check(root, today=TODAY))
    assert (f.code, f.file) == ("GIT009", f"applications/{APP}/application.yaml")
    assert f.message.startswith(f"applications/{APP} is in a git submodule (applications): its files and their "
                                "history are in another repository")


def test_an_application_folder_committed_as_a_link_is_one_git009_not_a_cascade(tmp_path):
    """applications/copy committed as a symbolic link to another application's folder: git holds
    the link, not the files read through it. raio said the files were not committed (GIT006, with
    a hint to git add the folder, which adds the link again) and that every effect was missing
    from effects.yaml as committed on the start date (REG001 for each). One GIT009 now says what
    git holds, and the REG checks, which have no history of the folder to read, are skipped."""
    root = portfolio(tmp_path / "p")
    os.symlink(APP, root / "applications" / "copy-app")
    Git(root).commit("Register, and a copy", "2026-02-01")
    result = run_check(root, today=TODAY)
    mine = [f for f in result.findings if f.app == "copy-app" and f.code[:3] in ("REG", "GIT")]
    assert [(f.code, f.file) for f in mine] == [("GIT009", "applications/copy-app/application.yaml")], mine
    assert mine[0].message == ("git holds applications/copy-app as a symbolic link, not as a folder of files: the "
                               "history of the files read through it is not the application's, and the "
                               "pre-registration checks (REG) were skipped")
    assert not [f for f in result.findings if f.app == APP and f.code[:3] in ("REG", "GIT")]
    from raio_cli import auditlog, history

    assert auditlog.not_as_text(history.read(root, dt.date.fromisoformat(TODAY)), "copy-app").startswith(
        "git holds applications/copy-app as a symbolic link")


# --------------------------------------------------------------------------------------------
# REG009 nothing pre-registered

ALL_POST_HOC = EFFECTS.replace("    kind: benefit\n", "    kind: benefit\n    post_hoc: true\n").replace(
    "    kind: guardrail\n", "    kind: guardrail\n    post_hoc: true\n")


def _reg009(root):
    return [f for f in run_check(root, "--no-git", today=TODAY).findings if f.code == "REG009"]


@pytest.mark.parametrize("stage", ["pilot", "evaluation", "production", "stopped", "retired"])
def test_reg009_a_started_pilot_with_every_effect_post_hoc(tmp_path, stage):
    """A pilot under way whose effects are all marked post_hoc pre-registered nothing, and no rule
    said so: REG001 and REG005 pass an effect marked post_hoc, as they should one by one. REG009
    warns at effects:, from the files alone (no git)."""
    root = portfolio(tmp_path / "p", effects=ALL_POST_HOC)
    replace(root / "applications" / APP / "application.yaml", "stage: pilot", f"stage: {stage}")
    (f,) = _reg009(root)
    assert (f.file, f.line, str(f.severity)) == (f"applications/{APP}/effects.yaml", 2, "warning")
    assert f.message == f"nothing was pre-registered: all 2 effects are marked post_hoc, and the application is in stage '{stage}'"
    assert f.data == {"count": 2, "stage": stage, "variant": "all"}


@pytest.mark.parametrize("case", ["one-pre-registered", "planned", "proposed", "no-effects"])
def test_reg009_passes(tmp_path, case):
    effects = {"one-pre-registered": EFFECTS.replace("    kind: guardrail\n", "    kind: guardrail\n    post_hoc: true\n"),
               "no-effects": "effects: []\n"}.get(case, ALL_POST_HOC)
    root = portfolio(tmp_path / "p", effects=effects)
    if case in ("planned", "proposed"):
        replace(root / "applications" / APP / "application.yaml", "stage: pilot", f"stage: {case}")
    assert _reg009(root) == []


def test_reg009_hint_followed_clears_it_and_the_memo_words_it(tmp_path):
    """The hint: if the pilot has not really started, set the stage it is in and remove post_hoc;
    done so, REG009 is gone. Before that, a decision memo words it in Dutch and English."""
    from raio_cli.documents.i18n import Text
    from raio_cli.documents.memo import finding_text, is_translated

    root = portfolio(tmp_path / "p", effects=ALL_POST_HOC.replace("  - id: G1", "  - id: G1\n").split("  - id: G1")[0])
    (f,) = _reg009(root)
    assert f.data["variant"] == "one" and "the only effect is marked post_hoc" in f.message
    for lang, words in (("nl", "Niets is vooraf vastgelegd: het enige effect"), ("en", "Nothing was pre-registered: the only effect")):
        assert is_translated(f, Text(lang)) and finding_text(f, Text(lang)).startswith(words), finding_text(f, Text(lang))
    assert "remove post_hoc: true" in f.hint and "set the stage it is in" in f.hint
    replace(root / "applications" / APP / "application.yaml", "stage: pilot", "stage: planned")
    path = effects_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace("    post_hoc: true\n", ""), encoding="utf-8")
    assert _reg009(root) == []
