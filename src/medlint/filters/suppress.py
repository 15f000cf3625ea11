"""Inline suppression comments, and the notes medlint makes about them.

Markdown and HTML::

    <!-- medlint-disable OC01, risk -->   ...   <!-- medlint-enable OC01, risk -->
    <!-- medlint-disable-next-line EV01 -->
    <!-- medlint-disable-line HY01 -->      (on the line it suppresses)

Plain text, on a line of its own (an optional ``#`` or ``//`` before it)::

    medlint: disable-next-line EV01

A comment names rule ids, rule names or categories; with none it covers every rule. Like
ruff's RUF100, a comment that suppresses nothing is reported (MD100), and so is a name that is
no rule, name or category (MD101).
"""

from __future__ import annotations

from collections.abc import Sequence

from medlint.document.directives import Directive, Name
from medlint.filters.selection import UNKNOWN, UNUSED, Selection
from medlint.findings import Category, Finding, Severity

_META_WHY = (
    "A suppression comment that suppresses nothing hides future findings by accident and "
    "tells readers of the source that a problem is there when it is not."
)
META_DESCRIPTIONS = tuple(
    {
        "id": rule_id,
        "name": name,
        "category": "suppression",
        "severity": "warning",
        "message": message,
        "why": _META_WHY,
        "suggest": "Remove the comment, or name the rule it is meant to suppress.",
        "references": [
            {
                "title": "ruff RUF100: unused-noqa",
                "url": "https://docs.astral.sh/ruff/rules/unused-noqa/",
            }
        ],
    }
    for (rule_id, name), message in (
        (UNUSED, "'{match}' suppresses nothing here; remove it."),
        (UNKNOWN, "'{match}' is not a rule id, name or category."),
    )
)


class _Region:
    """Lines a directive covers; ``last`` grows until an ``enable``, ``used`` once it hides a
    finding."""

    __slots__ = ("covers", "directive", "first", "last", "name", "used")

    def __init__(
        self,
        name: Name | None,  # None: every rule
        first: int,
        last: int,
        covers: frozenset[str] | None,  # rule ids, None for every rule
        directive: Directive | None = None,
    ) -> None:
        self.name = name
        self.first = first
        self.last = last
        self.covers = covers
        self.used = False
        self.directive = directive


def apply(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    selection: Selection,
    *,
    last_line: int,
    path: str | None,
) -> list[Finding]:
    """Findings left after suppression, with the notes on unused or unknown names (MD100,
    MD101) that the selection keeps on."""
    kept, notes = _suppressed(findings, directives, selection, last_line, path)
    return kept + [n for n in notes if n.rule in selection.meta_rules]


def _note(meta: tuple[str, str], name: Name, message: str, path: str | None) -> Finding:
    return Finding(
        rule=meta[0],
        name=meta[1],
        category=Category.SUPPRESSION,
        severity=Severity.WARNING,
        template=message.replace("{", "{{").replace("}", "}}"),
        match=name.text,
        suggestion="Remove the comment, or name the rule it is meant to suppress.",
        path=path,
        start=name.start,
        end=name.end,
        line=name.line,
        column=name.column,
        end_line=name.end_line,
        end_column=name.end_column,
    )


def _suppressed(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    selection: Selection,
    last_line: int,
    path: str | None,
) -> tuple[list[Finding], list[Finding]]:
    """Findings left after suppression, and the notes on unused or unknown names."""
    regions: list[_Region] = []
    notes: list[Finding] = []
    open_regions: list[_Region] = []
    for directive in directives:
        line = directive.line
        names: list[Name | None] = list(directive.names) or [None]
        if directive.kind == "enable":
            closing = {n.text.lower() for n in directive.names}
            still_open = []
            for region in open_regions:
                label = region.name.text.lower() if region.name else None
                if not closing or label in closing:
                    region.last = line
                else:
                    still_open.append(region)
            open_regions = still_open
            continue
        for name in names:
            covers: frozenset[str] | None = None
            if name is not None:
                covers = selection.resolve(name.text)
                if covers is None:
                    from difflib import get_close_matches

                    close = get_close_matches(name.text, selection.known_names, n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    message = f"'{name.text}' is not a rule id, name or category{hint}."
                    notes.append(_note(UNKNOWN, name, message, path))
                    continue
            if directive.kind == "disable-next-line":
                target = directive.next_line
                region = _Region(name, target, target, covers, directive=directive)
            elif directive.kind == "disable-line":
                region = _Region(name, line, line, covers, directive=directive)
            else:
                region = _Region(name, line, last_line, covers, directive=directive)
                open_regions.append(region)
            regions.append(region)
    kept = []
    for finding in findings:
        suppressed = False
        for region in regions:
            if region.first <= finding.line <= region.last and (
                region.covers is None or finding.rule in region.covers
            ):
                region.used = True
                suppressed = True
        if not suppressed:
            kept.append(finding)
    selected = frozenset(rule.id for rule in selection.rules)
    for region in regions:
        if not region.used and region.directive is not None:
            if region.covers is not None and not region.covers & selected:
                continue  # its rules did not run (--select, --ignore): it may well be needed
            name = region.name or region.directive.whole
            if name is None:
                continue
            what = f"'{region.name.text}'" if region.name else "This comment"
            notes.append(_note(UNUSED, name, f"{what} suppresses nothing here; remove it.", path))
    return kept, notes
