"""A rule as loaded: its fields (defaults applied) and its compiled body, built on first use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from medlint.findings import Category, Severity
from medlint.rules.kinds import Checker, load_kind


class Reference(NamedTuple):
    title: str
    url: str


class Rule(NamedTuple):
    """One rule as loaded (defaults applied) and compiled."""

    id: str
    name: str
    category: Category
    severity: Severity
    kind: str
    message: str
    suggest: str
    why: str
    references: tuple[Reference, ...]
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    enabled: bool
    options: Mapping[str, Any]
    source: str
    line: int
    compiled: dict[str, Any]  # a memo of what is built from the rule on first use; give it {}
    builtin: bool = False  # shipped with medlint: its patterns are vetted, so they run on re
    # The kinds of page it applies to: {"only": (...), "skip": (...), "lower": (...)}; empty: all.
    profile: Mapping[str, tuple[str, ...]] = {}
    # Pattern lists that name vocabularies, as written ({{citation}}); ``options`` holds them
    # expanded. Shown by ``medlint rule``.
    written: Mapping[str, tuple[str, ...]] = {}

    @property
    def checker(self) -> Checker:
        """The compiled rule body, built on first use (most rules never run on a small file)."""
        checker = self.compiled.get("checker")
        if checker is None:
            checker = load_kind(self.kind).build(self.options, trusted=self.builtin)
            self.compiled["checker"] = checker
        return checker

    @property
    def whole_document(self) -> bool:
        """True for rules that judge the whole text (a missing statement, a reading grade)."""
        return self.kind == "document" or (
            self.kind == "metric" and (self.options.get("scope") or "document") == "document"
        )

    @property
    def anchors(self) -> tuple[tuple[frozenset[str], ...], ...] | None:
        """The prefilter's clauses of literal groups (see :func:`medlint.rules.literals.clauses`):
        a sentence can match only if, for one clause, it holds a literal of every group of that
        clause. None: the rule reads every sentence."""
        found: tuple[tuple[frozenset[str], ...], ...] | None = getattr(
            self.checker, "anchors", None
        )
        return found

    @property
    def summary(self) -> str:
        """The message with its placeholders shown, for ``medlint rules``."""
        return (
            self.message.replace("{match}", "…").replace("{value}", "N").replace("{threshold}", "N")
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "kind": self.kind,
            "enabled": self.enabled,
            "message": self.message,
            "why": self.why,
            "suggest": self.suggest,
            "references": [{"title": r.title, "url": r.url} for r in self.references],
            "options": {
                k: list(v) if isinstance(v, tuple) else v
                for k, v in {**self.options, **self.written}.items()
            },
            "profile": {key: list(names) for key, names in self.profile.items()},
            "examples": {"flag": list(self.flag_examples), "pass": list(self.pass_examples)},
            "source": self.source,
        }
