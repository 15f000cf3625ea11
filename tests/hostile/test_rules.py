"""Hostile rule packs: every mistake is one clear line; a slow pattern cannot hang a run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from medlint.errors import RulePackError
from medlint.linter import Linter

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
    assert err == "medlint: draft.txt: rule U01 skipped: took over 2.0 s\n"


def test_nested_quantifiers_do_not_hang(tmp_path: Path) -> None:
    path = pack(tmp_path, RULE.format(pattern="'(a+)+$'"))
    linter = Linter(rules=[path], builtin=False, timeout=1.0)
    started = time.perf_counter()
    problems: list[object] = []
    linter.lint_text("a" * 5000 + "b", problems=problems)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 10
