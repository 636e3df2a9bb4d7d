"""Reading values from dossiers that may hold anything: plain functions that never raise.

The schema layer reports values of the wrong type; everything else (rules, status, memos, the
report, the demo) reads them through these helpers and treats what it cannot read as absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


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
