"""The HTML memo and report for the board are accessible (WCAG 2.2 AA) and print well.

What a board member relies on: a screen reader reads the document in its language, can jump by
headings, hears the header of every table cell and what each chart shows; nothing is said only
by colour or only on hover; text colours are readable (contrast 4.5:1); printed, table headers
repeat and rows are not cut in two. Checked on the generated HTML with the standard library.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLE_TODAY

from raio_cli.documents import report as report_lib
from raio_cli.documents import svg
from raio_cli.documents.memo import render_memo

APP = "stroke-lvo-triage"
PROPOSED = "botleeftijd-hand"
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The example portfolio (Dutch) as a git repository with its dated history (read-only)."""
    from raio_cli import demo as demo_mod

    root = tmp_path_factory.mktemp("a11y") / "demo"
    demo_mod.build(root, EXAMPLE_TODAY)
    return root


def memo(root: Path, lang: str, app: str = APP) -> str:
    return render_memo(root, app, "html", lang, EXAMPLE_TODAY)[0].decode("utf-8")


def report(root: Path, lang: str) -> str:
    return report_lib.render_report(root, "html", lang, EXAMPLE_TODAY, None).decode("utf-8")


def documents(root: Path):
    for lang in ("nl", "en"):
        yield f"memo-{lang}", memo(root, lang)
        yield f"proposal-{lang}", memo(root, lang, PROPOSED)
        yield f"report-{lang}", report(root, lang)


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    """A small DOM: enough to ask which cells a table has and what text an element holds."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def dom(page: str) -> Node:
    return Tree(page).root


def visible_text(node: Node) -> str:
    """Text outside SVG <title> tooltips."""
    out = []
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.tag != "title":
            out.append(visible_text(c))
    return " ".join(" ".join(out).replace("\xad", "").split())


# --------------------------------------------------------------------------------------------
# 1. language and title


def test_lang_and_title_follow_the_document_not_the_portfolio(demo):
    assert "<html lang=\"en\">" in memo(demo, "en")  # an English memo from a Dutch portfolio
    assert "<html lang=\"nl\">" in memo(demo, "nl")
    for lang, kind in (("nl", "Besluitvormingsmemo"), ("en", "Decision memo")):
        title = dom(memo(demo, lang)).iter("title").__next__().text()
        assert kind in title and "Stroke-triage" in title
    for lang, kind in (("nl", "rapport"), ("en", "report")):
        page = report(demo, lang)
        assert f"<html lang=\"{lang}\">" in page
        title = dom(page).iter("title").__next__().text()
        assert kind in title.lower() and "Noorderzon" in title


# --------------------------------------------------------------------------------------------
# 2. headings and tables


def test_one_h1_and_no_heading_level_skipped(demo):
    for name, page in documents(demo):
        levels = [int(n.tag[1]) for n in dom(page).iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels.count(1) == 1 and levels[0] == 1, name
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, (name, levels)


def test_every_table_has_a_name_and_header_cells_with_scope(demo):
    for name, page in documents(demo):
        tables = list(dom(page).iter("table"))
        assert tables, name
        for table in tables:
            named = (any(True for _ in table.iter("caption")) or table.attrs.get("aria-label")
                     or table.attrs.get("aria-labelledby"))
            assert named, (name, table.attrs)
            if table.attrs.get("aria-labelledby"):
                assert f'id="{table.attrs["aria-labelledby"]}"' in page, name
            headers = list(table.iter("th"))
            assert headers, (name, table.attrs)
            for th in headers:
                assert th.attrs.get("scope") in ("col", "row", "colgroup", "rowgroup"), (name, visible_text(th))
                assert visible_text(th), (name, "an empty header cell")


def test_the_matrix_has_a_header_cell_for_every_row_and_every_column(demo):
    for lang in ("nl", "en"):
        table = next(t for t in dom(report(demo, lang)).iter("table") if "matrix" in t.attrs.get("class", ""))
        head = next(table.iter("thead"))
        assert all(th.attrs.get("scope") == "col" for th in head.iter("th"))
        rows = list(next(table.iter("tbody")).iter("tr"))
        assert rows
        for tr in rows:
            first = next(c for c in tr.children if isinstance(c, Node))
            assert first.tag == "th" and first.attrs.get("scope") == "row" and visible_text(first)


# --------------------------------------------------------------------------------------------
# 3. charts and colours


def test_every_chart_is_an_image_named_in_words_with_its_data_as_text(demo):
    for lang, word in (("nl", "pilot"), ("en", "pilot")):
        page = report(demo, lang)
        tree = dom(page)
        charts = list(tree.iter("svg"))
        assert len(charts) == 2
        pipeline, timeline = charts
        for chart in charts:
            assert chart.attrs.get("role") == "img"
            name = chart.attrs.get("aria-label", "")
            assert name and name == next(chart.iter("title")).text()
        # the pipeline's name gives the count in every stage, in the report's words
        assert re.search(r"\d", pipeline.attrs["aria-label"]), pipeline.attrs["aria-label"]
        assert word in pipeline.attrs["aria-label"].lower()
        # the timeline says what a bar is, and every pilot's dates are in a table outside the chart
        assert len(timeline.attrs["aria-label"]) > 60, timeline.attrs["aria-label"]
        outside = re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)
        timeline_section = outside[outside.index('id="timeline"'):outside.index('id="pilotitis"')]
        assert "<table" in timeline_section
        for name in ("Stroke-triage grote-vatocclusie (CTA hersenen)", "Hersenvolumetrie op MRI voor de geheugenpoli"):
            assert name in timeline_section


def test_the_matrix_says_each_cells_status_in_words_not_only_by_symbol_colour_or_hover(demo):
    table = next(t for t in dom(report(demo, "en")).iter("table") if "matrix" in t.attrs.get("class", ""))
    cells = [td for td in table.iter("td") if "cell" in td.attrs.get("class", "")]
    assert cells
    for td in cells:
        words = visible_text(td)
        assert re.search(r"[a-z]{3,}", words), words  # e.g. "done", not only ✓


def test_nothing_is_told_only_in_a_hover_tooltip(demo):
    for name, page in documents(demo):
        page = re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S)  # a chart's tooltips: its data are in a table
        for node in dom(page).iter():
            tip = node.attrs.get("title")
            if tip:
                assert " ".join(tip.split()) in visible_text(node), (name, node.tag, tip)


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    lo, hi = sorted((_luminance(a), _luminance(b)))
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_matches_the_wcag_examples():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def css_rules(page: str):
    """(selector, {property: value}) for every rule in the inline style sheet, var() resolved."""
    style = re.search(r"<style>(.*?)</style>", page, flags=re.S).group(1)
    style = re.sub(r"/\*.*?\*/", "", style, flags=re.S)
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*([^;}]+)", style.split("}")[0]))
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", style):
        decls = {}
        for prop, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
            value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), m.group(0)), value).strip()
            decls[prop] = value
        out.append((selector.strip(), decls))
    return out


def test_every_text_colour_has_contrast_of_at_least_4_5_to_1(demo):
    """Each rule's text colour against its own background, or the white sheet."""
    for name, page in documents(demo):
        for selector, decls in css_rules(page):
            colour = decls.get("color", "")
            if not re.fullmatch(r"#[0-9a-fA-F]{3,6}", colour):
                continue
            back = decls.get("background") or decls.get("background-color") or "#ffffff"
            back = back if re.fullmatch(r"#[0-9a-fA-F]{3,6}", back) else "#ffffff"
            assert contrast(colour, back) >= 4.5, (name, selector, colour, back, round(contrast(colour, back), 2))


