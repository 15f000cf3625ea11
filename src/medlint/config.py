"""Configuration: ``.medlint.yaml`` or ``[tool.medlint]`` in ``pyproject.toml``.

As in ruff, each file is linted with the configuration nearest to it: the first folder, from
the file's own upwards, that holds ``.medlint.yaml`` (or ``.medlint.yml``) or a
``pyproject.toml`` with a ``[tool.medlint]`` table. ``--config FILE`` uses one file for every
path; ``--isolated`` uses none. Paths and globs in a configuration are relative to its folder.

Keys::

    select: [overclaim, EV01]          # rule ids, names, id prefixes or categories
    extend-select: [EV05]              # added to the default (or to select)
    ignore: [HY04]
    extend: [house-rules/]             # extra rule packs (files or folders)
    severity: {HY02: info}             # per-rule (or category) severity
    per-file-ignores: {"archive/**": [overclaim], "*.html": [RD02]}
    fail-on: error                     # error | warning | info | never
    readability-grade: 9               # target Flesch-Kincaid grade for RD01
    exclude: [node_modules, .venv]     # files and folders not linted (replaces the defaults)
    extend-exclude: ["drafts/**"]      # ... added to the defaults
    force-exclude: true                # exclude files named on the command line too
    max-file-size: 64MiB               # larger files (and standard input) are refused
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from medlint.errors import ConfigError, positive_number
from medlint.read.discover import DEFAULT_EXCLUDE

if TYPE_CHECKING:
    from medlint.filters.selection import SelectorError

FAIL_LEVELS = ("error", "warning", "info", "never")

CONFIG_NAMES = (".medlint.yaml", ".medlint.yml", "pyproject.toml")
KEYS = (
    "select",
    "extend-select",
    "ignore",
    "extend",
    "severity",
    "per-file-ignores",
    "fail-on",
    "readability-grade",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "max-file-size",
)


class Config(NamedTuple):
    """One configuration file's settings (all optional), and the folder they are relative to."""

    path: Path | None = None
    root: Path | None = None  # None: the working folder
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend: tuple[Path, ...] = ()
    severity: Mapping[str, str] = MappingProxyType({})
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str | None = None
    readability_grade: float | None = None
    exclude: tuple[str, ...] | None = None  # None: DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool | None = None
    max_file_size: int | None = None  # None: read.limits.DEFAULT_MAX_FILE_SIZE
    keys: tuple[str, ...] = ()  # the keys the file sets (for --show-settings)
    lines: Mapping[str, int | None] = MappingProxyType({})  # where each key is set

    def located(self, error: SelectorError, given: Sequence[str]) -> ConfigError:
        """A selector that names no rule, as an error of this file when the file holds it
        (one ``given`` on the command line stays an error of the options)."""
        in_file = {
            "select": self.select or (),
            "extend-select": self.extend_select,
            "ignore": self.ignore,
            "severity": tuple(self.severity),
        }.get(error.option, ())
        if self.path is None or error.token not in in_file or error.token in given:
            return error
        line = self.lines.get(error.option)
        return ConfigError(error.problem, path=str(self.path), line=line, hint=error.hint)

    @property
    def excludes(self) -> tuple[str, ...]:
        """Every exclude pattern in force: ``exclude`` (or the defaults) and ``extend-exclude``."""
        return (*(DEFAULT_EXCLUDE if self.exclude is None else self.exclude), *self.extend_exclude)

    def excluded(self, path: Path, is_dir: bool = False) -> str | None:
        """The exclude pattern that matches ``path`` or a folder above it (below the
        configuration's folder), else None. Patterns are globs relative to that folder, as in
        ruff: one without '/' matches a name at any depth; 'x/' matches folders only."""
        patterns = self.excludes
        if not patterns:
            return None
        try:
            parts = path.resolve().relative_to(_base(self.root)).parts
        except ValueError:
            parts = (path.name,)
        for depth in range(1, len(parts) + 1):
            folder = depth < len(parts) or is_dir
            if not _any_may_match(patterns, folder)(parts[depth - 1], "/".join(parts[:depth])):
                continue  # most paths: no pattern matches, known in one test
            relative = PurePosixPath(*parts[:depth])
            for pattern in patterns:
                if pattern.endswith("/") and not folder:
                    continue
                if _glob_match(relative, pattern.rstrip("/")):
                    return pattern
        return None

    def ignored_for(self, file: Path) -> tuple[str, ...]:
        """Rules that ``per-file-ignores`` turns off for this file."""
        if not self.per_file_ignores:
            return ()  # and no path to resolve
        try:
            relative = PurePosixPath(file.resolve().relative_to(_base(self.root)).as_posix())
        except ValueError:
            relative = PurePosixPath(file.as_posix())
        result: list[str] = []
        for pattern, rules in self.per_file_ignores:
            if _glob_match(relative, pattern):
                result.extend(rules)
        return tuple(result)


