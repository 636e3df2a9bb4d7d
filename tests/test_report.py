"""raio report: the portfolio report for the board.

What a board member relies on: every application is in the report; the timeline has one bar per
pilot; pilotitis, expiring certificates and overdue monitoring appear when the date says so;
Dutch reports speak Dutch; the PDF holds the text; a dossier's text cannot inject markup into
the HTML or the charts; nothing is overwritten without --force; a dirty worktree makes a DRAFT.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_TODAY, Git, edit_yaml, make_portfolio

from raio_cli.documents import report as lib
from raio_cli.documents import svg

TODAY = EXAMPLE_TODAY.isoformat()
LATER = dt.date(2027, 3, 1)
SVG_NS = "{http://www.w3.org/2000/svg}"


def run(args, capsys):
    from raio_cli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(args)
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The example portfolio as a git repository with its dated history (read-only for the tests)."""
    from raio_cli import demo as demo_mod

    root = tmp_path_factory.mktemp("report") / "demo"
    demo_mod.build(root, EXAMPLE_TODAY)
    return root


def html_report(root: Path, lang: str = "en", today: dt.date = EXAMPLE_TODAY, since: dt.date | None = None) -> str:
    return lib.render_report(root, "html", lang, today, since).decode("utf-8")


def section(page: str, name: str, following: str) -> str:
    """The HTML between <section id="name"> and <section id="following">."""
    start = page.index(f'id="{name}"')
    return page[start: page.index(f'id="{following}"', start)]


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", page, flags=re.S)]


def dossier(root: Path, app: str, name: str) -> dict:
    path = root / "applications" / app / f"{name}.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def bars_by_app(chart: ET.Element) -> dict[str, int]:
    counts: dict[str, int] = {}
    for group in chart.iter(f"{SVG_NS}g"):
        app = group.get("data-app")
        if app is None:
            continue
        counts[app] = sum(1 for r in group.iter(f"{SVG_NS}rect") if "bar-pilot" in (r.get("class") or "").split())
    return counts


# --------------------------------------------------------------------------------------------
# the timeline


