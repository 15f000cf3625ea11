"""Configuration files: discovery, keys, precedence, errors."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import medlint
from medlint.config import Config, _any_may_match, _glob_match

DRAFT = (
    "Our stem cells cure MS.\nThis innovative therapy is new.\nOur treatment is completely safe.\n"
)


def run(*args: str, cwd: Path) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = medlint(["check", "--format", "json", *args], cwd=cwd)
    findings = json.loads(out) if out.strip().startswith("[") else []
    return code, findings, err


def rules(findings: list[dict[str, object]]) -> list[str]:
    return sorted({str(f["rule"]) for f in findings})


def test_yaml_config_select_ignore_severity_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text(
        "select: [overclaim, hype, RK01]\nignore: [HY04]\nseverity: {OC01: info, RK01: info}\n"
        "fail-on: warning\n",
        encoding="utf-8",
    )
    code, findings, _ = run("draft.md", cwd=tmp_path)
    assert rules(findings) == ["OC01", "RK01"]
    assert {f["severity"] for f in findings} == {"info"}
    assert code == 0  # only info findings, fail-on warning
    code, findings, _ = run("--fail-on", "info", "draft.md", cwd=tmp_path)
    assert code == 1


def test_pyproject_config_and_nearest_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.medlint]\nselect = ["OC01"]\n', encoding="utf-8"
    )
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    sub = tmp_path / "blog"
    sub.mkdir()
    (sub / "post.md").write_text(DRAFT, encoding="utf-8")
    (sub / ".medlint.yaml").write_text("select: [RK01]\n", encoding="utf-8")
    _, findings, _ = run(".", cwd=tmp_path)
    by_file = {(Path(str(f["path"])).name, str(f["rule"])) for f in findings}
    assert by_file == {("draft.md", "OC01"), ("post.md", "RK01")}
    _, findings, _ = run("--isolated", "--select", "HY04", ".", cwd=tmp_path)
    assert rules(findings) == ["HY04"]
    _, findings, _ = run("--config", "blog/.medlint.yaml", "draft.md", cwd=tmp_path)
    assert rules(findings) == ["RK01"]


def test_per_file_ignores_extend_and_readability_grade(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "new.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        """
- id: HS01
  name: house-innovative
  category: hype
  severity: warning
  message: "'{match}' is banned by house style."
  suggest: Say what is new.
  why: House style.
  references: [{title: House, url: "https://example.org"}]
  patterns: [innovative]
  examples: {flag: ["An innovative drug."], pass: ["A new drug."]}
""",
        encoding="utf-8",
    )
    (tmp_path / ".medlint.yaml").write_text(
        "select: [OC01]\nextend-select: [HS01]\nextend: [house.yaml]\n"
        "per-file-ignores: {'archive/**': [overclaim]}\nreadability-grade: 12\n",
        encoding="utf-8",
    )
    _, findings, _ = run(".", cwd=tmp_path)
    assert sorted((Path(str(f["path"])).name, str(f["rule"])) for f in findings) == [
        ("new.md", "HS01"),
        ("new.md", "OC01"),
        ("old.md", "HS01"),
    ]


def test_config_errors_name_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("select: [OC01]\nignroe: [HY04]\n", encoding="utf-8")
    code, _, err = run("draft.md", cwd=tmp_path)
    assert code == 2
    assert err == (
        f"medlint: {tmp_path / '.medlint.yaml'}:2: unknown key 'ignroe' in the configuration "
        "(did you mean 'ignore'?)\n"
    )
    (tmp_path / ".medlint.yaml").write_text("fail-on: sometimes\n", encoding="utf-8")
    code, _, err = run("draft.md", cwd=tmp_path)
    assert code == 2
    assert "'fail-on' must be one of error, warning, info, never, got 'sometimes'" in err
    (tmp_path / ".medlint.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text("[tool.medlint]\nselect = 5\n", encoding="utf-8")
    code, _, err = run("draft.md", cwd=tmp_path)
    assert code == 2
    assert err == (
        f"medlint: {tmp_path / 'pyproject.toml'}:2: 'select' must be a list of rule ids, names "
        "or categories\n"
    )
    assert "Traceback" not in err


def test_readability_grade_sets_rd01_threshold(tmp_path: Path) -> None:
    """``readability-grade`` moves RD01's limit: the same dense text passes at grade 20."""
    sentence = (
        "Autologous haematopoietic transplantation necessitates comprehensive "
        "multidisciplinary evaluation before any consideration of eligibility. "
    )
    (tmp_path / "dense.md").write_text(sentence * 8, encoding="utf-8")
    (tmp_path / ".medlint.yaml").write_text("select: [RD01]\n", encoding="utf-8")
    _, findings, _ = run("dense.md", cwd=tmp_path)
    assert [f["rule"] for f in findings] == ["RD01"]
    (tmp_path / ".medlint.yaml").write_text(
        "select: [RD01]\nreadability-grade: 40\n", encoding="utf-8"
    )
    _, findings, _ = run("dense.md", cwd=tmp_path)
    assert findings == []


_PATH_PARTS = st.sampled_from(["docs", "drafts", ".venv", "node_modules", "a.md", "b.html", "x"])
_GLOBS = st.sampled_from(
    ["drafts", "drafts/", "*.html", "docs/**", "**/x", ".*", "node_modules", "a?md", "[ab].md"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PATH_PARTS, min_size=1, max_size=4), st.lists(_GLOBS, max_size=5), st.booleans())
def test_the_exclude_screen_answers_as_each_glob_does(
    parts: list[str], patterns: list[str], folder: bool
) -> None:
    """One regex per subject says whether any pattern matches, as the patterns one by one."""
    relative = PurePosixPath(*parts)
    one_by_one = any(
        _glob_match(relative, pattern.rstrip("/"))
        for pattern in patterns
        if folder or not pattern.endswith("/")
    )
    screen = _any_may_match(tuple(patterns), folder)
    assert screen(relative.name, str(relative)) == one_by_one


def test_exclude_names_the_first_pattern_that_matches(tmp_path: Path) -> None:
    config = Config(root=tmp_path, exclude=("*.txt", "drafts/", "drafts/**"))
    assert config.excluded(tmp_path / "drafts" / "a.md") == "drafts/"
    assert config.excluded(tmp_path / "drafts", is_dir=False) is None  # a file: not drafts/
    assert config.excluded(tmp_path / "notes" / "a.txt") == "*.txt"
    assert config.excluded(tmp_path / "notes" / "a.md") is None


def test_patterns_are_relative_to_the_working_folder_reached_by_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    (real / "drafts").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path / "link")
    config = Config(exclude=("drafts/", "real"), per_file_ignores=(("drafts/*.md", ("OC01",)),))
    assert config.excluded(Path("drafts") / "a.md") == "drafts/"
    assert config.excluded(tmp_path / "link" / "drafts" / "a.md") == "drafts/"
    assert config.excluded(Path("notes.md")) is None  # not "real": below the working folder
    assert config.ignored_for(Path("drafts") / "a.md") == ("OC01",)
