"""Reading values from dossiers that may hold anything: plain functions that never raise.

The schema layer reports values of the wrong type; everything else (rules, status, memos, the
report, the demo) reads them through these helpers and treats what it cannot read as absent.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: A whole number with points between groups of three digits, as Dutch writes thousands (4.000,
#: 1.250.000): YAML reads 4.000 as the number 4.0, 4.310 as 4.31 and 1.250.000 as text.
THOUSANDS_POINTS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_date(value: Any) -> dt.date | None:
    """A date written YYYY-MM-DD (blanks around it allowed), or a ``date``, as a ``date``; None
    for anything else. The one form a dossier's dates take (the schemas' ``format: date``) and
    the one raio reads, from a dossier or an option: ``date.fromisoformat`` also reads 20241201
    and 2024-W01-1 (Python 3.11), which the schema refuses."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def date_refusal(value: str, option: str = "", shown: str | None = None) -> tuple[str, str | None]:
    """Why ``value``, which :func:`parse_date` does not read, is refused as a date, and how to
    write it: ``(reason, hint)``, the reason to follow the value as shown ("is not a date: that
    month has 30 days"). The hint names the day another form stands for (20241201, 2024-W01-1,
    1-3-2027) as YYYY-MM-DD, after ``option`` when one is given (``--today 2024-12-01``), with how
    the value (as ``shown``, default itself) was read when that was not plain; it is None when
    ``value`` names no day: the caller gives its own example then."""
    slip = calendar_slip(value)
    if slip is not None:  # the form is right: say what is wrong with the day
        why = f"that month has {slip[1]} days" if slip[1] else f"there is no month {slip[0]}"
        return f"is not a date: {why}", calendar_slip_hint(value, slip)
    meant = date_meant(value)  # 20241201, 1-3-2027, 15 maart 2027: the day, and how it was read
    if meant is None and isinstance(value, str) and value.strip():
        try:  # an ISO 8601 form Python reads and a dossier does not hold: 2024-W01-1, 2024W011
            day = dt.date.fromisoformat(value.strip())
            meant = day.isoformat(), f"{day.day} {_MONTH_EN[day.month - 1]} {day.year}"
        except ValueError:
            pass
    if meant is None:
        return "is not a date", None
    read = f" ({value if shown is None else shown} read as {meant[1]})" if meant[1] else ""
    return "is not a date", f"Write it as YYYY-MM-DD: {option + ' ' if option else ''}{meant[0]}{read}."


def calendar_slip(value: Any) -> tuple[int, int] | None:
    """For text of the form YYYY-MM-DD that is no day of the calendar (2027-02-31, 2027-13-01):
    ``(month, days in that month)``, the days 0 when there is no such month; else None."""
    import calendar

    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        return None
    year, month = int(value[:4]), int(value[5:7])
    if not 1 <= month <= 12:
        return month, 0
    days = calendar.monthrange(max(year, 1), month)[1]
    return None if 1 <= int(value[8:]) <= days else (month, days)


def calendar_slip_hint(value: str, slip: tuple[int, int]) -> str:
    """How to correct a :func:`calendar_slip`: the month's range, or the month's last day."""
    if not slip[1]:
        return "Correct the month: 01 to 12."
    return f"Correct the day, e.g. {value[:8]}{slip[1]:02d}."


#: Month names as people write them in a date (the memo's own are in strings.yaml ``months``)
_MONTHS = {name: number for number, names in enumerate((
    ("januari", "january", "jan"), ("februari", "february", "feb"), ("maart", "march", "mrt", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("augustus", "august", "aug"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
    ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def date_meant(value: Any) -> tuple[str, str] | None:
    """The day a date written otherwise than YYYY-MM-DD stands for (1-3-2027, 01/03/2027, 2027-3-1,
    15 maart 2027, 20270101, 2027-01-01T09:00): ``(ISO date, how it was read)``, the reading ""
    or, for a day written before its month, "day-month-year: 1 March 2027". None when it names no
    single day (maart 2027, 2027-02-30, text)."""
    import re

    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    order = ""
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        y, mo, d = m.groups()
    elif m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?", text):
        y, mo, d = m.groups()
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
        d, mo, y = m.groups()
        order = "day-month-year"
    elif m := re.fullmatch(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})", text):
        d, mo, y = m.group(1), _MONTHS.get(m.group(2).casefold()), m.group(3)
    elif m := re.fullmatch(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text):
        mo, d, y = _MONTHS.get(m.group(1).casefold()), m.group(2), m.group(3)
    else:
        return None
    try:
        day = dt.date(int(y), int(mo), int(d))
    except (TypeError, ValueError):
        return None
    return day.isoformat(), (f"{order}: {day.day} {_MONTH_EN[day.month - 1]} {day.year}" if order else "")


def scalar_text(value: Any) -> str:
    """Text of a scalar (a date as ISO), without the blanks around it; "" for None, a list, a
    mapping, a yes/no and empty text."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def as_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or ISO text (``2026-03-01``, also with a time after it); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


#: units that say nothing after a number ("3 aantal", "1 ja/nee"): the number stands alone
_BARE_UNITS = frozenset({"aantal", "count", "number", "n", "ja/nee", "yes/no", "boolean",
                         "fractie", "fraction", "proportie", "proportion"})
#: units that are a percentage, written "97,5%" (the words raio_cli.monitoring reads as one)
_PERCENT_UNITS = frozenset({"%", "percent", "procent", "percentage", "pct"})
#: a count's word before what it counts: "aantal per kwartaal" reads "per kwartaal" after a number
_COUNT_WORD = re.compile(r"^(?:aantal|number(?:\s+of)?|count(?:\s+of)?)\s+", re.IGNORECASE)


def with_unit(number: str, unit: Any) -> str:
    """A number (already written in the document's language) with its metric's unit, as a reader
    reads it: "64 minuten", "97,5%", "2 per kwartaal" (for "aantal per kwartaal"); the number
    alone where the unit says nothing after it ("aantal", "ja/nee") or there is none."""
    unit = " ".join(unit.split()) if isinstance(unit, str) else ""
    if not number or not unit or unit.casefold() in _BARE_UNITS:
        return number
    if unit.casefold() in _PERCENT_UNITS:
        return f"{number}%"
    return f"{number} {_COUNT_WORD.sub('', unit)}"
