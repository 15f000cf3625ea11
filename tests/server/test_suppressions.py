"""The suppression comments the code actions write: each must be read back by medlint as
suppressing the finding (and nothing else), in the syntax of the document's format."""

from __future__ import annotations

import pytest

from medlint.linter import Linter
from medlint.read.source import Format
from medlint.server.positions import LineIndex
from medlint.server.suppressions import Edit, in_file, on_line, remove_name

CLAIM = "Our clinic offers a stem cell protocol that reverses MS."


def applied(text: str, edit: Edit | None) -> str:
    assert edit is not None
    return text[: edit.start] + edit.text + text[edit.end :]


def rules(linter: Linter, text: str, format: Format) -> set[str]:
    return {f.rule for f in linter.lint_text(text, format)}


def suppress_line(linter: Linter, text: str, format: Format, line: int, rule: str = "OC01") -> str:
    assert rule in rules(linter, text, format)
    edited = applied(text, on_line(LineIndex(text), format, line, rule))
    left = rules(linter, edited, format)
    assert rule not in left and "MD100" not in left and "MD101" not in left
    return edited


def suppress_file(linter: Linter, text: str, format: Format, rule: str = "OC01") -> str:
    assert rule in rules(linter, text, format)
    edited = applied(text, in_file(LineIndex(text), format, rule))
    left = rules(linter, edited, format)
    assert rule not in left and "MD100" not in left and "MD101" not in left
    return edited


@pytest.mark.parametrize(
    ("format", "text", "expected"),
    [
        ("markdown", f"{CLAIM}\n", f"{CLAIM} <!-- medlint-disable-line OC01 -->\n"),
        # A Markdown hard break (two spaces) stays at the end of the line.
        ("markdown", f"{CLAIM}  \nNext.", f"{CLAIM} <!-- medlint-disable-line OC01 -->  \nNext."),
        ("html", f"<p>{CLAIM}</p>\r\n", f"<p>{CLAIM}</p> <!-- medlint-disable-line OC01 -->\r\n"),
        ("text", f"{CLAIM}\n", f"{CLAIM}  # medlint: disable-line OC01\n"),
    ],
)
def test_a_line_gets_a_comment_at_its_end(
    linter: Linter, format: Format, text: str, expected: str
) -> None:
    assert suppress_line(linter, text, format, 0) == expected


@pytest.mark.parametrize(
    ("format", "text", "expected"),
    [
        (
            "markdown",
            f"{CLAIM} <!-- medlint-disable-line CI01 -->\n",
            f"{CLAIM} <!-- medlint-disable-line CI01, OC01 -->\n",
        ),
        (
            "text",
            f"{CLAIM}  # medlint: disable-line CI01\n",
            f"{CLAIM}  # medlint: disable-line CI01, OC01\n",
        ),
    ],
)
def test_a_rule_joins_the_lines_comment(
    linter: Linter, format: Format, text: str, expected: str
) -> None:
    assert suppress_line(linter, text, format, 0) == expected


def test_a_comment_for_every_rule_needs_no_more() -> None:
    text = f"{CLAIM} <!-- medlint-disable-line -->\n"
    assert on_line(LineIndex(text), "markdown", 0, "OC01") is None


def test_a_line_ending_inside_a_tag_gets_the_comment_above(linter: Linter) -> None:
    text = f'<div>\n  <p>{CLAIM} <a\n  href="/x">more</a></p>\n</div>\n'
    edited = suppress_line(linter, text, "html", 1)
    assert edited.splitlines()[1] == "  <!-- medlint-disable-next-line OC01 -->"


def test_a_blank_line_of_plain_text_takes_no_comment() -> None:
    assert on_line(LineIndex("Text.\n\n"), "text", 1, "OC01") is None


@pytest.mark.parametrize(
    ("format", "text", "expected"),
    [
        ("markdown", f"# Title\n\n{CLAIM}\n", "<!-- medlint-disable OC01 -->\n# Title\n"),
        (
            "markdown",
            f"---\ntitle: x\n...\n{CLAIM}\n",
            "---\ntitle: x\n...\n<!-- medlint-disable OC01 -->\n",
        ),
        (
            "html",
            f"<!doctype html>\r\n<p>{CLAIM}</p>",
            "<!doctype html>\r\n<!-- medlint-disable OC01 -->\r\n<p>",
        ),
        ("html", f"<p>{CLAIM}</p>", f"<!-- medlint-disable OC01 -->\n<p>{CLAIM}</p>"),
        ("text", f"{CLAIM}\n", f"medlint: disable OC01\n{CLAIM}\n"),
        (
            "markdown",
            f"<!-- medlint-disable CI01 -->\n{CLAIM}\n",
            "<!-- medlint-disable CI01, OC01 -->\n",
        ),
        ("text", f"# medlint: disable CI01\n{CLAIM}\n", "# medlint: disable CI01, OC01\n"),
    ],
)
def test_the_file_gets_a_comment_at_the_top(
    linter: Linter, format: Format, text: str, expected: str
) -> None:
    assert suppress_file(linter, text, format).startswith(expected)


def test_front_matter_that_never_closes_is_not_skipped() -> None:
    edit = in_file(LineIndex(f"---\n{CLAIM}\n"), "markdown", "OC01")
    assert edit == Edit(0, 0, "<!-- medlint-disable OC01 -->\n")


def test_a_text_that_is_all_front_matter_gets_the_comment_after_it() -> None:
    text = "---\ntitle: x\n---"
    assert applied(text, in_file(LineIndex(text), "markdown", "OC01")) == (
        "---\ntitle: x\n---\n<!-- medlint-disable OC01 -->"
    )


@pytest.mark.parametrize(
    ("format", "text", "expected"),
    [
        ("markdown", "Plain words. <!-- medlint-disable-line OC01 -->\n", "Plain words.\n"),
        ("markdown", "Plain words. <!-- medlint-disable-line -->\n", "Plain words.\n"),
        ("html", "<!-- medlint-disable-next-line OC01 -->\n<p>Plain.</p>\n", "<p>Plain.</p>\n"),
        ("text", "Intro.\n# medlint: disable-next-line OC01\nPlain.\n", "Intro.\nPlain.\n"),
        (
            "markdown",
            f"{CLAIM} <!-- medlint-disable-line OC01, HY01 -->\n",
            f"{CLAIM} <!-- medlint-disable-line OC01 -->\n",
        ),
        (
            "markdown",
            f"{CLAIM} <!-- medlint-disable-line HY01,OC01 -->\n",
            f"{CLAIM} <!-- medlint-disable-line OC01 -->\n",
        ),
        (
            "text",
            f"{CLAIM}  # medlint: disable-line OC01 nonsuch\n",
            f"{CLAIM}  # medlint: disable-line OC01\n",
        ),
    ],
)
def test_the_fix_for_a_note_takes_the_name_out(
    linter: Linter, format: Format, text: str, expected: str
) -> None:
    [note] = [f for f in linter.lint_text(text, format) if f.rule in ("MD100", "MD101")]
    edited = applied(text, remove_name(LineIndex(text), format, note.start))
    assert edited == expected
    assert not rules(linter, edited, format) & {"MD100", "MD101"}


def test_no_comment_no_fix() -> None:
    assert remove_name(LineIndex("Plain words.\n"), "markdown", 3) is None
