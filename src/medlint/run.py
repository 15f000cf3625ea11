"""Lint many files the way the CLI does: configuration per file, filters, baseline.

The CLI (:mod:`medlint.cli`) parses options and prints; this module does the work, so editors'
integrations and tests can call it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from medlint.config import Config, find_config, load_config
from medlint.document.model import Format
from medlint.errors import InputError, MedlintError
from medlint.filters.per_file import without_ignored
from medlint.filters.selection import SelectorError
from medlint.findings import Finding, Severity
from medlint.linter import Linter, RuleProblem
from medlint.read.batches import BIG_FILE, batches, choose_jobs, file_size
from medlint.read.chunking import Chunk
from medlint.read.limits import DEFAULT_MAX_FILE_SIZE, SIZE_HINT, too_large
from medlint.rules.profile import Profile
from medlint.rules.rule import Rule

if TYPE_CHECKING:
    from medlint.engine.parallel import Pool


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
    force_exclude: bool = False  # exclude patterns apply to the paths named too
    max_file_size: int | None = None  # bytes; None: the configuration's, else the default


class RunResult:
    """What a run found, filled in as it goes."""

    __slots__ = (
        "errors",
        "fail_on",
        "files_checked",
        "findings",
        "paths",
        "problems",
        "profiles",
        "rules",
        "sources",
    )

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.errors: list[str] = []
        self.problems: list[RuleProblem] = []
        self.files_checked = 0
        self.paths: list[str] = []  # every file checked, in order
        self.profiles: dict[str, Profile] = {}  # how each file checked was read, by its path
        self.fail_on = "warning"
        self.rules: tuple[Rule, ...] = ()
        self.sources: dict[str, str] = {}  # texts read from standard input, by their name

    def fails(self) -> bool:
        """Whether a finding is at or above ``fail_on`` (never, when that is 'never')."""
        if self.fail_on == "never":
            return False
        threshold = Severity(self.fail_on).rank
        return any(finding.severity.rank >= threshold for finding in self.findings)


class Runner:
    """Keeps one Linter per configuration file for the length of a run."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._configs: dict[Path, Config] = {}
        self._linters: dict[Path | None, Linter] = {}
        self._explicit = load_config(options.config) if options.config else None
        self.stdin_text: str | None = None  # kept for the report's source lines

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

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Whether the configuration that applies to ``path`` excludes it."""
        return self.config_for(path).excluded(path, is_dir) is not None

    def forced(self, path: Path) -> bool:
        """Whether excludes apply to ``path`` although it is named on the command line."""
        return self.options.force_exclude or bool(self.config_for(path).force_exclude)

    def size_limit(self, config: Config) -> int:
        """The most bytes read of a file to lint or of standard input."""
        return self.options.max_file_size or config.max_file_size or DEFAULT_MAX_FILE_SIZE

    def linter_for(self, config: Config) -> Linter:
        key = config.path
        linter = self._linters.get(key)
        if linter is None:
            options = self.options
            try:
                linter = Linter(
                    rules=[*config.extend, *options.rules],
                    builtin=options.builtin,
                    select=options.select if options.select is not None else config.select,
                    extend_select=[*config.extend_select, *options.extend_select],
                    ignore=[*config.ignore, *options.ignore],
                    severities=config.severity,
                    readability_grade=config.readability_grade,
                    prefilter=options.prefilter,
                    max_file_size=self.size_limit(config),
                )
            except SelectorError as error:
                given = {
                    "select": options.select or (),
                    "extend-select": options.extend_select,
                    "ignore": options.ignore,
                }
                raise config.located(error, given.get(error.option, ())) from None
            self._linters[key] = linter
        return linter

    def lint_one(
        self,
        path: Path | str,
        read_stdin: Callable[[], bytes] | None,
        jobs: int = 1,
        pool: Pool | None = None,
        profiles: list[Profile] | None = None,
    ) -> tuple[list[Finding], list[RuleProblem]]:
        """Findings for one input ('-' is standard input); raises MedlintError. A big file's
        chunks are spread over ``jobs`` processes, or over ``pool``'s workers. ``profiles``, if
        given, receives how the input was read."""
        from medlint.read.source import decode, format_for, read_standard_input

        if path == "-":
            name = self.options.stdin_filename or "-"
            file: Path | None = Path(name) if self.options.stdin_filename else None
            limit = self.size_limit(self.config_for(file))
            data = read_standard_input(name, limit) if read_stdin is None else read_stdin()
            if len(data) > limit:
                raise InputError(too_large(limit, len(data)), path=name, hint=SIZE_HINT)
            text = decode(data, name)
            self.stdin_text = text
            return self.lint_text(text, file, format_for(name), profiles)
        file = Path(path)
        config = self.config_for(file)
        linter = self.linter_for(config)
        problems: list[RuleProblem] = []
        if (jobs > 1 or pool is not None) and file_size(file) < BIG_FILE:
            jobs, pool = 1, None  # a small file is not worth spreading
        findings = linter.lint_file(file, None, problems, jobs, pool=pool, profiles=profiles)
        return _without_ignored(findings, file, config, linter), problems

    def lint_text(
        self, text: str, file: Path | None, format: Format, profiles: list[Profile] | None = None
    ) -> tuple[list[Finding], list[RuleProblem]]:
        """Findings for a text that stands for ``file`` (None: unnamed), linted with the
        configuration nearest to that file as if it were read from it: standard input, or an
        editor's unsaved buffer (under the same size limit as the file). Raises MedlintError.
        ``profiles``, if given, receives how the text was read."""
        config = self.config_for(file)
        linter = self.linter_for(config)
        problems: list[RuleProblem] = []
        name = str(file) if file is not None else "-"
        limit = self.size_limit(config)
        if len(text) > limit // 4:  # else it is within the limit, whatever its characters
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > limit:
                raise InputError(too_large(limit, size), path=name, hint=SIZE_HINT)
        findings = linter.lint_text(text, format, name, problems, profiles=profiles)
        if file is not None:
            findings = _without_ignored(findings, file, config, linter)
        return findings, problems

    def lint_batch(self, files: Sequence[Path]) -> list[Outcome]:
        """What :meth:`lint_one` gives for each file (an error as text), the files that share
        a configuration linted together (see ``Linter.lint_batch``). For small files: each
        is read whole before any is linted."""
        from medlint.linter import source_chunks
        from medlint.read.source import format_for

        outcomes: list[Outcome] = [([], [], None, None)] * len(files)
        groups: dict[Linter, list[tuple[int, Path, Config, list[Chunk], Format]]] = {}
        for place, file in enumerate(files):
            try:
                config = self.config_for(file)
                linter = self.linter_for(config)
                format = format_for(file)
                chunks = list(source_chunks(file, format, str(file), linter.max_file_size))
            except MedlintError as error:
                outcomes[place] = ([], [], str(error), None)
                continue
            groups.setdefault(linter, []).append((place, file, config, chunks, format))
        for linter, members in groups.items():
            texts = [(chunks, format, str(file)) for _, file, _, chunks, format in members]
            profiles: list[Profile] = []
            results = linter.lint_batch(texts, profiles=profiles)
            for (place, file, config, _, _), (findings, problems), profile in zip(
                members, results, profiles, strict=True
            ):
                kept = _without_ignored(findings, file, config, linter)
                outcomes[place] = (kept, problems, None, profile)
        return outcomes


# One input's findings, the rules skipped on it, its error as text, how it was read (or None).
Outcome = tuple[list[Finding], list[RuleProblem], str | None, Profile | None]


def _without_ignored(
    findings: list[Finding], file: Path, config: Config, linter: Linter
) -> list[Finding]:
    """The findings less the rules that the configuration's per-file-ignores turn off here."""
    return without_ignored(findings, config.ignored_for(file), linter.selection)


