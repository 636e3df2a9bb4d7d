"""Legal facts in raio's catalogs, checked against what the law fixes.

Each test holds one fact a regulatory-affairs review verified against the regulation's text, so a
later edit of the catalog cannot silently undo it.
"""

from __future__ import annotations

import datetime as dt

from raio_cli.catalog import regulatory_dates


def _dates() -> dict[str, dict]:
    return {e["id"]: e for e in regulatory_dates()}


def test_mdr_date_of_application_cites_the_amendment_that_set_it():
    """MDR Art 123(2) as published in 2017 says 26 May 2020; Regulation (EU) 2020/561 moved it
    to 26 May 2021. The catalog's date is the amended one, so its source must name the amendment
    (a reader who opens the 2017 text alone finds the other date)."""
    entry = _dates()["mdr-date-of-application"]
    assert entry["date"] == dt.date(2021, 5, 26)
    assert "Art 123(2)" in entry["source"]
    assert "2020/561" in entry["source"] and "2020/561" in entry["article"]
    assert entry["source_url"].endswith("CELEX:32020R0561")
