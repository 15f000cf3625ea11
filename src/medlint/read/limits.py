"""Bounded reads of regular files: what medlint reads can neither hang it nor exhaust memory.

A FIFO opened for reading blocks until a writer comes, and ``/dev/zero`` never ends: either
would hang a pre-commit hook or a CMS save handler, silently. So every file medlint reads (a
file to lint, a rule pack, a configuration, a baseline, a .gitignore) is opened without
blocking, checked to be a regular file, and read no further than a size cap; standard input,
which cannot be checked that way, is read no further than the cap either. Each refusal is an
error naming the path and the limit.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from medlint.errors import MedlintError

MiB = 1024 * 1024
DEFAULT_MAX_FILE_SIZE = 128 * MiB  # a file to lint, standard input, a baseline
MAX_SETTINGS_SIZE = 2 * MiB  # a rule pack, a lexicon, a configuration file, a .gitignore
SIZE_HINT = "raise the limit with --max-file-size or max-file-size in the configuration"
PACK_HINT = "rule packs and configuration files are parsed whole; split the file"

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def mode_of(path: str | Path) -> int | None:
    """What ``os.stat`` says of ``path`` (links followed): its mode; None when nothing is
    there; 0 when it cannot be seen (a folder above it is unreadable), so that reading it says
    why. ``Path.exists`` and ``Path.is_dir`` raise PermissionError there instead."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError):  # ValueError: a NUL character in the name
        return 0


class LimitError(Exception):
    """Why a file was refused (not yet tied to a path or to an error type)."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words ("a FIFO")."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"


def not_regular(mode: int) -> str:
    return f"not a regular file ({kind_of(mode)}); medlint reads regular files only"


def size_text(size: int) -> str:
    """A byte count for people: ``256 MiB``, ``1.5 MiB``, ``900 bytes``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", MiB), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def too_large(limit: int, size: int | None = None) -> str:
    found = f" ({size_text(size)})" if size is not None else ""
    return f"larger than the {size_text(limit)} limit{found}"


def parse_size(value: object) -> int:
    """A size limit from a number of bytes or a text like ``500KB``, ``64MiB``, ``1.5 GB``
    (K, M and G are powers of 1000; KiB, MiB and GiB powers of 1024). ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"expected a size in bytes, got {value!r}")
    if isinstance(value, int):
        if value <= 0:
            raise ValueError(f"expected a positive size, got {value}")
        return value
    match = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or len(match.group(1)) > 30:
        raise ValueError(f"expected a size such as 1000000, 500KB or 64MiB, got {value!r}")
    unit = (match.group(2) or "").lower()
    factor = _UNITS[unit[:1]] if "i" not in unit else 1024 ** ("kmg".index(unit[0]) + 1)
    size = int(float(match.group(1)) * factor)
    if size <= 0:
        raise ValueError(f"expected a positive size, got {value!r}")
    return size


def open_regular(path: str | Path) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file; LimitError if it is not
    (a FIFO is opened without blocking, so that finding out never waits); OSError otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(mode):
            raise LimitError(not_regular(mode))
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """All of ``stream``, or LimitError once it passes ``limit`` bytes (never more is read)."""
    data = stream.read(limit + 1)
    if data is None:  # a non-blocking stream with nothing to read yet
        data = b""
    if len(data) > limit:
        raise LimitError(too_large(limit))
    return data


def read_file(path: Path, limit: int, error_type: type[MedlintError], hint: str) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; else ``error_type`` naming the path
    (``hint`` says what to do about a file too large)."""
    name = str(path)
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise error_type(too_large(limit, size), path=name, hint=hint)
            return read_capped(handle, limit)
    except LimitError as exc:
        raise error_type(str(exc), path=name, hint=hint if "limit" in str(exc) else None) from None
    except (OSError, ValueError) as exc:
        raise error_type(describe(exc), path=name) from None


def describe(exc: OSError | ValueError) -> str:
    """An error opening or reading a file, in words."""
    if isinstance(exc, ValueError):  # os.open refuses a name with a NUL character
        return f"invalid file name ({exc})"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"
