"""``--format html``: one self-contained page for the editors and reviewers who read reports.

A summary at the top (files, findings by severity, how medlint read each page), then each
document with findings, its text shown whole with the findings' words marked by severity, and
beside it the findings grouped by category, with filters by severity and category. Clicking a
finding scrolls to its words and shows its message, suggestion, the rule's reasons and
references. The style and script are inline (``assets/``), and a Content-Security-Policy lets
only them run and load nothing: the page works offline and makes no request.

The report is written a document at a time: one text is in memory at once, read back through
``report.sources`` (nothing is linted again). Files without findings are listed in the summary
but their text is not embedded. Every string goes through ``htmltext`` (see there).
"""

from __future__ import annotations

import hashlib
from base64 import b64encode
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

from medlint.findings import Finding, Severity
from medlint.report.htmllist import SEVERITIES, rule_blocks, sidebar
from medlint.report.htmltext import Span, attr, marked_text, text
from medlint.report.reporter import RunSummary
from medlint.report.sources import SourceTexts

MAX_TEXT = 5_000_000  # the longest text shown whole, in characters (a file: bytes), about 5 MB
PROFILE_NOTE = (
    "The kind of page medlint took each one for (promotional, informational, a consumer "
    "warning, scholarly), which decides how some rules apply; the findings carry it, and "
    "medlint check --explain lists the words that decided it."
)
Numbered = Sequence[tuple[int, Finding]]  # findings by their number in the report


@cache
def _assets() -> tuple[str, str]:
    folder = Path(__file__).with_name("assets")
    return (
        (folder / "report.css").read_text(encoding="utf-8"),
        (folder / "report.js").read_text(encoding="utf-8"),
    )


def _digest(source: str) -> str:
    """The CSP source for one inline element's text: 'sha256-...'."""
    return "'sha256-" + b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}{'' if count == 1 else 's'}"


class HtmlReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return "".join(self.pieces(findings, summary))

    def pieces(self, findings: Sequence[Finding], summary: RunSummary, /) -> Iterator[str]:
        """The page, a document at a time."""
        by_path: dict[str, list[tuple[int, Finding]]] = {}
        for number, finding in enumerate(findings):
            by_path.setdefault(finding.path or "-", []).append((number, finding))
        listed = set(summary.paths)
        paths = [*summary.paths, *(p for p in by_path if p not in listed)]
        style, script = _assets()
        yield _head(findings, summary, style, script)
        yield '<div id="page">\n'
        yield _summary(findings, summary, paths, by_path)
        yield '<main id="documents">\n'
        texts = SourceTexts(summary.sources)
        documents = [path for path in paths if path in by_path]
        for index, path in enumerate(documents):
            yield from _document(index, path, by_path[path], texts)
        if not documents:
            yield '<p class="none">No findings.</p>\n'
        yield f"</main>\n<footer>medlint {text(summary.tool_version)}</footer>\n</div>\n"
        yield from sidebar(findings, summary.rules)
        yield rule_blocks(summary.rules, {f.rule for f in findings})
        yield f"<script>{script}</script>\n"
        yield "</body>\n</html>\n"


def _head(findings: Sequence[Finding], summary: RunSummary, style: str, script: str) -> str:
    policy = (
        f"default-src 'none'; style-src {_digest(style)}; script-src {_digest(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    title = (
        f"medlint: {_plural(len(findings), 'finding')} in {_plural(summary.files_checked, 'file')}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    )


def _severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def _severity_list(counts: Mapping[Severity, int]) -> str:
    parts = [
        f'<span class="sev" data-sev="{s}">{_plural(counts[s], s.value)}</span>'
        for s in SEVERITIES
        if counts.get(s)
    ]
    return ", ".join(parts) or "none"


def _profile(items: Numbered) -> str:
    """How medlint read the page, as its findings say (the most common, should they differ);
    "" when none says."""
    counts = Counter(f.profile for _, f in items if f.profile)
    return counts.most_common(1)[0][0] if counts else ""


def _summary(
    findings: Sequence[Finding],
    summary: RunSummary,
    paths: Sequence[str],
    by_path: Mapping[str, Numbered],
) -> str:
    with_findings = sum(1 for p in paths if p in by_path)
    totals = (
        f"<strong>{_plural(len(findings), 'finding')}</strong> in "
        f"{_plural(summary.files_checked, 'file')} checked ({with_findings} with findings): "
        f"{_severity_list(_severity_counts(findings))}."
    )
    profiles = Counter(_profile(by_path[p]) for p in paths if p in by_path)
    read_as = ", ".join(f"{text(name)} {count}" for name, count in sorted(profiles.items()) if name)
    rows = []
    documents = {path: index for index, path in enumerate(p for p in paths if p in by_path)}
    for path in paths:
        items = by_path.get(path, ())
        counts = _severity_counts(f for _, f in items)
        name = text(path)
        if items:
            name = f'<a href="#d-{documents[path]}">{name}</a>'
        cells = "".join(f"<td>{counts.get(s, 0)}</td>" for s in SEVERITIES)
        rows.append(f"<tr><td>{name}</td><td>{text(_profile(items)) or '—'}</td>{cells}</tr>\n")
    open_ = " open" if len(paths) <= 20 else ""
    parts = [
        '<header id="summary">\n<h1>medlint report</h1>\n',
        f'<p class="totals">{totals}</p>\n',
    ]
    if read_as:
        parts.append(
            f'<p class="profiles" title="{attr(PROFILE_NOTE)}">Pages with findings read as: '
            f"{read_as}.</p>\n"
        )
    parts.append(
        f'<details class="files"{open_}><summary>Files</summary>\n'
        "<table>\n<thead><tr><th>File</th>"
        f'<th title="{attr(PROFILE_NOTE)}">Read as</th><th>Errors</th><th>Warnings</th>'
        "<th>Info</th></tr></thead>\n<tbody>\n" + "".join(rows) + "</tbody>\n</table>\n"
        f'<p class="note">{text(PROFILE_NOTE)}</p>\n</details>\n'
    )
    if summary.errors:
        problems = "".join(f"<li>{text(e)}</li>\n" for e in summary.errors)
        parts.append(
            f'<section class="errors">\n<h2>Not checked</h2>\n<ul>\n{problems}</ul>\n</section>\n'
        )
    parts.append("</header>\n")
    return "".join(parts)


def _document(index: int, path: str, items: Numbered, texts: SourceTexts) -> Iterator[str]:
    counts = _severity_counts(f for _, f in items)
    profile = _profile(items)
    read_as = f"Read as <strong>{text(profile)}</strong> · " if profile else ""
    yield (
        f'<section class="doc" id="d-{index}">\n<h2>{text(path)}</h2>\n'
        f'<p class="doc-meta">{read_as}{_severity_list(counts)}</p>\n'
    )
    source = texts.text(path, MAX_TEXT)
    if source is None:
        anchors = "".join(f'<span class="at" id="f-{n}"></span>' for n, _ in items)
        yield (
            f'<p class="note">{anchors}The text is not shown: it could not be read again, or '
            "it is larger than 5 MB. The findings are listed beside.</p>\n"
            "</section>\n"
        )
        return
    if any(source[f.start : f.end] != f.match for _, f in items):
        yield (
            '<p class="note">This file has changed since it was linted: the marked words may '
            "be out of place.</p>\n"
        )
    spans = [Span(n, f.start, f.end, f.severity.value, f.severity.rank) for n, f in items]
    yield '<pre class="text">'
    yield from marked_text(source, spans)
    yield "</pre>\n</section>\n"
