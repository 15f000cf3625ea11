"""What the rules share while checking one document: sentence lookup and cached context cues.

A Scan lives for one ``lint`` call, so a ``Linter`` itself holds no per-text state and can be
shared across threads.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from medlint.context.lexicon import Assessment, Cue, Lexicon
from medlint.document.model import Document, lower
from medlint.findings import Severity
from medlint.read.chunking import Chunk

if TYPE_CHECKING:
    from medlint.rules.language import Matcher


class Hit(NamedTuple):
    """A rule's raw result: a prose span, the severity after context, values for the message."""

    start: int
    end: int
    severity: Severity
    values: Mapping[str, Any] | None = None  # e.g. {'value': 12.3} for a metric
    subjected: bool = True  # False: the claim's subject is not named nearby (see kinds.pattern)


class Located(NamedTuple):
    """A hit placed in the whole text: offsets, 1-based lines and columns (end exclusive)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    match: str  # the source text of the span
    shown: str  # the prose of the span, white space folded (for messages); "" if ``match``
    sentence: str  # the prose sentence around it (for fingerprints)


class Scan:
    def __init__(
        self,
        document: Document,
        lexicon: Lexicon,
        timeout: float | None = None,
        chunk: Chunk | None = None,
    ) -> None:
        self.document = document
        self.lexicon = lexicon
        self.timeout = timeout
        self.chunk = chunk or Chunk(document.text, 0, 1, 0)
        self.lowered = lower(document.prose)  # what most patterns run on
        self._starts = [s.start for s in document.sentences]
        self._cues: dict[int, list[Cue]] = {}
        self._words: list[list[str]] | None = None
        self._paragraph_sentences: dict[int, range] | None = None
        self._excused: dict[tuple[int, str, int], bool] = {}
        self._found: dict[tuple[int, str], bool] = {}  # (matcher, text) -> does it occur
        self._neighbourhoods: dict[tuple[str, int], str] = {}  # (scope, sentence) -> its text
        # Across the cuts of a text read in chunks (set by :func:`link`): the sentence before
        # this chunk (its text, and the source from it to the cut), the source after the cut
        # to the end of the next chunk's first sentence, and the next chunk's first line with
        # content (in the whole text). A claim, its subject and its excuse may stand on either
        # side of a cut: the findings are those of the whole text read at once.
        self.before: tuple[str, str] | None = None
        self.after = ""
        self.after_line: int | None = None

    def place(self, source_start: int, source_end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) in the whole text of a chunk's source span."""
        document, chunk = self.document, self.chunk
        line, column = document.position(source_start)
        end_line, end_column = document.end_position(source_end, source_start)
        return (
            chunk.line + line - 1,
            column + (chunk.column if line == 1 else 0),
            chunk.line + end_line - 1,
            end_column + (chunk.column if end_line == 1 else 0),
        )

    def locate(self, start: int, end: int) -> Located:
        """Where the prose span ``[start, end)`` of this chunk stands in the whole text."""
        document, chunk = self.document, self.chunk
        source_start, source_end = document.source_span(start, end)
        line, column, end_line, end_column = self.place(source_start, source_end)
        index = self.sentence_index(start)
        match = document.text[source_start:source_end]
        shown = " ".join(document.prose[start:end].split())
        return Located(
            start=chunk.start + source_start,
            end=chunk.start + source_end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            match=match,
            shown="" if shown == match else shown,
            sentence=document.sentences[index].text if index is not None else "",
        )

    @cached_property
    def _source_lowered(self) -> str:
        """The chunk's whole source text lower-cased, once for every list looked for in it."""
        return lower(self.document.text)

    def in_source(self, matcher: Matcher) -> bool:
        """Whether ``matcher`` occurs anywhere in the chunk's source text: a page-wide
        requirement (``kind: document``) or excuse (``unless_scope: document``)."""
        return matcher.search(self.document.text, self.timeout, self._source_lowered)

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence that contains prose ``offset``, if any."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0 or offset >= self.document.sentences[index].end:
            return None
        return index

    def cues(self, index: int) -> list[Cue]:
        found = self._cues.get(index)
        if found is None:
            sentence = self.document.sentences[index]
            lowered = self.lowered[sentence.start : sentence.end]
            found = self.lexicon.cues(sentence.text, lowered)
            self._cues[index] = found
        return found

    def words(self) -> list[list[str]]:
        """The words of every sentence, in order (shared by the readability measures, which
        read them all: one list built at once costs less than a lookup per sentence)."""
        if self._words is None:
            from medlint.rules.readability import WORD

            findall, prose = WORD.findall, self.document.prose
            self._words = [findall(prose, s.start, s.end) for s in self.document.sentences]
        return self._words

    def assess(self, index: int, start: int, end: int) -> Assessment:
        """Context of the prose span ``[start, end)`` inside sentence ``index``."""
        sentence = self.document.sentences[index]
        return self.lexicon.assess(
            sentence.text, start - sentence.start, end - sentence.start, self.cues(index)
        )

    def flags(self, index: int, start: int, end: int) -> frozenset[str]:
        """Context flags of a span, plus ``heading`` when its sentence is a heading."""
        flags = self.assess(index, start, end).flags
        return flags | {"heading"} if self.document.sentences[index].heading else flags

    def neighbourhood(self, index: int, scope: str) -> str:
        """The source text a rule's excuse (``unless``) is looked for in.

        Source, not prose: a Markdown link's URL or an HTML ``href`` is a citation even though
        the rules never read it as prose. Scopes ``sentence``, ``neighbours`` and
        ``paragraph`` (``document`` is :meth:`in_source`).
        """
        key = (scope, index)
        found = self._neighbourhoods.get(key)
        if found is None:
            found = self._neighbourhoods[key] = self._neighbourhood(index, scope)
        return found

    def _neighbourhood(self, index: int, scope: str) -> str:
        """:meth:`neighbourhood`, worked out (each rule with an excuse asks it anew)."""
        document = self.document
        first_index, last_index = self.scope_of(index, scope)
        start, stop = self.reach(first_index, last_index)
        if scope != "neighbours" or (self.before is None and not self.after):
            return document.text[start:stop]
        # The sentence before or after is in the chunk before or after this one.
        before = self.before[1] if index == 0 and self.before is not None else ""
        after = self.after if index == len(document.sentences) - 1 else ""
        return before + document.text[0 if before else start : None if after else stop] + after

    def reach(self, first_index: int, last_index: int) -> tuple[int, int]:
        """The source span of sentences ``first_index`` to ``last_index``, with what follows
        the last that is not prose: a link target or footnote marker after the full stop still
        belongs to it. Up to the next sentence or the break that ends the paragraph, never into
        another sentence's words; not up to the end of the source line, so a page on one line
        (minified HTML) reads as the same page with its line breaks."""
        document = self.document
        sentences = document.sentences
        start, end = document.source_span(sentences[first_index].start, sentences[last_index].end)
        paragraph = document.paragraphs[sentences[last_index].paragraph]
        limit = document.offsets.source_start(paragraph.limit)
        if last_index + 1 < len(sentences):
            following = document.offsets.source_start(sentences[last_index + 1].start)
            limit = min(limit, following)
        return start, max(end, limit)

    def scope_of(self, index: int, scope: str) -> tuple[int, int]:
        """The first and last sentence of the scope (``sentence``, ``neighbours`` or
        ``paragraph``) around sentence ``index``."""
        sentences = self.document.sentences
        if scope == "sentence":
            return index, index
        if scope == "neighbours":
            return max(0, index - 1), min(len(sentences) - 1, index + 1)
        if self._paragraph_sentences is None:
            self._paragraph_sentences = {
                sentences[members[0]].paragraph: members
                for members in self.document.paragraph_sentences()
            }
        members = self._paragraph_sentences[sentences[index].paragraph]
        return members[0], members[-1]

    def excused(self, matcher: Matcher, index: int, scope: str) -> bool:
        """Whether ``matcher`` (a rule's ``unless``) occurs in the scope around sentence
        ``index``, looked for once per scope and remembered: rules share excuses, and the
        sentences of one paragraph share one search (a search over the whole chunk for each
        of its sentences was quadratic)."""
        if scope in ("sentence", "neighbours"):  # a sentence's own, asked by many rules
            key = (id(matcher), scope, index)
        else:
            part = 0 if scope == "document" else self.document.sentences[index].paragraph
            key = (id(matcher), scope, part)
        found = self._excused.get(key)
        if found is None:
            if scope == "document":
                found = self.in_source(matcher)
            else:
                found = matcher.search(self.neighbourhood(index, scope), self.timeout)
            self._excused[key] = found
        return found

    def search(self, matcher: Matcher, text: str) -> bool:
        """Whether ``matcher`` occurs in ``text``, asked once per text in this scan: rules
        that share a list (an excuse, a subject, a treatment) ask it of the same sentence."""
        key = (id(matcher), text)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = matcher.search(text, self.timeout)
        return found


def link(earlier: Scan, later: Scan) -> None:
    """Let the scans of two consecutive chunks of one text see across the cut between them
    (see ``Scan.before``)."""
    if earlier.document.sentences:
        last = earlier.document.sentences[-1]
        source = earlier.document.text[earlier.document.offsets.source_start(last.start) :]
        later.before = (last.text, source)
    elif earlier.before is not None:  # a chunk without prose (code): the sentence before it
        later.before = earlier.before
    if later.document.sentences:
        earlier.after = later.document.text[: later.reach(0, 0)[1]]
    line = later.document.next_content_line(0)
    if later.document.line_text(line).strip():
        earlier.after_line = later.chunk.line + line - 1
