"""What a reporter is: the :class:`Reporter` protocol and the :class:`RunSummary` it reads.

Apart from the registry in ``medlint.report``, so that the format modules, which import these,
and the registry, which names the format modules, do not import each other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

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
    fail_on: str = "warning"  # the least severity that fails the run (junit: a failure)
    quiet: bool = False  # text: the findings only, no summary line
    sources: Mapping[str, str] = MappingProxyType({})  # texts not read from disk (stdin)


class Reporter(Protocol):
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str: ...
