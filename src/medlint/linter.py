"""The Linter: the library's one way in. It loads and selects the rules once, then lints any
number of texts: the engine runs the rules, the filters (suppression comments) follow.

A Linter holds only immutable state once built, so one instance can serve many threads: what a
CMS plugin keeps between requests.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from medlint import arguments
from medlint.context import Lexicon
from medlint.engine.engine import DEFAULT_TIMEOUT, Engine, RuleProblem, TextResult
from medlint.filters import suppress
from medlint.filters.overlap import merged
from medlint.filters.selection import Selection
from medlint.findings import Finding
from medlint.read.chunking import Chunk, split
from medlint.read.limits import DEFAULT_MAX_FILE_SIZE
from medlint.read.source import Format, is_mdx
from medlint.rules.loader import (
    builtin_pack_paths,
    expand_paths,
    load_rules,
    with_readability_grade,
)
from medlint.rules.profile import Profile
from medlint.rules.rule import Rule

if TYPE_CHECKING:
    from medlint.engine.parallel import Pool

__all__ = ["DEFAULT_TIMEOUT", "Linter", "RuleProblem", "default_linter"]


class Linter:
    """Loaded, selected rules and the lexicon; call :meth:`lint_text` or :meth:`lint_file`
    many times. Every method checks its arguments: a wrong one raises ``ArgumentError``."""

    def __init__(
        self,
        *,
        rules: Iterable[str | Path] = (),
        builtin: bool = True,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        readability_grade: float | None = None,
        suppressions: bool = True,
        severities: Mapping[str, str] | None = None,
        lexicon: Lexicon | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        prefilter: bool = True,
        max_file_size: int | str = DEFAULT_MAX_FILE_SIZE,
    ) -> None:
        check = arguments
        where = "Linter"
        packs = check.rule_packs(rules, where)
        builtin = check.flag(builtin, "builtin", where)
        chosen_ids = None if select is None else check.selectors(select, "select", where)
        extend_select = check.selectors(extend_select, "extend_select", where)
        ignore = check.selectors(ignore, "ignore", where)
        readability_grade = check.number(readability_grade, "readability_grade", where)
        self.suppressions = check.flag(suppressions, "suppressions", where)
        severities = check.severities(severities, where)
        if lexicon is not None and not isinstance(lexicon, Lexicon):
            raise check.fail(where, "'lexicon' must be a medlint.context.Lexicon (or None)")
        timeout = check.number(timeout, "timeout", where)
        prefilter = check.flag(prefilter, "prefilter", where)
        self.max_file_size = check.size(max_file_size, where)
        shipped = builtin_pack_paths() if builtin else []
        paths = shipped + expand_paths(packs)
        self.all_rules: tuple[Rule, ...] = tuple(load_rules(paths, builtin=shipped))
        self.selection = Selection(
            self.all_rules,
            select=chosen_ids,
            extend_select=extend_select,
            ignore=ignore,
            severities=severities,
        )
        chosen = self.selection.rules
        if readability_grade is not None:
            chosen = tuple(with_readability_grade(r, readability_grade) for r in chosen)
        self.rules: tuple[Rule, ...] = chosen
        self._standalone = frozenset(r.id for r in self.all_rules if r.whole_document)
        # How a worker process builds the same engine (see medlint.engine.parallel).
        recipe = {
            "paths": [str(p) for p in paths],
            "builtin": [str(p) for p in shipped],
            "ids": [r.id for r in chosen],
            "readability_grade": readability_grade,
            "severities": {k: v.value for k, v in self.selection.severities.items()},
            "timeout": timeout,
            "prefilter": prefilter,
        }
        self.engine = Engine(
            chosen,
            severities=self.selection.severities,
            lexicon=lexicon,
            timeout=timeout,
            prefilter=prefilter,
            recipe=recipe,
        )

    def resolve(self, token: str) -> frozenset[str] | None:
        """Rule ids a selector stands for (id, name, id prefix, category or ALL), else None."""
        if not isinstance(token, str):
            raise arguments.fail("resolve", f"'token' must be a str, not {type(token).__name__}")
        return self.selection.resolve(token)

    def rule(self, key: str) -> Rule | None:
        """The rule with this id or name (case-insensitive id), loaded or not selected."""
        if not isinstance(key, str):
            raise arguments.fail("rule", f"'key' must be a str, not {type(key).__name__}")
        return self.selection.rule(key)

    def lint_text(
        self,
        text: str,
        format: Format = "text",
        path: str | None = None,
        problems: list[RuleProblem] | None = None,
        jobs: int = 1,
        *,
        profiles: list[Profile] | None = None,
    ) -> list[Finding]:
        """Findings for one text, sorted by position (offsets count from after a BOM).

        ``jobs`` > 1 spreads the chunks of a long text over worker processes; ``profiles``, if
        given, receives how the text was read (see :meth:`lint_chunks`)."""
        text = arguments.text(text, "lint_text")
        format = arguments.format_name(format, "lint_text")
        path = arguments.path(path, "lint_text", optional=True)
        problems = arguments.problems(problems, "lint_text")
        jobs = arguments.jobs(jobs, "lint_text")
        if text.startswith("\ufeff"):
            text = text[1:]
        chunks = split(text, format)
        if is_mdx(path):
            chunks = _masked(chunks)
        return self.lint_chunks(chunks, format, path, problems, jobs=jobs, profiles=profiles)

    def lint_file(
        self,
        path: str | Path,
        format: Format | None = None,
        problems: list[RuleProblem] | None = None,
        jobs: int = 1,
        *,
        pool: Pool | None = None,
        profiles: list[Profile] | None = None,
    ) -> list[Finding]:
        """Findings for one file, read in chunks (memory is bounded by the paragraph). Only a
        regular file of at most ``max_file_size`` bytes is read; else ``InputError``.
        ``jobs`` > 1 or a ``pool`` (see :mod:`medlint.engine.parallel`) spreads the chunks;
        ``profiles``, if given, receives how the file was read (see :meth:`lint_chunks`)."""
        from medlint.read.source import format_for

        name = arguments.path(path, "lint_file")
        assert name is not None
        chosen = format_for(name) if format is None else arguments.format_name(format, "lint_file")
        problems = arguments.problems(problems, "lint_file")
        jobs = arguments.jobs(jobs, "lint_file")
        chunks = source_chunks(Path(name), chosen, name, self.max_file_size)
        return self.lint_chunks(
            chunks, chosen, name, problems, jobs=jobs, pool=pool, profiles=profiles
        )

    def lint_chunks(
        self,
        chunks: Iterable[Chunk],
        format: Format,
        path: str | None = None,
        problems: list[RuleProblem] | None = None,
        *,
        rules: Sequence[Rule] | None = None,
        suppressions: bool | None = None,
        jobs: int = 1,
        profiles: list[Profile] | None = None,
        pool: Pool | None = None,
    ) -> list[Finding]:
        """The pipeline over a text's chunks: the engine runs the rules, then the filters.
        ``profiles``, if given, receives how the text was read (see ``rules.profile``)."""
        format = arguments.format_name(format, "lint_chunks")
        path = arguments.path(path, "lint_chunks", optional=True)
        problems = arguments.problems(problems, "lint_chunks")
        jobs = arguments.jobs(jobs, "lint_chunks")
        pool = arguments.pool(pool, "lint_chunks")
        apply_suppressions = self.suppressions if suppressions is None else suppressions
        if (jobs > 1 or pool is not None) and rules is None and self.engine.recipe is not None:
            from medlint.engine.parallel import run_in_workers

            result = run_in_workers(self.engine, chunks, format, path, jobs, pool)
        else:
            result = self.engine.run(
                chunks, format, path, rules=rules, directives=apply_suppressions
            )
        if problems is not None:
            problems.extend(result.problems)
        if profiles is not None:
            profiles.append(result.profile)
        return self._filtered(result, path, apply_suppressions)

    def lint_batch(
        self,
        texts: Sequence[tuple[Sequence[Chunk], Format, str | None]],
        *,
        profiles: list[Profile] | None = None,
    ) -> list[tuple[list[Finding], list[RuleProblem]]]:
        """For each text, given as its chunks with its format and path: the findings and the
        rules skipped, as :meth:`lint_chunks` gives them, but with the literal prefilter run
        once over all the texts, so many small files share its fixed cost. ``profiles``, if
        given, receives how each text was read, in order."""
        texts = arguments.batch(texts)
        results = self.engine.run_batch(texts)
        if profiles is not None:
            profiles.extend(result.profile for result in results)
        return [
            (self._filtered(result, path, self.suppressions), result.problems)
            for result, (_, _, path) in zip(results, texts, strict=True)
        ]

    def _filtered(self, result: TextResult, path: str | None, apply: bool) -> list[Finding]:
        findings = result.findings
        if apply and result.directives:
            findings = suppress.apply(
                findings, result.directives, self.selection, last_line=result.last_line, path=path
            )
        findings.sort(key=lambda f: f.sort_key)
        return merged(findings, self._standalone)


def source_chunks(
    path: Path, format: Format, display: str | None = None, limit: int = DEFAULT_MAX_FILE_SIZE
) -> Iterator[Chunk]:
    """A file's chunks as the rules read them (see ``read_chunks``); MDX's JSX and ES module
    lines masked (``document.markup.mask_mdx``)."""
    from medlint.read.source import read_chunks

    chunks = read_chunks(path, format, display, limit)
    return _masked(chunks) if is_mdx(path) else chunks


def _masked(chunks: Iterable[Chunk]) -> Iterator[Chunk]:
    from medlint.document.markup import mask_mdx

    for chunk in chunks:
        yield chunk._replace(text=mask_mdx(chunk.text))


@cache
def default_linter() -> Linter:
    """A Linter with the built-in rules, built on first use and then shared (it is immutable)."""
    return Linter()
