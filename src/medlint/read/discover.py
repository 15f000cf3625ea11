"""Find the files to lint below the paths a user names.

Named files are always linted; folders are walked for known suffixes, skipping hidden entries
and version-control folders. Results are sorted, so output does not depend on the file system.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from medlint.read.source import SUFFIX_FORMATS

SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "_darcs",
        "CVS",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
    }
)


def discover(paths: Iterable[str]) -> Iterator[Path]:
    """Files to lint, in order; a missing path is yielded too, so reading it reports the error."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        found = _walk(path) if path.is_dir() else iter([path])
        for file in found:
            if file not in seen:
                seen.add(file)
                yield file


def _walk(root: Path) -> Iterator[Path]:
    collected: list[Path] = []
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIX_FORMATS:
                collected.append(Path(folder) / name)
    return iter(sorted(collected))
