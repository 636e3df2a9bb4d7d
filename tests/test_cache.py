"""The re-check cache (raio_cli.cache): what it serves is exactly what a fresh check finds.

Every test compares a cached run with a run without the cache on the same portfolio, and checks
which applications were checked again (CheckResult.stats): an edit, a new commit, a changed
raio.yaml, another --today, a new file each invalidate what they should, and only that.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE_TODAY, Git, edit_yaml, write
from raio_cli import check as engine

APPS = 10  # the example portfolio's applications


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """The example portfolio with its git history (raio demo), built once per module."""
    from raio_cli.demo import build

    root = tmp_path_factory.mktemp("demo") / "pf"
    build(root, today=EXAMPLE_TODAY)
    (root / "notes.txt").write_text("meeting notes\n", encoding="utf-8")
    git = Git.__new__(Git)
    git.root = root
    git.run("config", "user.name", "Test RAIO")
    git.run("config", "user.email", "raio@test.example")
    git.commit("notes", "2026-11-01")
    return root


@pytest.fixture
def pf(demo_template, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RAIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAIO_NO_CACHE", raising=False)
    root = tmp_path / "pf"
    shutil.copytree(demo_template, root, symlinks=True)
    return root


def git(root: Path) -> Git:
    g = Git.__new__(Git)
    g.root = root
    return g


def cached(root: Path, today: dt.date = EXAMPLE_TODAY, **kw):
    return engine.run(root, today=today, cache=True, **kw)


def fresh(root: Path, today: dt.date = EXAMPLE_TODAY, **kw):
    return engine.run(root, today=today, cache=False, **kw)


def assert_same(a, b) -> None:
    assert [f.to_dict() for f in a.findings] == [f.to_dict() for f in b.findings]
    assert [f.to_dict() for f in a.suppressed] == [f.to_dict() for f in b.suppressed]
    assert a.internal_errors == b.internal_errors and a.apps == b.apps


def app_file(root: Path, app: str, name: str) -> Path:
    return root / "applications" / app / f"{name}.yaml"


def test_nothing_changed_serves_every_application_and_the_portfolio(pf):
    first = cached(pf)
    assert first.stats["checked"] == APPS and not first.stats["portfolio_cached"]
    again = cached(pf)
    assert again.stats["checked"] == 0 and again.stats["cached"] == APPS and again.stats["portfolio_cached"]
    assert_same(again, fresh(pf))


def test_an_edit_rechecks_only_its_application(pf):
    cached(pf)
    edit_yaml(app_file(pf, "longnodule-ct", "effects"), lambda d: d["effects"][0].update(target=0.99))
    after = cached(pf)
    assert after.stats["checked"] == 1 and not after.stats["portfolio_cached"]
    assert_same(after, fresh(pf))
    assert cached(pf).stats["checked"] == 0


def test_a_comment_is_an_edit_too(pf):
    cached(pf)
    path = app_file(pf, "prostaat-mri-pirads", "problem")
    path.write_text(path.read_text(encoding="utf-8") + "# raio: ignore[XYZ001] no such finding\n", encoding="utf-8")
    after = cached(pf)
    assert after.stats["checked"] == 1
    assert_same(after, fresh(pf))


def test_a_new_commit_rechecks_only_the_applications_it_touched(pf):
    cached(pf)
    edit_yaml(app_file(pf, "verslag-concept-llm", "effects"), lambda d: d["effects"][0].update(target=0.5))
    assert cached(pf).stats["checked"] == 1  # the uncommitted edit
    git(pf).commit("move the target after the start", "2026-11-10", paths=["applications/verslag-concept-llm"])
    after = cached(pf)
    assert after.stats["checked"] == 1  # committed now: its history changed, no other's
    assert_same(after, fresh(pf))
    assert "REG002" in {f.code for f in after.findings if f.app == "verslag-concept-llm"}  # read from the history


def test_a_new_commit_of_a_portfolio_in_a_folder_of_its_repository_is_seen(tmp_path, monkeypatch):
    """A portfolio in a folder of its repository (pf/): the commits since the last run were looked
    for under pf/pf/applications, which holds nothing, so an application committed since was
    served as before: "not committed to git" (GIT006) after its commit."""
    from conftest import make_portfolio

    monkeypatch.setenv("RAIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAIO_NO_CACHE", raising=False)
    repo = tmp_path / "repo"
    app = 'id: {0}\nname: X\nstage: proposed\nversion: "2.1"\n'
    root = make_portfolio(repo / "pf", {"first-app": {"application": app.format("first-app")}})
    g = Git(repo)
    g.commit("The portfolio", "2026-02-01")
    write(root / "applications" / "second-app" / "application.yaml", app.format("second-app"))
    assert [f.code for f in cached(root, select=["GIT"]).findings] == ["GIT006"]
    g.commit("The second application", "2026-03-01")
    after = cached(root, select=["GIT"])
    assert after.findings == [] and after.stats["checked"] == 1
    assert_same(after, fresh(root, select=["GIT"]))


def test_folders_named_in_latin_1_keep_apart_and_an_edit_rechecks_only_its_own(pf):
    """Two application folders whose names are no UTF-8 and differ in that byte only (``caf\xe9-ct``
    and ``caf\xe8-ct``, Latin-1, as an older tool or another system names them): were the byte
    read as U+FFFD anywhere (the listing, the cache's keys, git's names of the folders a commit
    touched), the two would be one entry and an edit of one would serve the other's stale
    findings. Each edit, uncommitted and then committed, checks that folder again and no other,
    and what is served is what a check without the cache finds."""
    import os

    apps = os.fsencode(str(pf / "applications"))
    os.rename(os.path.join(apps, b"longnodule-ct"), os.path.join(apps, b"caf\xe9-ct"))
    shutil.copytree(os.path.join(apps, b"caf\xe9-ct"), os.path.join(apps, b"caf\xe8-ct"))
    git(pf).commit("folders named in Latin-1", "2026-01-05")
    cached(pf)
    assert cached(pf).stats["checked"] == 0
    for raw in (b"caf\xe9-ct", b"caf\xe8-ct"):
        name = os.fsdecode(raw)
        edit_yaml(app_file(pf, name, "effects"), lambda d: d["effects"][0].update(target=70))
        after = cached(pf)
        assert after.stats["checked"] == 1
        assert_same(after, fresh(pf))
        git(pf).commit("move the target after the start", "2026-11-10", paths=[f"applications/{name}"])
        after = cached(pf)
        assert after.stats["checked"] == 1  # its history changed, no other's
        assert_same(after, fresh(pf))
        assert "REG002" in {f.code for f in after.findings if f.app == name}
    assert cached(pf).stats["checked"] == 0


def test_a_commit_outside_the_applications_rechecks_nothing(pf):
    cached(pf)
    (pf / "notes.txt").write_text("meeting notes, second meeting\n", encoding="utf-8")
    git(pf).commit("more notes", "2026-11-12", paths=["notes.txt"])
    after = cached(pf)
    assert after.stats["checked"] == 0 and after.stats["portfolio_cached"]
    assert_same(after, fresh(pf))


def test_committing_raio_yaml_or_letting_it_go_is_seen(pf):
    """Whether raio.yaml is committed as it is (GIT008) changes with a commit that leaves its bytes
    and every application as they were: the cache must not serve the finding of before."""
    cached(pf)
    git(pf).run("rm", "-q", "--cached", "raio.yaml")
    git(pf).commit("raio.yaml out of git", "2026-11-12", paths=["notes.txt"])
    after = cached(pf)
    assert [f.file for f in after.findings if f.code == "GIT008"] == ["raio.yaml"]
    assert_same(after, fresh(pf))
    git(pf).commit("raio.yaml back in git", "2026-11-13")
    after = cached(pf)
    assert [f for f in after.findings if f.code == "GIT008"] == []
    assert_same(after, fresh(pf))


def test_a_branch_or_tag_named_after_a_patient_is_seen_on_a_recheck_and_so_is_its_removal(pf):
    """Branch and tag names are no commit, no file and no HEAD: a branch `fix-111222333` created
    after a check left every key of the cache as it was, and a re-check served the portfolio's
    findings of before, without the branch (PRV011). Creating, renaming or deleting a branch
    or tag now checks the portfolio part again, and only it; nothing else changed is re-read."""
    first = cached(pf)
    assert "PRV011" not in {f.code for f in first.findings}
    for add, remove in ((("branch", "fix-111222333"), ("branch", "-m", "fix-111222333", "fix-lung")),
                        (("tag", "case-111222333"), ("tag", "-d", "case-111222333"))):
        git(pf).run(*add)
        after = cached(pf)
        assert [f.data["masked"] for f in after.findings if f.code == "PRV011"] == ["*******33"], add
        assert after.stats["checked"] == 0 and not after.stats["portfolio_cached"]
        assert_same(after, fresh(pf))
        assert cached(pf).stats["portfolio_cached"]  # and served as it is now
        git(pf).run(*remove)
        after = cached(pf)
        assert "PRV011" not in {f.code for f in after.findings} and not after.stats["portfolio_cached"], remove
        assert_same(after, fresh(pf))

def test_rewritten_history_rechecks_everything(pf):
    cached(pf)
    git(pf).run("commit", "-q", "--amend", "-m", "notes, reworded", date="2026-11-02")
    after = cached(pf)
    assert after.stats["checked"] == APPS
    assert_same(after, fresh(pf))


def test_raio_yaml_and_today_recheck_everything(pf):
    cached(pf)
    config = pf / "raio.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert cached(pf).stats["checked"] == APPS
    tomorrow = EXAMPLE_TODAY + dt.timedelta(days=1)
    later = cached(pf, today=tomorrow)
    assert later.stats["checked"] == APPS
    assert_same(later, fresh(pf, today=tomorrow))
    assert cached(pf, today=tomorrow).stats["checked"] == 0


def test_raio_yaml_linked_is_keyed_as_the_loader_reads_it(pf, tmp_path):
    """A raio.yaml that links out of the portfolio is not read (YML017, the defaults apply): an
    edit out there changes nothing and re-checks nothing. One linked within is read: its edit
    re-checks everything, as an edit of raio.yaml itself does."""
    config = pf / "raio.yaml"
    outside = tmp_path / "shared-raio.yaml"
    outside.write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.unlink()
    config.symlink_to(outside)
    first = cached(pf)
    assert "YML017" in {f.code for f in first.findings}
    outside.write_text(outside.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    again = cached(pf)
    assert again.stats["checked"] == 0 and again.stats["portfolio_cached"]
    assert_same(again, fresh(pf))
    inside = pf / "config" / "raio.yaml"
    inside.parent.mkdir()
    inside.write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    config.unlink()
    config.symlink_to(Path("config") / "raio.yaml")
    assert cached(pf).stats["checked"] == APPS  # the link changed
    assert cached(pf).stats["checked"] == 0
    inside.write_text(inside.read_text(encoding="utf-8") + "# another comment\n", encoding="utf-8")
    after = cached(pf)
    assert after.stats["checked"] == APPS
    assert_same(after, fresh(pf))


def test_a_new_file_rechecks_everything_because_evidence_may_point_at_it(pf):
    def cite(d):
        d["items"][0]["evidence"] = "evidence/risk-analysis.pdf"

    edit_yaml(app_file(pf, "longnodule-ct", "compliance"), cite)
    before = cached(pf)
    assert "CMP004" in {f.code for f in before.findings if f.app == "longnodule-ct"}
    write(pf / "applications" / "longnodule-ct" / "evidence" / "risk-analysis.pdf", "%PDF-1.4\n")
    after = cached(pf)
    assert after.stats["checked"] == APPS
    assert "CMP004" not in {f.code for f in after.findings if f.app == "longnodule-ct"}
    assert_same(after, fresh(pf))


def test_git_and_no_git_are_kept_apart(pf):
    cached(pf)
    without = cached(pf, use_git=False)
    assert without.stats["checked"] == APPS
    assert_same(without, fresh(pf, use_git=False))
    assert not any(f.code.startswith("REG") for f in without.findings)


def test_switching_between_git_and_no_git_keeps_both_entries(pf, tmp_path):
    """A --no-git run (or raio status --no-git) between two checks with git checked everything
    again, twice: each mode now keeps its own file, and each is served as a fresh run finds."""
    cached(pf)
    cached(pf, use_git=False)
    with_git = cached(pf)
    assert (with_git.stats["checked"], with_git.stats["portfolio_cached"]) == (0, True)
    assert_same(with_git, fresh(pf))
    without = cached(pf, use_git=False)
    assert (without.stats["checked"], without.stats["portfolio_cached"]) == (0, True)
    assert_same(without, fresh(pf, use_git=False))
    edit_yaml(app_file(pf, "longnodule-ct", "application"), lambda d: d.update(name="Longnodule CT 2"))
    assert cached(pf, use_git=False).stats["checked"] == 1  # an edit is seen by both
    after = cached(pf)
    assert after.stats["checked"] == 1
    assert_same(after, fresh(pf))
    assert len(list((tmp_path / "cache" / "check").glob("*.json"))) == 2  # one per mode, not one per run


def test_internal_errors_are_never_cached(pf, monkeypatch):
    from raio_cli import rules

    catalog = rules.load_all()
    code = next(c for c, r in catalog.items() if r.func is not None and r.scope == "app")
    original = catalog[code]

    def boom(app, ctx):
        if app.id == "longnodule-ct":
            raise RuntimeError("rule bug")
        return original.func(app, ctx)

    monkeypatch.setitem(rules.RULES, code, dataclasses.replace(original, func=boom))
    broken = cached(pf)
    assert broken.internal_errors and broken.exit_code() == 2
    monkeypatch.setitem(rules.RULES, code, original)
    repaired = cached(pf)
    assert repaired.stats["checked"] == 1 and not repaired.internal_errors
    assert_same(repaired, fresh(pf))


def test_a_damaged_cache_is_no_cache(pf, tmp_path):
    cached(pf)
    for path in (tmp_path / "cache").rglob("*.json"):
        path.write_text('{"format": 1, "root": "' + str(pf.resolve()) + '", "apps": {"x": [1, 2]}, "portfolio": 7}')
    after = cached(pf)
    assert after.stats["checked"] == APPS
    assert_same(after, fresh(pf))
    for path in (tmp_path / "cache").rglob("*.json"):
        path.write_bytes(b"\x00\xff not json")
    assert_same(cached(pf), fresh(pf))


def test_a_findings_data_is_read_back_when_used_and_damaged_data_is_no_crash(pf, tmp_path):
    """A served finding's data (a verdict's observed value and interval, which memos and reports
    word) is kept as JSON text and decoded when first used; it reads back as it was. A cache file
    whose data text was damaged still gives findings (with no data), not a traceback."""
    first = cached(pf)
    verdicts = [f for f in first.findings if f.code == "OUT010"]
    assert verdicts and all(f.data.get("status") for f in verdicts)
    again = cached(pf)
    assert again.stats["checked"] == 0
    served = [f for f in again.findings if f.code == "OUT010"]
    assert [f.data for f in served] == [f.data for f in verdicts]
    assert [dataclasses.replace(f).data for f in served] == [f.data for f in verdicts]
    (path,) = (tmp_path / "cache").rglob("*.json")
    stored = json.loads(path.read_text(encoding="utf-8"))
    for entry in stored["apps"].values():
        for row in entry["findings"]:
            if row[8] is not None:
                row[8] = row[8][:5] if row[3] == "OUT010" else "[1, 2]"
    path.write_text(json.dumps(stored), encoding="utf-8")
    damaged = cached(pf)
    assert damaged.stats["checked"] == 0
    assert [f.to_dict() for f in damaged.findings] == [
        {k: v for k, v in f.to_dict().items() if k != "data"} for f in again.findings]

def test_a_narrower_target_keeps_the_other_entries(pf):
    cached(pf)
    edit_yaml(app_file(pf, "longnodule-ct", "pilot"), lambda d: d["plan"].update(sample_size=321))
    one = cached(pf / "applications" / "longnodule-ct")
    assert one.stats["checked"] == 1
    assert_same(one, fresh(pf / "applications" / "longnodule-ct"))
    whole = cached(pf)
    assert whole.stats["checked"] == 0
    assert_same(whole, fresh(pf))


def test_the_cache_lives_outside_the_portfolio(pf, tmp_path):
    before = sorted(p.relative_to(pf).as_posix() for p in pf.rglob("*") if ".git" not in p.parts)
    cached(pf)
    cached(pf)
    after = sorted(p.relative_to(pf).as_posix() for p in pf.rglob("*") if ".git" not in p.parts)
    assert before == after
    files = list((tmp_path / "cache" / "check").glob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["root"] == str(pf.resolve())


def test_the_command_uses_the_cache_and_no_cache_turns_it_off(pf, capsys):
    from raio_cli.cli import main

    outputs = []
    for extra in ([], [], ["--no-cache"]):
        with pytest.raises(SystemExit):
            main(["check", str(pf), "--today", EXAMPLE_TODAY.isoformat(), *extra])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2] and "10 applications" in outputs[0]


# --------------------------------------------------------------------------------------------
# files known by their recorded state (Store._content)


def _count_reads(monkeypatch) -> list:
    from raio_cli import cache

    reads, real = [], cache._hash_file
    monkeypatch.setattr(cache, "_hash_file", lambda h, path, *a: (reads.append(Path(path).name), real(h, path, *a)))
    return reads


def test_unchanged_files_are_known_by_their_state_and_an_edit_is_seen_even_with_its_time_set_back(pf, monkeypatch):
    """Files whose size, times and inode are as recorded (and older than the margin before that
    run) are not read again; an edit of the same size whose modification time is put back is
    still seen, through the status-change time that no program can set back."""
    import os

    from raio_cli import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)  # no waiting in a test: trust what predates the last run
    cached(pf)
    cached(pf)  # records every file as read, after they were written
    reads = _count_reads(monkeypatch)
    assert cached(pf).stats["checked"] == 0 and reads == ["raio.yaml"]  # raio.yaml is always read
    path = app_file(pf, "longnodule-ct", "effects")
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "target: 88\n" in text
    path.write_text(text.replace("target: 88\n", "target: 99\n", 1), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    after = cached(pf)
    assert after.stats["checked"] == 1 and "effects.yaml" in reads
    assert_same(after, fresh(pf))


def test_files_written_just_before_a_run_are_read_again_next_time(pf, monkeypatch):
    """The margin: a file whose times are not safely before the recording run began is read
    every time until a run records it again (git's "racily clean" rule)."""
    from raio_cli import cache

    monkeypatch.setattr(cache, "RACY_NS", 10 ** 18)  # every file counts as just written
    cached(pf)
    reads = _count_reads(monkeypatch)
    again = cached(pf)
    assert again.stats["checked"] == 0 and len(reads) >= APPS * 4
    assert_same(again, fresh(pf))


# --- facts kept beside the findings (raio status) -------------------------------------------


def _stage_and_since(app, ctx):
    h = ctx.history.app(app.id) if ctx.history is not None else None
    return {"stage": app.stage, "since": h.stage_since.isoformat() if h is not None and h.stage_since else None}


FACTS = {"probe": _stage_and_since}


def test_facts_are_kept_with_the_findings_and_computed_alone_when_missing(pf):
    """raio status (or report) after a plain raio check: the entries hold the findings but no
    facts; the findings are served and only the facts are computed, then kept beside them."""
    cached(pf)  # a plain check: entries without facts
    first = cached(pf, facts=FACTS)
    assert (first.stats["checked"], first.stats["cached"], first.stats["facts"]) == (0, APPS, APPS)
    assert first.facts == fresh(pf, facts=FACTS).facts
    assert first.facts["longnodule-ct"]["probe"] == {"stage": "evaluation", "since": "2026-10-01"}
    assert_same(first, fresh(pf))
    again = cached(pf, facts=FACTS)
    assert (again.stats["cached"], again.stats["facts"]) == (APPS, 0) and again.facts == first.facts
    assert_same(again, fresh(pf))
    assert cached(pf).stats["cached"] == APPS  # a plain check is served by entries with facts too


def test_facts_alone_beside_an_edited_application(pf):
    """One application edited since the plain check: it is checked again, the others' facts are
    computed beside their cached findings, and all agree with a run without the cache."""
    cached(pf)
    edit_yaml(app_file(pf, "longnodule-ct", "application"), lambda d: d.update(stage="production"))
    after = cached(pf, facts=FACTS)
    assert (after.stats["checked"], after.stats["facts"]) == (1, APPS - 1)
    assert after.facts == fresh(pf, facts=FACTS).facts
    assert_same(after, fresh(pf))


def test_facts_that_fail_alone_are_reported_and_not_kept(pf):
    cached(pf)

    def failing(app, ctx):
        if app.id == "longnodule-ct":
            raise ValueError("no facts here")
        return {"stage": app.stage}

    first = cached(pf, facts={"probe": failing})
    assert any(m.startswith("probe of longnodule-ct failed: ValueError") for m in first.internal_errors)
    assert "probe" not in first.facts["longnodule-ct"] and first.facts["botleeftijd-hand"]["probe"]
    working = {"probe": lambda app, ctx: {"stage": app.stage}}
    again = cached(pf, facts=working)  # the failed application's entry was dropped: checked again
    assert (again.stats["checked"], again.stats["facts"]) == (1, 0) and not again.internal_errors
    assert again.facts == fresh(pf, facts=working).facts


def test_an_edit_recomputes_the_facts_of_its_application(pf):
    cached(pf, facts=FACTS)
    edit_yaml(app_file(pf, "longnodule-ct", "application"), lambda d: d.update(stage="production"))
    after = cached(pf, facts=FACTS)
    assert after.stats["checked"] == 1
    assert after.facts["longnodule-ct"]["probe"] == {"stage": "production", "since": EXAMPLE_TODAY.isoformat()}
    assert after.facts == fresh(pf, facts=FACTS).facts


def test_status_rows_of_another_day_serve_after_todays_plain_check(pf):
    """The first raio status (or report) of the day after a plain raio check computed every row
    again in the check's workers, reading the files a second time, because today's date was part
    of the rows' key. The rows' facts no longer depend on today (raio status dates them in its
    own process): yesterday's serve, and the status is the one a run without the cache gives,
    whatever the day."""
    from raio_cli.status import FACTS as STATUS, _facts_in_check, portfolio_status

    facts = {STATUS: _facts_in_check}
    cached(pf, facts=facts)  # yesterday's status
    for later in (EXAMPLE_TODAY + dt.timedelta(days=1), EXAMPLE_TODAY + dt.timedelta(days=200), dt.date(2029, 3, 1)):
        assert cached(pf, today=later).stats["checked"] == APPS  # today's plain check: every finding again
        after = cached(pf, today=later, facts=facts)
        assert (after.stats["checked"], after.stats["facts"]) == (0, 0)
        assert portfolio_status(pf, later, cache=True) == portfolio_status(pf, later, cache=False)


def test_another_today_checks_the_findings_again_but_computes_no_facts(pf):
    calls = []

    def probe(app, ctx):
        calls.append(app.id)
        return _stage_and_since(app, ctx)

    cached(pf, facts={"probe": probe})
    calls.clear()
    later = EXAMPLE_TODAY + dt.timedelta(days=30)
    again = cached(pf, today=later, facts={"probe": probe})
    assert again.stats["checked"] == APPS and calls == []
    assert again.facts == fresh(pf, today=later, facts=FACTS).facts
    assert_same(again, fresh(pf, today=later))


def test_facts_read_from_an_uncommitted_edit_hold_for_their_day_only(pf):
    """An uncommitted edit counts as made today (raio_cli.history): facts that read the history
    of such an application are kept for that day only, and computed again on the next."""
    edit_yaml(app_file(pf, "longnodule-ct", "application"), lambda d: d.update(stage="production"))
    first = cached(pf, facts=FACTS)
    assert first.facts["longnodule-ct"]["probe"]["since"] == EXAMPLE_TODAY.isoformat()
    tomorrow = EXAMPLE_TODAY + dt.timedelta(days=1)
    cached(pf, today=tomorrow)
    after = cached(pf, today=tomorrow, facts=FACTS)
    assert (after.stats["checked"], after.stats["facts"]) == (0, 1)
    assert after.facts["longnodule-ct"]["probe"]["since"] == tomorrow.isoformat()
    assert after.facts == fresh(pf, today=tomorrow, facts=FACTS).facts
    assert cached(pf, today=tomorrow, facts=FACTS).stats["facts"] == 0


def test_an_option_set_to_false_is_one_not_given(pf):
    """raio check gives next_stage: false, raio status no options: they share the entries."""
    cached(pf, options={"next_stage": False})
    assert cached(pf).stats["cached"] == APPS
    assert cached(pf, options={"next_stage": True}).stats["checked"] == APPS


def test_facts_that_cannot_be_stored_exactly_are_computed_again(pf):
    odd = {"probe": lambda app, ctx: {"when": (1, 2)}}  # a tuple reads back as a list
    cached(pf, facts=odd)
    again = cached(pf, facts=odd)
    assert again.stats["checked"] == APPS and again.facts["longnodule-ct"]["probe"] == {"when": (1, 2)}


def test_a_large_run_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    """check.run quiets the collector while it reads the cache and gathers findings
    (raio_cli.gcquiet); a caller that goes on after it (status, report) gets it back unchanged,
    whether the run checked the applications or served them."""
    import gc

    from conftest import make_portfolio

    monkeypatch.setenv("RAIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RAIO_NO_CACHE", raising=False)
    apps = {f"app-{i:03d}": {"application": f"id: app-{i:03d}\nname: App {i}\nstage: proposed\n"} for i in range(60)}
    root = make_portfolio(tmp_path / "pf", apps)
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    first = engine.run(root, today=dt.date(2026, 11, 15), use_git=False, cache=True, jobs=1)
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    again = engine.run(root, today=dt.date(2026, 11, 15), use_git=False, cache=True, jobs=1)
    assert again.stats["cached"] == 60 and again.findings == first.findings
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_no_patient_identifier_is_written_to_the_cache(pf, tmp_path):
    """The cache kept findings as found, before the safety net masks them: a BSN or patient
    number quoted by a finding (an unknown field, an evidence path), a suppression's reason, a
    fact of raio status or an application's folder stood in full in the user's cache folder
    (which CI may keep between runs). Such results are not stored and such ids not written; the
    other applications are served as before, and every run says what a run without the cache
    says."""
    from raio_cli.status import FACTS as STATUS, _facts_in_check, portfolio_status

    path = app_file(pf, "longnodule-ct", "problem")
    path.write_text(path.read_text(encoding="utf-8") + "extra_111222333: x\n", encoding="utf-8")
    edit_yaml(app_file(pf, "prostaat-mri-pirads", "compliance"),
              lambda d: d["items"][0].update(evidence="evidence/scan-NZ-1234567.pdf"))
    path = app_file(pf, "ct-lichaamssamenstelling", "application")
    path.write_text(path.read_text(encoding="utf-8").replace("\nstage:", "  # raio: ignore[SCH002] zie 123 456 782\nstage:", 1),
                    encoding="utf-8")
    shutil.copytree(pf / "applications" / "botleeftijd-hand", pf / "applications" / "pt-123456782")
    path = app_file(pf, "pt-123456782", "application")
    path.write_text(path.read_text(encoding="utf-8").replace("id: botleeftijd-hand", "id: pt-123456782"), encoding="utf-8")
    edit_yaml(app_file(pf, "fractuurdetectie-seh", "application"), lambda d: d.update(vendor="Ossiq (tel 111 222 333)"))
    dirty = 5
    facts = {STATUS: _facts_in_check}

    first = cached(pf, facts=facts)
    assert first.stats["checked"] == APPS + 1
    for run in (cached(pf), cached(pf, facts=facts)):
        assert run.stats["checked"] + run.stats["facts"] == dirty and run.stats["cached"] == APPS + 1 - run.stats["checked"]
        assert_same(run, fresh(pf))
        assert run.facts == fresh(pf, facts=facts).facts or not run.facts
    assert portfolio_status(pf, EXAMPLE_TODAY, cache=True) == portfolio_status(pf, EXAMPLE_TODAY, cache=False)
    shown = json.dumps([f.to_dict() for f in first.findings + first.suppressed])
    assert "extra_*******33" in shown and "scan-*******67" in shown  # shown masked, as before
    stored = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert "longnodule-ct" in stored and '"botleeftijd-hand"' in stored
    for secret in ("111222333", "123456782", "123 456 782", "111 222 333", "1234567"):
        assert secret not in stored, secret


DAY = 86400


def _age(path: Path, days: float) -> None:
    import os
    import time

    when = time.time() - days * DAY
    os.utime(path, (when, when))


def _cache_files(pf: Path) -> tuple[Path, Path]:
    """The cache folder and the portfolio's file in it (after a run that wrote it)."""
    folder = pf.parent / "cache" / "check"
    [own] = [p for p in folder.iterdir() if p.name.endswith(".json")]
    return folder, own


def test_a_save_removes_cache_files_of_portfolios_not_used_for_long_and_nothing_else(pf, tmp_path):
    """One file per portfolio stayed in the cache folder for ever when that portfolio was never
    checked again (only beyond 32 portfolios did any go). A run that writes its file now removes
    the files of portfolios not used for MAX_AGE_DAYS days; the recent ones, its own, files of a
    write in progress and anything raio did not name stay."""
    import os

    from raio_cli import cache

    cached(pf)
    folder, own = _cache_files(pf)
    old = folder / ("a" * 32 + ".json")
    recent = folder / ("b" * 32 + ".json")
    old_temp = folder / f".{'c' * 32}.json.k3j2h1_x.tmp"  # left by a run killed while writing
    writing = folder / f".{'d' * 32}.json.q8w7e6_r.tmp"  # another run writing right now
    unrelated = [folder / "notes.json", folder / ("e" * 32 + ".json.bak"), folder / "README", tmp_path / "x.json"]
    for path in (old, recent, old_temp, writing, *unrelated):
        path.write_text("{}", encoding="utf-8")
    link = folder / ("f" * 32 + ".json")
    os.symlink(tmp_path / "x.json", link)
    sub = folder / ("9" * 32 + ".json")
    sub.mkdir()
    for path in (old, old_temp, *unrelated, link, sub):
        _age(path, cache.MAX_AGE_DAYS + 1)
    _age(recent, cache.MAX_AGE_DAYS - 1)
    _age(own, cache.MAX_AGE_DAYS + 5)  # its own file, old, is rewritten (and kept) by this run

    edit_yaml(app_file(pf, "longnodule-ct", "effects"), lambda d: d)  # something to write
    assert cached(pf).stats["checked"] == 1
    assert not old.exists() and not old_temp.exists()
    assert own.exists() and recent.exists() and writing.exists() and sub.is_dir()
    assert all(p.exists() for p in unrelated) and os.path.islink(link)


def test_beyond_the_most_recent_portfolios_only_raios_own_files_go(pf, monkeypatch):
    """Beyond KEEP portfolios the oldest cache files went, and with them any *.json in the folder."""
    from raio_cli import cache

    cached(pf)
    folder, own = _cache_files(pf)
    monkeypatch.setattr(cache, "KEEP", 3)
    others = [folder / (c * 32 + ".json") for c in "abc"]
    unrelated = folder / "settings.json"
    for days, path in enumerate((*others, unrelated)):
        path.write_text("{}", encoding="utf-8")
        _age(path, days + 1)  # all recent; settings.json the oldest
    edit_yaml(app_file(pf, "longnodule-ct", "effects"), lambda d: d)
    cached(pf)
    assert [p.exists() for p in others] == [True, True, False] and own.exists() and unrelated.exists()


def test_a_cache_file_read_but_not_rewritten_counts_as_used(pf, tmp_path):
    """A re-check that finds nothing changed writes nothing (and prunes nothing: it stays cheap);
    it marks its file as used, so a portfolio checked every day without a change keeps its cache
    however long since it was last written."""
    from raio_cli import cache

    cached(pf)
    folder, own = _cache_files(pf)
    stale = folder / ("a" * 32 + ".json")
    stale.write_text("{}", encoding="utf-8")
    _age(stale, cache.MAX_AGE_DAYS + 1)
    _age(own, cache.MAX_AGE_DAYS + 1)
    content = own.read_bytes()
    again = cached(pf)
    assert again.stats["checked"] == 0 and again.stats["portfolio_cached"]
    assert own.read_bytes() == content  # not written...
    assert own.stat().st_mtime > _now() - DAY  # ...but marked as used
    assert stale.exists()  # a save that writes nothing prunes nothing

    other = tmp_path / "other"
    shutil.copytree(pf, other, symlinks=True)
    cached(other)  # another portfolio's run writes its file, and prunes
    assert own.exists() and not stale.exists()
    assert cached(pf).stats["checked"] == 0

    _age(own, 0.5)  # marked less than a day ago: not touched again
    before = own.stat().st_mtime_ns
    cached(pf)
    assert own.stat().st_mtime_ns == before


def _now() -> float:
    import time

    return time.time()
