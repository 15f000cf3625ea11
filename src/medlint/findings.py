"""Findings: what a rule reports, as plain immutable data.

Offsets are half-open ``[start, end)`` indices into the linted text (after BOM removal);
lines and columns are 1-based, columns count characters and ``end_column`` is exclusive.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def lowered(self) -> Severity:
        """One level less severe (info stays info): used for hedged or hypothetical claims."""
        return {Severity.ERROR: Severity.WARNING}.get(self, Severity.INFO)


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Category(StrEnum):
    """The ten kinds of problem medlint reports."""

    OVERCLAIM = "overclaim"
    HYPE = "hype"
    RISK = "risk"
    EVIDENCE = "evidence"
    MECHANISM = "mechanism"
    DISCLAIMER = "disclaimer"
    CONFLICT = "conflict"
    TESTIMONIAL = "testimonial"
    ALTMED = "altmed"
    READABILITY = "readability"
    SUPPRESSION = "suppression"  # medlint's own notes on suppression comments, not a rule pack


RULE_CATEGORIES = tuple(c for c in Category if c is not Category.SUPPRESSION)


class Finding(NamedTuple):
    """One problem at one place in one text."""

    rule: str
    name: str
    category: Category
    severity: Severity
    # The message is filled in when asked for (a big text can have 100,000s of findings):
    # ``template`` with ``{match}`` and the ``values`` (e.g. ``{value}`` of a metric).
    template: str
    match: str
    suggestion: str
    path: str | None
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    values: Mapping[str, object] | None = None
    # What the fingerprint is made of, kept so it is computed only when a report or baseline
    # asks for it: the matched prose (white space folded) and the sentence around it.
    shown: str = ""  # "" when it equals ``match``
    sentence: str = ""
    profile: str = ""  # how medlint read the page: promotional, informational, warning, scholarly
    related: tuple[str, ...] = ()  # rules whose findings on the same words this one stands for

    @property
    def message(self) -> str:
        values: dict[str, object] = {"match": self.shown or self.match}
        if self.values:
            values.update(self.values)
        return self.template.format_map(values)

    @property
    def fingerprint(self) -> str:
        """An identity that survives lines moving: rule, matched words, their sentence."""
        return fingerprint(self.rule, self.shown or self.match, self.sentence)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.start, self.end, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``--format json`` for this finding."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "start": self.start,
            "end": self.end,
            "fingerprint": self.fingerprint,
            "profile": self.profile,
            "related": list(self.related),
        }


def fingerprint(rule: str, match: str, sentence: str) -> str:
    """Hash of the rule, the normalised match and the normalised sentence (20 hex digits)."""
    import hashlib

    data = "\0".join((rule, _normal(match), _normal(sentence))).encode()
    return hashlib.sha256(data).hexdigest()[:20]


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()
