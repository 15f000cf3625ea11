"""Rule kinds: one module each, with ``FIELDS`` (the kind's own schema) and ``build(options)``.

The registry maps a kind's name to its module path, so a run imports only the kinds it uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol

if TYPE_CHECKING:
    from medlint.findings import Severity
    from medlint.scan import Hit, Scan
    from medlint.schema import Field


class Checker(Protocol):
    """A compiled rule body: finds hits in one scanned document."""

    def check(
        self, scan: Scan, severity: Severity, sentences: Sequence[int] | None = None
    ) -> Iterator[Hit]:
        """Hits in the document; ``sentences`` limits the search to these sentence indexes
        (the prefilter's candidates), None means every sentence."""
        ...


class Kind(Protocol):
    FIELDS: Mapping[str, Field]

    def build(self, options: Mapping[str, Any]) -> Checker: ...


KINDS: Final = MappingProxyType(
    {
        "pattern": "medlint.kinds.pattern",
        "document": "medlint.kinds.document",
        "metric": "medlint.kinds.metric",
    }
)


def load_kind(name: str) -> Kind:
    module: Any = importlib.import_module(KINDS[name])
    return module  # type: ignore[no-any-return]
