"""Where the lexicon's cue phrases occur in a sentence: one pass of an Aho-Corasick automaton.

A phrase is found as words of its own, the way a word-bounded regex finds it: no word
character (``re``'s ``\\w``) just before or after it, any run of white space where the phrase
has a space, a straight or a curly apostrophe where it has one. ``n't`` is the one kind of
phrase that starts inside a word: right after a word character, and only there. Where several
phrases start at one place, the longest that ends at a word's edge is found; the scan goes on
after it, so the phrases inside it ("not" in "not only") are not found again. This is what
``re.finditer`` finds with ``(?<!\\w)(?:phrase|...)(?!\\w)|(?<=\\w)(?:n't|...)(?!\\w)``, longer
phrases first (the lexicon's regex until this module); the automaton is built in a fraction of
a millisecond, where compiling that regex took several at every start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

import ahocorasick

_SPACES = re.compile(r"\s+")
_SUFFIX = "n'"  # the phrases that start inside a word ("n't")


def _is_word(char: str) -> bool:
    """``re``'s ``\\w`` for one character: a letter, a digit or a number of any script, or _."""
    return char.isalnum() or char == "_"


class PhraseFinder:
    """Finds normalised phrases (lower case, single spaces, straight apostrophes)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._automaton: Any = ahocorasick.Automaton()
        for phrase in phrases:
            self._automaton.add_word(phrase, phrase)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, lowered: str) -> list[tuple[int, int, str]]:
        """``(start, end, phrase)`` of each phrase in ``lowered`` (a lower-cased sentence), in
        order; the offsets are ``lowered``'s own."""
        if self._empty:
            return []
        text = _SPACES.sub(" ", lowered.replace("’", "'"))
        size = len(text)
        # where a phrase starts -> where the longest one found there ends, and the phrase
        longest: dict[int, tuple[int, str]] = {}
        for last, phrase in self._automaton.iter(text):
            end = last + 1
            if end < size and _is_word(text[end]):
                continue
            start = end - len(phrase)
            inside_word = start > 0 and _is_word(text[start - 1])
            if inside_word == phrase.startswith(_SUFFIX):
                longest[start] = (end, phrase)  # found in order of their ends: longer later
        found: list[tuple[int, int, str]] = []
        after = 0
        for start in sorted(longest):
            if start >= after:
                after, phrase = longest[start]
                found.append((start, after, phrase))
        if found and size != len(lowered):
            return _unsqueezed(found, lowered)
        return found


def _unsqueezed(found: list[tuple[int, int, str]], lowered: str) -> list[tuple[int, int, str]]:
    """``found`` in a text whose runs of white space were one space each, placed in the text
    itself: each run of two or more characters before a place moves it on by its length - 1."""
    marks: list[int] = []  # where a long run stood in the squeezed text
    shifts: list[int] = []  # the characters dropped up to and including that run
    dropped = 0
    for run in _SPACES.finditer(lowered):
        length = run.end() - run.start()
        if length > 1:
            marks.append(run.start() - dropped)
            dropped += length - 1
            shifts.append(dropped)

    def place(at: int) -> int:  # ``at``: a character that is no white space
        runs = bisect_right(marks, at)
        return at + (shifts[runs - 1] if runs else 0)

    return [(place(start), place(end - 1) + 1, phrase) for start, end, phrase in found]
