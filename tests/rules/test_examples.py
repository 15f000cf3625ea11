"""Every built-in rule proves itself: each 'flag' example is reported, each 'pass' is not."""

from __future__ import annotations

import pytest

from medlint.linter import Linter
from medlint.testing import check_example

_LINTER = Linter()
_CASES = [
    pytest.param(rule.id, expect, text, id=f"{rule.id}-{expect}-{index}")
    for rule in _LINTER.all_rules
    for expect, texts in (("flag", rule.flag_examples), ("pass", rule.pass_examples))
    for index, text in enumerate(texts, start=1)
]


@pytest.mark.parametrize(("rule_id", "expect", "text"), _CASES)
def test_rule_example(rule_id: str, expect: str, text: str) -> None:
    rule = _LINTER.rule(rule_id)
    assert rule is not None
    matches = check_example(_LINTER, rule, text)
    if expect == "flag":
        assert matches, f"{rule_id} should flag: {text!r}"
    else:
        assert not matches, f"{rule_id} should not flag {matches!r} in: {text!r}"


def test_every_rule_has_three_examples_each_way() -> None:
    thin = [r.id for r in _LINTER.all_rules if len(r.flag_examples) < 3 or len(r.pass_examples) < 3]
    assert thin == []


def test_catalog_covers_every_category() -> None:
    from collections import Counter

    from medlint.findings import RULE_CATEGORIES as Category_list
    from medlint.findings import Category

    counts = Counter(r.category for r in _LINTER.all_rules)
    assert len(_LINTER.all_rules) >= 40
    for category in Category_list:
        assert counts[category] >= (1 if category is Category.READABILITY else 2), category


def test_every_rule_is_documented() -> None:
    assert len(_LINTER.all_rules) >= 40
    for rule in _LINTER.all_rules:
        assert rule.references, rule.id
        assert all(ref.url.startswith("http") for ref in rule.references), rule.id
        assert len(rule.why.split()) >= 15, rule.id
        assert "http" not in rule.message, rule.id


def test_every_claim_rule_passes_reported_speech() -> None:
    """A rule's pass side includes someone else's claim ("Some clinics claim that ..."), read by
    the context engine as reported: the writer's own claims are what a rule judges."""
    from medlint import context

    def reported(text: str) -> bool:
        return any(
            "reported" in context.assess(text, i, i + 1).flags
            for i in range(len(text))
            if text[i].isalpha()
        )

    missing = [
        rule.id
        for rule in _LINTER.all_rules
        if rule.kind != "metric" and not any(reported(text) for text in rule.pass_examples)
    ]
    assert missing == []
