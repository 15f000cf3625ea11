"""Lint many files the way the CLI does: configuration per file, filters, baseline.

The CLI parses options and prints; this module does the work, so editors' integrations and
tests can call it too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from medlint.config import Config, find_config, load_config
from medlint.engine import Linter, RuleProblem
from medlint.errors import MedlintError
from medlint.findings import Finding
from medlint.ruleset import Rule


class Options(NamedTuple):
    """Command-line settings; each one given overrides the configuration file's."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    builtin: bool = True
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False
    baseline: Path | None = None
    stdin_filename: str | None = None
    prefilter: bool = True
    jobs: int | None = None  # worker processes; None: one per core for many files, else 1


class RunResult:
    """What a run found, filled in as it goes."""

    __slots__ = ("errors", "fail_on", "files_checked", "findings", "paths", "problems", "rules")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self.problems: list[RuleProblem] = []
        self.files_checked = 0
        self.paths: list[str] = []  # every file checked, in order
        self.fail_on = "warning"
        self.rules: tuple[Rule, ...] = ()


class Runner:
    """Keeps one Linter per configuration file for the length of a run."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._configs: dict[Path, Config] = {}
        self._linters: dict[Path | None, Linter] = {}
        self._explicit = load_config(options.config) if options.config else None

    def config_for(self, path: Path | None) -> Config:
        if self.options.isolated:
            return Config()
        if self._explicit is not None:
            return self._explicit
        folder = (path.parent if path is not None else Path.cwd()).resolve()
        found = find_config(folder)
        if found is None:
            return Config()
        if found not in self._configs:
            self._configs[found] = load_config(found)
        return self._configs[found]

    def linter_for(self, config: Config) -> Linter:
        key = config.path
        linter = self._linters.get(key)
        if linter is None:
            options = self.options
            linter = Linter(
                rules=[*config.extend, *options.rules],
                builtin=options.builtin,
                select=options.select if options.select is not None else config.select,
                extend_select=[*config.extend_select, *options.extend_select],
                ignore=[*config.ignore, *options.ignore],
                severities=config.severity,
                readability_grade=config.readability_grade,
                prefilter=options.prefilter,
            )
            self._linters[key] = linter
        return linter

    def lint_one(
        self, path: Path | str, read_stdin: Callable[[], bytes], jobs: int = 1
    ) -> tuple[list[Finding], list[RuleProblem]]:
        """Findings for one input ('-' is standard input); raises MedlintError."""
        from medlint.source import decode, format_for

        problems: list[RuleProblem] = []
        if path == "-":
            name = self.options.stdin_filename or "-"
            file: Path | None = Path(name) if self.options.stdin_filename else None
            config = self.config_for(file)
            linter = self.linter_for(config)
            text = decode(read_stdin(), name)
            findings = linter.lint_text(text, format_for(name), name, problems)
        else:
            file = Path(path)
            config = self.config_for(file)
            linter = self.linter_for(config)
            big = jobs > 1 and _size(file) >= BIG_FILE
            findings = linter.lint_file(file, None, problems, jobs=jobs if big else 1)
        if file is not None and config.per_file_ignores:
            ignored: set[str] = set()
            for token in config.ignored_for(file):
                ignored |= linter.resolve(token) or set()
            findings = [f for f in findings if f.rule not in ignored]
        return findings, problems


# Worker processes keep one Runner each (its Linters compile rules once per process).
_WORKER: list[Runner] = []


def _start_worker(options: Options) -> None:
    _WORKER.clear()
    _WORKER.append(Runner(options))


def _lint_in_worker(item: str) -> tuple[list[Finding], list[RuleProblem], str | None]:
    try:
        findings, problems = _WORKER[0].lint_one(Path(item), lambda: b"")
    except MedlintError as error:
        return [], [], str(error)
    return findings, problems, None


BIG_FILE = 4_000_000  # bytes: from here on, one file's chunks are spread over the workers


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


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
    sizes = [_size(file) for file in files]
    if any(size >= BIG_FILE for size in sizes):
        return min(_cores(), 8)
    if len(files) < 2 or (len(files) < 16 and sum(sizes) < 2_000_000):
        return 1
    return max(1, min(_cores(), 8, len(files)))


def run(
    paths: Sequence[str], options: Options, read_stdin: Callable[[], bytes] | None = None
) -> RunResult:
    """Lint files, folders and '-' as the CLI does. Configuration errors raise MedlintError."""
    from medlint.discover import discover

    runner = Runner(options)
    result = RunResult()
    top_config = runner.config_for(None)
    result.fail_on = options.fail_on or top_config.fail_on or "warning"
    result.rules = runner.linter_for(top_config).all_rules
    files = list(discover([p for p in paths if p != "-"]))
    inputs: list[Path | str] = list(files)
    if "-" in paths:
        inputs.insert(0, "-")
    stdin = read_stdin or (lambda: sys.stdin.buffer.read())
    jobs = choose_jobs(options.jobs, files)
    outcomes: Iterable[tuple[list[Finding], list[RuleProblem], str | None]]
    if jobs > 1 and len(files) > 1 and all(_size(f) < BIG_FILE for f in files):
        outcomes = _parallel(runner, inputs, options, jobs, stdin)
    else:  # one file at a time; a big one has its chunks spread over the workers
        outcomes = (_serial(runner, item, stdin, jobs) for item in inputs)
    for item, (findings, problems, error) in zip(inputs, outcomes, strict=True):
        if error is not None:
            result.errors.append(error)
            continue
        result.findings.extend(findings)
        result.problems.extend(problems)
        result.files_checked += 1
        result.paths.append(str(item) if item != "-" else options.stdin_filename or "-")
    if options.baseline is not None:
        from medlint.baseline import load_baseline, new_findings

        result.findings = new_findings(result.findings, load_baseline(options.baseline))
    return result


def _serial(
    runner: Runner, item: Path | str, stdin: Callable[[], bytes], jobs: int = 1
) -> tuple[list[Finding], list[RuleProblem], str | None]:
    try:
        findings, problems = runner.lint_one(item, stdin, jobs)
    except MedlintError as error:
        return [], [], str(error)
    return findings, problems, None


def _parallel(
    runner: Runner,
    inputs: Sequence[Path | str],
    options: Options,
    jobs: int,
    stdin: Callable[[], bytes],
) -> Iterator[tuple[list[Finding], list[RuleProblem], str | None]]:
    """Outcomes in input order, files linted by worker processes (stdin in this one)."""
    from concurrent.futures import ProcessPoolExecutor

    files = [str(item) for item in inputs if item != "-"]
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_start_worker, initargs=(options,)
    ) as pool:
        results = pool.map(_lint_in_worker, files, chunksize=max(1, len(files) // (jobs * 8)))
        for item in inputs:
            if item == "-":
                yield _serial(runner, item, stdin)
            else:
                yield next(results)
