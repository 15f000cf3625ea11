"""The source line under a finding, made safe and short enough to print on a terminal.

Control characters (an escape sequence could recolour or rewrite the terminal, a bidi control
reorder the line) are shown escaped, as ``\\x1b`` or ``\\u202e``; a tab as spaces. A very long
line (minified HTML) is cut to a window around the marked words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping

from medlint.report.sources import SourceTexts

WINDOW = 100  # characters shown either side of the marked words on a long line
MAX_LINE = 2 * WINDOW + 80  # lines longer than this are cut
_KEPT_FORMAT = frozenset("\u200c\u200d")
_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")  # what may need an escape: all but printable ASCII
_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # zero-width (non-)joiners: part of how text is spelled


def _shown(char: str) -> str:
    """How one character is printed: itself, or an escape for a control character."""
    if char == "\t":
        return "    "
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp") or (category == "Cf" and char not in _KEPT_FORMAT):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def _width(text: str) -> int:
    """Terminal columns: wide (East Asian) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    width = len(text)
    for char in _NON_ASCII.findall(text):
        width -= 1
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def marked_line(line: str, start: int, end: int | None) -> tuple[str, int, int]:
    """The line as printed, the columns before the marker and the marker's length, for the
    characters ``[start, end)`` of ``line`` (``end`` None: to the end of the line). The marker
    is at least one column long."""
    start = max(0, min(start, len(line)))
    end = len(line) if end is None else max(start, min(end, len(line)))
    if len(line) <= MAX_LINE and line.isprintable():  # most lines: shown as they are, whole
        if line.isascii():
            return line, start, max(1, end - start)
        return line, _width(line[:start]), max(1, _width(line[start:end]))
    first, last = 0, len(line)
    if len(line) > MAX_LINE:
        first = max(0, start - WINDOW)
        last = min(len(line), max(end, start + 1) + WINDOW)
    head = "..." if first > 0 else ""
    tail = "..." if last < len(line) else ""
    before = head + _escaped(line[first:start])
    marked = _escaped(line[start:end])
    after = _escaped(line[end:last]) + tail
    return before + marked + after, _width(before), max(1, _width(marked))


def _escaped(text: str) -> str:
    """``text`` as printed; printable text (most of any line) is itself, found in C."""
    if text.isprintable():  # no control or format character, no tab: nothing to escape
        return text
    return _NOT_PLAIN.sub(lambda m: _shown(m.group()), text)


class SourceLines:
    """Lines of the linted texts, by path (see ``sources``), one line at a time. Reports come
    grouped by file and sorted by line, so the file is read forward once and memory stays
    bounded by the line, whatever the file's size (a line asked for again, or out of order,
    reopens it)."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.texts = SourceTexts(sources)
        self._path: str | None = None
        self._lines: Iterator[str] | None = None
        self._number = 0  # the line last read
        self._last: str | None = None

    def line(self, path: str | None, number: int) -> str | None:
        """Line ``number`` (1-based) of ``path`` without its line break; None if unreadable."""
        key = path or "-"
        if key != self._path or number < self._number or self._lines is None:
            self._path, self._number, self._last = key, 0, None
            self._lines = self.texts.lines(key)
        if self._lines is None or number < 1:
            return None
        while self._number < number:
            line = next(self._lines, None)
            if line is None:
                self._lines = None
                return None
            self._number += 1
            self._last = line
        return None if self._last is None else self._last.rstrip("\r\n")
