"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite name="raio check">`` with one ``<testcase>`` per application (name = its id,
with a BSN or patient number in it masked as in every finding)
and one named ``(portfolio)`` for findings that belong to no application (raio.yaml, the
portfolio as a whole). Each error and warning is a ``<failure>`` of its testcase (type = the
severity, message = code and message; the text gives place and hint); info findings go to the
testcase's ``<system-out>``. A testcase with no errors or warnings passes. raio's own internal
errors are an ``<error>`` of the portfolio testcase. Counts: ``tests`` testcases, ``failures``
the testcases with at least one failure, ``errors`` the testcases with an internal error (as
the JUnit schema counts them); the number of findings per severity is in ``<properties>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from raio_cli.findings import Severity

PORTFOLIO_CASE = "(portfolio)"
# Characters XML 1.0 cannot hold at all, even escaped (ElementTree would write them anyway).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(result, out, **options) -> None:
    tree = ET.ElementTree(build(result))
    ET.indent(tree, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree.getroot(), encoding="unicode"))
    out.write("\n")


def build(result) -> ET.Element:
    """The ``<testsuites>`` element."""
    from raio_cli import privacy

    patterns = privacy.patterns_of(getattr(result, "policy", None))
    cases: dict[str, list] = {PORTFOLIO_CASE: []}
    for app in result.checked_apps:  # the findings' apps are masked already; an id may hold a BSN too
        cases.setdefault(privacy.mask_identifiers(app, patterns), [])
    for f in result.findings:
        cases.setdefault(f.app or PORTFOLIO_CASE, []).append(f)

    counts = result.counts()
    suites = ET.Element("testsuites", name="raio")
    suite = ET.SubElement(suites, "testsuite", name="raio check")
    props = ET.SubElement(suite, "properties")
    for name in ("error", "warning", "info"):
        ET.SubElement(props, "property", name=f"raio.{name}s", value=str(counts[name]))
    if result.today:
        ET.SubElement(props, "property", name="raio.today", value=result.today.isoformat())

    failures = errors = 0
    order = [PORTFOLIO_CASE] + sorted(k for k in cases if k != PORTFOLIO_CASE)
    for name in order:
        findings = cases[name]
        classname = "raio.portfolio" if name == PORTFOLIO_CASE else f"raio.applications.{name}"
        case = ET.SubElement(suite, "testcase", name=_x(name), classname=_x(classname))
        bad = [f for f in findings if f.severity >= Severity.WARNING]
        for f in bad:
            failure = ET.SubElement(case, "failure", type=str(f.severity), message=_x(f"{f.code}: {f.message}"))
            failure.text = _x(_detail(f))
        if bad:
            failures += 1
        if name == PORTFOLIO_CASE and result.internal_errors:
            error = ET.SubElement(case, "error", type="internal", message="raio could not run every check")
            error.text = _x("\n".join(result.internal_errors))
            errors += 1
        infos = [f for f in findings if f.severity < Severity.WARNING]
        if infos:
            ET.SubElement(case, "system-out").text = _x("\n".join(_detail(f) for f in infos))

    tests = len(order)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    return suites


def _detail(f) -> str:
    where = f.file or "(portfolio)"
    if f.line:
        where += f":{f.line}:{f.column}"
    text = f"{where}: {f.severity} {f.code} {f.message}"
    return text + (f"\n    hint: {f.hint}" if f.hint else "")


def _x(text: str) -> str:
    """Text that XML 1.0 can hold: characters it forbids become U+FFFD (escaping is ElementTree's job)."""
    return _NOT_XML.sub("\ufffd", text)
