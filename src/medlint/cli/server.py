"""``medlint server``: the language server for editors, on standard input and output."""

from __future__ import annotations

import click

from medlint.server import DEBOUNCE

EXTRA_HINT = (
    "the language server needs pygls 2 and lsprotocol, which the 'server' extra installs: "
    "python -m pip install '.[server]' in a checkout (see the README)"
)


@click.command(name="server")
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=DEBOUNCE,
    show_default=True,
    metavar="SECONDS",
    help="How long a change waits for the next one before the document is linted.",
)
def server(debounce: float) -> None:
    """Run the language server (LSP) for editors, over stdio."""
    from medlint.cli.output import fail

    try:
        from medlint.server.app import serve
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in ("pygls", "lsprotocol"):
            raise
        fail(EXTRA_HINT)
    serve(debounce)
