"""Charts of the portfolio report as inline SVG: no network, no script, the same bytes every time.

Two charts, each a function from plain data to one ``<svg>`` string:

- :func:`timeline_svg`: one row per application that has a pilot plan (or is in stage pilot or
  evaluation). Each row has exactly one ``rect`` of class ``bar-pilot`` (the planned start to the
  planned end), a differently shaded ``bar-extension`` per extension after it, each with its own
  title (:attr:`TimelineRow.plan_tip`, :attr:`TimelineRow.extension_tips`). Without a planned
  end the pilot's bar is dashed and stops where the first extension was decided
  (:attr:`TimelineRow.extension_from`), or, without that day, at the first extension's end, which
  then has no bar of its own: an extension is never drawn as the whole pilot. A pilot that ended
  early (:attr:`TimelineRow.ended_early`, DAT016) has its ``bar-pilot`` to that day and a dashed
  ``bar-planned-rest`` outline from there to the planned end, with its own title. A row whose plan
  dates are out of order (:attr:`TimelineRow.no_bar`) has no bar and no extension, only a
  ``no-bar`` text saying why (a bar would draw a period the dossier does not give), and the
  decision's marker on its day. A red dashed
  ``bar-overdue`` runs from the last end to today while the decision is still pending; the
  decision is a diamond with its choice. A dashed line marks today; the axis shows years, and
  months or quarters below them. The chart spans at most :data:`HORIZON_YEARS` years either
  side of today (and never leaves the years 1 to 9999): a date beyond that (an "open-ended"
  9999-12-31) is drawn at the chart's edge, its row marked with a ``clipped`` chevron there
  (:func:`clipped_rows` names those rows for a note under the chart). A long application name
  wraps onto a second line (its row grows); one too long for two ends in an ellipsis, its full
  name in the label's title and in the report's data table.
- :func:`pipeline_svg`: one ``bar-stage`` column per lifecycle stage with its count and its name
  under it; the running stages blue, stopped dark grey, retired lighter grey and hatched.

Every text (application names, labels, tooltips) passes through :func:`esc`: XML-escaped,
control characters and characters XML forbids dropped, so a dossier cannot add elements or
scripts to the chart, and typst's SVG reader never meets invalid XML. Drawing uses attributes
only (no CSS, no ids), so several charts can sit in one HTML page and typst draws them as a
browser does. Numbers are written with at most one decimal: same data, same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

#: Characters XML 1.0 does not allow (controls other than tab/newline/CR, surrogates, U+FFFE/F),
#: the C1 controls it allows but a terminal acts on (U+009B is CSI) when the report is shown, and
#: the controls of writing direction, which turned a label around (see ``jinja_env._CONTROL``).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")

INK = "#1d232a"
MUTED = "#5b6670"
GRID = "#d5dbe1"
BAND = "#f4f6f8"
PILOT = "#2f6fae"
EXTENSION = "#9cc0e4"
OVERDUE = "#a61b1b"
OVERDUE_FILL = "#f3d3d3"
TODAY = "#c0392b"
CHOICE_COLOURS = {"scale-up": "#1e6b35", "extend": "#8a5300", "stop": "#a61b1b"}
#: The pipeline's columns: the running stages blue (pilot and evaluation the strongest), the two
#: ends grey, stopped darker than retired (which is also hatched). Each at least 3:1 against the
#: white sheet (WCAG 2.2 SC 1.4.11, non-text contrast); each column is named under it in words.
STAGE_COLOURS = {"pilot": PILOT, "evaluation": PILOT, "stopped": "#5e6873", "retired": "#858c93"}
STAGE_COLOUR_OTHER = "#4f86c6"
HATCHED_STAGES = ("retired",)
DEFAULT_FONT = "Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"


def esc(value: object) -> str:
    """Text for SVG content or a double-quoted attribute."""
    text = "" if value is None else str(value)
    if not text.isascii():
        from raio_cli.gitcmd import shown

        # a byte of a folder name that is no UTF-8 (caf\xe9-app) is U+FFFD, as the rest of the
        # document writes it: dropped, the chart named another folder (caf-app)
        text = shown(text)
    text = _NOT_XML.sub("", text)
    text = " ".join(text.split()) if any(c in text for c in "\n\r\t") else text
    # xml.sax.saxutils.escape(text, {'"': "&quot;"}), without importing it: xml.sax brings
    # urllib.request, http.client and email along (50 ms of every report and memo)
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace('"', "&quot;")


def _n(x: float) -> str:
    """A coordinate with at most one decimal, without a trailing .0 (deterministic)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def clip(text: str, limit: int) -> str:
    from raio_cli.privacy import clip as cut

    return cut(" ".join(str(text).split()), limit, strip=True)


