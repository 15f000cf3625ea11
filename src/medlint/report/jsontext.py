"""JSON text in the layout of ``json.dumps(value, indent=2, ensure_ascii=False)``, in pieces.

The standard library falls back to its pure-Python encoder as soon as ``indent`` is set, and
it builds the whole text at once: for a report of 100,000s of findings that took seconds and
gigabytes. Here each scalar goes through the C encoder, and a long array is written a batch
of items at a time, so a report never exists whole in memory. The text is byte for byte what
``json.dumps`` gives (``tests/report/test_jsontext.py`` compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

_scalar = json.JSONEncoder(ensure_ascii=False).encode
_string: Callable[[str], str] = json.encoder.encode_basestring  # in C where it can be
_flat_encoders: dict[int, Callable[[Any], str]] = {}
BATCH = 1000  # items of an array per piece


def dumps(value: Any, level: int = 0) -> str:
    """``value`` as indented JSON, its first line at indentation ``level`` (in steps of 2)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        return _object(value, level)
    if kind is list or kind is tuple:
        return _array(value, level)
    if isinstance(value, Mapping):
        return _object(dict(value), level)
    if isinstance(value, list | tuple):
        return _array(value, level)
    return _scalar(value)


def _object(value: dict[Any, Any], level: int) -> str:
    if not value:
        return "{}"
    inner = "\n" + "  " * (level + 1)
    if all(type(v) in _SCALARS for v in value.values()):
        # All scalars (a finding): one call of the C encoder, its separator the indent.
        return "{" + inner + _flat(level)(value)[1:-1] + "\n" + "  " * level + "}"
    members = (f"{_key(k)}: {dumps(v, level + 1)}" for k, v in value.items())
    return "{" + inner + ("," + inner).join(members) + "\n" + "  " * level + "}"


def _array(value: list[Any] | tuple[Any, ...], level: int) -> str:
    if not value:
        return "[]"
    inner = "\n" + "  " * (level + 1)
    items = (dumps(item, level + 1) for item in value)
    return "[" + inner + ("," + inner).join(items) + "\n" + "  " * level + "]"


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _flat(level: int) -> Callable[[Any], str]:
    """The C encoder for an object of scalars whose members are at ``level + 1``."""
    encoder = _flat_encoders.get(level)
    if encoder is None:
        encoder = _flat_encoders[level] = _c_encoder(",\n" + "  " * (level + 1))
    return encoder


def _c_encoder(separator: str) -> Callable[[Any], str]:
    """``JSONEncoder(separators=(separator, ": ")).encode``, without the Python-level set-up
    that ``encode`` repeats on every call (a third of the time for a small object), where the
    interpreter has the C encoder."""
    standard = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return standard.encode
    try:
        chunks = make(None, standard.default, _string, None, ": ", separator, False, False, True)
        probe = {"a": [1.5, None, True], "é": "\n"}
        if "".join(chunks(probe, 0)) != standard.encode(probe):
            return standard.encode
    except (TypeError, ValueError):
        return standard.encode
    return lambda value: "".join(chunks(value, 0))


def array_pieces(items: Iterable[Any], level: int = 0) -> Iterator[str]:
    """A JSON array of ``items`` at indentation ``level``, in pieces of up to BATCH items."""
    inner = "\n" + "  " * (level + 1)
    batch: list[str] = []
    first = True
    for item in items:
        batch.append(("[" if first else ",") + inner + dumps(item, level + 1))
        first = False
        if len(batch) >= BATCH:
            yield "".join(batch)
            batch.clear()
    batch.append("[]" if first else "\n" + "  " * level + "]")
    yield "".join(batch)


def document_pieces(value: Mapping[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``value`` as JSON with ``items`` as the array at its (unique, possibly nested) member
    ``key``, which ``value`` holds as None: the one long array is written in pieces."""
    marker = "\0medlint-array\0"
    text = dumps(_with_marker(value, key, marker))
    head, found, tail = text.partition(f"{_key(key)}: {_scalar(marker)}")
    if not found:
        raise ValueError(f"no member {key!r} to fill in")
    level = (len(head) - head.rfind("\n") - 1) // 2  # the marker's line holds only its indent
    yield head + f"{_key(key)}: "
    yield from array_pieces(items, level)
    yield tail


def _with_marker(value: Any, key: str, marker: str) -> Any:
    if isinstance(value, Mapping):
        return {
            k: marker if k == key and v is None else _with_marker(v, key, marker)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_with_marker(v, key, marker) for v in value]
    return value


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON object keys here are strings, not {type(key).__name__}")
    return _string(key)
