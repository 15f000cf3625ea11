"""Packaging: a non-editable install, run from another directory, finds the built-in rule
packs; CI installs and checks as the README says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAME = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]
WHEELS = f"{NAME.replace('-', '_')}-*.whl"  # medlint-health -> medlint_health-0.1.0-...whl


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
    [wheel] = wheels.glob(WHEELS)
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
    assets = sorted(p.name for p in (target / "medlint" / "report" / "assets").iterdir())
    assert assets == ["report.css", "report.js"]  # the HTML report's style and script


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the project is not a git checkout")
def test_the_readme_git_install_builds_this_distribution(tmp_path: Path) -> None:
    """The README's `pip install "medlint-health @ git+URL"`, with this repository (at its last
    commit) as the URL: pip stops if the name given is not the one the project builds."""
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    wheels = tmp_path / "wheels"
    # A requirement's URL needs a host: file://localhost/..., which git reads as a local path.
    url = f"git+file://localhost{ROOT.as_posix()}@{commit}"
    requirement = f"{NAME} @ {url}"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels)]
    built = subprocess.run([*command, requirement], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert len(list(wheels.glob(WHEELS))) == 1
    other = subprocess.run([*command, f"medlint @ {url}"], capture_output=True, text=True)
    assert other.returncode != 0  # the taken name is not what this repository builds


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
