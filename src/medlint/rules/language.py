"""Turn the plain-words patterns of a rule into compiled regular expressions.

Rule authors write phrases; regex syntax is allowed where it pays. The engine adds word
boundaries (unless the rule says ``nonword: true``), lets a space match any run of white space,
and lets a straight apostrophe match a curly one, so rules read like the sentences they catch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

FLAGS = 2 | 256  # regex.IGNORECASE | regex.VERSION0 (regex is imported only when needed)


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


def lower_pattern(source: str) -> str:
    """Lower-case a pattern's literal letters, leaving escapes (``\\S``, ``\\p{Lu}``) intact."""
    out: list[str] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            escape = source[i + 1]
            end = i + 2
            if escape in "pPN" and source[end : end + 1] == "{":
                end = source.find("}", end) + 1 or len(source)
            out.append(source[i:end])
            i = end
            continue
        out.append(char.lower())
        i += 1
    return "".join(out)


def _edges(pattern: str) -> tuple[str, str]:
    """The word-boundary guards for one pattern: plain where its first or last character is
    surely a word character, conditional where it may not be (e.g. 'https?://', '\\[1\\]')."""
    from medlint.rules.literals import edge_kinds

    first, last = edge_kinds(pattern)
    start = {"word": r"(?<!\w)", "other": ""}.get(first, r"(?:(?<!\w)|(?!\w))")
    end = {"word": r"(?!\w)", "other": ""}.get(last, r"(?:(?!\w)|(?<!\w))")
    return start, end


def pattern_source(patterns: list[str], *, nonword: bool = False) -> str:
    """One alternation of all patterns, each bounded by word edges unless ``nonword``."""
    parts = []
    for pattern in patterns:
        wide = widen(pattern)
        if nonword:
            parts.append(f"(?:{wide})")
        else:
            start, end = _edges(wide)
            parts.append(f"{start}(?:{wide}){end}")
    return "|".join(parts)


def fast_form(source: str) -> str:
    """The form of a pattern source that the fast path compiles on ``re``: lower-cased when
    the pattern has no case-sensitive part (it then runs on lower-cased text), and behind a
    look-ahead for its possible first characters. Worked out when a pack is validated."""
    from medlint.rules.literals import with_first_chars

    if "(?-i" in source:
        return with_first_chars(source)  # compiled with IGNORECASE, like the source
    return with_first_chars(lower_pattern(source))


class Matcher:
    """A rule's patterns, compiled on first use, for speed where that is safe.

    Built-in patterns (vetted by the test suite) run on the standard ``re`` engine over
    lower-cased text, about four times faster than ``regex`` with IGNORECASE. Users' patterns
    run on ``regex`` with a timeout, so a catastrophic pattern cannot hang a run. Patterns with
    case-sensitive parts (``(?-i:...)``) always match the original text case-insensitively.
    ``fast`` is :func:`fast_form` of the source, if known already.
    """

    def __init__(
        self,
        source: str,
        *,
        trusted: bool = False,
        fast: str | None = None,
    ) -> None:
        self.source = source
        self.fast_source = fast
        self.trusted = trusted
        self.lowercase = "(?-i" not in source
        self.fast = False
        self._compiled: Any = None
        self._fallback: Any = None

    def _pattern(self) -> Any:
        if self._compiled is None:
            if self.trusted:
                fast = self.fast_source or fast_form(self.source)
                try:
                    flags = 0 if self.lowercase else re.IGNORECASE
                    self._compiled = re.compile(fast, flags)
                    self.fast = True
                    return self._compiled
                except re.error:
                    pass
            import regex

            if self.lowercase:
                self._compiled = regex.compile(lower_pattern(self.source), regex.VERSION0)
            else:
                self._compiled = regex.compile(self.source, FLAGS)
        return self._compiled

    def _original(self) -> Any:
        """Case-insensitive form for text whose lower case changes its length (rare)."""
        if self._fallback is None:
            import regex

            self._fallback = regex.compile(self.source, FLAGS)
        return self._fallback

    def finditer(
        self, text: str, lowered: str | None, pos: int, endpos: int, timeout: float | None
    ) -> Iterator[Any]:
        """Matches in ``text[pos:endpos]``; ``lowered`` is ``text.lower()`` or None."""
        compiled = self._pattern()
        if not self.lowercase:
            if self.fast:
                return compiled.finditer(text, pos, endpos)  # type: ignore[no-any-return]
            return compiled.finditer(text, pos, endpos, timeout=timeout)  # type: ignore[no-any-return]
        if lowered is None:
            return self._original().finditer(text, pos, endpos, timeout=timeout)  # type: ignore[no-any-return]
        if self.fast:
            return compiled.finditer(lowered, pos, endpos)  # type: ignore[no-any-return]
        return compiled.finditer(lowered, pos, endpos, timeout=timeout)  # type: ignore[no-any-return]

    def search(self, text: str, timeout: float | None = None, lowered: str | None = None) -> bool:
        """Whether the pattern occurs in ``text`` (``lowered``: ``text.lower()``, if known)."""
        compiled = self._pattern()
        if not self.lowercase:
            if self.fast:
                return compiled.search(text) is not None
            return compiled.search(text, timeout=timeout) is not None
        if lowered is None:
            lowered = text.lower()
        if len(lowered) != len(text):
            return self._original().search(text, timeout=timeout) is not None
        if self.fast:
            return compiled.search(lowered) is not None
        return compiled.search(lowered, timeout=timeout) is not None