def test_timeline_has_one_bar_per_application_with_a_pilot_plan(demo):
    context = lib.build_report_context(demo, "en", EXAMPLE_TODAY)
    chart = ET.fromstring(context["timeline"]["svg"])
    counts = bars_by_app(chart)
    with_plan, in_pilot = set(), set()
    for folder in sorted((demo / "applications").iterdir()):
        plan = (dossier(demo, folder.name, "pilot").get("plan") or {})
        if plan.get("start") or plan.get("end"):
            with_plan.add(folder.name)
        if dossier(demo, folder.name, "application").get("stage") == "pilot":
            in_pilot.add(folder.name)
    assert in_pilot and in_pilot <= with_plan
    assert set(counts) == with_plan
    assert all(n == 1 for n in counts.values()), counts
    total = sum(1 for r in chart.iter(f"{SVG_NS}rect") if "bar-pilot" in (r.get("class") or "").split())
    assert total == len(with_plan)
    # the extended pilot shows its extension, decisions show as markers, and today is marked
    prostate = next(g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app") == "prostaat-mri-pirads")
    assert any(r.get("class") == "bar-extension" for r in prostate.iter(f"{SVG_NS}rect"))
    assert sum(1 for p in chart.iter(f"{SVG_NS}path") if (p.get("class") or "").startswith("decision ")) >= 5
    assert any(line.get("class") == "today-line" for line in chart.iter(f"{SVG_NS}line"))


def test_a_pilot_without_dates_still_gets_exactly_one_bar_and_output_is_deterministic():
    rows = [
        svg.TimelineRow(id="a", name="Dated", start=dt.date(2026, 1, 5), end=dt.date(2026, 6, 30),
                        extensions=[dt.date(2026, 12, 18)], decision_date=dt.date(2026, 8, 3),
                        decision_choice="extend", decision_label="extended", pending=True),
        svg.TimelineRow(id="b", name="No end", start=dt.date(2026, 9, 1), pending=True),
        svg.TimelineRow(id="c", name="No dates at all", pending=True),
    ]
    first = svg.timeline_svg(rows, dt.date(2027, 3, 1))
    assert first == svg.timeline_svg(rows, dt.date(2027, 3, 1))
    chart = ET.fromstring(first)
    assert bars_by_app(chart) == {"a": 1, "b": 1, "c": 1}
    overdue = [r for r in chart.iter(f"{SVG_NS}rect") if r.get("class") == "bar-overdue"]
    assert len(overdue) == 1  # only the dated pilot is past its last end
    assert "None" not in first


def test_a_long_application_name_wraps_in_the_timeline_instead_of_being_cut(tmp_path):
    """A name of 60 characters was cut after 52 ("… op CT-angio…"); on paper there is no tooltip
    to read the rest. A long name wraps onto a second line of its row (the row grows, no text
    runs under the bars or into the next row); a name too long even for two lines ends in an
    ellipsis, its full name the label's title and in the chart's data table."""
    long = "Detectie van longembolieën op CT-angiografie bij de SEH-arts"
    longest = "Ondersteuning " * 12 + "bij de beoordeling"
    assert len(long) == 60
    plan = {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}
    root = make_portfolio(tmp_path / "p", {
        app: {"application": {"id": app, "name": name, "stage": "pilot"}, "pilot": plan}
        for app, name in (("a-long", long), ("b-longest", longest), ("c-short", "Short"))})
    for lang in ("en", "nl"):
        page = lib.render_report(root, "html", lang, EXAMPLE_TODAY, None).decode("utf-8")
        chart = ET.fromstring(re.findall(r"<svg\b.*?</svg>", page, flags=re.S)[1])
        rows = {}
        for group in chart.iter(f"{SVG_NS}g"):
            if not group.get("data-app"):
                continue
            label = next(t for t in group.iter(f"{SVG_NS}text") if t.get("class") == "app-label")
            sub = next(t for t in group.iter(f"{SVG_NS}text") if t.get("class") == "app-sub")
            lines = [(s.text, float(s.get("y"))) for s in label.iter(f"{SVG_NS}tspan")] or [(label.text, float(label.get("y")))]
            bar = next(r for r in group.iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot")
            rows[group.get("data-app")] = lines, float(sub.get("y")), label.find(f"{SVG_NS}title").text, bar
        assert list(rows) == ["a-long", "b-longest", "c-short"]
        shown = " ".join(text for text, _ in rows["a-long"][0])
        assert shown == long, shown
        assert len(rows["a-long"][0]) == 2 and len(rows["c-short"][0]) == 1
        last = " ".join(text for text, _ in rows["b-longest"][0])
        assert last.endswith("…") and longest.startswith(last[:-1].rstrip()) and len(rows["b-longest"][0]) == 2
        previous_bottom = 0.0
        for app, (lines, sub_y, title, bar) in rows.items():
            assert {"a-long": long, "b-longest": longest, "c-short": "Short"}[app] in title
            for text, _ in lines:  # 12-unit letters, about 0.56 of that wide: room in the 370-unit label column
                assert len(text) * 12 * 0.56 <= 370 - 8 - 4, (app, text)
            top = lines[0][1] - 12
            assert top >= previous_bottom, app  # below the row before it
            assert lines[-1][1] < sub_y
            assert top <= float(bar.get("y")) and float(bar.get("y")) + float(bar.get("height")) <= sub_y + 4, app
            previous_bottom = sub_y + 4
        table = page[page.index('class="sr-only timeline-data"'):]
        assert long in table[:table.index("</table>")] and longest in table[:table.index("</table>")]


def test_a_wrapped_name_never_splits_a_patient_number_over_two_lines(tmp_path):
    """A BSN in an application's name broken over two lines of the timeline ('111' | '222 333')
    would be recognised by no pattern. The names reach the chart masked, and the report is masked
    as a whole again; the wrapping itself also breaks a line before a number and the word before
    it, never inside (as raio cuts a text short), whatever pattern a portfolio adds later."""
    assert svg.wrap("Hulp bij de triage op de SEH voor de cliënt n 111 222 333 met spoed", 52) == [
        "Hulp bij de triage op de SEH voor de", "cliënt n 111 222 333 met spoed"]
    assert svg.wrap("Triage voor patiëntnummer NZ-1234567 op de SEH van het ziekenhuis", 20) == [
        "Triage voor", "patiëntnummer NZ-…"]
    name = "Hulp bij de triage op de SEH voor de cliënt n 111 222 333 met spoed"
    assert name.index("111") == 46  # the line of 52 characters would end after '111 222'
    root = make_portfolio(tmp_path / "p", {"a-app": {"application": {"id": "a-app", "name": name, "stage": "pilot"},
                                                     "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}}})
    for lang in ("en", "nl"):
        page = lib.render_report(root, "html", lang, EXAMPLE_TODAY, None).decode("utf-8")
        words = re.sub(r"<[^>]*>", " ", page)  # the text, not the chart's coordinates
        assert "*******33" in words and not re.search(r"\b(111|222)\b", words), lang
        chart = ET.fromstring(re.findall(r"<svg\b.*?</svg>", page, flags=re.S)[1])
        lines = [s.text for s in chart.iter(f"{SVG_NS}tspan")]
        assert len(lines) == 2 and "*******33" in lines[1], lines


def test_svg_labels_are_xml_escaped_and_stripped_of_characters_xml_forbids():
    name = '<script>alert("x")</script> & \x01\x0b"quoted"'
    rows = [svg.TimelineRow(id='x"><script>', name=name, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 1),
                            tooltip=name)]
    text = svg.timeline_svg(rows, dt.date(2026, 2, 1))
    assert "<script>" not in text and "&lt;script&gt;" in text
    ET.fromstring(text)  # still well-formed XML
    stages = [svg.StageCount("pilot", "<b>pilot</b>", 1, [name])]
    pipe = svg.pipeline_svg(stages)
    assert "<b>" not in pipe and "<script>" not in pipe
    ET.fromstring(pipe)


def test_rendering_a_report_loads_no_network_or_mail_modules(demo):
    """The charts escaped their labels with xml.sax.saxutils, whose import brings urllib.request,
    http.client and email along: 50 ms of every report and memo for four replacements, in a
    report that fetches nothing."""
    import subprocess
    import sys

    code = ("import datetime, sys\nfrom raio_cli.documents import report\n"
            f"page = report.render_report({str(demo)!r}, 'html', 'en', datetime.date(2026, 11, 15))\n"
            "print('CHARTS', page.count(b'<svg'))\n"
            "print('LOADED', [m for m in ('xml.sax', 'urllib.request', 'http.client') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "CHARTS 2" in out.stdout and "LOADED []" in out.stdout, out.stdout[-500:] + out.stderr[-500:]


def out_of_range_portfolio(root: Path) -> Path:
    make_portfolio(root, {
        "open-ended": {"application": {"id": "open-ended", "name": "Open ended", "stage": "pilot"},
                       "pilot": {"plan": {"start": "2026-01-05", "end": "9999-12-31"}}},
        "ancient": {"application": {"id": "ancient", "name": "Ancient", "stage": "pilot"},
                    "pilot": {"plan": {"start": "0001-01-01", "end": "2026-06-30"}}},
    })
    Git(root).commit("portfolio", "2026-01-02")
    return root


@pytest.mark.parametrize("today", [TODAY, "9999-06-01", "0001-12-31"])
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_dates_at_the_ends_of_the_calendar_render_a_report(tmp_path, capsys, today, fmt):
    """An "open-ended" plan.end of 9999-12-31, a start of 0001-01-01, or such a --today: the
    report renders (exit 0) instead of failing on a year past 9999 or before 1."""
    root = out_of_range_portfolio(tmp_path / "p")
    target = tmp_path / f"report.{fmt}"
    code, out, err = run(["report", str(root), "--today", today, "-f", fmt, "--out", str(target), "--lang", "en"], capsys)
    assert (code, err) == (0, ""), err
    assert "Wrote" in out and target.stat().st_size > 0


def test_a_date_far_off_is_drawn_at_the_timelines_edge_and_the_note_says_so(tmp_path):
    root = out_of_range_portfolio(tmp_path / "p")
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    chart = ET.fromstring(context["timeline"]["svg"])
    assert bars_by_app(chart) == {"open-ended": 1, "ancient": 1}
    for group in chart.iter(f"{SVG_NS}g"):
        if group.get("data-app"):  # each row has its chevron at the edge it runs past
            assert sum(1 for p in group.iter(f"{SVG_NS}path") if p.get("class") == "clipped") == 1
            for bar in group.iter(f"{SVG_NS}rect"):
                assert 370 <= float(bar.get("x")) and float(bar.get("x")) + float(bar.get("width")) <= 1000 - 16
    years = [int(t.text) for t in chart.iter(f"{SVG_NS}text") if t.get("class") == "year"]
    assert min(years) >= EXAMPLE_TODAY.year - svg.HORIZON_YEARS and max(years) <= EXAMPLE_TODAY.year + svg.HORIZON_YEARS
    note = context["timeline"]["note"]
    assert "Dates outside the chart" in note
    assert "Open ended (5 Jan 2026 – 31 Dec 9999)" in note and "Ancient (1 Jan 1 – 30 Jun 2026)" in note
    plain = lib.build_report_context(make_portfolio(tmp_path / "q", {"a-app": {
        "application": {"id": "a-app", "name": "A", "stage": "pilot"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}}}), "en", EXAMPLE_TODAY)
    assert "outside the chart" not in plain["timeline"]["note"] and 'class="clipped"' not in plain["timeline"]["svg"]
    assert "buiten de grafiek" in lib.build_report_context(root, "nl", EXAMPLE_TODAY)["timeline"]["note"]


# --------------------------------------------------------------------------------------------
# the HTML report


def test_html_report_holds_every_application_and_every_section(demo):
    page = html_report(demo, "en")
    text = html.unescape(page)
    for folder in (demo / "applications").iterdir():
        name = dossier(demo, folder.name, "application")["name"]
        assert name in text, name
    for heading in ("Summary", "Applications by stage", "Timeline of pilots", "Pilotitis", "Expiring CE certificates",
                    "Compliance by application", "Decisions in the period", "Monitoring and incidents",
                    "Provenance of this report"):
        assert f">{heading}</h2>" in page, heading
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "None" not in page
    assert page.count("<svg") == 2
    for chart in svgs(page):
        assert chart.tag == f"{SVG_NS}svg"
    assert "DRAFT" not in page  # a clean, committed portfolio
    assert re.search(r"commit [0-9a-f]{7}", page)


def test_pilotitis_list_follows_the_date(demo):
    now = html.unescape(section(html_report(demo, "en", EXAMPLE_TODAY), "pilotitis", "certificates"))
    later_page = html_report(demo, "en", LATER)
    later = html.unescape(section(later_page, "pilotitis", "certificates"))
    lung = "Detectie en volumetrie van longnodules op CT-thorax"
    assert "No pilotitis" in now and lung not in now
    assert lung in later and "decision overdue" in later
    context = lib.build_report_context(demo, "en", LATER)
    rows = {(r["app_id"], r["code"]): r for r in context["pilotitis"]["rows"]}
    lung_row = rows[("longnodule-ct", "DAT003")]
    assert lung_row["days"] > 0 and f"{lung_row['days']} days past the deadline" in later
    # the same date also shows the expired certificate and overdue monitoring
    certificates = html.unescape(section(later_page, "certificates", "compliance"))
    assert "Stroke-triage grote-vatocclusie (CTA hersenen)" in certificates and "expired on" in certificates
    monitoring = html.unescape(later_page[later_page.index('id="monitoring"'):])
    assert "due by" in monitoring


def test_dutch_and_english_reports_have_their_own_headings(demo):
    nl, en = html_report(demo, "nl"), html_report(demo, "en")
    for heading in ("Samenvatting", "Tijdlijn van de pilots", "Compliance per toepassing", "Besluiten in de periode"):
        assert f">{heading}</h2>" in nl and heading not in en
    for heading in ("Timeline of pilots", "Compliance by application", "Decisions in the period"):
        assert f">{heading}</h2>" in en
    assert '<html lang="nl">' in nl and "15 november 2026" in nl and "vandaag" in nl
    assert html.escape("Gegevensbeschermingseffectbeoordeling (DPIA)") in nl
    assert html.escape("Data protection impact assessment (DPIA)") in en


def test_report_strings_have_the_same_keys_and_placeholders_in_both_languages():
    nl, en = lib.report_strings("nl"), lib.report_strings("en")
    assert set(nl) == set(en)
    for key in nl:
        if isinstance(nl[key], str):
            assert set(re.findall(r"{(\w+)}", nl[key])) == set(re.findall(r"{(\w+)}", en[key])), key
        elif isinstance(nl[key], dict):
            assert set(nl[key]) == set(en[key]), key


def test_decisions_in_the_period_follow_since(demo):
    context = lib.build_report_context(demo, "en", EXAMPLE_TODAY)
    assert [d["app_id"] for d in context["decisions"]["rows"]] == [
        "mammografie-tweede-lezer", "hersenvolumetrie-mri", "prostaat-mri-pirads"]  # the second: its stop
    mammo = context["decisions"]["rows"][0]
    assert mammo["choice"] == "scale-up" and "expected effects met" in mammo["verdicts"] and mammo["override"]
    narrow = lib.build_report_context(demo, "en", EXAMPLE_TODAY, dt.date(2026, 4, 20))
    assert [d["app_id"] for d in narrow["decisions"]["rows"]] == ["prostaat-mri-pirads"]
    wide = lib.build_report_context(demo, "en", EXAMPLE_TODAY, dt.date(2020, 1, 1))
    assert {d["app_id"] for d in wide["decisions"]["rows"]} >= {"fractuurdetectie-seh", "thoraxfoto-triage",
                                                               "hersenvolumetrie-mri", "stroke-lvo-triage"}


def test_the_stop_after_scale_up_is_a_decision_in_the_period(demo):
    """The board stopped Hersenvolumetrie on 14 April 2026, two and a half years after scaling it
    up; the annual report's "Decisions in the period" listed the scale-up of another application
    and an extension, but not that stop, nor who took it: the board's own decision to end a
    system in use was missing from the record of its year."""
    md = " ".join(lib.render_report(demo, "md", "en", EXAMPLE_TODAY).decode("utf-8").split())
    reason = "De leverancier is overgenomen en beëindigt NeuroVol per 30 juni 2026; het opvolgende product heeft " \
             "nog geen MDR-certificaat."
    assert ("| 14 April 2026 | Hersenvolumetrie op MRI voor de geheugenpoli | **take out of use** | "
            f"Raad van bestuur, op advies van de AI-stuurgroep | out of use from 30 June 2026; reason: {reason} |") in md
    nl = " ".join(lib.render_report(demo, "md", "nl", EXAMPLE_TODAY).decode("utf-8").split())
    assert ("| 14 april 2026 | Hersenvolumetrie op MRI voor de geheugenpoli | **uit gebruik nemen** | "
            f"Raad van bestuur, op advies van de AI-stuurgroep | uit gebruik per 30 juni 2026; reden: {reason} |") in nl
    page = html_report(demo)
    assert "take out of use" in section(page, "decisions", "monitoring")


def test_a_stop_decided_in_production_is_listed_and_a_proposed_one_is_not(tmp_path):
    """A stop the board decided while the application still runs is a decision of the period
    (without decided_by the report says so), with the first sentence of its reason (the report
    said only when the application went out of use, not why); a stop only proposed (no
    decided_on) is not."""
    def files(retirement):
        return {"application": {"id": "triage-ai", "name": "Triage AI", "stage": "production",
                                "stage_since": "2026-02-01", "retirement": retirement},
                "pilot": {"plan": {"start": "2025-03-01", "end": "2025-09-30"},
                          "decision": {"choice": "scale-up", "date": "2025-12-01", "decided_by": "RvB"}}}

    root = make_portfolio(tmp_path / "decided", {"triage-ai": files(
        {"date": "2027-01-31", "decided_on": "2026-11-02", "reason": "drift"})})
    rows = lib.build_report_context(root, "en", EXAMPLE_TODAY)["decisions"]["rows"]
    assert [(d["date_iso"], d["choice_label"], d["decided_by"], d["verdicts"]) for d in rows] == [
        ("2025-12-01", "scale up", "RvB", rows[0]["verdicts"]),
        ("2026-11-02", "take out of use", "not given", "out of use from 31 January 2027; reason: drift.")]
    root = make_portfolio(tmp_path / "proposed", {"triage-ai": files({"date": "2027-01-31", "reason": "drift"})})
    rows = lib.build_report_context(root, "en", EXAMPLE_TODAY)["decisions"]["rows"]
    assert [d["choice"] for d in rows] == ["scale-up"]


def test_context_is_plain_data_without_none(demo):
    from raio_cli.documents.memo import RESERVED_KEYS

    context = lib.build_report_context(demo, "nl", LATER)

    def walk(value, where="context"):
        assert value is not None, where
        if isinstance(value, dict):
            for k, v in value.items():
                assert k not in RESERVED_KEYS, f"{where}.{k} hides a dict method in templates"
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")
        else:
            assert isinstance(value, (str, int, float, bool)), where

    walk(context)
    json.dumps(context)


# --------------------------------------------------------------------------------------------
# PDF


def test_pdf_holds_application_names_and_section_titles(demo):
    import io

    from pypdf import PdfReader

    for lang, title in (("nl", "Tijdlijn van de pilots"), ("en", "Timeline of pilots")):
        data = lib.render_report(demo, "pdf", lang, LATER)
        assert data.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(data))
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
        assert title in text and "Pilotitis" in text
        assert "Fractuurdetectie op SEH-röntgenfoto's" in text or "Fractuurdetectie op SEH-röntgenfoto’s" in text
        assert len(reader.pages) >= 3
    assert lib.render_report(demo, "pdf", "en", LATER) == lib.render_report(demo, "pdf", "en", LATER)


# --------------------------------------------------------------------------------------------
# hostile text, odd data, draft


def hostile_portfolio(root: Path) -> Path:
    evil = '<script>alert("raio")</script> #set text(red) [x] $y$ \\ "q"'
    make_portfolio(root, {
        "evil-app": {
            "application": {"id": "evil-app", "name": evil, "stage": "pilot", "vendor": "<b>V</b>"},
            "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                      "extensions": [{"end": "2026-09-30", "date": "2026-06-01", "by": "<i>board</i>", "reason": "r"}],
                      "decision": {"choice": "extend", "date": "2026-06-01", "decided_by": evil}},
        },
        "odd-types": {
            "application": {"id": "odd-types", "name": "Odd", "stage": "evaluation"},
            "pilot": {"plan": "not a mapping", "extensions": 5, "decision": ["x"], "outcome": 3},
            "compliance": {"items": [7, {"id": None}, {"id": "dpia", "status": "done", "expires": "never"}]},
        },
    })
    return root


def test_script_in_an_application_name_is_escaped_in_html_svg_and_pdf(tmp_path):
    root = hostile_portfolio(tmp_path / "p")
    page = html_report(root, "en", EXAMPLE_TODAY, dt.date(2026, 1, 1))
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "<b>V</b>" not in page and "<i>board</i>" not in page
    for chart in svgs(page):  # every chart is still well-formed XML
        assert chart.tag == f"{SVG_NS}svg"
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    timeline = context["timeline"]["svg"]
    assert "<script>" not in timeline and "&lt;script&gt;" in timeline
    assert bars_by_app(ET.fromstring(timeline)) == {"evil-app": 1, "odd-types": 1}
    pdf = lib.render_report(root, "pdf", "en", EXAMPLE_TODAY)
    assert pdf.startswith(b"%PDF")


def test_without_git_the_report_is_a_draft_and_says_why(tmp_path):
    root = hostile_portfolio(tmp_path / "p")
    context = lib.build_report_context(root, "nl", EXAMPLE_TODAY)
    assert context["draft"] and "versiebeheer" in context["draft_reasons"][0]
    assert "CONCEPT" in html_report(root, "nl")


def test_uncommitted_changes_make_a_draft_but_reports_and_memos_do_not(tmp_path):
    root = make_portfolio(tmp_path / "p", {"one-app": {"application": {"id": "one-app", "name": "One", "stage": "proposed"}}})
    git = Git(root)
    git.commit("portfolio", "2026-10-01")
    assert not lib.build_report_context(root, "en", EXAMPLE_TODAY)["draft"]
    (root / "reports").mkdir()
    (root / "reports" / "2026-11-01-portfolio.html").write_text("old report", encoding="utf-8")
    (root / "applications" / "one-app" / "memos").mkdir()
    (root / "applications" / "one-app" / "memos" / "memo.md").write_text("memo", encoding="utf-8")
    assert not lib.build_report_context(root, "en", EXAMPLE_TODAY)["draft"]
    with open(root / "raio.yaml", "a", encoding="utf-8") as fh:
        fh.write("# an edit\n")
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    assert context["draft"] and "raio.yaml" in context["draft_reasons"][0]
    assert ">DRAFT</span>" in html_report(root, "en")


# --------------------------------------------------------------------------------------------
# the command


def test_report_command_writes_to_reports_and_never_overwrites_without_force(tmp_path, capsys):
    root = hostile_portfolio(tmp_path / "p")
    code, out, err = run(["report", str(root), "--today", TODAY, "--lang", "en"], capsys)
    assert code == 0, err
    written = root / "reports" / "2026-11-15-portfolio.html"
    assert written.is_file() and out.startswith("Wrote ") and "DRAFT" not in out and "DRAFT" in err
    target = tmp_path / "board.pdf"
    target.write_bytes(b"the board's annotated copy")
    code, out, err = run(["report", str(root), "--today", TODAY, "--format", "pdf", "--out", str(target)], capsys)
    assert code == 2 and out == "" and "exists; it was not overwritten" in err and err.count("\n") <= 2
    assert target.read_bytes() == b"the board's annotated copy"
    code, out, err = run(["report", str(root), "--today", TODAY, "--format", "pdf", "--out", str(target), "--force"], capsys)
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.pdf", "p"]  # no temporary file left behind


def test_report_command_html_to_stdout_and_usage_errors(tmp_path, capsys):
    root = hostile_portfolio(tmp_path / "p")
    code, out, err = run(["report", str(root), "--today", TODAY, "--out", "-", "--lang", "nl"], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "Samenvatting" in out
    for args, words in (
        (["--format", "docx"], "unknown format"),
        (["--lang", "de"], "unknown language"),
        (["--since", "2027-01-01"], "lies after today"),
        (["--since", "yesterday"], "is not a date"),
    ):
        code, out, err = run(["report", str(root), "--today", TODAY, *args], capsys)
        assert code == 2 and words in err and "Traceback" not in err, (args, err)
    code, out, err = run(["report", str(tmp_path / "nowhere"), "--today", TODAY], capsys)
    assert code == 2 and "Traceback" not in err


def test_an_empty_portfolio_gives_a_report_that_says_so(tmp_path):
    root = make_portfolio(tmp_path / "p")
    page = html.unescape(html_report(root, "en"))
    assert "No application has a pilot plan." in page
    assert "No applications in production and no incidents of other applications in this period." in page
    assert "No pilotitis" in page and "No decisions from" in page
    assert lib.render_report(root, "pdf", "nl", EXAMPLE_TODAY).startswith(b"%PDF")


def test_the_matrix_tells_required_now_from_required_later_in_black_and_white(demo):
    """An item open and required for the application's stage or its next gate is a filled circle,
    one required later a hollow one (not only another colour); the legend names both, and the
    filled circles of an application are the checklist items raio status counts for its next gate."""
    import io

    from pypdf import PdfReader

    from raio_cli.status import portfolio_status

    ctx = lib.build_report_context(demo, "en", EXAMPLE_TODAY)
    matrix = ctx["matrix"]
    legend = {entry["cls"]: entry for entry in matrix["legend"]}
    assert legend["open-due"]["symbol"] != legend["open"]["symbol"]
    assert legend["open-due"]["text"] == "open, required now (for this stage or the next)"
    assert legend["open"]["text"] == "open, required in a later stage"
    rows = {r["id"]: r for r in portfolio_status(demo, EXAMPLE_TODAY)["applications"]}
    for i, column in enumerate(matrix["columns"]):
        symbols = [line["cells"][i]["symbol"] for line in matrix["lines"]]
        gate_items = [n for n in rows[column["id"]]["next_stage_needs"] if n.startswith("checklist: ")]
        if rows[column["id"]]["next_stage"]:
            assert symbols.count(legend["open-due"]["symbol"]) == len(gate_items), column["id"]
    bone = [c["id"] for c in matrix["columns"]].index("botleeftijd-hand")
    bone_symbols = [line["cells"][bone]["symbol"] for line in matrix["lines"]]
    assert bone_symbols.count("●") == 3 and bone_symbols.count("○") == 14
    page = section(html_report(demo), "compliance", "decisions")
    assert "<b class=\"cell open-due\">●</b> open, required now" in page
    assert "<b class=\"cell open\">○</b> open, required in a later stage" in page
    assert "counts only the items a dossier lists as open, in progress or without a valid status" in page
    data = lib.render_report(demo, "pdf", "nl", EXAMPLE_TODAY)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "● open, nu vereist" in text and "○ open, pas in een latere fase vereist" in text


def test_counts_of_one_are_singular_in_the_cards_and_the_attention_list(tmp_path):
    # "1 CE-certificaten", "1 besluiten" and "En nog 1 punten" in a board report
    def production(i: int) -> dict:
        return {"application": {"id": f"app-{i:02d}", "name": f"App {i}", "stage": "production",
                                "regulatory": {"mdr_class": "IIa", "certificate": {
                                    "number": f"CE {i}", "notified_body": "BSI (2797)", "expires": "2026-12-01"}}},
                # the AI literacy duty met (else each application is a point for attention, DAT012)
                "compliance": {"items": [{"id": "ai-literacy", "status": "done", "owner": "raio",
                                          "date": "2026-01-05", "evidence": "LMS-1"}]}}

    config = {"organisation": "Testziekenhuis", "department": "Radiologie", "language": "nl"}
    one = make_portfolio(tmp_path / "one", {"app-00": production(0)}, config=config)
    for lang, words in (("nl", ["toepassing", "CE-certificaat", "open checklistpunten", "besluiten"]),
                        ("en", ["application", "CE certificate", "open checklist items", "decisions"])):
        cards = lib.build_report_context(one, lang, EXAMPLE_TODAY)["summary"]["cards"]
        labels = {c["label"]: c["value"] for c in cards}
        assert [labels.get(w) for w in words] == ["1", "1", "0", "0"], labels
    eleven = make_portfolio(tmp_path / "eleven", {f"app-{i:02d}": production(i) for i in range(11)}, config=config)
    attention = lib.build_report_context(eleven, "nl", EXAMPLE_TODAY)["summary"]["attention"]
    assert attention[-1]["text"] == "En nog 1 punt; zie de secties hieronder."
    cards = lib.build_report_context(eleven, "nl", EXAMPLE_TODAY)["summary"]["cards"]
    assert {c["label"]: c["value"] for c in cards}["CE-certificaten"] == "11"


def test_monitoring_alerts_have_the_memos_words_not_the_guardrails(tmp_path):
    # the memo says "alarmgrens" and "alarm"; the report said "signaalwaarden" and "grens", the
    # word both documents use for a guardrail's limit
    from raio_cli.documents import i18n

    files = {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production",
                        "stage_since": "2026-10-15"},  # switched on just before the first result
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Sensitiviteit", "unit": "%", "direction": "increase", "alert_threshold": 90}]},
            "results": [{"date": "2026-11-01", "values": {"M1": 84.5}}]},
    }
    root = make_portfolio(tmp_path / "p", {"mon-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    strings = lib.report_strings("nl")
    context = lib.build_report_context(root, "nl", EXAMPLE_TODAY)
    [row] = context["monitoring"]["rows"]
    assert row["alerts"] == "M1 84,5% (alarmgrens 90%, 1 nov 2026)" and row["attention"] == "1 alarmgrens overschreden"
    assert strings["col_alerts"] == "Alarmen" and i18n.strings("nl")["col_mon_threshold"] == "Alarmgrens"
    page = html.unescape(html_report(root, "en"))
    assert "M1 84.5% (alert threshold 90%, 1 Nov 2026)" in page and "1 alert threshold crossed" in page
    assert i18n.strings("en")["col_mon_threshold"] == "Alert threshold"


def test_an_application_whose_stage_cannot_be_read_is_a_point_for_attention_not_called_stopped(tmp_path, capsys):
    """A committed application.yaml with a YAML syntax error, and an application folder without
    files: the report was final, its points for attention said nothing of them, and the
    compliance matrix's note called them stopped or retired. Now each is a point for attention
    and the note tells them apart from the stopped and retired ones."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    with open(root / "applications" / "longnodule-ct" / "application.yaml", "a", encoding="utf-8") as fh:
        fh.write("vendor: [unclosed\n")
    (root / "applications" / "empty-app").mkdir()
    (root / "applications" / "empty-app" / ".keep").write_text("", encoding="utf-8")
    Git(root).commit("portfolio", "2026-10-01")
    for lang, unknown, stopped in (
        ("en", "stage unknown: application.yaml is missing, cannot be read or names no stage raio knows",
         "Stopped and retired applications are left out of the matrix: Triage"),
        ("nl", "fase onbekend: application.yaml ontbreekt, is niet te lezen of noemt geen fase die raio kent",
         "Gestopte en uit gebruik genomen toepassingen staan niet in de matrix: Triage"),
    ):
        code, out, err = run(["report", str(root), "--today", TODAY, "--lang", lang, "--out", "-"], capsys)
        assert code == 0, err
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(out)).split())
        attention = text[text.index("Aandachtspunten" if lang == "nl" else "Points for attention"):]
        assert f"longnodule-ct: {unknown}" in attention and f"empty-app: {unknown}" in attention
        note = text[text.index(stopped[:30]):]
        note = note[:note.index(".", len(stopped)) + 1]
        assert "longnodule-ct" not in note and "empty-app" not in note, note
        assert ("Applications whose stage is unknown are left out of the matrix: empty-app and longnodule-ct."
                if lang == "en" else
                "Toepassingen met een onbekende fase staan niet in de matrix: empty-app en longnodule-ct.") in text


def test_an_unreadable_raio_yaml_is_named_first_among_the_points_for_attention(tmp_path, capsys):
    """raio.yaml with a YAML syntax error: the report fell back to the default policy and the title
    'AI portfolio' and said so nowhere but in the check line's error count."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    config = root / "raio.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(lines[:3] + ["organisation: [unclosed"] + lines[3:]) + "\n", encoding="utf-8")
    Git(root).commit("portfolio", "2026-10-01")
    for lang, words in (("en", "raio.yaml cannot be read (line 5): this report therefore uses the default policy"),
                        ("nl", "raio.yaml is niet te lezen (regel 5): dit rapport gebruikt daarom het standaardbeleid")):
        code, out, err = run(["report", str(root), "--today", TODAY, "--lang", lang, "--out", "-"], capsys)
        assert code == 0, err
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(out)).split())
        attention = text[text.index("Aandachtspunten" if lang == "nl" else "Points for attention"):]
        first = attention.index("raio.yaml")
        assert attention[first:].startswith(words), attention[:400]
        assert "longnodule-ct:" not in attention[:first]


def test_the_monitoring_table_says_nothing_is_overdue_in_words_a_board_reads(tmp_path, capsys):
    """The 'Overdue' column of an application whose monitoring is up to date said only 'bij' in
    Dutch: a board member read it as the word 'at'."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    Git(root).commit("portfolio", "2026-10-01")
    for lang, words in (("nl", "niets, op schema"), ("en", "nothing, up to date")):
        code, out, err = run(["report", str(root), "--today", TODAY, "--lang", lang, "--out", "-"], capsys)
        assert code == 0, err
        cells = [html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", out, re.S)]
        assert words in cells and "bij" not in cells


def _committed_example_report(tmp_path, capsys, today: str, lang: str = "en", change=None) -> str:
    """The HTML report of the example portfolio (committed on 2026-10-01) as of ``today``, as one
    line of text without tags; ``change(root)`` edits the copy before the commit."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    if change:
        change(root)
    Git(root).commit("portfolio", "2026-10-01")
    code, out, err = run(["report", str(root), "--today", today, "--lang", lang, "--out", "-"], capsys)
    assert code == 0, err
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(out)).split())


