"""Word memo (DOCX) with python-docx, built from the same context as the other formats.

A board office edits and files memos in Word, so the document uses Word's own structure: the
title in the "Title" style, sections as real "Heading 1" and "Heading 2" paragraphs (navigation
pane, table of contents), and real tables (the effects table with the columns effect, kind,
metric, baseline, target/limit, observed, CI with its level, verdict; its header row repeats on every page).
DOCX is not templated (there is no Jinja step): its layout is this module.

The output is reproducible: creation dates and the zip entries' timestamps are the memo's date,
so the same dossier at the same commit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

#: XML-illegal control characters, and the controls of writing direction (see ``jinja_env._CONTROL``)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
GOOD, BAD, NEUTRAL, INK, MUTED = "1E6B35", "A61B1B", "5B6670", "1D232A", "5B6670"
HEAD_FILL = "EEF2F5"


def clean(value) -> str:
    """Text Word can hold: XML-illegal control characters removed, and those of writing direction."""
    return _CONTROL.sub("", "" if value is None else str(value))


def _property(value) -> str:
    """Text for a document property (title, author ...): Word holds at most 255 characters
    there (python-docx refuses more); a longer text is clipped, never inside a number."""
    from raio_cli.privacy import clip

    return clip(clean(value), 255)


def render(context: dict, today: dt.date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    c = context
    t = c["t"]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    for name, size in (("Title", 22), ("Heading 1", 14), ("Heading 2", 11.5)):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(INK)

    # the memo's language: python-docx's template says en-US, so Word proofed a Dutch memo as English
    language = {"nl": "nl-NL", "en": "en-US"}.get(c.get("lang"), "en-US")
    for mark in doc.styles.element.iter(qn("w:lang")):
        mark.set(qn("w:val"), language)

    props = doc.core_properties
    props.language = language
    stamp = dt.datetime(today.year, today.month, today.day, 12, 0, 0)
    props.title = _property(f"{c['title']}: {c['app']['name']}")
    props.subject = _property(c["subtitle"])
    props.author = _property(c["app"]["owner"])
    props.last_modified_by = _property(c["provenance"]["raio_text"])
    props.comments = _property(c["provenance"]["footer"])
    props.keywords = "raio"
    props.created = props.modified = stamp
    props.revision = 1

    # header and footer on every page; as in the PDF, the first page (whose title block names the
    # portfolio and the memo) has no running header, only the DRAFT mark of a draft
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    if c["draft"]:
        _run(header, c["draft_mark"] + "  ", bold=True, color=BAD, size=8)
        _run(section.first_page_header.paragraphs[0], c["draft_mark"], bold=True, color=BAD, size=8)
    from raio_cli.documents.jinja_env import running  # as in the PDF: a name of 2,000 characters filled the page

    _run(header, f"{running(c['provenance']['portfolio'])} · {c['title']}: {running(c['app']['name'])}", color=MUTED, size=8)
    for footer in (section.footer.paragraphs[0], section.first_page_footer.paragraphs[0]):
        if c["draft"]:
            _run(footer, c["draft_mark"] + "  ", bold=True, color=BAD, size=7.5)
        _run(footer, c["provenance"]["footer"], color=MUTED, size=7.5)
        # "Pagina 2 / 5" as in the PDF: Word and LibreOffice fill the PAGE and NUMPAGES fields
        _run(footer, f" · {t['page']} ", color=MUTED, size=7.5)
        _field(footer, "PAGE", color=MUTED, size=7.5)
        _run(footer, " / ", color=MUTED, size=7.5)
        _field(footer, "NUMPAGES", color=MUTED, size=7.5)

    # title, draft box, the box of entries dated after the memo, facts
    head = doc.add_paragraph()
    _run(head, c["provenance"]["portfolio"].upper(), color=MUTED, size=8)
    doc.add_heading(clean(f"{c['title']}: {c['app']['name']}"), level=0)
    sub = doc.add_paragraph()
    _run(sub, c["subtitle"], italic=True, color=MUTED)
    if c["draft"]:
        box = doc.add_table(rows=1, cols=1)
        box.style = doc.styles["Table Grid"]
        cell = box.rows[0].cells[0]
        _shade(cell, "FFF5F5")
        p = cell.paragraphs[0]
        _run(p, c["draft_mark"] + "  ", bold=True, color=BAD, size=13)
        _run(p, t["draft_notice"], color=BAD)
        _run(cell.add_paragraph(), t["draft_why"], color=BAD)
        for reason in c["draft_reasons"]:
            _run(cell.add_paragraph(style="List Bullet"), reason, color=BAD)
        for e in c["errors"]:
            p = cell.add_paragraph(style="List Bullet 2")
            _run(p, e["code"] + " ", bold=True, color=BAD, size=9)
            _run(p, f"{e['message']} ({e['where']})", color=BAD, size=9)
        if c["errors_more"]:
            _run(cell.add_paragraph(style="List Bullet 2"), c["errors_more"], color=BAD, size=9)
        if c["errors_note"]:
            _run(cell.add_paragraph(), c["errors_note"], color=BAD, size=9)
        _run(cell.add_paragraph(), c["draft_fix"], color=BAD)
        doc.add_paragraph()
    if c["later"]:  # entries of the dossier dated after the memo
        box = doc.add_table(rows=1, cols=1)
        box.style = doc.styles["Table Grid"]
        cell = box.rows[0].cells[0]
        _shade(cell, "FFF5F5")
        p = cell.paragraphs[0]
        _run(p, c["later_mark"] + "  ", bold=True, color=BAD)
        _run(p, c["later_intro"], color=BAD)
        for line in c["later"] + ([c["later_more"]] if c["later_more"] else []):
            _run(cell.add_paragraph(style="List Bullet"), line, color=BAD, size=9)
        _run(cell.add_paragraph(), c["later_fix"], color=BAD)
        doc.add_paragraph()
    facts = doc.add_table(rows=0, cols=2)
    facts.style = doc.styles["Table Grid"]
    for f in c["facts"]:
        row = facts.add_row().cells
        _cell(row[0], f["label"], bold=True, fill=HEAD_FILL)
        _cell(row[1], f["value"])
    _widths(facts, [Mm(45), Mm(125)])

    def h1(text):
        doc.add_heading(clean(text), level=1)

    def h2(text):
        doc.add_heading(clean(text), level=2)

    def para(text, **kw):
        p = doc.add_paragraph()
        _run(p, text, **kw)
        return p

    def rows(items):
        for r in items:
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(3)
            _run(p, f"{r['label']}: ", bold=True)
            _run(p, r["value"])

    def incidents() -> None:  # of an application not (yet) in production: its pilot, evaluation or stop
        if c["incidents"]["present"]:
            h1(c["incidents"]["title"])
            for i in c["incidents"]["lines"]:
                _run(doc.add_paragraph(style="List Bullet"), i)

    proposal = c["kind"] == "proposal"
    h1(t["section_summary"])
    para(c["summary"], size=10.5)
    if proposal:
        h1(t["section_ask_proposal"])
        para(c["ask"], bold=True)
        h1(t["section_problem"])
        rows(c["problem_rows"])
        h1(t["section_alternatives"])
        if c["alternatives"]:
            table = _table(doc, [t["alt_option"], t["alt_kind"], t["alt_assessment"]],
                           [[a["option"], a["ai"], a["assessment"]] for a in c["alternatives"]])
            _widths(table, [Mm(55), Mm(22), Mm(93)])
        if c["alternatives_note"]:
            para(c["alternatives_note"], color=BAD)
        h1(t["section_radiologist"])
        rows(c["radiologist_rows"])
        h1(t["section_effects_proposal"])
        para(t["effects_intro_proposal"])
        _effects(doc, c, c["effects"], h2, para)
        h2(t["section_preregistration"])
        para(" ".join(c["preregistration"]["lines"]), color=_tone(c["preregistration"]["tone"]))
        h1(t["section_pilot"])
        rows(c["pilot_rows"])
        incidents()
        h1(t["section_application"])
        rows(c["application_rows"])
        h1(t["section_compliance"])
        _compliance(doc, c, h2, para)
        h1(t["section_cost"])
        rows(c["cost_rows"])
    else:
        d = c["decision"]
        h1(c["ask_heading"])
        if d["present"]:
            p = doc.add_paragraph()
            _run(p, f"{d['label']}: ", bold=True)
            _run(p, d["choice_label"], bold=True)
            _run(p, f" ({d['on']} {d['date']})")
            rows([{"label": t["label_rationale"], "value": d["rationale"]}])
            if d["new_end"]:
                rows([{"label": t["label_new_end"], "value": d["new_end"]}])
            if d["conditions"]:
                para(f"{t['label_conditions']}:", bold=True)
                for cond in d["conditions"]:
                    _run(doc.add_paragraph(style="List Bullet"), cond)
        if c["show_indicates"]:
            tone = {"support": GOOD, "breach": BAD, "not_met": BAD}.get(c["indicates"], NEUTRAL)
            para(c["indicates_text"], color=tone)
            if c["departs"]:
                para(c["departs_text"], bold=True, color=BAD)
        para(c["ask"], bold=True)
        h1(t["section_effects_decision"])
        para(t["effects_intro_decision"])
        _effects(doc, c, c["effects"], h2, para)
        h2(t["section_preregistration"])
        para(" ".join(c["preregistration"]["lines"]), color=_tone(c["preregistration"]["tone"]))
        h2(t["section_amendments"])
        if c["amendments"]:
            amendments = _table(doc, [t["amend_date"], t["amend_effect"], t["amend_change"], t["amend_reason"], t["amend_by"]],
                                [[a["date"], a["effect"], a["change"], a["reason"], a["by"]] for a in c["amendments"]], size=8.5)
            # the date ("30 september 2026") and the effect id need little room, the change and reason most
            _widths(amendments, [Mm(24), Mm(14), Mm(52), Mm(50), Mm(30)])
        else:
            para(t["no_amendments"])
        if c["switching"]:
            para(t["switching_intro"])
            for f in c["switching"]:
                p = doc.add_paragraph(style="List Bullet")
                _run(p, f["code"] + " ", bold=True, color=BAD if f["severity"] == "error" else None)
                _run(p, f["message"], color=BAD if f["severity"] == "error" else None)
        if c["exploratory"]:
            h1(t["section_exploratory"])
            para(t["exploratory_intro"])
            _effects(doc, c, c["exploratory"], h2, para)
        h1(t["section_adoption"])
        rows(c["adoption_rows"])
        incidents()
        h1(t["section_compliance"])
        _compliance(doc, c, h2, para)
        h1(t["section_cost"])
        rows(c["cost_rows"])
        if c["monitoring"]["present"]:
            h1(c["monitoring"]["title"])
            rows(c["monitoring"]["rows"])
            if c["monitoring"]["metrics"]:
                mt = _table(doc, [t["col_mon_metric"], t["col_mon_latest"], t["col_mon_threshold"], t["col_mon_status"]],
                            [[m["label"], m["latest"], m["threshold"], m["status"]] for m in c["monitoring"]["metrics"]],
                            size=8.5, numeric=(1, 2))
                _widths(mt, [Mm(78), Mm(38), Mm(30), Mm(24)])
                for i, m in enumerate(c["monitoring"]["metrics"], start=1):
                    for run in mt.rows[i].cells[3].paragraphs[0].runs:
                        run.bold = True
                        _color(run, _tone(m["tone"]))
            h2(c["monitoring"]["incidents_label"])
            if c["monitoring"]["incidents"]:
                for i in c["monitoring"]["incidents"]:
                    _run(doc.add_paragraph(style="List Bullet"), i)
            else:
                para(c["monitoring"]["no_incidents"])
            for key, label in (("pilot_incidents", "label_incidents_pilot"), ("undated_incidents", "label_incidents_undated"),
                               ("future_incidents", "label_incidents_future")):
                if c["monitoring"][key]:
                    h2(t[label])
                    for i in c["monitoring"][key]:
                        _run(doc.add_paragraph(style="List Bullet"), i)
        h1(t["section_problem"])
        rows(c["problem_rows"] + c["radiologist_rows"])
        h1(t["section_application"])
        rows(c["application_rows"])
        h2(t["section_pilot"])
        rows(c["pilot_rows"])

    h1(t["section_signoff"])
    s = c["signoff"]
    rows(s["rows"])
    sign = _table(doc, ["", t["sign_name"], t["sign_date"], t["sign_signature"]],
                  [[x["role"], x["name"], "", ""] for x in s["signers"]])
    _widths(sign, [Mm(45), Mm(55), Mm(30), Mm(40)])
    for row in sign.rows[1:]:
        _row_height(row, Mm(16))
        _bold(row.cells[0])

    h1(t["section_provenance"])
    prov = c["provenance"]
    prov_rows = [
        {"label": t["prov_portfolio"], "value": prov["portfolio"]},
        {"label": t["prov_application"], "value": f"{prov['app_name']} ({prov['app_id']})"},
        {"label": t["prov_commit"], "value": prov["commit_text"]},
        {"label": t["prov_rendered"], "value": prov["rendered"]},
        {"label": t["prov_raio"], "value": prov["raio_text"]},
    ]
    if prov["dirty"]:
        prov_rows.append({"label": t["prov_dirty"], "value": ", ".join(prov["dirty"])})
    rows(prov_rows)
    if c["draft"]:
        para(c["draft_mark"], bold=True, color=BAD, size=14).alignment = WD_ALIGN_PARAGRAPH.LEFT

    raw = io.BytesIO()
    doc.save(raw)
    return _reproducible_zip(raw.getvalue(), today)


# ---------------------------------------------------------------------------------------------
# pieces


def _effects(doc, c: dict, effects: list[dict], h2, para) -> None:
    from docx.shared import Mm

    t = c["t"]
    if not effects:
        para(t["no_effects"], color=BAD)
        return
    if c["has_results"]:
        header = [t["col_effect"], t["col_kind"], t["col_metric"], t["col_baseline"], t["col_threshold"],
                  t["col_observed"], t["col_ci"], t["col_verdict"]]
        body = [[_effect_label(e, t), e["kind_label"], e["metric"], e["baseline"], e["threshold"], e["observed_n"],
                 e["interval"], e["verdict"]]
                for e in effects]
        # wide enough for the longest word of either language at 8.5 pt ("inconclusive",
        # "Waargenomen", "85.1–92.7%") and, in the CI column, for the longest level label at 7 pt
        # ("95%, aangenomen", 53 pt in Calibri); the rest for the metric's text
        widths = [Mm(18), Mm(19), Mm(36), Mm(18), Mm(14), Mm(21), Mm(23), Mm(21)]
    else:
        header = [t["col_effect"], t["col_kind"], t["col_metric"], t["col_baseline"], t["col_threshold"], t["col_radar"]]
        body = [[_effect_label(e, t), e["kind_label"], e["metric"], e["baseline"], e["threshold"], e["radar"]] for e in effects]
        widths = [Mm(18), Mm(19), Mm(77), Mm(18), Mm(18), Mm(20)]
    table = _table(doc, header, body, size=8.5, numeric=(3, 4, 5, 6) if c["has_results"] else (3, 4, 5))
    _widths(table, widths)
    _cell_margins(table, Mm(1.2))
    for i, e in enumerate(effects, start=1):
        if c["has_results"] and e["n_text"]:
            # n on a line of its own, as in the PDF and HTML; "0,62 (n = 1.480)" broke as "(n =" / "1.480)"
            observed = table.rows[i].cells[5].paragraphs[0]
            for run in observed.runs:
                run.text = e["observed"]
            observed.add_run().add_break()
            _run(observed, e["n_text"].replace(" ", "\u00a0"), color=MUTED, size=7)
        if c["has_results"] and e.get("interval_level"):
            # the level under the interval, as in the PDF and HTML; "85,1–92,7% (95%, aangenomen)"
            # broke as "85,1–92,7% (95%," / "aangenomen)"
            interval = table.rows[i].cells[6].paragraphs[0]
            interval.add_run().add_break()
            _run(interval, e["interval_level"].replace(" ", "\u00a0"), color=MUTED, size=7)
        if c["has_results"]:
            cell = table.rows[i].cells[7]
            for run in cell.paragraphs[0].runs:
                run.bold = True
                _color(run, _tone(e["tone"]))
    for e in effects:
        h2(f"{e['id']}: {e['description']}")
        items = []
        if c["has_results"]:
            verdict = e["verdict"] + (f". {e['explanation']}" if e["explanation"] else "")
            items.append((t["col_verdict"], verdict, _tone(e["tone"])))
            if e["missing_reason"]:
                items.append((t["label_missing_reason"], e["missing_reason"], None))
            if e["notes"]:
                items.append((t["label_notes"], e["notes"], None))
        items.append((t["label_baseline_source"], e["baseline_source"], None))
        items.append((t["label_measurement"], e["measurement"], None))
        if e["decision_rule"]:
            items.append((t["label_decision_rule"], e["decision_rule"], None))
        for label, value, color in items:
            p = doc.add_paragraph()
            p.paragraph_format.space_after = _pt(2)
            p.paragraph_format.keep_with_next = False
            _run(p, f"{label}: ", bold=True)
            _run(p, value, color=color)


def _effect_label(e: dict, t: dict) -> str:
    return e["id"] + (f" ({e['tags']})" if e["tags"] else "")


def _compliance(doc, c: dict, h2, para) -> None:
    from docx.shared import Mm

    t = c["t"]
    comp = c["compliance"]
    para(comp["readiness"], color=_tone(comp["tone"]))
    if comp["by_owner"]:
        h2(t["compliance_open_title"])
        body = []
        for group in comp["by_owner"]:
            for i, entry in enumerate(group["entries"]):
                body.append([group["owner"] if i == 0 else "", entry["title"], entry["status"], entry["needed_for"]])
        table = _table(doc, [t["compliance_owner"], t["compliance_item"], t["compliance_status"],
                             t["compliance_needed_for"]], body, size=9)
        _widths(table, [Mm(40), Mm(80), Mm(25), Mm(25)])
        for row in table.rows[1:]:
            _bold(row.cells[0])
    else:
        para(t["compliance_none_open"])
    if comp["expiring"]:
        h2(t["compliance_expiring_title"])
        for x in comp["expiring"]:
            p = doc.add_paragraph(style="List Bullet")
            owner = f" ({x['owner']})" if x["owner"] != c["absent"] else ""
            _run(p, f"{x['title']}: {x['when']}{owner}", color=BAD if x["expired"] else None)
    if comp.get("ai_act"):
        h2(t["ai_act_duties_title"])
        for x in comp["ai_act"]:
            _run(doc.add_paragraph(style="List Bullet"), x["text"], color=BAD if x["passed"] else None)


def _table(doc, header: list[str], body: list[list[str]], size: float = 9, numeric: tuple = ()):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for i, text in enumerate(header):
        cell = table.rows[0].cells[i]
        _cell(cell, text, bold=True, fill=HEAD_FILL, size=size)
        if i in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(table.rows[0])
    for values in body:
        row = table.add_row()
        if not _tall(values):
            _cant_split(row)
        for i, text in enumerate(values):
            _cell(row.cells[i], text, size=size)
            if i in numeric:
                row.cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _tall(values: list) -> bool:
    """Whether a row holds a text that may be taller than a page (``jinja_env.TALL_TEXT``, as in
    the PDF): a row that may not break and is taller than a page is cut off by Word at the page's
    bottom, and what did not fit is lost."""
    from raio_cli.documents.jinja_env import TALL_TEXT

    return any(len(clean(v)) >= TALL_TEXT for v in values)


def _pt(value: float):
    from docx.shared import Pt

    return Pt(value)


def _run(paragraph, text, bold: bool = False, italic: bool = False, color: str | None = None, size: float | None = None):
    run = paragraph.add_run(clean(text))
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = _pt(size)
    _color(run, color)
    return run


def _field(paragraph, instruction: str, color: str | None = None, size: float | None = None) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs; the
    result "1" stands until the reader's word processor updates it, which Word and LibreOffice do
    on opening and printing."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str) -> None:
        run = _run(paragraph, "", color=color, size=size)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld_char("begin")
    run = _run(paragraph, "", color=color, size=size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    _run(paragraph, "1", color=color, size=size)
    fld_char("end")


def _color(run, color: str | None) -> None:
    if color:
        from docx.shared import RGBColor

        run.font.color.rgb = RGBColor.from_string(color)


def _tone(tone: str) -> str | None:
    return {"good": GOOD, "bad": BAD, "neutral": NEUTRAL}.get(tone)


def _cell(cell, text, bold: bool = False, fill: str | None = None, size: float | None = None) -> None:
    paragraph = cell.paragraphs[0]
    _run(paragraph, text, bold=bold, size=size)
    if fill:
        _shade(cell, fill)


def _bold(cell) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _cant_split(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _row_height(row, height) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _widths(table, widths: list) -> None:
    """Column widths, both in the table's grid (which LibreOffice and Google Docs follow) and on
    every cell (which Word follows): with only the cells set, LibreOffice showed equal columns."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _cell_margins(table, side) -> None:
    """The table's left and right cell margins (Word's default is 1.9 mm): narrow columns keep
    their words whole."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(side.twips)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))  # the schema's order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _reproducible_zip(data: bytes, today: dt.date) -> bytes:
    """The same zip with every entry dated ``today`` (python-docx stamps entries with the clock);
    a zip date lies between 1980 and 2107, so a --today outside is stamped at the nearest end."""
    if today.year > 2107:
        stamp = (2107, 12, 31, 12, 0, 0)
    else:
        stamp = (max(today.year, 1980), today.month, today.day, 12, 0, 0)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
