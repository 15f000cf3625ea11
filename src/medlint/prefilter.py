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

Place = tuple[str, int]  # (rule id, clause number)


class Prefilter:
    def __init__(self, rules: Iterable[Rule]) -> None:
        # Only each clause's first (rarest) group is scanned for; a sentence that holds one of
        # its literals is then checked for the clause's other groups with a small search.
        by_literal: dict[str, set[Place]] = {}
        group_ids: dict[frozenset[str], int] = {}  # a group shared by clauses is searched once
        self._others: dict[Place, list[int]] = {}
        for rule in rules:
            for number, (first, *others) in enumerate(rule.anchors or ()):
                for literal in first:
                    by_literal.setdefault(literal, set()).add((rule.id, number))
                if others:
                    ids = [group_ids.setdefault(group, len(group_ids)) for group in others]
                    self._others[(rule.id, number)] = ids
        scan, *searches = _sources(sorted(by_literal), list(group_ids))
        self._searches = [fastre.compile(source) for source in searches]
        # The scan reports the longest literal at each position; shorter ones that are its
        # prefixes (e.g. "cur" within "cure") occur there too.
        self._by_literal = by_literal
        self._hits: dict[str, frozenset[Place]] = {}  # memo, filled as literals occur
        self._scan = fastre.compile(scan) if by_literal else None

    def _hits_for(self, literal: str) -> frozenset[Place]:
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
        where: dict[str, set[int]] = {}  # literal found -> sentences it starts in
        if self._scan is not None:
            last_position, index = -1, -1
            for match in self._scan.finditer(lowered):
                position = match.start()
                if position != last_position:
                    index = bisect_right(starts, position) - 1
                    last_position = position
                if index >= 0 and position < sentences[index].end:
                    where.setdefault(match.group(1), set()).add(index)
        at: dict[Place, set[int]] = {}
        for literal, indexes in where.items():
            for place in self._hits_for(literal):
                at.setdefault(place, set()).update(indexes)
        found: dict[str, set[int]] = {}
        holds: dict[tuple[int, int], bool] = {}  # (group, sentence) -> holds one of its literals

        def has(group: int, index: int) -> bool:
            key = (group, index)
            known = holds.get(key)
            if known is None:
                sentence = sentences[index]
                search = self._searches[group].search
                known = holds[key] = search(lowered, sentence.start, sentence.end) is not None
            return known

        for place, indexes in at.items():
            already = found.setdefault(place[0], set())
            others = self._others.get(place)
            if others:
                indexes = {i for i in indexes - already if all(has(group, i) for group in others)}
            already |= indexes
        return {rule_id: sorted(indexes) for rule_id, indexes in found.items() if indexes}


def _sources(scanned: list[str], groups: list[frozenset[str]]) -> list[str]:
    """The trie-shaped scan pattern for the scanned literals, then one search per group (kept
    in the cache: building them costs more than linting a small file)."""
    from medlint import cache

    words = [scanned, *(sorted(group) for group in groups)]
    digest = cache.digest("\1".join("\0".join(w) for w in words))
    sources = cache.load_data("prefilter", digest)
    if not (isinstance(sources, list) and len(sources) == len(words)):
        sources = ["(?=(" + trie_pattern(scanned) + "))" if scanned else "(?!x)x"]
        sources += [trie_pattern(w) for w in words[1:]]
        cache.store_data("prefilter", digest, sources)
    return sources
