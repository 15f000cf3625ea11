"""Character offsets in a document to LSP positions, and back.

medlint counts in code points from the start of the text; LSP counts lines (split at ``\\n``,
``\\r\\n`` and ``\\r``, nothing else) and, in each line, code units of the encoding agreed at
start-up: UTF-16 unless the client offers UTF-32 or UTF-8. One index per linted text: each
finding is placed with a binary search, and a line is measured only when it holds a character
outside ASCII (where all three encodings count alike).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final

_BREAK: Final = re.compile(r"\r\n|\r|\n")
UNIT_BYTES: Final = {"utf-8": 1, "utf-16": 2, "utf-32": 4}


class LineIndex:
    """Where each line of a text starts; converts offsets and (line, character) pairs."""

    __slots__ = ("encoding", "starts", "text")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding if encoding in UNIT_BYTES else "utf-16"
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def line_of(self, offset: int) -> int:
        """The 0-based line holding the character at ``offset``."""
        return bisect_right(self.starts, min(max(offset, 0), len(self.text))) - 1

    def line_text(self, line: int) -> str:
        """A line's text without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of an offset, the character in the agreed code units."""
        offset = min(max(offset, 0), len(self.text))
        line = self.line_of(offset)
        before = self.text[self.starts[line] : offset]
        return line, self._units(before)

    def offset(self, line: int, character: int) -> int:
        """The offset of a (line, character) position; past the end of a line (or of the
        text) it is clamped there, as LSP asks."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        text = self.line_text(line)
        start = self.starts[line]
        if text.isascii() or self.encoding == "utf-32":
            return start + min(max(character, 0), len(text))
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return start + index
            units += self._units(char)
        return start + len(text)

    def _units(self, text: str) -> int:
        if text.isascii() or self.encoding == "utf-32":
            return len(text)
        codec = "utf-16-le" if self.encoding == "utf-16" else "utf-8"
        return len(text.encode(codec, "surrogatepass")) // UNIT_BYTES[self.encoding]
