"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package; the
tests skip where it is absent) opens the page from disk, counts the findings it renders,
clicks one and reads the details it shows, filters by severity, and saves a screenshot to
``test-artifacts/html-report.png`` (kept out of git)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import medlint
from medlint.linter import Linter
from report.chromium import Browser, chromium, executable
from report.test_html import HOSTILE, hostile_report

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = executable()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


def open_report(browser: Browser, path: Path) -> None:
    browser.open(path.resolve().as_uri())


def count(browser: Browser, selector: str) -> int:
    return int(browser.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length"))


def visible_items(browser: Browser) -> int:
    return int(
        browser.evaluate(
            "Array.from(document.querySelectorAll('#findings li.finding'))"
            ".filter((li) => li.offsetParent !== null).length"
        )
    )


def detail(browser: Browser) -> str:
    """The details panel's text as rendered ("" while hidden)."""
    return str(browser.evaluate("document.getElementById('detail').innerText"))


def test_the_report_renders_every_finding_and_shows_one_when_clicked(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    report = tmp_path / "report.html"
    _, listing, _ = medlint(["check", "--isolated", "--format", "json", "examples/"], cwd=ROOT)
    medlint(
        ["check", "--isolated", "--format", "html", "--output-file", str(report), "examples/"],
        cwd=ROOT,
    )
    findings = json.loads(listing)
    rules = {rule.id: rule for rule in Linter().all_rules}
    with chromium(CHROMIUM) as browser:
        open_report(browser, report)
        assert visible_items(browser) == len(findings)
        assert browser.evaluate("document.getElementById('shown').textContent") == str(
            len(findings)
        )
        assert count(browser, "#documents .at") == len(findings)
        # The style applied (a mark has its colour) and nothing was refused or thrown.
        assert browser.evaluate(
            "getComputedStyle(document.querySelector('mark[data-sev=error]')).backgroundColor"
        ) not in ("", "rgba(0, 0, 0, 0)")
        assert detail(browser) == ""

        last = len(findings) - 1  # far down the page: clicking it must scroll
        browser.click(f'#findings li.finding[data-f="{last}"] > a')
        shown = detail(browser)
        finding, rule = findings[last], rules[findings[last]["rule"]]
        for part in (finding["message"], finding["suggestion"], rule.why, finding["rule"]):
            assert " ".join(part.split()) in " ".join(shown.split())
        assert rule.references[0].title in shown and shown.count("Suggestion:") == 1
        in_view = browser.evaluate(
            "(() => { const r = document.querySelector('mark.current').getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= innerHeight; })()"
        )
        assert in_view is True
        marked = browser.evaluate(
            "Array.from(document.querySelectorAll('mark.current'), (m) => m.textContent).join('')"
        )
        assert marked == finding["match"]
        ARTIFACTS.mkdir(exist_ok=True)
        shot = browser.screenshot(ARTIFACTS / "html-report.png")
        assert shot.read_bytes().startswith(b"\x89PNG")

        # Words clicked in the text show their finding; filters hide by severity and category.
        browser.click('#documents mark[data-f="0"]')
        assert findings[0]["message"] in detail(browser)
        browser.click('#filters input[value="error"]')
        errors = sum(f["severity"] == "error" for f in findings)
        assert visible_items(browser) == len(findings) - errors
        assert count(browser, "#documents mark[data-sev=error]") == 0
        browser.click('#filters input[value="warning"]')
        browser.click('#filters input[value="info"]')
        assert visible_items(browser) == 0
        assert count(browser, "#documents mark[data-sev]") == 0
        assert browser.evaluate("document.getElementById('shown').textContent") == "0"
        browser.click('#filters input[value="error"]')
        browser.click('#filters input[value="overclaim"]')
        overclaims = sum(
            f["severity"] == "error" and f["category"] == "overclaim" for f in findings
        )
        assert visible_items(browser) == errors - overclaims
        assert browser.problems() == []


def test_hostile_text_runs_nothing_in_the_browser(tmp_path: Path) -> None:
    """The hostile draft, file name and rule pack of ``test_html``: no script of theirs runs,
    no element of theirs exists, and the Content-Security-Policy had nothing to refuse (so
    the escaping, not the policy, kept them out)."""
    assert CHROMIUM is not None
    report = tmp_path / "hostile.html"
    report.write_text(hostile_report(tmp_path), encoding="utf-8")
    with chromium(CHROMIUM) as browser:
        open_report(browser, report)
        assert browser.evaluate("typeof window.pwned") == "undefined"
        assert count(browser, "img, svg, textarea, b, i") == 0
        assert count(browser, "script") == 1
        assert browser.evaluate("document.querySelector('pre.text').textContent").startswith(
            HOSTILE.split("\n", 1)[0]
        )
        assert visible_items(browser) == 2
        browser.click('#findings li.finding[data-f="1"] > a')
        assert "<script>window.pwned=5</script>" in detail(browser)
        assert browser.evaluate("typeof window.pwned") == "undefined"
        assert browser.problems() == []
