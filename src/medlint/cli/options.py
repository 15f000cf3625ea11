"""Options that more than one command takes, each declared once."""

from __future__ import annotations

import click

rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    metavar="PATH",
    help="Add a rule pack file or folder (repeatable).",
)
no_builtin_option = click.option(
    "--no-builtin",
    "builtin",
    flag_value=False,
    default=True,
    help="Do not load the built-in rule packs.",
)