def test_chart_text_colours_have_contrast_of_at_least_4_5_to_1(demo):
    page = report(demo, "en")
    for colour in set(re.findall(r'<text\b[^>]*fill="(#[0-9a-fA-F]{6})"', page)):
        assert contrast(colour, "#ffffff") >= 4.5, colour
    for colour in (svg.INK, svg.MUTED, svg.TODAY, *svg.CHOICE_COLOURS.values()):
        assert contrast(colour, "#ffffff") >= 4.5, colour


def _bars(page: str):
    """(chart class, bar class, data-stage, edge colour) of every bar in the report's charts. A bar
    is seen by its outline where it has one (stroke), otherwise by its fill."""
    for chart in dom(page).iter("svg"):
        for rect in chart.iter("rect"):
            cls = rect.attrs.get("class", "")
            if not cls.startswith("bar-"):
                continue
            stroke = rect.attrs.get("stroke", "")
            edge = stroke if re.fullmatch(r"#[0-9a-fA-F]{6}", stroke) else rect.attrs["fill"]
            yield chart.attrs["class"], cls, rect.attrs.get("data-stage", ""), edge


def test_chart_bars_have_contrast_of_at_least_3_to_1_against_the_sheet_and_the_row_bands(demo):
    """WCAG 2.2 SC 1.4.11 (non-text contrast): the pipeline's stopped and retired columns were a
    light grey (#8c98a3, 2.9:1 on the white sheet), its other stages a light blue (2.9:1). Every
    bar of both charts, in the HTML report and in the PDF (the same SVG), stands out 3:1 from the
    white sheet and from the timeline's row bands."""
    seen = set()
    for lang in ("nl", "en"):
        for chart, cls, stage, edge in _bars(report(demo, lang)):
            seen.add(stage or cls)
            for back in ("#ffffff", svg.BAND):
                assert contrast(edge, back) >= 3, (lang, chart, cls, stage, edge, back, round(contrast(edge, back), 2))
    assert {"stopped", "retired", "pilot", "proposed", "bar-pilot"} <= seen


