"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Annotations are grouped per file (``::group::``); info findings become notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from medlint.findings import Finding, Severity
from medlint.report.escape import visible
from medlint.report.reporter import RunSummary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    """A command's text: escaped as the runner reads it, control characters (which the log
    would print raw) made visible."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        lines = []
        for path, group in groupby(findings, key=lambda f: f.path or "-"):
            lines.append(f"::group::{_data(path)}")
            for f in group:
                properties = ",".join(
                    (
                        f"file={_property(path)}",
                        f"line={f.line}",
                        f"col={f.column}",
                        f"endLine={f.end_line}",
                        f"endColumn={f.end_column}",
                        f"title={_property(f'medlint {f.rule} ({f.name})')}",
                    )
                )
                lines.append(f"::{COMMANDS[f.severity]} {properties}::{_data(f.message)}")
            lines.append("::endgroup::")
        return "\n".join(lines) + ("\n" if lines else "")
