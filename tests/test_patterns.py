"""How a rule's pattern lists are compiled: the fast forms find what the plain source finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.engine import Linter
from medlint.patterns import AnyMatcher, Matcher

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


def test_a_searched_list_mixing_case_sensitive_patterns_is_split(linter: Linter) -> None:
    [rule] = linter.rules
    sources = rule.options["sources"]
    assert sources["unless:plain"] == "(?<!\\w)(?:placebo)(?!\\w)"
    assert "(?-i:[A-Z])" in sources["unless:cased"]
    unless = rule.checker.unless  # type: ignore[attr-defined]
    assert isinstance(unless, AnyMatcher) and len(unless.parts) == 2


@pytest.mark.parametrize("trusted", [False, True])
@pytest.mark.parametrize(("text", "flagged"), CASES)
def test_the_split_list_excuses_what_the_whole_list_does(
    linter: Linter, text: str, flagged: bool, trusted: bool
) -> None:
    [rule] = linter.rules
    sources = rule.options["sources"]
    whole = Matcher(sources["unless"], trusted=trusted)
    split = AnyMatcher(
        [
            Matcher(sources[f"unless:{part}"], trusted=trusted, fast=sources[f"unless:{part}:fast"])
            for part in ("plain", "cased")
        ]
    )
    assert split.search(text) == whole.search(text) == (not flagged)
    assert bool(linter.lint_text(text)) == flagged
