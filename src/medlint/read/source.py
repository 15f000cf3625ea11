"""Read files to lint: bytes to text, format from the file name, clear errors otherwise."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from medlint.errors import InputError
from medlint.read.chunking import Chunk, Chunker

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


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; binary and broken text are errors."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
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


BLOCK = 1 << 20  # bytes read at a time


def read_chunks(path: Path, format: Format, display: str | None = None) -> Iterator[Chunk]:
    """The file's text as chunks, read and decoded a block at a time (see ``chunking``)."""
    name = display or str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    with handle:
        chunker = Chunker(format)
        try:
            first = handle.read(BLOCK)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        utf16 = first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "utf-8-sig")()
        consumed = lines = 0
        last_newline = -1
        block = first
        while True:
            final = not block
            if not utf16 and b"\x00" in block:
                raise InputError("binary file (contains NUL bytes); expected text", path=name)
            try:
                text = decoder.decode(block, final=final)
            except UnicodeDecodeError as exc:
                at = consumed + exc.start
                within = block[: exc.start]
                line = lines + within.count(b"\n") + 1
                newline = within.rfind(b"\n")
                start_of_line = consumed + newline + 1 if newline >= 0 else last_newline + 1
                raise InputError(
                    f"not valid {'UTF-16' if utf16 else 'UTF-8'} (byte 0x{block[exc.start]:02x}); "
                    "expected UTF-8 text",
                    path=name,
                    line=line,
                    column=at - start_of_line + 1,
                    hint="re-save the file as UTF-8",
                ) from None
            yield from chunker.feed(text)
            if final:
                break
            newline = block.rfind(b"\n")
            if newline >= 0:
                last_newline = consumed + newline
            lines += block.count(b"\n")
            consumed += len(block)
            try:
                block = handle.read(BLOCK)
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
        yield from chunker.close()
