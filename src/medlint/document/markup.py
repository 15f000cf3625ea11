"""Extract the prose of Markdown and HTML, keeping every offset traceable to the source.

Markdown is *masked*: syntax (code, front matter, URLs, markers, tags) is replaced by spaces of the
same length, so prose offsets equal source offsets. HTML is *extracted*: tags vanish, entities are
decoded and block elements become line breaks, so the reader returns an :class:`OffsetMap`.
Both return ``breaks``: prose offsets where a sentence must end (headings, list items, cells).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from medlint.document.inline import inline_spans
from medlint.document.offsets import OffsetMap


class Prose(NamedTuple):
    """The text the rules read, its map to the source and its forced sentence breaks."""

    text: str
    offsets: OffsetMap
    breaks: tuple[int, ...]
    headings: tuple[tuple[int, int], ...] = ()


def plain_prose(text: str) -> Prose:
    """Plain text is its own prose, less any ``medlint:`` suppression lines."""
    from medlint.document.directives import text_directive_spans

    spans = text_directive_spans(text) if "medlint:" in text else []
    if spans:
        masked = list(text)
        for start, end in spans:
            masked[start:end] = " " * (end - start)
        text = "".join(masked)
    return Prose(text, OffsetMap.identity(len(text)), tuple(start for start, _ in spans))


# --- Markdown -----------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?=\s|$)")
_HEADING_TAIL = re.compile(r"\s#+\s*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^(?: {0,3}>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)\s*(?:\[[ xX]\]\s)?")
# Possessive white space: a line of 5,000 spaces before a list marker is not split 5,000^2 ways.
_TABLE_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-+:?\s*+(?:\|\s*+:?-+:?\s*+)+\|?\s*$")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_HTML_BLOCK_LINE = re.compile(r"^ {0,3}</?[a-zA-Z][^>]*>\s*$")
_PIPE = re.compile(r"(?<!\\)\|")


def markdown_prose(text: str, carry: str = "", first: bool = True) -> Prose:
    """Mask Markdown syntax with spaces; keep prose at its own offsets.

    ``carry``: the construct the text starts inside, when it is a chunk cut out of a longer
    one (see :mod:`medlint.read.constructs`); ``first``: whether it starts the whole text (only
    there can front matter open)."""
    spans: list[tuple[int, int]] = []  # what to blank; the text is rebuilt once at the end
    breaks: list[int] = []
    headings: list[tuple[int, int]] = []

    def blank(start: int, end: int) -> None:
        spans.append((start, end))

    def mask_table_row(start: int, end: int) -> None:
        body = text[start:end]
        if "|" in body and (body.lstrip().startswith("|") or body.rstrip().endswith("|")):
            breaks.append(start)
            for pipe in _PIPE.finditer(text, start, end):
                spans.append((pipe.start(), pipe.end()))
                breaks.append(pipe.start())

    offset = 0
    fence: str | None = carry[6:] if carry.startswith("fence:") else None
    in_indented_code = False
    previous_blank = True
    in_front_matter = carry == "front matter" or (
        first and (text.startswith("---\n") or text.startswith("---\r\n"))
    )
    first = carry != "front matter"  # the opening line of front matter cannot close it
    previous_line: tuple[int, int] | None = None
    if carry in ("comment", "tag"):  # the rest of a comment (or tag) cut in two
        spans.append((0, _carried_end(text, carry)))
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text ends with a line break: no line after it
    for line in lines:
        start = offset
        offset += len(line) + 1
        body = line.rstrip("\r")
        end = start + len(body)
        is_blank = not body.strip()
        if in_front_matter:
            blank(start, end)
            if not first and body.strip() in ("---", "..."):
                in_front_matter = False
            first = False
            continue
        first = False
        if fence is not None:
            blank(start, end)
            stripped = body.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            continue
        if body[:1].isalpha():  # prose (most lines): no block syntax starts with a letter
            in_indented_code = previous_blank = False
            if "|" in body:
                mask_table_row(start, end)
            previous_line = (start, end)
            continue
        fence_match = _FENCE.match(body)
        if fence_match:
            fence = fence_match.group(1)
            blank(start, end)
            breaks.append(start)
            continue
        indented = body.startswith("    ") or body.startswith("\t")
        if (
            indented
            and not is_blank
            and (previous_blank or in_indented_code)
            and not _LIST.match(body)
        ):
            in_indented_code = True
            blank(start, end)
            continue
        if not is_blank:
            in_indented_code = False
        previous_blank = is_blank
        if is_blank:
            previous_line = None
            continue
        if _THEMATIC.match(body) or _TABLE_SEPARATOR.match(body) or _REFERENCE_DEF.match(body):
            blank(start, end)
            breaks.append(start)
            continue
        if _SETEXT.match(body):
            blank(start, end)
            breaks.append(start)
            if previous_line is not None:
                headings.append(previous_line)
            continue
        if _HTML_BLOCK_LINE.match(body):
            breaks.append(start)
        cursor = start
        quote = _QUOTE.match(body)
        if quote:
            blank(start, start + quote.end())
            cursor = start + quote.end()
        rest = text[cursor:end]
        heading = _HEADING.match(rest)
        list_item = _LIST.match(rest)
        if heading:
            blank(cursor, cursor + heading.end())
            tail = _HEADING_TAIL.search(rest)
            if tail:
                blank(cursor + tail.start(), end)
            breaks.extend((start, end))
            headings.append((start, end))
        elif list_item:
            blank(cursor, cursor + list_item.end())
            breaks.append(start)
        mask_table_row(start, end)
        previous_line = (start, end)
    block_spans = _merged(spans)
    inline = inline_spans(text, block_spans)
    return Prose(
        _blanked(text, _merged(block_spans + inline)),
        OffsetMap.identity(len(text)),
        tuple(sorted(set(breaks))),
        tuple(sorted(headings)),
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every character of the (sorted, disjoint) spans but line breaks made a
    space, built from slices rather than character by character."""
    pieces: list[str] = []
    previous = 0
    for start, end in spans:
        pieces.append(text[previous:start])
        piece = text[start:end]
        if "\n" in piece or "\r" in piece:
            pieces.append(_NOT_LINE_BREAK.sub(" ", piece))
        else:
            pieces.append(" " * (end - start))
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


