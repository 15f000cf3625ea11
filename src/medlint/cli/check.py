"""``medlint check``: its options, each declared once and read into :class:`medlint.run.Options`;
then the run, the report and the exit code."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medlint.cli.options import no_builtin_option, rules_option
from medlint.config import FAIL_LEVELS
from medlint.report import REPORTERS

if TYPE_CHECKING:
    from medlint.run import Options, RunResult


def _rule_list(_context: click.Context, _option: click.Parameter, values: Any) -> tuple[str, ...]:
    """Rule lists given as repeated and/or comma-separated values."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _selection(context: click.Context, option: click.Parameter, values: Any) -> Any:
    """``--select``'s rules; None when not given (the configuration's selection then holds)."""
    return _rule_list(context, option, values) or None


def _size(_context: click.Context, _option: click.Parameter, value: Any) -> int | None:
    """``--max-file-size``: bytes, or a size such as 64MiB."""
    if value is None:
        return None
    from medlint.read.limits import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: warning].",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    callback=_selection,
    help="Only these rule ids, names, id prefixes or categories (comma-separated).",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="RULES",
    callback=_rule_list,
    help="Add these rules to the selection (comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    callback=_rule_list,
    help="Skip these rules (comma-separated).",
)
@rules_option
@no_builtin_option
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file for every path (.medlint.yaml or pyproject.toml).",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--stdin-filename", metavar="NAME", help="Name (and so format) of the text read from '-'."
)
@click.option("--statistics", is_flag=True, help="Count the findings per rule.")
@click.option(
    "--output-file", type=click.Path(dir_okay=False), help="Write the report to this file."
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record today's findings in this file, and exit 0.",
)
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary line.")
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when there are findings (errors still exit 2).",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    default=False,
    help="Apply the exclude patterns to the paths named too (as pre-commit passes them).",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings that apply to each path, and where each came from; lint nothing.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Say how each file was read (promotional, informational, warning or scholarly page) "
    "and the words that decided it.",
)
@click.option(
    "--max-file-size",
    metavar="SIZE",
    callback=_size,
    help="Refuse files (and standard input) larger than this, e.g. 64MiB [default: 128MiB].",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: one per core for many files, 1 for a few].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Lint on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local[:N] to "
    "start N workers here (needs the 'dask' extra).",
)
def check(**arguments: Any) -> None:
    """Lint text, Markdown, MDX and HTML files, folders, or '-' for standard input."""
    # A run makes many small objects that live to its end (modules, rules, documents,
    # findings), and few cycles: the collector runs less often, as mypy's builds have it (a
    # dense run: 1.6% fewer instructions), and as before once the command is over (check may
    # run in a longer-lived process).
    threshold = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)
    try:
        _check(**arguments)
    finally:
        gc.set_threshold(*threshold)


def _check(
    paths: tuple[str, ...],
    output_format: str,
    statistics: bool,
    output_file: str | None,
    write_baseline: str | None,
    color: str,
    quiet: bool,
    exit_zero: bool,
    show_settings: bool,
    explain: bool,
    **settings: Any,
) -> None:
    """The command itself, with the collector set as :func:`check` says."""
    from medlint.cli import output
    from medlint.errors import MedlintError
    from medlint.report import TEXT_FORMATS
    from medlint.run import Options, run

    if statistics and output_format not in TEXT_FORMATS:
        raise click.UsageError(
            f"--statistics counts findings in the text report; --format {output_format} has "
            "no place for it (count the rules of the JSON report instead)"
        )
    scheduler = settings.pop("scheduler")
    options = Options(**settings)  # every other option is a run.Options field
    if show_settings:
        from medlint.cli.settings import show

        try:
            show(paths, options)
        except MedlintError as error:
            output.fail(error)
        sys.exit(0)
    # A text report on standard output is written file by file as the run goes (while the
    # workers lint the next files), unless findings may still be dropped (a baseline) or
    # nothing is to be written (a baseline being recorded).
    streamed = (
        output.Stream(output_format, color)
        if output_format in TEXT_FORMATS
        and output_file is None
        and options.baseline is None
        and not write_baseline
        and scheduler is None
        and "-" not in paths
        else None
    )
    try:
        result = (
            run(paths, options, on_findings=streamed.write if streamed else None)
            if scheduler is None
            else _on_cluster(scheduler, paths, options)
        )
    except MedlintError as error:
        output.fail(error)
    for message in (*result.errors, *result.problems):
        output.say(f"medlint: {message}")
    if write_baseline:
        output.write_baseline(result, write_baseline)
        sys.exit(2 if result.errors else 0)
    output.write_report(
        result, output_format, statistics, output_file, color, quiet, streamed is not None
    )
    if explain:
        to_stdout = output_format in TEXT_FORMATS and output_file is None
        output.explain(result, to_stdout=to_stdout)
    sys.exit(exit_code(result, exit_zero))


def _on_cluster(address: str, paths: tuple[str, ...], options: Options) -> RunResult:
    from medlint.distributed import lint_on

    return lint_on(address, paths, options)


def exit_code(result: RunResult, exit_zero: bool = False) -> int:
    """2 when a file or rule failed, else 1 when a finding is at or above ``fail_on`` (unless
    ``exit_zero``), else 0."""
    if result.errors or result.problems:
        return 2
    return 1 if result.fails() and not exit_zero else 0
