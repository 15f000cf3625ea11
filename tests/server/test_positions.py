"""Offsets to LSP positions and back: LSP's line breaks, and code units in each encoding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medlint.server.positions import LineIndex


def test_lines_break_at_lf_crlf_and_cr_only() -> None:
    index = LineIndex("a\nb\r\nc\rd\u2028e\x0cf")
    assert index.starts == [0, 2, 5, 7]
    assert [index.line_text(n) for n in range(4)] == ["a", "b", "c", "d\u2028e\x0cf"]
    assert index.position(9) == (3, 2)  # U+2028 and form feed are no line breaks in LSP


@pytest.mark.parametrize(
    ("encoding", "character"), [("utf-16", 3), ("utf-32", 2), ("utf-8", 6), ("latin-1", 3)]
)
def test_characters_count_in_the_agreed_units(encoding: str, character: int) -> None:
    # 😀 is 2 UTF-16 units, 1 code point, 4 UTF-8 bytes; é 1, 1 and 2. Unknown: UTF-16.
    index = LineIndex("x\n😀é cures", encoding)
    offset = index.text.index(" cures")
    assert index.position(offset) == (1, character)
    assert index.offset(1, character) == offset


def test_positions_past_a_line_or_the_text_are_clamped() -> None:
    index = LineIndex("ab\ncd")
    assert index.offset(0, 99) == 2
    assert index.offset(7, 0) == 5
    assert index.offset(-1, 3) == 0
    assert index.position(99) == (1, 2)


texts = st.text(alphabet=st.sampled_from(["a", "é", "😀", "\n", "\r", " "]), max_size=30)


@given(texts, st.data(), st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_an_offset_survives_the_round_trip(text: str, data: st.DataObject, encoding: str) -> None:
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        return  # inside a line break: never where a finding starts or ends
    index = LineIndex(text, encoding)
    assert index.offset(*index.position(offset)) == offset
