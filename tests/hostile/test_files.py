"""Hostile files: each is linted correctly or reported as a per-file error, and every other file
is still linted; the run then exits 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.errors import InputError
from medlint.linter import Linter

from .conftest import Lint

CLAIM = "Our stem cells cure MS."


def places(findings: list[dict[str, object]], rule: str = "OC01") -> list[tuple[str, int, int]]:
    return [
        (Path(str(f["path"])).name, int(str(f["line"])), int(str(f["column"])))
        for f in findings
        if f["rule"] == rule
    ]


def test_empty_and_whitespace_files_are_clean(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\t\r\n  ", encoding="utf-8")
    (tmp_path / "empty.html").write_text("", encoding="utf-8")
    assert lint(tmp_path, ".") == (0, [], "")


def test_binary_and_broken_text_are_per_file_errors(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "a-binary.md").write_bytes(b"abc\x00def cures MS")
    (tmp_path / "b-latin1.txt").write_bytes(b"Fine line\nbad \xff byte cures MS\n")
    (tmp_path / "c-good.md").write_text(CLAIM, encoding="utf-8")
    code, findings, err = lint(tmp_path, "--select", "OC01", ".")
    assert code == 2
    assert places(findings) == [("c-good.md", 1, 16)]
    assert err.splitlines() == [
        "medlint: a-binary.md: binary file (contains NUL bytes); expected text",
        "medlint: b-latin1.txt:2:5: not valid UTF-8 (byte 0xff); expected UTF-8 text "
        "(re-save the file as UTF-8)",
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks(lint: Lint, tmp_path: Path, encoding: str) -> None:
    data = ("Intro.\r\n" + CLAIM).encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
        data = bom + data
    (tmp_path / "note.txt").write_bytes(data)
    code, findings, _ = lint(tmp_path, "--select", "OC01", "note.txt")
    assert (code, places(findings)) == (1, [("note.txt", 2, 16)])


def test_cr_only_and_mixed_line_endings(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "cr.txt").write_bytes(b"Line one.\r" + CLAIM.encode() + b"\rThird.")
    (tmp_path / "mixed.txt").write_bytes(
        b"One.\r\n" + CLAIM.encode() + b"\nThree.\r" + CLAIM.encode()
    )
    _, findings, _ = lint(tmp_path, "--select", "OC01", ".")
    assert places(findings) == [("cr.txt", 2, 16), ("mixed.txt", 2, 16), ("mixed.txt", 4, 16)]


def test_a_single_10_mb_line(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "line.txt").write_text("word " * 2_000_000 + CLAIM, encoding="utf-8")
    _, findings, _ = lint(tmp_path, "--select", "OC01", "line.txt")
    assert places(findings) == [("line.txt", 1, 10_000_016)]


def test_deeply_nested_html_and_an_unterminated_fence(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text(
        "<div>" * 100_000 + CLAIM + "</div>" * 100_000, encoding="utf-8"
    )
    (tmp_path / "fence.md").write_text(
        CLAIM + "\n\n```python\nprint('cures MS')\n", encoding="utf-8"
    )
    _, findings, _ = lint(tmp_path, "--select", "OC01", ".")
    assert places(findings) == [("deep.html", 1, 500_016), ("fence.md", 1, 16)]


def test_symlink_loop_is_walked_once(lint: Lint, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "post.md").write_text(CLAIM, encoding="utf-8")
    os.symlink("..", tmp_path / "docs" / "up")
    (tmp_path / "docs" / "self").symlink_to(tmp_path / "docs" / "self")  # a link to itself
    code, findings, _ = lint(tmp_path, "--select", "OC01", "docs")
    assert code == 1
    assert places(findings) == [("post.md", 1, 16)]


def test_unreadable_file_is_a_per_file_error(
    lint: Lint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-secret.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "b-open.md").write_text(CLAIM, encoding="utf-8")
    real_open = os.open

    def guarded(path: str, *args: int, **kwargs: int) -> int:
        if os.fspath(path).endswith("a-secret.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    code, findings, err = lint(tmp_path, "--select", "OC01", ".")
    assert code == 2
    assert places(findings) == [("b-open.md", 1, 16)]
    assert err == "medlint: a-secret.md: permission denied\n"


def test_a_path_that_disappears_during_the_run(
    lint: Lint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.read import discover as discovery

    (tmp_path / "a.md").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "b.md").write_text(CLAIM, encoding="utf-8")
    found = list(discovery.discover([str(tmp_path)]))
    (tmp_path / "a.md").unlink()  # gone after discovery, before it is read
    monkeypatch.setattr(discovery, "discover", lambda paths, *_args, **_kwargs: iter(found))
    code, findings, err = lint(tmp_path, "--select", "OC01", ".")
    assert code == 2
    assert places(findings) == [("b.md", 1, 16)]
    assert err.endswith("a.md: no such file\n")


def test_library_errors_are_input_errors(lint: Lint, tmp_path: Path) -> None:
    linter = Linter(select=["OC01"])
    with pytest.raises(InputError, match="is a directory"):
        linter.lint_file(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        linter.lint_file(tmp_path / "missing.md")


def test_a_50_mb_file_in_bounded_memory(lint: Lint, tmp_path: Path) -> None:
    """Memory is bounded by the paragraph: a 50 MB file is linted in a small process."""
    if not Path("/proc/self/status").exists():
        pytest.skip("reads the process's peak memory from /proc (Linux)")
    big = tmp_path / "big.md"
    paragraph = (
        "Keep a diary of your symptoms so you can talk about changes with your nurse. " * 8
    ).strip()
    with big.open("w", encoding="utf-8") as handle:
        written = index = 0
        while written < 50_000_000:
            piece = (CLAIM if index % 5000 == 0 else paragraph) + "\n\n"
            handle.write(piece)
            written += len(piece)
            index += 1
    # The peak of the linting process is its own high-water mark (VmHWM): its ru_maxrss would
    # also count this pytest process, which Linux carries across exec (270 MB in a full test
    # run). Its workers, forked from it, count as themselves.
    code = (
        "import atexit, resource, runpy, sys\n"
        "def peak():\n"
        "    with open('/proc/self/status', encoding='ascii') as status:\n"
        "        own = next(int(line.split()[1]) for line in status if line[:6] == 'VmHWM:')\n"
        "    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "    sys.stderr.write('peak %d\\n' % max(own, workers))\n"
        "atexit.register(peak)\n"
        "sys.argv = ['medlint', 'check', '--isolated', '--select', 'OC01', sys.argv[1]]\n"
        "runpy.run_module('medlint', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1].startswith("Found ")
    assert big.stat().st_size >= 50_000_000
    peak = int(done.stderr.strip().splitlines()[-1].split()[-1])  # KB
    assert peak < 150 * 1024, f"peak RSS {peak // 1024} MB"


def test_a_code_block_over_a_megabyte_hides_nothing_after_it(lint: Lint, tmp_path: Path) -> None:
    """The hard cut in the code block flipped the fence's parity: every finding after the block
    was lost, with exit 0."""
    (tmp_path / "code.md").write_text(
        "```\n" + "x = 1\n" * 200_000 + "```\n\n" + CLAIM + "\n", encoding="utf-8"
    )
    _, findings, _ = lint(tmp_path, "--select", "OC01", "code.md")
    assert places(findings) == [("code.md", 200_004, 16)]


def test_a_crlf_across_the_megabyte_cut_keeps_the_line_numbers(lint: Lint, tmp_path: Path) -> None:
    """A line with no white space up to the 1 MiB block read from the file, its \\r\\n split by
    the block's end: every later line number was one too high."""
    (tmp_path / "long.txt").write_bytes(b"x" * (2**20 - 1) + b"\r\n" + CLAIM.encode() + b"\r\n")
    _, findings, _ = lint(tmp_path, "--select", "OC01", "long.txt")
    assert places(findings) == [("long.txt", 2, 16)]
