"""Required literals of a pattern, for the prefilter.

For each pattern we derive a set of lower-case strings such that every match contains at least
one of them ("cur" for ``cur(?:e|es|ed)``; {"halt", "stop"} for ``(?:halt|stop)s? progress``...).
One pass over the lower-cased text finds all of them at once, and a rule's full pattern then
runs only on sentences where one of its literals occurs. Derivation is conservative: when a
pattern cannot be analysed, it has no literals and always runs, so results never change.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from typing import Any

# The parser of the standard library's re module: private, but stable since Python 3.11.
sre_constants: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

MIN_LITERAL = 3  # shorter literals match almost everywhere and would filter nothing

Requirement = frozenset[str] | None


# Words so frequent in health writing that an anchor made of them filters little: a pattern's
# rarer literal is preferred. (Speed only: any choice gives the same findings.)
COMMON = frozenset(
    """able about according act after again almost also always analysis and answer any approach
    approved areas around ask away become been before benefit best better beyond blood body
    bring call can care cause cell cells certified chang changing choice clear clients clinic
    come completely contact could damage damaged data days disease doctor doctors easily effect
    effective effects evidence experts extremely famous first for found free from function
    future generally get give good great guidelines has have health help hope hours immune
    improve improvement increase infusion injection itself kind leading listed little medicine
    more natural need never new off offer once only option other our own pain paper patient
    patients people practice procedure published rate reduce reduction report research results
    right risk risks safe should show shown solution some source standards stem studies study
    symptoms than that the their therapy they this time today treated treatment treatments
    trial trials which will with years you your""".split()
)


def _score(requirement: frozenset[str]) -> tuple[bool, int, int]:
    rare = not any(word in COMMON for word in requirement)
    return (rare, min(min(len(s) for s in requirement), 8), -len(requirement))


def _best(candidates: Iterable[frozenset[str]]) -> Requirement:
    usable = [c for c in candidates if c and min(len(s) for s in c) >= MIN_LITERAL]
    return max(usable, key=_score) if usable else None


def _sequence(items: Any) -> Requirement:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, value in items:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        if op is sre_constants.IN and len(value) == 1 and value[0][0] is sre_constants.LITERAL:
            run.append(chr(value[0][1]))
            continue
        close_run()
        required = _node(op, value)
        if required is not None:
            candidates.append(required)
    close_run()
    return _best(candidates)


def _node(op: Any, value: Any) -> Requirement:
    if op is sre_constants.SUBPATTERN:
        return _sequence(value[-1])
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            required = _sequence(branch)
            if required is None:
                return None
            union |= required
        return frozenset(union)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) or (
        getattr(sre_constants, "POSSESSIVE_REPEAT", None) is op
    ):
        low, _high, body = value
        return _sequence(body) if low >= 1 else None
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(value)
    return None  # classes, anchors, lookarounds, backreferences: nothing required


def required_literals(pattern: str) -> Requirement:
    """Lower-case strings one of which every match of ``pattern`` contains, or None."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    return _sequence(parsed)


def trie_pattern(words: Iterable[str], render_char: Callable[[str], str] = re.escape) -> str:
    """A regex matching any of ``words``, shaped as a trie so ``re`` scans it quickly.

    ``render_char`` renders one character (e.g. a space as ``\\s+``); longer words win at a place.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [render_char(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return render(trie)


def _char_kind(char: str) -> str:
    return "word" if char.isalnum() or char == "_" else "other"


def _edge_item(op: Any, value: Any, last: bool) -> tuple[set[str], bool]:
    """The kinds of character an item can start (or end) with, and whether it can be empty."""
    if op is sre_constants.LITERAL:
        return {_char_kind(chr(value))}, False
    if op is sre_constants.SUBPATTERN:
        return _edge_sequence(value[-1], last)
    if op is sre_constants.BRANCH:
        kinds: set[str] = set()
        nullable = False
        for branch in value[1]:
            branch_kinds, branch_nullable = _edge_sequence(branch, last)
            kinds |= branch_kinds
            nullable = nullable or branch_nullable
        return kinds, nullable
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, body = value
        kinds, nullable = _edge_sequence(body, last)
        return kinds, nullable or low == 0
    if op is sre_constants.IN:
        kinds = set()
        for kind, member in value:
            if kind is sre_constants.LITERAL:
                kinds.add(_char_kind(chr(member)))
            elif kind is sre_constants.RANGE and all(chr(m).isalnum() for m in member):
                kinds.add("word")
            else:
                kinds.add("")
        return kinds, False
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
        return set(), True
    return {""}, False


def _edge_sequence(items: Any, last: bool) -> tuple[set[str], bool]:
    kinds: set[str] = set()
    for op, value in reversed(list(items)) if last else items:
        item_kinds, nullable = _edge_item(op, value, last)
        kinds |= item_kinds
        if not nullable:
            return kinds, False
    return kinds, True


def _edge(items: Any, last: bool) -> str:
    """'word' when the pattern surely starts (or ends) with a word character, 'other' when it
    surely does not, '' when it may do either."""
    kinds, nullable = _edge_sequence(items, last)
    if nullable or len(kinds) != 1:
        return ""
    return kinds.pop()


def edge_kinds(pattern: str) -> tuple[str, str]:
    """How a pattern starts and ends: 'word', 'other' or '' (either, or unknown)."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return "", ""
    return _edge(parsed, False), _edge(parsed, True)
