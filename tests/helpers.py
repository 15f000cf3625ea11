"""Helpers shared by the test modules: run the CLI in a folder, the JSON fields a finding has."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from click.testing import CliRunner

from medlint.cli import main

JSON_KEYS = frozenset(
    {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "category",
        "severity",
        "message",
        "match",
        "suggestion",
    }
)


def medlint(
    args: Sequence[str], *, cwd: Path | None = None, input: str | None = None
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `medlint ARGS`, run in ``cwd`` (then back where it was)."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr
