"""The pre-commit hook, for real: `pre-commit try-repo` in a throw-away content repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the project is not a git checkout")
def test_pre_commit_try_repo_fails_on_a_bad_draft_and_passes_on_a_clean_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    git("init", "-q", cwd=content)
    (content / "post.md").write_text("Our stem cell protocol cures MS.\n", encoding="utf-8")
    (content / "notes.txt").write_text("Book your free consultation today.\n", encoding="utf-8")
    git("add", ".", cwd=content)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    command = ["pre-commit", "try-repo", str(ROOT), "medlint", "--all-files"]
    bad = subprocess.run(command, cwd=content, env=env, capture_output=True, text=True, timeout=600)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "post.md:1:24: error OC01" in bad.stdout
    assert "notes.txt:1:1: warning CI02" in bad.stdout

    (content / "post.md").write_text(
        "There is no cure for MS; drugs reduce relapses.\n", encoding="utf-8"
    )
    (content / "notes.txt").write_text("Ask your neurologist about trials.\n", encoding="utf-8")
    git("add", ".", cwd=content)
    good = subprocess.run(
        command, cwd=content, env=env, capture_output=True, text=True, timeout=600
    )
    assert good.returncode == 0, good.stdout + good.stderr
