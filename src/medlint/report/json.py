"""``--format json``: a JSON array with one object per finding (``Finding.to_dict``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from medlint.findings import Finding
from medlint.report.jsontext import array_pieces
from medlint.report.reporter import RunSummary


class JsonReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return "".join(self.pieces(findings, summary))

    def pieces(self, findings: Sequence[Finding], summary: RunSummary, /) -> Iterator[str]:
        """The array a batch of findings at a time, so a huge report is never built whole."""
        yield from array_pieces(f.to_dict() for f in findings)
        yield "\n"
