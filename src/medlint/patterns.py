"""Turn the plain-words patterns of a rule into compiled regular expressions.

Rule authors write phrases; regex syntax is allowed where it pays. The engine adds word
boundaries (unless the rule says ``nonword: true``), lets a space match any run of white space,
and lets a straight apostrophe match a curly one, so rules read like the sentences they catch.
"""

from __future__ import annotations

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


def pattern_source(patterns: list[str], *, nonword: bool = False) -> str:
    """One alternation of all patterns, bounded by word edges unless ``nonword``."""
    body = "|".join(f"(?:{widen(p)})" for p in patterns)
    if nonword:
        return body
    # Word edges apply only where the match itself starts or ends with a word character, so
    # patterns such as 'https?://' or '\\[\\d+\\]' still match next to letters.
    return rf"(?:(?<!\w)|(?!\w))(?:{body})(?:(?!\w)|(?<!\w))"


def compile_patterns(patterns: list[str], *, nonword: bool = False) -> regex.Pattern[str]:
    return regex.compile(pattern_source(patterns, nonword=nonword), FLAGS)


def check_pattern(pattern: str) -> str | None:
    """None when ``pattern`` compiles, else a description of what is wrong."""
    try:
        regex.compile(widen(pattern), FLAGS)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        where = f" at position {position}" if position is not None else ""
        return f"{getattr(exc, 'msg', exc)}{where}"
    return None
