"""The ``medlint`` console script, with a quick route for ``medlint check``.

A pre-commit hook starts medlint on every commit, and importing click costs more than linting
a 5 KB draft (about 20 ms of a 0.1 s run). So ``entry`` first tries to read the arguments of a
plain ``check`` itself, with the option table below; whenever it sees anything it is not sure
of (help, an unknown option, a value click would reject, another command), it hands the whole
command line to click, which then parses, helps and reports errors as usual. A test checks
that this table is click's ``check`` command, option for option, and that both read the same
arguments the same way.
"""

from __future__ import annotations

import os
import sys

from medlint import __version__
from medlint.cli import command

# option -> (parameter, kind, allowed values); kinds: flag, value, multiple, choice, path, jobs
OPTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "--format": ("output_format", "choice", command.REPORT_FORMATS),
    "--fail-on": ("fail_on", "choice", command.FAIL_LEVELS),
    "--select": ("select", "multiple", ()),
    "--extend-select": ("extend_select", "multiple", ()),
    "--ignore": ("ignore", "multiple", ()),
    "--rules": ("rules", "multiple", ()),
    "--no-builtin": ("no_builtin", "flag", ()),
    "--config": ("config_file", "path", ()),
    "--isolated": ("isolated", "flag", ()),
    "--stdin-filename": ("stdin_filename", "value", ()),
    "--statistics": ("statistics", "flag", ()),
    "--output-file": ("output_file", "path", ()),
    "--baseline": ("baseline_file", "path", ()),
    "--write-baseline": ("write_baseline_file", "path", ()),
    "--jobs": ("jobs", "jobs", ()),
    "-j": ("jobs", "jobs", ()),
}


def parse_check(args: list[str]) -> dict[str, object] | None:
    """The parameters of ``medlint check`` from ``args`` (without the program name), as click
    would pass them; None when click should read them (anything unusual or wrong)."""
    if not args or args[0] != "check":
        return None
    params: dict[str, object] = {}
    paths: list[str] = []
    tokens = iter(args[1:])
    for token in tokens:
        if token == "--":
            paths.extend(tokens)
            break
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, equals, value = token.partition("=")
        if not token.startswith("--") and len(token) > 2:  # -j4
            name, equals, value = token[:2], "=", token[2:]
        known = OPTIONS.get(name)
        if known is None:
            return None
        parameter, kind, allowed = known
        if kind == "flag":
            if equals:
                return None
            params[parameter] = True
            continue
        if not equals:
            value = next(tokens, "-")
            if value.startswith("-"):  # missing, or maybe an option: let click decide
                return None
        converted = _convert(kind, value, allowed)
        if converted is None:
            return None
        if kind == "multiple":
            params[parameter] = (*params.get(parameter, ()), value)  # type: ignore[misc]
        else:
            params[parameter] = converted
    if not paths:
        return None
    params["paths"] = tuple(paths)
    return params


def _convert(kind: str, value: str, allowed: tuple[str, ...]) -> object | None:
    """The value as click's type for the option would give it; None if click might object."""
    if kind == "choice":
        return value if value in allowed else None
    if kind == "jobs":
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    if kind == "path":  # click.Path(dir_okay=False): not a folder, readable if it exists
        if not value or os.path.isdir(value):
            return None
        return value if not os.path.exists(value) or os.access(value, os.R_OK) else None
    return value


def entry() -> None:
    """The console script: the quick route for a plain ``check``, click for everything else;
    one line naming medlint before any internal error."""
    try:
        params = parse_check(sys.argv[1:])
        if params is None:
            from medlint.cli.main import main

            main(prog_name="medlint")
        else:
            sys.exit(_quick_check(params))
    except Exception:  # a bug in medlint, not a user mistake: say so, then show the traceback
        import traceback

        command.say(
            f"medlint {__version__}: internal error (please report it with the input that caused "
            "it); arguments: " + " ".join(sys.argv[1:])
        )
        traceback.print_exc()
        sys.exit(2)


def _quick_check(params: dict[str, object]) -> int:
    """``command.check`` as click's standalone mode would run it: a closed pipe ends the run
    quietly, Ctrl-C says 'Aborted!' (exit 1 for both)."""
    try:
        return command.check(**params)  # type: ignore[arg-type]
    except BrokenPipeError:
        # Nothing reads our output any more: drop what is still buffered, and stop.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (KeyboardInterrupt, EOFError):
        command.say("\nAborted!")
        return 1
