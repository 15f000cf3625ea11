"""Vocabularies: lists written once in a pack and named by rules as {{name}}."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import medlint
from medlint.errors import RulePackError
from medlint.linter import Linter
from medlint.rules.loader import load_rules

PACK = """\
- vocabulary: remedy
  description: Things sold as cures.
  terms: ['snake oil', 'magic beans?']

- id: T01
  name: remedy-cure
  category: altmed
  severity: warning
  message: "'{match}' is a cure claim."
  suggest: Say what trials found.
  why: Cure claims need evidence.
  references:
    - {title: Guide, url: "https://example.org"}
  patterns: ['{{remedy}} cur(?:es|ed) {{disease}}']
  unless: ['{{citation}}', 'trial']
  examples:
    flag: ["Snake oil cures MS."]
    pass: ["Snake oil cures MS, said one study (Smith, 2020)."]
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    pack = tmp_path / name
    pack.write_text(text, encoding="utf-8")
    return pack


def error_of(*packs: Path) -> str:
    with pytest.raises(RulePackError) as error:
        load_rules(list(packs))
    return str(error.value)


def test_a_pack_using_vocabularies_loads_and_matches(tmp_path: Path) -> None:
    linter = Linter(rules=[write(tmp_path, PACK)], builtin=False, extend_select=["ALL"])
    [rule] = linter.all_rules
    assert rule.options["patterns"][0].startswith("(?:snake oil|magic beans?) cur(?:es|ed) (?:MS|")
    assert "PMID" in rule.options["unless"] and rule.options["unless"][-1] == "trial"
    found = linter.lint_text("Magic beans cured Parkinson's.\n\nSnake oil cures MS (PMID 123).\n")
    assert [f.match for f in found] == ["Magic beans cured Parkinson's"]


def test_medlint_rule_shows_the_references_as_written(tmp_path: Path) -> None:
    pack = str(write(tmp_path, PACK))
    code, out, _ = medlint(["rule", "T01", "--no-builtin", "--rules", pack])
    assert code == 0
    assert "Option patterns {{remedy}} cur(?:es|ed) {{disease}}\n" in out
    assert "Option unless   {{citation}}\nOption unless   trial\n" in out
    code, out, _ = medlint(["rule", "T01", "--format", "json", "--no-builtin", "--rules", pack])
    options = json.loads(out)["options"]
    assert options["unless"] == ["{{citation}}", "trial"]
    assert "written" not in options


def test_an_unknown_vocabulary_is_named_with_a_did_you_mean(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK.replace("'{{citation}}'", "'{{citaton}}'"))
    assert error_of(pack) == (
        f"{pack}:15:12: 'unless' of rule T01 pattern 1 names unknown vocabulary {{{{citaton}}}} "
        "(did you mean '{{citation}}'?)"
    )


def test_a_reference_must_be_a_vocabulary_name(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK.replace("{{remedy}}", "{{Remedy Oils}}"))
    assert "refers to {{Remedy Oils}}: a vocabulary name is lower-case" in error_of(pack)


def test_a_vocabulary_defined_twice_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, PACK, "first.yaml")
    second = write(tmp_path, PACK.split("\n\n")[0] + "\n", "second.yaml")
    assert error_of(first, second) == (
        f"{second}:1: vocabulary 'remedy' is already defined at {first}:1 "
        "(vocabulary names must be unique across all packs)"
    )


def test_a_builtin_vocabulary_cannot_be_redefined(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK.replace("vocabulary: remedy", "vocabulary: disease"))
    assert "vocabulary 'disease' is already defined at " in error_of(pack)
    assert "vocabularies.yaml:" in error_of(pack)


def test_vocabularies_may_name_vocabularies_but_not_in_a_cycle(tmp_path: Path) -> None:
    nested = PACK.replace("terms: ['snake oil'", "terms: ['{{cure-all}}', 'snake oil'") + (
        "\n- vocabulary: cure-all\n  description: Sold for everything.\n  terms: ['elixirs?']\n"
    )
    [rule] = load_rules([write(tmp_path, nested)])
    assert rule.options["patterns"][0].startswith("(?:elixirs?|snake oil|magic beans?) ")
    looped = nested.replace("terms: ['elixirs?']", "terms: ['{{remedy}}']")
    assert error_of(write(tmp_path, looped)).endswith(
        "vocabulary 'remedy' names itself: remedy -> cure-all -> remedy"
    )


def test_a_vocabulary_is_checked_like_a_rule(tmp_path: Path) -> None:
    pack = write(tmp_path, PACK.replace("  terms:", "  term:"))
    assert error_of(pack) == (
        f"{pack}:3:3: unknown key 'term' in vocabulary remedy (did you mean 'terms'?)"
    )
    pack = write(tmp_path, PACK.replace("'magic beans?'", "'(magic'"))
    assert "'terms' of vocabulary remedy pattern 2 is not a valid regular expression" in (
        error_of(pack)
    )


def test_editing_a_vocabulary_reaches_the_cached_rules_that_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    rules = write(tmp_path, PACK.split("\n\n")[1], "rules.yaml")
    words = write(tmp_path, PACK.split("\n\n")[0] + "\n", "words.yaml")
    [rule] = load_rules([words, rules])
    assert "snake oil" in rule.options["patterns"][0]
    words.write_text(PACK.split("\n\n")[0].replace("snake oil", "tonic") + "\n", encoding="utf-8")
    [rule] = load_rules([words, rules])
    assert "tonic" in rule.options["patterns"][0] and "snake" not in rule.options["patterns"][0]


def test_every_builtin_vocabulary_term_compiles() -> None:
    """Built-in terms are not compiled on every run (start-up time): this test does it."""
    from medlint.rules.schema import compiling
    from medlint.rules.vocab import builtin_path, gather

    found = gather([builtin_path()], {})
    assert len(found.expanded) >= 5
    for terms in found.expanded.values():
        compiling(terms)
