"""A hang guard: each pathological construct, at 100 KB, is linted to the end.

No timing here (bench/linearity.py times each at 10 KB, 100 KB and 1 MB); before the masking
was made linear, several of these took minutes (a 20 KB line of backticks 49 s, 100,000 '['
42 s, a deeply nested list 199 s at 8.7 MB), so a regression shows as a test that does not end.
"""

from __future__ import annotations

import pytest

from medlint.linter import Linter

from .pathological import CONSTRUCTS

SIZE = 100_000
_LINTER = Linter(extend_select=["ALL"])


@pytest.mark.parametrize("name", list(CONSTRUCTS))
def test_each_pathological_construct_is_linted_to_the_end(name: str) -> None:
    make, format = CONSTRUCTS[name]
    text = make(SIZE)
    assert SIZE * 0.9 <= len(text) <= SIZE * 1.1, len(text)
    findings = _LINTER.lint_text(text, format=format)  # type: ignore[arg-type]
    assert all(0 <= f.start <= f.end <= len(text) for f in findings)


def test_a_page_on_one_line_reads_as_the_page_with_its_line_breaks() -> None:
    """Minified HTML: the clinic example repeated, its line breaks made spaces, gives the same
    findings at the same offsets, cut where no paragraph ends (here every 40 KB, in a text
    longer than ``HARD`` at 1 MiB) as read whole. (1,600 copies took 36.9 s against 0.74 s,
    and found other things, at commit 2477db5; bench/linearity.py times both.)"""
    from medlint.read.chunking import split

    from .pathological import _clinic

    broken = _clinic() * 150
    flat = broken.replace("\n", " ")
    spans = [
        [
            (f.rule, f.start, f.end)
            for f in _LINTER.lint_chunks(split(text, "html", hard=40_000), "html")
        ]
        for text in (broken, flat)
    ]
    assert spans[0] == spans[1]
    assert len(spans[0]) > 150
