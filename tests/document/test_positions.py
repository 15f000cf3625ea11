"""Exact positions: every finding points at its own text, in every format and encoding quirk."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.linter import Linter

CLAIMS = [
    "Our stem cell protocol cures MS.",
    "Any reactions are usually mild and go away on their own.",
    "Studies have shown that cupping speeds up recovery.",
    "These cells can turn into any kind of tissue.",
    "Book your free consultation today.",
    "A groundbreaking – “miracle” – therapy: naïve café résumé 😀 cures MS!",
]
SEPARATORS = ["\n", "\r\n", "\r", "\n\n", "\t", " ", "\r\n\r\n"]


def check_spans(linter: Linter, text: str, format: str) -> int:
    """Checks every finding's offsets, line and columns; returns how many there were."""
    findings = linter.lint_text(text, format=format)  # type: ignore[arg-type]
    body = text[1:] if text.startswith("\ufeff") else text
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in findings:
        assert 0 <= f.start <= f.end <= len(body)
        assert body[f.start : f.end] == f.match
        if f.line == f.end_line:
            line_text = lines[f.line - 1]
            assert line_text[f.column - 1 : f.end_column - 1] == f.match, f
    return len(findings)


def test_claims_found_with_exact_columns(linter: Linter) -> None:
    text = (
        "\ufeffIntro line.\r\n\tOur stem cell protocol cures MS.\r\nNext: naïve 😀 text cures MS.\n"
    )
    findings = [f for f in linter.lint_text(text) if f.rule == "OC01"]
    assert [(f.line, f.column, f.end_column, f.match) for f in findings] == [
        (2, 25, 30, "cures"),
        (3, 20, 25, "cures"),
    ]
    assert check_spans(linter, text, "text") > 0


def test_markdown_and_html_columns(linter: Linter) -> None:
    markdown = "# Title\n\n- item with `code cures MS`\n- **Our protocol** cures MS.\n"
    found = [f for f in linter.lint_text(markdown, format="markdown") if f.rule == "OC01"]
    assert [(f.line, f.column, f.match) for f in found] == [(4, 20, "cures")]
    html = "<p>Our <b>protocol</b> &amp; cells<br>cure MS &mdash; fast.</p>"
    found = [f for f in linter.lint_text(html, format="html") if f.rule == "OC01"]
    assert [(f.line, f.column, f.match) for f in found] == [(1, 39, "cure")]
    assert check_spans(linter, markdown, "markdown") > 0
    assert check_spans(linter, html, "html") > 0


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(CLAIMS), st.sampled_from(SEPARATORS), st.text(max_size=20)),
        max_size=12,
    ),
    bom=st.booleans(),
    format=st.sampled_from(["text", "markdown", "html"]),
)
def test_every_finding_points_at_its_match(
    linter: Linter, pieces: list[str], bom: bool, format: str
) -> None:
    # A claim first, where nothing generated can hide it (a fence, a comment, a directive).
    text = ("\ufeff" if bom else "") + CLAIMS[0] + "\n\n" + "".join(pieces)
    assert check_spans(linter, text, format) > 0


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), format=st.sampled_from(["text", "markdown", "html"]))
def test_arbitrary_text_never_raises_and_is_deterministic(
    linter: Linter, text: str, format: str
) -> None:
    first = linter.lint_text(text, format=format)  # type: ignore[arg-type]
    assert first == linter.lint_text(text, format=format)  # type: ignore[arg-type]
    check_spans(linter, text, format)


@given(
    text=st.lists(st.sampled_from(["a", "bc ", "\n", "\r", "\r\n", "\u2028", "\x0b"])).map("".join)
)
def test_line_starts_follow_every_break(text: str) -> None:
    from medlint.document.model import _line_starts

    breaks = re.finditer(r"\r\n|\r|\n", text)
    assert _line_starts(text) == [0] + [m.end() for m in breaks]
