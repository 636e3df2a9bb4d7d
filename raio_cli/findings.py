"""The one record every check produces: a finding.

A finding says which rule (its stable ``code``) found what, where (file relative to the portfolio
root, 1-based line and column), how bad it is, and how to fix it. Every layer of ``raio check``
produces findings and nothing else; renderers in ``raio_cli.output`` turn them into text, JSON,
SARIF and the other formats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that ``severity >= fail_on`` decides the exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None

    def __str__(self) -> str:  # "error", not "Severity.ERROR"
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a portfolio.

    ``file`` is a POSIX path relative to the portfolio root ("" for the portfolio as a whole);
    ``line`` and ``column`` are 1-based, 0 when the finding concerns a whole file or no file.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    app: str = ""
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = str(self.severity)
        if not d["data"]:
            del d["data"]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(
            file=d["file"], line=d["line"], column=d["column"], code=d["code"],
            severity=Severity.parse(d["severity"]), message=d["message"], hint=d.get("hint", ""),
            app=d.get("app", ""), data=d.get("data", {}),
        )


def sort_key(f: Finding) -> tuple:
    return (f.file, f.line, f.column, f.code, f.message)
