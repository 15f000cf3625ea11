"""Shared fixtures: one built-in Linter per session (it is immutable), paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.linter import Linter

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (it exists on developers' machines and in CI only)")
    return SHARED
