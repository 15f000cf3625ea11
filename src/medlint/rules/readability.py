"""Readability measures, computed the way textstat does but offline and fast.

textstat (>= 0.7.9) imports nltk and downloads the CMU dictionary at its first syllable count,
which fails offline; older releases load that dictionary for about a second. medlint uses
textstat's own fallback path instead: pyphen's hyphenation dictionary, one syllable more than
the hyphenation points of each word, and the Flesch-Kincaid formula textstat uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

WORD = re.compile(r"[^\W_][\w'’-]*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


LEFT = RIGHT = 2  # pyphen's defaults: no hyphen within 2 letters of either end of a word


_IGNORED = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
)
_NO_DIGITS = str.maketrans("", "", "0123456789")
# White space at either end of a line; the lines that are no pattern: empty ones and those
# of _IGNORED.
_PADDING = re.compile(r"^[ \t\r\f\v]+|[ \t\r\f\v]+$", re.MULTILINE)
_NOT_PATTERNS = re.compile(
    "^(?:" + "|".join(re.escape(prefix) for prefix in _IGNORED) + ").*$|^$", re.MULTILINE
)
Pattern = tuple[int, tuple[int, ...]]  # pyphen's form: where the values start, the values


@cache
def _patterns() -> tuple[dict[str, str | Pattern], int]:
    """pyphen's English patterns, by letters, and their longest key, read from pyphen's
    dictionary file (importing pyphen and building its objects take longer than linting a
    small file). A pattern is kept as written until a word needs it (see :func:`_pattern`). A
    dictionary with features this reader skips is left to pyphen itself."""
    import os
    from importlib.util import find_spec

    spec = find_spec("pyphen")
    text = ""
    if spec is not None and spec.origin is not None:
        path = os.path.join(os.path.dirname(spec.origin), "dictionaries", "hyph_en_US.dic")
        try:
            with open(path, encoding="utf-8") as stream:
                text = stream.read()
        except (OSError, UnicodeDecodeError):
            text = ""
    parsed = parse_dictionary(text)
    if parsed is None:
        import pyphen

        dictionary = pyphen.Pyphen(lang="en_US").hd
        return dict(dictionary.patterns), dictionary.maxlen
    return parsed


def parse_dictionary(text: str) -> tuple[dict[str, str | Pattern], int] | None:
    """The patterns of a hyphenation dictionary's text, by letters, and their longest key; None
    for a dictionary with features this reader skips."""
    if _padded(text):  # white space at either end of a line is no part of its pattern
        text = _PADDING.sub("", text)
    lines = text.split("\n")
    if lines[0].upper() != "UTF-8" or "/" in text or "^^" in text:
        return None
    # 11,000 lines keyed at once, in C (digits are single bytes in UTF-8); then the few that
    # are not patterns taken out
    keys = text.encode("utf-8").translate(None, b"0123456789").decode("utf-8").split("\n")
    patterns: dict[str, str | Pattern] = dict(zip(keys[1:], lines[1:], strict=True))
    for line in _NOT_PATTERNS.findall(text, len(lines[0])):
        patterns.pop(line.translate(_NO_DIGITS), None)
    return patterns, max(map(len, patterns))


def _pattern(written: str) -> Pattern | None:
    """A pattern as pyphen parses it ("a1b2" -> (1, (1, 2))), or None when all its values
    are 0 (pyphen drops such patterns)."""
    values: list[int] = [0]
    for char in written:
        if char.isdigit():
            values[-1] = int(char)
        else:
            values.append(0)
    if not any(values):
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def _padded(text: str) -> bool:
    """Whether a line may have white space at either end (found without a pattern: the
    shipped dictionary has none, and the pattern would cost more than the rest)."""
    return (
        any(char in text for char in "\t\r\f\v")
        or " \n" in text
        or "\n " in text
        or text.startswith(" ")
        or text.endswith(" ")
    )


def hyphenation_points(word: str) -> int:
    """How many hyphenation points pyphen finds in a lower-case word (its Liang algorithm,
    run on the same patterns, counting the points instead of building pyphen's objects)."""
    patterns, longest = _patterns()
    pointed = f".{word}."
    size = len(pointed)
    levels = [0] * (size + 1)
    for i in range(size - 1):
        for j in range(i + 1, min(i + longest, size) + 1):
            found = patterns.get(pointed[i:j])
            if found is None:
                continue
            if isinstance(found, str):  # first use: parse it, once
                parsed = _pattern(found)
                if parsed is None:
                    patterns.pop(pointed[i:j], None)
                    continue
                found = patterns[pointed[i:j]] = parsed
            offset, values = found
            at = i + offset
            for value in values:
                if value > levels[at]:
                    levels[at] = value
                at += 1
    # pyphen reports point i - 1 for an odd level at i, kept when LEFT <= i - 1 <= len - RIGHT
    return sum(1 for i in range(LEFT + 1, len(word) - RIGHT + 2) if levels[i] % 2)


def _count(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one (textstat's fallback)."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if not any(c.isalpha() for c in word):
        return 1
    return hyphenation_points(word) + 1


class _Memo(dict[str, int]):
    """Syllables per word as written; a miss is counted once (a text repeats its words)."""

    def __missing__(self, word: str) -> int:
        count = self[word] = _count(word)
        return count


_MEMO = _Memo()


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one (textstat's fallback)."""
    return _MEMO[word]


def count_syllables(words: Iterable[str]) -> int:
    """Syllables in all these words (one C-level loop over the memo)."""
    return sum(map(_MEMO.__getitem__, words))


def flesch_kincaid_grade(sentences: Iterable[str]) -> tuple[float, int]:
    """(grade, word count) over the sentences; grade 0.0 for no words."""
    sentence_count = word_count = syllable_count = 0
    for sentence in sentences:
        found = words(sentence)
        if not found:
            continue
        sentence_count += 1
        word_count += len(found)
        syllable_count += count_syllables(found)
    if not word_count:
        return 0.0, 0
    return grade(word_count, sentence_count, syllable_count), word_count


def grade(words: int, sentences: int, syllables: int) -> float:
    """The Flesch-Kincaid grade from counts (textstat's formula), to one decimal."""
    if not words or not sentences:
        return 0.0
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)
