"""The Linter: compiles the rules once, then lints any number of texts.

A Linter holds only immutable state once built (compiled rules, the lexicon), so one instance can
serve many threads: what a CMS plugin keeps between requests.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from medlint.context import Lexicon, default_lexicon
from medlint.document import FORMATS, Document, Format
from medlint.errors import ConfigError
from medlint.findings import Category, Finding, Severity
from medlint.prefilter import Prefilter
from medlint.ruleset import Rule, builtin_pack_paths, expand_paths, load_rules
from medlint.scan import Hit, Scan

_SPACE = regex.compile(r"\s+")
DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one text


@dataclass(frozen=True, slots=True)
class RuleProblem:
    """A rule that could not finish on a text (e.g. its pattern timed out); it was skipped."""

    rule: str
    path: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.path or '<text>'}: rule {self.rule} skipped: {self.problem}"


class Linter:
    """Compiled rules and lexicon; call :meth:`lint_text` or :meth:`lint_file` many times."""

    def __init__(
        self,
        *,
        rules: Iterable[str | Path] = (),
        builtin: bool = True,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        severities: Mapping[str, str] | None = None,
        lexicon: Lexicon | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        prefilter: bool = True,
    ) -> None:
        paths = builtin_pack_paths() if builtin else []
        paths += expand_paths(rules)
        self.all_rules: tuple[Rule, ...] = tuple(load_rules(paths))
        self.rules: tuple[Rule, ...] = self._choose(select, ignore)
        self.severities = self._severities(severities or {})
        self.lexicon = lexicon or default_lexicon()
        self.timeout = timeout
        self.prefilter_enabled = prefilter
        self._prefilter: list[Prefilter] = []  # built on first use, then never changed

    # --- selection ------------------------------------------------------------------------------

    def _matching(self, token: str, option: str) -> list[Rule]:
        token = token.strip()
        if token.upper() == "ALL":
            return list(self.all_rules)
        found = [
            r
            for r in self.all_rules
            if token in (r.id, r.name, r.category.value) or r.id.startswith(token)
        ]
        if not found:
            words = [w for r in self.all_rules for w in (r.id, r.name)] + [
                c.value for c in Category
            ]
            close = difflib.get_close_matches(token, words, n=1)
            raise ConfigError(
                f"{option}: no rule, name or category '{token}'",
                path="<options>",
                hint=f"did you mean '{close[0]}'?" if close else "see `medlint rules`",
            )
        return found

    def _choose(self, select: Iterable[str] | None, ignore: Iterable[str]) -> tuple[Rule, ...]:
        if select is None:
            chosen = {r.id for r in self.all_rules if r.enabled}
        else:
            chosen = {r.id for token in select for r in self._matching(token, "select")}
        for token in ignore:
            chosen -= {r.id for r in self._matching(token, "ignore")}
        return tuple(r for r in self.all_rules if r.id in chosen)

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

    # --- linting --------------------------------------------------------------------------------

    def lint_text(
        self, text: str, format: Format = "text", path: str | None = None
    ) -> list[Finding]:
        """Findings for one text, sorted by position."""
        return self.lint_document(Document(text, _check_format(format), path))

    def lint_file(self, path: str | Path, format: Format | None = None) -> list[Finding]:
        from medlint.source import format_for, read_text

        text = read_text(Path(path), str(path))
        return self.lint_text(text, format or format_for(path), str(path))

    def lint_document(
        self, document: Document, problems: list[RuleProblem] | None = None
    ) -> list[Finding]:
        scan = Scan(document, self.lexicon, self.timeout)
        candidates = self.prefilter().candidates(document) if self.prefilter_enabled else None
        findings: list[Finding] = []
        for rule in self.rules:
            sentences: Sequence[int] | None = None
            if candidates is not None and rule.anchors is not None:
                sentences = candidates.get(rule.id)
                if not sentences:
                    continue
            severity = self.severities.get(rule.id, rule.severity)
            try:
                hits = list(rule.checker.check(scan, severity, sentences))
            except TimeoutError:
                if problems is not None:
                    problems.append(
                        RuleProblem(rule.id, document.path, f"took over {self.timeout} s")
                    )
                continue
            findings.extend(self._finding(rule, hit, document) for hit in hits)
        findings.sort(key=lambda f: f.sort_key)
        return findings

    def prefilter(self) -> Prefilter:
        """The literal prefilter for the selected rules (built once, on first use)."""
        if not self._prefilter:
            self._prefilter.append(Prefilter(self.rules))
        return self._prefilter[0]

    @staticmethod
    def _finding(rule: Rule, hit: Hit, document: Document) -> Finding:
        start, end = document.source_span(hit.start, hit.end)
        line, column = document.position(start)
        end_line, end_column = document.end_position(end, start)
        shown = _SPACE.sub(" ", document.prose[hit.start : hit.end]).strip()
        message = rule.message.format_map({"match": shown, **hit.values})
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=hit.severity,
            message=message,
            match=document.text[start:end],
            suggestion=rule.suggest,
            path=document.path,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )


def _check_format(format: str) -> Format:
    if format not in FORMATS:
        raise ConfigError(
            f"unknown format {format!r}", path="<options>", hint="expected text, markdown or html"
        )
    return format


@cache
def default_linter() -> Linter:
    """A Linter with the built-in rules, built on first use and then shared (it is immutable)."""
    return Linter()
