"""Reporters: one module per output format, imported only when that format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from medlint.report.reporter import Reporter, RunSummary

if TYPE_CHECKING:
    from medlint.findings import Finding

TEXT_FORMATS: Final = ("text", "concise")  # the formats for people: colour, statistics

__all__ = ["REPORTERS", "TEXT_FORMATS", "Reporter", "RunSummary", "get_reporter", "report_pieces"]


REPORTERS: Final = MappingProxyType(
    {
        "text": "medlint.report.text:TextReporter",
        "concise": "medlint.report.text:ConciseReporter",
        "json": "medlint.report.json:JsonReporter",
        "sarif": "medlint.report.sarif:SarifReporter",
        "github": "medlint.report.github:GithubReporter",
        "junit": "medlint.report.junit:JunitReporter",
        "html": "medlint.report.html:HtmlReporter",
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
