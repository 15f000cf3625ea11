"""What ``medlint check`` does once its arguments are parsed: run, report, choose the exit code.

It does not import click, so the console script's quick route (:mod:`medlint.cli.console`) and the
click command (:mod:`medlint.cli.main`) share it: a pre-commit hook starts without paying for click.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from medlint import __version__
from medlint.config import FAIL_LEVELS

REPORT_FORMATS = ("text", "json", "sarif", "github", "junit")
__all__ = ["FAIL_LEVELS", "REPORT_FORMATS", "check"]


class Exit(Exception):
    """Stop with this exit code (the message, if any, is already written)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def say(message: str) -> None:
    """One line on standard error."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def fatal(error: object) -> Exit:
    """Say what went wrong; the caller raises the returned Exit (code 2)."""
    say(f"medlint: {error}")
    return Exit(2)


def split_list(values: Sequence[str]) -> list[str]:
    """Rule lists given as repeated and/or comma-separated values."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def check(
    paths: tuple[str, ...],
    output_format: str = "text",
    fail_on: str | None = None,
    select: tuple[str, ...] = (),
    extend_select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    rules: tuple[str, ...] = (),
    no_builtin: bool = False,
    config_file: str | None = None,
    isolated: bool = False,
    stdin_filename: str | None = None,
    statistics: bool = False,
    output_file: str | None = None,
    baseline_file: str | None = None,
    write_baseline_file: str | None = None,
    jobs: int | None = None,
) -> int:
    """Lint ``paths`` and write the report; the exit code (0 clean, 1 findings, 2 errors)."""
    from pathlib import Path

    from medlint.errors import MedlintError
    from medlint.filters.suppress import META_DESCRIPTIONS
    from medlint.findings import Severity
    from medlint.report import RunSummary, get_reporter, report_pieces
    from medlint.run import Options, run

    try:
        options = Options(
            select=tuple(split_list(select)) or None,
            extend_select=tuple(split_list(extend_select)),
            ignore=tuple(split_list(ignore)),
            rules=rules,
            builtin=not no_builtin,
            fail_on=fail_on,
            config=Path(config_file) if config_file else None,
            isolated=isolated,
            baseline=Path(baseline_file) if baseline_file else None,
            stdin_filename=stdin_filename,
            jobs=jobs,
        )
        try:
            result = run(paths, options)
        except MedlintError as error:
            raise fatal(error) from None
        for message in result.errors:
            say(f"medlint: {message}")
        for problem in result.problems:
            say(f"medlint: {problem}")
        if write_baseline_file:
            from medlint.report.baseline import render_baseline

            write_atomically(write_baseline_file, render_baseline(result.findings, __version__))
            say(f"medlint: wrote {len(result.findings)} findings to {write_baseline_file}")
            return 2 if result.errors else 0
        summary = RunSummary(
            files_checked=result.files_checked,
            tool_version=__version__,
            errors=tuple(result.errors),
            statistics=statistics,
            color=output_file is None and output_format == "text" and sys.stdout.isatty(),
            paths=tuple(result.paths),
            rules=[r.to_dict() for r in result.rules] + list(META_DESCRIPTIONS),
        )
        pieces = report_pieces(get_reporter(output_format), result.findings, summary)
        if output_file:
            write_atomically(output_file, pieces)
        else:
            for piece in pieces:
                sys.stdout.write(piece)
            sys.stdout.flush()
        if result.errors or result.problems:
            return 2
        threshold = None if result.fail_on == "never" else Severity(result.fail_on)
        failing = threshold is not None and any(
            f.severity.rank >= threshold.rank for f in result.findings
        )
        return 1 if failing else 0
    except Exit as stop:  # a message is written already
        return stop.code


def write_atomically(target: str, content: str | Iterable[str]) -> None:
    """Write a report or baseline so that no reader ever sees half of it."""
    import contextlib
    import os
    import tempfile
    from pathlib import Path

    destination = Path(target)
    folder = destination.parent if str(destination.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{destination.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for piece in (content,) if isinstance(content, str) else content:
                stream.write(piece)
        os.replace(temporary, destination)
        temporary = None
    except OSError as exc:
        raise fatal(f"{target}: cannot write: {exc.strerror or exc}") from None
    finally:
        if temporary is not None:  # the old file, if any, is left as it was
            with contextlib.suppress(OSError):
                os.unlink(temporary)
