"""The ``medlint`` command: click commands over the library, nothing more.

Exit codes (as ruff's): 0 nothing at or above ``--fail-on``, 1 findings, 2 usage, configuration,
rule or input error. User errors print one line on stderr and never a traceback; anything else
is a bug in medlint, which :func:`entry` says in one line before the traceback.

Importing this package loads click and the standard library only: each command imports the
library inside its function, so ``medlint --help`` reads no YAML and loads no reporter.
"""

from __future__ import annotations

import errno
import sys
from typing import NoReturn

import click

from medlint import __version__
from medlint.cli.check import check
from medlint.cli.output import say, stdout_failed
from medlint.cli.rules import list_rules, show_rule, test_rules
from medlint.cli.server import server

__all__ = ["entry", "main"]


@click.group(name="medlint", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """medlint: a linter for health writing."""


for command in (check, list_rules, show_rule, test_rules, server):
    main.add_command(command)


# What writing a report can meet (a full disk, a quota, a file size limit, a failing device):
# the machine's trouble, not medlint's. Reading errors never get here (they are MedlintErrors).
_OUTPUT_ERRORS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
)


def entry() -> None:
    """The console script: click's ``main``, with one line naming medlint before any internal
    error (a bug, not a user mistake) and its traceback. Standard output failing (``>
    /dev/full``) is one line and exit 2, whichever command was writing."""
    try:
        main(prog_name="medlint")
    except SystemExit as exc:
        _leave(exc)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            _internal_error()
        stdout_failed(exc)
    except Exception:
        _internal_error()


# Modules whose exit work (atexit handlers: flushing logs, joining workers, removing their
# temporary files) must run: with any of them loaded, medlint exits the usual way. ``atexit``
# is loaded only by whoever registers a handler (medlint's own runs never do).
_EXIT_WORK = ("atexit", "logging", "multiprocessing", "concurrent.futures")


def _leave(exc: SystemExit) -> NoReturn:
    """Exit with ``exc``'s status, without the interpreter's teardown when nothing is left to
    do but free memory (as mypy does): freeing every object of a run is about 10 ms, a tenth of
    linting a 5 KB file (it touches all the run's memory). The usual exit otherwise: other
    threads, exit work, a profiler or tracer (cProfile, coverage) that writes its results at
    exit, output that fails to flush."""
    import os
    import threading

    code = exc.code
    if (
        (code is None or isinstance(code, int))
        and threading.active_count() == 1
        and sys.gettrace() is None
        and sys.getprofile() is None
        and not any(name in sys.modules for name in _EXIT_WORK)
    ):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise exc from None  # the usual exit says what went wrong
        os._exit(code or 0)
    raise exc


def _internal_error() -> NoReturn:
    import traceback

    say(
        f"medlint {__version__}: internal error (please report it with the input that caused "
        "it); arguments: " + " ".join(sys.argv[1:])
    )
    traceback.print_exc()
    sys.exit(2)
