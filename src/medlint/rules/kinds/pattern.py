"""``kind: pattern``: phrases matched inside one sentence, read in context.

Options: ``patterns`` (what to flag), ``with`` (something else the sentence must say, e.g. a
treatment), ``unless`` (what excuses it, e.g. a citation) looked for within ``unless_scope``,
``context`` (flags that ``skip`` the match or ``lower`` its severity) and ``nonword``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from medlint.findings import Severity
from medlint.rules.language import matcher_for, widen
from medlint.rules.literals import clauses
from medlint.rules.schema import Field, boolean, context, one_of, patterns
from medlint.rules.view import Hit, Scan

DEFAULT_CONTEXT: Final = {
    "skip": ("negated", "question", "quoted", "reported"),
    "lower": ("hedged", "hypothetical"),
}

FIELDS: Final = {
    "patterns": Field(patterns, required=True),
    "with": Field(patterns),
    "subject": Field(patterns),
    "unless": Field(patterns),
    "unless_scope": Field(
        one_of("sentence", "neighbours", "paragraph", "document"), default="sentence"
    ),
    "context": Field(context),
    "nonword": Field(boolean, default=False),
}


class PatternChecker:
    def __init__(self, options: Mapping[str, Any], trusted: bool = False) -> None:
        self.pattern = matcher_for(options, "patterns", trusted)
        self.with_ = matcher_for(options, "with", trusted) if options.get("with") else None
        self.unless = matcher_for(options, "unless", trusted) if options.get("unless") else None
        # The prefilter's clauses (see medlint.rules.literals.clauses).
        self.anchors = clauses(
            [widen(p) for p in options["patterns"]], [widen(p) for p in options.get("with") or ()]
        )
        self.unless_scope = options.get("unless_scope") or "sentence"
        # What a claim must be about, named in its sentence or the one before; a claim without
        # it stands only on a promotional page (the engine decides once it knows the page).
        self.subject = matcher_for(options, "subject", trusted) if options.get("subject") else None
        flags = {**DEFAULT_CONTEXT, **(options.get("context") or {})}
        self.skip = frozenset(flags["skip"])
        self.lower = frozenset(flags["lower"])

    def check(
        self,
        scan: Scan,
        severity: Severity,
        sentences: Sequence[int] | None = None,
        among: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        all_sentences = scan.document.sentences
        prose = scan.document.prose
        find = None  # the pattern's matches in a sentence; compiled at the first sentence
        for index in range(len(all_sentences)) if sentences is None else sentences:
            sentence = all_sentences[index]
            checked = False  # 'with' and 'unless' are judged once per sentence, at its 1st match
            about: bool | None = None  # the subject: once per sentence, at its 1st hit
            if find is None:
                find = self.pattern.finder(prose, scan.lowered, scan.timeout, among)
            for match in find(sentence.start, sentence.end):
                if not checked:
                    if self.with_ is not None and not scan.search(self.with_, sentence.text):
                        break
                    # An excuse anywhere in the text is the engine's to look for (once).
                    if (
                        self.unless is not None
                        and self.unless_scope != "document"
                        and scan.excused(self.unless, index, self.unless_scope)
                    ):
                        break
                    checked = True
                flags = scan.flags(index, match.start(), match.end())
                if flags & self.skip:
                    continue
                lowered = flags & self.lower
                level = severity.lowered() if lowered else severity
                if about is None:  # a sentence of many matches is read for it once, not each
                    about = self._about(scan, index)
                yield Hit(match.start(), match.end(), level, subjected=about)

    def _about(self, scan: Scan, index: int) -> bool:
        """Whether the sentence, or the one before it, names the rule's subject."""
        if self.subject is None:
            return True
        sentences = scan.document.sentences
        before = sentences[index - 1].text if index else sentences[index].text
        if index == 0 and scan.before is not None:  # the sentence before the chunk's cut
            before = scan.before[0]
        nearby = before + " " + sentences[index].text
        return scan.search(self.subject, nearby)


def build(options: Mapping[str, Any], trusted: bool = False) -> PatternChecker:
    return PatternChecker(options, trusted)
