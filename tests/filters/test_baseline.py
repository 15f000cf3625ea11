"""Baselines survive text moving around, and report only what is new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import medlint


def invoke(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    return medlint(["check", "--isolated", *args], cwd=tmp_path)


def test_baseline_reports_only_new_findings_after_lines_move(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "Our stem cells cure MS.\n\nOur procedure is completely safe.\n", encoding="utf-8"
    )
    code, _, err = invoke(
        tmp_path, "--select", "OC01,RK01", "--write-baseline", "base.json", "draft.md"
    )
    assert code == 0 and "wrote 2 findings to base.json" in err
    saved = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert {e["rule"] for e in saved["findings"]} == {"OC01", "RK01"}
    draft.write_text(
        "A new opening paragraph.\n\nOur procedure is completely safe.\n\n"
        "Our stem cells cure MS.\n\nNew claim: the cells halt progression.\n",
        encoding="utf-8",
    )
    code, out, _ = invoke(
        tmp_path,
        "--select",
        "OC01,OC03,RK01",
        "--baseline",
        "base.json",
        "--format",
        "json",
        "draft.md",
    )
    assert code == 1
    assert [(f["rule"], f["line"]) for f in json.loads(out)] == [("OC03", 7)]


def test_a_bad_baseline_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "base.json").write_text("{}", encoding="utf-8")
    code, _, err = invoke(tmp_path, "--baseline", "base.json", "draft.md")
    assert (code, err) == (
        2,
        "medlint: base.json: not a medlint baseline (expected a 'findings' list)\n",
    )


def test_a_baseline_works_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written at the repository's root, read from a sub-folder: nothing comes back."""
    from click.testing import CliRunner

    from medlint.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "post.md").write_text("Our stem cell protocol cures MS.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    written = CliRunner().invoke(
        main, ["check", "--isolated", "--write-baseline", ".medlint-baseline.json", "docs"]
    )
    assert written.exit_code == 0
    monkeypatch.chdir(docs)
    again = CliRunner().invoke(
        main, ["check", "--isolated", "--baseline", "../.medlint-baseline.json", "."]
    )
    assert (again.exit_code, again.stdout) == (0, "No problems found in 1 file.\n")
