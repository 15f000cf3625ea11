"""Readability measures, computed the way textstat does but offline and fast.

textstat (>= 0.7.9) imports nltk and downloads the CMU dictionary at its first syllable count,
which fails offline; older releases load that dictionary for about a second. medlint uses
textstat's own fallback path instead: pyphen's hyphenation dictionary, one syllable more than
the hyphenation points of each word, and the Flesch-Kincaid formula textstat uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from medlint import fastre

_WORD = fastre.compile(r"[^\W_][\w'’-]*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@cache
def _hyphenator() -> Any:
    """pyphen's English hyphenator; its parsed patterns are kept in medlint's cache, since
    parsing the dictionary takes longer than linting a small file."""
    import pyphen

    from medlint import cache as store

    patterns = store.load_pickle("pyphen-en_US", pyphen.__version__)
    if patterns is not None:
        try:
            hyphen = pyphen.Pyphen.__new__(pyphen.Pyphen)
            hyphen.left, hyphen.right = 2, 2  # pyphen's defaults
            dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
            dictionary.patterns, maxlen = patterns
            dictionary.maxlen = maxlen
            dictionary.cache = {}
            hyphen.hd = dictionary
            if hyphen.positions("hyphenation") == [2, 6]:  # prove the restored object works
                return hyphen
        except Exception:  # a cache from another pyphen: parse the dictionary instead
            pass
    hyphen = pyphen.Pyphen(lang="en_US")
    store.store_pickle("pyphen-en_US", pyphen.__version__, (hyphen.hd.patterns, hyphen.hd.maxlen))
    return hyphen


def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one (textstat's fallback)."""
    return _syllables(word.lower())


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Memoised per lower-cased word: a text repeats its words, hyphenation is the cost."""
    word = word.strip("'’-")
    if not word:
        return 0
    if not any(c.isalpha() for c in word):
        return 1
    return len(_hyphenator().positions(word)) + 1


def flesch_kincaid_grade(sentences: Iterable[str]) -> tuple[float, int]:
    """(grade, word count) over the sentences; grade 0.0 for no words."""
    sentence_count = word_count = syllable_count = 0
    for sentence in sentences:
        found = words(sentence)
        if not found:
            continue
        sentence_count += 1
        word_count += len(found)
        syllable_count += sum(syllables(w) for w in found)
    if not word_count:
        return 0.0, 0
    return grade(word_count, sentence_count, syllable_count), word_count


def grade(words: int, sentences: int, syllables: int) -> float:
    """The Flesch-Kincaid grade from counts (textstat's formula), to one decimal."""
    if not words or not sentences:
        return 0.0
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)
