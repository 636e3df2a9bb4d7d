"""Reading values from dossiers that may hold anything: plain functions that never raise.

The schema layer reports values of the wrong type; everything else (rules, status, memos, the
report, the demo) reads them through these helpers and treats what it cannot read as absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def calendar_slip(value: Any) -> tuple[int, int] | None:
    """For text of the form YYYY-MM-DD that is no day of the calendar (2027-02-31, 2027-13-01):
    ``(month, days in that month)``, the days 0 when there is no such month; else None."""
    import calendar
    import re

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
