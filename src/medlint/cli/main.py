"""The ``medlint`` command: a thin shell over the library.

Exit codes (as ruff's): 0 nothing at or above ``--fail-on``, 1 findings, 2 usage, configuration,
rule or input error. User errors print one line on stderr and never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from medlint import __version__
from medlint.cli import command

if TYPE_CHECKING:
    from medlint.errors import MedlintError
    from medlint.linter import Linter

FORMATS = ("text", "json")


def _fatal(error: MedlintError | str) -> NoReturn:
    raise SystemExit(command.fatal(error).code)


def _linter(
    rules: Sequence[str], builtin: bool, select: Sequence[str], ignore: Sequence[str]
) -> Linter:
    from medlint.errors import MedlintError
    from medlint.linter import Linter

    try:
        return Linter(
            rules=rules,
            builtin=builtin,
            select=command.split_list(select) or None,
            ignore=command.split_list(ignore),
        )
    except MedlintError as error:
        _fatal(error)


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="PATH",
    help="Add a rule pack file or folder (repeatable).",
)
no_builtin_option = click.option(
    "--no-builtin", is_flag=True, help="Do not load the built-in rule packs."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """medlint: a linter for health writing."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(command.REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(command.FAIL_LEVELS),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: warning].",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rule ids, names, id prefixes or categories (comma-separated).",
)
@click.option(
    "--extend-select",
    multiple=True,
    metavar="RULES",
    help="Add these rules to the selection (comma-separated).",
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules (comma-separated)."
)
@rules_option
@no_builtin_option
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
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
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    type=click.Path(dir_okay=False),
    help="Record today's findings in this file, and exit 0.",
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
    fail_on: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules: tuple[str, ...],
    no_builtin: bool,
    config_file: str | None,
    isolated: bool,
    stdin_filename: str | None,
    statistics: bool,
    output_file: str | None,
    baseline_file: str | None,
    write_baseline_file: str | None,
    jobs: int | None,
) -> None:
    """Lint text, Markdown and HTML files, folders, or '-' for standard input."""
    code = command.check(
        paths,
        output_format,
        fail_on,
        select,
        extend_select,
        ignore,
        rules,
        no_builtin,
        config_file,
        isolated,
        stdin_filename,
        statistics,
        output_file,
        baseline_file,
        write_baseline_file,
        jobs,
    )
    sys.exit(code)


@main.command(name="rules")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
@rules_option
@no_builtin_option
def list_rules(output_format: str, rules: tuple[str, ...], no_builtin: bool) -> None:
    """List every rule: id, name, category, severity and summary."""
    linter = _linter(rules, not no_builtin, (), ())
    if output_format == "json":
        import json

        click.echo(
            json.dumps([r.to_dict() for r in linter.all_rules], indent=2, ensure_ascii=False)
        )
        return
    for rule in linter.all_rules:
        flag = "" if rule.enabled else "  (off by default)"
        click.echo(
            f"{rule.id:<6} {rule.name:<28} {rule.category.value:<12} {rule.severity.value:<8} "
            f"{rule.summary}{flag}"
        )


@main.command(name="rule")
@click.argument("rule_id")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
@rules_option
@no_builtin_option
def show_rule(rule_id: str, output_format: str, rules: tuple[str, ...], no_builtin: bool) -> None:
    """Explain one rule: message, why it matters, examples, better wording, references."""
    from medlint.rules.doc import render_rule

    linter = _linter(rules, not no_builtin, (), ())
    rule = linter.rule(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(
            rule_id, [r.id for r in linter.all_rules] + [r.name for r in linter.all_rules], n=1
        )
        _fatal(f"no such rule: '{rule_id}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    if output_format == "json":
        import json

        click.echo(json.dumps(rule.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_rule(rule), nl=False)


@main.command(name="test-rules")
@click.argument("paths", nargs=-1)
@no_builtin_option
@click.option("-v", "--verbose", is_flag=True, help="Show every example, not only failures.")
def test_rules(paths: tuple[str, ...], no_builtin: bool, verbose: bool) -> None:
    """Run every rule's examples: each 'flag' must be reported, each 'pass' must not."""
    from medlint.testing import run_examples

    linter = _linter(paths, not no_builtin, (), ())
    results = run_examples(linter)
    failures = [r for r in results if not r.ok]
    for result in results:
        if verbose or not result.ok:
            click.echo(result.describe())
    rules_count = len({r.rule for r in results})
    click.echo(
        f"{len(results) - len(failures)} passed, {len(failures)} failed "
        f"({len(results)} examples from {rules_count} rules)"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":  # pragma: no cover
    from medlint.cli.console import entry

    entry()
