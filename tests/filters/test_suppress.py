"""Inline suppression comments, in Markdown, HTML and plain text."""

from __future__ import annotations

from medlint.linter import Linter

LINTER = Linter(select=["OC01", "RK01"])


def rules_and_lines(text: str, format: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in LINTER.lint_text(text, format=format)]  # type: ignore[arg-type]


def test_markdown_next_line_and_ranges() -> None:
    text = (
        "<!-- medlint-disable-next-line OC01 -->\n"
        "Our stem cells cure MS.\n"
        "Our stem cells cure MS again.\n"
        "<!-- medlint-disable risk -->\n"
        "Our procedure is completely safe.\n"
        "<!-- medlint-enable risk -->\n"
        "Our procedure is completely safe.\n"
        "Our stem cells cure MS. <!-- medlint-disable-line cure-claim -->\n"
    )
    assert rules_and_lines(text, "markdown") == [("OC01", 3), ("RK01", 7)]


def test_disable_without_names_covers_every_rule() -> None:
    text = "<!-- medlint-disable -->\nOur stem cells cure MS and is completely safe.\n"
    assert rules_and_lines(text, "markdown") == []


def test_html_comments_work_too() -> None:
    text = "<p>Our stem cells cure MS.</p>\n<!-- medlint-disable-next-line OC01 -->\n<p>Our stem cells cure MS.</p>\n"
    assert rules_and_lines(text, "html") == [("OC01", 1)]


def test_plain_text_directive_lines() -> None:
    text = "medlint: disable-next-line cure-claim\nOur stem cells cure MS.\n# medlint: disable overclaim\nOur stem cells cure MS.\n"
    assert rules_and_lines(text, "text") == []
    assert rules_and_lines("Our stem cells cure MS.\nmedlint: enable\n", "text") == [("OC01", 1)]


def test_unused_and_unknown_names_are_reported() -> None:
    text = "<!-- medlint-disable-next-line OC1, OC01 -->\nNothing to see here.\n"
    findings = LINTER.lint_text(text, format="markdown")
    assert [(f.rule, f.match, f.message) for f in findings] == [
        ("MD101", "OC1", "'OC1' is not a rule id, name or category (did you mean 'OC01'?)."),
        ("MD100", "OC01", "'OC01' suppresses nothing here; remove it."),
    ]
    assert [f.column for f in findings] == [32, 37]
    quiet = Linter(select=["OC01"], ignore=["MD100", "unknown-rule-in-suppression"])
    assert quiet.lint_text(text, format="markdown") == []
