"""The prefilter: which sentences each rule reads.

It is a speed device only: every test here also checks that the findings equal a run without it.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import Document
from medlint.engine.prefilter import Prefilter
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


def test_candidates_are_the_sentences_where_a_clause_holds(tmp_path: Path) -> None:
    fast, _ = _linters(tmp_path)
    found = Prefilter(fast.rules).candidates(Document(TEXT))
    # Sentence 0 has no literal of any clause; 1 holds clause 0 ("miracle", "cure"),
    # 2 clause 1 ("works", "wonders"), 3 both.
    assert found.sentences["T01"] == [1, 2, 3]
    assert found.patterns["T01"] == (0, 1)  # no 'wonder worker': pattern 2 cannot match


def test_only_the_patterns_whose_clause_holds_are_tried(tmp_path: Path) -> None:
    fast, plain = _linters(tmp_path)
    text = "Nothing here. A miracle cure for all. A wonder worker, and another miracle remedy."
    found = Prefilter(fast.rules).candidates(Document(text))
    assert found.sentences["T01"] == [1, 2]
    assert found.patterns["T01"] == (0, 2)  # no 'works' anywhere: pattern 1 cannot match
    findings = fast.lint_text(text)
    assert [f.match for f in findings] == ["miracle cure", "wonder worker", "miracle remedy"]
    assert findings == plain.lint_text(text)


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
    # "dose" holds in sentences 1 and 2; the miracle clause also holds in 2.
    assert found.sentences["T01"] == [1, 2]
    findings = fast.lint_text(text)
    assert [f.match for f in findings] == ["5 mg", "miracle cure", "5 mg"]
    assert findings == plain.lint_text(text)


_BUILTIN = Linter(extend_select=["ALL"])
_WORDS = [
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
    "İ",
    "ı",
    "ſ",
    "CURES",
    "K",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join))
def test_candidates_never_drop_a_sentence_with_a_match(text: str) -> None:
    """Every sentence where a rule's pattern (and its ``with``) matches is a candidate."""
    from medlint.document.model import lower

    document = Document(text)
    found = _BUILTIN.engine.prefilter().candidates(document)
    lowered = lower(document.prose)
    for rule in _BUILTIN.rules:
        if rule.anchors is None or rule.kind != "pattern":
            continue
        pattern = rule.checker.pattern  # type: ignore[attr-defined]
        for index, sentence in enumerate(document.sentences):
            matches = pattern.finditer(document.prose, lowered, sentence.start, sentence.end, None)
            with_ = rule.checker.with_  # type: ignore[attr-defined]
            if with_ is not None and not with_.search(sentence.text):
                continue  # the sentence must say this too: no finding here
            if any(True for _ in matches):
                assert index in found.sentences.get(rule.id, []), (rule.id, sentence.text)
                among = found.patterns.get(rule.id)
                narrowed = pattern.finditer(
                    document.prose, lowered, sentence.start, sentence.end, None, among
                )
                assert any(True for _ in narrowed), (rule.id, sentence.text, among)


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
    apart = [prefilter.candidates(document) for document in documents]
    assert [found.sentences for found in together] == [found.sentences for found in apart]
    # The patterns that can match are the batch's: for each document, all its own and more.
    for own in apart:
        for rule_id, among in own.patterns.items():
            assert set(among) <= set(together[0].patterns.get(rule_id, range(999)))


def test_candidates_of_the_examples_together_and_apart() -> None:
    prefilter = _BUILTIN.engine.prefilter()
    documents = [
        Document(example)
        for rule in _BUILTIN.all_rules
        for example in (*rule.flag_examples, *rule.pass_examples)
    ]
    together = prefilter.candidates_many([(document, None) for document in documents])
    apart = [prefilter.candidates(document) for document in documents]
    assert [found.sentences for found in together] == [found.sentences for found in apart]
    assert sum(bool(found.sentences) for found in apart) > len(apart) // 2  # most have some
    assert sum(bool(found.patterns) for found in apart) > len(apart) // 4  # many narrow
