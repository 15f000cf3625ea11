"""Page profiles: how medlint reads a page, and rules that apply only on some kinds of page."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.errors import RulePackError
from medlint.linter import Linter
from medlint.rules.profile import builtin_spec, load_spec

SALES = (
    "Our clinic offers stem cell infusions for MS. Our doctors have treated hundreds of "
    "patients. Book a free consultation today."
)
WARNING = (
    "Beware of clinics selling unapproved stem cell products. These scams offer false hope, "
    "and the FDA warns they can be dangerous. Report them to the FDA."
)
ABSTRACT = (
    "Background: We conducted a randomized, placebo-controlled trial. Methods: 120 participants "
    "were enrolled. Results: The odds ratio was 0.8 (95% CI 0.6 to 1.1). Conclusions: No effect."
)


def profile_of(text: str) -> str:
    counts: dict[str, dict[str, int]] = {}
    spec = builtin_spec()
    spec.count(text, counts)
    return spec.decide(counts).name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SALES, "promotional"),
        (WARNING, "warning"),
        (ABSTRACT, "scholarly"),
        ("Multiple sclerosis is a disease of the brain and spinal cord.", "informational"),
    ],
)
def test_each_kind_of_page_is_recognised(text: str, expected: str) -> None:
    assert profile_of(text) == expected


def test_one_cue_repeated_does_not_make_a_page_promotional() -> None:
    assert profile_of("Pricing. " * 10) == "informational"


def test_findings_carry_the_profile_and_the_explanation_names_the_cues() -> None:
    findings = Linter().lint_text(SALES + " Stem cells cure MS.")
    assert findings and {f.profile for f in findings} == {"promotional"}
    counts: dict[str, dict[str, int]] = {}
    builtin_spec().count(SALES, counts)
    explained = builtin_spec().decide(counts).explain()
    assert explained.startswith("promotional (") and "book a free consultation" in explained


PACK = """\
- id: T01
  name: sales-claim
  category: overclaim
  severity: error
  kind: document
  message: "'{match}' is promoted."
  suggest: Say it is experimental.
  why: Because.
  references:
    - {title: Guide, url: "https://example.org"}
  profile: {only: [promotional]}
  patterns: ['stem cell infusions?']
  requires: ['experimental']
  examples:
    flag: ["Our clinic offers stem cell infusions. Book a consultation today."]
    pass: ["Stem cell infusions are experimental."]
- id: T02
  name: cure-word
  category: overclaim
  severity: error
  message: "'{match}' promises a cure."
  suggest: Say what was shown.
  why: Because.
  references:
    - {title: Guide, url: "https://example.org"}
  profile: {lower: [warning], skip: [scholarly]}
  patterns: ['cures?']
  examples:
    flag: ["This cures it."]
    pass: ["No cure."]
"""


def test_a_rule_applies_only_where_its_profile_says(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    linter = Linter(rules=[pack], builtin=False)
    assert [f.rule for f in linter.lint_text(SALES)] == ["T01"]
    assert linter.lint_text("Stem cell infusions help many. They are offered widely.") == []
    on_warning = linter.lint_text(WARNING + " This drip cures everything.")
    assert [(f.rule, f.severity.value) for f in on_warning] == [("T02", "warning")]
    assert linter.lint_text(ABSTRACT + " This drip cures everything.") == []


def test_an_unknown_profile_name_is_a_clear_error(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.replace("only: [promotional]", "only: [sales]"), encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        Linter(rules=[pack], builtin=False)
    assert "'profile' of rule T01 'only' names 'sales'; expected any of promotional" in str(
        caught.value
    )


def test_a_profiles_file_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "profiles.yaml"
    bad.write_text("sales:\n  min: 2\n  cues: [buy]\n", encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_spec(bad)
    assert str(caught.value).startswith(f"{bad}:1: unknown profile 'sales'")