_NOT_LINE_BREAK = re.compile(r"[^\r\n]")


# --- MDX (Markdown with JSX and ES modules) -----------------------------------------------------

_ESM = re.compile(r"(?:import|export)(?=[\s{*])")
_JSX_LINE = re.compile(r"\s*(?:</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>|</?>|\{.*\})\s*")
_JSX_OPEN = re.compile(r"\s*<[A-Z][\w.:-]*(?:\s|$)")


def mask_mdx(text: str) -> str:
    """MDX's code lines made spaces of the same length, so the Markdown reader reads only its
    prose: ES module blocks (``import``/``export`` at the start of a line, to the next blank
    line), lines that are a JSX tag (``<Note>``, ``<Chart data={x} />``, one spread over several
    lines) or an expression (``{/* note */}``). Fenced code is left to the Markdown reader."""
    lines = text.splitlines(keepends=True)
    spans: list[tuple[int, int]] = []
    offset = 0
    block = ""  # "esm" or "jsx" while inside one; the fence's marker while in fenced code
    for line in lines:
        body = line.rstrip("\r\n")
        fence = _FENCE.match(body)
        mask = True
        if block not in ("", "esm", "jsx"):  # fenced code: the Markdown reader's
            block = "" if fence and fence.group(1)[0] == block[0] else block
            mask = False
        elif block == "esm":
            block = "esm" if body.strip() else ""
        elif block == "jsx":
            block = "" if body.rstrip().endswith(">") else "jsx"
        elif fence:
            block, mask = fence.group(1), False
        elif _ESM.match(body):
            block = "esm"
        elif _JSX_OPEN.match(body) and not body.rstrip().endswith(">"):
            block = "jsx"
        else:
            mask = _JSX_LINE.fullmatch(body) is not None
        if mask:
            spans.append((offset, offset + len(body)))
        offset += len(line)
    return _blanked(text, spans) if spans else text