def test_a_report_dated_before_the_history_says_why_it_shows_no_days(tmp_path, capsys):
    """With --today before the history's commits the pipeline showed no days in stage and said
    nothing, where raio status explains the same gap under its table."""
    text = _committed_example_report(tmp_path / "before", capsys, "2026-01-01")
    # the seven whose stage_since (or, written after the commit, the commit) is after 1 January
    # 2026; the three that entered their stage in 2025 count from stage_since as written
    assert "No days shown for 7 applications that entered their current stage after 1 January 2026" in text
    assert "No days shown" not in _committed_example_report(tmp_path / "after", capsys, TODAY)


def test_a_pilot_that_never_starts_is_a_pilotitis_signal_in_the_report(tmp_path, capsys):
    """An application still planned months after its pilot was to start showed no signal at all:
    now DAT014 is among the report's pilotitis rows and points for attention."""
    text = _committed_example_report(tmp_path, capsys, "2027-06-01")
    assert "pilot not started (141 days after the planned start)" in text
    assert "Planned from 11 January 2027; the stage is still planned." in text


def test_an_extended_pilot_without_new_results_says_its_outcome_predates_the_extension(tmp_path, capsys):
    """DAT002 now reports an extended pilot past its new end whose only outcome led to the
    extension; the report's row said 'Ended ...' as for a pilot without any outcome."""
    text = _committed_example_report(tmp_path / "en", capsys, "2027-01-10")
    assert ("pilot past its end without an outcome 23 days after the end Extended to 18 December 2026; "
            "the only outcome is from before the extension; decision due by 16 February 2027.") in text
    dutch = _committed_example_report(tmp_path / "nl", capsys, "2027-01-10", "nl")
    assert "Verlengd tot en met 18 december 2026; de enige uitkomst is van vóór de verlenging; besluit uiterlijk 16 februari 2027." in dutch


def test_an_extended_pilot_with_an_undated_outcome_says_it_has_no_date(tmp_path, capsys):
    """DAT002 now reports an extended pilot past its new end whose outcome has no date; the row
    must not say the outcome is from before the extension, which nothing shows either."""
    def undated(root):
        edit_yaml(root / "applications" / "prostaat-mri-pirads" / "pilot.yaml",
                  lambda d: d["outcome"].__delitem__("date"))
    text = _committed_example_report(tmp_path / "en", capsys, "2027-01-10", change=undated)
    assert ("pilot past its end without an outcome 23 days after the end Extended to 18 December 2026; "
            "the outcome has no date to show it is from after the extension; decision due by 16 February 2027.") in text
    dutch = _committed_example_report(tmp_path / "nl", capsys, "2027-01-10", "nl", change=undated)
    assert ("Verlengd tot en met 18 december 2026; de uitkomst heeft geen datum die laat zien dat ze van na de "
            "verlenging is; besluit uiterlijk 16 februari 2027.") in dutch


def test_an_extended_pilot_with_an_outcome_dated_before_its_end_says_it_is_interim(tmp_path, capsys):
    """An outcome of 30 November 2026, after the extension of 3 August but before the extended
    pilot's end on 18 December: the report counted the decision as due from 30 November and
    listed it overdue on 10 February 2027, as if the pilot had ended early. It is an interim
    outcome (DAT002): the row says so, and the decision falls due from the extended end."""
    def interim(root):
        edit_yaml(root / "applications" / "prostaat-mri-pirads" / "pilot.yaml",
                  lambda d: d["outcome"].update(date="2026-11-30"))
    text = _committed_example_report(tmp_path / "en", capsys, "2027-02-10", change=interim)
    assert ("pilot past its end without an outcome 54 days after the end Extended to 18 December 2026; "
            "the outcome is from before that end (an interim outcome); decision due by 16 February 2027.") in text
    dutch = _committed_example_report(tmp_path / "nl", capsys, "2027-02-10", "nl", change=interim)
    assert ("Verlengd tot en met 18 december 2026; de uitkomst is van vóór dat einde (een tussentijdse uitkomst); "
            "besluit uiterlijk 16 februari 2027.") in dutch


# --------------------------------------------------------------------------------------------
# long names in narrow cells

LONG_NAMES = {
    "lichaamssamenstelling": "Geautomatiseerde lichaamssamenstellingsanalyse op stagerings-CT (sarcopenie)",
    "fractuur-seh": "Fractuurdetectieondersteuningssoftware voor spoedeisendehulpröntgenfoto's",
    "verslag-llm": "Conceptconclusie radiologieverslag met een taalmodel",
}


def long_names_portfolio(root: Path, lang: str = "nl") -> Path:
    return make_portfolio(root, {
        app_id: {"application": {"id": app_id, "name": name, "stage": "pilot"},
                 "compliance": {"items": [{"id": "dpia", "status": "done", "owner": "privacy officer"}]}}
        for app_id, name in LONG_NAMES.items()
    }, {"organisation": "Testziekenhuis", "department": "Radiologie", "language": lang})


def test_matrix_headers_break_long_dutch_words_only_where_a_hyphen_shows(tmp_path):
    """A browser without a Dutch hyphenation dictionary (Chromium on Linux, headless printing)
    broke 'botleeftijdbepaling' as 'botleeftijdbepalin / g' with no hyphen; typst could not break
    'spoedeisendehulpröntgenfoto's' and ran it into the next column. The headers carry soft
    hyphens (shown as a hyphen only where the line breaks) between syllables."""
    root = long_names_portfolio(tmp_path / "p")
    page = html_report(root, "nl")
    assert '<html lang="nl">' in page
    start = page.index('<table class="matrix')
    head = page[start:page.index("</thead>", start)]
    shy = "\u00ad"
    assert f"li{shy}chaams{shy}sa{shy}men{shy}stel{shy}ling" in head
    assert f"spoed{shy}ei{shy}sen{shy}de" in head and f"con{shy}clu{shy}sie" in head
    for name in LONG_NAMES.values():  # the tooltip keeps the name as it is
        assert f'title="{name}"' in html.unescape(head)
    from raio_cli.documents.jinja_env import render

    typ = render("typ", "report/report.typ.j2", lib.build_report_context(root, "nl", EXAMPLE_TODAY))
    matrix = typ[typ.index("table.header("):]
    assert f"spoed{shy}ei{shy}sen{shy}de{shy}hulp" in matrix and f"ra{shy}dio{shy}lo{shy}gie{shy}ver{shy}slag" in matrix


def test_matrix_headers_of_an_english_report_break_dutch_names_as_dutch(tmp_path):
    """The names are written in the portfolio's language: an English report of a Dutch portfolio
    broke 'radiologieverslag' by the English dictionary (ra-di-olo-giev-erslag)."""
    root = long_names_portfolio(tmp_path / "p", lang="nl")
    page = html_report(root, "en")
    start = page.index('<table class="matrix')
    head = page[start:page.index("</thead>", start)]
    shy = "\u00ad"
    assert f"ra{shy}dio{shy}lo{shy}gie{shy}ver{shy}slag" in head and f"giev{shy}erslag" not in head


@pytest.mark.parametrize("text, lang, expected", [
    ("Automatische botleeftijdbepaling op handfoto's", "nl", "Au-to-ma-ti-sche bot-leef-tijd-be-pa-ling op handfoto's"),
    ("Lichaamssamenstelling op stagerings-CT (sarcopenie)", "nl", "Li-chaams-sa-men-stel-ling op sta-ge-rings-CT (sar-cope-nie)"),
    # compounds break at their joints (a rule of thumb gave spoe-dei-sen-de and lichaamssa-menstellingsana-lyse)
    ("spoedeisendehulpröntgenfoto's lichaamssamenstellingsanalyse", "nl",
     "spoed-ei-sen-de-hulp-rönt-gen-foto's li-chaams-sa-men-stel-lings-ana-lyse"),
    ("Ondersteuning PI-RADS-beoordeling prostaat-MRI", "nl", "On-der-steu-ning PI-RADS-be-oor-de-ling prostaat-MRI"),
    ("Fracture detection on emergency radiographs", "en", "Fracture detection on emergency ra-dio-graphs"),
    ("CT-THORAXONDERZOEK met 12345678901 en MammaPrint", "nl", "CT-THORAXONDERZOEK met 12345678901 en MammaPrint"),
    ("", "nl", ""),
])
def test_soft_hyphens_go_between_syllables_of_long_words_only(text, lang, expected):
    from raio_cli.documents.hyphenate import soft_hyphens

    assert soft_hyphens(text, lang).replace("\u00ad", "-") == expected
    assert soft_hyphens(text, lang).replace("\u00ad", "") == text


def test_a_word_longer_than_any_real_one_gets_no_soft_hyphens():
    """An application named with one word of a megabyte (hostile, or a pasted blob) made the report
    run pyphen over all of it: seconds and a hundred megabytes for a header nobody can read. No
    word that long is real, so it is left as it is (the cell still wraps it)."""
    from raio_cli.documents.hyphenate import MAX_WORD, soft_hyphens

    blob = "radiologieverslag" * 20_000
    assert soft_hyphens(f"Long {blob} CT", "nl") == f"Long {blob} CT"
    longest = "kindercarnavalsoptochtvoorbereidingswerkzaamhedenplan"  # a real Dutch word, hyphenated still
    assert len(longest) <= MAX_WORD and "\u00ad" in soft_hyphens(longest, "nl")


def test_a_long_word_wraps_on_the_html_report_page_in_every_element_that_can_hold_it(tmp_path):
    """An application name, product or decision maker typed as one run of 300 characters widened
    the HTML report's tables past the page's edge, and print cut it off. Every element that holds
    such a run lets it break now; in tables only the columns of free text do."""
    from conftest import copy_example
    from test_memo import unbreakable_holders

    root = copy_example(tmp_path / "p")
    word = "X" + "abcdefghij0123456789" * 15
    for folder in sorted((root / "applications").iterdir()):
        def application(d):
            d.update(name=f"{d['name']} {word}", product=word)
            if isinstance(d.get("regulatory", {}).get("certificate"), dict):
                d["regulatory"]["certificate"]["notified_body"] = word
        edit_yaml(folder / "application.yaml", application)
        if (folder / "pilot.yaml").exists():
            edit_yaml(folder / "pilot.yaml", lambda d: d.get("decision") and d["decision"].update(decided_by=word))
    Git(root).commit("Long words", "2026-01-05")
    page = html_report(root, "en", since=dt.date(2020, 1, 1))
    assert page.count(word) > 20
    assert unbreakable_holders(page, word) == []


def test_a_text_longer_than_a_page_breaks_across_pages_in_the_pdf_report(tmp_path):
    """A table row stays whole on one page in the PDF report; a decision maker of 5,000
    characters made a row of the decisions table taller than a page, which ran off its bottom,
    and what ran off was lost. With a text that long, rows break across pages."""
    from test_memo import text_heights

    big = " ".join(f"w{i:04d}" for i in range(900)) + " END"
    root = make_portfolio(tmp_path / "p", {"app-a": {
        "application": {"id": "app-a", "name": "A", "stage": "evaluation"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"},
                  "decision": {"choice": "stop", "date": "2026-07-01", "decided_by": big}}}})
    Git(root).commit("portfolio", "2026-07-02")
    pages = text_heights(lib.render_report(root, "pdf", "en", EXAMPLE_TODAY, dt.date(2026, 1, 1)))
    footer = min(y for y, _ in pages[0])
    for runs in pages:
        assert all(y >= footer - 1 for y, _ in runs)
        assert all(y > footer + 12 or abs(y - footer) < 1 for y, _ in runs)
    assert "w0899 END" in " ".join(" ".join(t for runs in pages for _, t in runs).split())


