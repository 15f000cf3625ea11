"""Reporters: one module per output format, imported only when that format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol

if TYPE_CHECKING:
    from medlint.findings import Finding


class RunSummary(NamedTuple):
    """What a reporter may say beyond the findings."""

    files_checked: int
    tool_version: str
    errors: Sequence[str] = ()
    statistics: bool = False
    color: bool = False
    paths: Sequence[str] = ()  # every file checked, in order
    rules: Sequence[Mapping[str, Any]] = ()  # rule metadata (to_dict)
    all_rule_metadata: bool = False  # SARIF: describe every rule, not only those reported


class Reporter(Protocol):
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str: ...


REPORTERS: Final = MappingProxyType(
    {
        "text": "medlint.report.text:TextReporter",
        "json": "medlint.report.json:JsonReporter",
        "sarif": "medlint.report.sarif:SarifReporter",
        "github": "medlint.report.github:GithubReporter",
        "junit": "medlint.report.junit:JunitReporter",
    }
)


def get_reporter(name: str) -> Reporter:
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter: Reporter = getattr(importlib.import_module(module_name), class_name)()
    return reporter


def report_pieces(
    reporter: Reporter, findings: Sequence[Finding], summary: RunSummary
) -> Iterable[str]:
    """The report as strings to write one after the other: in pieces when the reporter can
    stream it (text), else whole."""
    stream = getattr(reporter, "pieces", None)
    if stream is None:
        return (reporter.render(findings, summary),)
    pieces: Iterable[str] = stream(findings, summary)
    return pieces
