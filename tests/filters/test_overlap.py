"""One claim, one finding: overlapping findings merge into the most specific one."""

from __future__ import annotations

from medlint.filters.overlap import merged
from medlint.findings import Category, Finding, Severity


def finding(rule: str, start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        rule=rule,
        name=rule.lower(),
        category=Category.OVERCLAIM,
        severity=severity,
        template="{match}",
        match="x" * (end - start),
        suggestion="",
        path="a.md",
        start=start,
        end=end,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
    )


def test_overlapping_findings_become_the_most_severe_with_the_others_related() -> None:
    found = merged(
        [finding("AM01", 0, 20), finding("OC01", 4, 9, Severity.ERROR), finding("AM02", 5, 12)],
        frozenset(),
    )
    assert [(f.rule, f.related) for f in found] == [("OC01", ("AM01", "AM02"))]


def test_separate_spans_and_whole_document_findings_stand_alone() -> None:
    found = merged(
        [finding("OC01", 0, 5), finding("DS01", 2, 4), finding("AM01", 10, 15)],
        frozenset({"DS01"}),
    )
    assert [(f.rule, f.related) for f in found] == [("OC01", ()), ("DS01", ()), ("AM01", ())]


def test_the_tightest_span_wins_between_equals() -> None:
    found = merged([finding("MX01", 0, 30), finding("AM01", 3, 8)], frozenset())
    assert [(f.rule, f.related) for f in found] == [("AM01", ("MX01",))]
