"""What ``medlint check`` writes: messages on stderr, the report, the baseline file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from medlint import __version__

if TYPE_CHECKING:
    from medlint.findings import Finding
    from medlint.run import RunResult


def say(message: str) -> None:
    """One line on standard error, its control characters shown escaped (a file name could
    hold an escape sequence for the terminal)."""
    from medlint.report.escape import visible

    sys.stderr.write(visible(message) + "\n")
    sys.stderr.flush()


def fail(error: object) -> NoReturn:
    """Say what the user got wrong, in one line, and exit 2."""
    say(f"medlint: {error}")
    sys.exit(2)


def use_color(choice: str, output_file: str | None, output_format: str) -> bool:
    """``--color``: always, never, or (auto) on a terminal unless ``NO_COLOR`` is set;
    ``FORCE_COLOR`` turns it on in auto mode (https://no-color.org, https://force-color.org)."""
    import os

    if choice != "auto":
        return choice == "always"
    from medlint.report import TEXT_FORMATS

    if output_file is not None or output_format not in TEXT_FORMATS or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def write_report(
    result: RunResult,
    output_format: str,
    statistics: bool,
    output_file: str | None,
    color: str = "auto",
    quiet: bool = False,
    streamed: bool = False,
) -> None:
    """The report of a run, on stdout or in ``output_file``; streamed when the format can be.
    ``streamed``: the findings are on stdout already (see :class:`Stream`): only what
    follows them is written."""
    from medlint.filters.suppress import META_DESCRIPTIONS
    from medlint.report import RunSummary, get_reporter, report_pieces

    summary = RunSummary(
        files_checked=result.files_checked,
        tool_version=__version__,
        errors=tuple(result.errors),
        statistics=statistics,
        color=use_color(color, output_file, output_format),
        fail_on=result.fail_on,
        paths=tuple(result.paths),
        rules=[r.to_dict() for r in result.rules] + list(META_DESCRIPTIONS),
        quiet=quiet,
        sources=result.sources,
    )
    reporter = get_reporter(output_format)
    if streamed:
        from medlint.report.text import TextReporter

        assert isinstance(reporter, TextReporter)  # only text reports are streamed
        to_stdout([reporter.ending(result.findings, summary)])
        return
    pieces = report_pieces(reporter, result.findings, summary)
    if output_file:
        write_atomically(output_file, pieces)
    else:
        to_stdout(pieces)


class Stream:
    """A text report's findings written on standard output as a run finds them, file by file:
    the same text as written at the end, sooner (and while worker processes lint on)."""

    def __init__(self, output_format: str, color: str) -> None:
        from medlint.report import get_reporter
        from medlint.report.text import TextReporter

        reporter = get_reporter(output_format)
        assert isinstance(reporter, TextReporter)  # only text reports are streamed
        self._writer = reporter.writer(use_color(color, None, output_format), {})

    def write(self, findings: list[Finding]) -> None:
        # a thousand at a time: a big file's report is never built whole
        to_stdout(
            self._writer.write(findings[at : at + 1000]) for at in range(0, len(findings), 1000)
        )


def to_stdout(pieces: Iterable[str]) -> None:
    """Write the report on standard output; a full disk or a failing device is an error (exit
    2), a closed pipe (``| head``) is left to click, which exits quietly."""
    try:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        stdout_failed(exc)


def stdout_failed(exc: OSError) -> NoReturn:
    """Say that standard output failed and exit 2; what is still buffered for it is dropped
    (sent to the null device), so that Python does not fail again flushing it at exit."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    fail(f"cannot write to standard output: {exc.strerror or exc}")


def write_baseline(result: RunResult, target: str) -> None:
    """Record the run's findings in the baseline file ``target``, and say so."""
    from medlint.report.baseline import render_baseline

    write_atomically(target, render_baseline(result.findings, __version__, Path(target)))
    count = len(result.findings)
    say(f"medlint: wrote {count} finding{'' if count == 1 else 's'} to {target}")


def write_atomically(target: str, content: str | Iterable[str]) -> None:
    """Write a report or baseline whole, over a regular file or a new path only (see
    ``cli.atomic``); else say why and exit 2."""
    from medlint.cli.atomic import WriteError
    from medlint.cli.atomic import write_atomically as write

    try:
        write(target, content)
    except WriteError as error:
        fail(f"{target}: {error}")


def explain(result: RunResult, *, to_stdout: bool) -> None:
    """One line per file: how medlint read the page, and the cues that decided it, as the run
    read it (on stdout after a text report, else on stderr, so a JSON or SARIF report stays
    parseable)."""
    from medlint.report.escape import visible

    stream = sys.stdout if to_stdout else sys.stderr
    for path in result.paths:
        profile = result.profiles.get(path)
        if profile is not None:
            stream.write(f"{visible(path)}: read as {profile.explain()}\n")
    stream.flush()