# --- HTML ---------------------------------------------------------------------------------------

# Not prose: code and scripts, and the page's furniture (navigation, site header and footer,
# side boxes), which would otherwise be read as claims ("Cure MS | Home | Shop").
_SKIPPED_ELEMENTS = (
    "script|style|noscript|template|pre|code|svg|math|textarea|head|nav|header|footer|aside"
)
# A tag never fails once its name is read (a quote left open runs to the end, as in a browser):
# a failed tag would be read again from every later "<" in it, in quadratic time.
_HTML_TOKEN = re.compile(
    r"""
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<skip><(?P<skipname>"""
    + _SKIPPED_ELEMENTS
    + r""")\b[^>]*>.*?(?:</(?P=skipname)\s*>|\Z))
    | (?P<crumbs><(?P<crumbname>ol|ul|div|p)\b[^>]*\bbreadcrumbs?\b[^>]*>
        .*?(?:</(?P=crumbname)\s*>|\Z))
    | (?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))
    | (?P<decl><[!?][^>]*(?:>|\Z))
    | (?P<tag></?(?P<name>[a-zA-Z][\w:-]*)(?:[^>"']++|"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))*+(?:>|\Z))
    | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)
    """,
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
_BLOCK_ELEMENTS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    }
)


_HEADING_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})


def html_prose(text: str, carry: str = "") -> Prose:
    """Decode entities and drop tags; block elements become line breaks that end sentences.
    ``carry``: the construct the text starts inside (a comment, a tag, a script cut in two)."""
    pieces: list[str] = []
    offsets = OffsetMap()
    breaks: list[int] = []
    headings: list[tuple[int, int]] = []
    heading_start: int | None = None
    prose_length = 0
    cursor = 0

    def emit(piece: str, source_start: int, source_length: int) -> None:
        nonlocal prose_length
        if not piece:
            return
        pieces.append(piece)
        offsets.add(prose_length, source_start, len(piece), source_length)
        prose_length += len(piece)

    if carry:
        cursor = _carried_end(text, carry)
        if carry.startswith("skip:"):
            breaks.append(0)
            emit("\n", 0, cursor)
    for m in _HTML_TOKEN.finditer(text, cursor):
        emit(text[cursor : m.start()], cursor, m.start() - cursor)
        cursor = m.end()
        if m.group("entity") is not None:
            emit(_unescape(m.group()), m.start(), m.end() - m.start())
        elif m.group("tag") is not None and m.group("name").lower() in _BLOCK_ELEMENTS:
            name = m.group("name").lower()
            if name in _HEADING_ELEMENTS:
                if m.group().startswith("</"):
                    if heading_start is not None:
                        headings.append((heading_start, prose_length))
                    heading_start = None
                else:
                    heading_start = prose_length + 1
            breaks.append(prose_length)
            emit("\n", m.start(), m.end() - m.start())
        elif m.group("skip") is not None or m.group("crumbs") is not None:
            breaks.append(prose_length)
            emit("\n", m.start(), m.end() - m.start())
    emit(text[cursor:], cursor, len(text) - cursor)
    if not pieces:
        offsets = OffsetMap.identity(0)
    return Prose("".join(pieces), offsets, tuple(breaks), tuple(headings))


def _carried_end(text: str, carry: str) -> int:
    """Where the construct a chunk starts inside ends (``carry``: see ``read.constructs``)."""
    if carry.startswith("skip:"):
        closing = re.compile(rf"</{carry[5:]}\s*>", re.IGNORECASE).search(text)
        return len(text) if closing is None else closing.end()
    end = text.find("-->" if carry == "comment" else ">")
    return len(text) if end < 0 else end + (3 if carry == "comment" else 1)


def _unescape(reference: str) -> str:
    """The character a character reference stands for (``html`` loads on the first one)."""
    from html import unescape

    return unescape(reference)