class AnyMatcher:
    """A list that is only searched (``with``, ``unless``, ``requires``), in parts (see
    :func:`search_parts`); it is found when one part is.

    A part may come with literals, lower-case strings one of which each of its matches holds
    (its patterns run on lower-cased text): it is searched only where one of them occurs, a
    substring test that rules out most parts of an ``unless`` without calling the regex."""

    def __init__(self, parts: list[tuple[Matcher, tuple[str, ...] | None]]) -> None:
        self.parts = parts

    def search(self, text: str, timeout: float | None = None) -> bool:
        lowered = text.lower()  # once for all parts
        exact = len(lowered) == len(text)  # else a part matches the original text
        contains = lowered.__contains__
        for matcher, literals in self.parts:
            if literals is not None and exact and not any(map(contains, literals)):
                continue
            if matcher.search(text, timeout, lowered):
                return True
        return False


def search_parts(patterns: list[str]) -> list[list[Any]]:
    """A searched list in parts, ``[source, form compiled on re, literals or None]``:

    - each pattern that runs on lower-cased text and holds a required literal, alone: it is
      looked for only where one of its literals occurs (a substring test, far quicker than a
      regex search that fails, which is what most searches of ``unless`` do), and then in its
      :func:`search_form`;
    - the other patterns that run on lower-cased text, together;
    - the patterns with case-sensitive parts, on the slower case-insensitive match of the
      original text (one of them would otherwise put the whole list there). No literal guard:
      that match also finds case variants that lower-casing does not produce ("ſ" for "s").
    """
    from medlint.rules.literals import required_literals

    literal_of: dict[str, frozenset[str] | None] = {
        p: required_literals(widen(p)) for p in patterns
    }
    cased = [p for p in patterns if "(?-i" in p]
    guarded = [p for p in patterns if p not in cased and literal_of[p] is not None]
    unguarded = [p for p in patterns if p not in cased and literal_of[p] is None]
    parts: list[list[Any]] = []
    for pattern in guarded:
        source = pattern_source([pattern])
        parts.append([source, search_form(source), sorted(literal_of[pattern] or ())])
    for group in (unguarded, cased):
        if group:
            source = pattern_source(group)
            parts.append([source, fast_form(source), None])
    return parts


def search_form(source: str) -> str:
    """The form of a lower-case pattern that is only searched for, never iterated: when its
    matches start with one of a few characters, it consumes that character and checks behind
    it that the pattern matches from there. Starting with a literal character lets ``re`` jump
    to each place it occurs, in C: a search that fails runs some ten times faster than behind a
    look-ahead. The match found is one character long; whether there is one is exact."""
    from medlint.rules.literals import first_chars

    lowered = lower_pattern(source)
    chars = first_chars(lowered)
    if chars is None or len(chars) > 3:
        return fast_form(source)
    first = "".join(re.escape(c) for c in sorted(chars))
    return f"[{first}](?<=(?=(?:{lowered}))(?s:.))"


def matcher_for(options: Mapping[str, Any], key: str, trusted: bool) -> Matcher:
    """The Matcher for ``options[key]``, from the sources worked out at validation if any."""
    sources = options.get("sources") or {}
    source = sources.get(key)
    if not isinstance(source, str):
        nonword = bool(options.get("nonword")) and key == "patterns"
        return Matcher(pattern_source(list(options[key]), nonword=nonword), trusted=trusted)
    return Matcher(source, trusted=trusted, fast=sources.get(f"{key}:fast"))


def searcher_for(options: Mapping[str, Any], key: str, trusted: bool) -> Matcher | AnyMatcher:
    """What searches ``options[key]``, a list that is only searched, in the parts worked out
    at validation (see :func:`search_parts`)."""
    parts = (options.get("search_parts") or {}).get(key)
    if not parts:
        return matcher_for(options, key, trusted)
    return AnyMatcher(
        [
            (Matcher(source, trusted=trusted, fast=fast), tuple(literals) if literals else None)
            for source, fast, literals in parts
        ]
    )


def check_pattern(pattern: str) -> str | None:
    """None when ``pattern`` compiles, else a description of what is wrong."""
    import regex

    try:
        regex.compile(widen(pattern), FLAGS)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        where = f" at position {position}" if position is not None else ""
        return f"{getattr(exc, 'msg', exc)}{where}"
    return None
