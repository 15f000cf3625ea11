"""``medlint check --show-settings PATH...``: the settings that apply to each path, and where
each value came from (the default, a configuration file, the command line), as ruff's
``--show-settings`` shows them."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from stat import S_ISDIR
from typing import Any

from medlint.config import Config
from medlint.read.limits import mode_of
from medlint.run import Options, Runner

DEFAULT = "default"
COMMAND_LINE = "command line"


def _origin(config: Config, key: str, given: bool) -> str:
    if given:
        return COMMAND_LINE
    if key in config.keys and config.path is not None:
        return str(config.path)
    return DEFAULT


def _merged(config: Config, key: str, from_file: Sequence[Any], given: Sequence[Any]) -> str:
    """The origin of a list that adds the command line's items to the file's."""
    parts = [str(config.path)] if key in config.keys and from_file else []
    if given:
        parts.append(COMMAND_LINE)
    return " + ".join(parts) or DEFAULT


def settings_for(path: Path | None, options: Options, runner: Runner) -> list[tuple[str, Any, str]]:
    """(key, value, origin) for every setting of a file (None: standard input unnamed)."""
    config = runner.config_for(path)
    o = options

    def origin(key: str, given: bool = False) -> str:
        return _origin(config, key, given)

    excluded = config.excluded(path, S_ISDIR(mode_of(path) or 0)) if path is not None else None
    select = list(o.select or config.select or ["default"])
    fail_on = o.fail_on or config.fail_on or "warning"
    extend = [*map(str, config.extend), *o.rules]
    exclude = config.excludes[: len(config.excludes) - len(config.extend_exclude)]
    return [
        ("select", select, origin("select", o.select is not None)),
        ("extend-select", [*config.extend_select, *o.extend_select],
         _merged(config, "extend-select", config.extend_select, o.extend_select)),
        ("ignore", [*config.ignore, *o.ignore], _merged(config, "ignore", config.ignore, o.ignore)),
        ("extend", extend, _merged(config, "extend", config.extend, o.rules)),
        ("builtin", o.builtin, COMMAND_LINE if not o.builtin else DEFAULT),
        ("severity", dict(config.severity), origin("severity")),
        ("per-file-ignores", dict(config.per_file_ignores), origin("per-file-ignores")),
        ("ignored here", list(config.ignored_for(path)) if path else [], "per-file-ignores"),
        ("fail-on", fail_on, origin("fail-on", o.fail_on is not None)),
        ("readability-grade", config.readability_grade or 8, origin("readability-grade")),
        ("exclude", list(exclude), origin("exclude")),
        ("extend-exclude", list(config.extend_exclude), origin("extend-exclude")),
        ("force-exclude", o.force_exclude or bool(config.force_exclude),
         origin("force-exclude", o.force_exclude)),
        ("max-file-size", runner.size_limit(config),
         origin("max-file-size", o.max_file_size is not None)),
        ("excluded", f"yes ('{excluded}')" if excluded else "no", "exclude patterns"),
    ]  # fmt: skip


def show(paths: Sequence[str], options: Options) -> None:
    """Print each path's settings on stdout; a broken configuration raises MedlintError."""
    runner = Runner(options)
    for number, raw in enumerate(paths):
        name = options.stdin_filename if raw == "-" else raw
        path = Path(name) if name else None
        config = runner.config_for(path)
        if options.isolated:
            source = "none (--isolated)"
        else:
            source = str(config.path) if config.path else "none found"
        lines = [f"{'' if number == 0 else chr(10)}Settings for {name or '-'}"]
        lines.append(f"# configuration file: {source}")
        for key, value, origin in settings_for(path, options, runner):
            shown = json.dumps(value, ensure_ascii=False)
            lines.append(f"{key:<18} = {shown:<40} # {origin}")
        sys.stdout.write("\n".join(lines) + "\n")
