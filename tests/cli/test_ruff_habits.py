"""What a ruff or pre-commit user expects of ``medlint check``, through click's CliRunner:
(exit code, stdout, stderr) together. The source line under each finding, --quiet,
--exit-zero, excludes and .gitignore, --force-exclude, --show-settings, MDX, config errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import medlint
from medlint.document.markup import mask_mdx

OC01 = "'cures' promises a cure or reversal that no trial has shown."
HELP = (
    "  = help: Say what the treatment was shown to do, in whom and in what kind of study, e.g. "
    '"In a small trial, some patients had fewer relapses"; say plainly that there is no cure.\n'
)


@pytest.fixture(autouse=True)
def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, text: str) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(text, encoding="utf-8")


def check(*args: str, input: str | None = None) -> tuple[int, str, str]:
    return medlint(["check", "--select", "OC01", *args], input=input)


def test_the_source_line_and_a_marker_under_the_words() -> None:
    write("draft.md", "Intro.\n\nOur protocol cures MS.\n")
    assert check("draft.md") == (
        1,
        f"draft.md:3:14: error OC01 {OC01}\n"
        "  |\n"
        "3 | Our protocol cures MS.\n"
        "  |              ^^^^^ OC01\n"
        "  |\n" + HELP + "\n"
        "Found 1 problem (1 error) in 1 file.\n",
        "",
    )
    assert check("--format", "concise", "draft.md") == (
        1,
        f"draft.md:3:14: error OC01 {OC01}\nFound 1 problem (1 error) in 1 file.\n",
        "",
    )


def test_source_line_from_standard_input_escapes_control_characters() -> None:
    """The line comes from the text read (not the file of that name), shown safely; colour
    follows --color."""
    write("page.md", "Nothing here.\n")
    code, out, err = check(
        "--stdin-filename",
        "page.md",
        "--color",
        "always",
        "-",
        input="Our stem cells\x1b[2J\tcure MS.\n",
    )
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[2] == "\x1b[1;34m1\x1b[0m \x1b[1;34m|\x1b[0m Our stem cells\\x1b[2J    cure MS."
    # 7 columns for the escape shown, 4 for the tab: the marker still stands under 'cure'
    assert lines[3] == "  \x1b[1;34m|\x1b[0m " + " " * 25 + "\x1b[31m^^^^ OC01\x1b[0m"


def test_a_finding_over_two_lines_marks_the_rest_of_the_first() -> None:
    write("draft.md", "Our protocol\ncures MS. Studies have\nshown it.\n")
    code, out, _ = medlint(["check", "--select", "EV01", "draft.md"])
    assert code == 1
    assert out.splitlines()[2:4] == [
        "2 | cures MS. Studies have",
        "  |           ^^^^^^^^^^^^ EV01",
    ]


def test_quiet_and_exit_zero() -> None:
    write("draft.md", "Our protocol cures MS.\n")
    write("clean.md", "Nothing to see.\n")
    one_line = f"draft.md:1:14: error OC01 {OC01}\n"
    assert check("-q", "--format", "concise", "draft.md") == (1, one_line, "")
    assert check("--quiet", "clean.md") == (0, "", "")
    assert check("--exit-zero", "--format", "concise", "draft.md") == (
        0,
        one_line + "Found 1 problem (1 error) in 1 file.\n",
        "",
    )
    assert check("--exit-zero", "-q", "missing.md") == (
        2,
        "",
        "medlint: missing.md: no such file\n",
    )


def test_exclude_and_extend_exclude_from_the_configuration() -> None:
    for name in ("docs/a.md", "docs/drafts/b.md", "docs/vendor/c.md", "docs/node_modules/d.md"):
        write(name, "Our protocol cures MS.\n")
    write("docs/.medlint.yaml", "extend-exclude: [drafts/, 'vendor/*.md']\n")
    assert check("--format", "concise", "-q", "docs") == (
        1,
        f"docs/a.md:1:14: error OC01 {OC01}\n",
        "",
    )
    write("docs/.medlint.yaml", "exclude: [a.md]\n")  # replaces the defaults (node_modules)
    code, out, _ = check("--format", "concise", "-q", "docs")
    assert [line.split(":")[0] for line in out.splitlines() if line] == [
        "docs/drafts/b.md",
        "docs/node_modules/d.md",
        "docs/vendor/c.md",
    ]
    # [tool.medlint] in pyproject.toml too
    Path("docs/.medlint.yaml").unlink()
    write("pyproject.toml", '[tool.medlint]\nextend-exclude = ["docs/drafts", "c.md"]\n')
    code, out, err = check("--format", "concise", "-q", "docs")
    assert (code, err) == (1, "")
    assert out == f"docs/a.md:1:14: error OC01 {OC01}\n"


def test_force_exclude_applies_excludes_to_files_named() -> None:
    """pre-commit passes each changed file: without --force-exclude, a named file is linted."""
    write("drafts/b.md", "Our protocol cures MS.\n")
    write(".medlint.yaml", "extend-exclude: [drafts]\n")
    assert check("-q", "--format", "concise", "drafts/b.md")[0] == 1
    assert check("--force-exclude", "drafts/b.md") == (0, "No problems found in 0 files.\n", "")
    write(".medlint.yaml", "extend-exclude: [drafts]\nforce-exclude: true\n")
    assert check("-q", "drafts/b.md") == (0, "", "")
    # standard input named as an excluded file is not read
    assert check("--stdin-filename", "drafts/x.md", "-", input="Our protocol cures MS.\n") == (
        0,
        "No problems found in 0 files.\n",
        "",
    )


def test_gitignore_is_respected_when_walking() -> None:
    Path(".git").mkdir()
    for name in (
        "a.md",
        "build/b.md",
        "notes/c.md",
        "notes/keep.md",
        "sub/d.md",
        "sub/e.md",
        "x/build/f.md",
    ):
        write(name, "Our protocol cures MS.\n")
    write(".gitignore", "# comment\n/build/\nnotes/*.md\n!notes/keep.md\n")
    write("sub/.gitignore", "d.md\n")
    code, out, _ = check("--format", "concise", "-q", ".")
    assert [line.split(":")[0] for line in out.splitlines() if line] == [
        "a.md",
        "notes/keep.md",
        "sub/e.md",
        "x/build/f.md",  # '/build/' is anchored to the root
    ]
    # a walk below the root still honours the root's .gitignore; a named file is linted
    code, out, err = check("--format", "concise", "-q", "notes")
    assert (code, err) == (1, "")
    assert out.splitlines() == [f"notes/keep.md:1:14: error OC01 {OC01}"]
    assert check("--format", "concise", "-q", "notes/c.md")[0] == 1


def test_show_settings_says_where_each_value_came_from(tmp_path: Path) -> None:
    write("docs/draft.md", "x\n")
    write("docs/.medlint.yaml", "ignore: [HY04]\nfail-on: error\nextend-exclude: [old/]\n")
    code, out, err = medlint(
        ["check", "--show-settings", "--ignore", "OC07", "--select", "overclaim", "docs/draft.md"]
    )
    config = tmp_path / "docs" / ".medlint.yaml"
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == ["Settings for docs/draft.md", f"# configuration file: {config}"]
    settings = {line.split(" = ")[0].strip(): line.split(" = ", 1)[1] for line in lines[2:]}
    assert settings["select"].split() == ['["overclaim"]', "#", "command", "line"]
    assert [part.strip() for part in settings["ignore"].split("#")] == [
        '["HY04", "OC07"]',
        f"{config} + command line",
    ]
    assert settings["fail-on"].endswith(f"# {config}")
    assert settings["readability-grade"].endswith("# default")
    assert settings["extend-exclude"].startswith('["old/"]')
    assert settings["excluded"].startswith('"no"')
    assert settings["max-file-size"].split() == ["134217728", "#", "default"]


def test_mdx_code_lines_are_not_prose() -> None:
    text = (
        "export const summary = { text: Our stem cells cure MS }\n"
        "\n"
        "<Hero\n"
        "  title=Our stem cells cure MS\n"
        "/>\n"
        "\n"
        "```js\n"
        "import x from 'y'\n"
        "```\n"
        "Our protocol cures MS.\n"
    )
    write("post.mdx", text)
    write("post.md", text)
    code, out, err = check("--format", "concise", "-q", "post.md", "post.mdx")
    assert (code, err) == (1, "")
    assert [line.split(": ")[0] for line in out.splitlines() if line] == [
        "post.md:1:47",
        "post.md:10:14",
        "post.mdx:10:14",
    ]
    masked = mask_mdx(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert masked.splitlines()[6:] == [
        "```js",
        "import x from 'y'",
        "```",
        "Our protocol cures MS.",
    ]
    assert not masked.splitlines()[0].strip() and not masked.splitlines()[3].strip()


def test_a_broken_configuration_is_said_once() -> None:
    for name in ("docs/a.md", "docs/b.md", "docs/c.txt"):
        write(name, "Our protocol cures MS.\n")
    write("docs/.medlint.yaml", "ignroe: [HY04]\n")
    error = f"medlint: {Path('docs/.medlint.yaml').resolve()}:1: unknown key 'ignroe' in the configuration (did you mean 'ignore'?)\n"
    assert check("docs") == (2, "", error)
    assert check("docs/a.md", "docs/b.md") == (2, "", error)


def test_pyproject_errors_name_the_line() -> None:
    write("draft.md", "x\n")
    write(
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.medlint]\nselect = ["OC"]\nfial-on = "error"\n',
    )
    path = Path("pyproject.toml").resolve()
    assert medlint(["check", "draft.md"]) == (
        2,
        "",
        f"medlint: {path}:6: unknown key 'fial-on' in [tool.medlint] (did you mean 'fail-on'?)\n",
    )
    write(
        "pyproject.toml",
        '[tool.medlint]\nselect = ["OC"]\n\n[tool.medlint.severity]\nOC01 = "fatal"\n',
    )
    assert medlint(["check", "draft.md"])[2] == (
        f"medlint: {path}:4: 'severity' must map rules to error, warning or info\n"
    )


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "junit"])
def test_statistics_needs_a_text_report(fmt: str) -> None:
    write("draft.md", "x\n")
    code, out, err = medlint(["check", "--statistics", "--format", fmt, "draft.md"])
    assert (code, out) == (2, "")
    assert err.endswith(
        f"Error: --statistics counts findings in the text report; --format {fmt} has no place "
        "for it (count the rules of the JSON report instead)\n"
    )


def test_a_plain_text_suppression_at_the_end_of_a_line() -> None:
    write(
        "draft.txt",
        "Our protocol cures MS.  # medlint: disable-line OC01\n"
        "Our protocol cures MS.\n"
        "Our protocol cures MS. medlint: disable-line HY01\n",
    )
    code, out, _ = medlint(
        ["check", "--format", "concise", "-q", "--select", "OC01,HY01", "draft.txt"]
    )
    assert (code, out) == (
        1,
        f"draft.txt:2:14: error OC01 {OC01}\n"
        f"draft.txt:3:14: error OC01 {OC01}\n"
        "draft.txt:3:46: warning MD100 'HY01' suppresses nothing here; remove it.\n",
    )
