"""How a rule's pattern lists are compiled: the fast forms find what the plain source finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.engine import Linter
from medlint.patterns import AnyMatcher, Matcher, pattern_source, search_parts

PACK = """\
- id: T01
  name: cure-claim
  category: overclaim
  severity: error
  message: "'{match}' is a claim."
  suggest: Cite the trial.
  why: Claims need evidence.
  references:
    - {title: Guide, url: "https://example.org"}
  patterns: ['cures? (?:MS|multiple sclerosis)']
  unless: ['placebo', 'published in (?-i:[A-Z])\\w+']
  examples:
    flag: ["It cures MS."]
    pass: ["It cures MS, a placebo trial found.", "It cures MS, as published in Neurology."]
"""

CASES = [
    ("It cures MS.", True),
    ("It cures MS, a placebo trial found.", False),
    ("It cures MS, a PLACEBO trial found.", False),
    ("It cures MS, as published in Neurology.", False),
    ("It cures MS, as published in neurology.", True),  # the journal's capital is required
    ("It cures MS, as PUBLISHED IN Neurology.", False),
]


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    pack: Path = tmp_path_factory.mktemp("pack") / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return Linter(rules=[pack], builtin=False)


def test_a_searched_list_is_split_by_case_and_literals(linter: Linter) -> None:
    [rule] = linter.rules
    parts = rule.options["search_parts"]["unless"]
    assert [(source, literals) for source, _fast, literals in parts] == [
        ("(?<!\\w)(?:placebo)(?!\\w)", ["placebo"]),
        ("(?<!\\w)(?:published\\s+in\\s+(?-i:[A-Z])\\w+)(?:(?!\\w)|(?<!\\w))", None),
    ]
    unless = rule.checker.unless  # type: ignore[attr-defined]
    assert isinstance(unless, AnyMatcher) and len(unless.parts) == 2


@pytest.mark.parametrize("trusted", [False, True])
@pytest.mark.parametrize(("text", "flagged"), CASES)
def test_the_split_list_excuses_what_the_whole_list_does(
    linter: Linter, text: str, flagged: bool, trusted: bool
) -> None:
    [rule] = linter.rules
    whole = Matcher(rule.options["sources"]["unless"], trusted=trusted)
    split = AnyMatcher(
        [
            Matcher(source, trusted=trusted, fast=fast, literals=literals)
            for source, fast, literals in rule.options["search_parts"]["unless"]
        ]
    )
    assert split.search(text) == whole.search(text) == (not flagged)
    assert bool(linter.lint_text(text)) == flagged


def test_the_literal_guard_only_skips_texts_without_a_match() -> None:
    parts = search_parts(["randomi[sz]ed", "placebo", "\\[\\d+\\]", "doi"])
    assert [literals for _s, _f, literals in parts] == [["doi", "placebo", "randomi"], None]
    matchers = [Matcher(s, trusted=True, fast=f, literals=w) for s, f, w in parts]
    whole = Matcher(pattern_source(["randomi[sz]ed", "placebo", "\\[\\d+\\]", "doi"]))
    for text in ["A RANDOMISED trial.", "Placebo-controlled.", "As shown [12].", "No trial.", "ſ"]:
        assert any(m.search(text) for m in matchers) == whole.search(text), text
