"""Helpers for the hostile-input suite: run the CLI in a folder and read its outcome."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import medlint

Lint = Callable[..., tuple[int, list[dict[str, object]], str]]


@pytest.fixture
def lint() -> Lint:
    return run_lint


def run_lint(folder: Path, *args: str) -> tuple[int, list[dict[str, object]], str]:
    """(exit code, findings as JSON, stderr) of `medlint check --format json ARGS` in ``folder``."""
    code, out, err = medlint(["check", "--isolated", "--format", "json", *args], cwd=folder)
    assert "Traceback" not in err, err
    findings = json.loads(out) if out.strip() else []
    return code, findings, err
