"""Markdown's inline syntax, found in one pass in time linear in the text: the spans to blank.

Code spans, comments, links and images, autolinks, tags, bare URLs, escapes and emphasis
markers. No pattern here can rescan what it has read from a later starting point: a link label
or target stops at the next bracket, a run of underscores is tried from its first character
only, a URL starting ``www.`` is read to the end of its run once. Code spans follow CommonMark:
a run of backticks opens a span that the next run of the same length in the same paragraph
closes (else the run is literal text), found by bisecting the paragraph's runs of that length,
so a line of backticks costs linear time, not cubic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

# The leading look-ahead names every construct's first character: ``re`` then rejects most
# positions at once (8x faster on prose than trying each alternative everywhere).
_INLINE = re.compile(
    r"""(?=[`!\[<hfw\\*_])(?:
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<ticks>`++)
    | (?P<image>!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\))
    | (?P<link>\[(?P<label>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]
        (?P<target>\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\]))
    | (?P<autolink><(?:https?|ftp|mailto):[^<>\s]*>)
    | (?P<tag></?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>)
    | (?P<url>(?:https?|ftp)://[^\s<>()\[\]]+)
    | (?P<www>www\.(?=[^\s<>()\[\]]))
    | (?P<escape>\\(?=[^\w\s]))
    | (?P<emphasis>\*+|(?<!\w)_+|(?<!_)_++(?!\w))
    )""",
    re.VERBOSE | re.DOTALL,
)
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n")
_URL_RUN = re.compile(r"[^\s<>()\[\]]*")
_TOP_LEVEL_DOMAIN = re.compile(r"\.[a-z]{2}")


def inline_spans(text: str, blocks: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of inline syntax to blank, outside ``blocks`` (sorted, disjoint spans that
    the block pass has blanked already: code, front matter)."""
    scanner = _Scanner(text, blocks)
    scanner.scan(0, len(text))
    return scanner.spans


class _Scanner:
    """One left-to-right reading of a text's inline syntax."""

    def __init__(self, text: str, blocks: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.blocks = blocks
        self.starts = [start for start, _ in blocks]
        self.paragraph = _Paragraph(text)
        self.www = _Www(text)
        self.spans: list[tuple[int, int]] = []

    def scan(self, position: int, end: int) -> None:
        """Read ``text[position:end]``; a link label holding brackets (an image in a link,
        ``[![alt](image)](target)``) is read again for its own syntax, once."""
        text, blocks, starts, spans = self.text, self.blocks, self.starts, self.spans
        search = _INLINE.search
        while (m := search(text, position, end)) is not None:
            at = m.start()
            k = bisect_right(starts, at) - 1
            if k >= 0 and at < blocks[k][1]:
                position = blocks[k][1]  # already blanked (inside code or front matter)
                continue
            position = m.end()
            kind = m.lastgroup
            if kind == "ticks":
                closer = self.paragraph.closer(at, position - at)
                if closer is None:
                    continue  # no run of the same length follows: the backticks are text
                position = closer
            elif kind == "www":
                url_end = self.www.end(at)
                if url_end is None:
                    position = at + 1  # not a URL: what follows may still be syntax
                    continue
                position = url_end
            elif kind == "link":
                label_start, label_end = m.span("label")
                spans.append((at, label_start))
                spans.append((label_end, position))
                if "[" in m.group("label"):
                    self.scan(label_start, label_end)
                continue
            spans.append((at, position))


class _Paragraph:
    """The backtick runs of the paragraph being read, by length, found once per paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = -1
        self.runs: dict[int, list[int]] = {}

    def closer(self, opener: int, length: int) -> int | None:
        """The end of the run that closes the code span opened at ``opener``, if any."""
        if opener >= self.end:
            gap = _PARAGRAPH_END.search(self.text, opener)
            self.end = len(self.text) if gap is None else gap.start()
            self.runs = {}
            for run in _BACKTICKS.finditer(self.text, opener, self.end):
                self.runs.setdefault(run.end() - run.start(), []).append(run.start())
        same = self.runs.get(length, [])
        k = bisect_right(same, opener)
        return same[k] + length if k < len(same) else None


class _Www:
    """Where a URL starting ``www.`` ends: the end of its run of URL characters, if the run
    has a top-level domain (``.org``) after its first character; else None. A run read once
    answers for every ``www.`` inside it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.run_end = -1
        self.domain = -1  # the last domain found in the current run

    def end(self, at: int) -> int | None:
        text = self.text
        if at >= self.run_end:
            match = _URL_RUN.match(text, at)
            self.run_end = match.end() if match else at
            self.domain = -1
        if self.domain < at + 5:
            found = _TOP_LEVEL_DOMAIN.search(text, at + 5, self.run_end)
            self.domain = found.start() if found else self.run_end
        return self.run_end if self.domain < self.run_end else None
