"""Errors a user can cause and fix.

    MedlintError            base: renders as ``path:line:col: problem (hint)``
    ├── RulePackError       a YAML rule pack or the context lexicon is malformed
    ├── ConfigError         a configuration file or option is wrong
    │   └── ArgumentError   a library function got an argument it cannot use
    └── InputError          a file to lint cannot be read or decoded

The library raises these and never prints or exits; the CLI turns them into one line on stderr
and exit code 2. Anything else escaping the library is a bug in medlint.
"""

from __future__ import annotations


class MedlintError(Exception):
    """Base for every error a user can cause and fix."""

    def __init__(
        self,
        problem: str,
        *,
        path: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: {self.problem}" + (f" ({self.hint})" if self.hint else "")


class RulePackError(MedlintError):
    """A rule pack (or the context lexicon) has a syntax or schema error."""


class ConfigError(MedlintError):
    """A configuration file or command-line option is invalid."""


class InputError(MedlintError):
    """A file to lint is missing, unreadable or not text."""


class ArgumentError(ConfigError, TypeError):
    """A library function was called with an argument of the wrong type or value (also a
    TypeError, so code written for Python's own errors still catches it)."""


def positive_number(value: object) -> bool:
    """Whether ``value`` is a finite number above zero (not a bool, not 1e999, not 10**400)."""
    import math

    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        number = float(value)
    except OverflowError:
        return False
    return number > 0 and math.isfinite(number)
