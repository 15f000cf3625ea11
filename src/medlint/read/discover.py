"""Find the files to lint below the paths a user names.

Named files are linted (unless ``force`` asks the exclude patterns to apply to them too, as
pre-commit users need); folders are walked for known suffixes, skipping hidden entries, what
``excluded`` says (the configuration's exclude patterns) and what .gitignore files ignore.
Results are sorted, so output does not depend on the file system.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from medlint.read.gitignore import GitIgnore, repository_folders
from medlint.read.source import SUFFIX_FORMATS

DEFAULT_EXCLUDE = (
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
)

Excluded = Callable[[Path, bool], bool]  # (path, is a folder) -> leave it out


def default_excluded(path: Path, is_dir: bool) -> bool:
    """The default exclude patterns alone (no configuration): folders by name."""
    return is_dir and path.name in DEFAULT_EXCLUDE


def discover(
    paths: Iterable[str],
    excluded: Excluded = default_excluded,
    *,
    force: Callable[[Path], bool] = lambda _path: False,
    gitignore: bool = True,
) -> Iterator[Path]:
    """Files to lint, in order; a missing path is yielded too, so reading it reports the error.
    ``force(path)``: whether ``excluded`` applies to a path named on the command line."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        is_dir = path.is_dir()
        if force(path) and excluded(path, is_dir):
            continue
        found = _walk(path, excluded, gitignore) if is_dir else iter([path])
        for file in found:
            if file not in seen:
                seen.add(file)
                yield file


def _walk(root: Path, excluded: Excluded, gitignore: bool) -> Iterator[Path]:
    collected: list[Path] = []
    visited: set[tuple[int, int]] = set()
    ignores = GitIgnore()
    absolute_root = Path(os.path.abspath(root))
    above = repository_folders(absolute_root) if gitignore else []

    def ignored(path: Path, is_dir: bool, absolute_folder: Path, chain: list[Path]) -> bool:
        if excluded(path, is_dir):
            return True
        return gitignore and ignores.ignored(absolute_folder / path.name, is_dir, chain)

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
        here = Path(folder)
        absolute = Path(os.path.abspath(folder))
        chain = [*above, *_folders_between(absolute_root, absolute)] if gitignore else []
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not ignored(here / d, True, absolute, chain)
        )
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUFFIX_FORMATS:
                continue
            if not ignored(here / name, False, absolute, chain):
                collected.append(here / name)
    return iter(sorted(collected))


def _folders_between(root: Path, folder: Path) -> list[Path]:
    """``root`` and every folder down to ``folder``, highest first."""
    chain = [folder]
    while chain[-1] != root and chain[-1] != chain[-1].parent:
        chain.append(chain[-1].parent)
    return list(reversed(chain))
