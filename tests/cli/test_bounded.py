"""Hostile inputs through ``medlint check``: FIFOs and endless devices are refused with a clear
error (never a hang, never memory run out), files past ``max-file-size`` too, and the good
files beside them are still reported.

The endless cases run medlint in a process with a memory limit and a timeout, so that a
regression fails the test rather than the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import medlint

CLAIM = "Our stem cells cure MS."
ZERO = "/dev/zero"
needs_dev_zero = pytest.mark.skipif(not Path(ZERO).exists(), reason="no /dev/zero")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def guarded(folder: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """``medlint check --format concise ARGS`` in a process of at most 1 GB for at most two
    minutes (a regression here reads until memory runs out, or forever)."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    command = [sys.executable, "-m", "medlint", "check", "--format", "concise", *args]
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(
            command,
            cwd=folder,
            stdin=source,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=limit if sys.platform != "win32" else None,
            check=False,
        )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(CLAIM, encoding="utf-8")
    return tmp_path


@needs_fifo
def test_a_fifo_in_a_folder_is_skipped_and_one_named_is_refused(folder: Path) -> None:
    os.mkfifo(folder / "x.md")
    code, out, err = guarded(folder, "--isolated", "--select", "OC01", ".")
    assert (code, err) == (1, "")
    assert out.startswith("good.md:1:16: error OC01")
    code, out, err = guarded(folder, "--isolated", "--select", "OC01", "x.md", "good.md")
    assert code == 2
    assert out.startswith("good.md:1:16: error OC01")
    assert err == ("medlint: x.md: not a regular file (a FIFO); medlint reads regular files only\n")


@needs_dev_zero
@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (["--rules", ZERO], None, f"medlint: {ZERO}: not a regular file (a character device)"),
        (["--config", ZERO], None, f"medlint: {ZERO}: not a regular file (a character device)"),
        (["--baseline", ZERO], None, f"medlint: {ZERO}: not a regular file (a character device)"),
        ([ZERO], None, f"medlint: {ZERO}: not a regular file (a character device)"),
        ([], f"extend: [{ZERO}]\n", f"medlint: {ZERO}: not a regular file (a character device)"),
        (["-"], None, "medlint: -: larger than the 1 MiB limit (raise the limit with"),
    ],
)
def test_endless_devices_are_refused(
    folder: Path, args: list[str], config: str | None, message: str
) -> None:
    if config is not None:
        (folder / ".medlint.yaml").write_text(config, encoding="utf-8")
    isolated = [] if config is not None else ["--isolated"]
    stdin = ZERO if "-" in args else None
    code, _, err = guarded(
        folder, *isolated, "--max-file-size", "1MiB", *args, "good.md", stdin=stdin
    )
    assert code == 2
    assert err.startswith(message), err
    assert "Traceback" not in err


def test_stdin_past_the_limit_and_a_closed_stdin(folder: Path) -> None:
    code, out, err = medlint(
        ["check", "--isolated", "--max-file-size", "10", "-"], cwd=folder, input=CLAIM
    )
    assert (code, out) == (2, "")
    assert err == (
        "medlint: -: larger than the 10 bytes limit (raise the limit with "
        "--max-file-size or max-file-size in the configuration)\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--isolated", "-"],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        close_fds=True,
        pass_fds=(),
        preexec_fn=lambda: os.close(0),
    )
    assert (done.returncode, done.stderr) == (2, "medlint: -: standard input is closed\n")


def test_max_file_size_from_the_configuration(folder: Path) -> None:
    (folder / "big.md").write_text(CLAIM + " More words." * 100, encoding="utf-8")
    (folder / ".medlint.yaml").write_text("max-file-size: 1KB\n", encoding="utf-8")
    code, out, err = medlint(["check", "--format", "concise", "--select", "OC01", "."], cwd=folder)
    assert code == 2
    assert out.startswith("big.md:") is False and "good.md:1:16" in out
    assert err == (
        "medlint: big.md: larger than the 1000 bytes limit (1.2 KiB) (raise the limit with "
        "--max-file-size or max-file-size in the configuration)\n"
    )
    code, _, _ = medlint(["check", "--max-file-size", "2KB", "--select", "OC01", "."], cwd=folder)
    assert code == 1  # the command line wins
    (folder / ".medlint.yaml").write_text("max-file-size: lots\n", encoding="utf-8")
    code, _, err = medlint(["check", "."], cwd=folder)
    assert code == 2
    assert err.endswith(
        ".medlint.yaml:1: 'max-file-size' expected a size such as 1000000, 500KB or 64MiB, "
        "got 'lots'\n"
    )


def test_a_file_cut_in_a_character_spoils_only_itself(folder: Path) -> None:
    (folder / "a-cut.md").write_bytes(CLAIM.encode() + b" \xc3")
    (folder / "b-odd.txt").write_bytes(b"\xff\xfe" + CLAIM.encode("utf-16-le") + b"!")
    code, out, err = medlint(
        ["check", "--isolated", "--format", "concise", "--select", "OC01", "."], cwd=folder
    )
    assert code == 2
    assert out.startswith("good.md:1:16: error OC01")
    assert err.splitlines() == [
        "medlint: a-cut.md:1:25: not valid UTF-8 (byte 0xc3 at the end of the file); expected "
        "UTF-8 text (re-save the file as UTF-8)",
        "medlint: b-odd.txt: not valid UTF-16 (truncated data at the end of the file) (re-save "
        "the file as UTF-8)",
    ]


def test_a_huge_rule_pack_is_refused(folder: Path) -> None:
    pack = folder / "huge.yaml"
    with pack.open("w", encoding="utf-8") as handle:
        handle.write("# " + "x" * (9 * 1024 * 1024) + "\n")
    code, _, err = medlint(["check", "--isolated", "--rules", "huge.yaml", "good.md"], cwd=folder)
    assert code == 2
    assert err == (
        "medlint: huge.yaml: larger than the 2 MiB limit (9 MiB) (rule packs and configuration "
        "files are parsed whole; split the file)\n"
    )


def _unreadable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` unreadable; where that has no effect (as root, whom permissions do not
    stop), listing it and opening its files fail as they would."""
    folder.chmod(0)
    try:
        os.listdir(folder)
    except PermissionError:
        return
    folder.chmod(0o755)
    real_scandir, real_open = os.scandir, os.open

    def refuse(path: object) -> None:
        if str(folder) in os.path.abspath(os.fspath(path)):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]

    def scandir(path: str) -> object:
        refuse(path)
        return real_scandir(path)

    def open_(path: str, *args: int, **kwargs: int) -> int:
        refuse(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_)


def test_an_unreadable_folder_is_reported(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = folder / "secret"
    secret.mkdir()
    (secret / "a.md").write_text(CLAIM, encoding="utf-8")
    _unreadable(secret, monkeypatch)
    try:
        code, out, err = medlint(
            ["check", "--isolated", "--format", "concise", "secret"], cwd=folder
        )
        assert (code, out) == (2, "")
        assert err == (
            "medlint: secret: cannot read this folder: permission denied; its files are not "
            "linted\n"
        )
        code, _, err = medlint(["check", "--isolated", "secret/a.md"], cwd=folder)
        assert (code, err) == (2, "medlint: secret/a.md: permission denied\n")
    finally:
        secret.chmod(0o755)
