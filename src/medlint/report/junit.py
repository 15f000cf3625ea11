"""``--format junit``: JUnit XML, a test suite per file and a failing test case per finding."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from xml.etree import ElementTree

from medlint.findings import Finding
from medlint.report.reporter import RunSummary


class JunitReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        by_path = {
            path: list(group) for path, group in groupby(findings, key=lambda f: f.path or "-")
        }
        paths = [*summary.paths, *(p for p in by_path if p not in summary.paths)]
        tests = sum(max(len(by_path.get(p, [])), 1) for p in paths)
        root = ElementTree.Element(
            "testsuites", name="medlint", tests=str(tests), failures=str(len(findings))
        )
        for path in paths:
            items = by_path.get(path, [])
            suite = ElementTree.SubElement(
                root,
                "testsuite",
                name=path,
                tests=str(max(len(items), 1)),
                failures=str(len(items)),
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
                failure = ElementTree.SubElement(
                    case,
                    "failure",
                    message=f.message,
                    type=f"{f.severity.value} {f.category.value}",
                )
                failure.text = f"{path}:{f.line}:{f.column}: {f.match!r}\n{f.suggestion}"
        ElementTree.indent(root)
        body = ElementTree.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
