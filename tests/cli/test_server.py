"""``medlint server`` from the command line: the core never loads the server's libraries, and
without them the command says how to install them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SERVER_LIBRARIES = ("pygls", "lsprotocol")


def python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_import_medlint_and_medlint_check_load_no_server_library(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    code = (
        "import sys, medlint\n"
        "medlint.lint_text('Our stem cells cure MS.')\n"
        "from medlint.cli import main\n"
        "try:\n"
        "    main(['check', '--isolated', 'draft.md'])\n"
        "except SystemExit as stop:\n"
        "    print('exit', stop.code)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {SERVER_LIBRARIES!r}))\n"
    )
    result = python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["exit 1", "[]"]


def test_without_the_extra_the_server_says_how_to_install_it(tmp_path: Path) -> None:
    # None in sys.modules makes ``import pygls`` fail as if it were not installed.
    code = (
        "import sys\nsys.modules['pygls'] = None\nfrom medlint.cli import main\nmain(['server'])\n"
    )
    result = python(code, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "medlint: the language server needs pygls 2 and lsprotocol, which the 'server' extra "
        "installs: python -m pip install '.[server]' in a checkout (see the README)\n"
    )
