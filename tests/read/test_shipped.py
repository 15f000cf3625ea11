"""The built-in YAML files' shipped parse: the same values as parsing them, taken only for the
exact bytes it was made from, checked when read (see medlint.read.shipped)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medlint.errors import RulePackError
from medlint.read import packs, shipped
from medlint.read.located import LocatedDict, LocatedList
from medlint.read.yamlfile import load_yaml_file
from medlint.read.yamlparse import parse

BUILTIN = sorted(packs.rules_folder().glob("*.yaml"))


@pytest.fixture
def fresh_table() -> Iterator[None]:
    shipped._table.cache_clear()
    yield
    shipped._table.cache_clear()


def _plain(value: Any) -> Any:
    """A parsed value as plain data, its top-level places kept."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _places(value: Any) -> Any:
    if isinstance(value, LocatedList):
        return (value.line, value.column, value.item_positions)
    if isinstance(value, LocatedDict):
        return (value.line, value.column, value.key_positions)
    return None


def test_every_built_in_file_is_shipped_with_its_parse() -> None:
    assert len(BUILTIN) >= 10
    for path in BUILTIN:
        raw = path.read_bytes()
        found = shipped.shipped_parse(path, raw)
        assert found is not None, path.name
        parsed = parse(raw.decode("utf-8"), path=path.name, error_type=RulePackError)
        assert _plain(found.value) == _plain(parsed), path.name
        assert _places(found.value) == _places(parsed), path.name
        assert _places(found.value) is not None


def test_only_the_exact_bytes_of_a_built_in_file_are_taken(tmp_path: Path) -> None:
    path = next(p for p in BUILTIN if p.name == "overclaim.yaml")
    raw = path.read_bytes()
    assert shipped.shipped_parse(path, raw + b"\n# edited\n") is None
    elsewhere = tmp_path / path.name  # the same name and bytes outside the built-in folder
    elsewhere.write_bytes(raw)
    assert shipped.shipped_parse(elsewhere, raw) is None
    rules = load_yaml_file(elsewhere, error_type=RulePackError)  # parsed, as any user file
    assert _plain(rules) == _plain(shipped.shipped_parse(path, raw).value)  # type: ignore[union-attr]


def test_pyyaml_is_not_imported_to_lint_with_the_built_in_rules() -> None:
    code = (
        "import sys, medlint; medlint.Linter(extend_select=['ALL'])"
        ".lint_text('Stem cells cure MS.'); print('yaml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def _shipped_bytes() -> bytes:
    return (packs.rules_folder() / shipped.FILE_NAME).read_bytes()


def test_any_flipped_byte_is_caught_or_harmless() -> None:
    original = _shipped_bytes()
    expected = shipped.decode(original)
    assert expected
    rng = random.Random(11)
    positions = list(range(original.index(b"\n") + 1)) + rng.sample(range(len(original)), 300)
    refused = 0
    for position in positions:
        damaged = bytearray(original)
        damaged[position] ^= 0x02
        found = shipped.decode(bytes(damaged))
        assert found is None or found == expected, position
        refused += found is None
    assert refused > len(positions) // 2


@pytest.mark.parametrize(
    "entry",
    [
        {"crc32": 1, "at": [1, 1], "places": [[1, 3]], "data": []},  # places without items
        {"crc32": 1, "at": [1, 1], "places": {"a": [1, 1]}, "data": {"b": 1}},
        {"crc32": 1, "at": [1], "places": None, "data": "x"},
        {"crc32": "1", "at": [1, 1], "places": None, "data": "x"},
        {"crc32": 1, "at": [1, 1], "places": None, "data": [1]},  # a list without places
        {"crc32": 1, "at": [1, 1], "places": [[1, -1]], "data": [1]},
        {"crc32": 1, "at": [1, 1], "places": None},
    ],
)
def test_entries_of_the_wrong_shape_are_refused(entry: dict[str, Any]) -> None:
    body = json.dumps({"x.yaml": entry}).encode()
    header = json.dumps({"format": shipped.FORMAT, "crc32": zlib.crc32(body)}).encode()
    assert shipped.decode(header + b"\n" + body + b"\n") is None


def test_a_damaged_or_missing_file_gives_the_same_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_table: None
) -> None:
    original = _shipped_bytes()
    folder = tmp_path / "packs"
    folder.mkdir()
    for path in BUILTIN:
        (folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(packs, "rules_folder", lambda: folder)
    expected = {
        path.name: _plain(parse(path.read_text("utf-8"), path=path.name, error_type=RulePackError))
        for path in BUILTIN
    }
    truncated = original[: len(original) // 2]
    flipped = bytearray(original)
    flipped[len(original) // 3] ^= 0x10
    for content in (None, truncated, bytes(flipped), original):
        target = folder / shipped.FILE_NAME
        if content is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(content)
        shipped._table.cache_clear()
        for path in BUILTIN:
            found = load_yaml_file(folder / path.name, error_type=RulePackError)
            assert _plain(found) == expected[path.name], path.name
        assert bool(shipped._table()) == (content == original)
