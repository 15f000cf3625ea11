"""Chunks: the same whatever the size of the blocks fed, and placed exactly in the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.read.chunking import Chunk, Chunker, split

PIECES = ["Our cells cure MS.", "\n\n", "\n", "```\n", "<!-- x -->", "<p>", "</p>", " ", "\r\n"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=60).map("".join)


def fed_in_blocks(text: str, format: str, sizes: list[int]) -> list[Chunk]:
    chunker = Chunker(format, target=24, hard=80)
    chunks: list[Chunk] = []
    position = 0
    for size in sizes:
        chunks += chunker.feed(text[position : position + size])
        position += size
    chunks += chunker.feed(text[position:])
    chunks += chunker.close()
    return chunks


def place(text: str, offset: int) -> tuple[int, int]:
    """1-based line and 0-based column of ``offset``, counting \\r\\n, \\r and \\n as breaks."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n") - 1


@settings(max_examples=200, deadline=None)
@given(
    text=texts,
    format=st.sampled_from(["text", "markdown", "html"]),
    sizes=st.lists(st.integers(0, 40), max_size=10),
)
def test_blocks_of_any_size_give_the_same_chunks(text: str, format: str, sizes: list[int]) -> None:
    whole = list(split(text, format, target=24, hard=80))
    assert fed_in_blocks(text, format, sizes) == whole
    assert "".join(c.text for c in whole) == text
    for chunk in whole:
        assert text[chunk.start : chunk.start + len(chunk.text)] == chunk.text
        assert (chunk.line, chunk.column) == place(text, chunk.start)
        # A carriage return and its line feed are never cut apart (lines would shift by one).
        assert not (text[: chunk.start].endswith("\r") and chunk.text.startswith("\n"))


def test_a_long_line_is_cut_at_white_space_within_the_limit() -> None:
    text = "word " * 100
    chunks = list(split(text, "text", target=24, hard=80))
    assert "".join(c.text for c in chunks) == text
    assert all(len(c.text) <= 80 for c in chunks)
    assert all(c.text.endswith(" ") for c in chunks)


def test_an_empty_text_is_one_empty_chunk() -> None:
    assert list(split("", "markdown")) == [Chunk("", 0, 1, 0)]


def test_a_carriage_return_at_the_end_of_a_block_waits_for_its_line_feed() -> None:
    """The 1 MiB cut of a line with no white space fell between \\r and \\n when a block read
    from the file ended there: every later line number was one too high."""
    chunker = Chunker("markdown", target=4, hard=10)
    chunks = [*chunker.feed("x" * 9 + "\r"), *chunker.feed("\nOur cells cure MS.\r\n")]
    chunks += chunker.close()
    assert chunks[0].text == "x" * 9 + "\r\n"
    assert chunks[1].line == 2


def test_a_code_block_longer_than_a_chunk_is_carried_into_the_next() -> None:
    text = "```\n" + "x = 1\n" * 50 + "```\n\nOur cells cure MS.\n"
    chunks = list(split(text, "markdown", target=10, hard=100))
    assert len(chunks) > 3
    assert [c.carry for c in chunks] == [""] + ["fence:```"] * (len(chunks) - 1)
