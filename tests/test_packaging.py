"""Packaging: a non-editable install, run from another directory, finds the built-in rule
packs; CI installs and checks as the README says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_rules_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("medlint-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "draft.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    code = (
        "import medlint, medlint.cli, sys; "
        "assert medlint.__file__.startswith(sys.argv[1]), medlint.__file__; "
        "sys.argv = ['medlint', 'check', '--select', 'OC01', 'draft.md']; medlint.cli.main()"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert "draft.md:1:16: error OC01" in result.stdout
    rules = sorted(p.name for p in (target / "medlint" / "packs").glob("*.yaml"))
    assert "context.yaml" in rules and "overclaim.yaml" in rules


def test_ci_runs_the_readme_test_commands() -> None:
    """CI installs and checks exactly as "Running the tests" says, so the README stays true."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running the tests", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = block.splitlines()
    assert "python -m pip install -e '.[dev]'" in commands
    assert "mypy" in block and "ruff format --check ." in block and "pytest" in block
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [c for c in commands if c not in ci] == []
