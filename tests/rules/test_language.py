"""How a rule's pattern lists are compiled: one regex per list, on ``re`` for built-in rules and
on ``regex`` for users' rules, with one case strategy; the rule keeps only what its author wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import medlint
from medlint.linter import Linter
from medlint.rules.language import Matcher, lower_pattern, pattern_source, widen
from medlint.rules.profile import builtin_spec

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


def test_the_rule_keeps_only_what_its_author_wrote(linter: Linter) -> None:
    [rule] = linter.rules
    assert set(rule.options) == {
        "patterns",
        "with",
        "subject",
        "unless",
        "unless_scope",
        "context",
        "nonword",
    }
    assert rule.to_dict()["options"]["unless"] == ["placebo", "published in (?-i:[A-Z])\\w+"]
    assert rule.anchors is not None  # derived by the checker, not stored


def test_medlint_rule_json_shows_the_options_as_written() -> None:
    code, out, _err = medlint(["rule", "OC01", "--format", "json"])
    assert code == 0
    options = json.loads(out)["options"]
    assert not {"anchors", "sources", "clause_sources", "search_parts"} & set(options)


def test_one_compiled_form_per_list(linter: Linter) -> None:
    [rule] = linter.rules
    checker = rule.checker
    unless = checker.unless  # type: ignore[attr-defined]
    assert isinstance(unless, Matcher) and unless.cased
    assert not checker.pattern.cased  # type: ignore[attr-defined]
    assert unless.source == pattern_source(["placebo", "published in (?-i:[A-Z])\\w+"])


@pytest.mark.parametrize("trusted", [False, True])
@pytest.mark.parametrize(("text", "flagged"), CASES)
def test_re_and_regex_excuse_alike(linter: Linter, text: str, flagged: bool, trusted: bool) -> None:
    [rule] = linter.rules
    unless = Matcher(rule.options["unless"], trusted=trusted)
    assert unless.search(text) == (not flagged)
    assert bool(linter.lint_text(text)) == flagged


_BUILTIN = Linter(extend_select=["ALL"])
_LISTS = sorted(
    {
        (tuple(rule.options[key]), key == "patterns" and rule.options.get("nonword", False))
        for rule in _BUILTIN.all_rules
        for key in ("patterns", "with", "unless", "requires")
        if rule.options.get(key)
    }
)
_TEXTS = [
    example for rule in _BUILTIN.all_rules for example in (*rule.flag_examples, *rule.pass_examples)
]


# The rules' own examples and bits of text with the letters whose case folding is special.
_MIXED_TEXTS = st.lists(
    st.sampled_from(_TEXTS)
    | st.text(alphabet="abcdeiklmnoprstABDEJLMNPRST .,-'’12%İıſ\n", max_size=40),
    max_size=5,
).map(" ".join)


def _spans(matcher: Matcher, text: str) -> list[tuple[int, int]]:
    from medlint.document.model import lower

    return [m.span() for m in matcher.finditer(text, lower(text), 0, len(text), None)]


def test_every_builtin_list_compiles_on_re() -> None:
    assert len(_LISTS) > 60
    for patterns, nonword in _LISTS:
        Matcher(patterns, nonword=nonword, trusted=True).compiled()


@settings(max_examples=60, deadline=None)
@given(_MIXED_TEXTS)
def test_re_and_regex_find_the_same_matches(text: str) -> None:
    """Built-in lists on re find exactly what users' lists on regex would."""
    for patterns, nonword in _LISTS:
        builtin = Matcher(patterns, nonword=nonword, trusted=True)
        assert _spans(builtin, text) == _spans(Matcher(patterns, nonword=nonword), text), patterns


def _searches_all(matcher: Matcher, text: str) -> bool:
    """What ``search`` answers when no pattern is left out."""
    from medlint.document.model import lower

    subject = text if matcher.cased else lower(text)
    return matcher.compiled().search(subject) is not None


