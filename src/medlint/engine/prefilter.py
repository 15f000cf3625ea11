"""The literal prefilter: which sentences can a rule possibly match?

Every rule has anchors (see :func:`medlint.rules.literals.required_groups`): clauses of groups of
lower-case strings, such that every match satisfies one clause, i.e. holds one string of each of
its groups. One pass finds every literal of every group in every sentence at once; set
operations (in C) then give, per group, the sentences holding it and, per clause, the sentences
holding all of its groups. Each rule's full pattern and the context analysis run only on those
few sentences. Rules without anchors run on every sentence. The findings are identical with and
without the prefilter (tested).

The pass is an Aho-Corasick automaton in C when the optional ``pyahocorasick`` is installed
(``pip install 'medlint[fast]'``), else one search per sentence with a trie-shaped ``re``
pattern; both find the same literals (tested). ``MEDLINT_PURE=1`` forces the second.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from medlint.context.trie import trie_pattern
from medlint.document.model import Document
from medlint.rules.rule import Rule


class Candidates(NamedTuple):
    """The sentences a rule must read, and for each the one clause that holds there (its
    index), or -1 when several do. ``clauses`` is None for a rule with a single clause."""

    sentences: list[int]
    clauses: list[int] | None


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
        by_literal: dict[str, set[int]] = {}
        for group, number in group_ids.items():
            for literal in group:
                by_literal.setdefault(literal, set()).add(number)
        self._by_literal = by_literal
        self._groups: dict[str, tuple[int, ...]] = {}  # memo, filled as literals occur
        self._literals = sorted(by_literal)
        self._scan: Any = None  # the re pattern, compiled on first use (not with the automaton)
        self._automaton = _automaton(self._literals) if by_literal else None

    def _groups_of(self, literal: str) -> tuple[int, ...]:
        """Groups holding the literal or a prefix of it: the scan reports the longest literal
        at each position, and shorter ones that are its prefixes ("cur" in "cure") occur there
        too."""
        groups = self._groups.get(literal)
        if groups is None:
            found: set[int] = set()
            for length in range(1, len(literal) + 1):
                found |= self._by_literal.get(literal[:length], set())
            groups = self._groups[literal] = tuple(found)  # a benign race between threads
        return groups

    def _scan_sentences(self, pieces: list[str]) -> dict[str, list[int]]:
        """Literal -> the sentences holding it (their places in ``pieces``, the lower-cased
        sentences), with one ``re`` search per sentence (this reports the longest literal at
        each place; see :meth:`_groups_of`)."""
        if self._scan is None:
            self._scan = re.compile(_source(self._literals))  # a benign race
        findall = self._scan.findall
        where: dict[str, list[int]] = {}
        for index, sentence in enumerate(pieces):
            for literal in set(findall(sentence)):
                found = where.get(literal)
                if found is None:
                    where[literal] = [index]
                else:
                    found.append(index)
        return where

    def _scan_automaton(self, pieces: list[str]) -> dict[str, list[int]]:
        """The same, found by the automaton in one pass over the sentences joined by NUL, a
        literal of its own that counts the sentences (the caller checks they hold no NUL of
        their own). It reports nested and overlapping literals too; a sentence may be listed
        twice."""
        assert self._automaton is not None
        where: dict[int, list[int]] = {}  # by the literal's place (only those found)
        index = 0
        for _, number in self._automaton.iter("\0".join(pieces)):
            if number < 0:
                index += 1
                continue
            found = where.get(number)
            if found is None:
                where[number] = [index]
            else:
                found.append(index)
        literals = self._literals
        return {literals[n]: found for n, found in where.items()}

    def candidates(
        self, document: Document, lowered: str | None = None
    ) -> dict[str, Candidates] | None:
        """Candidates per rule id (rules with anchors): the sentences that satisfy one of the
        rule's clauses. None: check everything.

        ``lowered`` is the prose lower-cased (if the caller has it already)."""
        return self.candidates_many([(document, lowered)])[0]

    def candidates_many(
        self, documents: Sequence[tuple[Document, str | None]]
    ) -> list[dict[str, Candidates] | None]:
        """:meth:`candidates` of each document (with its lower-cased prose, if known), found
        together: one scan over all their sentences and one round of set operations, so many
        small files share the fixed cost of a round instead of paying it each."""
        results: list[dict[str, Candidates] | None] = [None] * len(documents)
        pieces: list[str] = []
        bounds: list[int] = []  # where each document's sentences end in ``pieces``
        members: list[int] = []  # the documents that take part, in order
        nul = False  # a NUL of the text's own would be taken for a sentence break
        for number, (document, lowered) in enumerate(documents):
            prose = document.prose
            if lowered is None:
                lowered = prose.lower()
            if len(lowered) != len(prose):  # a rare character whose lower case is longer
                continue
            results[number] = {}
            if self._literals:
                nul = nul or "\0" in lowered
                pieces += [lowered[s.start : s.end] for s in document.sentences]
                bounds.append(len(pieces))
                members.append(number)
        if not members:
            return results
        if self._automaton is not None and not nul:
            where = self._scan_automaton(pieces)
        else:
            where = self._scan_sentences(pieces)
        holding: dict[int, set[int]] = {}  # group -> the sentences holding it (groups found)
        for literal, indexes in where.items():
            for group in self._groups_of(literal):
                found = holding.get(group)
                if found is None:
                    holding[group] = set(indexes)
                else:
                    found.update(indexes)
        for rule_id, clauses in self._clauses:
            if len(clauses) == 1:
                sentences = _holding_all(holding, clauses[0])
                if sentences:
                    self._share(rule_id, sorted(sentences), None, bounds, members, results)
                continue
            clause_of: dict[int, int] = {}  # sentence -> the clause that holds, -1: several
            for number, clause in enumerate(clauses):
                for index in _holding_all(holding, clause):
                    clause_of[index] = number if clause_of.get(index, number) == number else -1
            if clause_of:
                order = sorted(clause_of)
                self._share(rule_id, order, [clause_of[i] for i in order], bounds, members, results)
        return results

    @staticmethod
    def _share(
        rule_id: str,
        order: list[int],
        clauses: list[int] | None,
        bounds: list[int],
        members: list[int],
        results: list[dict[str, Candidates] | None],
    ) -> None:
        """Give each document its part of a rule's candidates (``order``: sentences counted
        across all documents), counted from its own first sentence."""
        if len(members) == 1:
            found = results[members[0]]
            assert found is not None
            found[rule_id] = Candidates(order, clauses)
            return
        first = begin = 0  # the document's first candidate, and its first sentence
        for end, number in zip(bounds, members, strict=True):
            if first >= len(order):
                return
            last = bisect_left(order, end, first)
            if last > first:
                found = results[number]
                assert found is not None
                found[rule_id] = Candidates(
                    [i - begin for i in order[first:last]],
                    None if clauses is None else clauses[first:last],
                )
            first, begin = last, end


_NONE: frozenset[int] = frozenset()


def _holding_all(holding: dict[int, set[int]], clause: tuple[int, ...]) -> AbstractSet[int]:
    """The sentences that hold every group of ``clause``."""
    first = holding.get(clause[0])
    if not first:
        return _NONE
    if len(clause) == 1:
        return first
    return first.intersection(*(holding.get(group, _NONE) for group in clause[1:]))


def _automaton(literals: list[str]) -> Any:
    """An Aho-Corasick automaton of the literals (value: their index) and NUL (value -1), or
    None when pyahocorasick is not installed or ``MEDLINT_PURE`` is set. Built in well under a
    millisecond, so it is not cached."""
    if os.environ.get("MEDLINT_PURE"):
        return None
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for number, literal in enumerate(literals):
        automaton.add_word(literal, number)
    automaton.add_word("\0", -1)
    automaton.make_automaton()
    return automaton


def _source(literals: list[str]) -> str:
    """The trie-shaped scan pattern for the literals (kept in the cache: building it costs more
    than linting a small file).

    Overlapping literals must all be found ("stem cell" and "cell therapy" in "stem cell
    therapy"), so each match consumes one character: the one a literal starts with, after which
    a look-behind over that character holds a look-ahead that captures the longest literal
    starting there. Starting with a character set lets ``re`` skip in C to the next place a
    literal can start; a plain look-ahead at every position is about 20% slower."""
    from medlint import cache

    digest = cache.digest("first-char\0" + "\0".join(literals))
    source = cache.load_data("prefilter", digest)
    if not isinstance(source, str):
        first = "".join(sorted({literal[0] for literal in literals}))
        trie = trie_pattern(literals)
        source = f"[{re.escape(first)}](?<=(?=({trie}))(?s:.))"
        cache.store_data("prefilter", digest, source)
    return source
