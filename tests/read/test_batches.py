"""How a run groups its files (``medlint.read.batches``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.read.batches import BATCH_BYTES, BATCH_FILES, batches


def _files(folder: Path, count: int, size: int = 10) -> list[Path]:
    found = []
    for number in range(count):
        file = folder / f"{number:04d}.md"
        file.write_bytes(b"x" * size)
        found.append(file)
    return found


def test_files_are_batched_in_order_by_count_and_bytes(tmp_path: Path) -> None:
    files = _files(tmp_path, 2 * BATCH_FILES + 5)
    assert [len(batch) for batch in batches(files)] == [BATCH_FILES, BATCH_FILES, 5]
    heavy = tmp_path / "heavy"
    heavy.mkdir()
    large = _files(heavy, 3, size=BATCH_BYTES // 2 + 1)
    assert [len(batch) for batch in batches(large)] == [1, 1, 1]


@pytest.mark.parametrize("workers", [2, 3, 8])
def test_the_last_batches_are_cut_small_for_workers(tmp_path: Path, workers: int) -> None:
    files = _files(tmp_path, 10 * BATCH_FILES + 8)
    whole = list(batches(files))
    cut = list(batches(files, workers))
    # the same files in the same order; the batches before the last few as they were
    assert [file for batch in cut for file in batch] == files
    assert cut[: len(whole) - workers] == whole[: len(whole) - workers]
    tail = cut[len(whole) - workers :]
    assert len(tail) > workers
    assert max(map(len, tail)) <= BATCH_FILES // 4


def test_a_few_files_for_many_workers(tmp_path: Path) -> None:
    files = _files(tmp_path, 3)
    assert list(batches(files, 8)) == [[file] for file in files]
