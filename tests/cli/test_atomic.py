"""Output files (``--output-file``, ``--write-baseline``): only a regular file or a new path is
written, whole, keeping the old file's mode (a new one: the umask's); a failed write leaves
neither half a file nor a temporary one behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import medlint
from medlint.cli.atomic import WriteError, write_atomically

CLAIM = "Our stem cells cure MS."
REFUSED = "not a regular file; medlint writes reports and baselines only to a regular file"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "good.md").write_text(CLAIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
def test_special_paths_are_refused(folder: Path, option: str) -> None:
    link = "is a symbolic link; medlint replaces only a regular file (name the file it points to"
    targets = {"link": link + ", or a new path)"}
    (folder / "real.txt").write_text("kept", encoding="utf-8")
    os.symlink("real.txt", folder / "link")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo")
        targets["fifo"] = f"is a FIFO, {REFUSED} or a new path"
    if os.geteuid() == 0:  # a copy of /dev/null's device: only root may make one
        os.mknod(folder / "device", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["device"] = f"is a character device, {REFUSED} or a new path"
    for name, message in targets.items():
        code, out, err = medlint(["check", "--isolated", option, name, "good.md"])
        assert (code, out) == (2, ""), name
        assert err == f"medlint: {name}: {message}\n"
    assert (folder / "real.txt").read_text(encoding="utf-8") == "kept"
    assert os.path.islink(folder / "link")
    if "fifo" in targets:
        assert stat.S_ISFIFO(os.lstat(folder / "fifo").st_mode)
    if "device" in targets:
        assert stat.S_ISCHR(os.lstat(folder / "device").st_mode)
    assert leftovers(folder) == []


@pytest.mark.parametrize("option", ["--output-file", "--write-baseline"])
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_an_existing_file_keeps_its_mode(folder: Path, option: str, mode: int) -> None:
    target = folder / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    code, _, _ = medlint(["check", "--isolated", "--format", "json", option, "out.json", "good.md"])
    assert code in (0, 1)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") != "old"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_umask_mode(folder: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        code, _, _ = medlint(["check", "--isolated", "--output-file", "new.txt", "good.md"])
    finally:
        os.umask(old)
    assert code == 1
    assert stat.S_IMODE((folder / "new.txt").stat().st_mode) == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary(folder: Path) -> None:
    target = folder / "report.txt"
    target.write_text("old report", encoding="utf-8")

    def pieces(error: BaseException) -> Iterator[str]:
        yield "half a "
        raise error

    for error in (OSError(28, "No space left on device"), KeyboardInterrupt(), ValueError("bug")):
        with pytest.raises((WriteError, KeyboardInterrupt, ValueError)) as caught:
            write_atomically(target, pieces(error))
        if isinstance(error, OSError):
            assert str(caught.value) == "cannot write: No space left on device"
        assert target.read_text(encoding="utf-8") == "old report"
        assert leftovers(folder) == []


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX")
def test_sigterm_while_writing_removes_the_temporary_file(folder: Path) -> None:
    code = (
        "import os, signal\n"
        "from medlint.cli.atomic import write_atomically\n"
        "def pieces():\n"
        "    yield 'half'\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    yield 'never'\n"
        "write_atomically('report.txt', pieces())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, check=False)
    assert done.returncode == 128 + signal.SIGTERM
    assert leftovers(folder) == []
    assert not (folder / "report.txt").exists()


def test_a_missing_folder_is_a_clear_error(folder: Path) -> None:
    code, _, err = medlint(["check", "--isolated", "--output-file", "no/such/out.txt", "good.md"])
    assert (code, err) == (2, "medlint: no/such/out.txt: cannot write: No such file or directory\n")