# Worker processes keep one Runner each (its Linters compile rules once per process). A worker
# forked from the run's process finds the run's own Runner here, its rules loaded already.
_WORKER: list[Runner] = []


def _start_worker(options: Options) -> None:
    if _WORKER and _WORKER[0].options == options:
        return
    _WORKER[:] = [Runner(options)]


def _lint_batch_in_worker(items: list[str]) -> list[Outcome]:
    return outcomes_of(_WORKER[0], [Path(item) for item in items])


def outcomes_of(runner: Runner, files: list[Path]) -> list[Outcome]:
    """What a worker does with a batch of files: one alone is read in chunks as it is
    linted (a large one never sits in memory whole); several small ones are linted together."""
    if len(files) == 1:
        return [outcome_of(runner, files[0], None)]
    return runner.lint_batch(files)


# Where a run's inputs are linted: their outcomes, in input order.
Dispatch = Callable[[Runner, Sequence[Path | str], Callable[[], bytes] | None], Iterator[Outcome]]


def run(
    paths: Sequence[str],
    options: Options,
    read_stdin: Callable[[], bytes] | None = None,
    dispatch: Dispatch | None = None,
    on_findings: Callable[[list[Finding]], None] | None = None,
) -> RunResult:
    """Lint files, folders and '-' as the CLI does. Configuration errors raise MedlintError.
    ``dispatch`` lints the inputs elsewhere (a cluster: :mod:`medlint.distributed`);
    ``on_findings`` is given each file's findings as soon as they are known, in order (a
    baseline, applied at the end, may drop some)."""
    from medlint.read.discover import discover

    runner = Runner(options)
    result = RunResult()
    top_config = runner.config_for(None)
    result.fail_on = options.fail_on or top_config.fail_on or "warning"
    result.rules = runner.linter_for(top_config).all_rules
    named = [p for p in paths if p != "-"]
    unreadable: list[str] = []
    files = list(
        discover(
            named,
            runner.excluded,
            force=runner.forced,
            on_error=lambda error: unreadable.append(str(error)),
        )
    )
    result.errors.extend(unreadable)
    inputs: list[Path | str] = list(files)
    if "-" in paths and not _stdin_excluded(runner, options):
        inputs.insert(0, "-")
    stdin = read_stdin
    jobs = choose_jobs(options.jobs, files)
    outcomes: Iterable[Outcome]
    if dispatch is not None:
        outcomes = dispatch(runner, inputs, stdin)
    elif jobs > 1 and len(files) > 1 and all(file_size(f) < BIG_FILE for f in files):
        outcomes = _parallel(runner, inputs, options, jobs, stdin)
    elif jobs > 1:  # one file at a time; a big one has its chunks spread over the workers
        outcomes = (outcome_of(runner, item, stdin, jobs) for item in inputs)
    else:
        outcomes = _in_batches(runner, inputs, stdin)
    for item, (findings, problems, error, profile) in zip(inputs, outcomes, strict=True):
        if error is not None:
            if error not in result.errors:  # a broken configuration: once, not once per file
                result.errors.append(error)
            continue
        result.findings.extend(findings)
        if on_findings is not None:
            on_findings(findings)
        result.problems.extend(problems)
        result.files_checked += 1
        result.paths.append(str(item) if item != "-" else options.stdin_filename or "-")
        if profile is not None:
            result.profiles[result.paths[-1]] = profile
    if runner.stdin_text is not None:
        result.sources[options.stdin_filename or "-"] = runner.stdin_text
    if options.baseline is not None:
        from medlint.filters.baseline import load_baseline, new_findings

        baseline = load_baseline(options.baseline, runner.size_limit(top_config))
        result.findings = new_findings(result.findings, baseline, options.baseline)
    return result


