"""What a rule's excuse (``unless``) may read: its sentence, never the rest of a long line."""

from __future__ import annotations

from medlint.linter import Linter


def test_a_link_later_on_the_line_does_not_excuse_a_claim() -> None:
    line = "Our injections cure MS. [Shop now](https://shop.example.com/buy)"
    assert "OC01" in [f.rule for f in Linter().lint_text(line, format="markdown")]


def test_a_citation_inside_or_right_after_the_sentence_still_excuses_it() -> None:
    cited = "In a randomised trial, the drug cured 95% of infections [1](https://doi.org/10.1/x)."
    assert "OC01" not in [f.rule for f in Linter().lint_text(cited, format="markdown")]
