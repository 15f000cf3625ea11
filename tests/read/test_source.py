"""Decoding files: a broken file is an InputError of that file (never an IndexError that ends
the run), wherever the blocks it is read in happen to be cut."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.errors import InputError
from medlint.read.source import decode, read_chunks, stream_chunks

CLAIM = "Our stem cells cure MS."


def chunks_of(data: bytes, block: int) -> str:
    return "".join(
        c.text for c in stream_chunks(io.BytesIO(data), "text", "t.txt", block_size=block)
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            CLAIM.encode() + b"\n\xc3",
            r"t.txt:2:1: not valid UTF-8 \(byte 0xc3 at the end of the file\)",
        ),
        (CLAIM.encode() + b" \xe2\x82", r"t.txt:1:25: not valid UTF-8 \(byte 0xe2 at the end"),
        (
            b"\xff\xfe" + "Our".encode("utf-16-le") + b"x",
            r"not valid UTF-16 \(truncated data at the end",
        ),
        (
            b"\xfe\xff" + "Our".encode("utf-16-be") + b"\x00",
            r"not valid UTF-16 \(truncated data at the end",
        ),
        (b"ok\nbad \xff byte", r"t.txt:2:5: not valid UTF-8 \(byte 0xff\)"),
    ],
)
@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_a_cut_or_broken_file_is_an_input_error(data: bytes, message: str, block: int) -> None:
    with pytest.raises(InputError, match=message):
        chunks_of(data, block)


def test_a_cut_file_on_disk(tmp_path: Path) -> None:
    cut = tmp_path / "cut.md"
    cut.write_bytes(CLAIM.encode() + "é".encode()[:1])
    with pytest.raises(InputError, match=r"cut\.md:1:24: not valid UTF-8"):
        list(read_chunks(cut, "markdown"))


def test_a_stream_past_its_cap_is_refused() -> None:
    with pytest.raises(InputError, match="larger than the 10 bytes limit"):
        list(stream_chunks(io.BytesIO(b"x" * 100), "text", "t.txt", limit=10, block_size=4))


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64), st.integers(1, 9), ENCODINGS, st.text(max_size=20))
def test_blocks_decode_as_the_whole_does(
    noise: bytes, block: int, encoding: str, text: str
) -> None:
    """Any bytes (text in any encoding medlint reads, cut anywhere, with noise): read a few
    bytes at a time, the text is what decoding the whole gives, or both refuse the file."""
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    for sample in (data, data[: len(data) // 2], data + noise, noise):
        try:
            whole: str | None = decode(sample, "t.txt")
        except InputError:
            whole = None
        try:
            pieces: str | None = chunks_of(sample, block)
        except InputError:
            pieces = None
        if whole is not None and whole.startswith("\ufeff"):
            whole = whole[1:]  # decode keeps a BOM after a UTF-16 one; lint_text drops it
        if pieces is not None and pieces.startswith("\ufeff"):
            pieces = pieces[1:]
        assert pieces == whole
