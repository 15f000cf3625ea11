"""Turn the plain-words patterns of a rule into compiled regular expressions.

Rule authors write phrases; regex syntax is allowed where it pays. The engine adds word
boundaries (unless the rule says ``nonword: true``), lets a space match any run of white space,
and lets a straight apostrophe match a curly one, so rules read like the sentences they catch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache, cached_property, lru_cache, partial
from itertools import chain
from operator import itemgetter
from typing import Any

from medlint.document.model import fold, lower
from medlint.rules.present import LONG, SHARED

_VALUE = itemgetter(1)  # of an automaton's hit: (where it ends, its value)
FLAGS = 2 | 256  # regex.IGNORECASE | regex.VERSION0 (regex is imported only when needed)


# What widening changes: an escape (kept), a character class (a ' in it gains ’), a run of
# spaces, a straight apostrophe. Everything between is kept as it is.
_WIDENED = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]?| +|'", re.DOTALL)
_QUANTIFIERS = frozenset("*+?{")
_IN_CLASS = re.compile(r"\\.|'", re.DOTALL)


# What keeps a pattern from being widened by plain replacing: a class, an escaped space or ',
# a run of spaces, a quantified space.
_NOT_PLAIN = re.compile(r"\[|\\[ ']| [ *+?{]")


@cache  # a pattern is widened for its literals, its edges and its source
def widen(pattern: str) -> str:
    """Spaces outside character classes match any white space; ' matches ’ too."""
    if _NOT_PLAIN.search(pattern):
        return _WIDENED.sub(lambda found: _widened(found, pattern), pattern)
    # Each space and each ' on its own, none escaped (most patterns): the same, 5x faster.
    return pattern.replace(" ", r"\s+").replace("'", "['’]")


def _widened(found: re.Match[str], pattern: str) -> str:
    token = found.group()
    first = token[0]
    if first == " ":
        if pattern[found.end() : found.end() + 1] in _QUANTIFIERS:
            # the author quantified the (last) space themselves
            return r"\s+\s" if len(token) > 1 else r"\s"
        return r"\s+"
    if first == "'":
        return "['’]"
    if first == "[" and "'" in token:  # an escaped \' stays as it is
        return _IN_CLASS.sub(lambda part: "'’" if part.group() == "'" else part.group(), token)
    return token  # an escape, or a class without '


_ESCAPE = re.compile(r"\\(?:[pPN]\{[^}]*\}?|.)", re.DOTALL)  # \S, \p{Lu}, \N{...}


# An escape lower-casing may change: a backslash before anything but a-z (save p, for \p{Lu}),
# a digit, white space or ASCII punctuation.
_CASED_ESCAPE = re.compile(r"\\[^a-oq-z0-9\s!-/:-@\[-`{-~]")


