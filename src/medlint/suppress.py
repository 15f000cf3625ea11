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

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import regex

from medlint.findings import Finding

UNUSED = ("MD100", "unused-suppression")
UNKNOWN = ("MD101", "unknown-rule-in-suppression")
META_RULES = (UNUSED, UNKNOWN)
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

_COMMENT = regex.compile(
    r"<!--\s*medlint-(?P<kind>disable-next-line|disable-line|disable|enable)\b"
    r"(?P<names>(?:(?!-->).)*?)\s*-->",
    regex.DOTALL,
)
_TEXT_LINE = regex.compile(
    r"(?m)^[^\S\n]*(?:#|//)?[^\S\n]*medlint:[^\S\n]*"
    r"(?P<kind>disable-next-line|disable-line|disable|enable)\b(?P<names>[^\n]*)$"
)
_NAME = regex.compile(r"[A-Za-z][\w.-]*")


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Directive:
    kind: str
    names: tuple[Name, ...]
    start: int  # source offsets of the whole comment
    end: int


def find_directives(text: str, format: str) -> list[Directive]:
    """Every suppression comment in a source text, in order."""
    pattern = _TEXT_LINE if format == "text" else _COMMENT
    result = []
    for m in pattern.finditer(text):
        offset = m.start("names")
        names = tuple(
            Name(n.group(), offset + n.start(), offset + n.end())
            for n in _NAME.finditer(m.group("names"))
        )
        result.append(Directive(m.group("kind"), names, m.start(), m.end()))
    return result


def text_directive_spans(text: str) -> list[tuple[int, int]]:
    """Where plain-text directive lines stand, so the prose reader can leave them out."""
    return [(m.start(), m.end()) for m in _TEXT_LINE.finditer(text)]


@dataclass(slots=True)
class _Region:
    name: Name | None  # None: every rule
    first: int
    last: int
    covers: frozenset[str] | None  # rule ids, None for every rule
    used: bool = False
    directive: Directive | None = field(default=None, repr=False)


Resolve = Callable[[str], frozenset[str] | None]
"""Rule ids a name stands for, or None when it is no rule, name or category."""


def apply(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    *,
    resolve: Resolve,
    known_names: Iterable[str],
    line_of: Callable[[int], int],
    next_content_line: Callable[[int], int],
    last_line: int,
    make_note: Callable[[tuple[str, str], Name, str], Finding],
) -> tuple[list[Finding], list[Finding]]:
    """Findings left after suppression, and the notes on unused or unknown names."""
    regions: list[_Region] = []
    notes: list[Finding] = []
    open_regions: list[_Region] = []
    for directive in directives:
        line = line_of(directive.start)
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
                covers = resolve(name.text)
                if covers is None:
                    close = difflib.get_close_matches(name.text, list(known_names), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    notes.append(
                        make_note(
                            UNKNOWN,
                            name,
                            f"'{name.text}' is not a rule id, name or category{hint}.",
                        )
                    )
                    continue
            if directive.kind == "disable-next-line":
                target = next_content_line(line)
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
    for region in regions:
        if not region.used and region.directive is not None:
            name = region.name or Name(
                "medlint-" + region.directive.kind, region.directive.start, region.directive.end
            )
            what = f"'{region.name.text}'" if region.name else "This comment"
            notes.append(make_note(UNUSED, name, f"{what} suppresses nothing here; remove it."))
    return kept, notes
