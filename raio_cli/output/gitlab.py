"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON list of issues, each ``{description, check_name, fingerprint, severity, location {path,
lines {begin}}}`` in the subset of the Code Climate format that GitLab reads. ``check_name`` is
the rule code; ``severity`` maps error to ``critical``, warning to ``minor`` and info to ``info``;
``fingerprint`` is stable across runs (and days) and unique per finding (see :mod:`raio_cli.output._common`).
Paths are relative to the repository root, a folder's with a trailing slash as in SARIF; a finding
about a whole file (or folder) points at its line 1.
Info findings (verdicts, accepted suppressions) are left out unless asked for (``--info`` or
``--next-stage``): GitLab would show them as open issues in every merge request; ``--format
json`` holds every finding. raio's own internal errors are issues with the check name ``raio-internal-error`` (blocker), so a
report never looks clean when raio could not run every check.
"""

from __future__ import annotations

import hashlib

from raio_cli import jsontext
from raio_cli.findings import Severity
from raio_cli.output._common import PORTFOLIO_FILE, ci_folder_path, ci_path, fingerprints, names_folder, repo_prefix, to_do

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result, out, *, show_info: bool = False, **options) -> None:
    out.write(jsontext.dumps(build(result, show_info), indent=2) + "\n")


def build(result, show_info: bool = False) -> list[dict]:
    root = getattr(result, "root", None)
    prefix = repo_prefix(root, getattr(result, "policy", None))
    findings = to_do(result.findings, show_info)
    issues = []
    for f, fp in zip(findings, fingerprints(findings, prefix, result.today)):
        description = f"{f.code}: {f.message}" + (f" ({f.hint})" if f.hint else "")
        issues.append({
            "description": description,
            "check_name": f.code,
            "fingerprint": fp,
            "severity": SEVERITY[f.severity],
            "location": {"path": (ci_folder_path if names_folder(root, f) else ci_path)(f.file, prefix), "lines": {"begin": max(f.line, 1)}},
        })
    for i, message in enumerate(result.internal_errors):
        issues.append({
            "description": f"raio internal error: {message}",
            "check_name": "raio-internal-error",
            "fingerprint": hashlib.sha256(f"internal\x1f{i}\x1f{message}".encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": "blocker",
            "location": {"path": ci_path(PORTFOLIO_FILE, prefix), "lines": {"begin": 1}},
        })
    return issues
