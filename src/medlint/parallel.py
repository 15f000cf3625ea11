"""Lint one long text with several processes: batches of chunks go to workers in order.

Each worker keeps a Linter built from the same recipe and reads its batch with a run of its
own; the parent absorbs the partial runs in text order (findings, suppression comments, what
whole-document rules have seen), so the result is the one a single process gives. At most two
batches per worker are in flight, which keeps memory bounded by the batch, not the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from medlint.chunking import Chunk

if TYPE_CHECKING:
    from medlint.engine import Linter, _TextRun

BATCH_CHARACTERS = 512 * 1024

_WORKER: list[Linter] = []  # the worker process's Linter, built once by _start


def _start(recipe: dict[str, Any]) -> None:
    from medlint.engine import Linter

    _WORKER[:] = [Linter(**recipe)]


def _read_batch(format: str, path: str | None, batch: list[Chunk]) -> dict[str, object]:
    from medlint.engine import _TextRun

    run = _TextRun(_WORKER[0], format, path, None, None)  # type: ignore[arg-type]
    for chunk in batch:
        run.read(chunk)
    return run.partial()


def _batches(chunks: Iterable[Chunk]) -> Iterator[list[Chunk]]:
    batch: list[Chunk] = []
    size = 0
    for chunk in chunks:
        batch.append(chunk)
        size += len(chunk.text)
        if size >= BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def read_in_workers(run: _TextRun, chunks: Iterable[Chunk], jobs: int) -> None:
    """Read every chunk into ``run``, the work shared by ``jobs`` processes."""
    batches = _batches(chunks)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:  # a short text: starting workers would cost more than it saves
        for chunk in first:
            run.read(chunk)
        return
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start, initargs=(run.linter.recipe,)
    ) as pool:
        pending: deque[Future[dict[str, object]]] = deque()
        for batch in _chain(first, second, batches):
            pending.append(pool.submit(_read_batch, run.format, run.path, batch))
            while len(pending) >= jobs * 2:
                run.absorb(pending.popleft().result())
        while pending:
            run.absorb(pending.popleft().result())


def _chain(
    first: list[Chunk], second: list[Chunk], rest: Iterator[list[Chunk]]
) -> Iterator[list[Chunk]]:
    yield first
    yield second
    yield from rest
