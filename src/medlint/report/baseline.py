"""The baseline file ``--write-baseline FILE`` writes: every finding as (path, rule,
fingerprint) with its match, as JSON. Reading one and dropping the findings it records is a
filter (``medlint.filters.baseline``); writing one is output, so it lives here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from medlint.filters.baseline import key_of
from medlint.findings import Finding
from medlint.report.jsontext import document_pieces


def render_baseline(findings: Iterable[Finding], version: str, target: Path) -> Iterator[str]:
    """The text of the baseline file ``target`` (paths relative to its folder), in pieces (a
    big baseline is never built whole)."""
    entries = (
        {"path": key[0], "rule": key[1], "fingerprint": key[2], "match": f.match}
        for f in findings
        for key in [key_of(f, target)]
    )
    yield from document_pieces({"medlint": version, "findings": None}, "findings", entries)
    yield "\n"
