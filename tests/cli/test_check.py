"""``medlint check``'s options, one by one, and every command's help, through click's CliRunner:
(exit code, stdout, stderr) together. test_cli.py covers the commands' work."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import medlint
from medlint import run as run_module
from medlint.cli import main
from medlint.run import Options, RunResult

DRAFT = "Our protocol cures MS.\nThis innovative therapy is new.\n"
OC01 = "draft.md:1:14: error OC01 'cures' promises a cure or reversal that no trial has shown."
HY04 = (
    "draft.md:2:6: info HY04 'innovative therapy' frames an unproven treatment as hope rather "
    "than evidence."
)
USAGE = "Usage: medlint check [OPTIONS] PATHS...\nTry 'medlint check --help' for help.\n\n"


@pytest.fixture(autouse=True)
def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in a folder of its own holding draft.md."""
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """``medlint check --format concise ARGS`` (one line per finding; a later --format wins)."""
    return medlint(["check", "--format", "concise", *args], input=input)


def check_full(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """``medlint check ARGS``: the default report, each finding with its source line."""
    return medlint(["check", *args], input=input)


HELP = {
    "": """\
Usage: medlint [OPTIONS] COMMAND [ARGS]...

  medlint: a linter for health writing.

Options:
  --version   Show the version and exit.
  -h, --help  Show this message and exit.

Commands:
  check       Lint text, Markdown, MDX and HTML files, folders, or '-'...
  rule        Explain one rule: message, why it matters, examples, better...
  rules       List every rule: id, name, category, severity and summary.
  server      Run the language server (LSP) for editors, over stdio.
  test-rules  Run every rule's examples: each 'flag' must be reported,...
""",
    "check": """\
Usage: medlint check [OPTIONS] PATHS...

  Lint text, Markdown, MDX and HTML files, folders, or '-' for standard input.

Options:
  --format [text|concise|json|sarif|github|junit|html]
                                  Output format.  [default: text]
  --fail-on [error|warning|info|never]
                                  Exit 1 when a finding is at or above this
                                  severity [default: warning].
  --select RULES                  Only these rule ids, names, id prefixes or
                                  categories (comma-separated).
  --extend-select RULES           Add these rules to the selection (comma-
                                  separated).
  --ignore RULES                  Skip these rules (comma-separated).
  --rules PATH                    Add a rule pack file or folder (repeatable).
  --no-builtin                    Do not load the built-in rule packs.
  --config FILE                   Use this configuration file for every path
                                  (.medlint.yaml or pyproject.toml).
  --isolated                      Ignore all configuration files.
  --stdin-filename NAME           Name (and so format) of the text read from
                                  '-'.
  --statistics                    Count the findings per rule.
  --output-file FILE              Write the report to this file.
  --baseline FILE                 Report only findings that are not in this
                                  baseline file.
  --write-baseline FILE           Record today's findings in this file, and
                                  exit 0.
  --color [auto|always|never]     Colour the text report (auto: on a terminal,
                                  unless NO_COLOR is set).  [default: auto]
  -q, --quiet                     Print the findings only: no summary line.
  --exit-zero                     Exit 0 even when there are findings (errors
                                  still exit 2).
  --force-exclude                 Apply the exclude patterns to the paths
                                  named too (as pre-commit passes them).
  --show-settings                 Print the settings that apply to each path,
                                  and where each came from; lint nothing.
  --explain                       Say how each file was read (promotional,
                                  informational, warning or scholarly page)
                                  and the words that decided it.
  --max-file-size SIZE            Refuse files (and standard input) larger
                                  than this, e.g. 64MiB [default: 128MiB].
  -j, --jobs INTEGER RANGE        Worker processes [default: one per core for
                                  many files, 1 for a few].  [x>=1]
  --scheduler ADDRESS             Lint on a Dask cluster: its scheduler's
                                  address (tcp://HOST:8786), or local[:N] to
                                  start N workers here (needs the 'dask'
                                  extra).
  -h, --help                      Show this message and exit.
""",
    "rules": """\
Usage: medlint rules [OPTIONS]

  List every rule: id, name, category, severity and summary.

Options:
  --format [text|json]  [default: text]
  --rules PATH          Add a rule pack file or folder (repeatable).
  --no-builtin          Do not load the built-in rule packs.
  -h, --help            Show this message and exit.
""",
    "rule": """\
Usage: medlint rule [OPTIONS] RULE_ID

  Explain one rule: message, why it matters, examples, better wording,
  references.

Options:
  --format [text|json]  [default: text]
  --rules PATH          Add a rule pack file or folder (repeatable).
  --no-builtin          Do not load the built-in rule packs.
  -h, --help            Show this message and exit.
""",
    "server": """\
Usage: medlint server [OPTIONS]

  Run the language server (LSP) for editors, over stdio.

Options:
  --debounce SECONDS  How long a change waits for the next one before the
                      document is linted.  [default: 0.3; x>=0]
  -h, --help          Show this message and exit.
""",
    "test-rules": """\
Usage: medlint test-rules [OPTIONS] [PATHS]...

  Run every rule's examples: each 'flag' must be reported, each 'pass' must
  not.

Options:
  --no-builtin   Do not load the built-in rule packs.
  -v, --verbose  Show every example, not only failures.
  -h, --help     Show this message and exit.
""",
}


@pytest.mark.parametrize("command", list(HELP))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_its_help(command: str, flag: str) -> None:
    """As an 80-column terminal shows it (click's CliRunner would make it 80 wide, not 78)."""
    result = CliRunner().invoke(main, [command, flag] if command else [flag], terminal_width=78)
    assert (result.exit_code, result.stdout, result.stderr) == (0, HELP[command], "")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], Options()),
        (["--select", "OC01, EV01", "--select=hype"], Options(select=("OC01", "EV01", "hype"))),
        (["--select", ","], Options(select=None)),
        (["--extend-select", "ALL"], Options(extend_select=("ALL",))),
        (["--ignore", "OC01,HY04", "--ignore", "EV"], Options(ignore=("OC01", "HY04", "EV"))),
        (["--rules", "a.yaml", "--rules", "packs/"], Options(rules=("a.yaml", "packs/"))),
        (["--no-builtin"], Options(builtin=False)),
        (["--fail-on", "info"], Options(fail_on="info")),
        (["--config", "my.yaml"], Options(config=Path("my.yaml"))),
        (["--isolated"], Options(isolated=True)),
        (["--baseline", "b.json"], Options(baseline=Path("b.json"))),
        (["--stdin-filename", "page.html"], Options(stdin_filename="page.html")),
        (["--jobs", "3"], Options(jobs=3)),
        (["-j2"], Options(jobs=2)),
        (["--max-file-size", "2KiB"], Options(max_file_size=2048)),
    ],
)
def test_each_option_reaches_the_run(
    args: list[str], expected: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[tuple[str, ...], Options]] = []

    def run(paths: tuple[str, ...], options: Options, on_findings: object = None) -> RunResult:
        seen.append((paths, options))
        result = RunResult()
        result.files_checked = 1
        return result

    monkeypatch.setattr(run_module, "run", run)
    assert check(*args, "draft.md", "-") == (0, "No problems found in 1 file.\n", "")
    assert seen == [(("draft.md", "-"), expected)]


