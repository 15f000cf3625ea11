"""The literal prefilter: which sentences can a rule possibly match?

Every rule has anchors (see :func:`medlint.rules.literals.clauses`): clauses of groups of
lower-case strings, such that every match satisfies one clause, i.e. holds one string of each of
its groups. One pass of an Aho-Corasick automaton (``pyahocorasick``, in C) finds every literal
in every sentence at once; set operations then give, per group, the sentences holding it and,
per rule, the sentences where one of its clauses holds. Each rule's pattern and the context
analysis run only on those few sentences; rules without anchors read every sentence. A rule has
one clause per trigger pattern, so the clauses that hold also say which of its patterns can
match at all: only those are compiled and tried. The findings are identical with and without
the prefilter (tested).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import ahocorasick

from medlint.document.model import Document, fold, lower
from medlint.rules.rule import Rule


class Candidates(NamedTuple):
    """What the prefilter found for one document."""

    # rule id -> the sentences where one of its clauses holds (rules with anchors)
    sentences: dict[str, list[int]]
    # rule id -> its trigger patterns whose clause holds somewhere in the batch of documents
    # read together (for this document, a superset of those that can match); absent: all
    patterns: Mapping[str, tuple[int, ...]]


class Prefilter:
    def __init__(self, rules: Iterable[Rule]) -> None:
        group_ids: dict[frozenset[str], int] = {}  # a group shared by clauses is tracked once
        # rule id -> its clauses, each a tuple of group ids (the rarest group first)
        self._clauses: list[tuple[str, list[tuple[int, ...]]]] = []
        for rule in rules:
            if rule.anchors is None:
                continue
            clauses = [
                tuple(group_ids.setdefault(group, len(group_ids)) for group in clause)
                for clause in rule.anchors
            ]
            self._clauses.append((rule.id, clauses))
        # Value of a literal in the automaton: its number; NUL (-1) ends a sentence.
        numbers: dict[str, int] = {}
        # group id -> the numbers of its literals
        self._literals: list[tuple[int, ...]] = [
            tuple(numbers.setdefault(literal, len(numbers)) for literal in sorted(group))
            for group in group_ids
        ]
        self._automaton: Any = ahocorasick.Automaton()
        for literal, number in numbers.items():
            self._automaton.add_word(literal, number)
        self._automaton.add_word("\0", -1)
        self._automaton.make_automaton()

    def candidates(self, document: Document, lowered: str | None = None) -> Candidates:
        """Candidate sentences per rule id (rules with anchors): those where one of the rule's
        clauses holds. ``lowered``: ``lower(document.prose)``, if the caller has it already."""
        return self.candidates_many([(document, lowered)])[0]

    def candidates_many(self, documents: Sequence[tuple[Document, str | None]]) -> list[Candidates]:
        """:meth:`candidates` of each document (with its lower-cased prose, if known), found
        together: one scan over all their sentences and one round of set operations, so many
        small files share the fixed cost of a round instead of paying it each."""
        pieces: list[str] = []
        bounds: list[int] = []  # where each document's sentences end in ``pieces``
        for document, lowered in documents:
            text = fold(lower(document.prose) if lowered is None else lowered)
            pieces += [text[s.start : s.end] for s in document.sentences]
            bounds.append(len(pieces))
        hits: dict[int, list[int]] = {}  # literal -> the sentences holding it (repeats too)
        index = 0
        for _, number in self._automaton.iter("\0".join(pieces)):
            if number < 0:
                index += 1
                continue
            found = hits.get(number)
            if found is None:
                hits[number] = [index]
            else:
                found.append(index)
        holding = _Holding(hits, self._literals)
        results: list[dict[str, list[int]]] = [{} for _ in documents]
        patterns: dict[str, tuple[int, ...]] = {}
        for rule_id, clauses in self._clauses:
            sentences = _holding_all(holding, clauses[0])
            if len(clauses) > 1:
                held = [sentences, *(_holding_all(holding, c) for c in clauses[1:])]
                sentences = set().union(*held)
                if sentences and not all(held):
                    patterns[rule_id] = tuple(i for i, found in enumerate(held) if found)
            if sentences:
                _share(rule_id, sorted(sentences), bounds, results)
        return [Candidates(found, patterns) for found in results]


def _share(
    rule_id: str, order: list[int], bounds: list[int], results: list[dict[str, list[int]]]
) -> None:
    """Give each document its part of a rule's candidates (``order``: sentences counted
    across all documents), counted from its own first sentence."""
    first = begin = 0  # the document's first candidate, and its first sentence
    for end, found in zip(bounds, results, strict=True):
        if first >= len(order):
            return
        last = bisect_left(order, end, first)
        if last > first:
            found[rule_id] = [i - begin for i in order[first:last]] if begin else order[first:last]
        first, begin = last, end


_NONE: frozenset[int] = frozenset()
Held = set[int] | frozenset[int]


class _Holding(dict[int, Held]):
    """group id -> the sentences holding one of its literals, worked out when first asked (the
    union of its literals' hits, in C)."""

    def __init__(self, hits: dict[int, list[int]], literals: list[tuple[int, ...]]) -> None:
        super().__init__()
        self._hits = hits
        self._literals = literals

    def __missing__(self, group: int) -> Held:
        hits = self._hits
        found = [hits[number] for number in self._literals[group] if number in hits]
        held = self[group] = set().union(*found) if found else _NONE
        return held


def _holding_all(holding: _Holding, clause: tuple[int, ...]) -> Held:
    """The sentences that hold every group of ``clause``."""
    first = holding[clause[0]]
    if not first or len(clause) == 1:
        return first
    return first.intersection(*(holding[group] for group in clause[1:]))