def test_the_pipelines_stopped_and_retired_columns_differ_from_each_other_and_not_only_by_colour():
    """Stopped (a pilot ended without scale-up) and retired (taken out of use) keep their grey,
    apart from the blue of the running stages; they differ from each other in shade and in a
    pattern (retired is hatched), and every column is named under it in words."""
    stages = [svg.StageCount(stage, stage, 2, ["x"]) for stage in
              ("proposed", "planned", "pilot", "evaluation", "production", "stopped", "retired")]
    chart = dom(svg.pipeline_svg(stages))
    fills = {r.attrs["data-stage"]: r.attrs["fill"] for r in chart.iter("rect") if r.attrs.get("class") == "bar-stage"}
    assert fills["stopped"] != fills["retired"]
    assert {fills["stopped"], fills["retired"]}.isdisjoint({fills["pilot"], fills["proposed"], fills["production"]})
    hatch = [g.attrs.get("data-stage") for g in chart.iter("g") if "hatch" in g.attrs.get("class", "")]
    assert hatch == ["retired"]
    labels = [visible_text(t) for t in chart.iter("text")]
    for stage in fills:
        assert stage in labels, stage


# --------------------------------------------------------------------------------------------
# 4. links, scripts


def test_links_have_text_and_the_documents_need_no_script(demo):
    for name, page in documents(demo):
        assert "<script" not in page and " onclick" not in page and ":hover" not in page, name
        for a in dom(page).iter("a"):
            assert visible_text(a) or a.attrs.get("aria-label"), name


def test_the_draft_notice_is_a_note_not_an_alert_that_interrupts(tmp_path):
    """role="alert" is for a live change of the page: a screen reader announced the draft box of a
    static document as an interruption when it opened. It is a named note."""
    from conftest import copy_example, edit_yaml

    root = copy_example(tmp_path / "p")  # an expired CE certificate (DAT007, an error): a draft
    edit_yaml(root / "applications" / APP / "application.yaml",
              lambda data: data["regulatory"]["certificate"].update(expires="2020-01-01"))
    boxes = []
    pages = [(f"draft-{lang}", memo(root, lang)) for lang in ("nl", "en")]
    pages += [(f"report-{lang}", report(root, lang)) for lang in ("nl", "en")]
    for name, page in pages:
        for section in dom(page).iter("section"):
            if "draft-box" in (section.attrs.get("class") or ""):
                boxes.append(name)
                assert section.attrs.get("role") == "note" and section.attrs.get("aria-label"), name
    assert boxes == ["draft-nl", "draft-en", "report-nl", "report-en"]


# --------------------------------------------------------------------------------------------
# 5. print


def print_rules(page: str) -> str:
    """The CSS that applies when printing: everything outside @media screen blocks."""
    style = re.search(r"<style>(.*?)</style>", page, flags=re.S).group(1)
    return re.sub(r"@media screen[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", style)


def test_printed_tables_repeat_their_header_and_keep_rows_and_figures_whole(demo):
    for name, page in documents(demo):
        css = " ".join(print_rules(page).split())
        assert re.search(r"thead \{ display: table-header-group; \}", css), name
        assert re.search(r"(^|[\s,}])tr(,[^{]*)? \{[^}]*break-inside: avoid", css), name
        if "<svg" in page:
            assert re.search(r"(section\.chart|svg|figure)[^{]*\{[^}]*break-inside: avoid", css), name
        hidden = re.search(r"@media print \{.*", css).group(0)
        for cls in re.findall(r'class="(?:[^"]* )?(no-print|nav)(?: [^"]*)?"', page):
            assert f".{cls}" in hidden, name


