"""``kind: metric``: a readability measure over the document or each paragraph, against a limit.

Options: ``metric`` (``grade_level``: Flesch-Kincaid grade; ``sentence_length``: words in the
longest sentence), ``scope`` (``document`` or ``paragraph``), ``threshold`` (the most allowed) and
``min_words`` (shorter scopes are not measured). One finding per scope, on the first line of the
scope's first (grade) or longest (length) sentence; messages may use ``{value}`` and
``{threshold}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import chain
from typing import Any, Final

from medlint.document.model import Sentence
from medlint.findings import Severity
from medlint.rules.kinds.base import Conclusion
from medlint.rules.schema import Field, number, one_of, whole
from medlint.rules.view import Hit, Scan

FIELDS: Final = {
    "metric": Field(one_of("grade_level", "sentence_length"), required=True),
    "scope": Field(one_of("document", "paragraph"), default="document"),
    "threshold": Field(number, required=True),
    "min_words": Field(whole, default=0),
}


def _first_line(sentence: Sentence) -> tuple[int, int]:
    newline = sentence.text.find("\n")
    length = len(sentence.text) if newline < 0 else len(sentence.text[:newline].rstrip())
    return sentence.start, sentence.start + max(length, 1)


class MetricChecker:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.metric: str = options["metric"]
        self.scope: str = options.get("scope") or "document"
        self.threshold = float(options["threshold"])
        self.min_words = int(options.get("min_words") or 0)

    # A paragraph-scope measure reports chunk by chunk (chunks end between paragraphs); a
    # document-scope one adds up counts over all chunks and reports once.

    def check(
        self,
        scan: Scan,
        severity: Severity,
        sentences: Sequence[int] | None = None,
        among: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        all_sentences = scan.document.sentences
        words = scan.words()  # a measure reads every sentence
        for members in scan.document.paragraph_sentences():
            hit = self._measure(all_sentences, words, members, severity)
            if hit is not None:
                yield hit

    def _measure(
        self,
        sentences: Sequence[Sentence],
        words: Sequence[list[str]],
        members: range,
        severity: Severity,
    ) -> Hit | None:
        """The measure of one paragraph (its sentences ``members``); sentences without words
        do not count."""
        from medlint.rules import readability

        group = words[members.start : members.stop]
        lengths = list(map(len, group))
        count = sum(lengths)
        if not count:
            return None
        if self.metric == "grade_level":
            syllables = readability.count_syllables(chain.from_iterable(group))
            grade = readability.grade(count, len(lengths) - lengths.count(0), syllables)
            if count < self.min_words or grade <= self.threshold:
                return None
            first = next(i for i, n in enumerate(lengths) if n)
            start, end = _first_line(sentences[members.start + first])
            return Hit(start, end, severity, {"value": grade, "threshold": _plain(self.threshold)})
        longest = max(lengths)
        if count < self.min_words or longest <= self.threshold:
            return None
        start, end = _first_line(sentences[members.start + lengths.index(longest)])
        return Hit(start, end, severity, {"value": longest, "threshold": _plain(self.threshold)})


class DocumentMetricChecker(MetricChecker):
    """The same measure over the whole document (``scope: document``)."""

    def check(
        self,
        scan: Scan,
        severity: Severity,
        sentences: Sequence[int] | None = None,
        among: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        return iter(())

    def start(self) -> dict[str, Any]:
        return {"sentences": 0, "words": 0, "syllables": 0, "longest": 0, "where": None}

    def collect(
        self,
        state: dict[str, Any],
        scan: Scan,
        sentences: Sequence[int] | None,
        among: Sequence[int] | None = None,
    ) -> None:
        from medlint.rules import readability

        words = scan.words()  # a measure reads every sentence
        lengths = list(map(len, words))
        count = sum(lengths)
        if not count:
            return
        state["sentences"] += len(lengths) - lengths.count(0)
        state["words"] += count
        all_sentences = scan.document.sentences
        if self.metric == "grade_level":
            state["syllables"] += readability.count_syllables(chain.from_iterable(words))
            if state["where"] is None:
                first = next(i for i, n in enumerate(lengths) if n)
                state["where"] = scan.locate(*_first_line(all_sentences[first]))
            return
        longest = max(lengths)
        if longest > state["longest"]:
            state["longest"] = longest
            state["where"] = scan.locate(*_first_line(all_sentences[lengths.index(longest)]))

    def merge(self, earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
        """The state of two consecutive stretches of text, read separately."""
        merged = {key: earlier[key] + later[key] for key in ("sentences", "words", "syllables")}
        if self.metric == "grade_level":
            merged["longest"] = 0
            merged["where"] = earlier["where"] or later["where"]
        elif later["longest"] > earlier["longest"]:
            merged["longest"], merged["where"] = later["longest"], later["where"]
        else:
            merged["longest"], merged["where"] = earlier["longest"], earlier["where"]
        return merged

    def conclude(self, state: dict[str, Any], severity: Severity) -> Iterator[Conclusion]:
        from medlint.rules import readability

        if state["where"] is None or state["words"] < self.min_words:
            return
        if self.metric == "grade_level":
            value: float = readability.grade(state["words"], state["sentences"], state["syllables"])
        else:
            value = state["longest"]
        if value > self.threshold:
            yield state["where"], severity, {"value": value, "threshold": _plain(self.threshold)}


def _plain(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def build(options: Mapping[str, Any], trusted: bool = False) -> MetricChecker:
    if (options.get("scope") or "document") == "document":
        return DocumentMetricChecker(options)
    return MetricChecker(options)
