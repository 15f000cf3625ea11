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
from collections.abc import Iterable
from typing import Any

# The parser of the standard library's re module: private, but stable since Python 3.11.
sre_constants: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

MIN_LITERAL = 3  # shorter literals match almost everywhere and would filter nothing

Requirement = frozenset[str] | None


# How often a literal can be expected in a sentence, roughly: the anchor chosen for a pattern is
# the set least likely to occur, so the prefilter lets few sentences through. (Speed only: any
# choice gives the same findings.) The most frequent English words, most frequent first:
_ENGLISH = """the of and to a in is it you that he was for on are with as i his they be at one
have this from or had by not word but what some we can out other were all there when up use
your how said an each she which do their time if will way about many then them write would
like so these her long make thing see him two has look more day could go come did number sound
no most people my over know water than call first who may down side been now find any new
work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low
line differ turn cause much mean before move right boy old too same tell does set three want
air well also play small end put home read hand port large spell add even land here must big
high such follow act why ask men change went light kind off need house picture try us again
animal point mother world near build self earth father head stand own page should country
found answer school grow study still learn plant cover food sun four between state keep eye
never last let thought city tree cross farm hard start might story saw far sea draw left late
run while press close night real life few north open seem together next white children begin
got walk example ease paper group always music those both mark often letter until mile river
car feet care second book carry took science eat room friend began idea fish mountain stop
once base hear horse cut sure watch color face wood main enough plain girl usual young ready
above ever red list though feel talk bird soon body dog family direct pose leave song measure
door product black short numeral class wind question happen complete ship area half rock order
fire south problem piece told knew pass since top whole king space heard best hour better true
during hundred five remember step early hold west ground interest reach fast verb sing listen
six table travel less morning ten simple several vowel toward war lay against pattern slow
center love person money serve appear road map rain rule govern pull cold notice voice unit
power town fine certain fly fall lead cry dark machine note wait plan figure star box noun
field rest correct able pound done beauty drive stood contain front teach week final gave
green quick develop ocean warm free minute strong special mind behind clear tail produce fact
street inch multiply nothing course stay wheel full force blue object decide surface deep moon
island foot system busy test record boat common gold possible plane stead dry wonder laugh
thousand ago ran check game shape equate hot miss brought heat snow tire bring yes distant fill
east paint language among""".split()
# ... and words that health writing uses all the time.
_HEALTH = frozenset(
    """patient patients treatment treatments therapy therapies cell cells stem disease symptoms
    doctor doctors clinic health medicine care risk risks study studies trial trials research
    effect effects evidence results pain people damage damaged immune blood body help improve
    reduce natural safe procedure infusion injection""".split()
)
_RANK = {word: rank for rank, word in enumerate(_ENGLISH)}


def frequency(literal: str) -> float:
    """A rough chance that a sentence contains ``literal`` (for ranking anchors only)."""
    rank = _RANK.get(literal)
    if rank is not None:
        return 0.5 / (rank + 5)
    if literal in _HEALTH:
        return 0.01
    return {1: 0.5, 2: 0.1, 3: 0.01, 4: 0.004}.get(len(literal), 0.0015)


def _score(requirement: frozenset[str]) -> float:
    return -sum(frequency(word) for word in requirement)


def _usable(candidates: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """The requirements worth filtering on: no literal shorter than MIN_LITERAL."""
    return {c for c in candidates if c and min(len(s) for s in c) >= MIN_LITERAL}


def _best(candidates: Iterable[frozenset[str]]) -> Requirement:
    usable = _usable(candidates)
    return max(usable, key=_score) if usable else None


def _sequence(items: Any, found: list[frozenset[str]] | None = None) -> Requirement:
    """The best requirement of a sequence; every requirement goes to ``found`` if given."""
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
    if found is not None:
        found.extend(candidates)
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
    groups = required_groups(pattern, limit=1)
    return groups[0] if groups else None


def required_groups(pattern: str, limit: int = 2) -> list[frozenset[str]] | None:
    """Up to ``limit`` sets of lower-case strings such that every match of ``pattern``
    contains one string of *each* set (the rarest sets first), or None.

    The sets come from different parts of the top-level sequence ("no (side effects|risks)"
    and "completely safe" give two each), so a sentence needs all of them to be a candidate.
    """
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    candidates: list[frozenset[str]] = []
    _sequence(parsed, candidates)
    return sorted(_usable(candidates), key=_score, reverse=True)[:limit] or None


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


_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, _POSSESSIVE)
MAX_RANGE = 64  # a wider character range is not worth listing


def _first_of_node(op: Any, value: Any) -> tuple[set[str] | None, bool]:
    """(characters a match of this node can start with or None if unknown, can it be empty)."""
    if op is sre_constants.LITERAL:
        return {chr(value)}, False
    if op is sre_constants.IN:
        chars: set[str] = set()
        for item_op, item in value:
            if item_op is sre_constants.LITERAL:
                chars.add(chr(item))
            elif item_op is sre_constants.RANGE and item[1] - item[0] < MAX_RANGE:
                chars.update(chr(c) for c in range(item[0], item[1] + 1))
            else:  # NEGATE, CATEGORY (\w, \d ...), wide ranges
                return None, False
        return chars, False
    if op in _ZERO_WIDTH:
        return set(), True
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in value[1]:
            found, nullable = _first_of_sequence(branch)
            if found is None:
                return None, False
            union |= found
            empty = empty or nullable
        return union, empty
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, body = value
        if add_flags or del_flags:  # a case change inside: give up rather than guess
            return None, False
        return _first_of_sequence(body)
    if op is sre_constants.ATOMIC_GROUP:
        return _first_of_sequence(value)
    if op in _REPEATS:
        low, _high, body = value
        found, nullable = _first_of_sequence(body)
        return found, nullable or low == 0
    return None, False  # ANY, NOT_LITERAL, CATEGORY, GROUPREF ...


def _first_of_sequence(items: Any) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, value in items:
        found, nullable = _first_of_node(op, value)
        if found is None:
            return None, False
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def first_chars(pattern: str) -> set[str] | None:
    """The characters any match of ``pattern`` (case-sensitive) starts with, or None when
    that cannot be worked out or the pattern can match the empty string."""
    try:
        parsed = sre_parse.parse(pattern, 0)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    try:
        chars, nullable = _first_of_sequence(parsed)
    except RecursionError:
        return None
    return None if nullable or not chars else chars


def with_first_chars(pattern: str) -> str:
    """``pattern`` behind a look-ahead for its possible first characters: the same matches,
    but ``re`` rejects most positions of a text at once instead of trying every alternative
    (about twice as fast on the built-in rules' patterns)."""
    chars = first_chars(pattern)
    if chars is None or len(chars) > 40:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])(?:" + pattern + ")"