def test_text_report_and_exit_code() -> None:
    assert check("--select", "OC01,HY04", "draft.md") == (
        1,
        f"{OC01}\n{HY04}\nFound 2 problems (1 error, 1 info) in 1 file.\n",
        "",
    )


@pytest.mark.parametrize(
    ("level", "code"), [("error", 0), ("warning", 0), ("info", 1), ("never", 0)]
)
def test_fail_on_an_info_finding(level: str, code: int) -> None:
    out = f"{HY04}\nFound 1 problem (1 info) in 1 file.\n"
    assert check("--select", "HY04", "--fail-on", level, "draft.md") == (code, out, "")


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["--extend-select", "ALL", "--ignore", "CI,DS,RK"], f"{OC01}\n{HY04}\n"),
        (["--select", "OC01", "--ignore", "HY04"], f"{OC01}\n"),
        (["--select", "hype,OC"], f"{OC01}\n{HY04}\n"),
    ],
)
def test_selection_options(args: list[str], out: str) -> None:
    code, stdout, stderr = check(*args, "draft.md")
    assert (code, stdout.splitlines()[:-1], stderr) == (1, out.splitlines(), "")


def test_statistics() -> None:
    assert check("--select", "OC01,HY04", "--statistics", "draft.md") == (
        1,
        f"{OC01}\n{HY04}\n\n    1  HY04   new-hope-framing\n    1  OC01   cure-claim\n"
        "Found 2 problems (1 error, 1 info) in 1 file.\n",
        "",
    )