def wrap(text: str, chars: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``chars`` characters, broken between words
    (a word longer than a line is broken inside); the last line ends in an ellipsis when the text
    needs more lines. A line never ends inside a number or the code it belongs to (``BSN 111 222
    333``, ``NZ-1234567``): the chart is masked as a whole, and a number split over two lines
    would no longer be recognised."""
    from raio_cli.privacy import number_start

    text, pos, out = " ".join(str(text).split()), 0, []
    while len(out) < lines - 1 and len(text) - pos > chars:
        space = text.rfind(" ", pos, pos + chars + 1)
        end, following = (space, space + 1) if space > pos else (pos + chars, pos + chars)
        safe = number_start(text, following)
        if safe != following:  # the break falls in a number: before it and the word before it
            if safe <= pos:
                break  # the whole line is that number: the rest is cut as one (below)
            end = following = safe
        out.append(text[pos:end].rstrip())
        pos = following + (text[following:following + 1] == " ")
    return [*out, clip(text[pos:], chars)] if pos < len(text) or not out else out


def _text_width(text: str, size: float, factor: float = 0.56) -> float:
    """A rough width of ``text`` at font size ``size`` (for placing labels, not for layout precision)."""
    return len(text) * size * factor


def char_factor(font: str) -> float:
    """Average glyph width per font size: a serif face (the PDF's Libertinus) runs narrower than a sans."""
    first = font.split(",")[0].strip().strip("'\"").lower()
    return 0.5 if ("serif" in first and "sans" not in first) or "libertinus" in first else 0.56


# ---------------------------------------------------------------------------------------------
# Timeline of pilots


@dataclass
class TimelineRow:
    """One application in the timeline; every date may be missing (the row still gets its bar)."""

    id: str
    name: str
    sub: str = ""  # second line under the name: stage, dates
    start: dt.date | None = None
    end: dt.date | None = None  # the planned end (plan.end)
    extensions: list[dt.date] = field(default_factory=list)  # later ends, in order
    no_bar: str = ""  # set when the plan's dates cannot be drawn (end not after start): no bar, this text
    end_unreadable: bool = False  # plan.end is there but no date (not absent): its label says so
    plan_tip: str = ""  # the planned pilot's bar's title (its period), when it differs from the row's
    extension_tips: list[str] = field(default_factory=list)  # each extension's title, as extensions
    # without a planned end: the day the first extension was decided, where the planned pilot's bar
    # stops and that extension's begins (None: one bar runs to the first extension's end)
    extension_from: dt.date | None = None
    # a pilot that ended early (DAT016): the outcome's date, before the planned end; the bar runs
    # to it and the planned rest is a dashed outline with this title
    ended_early: dt.date | None = None
    rest_tip: str = ""
    decision_date: dt.date | None = None
    decision_choice: str = ""  # scale-up | extend | stop | ""
    decision_label: str = ""  # the choice in the report's language
    pending: bool = False  # no scale-up/stop yet and the stage is pilot or evaluation
    tooltip: str = ""


@dataclass
class TimelineLabels:
    today: str = "today"
    months: tuple = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    planned: str = "planned pilot"
    extension: str = "extension"
    overdue: str = "past its end, no decision"
    decision: str = "decision"
    no_dates: str = "no pilot dates"
    no_end: str = "no end date"
    end_unreadable: str = "planned end unreadable"
    title: str = "Timeline of pilots"
    clipped: str = "continues beyond the chart"
    empty: str = "No application has a pilot plan."


#: How far from today the timeline reaches at most, each way: dates further off are drawn at its edge.
HORIZON_YEARS = 10
#: The first and last month start the chart may show: a month before and two after stay valid dates.
_FIRST_MONTH, _LAST_MONTH = dt.date(1, 2, 1), dt.date(9999, 10, 1)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _within(day: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return min(max(day, lo), hi)


def _bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The earliest and latest month start the chart may reach: :data:`HORIZON_YEARS` around today."""
    month = _within(_month_start(today), _FIRST_MONTH, _LAST_MONTH)
    reach = HORIZON_YEARS * 12
    first = _add_months(month, -reach) if month > _add_months(_FIRST_MONTH, reach) else _FIRST_MONTH
    last = _add_months(month, reach) if month < _add_months(_LAST_MONTH, -reach) else _LAST_MONTH
    return first, last


def _row_days(row: TimelineRow) -> list[dt.date]:
    return [d for d in [row.start, row.end, row.decision_date, *row.extensions] if d is not None]


def timeline_range(rows: list[TimelineRow], today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the chart: whole months around every date and today, within
    :data:`HORIZON_YEARS` of today."""
    first, last = _bounds(today)
    days = [today]
    for r in rows:
        days += _row_days(r)
    lo, hi = (_within(_month_start(d), first, last) for d in (min(days), max(days)))
    return _add_months(lo, -1), _add_months(hi, 2)


def clipped_rows(rows: list[TimelineRow], today: dt.date) -> list[TimelineRow]:
    """The rows with a date outside the chart (drawn at its edge)."""
    lo, hi = timeline_range(rows, today)
    return [r for r in rows if any(d < lo or d > hi for d in _row_days(r))]


def timeline_svg(rows: list[TimelineRow], today: dt.date, labels: TimelineLabels | None = None,
                 font: str = DEFAULT_FONT, width: int = 1000) -> str:
    """The pilot timeline as one ``<svg>`` element (see the module docstring)."""
    labels = labels or TimelineLabels()
    label_w, right = 370, 16
    factor = char_factor(font)
    name_chars = int((label_w - 20) / (12 * factor))
    name_lines = [wrap(r.name, name_chars) for r in rows]
    x0, x1 = label_w, width - right
    row_h, top, bar_h, line_h = 32, 44, 14, 14
    legend_h = 34
    heights = [row_h + line_h * (len(lines) - 1) for lines in name_lines]  # a wrapped name makes its row taller
    ys = [top + sum(heights[:i]) for i in range(len(rows))]
    bottom = top + (sum(heights) if rows else row_h)
    height = bottom + 8 + legend_h
    lo, hi = timeline_range(rows, today)
    span = max((hi - lo).days, 1)

    def x(day: dt.date) -> float:
        # a date beyond the chart sits at its edge (clipped_rows says which rows have one)
        return x0 + (_within(day, lo, hi) - lo).days / span * (x1 - x0)

    out: list[str] = []
    add = out.append
    add(f'<svg xmlns="http://www.w3.org/2000/svg" class="raio-chart timeline" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{esc(labels.title)}" '
        f'font-family="{esc(font)}" font-size="12" fill="{INK}">')
    add(f"<title>{esc(labels.title)}</title>")

    # row bands
    for i, _ in enumerate(rows):
        if i % 2 == 0:
            add(f'<rect class="band" x="0" y="{ys[i]}" width="{width}" height="{heights[i]}" fill="{BAND}"/>')

    # axis: years (strong lines, labels), months or quarters (light ticks)
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 30 else (3 if months <= 120 else 12)
    year_w = (x1 - x0) * 365.25 / span
    year_step = next(n for n in (1, 2, 5, 10, 20, 50) if n * year_w >= 36 or n == 50)  # room for "2031"
    label_months = months <= 18
    for k in range(months + 1):  # lo and hi are month starts: hi is the last m
        m = _add_months(lo, k)
        xm = x(m)
        if m.month == 1:
            add(f'<line class="grid-year" x1="{_n(xm)}" y1="{top - 22}" x2="{_n(xm)}" y2="{bottom}" stroke="{GRID}" stroke-width="1.2"/>')
        elif (m.month - 1) % step == 0:
            add(f'<line class="grid-month" x1="{_n(xm)}" y1="{top - 6}" x2="{_n(xm)}" y2="{bottom}" stroke="{GRID}" stroke-width="0.5" stroke-dasharray="2 3"/>')
        if label_months and m < hi:
            mid = x(m) + (x(_add_months(m, 1)) - x(m)) / 2
            add(f'<text x="{_n(mid)}" y="{top - 8}" text-anchor="middle" font-size="9.5" fill="{MUTED}">{esc(labels.months[m.month - 1])}</text>')
    for year in range(lo.year, hi.year + 1):
        a, b = max(dt.date(year, 1, 1), lo), (min(dt.date(year + 1, 1, 1), hi) if year < hi.year else hi)
        if (b - a).days < 45 or year % year_step:
            continue  # no room for the label
        add(f'<text class="year" x="{_n((x(a) + x(b)) / 2)}" y="{top - 26 if label_months else top - 10}" '
            f'text-anchor="middle" font-size="11.5" font-weight="bold" fill="{INK}">{year}</text>')
    add(f'<line x1="{x0}" y1="{top}" x2="{x1}" y2="{top}" stroke="{MUTED}" stroke-width="0.8"/>')

    if not rows:
        add(f'<text x="{x0 + 10}" y="{top + 20}" fill="{MUTED}">{esc(labels.empty)}</text>')

    def decision(r: TimelineRow, mid: float, bar_end: float, bar_start: float | None = None) -> None:
        """The decision's diamond on its day, its choice beside it, or past the bar (ending at
        ``bar_end``) when the marker sits on it (an extend decision); without room on the right,
        before the marker (and the bar starting at ``bar_start``)."""
        if r.decision_date is None:
            return
        xd = x(r.decision_date)
        colour = CHOICE_COLOURS.get(r.decision_choice, INK)
        s = 6.5
        add(f'<path class="decision decision-{esc(r.decision_choice or "none")}" '
            f'd="M{_n(xd)} {_n(mid - s)} L{_n(xd + s)} {_n(mid)} L{_n(xd)} {_n(mid + s)} L{_n(xd - s)} {_n(mid)} Z" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>')
        if r.decision_label:
            text = clip(r.decision_label, 28)
            tw = _text_width(text, 10, factor)
            xl = max(xd + 10, bar_end + 6 if xd < bar_end else xd + 10)
            if xl + tw <= width - 2:
                tx, anchor = xl, "start"
            else:
                tx, anchor = min(xd, xd if bar_start is None else bar_start) - 10, "end"
            add(f'<text class="decision-label" x="{_n(tx)}" y="{_n(mid + 3.5)}" text-anchor="{anchor}" '
                f'font-size="10" font-weight="bold" fill="{colour}">{esc(text)}</text>')

    for i, r in enumerate(rows):
        y, lines = ys[i], name_lines[i]
        mid = y + heights[i] / 2
        by = mid - bar_h / 2
        tip = f"<title>{esc(r.tooltip or r.name)}</title>"
        add(f'<g class="row" data-app="{esc(r.id)}">')
        shown = esc(lines[0]) if len(lines) == 1 else "".join(
            f'<tspan x="8" y="{_n(y + 14 + j * line_h)}">{esc(line)}</tspan>' for j, line in enumerate(lines))
        add(f'<text class="app-label" x="8" y="{_n(y + 14)}" font-size="12" font-weight="bold">{shown}{tip}</text>')
        if r.sub:
            add(f'<text class="app-sub" x="8" y="{_n(y + 27 + line_h * (len(lines) - 1))}" font-size="9.5" fill="{MUTED}">{esc(clip(r.sub, int(name_chars * 1.3)))}</text>')

        for day, edge, sign in ((min(_row_days(r), default=lo), lo, -1), (max(_row_days(r), default=hi), hi, 1)):
            if (day < edge) if sign < 0 else (day > edge):
                xe = x(edge) - sign * 2
                add(f'<path class="clipped" d="M{_n(xe)} {_n(by - 2)} L{_n(xe + sign * 6)} {_n(mid)} L{_n(xe)} {_n(by + bar_h + 2)}" '
                    f'fill="none" stroke="{INK}" stroke-width="1.4"><title>{esc(labels.clipped)}</title></path>')

        start, end = r.start, r.end
        ends = [e for e in r.extensions if e is not None]
        last = max([d for d in [end, *ends] if d is not None], default=None)
        if r.no_bar:
            # dates out of order: a bar would draw a period the dossier does not give; the text says why
            add(f'<text class="no-bar" x="{x0 + 6}" y="{_n(mid + 4)}" font-size="10" fill="{MUTED}">{esc(r.no_bar)}{tip}</text>')
            # the decision is still shown on its day (its label past the text when the marker sits on it)
            decision(r, mid, x0 + 6 + _text_width(r.no_bar, 10, factor))
            add("</g>")
            continue
        if start is None and end is None:
            # the bar marks the row without inventing dates: a short open stub at today
            add(f'<rect class="bar-pilot bar-undated" x="{_n(x(today) - 3)}" y="{_n(by)}" width="6" height="{bar_h}" '
                f'fill="#ffffff" stroke="{PILOT}" stroke-dasharray="2 2">{tip}</rect>')
            add(f'<text x="{_n(x(today) + 8)}" y="{_n(mid + 4)}" font-size="10" fill="{MUTED}">{esc(labels.no_dates)}</text>')
            add("</g>")
            continue
        open_end = end is None and not ends
        a = start if start is not None else (end or today)
        b = end if end is not None else (max(today, a) if open_end else a)
        later = [e for e in ends if e > a]
        if end is None and later:
            # no planned end: the planned pilot runs to the day the first extension was decided, or,
            # without that day, to the first extension's end; never a sliver with the extension as the pilot
            frm = r.extension_from
            b = frm if frm is not None and a < frm < later[0] else later[0]
        early = r.ended_early if r.ended_early is not None and end is not None and not ends and a < r.ended_early < end else None
        if early is not None:  # ended early: the pilot ran to its outcome's date; the rest is drawn as not run
            b = early
        xa, xb = x(a), x(b)
        w = max(xb - xa, 3)
        style = f'fill="{PILOT}"' if end is not None else f'fill="{EXTENSION}" stroke="{PILOT}" stroke-dasharray="3 2"'
        bar_tip = f"<title>{esc(r.plan_tip)}</title>" if r.plan_tip else tip
        add(f'<rect class="bar-pilot" x="{_n(xa)}" y="{_n(by)}" width="{_n(w)}" height="{bar_h}" rx="2" {style}>{bar_tip}</rect>')
        if early is not None:
            rest_tip = f"<title>{esc(r.rest_tip)}</title>" if r.rest_tip else tip
            add(f'<rect class="bar-planned-rest" x="{_n(xa + w)}" y="{_n(by + 2)}" width="{_n(max(x(end) - xa - w, 2))}" '
                f'height="{bar_h - 4}" rx="1.5" fill="#ffffff" stroke="{PILOT}" stroke-width="0.8" stroke-dasharray="3 2">{rest_tip}</rect>')
            b = end  # the decision's label goes past the planned rest
        if open_end:
            no_end = labels.end_unreadable if r.end_unreadable else labels.no_end
            add(f'<text x="{_n(xa + w + 6)}" y="{_n(mid + 4)}" font-size="10" fill="{MUTED}">{esc(no_end)}</text>')
        previous = b
        tips = dict(zip(r.extensions, r.extension_tips))
        for e in ends:
            if e <= previous:
                continue  # raio check reports an extension that does not move the end
            ext_tip = f"><title>{esc(tips[e])}</title></rect>" if tips.get(e) else "/>"
            add(f'<rect class="bar-extension" x="{_n(x(previous))}" y="{_n(by + 2)}" width="{_n(max(x(e) - x(previous), 2))}" '
                f'height="{bar_h - 4}" rx="1.5" fill="{EXTENSION}" stroke="{PILOT}" stroke-width="0.6"{ext_tip}')
            add(f'<line class="extension-cut" x1="{_n(x(previous))}" y1="{_n(by - 2)}" x2="{_n(x(previous))}" '
                f'y2="{_n(by + bar_h + 2)}" stroke="{PILOT}" stroke-width="1"/>')
            previous = e
        if r.pending and last is not None and today > last:
            add(f'<rect class="bar-overdue" x="{_n(x(last))}" y="{_n(by + 2)}" width="{_n(max(x(today) - x(last), 2))}" '
                f'height="{bar_h - 4}" fill="{OVERDUE_FILL}" stroke="{OVERDUE}" stroke-width="0.8" stroke-dasharray="3 2"/>')
        decision(r, mid, x(max(d for d in [b, *ends, today if r.pending and last is not None and today > last else b])), x(a))
        add("</g>")

    # today
    xt = x(today)
    add(f'<line class="today-line" x1="{_n(xt)}" y1="{top - 4}" x2="{_n(xt)}" y2="{bottom + 2}" stroke="{TODAY}" '
        f'stroke-width="1.4" stroke-dasharray="5 3"/>')
    today_text = labels.today
    anchor = "middle"
    if xt + _text_width(today_text, 10, factor) / 2 > width - 2:
        anchor = "end"
    add(f'<text class="today-label" x="{_n(xt)}" y="{bottom + 14}" text-anchor="{anchor}" font-size="10" '
        f'font-weight="bold" fill="{TODAY}">{esc(today_text)}</text>')

    # legend
    ly = height - 12
    lx = 8.0
    items = [
        (f'<rect x="{{x}}" y="{ly - 9}" width="22" height="10" rx="2" fill="{PILOT}"/>', labels.planned),
        (f'<rect x="{{x}}" y="{ly - 8}" width="22" height="8" rx="1.5" fill="{EXTENSION}" stroke="{PILOT}" stroke-width="0.6"/>', labels.extension),
        (f'<rect x="{{x}}" y="{ly - 8}" width="22" height="8" fill="{OVERDUE_FILL}" stroke="{OVERDUE}" stroke-width="0.8" stroke-dasharray="3 2"/>', labels.overdue),
        ("diamond", labels.decision),
        ("today", labels.today),
    ]
    add('<g class="legend" font-size="10" fill="' + MUTED + '">')
    for shape, text in items:
        if shape == "diamond":
            for j, colour in enumerate(CHOICE_COLOURS.values()):
                cx = lx + 5 + j * 9
                add(f'<path d="M{_n(cx)} {ly - 9} L{_n(cx + 4)} {ly - 4} L{_n(cx)} {ly + 1} L{_n(cx - 4)} {ly - 4} Z" fill="{colour}"/>')
            sw = 34
        elif shape == "today":
            add(f'<line x1="{_n(lx + 8)}" y1="{ly - 10}" x2="{_n(lx + 8)}" y2="{ly + 2}" stroke="{TODAY}" stroke-width="1.4" stroke-dasharray="3 2"/>')
            sw = 16
        else:
            add(shape.replace("{x}", _n(lx)))
            sw = 26
        add(f'<text x="{_n(lx + sw + 2)}" y="{ly}">{esc(text)}</text>')
        lx += sw + 2 + _text_width(text, 10, factor) + 18
    add("</g>")
    add("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Pipeline by stage


@dataclass
class StageCount:
    stage: str
    label: str
    count: int
    names: list[str] = field(default_factory=list)


def pipeline_svg(stages: list[StageCount], title: str = "Applications by stage", font: str = DEFAULT_FONT,
                 width: int = 600) -> str:
    """Columns per lifecycle stage, height by the number of applications, the count on top."""
    height, top, base = 250, 34, 206
    n = max(len(stages), 1)
    slot = (width - 20) / n
    most = max([s.count for s in stages] + [1])
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="raio-chart pipeline" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{esc(title)}" font-family="{esc(font)}" '
           f'font-size="13" fill="{INK}">', f"<title>{esc(title)}</title>"]
    out.append(f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{MUTED}" stroke-width="1"/>')
    label_chars = int(slot / (12.5 * 0.56))
    for i, s in enumerate(stages):
        cx = 10 + slot * i + slot / 2
        h = (base - top) * s.count / most if s.count else 0
        colour = STAGE_COLOURS.get(s.stage, STAGE_COLOUR_OTHER)
        tip = f"<title>{esc(s.label)}: {esc(', '.join(s.names))}</title>" if s.names else ""
        bx, bw = cx - slot * 0.32, slot * 0.64
        out.append(f'<rect class="bar-stage" data-stage="{esc(s.stage)}" x="{_n(bx)}" y="{_n(base - h)}" '
                   f'width="{_n(bw)}" height="{_n(h)}" rx="2" fill="{colour}">{tip}</rect>')
        if s.stage in HATCHED_STAGES and h:
            out.append(_hatch(bx, base - h, bw, h, s.stage))
        out.append(f'<text x="{_n(cx)}" y="{_n(base - h - 7)}" text-anchor="middle" font-size="20" font-weight="bold">{s.count}</text>')
        out.append(f'<text x="{_n(cx)}" y="{base + 22}" text-anchor="middle" font-size="12.5">{esc(clip(s.label, label_chars))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _hatch(x: float, y: float, w: float, h: float, stage: str) -> str:
    """White diagonal lines across a column (drawn line by line: no pattern, no id, no clip path)."""
    step, out = 7.0, [f'<g class="hatch" data-stage="{esc(stage)}" stroke="#ffffff" stroke-width="1.6" pointer-events="none">']
    k = x + y + step  # the line px + py = k, from lower left to upper right
    while k < x + w + y + h:
        x_a, x_b = max(x, k - (y + h)), min(x + w, k - y)
        if x_b - x_a > 0.5:
            out.append(f'<line x1="{_n(x_a)}" y1="{_n(k - x_a)}" x2="{_n(x_b)}" y2="{_n(k - x_b)}"/>')
        k += step
    out.append("</g>")
    return "".join(out)
