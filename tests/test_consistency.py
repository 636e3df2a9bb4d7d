"""The board documents agree: the memo, the portfolio report and raio status tell the same story
of the same fact (an expired piece of evidence, a certificate, a pilot's start, a decision).

Each test renders the documents a board reads of one small portfolio and asserts what they say
of one fact, in each of them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import EXAMPLE_TODAY, make_portfolio

from raio_cli.documents import report as report_lib
from raio_cli.documents.memo import render_memo

EN = {"organisation": "T", "department": "R", "language": "en"}


def memo_md(root: Path, app: str, lang: str = "en", today: dt.date = EXAMPLE_TODAY) -> str:
    data, _name, _draft = render_memo(root, app, "md", lang, today)
    return " ".join(data.decode("utf-8").replace("**", "").split())


def attention(root: Path, lang: str = "en", today: dt.date = EXAMPLE_TODAY) -> list[str]:
    return [a["text"] for a in report_lib.build_report_context(root, lang, today)["summary"]["attention"]]


def production(compliance_items: list[dict], **application) -> dict:
    return {
        "application": {"id": "prod-app", "name": "Prod", "stage": "production", "stage_since": "2026-01-01",
                        **application},
        "compliance": {"items": compliance_items},
    }


def test_expired_evidence_of_an_item_in_progress_is_in_the_report_as_in_the_memo(tmp_path):
    """A DPIA whose evidence expired on 1 October 2026 while its renewal is in progress: the memo
    listed it under "Expired or expiring soon"; the report's points for attention named expired
    evidence only of items marked done (raio check's DAT009), and said nothing of it. Both read
    the one list now (dates.expiring_items)."""
    root = make_portfolio(tmp_path / "p", {"prod-app": production([
        {"id": "dpia", "status": "in-progress", "owner": "FG", "date": "2024-10-01", "expires": "2026-10-01"}])},
        config=EN)
    memo = memo_md(root, "prod-app")
    assert "Data protection impact assessment (DPIA): expired since 1 October 2026 (FG)" in memo, memo
    assert "Prod: Data protection impact assessment (DPIA): evidence expired on 1 October 2026 (45 days ago)." \
        in attention(root), attention(root)
