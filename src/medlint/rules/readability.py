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


@cache
def _patterns() -> tuple[dict[str, tuple[int, tuple[int, ...]]], int]:
    """pyphen's parsed English patterns and their longest key. They are kept in medlint's
    cache: importing pyphen and parsing its dictionary take longer than linting a small file."""
    from medlint import cache as store

    stamp = _dictionary_stamp()
    stored = store.load_data("pyphen-en_US", stamp)
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict):
        return stored
    import pyphen

    dictionary = pyphen.Pyphen(lang="en_US").hd
    parsed = (dictionary.patterns, dictionary.maxlen)
    store.store_data("pyphen-en_US", stamp, parsed)
    return parsed


@cache
def _dictionary_stamp() -> str:
    """Names the installed pyphen dictionary (path, size, time) without importing pyphen."""
    import os
    from importlib.util import find_spec

    spec = find_spec("pyphen")
    if spec is None or spec.origin is None:
        return "missing"  # importing pyphen below then says what is wrong
    path = os.path.join(os.path.dirname(spec.origin), "dictionaries", "hyph_en_US.dic")
    try:
        stat = os.stat(path)
    except OSError:
        return "missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


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


_MEMO: _Memo | None = None
_SAVED_WORDS = 50_000  # the most words kept in the cache between runs


def _memo() -> _Memo:
    """The memo, started from the words earlier runs counted, so a small file usually needs
    no hyphenation at all; saved back at exit when it grew."""
    global _MEMO
    if _MEMO is None:
        import atexit

        from medlint import cache as store

        stored = store.load_data("syllables", _dictionary_stamp())
        _MEMO = _Memo(stored if isinstance(stored, dict) else {})
        known = len(_MEMO)
        atexit.register(_save_memo, known)
    return _MEMO


def _save_memo(known: int) -> None:
    if _MEMO is None or len(_MEMO) == known or known >= _SAVED_WORDS:
        return
    from itertools import islice

    from medlint import cache as store

    kept = dict(islice(_MEMO.items(), _SAVED_WORDS))
    store.store_data("syllables", _dictionary_stamp(), kept)


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one (textstat's fallback)."""
    return _memo()[word]


def count_syllables(words: Iterable[str]) -> int:
    """Syllables in all these words (one C-level loop over the memo)."""
    return sum(map(_memo().__getitem__, words))


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
