"""Negation, hedging, hypotheses, questions and quotes (NegEx/ConText-style)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint import context


def flags_of(sentence: str, target: str) -> frozenset[str]:
    start = sentence.index(target)
    return context.assess(sentence, start, start + len(target)).flags


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("There is no cure for MS.", "cure"),
        ("While there is no proven cure for lupus, rest may help.", "cure"),
        ("Although it might not offer a lasting cure, the drug looks useful.", "cure"),
        ("Stem cells have not been shown to repair myelin.", "repair myelin"),
        ("No treatment can reverse the damage.", "reverse the damage"),
        ("Being used for centuries does not show that a remedy works.", "used for centuries"),
    ],
)
def test_negated_claims(sentence: str, target: str) -> None:
    assert "negated" in flags_of(sentence, target)


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("Stem cells cure MS.", "cure"),
        ("Not only does it cure MS, it also restores vision.", "cure"),
        ("There is no doubt that stem cells cure MS.", "cure"),
        ("The injections have no side effects.", "no side effects"),
        ("There is no cure for MS, but stem cells reverse the damage.", "reverse the damage"),
    ],
)
def test_affirmed_claims(sentence: str, target: str) -> None:
    assert "negated" not in flags_of(sentence, target)


def test_question_and_quote_and_hedge_and_hypothesis() -> None:
    assert "question" in flags_of("Can stem cells cure MS?", "cure")
    assert "quoted" in flags_of("Clinics say their cells “cure” MS.", "cure")
    assert "quoted" in flags_of('The ad promised to "reverse MS".', "reverse MS")
    assert "hedged" in flags_of("These injections may help halt progression.", "halt progression")
    assert "hypothetical" in flags_of("Researchers hope stem cells will one day cure MS.", "cure")
    assert "hypothetical" in flags_of("Trials test whether cells repair myelin.", "repair myelin")
    assert flags_of("Stem cells repair myelin.", "repair myelin") == frozenset()


def test_attributed_claims_are_reported() -> None:
    assert "reported" in flags_of("Some clinics claim that stem cells cure MS.", "cure")
    assert "reported" in flags_of("The product allegedly reverses diabetes.", "reverses diabetes")
    assert "reported" in flags_of("Be wary of any clinic that promises a cure.", "cure")
    assert "reported" in flags_of("Clinics advertise curing people with MS.", "curing")
    assert "reported" in flags_of("Stem cells cured her MS, the clinic says.", "cured")
    sentence = "Clinics claim many things, but stem cells cure MS."
    assert "reported" not in flags_of(sentence, "cure")  # the attribution ends at 'but'


def test_the_writers_own_voice_is_not_reported() -> None:
    assert "reported" not in flags_of("We promise that our stem cells cure MS.", "cure")
    assert "reported" not in flags_of("Studies show that this oil cures cancer.", "cures")
    assert not flags_of("Our stem cells cure MS.", "cure")


def test_a_quotation_that_names_its_speaker_is_reported() -> None:
    sentence = "“This drip cures fatigue,” the owner said."
    assert {"quoted", "reported"} <= flags_of(sentence, "cures")
    outside = "The vaccine is 55 percent effective, “it is better than nothing,” she said."
    assert "reported" not in flags_of(outside, "effective")


def test_hedge_scope_stops_at_terminator() -> None:
    sentence = "The drug may reduce relapses, but stem cells repair myelin."
    assert "hedged" not in flags_of(sentence, "repair myelin")


def test_cues_report_kind_and_offsets() -> None:
    sentence = "It is not only safe, but it may cure MS?"
    found = context.cues(sentence)
    kinds = {c.kind for c in found}
    assert {"pseudo", "terminator", "hedge", "question"} <= kinds
    for cue in found:
        assert 0 <= cue.start < cue.end <= len(sentence)
        assert sentence[cue.start : cue.end] == cue.text
    assert not any(c.kind == "negation" for c in found), "'not only' is a pseudo cue"


def test_lexicon_is_yaml_data() -> None:
    from importlib import resources

    text = resources.files("medlint.packs").joinpath("context.yaml").read_text(encoding="utf-8")
    assert "pseudo:" in text and "terminators:" in text and "hedge:" in text


def test_context_eval_meets_targets(shared: Path) -> None:
    """The measured acceptance: negation F1 >= 0.96, hedge F1 >= 0.86 on the dev sets."""
    script = Path(__file__).resolve().parents[2] / "bench" / "context_eval.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    )
    scores = {
        line.split()[0]: float(line.split("F1 ")[1].split()[0])
        for line in result.stdout.splitlines()
        if "F1" in line
    }
    assert scores["negation"] >= 0.96, result.stdout
    assert scores["hedging"] >= 0.86, result.stdout


# The quotation pattern as first written: the straight single quote's look-behind came first,
# which kept ``re`` from skipping to the next quotation mark. The rewrite must find the same.
_QUOTE_AS_WRITTEN = re.compile(
    r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)|(?<!\w)'[^'\n]+'(?!\w)|«[^«»]*»"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab _\n'\"‘’“”«»."), max_size=40))
def test_quote_pattern_finds_what_it_always_found(text: str) -> None:
    from medlint.context.lexicon import _QUOTE

    expected = [m.span() for m in _QUOTE_AS_WRITTEN.finditer(text)]
    assert [m.span() for m in _QUOTE.finditer(text)] == expected


def test_a_third_party_promise_is_reported_but_promise_the_noun_is_nothing() -> None:
    assert "reported" in flags_of("Clinics promise reversed aging and new energy.", "reversed")
    assert not flags_of("This therapy has shown promise in reversing symptoms.", "reversing")


def test_a_quotation_closed_here_but_opened_in_an_earlier_sentence_is_quoted() -> None:
    sentence = "We call it a magical molecule, because we have seen it work.” He smiled."
    assert "quoted" in flags_of(sentence, "magical molecule")
    assert "quoted" not in flags_of(sentence, "smiled")
