"""Control characters in file names (and messages) are shown escaped in every report: a name
with ESC or BEL never reaches the terminal raw, and the JUnit report stays valid XML."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import medlint
from medlint.report.escape import visible

NAME = "a\x1b[2Jb\x07\u202e.md"
SHOWN = "a\\x1b[2Jb\\x07\\u202e.md"


def test_visible() -> None:
    assert visible("plain/path.md") == "plain/path.md"
    assert visible("é ü 日本 \u200d") == "é ü 日本 \u200d"  # letters and joiners stay
    assert visible("\x00\x1b\x7f\x85\u2028\ud800\ufffe\t") == (
        "\\x00\\x1b\\x7f\\x85\\u2028\\ud800\\ufffe\\x09"
    )
    assert visible("one\ntwo\x1b", keep="\n") == "one\ntwo\\x1b"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    try:
        (tmp_path / NAME).write_text("Our stem cells cure MS.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take control characters in names")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(folder: Path, format: str) -> tuple[str, str]:
    code, out, err = medlint(["check", "--isolated", "--select", "OC01", "--format", format, "."])
    assert code == 1, err
    return out, err


@pytest.mark.parametrize("format", ["text", "concise", "github", "junit"])
def test_no_report_prints_a_control_character(folder: Path, format: str) -> None:
    out, _ = report(folder, format)
    assert SHOWN in out
    assert not any(c in out for c in "\x1b\x07\u202e")


def test_junit_stays_valid_xml(folder: Path) -> None:
    out, _ = report(folder, "junit")
    suite = ElementTree.fromstring(out.split("\n", 1)[1]).find("testsuite")
    assert suite is not None and suite.get("name") == SHOWN


def test_json_and_sarif_carry_the_name_exactly(folder: Path) -> None:
    out, _ = report(folder, "json")
    assert json.loads(out)[0]["path"] == os.path.join(".", NAME).removeprefix("./")
    out, _ = report(folder, "sarif")
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == "a%1B%5B2Jb%07%E2%80%AE.md"


def test_errors_on_stderr_are_escaped(folder: Path) -> None:
    (folder / NAME).write_bytes(b"\xff")
    code, _, err = medlint(["check", "--isolated", NAME])
    assert code == 2
    assert err.startswith(f"medlint: {SHOWN}:1:1: not valid UTF-8")
