"""Document: a text, its prose, its paragraphs and sentences, and source positions.

Everything downstream (context, rules) reads ``Sentence.text``; findings are mapped back to the
source through :meth:`Document.source_span` and :meth:`Document.position`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, pairwise
from typing import NamedTuple

from medlint.document.markup import Prose, html_prose, markdown_prose, plain_prose
from medlint.read.source import FORMATS, Format

__all__ = ["FORMATS", "Document", "Format", "Paragraph", "Sentence"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PARAGRAPH_GAP = re.compile(r"\n[^\S\n]*\n\s*")
# A soft line break ends a sentence unless the next line continues in lower case.
_SOFT_BREAK = re.compile(r"\n[^\S\n]*(?=\S)")  # kept only if the next character is not lower case
_ABBREVIATIONS = (
    "e.g i.e etc vs cf al approx dr mr mrs Ms prof st fig figs no nos vol pp jr sr inc ltd co dept "
    "est ca mt ref refs eq sec ch min max mg ml kg resp incl u.s u.k ph.d m.d"
).split()


def _not_after_abbreviation() -> str:
    """Look-behinds, checked just after a full stop, that fail when it follows an abbreviation
    or a single initial ("e.g.", "Dr.", "J."): one per length, since a look-behind has one
    width. After ! ? or … they hold at once (the text there does not end in a full stop)."""
    by_length: dict[int, list[str]] = {}
    for abbreviation in _ABBREVIATIONS:
        # An abbreviation written with a capital is matched as written: "Ms." is one, the
        # disease "MS." ends a sentence.
        escaped = re.escape(abbreviation)
        if not abbreviation.islower():
            escaped = f"(?-i:{escaped})"
        by_length.setdefault(len(abbreviation), []).append(escaped)
    checks = [rf"(?<!\b(?:{'|'.join(group)})\.)" for _, group in sorted(by_length.items())]
    return "".join(checks) + r"(?<!\b[^\W\d_]\.)"


# A sentence ends at a run of . ! ? … (with closing quotes or brackets) before white space or
# the end of the block, unless the run starts with a full stop after an abbreviation or an
# initial. All in one pattern that starts with a character set, so re skips in C to the next
# stop and tests each run once, from its first character.
_SENTENCE_END = re.compile(
    r"[.!?…](?<![.!?…](?s:.))" + _not_after_abbreviation() + r"[.!?…]*[\"'”’)\]]*(?=\s|$)",
    re.IGNORECASE,
)
_HEADING_END = frozenset('.!?:;,"”')


class Sentence(NamedTuple):
    """One sentence of prose: ``[start, end)`` in prose offsets, and its paragraph's index."""

    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


class Paragraph(NamedTuple):
    """A paragraph's prose ``[start, end)``, white space stripped; ``limit`` is where the break
    that ends it stands (a blank line, a block element), what follows the last sentence up to
    it (a link target, an autolink) still belongs to the paragraph."""

    start: int
    end: int
    limit: int = 0


