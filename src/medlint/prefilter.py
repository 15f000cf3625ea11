"""The literal prefilter: which sentences can a rule possibly match?

Every rule has anchors (see :func:`medlint.literals.required_groups`): for each of its
patterns, one or two groups of lower-case strings, every match holding one string of each group.
One scan of the lower-cased prose with a trie-shaped pattern finds every anchor occurrence at
once, so each rule's full pattern and the context analysis run only on the few sentences that
satisfy one of its patterns' groups. Rules without anchors run on every sentence. The
findings are identical with and without the prefilter (tested).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from medlint import fastre
from medlint.document import Document
from medlint.literals import trie_pattern
from medlint.ruleset import Rule


class Prefilter:
    def __init__(self, rules: Iterable[Rule]) -> None:
        # literal -> the (rule, clause, group) places it satisfies
        by_literal: dict[str, set[tuple[str, int, int]]] = {}
        self.clauses: dict[str, tuple[int, ...]] = {}  # rule -> group count of each clause
        for rule in rules:
            for clause_number, clause in enumerate(rule.anchors or ()):
                for group_number, group in enumerate(clause):
                    for literal in group:
                        place = (rule.id, clause_number, group_number)
                        by_literal.setdefault(literal, set()).add(place)
            self.clauses[rule.id] = tuple(len(clause) for clause in rule.anchors or ())
        # The scan reports the longest literal at each position; shorter ones that are its
        # prefixes (e.g. "cur" within "cure") occur there too.
        self._by_literal = by_literal
        self._hits: dict[str, frozenset[tuple[str, int, int]]] = {}  # memo, filled as they occur
        self._scan = fastre.compile(_scan_source(sorted(by_literal))) if by_literal else None

    def _hits_for(self, literal: str) -> frozenset[tuple[str, int, int]]:
        """Places of the literal and of every literal that is a prefix of it."""
        hits = self._hits.get(literal)
        if hits is None:
            hits = frozenset(
                hit
                for length in range(1, len(literal) + 1)
                for hit in self._by_literal.get(literal[:length], ())
            )
            self._hits[literal] = hits  # a benign race: every thread computes the same value
        return hits

    def candidates(
        self, document: Document, lowered: str | None = None
    ) -> dict[str, Sequence[int]] | None:
        """Sentence indexes per rule id (rules with anchors): the sentences that satisfy one of
        the rule's clauses. None: check everything.

        ``lowered`` is the prose lower-cased (if the caller has it already)."""
        prose = document.prose
        if lowered is None:
            lowered = prose.lower()
        if len(lowered) != len(prose):  # a rare character whose lower case is longer
            return None
        sentences = document.sentences
        starts = [s.start for s in sentences]
        seen: dict[tuple[str, int, int], set[int]] = {}
        if self._scan is not None:
            last_position, index = -1, -1
            for match in self._scan.finditer(lowered):
                position = match.start()
                if position != last_position:
                    index = bisect_right(starts, position) - 1
                    last_position = position
                if index < 0 or position >= sentences[index].end:
                    continue
                for hit in self._hits_for(match.group(1)):
                    seen.setdefault(hit, set()).add(index)
        result: dict[str, Sequence[int]] = {}
        empty: set[int] = set()
        for rule_id, sizes in self.clauses.items():
            found: set[int] = set()
            for clause_number, size in enumerate(sizes):
                met = seen.get((rule_id, clause_number, 0), empty)
                for group_number in range(1, size):
                    if not met:
                        break
                    met = met & seen.get((rule_id, clause_number, group_number), empty)
                found |= met
            if found:
                result[rule_id] = sorted(found)
        return result


def _scan_source(literals: list[str]) -> str:
    """The trie-shaped scan pattern for these literals (kept in the cache: building it costs
    more than linting a small file)."""
    from medlint import cache

    digest = cache.digest("\0".join(literals))
    source = cache.load_json("prefilter", digest)
    if not isinstance(source, str):
        source = "(?=(" + trie_pattern(literals) + "))"
        cache.store_json("prefilter", digest, source)
    return source