def test_json_format() -> None:
    code, out, err = check("--select", "OC01", "--format", "json", "draft.md")
    assert (code, [(f["path"], f["line"], f["rule"]) for f in json.loads(out)], err) == (
        1,
        [("draft.md", 1, "OC01")],
        "",
    )


@pytest.mark.parametrize(
    ("output_format", "start"),
    [("sarif", "{\n"), ("junit", "<?xml"), ("github", "::group::draft.md\n::error file=draft.md")],
)
def test_other_formats(output_format: str, start: str) -> None:
    code, out, err = check("--select", "OC01", "--format", output_format, "draft.md")
    assert (code, out[: len(start)], err) == (1, start, "")


def test_output_file(tmp_path: Path) -> None:
    assert check("--select", "OC01", "--output-file", "report.txt", "draft.md") == (1, "", "")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == (
        f"{OC01}\nFound 1 problem (1 error) in 1 file.\n"
    )


def test_write_baseline_then_baseline(tmp_path: Path) -> None:
    wrote = "medlint: wrote 2 findings to b.json\n"
    assert check("--select", "OC01,HY04", "--write-baseline", "b.json", "draft.md") == (
        0,
        "",
        wrote,
    )
    assert (tmp_path / "b.json").is_file()
    clean = "No problems found in 1 file.\n"
    assert check("--select", "OC01,HY04", "--baseline", "b.json", "draft.md") == (0, clean, "")


def test_stdin_filename() -> None:
    out = "page.html:1:20: error OC01 'cures' promises a cure or reversal that no trial has shown."
    assert check(
        "--select",
        "OC01",
        "--stdin-filename",
        "page.html",
        "-",
        input="<p>Our protocol <b>cures</b> MS.</p>",
    ) == (1, f"{out}\nFound 1 problem (1 error) in 1 file.\n", "")