def test_a_writing_direction_override_in_a_name_turns_no_text_around_in_the_report(tmp_path):
    """The report is no draft for a hidden character, and a name holding U+202E (right-to-left
    override) showed the rest of its line backwards: the other applications in the same cell of
    the pipeline table, the days, the timeline's label. The report shows the text in the order
    it was typed, with the controls of writing direction left out."""
    from test_memo import BIDI_CONTROLS

    root = make_portfolio(tmp_path / "p", {
        "app-a": {"application": {"id": "app-a", "name": "Safe \u202eelbisiv", "stage": "pilot"},
                  "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}},
        "app-b": {"application": {"id": "app-b", "name": "Other", "stage": "pilot"}}})
    Git(root).commit("portfolio", "2026-07-02")
    for fmt in ("html", "md"):
        text = lib.render_report(root, fmt, "en", EXAMPLE_TODAY).decode("utf-8")
        assert "Safe elbisiv" in text and not set(BIDI_CONTROLS) & set(text), fmt


def _page_margin_text(css_string: str) -> str:
    """A CSS string's content with its escapes decoded (the text a browser prints)."""
    return re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), css_string)


def test_every_printed_page_of_the_html_report_names_the_commit_and_its_number(tmp_path):
    """Printed from a browser, only the last page said which commit the report came from, and no
    page had a number; the PDF has both on every page. A hostile organisation name cannot end the
    CSS string or the style element."""
    evil = 'Kliniek "X"; } </style><script>alert(1)</script> \\ ·'
    root = make_portfolio(tmp_path / "p", {"app-a": {"application": {"id": "app-a", "name": "A", "stage": "pilot"}}},
                          {"organisation": evil, "department": "Radiologie", "language": "nl"})
    head = Git(root).commit("portfolio", "2026-01-05")[:7]
    page = html_report(root, "nl")
    style = page[page.index("<style>"):page.index("</style>")]
    left = re.search(r'@bottom-left \{ content: "([^"]*)"', style)
    right = re.search(r'@bottom-right \{ content: "([^"]*)" counter\(page\) " / " counter\(pages\)', style)
    assert left and right
    assert _page_margin_text(right.group(1)) == "Pagina "
    footer = _page_margin_text(left.group(1))
    assert footer.startswith(evil + ", Radiologie · commit ") and f"commit {head}" in footer
    assert "<script>" not in page and page.count("</style>") == 1
    (root / "raio.yaml").write_text((root / "raio.yaml").read_text(encoding="utf-8") + "\n# edit\n", encoding="utf-8")
    assert _page_margin_text(re.search(r'@bottom-left \{ content: "([^"]*)"', html_report(root, "nl")).group(1)).startswith("CONCEPT · ")


def test_a_printed_html_report_gives_its_footer_once_a_page_not_twice_on_the_last(tmp_path):
    """Printed from a browser, every page has the running footer (commit, page n / N), as the PDF
    has: a page taken out of the stack still says which version it belongs to. The last page
    gave that footer twice: the report's own footer line under the provenance said it again
    (the PDF has no such line; the printed memo leaves it out). On screen the line stays."""
    root = make_portfolio(tmp_path / "p", {"app-a": {"application": {"id": "app-a", "name": "A", "stage": "pilot"}}})
    Git(root).commit("portfolio", "2026-01-05")
    page = html_report(root, "en")
    style = page[page.index("<style>"):page.index("</style>")]
    screen, printed = style.split("@media print {", 1)
    assert "@bottom-left { content:" in screen and ".footer-line {" in screen
    assert re.search(r"\.footer-line \{ display: none; \}", printed)
    assert page.count('<p class="footer-line">') == 1


def test_matrix_columns_cut_to_the_same_short_name_are_told_apart(tmp_path):
    """With more than ten applications the matrix's headers are turned and cut to 34 characters;
    two names that differ only after the cut gave two columns with the same header."""
    apps = {f"app-{i:02d}": {"application": {"id": f"app-{i:02d}", "name": f"Toepassing {i}", "stage": "pilot"}}
            for i in range(10)}
    apps["fractuur-seh"] = {"application": {"id": "fractuur-seh", "stage": "pilot",
                                            "name": "Fractuurdetectie op röntgenfoto's van de SEH"}}
    apps["fractuur-ha"] = {"application": {"id": "fractuur-ha", "stage": "pilot",
                                           "name": "Fractuurdetectie op röntgenfoto's van de huisarts"}}
    root = make_portfolio(tmp_path / "p", apps)
    columns = {c["id"]: c["short"] for c in lib.build_report_context(root, "nl", EXAMPLE_TODAY)["matrix"]["columns"]}
    assert len(set(columns.values())) == len(columns) == 12
    assert columns["fractuur-seh"].endswith(" (fractuur-seh)") and columns["fractuur-seh"].startswith("Fractuurdetectie")
    assert columns["app-03"] == "Toepassing 3"
    page = html_report(root, "nl")
    assert '<table class="matrix rotated"' in page and "(fractuur-ha)</span>" in page


# --------------------------------------------------------------------------------------------
# the Markdown report


def md_report(root: Path, lang: str = "en", today: dt.date = EXAMPLE_TODAY) -> str:
    return lib.render_report(root, "md", lang, today).decode("utf-8")


def md_table(text: str, header_start: str) -> list[list[str]]:
    """The rows (cells stripped) of the Markdown table whose header row starts with ``header_start``."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])  # an escaped \| is text
    return rows


def test_markdown_report_has_every_section_and_the_timeline_as_a_table(demo):
    text = md_report(demo, "en")
    for heading in ("Summary", "Applications by stage", "Timeline of pilots", "Pilotitis", "Expiring CE certificates",
                    "Compliance by application", "Decisions in the period", "Monitoring and incidents"):
        assert f"\n## {heading}\n" in text, heading
    context = lib.build_report_context(demo, "en", EXAMPLE_TODAY)
    timeline = md_table(text, "| Application | Pilot |")
    assert len(timeline) == 2 + context["timeline"]["count"]  # header, rule, one row per pilot
    prostate = next(row for row in timeline if row[0] == "Ondersteuning PI-RADS-beoordeling prostaat-MRI")
    assert "5 Jan 2026 – 18 Dec 2026" in prostate[1] and "1 extension" in prostate[1]
    assert prostate[2] == "extend once 3 Aug 2026"
    assert "<svg" not in text and "<" not in text.replace("&lt;", "")


def test_markdown_report_numbers_the_matrix_columns_and_lists_the_applications(demo):
    text = md_report(demo, "nl")
    context = lib.build_report_context(demo, "nl", EXAMPLE_TODAY)
    columns = context["matrix"]["columns"]
    matrix = md_table(text, "| Checklistpunt |")
    assert matrix[0] == ["Checklistpunt", *[str(i) for i in range(1, len(columns) + 1)]]
    assert len(matrix) == 2 + len(context["matrix"]["lines"])
    assert all(len(row) == len(columns) + 1 for row in matrix)  # no cell lost or added
    for i, column in enumerate(columns, 1):
        assert f"\n{i}. {column['name']} ({column['stage']})\n" in text


def test_markdown_report_escapes_the_dossiers_text_and_marks_a_draft(tmp_path):
    root = hostile_portfolio(tmp_path / "p")
    text = md_report(root, "en")
    assert "<script>" not in text and "script" in text
    assert text.startswith("# AI in radiology portfolio report") and "\n> **DRAFT**" in text
    piped = make_portfolio(tmp_path / "q", {"piped": {
        "application": {"id": "piped", "name": "Left | right\nsecond line", "stage": "pilot"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}}})
    timeline = md_table(md_report(piped, "en"), "| Application | Pilot |")
    assert len(timeline) == 3 and len(timeline[2]) == 3  # a '|' or a line break in a name breaks no row
    assert timeline[2][0].startswith("Left \\| right")


def test_a_name_typed_after_spaces_is_no_code_block_in_the_markdown_report(tmp_path):
    """A name that began with spaces ("    Fractuur", a paste from an indented list) made the
    Markdown report's numbered list of applications show it as a block of code: "1." and five
    spaces start one. Leading spaces count as one now, wherever the text stands."""
    from markdown_it import MarkdownIt

    root = make_portfolio(tmp_path / "p", {"indented": {
        "application": {"id": "indented", "name": "    Fractuur op de SEH", "stage": "pilot"},
        "pilot": {"plan": {"start": "2026-01-05", "end": "2026-06-30"}}}})
    text = md_report(root, "en")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert [t.type for t in tokens if t.type in ("code_block", "fence")] == []
    assert "\n1.  Fractuur op de SEH (pilot)\n" in text


def test_report_command_writes_markdown_to_a_file_and_to_stdout(tmp_path, capsys):
    root = hostile_portfolio(tmp_path / "p")
    code, out, err = run(["report", str(root), "--today", TODAY, "--lang", "en", "-f", "md"], capsys)
    assert code == 0, err
    written = root / "reports" / "2026-11-15-portfolio.md"
    assert written.read_text(encoding="utf-8").startswith("# AI in radiology portfolio report")
    code, out, err = run(["report", str(root), "--today", TODAY, "--lang", "en", "-f", "md"], capsys)
    assert code == 2 and "not overwritten" in err
    code, out, err = run(["report", str(root), "--today", TODAY, "--lang", "en", "-f", "md", "-o", "-"], capsys)
    assert code == 0 and out.startswith("# AI in radiology portfolio report") and "## Summary" in out


def test_the_out_files_extension_sets_the_format_and_a_contradicting_format_is_refused(tmp_path, capsys):
    root = hostile_portfolio(tmp_path / "p")
    code, out, err = run(["report", str(root), "--today", TODAY, "-o", str(tmp_path / "board.pdf")], capsys)
    assert code == 0, err
    assert (tmp_path / "board.pdf").read_bytes().startswith(b"%PDF")  # was HTML in a file named .pdf
    code, out, err = run(["report", str(root), "--today", TODAY, "-o", str(tmp_path / "board.MD")], capsys)
    assert code == 0 and (tmp_path / "board.MD").read_text(encoding="utf-8").startswith("# ")
    for args, words in ((["-f", "html", "-o", str(tmp_path / "x.pdf")], "ends in .pdf, but --format is html"),
                        (["-o", str(tmp_path / "x.docx")], "ends in .docx, a format this command does not write")):
        code, out, err = run(["report", str(root), "--today", TODAY, *args], capsys)
        assert code == 2 and words in err and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.MD", "board.pdf", "p"]
    code, out, err = run(["report", str(root), "--today", TODAY, "-o", str(tmp_path / "board.txt")], capsys)
    assert code == 0 and (tmp_path / "board.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def gap_from_may_to_october() -> dict:
    """A monthly monitored application switched on just before its first result (2026-05-01),
    whose next result came on 2026-10-15: four results missing between them."""
    return {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production", "stage_since": "2026-04-15"},
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Sensitiviteit", "unit": "%", "direction": "increase", "alert_threshold": 90}]},
            "results": [{"date": "2026-05-01", "values": {"M1": 94}}, {"date": "2026-10-15", "values": {"M1": 95}}]},
    }


def test_a_gap_in_the_monitoring_results_is_no_up_to_date_monitoring(tmp_path):
    """Results from June to September skipped: the report's 'Overdue'
    column said 'nothing, up to date' and the points for attention said nothing, while four
    monthly results the plan asked for were never recorded (check: MON014)."""
    files = gap_from_may_to_october()
    root = make_portfolio(tmp_path / "p", {"mon-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    for lang, gap, attention in (
            ("nl", "metingen: 4 ontbreken tussen 1 mei 2026 en 15 okt 2026", "4 metingen ontbreken"),
            ("en", "results: 4 missing between 1 May 2026 and 15 Oct 2026", "4 results missing")):
        [row] = lib.build_report_context(root, lang, EXAMPLE_TODAY)["monitoring"]["rows"]
        assert row["overdue"] == gap and row["overdue_tone"] == "warn"
        assert row["attention"] == attention and row["tone"] == "warn"


def test_serious_incidents_are_counted_in_the_points_for_attention(tmp_path):
    """Two serious incidents since the decision read "3 alert thresholds crossed and serious
    incident since the decision": no article, no count, as if there had been one."""
    files = {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production",
                        "stage_since": "2026-10-15"},  # switched on just before the first result
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Sensitiviteit", "unit": "%", "direction": "increase", "alert_threshold": 90}]},
            "results": [{"date": "2026-11-01", "values": {"M1": 94}}],
            "incidents": [{"date": d, "description": "x", "severity": "serious",
                           "reported_to": {"vendor": d, "manufacturer": d}} for d in ("2026-08-01", "2026-09-01")]},
    }
    root = make_portfolio(tmp_path / "p", {"mon-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    for lang, words in (("nl", "2 ernstige incidenten sinds het besluit"), ("en", "2 serious incidents since the decision")):
        [row] = lib.build_report_context(root, lang, EXAMPLE_TODAY)["monitoring"]["rows"]
        assert row["attention"] == words


def test_an_incident_dated_after_today_is_not_counted_in_the_report(tmp_path):
    """A serious incident typed as 2062-09-01 for 2026-09-01 was counted among the incidents since
    the decision in the board's report, while every other count of the report ends today (and
    raio check reports the date, MON008), as raio monitor counts results and incidents."""
    files = {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production", "stage_since": "2026-10-15"},
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Sensitiviteit", "unit": "%", "direction": "increase", "alert_threshold": 90}]},
            "results": [{"date": "2026-11-01", "values": {"M1": 94}}],
            "incidents": [{"date": d, "description": "x", "severity": "serious",
                           "reported_to": {"vendor": "2026-09-01", "manufacturer": "2026-09-01"}}
                          for d in ("2026-08-01", "2062-09-01")]},
    }
    root = make_portfolio(tmp_path / "p", {"mon-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    for lang, words in (("nl", "1 ernstig incident sinds het besluit"), ("en", "1 serious incident since the decision")):
        [row] = lib.build_report_context(root, lang, EXAMPLE_TODAY)["monitoring"]["rows"]
        assert row["attention"] == words


def test_a_justified_gap_in_monitoring_is_not_reported_as_missing(tmp_path):
    """A gap explained with '# raio: ignore[MON014] reason' (the application was switched off for
    those months) left raio check and status quiet, but the report still counted the results as
    missing: the board read a shortcoming the RAIO had accounted for."""
    files = gap_from_may_to_october()
    root = make_portfolio(tmp_path / "p", {"mon-app": files}, config={"organisation": "T", "department": "R"})
    path = root / "applications" / "mon-app" / "monitoring.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    [i] = [n for n, line in enumerate(lines) if "2026-10-15" in line]
    lines[i] += "  # raio: ignore[MON014] switched off from June to September for a PACS migration"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [row] = lib.build_report_context(root, "en", EXAMPLE_TODAY)["monitoring"]["rows"]
    assert row["overdue"] == "nothing, up to date" and "missing" not in row["attention"]


def test_a_justified_gap_of_one_metric_leaves_the_gap_of_another_ending_the_same_day(tmp_path):
    """Two metrics, each with its own result on 15 October after four months without one, and
    '# raio: ignore[MON014] reason' on the one of M1 only: raio check still reports M2's gap, but
    the report tied a suppression to its gap by the date the gap ends, so it listed M1's
    justified gap as missing results too. It reads the gaps raio check reports by metric and
    dates."""
    files = gap_from_may_to_october()
    files["monitoring"]["plan"]["metrics"] = [
        {"id": m, "description": m, "unit": "%", "direction": "increase", "alert_threshold": 90, "frequency": "monthly"}
        for m in ("M1", "M2")]
    files["monitoring"]["results"] = [{"date": "2026-05-01", "values": {"M1": 94, "M2": 95}},
                                      {"date": "2026-10-15", "values": {"M1": 95}},
                                      {"date": "2026-10-15", "values": {"M2": 96}}]
    root = make_portfolio(tmp_path / "p", {"mon-app": files}, config={"organisation": "T", "department": "R"})
    path = root / "applications" / "mon-app" / "monitoring.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    i = [n for n, line in enumerate(lines) if "2026-10-15" in line][0]  # the result of M1
    lines[i] += "  # raio: ignore[MON014] M1 measured on paper while the export was down"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines[i + 2].strip() == "M1: 95"
    for lang, gap, attention in (
            ("nl", "M2: 4 ontbreken tussen 1 mei 2026 en 15 okt 2026", "4 metingen ontbreken"),
            ("en", "M2: 4 missing between 1 May 2026 and 15 Oct 2026", "4 results missing")):
        [row] = lib.build_report_context(root, lang, EXAMPLE_TODAY)["monitoring"]["rows"]
        assert row["overdue"] == gap and row["attention"] == attention, (lang, row)


def test_an_expired_checklist_item_is_a_point_for_attention(tmp_path):
    """A DPIA of an application in production, marked done, expired a month ago: raio check
    reports an error (DAT009), but the report showed it only as a '!' in the compliance matrix,
    not among the points for attention the board reads first, where an expired CE certificate is."""
    files = {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01"},
        "compliance": {"items": [
            {"id": "dpia", "status": "done", "owner": "FG", "date": "2023-10-01", "expires": "2026-10-01"},
            {"id": "security-review", "status": "done", "owner": "CISO", "date": "2025-01-01", "expires": "2027-01-01"}]},
    }
    root = make_portfolio(tmp_path / "p", {"prod-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    today = dt.date(2026, 11, 1)
    for lang, words in (
            ("nl", "Prod: Gegevensbeschermingseffectbeoordeling (DPIA): bewijs verlopen sinds 1 oktober 2026 (31 dagen "
                   "geleden)."),
            ("en", "Prod: Data protection impact assessment (DPIA): evidence expired on 1 October 2026 (31 days ago).")):
        attention = lib.build_report_context(root, lang, today)["summary"]["attention"]
        assert {"text": words, "tone": "bad"} in attention, attention
        assert not any("Security" in a["text"] or "Beveiliging" in a["text"] for a in attention)


def test_an_mdd_certificate_within_the_art_120_transition_is_not_reported_as_expired(tmp_path):
    """A certificate under the former Directive (legal_basis: MDD on the ce-certificate item)
    past its printed date stays valid under MDR Art 120 (raio check: a DAT007 warning); the
    board report called it expired, in red, all the same."""
    from raio_cli.catalog import compliance_catalog

    until = dt.date.fromisoformat(str(compliance_catalog()["ce-certificate"]["mdd_transition"]["until"]["IIa"]))

    def production(app_id: str, legal_basis: str) -> dict:
        return {"application": {"id": app_id, "name": app_id, "stage": "production",
                                "regulatory": {"mdr_class": "IIa", "certificate": {
                                    "number": "CE 1", "notified_body": "BSI (2797)", "expires": "2026-05-01"}}},
                "compliance": {"items": [{"id": "ce-certificate", "status": "done", "evidence": "DMS-7",
                                          "date": "2025-01-01", "legal_basis": legal_basis}]}}

    config = {"organisation": "Testziekenhuis", "department": "Radiologie", "language": "nl"}
    root = make_portfolio(tmp_path / "p", {"mdd-app": production("mdd-app", "MDD"), "mdr-app": production("mdr-app", "MDR")},
                          config=config)
    for lang, words in (("nl", f"einddatum 1 mei 2026 verstreken (198 dagen geleden); als MDD-certificaat volgens "
                               f"art. 120 MDR geldig tot {until.day} december {until.year} als aan de voorwaarden is voldaan"),
                        ("en", f"printed date 1 May 2026 passed (198 days ago); as an MDD certificate valid under "
                               f"MDR Art 120 until {until.day} December {until.year} if its conditions are met")):
        rows = {c["app_id"]: c for c in lib.build_report_context(root, lang, EXAMPLE_TODAY)["certificates"]["rows"]}
        assert (rows["mdd-app"]["expired"], rows["mdd-app"]["tone"], rows["mdd-app"]["when"]) == (False, "warn", words)
        assert (rows["mdr-app"]["expired"], rows["mdr-app"]["tone"]) == (True, "bad")


def test_decisions_do_not_say_no_guardrail_breached_while_one_is_undecided(demo):
    """The mammography pilot's sensitivity guardrail G1 (74/80, 95% CI 84.6–96.5% against a limit
    of 90%) is inconclusive: the interval reaches past the limit. The decisions table said "no
    guardrail breached; undecided: G1", a reassurance the data do not give. "No guardrail
    breached" is now said only when every guardrail is within its limit."""
    for lang, no_breach, undecided in (("en", "no guardrail breached", "inconclusive or without a result: G1"),
                                        ("nl", "geen grens overschreden", "onbeslist of zonder uitkomst: G1")):
        context = lib.build_report_context(demo, lang, EXAMPLE_TODAY)
        mammo = next(r for r in context["decisions"]["rows"] if r["app_id"] == "mammografie-tweede-lezer")
        assert undecided in mammo["verdicts"] and no_breach not in mammo["verdicts"], mammo["verdicts"]


def test_a_decision_over_a_benefit_not_met_is_not_green_when_no_effect_is_primary(tmp_path):
    """The fracture pilot with no effect marked primary and its benefit E2 not met (4.0 against a
    target of at most 3.5): the memo weighs the decision on the benefits and says the scale-up
    departs from the rule, but the report's decisions table showed "1 of 2 expected effects met"
    in green, the tone of a decision that follows its evidence."""
    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")
    app = root / "applications" / "fractuurdetectie-seh"
    edit_yaml(app / "effects.yaml", lambda d: [e.update(primary=False) for e in d["effects"]])
    edit_yaml(app / "pilot.yaml", lambda d: next(r for r in d["outcome"]["results"] if r["effect"] == "E2").update(
        observed=4.0))
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2025, 1, 1))
    row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
    assert "1 of 2 expected effects met" in row["verdicts"] and row["tone"] == "bad", row
    # with E1 primary (and met), E2 is a secondary benefit: no red
    edit_yaml(app / "effects.yaml", lambda d: d["effects"][0].update(primary=True))
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2025, 1, 1))
    row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
    assert row["tone"] != "bad", row


def test_report_language_is_chosen_with_the_option_raio_init_names_it_by(demo, tmp_path, capsys):
    target = tmp_path / "report.md"
    code, _out, err = run(["report", str(demo), "--today", TODAY, "-f", "md", "--out", str(target), "--language", "en"],
                          capsys)
    assert code == 0, err
    assert "Portfolio" in target.read_text(encoding="utf-8") and "Toepassingen" not in target.read_text(encoding="utf-8")


def test_an_effect_without_positive_cases_cannot_be_evaluated_in_the_report_as_in_the_memo(tmp_path):
    """The fracture pilot's 2x2 table with no positive cases (tp = fn = 0): the memo says E1
    "cannot be evaluated", the report's decisions listed it as "undecided", as if the data were
    merely ambiguous. The report now uses the memo's word for a result raio cannot read."""
    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "fractuurdetectie-seh" / "pilot.yaml",
              lambda d: next(r for r in d["outcome"]["results"] if r["effect"] == "E1").update(
                  counts={"tp": 0, "fp": 50, "fn": 0, "tn": 402}))
    for lang, word, undecided in (("en", "cannot be evaluated: E1", "inconclusive or without a result: E1"),
                                  ("nl", "niet te beoordelen: E1", "onbeslist of zonder uitkomst: E1")):
        context = lib.build_report_context(root, lang, EXAMPLE_TODAY, since=dt.date(2025, 1, 1))
        row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
        assert word in row["verdicts"] and undecided not in row["verdicts"], row["verdicts"]


