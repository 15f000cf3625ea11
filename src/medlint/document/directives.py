"""Suppression comments in a source text: where they stand and what they name.

The document stage finds them (plain text leaves them out of its prose); the filter stage
(:mod:`medlint.filters.suppress`) applies them to the findings. Forms:

    <!-- medlint-disable OC01, risk -->   ...   <!-- medlint-enable OC01, risk -->
    <!-- medlint-disable-next-line EV01 -->
    <!-- medlint-disable-line HY01 -->      (on the line it suppresses)
    medlint: disable-next-line EV01         (plain text, on a line of its own)
    The drug cures it.  # medlint: disable-line OC01   (plain text, at the end of the line)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_COMMENT = re.compile(
    r"<!--\s*medlint-(?P<kind>disable-next-line|disable-line|disable|enable)\b"
    r"(?P<names>(?:(?!-->|<!--).)*?)\s*-->",  # not past the next comment: an unclosed one
    # would be read to the end of the text from each of them, in quadratic time
    re.DOTALL,
)
_TEXT_LINE = re.compile(
    r"(?m)^[^\S\n]*(?:#|//)?[^\S\n]*medlint:[^\S\n]*"
    r"(?P<kind>disable-next-line|disable-line|disable|enable)\b(?P<names>[^\n]*)$"
)
# At the end of a line of plain text, after white space: disable-line only (as ruff's noqa).
_TEXT_TRAILING = re.compile(
    r"(?m)(?<=\S)[^\S\n]+(?:#|//)?[^\S\n]*medlint:[^\S\n]*"
    r"(?P<kind>disable-line)\b(?P<names>[^\n]*)$"
)
_NAME = re.compile(r"[A-Za-z][\w.-]*")


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
    matches = list(pattern.finditer(text))
    if format == "text" and "medlint:" in text:
        matches = sorted([*matches, *_TEXT_TRAILING.finditer(text)], key=lambda m: m.start())

    def named(text_: str, start: int, end: int) -> Name:
        if place is None:
            return Name(text_, offset + start, offset + end)
        return Name(text_, offset + start, offset + end, *place(start, end))

    result = []
    for m in matches:
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
    found = [*_TEXT_LINE.finditer(text), *_TEXT_TRAILING.finditer(text)]
    return sorted((m.start(), m.end()) for m in found)
