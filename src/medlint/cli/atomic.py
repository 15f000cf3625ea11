"""Write a report or a baseline file whole or not at all, and only over a regular file.

The text goes to a temporary file beside the target, which then replaces it in one rename, so
no reader ever sees half a report. Only a regular file or a new path is written: renaming over
``/dev/full`` as root would replace the device with a file, and over a FIFO or a symbolic link
would silently put a file where the user had something else. The new file keeps the old one's
permission bits (and owner, where allowed); a new file gets those the umask gives, as any
program's would. The temporary file is removed on any failure that can be caught, including
SIGTERM and SIGHUP while it is written.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType


class WriteError(Exception):
    """Why the file could not be written (the message names no path; the caller adds it)."""


def write_atomically(target: str | Path, content: str | Iterable[str]) -> None:
    """Write ``content`` (a text, or pieces of one) to ``target``; WriteError if it cannot be."""
    destination = Path(target)
    mode, owner = _existing(destination)
    folder = destination.parent if str(destination.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{destination.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    try:
        with _cleanup_signals(), os.fdopen(handle, "w", encoding="utf-8") as stream:
            if hasattr(os, "fchmod"):  # POSIX
                os.fchmod(stream.fileno(), mode)
            if owner is not None and hasattr(os, "fchown"):
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(stream.fileno(), *owner)
            for piece in (content,) if isinstance(content, str) else content:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
            os.replace(temporary, destination)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # the old file, if any, is left as it was
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write: {exc.strerror or exc}") from None
        raise


def _existing(destination: Path) -> tuple[int, tuple[int, int] | None]:
    """The permission bits (and owner) to give the new file; WriteError when the path holds
    something other than a regular file."""
    try:
        info = os.lstat(destination)
    except FileNotFoundError:
        return 0o666 & ~_umask(), None
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(
            "is a symbolic link; medlint replaces only a regular file (name the file it "
            "points to, or a new path)"
        )
    if not stat.S_ISREG(info.st_mode):
        from medlint.read.limits import kind_of

        raise WriteError(
            f"is {kind_of(info.st_mode)}, not a regular file; medlint writes reports and "
            "baselines only to a regular file or a new path"
        )
    owner = (info.st_uid, info.st_gid)
    return stat.S_IMODE(info.st_mode), None if owner == _own() or -1 in _own() else owner


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _own() -> tuple[int, int]:
    if not hasattr(os, "geteuid"):  # Windows: no owners to keep
        return -1, -1
    return os.geteuid(), os.getegid()


_CAUGHT = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def _cleanup_signals() -> Iterator[None]:
    """While the temporary file exists, SIGTERM and SIGHUP (when nothing else handles them)
    raise SystemExit, so that the file is removed before the process ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in _CAUGHT}

    def stop(number: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    for number, handler in previous.items():
        if handler is signal.SIG_DFL:
            signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is signal.SIG_DFL:
                signal.signal(number, handler)
