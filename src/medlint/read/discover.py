"""Find the files to lint below the paths a user names.

Named files are linted (unless ``force`` asks the exclude patterns to apply to them too, as
pre-commit users need); folders are walked for known suffixes, skipping hidden entries, what
``excluded`` says (the configuration's exclude patterns) and what .gitignore files ignore.
Results are sorted, so output does not depend on the file system. A folder that cannot be
read is an error passed to ``on_error`` (never a silent gap); a FIFO, device or socket found
in a folder is left out (reading one could block forever), while one named is yielded, so
reading it says why it is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from medlint.errors import InputError
from medlint.read.gitignore import GitIgnore, repository_folders
from medlint.read.limits import mode_of
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
OnError = Callable[[InputError], None]


def default_excluded(path: Path, is_dir: bool) -> bool:
    """The default exclude patterns alone (no configuration): folders by name."""
    return is_dir and path.name in DEFAULT_EXCLUDE


def discover(
    paths: Iterable[str],
    excluded: Excluded = default_excluded,
    *,
    force: Callable[[Path], bool] = lambda _path: False,
    gitignore: bool = True,
    on_error: OnError | None = None,
) -> Iterator[Path]:
    """Files to lint, in order; a missing path is yielded too, so reading it reports the error.
    ``force(path)``: whether ``excluded`` applies to a path named on the command line;
    ``on_error`` receives each folder that cannot be read (by default, it is raised)."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        is_dir = stat.S_ISDIR(mode_of(path) or 0)
        if force(path) and excluded(path, is_dir):
            continue
        found = _walk(path, excluded, gitignore, on_error or _raise) if is_dir else iter([path])
        for file in found:
            if file not in seen:
                seen.add(file)
                yield file


def _raise(error: InputError) -> None:
    raise error


def _unreadable(on_error: OnError) -> Callable[[OSError], None]:
    """``os.walk``'s ``onerror``: a folder it cannot list, as an InputError."""

    def report(exc: OSError) -> None:
        from medlint.read.limits import describe

        problem = describe(exc)
        if problem == "permission denied":
            problem = "cannot read this folder: permission denied; its files are not linted"
        on_error(InputError(problem, path=str(exc.filename)))

    return report


def _is_special(path: Path) -> bool:
    """Whether ``path`` is a FIFO, device or socket (not a regular file, nor missing)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # reading it will say what is wrong


def _walk(root: Path, excluded: Excluded, gitignore: bool, on_error: OnError) -> Iterator[Path]:
    collected: list[Path] = []
    visited: set[tuple[int, int]] = set()
    ignores = GitIgnore()
    absolute_root = Path(os.path.abspath(root))
    above = repository_folders(absolute_root) if gitignore else []

    def ignored(path: Path, is_dir: bool, absolute_folder: Path, chain: list[Path]) -> bool:
        if excluded(path, is_dir):
            return True
        return gitignore and ignores.ignored(absolute_folder / path.name, is_dir, chain)

    for folder, dirs, files in os.walk(root, onerror=_unreadable(on_error), followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
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
            if not ignored(here / name, False, absolute, chain) and not _is_special(here / name):
                collected.append(here / name)
    return iter(sorted(collected))


def _folders_between(root: Path, folder: Path) -> list[Path]:
    """``root`` and every folder down to ``folder``, highest first."""
    chain = [folder]
    while chain[-1] != root and chain[-1] != chain[-1].parent:
        chain.append(chain[-1].parent)
    return list(reversed(chain))
