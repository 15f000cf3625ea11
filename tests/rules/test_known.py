"""The shipped facts of the built-in patterns: current, checked when read, never a change in
findings (see medlint.rules.known)."""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import medlint
from medlint.read import packs
from medlint.rules import derive, known, language, literals
from medlint.rules.known import Facts, decode, encode

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def shipped_bytes() -> bytes:
    return (packs.rules_folder() / known.FILE_NAME).read_bytes()


@pytest.fixture
def fresh_facts() -> Iterator[None]:
    """Forget the file read so far and what was derived from it, before and after the test."""
    _forget()
    yield
    _forget()


def _forget() -> None:
    known._shipped.cache_clear()
    language._shared_matcher.cache_clear()
    literals.required_literals.cache_clear()


def test_the_shipped_file_is_what_the_packs_give_now(shipped_bytes: bytes) -> None:
    assert shipped_bytes == derive.table(), "run: python -m medlint.rules.derive"
    assert derive.main(["--check"]) == 0


def test_every_built_in_pattern_is_in_the_file(shipped_bytes: bytes) -> None:
    facts = decode(shipped_bytes)
    assert facts is not None
    patterns = derive.builtin_patterns()
    assert len(patterns) > 500
    assert set(facts) == patterns
    assert any(entry.groups for entry in facts.values())
    assert any(entry.edges == ("word", "word") for entry in facts.values())


def test_the_file_round_trips() -> None:
    facts = {
        r"cures?\s+cancer": Facts(
            ("word", "word"), (frozenset({"cure"}), frozenset({"cancer"})), 4
        ),
        r"\d+%": Facts(("", "other"), (), 0),
    }
    assert decode(encode(facts)) == facts


def test_any_flipped_byte_is_caught_or_harmless(shipped_bytes: bytes) -> None:
    original = decode(shipped_bytes)
    header_end = shipped_bytes.index(b"\n")
    rng = random.Random(7)
    positions = list(range(header_end + 1)) + rng.sample(range(len(shipped_bytes)), 300)
    refused = 0
    for position in positions:
        for bit in (0x01, 0x20, 0x80):
            damaged = bytearray(shipped_bytes)
            damaged[position] ^= bit
            found = decode(bytes(damaged))
            # A flip inside the header's note changes nothing; anywhere else, the file is refused.
            assert found is None or found == original, position
            refused += found is None
    assert refused > len(positions)  # most flips are refused outright


@pytest.mark.parametrize(
    "damaged",
    [
        b"",
        b"\n",
        b"not json\n[]",
        b'{"format": 3, "crc32": 0}\n[]',
        b'{"format": 2, "crc32": 1}\n[]\n',
        b'{"format": 1, "crc32": 1}\n[]\n',
    ],
)
def test_damaged_files_are_refused(damaged: bytes) -> None:
    assert decode(damaged) is None


def test_entries_of_the_wrong_shape_are_refused() -> None:
    def one(entry: str) -> bytes:
        good = encode({"x": Facts(("", ""), (), 0)})
        body = f"[\n{entry}\n]\n".encode()
        return good.replace(good[good.index(b"\n") + 1 :], body)

    for entry in (
        '["abc", ["word"], [], 0]',  # one edge
        '["abc", ["word", "letter"], [], 0]',  # an unknown edge kind
        '["abc", ["word", "word"], [["Cure"]], 0]',  # upper case: never derived
        '["abc", ["word", "word"], [["ab"]], 0]',  # too short to be a required literal
        '["abc", ["word", "word"], [[]], 0]',  # an empty group
        '["abc", ["word", "word"], [["abc"], ["def"], ["ghi"]], 0]',  # more than two groups
        '[1, ["word", "word"], [], 0]',
        '["abc", [["word"], "word"], [], 0]',  # an unhashable edge: refused, not a crash
        '["abc", ["word", "word"], []]',  # no lead (the first format)
        '["abc", ["word", "word"], [], 4]',  # a lead longer than the pattern
        '["a(b)", ["word", "word"], [], 2]',  # a lead that is not letters
        '["abc", ["word", "word"], [], -1]',
        '["abc", ["word", "word"], [], true]',
        '["abc", ["word", "word"], [], 1.0]',
    ):
        raw = one(entry)
        # re-sign the body, so that only the entry's shape is wrong
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        header["crc32"] = zlib.crc32(body)
        assert decode(json.dumps(header).encode() + b"\n" + body) is None, entry


def _findings(paths: list[Path]) -> list[dict[str, object]]:
    _forget()
    linter = medlint.Linter(extend_select=["ALL"])
    return [finding.to_dict() for path in paths for finding in linter.lint_file(path)]


def test_a_damaged_or_foreign_file_changes_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_bytes: bytes, fresh_facts: None
) -> None:
    paths = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".md", ".txt", ".html"))
    assert paths
    expected = _findings(paths)
    assert expected  # the examples have findings to compare
    folder = tmp_path / "packs"
    folder.mkdir()
    for source in packs.rules_folder().iterdir():
        if source.suffix == ".yaml":
            (folder / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(packs, "rules_folder", lambda: folder)
    middle = len(shipped_bytes) // 2
    flipped = bytearray(shipped_bytes)
    flipped[middle] ^= 0x04
    foreign = encode({"cures? everything": Facts(("word", "word"), (frozenset({"zzz"}),), 4)})
    for content in (None, shipped_bytes[:middle], bytes(flipped), foreign):
        target = folder / known.FILE_NAME
        if content is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(content)
        assert _findings(paths) == expected
    # The comparison can fail: facts that lie (a literal no text holds) lose findings.
    lying = {
        pattern: Facts(entry.edges, (frozenset({"zzzzz"}),), entry.lead)
        for pattern, entry in (decode(shipped_bytes) or {}).items()
    }
    (folder / known.FILE_NAME).write_bytes(encode(lying))
    assert len(_findings(paths)) < len(expected)
