"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every registered rule with its documentation, so a viewer
can explain a code without raio. Each finding is a result with its rule, level, message (with
the hint), and a location relative to ``%SRCROOT%`` (the repository root, see
:mod:`raio_cli.output._common`) written as a URI: percent-encoded (RFC 3986), so a folder named
"AI portefeuille #1" is found rather than cut at its '#'. Every result has a region, as GitHub
code scanning requires: a finding about a whole file points at its first line. A finding about a
folder (YML017: "applications/x/effects.yaml is a folder, not a file") names the folder, with a
trailing slash, as a URI reference names a folder (SARIF 2.1.0 §3.14.14 requires it of base
URIs): a viewer then knows it is no file to open. It keeps the region of line 1 that GitHub
requires of every result (the GH1003 rule of the SARIF validator GitHub points to); the
upload-sarif action, which hashes the file at a result's location for a fingerprint, passes a
folder by. Rules carry no ``helpUri``: raio has no public documentation site to point at, so
``help`` holds each rule's whole page (the text of ``raio rule CODE``).
Findings suppressed inline (``# raio: ignore[CODE] reason``) are results with an ``inSource``
suppression whose justification is the reason; the SUP002 notes that announce them in the other
formats are not repeated. Info findings (verdicts, what the next stage will need) are left out
unless asked for (``--info``, ``--next-stage``): GitHub code scanning would keep each open as an
alert for good; their number is the run's ``infoFindingsLeftOut`` property, and ``--format
json`` holds every finding. ``partialFingerprints`` hold a stable hash of code, file and message (day counts left out).
Messages are plain text (:func:`plain_text`): a value a finding quotes never becomes a link.
"""

from __future__ import annotations

from urllib.parse import quote

from raio_cli import __version__, jsontext
from raio_cli.output._common import ci_path, fingerprints, message_with_hint, names_folder, repo_prefix, sarif_level, to_do

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "raio/v1"


def render(result, out, *, show_info: bool = False, **options) -> None:
    out.write(jsontext.dumps(build(result, show_info), indent=2) + "\n")


def build(result, show_info: bool = False) -> dict:
    """The SARIF log as plain data; info findings only with ``show_info``."""
    from raio_cli.rules import load_all

    catalog = load_all()
    rules = [_rule(r) for r in sorted(catalog.values(), key=lambda r: r.code)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    root = getattr(result, "root", None)
    prefix = repo_prefix(root, getattr(result, "policy", None))

    reasons = {}
    shown = []
    for f in result.findings:
        if f.code == "SUP002" and isinstance(f.data.get("suppressed"), dict):
            s = f.data["suppressed"]
            reasons[(s.get("file"), s.get("line"), s.get("column"), s.get("code"), s.get("message"))] = f.data.get("reason", "")
            continue
        shown.append((f, None))
    for f in getattr(result, "suppressed", ()) or ():
        shown.append((f, reasons.get((f.file, f.line, f.column, f.code, f.message), "")))
    kept = {id(f) for f in to_do([f for f, _ in shown], show_info)}
    left_out = len(shown) - len(kept)
    shown = [(f, reason) for f, reason in shown if id(f) in kept]

    prints = fingerprints([f for f, _ in shown], prefix, result.today)
    results = []
    for (f, reason), fp in zip(shown, prints):
        if f.code not in index:  # an unregistered code still gets a descriptor
            index[f.code] = len(rules)
            rules.append({"id": f.code, "name": f.code, "shortDescription": {"text": f.code},
                          "defaultConfiguration": {"level": sarif_level(f.severity)}})
        results.append(_result(f, index[f.code], prefix, fp, reason, names_folder(root, f)))

    invocation = {"executionSuccessful": not result.internal_errors}
    if result.internal_errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": plain_text(m)}} for m in result.internal_errors]
    run = {
        "tool": {"driver": {"name": "raio", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    properties = {}
    if result.today:
        properties["today"] = result.today.isoformat()
    if left_out:
        properties["infoFindingsLeftOut"] = left_out
    if properties:
        run["properties"] = properties
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def plain_text(text: str) -> str:
    """``text`` as a SARIF plain text message that holds no embedded link. SARIF 2.1.0 §3.11.6
    reads ``[link text](destination)`` in a plain text message as a link to any URI, and viewers
    show it as one (Microsoft's SARIF viewer for VS Code makes it an ``<a href>``, as its
    sarif-web-component does): a
    dossier's value quoted by a finding, "[Approved by the board](https://phish.example)" or
    "[fix](javascript:...)", became a live link among the results. Each ``](`` is written
    ``]\\(``, no link in the spec's syntax nor in Markdown's; the reader sees the text as written,
    a backslash added."""
    return text.replace("](", "]\\(") if "](" in text else text


def _rule(r) -> dict:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.what},
        "help": {"text": f"{r.what}\n\nWhy: {r.why}\n\nFix: {r.fix}", "markdown": r.doc()},
        "defaultConfiguration": {"level": sarif_level(r.severity)},
        "properties": {"tags": [r.family]},
    }


def _uri(path: str) -> str:
    """``path`` percent-encoded as a URI reference. A name that is not UTF-8 (a folder named in
    Latin-1, which Python holds as text with lone surrogates) by its own bytes: ``caf%E9``, the
    name git and the file system have."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name gives: as UTF-8 would write it
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def _result(f, rule_index: int, prefix: str, fingerprint: str, reason, folder: bool = False) -> dict:
    uri = _uri(ci_path(f.file, prefix))
    if folder:
        uri = uri.rstrip("/") + "/"
    location = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": max(f.column, 1)} if f.line > 0 else {"startLine": 1}}
    out = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": sarif_level(f.severity),
        "message": {"text": plain_text(message_with_hint(f))},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if f.app:
        out["properties"] = {"app": f.app, "severity": str(f.severity)}
    else:
        out["properties"] = {"severity": str(f.severity)}
    if reason is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": reason or "suppressed inline"}]
    return out

