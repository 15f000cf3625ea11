"""Rule kinds: one module each, with ``FIELDS`` (the kind's own schema) and ``build(options)``.

The registry maps a kind's name to its module path, so a run imports only the kinds it uses.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import Any, Final

from medlint.rules.kinds.base import Checker, Conclusion, Kind, WholeDocument

__all__ = [
    "KINDS",
    "Checker",
    "Conclusion",
    "Kind",
    "WholeDocument",
    "load_kind",
]


KINDS: Final = MappingProxyType(
    {
        "pattern": "medlint.rules.kinds.pattern",
        "document": "medlint.rules.kinds.document",
        "metric": "medlint.rules.kinds.metric",
    }
)


def load_kind(name: str) -> Kind:
    module: Any = importlib.import_module(KINDS[name])
    return module  # type: ignore[no-any-return]
