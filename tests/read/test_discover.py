"""Discovery: a folder that cannot be read is an error (never a silent gap), and a FIFO, device
or socket found in a folder is left out (reading one could block forever)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medlint.errors import InputError
from medlint.read.discover import discover


def test_special_files_in_a_folder_are_left_out(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    (tmp_path / "a.md").write_text("text", encoding="utf-8")
    os.mkfifo(tmp_path / "b.md")
    os.symlink("missing.md", tmp_path / "c.md")  # kept: reading it says "no such file"
    assert list(discover([str(tmp_path)])) == [tmp_path / "a.md", tmp_path / "c.md"]
    assert list(discover([str(tmp_path / "b.md")])) == [tmp_path / "b.md"]  # named: refused later


def test_an_unreadable_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated (so that it also runs as root, whom permissions do not stop)."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.md").write_text("text", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "b.md").write_text("text", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    errors: list[InputError] = []
    found = list(discover([str(tmp_path)], on_error=errors.append))
    assert found == [tmp_path / "open" / "a.md"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'secret'}: cannot read this folder: permission denied; its files are not linted"
    ]
    with pytest.raises(InputError, match="cannot read this folder"):
        list(discover([str(tmp_path / "secret")]))
