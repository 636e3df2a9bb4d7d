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
    #: The value :meth:`raio_cli.portfolio.App.finding` was asked to place it at in its file (keys
    #: and list indexes, ``("items", 3, "evidence")``), () when not known: for a caller that runs
    #: rules itself and asks which entry a finding is of (the checklist export). Not compared and
    #: not written out (JSON, the cache): the line and column are where the finding stands.
    path: tuple = field(default=(), compare=False, hash=False, repr=False)

    def __getattr__(self, name: str):
        # Reached only for an attribute the instance lacks: the ``data`` of a finding read back
        # from the re-check cache (raio_cli.cache), kept there as JSON text and decoded on first
        # use. A re-check prints thousands of findings and reads the data of almost none (the
        # verdicts' data, half the cache file, is read by memos and reports).
        if name == "data" and "_data_json" in self.__dict__:
            import json

            try:
                value = json.loads(self.__dict__["_data_json"])
            except (TypeError, ValueError):
                value = None
            value = value if isinstance(value, dict) else {}  # a damaged cache: no data, no crash
            self.__dict__["data"] = value
            del self.__dict__["_data_json"]
            return value
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def to_dict(self) -> dict:
        d = {"file": self.file, "line": self.line, "column": self.column, "code": self.code,
             "severity": str(self.severity), "message": self.message, "hint": self.hint, "app": self.app}
        if self.data:
            data = _plain_copy(self.data)
            d["data"] = data if data is not _NOT_PLAIN else asdict(self)["data"]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(
            file=d["file"], line=d["line"], column=d["column"], code=d["code"],
            severity=Severity.parse(d["severity"]), message=d["message"], hint=d.get("hint", ""),
            app=d.get("app", ""), data=d.get("data", {}),
        )


_NOT_PLAIN = object()


def _plain_copy(value):
    """A copy of JSON-like data (what ``asdict`` makes of it), or _NOT_PLAIN for anything else."""
    kind = type(value)
    if kind is dict:
        out = {}
        for k, v in value.items():
            v = _plain_copy(v)
            if v is _NOT_PLAIN:
                return _NOT_PLAIN
            out[k] = v
        return out
    if kind is list or kind is tuple:
        items = [_plain_copy(v) for v in value]
        return _NOT_PLAIN if any(v is _NOT_PLAIN for v in items) else kind(items)
    if value is None or kind in (str, int, float, bool):
        return value
    return _NOT_PLAIN


def sort_key(f: Finding) -> tuple:
    return (f.file, f.line, f.column, f.code, f.message)
