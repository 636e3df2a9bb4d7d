"""raio rule: explain a finding's code."""

from __future__ import annotations

from typing import Optional

import typer

from raio_cli.commands._common import fail, one_line, unknown_format


FORMATS = ("text", "markdown", "json")


def rule(
    code: Optional[str] = typer.Argument(None, metavar="CODE", help="A rule code such as REG002, or a prefix such as REG. Omit for every rule."),
    format: str = typer.Option("text", "--format", "-f", help="text, markdown (or md) or json."),
) -> None:
    """Explain a rule: what it finds, why it matters, how to fix it.

    Without CODE, or with a prefix such as REG, every rule (or every rule of that prefix) in code order: in text one line each (code, severity, name, summary); in markdown every rule's page under a heading of its own, a rules reference to keep beside the portfolio (raio rule -f markdown > RULES.md); in json every rule's fields.

    Piped or written to a file (raio rule | grep REG), no line is broken by width: each rule of the list is one line, and each paragraph of a page. Set COLUMNS for text filled to that width.
    """
    import json

    from raio_cli import rules
    from raio_cli.terminal import output_width

    if format == "md":  # as memo and report name Markdown
        format = "markdown"
    if format not in FORMATS:
        unknown_format(format, FORMATS)
    catalog = rules.load_all()
    if code is None or code.upper() not in catalog:
        prefix = (code or "").upper()
        chosen = [r for c, r in sorted(catalog.items()) if c.startswith(prefix)]
        if not chosen:
            near = _near(code or "", catalog)
            fail(f"no rule {one_line(code or '')}" + (f"; did you mean {near}?" if near else ""),
                 "Run 'raio rule' for the list of codes.")
        if format == "json":
            print(json.dumps([_as_dict(r) for r in chosen], indent=2))
        elif format == "markdown":
            print(rules.reference(chosen), end="")
        else:
            print("\n".join(rules.listing(chosen, output_width())))
        return
    r = catalog[code.upper()]
    if format == "json":
        print(json.dumps(_as_dict(r), indent=2))
    elif format == "markdown":
        print(r.doc(), end="")
    else:
        print(r.text(output_width(100)), end="")


def _near(typed: str, catalog: dict) -> str | None:
    """The code meant by a short code (REG2, REG02), one written apart (REG 002, REG-002) or a rule's
    name (outcome-switching), or None."""
    import re

    match = re.fullmatch(r"([A-Za-z]+)[\s_-]?0*(\d{1,3})", typed.strip())
    if match:
        padded = f"{match.group(1).upper()}{int(match.group(2)):03d}"
        if padded in catalog:
            return padded
    by_name = [c for c, r in sorted(catalog.items()) if r.name == typed.strip().lower()]
    return by_name[0] if by_name else None


def _as_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "severity": str(r.severity), "family": r.family,
            "summary": r.summary, "what": r.what, "why": r.why, "fix": r.fix, "example": r.example,
            "severity_note": r.severity_note}
