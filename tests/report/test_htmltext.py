"""Escaping for the HTML report, and the marks over findings' words: overlapping, nested, empty
and out-of-range spans."""

from __future__ import annotations

import re

from medlint.report.htmltext import Span, attr, marked_text, text


def test_markup_becomes_entities_and_controls_show_as_escapes() -> None:
    assert text("<script>a & b</script>") == "&lt;script&gt;a &amp; b&lt;/script&gt;"
    assert text("say \"hi\" 'there'") == "say \"hi\" 'there'"
    assert attr("a\"b'c<d>&") == "a&quot;b&#x27;c&lt;d&gt;&amp;"
    assert text("red\x1b[0m\x00") == (
        'red<span class="ctl">\\x1b</span>[0m<span class="ctl">\\x00</span>'
    )
    assert text("\u202eevil\u2028") == (
        '<span class="ctl">\\u202e</span>evil<span class="ctl">\\u2028</span>'
    )
    assert attr("a\x1b\u202e") == "a\\x1b\\u202e"
    # Text as written stays: tabs, line breaks, letters, joiners; a lone surrogate does not.
    assert text("\tcafé\r\nनमस्ते \u200d") == "\tcafé\r\nनमस्ते \u200d"
    assert attr("name\udcff.md") == "name\\udcff.md"
    "".join(text("\udcff")).encode("utf-8")  # writable


def spans(*items: tuple[int, int, str]) -> list[Span]:
    rank = {"info": 0, "warning": 1, "error": 2}
    return [Span(n, start, end, sev, rank[sev]) for n, (start, end, sev) in enumerate(items)]


def strip(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_overlapping_and_nested_findings_cut_the_text_where_each_starts_and_ends() -> None:
    source = "one two three four"
    out = "".join(marked_text(source, spans((4, 13, "info"), (8, 18, "error"), (8, 13, "warning"))))
    assert strip(out) == source
    assert out == (
        'one <span class="at" id="f-0"></span><mark data-f="0" data-sev="info">two </mark>'
        '<span class="at" id="f-1"></span><span class="at" id="f-2"></span>'
        '<mark data-f="0 1 2" data-sev="error">three</mark>'
        '<mark data-f="1" data-sev="error"> four</mark>'
    )


def test_an_empty_span_is_a_point_and_offsets_past_the_end_are_cut_back() -> None:
    out = "".join(marked_text("a<b", spans((1, 1, "warning"), (2, 99, "info"), (50, 60, "error"))))
    assert out == (
        'a<span class="at point" id="f-0" data-f="0" data-sev="warning"></span>&lt;'
        '<span class="at" id="f-1"></span><mark data-f="1" data-sev="info">b</mark>'
        '<span class="at point" id="f-2" data-f="2" data-sev="error"></span>'
    )
    assert "".join(marked_text("", [])) == ""
    assert "".join(marked_text("plain", [])) == "plain"


def test_a_long_text_comes_in_pieces() -> None:
    source = "word " * 3000
    many = spans(*((i * 5, i * 5 + 4, "info") for i in range(3000)))
    pieces = list(marked_text(source, many))
    assert len(pieces) > 1 and strip("".join(pieces)) == source
