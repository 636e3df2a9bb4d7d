"""``--format json``: a JSON list of findings, one object each.

Every object has ``code``, ``severity``, ``file``, ``line``, ``column``, ``message``, ``hint`` and
``app``; some carry ``data`` (e.g. a verdict, the finding an inline suppression accepted, or
``"not_read": true`` on the finding that says why a file could not be read at all).
"""

from __future__ import annotations

from raio_cli import jsontext


def render(result, out, **options) -> None:
    # one finding at a time: the whole list as one text held about 30 MB more at the peak of a
    # check of 1,000 applications (benchmarks/README.md)
    jsontext.write_list((f.to_dict() for f in result.findings), out)
