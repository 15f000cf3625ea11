"""Time medlint on pathological inputs at 10 KB, 100 KB and 1 MB: every stage must be linear.

    python bench/linearity.py [--only NAME] [--sizes 10000,100000,1000000] [--limit 120]

In the spirit of cmark's pathological tests: each construct (nested brackets, backtick runs,
long space runs, deep lists and quotes, long single lines, many emphasis markers, unclosed
comments and tags, ...) is generated in code at each size and linted in a fresh child process
with every built-in rule (``extend_select=["ALL"]``). The table shows each size's time and the
ratio of each time to the one ten times smaller; linear is about 10. The run fails (exit 1) when
a ratio from 100 KB up (1 MB / 100 KB) is above 15 or a lint takes longer than ``--limit`` seconds.

The tests lint each construct at 100 KB as a hang guard (tests/hostile/test_linearity.py);
timings live only here.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))  # the constructs are shared with the tests

from pathological import CONSTRUCTS  # noqa: E402

MAX_RATIO = 15.0
SMALL_SECONDS = 0.3  # each size is timed twice, small ones for this long; the best time is kept


def _time(name: str, size: int, answer: multiprocessing.connection.Connection) -> None:
    """In the child: build the text and lint it, sending back the best time."""
    from medlint.linter import Linter

    make, format = CONSTRUCTS[name]
    text = make(size)
    linter = Linter(extend_select=["ALL"])
    # Warm up on the same construct, small: patterns compile on first use, and a lint that
    # compiled some would otherwise look slower than it is.
    linter.lint_text(make(min(size, 10_000)), format=format)
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 2 or (spent < SMALL_SECONDS and runs < 20):
        started = time.process_time()
        linter.lint_text(text, format=format)
        took = time.process_time() - started
        best, spent, runs = min(best, took), spent + took, runs + 1
    answer.send(best)


def measure(name: str, size: int, limit: float) -> float | None:
    """Seconds to lint the construct at ``size`` characters, or None past ``limit``."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_time, args=(name, size, sending))
    child.start()
    sending.close()
    if not receiving.poll(limit):
        child.kill()
        child.join()
        return None
    seconds: float = receiving.recv()
    child.join()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="constructs whose name matches this pattern")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="characters, ascending")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds allowed per lint")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [name for name in CONSTRUCTS if not args.only or re.search(args.only, name)]
    width = max(map(len, names), default=10)
    heads = [_size(size) for size in sizes] + [f"{_size(b)}/{_size(a)}" for a, b in pairwise(sizes)]
    print(f"{'construct':<{width}} " + " ".join(f"{h:>11}" for h in heads))
    failed: list[str] = []
    for name in names:
        times = [measure(name, size, args.limit) for size in sizes]
        cells = [f"{t:10.3f}s" if t is not None else f">{args.limit:g}s".rjust(11) for t in times]
        if times[0] is None:
            failed.append(f"{name} at {_size(sizes[0])}")
        for (small_size, small), (size, big) in pairwise(zip(sizes, times, strict=True)):
            ratio = big / small if big is not None and small else None
            cells.append(f"{ratio:11.1f}" if ratio is not None else f"{'-':>11}")
            if big is None or (ratio is not None and ratio > MAX_RATIO and small_size >= 100_000):
                failed.append(f"{name} at {_size(size)}")
        print(f"{name:<{width}} " + " ".join(cells), flush=True)
    if failed:
        print(f"\nnot linear (ratio above {MAX_RATIO:g} or over the limit): " + ", ".join(failed))
        return 1
    print(f"\nevery ratio per tenfold size is at most {MAX_RATIO:g}")
    return 0


def _size(characters: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if characters >= scale:
            return f"{characters / scale:g} {unit}"
    return f"{characters} B"


if __name__ == "__main__":
    sys.exit(main())
