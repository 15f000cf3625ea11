"""A claim's subject: a rule with ``subject`` flags a claim without it nearby only on a
promotional page."""

from __future__ import annotations

from pathlib import Path

from medlint.linter import Linter

PACK = """\
- id: T01
  name: cure-word
  category: overclaim
  severity: error
  message: "'{match}' promises a cure."
  suggest: Say what was shown.
  why: Because.
  references:
    - {title: Guide, url: "https://example.org"}
  subject: ['ozone(?: therapy)?', 'our (?:clinic|therapy)']
  patterns: ['cures?']
  examples:
    flag: ["Ozone therapy cures infections."]
    pass: ["Surgery cures early cancer."]
"""


def test_a_claim_needs_its_subject_except_on_a_sales_page(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    linter = Linter(rules=[pack], builtin=False)
    assert [f.rule for f in linter.lint_text("Ozone therapy is old. It cures infections.")] == [
        "T01"
    ]
    assert linter.lint_text("Surgery cures most early cancers.") == []
    sales = "We offer drips. Book a free consultation today. It cures fatigue."
    assert [f.rule for f in linter.lint_text(sales)] == ["T01"]
