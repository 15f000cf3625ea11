"""Reporters: one module per output format, imported only when that format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from medlint.findings import Finding


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary:
    """What a reporter may say beyond the findings."""

    files_checked: int
    tool_version: str
    errors: Sequence[str] = field(default_factory=tuple)
    statistics: bool = False
    color: bool = False


class Reporter(Protocol):
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str: ...


REPORTERS: Final = MappingProxyType(
    {
        "text": "medlint.report.text:TextReporter",
        "json": "medlint.report.json:JsonReporter",
    }
)


def get_reporter(name: str) -> Reporter:
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter: Reporter = getattr(importlib.import_module(module_name), class_name)()
    return reporter
