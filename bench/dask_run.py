"""Time a whole-archive audit on Dask against local worker processes, on bench/corpus/many.

    python -m pip install -e '.[bench,dask]'
    python bench/corpus.py                    # build bench/corpus (deterministic)
    python bench/dask_run.py [--runs 3]

Scenarios (each the median of ``--runs``, medlint as in bench/run.py: every built-in rule,
``--isolated``):

* ``--jobs 2``: the CLI with two local worker processes (started by the run);
* ``--scheduler ADDRESS``: the CLI as a client of a running 2-worker LocalCluster (one thread
  per worker), the way an archive is audited on a cluster that is already up;
* ``--scheduler local:2``: the CLI starting its own 2-worker cluster, and stopping it;
* ``lint_paths`` in this process on 1 and on 2 workers, with Dask's task stream: the compute
  time per task and per file, and what the run spends outside the tasks.

All reports are checked byte-identical (JSON) before anything is timed. The estimate for more
workers is Amdahl's law from the measured serial part (finding and batching the files, gathering
outcomes) and per-task compute; it is printed as an estimate, not a measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import subprocess
import sys
import time
from typing import Any

from run import CORPUS, ENVIRONMENT, ROOT, measure, tool  # bench/run.py

MANY = CORPUS / "many"


def json_digest(command: list[str]) -> str:
    output = subprocess.run(
        [*command, "--format", "json"], capture_output=True, check=False, env=ENVIRONMENT
    ).stdout
    return hashlib.sha256(output).hexdigest()[:16]


def in_process(client: Any, runs: int) -> tuple[float, float, int]:
    """lint_paths on ``client``: median wall seconds, the task compute seconds of the last
    run, and its number of tasks."""
    from distributed import get_task_stream

    from medlint.distributed import lint_paths
    from medlint.run import Options

    options = Options(isolated=True, extend_select=("ALL",))
    lint_paths([str(MANY)], client, options)  # each worker builds its Linter: not timed
    walls = []
    for _ in range(runs):
        with get_task_stream(client) as stream:
            start = time.perf_counter()
            lint_paths([str(MANY)], client, options)
            walls.append(time.perf_counter() - start)
    compute = sum(
        part["stop"] - part["start"]
        for task in stream.data
        for part in task["startstops"]
        if part["action"] == "compute"
    )
    return statistics.median(walls), compute, len(stream.data)


def discovery_seconds(runs: int) -> float:
    """Finding and batching the files, the part of a run the client does alone (best of)."""
    from medlint.read.batches import batches
    from medlint.read.discover import discover
    from medlint.run import Options, Runner

    runner = Runner(Options(isolated=True))
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        list(batches(list(discover([str(MANY)], runner.excluded, force=runner.forced))))
        seconds.append(time.perf_counter() - start)
    return min(seconds)


def cluster(workers: int) -> Any:
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):
        local = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    return local, Client(local)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not MANY.is_dir():
        subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py")], check=True)
    files = len(list(MANY.glob("*.md")))
    megabytes = sum(f.stat().st_size for f in MANY.glob("*.md")) / 1e6
    medlint = [tool("medlint"), "check", "--isolated", "--extend-select", "ALL"]
    medlint += ["--fail-on", "never"]
    subprocess.run([*medlint, str(CORPUS / "small.md")], capture_output=True, env=ENVIRONMENT)

    start = time.perf_counter()
    local, client = cluster(2)
    startup = time.perf_counter() - start
    address = local.scheduler_address
    jobs2 = [*medlint, "--jobs", "2", str(MANY)]
    remote = [*medlint, "--scheduler", address, str(MANY)]
    own = [*medlint, "--scheduler", "local:2", str(MANY)]
    digests = {json_digest(command) for command in (jobs2, remote, own)}
    if len(digests) != 1:
        raise SystemExit(f"the reports differ: {digests}")
    print(f"corpus: {files} files, {megabytes:.1f} MB; JSON reports identical ({digests.pop()})")
    print(f"a 2-worker LocalCluster starts in {startup:.2f} s\n")
    print(f"{'scenario':<44} {'wall':>8} {'files/s':>8}")
    for label, command in (
        ("--jobs 2", jobs2),
        ("--scheduler (running 2-worker cluster)", remote),
        ("--scheduler local:2 (starts its own)", own),
    ):
        timing = measure(command, args.runs)
        print(f"{label:<44} {timing.seconds:7.2f}s {files / timing.seconds:8.0f}")

    two, compute, tasks = in_process(client, args.runs)
    client.close()
    local.close()
    local, client = cluster(1)
    one, compute_one, _ = in_process(client, args.runs)
    client.close()
    local.close()
    print(f"{'lint_paths, 1 worker (in process)':<44} {one:7.2f}s {files / one:8.0f}")
    print(f"{'lint_paths, 2 workers (in process)':<44} {two:7.2f}s {files / two:8.0f}")

    per_task = compute / tasks
    serial = max(one - compute_one, 0.0)  # what the 1-worker run spends outside its tasks
    print(
        f"\nper task ({files // tasks} files, about {megabytes / tasks * 1000:.0f} KB): "
        f"{per_task * 1000:.0f} ms of compute on 2 workers ({compute_one / tasks * 1000:.0f} ms "
        f"on 1), {compute_one / files * 1000:.1f} ms per file on 1; outside the tasks (discovery, "
        f"scheduling, gathering): {serial:.2f} s"
    )
    print(f"speed-up from 1 to 2 workers on this 2-core machine: {one / two:.2f}x")
    found = discovery_seconds(args.runs)
    print(
        f"the client finds and batches the files in {found:.2f} s ({found / files * 1000:.2f} ms "
        f"per file): at most {files / found:.0f} files/s, however many workers"
    )
    print("\nestimate (Amdahl, from the figures above; not measured): this corpus on N workers")
    for workers in (4, 8, 16, 32, 64):
        wall = serial + compute_one / workers
        print(f"  N={workers:<3} about {wall:5.2f} s, {files / wall:6.0f} files/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
