"""``--format text``: each finding as ruff shows it by default, then a summary line.

    draft.md:1:14: error OC01 'cures' promises a cure or reversal that no trial has shown.
      |
    1 | Our protocol cures MS.
      |              ^^^^^ OC01
      = help: Say what the treatment was shown to do, in whom, and how often.

``--format concise`` is the one line alone. A finding over several lines marks the rest of its
first line. Colour follows ``--color``; ``--statistics`` adds a count per rule and ``--quiet``
leaves out the summary line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from medlint.findings import Finding, Severity
from medlint.report.escape import visible
from medlint.report.reporter import RunSummary
from medlint.report.snippet import SourceLines, marked_line

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_GUTTER = "1;34"  # bold blue, as ruff's


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter:
    """The full form: the finding's line, its source line and a marker under the words."""

    full = True

    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return "".join(self.pieces(findings, summary))

    def pieces(self, findings: Sequence[Finding], summary: RunSummary, /) -> Iterator[str]:
        """The report in pieces of up to 1,000 findings, so a huge one is never built whole."""
        writer = self.writer(summary.color, summary.sources)
        for start in range(0, len(findings), 1000):
            yield writer.write(findings[start : start + 1000])
        yield self.ending(findings, summary)

    def writer(self, color: bool, sources: Mapping[str, str]) -> FindingWriter:
        """What writes the findings, in order, some at a time (see :class:`FindingWriter`)."""
        return FindingWriter(self.full, color, sources)

    def ending(self, findings: Sequence[Finding], summary: RunSummary) -> str:
        """What follows the findings: the count per rule (``--statistics``), the summary line."""
        lines: list[str] = []
        if summary.statistics and findings:
            counts = Counter((f.rule, f.name) for f in findings)
            if not self.full:
                lines.append("\n")
            for (rule, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"{n:5d}  {rule:<6} {name}\n")
        if not summary.quiet:
            lines.extend(_summary_line(findings, summary))
        return "".join(lines)


class FindingWriter:
    """The findings of a text report, written some at a time as a run finds them (file by file,
    in order): the same text as written all at once."""

    def __init__(self, full: bool, color: bool, sources: Mapping[str, str]) -> None:
        self.full = full
        self.color = color
        self.source = SourceLines(sources)
        self.count = 0  # findings written so far
        self.previous_path: str | None = None
        self.shown_path = ""
        self.helps: dict[str, str] = {}  # a rule's suggestion as shown, worked out once

    def write(self, findings: Iterable[Finding]) -> str:
        lines: list[str] = []
        color = self.color
        for f in findings:
            self.count += 1
            if f.path != self.previous_path or self.count == 1:
                self.shown_path = visible(f.path or "-")
            self.previous_path = f.path
            where = _paint(f"{self.shown_path}:{f.line}:{f.column}:", "1", color)
            severity = _paint(f.severity.value, _COLORS[f.severity], color)
            lines.append(f"{where} {severity} {f.rule} {visible(f.message)}\n")
            if self.full:
                lines.append(_snippet(f, self.source.line(f.path, f.line), color, self.helps))
        return "".join(lines)


class ConciseReporter(TextReporter):
    """``--format concise``: one line per finding, ``path:line:col: severity rule message``."""

    full = False


def _snippet(f: Finding, line: str | None, color: bool, helps: dict[str, str]) -> str:
    """The source line under a finding, with ``^`` under its words, and the help line; only the
    help line when the source cannot be read (a file changed or removed since it was linted).
    ``helps``: suggestions as shown so far, by suggestion."""
    pad = " " * len(str(f.line))
    bar, equals = (_paint("|", _GUTTER, True), _paint("=", _GUTTER, True)) if color else ("|", "=")
    out = ""
    if line is not None:
        end = f.end_column if f.end_line == f.line else None
        shown, before, length = marked_line(line, f.column - 1, end - 1 if end else None)
        marker = _paint("^" * length + f" {f.rule}", _COLORS[f.severity], color)
        number = _paint(str(f.line), _GUTTER, color)
        text = f"{number} {bar} {shown}".rstrip()
        out = f"{pad} {bar}\n{text}\n{pad} {bar} {' ' * before}{marker}\n{pad} {bar}\n"
    if f.suggestion:
        help_text = helps.get(f.suggestion)
        if help_text is None:
            help_text = helps[f.suggestion] = visible(" ".join(f.suggestion.split()))
        out += f"{pad} {equals} {_paint('help', '1', color)}: {help_text}\n"
    return out + "\n"


def _summary_line(findings: Sequence[Finding], summary: RunSummary) -> Iterator[str]:
    """``Found N problems (...) in M files.``; nothing when no file could be checked because of
    errors (they are on stderr: 'No problems found in 0 files' would be false comfort)."""
    files = _plural(summary.files_checked, "file")
    if findings:
        by_severity = Counter(f.severity for f in findings)
        parts = ", ".join(
            _plural(by_severity[s], s.value) if s != Severity.INFO else f"{by_severity[s]} info"
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if by_severity[s]
        )
        yield f"Found {_plural(len(findings), 'problem')} ({parts}) in {files}.\n"
    elif summary.files_checked or not summary.errors:
        yield f"No problems found in {files}.\n"
