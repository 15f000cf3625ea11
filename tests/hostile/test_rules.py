"""Hostile rule packs: every mistake is one clear line; a slow pattern cannot hang a run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from medlint.errors import RulePackError
from medlint.linter import Linter, RuleProblem

from .conftest import Lint

RULE = """\
- id: U01
  name: user-rule
  category: hype
  severity: warning
  message: "'{{match}}' matched."
  suggest: Say it plainly.
  why: A test rule.
  references: [{{title: T, url: "https://example.org"}}]
  patterns: [{pattern}]
  examples: {{flag: ["x"], pass: ["y"]}}
"""


def pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: [unclosed\n", "pack.yaml:2:1: invalid YAML:"),
        ("- {id: X, name: y\n", "pack.yaml:2:1: invalid YAML:"),
        ("\t- id: X\n", "pack.yaml:1:1: invalid YAML:"),
        ("42\n", "pack.yaml:1: a rule pack must be a YAML list of rules"),
        ("- just text\n", "pack.yaml:1: each rule must be a mapping of fields"),
        (
            RULE.format(pattern="'(unclosed'"),
            "pack.yaml:9:14: 'patterns' of rule U01 pattern 1 is not a valid regular expression: missing )",
        ),
        (
            RULE.format(pattern="x").replace("severity: warning", "severity: 3"),
            "pack.yaml:4:3: 'severity' of rule U01 must be one of",
        ),
        (
            RULE.format(pattern="x").replace("why:", "wyh:"),
            "pack.yaml:7:3: unknown key 'wyh' in rule U01 (did you mean 'why'?)",
        ),
        (RULE.format(pattern="x") + "- id: U01\n", "pack.yaml:11: rule U01 is missing 'name'"),
    ],
)
def test_broken_packs_give_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = pack(tmp_path, text)
    with pytest.raises(RulePackError) as error:
        Linter(rules=[path], builtin=False)
    assert str(error.value).replace(str(path), "pack.yaml").startswith(message)


def test_alias_bombs_are_refused(tmp_path: Path) -> None:
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous}]\n"
    path = pack(tmp_path, bomb)
    started = time.perf_counter()
    with pytest.raises(RulePackError, match="YAML aliases"):
        Linter(rules=[path], builtin=False)
    assert time.perf_counter() - started < 5


def test_a_catastrophic_pattern_is_reported_and_skipped(lint: Lint, tmp_path: Path) -> None:
    path = pack(tmp_path, RULE.format(pattern="'^(a|a)+$'").replace("[x]", "[y]"))
    (tmp_path / "draft.txt").write_text(
        "a" * 60 + "!\n\nOur stem cells cure MS.\n", encoding="utf-8"
    )
    started = time.perf_counter()
    code, _findings, err = lint(tmp_path, "--rules", str(path), "--select", "U01", "draft.txt")
    assert time.perf_counter() - started < 30
    assert code == 2
    assert err == "medlint: draft.txt: rule U01 skipped: a search took over 2 s of CPU time\n"


def test_nested_quantifiers_do_not_hang(tmp_path: Path) -> None:
    path = pack(tmp_path, RULE.format(pattern="'(a+)+$'"))
    linter = Linter(rules=[path], builtin=False, timeout=1.0)
    started = time.perf_counter()
    problems: list[object] = []
    linter.lint_text("a" * 5000 + "b", problems=problems)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 10


def user_rule(tmp_path: Path, extra: str) -> Path:
    """A user's pattern rule on 'cure', with more fields (``extra``, YAML lines)."""
    text = RULE.format(pattern="cure").replace("  examples:", extra + "  examples:")
    return pack(tmp_path, text.replace('flag: ["x"]', 'flag: ["It will cure you."]'))


def test_the_budget_is_per_search_whatever_the_searches_add_up_to(tmp_path: Path) -> None:
    """Each search of a user's rule has the whole budget: 60 searches of about 2 ms each (an
    exponential pattern on a 20-letter word), 3 times over in threads at once, never add up
    to a skipped rule (they did when the budget was the rule's wall-clock time on a text)."""
    path = user_rule(tmp_path, "  with: ['(?:\\w|\\w\\w)*[0-9]']\n")
    linter = Linter(rules=[path], builtin=False, timeout=0.05)
    text = " ".join(f"Our cells cure MS {'a' * 20} 7." for _ in range(60))

    def problems_of(_: int) -> list[RuleProblem]:
        problems: list[RuleProblem] = []
        assert len(linter.lint_text(text, problems=problems)) == 60
        return problems

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(problems_of, range(3))) == [[]] * 3


def test_a_document_wide_excuse_is_looked_for_once_per_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``unless_scope: document`` searches the chunk once, not once for each sentence that
    matches (one search of the whole text per sentence was quadratic: 73.7 s)."""
    from medlint.rules.language import Matcher

    path = user_rule(tmp_path, "  unless: ['randomi[sz]ed trial']\n  unless_scope: document\n")
    linter = Linter(rules=[path], builtin=False)
    searched: list[int] = []
    search = Matcher.search

    def counted(
        self: Matcher, text: str, timeout: float | None = None, lowered: str | None = None
    ) -> bool:
        searched.append(len(text))
        return search(self, text, timeout, lowered)

    monkeypatch.setattr(Matcher, "search", counted)
    findings = linter.lint_text("Stem cells cure MS.\n" * 300, format="markdown")
    assert len(findings) == 300
    assert searched == [len("Stem cells cure MS.\n" * 300)]
    excused = linter.lint_text("Stem cells cure MS.\n" * 300 + "See the randomised trial.\n")
    assert excused == []


def test_a_slow_document_wide_excuse_is_reported_not_dropped(tmp_path: Path) -> None:
    path = user_rule(tmp_path, "  unless: ['(a|a)+$']\n  unless_scope: document\n")
    linter = Linter(rules=[path], builtin=False, timeout=0.2)
    problems: list[RuleProblem] = []
    text = "Stem cells cure MS.\n" + "a" * 40 + "!\n"
    assert linter.lint_text(text, path="draft.txt", problems=problems) == []
    assert [str(p) for p in problems] == [
        "draft.txt: rule U01 skipped: a search took over 0.2 s of CPU time"
    ]
    assert linter.lint_text("Stem cells cure MS.\n", problems=problems)
