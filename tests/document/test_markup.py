"""Markdown and HTML: only prose is linted, and findings point at the source."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import Document
from medlint.linter import Linter

MARKDOWN = """---
title: Stem cells cure MS
---

# Our Protocol Cures MS

Text with `inline code that cures MS` here.
![a miracle image](https://example.com/miracle.png)

    indented code: stem cells cure MS

```python
print("stem cells cure MS")
```

| Claim | Status |
|-------|--------|
| Stem cells cure MS | false |

- First item is fine
- Second item: the cells cure MS
<!-- a comment: cures MS -->
Visit https://cure-ms.example.org for more.
* **Bold claim**: it cures _everything_.
"""

HTML = """<html><head><title>Cures MS</title><script>var x = "cures MS";</script>
<style>.cure{}</style></head>
<body>
<h1>Miracle</h1><p title="cures MS">Stem cells&nbsp;cure MS.</p>
<p>It is <em>not</em> a cure.</p><ul><li>Cells repair nerves</li><li>They cure MS</li></ul>
<pre>code cures MS</pre>
<p>Don&rsquo;t believe it cures MS? It &ldquo;cures&rdquo; MS, they say.</p>
</body></html>
"""


# Plain rules with no subject or profile, so these tests see only what the readers let through.
PACK = """\
- id: T01
  name: cure-word
  category: overclaim
  severity: error
  message: "'{match}' is a cure word."
  suggest: Say what was shown.
  why: A test rule.
  references: [{title: Guide, url: "https://example.org"}]
  patterns: ['cur(?:e|es)']
  examples: {flag: ["It cures."], pass: ["No cure."]}
- id: T02
  name: miracle-word
  category: hype
  severity: warning
  message: "'{match}' is hype."
  suggest: Say what was shown.
  why: A test rule.
  references: [{title: Guide, url: "https://example.org"}]
  patterns: ['miracle', 'repair nerves']
  examples: {flag: ["A miracle."], pass: ["A normal day."]}
"""


def _linter(tmp_path: Path) -> Linter:
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    return Linter(rules=[pack], builtin=False)


def positions(linter: Linter, text: str, format: str) -> list[tuple[int, int, str]]:
    lines = text.split("\n")
    result = []
    for f in linter.lint_text(text, format=format):  # type: ignore[arg-type]
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.match
        result.append((f.line, f.column, f.match))
    return result


def test_markdown_lints_prose_only(tmp_path: Path) -> None:
    linter = _linter(tmp_path)
    assert positions(linter, MARKDOWN, "markdown") == [
        (5, 16, "Cures"),
        (18, 14, "cure"),
        (21, 26, "cure"),
        (24, 22, "cures"),
    ]


def test_markdown_headings_and_list_items_are_sentences() -> None:
    document = Document("# A heading\n- one item\n- two item\nA closing line.", "markdown")
    assert [s.text for s in document.sentences] == [
        "A heading",
        "one item",
        "two item",
        "A closing line.",
    ]
    assert document.sentences[0].heading


def test_html_lints_visible_prose_only(tmp_path: Path) -> None:
    linter = _linter(tmp_path)
    assert positions(linter, HTML, "html") == [
        (4, 5, "Miracle"),
        (4, 53, "cure"),
        (5, 48, "repair nerves"),
        (5, 75, "cure"),
    ]


def test_html_block_elements_end_sentences_and_entities_decode() -> None:
    document = Document("<p>First part</p><p>Second&nbsp;part&amp;more</p>", "html")
    assert [s.text for s in document.sentences] == ["First part", "Second\xa0part&more"]
    start = document.prose.index("more")
    assert document.source_span(start, start + 4) == (41, 45)
    end = document.prose.index("&")
    assert document.source_span(end, end + 1) == (36, 41)  # '&amp;' in the source


def test_plain_text_soft_wraps_join_and_lines_in_capitals_split() -> None:
    document = Document(
        "A claim that wraps\nonto a second line.\nA Heading Line\nNext one.", "text"
    )
    assert [s.text for s in document.sentences] == [
        "A claim that wraps\nonto a second line.",
        "A Heading Line",
        "Next one.",
    ]


MARKDOWN_PIECES = [
    "```\n", "~~~\n", "    code\n", "# Heading\n", "Title\n===\n", "- item\n", "> quote\n",
    "| a | b |\n", "|---|---|\n", "[link](http://x.org)", "![image](y.png)", "<b>", "<!-- c",
    "-->", "`code`", "*stress*", "_under_", "a_b", "\\*", "www.example.com", "---\n", "\r\n",
    "\r", "\n", "\n\n", " ", "Stem cells cure MS. ", "a|b",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=6), max_size=40).map("".join))
def test_markdown_masking_keeps_every_offset(text: str) -> None:
    """Masking only turns characters into spaces: the prose is as long as the source, keeps
    every line break where it was, and each character it keeps is the source's."""
    from medlint.document.markup import markdown_prose

    prose = markdown_prose(text).text
    assert len(prose) == len(text)
    for kept, source in zip(prose, text, strict=True):
        assert kept == source or (kept == " " and source not in "\r\n")


def test_page_furniture_is_not_prose() -> None:
    page = (
        "<nav><a href='/'>Home</a> | <a>Cure MS naturally</a></nav>"
        "<header><p>Stem cells cure MS!</p></header>"
        "<ol class='breadcrumb'><li>Reverse diabetes</li></ol>"
        "<main><p>There is no cure for MS.</p></main>"
        "<aside>Our stem cells cure MS</aside><footer>Our stem cells cure MS</footer>"
    )
    assert Linter().lint_text(page, format="html") == []
    assert Document(page, "html").prose.split() == ["There", "is", "no", "cure", "for", "MS."]
