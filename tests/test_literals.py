"""The speed devices derived from patterns never change what a pattern matches.

``required_groups`` feeds the prefilter and ``with_first_chars`` puts a look-ahead for the
first character in front of each built-in pattern; both must be exact, for any text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.linter import Linter
from medlint.rules.language import lower_pattern
from medlint.rules.literals import first_chars, required_groups, with_first_chars

_RULES = Linter(extend_select=["ALL"]).all_rules
_SOURCES = [
    lower_pattern(source)
    for rule in _RULES
    for key, source in (rule.options.get("sources") or {}).items()
    if ":" not in key and "(?-i" not in source
]
_EXAMPLES = [e.lower() for rule in _RULES for e in (*rule.flag_examples, *rule.pass_examples)]
# Sources with case-sensitive parts run case-insensitively on the original text.
_CASED_SOURCES = [
    source
    for rule in _RULES
    for key, source in (rule.options.get("sources") or {}).items()
    if not key.endswith(":fast") and "(?-i" in source
]
_ORIGINAL_EXAMPLES = [e for rule in _RULES for e in (*rule.flag_examples, *rule.pass_examples)]


def test_first_chars_of_simple_patterns() -> None:
    assert first_chars("cur(?:e|es)") == {"c"}
    assert first_chars(r"(?<!\w)(?:halt|stop)s?") == {"h", "s"}
    assert first_chars("(?:very )?safe") == {"v", "s"}
    assert first_chars("[a-c]x") == {"a", "b", "c"}


def test_first_chars_gives_up_when_unsure() -> None:
    assert first_chars(r"\w+ cure") is None  # a category
    assert first_chars("(?:cure)?") is None  # can match the empty string
    assert first_chars("[^a]b") is None  # a negated class
    assert first_chars("(?i:c)ure") is None  # a case change inside
    assert with_first_chars(r"\d+ days") == r"\d+ days"


def test_required_groups_are_each_needed() -> None:
    groups = required_groups(r"(?:completely|totally)\s+safe")
    assert groups is not None and set(map(frozenset, groups)) == {
        frozenset({"safe"}),
        frozenset({"completely", "totally"}),
    }
    assert required_groups(r"\w+") is None


def _same_matches(source: str, text: str, flags: int = 0) -> bool:
    plain = [m.span() for m in re.finditer(source, text, flags)]
    guarded = [m.span() for m in re.finditer(with_first_chars(source), text, flags)]
    return plain == guarded


def test_look_ahead_keeps_every_builtin_match_on_the_examples() -> None:
    text = "\n".join(_EXAMPLES)
    assert len(_SOURCES) > 40
    for source in _SOURCES:
        assert _same_matches(source, text), source


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(_EXAMPLES) | st.text(alphabet="abcdefghist .,-'’1%\n", max_size=40),
        max_size=6,
    )
)
def test_look_ahead_keeps_every_builtin_match_on_mixed_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for source in _SOURCES:
        assert _same_matches(source, text), source


def test_look_ahead_keeps_every_case_sensitive_match() -> None:
    text = "\n".join(_ORIGINAL_EXAMPLES)
    assert len(_CASED_SOURCES) >= 5
    for source in _CASED_SOURCES:
        assert _same_matches(source, text, re.IGNORECASE), source
        assert _same_matches(source, text.upper(), re.IGNORECASE), source


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(_ORIGINAL_EXAMPLES)
        | st.text(alphabet="abcdeiklmnoprstABDEJLMNPRST .,()[]-'’12%\u212a\u017f\n", max_size=40),
        max_size=6,
    )
)
def test_look_ahead_keeps_case_sensitive_matches_on_mixed_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for source in _CASED_SOURCES:
        assert _same_matches(source, text, re.IGNORECASE), source
