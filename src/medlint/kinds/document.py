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
from medlint.patterns import compile_patterns
from medlint.scan import Hit, Scan
from medlint.schema import Field, context, patterns

DEFAULT_CONTEXT: Final = {
    "skip": ("negated", "question", "quoted", "hypothetical"),
    "lower": ("hedged",),
}

FIELDS: Final = {
    "patterns": Field(patterns, required=True),
    "with": Field(patterns),
    "requires": Field(patterns, required=True),
    "context": Field(context),
}


class DocumentChecker:
    def __init__(self, options: Mapping[str, Any]) -> None:
        self.trigger = compile_patterns(list(options["patterns"]))
        self.with_ = compile_patterns(list(options["with"])) if options.get("with") else None
        self.requires = compile_patterns(list(options["requires"]))
        flags = {**DEFAULT_CONTEXT, **(options.get("context") or {})}
        self.skip = frozenset(flags["skip"])
        self.lower = frozenset(flags["lower"])

    def check(
        self, scan: Scan, severity: Severity, sentences: Sequence[int] | None = None
    ) -> Iterator[Hit]:
        all_sentences = scan.document.sentences
        prose = scan.document.prose
        timeout = scan.timeout
        for index in range(len(all_sentences)) if sentences is None else sentences:
            sentence = all_sentences[index]
            for match in self.trigger.finditer(
                prose, sentence.start, sentence.end, timeout=timeout
            ):
                if self.with_ is not None and not self.with_.search(sentence.text, timeout=timeout):
                    break
                if scan.flags(index, match.start(), match.end()) & self.skip:
                    continue
                # The source, not the prose: a link target or an href counts as a citation.
                if self.requires.search(scan.document.text, timeout=timeout):
                    return
                flags = scan.flags(index, match.start(), match.end())
                lowered = flags & self.lower
                yield Hit(match.start(), match.end(), severity.lowered() if lowered else severity)
                return


def build(options: Mapping[str, Any]) -> DocumentChecker:
    return DocumentChecker(options)
