"""Mistakes and failures that used to crash or mislead: each is now one clear line on stderr
naming the file (and line), exit 2, and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import medlint

CLAIM = "Our stem cells cure MS."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(CLAIM, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".medlint.yaml",
            "readability-grade: " + "9" * 5000 + "\n",
            ".medlint.yaml:1:20: a number of 5000 characters is too long",
        ),
        (
            ".medlint.yaml",
            "readability-grade: " + "9" * 400 + ".0\n",
            ".medlint.yaml:1: 'readability-grade' must be a positive number, got inf",
        ),
        (
            ".medlint.yaml",
            "select: ''\n",
            ".medlint.yaml:1: 'select' selects no rule: every rule would be off (leave 'select' "
            "out for the default rules, or name the rules)",
        ),
        (
            ".medlint.yaml",
            "select: ['', OC01]\n",
            ".medlint.yaml:1: 'select' has an empty entry (write a rule id, name or category)",
        ),
        (
            ".medlint.yaml",
            "ignore: [HY01]\nselect: [NOPE]\n",
            ".medlint.yaml:2: select: no rule, name or category 'NOPE' (see `medlint rules`)",
        ),
        (
            ".medlint.yaml",
            "extend-select: [overclam]\n",
            ".medlint.yaml:1: extend-select: no rule, name or category 'overclam' "
            "(did you mean 'overclaim'?)",
        ),
        ("pyproject.toml", "tool = 'x'\n", "pyproject.toml: 'tool' must be a table"),
        (
            "pyproject.toml",
            "[tool.medlint]\nreadability-grade = " + "9" * 5000 + "\n",
            "pyproject.toml: invalid TOML: a number is too long",
        ),
        (
            "pyproject.toml",
            "[tool.medlint]\nfail-on = 'error'\nignore = ['NOPE']\n",
            "pyproject.toml:3: ignore: no rule, name or category 'NOPE' (see `medlint rules`)",
        ),
    ],
)
def test_configuration_mistakes_name_the_file(
    folder: Path, name: str, text: str, message: str
) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    code, out, err = medlint(["check", "--config", name, "good.md"], cwd=folder)
    assert (code, out) == (2, "")
    assert err == f"medlint: {message}\n"


def test_an_empty_select_with_extend_select_is_allowed(folder: Path) -> None:
    (folder / ".medlint.yaml").write_text("select: []\nextend-select: [OC01]\n", encoding="utf-8")
    code, out, _ = medlint(["check", "--format", "concise", "good.md"], cwd=folder)
    assert code == 1
    assert out.startswith("good.md:1:16: error OC01")


def test_a_selector_on_the_command_line_stays_an_option_error(folder: Path) -> None:
    (folder / ".medlint.yaml").write_text("select: [OC01]\n", encoding="utf-8")
    code, _, err = medlint(["check", "--select", "NOPE", "good.md"], cwd=folder)
    assert (code, err) == (
        2,
        "medlint: <options>: select: no rule, name or category 'NOPE' (see `medlint rules`)\n",
    )


def test_a_deeply_nested_baseline(folder: Path) -> None:
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out, err = medlint(
        ["check", "--isolated", "--baseline", "deep.json", "good.md"], cwd=folder
    )
    assert (code, out) == (2, "")
    assert err == "medlint: deep.json: not a medlint baseline: its JSON is nested too deeply\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "--isolated", "good.md"],
        ["check", "--isolated", "--format", "sarif", "good.md"],
        ["check", "--isolated", "--show-settings", "good.md"],
        ["check", "--isolated", "--explain", "good.md"],
        ["rules"],
    ],
)
def test_a_full_standard_output(folder: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "medlint", *args],
            cwd=folder,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (
        2,
        "medlint: cannot write to standard output: No space left on device\n",
    )
