"""The source line under a finding, made safe and short enough to print on a terminal.

Control characters (an escape sequence could recolour or rewrite the terminal, a bidi control
reorder the line) are shown escaped, as ``\\x1b`` or ``\\u202e``; a tab as spaces. A very long
line (minified HTML) is cut to a window around the marked words.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

WINDOW = 100  # characters shown either side of the marked words on a long line
MAX_LINE = 2 * WINDOW + 80  # lines longer than this are cut
_KEPT_FORMAT = frozenset("\u200c\u200d")  # zero-width (non-)joiners: part of how text is spelled


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
    width = 0
    for char in text:
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
    first, last = 0, len(line)
    if len(line) > MAX_LINE:
        first = max(0, start - WINDOW)
        last = min(len(line), max(end, start + 1) + WINDOW)
    head = "..." if first > 0 else ""
    tail = "..." if last < len(line) else ""
    before = head + "".join(_shown(c) for c in line[first:start])
    marked = "".join(_shown(c) for c in line[start:end])
    after = "".join(_shown(c) for c in line[end:last]) + tail
    return before + marked + after, _width(before), max(1, _width(marked))


class SourceLines:
    """Lines of the linted texts, by path: from ``sources`` (standard input), else read again
    from the file. Only the latest file is kept, as reports come grouped by file."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources
        self._path: str | None = None
        self._lines: list[str] | None = None

    def line(self, path: str | None, number: int) -> str | None:
        """Line ``number`` (1-based) of ``path`` without its line break; None if unreadable."""
        key = path or "-"
        if key != self._path:
            self._path = key
            self._lines = self._read(key)
        if self._lines is None or not 1 <= number <= len(self._lines):
            return None
        return self._lines[number - 1].removesuffix("\r")

    def _read(self, path: str) -> list[str] | None:
        from medlint.errors import MedlintError
        from medlint.read.source import decode

        text = self.sources.get(path)
        if text is None:
            try:
                text = decode(Path(path).read_bytes(), path)
            except (OSError, MedlintError):
                return None
        return text.split("\n")
