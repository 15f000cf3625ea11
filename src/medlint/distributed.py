"""Whole-archive audits on a Dask cluster: the run of :mod:`medlint.run`, its files linted by
the cluster's workers.

    >>> from distributed import Client, LocalCluster
    >>> from medlint.distributed import lint_paths
    >>> result = lint_paths(["site/"], Client(LocalCluster(n_workers=2, threads_per_worker=1)))

The client finds the files (configuration, excludes and .gitignore as locally) and batches them
as ``--jobs`` does (:mod:`medlint.read.batches`); each batch is one Dask task, and each worker
process keeps one :class:`~medlint.run.Runner` per run, so it compiles the rules once. A very
large file is read by the client in the same chunks as locally, and its chunk batches are the
tasks (:mod:`medlint.engine.parallel`). Outcomes are gathered in file order into the same
:class:`~medlint.run.RunResult` a local run gives, so every report is byte-identical.

Workers read the files themselves: paths must name the same files on the workers as on the
client (a shared folder mounted at the same place; relative paths are taken from the client's
working directory, see :func:`in_folder`). A worker lost mid-run costs nothing: the scheduler
runs its tasks again elsewhere, and a task is pure (a batch's outcomes depend only on its
files), so no file's findings are lost or counted twice.

Dask is optional (the ``dask`` extra): nothing else in medlint imports this module.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from medlint.engine.parallel import Pending
from medlint.errors import ConfigError
from medlint.read.batches import BIG_FILE, batches, file_size
from medlint.run import Options, Outcome, Runner, RunResult, outcome_of, outcomes_of, run

__all__ = ["EXTRA_HINT", "DaskPool", "lint_on", "lint_paths"]

EXTRA_HINT = (
    "--scheduler needs dask[distributed], which the 'dask' extra installs: "
    "python -m pip install '.[dask]' in a checkout (see the README)"
)
RETRIES = 2  # a task that raised is run again this many times (a lost worker's always is)
TASKS_PER_WORKER = 4  # tasks in flight per worker thread: enough to keep each one busy
CONNECT_TIMEOUT = "10s"


class Client(Protocol):
    """What medlint uses of a ``distributed.Client``."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending: ...

    def nthreads(self) -> Mapping[str, int]: ...


class DaskPool:
    """A Dask client as an :class:`medlint.engine.parallel.Pool`: tasks with keys of their own
    (each runs, none is shared with another by its arguments) that are retried."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))
        self.folder = os.getcwd()  # where the client's relative paths start

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Pending:
        # Named for what it runs, as the dashboard and the task stream show it.
        name = getattr(getattr(fn, "func", fn), "__name__", "task")
        key = f"medlint-{name}-{uuid.uuid4().hex}"
        return self.client.submit(in_folder, self.folder, fn, *args, key=key, retries=RETRIES)


def in_folder(folder: str, fn: Callable[..., Any], *args: Any) -> Any:
    """A task: ``fn(*args)`` in the client's working directory, where the worker has it (a
    shared folder mounted at the same place), so relative paths (files, packs, configuration)
    name the same files as on the client."""
    if folder != os.getcwd() and os.path.isdir(folder):
        os.chdir(folder)
    return fn(*args)


def lint_paths(
    paths: Sequence[str],
    client: Client,
    options: Options | None = None,
    read_stdin: Callable[[], bytes] | None = None,
) -> RunResult:
    """:func:`medlint.run.run` with the files linted by ``client``'s workers ('-', standard
    input, is linted here). Configuration errors raise MedlintError."""
    pool = DaskPool(client)
    return run(paths, options or Options(), read_stdin, partial(_dispatch, pool))


def lint_on(address: str, paths: Sequence[str], options: Options) -> RunResult:
    """``medlint check --scheduler ADDRESS``: connect to the scheduler at ``address``
    (``tcp://host:8786``, ``host:8786``), or start a cluster on this machine (``local``, or
    ``local:N`` for N worker processes), and lint ``paths`` there."""
    try:
        from distributed import Client as DaskClient
        from distributed import LocalCluster
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise ConfigError(EXTRA_HINT, path="--scheduler") from None
    name, _, count = address.partition(":")
    if name == "local":
        import dask

        # The workers' statistical profiler samples every thread's stack each 10 ms, which
        # slows these short, CPU-bound tasks (see the README).
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(
                n_workers=_worker_count(count), threads_per_worker=1, dashboard_address=None
            )
        with cluster, DaskClient(cluster) as client:
            return lint_paths(paths, client, options)
    try:
        client = DaskClient(address, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as error:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address}: {error}", path="--scheduler"
        ) from None
    with client:
        return lint_paths(paths, client, options)


def _worker_count(count: str) -> int:
    if not count:
        return os.cpu_count() or 1
    if not count.isdigit() or int(count) < 1:
        raise ConfigError(
            f"'local:{count}': expected local or local:N with N at least 1", path="--scheduler"
        )
    return int(count)


def _dispatch(
    pool: DaskPool,
    runner: Runner,
    inputs: Sequence[Path | str],
    stdin: Callable[[], bytes] | None,
) -> Iterator[Outcome]:
    """Outcomes in input order: standard input here, then the files' batches as tasks, a
    window of them in flight; a big file's chunk batches are the tasks while it is read."""
    for item in inputs:
        if item == "-":
            yield outcome_of(runner, item, stdin)
    files = [item for item in inputs if isinstance(item, Path)]
    task = partial(lint_batch_task, runner.options, f"{os.getpid()}-{uuid.uuid4()}")
    window: deque[tuple[Path, None] | tuple[None, Pending]] = deque()
    for batch in batches(files, pool.workers):
        if len(batch) == 1 and file_size(batch[0]) >= BIG_FILE:
            window.append((batch[0], None))
        else:
            window.append((None, pool.submit(task, [str(file) for file in batch])))
        while len(window) >= pool.workers * TASKS_PER_WORKER:
            yield from _collect(window.popleft(), runner, pool)
    while window:
        yield from _collect(window.popleft(), runner, pool)


def _collect(
    entry: tuple[Path, None] | tuple[None, Pending], runner: Runner, pool: DaskPool
) -> list[Outcome]:
    big, pending = entry
    if big is not None:
        return [outcome_of(runner, big, None, pool.workers, pool)]
    assert pending is not None
    outcomes: list[Outcome] = pending.result()
    return outcomes


# A worker process's Runners, by run: each builds its Linters once, by configuration file.
_RUNNERS: dict[str, Runner] = {}
_KEPT_RUNS = 4


def lint_batch_task(options: Options, run_id: str, files: list[str]) -> list[Outcome]:
    """A Dask task: the outcomes of a batch of files, linted in this worker process by the
    run's Runner (built on the first batch)."""
    runner = _RUNNERS.get(run_id)
    if runner is None:
        while len(_RUNNERS) >= _KEPT_RUNS:  # a long-lived worker serves many runs
            del _RUNNERS[next(iter(_RUNNERS))]
        runner = _RUNNERS[run_id] = Runner(options)
    return outcomes_of(runner, [Path(file) for file in files])