def lower(text: str) -> str:
    """``text`` lower-cased, one character for one, so offsets stay valid for the rules and the
    cues: "İ", the one character whose lower case is longer, becomes "i"."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.replace("İ", "i").lower()
    return lowered


# Case-insensitive matching takes "ı" for "i" and "ſ" for "s", which lower-casing keeps: the
# text searched for literals has them folded, so no literal is missed.
_FOLDS = (("ı", "i"), ("ſ", "s"))


def fold(lowered: str) -> str:
    """Lower-cased text as literals are looked for in it: the folds above, and NUL (which
    separates the prefilter's sentences) made another character. One character for one."""
    for char, plain in (*_FOLDS, ("\0", "\1")):
        if char in lowered:
            lowered = lowered.replace(char, plain)
    return lowered


def extract_prose(text: str, format: Format, carry: str = "", first: bool = True) -> Prose:
    if format == "markdown":
        return markdown_prose(text, carry, first)
    if format == "html":
        return html_prose(text, carry)
    return plain_prose(text)


def _line_starts(text: str) -> list[int]:
    """The offset where each line starts. Without a carriage return the lengths of the lines
    add up in C; a text with one finds its \\r\\n, \\r and \\n breaks by pattern."""
    if "\r" in text:
        return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    return [0, *accumulate(map((1).__add__, map(len, text.split("\n")[:-1])))]


class Document:
    """A text to lint, split into paragraphs and sentences of prose."""

    def __init__(
        self,
        text: str,
        format: Format = "text",
        path: str | None = None,
        *,
        carry: str = "",
        first: bool = True,
    ) -> None:
        """``carry`` and ``first``: for a chunk of a longer text, the construct it starts
        inside and whether it is the text's first (see :mod:`medlint.read.chunking`)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.format: Format = format
        self.path = path
        prose = extract_prose(text, format, carry, first)
        self.prose = prose.text
        self.offsets = prose.offsets
        self._line_starts = _line_starts(text)
        self.paragraphs = _paragraphs(prose.text, prose.breaks)
        self.sentences = _sentences(
            prose.text, self.paragraphs, prose.headings, soft_breaks=format != "html"
        )

    def paragraph_sentences(self) -> list[range]:
        """The indexes of each paragraph's sentences, paragraph by paragraph (a measure per
        paragraph reads them as slices instead of testing every sentence's paragraph)."""
        sentences = self.sentences
        starts = [0]
        starts += [
            i
            for i in range(1, len(sentences))
            if sentences[i].paragraph != sentences[i - 1].paragraph
        ]
        starts.append(len(sentences))
        return [range(a, b) for a, b in pairwise(starts) if a < b]

    def source_span(self, prose_start: int, prose_end: int) -> tuple[int, int]:
        """The source ``[start, end)`` that the prose ``[prose_start, prose_end)`` came from."""
        start = self.offsets.source_start(prose_start)
        end = self.offsets.source_end(prose_end)
        return start, max(start, end)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; the column counts characters."""
        index = bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[index]
        # An offset inside a CRLF pair belongs to the end of its line.
        return index + 1, offset - line_start + 1

    def end_position(self, end: int, start: int) -> tuple[int, int]:
        """Position of an exclusive end offset: on the line of the last character spanned."""
        if end <= start:
            return self.position(start)
        line, column = self.position(end - 1)
        return line, column + 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def next_content_line(self, line: int) -> int:
        """The first line after ``line`` that holds more than white space (or the last line)."""
        for candidate in range(line + 1, self.line_count + 1):
            if self.line_text(candidate).strip():
                return candidate
        return self.line_count

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _paragraphs(prose: str, breaks: tuple[int, ...]) -> list[Paragraph]:
    cuts = {0, len(prose)}
    cuts.update(b for b in breaks if 0 <= b <= len(prose))
    for gap in _PARAGRAPH_GAP.finditer(prose):
        cuts.add(gap.start())
        cuts.add(gap.end())
    ordered = sorted(cuts)
    result = []
    for start, limit in pairwise(ordered):
        start, end = _strip(prose, start, limit)
        if start < end:
            result.append(Paragraph(start, end, limit))
    return result


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` less white space at either end (empty: ``start == end``)."""
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return start, start
    start += len(piece) - len(piece.lstrip())
    return start, start + len(kept)


_NEXT_VISIBLE = re.compile(r"\s*(\S)")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def looks_like_heading(text: str) -> bool:
    """A short line in Title Case with no closing punctuation: a heading in a plain-text page."""
    if "\n" in text or text.rstrip()[-1:] in '.!?:;,"”':
        return False
    words: list[str] = _TITLE_WORD.findall(text)
    if not words or len(text.split()) > 14:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _sentences(
    prose: str,
    paragraphs: list[Paragraph],
    headings: tuple[tuple[int, int], ...],
    *,
    soft_breaks: bool,
) -> list[Sentence]:
    result: list[Sentence] = []
    heading_starts = [h[0] for h in headings]
    for index, paragraph in enumerate(paragraphs):
        block = prose[paragraph.start : paragraph.end]
        cuts = {0, len(block)}
        for m in _SENTENCE_END.finditer(block):
            after = m.end()
            # The next visible character: most often right after one space.
            following = block[after + 1 : after + 2]
            if not following or following.isspace():
                visible = _NEXT_VISIBLE.match(block, after)
                following = "" if visible is None else visible.group(1)
            if not following.islower():
                cuts.add(after)
        if "\n" in block:
            if soft_breaks:
                cuts.update(
                    m.start() for m in _SOFT_BREAK.finditer(block) if not block[m.end()].islower()
                )
            # A line ending in ':' introduces a list; each following line is its own sentence.
            cuts.update(m.end() for m in re.finditer(r":[^\S\n]*\n", block))
        ordered = sorted(cuts)
        for start, end in pairwise(ordered):
            piece = block[start:end]
            text = piece.strip()
            if not text:
                continue
            s = paragraph.start + start + len(piece) - len(piece.lstrip())
            marked = False
            if heading_starts:
                k = bisect_right(heading_starts, s) - 1
                marked = k >= 0 and headings[k][0] <= s < headings[k][1]
            if not marked and text[-1] not in _HEADING_END and "\n" not in text:
                marked = looks_like_heading(text)
            result.append(Sentence(s, s + len(text), text, index, marked))
    return result
