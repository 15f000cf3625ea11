"""Run rules' own examples: each ``flag`` sentence must be reported, each ``pass`` must not.

Used by ``medlint test-rules`` and by the test suite, so a rule pack proves itself the same way
everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from medlint.linter import Linter
    from medlint.rules.rule import Rule


class ExampleResult(NamedTuple):
    """One example of one rule, and what the rule reported on it."""

    rule: str
    expect: Literal["flag", "pass"]
    number: int  # the example's place in its list, from 1
    text: str
    matches: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return bool(self.matches) == (self.expect == "flag")

    @property
    def test_id(self) -> str:
        return f"{self.rule}-{self.expect}-{self.number}"

    def describe(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        detail = ""
        if not self.ok:
            detail = (
                " expected a finding, got none"
                if self.expect == "flag"
                else f" expected none, got {', '.join(repr(m) for m in self.matches)}"
            )
        return f"{status} {self.test_id}:{detail} {self.text!r}"


def check_example(linter: Linter, rule: Rule, text: str) -> tuple[str, ...]:
    """What ``rule`` reports on ``text`` (as Markdown, the common case), as matched strings."""
    from medlint.read.chunking import split

    findings = linter.lint_chunks(
        split(text, "markdown"), "markdown", rules=[rule], suppressions=False
    )
    return tuple(f.match for f in findings)


def run_examples(linter: Linter, rules: list[Rule] | None = None) -> list[ExampleResult]:
    results: list[ExampleResult] = []
    for rule in rules if rules is not None else linter.all_rules:
        for expect, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
            for index, text in enumerate(examples, start=1):
                matches = check_example(linter, rule, text)
                results.append(ExampleResult(rule.id, expect, index, text, matches))  # type: ignore[arg-type]
    return results
