"""Read files to lint: bytes to text, format from the file name, clear errors otherwise."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from medlint.errors import InputError
from medlint.read.chunking import Chunk, Chunker
from medlint.read.limits import (
    DEFAULT_MAX_FILE_SIZE,
    SIZE_HINT,
    LimitError,
    describe,
    open_regular,
    read_capped,
    too_large,
)

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "markdown",  # its JSX and ES module lines masked first (see ``is_mdx``)
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def format_for(path: str | Path, default: Format = "text") -> Format:
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), default)


def is_mdx(path: str | Path | None) -> bool:
    """Whether a file is MDX: Markdown whose JSX and ``import``/``export`` lines are code."""
    return path is not None and Path(path).suffix.lower() == ".mdx"


def codec_of(head: bytes) -> str:
    """The codec a text is read with, from its first bytes: UTF-16 when they are its BOM, else
    UTF-8 (a BOM, if any, dropped)."""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return "utf-16" if utf16 else "utf-8-sig"


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; binary and broken text are errors."""
    if codec_of(data) == "utf-16":
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text ({exc.reason})", path=path) from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes); expected text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[offset]:02x}); expected UTF-8 text",
            path=path,
            line=line,
            column=column,
            hint="re-save the file as UTF-8",
        ) from None


def read_standard_input(name: str, limit: int) -> bytes:
    """Standard input, read no further than ``limit`` bytes; ``name`` is what errors call it."""
    import sys

    stream = sys.stdin
    if stream is None:  # the process was started with its standard input closed
        raise InputError("standard input is closed", path=name)
    try:
        return read_capped(stream.buffer, limit)
    except LimitError as exc:
        raise InputError(str(exc), path=name, hint=SIZE_HINT) from None
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        raise InputError(f"cannot read standard input: {exc}", path=name) from None


BLOCK = 1 << 20  # bytes read at a time


def read_chunks(
    path: Path, format: Format, display: str | None = None, limit: int = DEFAULT_MAX_FILE_SIZE
) -> Iterator[Chunk]:
    """The file's text as chunks, read and decoded a block at a time (see ``chunking``). Only
    a regular file of at most ``limit`` bytes is read (see ``read.limits``)."""
    name = display or str(path)
    try:
        handle = open_regular(path)
    except LimitError as exc:
        raise InputError(str(exc), path=name) from None
    except (OSError, ValueError) as exc:
        raise InputError(describe(exc), path=name) from None
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise InputError(too_large(limit, size), path=name, hint=SIZE_HINT)
        yield from stream_chunks(handle, format, name, limit)


def stream_chunks(
    handle: BinaryIO,
    format: Format,
    name: str,
    limit: int = DEFAULT_MAX_FILE_SIZE,
    block_size: int = BLOCK,
) -> Iterator[Chunk]:
    """The text of a binary stream as chunks, decoded ``block_size`` bytes at a time: UTF-8
    (with or without BOM) or UTF-16 with a BOM; binary or broken text is an InputError (with
    the line and column of the first bad byte in UTF-8), and so is a stream past ``limit``."""
    chunker = Chunker(format)
    first = _read(handle, block_size, name)
    while 0 < len(first) < 2:  # the byte order mark decides the encoding: read it whole
        more = _read(handle, block_size, name)
        if not more:
            break
        first += more
    codec = codec_of(first)
    utf16 = codec == "utf-16"
    decoder = codecs.getincrementaldecoder(codec)()
    consumed = lines = 0  # bytes and line breaks before ``block``
    last_newline = -1  # the offset of the last \n before ``block``
    block = first
    while True:
        final = not block
        if not utf16 and b"\x00" in block:
            raise InputError("binary file (contains NUL bytes); expected text", path=name)
        try:
            text = decoder.decode(block, final=final)
        except UnicodeDecodeError as exc:
            raise _decoding_error(exc, block, consumed, lines, last_newline, utf16, name) from None
        if final and decoder.getstate()[0]:  # utf-8-sig keeps a cut BOM without a word
            held = decoder.getstate()[0]
            error = UnicodeDecodeError("utf-8", held, 0, len(held), "unexpected end of data")
            raise _decoding_error(error, block, consumed, lines, last_newline, utf16, name)
        yield from chunker.feed(text)
        if final:
            break
        newline = block.rfind(b"\n")
        if newline >= 0:
            last_newline = consumed + newline
        lines += block.count(b"\n")
        consumed += len(block)
        if consumed > limit:
            raise InputError(too_large(limit), path=name, hint=SIZE_HINT)
        block = _read(handle, min(block_size, limit + 1 - consumed), name)
    yield from chunker.close()


def _read(handle: BinaryIO, size: int, name: str) -> bytes:
    try:
        return handle.read(size) or b""
    except OSError as exc:
        raise InputError(describe(exc), path=name) from None


def _decoding_error(
    exc: UnicodeDecodeError,
    block: bytes,
    consumed: int,
    lines: int,
    last_newline: int,
    utf16: bool,
    name: str,
) -> InputError:
    """Where the decoder failed, as an error. The decoder may still hold the first bytes of a
    character from the block before (``exc.object`` is those bytes and then ``block``), so a
    file cut in a character fails only at its end, in bytes that ``block`` does not hold."""
    data = exc.object
    held = len(data) - len(block)  # bytes carried over from the block before
    at = consumed - held + exc.start  # the bad byte's offset in the file
    ending = "" if block else " at the end of the file"
    if utf16:
        return InputError(
            f"not valid UTF-16 ({exc.reason}{ending or f' at byte {at}'})",
            path=name,
            hint="re-save the file as UTF-8",
        )
    within = data[held : exc.start] if exc.start > held else b""
    newline = within.rfind(b"\n")
    start_of_line = consumed + newline + 1 if newline >= 0 else last_newline + 1
    return InputError(
        f"not valid UTF-8 (byte 0x{data[exc.start]:02x}{ending}); expected UTF-8 text",
        path=name,
        line=lines + within.count(b"\n") + 1,
        column=at - start_of_line + 1,
        hint="re-save the file as UTF-8",
    )
