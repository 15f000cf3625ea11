"""Documents linted as ``medlint check`` lints their files: the nearest configuration, its
per-file ignores and excludes, read afresh when a file of it changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medlint.server.workspace import Workspace

CLAIM = "Our clinic offers a stem cell protocol that reverses MS.\n"


def rules(workspace: Workspace, file: Path, text: str = CLAIM) -> set[str]:
    linted = workspace.lint(text, file, "markdown")
    assert linted.error is None, linted.error
    return {f.rule for f in linted.findings}


def test_the_configuration_nearest_to_the_file_applies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.medlint]\nper-file-ignores = { "notes/*" = ["CI01"] }\n', encoding="utf-8"
    )
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / ".medlint.yaml").write_text("ignore: [OC01]\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    workspace = Workspace()
    assert {"OC01", "CI01"} <= rules(workspace, tmp_path / "a.md")
    assert "OC01" not in rules(workspace, tmp_path / "house" / "a.md")
    found = rules(workspace, tmp_path / "notes" / "a.md")
    assert "OC01" in found and "CI01" not in found


def test_a_changed_configuration_is_read_again(tmp_path: Path) -> None:
    config = tmp_path / ".medlint.yaml"
    config.write_text("ignore: [OC01]\n", encoding="utf-8")
    workspace = Workspace()
    draft = tmp_path / "draft.md"
    assert "OC01" not in rules(workspace, draft)
    assert workspace.lint(CLAIM, draft, "markdown").reloaded is False
    config.write_text("ignore: [CI01]\n", encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a different time, even on a coarse clock
    linted = workspace.lint(CLAIM, draft, "markdown")
    assert linted.reloaded
    assert {"OC01"} <= {f.rule for f in linted.findings}
    config.unlink()
    assert {"OC01", "CI01"} <= rules(workspace, draft)


def test_a_new_nearer_configuration_is_found(tmp_path: Path) -> None:
    workspace = Workspace()
    draft = tmp_path / "draft.md"
    assert "OC01" in rules(workspace, draft)
    (tmp_path / ".medlint.yaml").write_text("ignore: [OC01]\n", encoding="utf-8")
    assert "OC01" not in rules(workspace, draft)


HOUSE_RULE = """\
- id: HOUSE1
  name: house-word
  category: hype
  severity: warning
  message: "'{match}' is a word the house style avoids."
  suggest: Say it plainly.
  why: The house style says so.
  references: [{title: House style, url: "https://example.org/style"}]
  examples: {flag: ["A PATTERN here."], pass: ["Plain words."]}
  patterns: ['PATTERN']
"""


def test_a_changed_rule_pack_is_read_again(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("extend: [house/]\n", encoding="utf-8")
    (tmp_path / "house").mkdir()
    pack = tmp_path / "house" / "rules.yaml"
    pack.write_text(HOUSE_RULE.replace("PATTERN", "wondrous"), encoding="utf-8")
    workspace = Workspace()
    draft = tmp_path / "draft.md"
    assert "HOUSE1" in rules(workspace, draft, "A wondrous drink.\n")
    pack.write_text(HOUSE_RULE.replace("PATTERN", "marvellous"), encoding="utf-8")
    assert "HOUSE1" not in rules(workspace, draft, "A wondrous drink.\n")
    assert "HOUSE1" in rules(workspace, draft, "A marvellous drink.\n")


def test_a_broken_configuration_is_an_error_until_it_is_fixed(tmp_path: Path) -> None:
    config = tmp_path / ".medlint.yaml"
    config.write_text("fail-on: sometimes\n", encoding="utf-8")
    workspace = Workspace()
    linted = workspace.lint(CLAIM, tmp_path / "draft.md", "markdown")
    assert linted.findings == [] and linted.linter is None
    assert linted.error is not None and f"{config}:1: 'fail-on' must be one of" in linted.error
    config.write_text("fail-on: error\n", encoding="utf-8")
    assert "OC01" in rules(workspace, tmp_path / "draft.md")


def test_excluded_files_are_not_linted(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("extend-exclude: ['*.draft.md']\n", encoding="utf-8")
    workspace = Workspace()
    assert rules(workspace, tmp_path / "a.draft.md") == set()
    assert "OC01" in rules(workspace, tmp_path / "a.md")


def test_an_unsaved_document_uses_the_working_folders_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".medlint.yaml").write_text("ignore: [OC01]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    linted = Workspace().lint(CLAIM, None, "markdown")
    assert linted.findings and "OC01" not in {f.rule for f in linted.findings}


def test_a_buffer_over_the_size_limit_is_refused_as_its_file_would_be(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("max-file-size: 1KiB\n", encoding="utf-8")
    workspace = Workspace()
    draft = tmp_path / "draft.md"
    assert "OC01" in rules(workspace, draft, CLAIM * 10)  # 570 bytes: within the limit
    linted = workspace.lint(CLAIM * 40, draft, "markdown")
    assert linted.findings == []
    assert linted.error is not None and "larger than the 1 KiB limit" in linted.error
    # Counted in bytes of UTF-8, as a file's: 557 characters, 1,057 bytes
    assert workspace.lint("é" * 500 + CLAIM, draft, "markdown").error is not None
