"""Our small pattern parser: required literals for the prefilter, edge kinds for word guards.

Both are speed or boundary devices derived from a pattern: the literals must be exact (a match
always holds one literal of each required group), and the edges must be what the pattern says.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import lower
from medlint.engine.prefilter import fold
from medlint.linter import Linter
from medlint.rules.language import lower_pattern, widen
from medlint.rules.literals import required_groups
from medlint.rules.syntax import Unsupported, edge_kinds, parse

_RULES = Linter(extend_select=["ALL"]).all_rules
_PATTERNS = sorted(
    {
        widen(pattern)
        for rule in _RULES
        for key in ("patterns", "with", "unless", "requires")
        for pattern in rule.options.get(key) or ()
    }
)
_EXAMPLES = [e for rule in _RULES for e in (*rule.flag_examples, *rule.pass_examples)]


def test_required_groups_are_each_needed() -> None:
    groups = required_groups(r"(?:completely|totally)\s+safe")
    assert groups is not None and set(groups) == {
        frozenset({"safe"}),
        frozenset({"completely", "totally"}),
    }
    assert required_groups(r"\w+") is None
    assert required_groups("cur(?:e|es|ed)") == [frozenset({"cur"})]
    assert required_groups(widen("(?:halt|stop)s? progress")) == [
        frozenset({"progress"}),
        frozenset({"halt", "stop"}),
    ]
    assert required_groups("(?:cure)?") is None  # optional: nothing required
    assert required_groups("(?-i:FDA)-approved") == [frozenset({"-approved"}), frozenset({"fda"})]


def test_edge_kinds() -> None:
    assert edge_kinds("cures?") == ("word", "word")
    assert edge_kinds(r"https?://\S+") == ("word", "")
    assert edge_kinds(r"\[\d+\]") == ("other", "other")
    assert edge_kinds(r"(?:\d+\s+)?mg") == ("", "word")
    assert edge_kinds(r"(?<!\w)cure(?!s)") == ("word", "word")


@pytest.mark.parametrize(
    "pattern",
    ["(?x)a b", "a++", r"\p{Lu}", r"(\w)\1", "(?P=x)", "[[:alpha:]]", "(?>a)", "(a", "a)"],
)
def test_unknown_syntax_is_unsupported(pattern: str) -> None:
    with pytest.raises(Unsupported):
        parse(pattern)
    assert required_groups(pattern) is None
    assert edge_kinds(pattern) == ("", "")


def test_every_builtin_pattern_is_understood() -> None:
    assert len(_PATTERNS) > 300
    for pattern in _PATTERNS:
        parse(pattern)


def _holds_each_group(pattern: str, text: str) -> bool:
    """Every match of ``pattern`` (run as medlint runs it) holds one literal of each group."""
    groups = required_groups(pattern) or []
    if "(?-i" in pattern:
        matches = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    else:
        matches = [m.span() for m in re.finditer(lower_pattern(pattern), lower(text))]
    seen = fold(lower(text))
    return all(
        any(literal in seen[start:end] for literal in group)
        for start, end in matches
        for group in groups
    )


def test_builtin_matches_in_the_examples_hold_their_literals() -> None:
    text = "\n".join(_EXAMPLES)
    for pattern in _PATTERNS:
        assert _holds_each_group(pattern, text), pattern


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(_EXAMPLES)
        | st.text(
            alphabet="abcdeiklmnoprstABDEJLMNPRST .,()[]-'’12%\u0130\u0131\u212a\u017f\n",
            max_size=40,
        ),
        max_size=6,
    )
)
def test_builtin_matches_hold_their_literals_on_mixed_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for pattern in _PATTERNS:
        assert _holds_each_group(pattern, text), pattern


_ATOMS = ["a", "b", "ab", "[ab]", "[a-c]", r"\w", ".", r"\s", "(?:a|bc)", "(?-i:B)", "é", "s"]


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    """Small random patterns in the syntax rules use."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        atom = draw(st.sampled_from(_ATOMS))
        if draw(st.booleans()):
            atom = f"(?:{atom}|{draw(st.sampled_from(_ATOMS))})"
        parts.append(atom + draw(st.sampled_from(["", "", "?", "+", "*", "{2}", "{1,3}"])))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(_patterns(), st.text(alphabet="abcABCéÉsSſ ı", max_size=30))
def test_a_match_always_holds_its_literals(pattern: str, text: str) -> None:
    groups = required_groups(pattern, limit=5) or []
    seen = fold(lower(text))
    for match in re.finditer(pattern, text, re.IGNORECASE):
        for group in groups:
            assert any(w in seen[match.start() : match.end()] for w in group), (pattern, text)


@settings(max_examples=400, deadline=None)
@given(_patterns(), st.text(alphabet="ab- .1", max_size=12))
def test_edges_are_what_the_pattern_says(pattern: str, text: str) -> None:
    first, last = edge_kinds(pattern)
    for match in re.finditer(pattern, text):
        found = match.group()
        if first:
            assert found and (found[0].isalnum() == (first == "word")), (pattern, found)
        if last:
            assert found and (found[-1].isalnum() == (last == "word")), (pattern, found)
