"""medlint's findings in LSP's terms: diagnostics, hovers and the suppression code actions.

A diagnostic carries the rule id as its ``code``, the rule's documentation link as its
``codeDescription`` (the rule's first reference, the link SARIF gives as ``helpUri``), the
severity mapped to LSP's (info is Information), and in ``data`` the rule's name and category,
which the code actions read back. An unused suppression comment (MD100) is tagged Unnecessary,
so editors fade it as they fade unused code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from lsprotocol import types

from medlint.filters.selection import UNKNOWN, UNUSED
from medlint.findings import Finding, Severity
from medlint.linter import Linter
from medlint.server import suppressions
from medlint.server.positions import LineIndex

SOURCE: Final = "medlint"
SEVERITIES: Final = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~])")


def rule_description(linter: Linter | None, rule_id: str) -> Mapping[str, Any] | None:
    """A rule's documentation as ``medlint rules --format json`` gives it (message, why,
    suggest, references), medlint's own notes on suppression comments included."""
    from medlint.filters.suppress import META_DESCRIPTIONS

    rule = linter.rule(rule_id) if linter is not None else None
    if rule is not None:
        return rule.to_dict()
    return next((m for m in META_DESCRIPTIONS if m["id"] == rule_id), None)


def documentation_url(description: Mapping[str, Any] | None) -> str | None:
    """The rule's documentation link: its first reference (SARIF's ``helpUri``)."""
    references = (description or {}).get("references") or []
    return str(references[0]["url"]) if references else None


def to_range(index: LineIndex, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(*index.position(start)), end=types.Position(*index.position(end))
    )


def diagnostic(finding: Finding, index: LineIndex, linter: Linter | None) -> types.Diagnostic:
    url = documentation_url(rule_description(linter, finding.rule))
    return types.Diagnostic(
        range=to_range(index, finding.start, finding.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if finding.rule == UNUSED[0] else None,
        data={"rule": finding.rule, "name": finding.name, "category": finding.category.value},
    )


def error_diagnostic(message: str) -> types.Diagnostic:
    """What stopped the document being linted (a broken configuration or rule pack), shown on
    its first line: the error names the file and line to fix."""
    place = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=place, end=place),
        message=f"medlint could not lint this document: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def hover_text(findings: Sequence[Finding], linter: Linter | None, markdown: bool) -> str:
    """The findings under the cursor, each with its rule's message, why it matters, what to
    write instead and the references; Markdown where the client shows it."""
    blocks = []
    for finding in findings:
        about = rule_description(linter, finding.rule) or {}
        title = f"{finding.rule} {finding.name} · {finding.category.value} · {finding.severity}"
        references = about.get("references") or []
        if markdown:
            lines = [f"**{_escape(title)}**", "", _escape(finding.message)]
            if about.get("why"):
                lines += ["", f"**Why it matters:** {_escape(about['why'])}"]
            lines += ["", f"**Better:** {_escape(finding.suggestion)}"]
            if references:
                lines += ["", "**References**"]
                lines += [f"- [{_escape(r['title'])}]({r['url']})" for r in references]
        else:
            lines = [title, "", finding.message]
            if about.get("why"):
                lines += ["", f"Why it matters: {about['why']}"]
            lines += ["", f"Better: {finding.suggestion}"]
            lines += [f"- {r['title']}: {r['url']}" for r in references]
        blocks.append("\n".join(lines))
    return ("\n\n---\n\n" if markdown else "\n\n").join(blocks)


def _escape(text: str) -> str:
    """Text shown as itself in Markdown (a draft's words may hold ``*``, ``<`` or ``_``)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def code_actions(
    uri: str, index: LineIndex, format: str, diagnostics: Iterable[types.Diagnostic]
) -> list[types.CodeAction]:
    """For each of medlint's diagnostics: suppress its rule on its line, or in the file; for a
    note on a suppression comment (MD100, MD101), the fix: take the name out."""
    actions: list[types.CodeAction] = []
    seen: set[tuple[str, str, int]] = set()
    for diagnostic in diagnostics:
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        rule = data.get("rule")
        if diagnostic.source != SOURCE or not isinstance(rule, str):
            continue
        start = diagnostic.range.start
        if start.line >= len(index.starts):
            continue  # the text has changed since: the diagnostic is stale
        if rule in _NOTES:
            offset = index.offset(start.line, start.character)
            edits = [(_NOTES[rule], suppressions.remove_name(index, format, offset), -1)]
        else:
            on_line = suppressions.on_line(index, format, start.line, rule)
            edits = [
                (f"Suppress {rule} on this line", on_line, start.line),
                (f"Suppress {rule} in this file", suppressions.in_file(index, format, rule), -1),
            ]
        for title, edit, line in edits:
            if edit is None or (title, rule, line) in seen:
                continue
            seen.add((title, rule, line))
            change = types.TextEdit(range=to_range(index, edit.start, edit.end), new_text=edit.text)
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: [change]}),
                    is_preferred=True if rule in _NOTES else None,
                )
            )
    return actions


# medlint's notes on suppression comments, and the title of the fix each one has.
_NOTES: Final = {
    UNUSED[0]: "Remove the unused suppression",
    UNKNOWN[0]: "Remove the unknown name from the suppression",
}
