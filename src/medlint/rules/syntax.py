"""The syntax of rule patterns, read by a small parser of our own, and their edges.

The parser knows the syntax rules use: literal characters, escapes, character classes, groups
(``(?:...)``, ``(?i)``, ``(?-i:...)``, named groups), look-arounds, alternation and quantifiers.
Anything else raises :class:`Unsupported`: the pattern then has no literals (the rule reads every
sentence) and unknown edges, slower, never different. The *edge kinds* (does every match start,
or end, with a word character?) choose the word-boundary guards (:mod:`medlint.rules.language`);
the required literals are :mod:`medlint.rules.literals`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from medlint.rules.known import known_facts


class Unsupported(ValueError):
    """The pattern uses syntax this parser does not know."""


class Char(NamedTuple):
    """Literal characters: one, or a run of plain ASCII ones that no quantifier applies to."""

    char: str


class Chars(NamedTuple):
    """A character class, ``.`` or ``\\w``: its kinds ('word', 'other'; '' for unknown)."""

    kinds: frozenset[str]


class Group(NamedTuple):
    """A group: one sequence of nodes per alternative."""

    branches: tuple[tuple[Node, ...], ...]


class Repeat(NamedTuple):
    body: Node
    low: int


class Empty(NamedTuple):
    """Zero width: an anchor (``^``, ``\\b``) or a look-around."""


Node = Char | Chars | Group | Repeat | Empty
Sequence_ = tuple[Node, ...]
_UNKNOWN = Chars(frozenset({""}))
_CATEGORIES = "dDwWsS"
_ANCHORS = "bBAZ"
# Printable ASCII characters that stand for themselves (not a metacharacter).
_PLAIN = re.compile(r"(?:(?![\\\[\](){}|.^$*+?])[ -~])+")
# Long groups parsed before, by their first _KEY characters: (their whole text, their node).
_SEEN: dict[str, list[tuple[str, Node | None]]] = {}
_KEY, _LONG = 48, 160
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


def kind_of(char: str) -> str:
    return "word" if char.isalnum() or char == "_" else "other"


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self, count: int = 1) -> str:
        return self.text[self.at : self.at + count]

    def take(self, count: int = 1) -> str:
        found = self.text[self.at : self.at + count]
        if len(found) < count:
            raise Unsupported("unexpected end of pattern")
        self.at += count
        return found

    def alternation(self) -> Group:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        return Group(tuple(branches))

    def sequence(self) -> Sequence_:
        items: list[Node] = []
        while self.at < len(self.text) and self.peek() not in "|)":
            # Most of a pattern is plain letters: take a run of them at once, but for its last
            # character, which a quantifier may follow.
            plain = _PLAIN.match(self.text, self.at)
            if plain and plain.end() - self.at > 1:
                items.append(Char(self.text[self.at : plain.end() - 1]))
                self.at = plain.end() - 1
            node = self.atom()
            if node is None:
                continue
            items.append(self.quantified(node))
        return tuple(items)

    def quantified(self, node: Node) -> Node:
        char = self.peek()
        if char == "{":
            low = self._braces()
            if low is None:
                return node  # a literal brace
        elif char in ("*", "?", "+"):
            self.take()
            low = 1 if char == "+" else 0
        else:
            return node
        if self.peek() == "+":
            raise Unsupported("possessive quantifier")
        if self.peek() == "?":
            self.take()  # lazy: the same matches, for our purposes
        if self.peek() and self.peek() in "*+?{":
            raise Unsupported("multiple repeat")
        return Repeat(node, low)

    def _braces(self) -> int | None:
        """The lower bound of ``{m}``, ``{m,}``, ``{m,n}`` or ``{,n}`` (consumed), else None
        (a literal brace)."""
        end = self.text.find("}", self.at)
        inside = self.text[self.at + 1 : end] if end > 0 else ""
        low, _, high = inside.partition(",")
        if not inside or not (low.isdigit() or not low) or not (high.isdigit() or not high):
            return None
        if not low.isdigit() and not high.isdigit():
            return None
        self.at = end + 1
        return int(low) if low else 0

    def atom(self) -> Node | None:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        if char == ".":
            return _UNKNOWN
        if char in "^$":
            return Empty()
        if char in "*+?":
            raise Unsupported("nothing to repeat")
        return Char(char)

    def group(self) -> Node | None:
        """A group, its ``(`` taken. A long one seen before (a vocabulary, which many rules'
        patterns spell out in full) is not parsed again: its nodes depend on its text alone."""
        start = self.at - 1
        key = self.text[start : start + _KEY]
        for whole, node in _SEEN.get(key, ()):
            if self.text.startswith(whole, start):
                self.at = start + len(whole)
                return node
        node = self._group()
        whole = self.text[start : self.at]
        if len(whole) >= _LONG:
            if len(_SEEN) > 4096:
                _SEEN.clear()  # a bound, for a process that loads many packs
            _SEEN.setdefault(key, []).append((whole, node))
        return node

    def _group(self) -> Node | None:
        look = False
        if self.peek() == "?":
            self.take()
            kind = self.take()
            if kind == "#":  # a comment
                end = self.text.find(")", self.at)
                if end < 0:
                    raise Unsupported("unterminated comment")
                self.at = end + 1
                return None
            if kind in "=!" or (kind == "<" and self.peek() in ("=", "!")):
                if kind == "<":
                    self.take()
                look = True
            elif (kind == "P" and self.peek() == "<") or kind == "<":
                if kind == "P":
                    self.take()
                end = self.text.find(">", self.at)
                if end < 0:
                    raise Unsupported("unterminated group name")
                self.at = end + 1
            elif kind == ":":
                pass
            elif kind.isalpha() or kind == "-":
                flags = kind
                while self.peek() and self.peek() not in ":)":
                    flags += self.take()
                if not all(f in "aiLmsu-" for f in flags):
                    raise Unsupported(f"flags {flags}")  # x: verbose changes the syntax
                if self.take() == ")":
                    return None  # flags for the whole pattern: no node
            else:
                raise Unsupported(f"group (?{kind}")
        body = self.alternation()
        if self.take() != ")":
            raise Unsupported("unbalanced parenthesis")
        return Empty() if look else body

    def escape(self) -> Node:
        char = self.take()
        if char in _CATEGORIES:
            return _UNKNOWN
        if char in _ANCHORS:
            return Empty()
        if char in _CONTROL:
            return Char(_CONTROL[char])
        if char.isascii() and char.isalnum():
            raise Unsupported(f"escape \\{char}")  # backreferences, \x, \p{...}, \N{...}
        return Char(char)

    def char_class(self) -> Node:
        kinds: set[str] = set()
        members: list[str] = []
        if self.peek() == "^":
            self.take()
            kinds.add("")
        first = True
        while True:
            char = self.take()
            if char == "]" and not first:
                break
            first = False
            if char == "[" and self.peek() in (":", "=", "."):
                raise Unsupported("POSIX class")
            if char == "\\":
                escaped = self.take()
                if escaped in _CATEGORIES:
                    kinds.add("")
                    continue
                if escaped.isascii() and escaped.isalnum() and escaped not in _CONTROL:
                    raise Unsupported(f"escape \\{escaped} in a class")
                char = _CONTROL.get(escaped, escaped)
            if self.peek() == "-" and self.peek(2)[1:] not in ("]", ""):
                self.take()
                end = self.take()
                if end == "\\":
                    raise Unsupported("escaped range end")
                kinds.add("word" if char.isalnum() and end.isalnum() else "")
                members.extend((char, end))
                continue
            kinds.add(kind_of(char))
            members.append(char)
        if len(members) == 1 and kinds == {kind_of(members[0])}:
            return Char(members[0])
        return Chars(frozenset(kinds))


@cache  # a pattern is parsed for its literals and its edges; the nodes are immutable
def parse(pattern: str) -> Group:
    """The pattern as nodes; raises :class:`Unsupported` for syntax this parser does not know."""
    parser = _Parser(pattern)
    try:
        tree = parser.alternation()
    except RecursionError:
        raise Unsupported("nested too deeply") from None
    if parser.at != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    return tree


# Edge kinds --------------------------------------------------------------------------------


def _edge_node(node: Node, last: bool) -> tuple[set[str], bool]:
    """The kinds of character a node can start (or end) with, and whether it can be empty."""
    if isinstance(node, Char):
        return {kind_of(node.char[-1] if last else node.char[0])}, False
    if isinstance(node, Chars):
        return set(node.kinds), False
    if isinstance(node, Empty):
        return set(), True
    if isinstance(node, Repeat):
        kinds, nullable = _edge_node(node.body, last)
        return kinds, nullable or node.low == 0
    kinds = set()
    nullable = False
    for branch in node.branches:
        branch_kinds, branch_nullable = _edge_sequence(branch, last)
        kinds |= branch_kinds
        nullable = nullable or branch_nullable
    return kinds, nullable


def _edge_sequence(items: Sequence_, last: bool) -> tuple[set[str], bool]:
    kinds: set[str] = set()
    for item in reversed(items) if last else items:
        item_kinds, nullable = _edge_node(item, last)
        kinds |= item_kinds
        if not nullable:
            return kinds, False
    return kinds, True


def literal_lead(pattern: str) -> int:
    """How many ASCII letters and digits open every match of the pattern, written as plain
    literals no quantifier applies to (4 for ``scams?``, 2 for ``be wary``), 0 when it opens
    otherwise or has more than one branch. ``re`` finds a pattern that opens with a literal far
    faster than one that opens with a look-behind (see :func:`medlint.rules.language.
    pattern_source`). A built-in pattern's is known ahead."""
    known = known_facts(pattern)
    return known.lead if known is not None else derive_literal_lead(pattern)


def derive_literal_lead(pattern: str) -> int:
    """:func:`literal_lead`, read from the pattern's tree."""
    try:
        tree = parse(pattern)
    except Unsupported:
        return 0
    if len(tree.branches) != 1:
        return 0
    opening = ""
    for node in tree.branches[0]:
        if not isinstance(node, Char):
            break
        opening += node.char
    count = 0
    while count < len(opening) and opening[count].isascii() and opening[count].isalnum():
        count += 1
    # as written: a letter the parser read from an escape (\x41) does not count
    return count if pattern.startswith(opening[:count]) else 0


def edge_kinds(pattern: str) -> tuple[str, str]:
    """How a pattern's matches start and end: 'word' (surely a word character), 'other'
    (surely not), or '' (either, or unknown). A built-in pattern's are known ahead."""
    known = known_facts(pattern)
    return known.edges if known is not None else derive_edge_kinds(pattern)


def derive_edge_kinds(pattern: str) -> tuple[str, str]:
    """:func:`edge_kinds`, read from the pattern's tree."""
    try:
        tree = parse(pattern)
    except Unsupported:
        return "", ""
    edges = []
    for last in (False, True):
        kinds, nullable = _edge_node(tree, last)
        edges.append(kinds.pop() if not nullable and len(kinds) == 1 else "")
    return edges[0], edges[1]
