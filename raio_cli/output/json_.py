"""``--format json``: a JSON list of findings, one object each.

Every object has ``code``, ``severity``, ``file``, ``line``, ``column``, ``message``, ``hint`` and
``app``; some carry ``data`` (e.g. a verdict, or the finding an inline suppression accepted).
"""

from __future__ import annotations

import json


def render(result, out, **options) -> None:
    json.dump([f.to_dict() for f in result.findings], out, indent=2, ensure_ascii=False)
    out.write("\n")
