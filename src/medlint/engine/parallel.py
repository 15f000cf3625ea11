"""Lint one long text with several processes: batches of chunks go to workers in order.

Each worker keeps an Engine built from the same recipe and reads its batch with a run of its
own; the parent absorbs the partial runs in text order (findings, suppression comments, what
whole-document rules have seen), so the result is the one a single process gives. At most two
batches per worker are in flight, which keeps memory bounded by the batch, not the file.

The workers are new local processes, or a :class:`Pool` the caller already has (a Dask
cluster, see :mod:`medlint.distributed`); either way a worker builds the engine from the recipe
that comes with each batch, once per process and recipe.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from medlint.engine.engine import Engine, TextResult, TextRun
from medlint.read.chunking import Chunk
from medlint.read.source import Format

BATCH_CHARACTERS = 512 * 1024

_ENGINES: dict[str, Engine] = {}  # a worker process's Engines, by recipe, each built once


class Pending(Protocol):
    """Work submitted to a pool: a concurrent.futures or a Dask future."""

    def result(self) -> Any: ...


class Pool(Protocol):
    """Workers a run may use: ``submit(fn, *args)`` runs ``fn(*args)`` in one of them
    (``fn`` and its arguments are pickled); ``workers`` is how many run at once."""

    workers: int

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Pending: ...


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
    engine: Engine,
    chunks: Iterable[Chunk],
    format: Format,
    path: str | None,
    jobs: int,
    pool: Pool | None = None,
) -> TextResult:
    """:meth:`Engine.run` of one long text, its chunks read by ``jobs`` processes (or by the
    workers of ``pool``)."""
    run = TextRun(engine, format, path)
    read_in_workers(run, chunks, jobs, pool)
    return run.finish()


def read_batch_by_recipe(
    recipe: Mapping[str, Any],
    format: Format,
    path: str | None,
    batch: list[Chunk],
    before: Chunk | None = None,
    after: Chunk | None = None,
) -> dict[str, object]:
    """A worker's task: the partial run of a batch, by this process's engine for ``recipe``
    (built on its first task). The chunks on either side of the batch are read for what stands
    across its cuts only (a subject, an excuse: see ``Scan.before``)."""
    key = json.dumps(recipe, sort_keys=True)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = engine_from_recipe(with_local_builtins(recipe))
    run = TextRun(engine, format, path)
    if before is not None:
        run.context(before)
    for chunk in batch:
        run.read(chunk)
    run.flush(after)
    return run.partial()


def with_local_builtins(recipe: Mapping[str, Any]) -> dict[str, Any]:
    """The recipe with its built-in packs read from this process's medlint: on another machine
    medlint may be installed elsewhere than where the client's is (user packs keep their paths,
    which must name a shared folder)."""
    from medlint.rules.loader import builtin_pack_paths

    here = {path.name: str(path) for path in builtin_pack_paths()}
    moved = {name: here.get(Path(name).name, name) for name in recipe["builtin"]}
    return {
        **recipe,
        "paths": [moved.get(name, name) for name in recipe["paths"]],
        "builtin": [moved[name] for name in recipe["builtin"]],
    }


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


def read_in_workers(
    run: TextRun, chunks: Iterable[Chunk], jobs: int, pool: Pool | None = None
) -> None:
    """Read every chunk into ``run``, the work shared by ``jobs`` processes (or by the
    workers of ``pool``)."""
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
    every = _chain(first, second, batches)
    args = (recipe, run.format, run.path)
    if pool is not None:
        _absorb(run, (pool.submit(read_batch_by_recipe, *args, *b) for b in every), pool.workers)
        return
    with ProcessPoolExecutor(max_workers=jobs) as local:
        _absorb(run, (local.submit(read_batch_by_recipe, *args, *b) for b in every), jobs)


def _absorb(run: TextRun, submitted: Iterator[Pending], workers: int) -> None:
    """Absorb the partial runs in text order, at most two per worker in flight."""
    pending: deque[Pending] = deque()
    for future in submitted:
        pending.append(future)
        while len(pending) >= workers * 2:
            run.absorb(pending.popleft().result())
    while pending:
        run.absorb(pending.popleft().result())


def _chain(first: Batch, second: Batch, rest: Iterator[Batch]) -> Iterator[Batch]:
    yield first
    yield second
    yield from rest
