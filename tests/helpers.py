"""Helpers shared by the test modules: run the CLI in a folder (or Python in a fresh process),
the JSON fields a finding has."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
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


def python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh interpreter in ``cwd``: what it imports is its own."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )


def loaded_by_check(libraries: Sequence[str], cwd: Path, *args: str) -> list[str]:
    """The modules of ``libraries`` that ``import medlint``, ``lint_text`` and ``medlint check
    *args draft.md`` (a draft with a finding, written in ``cwd``) load in a fresh process."""
    (cwd / "draft.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    code = (
        "import sys, medlint\n"
        "medlint.lint_text('Our stem cells cure MS.')\n"
        "from medlint.cli import main\n"
        "try:\n"
        f"    main(['check', '--isolated', *{list(args)!r}, 'draft.md'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 1, stop.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {tuple(libraries)!r}))\n"
    )
    result = python(code, cwd)
    assert result.returncode == 0, result.stderr
    loaded: list[str] = ast.literal_eval(result.stdout.splitlines()[-1])
    return loaded
