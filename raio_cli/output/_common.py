"""Helpers shared by the CI renderers (sarif, junit, github, gitlab).

Paths: CI systems place annotations by the path from the repository root, while findings carry
paths from the portfolio root. When the portfolio lies inside a git repository (the nearest
folder at or above it with a ``.git`` entry), :func:`ci_path` puts the portfolio's folder in
front; otherwise the portfolio-relative path is used. Only the file system is consulted (no git
process), so the result does not depend on the current directory.

Fingerprints identify a finding across runs: a hash of code, file (from the repository root, so
two portfolios of one repository never share one) and message (never the line, so a finding
keeps its identity when lines are added above it), plus the finding's rank among findings with
the same three, so that two identical messages in one file stay distinct. What changes with the
day alone is left out of the message first: a count of days ("in 77 days", "12 days ago") and
the run's own date ("after today (2026-11-15)"); otherwise an expiring certificate would be one
finding fixed and one new every day in GitLab's merge-request widget and GitHub's alerts.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from raio_cli.findings import Severity

#: A finding with no file belongs to the portfolio as a whole: CI formats point at raio.yaml.
PORTFOLIO_FILE = "raio.yaml"


def repo_prefix(root: Path | None, policy: dict | None = None) -> str:
    """The portfolio's folder relative to its git repository's root ("" when it is the root),
    a BSN or a match of ``policy``'s phi patterns in it masked, as in the findings' own paths."""
    if root is None:
        return ""
    try:
        root = Path(root).resolve()
    except OSError:
        return ""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            rel = root.relative_to(folder).as_posix()
            if rel == ".":
                return ""
            from raio_cli import privacy

            return privacy.mask_identifiers(rel, privacy.patterns_of(policy))
    return ""


def ci_path(file: str, prefix: str = "") -> str:
    """A finding's file as a forward-slash path from the repository root."""
    file = (file or PORTFOLIO_FILE).replace("\\", "/").lstrip("/")
    return str(PurePosixPath(prefix, file)) if prefix else file


def is_folder(root: Path | None, file: str) -> bool:
    """Whether a finding's ``file`` (relative to the portfolio ``root``) is a folder on disk, as
    in YML017 "applications/x/effects.yaml is a folder, not a file". A symbolic link is not,
    wherever it leads: git keeps a link as a file of its own."""
    if root is None or not file:
        return False
    try:
        path = Path(root) / file
        return path.is_dir() and not path.is_symlink()
    except (OSError, ValueError):
        return False


def names_folder(root: Path | None, finding) -> bool:
    """Whether ``finding`` is about a folder: its file is a folder on disk (:func:`is_folder`), or
    the rule says so (``data["variant"] == "folder"``: YML017's folder where a file belongs,
    PRV001's application folder named with a BSN; ``data["is_folder"]``: PRV006's folder named
    with an identifier). The rule's word counts where the disk cannot tell: a path with the
    identifier masked names no folder on disk, yet it is one."""
    data = getattr(finding, "data", None) or {}
    return data.get("variant") == "folder" or data.get("is_folder") is True or is_folder(root, finding.file)


def ci_folder_path(file: str, prefix: str = "") -> str:
    """:func:`ci_path` of a folder: with a trailing slash, as SARIF's URI names it."""
    return ci_path(file, prefix).rstrip("/") + "/"


#: A count of days in a message (rules.dates writes them "N day" or "N days").
_DAYS = re.compile(r"\b\d+ days?\b")


#: How the GIT findings about the whole history count the started pilots (rules.preregistration).
_STARTED = re.compile(r"\bpre-registration of (?:the pilot|the \d+ started pilots)\b")


def _about_the_history(f) -> bool:
    """A GIT finding about the portfolio's whole history (shallow clone, no git, ...): it stands at
    the first started pilot and counts them, both of which change as pilots start."""
    data = getattr(f, "data", None) or {}
    return f.code.startswith("GIT") and isinstance(data.get("apps"), list) and "state" in data


def fingerprints(findings, prefix: str = "", today=None) -> list[str]:
    """One stable, unique hex fingerprint per finding (same order as ``findings``); ``prefix``
    is the portfolio's folder in its repository (:func:`repo_prefix`), ``today`` the run's date.
    Counts of days, today's date and, for a finding about the whole history, the started pilots
    (how many, and the first one it stands at) are left out: the finding stays the same one."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        message = _DAYS.sub("N days", f.message)
        if today is not None:
            message = message.replace(today.isoformat(), "today")
        file = f.file
        if _about_the_history(f):
            message, file = _STARTED.sub("pre-registration of the started pilots", message), PORTFOLIO_FILE
        base = "\x1f".join((f.code, f"{prefix}/{file}" if prefix else file, message))
        rank = seen.get(base, 0)
        seen[base] = rank + 1
        out.append(hashlib.sha256(f"{base}\x1f{rank}".encode("utf-8", "surrogatepass")).hexdigest())
    return out


def to_do(findings, show_info: bool = False) -> list:
    """The findings a report of open issues holds (SARIF results, Code Quality issues, GitHub
    annotations): what needs doing. Info findings (a verdict "met", an accepted suppression, what
    the next stage will need) only when asked for (``--info``, ``--next-stage``), as in the text
    output; otherwise GitHub code scanning and GitLab would keep them open as alerts for good."""
    return list(findings) if show_info else [f for f in findings if f.severity > Severity.INFO]


def sarif_level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(severity, "note")


def message_with_hint(finding) -> str:
    return f"{finding.message}\nHint: {finding.hint}" if finding.hint else finding.message
