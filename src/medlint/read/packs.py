"""Where the built-in rule packs are: the package ``medlint.packs`` (the top-level ``rules/``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache  # where an installed package is does not change while it runs
def rules_folder() -> Path:
    """The folder of the built-in packs (found without ``importlib.resources``, which costs
    ~9 ms to import)."""
    from importlib.util import find_spec

    spec = find_spec("medlint.packs")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        raise ImportError("medlint.packs is missing: reinstall medlint")
    return Path(next(iter(spec.submodule_search_locations)))
