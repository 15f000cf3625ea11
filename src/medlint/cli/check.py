"""``medlint check``: its options, each declared once and read into :class:`medlint.run.Options`;
then the run, the report and the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from medlint.cli.options import no_builtin_option, rules_option
from medlint.config import FAIL_LEVELS
from medlint.report import REPORTERS

if TYPE_CHECKING:
    from medlint.run import RunResult


def _rule_list(_context: click.Context, _option: click.Parameter, values: Any) -> tuple[str, ...]:
    """Rule lists given as repeated and/or comma-separated values."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _selection(context: click.Context, option: click.Parameter, values: Any) -> Any:
    """``--select``'s rules; None when not given (the configuration's selection then holds)."""
    return _rule_list(context, option, values) or None


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
@click.option(
    "--explain",
    is_flag=True,
    help="Say how each file was read (promotional, informational, warning or scholarly page) "
    "and the words that decided it.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: one per core for many files, 1 for a few].",
)
def check(
    paths: tuple[str, ...],
    output_format: str,
    statistics: bool,
    output_file: str | None,
    write_baseline: str | None,
    color: str,
    explain: bool,
    **settings: Any,
) -> None:
    """Lint text, Markdown and HTML files, folders, or '-' for standard input."""
    from medlint.cli import output
    from medlint.errors import MedlintError
    from medlint.run import Options, run

    try:
        result = run(paths, Options(**settings))  # every other option is a run.Options field
    except MedlintError as error:
        output.fail(error)
    for message in (*result.errors, *result.problems):
        output.say(f"medlint: {message}")
    if write_baseline:
        output.write_baseline(result, write_baseline)
        sys.exit(2 if result.errors else 0)
    output.write_report(result, output_format, statistics, output_file, color)
    if explain:
        output.explain(result.paths, to_stdout=output_format == "text" and output_file is None)
    sys.exit(exit_code(result))


def exit_code(result: RunResult) -> int:
    """2 when a file or rule failed, else 1 when a finding is at or above ``fail_on``, else 0."""
    if result.errors or result.problems:
        return 2
    return 1 if result.fails() else 0
