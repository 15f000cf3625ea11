"""The side list: what each finding holds beside its link, and each rule's block, once."""

from __future__ import annotations

from medlint.findings import Finding
from medlint.linter import Linter
from medlint.report.htmllist import rule_blocks, sidebar

RULE = {
    "id": "OC01",
    "name": "cure-claim",
    "suggest": "Say what it was shown to do.",
    "why": "Because.",
    "references": [{"title": "FDA", "url": "https://example.org/fda"}],
}


def finding(linter: Linter) -> Finding:
    found = linter.lint_text("Our stem cells cure MS.\n", "markdown", "a.md")
    return next(f for f in found if f.rule == "OC01")


def item(f: Finding) -> str:
    return "".join(sidebar([f], [RULE])).split('<li class="finding"', 1)[1].split("</li>")[0]


def test_a_finding_holds_only_what_its_rule_does_not_say(linter: Linter) -> None:
    plain = finding(linter)._replace(suggestion=RULE["suggest"], related=())
    assert f"'{plain.match}'" in plain.message
    assert item(plain).endswith('<div class="more" hidden></div>')
    own = plain._replace(suggestion="Its own <advice>.", related=("MX05",), template="No quote.")
    more = item(own).split('<div class="more" hidden>', 1)[1]
    assert more == (
        f'<blockquote class="match">{plain.match}</blockquote>'
        '<p class="suggestion"><strong>Suggestion:</strong> Its own &lt;advice&gt;.</p>\n'
        '<p class="related">Also stands for: <code>MX05</code></p></div>'
    )


def test_each_rule_once_and_only_the_rules_reported() -> None:
    blocks = rule_blocks([RULE, RULE, {**RULE, "id": "HY01"}], {"OC01"})
    assert blocks.count('data-rule="OC01"') == 1 and "HY01" not in blocks
    assert blocks == (
        '<div id="rules" hidden>\n<div class="rule" data-rule="OC01">\n'
        '<p class="title"><code>OC01</code> cure-claim</p>\n'
        '<p class="suggestion"><strong>Suggestion:</strong> Say what it was shown to do.</p>\n'
        '<h4>Why</h4>\n<p class="why">Because.</p>\n<h4>References</h4>\n<ul>\n'
        '<li><a href="https://example.org/fda" rel="noopener noreferrer" target="_blank">FDA</a>'
        "</li>\n</ul>\n</div>\n</div>\n"
    )
