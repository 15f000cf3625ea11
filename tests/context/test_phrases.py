"""The cue phrase finder finds what a word-bounded regex over the same phrases finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.context.lexicon import default_lexicon
from medlint.context.phrases import PhraseFinder
from medlint.document.model import lower


def _as_regex(phrases: list[str]) -> re.Pattern[str]:
    """The phrases as the lexicon's regex had them: word-bounded, longer first, any white space
    for a space, either apostrophe for one; "n't" phrases only right after a word character."""

    def source(group: list[str]) -> str:
        ordered = sorted(group, key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in ordered)

    words = [p for p in phrases if not p.startswith("n'")]
    suffixes = [p for p in phrases if p.startswith("n'")]
    parts = []
    if words:
        parts.append(rf"(?<!\w)(?:{source(words)})(?!\w)")
    if suffixes:
        parts.append(rf"(?<=\w)(?:{source(suffixes)})(?!\w)")
    return re.compile("|".join(parts))


def _by_regex(phrases: list[str], text: str) -> list[tuple[int, int, str]]:
    lowered = lower(text)
    return [
        (m.start(), m.end(), " ".join(m.group().replace("’", "'").split()))
        for m in _as_regex(phrases).finditer(lowered)
    ]


SMALL = ["no", "not", "not only", "no longer", "n't", "can't", "may", "may not", "but", "x_1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is not only safe.", [(6, 14, "not only")]),  # the longer phrase hides "not"
        ("It is not on time.", [(6, 9, "not")]),  # "not only" needs its whole last word
        ("We don't know.", [(5, 8, "n't")]),  # the one phrase that starts inside a word
        ("A n't alone.", []),  # ... and only there
        ("It can’t hurt.", [(3, 8, "can't")]),  # a curly apostrophe
        ("No  \n  longer, but nothing more.", [(0, 13, "no longer"), (15, 18, "but")]),
        ("Nota bene: annotated.", []),  # never inside a word
    ],
)
def test_phrases_in_examples(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert PhraseFinder(SMALL).find(lower(text)) == expected
    assert _by_regex(SMALL, text) == expected


_OTHER_PIECES = [*"no only long er ca do x _ 1 é ' ’ , . - İ ǅ".split(), " ", "  ", "\n", " \t "]
_PIECES = st.sampled_from([*SMALL, *_OTHER_PIECES])


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_the_same_phrases_as_the_regex(text: str) -> None:
    assert PhraseFinder(SMALL).find(lower(text)) == _by_regex(SMALL, text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_built_in_lexicon_finds_what_the_regex_finds(data: st.DataObject) -> None:
    phrases = sorted(default_lexicon().entries)
    pieces = data.draw(
        st.lists(st.sampled_from(phrases) | st.sampled_from([" ", "  \n", "’", "x", "."]))
    )
    text = " ".join(pieces)
    assert PhraseFinder(phrases).find(lower(text)) == _by_regex(phrases, text)


def test_no_phrases_find_nothing() -> None:
    assert PhraseFinder([]).find("no longer") == []
