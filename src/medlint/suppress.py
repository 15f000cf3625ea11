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

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from medlint import fastre
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

_COMMENT = fastre.compile(
    r"<!--\s*medlint-(?P<kind>disable-next-line|disable-line|disable|enable)\b"
    r"(?P<names>(?:(?!-->).)*?)\s*-->",
    re.DOTALL,
)
_TEXT_LINE = fastre.compile(
    r"(?m)^[^\S\n]*(?:#|//)?[^\S\n]*medlint:[^\S\n]*"
    r"(?P<kind>disable-next-line|disable-line|disable|enable)\b(?P<names>[^\n]*)$"
)
_NAME = fastre.compile(r"[A-Za-z][\w.-]*")


class Name(NamedTuple):
    """A name in a comment, placed in the whole text (offsets, 1-based lines and columns)."""

    text: str
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


class Directive(NamedTuple):
    kind: str
    names: tuple[Name, ...]
    start: int  # source offsets of the whole comment
    end: int
    line: int = 0  # the line the comment starts on
    next_line: int = 0  # the next line with content after it (for disable-next-line)
    whole: Name | None = None  # the comment itself, where a note about it points


Place = Callable[[int, int], tuple[int, int, int, int]]


def find_directives(
    text: str,
    format: str,
    *,
    offset: int = 0,
    place: Place | None = None,
    next_line: Callable[[int], int] | None = None,
) -> list[Directive]:
    """Every suppression comment in a source text (a chunk starting at ``offset``), in order.

    ``place`` maps chunk offsets to (line, column, end line, end column) in the whole text, and
    ``next_line`` a whole-text line to the next line with content.
    """
    pattern = _TEXT_LINE if format == "text" else _COMMENT

    def named(text_: str, start: int, end: int) -> Name:
        if place is None:
            return Name(text_, offset + start, offset + end)
        return Name(text_, offset + start, offset + end, *place(start, end))

    result = []
    for m in pattern.finditer(text):
        base = m.start("names")
        names = tuple(
            named(n.group(), base + n.start(), base + n.end())
            for n in _NAME.finditer(m.group("names"))
        )
        whole = named(m.group(), m.start(), m.end())
        line = whole.line
        following = next_line(line) if next_line is not None else line + 1
        result.append(
            Directive(
                m.group("kind"), names, offset + m.start(), offset + m.end(), line, following, whole
            )
        )
    return result


def text_directive_spans(text: str) -> list[tuple[int, int]]:
    """Where plain-text directive lines stand, so the prose reader can leave them out."""
    return [(m.start(), m.end()) for m in _TEXT_LINE.finditer(text)]


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


Resolve = Callable[[str], frozenset[str] | None]
"""Rule ids a name stands for, or None when it is no rule, name or category."""


def apply(
    findings: Sequence[Finding],
    directives: Sequence[Directive],
    *,
    resolve: Resolve,
    known_names: Iterable[str],
    last_line: int,
    make_note: Callable[[tuple[str, str], Name, str], Finding],
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
                covers = resolve(name.text)
                if covers is None:
                    from difflib import get_close_matches

                    close = get_close_matches(name.text, list(known_names), n=1)
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
    for region in regions:
        if not region.used and region.directive is not None:
            name = region.name or region.directive.whole
            if name is None:
                continue
            what = f"'{region.name.text}'" if region.name else "This comment"
            notes.append(make_note(UNUSED, name, f"{what} suppresses nothing here; remove it."))
    return kept, notes
