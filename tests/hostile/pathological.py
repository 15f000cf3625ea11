"""Pathological inputs, generated at any size: each must lint in time linear in its length.

In the spirit of cmark's pathological tests. ``CONSTRUCTS`` maps a name to (make, format):
``make(n)`` gives a text of about ``n`` characters. ``bench/linearity.py`` times each at 10 KB,
100 KB and 1 MB; ``test_linearity.py`` lints each at 100 KB as a hang guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import count
from pathlib import Path

Make = Callable[[int], str]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def repeated(unit: str) -> Make:
    """``unit`` repeated to ``n`` characters, on one line unless it holds line breaks."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def lines(line: Callable[[int], str]) -> Make:
    """Lines ``line(0)``, ``line(1)``, ... until the text reaches ``n`` characters."""

    def make(n: int) -> str:
        parts: list[str] = []
        length = 0
        for i in count():
            if length >= n:
                return "".join(parts)
            parts.append(line(i))
            length += len(parts[-1])
        raise AssertionError  # pragma: no cover (count() never ends)

    return make


def nested(opening: str, middle: str, closing: str) -> Make:
    """``opening`` k times, ``middle``, ``closing`` k times: about ``n`` characters."""

    def make(n: int) -> str:
        k = max(1, (n - len(middle)) // (len(opening) + len(closing)))
        return opening * k + middle + closing * k

    return make


def backtick_runs(n: int) -> str:
    """cmark's: ``e`` after runs of 1, 2, 3, ... backticks, no two runs alike."""
    return lines(lambda i: "e" + "`" * (i + 1))(n)


def _clinic() -> str:
    return (EXAMPLES / "clinic-page.html").read_text(encoding="utf-8")


def _promotion() -> str:
    """The clinic example's visible paragraphs as one paragraph of plain sentences."""
    page = re.sub(r"(?s)<(head|script)\b.*?</\1>", "", _clinic())
    text = re.sub(r"<[^>]+>", "", page).replace("&ldquo;", "“").replace("&rdquo;", "”")
    return " ".join(text.replace("&mdash;", "—").split()) + " "


def one_line(source: Callable[[], str]) -> Make:
    """The text's lines joined by spaces and repeated on one line (as minified HTML is)."""
    return lambda n: repeated(" ".join(source().split("\n")) + " ")(n)


def with_breaks(source: Callable[[], str]) -> Make:
    """The text, with its own line breaks, repeated."""
    return lambda n: repeated(source().rstrip("\n") + "\n")(n)


CONSTRUCTS: dict[str, tuple[Make, str]] = {
    # Brackets and links
    "nested brackets": (nested("[", "a", "]"), "markdown"),
    "many [": (repeated("["), "markdown"),
    "link openers [a": (repeated("[a"), "markdown"),
    "link closers a]": (repeated("a]"), "markdown"),
    "unclosed links [a](b": (repeated("[a](b"), "markdown"),
    "unclosed links [a](<b": (repeated("[a](<b"), "markdown"),
    "[ (](": (repeated("[ (]("), "markdown"),
    # Code spans
    "a line of backticks": (repeated("`"), "markdown"),
    "backtick runs": (backtick_runs, "markdown"),
    # White space
    "a + spaces + x": (lambda n: "a" + " " * (n - 2) + "x", "markdown"),
    "a + spaces + x (html)": (lambda n: "a" + " " * (n - 2) + "x", "html"),
    "spaces + x (text)": (lambda n: " " * (n - 1) + "x", "text"),
    # Block structure
    "deep nested list": (lines(lambda i: "  " * i + "- a\n"), "markdown"),
    "deep block quote": (nested("> ", "a", ""), "markdown"),
    "quotes deeper each line": (lines(lambda i: ">" * (i % 5000) + " a\n"), "markdown"),
    "many fence lines": (repeated("```\n"), "markdown"),
    "table pipes on one line": (repeated("| a "), "markdown"),
    "open code block, blank lines": (lambda n: "```\n" + repeated("x\n\n")(n - 4), "markdown"),
    "a line of #": (repeated("#"), "markdown"),
    "- then spaces": (lambda n: "-" + " " * (n - 2) + "x", "markdown"),
    # Emphasis
    "emphasis *a_": (repeated("*a_ "), "markdown"),
    "nested strong emphasis": (nested("*a **a ", "b", " a** a*"), "markdown"),
    "openers _a": (repeated("_a "), "markdown"),
    # HTML in Markdown and in HTML
    "unclosed comments (markdown)": (nested("<!--", "", ""), "markdown"),
    "unclosed comments (html)": (nested("<!--", "", ""), "html"),
    "open comment, blank lines (html)": (lambda n: "<!--" + repeated("a\n\n")(n - 4), "html"),
    "unclosed suppression comments": (repeated("<!-- medlint-disable OC01 "), "markdown"),
    "a line of < (markdown)": (repeated("<"), "markdown"),
    "a line of < (html)": (repeated("<"), "html"),
    "unclosed tags (markdown)": (repeated("<a "), "markdown"),
    "unclosed quoted tags (html)": (repeated('<a "'), "html"),
    "unclosed <script (html)": (repeated("<script "), "html"),
    "many www. (markdown)": (repeated("www."), "markdown"),
    # Sentences
    "a line of full stops": (repeated("."), "text"),
    "one sentence of claims": (repeated("stem cells cure MS and "), "text"),
    # Realistic long lines: the clinic example and its prose, one line against many
    "clinic page on one line (html)": (one_line(_clinic), "html"),
    "clinic page with its breaks (html)": (with_breaks(_clinic), "html"),
    "promotion on one line (markdown)": (repeated(_promotion()), "markdown"),
    "promotion line by line (markdown)": (lambda n: repeated(_promotion() + "\n")(n), "markdown"),
}
