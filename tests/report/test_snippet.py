"""The source line under a finding: escaped, cut around the marked words, measured in columns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.report.snippet import MAX_LINE, WINDOW, _shown, _width, marked_line


def _by_character(line: str, start: int, end: int | None) -> tuple[str, int, int]:
    """The definition: every character shown as :func:`_shown` shows it, the window cut."""
    start = max(0, min(start, len(line)))
    end = len(line) if end is None else max(start, min(end, len(line)))
    first, last = 0, len(line)
    if len(line) > MAX_LINE:
        first = max(0, start - WINDOW)
        last = min(len(line), max(end, start + 1) + WINDOW)

    def shown(text: str) -> str:
        return "".join(char if " " <= char <= "~" else _shown(char) for char in text)

    before = ("..." if first > 0 else "") + shown(line[first:start])
    marked = shown(line[start:end])
    after = shown(line[end:last]) + ("..." if last < len(line) else "")
    return before + marked + after, _width(before), max(1, _width(marked))


# Plain letters, and characters shown escaped, wide, combining or invisible.
_LINES = st.text(alphabet="ab .\t\x1b\u202e\u200d\u00a0’é\u0301中", max_size=30) | st.text(
    alphabet="ab ’\t", min_size=MAX_LINE - 5, max_size=MAX_LINE + 40
)


@settings(max_examples=400, deadline=None)
@given(_LINES, st.integers(-2, 330), st.none() | st.integers(-2, 330))
def test_a_line_is_shown_as_its_characters_are(line: str, start: int, end: int | None) -> None:
    assert marked_line(line, start, end) == _by_character(line, start, end)


def test_examples() -> None:
    assert marked_line("It cures MS.", 3, 8) == ("It cures MS.", 3, 5)
    assert marked_line("It ’cures’ MS.", 3, 10) == ("It ’cures’ MS.", 3, 7)
    assert marked_line("中文 cures", 3, 8) == ("中文 cures", 5, 5)  # wide characters: 2 columns
    assert marked_line("a\x1bb", 1, 2) == ("a\\x1bb", 1, 4)
    assert marked_line("tab\there", 4, 8) == ("tab    here", 7, 4)
    assert marked_line("x", 1, 1) == ("x", 1, 1)  # an empty mark is one column
    long = "a" * 600
    shown, before, length = marked_line(long, 300, 302)
    assert shown.startswith("...") and shown.endswith("...") and (before, length) == (103, 2)
