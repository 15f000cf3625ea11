"""The edits behind the "suppress" code actions: a suppression comment written in the syntax
that :mod:`medlint.document.directives` reads for the document's format (README, "Suppressing a
finding on purpose").

On a line, the comment goes at the end of the line (``<!-- medlint-disable-line ID -->`` in
Markdown and HTML, ``# medlint: disable-line ID`` in plain text): a comment on a line of its own
inside a Markdown paragraph would split it in two when rendered. A line that ends inside a tag
gets a ``disable-next-line`` comment above it instead. For the whole file, a
``disable`` comment goes on a line of its own at the top, after Markdown front matter or an
HTML doctype, which must stay first. A comment already there for other rules gets the id added
instead of a second comment beside it.

The quick fix for MD100 and MD101 (a name in a comment that suppresses nothing, or is no rule)
takes the name out of its comment, or the whole comment when nothing else is left in it.
"""

from __future__ import annotations

from typing import NamedTuple

from medlint.document.directives import Directive, find_directives
from medlint.server.positions import LineIndex


class Edit(NamedTuple):
    """Replace ``[start, end)`` of the text (offsets) with ``text``."""

    start: int
    end: int
    text: str


def on_line(index: LineIndex, format: str, line: int, rule: str) -> Edit | None:
    """The edit that suppresses ``rule`` on ``line`` (0-based), or None where no comment can
    (a blank line of plain text: its own comment there would cover only itself)."""
    text = index.line_text(line)
    content = text.rstrip()
    end = index.starts[line] + len(content)
    existing = _trailing(content, format)
    if existing is not None:
        if not existing.names:  # already covers every rule
            return None
        after = index.starts[line] + existing.names[-1].end
        return Edit(after, after, f", {rule}")
    if format == "text":
        if not content.strip():
            return None
        return Edit(end, end, f"  # medlint: disable-line {rule}")
    if content.rfind("<") > content.rfind(">"):  # the line ends inside a tag
        start = index.starts[line]
        indent = text[: len(text) - len(text.lstrip())]
        comment = f"{indent}<!-- medlint-disable-next-line {rule} -->"
        return Edit(start, start, comment + _line_break(index))
    space = " " if content else ""
    return Edit(end, end, f"{space}<!-- medlint-disable-line {rule} -->")


def in_file(index: LineIndex, format: str, rule: str) -> Edit:
    """The edit that suppresses ``rule`` in the whole document."""
    line = _top_line(index, format)
    if line < len(index.starts):
        existing = _whole_line_disable(index.line_text(line), format)
        if existing is not None:
            after = index.starts[line] + existing.names[-1].end
            return Edit(after, after, f", {rule}")
    comment = f"medlint: disable {rule}" if format == "text" else f"<!-- medlint-disable {rule} -->"
    if line >= len(index.starts):  # after front matter that ends the text without a break
        end = len(index.text)
        return Edit(end, end, _line_break(index) + comment)
    start = index.starts[line]
    return Edit(start, start, comment + _line_break(index))


def remove_name(index: LineIndex, format: str, offset: int) -> Edit | None:
    """The edit that takes the name at ``offset`` out of its suppression comment (with its
    separator), or the whole comment when it is the comment's only name, or when ``offset``
    is the comment itself; None where no comment is."""
    for directive in find_directives(index.text, format):
        if directive.start > offset:
            break
        if offset >= directive.end:
            continue
        names = directive.names
        at = next((n for n, name in enumerate(names) if name.start == offset), None)
        if at is None or len(names) == 1:
            return _without_comment(index, directive)
        if at > 0:  # from the end of the name before it: "A, B" -> "A"
            return Edit(names[at - 1].end, names[at].end, "")
        return Edit(names[0].start, names[1].start, "")  # "A, B" -> "B"
    return None


def _without_comment(index: LineIndex, directive: Directive) -> Edit:
    """Remove a comment: its lines when it stands alone on them, else it and the white space
    before it."""
    first, last = index.line_of(directive.start), index.line_of(directive.end)
    before = index.text[index.starts[first] : directive.start]
    after_end = index.starts[last] + len(index.line_text(last))
    if not before.strip() and not index.text[directive.end : after_end].strip():
        end = index.starts[last + 1] if last + 1 < len(index.starts) else len(index.text)
        return Edit(index.starts[first], end, "")
    return Edit(directive.start - (len(before) - len(before.rstrip())), directive.end, "")


def _trailing(content: str, format: str) -> Directive | None:
    """A ``disable-line`` comment that ends the line, if there is one."""
    found = [d for d in find_directives(content, format) if d.kind == "disable-line"]
    if found and found[-1].end == len(content):
        return found[-1]
    return None


def _whole_line_disable(text: str, format: str) -> Directive | None:
    """A ``disable`` comment naming rules that is the whole line, if the line is one."""
    found = find_directives(text, format)
    if len(found) == 1 and found[0].kind == "disable" and found[0].names:
        directive = found[0]
        if not (text[: directive.start] + text[directive.end :]).strip():
            return directive
    return None


def _top_line(index: LineIndex, format: str) -> int:
    """The first line a file-wide comment may take: after front matter (Markdown) or the
    doctype or XML declaration (HTML)."""
    first = index.line_text(0)
    if format == "markdown" and first.rstrip() == "---":
        for line in range(1, len(index.starts)):
            if index.line_text(line).strip() in ("---", "..."):
                return line + 1
        return 0  # not closed: not front matter
    if format == "html" and first.lstrip().lower().startswith(("<!doctype", "<?xml")):
        return 1
    return 0


def _line_break(index: LineIndex) -> str:
    """The text's own line break (the first one), ``\\n`` for a text of one line."""
    if len(index.starts) < 2:
        return "\n"
    start = index.starts[1]
    return "\r\n" if index.text[start - 2 : start] == "\r\n" else index.text[start - 1]
