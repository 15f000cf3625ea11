"""Text made safe for the HTML report, and a document's text with its findings marked.

Everything the report embeds (a draft's text, file names, messages, a rule pack's prose) goes
through :func:`text` or :func:`attr`: markup characters become entities, so a draft holding
``<script>`` or ``</textarea>`` stays words on the page. Control characters are shown escaped,
as ``\\x1b`` or ``\\u202e``, as in the terminal report: a bidi control would otherwise reorder
what the reviewer reads, and a lone surrogate (a file name that is not UTF-8) could not be
written at all. No data is embedded in the script: it reads the page it is on.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

_KEPT_FORMAT = frozenset("\u200c\u200d")  # zero-width (non-)joiners: how some words are spelled
_CANDIDATES = re.compile(r"[^\x20-\x7e\t\n\r]")  # what may need an escape


def _escape_code(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _is_control(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and char not in _KEPT_FORMAT)


def _controls(text: str, shown: str) -> str:
    """``text`` with each control character replaced by ``shown`` (a format string of the
    escape)."""
    if text.isascii() and text.isprintable():
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        return shown.format(_escape_code(char)) if _is_control(char) else char

    return _CANDIDATES.sub(replace, text)


def text(value: str) -> str:
    """``value`` as the content of an element: markup escaped, control characters shown as a
    marked escape."""
    return _controls(html.escape(value, quote=False), '<span class="ctl">{}</span>')


def attr(value: str) -> str:
    """``value`` inside a double- or single-quoted attribute: quotes escaped too, control
    characters as their escape."""
    return _controls(html.escape(value, quote=True), "{}")


class Span(NamedTuple):
    """A finding's place in its text, by its number in the report."""

    number: int
    start: int
    end: int
    severity: str
    rank: int  # the severity's: the most severe finding over a stretch colours it


PIECE = 1000  # stretches of text per piece written


def marked_text(source: str, spans: Sequence[Span]) -> Iterator[str]:
    """``source`` escaped, each stretch that findings cover in a ``<mark>`` naming them
    (``data-f``, space-separated numbers) and coloured by the most severe (``data-sev``), and
    an empty ``<span class="at" id="f-N">`` where finding N starts, for links to land on.
    Findings may overlap or nest: the text is cut wherever one starts or ends. A finding of
    no length is an anchor of class ``point`` carrying its own number and severity. Offsets
    past the text's end (a file changed since it was linted) are cut back to it."""
    size = len(source)
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[int]] = {}
    for span in spans:
        start = max(0, min(span.start, size))
        end = max(start, min(span.end, size))
        starts.setdefault(start, []).append(span._replace(start=start, end=end))
        if end > start:
            ends.setdefault(end, []).append(span.number)
    points = sorted({0, size, *starts, *ends})
    active: dict[int, Span] = {}
    pieces: list[str] = []
    for index, point in enumerate(points):
        for number in ends.get(point, ()):
            del active[number]
        for span in starts.get(point, ()):
            pieces.append(_anchor(span))
            if span.end > span.start:
                active[span.number] = span
        if index + 1 == len(points):
            break
        stretch = text(source[point : points[index + 1]])
        if active:
            numbers = " ".join(str(number) for number in active)
            worst = max(active.values(), key=lambda s: s.rank).severity
            pieces.append(f'<mark data-f="{numbers}" data-sev="{worst}">{stretch}</mark>')
        else:
            pieces.append(stretch)
        if len(pieces) >= PIECE:
            yield "".join(pieces)
            pieces.clear()
    yield "".join(pieces)


def _anchor(span: Span) -> str:
    if span.end > span.start:
        return f'<span class="at" id="f-{span.number}"></span>'
    return (
        f'<span class="at point" id="f-{span.number}" data-f="{span.number}" '
        f'data-sev="{span.severity}"></span>'
    )
