"""``medlint server`` from the command line: the core never loads the server's libraries, and
without them the command says how to install them."""

from __future__ import annotations

from pathlib import Path

from helpers import loaded_by_check, python

SERVER_LIBRARIES = ("pygls", "lsprotocol")


def test_import_medlint_and_medlint_check_load_no_server_library(tmp_path: Path) -> None:
    assert loaded_by_check(SERVER_LIBRARIES, tmp_path) == []


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
