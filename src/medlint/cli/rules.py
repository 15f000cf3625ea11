"""``medlint rules``, ``medlint rule ID`` and ``medlint test-rules``: the rules, explained and
tested."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from medlint.cli.options import no_builtin_option, rules_option

if TYPE_CHECKING:
    from medlint.linter import Linter

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
)


def _linter(rules: Sequence[str], builtin: bool) -> Linter:
    """Every rule of the packs (a broken pack: one line, exit 2)."""
    from medlint.cli.output import fail
    from medlint.errors import MedlintError
    from medlint.linter import Linter

    try:
        return Linter(rules=rules, builtin=builtin)
    except MedlintError as error:
        fail(error)


@click.command(name="rules")
@format_option
@rules_option
@no_builtin_option
def list_rules(output_format: str, rules: tuple[str, ...], builtin: bool) -> None:
    """List every rule: id, name, category, severity and summary."""
    from medlint.filters.suppress import META_DESCRIPTIONS

    linter = _linter(rules, builtin)
    if output_format == "json":
        import json

        listed = [r.to_dict() for r in linter.all_rules] + list(META_DESCRIPTIONS)
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    for rule in linter.all_rules:
        flag = "" if rule.enabled else "  (off by default)"
        click.echo(
            f"{rule.id:<6} {rule.name:<28} {rule.category.value:<12} {rule.severity.value:<8} "
            f"{rule.summary}{flag}"
        )
    for meta in META_DESCRIPTIONS:  # medlint's own notes on suppression comments
        summary = str(meta["message"]).replace("{match}", "…")
        click.echo(
            f"{meta['id']:<6} {meta['name']:<28} {meta['category']:<12} {meta['severity']:<8} "
            f"{summary}"
        )


@click.command(name="rule")
@click.argument("rule_id")
@format_option
@rules_option
@no_builtin_option
def show_rule(rule_id: str, output_format: str, rules: tuple[str, ...], builtin: bool) -> None:
    """Explain one rule: message, why it matters, examples, better wording, references."""
    from medlint.filters.suppress import META_DESCRIPTIONS
    from medlint.rules.doc import render_rule

    linter = _linter(rules, builtin)
    rule = linter.rule(rule_id)
    meta = next((m for m in META_DESCRIPTIONS if rule_id in (m["id"], m["name"])), None)
    if rule is None and meta is not None:
        if output_format == "json":
            import json

            click.echo(json.dumps(meta, indent=2, ensure_ascii=False))
        else:
            click.echo(f"{meta['id']} {meta['name']}  ({meta['category']} · {meta['severity']})")
            click.echo(f"{'Message':<16}{meta['message']}")
            click.echo(f"{'Why it matters':<16}{meta['why']}")
            click.echo(f"{'Better':<16}{meta['suggest']}")
            references: list[dict[str, str]] = meta["references"]  # type: ignore[assignment]
            for reference in references:
                click.echo(f"{'References':<16}{reference['title']}  {reference['url']}")
        return
    if rule is None:
        import difflib

        from medlint.cli.output import fail

        close = difflib.get_close_matches(
            rule_id, [r.id for r in linter.all_rules] + [r.name for r in linter.all_rules], n=1
        )
        fail(f"no such rule: '{rule_id}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    if output_format == "json":
        import json

        click.echo(json.dumps(rule.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_rule(rule), nl=False)


@click.command(name="test-rules")
@click.argument("paths", nargs=-1)
@no_builtin_option
@click.option("-v", "--verbose", is_flag=True, help="Show every example, not only failures.")
def test_rules(paths: tuple[str, ...], builtin: bool, verbose: bool) -> None:
    """Run every rule's examples: each 'flag' must be reported, each 'pass' must not."""
    from medlint.testing import run_examples

    results = run_examples(_linter(paths, builtin))
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
