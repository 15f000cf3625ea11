"""The JSON writer gives exactly the text of ``json.dumps(indent=2, ensure_ascii=False)``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medlint.findings import Category, Finding, Severity
from medlint.report import RunSummary, jsontext
from medlint.report.json import JsonReporter
from medlint.report.sarif import SarifReporter

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@given(values)
def test_dumps_is_the_standard_text(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


@given(st.lists(values, max_size=30))
def test_an_array_in_pieces_is_the_standard_text(items: list[Any]) -> None:
    original = jsontext.BATCH
    jsontext.BATCH = 3  # several pieces even for a short array
    try:
        pieces = list(jsontext.array_pieces(iter(items)))
    finally:
        jsontext.BATCH = original
    assert "".join(pieces) == standard(items)
    assert len(pieces) == len(items) // 3 + 1


@given(values, st.lists(values, max_size=5))
def test_a_nested_array_filled_in_is_the_standard_text(extra: Any, items: list[Any]) -> None:
    shape = {"before": extra, "runs": [{"name": "x", "results": None, "after": [1, "é"]}]}
    expected = {"before": extra, "runs": [{"name": "x", "results": items, "after": [1, "é"]}]}
    text = "".join(jsontext.document_pieces(shape, "results", iter(items)))
    assert text == standard(expected)


def test_a_document_without_the_member_is_an_error() -> None:
    with pytest.raises(ValueError, match="no member 'results'"):
        list(jsontext.document_pieces({"runs": []}, "results", []))


def finding(number: int) -> Finding:
    return Finding(
        rule="OC01",
        name="cure-claim",
        category=Category.OVERCLAIM,
        severity=Severity.ERROR,
        template="“{match}” promises a cure",
        match=f"cures MS {number}",
        suggestion="Say what the trials found.",
        path="a.md",
        start=number,
        end=number + 8,
        line=number + 1,
        column=1,
        end_line=number + 1,
        end_column=9,
    )


@pytest.mark.parametrize("count", [0, 1, 2500])
def test_json_report_is_the_standard_text(count: int) -> None:
    findings = [finding(n) for n in range(count)]
    summary = RunSummary(1, "0")
    expected = standard([f.to_dict() for f in findings]) + "\n"
    assert JsonReporter().render(findings, summary) == expected


@pytest.mark.parametrize("count", [0, 3])
def test_sarif_report_parses_with_every_result(count: int) -> None:
    findings = [finding(n) for n in range(count)]
    rules = [
        {
            "id": "OC01",
            "name": "cure-claim",
            "message": "“{match}” promises a cure",
            "why": "Why.",
            "suggest": "Better.",
            "severity": "error",
            "category": "overclaim",
            "references": [],
        }
    ]
    log = json.loads(SarifReporter().render(findings, RunSummary(1, "0", rules=rules)))
    results = log["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [
        n + 1 for n in range(count)
    ]
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == (
        ["OC01"] if count else []
    )