def _base(root: Path | None) -> Path:
    """The folder that exclude and per-file-ignore patterns are relative to, resolved (the
    working folder needs no resolving where POSIX holds: getcwd names no symbolic link)."""
    if root is not None:
        return root.resolve()
    working = Path.cwd()
    return working if os.name == "posix" else working.resolve()


@lru_cache(maxsize=64)
def _any_may_match(patterns: tuple[str, ...], folder: bool) -> Callable[[str, str], bool]:
    """Whether one of the exclude ``patterns`` matches a path (its name, its whole relative
    text) as :func:`_glob_match` would: one regex per subject of every pattern's globs."""
    globs: dict[bool, list[str]] = {True: [], False: []}  # on the name?, its globs
    for pattern in patterns:
        if folder or not pattern.endswith("/"):
            for on_name, glob in _globs(pattern.rstrip("/")):
                globs[on_name].append(os.path.normcase(glob))
    name, text = _globs_regex(globs[True]), _globs_regex(globs[False])
    return lambda path_name, path_text: bool(
        name(os.path.normcase(path_name)) or text(os.path.normcase(path_text))
    )


def _globs_regex(globs: list[str]) -> Callable[[str], object]:
    """A test of whether a text matches one of the globs, as ``fnmatch`` reads them."""
    if not globs:
        return lambda text: None
    return re.compile("|".join(fnmatch.translate(glob) for glob in globs)).match


def _globs(pattern: str) -> list[tuple[bool, str]]:
    """What a path must match for ``pattern``, one of: (whether on its name rather than its
    whole relative text, a glob). A pattern without '/' matches a name at any depth."""
    if "/" not in pattern.rstrip("/"):
        return [(True, pattern), (False, pattern)]
    if pattern.endswith("/"):
        pattern += "**"
    # fnmatch's * already crosses '/', so '**' works as a recursive wildcard.
    return [(False, pattern.replace("**/", "*")), (False, pattern)]


