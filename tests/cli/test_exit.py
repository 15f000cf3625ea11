"""How the ``medlint`` process ends (``medlint.cli.entry``): without the interpreter's teardown
when nothing is left to do at exit, so every byte of the report must be out first; the usual
way when a profiler, another thread or other exit work needs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import medlint

CLAIM = "Our stem cells cure MS and reverse Parkinson's, with no side effects at all.\n\n"


def _process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(("text", "code"), [(CLAIM * 400, 1), ("Wash your hands.\n", 0)])
def test_the_whole_report_and_the_exit_code_come_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, code: int
) -> None:
    # The long report is far larger than a pipe's buffer: still being written near the end.
    (tmp_path / "draft.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = _process("-m", "medlint", "check", "--isolated", "draft.md", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == medlint(
        ["check", "--isolated", "draft.md"]
    )
    assert done.returncode == code


def test_a_profiler_still_writes_its_results(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(CLAIM, encoding="utf-8")
    profile = tmp_path / "run.prof"
    done = _process(
        "-m", "cProfile", "-o", str(profile), "-m", "medlint", "check", "draft.md", cwd=tmp_path
    )
    assert "OC01" in done.stdout  # (cProfile ends a run that exits with status 0)
    assert profile.stat().st_size > 0


@pytest.mark.parametrize(
    "setup",
    [
        # exit work registered by a module with some (logging's shutdown comes with it)
        "import atexit, logging\natexit.register(lambda: open('ran', 'w').close())\n",
        # exit work registered alone (a site customisation, a profiler of one's own)
        "import atexit\natexit.register(lambda: open('ran', 'w').close())\n",
        # a thread still at work, which the usual exit waits for
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), open('ran', 'w').close())).start()\n",
    ],
)
def test_what_is_left_to_do_at_exit_is_done(tmp_path: Path, setup: str) -> None:
    (tmp_path / "draft.md").write_text(CLAIM, encoding="utf-8")
    script = setup + "import sys\nsys.argv = ['medlint', 'check', 'draft.md']\n"
    script += "from medlint.cli import entry\nentry()\n"
    done = _process("-c", script, cwd=tmp_path)
    assert (done.returncode, (tmp_path / "ran").exists()) == (1, True)


def test_a_report_written_to_a_file_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "draft.md").write_text(CLAIM * 400, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--isolated", "--format", "json", "draft.md", "--output-file"]
    done = _process("-m", "medlint", *args, "process.json", cwd=tmp_path)
    assert (done.returncode, medlint([*args, "runner.json"])[0]) == (1, 1)
    written = (tmp_path / "process.json").read_text(encoding="utf-8")
    assert written == (tmp_path / "runner.json").read_text(encoding="utf-8")
    assert written.count('"rule": "OC01"') >= 400
