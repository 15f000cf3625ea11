"""The console script's quick route for ``medlint check`` (no click import) against click.

The quick parser must read every command line exactly as click's ``check`` command does, or
hand it to click; its option table must be click's, option for option.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import medlint
from medlint.cli import command
from medlint.cli.console import OPTIONS, parse_check
from medlint.cli.main import check as click_check

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _kind(option: click.Option) -> str:
    if option.is_flag:
        return "flag"
    if option.multiple:
        return "multiple"
    if isinstance(option.type, click.Choice):
        return "choice"
    if isinstance(option.type, click.Path):
        return "path"
    if isinstance(option.type, click.IntRange):
        return "jobs"
    return "value"


def test_option_table_is_clicks_check_command() -> None:
    expected: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for param in click_check.params:
        if isinstance(param, click.Option):
            allowed = tuple(param.type.choices) if isinstance(param.type, click.Choice) else ()
            for name in param.opts + param.secondary_opts:
                expected[name] = (str(param.name), _kind(param), allowed)
    assert expected == OPTIONS
    # click's parameters are command.check's, in the same order (the click command passes them on)
    names = [p.name for p in click_check.params]
    assert names == list(inspect.signature(command.check).parameters)


def _clicks_reading(args: list[str]) -> dict[str, object] | None:
    """click's parameters for ``medlint check ARGS``, None when click refuses them."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # --help prints
            context = click_check.make_context("check", list(args))
    except (click.exceptions.Exit, click.UsageError):
        return None
    return dict(context.params)


WORDS = st.sampled_from(
    [
        *OPTIONS,
        "--nope",
        "-x",
        "-h",
        "--help",
        "--",
        "-",
        "-j4",
        "-j0",
        "--jobs=2",
        "--format=json",
        "--format=jsn",
        "--isolated=1",
        "json",
        "sarif",
        "error",
        "never",
        "OC01,DS01",
        "3",
        "0",
        "-1",
        "draft.md",
        "notes.txt",
        "examples",
        "",
    ]
)


VALUES = st.sampled_from(["json", "never", "OC01,DS01", "2", "0", "x.md", "examples", "-", ""])
# Mostly well-formed pieces (an option and a value, a flag, a path), some odd words among them.
PIECES = st.one_of(
    st.tuples(st.sampled_from(sorted(OPTIONS)), VALUES).map(list),
    st.tuples(st.sampled_from(sorted(OPTIONS)), VALUES).map(lambda p: [f"{p[0]}={p[1]}"]),
    st.sampled_from([["--isolated"], ["--statistics"], ["--no-builtin"], ["draft.md"], ["-"]]),
    WORDS.map(lambda word: [word]),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=6))
def test_quick_route_reads_arguments_as_click_does(pieces: list[list[str]]) -> None:
    words = [word for piece in pieces for word in piece]
    args = ["check", *words]
    quick = parse_check(args)
    clicks = _clicks_reading(words)
    if quick is None:
        return  # click reads it (and explains any mistake)
    assert clicks is not None, f"click refuses {args}, the quick route accepted it"
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(command.check).parameters.items()
        if parameter.default is not inspect.Parameter.empty
    }
    assert {**defaults, **quick} == clicks


@pytest.mark.parametrize(
    "args",
    [
        ["check", "draft.md"],
        ["check", "--format", "json", "--select", "OC01", "--select=DS01", "-j", "2", "a", "b"],
        ["check", "--isolated", "--", "--draft.md", "-"],
        ["check", "-j3", "--fail-on", "never", "--stdin-filename", "x.md", "-"],
    ],
)
def test_quick_route_takes_plain_check_commands(args: list[str]) -> None:
    quick = parse_check(args)
    assert quick is not None
    assert quick["paths"] == _clicks_reading(args[1:])["paths"]  # type: ignore[index]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["rules"],
        ["--version"],
        ["check"],
        ["check", "-h", "x.md"],
        ["check", "--format", "docx", "x.md"],
        ["check", "--jobs", "0", "x.md"],
        ["check", "--select"],
        ["check", "--config", ".", "x.md"],  # a folder: click explains
        ["check", "--unknown", "x.md"],
    ],
)
def test_anything_unusual_goes_to_click(args: list[str]) -> None:
    assert parse_check(args) is None


def _console(
    args: list[str], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, medlint.cli.console\n"
        "try:\n    medlint.cli.console.entry()\n"
        "finally:\n    sys.stderr.write('click imported: %s' % ('click' in sys.modules))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "MEDLINT_CACHE_DIR": "off"},
        timeout=120,
    )


def test_quick_route_prints_what_click_prints_without_importing_click(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("Our stem cell protocol cures MS.\n", encoding="utf-8")
    for args in (
        ["check", "draft.md"],
        ["check", "--format", "json", "--select", "OC01", "draft.md"],
        ["check", "--statistics", "--fail-on", "never", str(EXAMPLES)],
        ["check", "missing.md"],
    ):
        quick = _console(args, tmp_path)
        assert quick.stderr.endswith("click imported: False"), quick.stderr
        code, out, err = medlint(args, cwd=tmp_path)
        assert (quick.returncode, quick.stdout) == (code, out), args
        assert quick.stderr.removesuffix("click imported: False") == err


def test_quick_route_reads_standard_input(tmp_path: Path) -> None:
    result = _console(["check", "--stdin-filename", "post.md", "-"], tmp_path, "It cures MS.\n")
    assert result.returncode == 1
    assert "post.md:1:4: error OC01" in result.stdout


def test_mistakes_get_clicks_messages(tmp_path: Path) -> None:
    result = _console(["check", "--format", "docx", "x.md"], tmp_path)
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert result.stderr.endswith("click imported: True")


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("Our stem cell protocol cures MS.\n" * 20_000, encoding="utf-8")
    reader = subprocess.Popen(["head", "-n", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--select", "OC01", str(draft)],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    assert reader.stdin is not None and reader.stdout is not None
    reader.stdin.close()
    first = reader.stdout.read()
    reader.wait(timeout=60)
    assert first.startswith(str(draft).encode())
    assert writer.returncode == 1
    assert "Traceback" not in writer.stderr