@settings(max_examples=60, deadline=None)
@given(_MIXED_TEXTS)
def test_leaving_out_the_patterns_a_text_cannot_match_changes_nothing(text: str) -> None:
    """``search`` compiles only the patterns whose literals the text holds, and ``finditer``
    with ``among`` only those: the answers and the matches are those of the whole list."""
    from medlint.document.model import fold, lower

    for patterns, nonword in _LISTS:
        whole = Matcher(patterns, nonword=nonword, trusted=True)
        part = Matcher(patterns, nonword=nonword, trusted=True)
        assert part.search(text) == _searches_all(whole, text), patterns
        among = part.possible(fold(lower(text)))
        narrowed = [m.span() for m in part.finditer(text, lower(text), 0, len(text), None, among)]
        assert narrowed == _spans(whole, text), patterns


_PROFILE_LISTS = [(matcher.patterns, False) for matcher in builtin_spec().patterns.values()]


@settings(max_examples=60, deadline=None)
@given(_MIXED_TEXTS)
def test_the_matches_of_a_whole_text_are_the_alternation_s(text: str) -> None:
    """``matches`` finds each pattern alone and merges: the same matches as the alternation."""
    from medlint.document.model import lower

    for patterns, nonword in [*_LISTS, *_PROFILE_LISTS]:
        matcher = Matcher(patterns, nonword=nonword, trusted=True)
        found = [m.span() for m in matcher.matches(text, lower(text))]
        assert found == _spans(Matcher(patterns, nonword=nonword, trusted=True), text), patterns


def test_matches_merges_overlapping_patterns_as_the_alternation_does() -> None:
    # 'at our' wins at its start; 'our clinic' then starts inside it and is not a match
    matcher = Matcher(["our clinic", "at our", "clinic"], trusted=True)
    text = "Come at our clinic, our clinic."
    spans = [m.span() for m in matcher.matches(text, text.lower())]
    assert spans == _spans(matcher, text) == [(5, 11), (12, 18), (20, 30)]
    assert matcher._never_empty
    # a pattern that may match nothing: the list runs as one alternation
    maybe_empty = Matcher(["x*"], trusted=True)
    assert not maybe_empty._never_empty
    found = [m.span() for m in maybe_empty.matches("ab ab", "ab ab")]
    assert found == _spans(maybe_empty, "ab ab") == [(0, 0), (2, 2), (3, 3), (5, 5)]


def test_a_part_of_a_list_is_compiled_alone_until_the_parts_cost_the_whole() -> None:
    matcher = Matcher(["miracle cure", "works wonders", "wonder worker"], trusted=True)
    assert matcher.search("A miracle cure.")
    assert matcher.compiled((0,)).pattern == "miracle(?<!\\w.{7})(?:\\s+cure)(?!\\w)"
    assert matcher._compiled is None  # the whole list is not compiled for one part
    assert not matcher.search("Nothing here.")
    for among in [(1,), (2,), (0, 1), (1, 2)]:
        matcher.compiled(among)
    assert matcher._compiled is not None  # the parts added up to the whole: it is used now
    assert matcher.compiled((0,)) is matcher.compiled()


@pytest.mark.parametrize(
    ("pattern", "lead"),
    [
        ("beware", 6),
        ("scams?", 4),  # the quantified s is not part of it
        ("be wary", 2),
        ("FDA (?:warns|warning)", 3),
        ("(?:health )?fraud", 0),
        ("cure|heal", 0),  # two branches
        ("ab*c", 1),
        ("\\x41bc", 0),  # a letter from an escape is not written as itself
        ("[Cc]ure", 0),
        ("$5", 0),
        ("x-ray", 1),
    ],
)
def test_the_literal_lead_of_a_pattern(pattern: str, lead: int) -> None:
    from medlint.rules.syntax import derive_literal_lead

    assert derive_literal_lead(widen(pattern)) == lead


