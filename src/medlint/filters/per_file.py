"""Per-file ignores: rules a configuration turns off for the files matching a glob."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from medlint.filters.selection import Selection
from medlint.findings import Finding


def without_ignored(
    findings: Sequence[Finding], tokens: Iterable[str], selection: Selection
) -> list[Finding]:
    """The findings less those of the rules ``tokens`` (ids, names, categories) stand for."""
    ignored: set[str] = set()
    for token in tokens:
        ignored |= selection.resolve(token) or set()
    if not ignored:
        return list(findings)
    return [f for f in findings if f.rule not in ignored]
