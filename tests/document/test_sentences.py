"""Sentence splitting: the fast splitter cuts exactly where the plain reading of the rules does.

The reference below is the splitter as first written (one regex for the end of a sentence, then
the abbreviation and lower-case checks in Python); the fast one does the checks inside a single
pattern. They must agree on any text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import _ABBREVIATIONS, Document, looks_like_heading

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[.!?…]+[\"'”’)\]]*$")
# An abbreviation written with a capital ("Ms") is matched as written: "MS." ends a sentence.
_ABBREVIATION = re.compile(
    r"\b(?:"
    + "|".join(re.escape(a) if a.islower() else f"(?-i:{re.escape(a)})" for a in _ABBREVIATIONS)
    + r"|[^\W\d_])$",
    re.IGNORECASE,
)
_SOFT = re.compile(r"\n[^\S\n]*(?=\S)")


def reference_sentences(prose: str, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """(start, end, text, heading) of each sentence of one paragraph, the plain way."""
    block = prose[start:end]
    cuts = {0, len(block)}
    for m in _END.finditer(block):
        if block[m.start()] == "." and _ABBREVIATION.search(block[: m.start()]):
            continue
        following = re.compile(r"\s*(\S)").match(block, m.end())
        if following is not None and following.group(1).islower():
            continue
        cuts.add(m.end())
    cuts.update(m.start() for m in _SOFT.finditer(block) if not block[m.end()].islower())
    cuts.update(m.end() for m in re.finditer(r":[^\S\n]*\n", block))
    found = []
    for a, b in pairwise(sorted(cuts)):
        piece = block[a:b]
        if piece.strip():
            s = start + a + len(piece) - len(piece.lstrip())
            text = piece.strip()
            found.append((s, s + len(text), text, looks_like_heading(text)))
    return found


_PIECES = st.sampled_from(
    [
        *("e.g.", "Dr.", "J.", "etc.", "Ph.D.", "word", "Word", "cure", "x", "ok", "MS", "u.s."),
        *(".", "..", "!", "?", "…", "?!", '."', ".’", ".)", " ", " ", "  ", "\n", ":\n", "—"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_sentences_match_the_reference(text: str) -> None:
    document = Document(text)
    expected = [
        sentence
        for paragraph in document.paragraphs
        for sentence in reference_sentences(document.prose, paragraph.start, paragraph.end)
    ]
    found = [(s.start, s.end, s.text, s.heading) for s in document.sentences]
    assert found == expected


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "See Dr. Smith, e.g. on Monday. J. Doe agreed! Then it ended."
    assert [s.text for s in Document(text).sentences] == [
        "See Dr. Smith, e.g. on Monday.",
        "J. Doe agreed!",
        "Then it ended.",
    ]


def test_the_disease_ms_ends_a_sentence_but_the_title_ms_does_not() -> None:
    assert [s.text for s in Document("Stem cells cure MS. Shop now.").sentences] == [
        "Stem cells cure MS.",
        "Shop now.",
    ]
    assert len(Document("Ms. Smith said so.").sentences) == 1
