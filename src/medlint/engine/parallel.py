"""Lint one long text with several processes: batches of chunks go to workers in order.

Each worker keeps an Engine built from the same recipe and reads its batch with a run of its
own; the parent absorbs the partial runs in text order (findings, suppression comments, what
whole-document rules have seen), so the result is the one a single process gives. At most two
batches per worker are in flight, which keeps memory bounded by the batch, not the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from medlint.engine.engine import Engine, TextResult, TextRun
from medlint.read.chunking import Chunk
from medlint.read.source import Format

BATCH_CHARACTERS = 512 * 1024

_WORKER: list[Engine] = []  # the worker process's Engine, built once by _start


def _start(recipe: Mapping[str, Any]) -> None:
    _WORKER[:] = [engine_from_recipe(recipe)]


def engine_from_recipe(recipe: Mapping[str, Any]) -> Engine:
    """The engine a :class:`~medlint.linter.Linter` describes in its recipe: the same packs,
    the same chosen rules, severities and options."""
    from medlint.findings import Severity
    from medlint.rules.loader import load_rules, with_readability_grade

    loaded = load_rules([Path(p) for p in recipe["paths"]], [Path(p) for p in recipe["builtin"]])
    by_id = {rule.id: rule for rule in loaded}
    rules = [by_id[rule_id] for rule_id in recipe["ids"]]
    grade = recipe["readability_grade"]
    if grade is not None:
        rules = [with_readability_grade(rule, grade) for rule in rules]
    return Engine(
        rules,
        severities={k: Severity(v) for k, v in recipe["severities"].items()},
        timeout=recipe["timeout"],
        prefilter=recipe["prefilter"],
        recipe=recipe,
    )


def run_in_workers(
    engine: Engine, chunks: Iterable[Chunk], format: Format, path: str | None, jobs: int
) -> TextResult:
    """:meth:`Engine.run` of one long text, its chunks read by ``jobs`` processes."""
    run = TextRun(engine, format, path)
    read_in_workers(run, chunks, jobs)
    return run.finish()


def _read_batch(
    format: Format, path: str | None, batch: list[Chunk], before: Chunk | None, after: Chunk | None
) -> dict[str, object]:
    """A worker's reading of a batch of chunks; the chunks on either side of it are read for
    what stands across the batch's cuts only (a subject, an excuse: see ``Scan.before``)."""
    run = TextRun(_WORKER[0], format, path)
    if before is not None:
        run.context(before)
    for chunk in batch:
        run.read(chunk)
    run.flush(after)
    return run.partial()


Batch = tuple[list[Chunk], Chunk | None, Chunk | None]


def _batches(chunks: Iterable[Chunk]) -> Iterator[Batch]:
    """Batches of about ``BATCH_CHARACTERS``, each with the chunks just before and after it."""
    batch: list[Chunk] = []
    size = 0
    ready: list[Chunk] = []  # a full batch, waiting for the chunk after it
    before: Chunk | None = None
    for chunk in chunks:
        if ready:
            yield ready, before, chunk
            before, ready = ready[-1], []
        batch.append(chunk)
        size += len(chunk.text)
        if size >= BATCH_CHARACTERS:
            ready, batch, size = batch, [], 0
    if ready:
        yield ready, before, None
        before = ready[-1]
    if batch:
        yield batch, before, None


def read_in_workers(run: TextRun, chunks: Iterable[Chunk], jobs: int) -> None:
    """Read every chunk into ``run``, the work shared by ``jobs`` processes."""
    batches = _batches(chunks)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:  # a short text: starting workers would cost more than it saves
        for chunk in first[0]:
            run.read(chunk)
        return
    recipe = run.engine.recipe
    if recipe is None:
        raise ValueError("this engine has no recipe (a custom lexicon): read it in one process")
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(recipe,)) as pool:
        pending: deque[Future[dict[str, object]]] = deque()
        for batch, before, after in _chain(first, second, batches):
            pending.append(pool.submit(_read_batch, run.format, run.path, batch, before, after))
            while len(pending) >= jobs * 2:
                run.absorb(pending.popleft().result())
        while pending:
            run.absorb(pending.popleft().result())


def _chain(first: Batch, second: Batch, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    yield second
    yield from rest