def test_an_extended_pilot_whose_plan_dates_are_out_of_order_says_which_end_is_wrong(tmp_path):
    """A pilot with plan.end before plan.start (2026-03-05 for 2027-03-05) and an extension to
    2027-06-30 read "7 Sep 2026 - 30 Jun 2027 (the start is not before the end)": a period in
    order, said to be out of order, the wrong date nowhere. And an extension ending before the
    wrong plan.end gave the plan.end as the pilot's end. raio status and export show the latest
    end without the wrong plan.end (rules.dates.last_planned_end) and name the pair; the report's
    timeline now does the same, in both languages."""
    from raio_cli import status

    def app(app_id, start, end, extensions):
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "pilot"},
                "pilot": {"plan": {"start": start, "end": end},
                          "extensions": [{"end": e, "date": "2026-10-01", "reason": "More cases"} for e in extensions]}}
    root = make_portfolio(tmp_path / "p", {"extended": app("extended", "2026-09-07", "2026-03-05", ["2027-06-30"]),
                                           "short": app("short", "2026-09-07", "2026-08-01", ["2026-06-01"]),
                                           "plain": app("plain", "2026-09-07", "2026-03-05", [])})
    shown = {a["id"]: a["pilot_end"] for a in status.portfolio_status(root, EXAMPLE_TODAY, use_git=False)["applications"]}
    assert shown == {"extended": "2027-06-30", "short": "2026-06-01", "plain": None}
    for lang, extended, short, plain in (
            ("en", "pilot · 7 Sep 2026 – 30 Jun 2027 (the planned start is not before the planned end, 5 Mar 2026) "
                   "· 1 extension",
             "pilot · 7 Sep 2026 – 1 Jun 2026 (the planned start is not before the planned end, 1 Aug 2026) "
             "· 1 extension",
             "pilot · 7 Sep 2026 – 5 Mar 2026 (the start is not before the end)"),
            ("nl", "pilot · 7 sep 2026 – 30 jun 2027 (de geplande start ligt niet vóór het geplande einde, 5 mrt 2026) "
                   "· 1 verlenging",
             "pilot · 7 sep 2026 – 1 jun 2026 (de geplande start ligt niet vóór het geplande einde, 1 aug 2026) "
             "· 1 verlenging",
             "pilot · 7 sep 2026 – 5 mrt 2026 (de start ligt niet vóór het einde)")):
        rows = {r["id"]: r["pilot"] for r in lib.build_report_context(root, lang, EXAMPLE_TODAY)["timeline"]["rows"]}
        assert (rows["extended"], rows["short"], rows["plain"]) == (extended, short, plain), lang


def test_an_extend_decisions_new_end_is_the_pilots_end_in_status_export_and_report(tmp_path):
    """A pilot extended by its decision (choice extend, new_end 2027-03-31) with no extensions
    entry: the report's timeline and the rules counted to 2027-03-31, but raio status and export
    showed the plan's 2026-09-30, a pilot past its end for the reader of the status."""
    from raio_cli import exports, portfolio, status

    app = {"application": {"id": "verlengd", "name": "Verlengd", "stage": "pilot"},
           "pilot": {"plan": {"start": "2026-03-01", "end": "2026-09-30"},
                     "decision": {"choice": "extend", "date": "2026-10-15", "new_end": "2027-03-31"}}}
    root = make_portfolio(tmp_path / "p", {"verlengd": app})
    (row,) = status.portfolio_status(root, EXAMPLE_TODAY, use_git=False)["applications"]
    assert row["pilot_end"] == "2027-03-31"
    (exported,) = exports.rows(portfolio.load(root))
    assert (exported["plan_end"], exported["last_end"]) == ("2026-09-30", "2027-03-31")
    (shown,) = lib.build_report_context(root, "en", EXAMPLE_TODAY)["timeline"]["rows"]
    assert shown["pilot"] == "pilot · 1 Mar 2026 – 31 Mar 2027 · 1 extension"


def test_the_reports_count_of_extensions_is_the_one_dat004_gives(tmp_path):
    """The report's pilotitis row counted every entry of pilot.yaml's extensions, also one that
    is no mapping (a bare date, which DAT004 and the timeline do not count as an extension), and
    said "3 extensions" where raio check said 2. One function now counts them for all three."""
    from raio_cli import check

    app = {"application": {"id": "verlengd", "name": "Verlengd", "stage": "pilot"},
           "pilot": {"plan": {"start": "2026-01-05", "end": "2026-04-30"},
                     "extensions": ["2026-05-31", {"end": "2026-06-30", "date": "2026-04-20", "reason": "More cases"}],
                     "decision": {"choice": "extend", "date": "2026-06-25", "new_end": "2026-08-31"}}}
    root = make_portfolio(tmp_path / "p", {"verlengd": app})
    (found,) = [f for f in check.run(root, today=EXAMPLE_TODAY, use_git=False).findings if f.code == "DAT004"]
    assert found.message.startswith("2 extensions of the pilot")
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    (row,) = [r for r in context["pilotitis"]["rows"] if r["code"] == "DAT004"]
    assert row["measure"].startswith("2 extensions, policy allows 1"), row["measure"]
    (shown,) = context["timeline"]["rows"]
    assert shown["pilot"].endswith("· 2 extensions"), shown["pilot"]

def test_the_timeline_table_says_when_a_retired_application_went_out_of_use(demo):
    """The timeline's table (under the chart, and what a screen reader reads) showed a retired
    application's scale-up of 2022 as the last word on it; the switch-off follows it now."""
    for lang, words in (("en", "scale up 10 Oct 2022; out of use from 30 Jun 2026"),
                        ("nl", "uit gebruik per 30 jun 2026")):
        rows = {r["id"]: r for r in lib.build_report_context(demo, lang, EXAMPLE_TODAY)["timeline"]["rows"]}
        assert words in rows["hersenvolumetrie-mri"]["decision"], rows["hersenvolumetrie-mri"]["decision"]
        assert "uit gebruik" not in rows["fractuurdetectie-seh"]["decision"]
        assert "out of use" not in rows["fractuurdetectie-seh"]["decision"]


def test_a_typo_in_the_plan_dates_is_shown_in_the_timeline_as_no_date(tmp_path):
    """A typo in plan.end (2026-13-01) was drawn as a pilot without an end ("7 Sep 2026 – —"), and
    an end before the start as the pilot's period ("7 Sep 2026 – 5 Mar 2026"): the board took
    them for real dates. The typo is shown as written and marked as no date; a pair in the wrong
    order says so, and no bar runs back in time."""
    from test_status import _typo_portfolio

    root = _typo_portfolio(tmp_path / "p")
    for lang, month, start, order in (
            ("en", "pilot · 7 Sep 2026 – '2026-13-01' (not a date)", "pilot · '2026-02-30' (not a date) – 5 Mar 2027",
             "pilot · 7 Sep 2026 – 5 Mar 2026 (the start is not before the end)"),
            ("nl", "pilot · 7 sep 2026 – '2026-13-01' (geen datum)", "pilot · '2026-02-30' (geen datum) – 5 mrt 2027",
             "pilot · 7 sep 2026 – 5 mrt 2026 (de start ligt niet vóór het einde)")):
        timeline = lib.build_report_context(root, lang, EXAMPLE_TODAY)["timeline"]
        rows = {r["id"]: r["pilot"] for r in timeline["rows"]}
        assert rows["month-typo"] == month
        assert rows["start-typo"] == start
        assert rows["year-typo"] == order
        assert rows["in-order"].endswith("2027") and "(" not in rows["in-order"]
        chart = ET.fromstring(timeline["svg"])
        assert bars_by_app(chart)["in-order"] == 1
    # in a portfolio under git, a pilot without a readable plan.start is drawn from the day it
    # entered the pilot stage; the typo is still what the table shows
    git = Git(root)
    git.commit("Dossiers", "2026-10-01T10:00:00")
    rows = {r["id"]: r["pilot"] for r in lib.build_report_context(root, "en", EXAMPLE_TODAY)["timeline"]["rows"]}
    assert rows["start-typo"] == "pilot · '2026-02-30' (not a date) – 5 Mar 2027"