def lower_pattern(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (``\\S``, ``\\p{Lu}``) intact."""
    if not _CASED_ESCAPE.search(source):  # most sources: \s, \w, \b only
        return source.lower()
    out: list[str] = []
    at = 0
    for escape in _ESCAPE.finditer(source):
        out += (source[at : escape.start()].lower(), escape.group())
        at = escape.end()
    out.append(source[at:].lower())
    return "".join(out)


_WORD_START = r"(?<!\w)"


def _edges(pattern: str) -> tuple[str, str]:
    """The word-boundary guards for one pattern: plain where its first or last character is
    surely a word character, conditional where it may not be (e.g. 'https?://', '\\[1\\]')."""
    from medlint.rules.syntax import edge_kinds

    first, last = edge_kinds(pattern)
    start = {"word": _WORD_START, "other": ""}.get(first, r"(?:(?<!\w)|(?!\w))")
    end = {"word": r"(?!\w)", "other": ""}.get(last, r"(?:(?!\w)|(?<!\w))")
    return start, end


def pattern_source(patterns: list[str], *, nonword: bool = False) -> str:
    r"""One alternation of all patterns, each bounded by word edges unless ``nonword``.

    Neighbouring patterns with the same start guard share one: ``G(?:a)E|G(?:b)E`` and
    ``G(?:(?:a)E|(?:b)E)`` match alike (the guard only looks at the position), but the shared
    guard rejects a position inside a word once instead of once per pattern, and ``re`` then
    skips each pattern whose first letter is not the one at hand: 5x faster on prose.

    But a regex that opens with a look-behind is tried at every position of the text, while
    one that opens with a literal is found by ``re``'s fast search for it (one pattern alone,
    as ``search`` compiles them, 20x faster), and one of literal-led branches is tried only
    where a branch's first letter is. So when every pattern opens with letters (its
    :func:`~medlint.rules.syntax.literal_lead`, ``scam`` of ``scams?``), each is written
    ``scam(?<!\w.{4})(?:s?)(?!\w)``: the same matches, the guard looking back past the lead."""
    if nonword:
        return "|".join(f"(?:{widen(pattern)})" for pattern in patterns)
    from medlint.rules.syntax import literal_lead

    guarded = [(wide, *_edges(wide)) for wide in map(widen, patterns)]
    leads = [literal_lead(wide) if start == _WORD_START else 0 for wide, start, _ in guarded]
    if all(leads):  # each pattern guards its start behind its lead: see the docstring
        return "|".join(
            f"{wide[:lead]}(?<!\\w.{{{lead}}})(?:{wide[lead:]}){end}"
            for (wide, _, end), lead in zip(guarded, leads, strict=True)
        )
    runs: list[tuple[str, list[str]]] = []  # (start guard, the patterns that share it)
    for wide, start, end in guarded:
        if not runs or runs[-1][0] != start:
            runs.append((start, []))
        runs[-1][1].append(f"(?:{wide}){end}")
    return "|".join(f"{start}(?:{'|'.join(parts)})" for start, parts in runs)


class Matcher:
    """One pattern list, compiled on first use into one regex (its :func:`pattern_source`), or
    into the alternation of just the patterns that can match the text at hand.

    A pattern whose required literals (:mod:`medlint.rules.literals`) are not in a text cannot
    match anywhere in it, so leaving it out of the alternation changes no match there: a small
    text compiles the few patterns it can match, not the whole list (compiling is most of a
    cold start). Once the part-lists compiled add up to the whole list, the whole list is
    compiled and used from then on, so a long run compiles each list about once. A search
    (does any pattern occur?) tries the possible patterns one by one, each compiled alone.

    Built-in patterns (vetted by the test suite) run on the standard ``re`` engine, users'
    patterns on ``regex`` with a timeout per search, so a catastrophic pattern cannot hang a run.
    ``regex`` counts it in the process's CPU time; ``concurrent=False`` keeps the GIL during the
    search, so threads linting at once cannot spend one another's budget. One case
    strategy: the source, lower-cased, runs on the lower-cased text (see :func:`lower`), except
    a source with case-sensitive parts (``(?-i:...)``), which runs case-insensitively on the
    original text.
    """

    def __init__(
        self, patterns: Sequence[str], *, nonword: bool = False, trusted: bool = False
    ) -> None:
        self.patterns = tuple(patterns)  # as written
        self.nonword = nonword
        self.trusted = trusted
        self.cased = any("(?-i" in pattern for pattern in self.patterns)
        self._compiled: Any = None
        self._parts: dict[tuple[int, ...], Any] = {}  # part-lists compiled, by pattern indexes
        self._parts_size = 0  # their sources' length, all told
        self._singles: dict[int, Any] = {}  # patterns compiled alone, for search
        self._selector: tuple[dict[str, tuple[int, ...]], Any] | None = None  # _literal_selector
        self._reads_long_texts = False  # its literals are in the shared automaton (possible)

    @cached_property
    def source(self) -> str:
        return pattern_source(list(self.patterns), nonword=self.nonword)

    @cached_property
    def _required(self) -> tuple[frozenset[str] | None, ...]:
        """Each pattern's required literals (one of them is in every match), or None."""
        from medlint.rules.literals import required_literals

        return tuple(required_literals(widen(pattern)) for pattern in self.patterns)

    def compiled(self, among: Sequence[int] | None = None) -> Any:
        """The regex of the whole list, or of the patterns ``among`` (indexes, in order)."""
        if among is None or len(among) == len(self.patterns) or self._compiled is not None:
            if self._compiled is None:
                self._compiled = self._compile(self.source)
            return self._compiled
        key = tuple(among)
        found = self._parts.get(key)
        if found is None:
            source = pattern_source([self.patterns[i] for i in key], nonword=self.nonword)
            self._parts_size += len(source)
            if self._parts_size >= len(self.source):
                self._parts.clear()  # the whole list costs no more: use it from now on
                return self.compiled()
            found = self._parts[key] = self._compile(source)
        return found

    def _compile(self, source: str) -> Any:
        source = source if self.cased else lower_pattern(source)
        if self.trusted:
            return re.compile(source, re.IGNORECASE if self.cased else 0)
        import regex

        return regex.compile(source, FLAGS if self.cased else regex.VERSION0)

    def finditer(
        self,
        text: str,
        lowered: str,
        pos: int,
        endpos: int,
        timeout: float | None,
        among: Sequence[int] | None = None,
    ) -> Iterator[Any]:
        """Matches in ``text[pos:endpos]``; ``lowered`` is ``lower(text)``. ``among``: the
        patterns that can match there (the prefilter's word), None: any."""
        return self.finder(text, lowered, timeout, among)(pos, endpos)

    def finder(
        self, text: str, lowered: str, timeout: float | None, among: Sequence[int] | None = None
    ) -> Callable[[int, int], Iterator[Any]]:
        """:meth:`finditer` for many stretches of one text (its sentences): the regex is
        chosen once, not once per stretch."""
        if among is not None and not among:
            return lambda pos, endpos: iter(())
        subject = text if self.cased else lowered
        compiled = self.compiled(among)
        if self.trusted:
            return partial(compiled.finditer, subject)

        def find(pos: int, endpos: int) -> Iterator[Any]:
            # All at once, so no other thread runs (and spends the budget) between two matches.
            found = compiled.finditer(subject, pos, endpos, timeout=timeout, concurrent=False)
            return iter(list(found))

        return find

    def search(self, text: str, timeout: float | None = None, lowered: str | None = None) -> bool:
        """Whether the pattern occurs in ``text`` (``lowered``: its :func:`lower`, if known)."""
        if lowered is None:
            lowered = lower(text)
        among = self.possible(fold(lowered))
        if not among:
            return False
        subject = text if self.cased else lowered
        # literal-led patterns first, as found fast (the sort is stable: in order otherwise)
        for index in sorted(among, key=self._unled.__getitem__):
            pattern = self._single(index)
            if self.trusted:
                found = pattern.search(subject)
            else:
                found = pattern.search(subject, timeout=timeout, concurrent=False)
            if found is not None:
                return True
        return False

    def matches(self, text: str, lowered: str) -> Iterator[Any]:
        """The matches of the whole list in the whole of ``text`` (``lowered``: its
        :func:`lower`), as :meth:`finditer` gives them, found by the patterns alone.

        The alternation's next match is the leftmost of its patterns' next matches (the first
        pattern's on a tie), so each possible pattern is searched alone, from where the last
        match ended, only when its own next match is behind that. A literal-led pattern alone
        is found by ``re``'s fast search (see :func:`pattern_source`): 2x faster on a page than
        the alternation. A pattern that may match nothing (no literal, no known first edge)
        could repeat an empty match: such a list, or a user's, runs as one alternation."""
        if not (self.trusted and self._never_empty):
            yield from self.finditer(text, lowered, 0, len(text), None)
            return
        subject = text if self.cased else lowered
        singles = [self._single(index) for index in self.possible(fold(lowered))]
        ahead = [single.search(subject) for single in singles]
        pos = 0
        while True:
            best = None
            for place, found in enumerate(ahead):
                if found is not None and found.start() < pos:
                    found = ahead[place] = singles[place].search(subject, pos)
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            yield best
            pos = best.end()

    @cached_property
    def _unled(self) -> tuple[bool, ...]:
        """Whether each pattern opens otherwise than with letters (slower to search for)."""
        from medlint.rules.syntax import literal_lead

        return tuple(not literal_lead(widen(pattern)) for pattern in self.patterns)

    @cached_property
    def _never_empty(self) -> bool:
        """Whether every match of every pattern holds a character: a required literal, or a
        first character of a known kind."""
        from medlint.rules.syntax import edge_kinds

        return all(
            literals is not None or edge_kinds(widen(pattern))[0] != ""
            for pattern, literals in zip(self.patterns, self._required, strict=True)
        )

    def _single(self, index: int) -> Any:
        """Pattern ``index`` alone, compiled once: a search asks whether any pattern occurs, so
        each runs alone (a literal-led one fast), and what one text compiles serves the next."""
        found = self._singles.get(index)
        if found is None:
            source = pattern_source([self.patterns[index]], nonword=self.nonword)
            found = self._singles[index] = self._compile(source)
        return found

    @cached_property
    def _always(self) -> tuple[int, ...]:
        """The patterns without literals: they can match anywhere."""
        return tuple(index for index, literals in enumerate(self._required) if literals is None)

    def possible(self, folded: str) -> tuple[int, ...]:
        """The patterns that can match in a text (given as :func:`fold` of its lower case):
        those without literals, and those whose literals it holds (in a long text, found for
        every list at once: see :mod:`medlint.rules.present`)."""
        found = set(self._always)
        holders, selector = self._literal_selector()
        if len(folded) >= LONG and holders:
            if not self._reads_long_texts:  # the shared automaton holds the literals of the
                SHARED.add(holders)  # lists that read long texts, the fewer the faster
                self._reads_long_texts = True
            for literal in SHARED.present(folded).intersection(holders):
                found.update(holders[literal])
        elif selector:  # each hit's patterns, read in C
            found.update(chain.from_iterable(map(_VALUE, selector.iter(folded))))
        return tuple(sorted(found))

    def _literal_selector(self) -> tuple[dict[str, tuple[int, ...]], Any]:
        """Each literal of the patterns to the patterns that require it, and an Aho-Corasick
        automaton of them (None when no pattern has literals)."""
        if self._selector is None:
            import ahocorasick

            holders: dict[str, tuple[int, ...]] = {}
            for index, literals in enumerate(self._required):
                for literal in literals or ():
                    holders[literal] = (*holders.get(literal, ()), index)
            selector = None
            if holders:
                selector = ahocorasick.Automaton()
                for literal, indexes in holders.items():
                    selector.add_word(literal, indexes)
                selector.make_automaton()
            self._selector = (holders, selector)
        return self._selector


def matcher_for(options: Mapping[str, Any], key: str, trusted: bool) -> Matcher:
    """The Matcher of the pattern list ``options[key]``: one for all the rules that write the
    same list (many name the same vocabularies as their subject or excuse), compiled once."""
    nonword = bool(options.get("nonword")) and key == "patterns"
    return _shared_matcher(tuple(options[key]), nonword, trusted)


@lru_cache(maxsize=1024)  # bounded: a long-lived process may load many versions of a pack
def _shared_matcher(patterns: tuple[str, ...], nonword: bool, trusted: bool) -> Matcher:
    return Matcher(patterns, nonword=nonword, trusted=trusted)


def check_pattern(pattern: str) -> str | None:
    """None when ``pattern`` compiles, else a description of what is wrong. Compiled without
    ``IGNORECASE``, which changes no pattern's validity and costs two thirds of the time (a
    pack of 300,000 patterns is checked in seconds, not minutes)."""
    import regex

    try:
        regex.compile(widen(pattern), regex.VERSION0)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        where = f" at position {position}" if position is not None else ""
        return f"{getattr(exc, 'msg', exc)}{where}"
    return None
