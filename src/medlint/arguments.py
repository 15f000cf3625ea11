"""Checks of the library's arguments: what a caller passes to ``Linter`` and its methods.

Python would fail on a wrong argument somewhere deep in the pipeline, with a TypeError or an
AttributeError that names medlint's internals (``'NoneType' object has no attribute
'startswith'``), or not at all (``select="OC01"`` read as the selectors O, C, 0 and 1). Each
entry point checks its arguments first and raises :class:`ArgumentError`, a ``MedlintError``
(and a ``TypeError``) that names the function, the argument and what it expects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from medlint.errors import ArgumentError, positive_number
from medlint.read.chunking import Chunk
from medlint.read.source import FORMATS, Format

WHERE = "<arguments>"
T = TypeVar("T")


def fail(function: str, problem: str, hint: str | None = None) -> ArgumentError:
    return ArgumentError(f"{function}(): {problem}", path=WHERE, hint=hint)


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _short(value: object) -> str:
    """A value for a message: its repr, cut (an int of thousands of digits has none)."""
    if isinstance(value, int) and value.bit_length() > 256:
        return "a huge number"
    return repr(value)[:40]


def text(value: object, function: str) -> str:
    """A text to lint: a str (bytes must be decoded first)."""
    if isinstance(value, str):
        return value
    hint = None
    if isinstance(value, bytes | bytearray | memoryview):
        hint = "decode it first, or use lint_file, which reads UTF-8 and UTF-16"
    raise fail(function, f"'text' must be a str, not {_kind(value)}", hint)


def format_name(value: object, function: str, name: str = "format") -> Format:
    """One of text, markdown and html."""
    for known in FORMATS:
        if value == known and isinstance(value, str):
            return known
    problem = (
        f"unknown format {value!r}"
        if isinstance(value, str)
        else f"'{name}' must be a str, not {_kind(value)}"
    )
    raise fail(function, problem, "expected text, markdown or html")


def path(value: object, function: str, *, optional: bool = False) -> str | None:
    """A file name as a str (a ``Path`` or other path-like object is converted)."""
    if value is None and optional:
        return None
    if isinstance(value, str | os.PathLike):
        name = os.fspath(value)
        if isinstance(name, str):
            return name
    expected = "a str or a Path" + (" (or None)" if optional else "")
    raise fail(function, f"'path' must be {expected}, not {_kind(value)}")


def selectors(value: object, name: str, function: str) -> list[str]:
    """Rule selectors: one str (a single selector, as ruff reads ``select = "E"``) or an
    iterable of non-empty strs."""
    items = _strings(value, name, function, "rule ids, names, id prefixes or categories")
    for item in items:
        if not item.strip():
            raise fail(
                function, f"'{name}' has an empty selector", "name a rule id, name or category"
            )
    return items


def rule_packs(value: object, function: str) -> list[str | Path]:
    """Rule pack files or folders: one str or Path, or an iterable of them."""
    if isinstance(value, str | Path):
        return [value]
    items = _iterable(value, "rules", function, "rule pack files or folders")
    for item in items:
        if not isinstance(item, str | Path):
            raise fail(function, f"'rules' must hold str or Path items, not {_kind(item)}")
    return items


def _strings(value: object, name: str, function: str, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = _iterable(value, name, function, what)
    for item in items:
        if not isinstance(item, str):
            raise fail(function, f"'{name}' must hold str items ({what}), not {_kind(item)}")
    return items


def _iterable(value: object, name: str, function: str, what: str) -> list[Any]:
    if isinstance(value, bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        raise fail(function, f"'{name}' must be a list of {what}, not {_kind(value)}")
    return list(value)


def severities(value: object, function: str) -> Mapping[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise fail(
            function,
            f"'severities' must map rule selectors to error, warning or info, not {_kind(value)}",
        )
    return value


def flag(value: object, name: str, function: str) -> bool:
    if not isinstance(value, bool):
        raise fail(function, f"'{name}' must be True or False, not {_kind(value)}")
    return value


def number(value: object, name: str, function: str, *, optional: bool = True) -> float | None:
    """A finite positive number (or None where that is allowed)."""
    if value is None and optional:
        return None
    if not positive_number(value):
        shown = _short(value) if isinstance(value, int | float) else _kind(value)
        raise fail(function, f"'{name}' must be a positive number, not {shown}")
    return float(value)  # type: ignore[arg-type]


def jobs(value: object, function: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(function, f"'jobs' must be an int of at least 1, not {_short(value)}")
    return value


def pool(value: T, function: str) -> T:
    """A pool of workers (see ``engine.parallel.Pool``) or None."""
    if value is not None and not (
        callable(getattr(value, "submit", None))
        and isinstance(getattr(value, "workers", None), int)
    ):
        raise fail(function, f"'pool' must have submit() and an int 'workers', not {_kind(value)}")
    return value


def size(value: object, function: str) -> int:
    """A size limit in bytes: an int, or a text such as ``64MiB`` (see ``read.limits``)."""
    from medlint.read.limits import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise fail(function, f"'max_file_size': {exc}") from None


def problems(value: object, function: str) -> list[Any] | None:
    if value is not None and not isinstance(value, list):
        raise fail(function, f"'problems' must be a list (or None), not {_kind(value)}")
    return value


def batch(texts: object) -> list[tuple[Sequence[Chunk], Format, str | None]]:
    """``lint_batch``'s texts, each a (chunks, format, path) tuple with a known format."""
    where = "lint_batch"
    if isinstance(texts, str | bytes) or not isinstance(texts, Iterable):
        raise fail(where, "'texts' must be a list of (chunks, format, path) tuples")
    checked: list[tuple[Sequence[Chunk], Format, str | None]] = []
    for item in texts:
        if not isinstance(item, tuple | list) or len(item) != 3:
            raise fail(
                where, f"each text must be a (chunks, format, path) tuple, not {_kind(item)}"
            )
        chunks, form, name = item
        if isinstance(chunks, str | bytes) or not isinstance(chunks, Iterable):
            raise fail(where, "a text's chunks must be a list of Chunk (see read.chunking.split)")
        pieces = list(chunks)
        if not all(isinstance(piece, Chunk) for piece in pieces):
            raise fail(where, "a text's chunks must be Chunk items (see read.chunking.split)")
        checked.append((pieces, format_name(form, where), path(name, where, optional=True)))
    return checked
