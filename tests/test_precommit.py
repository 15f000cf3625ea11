"""The pre-commit hook, for real: `pre-commit try-repo` in a throw-away content repository
(offline: pre-commit clones this checkout), and the hook's own entry run as pre-commit runs it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import medlint

ROOT = Path(__file__).resolve().parents[1]
BAD = "Our stem cell protocol cures MS.\n"
EXCLUDE_DRAFTS = "extend-exclude: [drafts/]\n"
needs_pre_commit = pytest.mark.skipif(
    shutil.which("pre-commit") is None, reason="pre-commit is not installed"
)
needs_checkout = pytest.mark.skipif(
    not (ROOT / ".git").exists(), reason="the project is not a git checkout"
)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def content_repository(where: Path, files: dict[str, str]) -> Path:
    """A writer's repository holding ``files``, all staged (pre-commit lints what git tracks)."""
    content = where / "content"
    for name, text in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    git("init", "-q", cwd=content)
    git("add", ".", cwd=content)
    return content


def try_repo(content: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` of this checkout (its uncommitted changes included); try-repo
    builds the hook's environment afresh each time, whatever PRE_COMMIT_HOME says."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = ["pre-commit", "try-repo", str(ROOT), "medlint", "--all-files"]
    return subprocess.run(
        command, cwd=content, env=env, capture_output=True, text=True, timeout=600
    )


@needs_pre_commit
@needs_checkout
def test_pre_commit_try_repo_fails_on_a_bad_draft_honours_exclude_and_passes(
    tmp_path: Path,
) -> None:
    """pre-commit names every file on the command line; the configuration's excludes still
    hold for them (the hook runs `medlint check --force-exclude`, as ruff's does)."""
    content = content_repository(
        tmp_path,
        {
            "post.md": BAD,
            "notes.txt": "Book your free consultation today.\n",
            ".medlint.yaml": EXCLUDE_DRAFTS,
            "drafts/post.md": BAD,
            "page.mdx": f"import Chart from './chart'\n\n{BAD}",
        },
    )
    bad = try_repo(content, tmp_path / "cache")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "post.md:1:24: error OC01" in bad.stdout
    assert "notes.txt:1:1: warning CI02" in bad.stdout
    assert "page.mdx:3:24: error OC01" in bad.stdout  # types_or names mdx
    assert "drafts/" not in bad.stdout

    (content / "post.md").write_text(
        "There is no cure for MS; drugs reduce relapses.\n", encoding="utf-8"
    )
    (content / "notes.txt").write_text("Ask your neurologist about trials.\n", encoding="utf-8")
    (content / "page.mdx").unlink()
    git("add", "-A", cwd=content)
    good = try_repo(content, tmp_path / "cache")  # drafts/post.md is still there, excluded
    assert good.returncode == 0, good.stdout + good.stderr


def _hook() -> dict[str, Any]:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "medlint"
    return dict(hook)


@pytest.mark.parametrize(("extend_exclude", "code"), [(True, 0), (False, 1)])
def test_the_hook_entry_honours_exclude_for_a_named_file(
    tmp_path: Path, extend_exclude: bool, code: int
) -> None:
    """Without pre-commit: the hook's entry and args, then the file names, as pre-commit
    builds the command (shlex-split entry, args, files relative to the repository root)."""
    hook = _hook()
    assert {"markdown", "mdx", "plain-text", "html"} <= set(hook["types_or"])
    command = [*shlex.split(hook["entry"]), *hook.get("args", [])]
    assert command[:2] == ["medlint", "check"]
    files = {"drafts/post.md": BAD}
    if extend_exclude:
        files[".medlint.yaml"] = EXCLUDE_DRAFTS
    content = content_repository(tmp_path, files)
    status, out, err = medlint([*command[1:], "drafts/post.md"], cwd=content)
    assert (status, err) == (code, "")
    assert ("drafts/post.md:1:24: error OC01" in out) is (code == 1)


@needs_pre_commit
@needs_checkout
def test_the_readme_pre_commit_config_gets_a_real_rev_from_autoupdate(tmp_path: Path) -> None:
    """The README's configuration, with this checkout as the repository: `pre-commit
    autoupdate` turns its empty `rev` into a commit (or tag) that exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [config] = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.DOTALL)
    [url] = re.findall(r"repo: (\S+)", config)
    content = content_repository(tmp_path, {"post.md": "Ask your doctor.\n"})
    path = content / ".pre-commit-config.yaml"
    path.write_text(config.replace(url, ROOT.as_posix()), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    done = subprocess.run(
        ["pre-commit", "autoupdate"], cwd=content, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [repo] = yaml.safe_load(path.read_text(encoding="utf-8"))["repos"]
    assert repo["rev"] and repo["hooks"] == [{"id": "medlint"}]
    git("cat-file", "-e", f"{repo['rev']}^{{commit}}", cwd=ROOT)  # it names a real commit
