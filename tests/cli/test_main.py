"""The command line, through click's CliRunner: (exit code, stdout, stderr) together."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import JSON_KEYS, medlint

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    return medlint(args, input=input)


def test_check_reports_like_a_code_linter(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Intro.\nOur stem cell protocol cures MS.\n", encoding="utf-8")
    code, out, err = run("check", "--select", "OC01", str(draft))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:5] == [
        f"{draft}:2:24: error OC01 'cures' promises a cure or reversal that no trial has shown.",
        "  |",
        "2 | Our stem cell protocol cures MS.",
        "  |                        ^^^^^ OC01",
        "  |",
    ]
    assert lines[5].startswith("  = help: ")
    assert lines[6:] == ["", "Found 1 problem (1 error) in 1 file."]


def test_clean_example_passes_and_bad_examples_fail() -> None:
    assert run("check", str(EXAMPLES / "clean-article.md"))[0] == 0
    code, out, _ = run("check", "--format", "json", str(EXAMPLES))
    assert code == 1
    findings = json.loads(out)
    by_file: dict[str, set[str]] = {}
    for f in findings:
        by_file.setdefault(Path(f["path"]).name, set()).add(f["category"])
    assert "clean-article.md" not in by_file
    assert len(by_file["clinic-page.html"]) >= 5
    assert len(by_file["wellness-blog.md"]) >= 5


def test_json_objects_have_every_field() -> None:
    code, out, _ = run("check", "--format", "json", str(EXAMPLES / "clinic-page.html"))
    assert code == 1
    for item in json.loads(out):
        assert set(item) >= JSON_KEYS


def test_fail_on_levels(tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text("This innovative therapy is new.\n", encoding="utf-8")  # HY04 is info
    assert run("check", str(draft))[0] == 0
    assert run("check", "--fail-on", "info", str(draft))[0] == 1
    assert run("check", "--fail-on", "never", str(EXAMPLES))[0] == 0


def test_stdin_with_filename_picks_the_format() -> None:
    code, out, _ = run(
        "check",
        "-",
        "--stdin-filename",
        "page.html",
        "--format",
        "json",
        input="<p>Our protocol <b>cures</b> MS.</p>",
    )
    assert code == 1
    found = [f for f in json.loads(out) if f["rule"] == "OC01"]
    assert [(f["path"], f["column"], f["match"]) for f in found] == [("page.html", 20, "cures")]


def test_directories_skip_hidden_and_vcs_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.md").write_text("Our stem cells cure MS.", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("Our stem cells cure MS.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "post.markdown").write_text("Our stem cells cure MS.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    code, out, _ = run("check", "--select", "OC01", "--format", "json", str(tmp_path))
    assert code == 1
    assert [Path(f["path"]).name for f in json.loads(out)] == ["post.markdown"]


def test_missing_file_is_an_input_error() -> None:
    code, out, err = run("check", "no-such-file.md")
    assert code == 2
    assert err == "medlint: no-such-file.md: no such file\n"
    assert "Traceback" not in out + err


def test_bad_rule_pack_exits_2_with_one_line(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "- id: X01\n  name: my-rule\n  category: overclaim\n  sevrity: error\n", encoding="utf-8"
    )
    code, out, err = run("check", "--rules", str(pack), str(EXAMPLES / "clean-article.md"))
    assert (code, out) == (2, "")
    assert err == (
        f"medlint: {pack}:4:3: unknown key 'sevrity' in rule X01 (did you mean 'severity'?)\n"
    )


def test_user_pack_adds_rules(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(
        """
- id: HS01
  name: banned-brand
  category: conflict
  severity: error
  message: "'{match}' is our brand; do not promote it here."
  suggest: Remove the brand name.
  why: House style keeps editorial pages free of our product names.
  references: [{title: House style, url: "https://example.org/style"}]
  patterns: [Vitalix]
  examples: {flag: ["Try Vitalix today."], pass: ["Try nothing today."]}
""",
        encoding="utf-8",
    )
    draft = tmp_path / "post.md"
    draft.write_text("You could try Vitalix.\n", encoding="utf-8")
    code, out, _ = run("check", "--rules", str(pack), "--select", "HS01", str(draft))
    assert code == 1 and "HS01 'Vitalix' is our brand" in out
    code, out, _ = run("test-rules", "--no-builtin", str(pack))
    assert (code, out.splitlines()[-1]) == (0, "2 passed, 0 failed (2 examples from 1 rules)")


def test_test_rules_reports_failures(tmp_path: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(
        """
- id: BR01
  name: broken
  category: hype
  severity: info
  message: "x {match}"
  suggest: s
  why: w
  references: [{title: t, url: "https://example.org"}]
  patterns: [amazing]
  examples: {flag: ["This is great."], pass: ["This is amazing."]}
""",
        encoding="utf-8",
    )
    code, out, _ = run("test-rules", "--no-builtin", str(pack))
    assert code == 1
    assert "FAIL BR01-flag-1: expected a finding, got none 'This is great.'" in out
    assert "FAIL BR01-pass-1: expected none, got 'amazing' 'This is amazing.'" in out
    assert out.splitlines()[-1] == "0 passed, 2 failed (2 examples from 1 rules)"


def test_builtin_test_rules_is_green() -> None:
    code, out, _ = run("test-rules")
    assert code == 0, out
    assert ", 0 failed" in out.splitlines()[-1]


def test_rules_and_rule_commands() -> None:
    code, out, _ = run("rules")
    assert code == 0
    first = out.splitlines()[0].split()
    assert first[:4] == ["AM01", "alternative-therapy-claim", "altmed", "warning"]
    code, out, _ = run("rule", "OC01")
    assert code == 0
    for heading in ("Message", "Why it matters", "Flagged", "Not flagged", "Better", "Reference"):
        assert heading in out
    code, out, _ = run("rule", "cure-claim", "--format", "json")
    assert json.loads(out)["id"] == "OC01"
    code, _, err = run("rule", "OC1")
    assert code == 2 and "no such rule: 'OC1'" in err


def test_rule_labels_never_run_into_their_values() -> None:
    """A label longer than its column ('Option unless_scope') still has a space after it."""
    code, out, _ = run("rule", "OC01")
    assert code == 0
    assert "Option unless_scope sentence" in out
    options = [line for line in out.splitlines() if line.startswith("Option ")]
    assert options and all(re.match(r"Option [\w-]+ +\S", line) for line in options), options


@pytest.mark.parametrize("command", [[], ["check"], ["rules"], ["rule"], ["test-rules"]])
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0 and "Usage:" in out


def test_version() -> None:
    import medlint

    assert run("--version") == (0, f"medlint, version {medlint.__version__}\n", "")


def test_the_suppression_notes_are_listed_and_explained_like_rules() -> None:
    from click.testing import CliRunner

    from medlint.cli import main

    listed = CliRunner().invoke(main, ["rules"]).stdout.splitlines()
    assert listed[-2].split()[:4] == ["MD100", "unused-suppression", "suppression", "warning"]
    assert listed[-1].split()[:2] == ["MD101", "unknown-rule-in-suppression"]
    shown = CliRunner().invoke(main, ["rule", "MD100"])
    assert shown.exit_code == 0
    assert shown.stdout.startswith("MD100 unused-suppression  (suppression · warning)\n")