def _stdin_excluded(runner: Runner, options: Options) -> bool:
    """Standard input named (``--stdin-filename``) as an excluded file, with force-exclude:
    not read, as ruff does, so an editor or hook can pipe every file through."""
    if options.stdin_filename is None:
        return False
    name = Path(options.stdin_filename)
    return runner.forced(name) and runner.excluded(name)


def outcome_of(
    runner: Runner,
    item: Path | str,
    stdin: Callable[[], bytes] | None,
    jobs: int = 1,
    pool: Pool | None = None,
) -> Outcome:
    """One input's outcome: its findings, skipped rules and profile, or its error as text."""
    profiles: list[Profile] = []
    try:
        findings, problems = runner.lint_one(item, stdin, jobs, pool, profiles)
    except MedlintError as error:
        return [], [], str(error), None
    return findings, problems, None, profiles[-1] if profiles else None


def _in_batches(
    runner: Runner, inputs: Sequence[Path | str], stdin: Callable[[], bytes] | None
) -> Iterator[Outcome]:
    """Outcomes in input order, in this process: standard input (which :func:`run` puts
    first) alone, then the files in batches."""
    files = [item for item in inputs if isinstance(item, Path)]
    for item in inputs:
        if item == "-":
            yield outcome_of(runner, item, stdin)
    for batch in batches(files):
        yield from outcomes_of(runner, batch)


def _parallel(
    runner: Runner,
    inputs: Sequence[Path | str],
    options: Options,
    jobs: int,
    stdin: Callable[[], bytes] | None,
) -> Iterator[Outcome]:
    """Outcomes in input order: standard input (which :func:`run` puts first) in this
    process, then the files, linted in batches by worker processes."""
    from concurrent.futures import ProcessPoolExecutor

    files = [item for item in inputs if isinstance(item, Path)]
    named = [[str(file) for file in batch] for batch in batches(files, jobs)]
    _WORKER[:] = [runner]  # what forked workers start from (see _start_worker)
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(options,)
        ) as pool:
            try:
                results = pool.map(_lint_batch_in_worker, named)
                for item in inputs:
                    if item == "-":
                        yield outcome_of(runner, item, stdin)
                for outcomes in results:
                    yield from outcomes
            except BaseException:  # stopped early (a closed pipe, Ctrl-C): no batch is started
                pool.shutdown(cancel_futures=True)
                raise
    finally:
        _WORKER.clear()
