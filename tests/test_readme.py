"""The README is all a new user has: its install lines install this project, and its examples
do what it says they do."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from helpers import medlint

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _block(language: str, starting: str = "") -> str:
    """The first fenced block in ``language`` whose text starts with ``starting``."""
    for body in re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL):
        if body.startswith(starting):
            return str(body)
    raise AssertionError(f"no ```{language} block starting {starting!r} in the README")


def _commands() -> str:
    """The README's code blocks (commands, configurations), without its prose."""
    return "".join(re.findall(r"```\w*\n(.*?)```", README, re.DOTALL))


def _pip_installs() -> list[list[str]]:
    """What each `pip install` in the README's code installs (options left out)."""
    installs = []
    for line in _commands().splitlines():
        found = re.search(r"pip install (.*)", line)
        if found:
            command = re.split(r"\s(?:&&|#)\s", found.group(1))[0]
            installs.append([a for a in shlex.split(command) if not a.startswith("-")])
    return installs


def test_the_distribution_is_not_the_taken_name_and_keeps_the_command() -> None:
    assert PROJECT["name"] != "medlint"  # on the package index: another project
    assert PROJECT["scripts"] == {"medlint": "medlint.cli:entry"}


def test_every_install_line_installs_this_distribution() -> None:
    installs = _pip_installs()
    targets = [target for install in installs for target in install]
    assert installs and all(installs), installs
    extras = set(PROJECT["optional-dependencies"])
    for target in targets:
        if target == "." or target.startswith(".["):
            named = re.findall(r"\[(.*)\]", target)
            assert set(",".join(named).split(",")) - {""} <= extras, target
            continue
        requirement = Requirement(target)
        assert requirement.name == PROJECT["name"], target
        assert requirement.url and requirement.url.startswith("git+"), target
    assert any(t.startswith(f"{PROJECT['name']} @ git+") for t in targets)  # with no clone
    assert "." in targets  # in a clone


def test_the_readme_never_installs_the_other_project() -> None:
    assert not re.search(r"pip install\s+(?:-\S+\s+)*['\"]?medlint(?![-\w])", _commands())
    assert "`pip uninstall medlint`" in README  # and says what to do if it already ran


def test_the_github_actions_example_installs_from_git() -> None:
    workflow = _block("yaml", "# .github/workflows/medlint.yml")
    [install] = [line for line in workflow.splitlines() if "pip install" in line]
    assert f'"{PROJECT["name"]} @ git+' in install


def test_the_quick_start_output_is_what_medlint_prints() -> None:
    shown = _block("text", "examples/")
    head, _, tail = shown.partition("\n...\n")
    code, out, _ = medlint(["check", "examples/"], cwd=ROOT)
    assert code == 1
    assert out.startswith(head)
    assert out.splitlines()[-1] == tail.strip()


def test_each_suppression_comment_in_the_readme_suppresses_something(tmp_path: Path) -> None:
    example = _block("markdown", "<!-- medlint-disable")
    (tmp_path / "with.md").write_text(example, encoding="utf-8")
    without = re.sub(r"[ \t]*<!--.*?-->", "", example)
    (tmp_path / "without.md").write_text(without, encoding="utf-8")
    args = ["check", "--isolated", "--format", "json", "--fail-on", "never"]
    _, suppressed, _ = medlint([*args, "with.md"], cwd=tmp_path)
    _, reported, _ = medlint([*args, "without.md"], cwd=tmp_path)
    assert '"rule": "MD1' not in suppressed  # no comment is unused or names an unknown rule
    for rule in ("EV01", "TS01", "AM02"):
        assert f'"rule": "{rule}"' in reported and f'"rule": "{rule}"' not in suppressed


def test_the_plain_text_suppression_example_works(tmp_path: Path) -> None:
    found = re.search(r"as ruff's `noqa`: `([^`]*)`", README)
    assert found is not None
    line = found.group(1).replace("\n", " ")  # the README wraps it; Markdown shows a space
    claim = line.split("#")[0].rstrip()
    (tmp_path / "draft.txt").write_text(f"{line}\n{claim}\n", encoding="utf-8")
    _, out, _ = medlint(["check", "--isolated", "--format", "concise", "draft.txt"], cwd=tmp_path)
    assert not re.search(r"draft\.txt:1:\d+: \w+ (?:OC01|AM02|MD10)", out), out
    assert "draft.txt:2:9: error AM02" in out


def test_the_library_examples_run() -> None:
    """Every Python block, in order, with the two drafts the first one assumes."""
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert len(blocks) >= 2
    draft = "<p>Our stem cells cure MS.</p>"
    namespace: dict[str, object] = {"draft_html": draft, "text": "Our stem cells cure MS."}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    on_save = namespace["on_save"]
    assert callable(on_save)
    assert [h["rule"] for h in on_save(draft)] == ["OC01"]