def test_the_timeline_draws_no_bar_for_plan_dates_out_of_order_and_each_extension_on_its_own(tmp_path):
    """A pilot whose plan.end (5 Mar 2026) lies before its plan.start (7 Sep 2026) was drawn as a
    dashed bar from the start to today, labelled "no end date"; with an extension to 30 Jun 2027
    the extension's segment ran from the start, as if it were the whole pilot. Neither date pair
    can be drawn: the row has no bar and says why in the chart. An extended pilot's segments each
    say what they are: the planned pilot to its planned end, then the extension to its end."""
    def app(app_id, start, end, extensions):
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "pilot"},
                "pilot": {"plan": {"start": start, "end": end},
                          "extensions": [{"end": e, "date": "2026-09-20", "reason": "More cases"} for e in extensions]}}
    root = make_portfolio(tmp_path / "p", {"order": app("order", "2026-09-07", "2026-03-05", []),
                                           "order-ext": app("order-ext", "2026-09-07", "2026-03-05", ["2027-06-30"]),
                                           "ext": app("ext", "2026-03-01", "2026-09-30", ["2026-12-31"])})
    for lang, why, planned, extension in (
            ("en", "no bar: the planned end (5 Mar 2026) is not after the start (7 Sep 2026)",
             "planned pilot: 1 Mar 2026 – 30 Sep 2026", "extension: 30 Sep 2026 – 31 Dec 2026"),
            ("nl", "geen balk: het geplande einde (5 mrt 2026) ligt niet na de start (7 sep 2026)",
             "geplande pilot: 1 mrt 2026 – 30 sep 2026", "verlenging: 30 sep 2026 – 31 dec 2026")):
        chart = ET.fromstring(lib.build_report_context(root, lang, EXAMPLE_TODAY)["timeline"]["svg"])
        groups = {g.get("data-app"): g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app")}
        for app_id in ("order", "order-ext"):
            group = groups[app_id]
            classes = [r.get("class") or "" for r in group.iter(f"{SVG_NS}rect")]
            assert not any("bar-pilot" in c or "bar-extension" in c for c in classes), (lang, app_id, classes)
            texts = [t.text for t in group.iter(f"{SVG_NS}text") if t.get("class") == "no-bar"]
            assert texts == [why], (lang, app_id, texts)
            assert "no end date" not in ET.tostring(group, encoding="unicode")
        group = groups["ext"]
        (bar,) = [r for r in group.iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        (ext,) = [r for r in group.iter(f"{SVG_NS}rect") if r.get("class") == "bar-extension"]
        assert bar.find(f"{SVG_NS}title").text.endswith(planned), lang
        assert ext.find(f"{SVG_NS}title").text == extension, lang
        assert float(bar.get("x")) + float(bar.get("width")) <= float(ext.get("x")) + 0.1  # one after the other
        assert ext.get("fill") != bar.get("fill")
        legend = [t.text for g in chart.iter(f"{SVG_NS}g") if g.get("class") == "legend" for t in g.iter(f"{SVG_NS}text")]
        assert ("extension" if lang == "en" else "verlenging") in legend
    note = lib.build_report_context(root, "en", EXAMPLE_TODAY)["timeline"]["note"]
    assert "A pilot whose planned end is not after its start has no bar; correct plan.start or plan.end" in note


def test_a_timeline_row_without_a_bar_still_shows_its_decision(tmp_path):
    """A pilot whose plan.end lies before its plan.start (DAT001) has no bar on the timeline; its
    row showed no decision either, though every other row marks the decision on its day with its
    choice. The row without a bar keeps its decision's marker and label, at the decision's day."""
    def app(app_id, choice):
        pilot = {"plan": {"start": "2026-09-07", "end": "2026-03-05"}}
        if choice:
            # decided by the board: without decided_by it is a recommendation, marked so
            pilot["decision"] = {"choice": choice, "date": "2026-10-20", "rationale": "Seen enough.",
                                 "decided_by": "Board"}
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "evaluation"}, "pilot": pilot}
    root = make_portfolio(tmp_path / "p", {"decided": app("decided", "stop"), "undecided": app("undecided", "")})
    for lang, word in (("en", "stopped"), ("nl", "gestopt")):
        chart = ET.fromstring(lib.build_report_context(root, lang, EXAMPLE_TODAY)["timeline"]["svg"])
        groups = {g.get("data-app"): g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app")}
        decided = groups["decided"]
        assert [t.get("class") for t in decided.iter(f"{SVG_NS}text") if t.get("class") == "no-bar"] == ["no-bar"]
        (marker,) = [p for p in decided.iter(f"{SVG_NS}path") if (p.get("class") or "").startswith("decision")]
        assert marker.get("class") == "decision decision-stop", lang
        labels = [t.text for t in decided.iter(f"{SVG_NS}text") if t.get("class") == "decision-label"]
        assert len(labels) == 1 and labels[0].lower().startswith(word), (lang, labels)
        # on the decision's day: to the right of the planned start (7 Sep 2026), left of today (15 Nov 2026)
        today_x = float(next(line for line in chart.iter(f"{SVG_NS}line") if line.get("class") == "today-line").get("x1"))
        marker_x = float(marker.get("d").split()[0][1:])
        assert marker_x < today_x, (marker_x, today_x)
        undecided = groups["undecided"]
        assert not [p for p in undecided.iter(f"{SVG_NS}path") if (p.get("class") or "").startswith("decision")]


def test_an_extension_of_a_pilot_without_a_planned_end_is_not_drawn_as_the_whole_pilot(tmp_path):
    """A pilot in stage pilot with plan.start 1 Mar 2026, no plan.end, and an extension to
    31 Dec 2026 decided on 1 Sep 2026 was drawn as a 3-px planned pilot and an extension from
    1 Mar to 31 Dec, as if the whole pilot were the extension. The planned pilot now runs dashed
    (its end is not given) to the day the extension was decided, the extension from that day;
    without that day, one bar runs to the extension's end and says the planned end is not given."""
    def app(app_id, extension):
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "pilot"},
                "pilot": {"plan": {"start": "2026-03-01"}, "extensions": [extension]}}
    root = make_portfolio(tmp_path / "p", {
        "dated": app("dated", {"end": "2026-12-31", "date": "2026-09-01", "reason": "x"}),
        "undated": app("undated", {"end": "2026-12-31", "reason": "x"})})
    for lang, planned, extension, whole in (
            ("en", "planned pilot: from 1 Mar 2026, its planned end not given",
             "extension: decided on 1 Sep 2026, until 31 Dec 2026 (the pilot's planned end is not given)",
             "pilot with its extension: 1 Mar 2026 – 31 Dec 2026 (the planned end is not given)"),
            ("nl", "geplande pilot: vanaf 1 mrt 2026, gepland einde niet opgegeven",
             "verlenging: besloten op 1 sep 2026, tot 31 dec 2026 (het geplande einde van de pilot is niet opgegeven)",
             "pilot met verlenging: 1 mrt 2026 – 31 dec 2026 (het geplande einde is niet opgegeven)")):
        chart = ET.fromstring(lib.build_report_context(root, lang, dt.date(2026, 11, 15))["timeline"]["svg"])
        groups = {g.get("data-app"): g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app")}
        (bar,) = [r for r in groups["dated"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        (ext,) = [r for r in groups["dated"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-extension"]
        assert bar.find(f"{SVG_NS}title").text.endswith(planned), lang
        assert ext.find(f"{SVG_NS}title").text == extension, lang
        assert bar.get("stroke-dasharray")  # drawn as a pilot without a planned end
        split = float(bar.get("x")) + float(bar.get("width"))
        assert abs(split - float(ext.get("x"))) < 0.2  # the extension begins where the pilot bar stops
        assert float(bar.get("width")) > 1.4 * float(ext.get("width"))  # 184 days (1 Mar - 1 Sep) against 121
        (bar,) = [r for r in groups["undated"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        assert not [r for r in groups["undated"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-extension"]
        assert bar.find(f"{SVG_NS}title").text.endswith(whole), lang
        assert bar.get("stroke-dasharray")
        assert abs(float(bar.get("x")) + float(bar.get("width")) - float(ext.get("x")) - float(ext.get("width"))) < 0.2


def test_an_unreadable_planned_end_is_not_called_absent_on_the_timeline(tmp_path):
    """A pilot whose plan.end is there but no date (`31-13-2027`, a list) was titled on the
    timeline as if it had none: "its planned end not given" beside an extension, "no end date"
    without one. Unreadable is not absent (the fix is to correct the value, not to add one): the
    timeline says the planned end is unreadable, in both languages; a plan without an end keeps
    its own words."""
    def app(app_id, end, extension=None):
        plan = {"start": "2026-03-01", **({"end": end} if end is not None else {})}
        return {"application": {"id": app_id, "name": app_id.title(), "stage": "pilot"},
                "pilot": {"plan": plan, **({"extensions": [extension]} if extension else {})}}
    decided = {"end": "2026-12-31", "date": "2026-09-01", "reason": "x"}
    root = make_portfolio(tmp_path / "p", {
        "typo": app("typo", "31-13-2027", decided), "listed": app("listed", ["2026-09-30"], decided),
        "undated": app("undated", "31-13-2027", {"end": "2026-12-31", "reason": "x"}),
        "alone": app("alone", "31-13-2027"), "absent": app("absent", None)})
    for lang, planned, extension, whole, label, absent in (
            ("en", "planned pilot: from 1 Mar 2026, its planned end unreadable",
             "extension: decided on 1 Sep 2026, until 31 Dec 2026 (the pilot's planned end is unreadable)",
             "pilot with its extension: 1 Mar 2026 – 31 Dec 2026 (the planned end is unreadable)",
             "planned end unreadable", "no end date"),
            ("nl", "geplande pilot: vanaf 1 mrt 2026, gepland einde niet te lezen",
             "verlenging: besloten op 1 sep 2026, tot 31 dec 2026 (het geplande einde van de pilot is niet te lezen)",
             "pilot met verlenging: 1 mrt 2026 – 31 dec 2026 (het geplande einde is niet te lezen)",
             "gepland einde niet te lezen", "geen einddatum")):
        chart = ET.fromstring(lib.build_report_context(root, lang, dt.date(2026, 11, 15))["timeline"]["svg"])
        groups = {g.get("data-app"): g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app")}
        for app_id in ("typo", "listed"):
            (bar,) = [r for r in groups[app_id].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
            (ext,) = [r for r in groups[app_id].iter(f"{SVG_NS}rect") if r.get("class") == "bar-extension"]
            assert bar.find(f"{SVG_NS}title").text.endswith(planned), (lang, app_id)
            assert ext.find(f"{SVG_NS}title").text == extension, (lang, app_id)
        (bar,) = [r for r in groups["undated"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        assert bar.find(f"{SVG_NS}title").text.endswith(whole), lang
        texts = {g: [t.text for t in groups[g].iter(f"{SVG_NS}text")] for g in ("alone", "absent")}
        assert label in texts["alone"] and absent not in texts["alone"], (lang, texts)
        assert absent in texts["absent"] and label not in texts["absent"], (lang, texts)
        page = ET.tostring(chart, encoding="unicode")
        assert "not given" not in page and "niet opgegeven" not in page


def _retired_with_incidents(tmp_path) -> Path:
    """The example portfolio, committed, with two incidents of Hersenvolumetrie (retired on
    2026-06-30): a serious one on 2026-02-12, within the report's year before 2026-11-15, and a
    moderate one of 2024 before it."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "hersenvolumetrie-mri" / "monitoring.yaml", lambda d: d.update(incidents=[
        {"date": "2026-02-12", "severity": "serious", "description": "Hippocampusvolume van de verkeerde zijde.",
         "reported_to": {"vendor": "2026-02-13", "manufacturer": "2026-02-13"}, "reference": "VIM-2026-007"},
        {"date": "2024-05-02", "severity": "moderate", "description": "Segmentatie mislukt.",
         "reported_to": {"vendor": "2024-05-03"}}]))
    Git(root).commit("portfolio", "2026-10-01")
    return root


def test_a_retired_applications_serious_incident_in_the_period_is_in_the_monitoring_section(tmp_path):
    """A serious incident of February 2026 (AI Act Art 73, MDR vigilance) of an application
    retired in June 2026: the report's monitoring section listed only the applications in
    production, so the board's report of the year in which it happened said nothing of it. It is
    listed now, marked as an application out of use, with the incidents of the period only (not
    the one of 2024), and it is a point for attention, in every format and both languages."""
    import io

    from pypdf import PdfReader

    root = _retired_with_incidents(tmp_path)
    name = "Hersenvolumetrie op MRI voor de geheugenpoli"
    for lang, off, count, attention, note in (
            ("en", "out of use from 30 June 2026", "1 serious in this period",
             f"{name}: 1 serious incident in this period (now out of use).",
             "An application not in production (still in its pilot, stopped or out of use) is listed for its"),
            ("nl", "uit gebruik per 30 juni 2026", "1 ernstig in deze periode",
             f"{name}: 1 ernstig incident in deze periode (inmiddels uit gebruik).",
             "Een toepassing die niet in productie is (nog in pilot, gestopt of uit gebruik), staat hier voor")):
        row, context = _monitoring_row(root, lang, "hersenvolumetrie-mri", attention)
        assert row["note"] == off and row["incidents"] == count and row["tone"] == "bad"
        # the applications in production are there as before, without the note
        assert {r["app_id"] for r in context["monitoring"]["rows"]} == {
            "hersenvolumetrie-mri", "fractuurdetectie-seh", "mammografie-tweede-lezer", "stroke-lvo-triage"}
        md = lib.render_report(root, "md", lang, EXAMPLE_TODAY).decode("utf-8")
        monitoring = md[md.index("## " + lib.report_strings(lang)["section_monitoring"]):]
        [line] = [x for x in monitoring.splitlines() if x.startswith(f"| {name}")]
        assert off in line and count in line, line
        assert note in monitoring
        page = html_report(root, lang)
        monitoring = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(page[page.index('id="monitoring"'):])).split())
        assert f"{name} {off}" in monitoring and count in monitoring and note in monitoring
        data = lib.render_report(root, "pdf", lang, EXAMPLE_TODAY)
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
        assert off in text and count in text and note in text


def test_a_retired_applications_incidents_before_the_period_leave_it_out_of_the_monitoring_section(tmp_path):
    """The retired application is listed for the incidents of the report's period only: a report
    of a period after its serious incident says nothing of it."""
    root = _retired_with_incidents(tmp_path)
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2026, 3, 1))
    assert "hersenvolumetrie-mri" not in {r["app_id"] for r in context["monitoring"]["rows"]}
    assert not any("Hersenvolumetrie" in a["text"] for a in context["summary"]["attention"])


def test_a_retired_applications_missing_results_of_its_use_are_in_the_monitoring_section(tmp_path):
    """Hersenvolumetrie, retired on 30 June 2026, with three quarters without a result in 2024 and
    none in its last two quarters of use: raio check reports them (MON014) and its memo lists
    them, but the report showed monitoring gaps of applications in production only, and left a
    retired one without incidents out of its monitoring section: the board read nothing of the
    months it was used unwatched. Its row now lists them as the memo does (the last up to the
    switch-off), they are a point for attention, and the section's note says why it is there; a
    gap explained with a suppression is not listed."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    folder = root / "applications" / "hersenvolumetrie-mri"
    edit_yaml(folder / "monitoring.yaml", lambda d: d.update(results=[
        r for r in d["results"] if not ("2024-06-30" <= str(r["date"]) <= "2024-12-31" or str(r["date"]) >= "2025-12-31")]))
    Git(root).commit("Monitoring of the retired application, with its gaps", "2026-11-10")
    for lang, gaps, attention, note in (
            ("en", "results: 3 missing between 31 Mar 2024 and 31 Mar 2025; "
                   "results: 2 missing between 30 Sep 2025 and the switch-off on 30 Jun 2026",
             "5 results missing (now out of use)", "one out of use also for the results missing from its time in use"),
            ("nl", "metingen: 3 ontbreken tussen 31 mrt 2024 en 31 mrt 2025; "
                   "metingen: 2 ontbreken tussen 30 sep 2025 en de uitgebruikname op 30 jun 2026",
             "5 metingen ontbreken (inmiddels uit gebruik)",
             "een toepassing die uit gebruik is ook voor de metingen die in haar gebruiksperiode ontbreken")):
        context = lib.build_report_context(root, lang, EXAMPLE_TODAY)
        [row] = [r for r in context["monitoring"]["rows"] if r["app_id"] == "hersenvolumetrie-mri"]
        assert row["overdue"] == gaps and row["overdue_tone"] == "warn", row
        assert row["attention"] == attention and row["tone"] == "warn", row
        assert note in " ".join(context["monitoring"]["retired_note"].split())
        md = " ".join(lib.render_report(root, "md", lang, EXAMPLE_TODAY).decode("utf-8").split())
        assert gaps in md and note in md
    # explained where raio check reports them, they leave the report (and the row, which has no incidents)
    for rel, day in (("monitoring.yaml", "2025-03-31"), ("application.yaml", "2026-06-30")):
        path = folder / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        i = [n for n, line in enumerate(lines) if day in line and "date" in line][0]
        lines[i] += "  # raio: ignore[MON014] the scanner was replaced; no examinations for the clinic"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    assert "hersenvolumetrie-mri" not in {r["app_id"] for r in context["monitoring"]["rows"]}


def test_a_decision_on_an_interval_below_the_policy_level_is_not_shown_as_plain_met(tmp_path):
    """The fracture pilot's primary E1 reported as 93.4 with an 80% interval [91.5, 94.5]: the
    memo says the verdict rests on "80%, below 95%" and raio check warns (OUT013), but the
    report's decisions table said "2 of 2 expected effects met" in green. It now names the
    effect and its level, in both languages and every format, and the tone is no longer green.
    A hospital whose raio.yaml policy accepts 80% gets no such note."""
    import io

    from pypdf import PdfReader

    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")
    app = root / "applications" / "fractuurdetectie-seh"
    edit_yaml(app / "pilot.yaml", lambda d: d["outcome"]["results"][0].update(
        counts=None, interval=[91.5, 94.5], interval_level=80))
    since = dt.date(2025, 1, 1)
    for lang, words in (("en", "judged on an interval below the policy's 95%: E1 (80%)"),
                        ("nl", "beoordeeld op een interval onder de 95% van het beleid: E1 (80%)")):
        context = lib.build_report_context(root, lang, EXAMPLE_TODAY, since=since)
        row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
        assert words in row["verdicts"] and row["tone"] == "warn", row
        for fmt in ("html", "md"):
            text = lib.render_report(root, fmt, lang, EXAMPLE_TODAY, since).decode("utf-8")
            assert words in html.unescape(text), fmt
        pdf = PdfReader(io.BytesIO(lib.render_report(root, "pdf", lang, EXAMPLE_TODAY, since)))
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
        assert "E1 (80%)" in text, text
    # the example as it is (E1 from its 2x2 table, a Wilson 95% interval): no such note
    plain = copy_example(tmp_path / "q")
    row = next(r for r in lib.build_report_context(plain, "en", EXAMPLE_TODAY, since=since)["decisions"]["rows"]
               if r["app_id"] == "fractuurdetectie-seh")
    assert "below the policy" not in row["verdicts"] and row["tone"] == "good", row
    # a reasoned suppression of OUT013 keeps the report quiet, as it keeps the memo and the check
    pilot = app / "pilot.yaml"
    text = pilot.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("interval_level:"))
    pilot.write_text(text.replace(line, f"{line}  # raio: ignore[OUT013] the board accepted 80% for this pilot"),
                     encoding="utf-8")
    row = next(r for r in lib.build_report_context(root, "en", EXAMPLE_TODAY, since=since)["decisions"]["rows"]
               if r["app_id"] == "fractuurdetectie-seh")
    assert "below the policy" not in row["verdicts"] and row["tone"] == "good", row
    pilot.write_text(text, encoding="utf-8")
    edit_yaml(root / "raio.yaml", lambda d: d.setdefault("policy", {}).update(min_interval_level=80))
    row = next(r for r in lib.build_report_context(root, "en", EXAMPLE_TODAY, since=since)["decisions"]["rows"]
               if r["app_id"] == "fractuurdetectie-seh")
    assert "below the policy" not in row["verdicts"] and row["tone"] == "good", row


def _monitoring_text(root: Path, lang: str, today: dt.date, since: dt.date, fmt: str) -> str:
    """The monitoring section of the report in ``fmt`` (md, html or pdf) as plain text."""
    import io

    from pypdf import PdfReader

    data = lib.render_report(root, fmt, lang, today, since)
    if fmt == "pdf":
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8")
        if fmt == "html":
            text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(text[text.index('id="monitoring"'):])).split())
    return text


def _monitoring_row(root: Path, lang: str, app_id: str, attention: str, since: dt.date | None = None):
    """The report's monitoring row of ``app_id`` and its context, after asserting that the
    summary's points for attention hold ``attention``."""
    context = lib.build_report_context(root, lang, EXAMPLE_TODAY, since=since) if since else \
        lib.build_report_context(root, lang, EXAMPLE_TODAY)
    [row] = [r for r in context["monitoring"]["rows"] if r["app_id"] == app_id]
    assert attention in [a["text"] for a in context["summary"]["attention"]]
    return row, context


def _with_incidents(tmp_path, app_id: str, incidents: list[dict]) -> Path:
    """The example portfolio, committed, with ``incidents`` in the monitoring.yaml of ``app_id``
    (made when the application has none)."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    path = root / "applications" / app_id / "monitoring.yaml"
    if not path.exists():
        path.write_text("incidents: []\n", encoding="utf-8")
    edit_yaml(path, lambda d: d.update(incidents=incidents))
    Git(root).commit("portfolio", "2026-10-01")
    return root


SERIOUS_IN_PILOT = {"date": "2025-01-20", "severity": "serious", "description": "Gemiste pneumothorax.",
                    "reported_to": {"vendor": "2025-01-21", "manufacturer": "2025-01-21"}, "reference": "VIM-2025-003"}


def test_a_stopped_applications_serious_incident_in_the_period_is_in_the_monitoring_section(tmp_path):
    """The chest X-ray triage pilot was stopped in April 2025; a serious incident of January 2025,
    during its pilot, was in no report: the monitoring section listed applications in production
    and retired ones only. A report of a period that holds the incident lists it now, marked
    as a stopped pilot with the day it ended, and it is a point for attention, in every format
    and both languages; a report of a later period does not."""
    root = _with_incidents(tmp_path, "thoraxfoto-triage", [SERIOUS_IN_PILOT])
    name = "Triage van thoraxfoto's uit de huisartsenpraktijk"
    since = dt.date(2025, 1, 1)
    for lang, note, count, attention in (
            ("en", "pilot stopped, ended 28 February 2025", "1 serious in this period",
             f"{name}: 1 serious incident in this period (pilot stopped)."),
            ("nl", "pilot gestopt, geëindigd 28 februari 2025", "1 ernstig in deze periode",
             f"{name}: 1 ernstig incident in deze periode (pilot gestopt).")):
        row, context = _monitoring_row(root, lang, "thoraxfoto-triage", attention, since)
        assert row["note"] == note and row["incidents"] == count and row["tone"] == "bad", row
        for fmt in ("md", "html", "pdf"):
            text = _monitoring_text(root, lang, EXAMPLE_TODAY, since, fmt)
            assert note in text and count in text, fmt
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)  # the year before 2026-11-15
    assert "thoraxfoto-triage" not in {r["app_id"] for r in context["monitoring"]["rows"]}


def test_an_incident_during_the_pilot_of_an_application_in_production_is_in_the_report(tmp_path):
    """The mammography second reader was scaled up on 2026-03-16; a serious incident of
    2026-02-10, during its pilot and within the report's year, was left out: the section counted
    incidents since the decision only. The row now says it, apart from those since the decision,
    and it is a point for attention."""
    incident = {**SERIOUS_IN_PILOT, "date": "2026-02-10", "reported_to": {"vendor": "2026-02-11", "manufacturer": "2026-02-11"}}
    root = _with_incidents(tmp_path, "mammografie-tweede-lezer", [incident])
    name = "AI als tweede lezer bij klinische mammografie"
    for lang, words, attention in (
            ("en", "none since the decision; 1 serious during the pilot, in this period",
             f"{name}: 1 serious incident during the pilot, in this period."),
            ("nl", "geen sinds het besluit; 1 ernstig tijdens de pilot, in deze periode",
             f"{name}: 1 ernstig incident tijdens de pilot, in deze periode.")):
        row, context = _monitoring_row(root, lang, "mammografie-tweede-lezer", attention)
        assert row["incidents"] == words and row["tone"] == "bad", row
        for fmt in ("md", "html"):
            assert words in html.unescape(_monitoring_text(root, lang, EXAMPLE_TODAY, EXAMPLE_TODAY.replace(year=2025), fmt))
    # a report of a period after the pilot's incident: no word of it
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2026, 3, 1))
    [row] = [r for r in context["monitoring"]["rows"] if r["app_id"] == "mammografie-tweede-lezer"]
    assert row["incidents"] == "none since the decision" and row["tone"] == "good", row


def test_an_incident_during_the_pilot_of_a_retired_application_is_in_the_report(tmp_path):
    """Brain volumetry was scaled up on 2022-10-10 and retired in 2026; a report of the period
    from 2022 left out its serious incident of 2022-06-01, from its pilot."""
    incident = {**SERIOUS_IN_PILOT, "date": "2022-06-01", "reported_to": {"vendor": "2022-06-02", "manufacturer": "2022-06-02"}}
    root = _with_incidents(tmp_path, "hersenvolumetrie-mri", [incident])
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2022, 1, 1))
    [row] = [r for r in context["monitoring"]["rows"] if r["app_id"] == "hersenvolumetrie-mri"]
    assert row["incidents"] == "1 serious in this period" and row["tone"] == "bad", row



def test_a_serious_incident_of_an_application_still_in_its_pilot_is_in_the_report(tmp_path):
    """raio monitor records an incident at any stage; one of the prostate MRI pilot (still in
    its pilot) was in no section of the report. It is listed now with the application's stage,
    and a serious one is a point for attention; a pilot needs no monitoring plan yet, so the
    row does not call its absence a shortcoming."""
    incident = {**SERIOUS_IN_PILOT, "date": "2026-09-20", "reported_to": {"vendor": "2026-09-21", "manufacturer": "2026-09-21"}}
    root = _with_incidents(tmp_path, "prostaat-mri-pirads", [incident])
    name = "Ondersteuning PI-RADS-beoordeling prostaat-MRI"
    for lang, note, plan, attention in (
            ("en", "stage pilot", "not yet in production", f"{name}: 1 serious incident in this period."),
            ("nl", "fase pilot", "nog niet in productie", f"{name}: 1 ernstig incident in deze periode.")):
        row, context = _monitoring_row(root, lang, "prostaat-mri-pirads", attention)
        assert row["note"] == note and row["plan"] == plan and row["tone"] == "bad", row

def test_a_retired_applications_incident_without_a_date_is_counted_and_flagged(tmp_path):
    """An incident of the retired brain volumetry recorded without a date (raio check reports
    the missing date) was silently left out of the report: no period holds it. It is counted now,
    as an incident without a date, and a serious one is a point for attention."""
    undated = {k: v for k, v in SERIOUS_IN_PILOT.items() if k != "date"}
    root = _with_incidents(tmp_path, "hersenvolumetrie-mri", [undated])
    name = "Hersenvolumetrie op MRI voor de geheugenpoli"
    for lang, words, attention in (
            ("en", "1 serious without a date", f"{name}: 1 serious incident without a date (now out of use)."),
            ("nl", "1 ernstig zonder datum", f"{name}: 1 ernstig incident zonder datum (inmiddels uit gebruik).")):
        row, context = _monitoring_row(root, lang, "hersenvolumetrie-mri", attention)
        assert row["incidents"] == words and row["tone"] == "bad", row
        for fmt in ("md", "html"):
            assert words in html.unescape(_monitoring_text(root, lang, EXAMPLE_TODAY, EXAMPLE_TODAY.replace(year=2025), fmt))
    # in production, an incident without a date was counted with those since the decision, as
    # if its date were known: it is said apart now
    edit_yaml(root / "applications" / "fractuurdetectie-seh" / "monitoring.yaml",
              lambda d: d["incidents"].append(undated))
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    [row] = [r for r in context["monitoring"]["rows"] if r["app_id"] == "fractuurdetectie-seh"]
    assert row["incidents"] == "1 moderate since the decision; 1 serious without a date", row
    assert row["attention"] == "1 serious incident without a date" and row["tone"] == "bad", row


def test_the_monitoring_sections_title_fits_an_application_out_of_use(tmp_path):
    """With a retired application in it, the section was still titled "Monitoring in production"
    ("Monitoring in productie"), and its column "Incidents since the decision" while the retired
    row counted the incidents of the period. The title and the column now fit every row, in every
    format and both languages."""
    root = _retired_with_incidents(tmp_path)
    for lang, title, column, old in (("en", "Monitoring and incidents", "Incidents", "Monitoring in production"),
                                     ("nl", "Monitoring en incidenten", "Incidenten", "Monitoring in productie")):
        assert lib.report_strings(lang)["section_monitoring"] == title
        md = _monitoring_text(root, lang, EXAMPLE_TODAY, EXAMPLE_TODAY.replace(year=2025), "md")
        assert f"\n## {title}\n" in md and old not in md
        assert f"| {column} |\n" in md
        page = html_report(root, lang)
        assert f">{title}</h2>" in page and old not in page
        pdf = _monitoring_text(root, lang, EXAMPLE_TODAY, EXAMPLE_TODAY.replace(year=2025), "pdf")
        assert title in pdf and old not in pdf


def test_a_stage_that_has_not_followed_a_decision_or_an_extension_is_a_point_for_attention(tmp_path):
    """longnodule-ct, in evaluation, with an extension until 18 December 2026 written under
    extensions: raio check warns (DEC004) and raio status shows it, but the board's report said
    nothing of an application evaluated while its pilot still runs; nor of a scale-up decided
    while the stage stayed evaluation."""
    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")
    pilot = root / "applications" / "longnodule-ct" / "pilot.yaml"
    edit_yaml(pilot, lambda d: d.update(extensions=[
        {"end": "2026-12-18", "reason": "Te weinig controle-CT's voor E3.", "date": "2026-11-02", "by": "AI-stuurgroep"}]))
    for lang, words in (
            ("en", "Detectie en volumetrie van longnodules op CT-thorax: in evaluation while its extended pilot runs until 18 Dec 2026."),
            ("nl", "Detectie en volumetrie van longnodules op CT-thorax: in evaluatie terwijl de verlengde pilot loopt tot en met 18 dec 2026.")):
        attention = lib.build_report_context(root, lang, EXAMPLE_TODAY)["summary"]["attention"]
        assert {"text": words, "tone": "warn"} in attention, attention
    edit_yaml(pilot, lambda d: (d.pop("extensions"), d.update(decision={
        "choice": "scale-up", "date": "2026-11-10", "rationale": "Doelen gehaald.", "decided_by": "AI-stuurgroep"})))
    for lang, words in (
            ("en", "Detectie en volumetrie van longnodules op CT-thorax: decided ‘scale up’, the stage is still evaluation."),
            ("nl", "Detectie en volumetrie van longnodules op CT-thorax: besloten tot ‘opschalen’, de fase is nog evaluatie.")):
        attention = lib.build_report_context(root, lang, EXAMPLE_TODAY)["summary"]["attention"]
        assert {"text": words, "tone": "warn"} in attention, attention


def test_a_decision_on_a_pilot_that_ended_early_says_so_in_the_decisions_table(tmp_path):
    """The fracture pilot, planned to 30 April 2025, with its outcome dated 31 March 2025 ended
    early (DAT016): its memo says so, as the board must weigh results of part of the pilot. The
    report's decisions table showed "2 of 2 expected effects met; no guardrail breached" in green,
    as for a pilot that ran its course. It names the early end and its planned end, in each
    language, and is no green."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    edit_yaml(root / "applications" / "fractuurdetectie-seh" / "pilot.yaml",
              lambda d: d["outcome"].update(date="2025-03-31"))
    for lang, words in (("en", "2 of 2 expected effects met; no guardrail breached (the pilot ended early on "
                               "31 March 2025, planned to 30 April 2025)"),
                        ("nl", "2 van 2 beoogde effecten behaald; geen grens overschreden (de pilot is vroegtijdig "
                               "beëindigd op 31 maart 2025, gepland tot en met 30 april 2025)")):
        context = lib.build_report_context(root, lang, EXAMPLE_TODAY, since=dt.date(2025, 1, 1))
        row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
        assert row["verdicts"] == words and row["tone"] == "warn", row
    # ran to its planned end: as before
    edit_yaml(root / "applications" / "fractuurdetectie-seh" / "pilot.yaml",
              lambda d: d["outcome"].update(date="2025-05-23"))
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY, since=dt.date(2025, 1, 1))
    row = next(r for r in context["decisions"]["rows"] if r["app_id"] == "fractuurdetectie-seh")
    assert "ended early" not in row["verdicts"] and row["tone"] == "good", row


def test_the_timeline_draws_a_pilot_that_ended_early_to_its_outcomes_date(tmp_path):
    """A pilot planned from 12 January to 30 September 2026 whose outcome is dated 14 August 2026
    ended early (DAT016; the memo says so). The timeline drew its bar to 30 September, with the
    scale-up decided on 10 September inside it, as if the pilot still ran then. The bar now runs
    to the outcome's date, the planned rest is a dashed outline, and both say it ended early."""
    pilot = {"plan": {"start": "2026-01-12", "end": "2026-09-30"},
             "outcome": {"date": "2026-08-14", "results": [{"effect": "E1", "observed": 90}]},
             "decision": {"choice": "scale-up", "date": "2026-09-10", "rationale": "Good."}}
    root = make_portfolio(tmp_path / "p", {
        "early": {"application": {"id": "early", "name": "Early", "stage": "production", "stage_since": "2026-10-01"},
                  "pilot": pilot},
        "whole": {"application": {"id": "whole", "name": "Whole", "stage": "production", "stage_since": "2026-10-01"},
                  "pilot": {**pilot, "outcome": {**pilot["outcome"], "date": "2026-10-02"},
                            "decision": {**pilot["decision"], "date": "2026-10-05"}}}})
    for lang, ended, rest in (
            ("en", "ended early on 14 Aug 2026 (planned to 30 Sep 2026)",
             "not run: the pilot ended early on 14 Aug 2026, planned to 30 Sep 2026"),
            ("nl", "vroegtijdig beëindigd op 14 aug 2026 (gepland tot en met 30 sep 2026)",
             "niet gelopen: de pilot is vroegtijdig beëindigd op 14 aug 2026, gepland tot en met 30 sep 2026")):
        chart = ET.fromstring(lib.build_report_context(root, lang, dt.date(2026, 11, 15))["timeline"]["svg"])
        groups = {g.get("data-app"): g for g in chart.iter(f"{SVG_NS}g") if g.get("data-app")}
        (bar,) = [r for r in groups["early"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        (left,) = [r for r in groups["early"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-planned-rest"]
        assert ended in bar.find(f"{SVG_NS}title").text, (lang, bar.find(f"{SVG_NS}title").text)
        assert left.find(f"{SVG_NS}title").text == rest, lang
        assert left.get("stroke-dasharray") and not bar.get("stroke-dasharray")
        bar_end = float(bar.get("x")) + float(bar.get("width"))
        assert abs(bar_end - float(left.get("x"))) < 0.2  # the planned rest begins where the pilot ended
        marker = next(p for p in groups["early"].iter(f"{SVG_NS}path") if (p.get("class") or "").startswith("decision"))
        assert float(marker.get("d").split()[0][1:]) > bar_end  # decided after the pilot ended, not within it
        (whole,) = [r for r in groups["whole"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-pilot"]
        assert abs(float(whole.get("x")) + float(whole.get("width")) - float(left.get("x")) - float(left.get("width"))) < 0.2
        assert not [r for r in groups["whole"].iter(f"{SVG_NS}rect") if r.get("class") == "bar-planned-rest"]
        timeline = lib.build_report_context(root, lang, dt.date(2026, 11, 15))["timeline"]
        pilots = {row["id"]: row["pilot"] for row in timeline["rows"]}
        assert pilots["early"].endswith(("(ended early on 14 Aug 2026)", "(vroegtijdig beëindigd op 14 aug 2026)")), pilots
        assert "early" not in pilots["whole"] and "vroegtijdig" not in pilots["whole"]
        assert ("ended early" if lang == "en" else "vroegtijdig is beëindigd") in timeline["note"]


def test_the_decisions_table_names_an_open_effect_with_the_memos_words(tmp_path):
    """The mammography decision's guardrail G1 is "inconclusive" in its memo, and the memo's
    summary counts it among the effects "inconclusive or without a result"; the report's
    decisions table called it "undecided: G1", a third word for the same verdict (and the one
    it also used for a result that is missing). The table now uses the memo's words, in each
    language; a missing result is listed the same way."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    for lang, words in (("en", "inconclusive or without a result: G1"), ("nl", "onbeslist of zonder uitkomst: G1")):
        context = lib.build_report_context(root, lang, EXAMPLE_TODAY)
        mammo = next(r for r in context["decisions"]["rows"] if r["app_id"] == "mammografie-tweede-lezer")
        assert words in mammo["verdicts"], mammo["verdicts"]
        assert "undecided" not in mammo["verdicts"]
    edit_yaml(root / "applications" / "mammografie-tweede-lezer" / "pilot.yaml",
              lambda d: d["outcome"].update(results=[r for r in d["outcome"]["results"] if r["effect"] != "G1"]
                                            + [{"effect": "G1", "missing_reason": "Pathologie nog niet gekoppeld."}]))
    context = lib.build_report_context(root, "en", EXAMPLE_TODAY)
    mammo = next(r for r in context["decisions"]["rows"] if r["app_id"] == "mammografie-tweede-lezer")
    assert "inconclusive or without a result: G1" in mammo["verdicts"], mammo["verdicts"]


def test_the_points_for_attention_write_every_date_out_in_one_form(tmp_path):
    """On 1 June 2027 the points for attention read "CE-certificaat verlopen sinds 31 januari 2027"
    and, two lines below, "bewijs verlopen sinds 31 dec 2026": two forms of a date in one list,
    the abbreviated one a chart's. Expired evidence is now written out as the certificate is,
    in each language."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    for lang, ce, item in (
            ("nl", "Stroke-triage grote-vatocclusie (CTA hersenen): CE-certificaat verlopen sinds 31 januari 2027",
             "Fractuurdetectie op SEH-röntgenfoto's: AI-geletterdheid van medewerkers: bewijs verlopen sinds "
             "31 december 2026 (152 dagen geleden)."),
            ("en", "Stroke-triage grote-vatocclusie (CTA hersenen): CE certificate expired on 31 January 2027",
             "Fractuurdetectie op SEH-röntgenfoto's: AI literacy of staff: evidence expired on 31 December 2026 "
             "(152 days ago).")):
        texts = [a["text"] for a in lib.build_report_context(root, lang, dt.date(2027, 6, 1))["summary"]["attention"]]
        assert any(x.startswith(ce) for x in texts), texts
        assert item in texts, texts
        assert not any(re.search(r"\b\d{1,2} (dec|okt|oct|jan|feb|mrt|mar|apr|jun|jul|aug|sep|nov) \d{4}", x)
                       for x in texts), texts


def test_the_pilotitis_card_does_not_call_a_pilot_not_started_an_end_passed(tmp_path):
    """On 1 June 2027 the summary card read "4 met pilotitis: 4 signalen: einde of besluit
    verstreken", while one of the four is a pilot not started 141 days after its planned start
    (and a pilot extended too often or running too long is neither). The note now says what all
    the signals share, in each language."""
    from conftest import copy_example

    root = copy_example(tmp_path / "p")
    for lang, label, note, wrong in (("nl", "met pilotitis", "4 signalen: een termijn of beleidsgrens overschreden",
                                      "einde of besluit verstreken"),
                                     ("en", "with pilotitis", "4 signals: a date or a limit of the policy passed",
                                      "end or decision date passed")):
        context = lib.build_report_context(root, lang, dt.date(2027, 6, 1))
        card = next(c for c in context["summary"]["cards"] if c["label"] == label)
        assert card["note"] == note, card
        assert any(r["app_id"] == "ct-lichaamssamenstelling" for r in context["pilotitis"]["rows"])
        assert wrong not in json.dumps(context["summary"], ensure_ascii=False)


def test_a_monitoring_alert_gives_its_value_and_threshold_with_the_metrics_unit(tmp_path):
    """The report's monitoring table read "M1 84 (alarmgrens 70, 1 nov 2026)" for a door-to-groin
    time the memo gives as "84 minuten": 84 and 70 of what. Both numbers now carry the metric's
    unit, as the memo's table does, in each language; a unit that reads badly after a number
    ("aantal") is left out."""
    files = {
        "application": {"id": "mon-app", "name": "Mon", "stage": "production", "stage_since": "2026-10-15"},
        "monitoring": {"plan": {"frequency": "monthly", "owner": "RAIO", "metrics": [
            {"id": "M1", "description": "Door-to-groin", "unit": "minuten", "direction": "decrease", "alert_threshold": 70},
            {"id": "M2", "description": "Gemiste occlusies", "unit": "aantal", "direction": "decrease", "alert_threshold": 2}]},
            "results": [{"date": "2026-11-01", "values": {"M1": 84, "M2": 3}}]},
    }
    root = make_portfolio(tmp_path / "p", {"mon-app": files},
                          config={"organisation": "T", "department": "R", "language": "nl"})
    [row] = lib.build_report_context(root, "nl", EXAMPLE_TODAY)["monitoring"]["rows"]
    assert row["alerts"] == "M1 84 minuten (alarmgrens 70 minuten, 1 nov 2026); M2 3 (alarmgrens 2, 1 nov 2026)", row
    [row] = lib.build_report_context(root, "en", EXAMPLE_TODAY)["monitoring"]["rows"]
    assert row["alerts"] == ("M1 84 minuten (alert threshold 70 minuten, 1 Nov 2026); "
                             "M2 3 (alert threshold 2, 1 Nov 2026)"), row


def test_compliance_evidence_that_expires_soon_is_a_point_for_attention_as_in_the_memo(demo, tmp_path):
    """fractuurdetectie-seh's memo warned "Het bewijs voor het nalevingspunt ‘AI-geletterdheid van
    medewerkers’ verloopt op 31 december 2026", 46 days ahead, within the policy's
    checklist_expiry_warning_days (60); the report said nothing of it until the evidence had
    expired. It names it among the points for attention, with the date and the days left, in
    each language; the certificate's own item is not named again beside the certificate."""
    nl = [a["text"] for a in lib.build_report_context(demo, "nl", EXAMPLE_TODAY)["summary"]["attention"]]
    assert ("Fractuurdetectie op SEH-röntgenfoto's: AI-geletterdheid van medewerkers: bewijs verloopt op "
            "31 december 2026 (over 46 dagen).") in nl, nl
    en = [a["text"] for a in lib.build_report_context(demo, "en", EXAMPLE_TODAY)["summary"]["attention"]]
    assert ("Fractuurdetectie op SEH-röntgenfoto's: AI literacy of staff: evidence expires on "
            "31 December 2026 (in 46 days).") in en, en
    # outside the window (61 days ahead), and once expired, as before
    early = [a["text"] for a in lib.build_report_context(demo, "en", dt.date(2026, 10, 31))["summary"]["attention"]]
    assert not [a for a in early if "AI literacy" in a], early
    late = [a["text"] for a in lib.build_report_context(demo, "en", dt.date(2027, 1, 2))["summary"]["attention"]]
    assert [a for a in late if "AI literacy" in a and a.startswith("Fractuur")] == [
        "Fractuurdetectie op SEH-röntgenfoto's: AI literacy of staff: evidence expired on 31 December 2026 (2 days ago)."], late
    # the CE certificate's item (its date the certificate's) is said once, by the certificate's point
    soon = [a["text"] for a in lib.build_report_context(demo, "en", dt.date(2027, 1, 1))["summary"]["attention"]]
    stroke = [a for a in soon if a.startswith("Stroke-triage")]
    assert len([a for a in stroke if "31 January 2027" in a]) == 1, stroke


def test_a_second_entry_of_a_checklist_item_does_not_make_it_expire_soon(tmp_path):
    """raio reads the first entry of an item listed twice (CMP007 reports the second), and so did
    the memo; the report's points for attention took the second entry's expiry when the first was
    not-applicable or gave none, and named evidence "expiring" that the memo and raio check do
    not. It reads the first entry too; an item listed once is named as before."""
    files = {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01"},
        "compliance": {"items": [
            {"id": "dpia", "status": "not-applicable", "reason": "no personal data"},
            {"id": "dpia", "status": "done", "owner": "FG", "date": "2025-12-01", "expires": "2026-12-01"},
            {"id": "security-review", "status": "done", "owner": "CISO", "date": "2025-01-01"},
            {"id": "security-review", "status": "done", "owner": "CISO", "date": "2025-01-01", "expires": "2026-12-01"},
            {"id": "ai-literacy", "status": "done", "owner": "RAIO", "date": "2025-01-01", "expires": "2026-12-15"}]},
    }
    root = make_portfolio(tmp_path / "p", {"prod-app": files},
                          config={"organisation": "T", "department": "R", "language": "en"})
    attention = [a["text"] for a in lib.build_report_context(root, "en", EXAMPLE_TODAY)["summary"]["attention"]]
    assert [a for a in attention if "evidence expires" in a] == [
        "Prod: AI literacy of staff: evidence expires on 15 December 2026 (in 30 days)."], attention


def test_an_expired_ce_certificate_is_one_point_for_attention_not_two(demo):
    """After stroke-lvo-triage's CE certificate expired (31 January 2027), the report's points
    for attention said it twice: "CE certificate expired on 31 January 2027 (29 days ago)" and
    "CE certificate and MDR class verified: evidence expired on 31 January 2027 (29 days ago)",
    the checklist item whose evidence is that certificate. The memo names it once; so does the
    report now, by the certificate's point, in each language. An item dated otherwise than the
    certificate is still named."""
    for lang, cert, item in (("en", "CE certificate expired on 31 January 2027", "CE certificate and MDR class verified"),
                             ("nl", "CE-certificaat verlopen sinds 31 januari 2027", "CE-certificaat en MDR-klasse gecontroleerd")):
        points = [a["text"] for a in lib.build_report_context(demo, lang, dt.date(2027, 3, 1))["summary"]["attention"]]
        stroke = [p for p in points if p.startswith("Stroke-triage")]
        assert [p for p in stroke if cert in p] and not [p for p in stroke if item in p], stroke


def test_the_active_card_reads_as_english_and_dutch(demo):
    """The English report's summary card read "3 in pilot or evaluation: decision still to take",
    which is not English (the Dutch "besluit nog te nemen" is). It reads "decision still to be
    made"; the Dutch as before."""
    for lang, note in (("en", "decision still to be made"), ("nl", "besluit nog te nemen")):
        cards = lib.build_report_context(demo, lang, EXAMPLE_TODAY)["summary"]["cards"]
        assert note in [c["note"] for c in cards], cards
    assert "decision still to take" not in html.unescape(html_report(demo, "en"))


def test_an_item_with_an_invalid_status_is_open_in_the_matrix_and_an_unknown_one_is_named(tmp_path):
    """A checklist item whose status was none of the four (bezig: SCH004) had an empty cell in
    the compliance matrix, worded "does not apply to this application", and an item in neither
    the catalog nor raio.yaml (CMP006) was nowhere: the board lost both. The first is open (it is
    not settled, as the gates count it), its cell saying the status is not valid; the second is
    named under the matrix."""
    from raio_cli.documents import report as lib

    root = make_portfolio(tmp_path / "p", {"triage-app": {
        "application": {"id": "triage-app", "name": "Triage", "stage": "planned", "vendor": "V",
                        "regulatory": {"mdr_class": "IIa", "in_house": False}},
        "compliance": {"items": [
            {"id": "dpia", "status": "bezig", "owner": "privacy officer"},
            {"id": "dpia-extra-xyz", "status": "done", "evidence": "something", "date": "2024-10-31"},
        ]}}})
    matrix = lib.build_report_context(root, "en", EXAMPLE_TODAY)["matrix"]
    [cell] = [line["cells"][0] for line in matrix["lines"] if line["id"] == "dpia"]
    assert cell["cls"] == "open-due" and cell["symbol"] == "●"
    assert cell["tip"] == "Triage: status ‘bezig’ is no valid status (raio check) · required now (this stage or the next)"
    assert ("Checklist items in neither the catalog nor raio.yaml checklist_extra are left out of the matrix "
            "(raio check, CMP006): Triage: dpia-extra-xyz.") in matrix["note"]
    assert "dpia-extra-xyz" not in [line["id"] for line in matrix["lines"]]
