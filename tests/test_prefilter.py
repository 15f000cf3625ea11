"""The prefilter: which sentences each rule reads, and which of its patterns can match there.

It is a speed device only: every test here also checks that the findings equal a run without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import Document
from medlint.engine.prefilter import Prefilter, _source
from medlint.linter import Linter

PACK = """\
- id: T01
  name: two-claims
  category: hype
  severity: warning
  message: "'{match}' is a claim."
  suggest: Say what was measured.
  why: Claims need evidence.
  references:
    - {title: Guide, url: "https://example.org"}
  patterns:
    - 'miracle (?:cure|remedy)'
    - 'works (?:wonders|miracles)'
    - 'wonder worker'
  examples:
    flag: ["A miracle cure.", "It works wonders.", "A wonder worker."]
    pass: ["It works.", "No miracle here.", "Is it a miracle cure?"]
"""

TEXT = (
    "Nothing to see in this first sentence. A miracle cure for all. It works wonders, "
    "we hear. This miracle works wonders and is a miracle cure. Plain words end it."
)


def _linters(tmp_path: Path) -> tuple[Linter, Linter]:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return (
        Linter(rules=[pack], builtin=False),
        Linter(rules=[pack], builtin=False, prefilter=False),
    )


def test_candidates_name_the_one_clause_that_holds(tmp_path: Path) -> None:
    fast, _ = _linters(tmp_path)
    document = Document(TEXT)
    found = Prefilter(fast.rules).candidates(document)
    assert found is not None
    candidates = found["T01"]
    # Sentence 0 has no literal of any clause; 1 holds clause 0 only ("miracle", "cure"),
    # 2 clause 1 only ("works", "wonders"), 3 clauses 0 and 1.
    assert candidates.sentences == [1, 2, 3]
    assert candidates.clauses == [0, 1, -1]


def test_findings_equal_a_run_without_the_prefilter(tmp_path: Path) -> None:
    fast, plain = _linters(tmp_path)
    found = fast.lint_text(TEXT)
    assert [f.match for f in found] == [
        "miracle cure",
        "works wonders",
        "works wonders",
        "miracle cure",
    ]
    assert found == plain.lint_text(TEXT)


def test_a_rule_with_one_clause_gets_no_clause_list(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        PACK.replace("    - 'works (?:wonders|miracles)'\n", "").replace(
            "    - 'wonder worker'\n", ""
        ),
        encoding="utf-8",
    )
    linter = Linter(rules=[pack], builtin=False)
    found = Prefilter(linter.rules).candidates(Document(TEXT))
    assert found is not None
    assert found["T01"].sentences == [1, 3]
    assert found["T01"].clauses is None


def test_a_pattern_without_literals_reads_where_with_holds(tmp_path: Path) -> None:
    """'\\d+ (?:ms|mg)' has no usable literal; with 'with', its clause is the 'with' group, and
    the rule's other pattern still runs only where its own literals are."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        PACK.replace("    - 'works (?:wonders|miracles)'\n", "    - '\\d+ (?:ms|mg)'\n")
        .replace("    - 'wonder worker'\n", "")
        .replace("  patterns:\n", "  with: ['dose']\n  patterns:\n")
        .replace('"It works wonders."', '"A dose of 5 mg."')
        .replace('"A wonder worker."', '"A miracle cure dose."'),
        encoding="utf-8",
    )
    fast = Linter(rules=[pack], builtin=False)
    plain = Linter(rules=[pack], builtin=False, prefilter=False)
    (rule,) = fast.rules
    assert rule.anchors == (
        (frozenset({"miracle"}), frozenset({"cure", "remedy"}), frozenset({"dose"})),
        (frozenset({"dose"}),),
    )
    text = "A miracle cure. The dose is 5 mg daily. A miracle cure, a dose of 5 mg daily. 5 mg now."
    found = Prefilter(fast.rules).candidates(Document(text))
    assert found is not None
    # "dose" holds in sentences 1 and 2; the miracle clause also holds in 2.
    assert found["T01"] == ([1, 2], [1, -1])
    findings = fast.lint_text(text)
    assert [f.match for f in findings] == ["5 mg", "miracle cure", "5 mg"]
    assert findings == plain.lint_text(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abc -", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="abc -x", max_size=30),
)
def test_the_scan_finds_the_longest_literal_at_every_position(
    literals: list[str], text: str
) -> None:
    """Overlapping and nested literals are all found: at each position, the longest literal
    starting there (shorter ones that are its prefixes count through ``_groups_of``)."""
    scan = re.compile(_source(sorted(set(literals))))
    expected = []
    for position in range(len(text)):
        starting = [w for w in set(literals) if text.startswith(w, position)]
        if starting:
            expected.append(max(starting, key=len))
    assert scan.findall(text) == expected


_BUILTIN = Linter(extend_select=["ALL"])


def _both_scans(monkeypatch: pytest.MonkeyPatch) -> tuple[Prefilter, Prefilter]:
    """The prefilter of every built-in rule with the automaton, and with the ``re`` scan."""
    pytest.importorskip("ahocorasick")
    monkeypatch.delenv("MEDLINT_PURE", raising=False)
    automaton = Prefilter(_BUILTIN.rules)
    monkeypatch.setenv("MEDLINT_PURE", "1")
    pure = Prefilter(_BUILTIN.rules)
    assert automaton._automaton is not None and pure._automaton is None
    return automaton, pure


_EXAMPLE_TEXT = "\n\n".join(
    example for rule in _BUILTIN.all_rules for example in (*rule.flag_examples, *rule.pass_examples)
)


def test_automaton_and_re_scan_give_the_same_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    automaton, pure = _both_scans(monkeypatch)
    document = Document(_EXAMPLE_TEXT, "markdown")
    found = automaton.candidates(document)
    assert found  # the examples are full of literals
    assert found == pure.candidates(document)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "stem cell",
                "cells",
                "therapy",
                "cure",
                "cured",
                "reverses",
                "ms",
                "no",
                "risk",
                "side effects",
                "proven",
                "study",
                "our clinic",
                "e.g.",
                ".",
                "?",
                " ",
                "\n",
                "\0",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_automaton_and_re_scan_agree_on_any_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        automaton, pure = _both_scans(monkeypatch)
    document = Document(text)
    assert automaton.candidates(document) == pure.candidates(document)


_PIECES = [
    "stem cell",
    "cures",
    "our clinic",
    "no risk",
    "side effects",
    "İ",
    ".",
    "?",
    "\n\n",
    "\0",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=25).map(" ".join), max_size=6))
def test_candidates_of_many_documents_are_each_ones_own(texts: list[str]) -> None:
    """Found together, each document gets exactly what it gets alone, counted from its own
    first sentence (including None for a text whose lower case is longer, and none at all)."""
    prefilter = _BUILTIN.engine.prefilter()
    documents = [Document(text) for text in texts]
    together = prefilter.candidates_many([(document, None) for document in documents])
    assert together == [prefilter.candidates(document) for document in documents]


def test_candidates_of_the_examples_together_and_apart() -> None:
    prefilter = _BUILTIN.engine.prefilter()
    documents = [
        Document(example)
        for rule in _BUILTIN.all_rules
        for example in (*rule.flag_examples, *rule.pass_examples)
    ]
    together = prefilter.candidates_many([(document, None) for document in documents])
    apart = [prefilter.candidates(document) for document in documents]
    assert together == apart
    assert sum(bool(found) for found in apart) > len(apart) // 2  # most examples have some
