"""``--format text``: ``path:line:col: severity rule message``, then a summary line.

Colour only on a terminal; ``--statistics`` adds a count per rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from medlint.findings import Finding, Severity
from medlint.report.reporter import RunSummary

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return "".join(self.pieces(findings, summary))

    def pieces(self, findings: Sequence[Finding], summary: RunSummary, /) -> Iterator[str]:
        """The report in pieces of up to 1,000 lines, so a huge one is never built whole."""
        lines: list[str] = []
        previous_path: str | None = None
        for f in findings:
            if previous_path is not None and f.path != previous_path:
                lines.append("\n")  # one group per file
            previous_path = f.path
            where = _paint(f"{f.path or '-'}:{f.line}:{f.column}:", "1", summary.color)
            severity = _paint(f.severity.value, _COLORS[f.severity], summary.color)
            lines.append(f"{where} {severity} {f.rule} {f.message}\n")
            if len(lines) >= 1000:
                yield "".join(lines)
                lines.clear()
        if summary.statistics and findings:
            counts = Counter((f.rule, f.name) for f in findings)
            lines.append("\n")
            for (rule, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"{count:5d}  {rule:<6} {name}\n")
        by_severity = Counter(f.severity for f in findings)
        files = _plural(summary.files_checked, "file")
        if findings:
            parts = ", ".join(
                _plural(by_severity[s], s.value if s != Severity.INFO else "info").replace(
                    "infos", "info"
                )
                for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                if by_severity[s]
            )
            lines.append(f"Found {_plural(len(findings), 'problem')} ({parts}) in {files}.\n")
        else:
            lines.append(f"No problems found in {files}.\n")
        yield "".join(lines)
