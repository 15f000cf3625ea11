"""Split a text into chunks at paragraph boundaries, so memory is bounded by the paragraph.

A chunk ends at a blank line once it has reached ``target`` characters, never inside a Markdown
code fence, front matter, an HTML comment, a tag or a script/style element. A text with no
usable boundary (a 10 MB single line) is cut at white space once a chunk reaches ``hard``.
Chunks carry their place in the whole text, so findings keep exact offsets, lines and columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

TARGET = 64 * 1024
HARD = 1024 * 1024

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_FENCE = re.compile(r"(?m)^ {0,3}(?:```|~~~)")
_SKIPPED = (
    *("script", "style", "pre", "code", "textarea", "noscript", "template", "svg", "math"),
    *("nav", "header", "footer", "aside"),
)
_HTML_OPEN = {name: re.compile(rf"<{name}\b", re.IGNORECASE) for name in _SKIPPED}
_HTML_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _SKIPPED}


class Chunk(NamedTuple):
    """A piece of the whole text: ``text`` starts at ``start``, on ``line`` (1-based), at
    ``column`` (0-based characters from the start of that line)."""

    text: str
    start: int
    line: int
    column: int


def _comment_closed(text: str) -> bool:
    return text.rfind("<!--") <= text.rfind("-->") or "<!--" not in text


def _safe_cut(text: str, format: str, first: bool) -> bool:
    """True when ``text`` (a would-be chunk) leaves no construct open."""
    if format == "text":
        return True
    if not _comment_closed(text):
        return False
    if format == "markdown":
        front_matter = first and text.startswith(("---\n", "---\r\n"))
        if front_matter and re.search(r"(?m)^(?:---|\.\.\.)\s*$", text[4:]) is None:
            return False
        if "```" not in text and "~~~" not in text:  # no fence at all (the usual case)
            return True
        return len(_FENCE.findall(text)) % 2 == 0
    if text.rfind("<") > text.rfind(">"):
        return False
    return all(
        len(_HTML_OPEN[name].findall(text)) <= len(_HTML_CLOSE[name].findall(text))
        for name in _SKIPPED
        if "<" in text
    )


class Chunker:
    """Feed text in blocks of any size; take back chunks as they become complete.

    The text not yet taken is ``_buffer[_taken:]``: taking a chunk moves ``_taken`` rather than
    copying the rest, so a whole 20 MB text fed at once is cut in linear time."""

    def __init__(self, format: str, target: int = TARGET, hard: int = HARD) -> None:
        self.format = format
        self.target = target
        self.hard = hard
        self._buffer = ""
        self._taken = 0
        self._start = 0
        self._line = 1
        self._column = 0
        self._first = True

    def feed(self, block: str) -> Iterator[Chunk]:
        self._buffer = self._buffer[self._taken :] + block
        self._taken = 0
        while len(self._buffer) - self._taken >= self.target:
            cut = self._find_cut()
            if cut is None:
                return
            yield self._take(cut)

    def close(self) -> Iterator[Chunk]:
        while len(self._buffer) - self._taken > self.hard:
            cut = self._find_cut()
            if cut is None:
                break
            yield self._take(cut)
        if len(self._buffer) > self._taken or self._first:
            yield self._take(len(self._buffer))

    def _find_cut(self) -> int | None:
        """Where the next chunk ends (an index into ``_buffer``), or None to wait for more."""
        buffer, begin = self._buffer, self._taken
        limit = begin + self.hard
        search_from = begin + self.target
        while True:
            gap = _BLANK_LINE.search(buffer, max(search_from - 1, begin))
            if gap is None or gap.end() > limit:
                break
            if _safe_cut(buffer[begin : gap.end()], self.format, self._first):
                return gap.end()
            search_from = gap.end()
        if len(buffer) < limit:
            return None  # wait for more text (or, at the end, keep the rest as one chunk)
        # No paragraph boundary within reach: cut at the last white space before the limit.
        cut = max(buffer.rfind("\n", begin, limit), buffer.rfind(" ", begin, limit))
        cut = max(cut, buffer.rfind("\t", begin, limit))
        cut = limit if cut <= begin else cut + 1
        if buffer[cut - 1 : cut + 1] == "\r\n":
            cut += 1
        return cut

    def _take(self, cut: int) -> Chunk:
        text = self._buffer[self._taken : cut]
        self._taken = cut
        chunk = Chunk(text, self._start, self._line, self._column)
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
