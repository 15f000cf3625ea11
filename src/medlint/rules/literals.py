"""The *required literals* of a pattern: sets of lower-case strings, one of each set being in
every match ("cur" for ``cur(?:e|es|ed)``; {"halt", "stop"} for ``(?:halt|stop)s? progress``),
which the prefilter looks for to skip sentences. Read from the tree of
:mod:`medlint.rules.syntax`. Literals keep to ASCII, whose case-insensitive matches the
prefilter's folded text always shows (see :func:`medlint.engine.prefilter.fold`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import cache

from medlint.rules.known import known_facts
from medlint.rules.syntax import Char, Group, Node, Repeat, Sequence_, Unsupported, parse

MIN_LITERAL = 3  # shorter literals match almost everywhere and would filter nothing

# Required literals ------------------------------------------------------------------------

Requirement = frozenset[str] | None

# The requirement of a large group, by the group's id (the parser shares the nodes of a long
# group among the patterns that spell it out; see medlint.rules.syntax).
_GROUPS: dict[int, tuple[Node, Requirement]] = {}

# How often a literal can be expected in a sentence, roughly: the anchor chosen for a pattern is
# the set least likely to occur, so the prefilter lets few sentences through. (Speed only: any
# choice gives the same findings.) Frequent English words, most frequent first:
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
    # fsum: exact, so the score does not depend on the set's order (which varies by process)
    return -math.fsum(frequency(word) for word in requirement)


def _usable(candidates: Iterable[frozenset[str]]) -> list[frozenset[str]]:
    """The requirements worth filtering on (no literal shorter than MIN_LITERAL), in order."""
    found: list[frozenset[str]] = []
    for candidate in candidates:
        if candidate and min(map(len, candidate)) >= MIN_LITERAL and candidate not in found:
            found.append(candidate)
    return found


def _best(candidates: Iterable[frozenset[str]]) -> Requirement:
    usable = _usable(candidates)
    return max(usable, key=_score) if usable else None  # the first of equals: deterministic


def _candidates(items: Sequence_) -> list[frozenset[str]]:
    """Requirements of a sequence: each run of literal characters, and what each other item
    requires."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for item in items:
        if isinstance(item, Char) and item.char.isascii():
            run.append(item.char.lower())
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()
        required = _required(item)
        if required is not None:
            found.append(required)
    if run:
        found.append(frozenset({"".join(run)}))
    return found


def _required(node: Node) -> Requirement:
    if isinstance(node, Group):
        known = _GROUPS.get(id(node))
        if known is not None and known[0] is node:
            return known[1]
        union: set[str] = set()
        for branch in node.branches:
            required = _best(_candidates(branch))
            if required is None:
                union.clear()
                break
            union |= required
        found = frozenset(union) if union else None
        if len(node.branches) >= 8:  # a vocabulary's group, shared by many patterns' trees
            if len(_GROUPS) > 4096:
                _GROUPS.clear()  # a bound, for a process that loads many packs
            _GROUPS[id(node)] = (node, found)  # the node kept: its id is not reused
        return found
    if isinstance(node, Repeat):
        return _required(node.body) if node.low >= 1 else None
    if isinstance(node, Char) and node.char.isascii():
        return frozenset({node.char.lower()})
    return None  # classes, anchors, look-arounds: nothing required


def required_groups(pattern: str, limit: int = 2) -> list[frozenset[str]] | None:
    """Up to ``limit`` (at most 2) sets of lower-case strings such that every match of
    ``pattern`` contains one string of *each* set (the rarest sets first), or None.

    The sets come from different parts of the top-level sequence ("no (side effects|risks)"
    and "completely safe" give two each), so a sentence needs all of them to be a candidate.
    A built-in pattern's are known ahead (:mod:`medlint.rules.known`).
    """
    known = known_facts(pattern)
    if known is not None:
        return list(known.groups[:limit]) or None
    return derive_required_groups(pattern, limit)


def derive_required_groups(pattern: str, limit: int = 2) -> list[frozenset[str]] | None:
    """:func:`required_groups`, read from the pattern's tree."""
    try:
        tree = parse(pattern)
    except Unsupported:
        return None
    items = tree.branches[0] if len(tree.branches) == 1 else (tree,)
    found = _usable(_candidates(items))
    return sorted(found, key=_score, reverse=True)[:limit] or None


@cache  # vocabularies put the same terms in many rules' lists
def required_literals(pattern: str) -> Requirement:
    """Lower-case strings one of which every match of ``pattern`` contains, or None."""
    groups = required_groups(pattern, limit=1)
    return groups[0] if groups else None


def clauses(
    patterns: Sequence[str], also: Sequence[str] = ()
) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """The prefilter's clauses for a rule: a sentence can match only if it satisfies a clause,
    i.e. holds one literal of each of the clause's groups. (Patterns as widened.)

    One clause per trigger pattern (a match of "no (side effects|risks)" needs "side effects"
    or "risks"; one of "(completely|totally) safe" needs "safe" and "completely" or "totally"),
    each with the group of ``also`` (the ``with`` list) added, since the sentence must match
    that too. A trigger pattern without literals has the ``also`` group alone as its clause.
    None when a trigger pattern has no literals and ``also`` none: the rule then reads every
    sentence.
    """
    extra: tuple[frozenset[str], ...] = ()
    if also:
        found: set[str] = set()
        for pattern in also:
            required = required_literals(pattern)
            if required is None:
                break
            found |= required
        else:
            extra = (frozenset(found),)
    result: list[tuple[frozenset[str], ...]] = []
    for pattern in patterns:
        groups = required_groups(pattern)
        if groups is None and not extra:
            return None
        result.append((*(groups or ()), *extra))
    return tuple(result) or None
