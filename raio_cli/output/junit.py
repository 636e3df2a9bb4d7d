"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite name="raio check">`` with one ``<testcase>`` per application (name = its id,
with a BSN or patient number in it masked as in every finding)
and one named ``(portfolio)`` for findings that belong to no application (raio.yaml, the
portfolio as a whole). A testcase fails when it holds a finding at or above the failing severity
(``--fail-on``, else raio.yaml ``policy.fail_on``, else error) that fails the run: what fails
the job fails the test, so Jenkins does not mark a build unstable, nor GitLab show failed tests,
for a check that passed. Advice never fails (``--next-stage``'s GAT010), and with
``--exit-zero`` nothing does: the findings are all listed, none as a failure. Its one ``<failure>`` (the JUnit schema allows one, and Jenkins and Azure DevOps show
only the first) holds every such finding: type = the worst severity, message = the first
finding's code and message (with a count when there are more), text = each finding's place,
message and hint. The other findings of the testcase are listed in its ``<system-out>``. raio's
own internal errors are the ``<error>`` of a testcase of their own, ``(raio)``. Counts:
``tests`` testcases, ``failures`` the testcases that fail, ``errors`` the testcases with an
internal error (as the JUnit schema counts them); the number of findings per severity is in
``<properties>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from raio_cli.findings import Severity
from raio_cli.terminal import RUNNER_COMMAND

PORTFOLIO_CASE = "(portfolio)"
INTERNAL_CASE = "(raio)"
# Characters XML 1.0 cannot hold at all, even escaped (ElementTree would write them anyway), and
# lone surrogates (a byte of a folder name that is not UTF-8), which no UTF-8 text can hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: C1 controls: XML holds them, but U+009B is CSI to a terminal (the report goes to standard
#: output). Written as character references, which XML readers read back as the same
#: characters; they occur only in texts and attribute values (names are ASCII).
_C1 = re.compile("[\x80-\x9f]")


def render(result, out, *, fail_on: Severity | None = None, exit_zero: bool = False, **options) -> None:
    tree = ET.ElementTree(build(result, fail_on, exit_zero))
    ET.indent(tree, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    text = _C1.sub(lambda m: f"&#x{ord(m.group()):x};", ET.tostring(tree.getroot(), encoding="unicode"))
    # "##[" and "##vso[" anywhere in a line are commands to a CI runner: '[' as a character reference
    out.write(RUNNER_COMMAND.sub(r"\1&#91;", text))
    out.write("\n")


def build(result, fail_on: Severity | None = None, exit_zero: bool = False) -> ET.Element:
    """The ``<testsuites>`` element; ``fail_on`` defaults to the policy's, as in ``raio check``;
    with ``exit_zero`` (``--exit-zero``) no finding fails a testcase, as none fails the job."""
    from raio_cli import privacy

    threshold = fail_on or result.policy_fail_on()
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
    ET.SubElement(props, "property", name="raio.fail_on", value=str(threshold))
    if exit_zero:
        ET.SubElement(props, "property", name="raio.exit_zero", value="true")

    failures = errors = 0
    order = [PORTFOLIO_CASE] + sorted(k for k in cases if k != PORTFOLIO_CASE)
    for name in order:
        findings = cases[name]
        classname = "raio.portfolio" if name == PORTFOLIO_CASE else f"raio.applications.{name}"
        case = ET.SubElement(suite, "testcase", name=_x(name), classname=_x(classname))
        failing = [f for f in findings if result.fails(f, threshold, exit_zero)]
        if failing:
            first = failing[0]
            more = f"{len(failing)} findings: " if len(failing) > 1 else ""
            also = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
            failure = ET.SubElement(case, "failure", type=str(max(f.severity for f in failing)),
                                    message=_x(f"{more}{first.code}: {first.message}{also}"))
            failure.text = _x("\n".join(_detail(f) for f in failing))
            failures += 1
        others = [f for f in findings if not result.fails(f, threshold, exit_zero)]
        if others:
            ET.SubElement(case, "system-out").text = _x("\n".join(_detail(f) for f in others))
    if result.internal_errors:
        case = ET.SubElement(suite, "testcase", name=INTERNAL_CASE, classname="raio.internal")
        error = ET.SubElement(case, "error", type="internal", message="raio could not run every check")
        # one line each, as a finding's text (see _detail): no line starts with what an exception quoted
        from raio_cli.terminal import printable

        error.text = _x("\n".join(printable(m) for m in result.internal_errors))
        errors += 1

    tests = len(order) + errors
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    return suites


def _detail(f) -> str:
    """One finding as the text output shows it: its place, message and hint each on one line
    (a line break in them, from a folder's name, as ``\\x{0a}``), so that no line of the report
    starts with what a dossier wrote (``::error`` is a command to a GitHub Actions runner)."""
    from raio_cli.terminal import printable

    where = printable(f.file or "(portfolio)")
    if f.line:
        where += f":{f.line}:{f.column}"
    text = f"{where}: {f.severity} {f.code} {printable(f.message)}"
    return text + (f"\n    hint: {printable(f.hint)}" if f.hint else "")


def _x(text: str) -> str:
    """Text that XML 1.0 can hold: characters it forbids become U+FFFD (escaping is ElementTree's job)."""
    return _NOT_XML.sub("\ufffd", text)
