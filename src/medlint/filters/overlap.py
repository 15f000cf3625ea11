"""One claim, one finding: findings of several rules on the same words become one.

"Our oils cure cancer" may trip a cure rule, an alternative-medicine rule and a mechanism rule at
once; three findings on one span read as noise. Findings whose spans overlap are merged into the
most specific one (the most severe, then the one on the fewest characters, then the first rule
in the catalog order), and the others are listed in its ``related`` rules. Whole-document
findings (a missing disclaimer, a reading grade) and medlint's notes on suppression comments
stand alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from medlint.findings import Category, Finding


def merged(findings: Sequence[Finding], standalone: frozenset[str]) -> list[Finding]:
    """``findings`` (sorted by position) with overlapping ones merged; rules in ``standalone``
    are never merged."""
    result: list[Finding] = []
    group: list[Finding] = []
    group_end = -1
    for finding in findings:
        if finding.rule in standalone or finding.category is Category.SUPPRESSION:
            result.append(finding)
            continue
        if group and finding.start < group_end and finding.path == group[0].path:
            group.append(finding)
            group_end = max(group_end, finding.end)
            continue
        if group:
            result.append(_one(group))
        group, group_end = [finding], finding.end
    if group:
        result.append(_one(group))
    result.sort(key=lambda f: f.sort_key)
    return result


def _one(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    best = min(group, key=lambda f: (-f.severity.rank, f.end - f.start, f.start))
    related = tuple(sorted({f.rule for f in group if f.rule != best.rule}))
    return best._replace(related=related) if related else best