def test_config_and_isolated(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("select: [HY04]\nfail-on: info\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("select: [OC01]\n", encoding="utf-8")
    hy04 = (1, f"{HY04}\nFound 1 problem (1 info) in 1 file.\n", "")
    assert check("draft.md") == hy04
    assert check("--config", "other.yaml", "draft.md") == (
        1,
        f"{OC01}\nFound 1 problem (1 error) in 1 file.\n",
        "",
    )
    code, out, err = check("--isolated", "draft.md")
    assert (code, out.splitlines()[-1], err) == (
        1,
        "Found 4 problems (1 error, 1 warning, 2 info) in 1 file.",
        "",
    )


def test_rules_and_no_builtin(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        """
- id: HS01
  name: banned-brand
  category: conflict
  severity: error
  message: "'{match}' is our brand; do not promote it here."
  suggest: Remove the brand name.
  why: House style keeps editorial pages free of our product names.
  references: [{title: House style, url: "https://example.org/style"}]
  patterns: [protocol]
  examples: {flag: ["Try our protocol."], pass: ["Try nothing."]}
""",
        encoding="utf-8",
    )
    assert check("--no-builtin", "--rules", "house.yaml", "draft.md") == (
        1,
        "draft.md:1:5: error HS01 'protocol' is our brand; do not promote it here.\n"
        "Found 1 problem (1 error) in 1 file.\n",
        "",
    )
    assert check("--no-builtin", "draft.md") == (0, "No problems found in 1 file.\n", "")


@pytest.mark.parametrize("jobs", ["-j1", "--jobs=2"])
def test_jobs(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "copy.md").write_text(DRAFT, encoding="utf-8")
    code, out, err = check(jobs, "--select", "OC01", "draft.md", "copy.md")
    assert (code, out.splitlines(), err) == (
        1,
        [OC01, OC01.replace("draft.md", "copy.md"), "Found 2 problems (2 errors) in 2 files."],
        "",
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--format", "docx"],
            "Invalid value for '--format': 'docx' is not one of 'text', "
            "'concise', 'json', 'sarif', 'github', 'junit', 'html'.",
        ),
        (
            ["--fail-on", "bad"],
            "Invalid value for '--fail-on': 'bad' is not one of 'error', "
            "'warning', 'info', 'never'.",
        ),
        (["-j", "0"], "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
        (["--jobs", "x"], "Invalid value for '--jobs' / '-j': 'x' is not a valid integer range."),
        (["--config", "."], "Invalid value for '--config': File '.' is a directory."),
        (["--bogus"], "No such option '--bogus'. Did you mean '--jobs'?"),
    ],
)
def test_bad_option_value_is_a_usage_error(args: list[str], error: str) -> None:
    assert check(*args, "draft.md") == (2, "", f"{USAGE}Error: {error}\n")


def test_option_without_its_value() -> None:
    assert check("--format") == (2, "", "Error: Option '--format' requires an argument.\n")


def test_missing_paths() -> None:
    assert check() == (2, "", f"{USAGE}Error: Missing argument 'PATHS...'.\n")
    no_such_file = (2, "", "medlint: nope.md: no such file\n")  # no "No problems found"
    assert check("nope.md") == no_such_file


def test_unwritable_output_file() -> None:
    target = "no-such-folder/report.txt"
    assert check("--select", "OC01", "--output-file", target, "draft.md") == (
        2,
        "",
        f"medlint: {target}: cannot write: No such file or directory\n",
    )


@pytest.mark.parametrize("jobs", ["--jobs=1", "--jobs=2"])
def test_explain_says_how_the_run_read_each_input_standard_input_too(
    tmp_path: Path, jobs: str
) -> None:
    """Each input as the run read it (with workers too): standard input as well."""
    sale = "Our clinic offers ozone therapy. Book a free consultation today.\n"
    (tmp_path / "a.md").write_text(sale, encoding="utf-8")
    (tmp_path / "b.md").write_text(sale, encoding="utf-8")
    arguments = ["check", "--isolated", "--explain", jobs, "a.md", "b.md", "-"]
    result = CliRunner().invoke(main, arguments, input="Our clinic offers ozone therapy.\n")
    explained = [line for line in result.stdout.splitlines() if ": read as " in line]
    assert explained == [
        "-: read as informational (no cue of another kind of page)",
        "a.md: read as promotional ('book a free consultation', 'our clinic')",
        "b.md: read as promotional ('book a free consultation', 'our clinic')",
    ]


def test_explain_says_how_each_file_was_read(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Our clinic offers ozone therapy. Book a free consultation today.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "--isolated", "--explain", str(page)])
    assert f"{page}: read as promotional ('book a free consultation', 'our clinic')" in (
        result.stdout
    )
    as_json = CliRunner().invoke(
        main, ["check", "--isolated", "--explain", "--format", "json", str(page)]
    )
    assert json.loads(as_json.stdout)[0]["profile"] == "promotional"
    assert "read as promotional" in as_json.stderr


