"""Which rules run, and at what severity: selectors (ids, names, id prefixes, categories,
``ALL``) resolved against the loaded rules.

Selection is the first filter: it is worked out before the rules run (a rule that is not
selected costs nothing), and the same resolver reads the names in suppression comments and
per-file ignores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from medlint.errors import ConfigError
from medlint.findings import Category, Severity
from medlint.rules.rule import Rule

UNUSED = ("MD100", "unused-suppression")
UNKNOWN = ("MD101", "unknown-rule-in-suppression")
META_RULES = (UNUSED, UNKNOWN)  # medlint's own notes on suppression comments


class SelectorError(ConfigError):
    """A selector that stands for no rule; ``option`` and ``token`` say which, so that the
    caller can name the configuration file that holds it."""

    def __init__(self, problem: str, *, option: str, token: str, hint: str | None) -> None:
        super().__init__(problem, path="<options>", hint=hint)
        self.option = option
        self.token = token


class Selection:
    """The rules chosen from ``all_rules``, their severity overrides, and the meta rules
    (MD100, MD101) left on."""

    def __init__(
        self,
        all_rules: Sequence[Rule],
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severities: Mapping[str, str] | None = None,
    ) -> None:
        self.all_rules = tuple(all_rules)
        self.meta_rules = frozenset(meta[0] for meta in META_RULES)
        if select is None:
            chosen = {r.id for r in self.all_rules if r.enabled}
        else:
            chosen = {r.id for token in select for r in self._matching(token, "select")}
        for token in extend_select:
            chosen |= {r.id for r in self._matching(token, "extend-select")}
        for token in ignore:
            chosen -= {r.id for r in self._matching(token, "ignore")}
            self.meta_rules -= self.resolve(token) or frozenset()
        self.rules: tuple[Rule, ...] = tuple(r for r in self.all_rules if r.id in chosen)
        self.severities = self._severities(severities or {})

    def resolve(self, token: str) -> frozenset[str] | None:
        """Rule ids a selector stands for (id, name, id prefix, category or ALL), else None."""
        token = token.strip()
        if token.upper() == "ALL":
            return frozenset(r.id for r in self.all_rules)
        found = frozenset(
            r.id
            for r in self.all_rules
            if token in (r.id, r.name, r.category.value) or r.id.startswith(token)
        )
        if not found and any(token in meta for meta in META_RULES):
            return frozenset(meta[0] for meta in META_RULES if token in meta)
        return found or None

    @property
    def known_names(self) -> list[str]:
        """Every id, name and category a user may write (for did-you-mean hints)."""
        return [w for r in self.all_rules for w in (r.id, r.name)] + [c.value for c in Category]

    def _matching(self, token: str, option: str) -> list[Rule]:
        if not token.strip():  # every id starts with "": it would select every rule
            raise SelectorError(
                f"{option}: an empty selector",
                option=option,
                token=token,
                hint="name a rule id, name, id prefix or category",
            )
        ids = self.resolve(token)
        if ids is None:
            from difflib import get_close_matches

            close = get_close_matches(token, self.known_names, n=1)
            raise SelectorError(
                f"{option}: no rule, name or category '{token}'",
                option=option,
                token=token,
                hint=f"did you mean '{close[0]}'?" if close else "see `medlint rules`",
            )
        return [r for r in self.all_rules if r.id in ids]

    def _severities(self, overrides: Mapping[str, str]) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        for token, level in overrides.items():
            if level not in {s.value for s in Severity}:
                raise ConfigError(
                    f"severity for '{token}' must be error, warning or info, got {level!r}",
                    path="<options>",
                )
            for rule in self._matching(token, "severity"):
                result[rule.id] = Severity(level)
        return result

    def rule(self, key: str) -> Rule | None:
        """The rule with this id or name (case-insensitive id), loaded or not selected."""
        for rule in self.all_rules:
            if key in (rule.id, rule.name) or key.upper() == rule.id.upper():
                return rule
        return None