def _guarded_one_by_one(patterns: tuple[str, ...]) -> str:
    """The definition of a list's source: each pattern between its own word guards."""
    from medlint.rules.language import _edges

    return "|".join(
        "{0}(?:{2}){1}".format(*_edges(widen(pattern)), widen(pattern)) for pattern in patterns
    )


def test_a_list_of_literal_led_patterns_guards_each_behind_its_lead() -> None:
    assert pattern_source(["scams?", "be wary"]) == (
        "scam(?<!\\w.{4})(?:s?)(?!\\w)|be(?<!\\w.{2})(?:\\s+wary)(?!\\w)"
    )
    # one pattern that opens otherwise: the shared guard for all
    assert pattern_source(["scams?", "(?:health )?fraud"]).startswith("(?<!\\w)(?:")


@settings(max_examples=60, deadline=None)
@given(_MIXED_TEXTS, st.integers(0, 30), st.integers(0, 30))
def test_a_list_matches_as_its_patterns_guarded_one_by_one(text: str, pos: int, cut: int) -> None:
    """Sources written with shared guards or guards behind the lead find what each pattern
    between its own guards finds, from any position (a search may start inside a word)."""
    import re

    from medlint.document.model import lower

    lowered = lower(text)
    endpos = max(pos, len(text) - cut)
    for patterns, nonword in _LISTS:
        if nonword or any("(?-i" in pattern for pattern in patterns):
            continue
        for part in (patterns, patterns[:1]):
            ours = re.compile(lower_pattern(pattern_source(list(part))))
            plain = re.compile(lower_pattern(_guarded_one_by_one(part)))
            assert [m.span() for m in ours.finditer(lowered, pos, endpos)] == [
                m.span() for m in plain.finditer(lowered, pos, endpos)
            ], part


def _widen_by_character(pattern: str) -> str:
    """The definition of widening, one character at a time (the oracle of the test below)."""
    out: list[str] = []
    in_class = escaped = False
    for position, char in enumerate(pattern):
        following = pattern[position + 1 : position + 2]
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            in_class = char != "]"
            out.append("'’" if char == "'" else char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == " ":
            if following and following in "*+?{":
                out.append(r"\s")  # a space the author quantified
            elif not (out and out[-1] == r"\s+"):
                out.append(r"\s+")
        else:
            out.append("['’]" if char == "'" else char)
    return "".join(out)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=" '\\[]ab*+?{}’\n(", max_size=25))
def test_widening_is_its_character_by_character_definition(pattern: str) -> None:
    assert widen.__wrapped__(pattern) == _widen_by_character(pattern)


def test_widening_examples() -> None:
    assert widen("doctor's  advice") == r"doctor['’]s\s+advice"
    assert widen("a ?b") == r"a\s?b"
    assert widen("a  *b") == r"a\s+\s*b"
    assert widen(r"[a-z' ]\' x") == r"[a-z'’ ]\'\s+x"


def _lower_escape_by_escape(source: str) -> str:
    """Lower-casing a pattern as first written: escape by escape (the oracle of the test below)."""
    from medlint.rules.language import _ESCAPE

    out: list[str] = []
    at = 0
    for escape in _ESCAPE.finditer(source):
        out += (source[at : escape.start()].lower(), escape.group())
        at = escape.end()
    return "".join([*out, source[at:].lower()])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="\\aAsSpP{}Lu.0 ÉéⅠⒶİ\n'", max_size=20))
def test_lower_casing_a_pattern_keeps_its_escapes(source: str) -> None:
    assert lower_pattern(source) == _lower_escape_by_escape(source)


def test_lower_casing_examples() -> None:
    assert lower_pattern(r"Cure\S+ \p{Lu}\N{BULLET} MS\w") == r"cure\S+ \p{Lu}\N{BULLET} ms\w"
    assert lower_pattern(r"Cure\s+MS") == r"cure\s+ms"