def test_printed_long_tables_continue_on_the_next_page_instead_of_leaving_one_nearly_empty(demo):
    """The printed HTML report took 7 pages where the PDF takes 4: the whole matrix and whole
    chart sections were kept on one page each, leaving pages mostly empty. Rows and charts stay
    whole; a table may continue under its repeated header."""
    for lang in ("nl", "en"):
        name, css = f"report-{lang}", " ".join(print_rules(report(demo, lang)).split())
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if "break-inside: avoid" in body:
                for one in selector.split(","):
                    assert not re.search(r"\btable\b|\bsection\b", one), (name, one.strip())


def _printed(css: str, selector: str, prop: str) -> str:
    """The value of ``prop`` the last rule for exactly ``selector`` (in a selector list) gives."""
    value = ""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in [s.strip() for s in selectors.split(",")]:
            for name, text in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
                if name == prop or (prop == "font-size" and name == "font"):
                    value = text.split("/")[0].split()[0] if name == "font" else text.strip()
    return value


def test_the_printed_memo_is_set_as_densely_as_its_pdf(demo):
    """The printed HTML memo took 6 pages where its PDF takes 5, with dense content rather than
    blank pages: 10.5pt sans-serif text (the PDF: 10pt of a narrower serif), 9pt tables, and every
    table kept whole on one page. Printed, the text is 9.5pt (a sans-serif of that size is as wide
    as the PDF's 10pt serif), the tables 8.5 to 9pt as in the PDF, and a table may continue under
    its repeated header (rows stay whole); the sign-off table stays whole. The screen keeps its
    sizes."""
    for lang in ("nl", "en"):
        for name, page in ((f"memo-{lang}", memo(demo, lang)), (f"proposal-{lang}", memo(demo, lang, PROPOSED))):
            printed = print_rules(page)
            screen = re.sub(r"@media print \{.*", "", printed, flags=re.S)
            assert _printed(screen, "body", "font-size") == "10.5pt", name  # on screen as before
            assert float(_printed(printed, "body", "font-size").removesuffix("pt")) <= 10, name
            assert float(_printed(printed, "table", "font-size").removesuffix("pt")) <= 9, name
            css = " ".join(printed.split())
            for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
                if "break-inside: avoid" in body:
                    for one in selectors.split(","):
                        assert not re.fullmatch(r"\s*table(\.effects)?\s*", one), (name, one)


def _chromium() -> str | None:
    import shutil

    return next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.mark.skipif(_chromium() is None, reason="needs a headless Chromium to print the HTML")
@pytest.mark.parametrize("app", [APP, "longnodule-ct", "prostaat-mri-pirads", PROPOSED, "fractuurdetectie-seh"])
def test_the_printed_memo_takes_no_more_pages_than_its_pdf(demo, tmp_path, app):
    """Measured: the decision memo of the stroke application, printed from a browser on A4, took
    6 pages where its PDF takes 5. Then 6 of the example's 20 memos (among them these three) still
    printed a page longer than their PDF: the effects table went whole to page 2, leaving a gap
    at the foot of page 1, and rows, details and headings were set further apart than in the PDF.
    The English memo of fractuurdetectie-seh still took 5 pages against 4: its effects table, a
    column wider than the PDF's (which names an effect's kind under its id), pushed the sign-off
    table whole onto a fifth page."""
    import subprocess

    def pages(pdf: bytes) -> int:
        return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))

    for lang in ("nl", "en"):
        html_file, printed = tmp_path / f"memo-{lang}.html", tmp_path / f"memo-{lang}.printed.pdf"
        html_file.write_text(memo(demo, lang, app), encoding="utf-8")
        subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={printed}", html_file.as_uri()],
                       capture_output=True, timeout=180, check=True)
        pdf = render_memo(demo, app, "pdf", lang, EXAMPLE_TODAY)[0]
        assert pages(printed.read_bytes()) <= pages(pdf), (app, lang)


def test_on_a_tablet_the_timelines_data_are_shown_as_a_table(demo):
    """The timeline chart is 1000 units wide: on a tablet its labels shrink to about 9px, so on a
    narrow screen its data table (otherwise only for screen readers) is shown under it."""
    page = report(demo, "nl")
    table = next(t for t in dom(page).iter("table") if "timeline-data" in t.attrs.get("class", ""))
    assert "sr-only" in table.attrs["class"]
    narrow = re.search(r"@media screen and \(max-width: (\d+)px\) \{(.*?)\n\}", page, flags=re.S)
    assert narrow and int(narrow.group(1)) >= 820  # an iPad in portrait
    assert re.search(r"\.timeline-data\s*\{[^}]*position: static", narrow.group(2))


