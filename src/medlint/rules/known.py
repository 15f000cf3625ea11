"""What the pattern parser says of each built-in pattern, worked out ahead of time.

Reading ~800 built-in patterns with our own parser (:mod:`medlint.rules.syntax`) for their
edge kinds and required literals was a third of a cold start, and its answers depend on the
pattern's text alone. So the answers for the built-in packs ship beside them, as plain data
(``rules/pattern-facts.json``, written by ``python -m medlint.rules.derive``; a test checks it
against a fresh derivation). It is data, never code or compiled state, and it is checked when
read: a header with its format and the CRC-32 of the body, then the body, every entry's type
and values. A file that is missing, truncated, altered or of another format is ignored: every
pattern is then read by the parser, with the same answers, only slower. An entry is found by
its pattern's full text, so a pattern the file does not know (a user's, or one edited since)
is simply derived.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Final, NamedTuple

from medlint.read.sealed import read_beside_packs, seal, unseal_json

FILE_NAME: Final = "pattern-facts.json"
FORMAT: Final = 2
_EDGES: Final = frozenset({"word", "other", ""})


class Facts(NamedTuple):
    """A widened pattern's edge kinds (see :func:`medlint.rules.syntax.edge_kinds`), its
    required literal groups, rarest first (see :func:`medlint.rules.literals.required_groups`),
    and its literal lead (see :func:`medlint.rules.syntax.literal_lead`)."""

    edges: tuple[str, str]
    groups: tuple[frozenset[str], ...]
    lead: int


def known_facts(pattern: str) -> Facts | None:
    """The shipped facts of a widened pattern, or None when the file does not hold them."""
    return _shipped().get(pattern)


@cache
def _shipped() -> dict[str, Facts]:
    raw = read_beside_packs(FILE_NAME)
    return (decode(raw) if raw is not None else None) or {}


def encode(facts: dict[str, Facts]) -> bytes:
    """The file's bytes: a header line, then the body (one entry per line, sorted)."""
    lines = [
        json.dumps(
            [pattern, list(entry.edges), [sorted(group) for group in entry.groups], entry.lead]
        )
        for pattern, entry in sorted(facts.items())
    ]
    return seal(("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8"), FORMAT)


def decode(raw: bytes) -> dict[str, Facts] | None:
    """The facts in a file's bytes, or None if anything about them is not as written."""
    entries = unseal_json(raw, FORMAT)
    if not isinstance(entries, list):
        return None
    found: dict[str, Facts] = {}
    for entry in entries:
        facts = _entry(entry)
        if facts is None or entry[0] in found:
            return None
        found[entry[0]] = facts
    return found


def _entry(entry: Any) -> Facts | None:
    """One ``[pattern, [first, last], [[literal, ...], ...], lead]``, checked, or None."""
    if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)):
        return None
    pattern, edges, groups, lead = entry
    if not (isinstance(edges, list) and len(edges) == 2):
        return None
    if not all(isinstance(edge, str) and edge in _EDGES for edge in edges):
        return None
    if not isinstance(groups, list) or len(groups) > 2:
        return None
    for group in groups:
        if not isinstance(group, list) or not group:
            return None
        if not all(_is_literal(literal) for literal in group):
            return None
    if not _is_lead(lead, pattern):
        return None
    return Facts((edges[0], edges[1]), tuple(frozenset(group) for group in groups), lead)


def _is_lead(lead: Any, pattern: str) -> bool:
    """A literal lead as the derivation gives them: the count of ASCII letters and digits
    that open the pattern, or fewer (0: none)."""
    if type(lead) is not int or lead < 0 or lead > len(pattern):
        return False
    opening = pattern[:lead]
    return opening.isascii() and (opening.isalnum() or not opening)


def _is_literal(literal: Any) -> bool:
    """A required literal as the derivation gives them: lower-case ASCII, 3 characters or more."""
    return (
        isinstance(literal, str)
        and len(literal) >= 3
        and literal.isascii()
        and literal == literal.lower()
    )
