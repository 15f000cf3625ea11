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
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, NamedTuple

from medlint.errors import ConfigError

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

    def ignored_for(self, file: Path) -> tuple[str, ...]:
        """Rules that ``per-file-ignores`` turns off for this file."""
        try:
            relative = PurePosixPath(
                file.resolve().relative_to((self.root or Path.cwd()).resolve()).as_posix()
            )
        except ValueError:
            relative = PurePosixPath(file.as_posix())
        result: list[str] = []
        for pattern, rules in self.per_file_ignores:
            if _glob_match(relative, pattern):
                result.extend(rules)
        return tuple(result)


def _glob_match(path: PurePosixPath, pattern: str) -> bool:
    import fnmatch

    text = str(path)
    if "/" not in pattern.rstrip("/"):
        return fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(text, pattern)
    if pattern.endswith("/"):
        pattern += "**"
    # fnmatch's * already crosses '/', so '**' works as a recursive wildcard.
    return fnmatch.fnmatch(text, pattern.replace("**/", "*")) or fnmatch.fnmatch(text, pattern)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a folder)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_medlint_table(path)):
                return path
    return None


def _has_medlint_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.medlint" in text


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    if path.name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", path=str(path)) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=str(path)) from None
        table = data.get("tool", {}).get("medlint", {})
        return _parse(table, path, lambda key: None)
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
    settings: dict[str, Any] = {"path": path, "root": root}
    if "select" in data:
        settings["select"] = names("select")
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
        if isinstance(grade, bool) or not isinstance(grade, int | float) or grade <= 0:
            raise fail("readability-grade", f"must be a positive number, got {grade!r}")
        settings["readability_grade"] = float(grade)
    return Config(**settings)
