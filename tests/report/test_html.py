"""``--format html``: the page parsed as a browser's parser would (``html.parser``): one file
that loads nothing, every finding listed and marked over exactly its words, the text shown
whole, and hostile input left as text."""

from __future__ import annotations

import hashlib
import json
import re
from base64 import b64encode
from collections import Counter
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

import medlint.report.html as html_report
from helpers import medlint
from medlint.findings import Finding
from medlint.linter import Linter
from medlint.report import RunSummary, get_reporter
from medlint.report.html import HtmlReporter

ROOT = Path(__file__).resolve().parents[2]
VOID = frozenset({"meta", "input", "br", "hr", "img", "link", "wbr", "source", "area", "col"})
# The elements the report is made of: anything else in the parsed page was injected.
TAGS = frozenset(
    "html head meta title style body header h1 h2 h3 h4 p strong span a details summary table "
    "thead tbody tr th td div main section pre mark aside form fieldset legend label input nav "
    "ol ul li code blockquote footer script".split()
)


class Page(HTMLParser):
    """The parsed page: each element (tag, attributes, ancestors' tags), the text of the
    documents' ``pre``, and the text under each finding's marks."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []  # one per <pre class="text">
        self.marked: dict[int, list[str]] = {}
        self.data: dict[str, list[str]] = {}  # text by the id of an enclosing element
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes, tuple(t for t, _ in self.stack)))
        if tag == "pre":
            self.texts.append("")
        if tag not in VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for tag, attributes in self.stack:
            if tag == "pre":
                self.texts[-1] += data
            if tag == "mark":
                for number in attributes["data-f"].split():
                    self.marked.setdefault(int(number), []).append(data)
            if "id" in attributes:
                self.data.setdefault(attributes["id"], []).append(data)

    def select(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attributes
            for name, attributes, _ in self.elements
            if name == tag
            and all(attributes.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]

    def text_of(self, element_id: str) -> str:
        return "".join(self.data.get(element_id, []))


def check(*args: str, input: str | None = None) -> tuple[int, str, str]:
    return medlint(["check", "--isolated", *args], cwd=ROOT, input=input)


def csp_sources(source: str) -> dict[str, str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', source)
    assert policy
    return dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))


def digest(body: str) -> str:
    return "'sha256-" + b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_report_of_the_examples_lists_and_marks_every_finding() -> None:
    code, source, _ = check("--format", "html", "examples/")
    _, listing, _ = check("--format", "json", "examples/")
    assert code == 1
    expected = json.loads(listing)
    page = Page(source)
    assert {tag for tag, _, _ in page.elements} <= TAGS
    items = page.select("li", **{"class": "finding"})
    assert [int(li["data-f"]) for li in items] != []
    assert sorted(int(li["data-f"]) for li in items) == list(range(len(expected)))
    for li in items:
        finding = expected[int(li["data-f"])]
        assert (li["data-severity"], li["data-category"], li["data-rule"]) == (
            finding["severity"],
            finding["category"],
            finding["rule"],
        )
    for number, finding in enumerate(expected):
        assert len(page.select("span", id=f"f-{number}")) == 1
        assert "".join(page.marked[number]) == finding["match"]
    # The documents with findings, each shown whole; the clean one only in the summary table.
    shown = [ROOT / "examples" / name for name in ("clinic-page.html", "wellness-blog.md")]
    assert page.texts == [path.read_text(encoding="utf-8") for path in shown]
    headings = [page.text_of(f"d-{i}").split("\n")[1] for i in range(2)]
    assert headings == ["examples/clinic-page.html", "examples/wellness-blog.md"]
    categories = Counter(f["category"] for f in expected)
    for group in page.select("section", **{"class": "group"}):
        assert page.select("li", data_category=group["data-category"]) != []
    assert sum(categories.values()) == len(items) == int(page.text_of("shown"))
    severities = Counter(f["severity"] for f in expected)
    totals = " ".join(source.split('<p class="totals">', 1)[1].split("</p>", 1)[0].split())
    assert f"{len(expected)} findings</strong> in 3 files checked (2 with findings)" in totals
    assert f"{severities['error']} errors" in totals and f"{severities['info']} info" in totals
    assert "Pages with findings read as: promotional 2." in source
    assert source.count("Read as <strong>promotional</strong> ·") == 2


def test_the_page_loads_nothing_and_runs_only_its_own_script() -> None:
    _, source, _ = check("--format", "html", "examples/clinic-page.html")
    page = Page(source)
    scripts = re.findall(r"<script>(.*?)</script>", source, re.S)
    styles = re.findall(r"<style>(.*?)</style>", source, re.S)
    assert len(scripts) == len(styles) == 1
    assert len(page.select("script")) == len(page.select("style")) == 1
    policy = csp_sources(source)
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == digest(scripts[0])
    assert policy["style-src"] == digest(styles[0])
    for tag, attributes, ancestors in page.elements:
        assert "src" not in attributes and "style" not in attributes and tag != "link"
        assert not [name for name in attributes if name.startswith("on")]
        href = attributes.get("href")
        if href is not None and not href.startswith("#"):
            assert href.startswith(("https://", "http://")) and "div" in ancestors  # in #rules


def test_stdout_and_output_file_hold_the_same_page(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    _, printed, _ = check("--format", "html", "examples/wellness-blog.md")
    code, out, _ = check(
        "--format", "html", "--output-file", str(target), "examples/wellness-blog.md"
    )
    assert (code, out) == (1, "")
    assert target.read_text(encoding="utf-8") == printed


HOSTILE = (
    "It cures MS.<script>window.pwned=1</script>\n"
    '</textarea><textarea>\n</pre><img src=x onerror="window.pwned=2">\n'
    "'\"><svg onload=window.pwned=3>&amp; &lt;b&gt; <!-- --> <![CDATA[ ]]>\n"
    '{"a": "</script><script>window.pwned=4</script>"} \x1b[31mred\x1b[0m \u202eevil\u202c\n'
    "\x7f \u2028 It cures MS again.\n"
)
HOSTILE_RULE = """
- id: XX01
  name: hostile-rule
  category: overclaim
  severity: error
  message: "<script>window.pwned=5</script> '{match}' \\"quoted\\" </textarea>"
  suggest: "\\"'><b>bold</b></textarea>"
  why: "</script><img src=x onerror=window.pwned=6> & more"
  references:
    - {title: "<i>italic</i>", url: "https://example.org/'onmouseover='x"}
    - {title: fine, url: "https://example.org/?a=\\"><script>window.pwned=8</script>"}
  patterns: ['cures MS']
  examples: {flag: ["It cures MS."], pass: ["Nothing."]}
"""
HOSTILE_NAME = "<img src=x onerror=alert(1)>\"'.md"


def hostile_report(tmp_path: Path) -> str:
    (tmp_path / "hostile.yaml").write_text(HOSTILE_RULE, encoding="utf-8")
    rules = str(tmp_path / "hostile.yaml")
    args = ("--no-builtin", "--rules", rules, "--stdin-filename", HOSTILE_NAME, "-")
    code, source, err = check("--format", "html", *args, input=HOSTILE)
    assert (code, err) == (1, "")
    return source


def shown(text: str) -> str:
    """The text as the report shows it: control characters as their escapes."""
    escapes = {"\x1b": "\\x1b", "\u202e": "\\u202e", "\u202c": "\\u202c", "\x7f": "\\x7f"}
    return "".join(escapes.get(c, "\\u2028" if c == "\u2028" else c) for c in text)


def test_hostile_text_names_and_rules_stay_text(tmp_path: Path) -> None:
    source = hostile_report(tmp_path)
    page = Page(source)
    assert {tag for tag, _, _ in page.elements} <= TAGS
    assert len(page.select("script")) == 1 and not page.select("img")
    for _, attributes, _ in page.elements:
        assert not [name for name in attributes if name.startswith("on")]
    assert page.texts == [shown(HOSTILE)]
    assert "".join(page.marked[0]) == "".join(page.marked[1]) == "cures MS"
    assert page.text_of("d-0").split("\n")[1] == HOSTILE_NAME
    links = [a["href"] for a in page.select("a") if a["href"].startswith("https:")]
    assert links == [
        "https://example.org/'onmouseover='x",
        'https://example.org/?a="><script>window.pwned=8</script>',
    ]
    listed = page.text_of("findings")
    assert "<script>window.pwned=5</script> 'cures MS' \"quoted\" </textarea>" in listed
    assert "\"'><b>bold</b></textarea>" in page.text_of("rules")
    assert "</script><img src=x onerror=window.pwned=6> & more" in page.text_of("rules")
    assert "<i>italic</i>" in page.text_of("rules")


def findings_of(linter: Linter, text: str, path: str) -> list[Finding]:
    found = linter.lint_text(text, "markdown", path)
    assert found
    return found


def summary_for(paths: Sequence[str], **extra: object) -> RunSummary:
    return RunSummary(files_checked=len(paths), tool_version="0", paths=tuple(paths), **extra)  # type: ignore[arg-type]


def test_a_reference_that_is_not_http_stays_text(linter: Linter) -> None:
    """A rule pack's reference address is checked when the pack loads; the report makes no
    link of one that is not http(s) even so (the library can pass any metadata)."""
    findings = findings_of(linter, "Our stem cells cure MS.\n", "draft.md")
    rules = [
        {"id": f.rule, "why": "w", "references": [{"title": "t", "url": "javascript:alert(1)"}]}
        for f in findings
    ]
    page = Page(
        HtmlReporter().render(
            findings,
            summary_for(
                ["draft.md"], sources={"draft.md": "Our stem cells cure MS.\n"}, rules=rules
            ),
        )
    )
    assert all(a["href"].startswith("#") for a in page.select("a"))
    assert "t (javascript:alert(1))" in page.text_of("rules")


def test_a_text_changed_or_gone_since_the_run(linter: Linter, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    findings = findings_of(linter, "Our stem cells cure MS.\n", str(draft))
    draft.write_text("Our stem cells cure MS.\n", encoding="utf-8")
    reporter = get_reporter("html")
    assert "has changed since it was linted" not in reporter.render(
        findings, summary_for([str(draft)])
    )
    draft.write_text("We have changed the text.\n", encoding="utf-8")
    changed = reporter.render(findings, summary_for([str(draft)]))
    assert "has changed since it was linted" in changed
    draft.unlink()
    gone = Page(reporter.render(findings, summary_for([str(draft)])))
    assert gone.texts == []
    assert "The text is not shown" in gone.text_of("d-0")
    assert [a["id"] for a in gone.select("span", **{"class": "at"})] == [
        f"f-{n}" for n in range(len(findings))
    ]


def test_a_text_past_the_limit_is_not_shown(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Our stem cells cure MS.\n"
    findings = findings_of(linter, text, "-")
    summary = summary_for(["-"], sources={"-": text})
    assert Page(HtmlReporter().render(findings, summary)).texts == [text]
    monkeypatch.setattr(html_report, "MAX_TEXT", len(text) - 1)
    assert Page(HtmlReporter().render(findings, summary)).texts == []


def test_no_findings() -> None:
    code, source, _ = check("--format", "html", "examples/clean-article.md")
    page = Page(source)
    assert code == 0
    assert page.texts == [] and not page.select("li", **{"class": "finding"})
    assert '<p class="none">No findings.</p>' in source
    assert "0 findings</strong> in 1 file checked" in source
