"""Turn the plain-words patterns of a rule into compiled regular expressions.

Rule authors write phrases; regex syntax is allowed where it pays. The engine adds word
boundaries (unless the rule says ``nonword: true``), lets a space match any run of white space,
and lets a straight apostrophe match a curly one, so rules read like the sentences they catch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, cached_property
from typing import Any

from medlint.document.model import fold, lower

FLAGS = 2 | 256  # regex.IGNORECASE | regex.VERSION0 (regex is imported only when needed)


@cache  # a pattern is widened for its literals, its edges and its source
def widen(pattern: str) -> str:
    """Spaces outside character classes match any white space; ' matches ’ too."""
    out: list[str] = []
    in_class = False
    escaped = False
    for position, char in enumerate(pattern):
        following = pattern[position + 1 : position + 2]
        if escaped:
            out.append(char)
            escaped = False
            continue
        if char == "\\":
            out.append(char)
            escaped = True
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append("'’" if char == "'" else char)
            continue
        if char == "[":
            in_class = True
            out.append(char)
        elif char == " ":
            if following and following in "*+?{":
                out.append(r"\s")  # the author quantified the space themselves
            elif not (out and out[-1] == r"\s+"):
                out.append(r"\s+")
        elif char == "'":
            out.append("['’]")
        else:
            out.append(char)
    return "".join(out)


_ESCAPE = re.compile(r"\\(?:[pPN]\{[^}]*\}?|.)", re.DOTALL)  # \S, \p{Lu}, \N{...}


def lower_pattern(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (``\\S``, ``\\p{Lu}``) intact."""
    out: list[str] = []
    at = 0
    for escape in _ESCAPE.finditer(source):
        out += (source[at : escape.start()].lower(), escape.group())
        at = escape.end()
    out.append(source[at:].lower())
    return "".join(out)


def _edges(pattern: str) -> tuple[str, str]:
    """The word-boundary guards for one pattern: plain where its first or last character is
    surely a word character, conditional where it may not be (e.g. 'https?://', '\\[1\\]')."""
    from medlint.rules.syntax import edge_kinds

    first, last = edge_kinds(pattern)
    start = {"word": r"(?<!\w)", "other": ""}.get(first, r"(?:(?<!\w)|(?!\w))")
    end = {"word": r"(?!\w)", "other": ""}.get(last, r"(?:(?!\w)|(?<!\w))")
    return start, end


def pattern_source(patterns: list[str], *, nonword: bool = False) -> str:
    """One alternation of all patterns, each bounded by word edges unless ``nonword``.

    Neighbouring patterns with the same start guard share one: ``G(?:a)E|G(?:b)E`` and
    ``G(?:(?:a)E|(?:b)E)`` match alike (the guard only looks at the position), but the shared
    guard rejects a position inside a word once instead of once per pattern, and ``re`` then
    skips each pattern whose first letter is not the one at hand: 5x faster on prose."""
    if nonword:
        return "|".join(f"(?:{widen(pattern)})" for pattern in patterns)
    runs: list[tuple[str, list[str]]] = []  # (start guard, the patterns that share it)
    for pattern in patterns:
        wide = widen(pattern)
        start, end = _edges(wide)
        if not runs or runs[-1][0] != start:
            runs.append((start, []))
        runs[-1][1].append(f"(?:{wide}){end}")
    return "|".join(f"{start}(?:{'|'.join(parts)})" for start, parts in runs)


class Matcher:
    """One pattern list, compiled once into one regex (its :func:`pattern_source`), on first use:
    a run reads the lists of the few rules whose literals a text holds, not all of them.

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
        self._literals: list[tuple[str, ...] | None] = []
        self._compiled: Any = None

    @cached_property
    def source(self) -> str:
        return pattern_source(list(self.patterns), nonword=self.nonword)

    def literals(self) -> tuple[str, ...] | None:
        """Strings one of which is in every match (see :mod:`medlint.rules.literals`), or None:
        a search where none occurs fails at once, without the regex. Worked out on first use."""
        if not self._literals:
            from medlint.rules.literals import required_literals

            found: set[str] = set()
            for pattern in self.patterns:
                required = required_literals(widen(pattern))
                if required is None:
                    break
                found |= required
            else:
                self._literals.append(tuple(sorted(found)) if found else None)
            if not self._literals:
                self._literals.append(None)
        return self._literals[0]

    def compiled(self) -> Any:
        if self._compiled is None:
            source = self.source if self.cased else lower_pattern(self.source)
            if self.trusted:
                self._compiled = re.compile(source, re.IGNORECASE if self.cased else 0)
            else:
                import regex

                flags = FLAGS if self.cased else regex.VERSION0
                self._compiled = regex.compile(source, flags)
        return self._compiled

    def finditer(
        self, text: str, lowered: str, pos: int, endpos: int, timeout: float | None
    ) -> Iterator[Any]:
        """Matches in ``text[pos:endpos]``; ``lowered`` is ``lower(text)``."""
        subject = text if self.cased else lowered
        if self.trusted:
            return self.compiled().finditer(subject, pos, endpos)  # type: ignore[no-any-return]
        # All at once, so no other thread runs (and spends the budget) between two matches.
        found = self.compiled().finditer(subject, pos, endpos, timeout=timeout, concurrent=False)
        return iter(list(found))

    def search(self, text: str, timeout: float | None = None) -> bool:
        """Whether the pattern occurs in ``text``."""
        lowered = lower(text)
        literals = self.literals()
        if literals is not None:
            seen = fold(lowered)
            if not any(map(seen.__contains__, literals)):
                return False
        subject = text if self.cased else lowered
        if self.trusted:
            return self.compiled().search(subject) is not None
        return self.compiled().search(subject, timeout=timeout, concurrent=False) is not None


def matcher_for(options: Mapping[str, Any], key: str, trusted: bool) -> Matcher:
    """The Matcher of the pattern list ``options[key]``."""
    nonword = bool(options.get("nonword")) and key == "patterns"
    return Matcher(options[key], nonword=nonword, trusted=trusted)


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
