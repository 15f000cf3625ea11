"""``--format junit``: JUnit XML, a test suite per file and a test case per finding, failing
when the finding is at or above ``--fail-on`` (below it, the case passes and says why in its
output), so the report agrees with medlint's exit code."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from xml.etree import ElementTree

from medlint.findings import Finding, Severity
from medlint.report.escape import visible
from medlint.report.reporter import RunSummary


def _fails(finding: Finding, fail_on: str) -> bool:
    return fail_on != "never" and finding.severity.rank >= Severity(fail_on).rank


class JunitReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        by_path = {
            path: list(group) for path, group in groupby(findings, key=lambda f: f.path or "-")
        }
        paths = [*summary.paths, *(p for p in by_path if p not in summary.paths)]
        tests = sum(max(len(by_path.get(p, [])), 1) for p in paths)
        failing = sum(_fails(f, summary.fail_on) for f in findings)
        root = ElementTree.Element(
            "testsuites", name="medlint", tests=str(tests), failures=str(failing)
        )
        for path in paths:
            items = by_path.get(path, [])
            suite = ElementTree.SubElement(
                root,
                "testsuite",
                name=path,
                tests=str(max(len(items), 1)),
                failures=str(sum(_fails(f, summary.fail_on) for f in items)),
            )
            if not items:
                ElementTree.SubElement(suite, "testcase", name="medlint", classname=path)
            for f in items:
                case = ElementTree.SubElement(
                    suite,
                    "testcase",
                    name=f"{f.rule} {f.name} at {f.line}:{f.column}",
                    classname=path,
                    file=path,
                    line=str(f.line),
                )
                detail = f"{path}:{f.line}:{f.column}: {f.match!r}\n{f.suggestion}"
                if not _fails(f, summary.fail_on):
                    out = ElementTree.SubElement(case, "system-out")
                    out.text = f"{f.severity.value} below --fail-on: {f.message}\n{detail}"
                    continue
                failure = ElementTree.SubElement(
                    case,
                    "failure",
                    message=f.message,
                    type=f"{f.severity.value} {f.category.value}",
                )
                failure.text = detail
        ElementTree.indent(root)
        # XML 1.0 forbids most control characters, even as references: shown escaped.
        body = visible(ElementTree.tostring(root, encoding="unicode"), keep="\t\n\r")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
