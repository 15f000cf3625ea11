""".gitignore files, read without git: what a folder walk should leave out.

The common semantics (gitignore(5)): blank lines and ``#`` comments skipped; ``!`` re-includes;
a trailing ``/`` matches folders only; a pattern with a ``/`` before its end is anchored to the
.gitignore's folder (a leading ``/`` too), one without matches a name at any depth; ``*``, ``?``
and ``[...]`` do not cross ``/``, ``**`` does. A deeper .gitignore wins over a higher one, and a
later line over an earlier one. Not supported: ``core.excludesFile``, ``.git/info/exclude``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from medlint.read.limits import MAX_SETTINGS_SIZE, LimitError, mode_of, open_regular, read_capped


class _Rule(NamedTuple):
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool
    anchored: bool


def _translate(pattern: str) -> str:
    """A gitignore glob as a regular expression over a '/'-separated path."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[" and "]" in pattern[i + 2 :]:
            close = pattern.index("]", i + 2)
            body = pattern[i + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = close + 1
        elif char == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def parse(text: str) -> list[_Rule]:
    """The rules of one .gitignore file, in order."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip(" ") if not raw.endswith("\\ ") else raw
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated or line.startswith("\\"):
            line = line[1:]
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        try:
            regex = re.compile(_translate(line) + r"\Z", re.DOTALL)
        except re.error:
            continue  # git ignores a pattern it cannot read; so do we
        rules.append(_Rule(regex, negated, folders_only, anchored))
    return rules


def _read(path: Path) -> str:
    """A .gitignore's text; none when it is missing, unreadable, not a regular file (a FIFO
    would block) or too large to be one (see ``read.limits``)."""
    try:
        with open_regular(path) as handle:
            return read_capped(handle, MAX_SETTINGS_SIZE).decode("utf-8", errors="replace")
    except (OSError, ValueError, LimitError):
        return ""


class GitIgnore:
    """The .gitignore files of a walk: each folder's rules, read once."""

    def __init__(self) -> None:
        self._rules: dict[Path, list[_Rule]] = {}

    def rules_in(self, folder: Path) -> list[_Rule]:
        rules = self._rules.get(folder)
        if rules is None:
            text = _read(folder / ".gitignore")
            rules = self._rules[folder] = parse(text)
        return rules

    def ignored(self, path: Path, is_dir: bool, folders: list[Path]) -> bool:
        """Whether ``path`` is ignored by the .gitignore files of ``folders`` (its ancestors,
        highest first, that are in the walk's repository)."""
        for folder in reversed(folders):  # the deepest .gitignore decides first
            rules = self.rules_in(folder)
            if not rules:
                continue
            try:
                relative = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            for rule in reversed(rules):  # the last matching line decides
                if rule.folders_only and not is_dir:
                    continue
                subject = relative if rule.anchored else relative.rsplit("/", 1)[-1]
                if rule.regex.match(subject):
                    return not rule.negated
        return False


def repository_folders(start: Path) -> list[Path]:
    """The folders strictly above ``start`` (an absolute folder) whose .gitignore files apply
    to it: up to the nearest one holding ``.git``, highest first; none outside a repository."""
    if mode_of(start / ".git") is not None:
        return []
    above: list[Path] = []
    for parent in start.parents:
        above.append(parent)
        if mode_of(parent / ".git") is not None:
            return list(reversed(above))
    return []
