"""How a run groups its files for workers: small files in batches, a very large one alone.

Every way of spreading a run (``--jobs`` processes, a Dask cluster) batches the same way, so a
batch's cost is the same wherever it runs and the findings are gathered back in file order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

BATCH_FILES = 32  # the most files linted together
BATCH_BYTES = 256 * 1024  # ... and their most bytes; a file this large is linted alone
BIG_FILE = 4_000_000  # bytes: from here on, one file's chunks are spread over the workers


def file_size(file: Path) -> int:
    """The file's size in bytes; 0 when it cannot be read (the lint reports that)."""
    try:
        return file.stat().st_size
    except OSError:
        return 0


def batches(files: Sequence[Path], workers: int = 1) -> Iterator[list[Path]]:
    """Consecutive files in batches of at most BATCH_FILES and BATCH_BYTES. For ``workers``
    taking batches as they come free, the last ``workers`` batches are cut in four: the
    workers then finish together, where a whole batch read last leaves the others idle."""
    found = list(_batched(files))
    if workers > 1:
        found[-workers:] = [part for batch in found[-workers:] for part in _quarters(batch)]
    return iter(found)


def _batched(files: Sequence[Path]) -> Iterator[list[Path]]:
    batch: list[Path] = []
    size = 0
    for file in files:
        length = file_size(file)
        if batch and (len(batch) >= BATCH_FILES or size + length > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(file)
        size += length
    if batch:
        yield batch


def _quarters(batch: list[Path]) -> list[list[Path]]:
    """A batch cut in up to four consecutive parts."""
    step = -(-len(batch) // 4)
    return [batch[at : at + step] for at in range(0, len(batch), step)]


def _cores() -> int:
    import os

    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def choose_jobs(requested: int | None, files: Sequence[Path]) -> int:
    """Worker processes for a run: as asked, else one per core (at most 8) when the files are
    many or large enough to repay starting workers, else 1 (what a small commit needs)."""
    if requested is not None:
        return max(1, requested)
    sizes = [file_size(file) for file in files]
    if any(size >= BIG_FILE for size in sizes):
        return min(_cores(), 8)
    if len(files) < 2 or (len(files) < 16 and sum(sizes) < 2_000_000):
        return 1
    return max(1, min(_cores(), 8, len(files)))
