"""Turn the plain-words patterns of a rule into compiled regular expressions.

Rule authors write phrases; regex syntax is allowed where it pays. The engine adds word
boundaries (unless the rule says ``nonword: true``), lets a space match any run of white space,
and lets a straight apostrophe match a curly one, so rules read like the sentences they catch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

FLAGS = regex.IGNORECASE | regex.VERSION0


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


def _lower_pattern(source: str) -> str:
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
    from medlint.literals import edge_kinds

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


class Matcher:
    """A rule's patterns, compiled for speed where that is safe.

    Built-in patterns (vetted by the test suite) run on the standard ``re`` engine over
    lower-cased text, about four times faster than ``regex`` with IGNORECASE. Users' patterns
    run on ``regex`` with a timeout, so a catastrophic pattern cannot hang a run. Patterns with
    case-sensitive parts (``(?-i:...)``) always match the original text case-insensitively.
    """

    def __init__(self, patterns: list[str], *, nonword: bool = False, trusted: bool = False):
        self.source = pattern_source(patterns, nonword=nonword)
        self.lowercase = "(?-i" not in self.source
        self.fast = False
        self._fallback: regex.Pattern[str] | None = None
        compiled: re.Pattern[str] | regex.Pattern[str] | None = None
        if self.lowercase:
            lowered = _lower_pattern(self.source)
            if trusted:
                try:
                    compiled = re.compile(lowered)
                    self.fast = True
                except re.error:
                    compiled = None
            if compiled is None:
                compiled = regex.compile(lowered, regex.VERSION0)
        else:
            compiled = regex.compile(self.source, FLAGS)
        self._compiled = compiled

    def _original(self) -> regex.Pattern[str]:
        """Case-insensitive form for text whose lower case changes its length (rare)."""
        if self._fallback is None:
            self._fallback = regex.compile(self.source, FLAGS)
        return self._fallback

    def finditer(
        self, text: str, lowered: str | None, pos: int, endpos: int, timeout: float | None
    ) -> Iterator[re.Match[str] | regex.Match[str]]:
        """Matches in ``text[pos:endpos]``; ``lowered`` is ``text.lower()`` (same length) or None."""
        if not self.lowercase:
            return self._compiled.finditer(text, pos, endpos, timeout=timeout)  # type: ignore[call-arg]
        if lowered is None:
            return self._original().finditer(text, pos, endpos, timeout=timeout)
        if self.fast:
            return self._compiled.finditer(lowered, pos, endpos)
        return self._compiled.finditer(lowered, pos, endpos, timeout=timeout)  # type: ignore[call-arg]

    def search(self, text: str, timeout: float | None = None) -> bool:
        lowered = text.lower()
        if len(lowered) != len(text):
            return self._original().search(text, timeout=timeout) is not None
        if not self.lowercase:
            return self._compiled.search(text, timeout=timeout) is not None  # type: ignore[call-arg]
        if self.fast:
            return self._compiled.search(lowered) is not None
        return self._compiled.search(lowered, timeout=timeout) is not None  # type: ignore[call-arg]


def compile_patterns(
    patterns: list[str], *, nonword: bool = False, trusted: bool = False
) -> Matcher:
    return Matcher(patterns, nonword=nonword, trusted=trusted)


def check_pattern(pattern: str) -> str | None:
    """None when ``pattern`` compiles, else a description of what is wrong."""
    try:
        regex.compile(widen(pattern), FLAGS)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        where = f" at position {position}" if position is not None else ""
        return f"{getattr(exc, 'msg', exc)}{where}"
    return None