def _glob_match(path: PurePosixPath, pattern: str) -> bool:
    return any(
        fnmatch.fnmatch(path.name if on_name else str(path), glob)
        for on_name, glob in _globs(pattern)
    )


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a folder)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if _is_file(path) and (name != "pyproject.toml" or _has_medlint_table(path)):
                return path
    return None


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (False when a folder above it is unreadable)."""
    import stat

    from medlint.read.limits import mode_of

    return stat.S_ISREG(mode_of(path) or 0)


def _has_medlint_table(path: Path) -> bool:
    try:
        text = _read_text(path)
    except ConfigError:
        return False
    return "[tool.medlint" in text


def _read_text(path: Path) -> str:
    """A configuration file's text: a regular file of sane size, in UTF-8 (see read.limits)."""
    from medlint.read.limits import MAX_SETTINGS_SIZE, PACK_HINT, read_file

    data = read_file(path, MAX_SETTINGS_SIZE, ConfigError, PACK_HINT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    if path.name == "pyproject.toml":
        import tomllib

        text = _read_text(path)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from None
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
            problem = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            problem = "a number is too long" if "digits" in problem else problem
            raise ConfigError(f"invalid TOML: {problem}", path=str(path)) from None
        table: Any = data
        for name in ("tool", "medlint"):
            if not isinstance(table, dict):
                raise ConfigError(
                    "'tool' must be a table", path=str(path), line=toml_line_of(text, "tool")
                )
            table = table.get(name, {})
        return _parse(table, path, lambda key: toml_line_of(text, key))
    from medlint.read.yamlfile import load_yaml_file

    data = load_yaml_file(path, error_type=ConfigError)
    if data is None:
        data = {}
    line_of = getattr(data, "line_of", lambda key: None)
    return _parse(data, path, line_of)


def _parse(data: Any, path: Path, line_of: Any) -> Config:
    where = "[tool.medlint]" if path.name == "pyproject.toml" else "the configuration"
    if not isinstance(data, dict):
        raise ConfigError(f"{where} must be a mapping of settings", path=str(path), line=1)

    def fail(key: str, problem: str, hint: str | None = None) -> ConfigError:
        return ConfigError(f"'{key}' {problem}", path=str(path), line=line_of(key), hint=hint)

    def names(key: str) -> tuple[str, ...]:
        value = data[key]
        if isinstance(value, str):
            value = [v for v in value.replace(",", " ").split() if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of rule ids, names or categories")
        if not all(v.strip() for v in value):
            raise fail(key, "has an empty entry", "write a rule id, name or category")
        return tuple(value)

    for key in data:
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(str(key).replace("_", "-"), KEYS, n=1)
            raise ConfigError(
                f"unknown key '{key}' in {where}",
                path=str(path),
                line=line_of(key),
                hint=f"did you mean '{close[0]}'?"
                if close
                else "expected one of " + ", ".join(KEYS),
            )
    root = path.parent
    settings: dict[str, Any] = {"path": path, "root": root, "keys": tuple(map(str, data))}
    settings["lines"] = {str(key): line_of(key) for key in data}
    if "select" in data:
        settings["select"] = names("select")
        if not settings["select"] and "extend-select" not in data:
            raise fail(
                "select",
                "selects no rule: every rule would be off",
                "leave 'select' out for the default rules, or name the rules",
            )
    if "extend-select" in data:
        settings["extend_select"] = names("extend-select")
    if "ignore" in data:
        settings["ignore"] = names("ignore")
    if "extend" in data:
        extend = data["extend"]
        if isinstance(extend, str):
            extend = [extend]
        if not isinstance(extend, list) or not all(isinstance(v, str) for v in extend):
            raise fail("extend", "must be a list of rule pack files or folders")
        settings["extend"] = tuple(root / v for v in extend)
    if "severity" in data:
        severity = data["severity"]
        if not isinstance(severity, dict) or not all(
            isinstance(v, str) and v in ("error", "warning", "info") for v in severity.values()
        ):
            raise fail("severity", "must map rules to error, warning or info")
        settings["severity"] = dict(severity)
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise fail("per-file-ignores", "must map file globs to lists of rules")
        pairs = []
        for glob, rules in table.items():
            if isinstance(rules, str):
                rules = [rules]
            if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
                raise fail("per-file-ignores", f"entry '{glob}' must be a list of rules")
            pairs.append((str(glob), tuple(rules)))
        settings["per_file_ignores"] = tuple(pairs)
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_LEVELS:
            raise fail(
                "fail-on", f"must be one of {', '.join(FAIL_LEVELS)}, got {data['fail-on']!r}"
            )
        settings["fail_on"] = data["fail-on"]
    if "readability-grade" in data:
        grade = data["readability-grade"]
        if not positive_number(grade):
            raise fail("readability-grade", f"must be a positive number, got {_shown(grade)}")
        settings["readability_grade"] = float(grade)
    for key in ("exclude", "extend-exclude"):
        if key in data:
            value = data[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(key, "must be a list of glob patterns")
            settings[key.replace("-", "_")] = tuple(value)
    if "force-exclude" in data:
        if not isinstance(data["force-exclude"], bool):
            raise fail("force-exclude", f"must be true or false, got {data['force-exclude']!r}")
        settings["force_exclude"] = data["force-exclude"]
    if "max-file-size" in data:
        from medlint.read.limits import parse_size

        try:
            settings["max_file_size"] = parse_size(data["max-file-size"])
        except ValueError as exc:
            raise fail("max-file-size", str(exc)) from None
    return Config(**settings)


def _shown(value: Any) -> str:
    """A value for an error message, cut to a readable length."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**100 else "a huge number"
    return text if len(text) <= 60 else text[:57] + "..."


def toml_line_of(text: str, key: str) -> int | None:
    """The line of ``key`` in pyproject.toml's ``[tool.medlint]`` table (tomllib gives no
    positions): a ``key =`` line inside the table, or a ``[tool.medlint.key]`` header; else the
    table's own header line."""
    import re

    header = re.compile(r"^\s*\[\s*tool\s*\.\s*medlint\s*(?:\.\s*(?P<sub>[^\]]+?)\s*)?\]")
    assignment = re.compile(r"^\s*(?P<key>\"[^\"]*\"|'[^']*'|[\w.-]+)\s*=")
    table_line = None
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            found = header.match(line)
            inside = found is not None and not found.group("sub")
            if found and found.group("sub") and found.group("sub").strip("\"'") == key:
                return number
            if inside and table_line is None:
                table_line = number
            continue
        match = assignment.match(line) if inside else None
        if match and match.group("key").strip("\"'").split(".")[0] == key:
            return number
    return table_line
