"""The built-in YAML files (``rules/*.yaml``) as parsed ahead of time, shipped beside them.

Importing PyYAML and parsing the built-in packs, vocabularies, lexicon and profiles was a sixth
of a cold start, for the same values every run. ``rules/parsed-packs.json`` holds each file's
values, plain JSON, with the CRC-32 of the YAML bytes it was parsed from and the places of its
top-level items (what a rule's line number comes from); ``python -m medlint.rules.derive``
writes it and a test checks it against a fresh parse. A file is taken from it only when its
bytes are the ones parsed (an edited pack is parsed again), and the values then go through the
same checks as parsed ones (the rule schema, the lexicon's, the profiles'). The shipped file is
read with the CRC-32 of its body checked, and every entry's shape: anything not as written,
and the YAML is parsed instead. Nested mappings and lists come back plain, not located: they
are placed only in error messages, which a file that passed the tests does not produce.
"""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from medlint.read.located import LocatedDict, LocatedList
from medlint.read.sealed import read_beside_packs, seal, unseal_json

FILE_NAME: Final = "parsed-packs.json"
FORMAT: Final = 1


class Shipped(NamedTuple):
    value: Any  # what the YAML parser gives for the file (None for an empty one)


class _Entry(NamedTuple):
    crc: int  # of the YAML bytes
    at: tuple[int, int]  # the top-level node's line and column
    places: list[tuple[int, int]] | dict[str, tuple[int, int]] | None  # its items' or keys'
    data: Any


def shipped_parse(path: Path, raw: bytes) -> Shipped | None:
    """The shipped values of a built-in file whose bytes are ``raw``, or None."""
    table = _table()
    entry = table.get(path.name) if table else None
    if entry is None or entry.crc != zlib.crc32(raw) or not _is_builtin(path):
        return None
    return Shipped(_located(entry))


def _is_builtin(path: Path) -> bool:
    from medlint.read.packs import rules_folder

    try:
        return path.parent.resolve() == rules_folder().resolve()
    except (OSError, ImportError):
        return False


@cache
def _table() -> dict[str, _Entry]:
    raw = read_beside_packs(FILE_NAME)
    return (decode(raw) if raw is not None else None) or {}


def _located(entry: _Entry) -> Any:
    data, places = entry.data, entry.places
    if isinstance(places, list):
        items = LocatedList()
        items.extend(data)
        items.item_positions = list(places)
        items.line, items.column = entry.at
        return items
    if isinstance(places, dict):
        mapping = LocatedDict()
        mapping.update(data)
        mapping.key_positions = dict(places)
        mapping.line, mapping.column = entry.at
        return mapping
    return data


def encode(files: dict[str, tuple[bytes, Any]]) -> bytes:
    """The file's bytes for these built-in files (name -> (YAML bytes, parsed value))."""
    body_entries = {}
    for name, (raw, value) in sorted(files.items()):
        places: Any = None
        if isinstance(value, LocatedList):
            places = [list(place) for place in value.item_positions]
        elif isinstance(value, LocatedDict):
            places = {key: list(place) for key, place in value.key_positions.items()}
        at = [getattr(value, "line", 0), getattr(value, "column", 0)]
        body_entries[name] = {"crc32": zlib.crc32(raw), "at": at, "places": places, "data": value}
    body = json.dumps(body_entries, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return seal(body + b"\n", FORMAT)


def decode(raw: bytes) -> dict[str, _Entry] | None:
    """The entries in a file's bytes, or None if anything about them is not as written."""
    entries = unseal_json(raw, FORMAT)
    if not isinstance(entries, dict):
        return None
    found: dict[str, _Entry] = {}
    for name, entry in entries.items():
        checked = _entry(entry)
        if checked is None:
            return None
        found[name] = checked
    return found


def _entry(entry: Any) -> _Entry | None:
    if not isinstance(entry, dict) or set(entry) != {"crc32", "at", "places", "data"}:
        return None
    crc, at, places, data = entry["crc32"], entry["at"], entry["places"], entry["data"]
    if not (isinstance(crc, int) and _is_place(at)):
        return None
    if isinstance(places, list):
        if not isinstance(data, list) or len(places) != len(data):
            return None
        if not all(_is_place(place) for place in places):
            return None
        return _Entry(crc, (at[0], at[1]), [(p[0], p[1]) for p in places], data)
    if isinstance(places, dict):
        if not isinstance(data, dict) or set(places) != set(data):
            return None
        if not all(_is_place(place) for place in places.values()):
            return None
        return _Entry(crc, (at[0], at[1]), {k: (p[0], p[1]) for k, p in places.items()}, data)
    if places is not None or isinstance(data, (list, dict)):
        return None
    return _Entry(crc, (at[0], at[1]), None, data)


def _is_place(place: Any) -> bool:
    return (
        isinstance(place, list)
        and len(place) == 2
        and all(type(number) is int and number >= 0 for number in place)
    )
