"""``kind: metric``: a readability measure over the document or each paragraph, against a limit.

Options: ``metric`` (``grade_level``: Flesch-Kincaid grade; ``sentence_length``: words in the
longest sentence), ``scope`` (``document`` or ``paragraph``), ``threshold`` (the most allowed) and
``min_words`` (shorter scopes are not measured). One finding per scope, on the first line of the
scope's first (grade) or longest (length) sentence; messages may use ``{value}`` and
``{threshold}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from medlint.document import Sentence
from medlint.findings import Severity
from medlint.kinds import Conclusion
from medlint.scan import Hit, Scan
from medlint.schema import Field, number, one_of, whole

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
        clauses: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        by_paragraph: dict[int, list[tuple[Sentence, list[str]]]] = {}
        for index, sentence in enumerate(scan.document.sentences):  # a measure reads them all
            words = scan.words(index)
            if words:
                by_paragraph.setdefault(sentence.paragraph, []).append((sentence, words))
        for group in by_paragraph.values():
            hit = self._measure(group, severity)
            if hit is not None:
                yield hit

    def _measure(
        self, group: Sequence[tuple[Sentence, list[str]]], severity: Severity
    ) -> Hit | None:
        from medlint import readability

        if self.metric == "grade_level":
            count = sum(len(words) for _, words in group)
            syllables = sum(readability.count_syllables(words) for _, words in group)
            grade = readability.grade(count, len(group), syllables)
            if count < self.min_words or grade <= self.threshold:
                return None
            start, end = _first_line(group[0][0])
            return Hit(start, end, severity, {"value": grade, "threshold": _plain(self.threshold)})
        lengths = [(len(words), s) for s, words in group]
        total = sum(n for n, _ in lengths)
        longest, sentence = max(lengths, key=lambda pair: pair[0])
        if total < self.min_words or longest <= self.threshold:
            return None
        start, end = _first_line(sentence)
        return Hit(start, end, severity, {"value": longest, "threshold": _plain(self.threshold)})


class DocumentMetricChecker(MetricChecker):
    """The same measure over the whole document (``scope: document``)."""

    def check(
        self,
        scan: Scan,
        severity: Severity,
        sentences: Sequence[int] | None = None,
        clauses: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        return iter(())

    def start(self) -> dict[str, Any]:
        return {"sentences": 0, "words": 0, "syllables": 0, "longest": 0, "where": None}

    def collect(self, state: dict[str, Any], scan: Scan, sentences: Sequence[int] | None) -> None:
        from medlint import readability

        for index, sentence in enumerate(scan.document.sentences):
            words = scan.words(index)
            if not words:
                continue
            state["sentences"] += 1
            state["words"] += len(words)
            if self.metric == "grade_level":
                state["syllables"] += readability.count_syllables(words)
                if state["where"] is None:
                    state["where"] = scan.locate(*_first_line(sentence))
            elif len(words) > state["longest"]:
                state["longest"] = len(words)
                state["where"] = scan.locate(*_first_line(sentence))

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
        from medlint import readability

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
