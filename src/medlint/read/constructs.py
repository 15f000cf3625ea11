"""Which markup construct is open at a point of a text: where a chunk may end, and what a chunk
that must start inside one (a cut in a code block longer than a chunk) carries over.

A tracker reads a chunk's text piece by piece, from the chunk's start to a would-be cut, in
linear time: each piece once. It judges a fence as the Markdown reader does (the same opening
and closing lines), so a cut it calls safe is one after which the reader of the whole text and
the reader of the chunks agree; comments, tags and skipped HTML elements are judged
conservatively (open whenever the last opening is not closed after it), which may only refuse
a safe cut, never allow an unsafe one.

A carry is a short string: ``""`` (nothing open), ``"fence:```"`` (inside a fenced code block
opened by these characters), ``"comment"``, ``"tag"`` or ``"skip:script"`` (inside the element
whose content is not prose).
"""

from __future__ import annotations

import re

FRONT_MATTER_END = re.compile(r"(?m)^(?:---|\.\.\.)\s*$")
# Lines that may open or close a fence: the Markdown reader's rules are applied to each.
_FENCE_LINE = re.compile(r"(?m)^[^\S\n]*(?:```|~~~)[^\n]*")
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})")
SKIPPED = (
    *("script", "style", "pre", "code", "textarea", "noscript", "template", "svg", "math"),
    *("nav", "header", "footer", "aside"),
)
_HTML_OPEN = {name: re.compile(rf"<{name}\b", re.IGNORECASE) for name in SKIPPED}
_HTML_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in SKIPPED}


def fence_after(line: str, fence: str) -> str:
    """The fence open after one line of Markdown (``""``: none), given the one open before:
    the rule of :func:`medlint.document.markup.markdown_prose`."""
    body = line.rstrip("\r")
    if fence:
        stripped = body.strip()
        closed = stripped.startswith(fence) and set(stripped) == {fence[0]}
        return "" if closed else fence
    opening = _FENCE_OPEN.match(body)
    return opening.group(1) if opening else ""


class Tracker:
    """The constructs open after the text read so far (see the module's docstring)."""

    def __init__(self, format: str, carry: str = "", first: bool = False) -> None:
        self.format = format
        self.fence = carry[6:] if carry.startswith("fence:") else ""
        self.comment = carry == "comment"
        self.tag = carry == "tag"
        self.skipped = carry[5:] if carry.startswith("skip:") else ""
        self.front_matter: bool | None = None if first and format == "markdown" else False

    def read(self, text: str, start: int, end: int) -> None:
        """Read ``text[start:end]``, the piece that follows what was read."""
        if start >= end or self.format == "text":
            return
        if self.front_matter is None:  # the text's first piece: does front matter open it?
            self.front_matter = text.startswith(("---\n", "---\r\n"), start)
            if self.front_matter:
                start += 4
        if self.front_matter:
            closing = FRONT_MATTER_END.search(text, start, end)
            if closing is None:
                return
            self.front_matter = False
            start = closing.end()
        self._comment(text, start, end)
        if self.format == "markdown":
            # A fence opens or closes on a line of three ``` or ~~~ at least: most pieces have none.
            if text.find("```", start, end) >= 0 or text.find("~~~", start, end) >= 0:
                for line in _FENCE_LINE.finditer(text, start, end):
                    self.fence = fence_after(line.group(), self.fence)
            return
        opened, closed = text.rfind("<", start, end), text.rfind(">", start, end)
        if opened >= 0 or closed >= 0:
            self.tag = opened > closed
        if opened >= 0:
            self._skipped(text, start, end)

    def _comment(self, text: str, start: int, end: int) -> None:
        opened = text.rfind("<!--", start, end)
        if opened >= 0:
            self.comment = text.find("-->", opened + 4, end) < 0
        elif self.comment and text.find("-->", start, end) >= 0:
            self.comment = False

    def _skipped(self, text: str, start: int, end: int) -> None:
        """The element left open: the one whose last opening in the piece is not closed after
        it (the latest such); one open before is closed by its closing tag in the piece."""
        if self.skipped and _HTML_CLOSE[self.skipped].search(text, start, end):
            self.skipped = ""
        latest = -1
        for name in SKIPPED:
            starts = [m.start() for m in _HTML_OPEN[name].finditer(text, start, end)]
            opened = starts[-1] if starts else -1
            if opened > latest and _HTML_CLOSE[name].search(text, opened, end) is None:
                self.skipped, latest = name, opened

    def reopens(self, text: str, start: int) -> int:
        """The first place from ``start`` where what is open now could close (``len(text)``
        when nothing can close it): a cut before it is not safe, so a chunker need not try the
        blank lines of a long code block or comment one by one."""
        if self.front_matter:
            found = FRONT_MATTER_END.search(text, start)
        elif self.fence:
            found = _FENCE_LINE.search(text, start)
        elif self.skipped:
            found = _HTML_CLOSE[self.skipped].search(text, start)
        elif self.comment or self.tag:
            at = text.find("-->" if self.comment else ">", start)
            return len(text) if at < 0 else at
        else:
            return start
        return len(text) if found is None else found.start()

    def carry(self) -> str:
        """What is open now, as a carry (``""``: a chunk may end here)."""
        if self.front_matter:
            return "front matter"
        if self.fence:
            return f"fence:{self.fence}"
        if self.skipped:
            return f"skip:{self.skipped}"
        if self.comment:
            return "comment"
        return "tag" if self.tag else ""