def test_a_suppression_for_a_rule_that_did_not_run_is_not_unused(tmp_path: Path) -> None:
    """The README's editor recipe: --select or --ignore leaves the comment's rule out, so the
    comment cannot be judged unused (MD100)."""
    draft = tmp_path / "draft.md"
    draft.write_text(
        "<!-- medlint-disable-next-line EV01 -->\n"
        "Studies have shown that our readers like short sentences.\n",
        encoding="utf-8",
    )
    for option in (["--select", "overclaim,risk"], ["--ignore", "EV01"]):
        result = CliRunner().invoke(main, ["check", "--isolated", *option, str(draft)])
        assert (result.exit_code, result.stdout) == (0, "No problems found in 1 file.\n")
    unused = tmp_path / "unused.md"
    unused.write_text("<!-- medlint-disable-next-line OC01 -->\nA plain sentence.\n")
    result = CliRunner().invoke(main, ["check", "--isolated", str(unused)])
    assert result.exit_code == 1 and "MD100 'OC01' suppresses nothing here" in result.stdout


def test_color_follows_the_option_and_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Our stem cells cure MS.\n", encoding="utf-8")
    always = CliRunner().invoke(main, ["check", "--isolated", "--color", "always", str(draft)])
    never = CliRunner().invoke(main, ["check", "--isolated", "--color", "never", str(draft)])
    assert "\x1b[" in always.stdout and "\x1b[" not in never.stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = CliRunner().invoke(main, ["check", "--isolated", str(draft)])
    assert "\x1b[" in forced.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    plain = CliRunner().invoke(main, ["check", "--isolated", str(draft)])
    assert "\x1b[" not in plain.stdout


def test_sarif_uris_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sp ace"
    folder.mkdir()
    (folder / "my draft é#1.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "sarif", "sp ace"])
    [run] = json.loads(result.stdout)["runs"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"sp%20ace/my%20draft%20%C3%A9%231.md"}


def test_junit_fails_only_what_fail_on_fails(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    draft = tmp_path / "draft.md"
    draft.write_text(
        "Our stem cells cure MS. Studies have shown that our stem cell therapy works.\n",
        encoding="utf-8",
    )
    every = CliRunner().invoke(main, ["check", "--isolated", "--format", "junit", str(draft)])
    errors = CliRunner().invoke(
        main, ["check", "--isolated", "--format", "junit", "--fail-on", "error", str(draft)]
    )
    counted = [
        int(ElementTree.fromstring(r.stdout.split("\n", 1)[1]).get("failures") or 0)
        for r in (every, errors)
    ]
    found = json.loads(
        CliRunner().invoke(main, ["check", "--isolated", "--format", "json", str(draft)]).stdout
    )
    assert counted == [
        sum(f["severity"] in ("warning", "error") for f in found),
        sum(f["severity"] == "error" for f in found),
    ]
    assert counted[0] > counted[1] > 0


@pytest.mark.parametrize("form", ["text", "concise"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_streamed_report_is_the_report_written_at_the_end(
    tmp_path: Path, form: str, jobs: str
) -> None:
    """On standard output a text report is written file by file as the run goes; in a file,
    at the end: the same bytes, from one or several worker processes."""
    for number in range(12):
        (tmp_path / f"page{number:02d}.md").write_text(
            f"# Page {number}\n\nOur protocol cures MS.\n\n" + DRAFT * (number % 3),
            encoding="utf-8",
        )
    (tmp_path / "clean.md").write_text("Rest helps with fatigue.\n", encoding="utf-8")
    args = ["--format", form, "--jobs", jobs, "--statistics", "--color", "always", str(tmp_path)]
    code, streamed, _ = medlint(["check", *args])
    target = tmp_path / "report.out"
    assert medlint(["check", *args, "--output-file", str(target)])[0] == code == 1
    assert streamed == target.read_text(encoding="utf-8")
    assert streamed.count("OC01") >= 12


def test_the_collector_runs_less_often_during_the_run_and_as_before_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    during: list[tuple[int, ...]] = []
    real_run = run_module.run

    def watched(*args: object, **kwargs: object) -> RunResult:
        during.append(gc.get_threshold())
        return real_run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "run", watched)
    before = gc.get_threshold()
    assert check("draft.md")[0] == 1
    assert during == [(200_000, 30, 30)]
    assert gc.get_threshold() == before
