"""How a rule's pattern lists are compiled: the fast forms find what the plain source finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.linter import Linter
from medlint.rules.language import (
    AnyMatcher,
    Matcher,
    lower_pattern,
    pattern_source,
    search_form,
    search_parts,
)

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
            (Matcher(source, trusted=trusted, fast=fast), tuple(literals) if literals else None)
            for source, fast, literals in rule.options["search_parts"]["unless"]
        ]
    )
    assert split.search(text) == whole.search(text) == (not flagged)
    assert bool(linter.lint_text(text)) == flagged


def test_the_literal_guard_only_skips_texts_without_a_match() -> None:
    parts = search_parts(["randomi[sz]ed", "placebo", "\\[\\d+\\]", "doi"])
    # Each pattern with a literal alone, the one without (a citation number) after them.
    assert [literals for _s, _f, literals in parts] == [["randomi"], ["placebo"], ["doi"], None]
    each = [AnyMatcher([(Matcher(s, trusted=True, fast=f), w and tuple(w))]) for s, f, w in parts]
    whole = Matcher(pattern_source(["randomi[sz]ed", "placebo", "\\[\\d+\\]", "doi"]))
    for text in ["A RANDOMISED trial.", "Placebo-controlled.", "As shown [12].", "No trial.", "ſ"]:
        assert any(m.search(text) for m in each) == whole.search(text), text


_BUILTIN = Linter(extend_select=["ALL"])
_SEARCHED = sorted(
    {
        source
        for rule in _BUILTIN.all_rules
        for parts in (rule.options.get("search_parts") or {}).values()
        for source, _form, literals in parts
        if literals is not None
    }
)
_TEXTS = [
    example.lower()
    for rule in _BUILTIN.all_rules
    for example in (*rule.flag_examples, *rule.pass_examples)
]


def test_the_search_form_is_used_and_finds_what_the_source_finds() -> None:
    """Every built-in searched pattern with a literal, on every rule example: the search form
    finds a match exactly when the plain source does."""
    forms = {source: re.compile(search_form(source)) for source in _SEARCHED}
    assert sum("(?<=(?=" in form.pattern for form in forms.values()) > len(forms) // 2
    for source, form in forms.items():
        plain = re.compile(lower_pattern(source))
        for text in _TEXTS:
            assert (form.search(text) is None) == (plain.search(text) is None), (source, text)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_SEARCHED),
    st.lists(st.sampled_from(["a", "b", " ", "-", "'", "1", ".", "x y", "no", "risk", "http://"])),
)
def test_the_search_form_is_exact_on_generated_text(source: str, pieces: list[str]) -> None:
    # Generated text around a literal of the pattern, so both outcomes occur.
    text = "".join(pieces[: len(pieces) // 2]) + source.split("(?:", 1)[-1][:6] + "".join(pieces)
    form = re.compile(search_form(source))
    plain = re.compile(lower_pattern(source))
    assert (form.search(text) is None) == (plain.search(text) is None)
