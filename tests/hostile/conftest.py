"""Helpers for the hostile-input suite: run the CLI in a folder and read its outcome."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import main

Lint = Callable[..., tuple[int, list[dict[str, object]], str]]


@pytest.fixture
def lint() -> Lint:
    return run_lint


def run_lint(folder: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    """(exit code, findings as JSON, stderr) of `medlint check --format json ARGS` in ``folder``."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", *args])
    finally:
        os.chdir(old)
    assert "Traceback" not in result.stderr, result.stderr
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, findings, result.stderr
