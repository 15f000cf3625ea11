"""``kind: document``: something in the text calls for a statement the text never makes.

Options: ``patterns`` (the trigger, e.g. an unproven treatment promoted), optional ``with`` (the
trigger's sentence must also say this), ``requires`` (any of these anywhere in the document
satisfies the rule; a negated one counts, e.g. "not approved") and ``context`` for the trigger.
The finding sits on the first trigger that counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from medlint.findings import Severity
from medlint.rules.kinds.base import Conclusion
from medlint.rules.language import matcher_for, widen
from medlint.rules.literals import clauses
from medlint.rules.schema import Field, context, patterns
from medlint.rules.view import Located, Scan

DEFAULT_CONTEXT: Final = {
    "skip": ("negated", "question", "quoted", "reported", "hypothetical"),
    "lower": ("hedged",),
}

FIELDS: Final = {
    "patterns": Field(patterns, required=True),
    "with": Field(patterns),
    "requires": Field(patterns, required=True),
    "context": Field(context),
}


class DocumentChecker:
    def __init__(self, options: Mapping[str, Any], trusted: bool = False) -> None:
        self.trigger = matcher_for(options, "patterns", trusted)
        self.with_ = matcher_for(options, "with", trusted) if options.get("with") else None
        self.requires = matcher_for(options, "requires", trusted)
        # The prefilter's clauses (see medlint.rules.literals.clauses).
        self.anchors = clauses(
            [widen(p) for p in options["patterns"]], [widen(p) for p in options.get("with") or ()]
        )
        flags = {**DEFAULT_CONTEXT, **(options.get("context") or {})}
        self.skip = frozenset(flags["skip"])
        self.lower = frozenset(flags["lower"])

    def start(self) -> dict[str, Any]:
        return {"first": None, "satisfied": False}

    def collect(
        self,
        state: dict[str, Any],
        scan: Scan,
        sentences: Sequence[int] | None,
        among: Sequence[int] | None = None,
    ) -> None:
        """Note whether this chunk satisfies the rule, and its first trigger that counts."""
        if state["satisfied"]:
            return
        # The source, not the prose: a link target or an href counts as a citation.
        if scan.in_source(self.requires):
            state["satisfied"] = True
            return
        if state["first"] is None:
            state["first"] = self._first_trigger(scan, sentences, among)

    def merge(self, earlier: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
        """The state of two consecutive stretches of text, read separately."""
        return {
            "first": earlier["first"] or later["first"],
            "satisfied": earlier["satisfied"] or later["satisfied"],
        }

    def conclude(self, state: dict[str, Any], severity: Severity) -> Iterator[Conclusion]:
        if state["satisfied"] or state["first"] is None:
            return
        located, lowered = state["first"]
        yield located, severity.lowered() if lowered else severity, {}

    def _first_trigger(
        self, scan: Scan, sentences: Sequence[int] | None, among: Sequence[int] | None
    ) -> tuple[Located, bool] | None:
        all_sentences = scan.document.sentences
        prose = scan.document.prose
        find = None  # the trigger's matches in a sentence; compiled at the first sentence
        for index in range(len(all_sentences)) if sentences is None else sentences:
            sentence = all_sentences[index]
            if find is None:
                find = self.trigger.finder(prose, scan.lowered, scan.timeout, among)
            for match in find(sentence.start, sentence.end):
                if self.with_ is not None and not scan.search(self.with_, sentence.text):
                    break
                flags = scan.flags(index, match.start(), match.end())
                if flags & self.skip:
                    continue
                return scan.locate(match.start(), match.end()), bool(flags & self.lower)
        return None


def build(options: Mapping[str, Any], trusted: bool = False) -> DocumentChecker:
    return DocumentChecker(options, trusted)
