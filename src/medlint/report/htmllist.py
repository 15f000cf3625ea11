"""The HTML report's side list: filters, the findings grouped by category, and each reported
rule's reasons and references, written once and shown with any of its findings.

Each finding is a link to its words (``#f-N``) holding what the list shows (severity, rule,
place, message) and, hidden, what only its details add (the words, when the message does not
quote them; a suggestion of its own; the rules it stands for). The script composes the details
from these and the rule's block, so a rule's reasons are not repeated for each of its findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from medlint.findings import RULE_CATEGORIES, Category, Finding, Severity
from medlint.report.htmltext import attr, text

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CATEGORY_ORDER = (*RULE_CATEGORIES, Category.SUPPRESSION)
PIECE = 1000  # findings per piece written


def sidebar(findings: Sequence[Finding], rules: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """The ``<aside>``: filters, the count shown, the details panel, the grouped list."""
    severities = Counter(f.severity for f in findings)
    groups: dict[Category, list[int]] = {}
    for number, finding in enumerate(findings):
        groups.setdefault(finding.category, []).append(number)
    present = [c for c in CATEGORY_ORDER if c in groups]
    yield "".join(
        (
            '<aside id="sidebar">\n<form id="filters" aria-label="Filters">\n',
            _checkboxes("Severity", "severity", [(s.value, severities[s]) for s in SEVERITIES]),
            _checkboxes("Category", "category", [(c.value, len(groups[c])) for c in present]),
            "</form>\n",
            f'<p class="shown"><span id="shown">{len(findings)}</span> of {len(findings)} '
            "findings shown</p>\n",
            '<section id="detail" aria-live="polite" hidden></section>\n',
            '<nav id="findings" aria-label="Findings by category">\n',
        )
    )
    suggestions = {str(r.get("id")): str(r.get("suggest") or "") for r in rules}
    for category in present:
        numbers = groups[category]
        yield (
            f'<section class="group" data-category="{category.value}">\n'
            f'<h3>{category.value.capitalize()} <span class="count">{len(numbers)}</span></h3>\n'
            "<ol>\n"
        )
        for start in range(0, len(numbers), PIECE):
            yield "".join(
                _item(n, findings[n], suggestions.get(findings[n].rule, ""))
                for n in numbers[start : start + PIECE]
            )
        yield "</ol>\n</section>\n"
    yield "</nav>\n</aside>\n"


def _checkboxes(legend: str, name: str, choices: Sequence[tuple[str, int]]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="{name}" value="{value}" checked> '
        f'{value} <span class="n">{count}</span></label>\n'
        for value, count in choices
    )
    return f'<fieldset class="{name}">\n<legend>{legend}</legend>\n{boxes}</fieldset>\n'


def _item(number: int, f: Finding, rule_suggestion: str) -> str:
    """One finding in the list (see the module's docstring)."""
    message = f.message
    words = f.shown or f.match
    more = []
    if words not in message:
        more.append(f'<blockquote class="match">{text(words)}</blockquote>')
    if f.suggestion and f.suggestion != rule_suggestion:
        more.append(_suggestion(f.suggestion))
    if f.related:
        also = ", ".join(f"<code>{text(r)}</code>" for r in f.related)
        more.append(f'<p class="related">Also stands for: {also}</p>')
    return (
        f'<li class="finding" data-f="{number}" data-severity="{f.severity}" '
        f'data-category="{f.category}" data-rule="{attr(f.rule)}">'
        f'<a href="#f-{number}"><span class="sev" data-sev="{f.severity}">{f.severity}</span> '
        f'<code>{text(f.rule)}</code> <span class="where">{text(f.path or "-")}:{f.line}:'
        f'{f.column}</span> <span class="msg">{text(message)}</span></a>'
        f'<div class="more" hidden>{"".join(more)}</div></li>\n'
    )


def _suggestion(suggestion: str) -> str:
    return f'<p class="suggestion"><strong>Suggestion:</strong> {text(suggestion)}</p>\n'


def rule_blocks(rules: Sequence[Mapping[str, Any]], used: set[str]) -> str:
    """Each reported rule's title, suggestion, reasons and references, once."""
    blocks = []
    seen: set[str] = set()
    for rule in rules:
        rule_id = str(rule.get("id", ""))
        if rule_id not in used or rule_id in seen:
            continue
        seen.add(rule_id)
        block = [
            f'<div class="rule" data-rule="{attr(rule_id)}">\n<p class="title"><code>'
            f"{text(rule_id)}</code> {text(str(rule.get('name') or ''))}</p>\n"
        ]
        if rule.get("suggest"):
            block.append(_suggestion(str(rule["suggest"])))
        if rule.get("why"):
            block.append(f'<h4>Why</h4>\n<p class="why">{text(str(rule["why"]))}</p>\n')
        references = [_reference(r) for r in rule.get("references") or ()]
        if references:
            block.append("<h4>References</h4>\n<ul>\n" + "".join(references) + "</ul>\n")
        blocks.append("".join(block) + "</div>\n")
    return f'<div id="rules" hidden>\n{"".join(blocks)}</div>\n'


def _reference(reference: Mapping[str, Any]) -> str:
    """A reference as a link when its address is http(s) (a rule pack is data from anywhere:
    a ``javascript:`` address stays text)."""
    title = str(reference.get("title") or reference.get("url") or "")
    url = str(reference.get("url") or "").strip()
    if url.lower().startswith(("https://", "http://")):
        return (
            f'<li><a href="{attr(url)}" rel="noopener noreferrer" target="_blank">'
            f"{text(title)}</a></li>\n"
        )
    shown = f"{text(title)} ({text(url)})" if url and url != title else text(title)
    return f"<li>{shown}</li>\n"
