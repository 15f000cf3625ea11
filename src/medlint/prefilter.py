"""The literal prefilter: which sentences can a rule possibly match?

Every rule has anchors (see :func:`medlint.literals.required_literals`): lower-case strings one
of which any match contains. One scan of the lower-cased prose with a trie-shaped pattern finds
every anchor occurrence at once, so each rule's full pattern and the context analysis run only
on the few sentences that contain one. Rules without anchors run on every sentence. The
findings are identical with and without the prefilter (tested).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from medlint.document import Document
from medlint.literals import trie_pattern
from medlint.ruleset import Rule


class Prefilter:
    def __init__(self, rules: Iterable[Rule]) -> None:
        by_literal: dict[str, set[str]] = {}
        self.always: frozenset[str] = frozenset(r.id for r in rules if r.anchors is None)
        for rule in rules:
            for literal in rule.anchors or ():
                by_literal.setdefault(literal, set()).add(rule.id)
        # The scan reports the longest literal at each position; shorter ones that are its
        # prefixes (e.g. "cur" within "cure") occur there too.
        self._rules_for = {
            literal: frozenset(
                rule_id
                for other, ids in by_literal.items()
                if literal.startswith(other)
                for rule_id in ids
            )
            for literal in by_literal
        }
        self._scan = re.compile("(?=(" + trie_pattern(by_literal) + "))") if by_literal else None

    def candidates(self, document: Document) -> dict[str, Sequence[int]] | None:
        """Sentence indexes per rule id, for the rules with anchors; None: check everything."""
        prose = document.prose
        lowered = prose.lower()
        if len(lowered) != len(prose):  # a rare character whose lower case is longer
            return None
        sentences = document.sentences
        starts = [s.start for s in sentences]
        found: dict[str, set[int]] = {}
        if self._scan is not None:
            last_position, last_index = -1, -1
            for match in self._scan.finditer(lowered):
                position = match.start()
                if position != last_position:
                    last_index = bisect_right(starts, position) - 1
                    last_position = position
                index = last_index
                if index < 0 or position >= sentences[index].end:
                    continue
                for rule_id in self._rules_for[match.group(1)]:
                    found.setdefault(rule_id, set()).add(index)
        return {rule_id: sorted(indexes) for rule_id, indexes in found.items()}