def test_a_summary_cards_colour_is_also_said_in_a_word(demo):
    """A card's top border is red, amber or green; an expired certificate (red) and one expiring
    soon (amber) had the same label and note, so only the colour told them apart."""
    for lang, words in (("nl", {"bad": "Actie nodig", "warn": "Let op", "good": "In orde"}),
                        ("en", {"bad": "Action needed", "warn": "Attention", "good": "In order"})):
        cards = [d for d in dom(report(demo, lang)).iter("div") if d.attrs.get("class", "").split()[:1] == ["card"]]
        assert cards
        for card in cards:
            tone = card.attrs["class"].split()[1]
            if tone in words:
                assert words[tone] in visible_text(card), (lang, tone, visible_text(card))


def test_the_cards_tone_word_is_in_the_pdf_and_markdown_report_too(demo):
    """The PDF prints the cards' colour as a top border and Markdown has none at all: the word that
    says it (Action needed, Attention, In order) is in both, as in the HTML report."""
    from raio_cli.documents.jinja_env import render

    for lang in ("nl", "en"):
        context = report_lib.build_report_context(demo, lang, EXAMPLE_TODAY)
        cards = context["summary"]["cards"]
        assert any(c["tone"] in ("bad", "warn", "good") for c in cards)
        words = {tone: report_lib.ReportText(lang)(f"tone_{tone}") for tone in ("bad", "warn", "good")}
        md = report_lib.render_report(demo, "md", lang, EXAMPLE_TODAY, None).decode("utf-8")
        blocks = [b for b in render("typ", "report/report.typ.j2", context).split("block(width: 100%")[1:]
                  if '#text(22pt, weight: "bold")' in b]
        assert len(blocks) == len(cards)
        for c, block in zip(cards, blocks):
            [line] = [line for line in md.splitlines() if line.startswith("- ") and f"{c['value']} {c['label']}**" in line]
            for tone, word in words.items():
                assert (word in line) == (c["tone"] == tone) and (word in block) == (c["tone"] == tone), (lang, c)


def test_a_finding_left_in_english_in_a_dutch_memo_is_marked_as_english(demo):
    """A check error raio has no Dutch words for stays English in a Dutch memo's DRAFT box; a
    screen reader read it with Dutch pronunciation. Such an item now carries lang="en"."""
    from raio_cli.documents.memo import build_context
    from raio_cli.documents.render_html import render_text

    context = build_context(demo, APP, "nl", EXAMPLE_TODAY)
    context["draft"] = True
    context["errors"] = [
        {"code": "XYZ001", "message": "something raio cannot say in Dutch", "translated": False,
         "where": "applications/stroke-lvo-triage/pilot.yaml:3"},
        {"code": "DAT003", "message": "Het besluit is te laat.", "translated": True,
         "where": "applications/stroke-lvo-triage/pilot.yaml:4"},
    ]
    items = {visible_text(li).split()[0]: li for li in dom(render_text(context)).iter("li")
             if visible_text(li).split()[:1] in (["XYZ001"], ["DAT003"])}
    assert items["XYZ001"].attrs.get("lang") == "en"
    assert "lang" not in items["DAT003"].attrs


def test_an_outcome_switching_finding_left_in_english_in_a_dutch_memo_is_marked_as_english(demo):
    """The same for the list of outcome-switching findings under the effects."""
    from raio_cli.documents.memo import build_context
    from raio_cli.documents.render_html import render_text

    context = build_context(demo, APP, "nl", EXAMPLE_TODAY)
    assert all("translated" in f for f in context["switching"])
    context["switching"] = [
        {"code": "REG999", "severity": "warning", "message": "only in English", "translated": False},
        {"code": "REG001", "severity": "warning", "message": "In het Nederlands.", "translated": True},
    ]
    items = {visible_text(li).split()[0]: li for li in dom(render_text(context)).iter("li")
             if visible_text(li).split()[:1] in (["REG999"], ["REG001"])}
    assert items["REG999"].attrs.get("lang") == "en" and "lang" not in items["REG001"].attrs
