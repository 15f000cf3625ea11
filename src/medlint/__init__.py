"""medlint: a linter for health writing.

    >>> import medlint
    >>> findings = medlint.lint_text("Our stem cell protocol cures MS.", format="text")

``Linter`` compiles the rules once and lints many texts (keep one in a CMS plugin); it is safe
to share across threads. Heavy modules load on first use, so ``import medlint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "ArgumentError",
    "ConfigError",
    "Finding",
    "InputError",
    "Linter",
    "MedlintError",
    "RulePackError",
    "Severity",
    "__version__",
    "lint_text",
]
_ERRORS = ("MedlintError", "ArgumentError", "ConfigError", "InputError", "RulePackError")

if TYPE_CHECKING:
    from medlint.errors import (
        ArgumentError,
        ConfigError,
        InputError,
        MedlintError,
        RulePackError,
    )
    from medlint.findings import Finding, Severity
    from medlint.linter import Linter
    from medlint.read.source import Format


def lint_text(text: str, format: Format = "text", path: str | None = None) -> list[Finding]:
    """Lint one text with the built-in rules (a shared default ``Linter``). A wrong argument
    raises ``ArgumentError``; every error a caller can cause is a ``MedlintError``."""
    from medlint.linter import default_linter

    return default_linter().lint_text(text, format=format, path=path)


def __getattr__(name: str) -> Any:
    if name == "Linter":
        from medlint.linter import Linter

        return Linter
    if name in ("Finding", "Severity", "Category"):
        from medlint import findings

        return getattr(findings, name)
    if name in _ERRORS:
        from medlint import errors

        return getattr(errors, name)
    if name == "context":
        import importlib

        return importlib.import_module("medlint.context")
    raise AttributeError(f"module 'medlint' has no attribute {name!r}")
