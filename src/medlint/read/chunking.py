"""Split a text into chunks at paragraph boundaries, so memory is bounded by the paragraph.

A chunk ends at a blank line once it has reached ``target`` characters, never inside a Markdown
code fence, front matter, an HTML comment, a tag or a script/style element (see
:mod:`medlint.read.constructs`, which reads each chunk once, however many blank lines it tries).
A text with no usable boundary (a 10 MB single line, a code block longer than ``hard``) is cut
once a chunk reaches ``hard``: after the last sentence end or white space before it, never inside
a tag or between a carriage return and its line feed; a chunk that starts inside a construct
carries it (``Chunk.carry``), so its reader knows it is in code. Chunks carry their place in the
whole text, so findings keep exact offsets, lines and columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from medlint.read.constructs import Tracker

TARGET = 64 * 1024
HARD = 1024 * 1024

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# A sentence end, then white space: where a hard cut splits the fewest sentences.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


class Chunk(NamedTuple):
    """A piece of the whole text: ``text`` starts at ``start``, on ``line`` (1-based), at
    ``column`` (0-based characters from the start of that line); ``carry`` is the construct it
    starts inside (see :mod:`medlint.read.constructs`), ``""`` for most."""

    text: str
    start: int
    line: int
    column: int
    carry: str = ""


class Chunker:
    """Feed text in blocks of any size; take back chunks as they become complete.

    The text not yet taken is ``_buffer[_taken:]``: taking a chunk moves ``_taken`` rather than
    copying the rest, so a whole 20 MB text fed at once is cut in linear time."""

    def __init__(self, format: str, target: int = TARGET, hard: int = HARD) -> None:
        self.format = format
        self.target = target
        self.hard = max(hard, 1)
        self._buffer = ""
        self._taken = 0
        self._start = 0
        self._line = 1
        self._column = 0
        self._first = True
        self._carry = ""  # what the next chunk starts inside

    def feed(self, block: str) -> Iterator[Chunk]:
        self._buffer = self._buffer[self._taken :] + block
        self._taken = 0
        while len(self._buffer) - self._taken >= self.target:
            cut = self._find_cut()
            if cut is None:
                return
            yield self._take(*cut)

    def close(self) -> Iterator[Chunk]:
        while len(self._buffer) - self._taken > self.hard:
            cut = self._find_cut(final=True)
            if cut is None:
                break
            yield self._take(*cut)
        if len(self._buffer) > self._taken or self._first:
            yield self._take(len(self._buffer), "")

    def _find_cut(self, final: bool = False) -> tuple[int, str] | None:
        """Where the next chunk ends (an index into ``_buffer``) and what the chunk after it
        starts inside, or None to wait for more text."""
        buffer, begin = self._buffer, self._taken
        limit = begin + self.hard
        tracker = Tracker(self.format, self._carry, first=self._first)
        read = begin  # the tracker has read buffer[begin:read]
        search_from = begin + self.target
        while True:
            gap = _BLANK_LINE.search(buffer, max(search_from - 1, begin))
            if gap is None or gap.end() > limit:
                break
            tracker.read(buffer, read, gap.end())
            read = gap.end()
            if not tracker.carry():
                return read, ""
            search_from = max(read, tracker.reopens(buffer, read))
        if len(buffer) < limit or (len(buffer) == limit and not final):
            return None  # wait for more text (or, at the end, keep the rest as one chunk)
        cut = self._hard_cut(begin, limit)
        tracker.read(buffer, read, cut)
        return cut, tracker.carry()

    def _hard_cut(self, begin: int, limit: int) -> int:
        """No paragraph boundary within reach: cut after the last sentence end before the
        limit, else the last white space, else at the limit; in HTML, not inside a tag."""
        buffer = self._buffer
        floor = begin + max(self.hard // 2, 1)  # a sentence end this far in is worth it
        cut = -1
        for end in _SENTENCE_END.finditer(buffer, max(floor - 1, begin), limit):
            if not buffer[end.end() : end.end() + 1].islower():  # "e.g. this" goes on
                cut = end.end()
        if cut <= begin:
            cut = max(buffer.rfind(c, begin, limit) for c in "\n \t") + 1
        if cut <= begin:
            cut = limit
        if self.format == "html":
            opened = buffer.rfind("<", begin, cut)
            if opened > begin and opened > buffer.rfind(">", begin, cut):
                cut = opened  # the tag starts the next chunk
        if buffer[cut - 1 : cut] == "\r" and cut - 1 > begin:
            # A carriage return may be followed by its line feed (in this buffer, or the next
            # block read): the two stay in one chunk, or every later line number is one off.
            cut = cut + 1 if buffer[cut : cut + 1] == "\n" else cut - 1
        return cut

    def _take(self, cut: int, carry: str) -> Chunk:
        text = self._buffer[self._taken : cut]
        self._taken = cut
        chunk = Chunk(text, self._start, self._line, self._column, self._carry)
        self._carry = carry
        self._first = False
        self._start += len(text)
        # Line breaks are \r\n, \r or \n: counted in C, a \r\n once.
        breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
        if breaks:
            self._line += breaks
            last = max(text.rfind("\n"), text.rfind("\r"))
            self._column = len(text) - last - 1
        else:
            self._column += len(text)
        return chunk


def split(text: str, format: str, target: int = TARGET, hard: int = HARD) -> Iterator[Chunk]:
    """Chunks of an in-memory text."""
    chunker = Chunker(format, target, hard)
    yield from chunker.feed(text)
    yield from chunker.close()
