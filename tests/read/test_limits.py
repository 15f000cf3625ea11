"""Bounded reads: only regular files are opened for reading (a FIFO would block forever), none is
read past its size cap (``/dev/zero`` never ends), and every refusal names the path."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

import pytest

from medlint.errors import ConfigError, InputError, RulePackError
from medlint.read.limits import (
    LimitError,
    mode_of,
    open_regular,
    parse_size,
    read_capped,
    read_file,
    size_text,
)
from medlint.read.source import read_chunks
from medlint.read.yamlfile import load_yaml_file

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def unblock(fifo: Path) -> threading.Timer:
    """A guard for a test that would otherwise hang on ``fifo`` if the fix regressed: after a
    while it opens the FIFO for writing, which lets a blocked reader go on (and fail)."""

    def release() -> None:
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK) if fifo.exists() else -1
        if descriptor >= 0:
            os.close(descriptor)

    def quietly() -> None:
        with contextlib.suppress(OSError):
            release()

    timer = threading.Timer(30, quietly)
    timer.daemon = True
    timer.start()
    return timer


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (1000, 1000),
        ("1000", 1000),
        ("500KB", 500_000),
        ("500 kb", 500_000),
        ("64MiB", 64 * 1024 * 1024),
        ("1.5 GB", 1_500_000_000),
        ("2k", 2000),
        ("3GiB", 3 * 1024**3),
    ],
)
def test_sizes_are_read_in_decimal_and_binary_units(text: object, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", [0, -5, "0", "ten", "5 parsecs", True, None, 1.5, "9" * 5000])
def test_a_bad_size_is_refused(text: object) -> None:
    with pytest.raises(ValueError, match="size"):
        parse_size(text)


def test_sizes_are_shown_for_people() -> None:
    assert [size_text(n) for n in (900, 2048, 128 * 1024 * 1024, 1536 * 1024)] == [
        "900 bytes",
        "2 KiB",
        "128 MiB",
        "1.5 MiB",
    ]


@needs_fifo
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    guard = unblock(fifo)
    try:
        with pytest.raises(LimitError, match=r"not a regular file \(a FIFO\)"):
            open_regular(fifo)
        with pytest.raises(InputError, match=r"x\.md: not a regular file"):
            list(read_chunks(fifo, "markdown"))
        with pytest.raises(RulePackError, match="not a regular file"):
            load_yaml_file(fifo, error_type=RulePackError)
    finally:
        guard.cancel()


@needs_dev_zero
def test_a_device_is_refused_everywhere() -> None:
    zero = Path("/dev/zero")
    with pytest.raises(InputError, match="/dev/zero: not a regular file \\(a character device\\)"):
        list(read_chunks(zero, "text"))
    with pytest.raises(ConfigError, match="a character device"):
        read_file(zero, 1000, ConfigError, "hint")
    with pytest.raises(RulePackError, match="a character device"):
        load_yaml_file(zero, error_type=RulePackError)


def test_a_file_past_its_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match=r"big.md: larger than the 4 KiB limit \(4.9 KiB\)"):
        list(read_chunks(big, "markdown", limit=4096))
    assert "".join(c.text for c in read_chunks(big, "markdown", limit=5000)) == "word " * 1000
    with pytest.raises(ConfigError, match="larger than the 100 bytes limit") as caught:
        read_file(big, 100, ConfigError, "split it")
    assert caught.value.hint == "split it"


def test_a_stream_is_read_no_further_than_its_cap() -> None:
    class Endless:
        def __init__(self) -> None:
            self.asked: list[int] = []

        def read(self, size: int) -> bytes:
            self.asked.append(size)
            return b"\0" * size

    stream = Endless()
    with pytest.raises(LimitError, match="larger than the 10 bytes limit"):
        read_capped(stream, 10)  # type: ignore[arg-type]
    assert stream.asked == [11]


def test_a_folder_and_a_missing_file_keep_their_messages(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        list(read_chunks(tmp_path, "text"))
    with pytest.raises(InputError, match="no such file"):
        list(read_chunks(tmp_path / "gone.md", "text"))
    with pytest.raises(InputError, match="invalid file name"):
        list(read_chunks(Path("a\0b.md"), "text"))


def test_mode_of_never_raises(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    assert stat.S_ISREG(mode_of(tmp_path / "a.md") or 0)
    assert stat.S_ISDIR(mode_of(tmp_path) or 0)
    assert mode_of(tmp_path / "missing") is None
    assert mode_of(tmp_path / "a.md" / "below") is None
    assert mode_of("a\0b") == 0
