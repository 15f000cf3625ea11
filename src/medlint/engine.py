"""The Linter: compiles the rules once, then lints any number of texts.

A Linter holds only immutable state once built (compiled rules, the lexicon), so one instance can
serve many threads: what a CMS plugin keeps between requests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from time import perf_counter
from typing import Any, NamedTuple

from medlint.chunking import Chunk, split
from medlint.context import Lexicon, default_lexicon
from medlint.document import FORMATS, Document, Format
from medlint.errors import ConfigError
from medlint.findings import Category, Finding, Severity
from medlint.prefilter import Candidates, Prefilter
from medlint.ruleset import Rule, builtin_pack_paths, expand_paths, load_rules
from medlint.scan import Hit, Located, Scan
from medlint.suppress import META_RULES, Directive, Name, find_directives
from medlint.suppress import apply as apply_suppressions

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one text


class RuleProblem(NamedTuple):
    """A rule that could not finish on a text (e.g. its pattern timed out); it was skipped."""

    rule: str
    path: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.path or '<text>'}: rule {self.rule} skipped: {self.problem}"


class Linter:
    """Compiled rules and lexicon; call :meth:`lint_text` or :meth:`lint_file` many times."""

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
    ) -> None:
        rules, extend_select, ignore = list(rules), list(extend_select), list(ignore)
        select = None if select is None else list(select)
        # How to build the same Linter in a worker process (see ``lint_chunks(jobs=...)``).
        self.recipe: dict[str, Any] = {
            "rules": [str(r) for r in rules],
            "builtin": builtin,
            "select": select,
            "extend_select": extend_select,
            "ignore": ignore,
            "readability_grade": readability_grade,
            "suppressions": suppressions,
            "severities": dict(severities or {}),
            "timeout": timeout,
            "prefilter": prefilter,
        }
        shipped = builtin_pack_paths() if builtin else []
        paths = shipped + expand_paths(rules)
        self.all_rules: tuple[Rule, ...] = tuple(load_rules(paths, builtin=shipped))
        self.meta_rules = frozenset(meta[0] for meta in META_RULES)
        self.rules: tuple[Rule, ...] = self._choose(select, extend_select, ignore)
        if readability_grade is not None:
            self.rules = tuple(_with_grade(r, readability_grade) for r in self.rules)
        self.suppressions = suppressions
        self.severities = self._severities(severities or {})
        self.lexicon = lexicon or default_lexicon()
        self.timeout = timeout
        self.prefilter_enabled = prefilter
        self._prefilter: list[Prefilter] = []  # built on first use, then never changed

    # --- selection ------------------------------------------------------------------------------

    def resolve(self, token: str) -> frozenset[str] | None:
        """Rule ids a selector stands for (id, name, id prefix, category or ALL), else None."""
        token = token.strip()
        if token.upper() == "ALL":
            return frozenset(r.id for r in self.all_rules)
        found = frozenset(
            r.id
            for r in self.all_rules
            if token in (r.id, r.name, r.category.value) or r.id.startswith(token)
        )
        if not found and any(token in meta for meta in META_RULES):
            return frozenset(meta[0] for meta in META_RULES if token in meta)
        return found or None

    def _matching(self, token: str, option: str) -> list[Rule]:
        ids = self.resolve(token)
        found = [r for r in self.all_rules if ids is not None and r.id in ids]
        if ids is None:
            words = [w for r in self.all_rules for w in (r.id, r.name)] + [
                c.value for c in Category
            ]
            from difflib import get_close_matches

            close = get_close_matches(token, words, n=1)
            raise ConfigError(
                f"{option}: no rule, name or category '{token}'",
                path="<options>",
                hint=f"did you mean '{close[0]}'?" if close else "see `medlint rules`",
            )
        return found

    def _choose(
        self, select: Iterable[str] | None, extend_select: Iterable[str], ignore: Iterable[str]
    ) -> tuple[Rule, ...]:
        if select is None:
            chosen = {r.id for r in self.all_rules if r.enabled}
        else:
            chosen = {r.id for token in select for r in self._matching(token, "select")}
        for token in extend_select:
            chosen |= {r.id for r in self._matching(token, "extend-select")}
        for token in ignore:
            chosen -= {r.id for r in self._matching(token, "ignore")}
            self.meta_rules -= self.resolve(token) or frozenset()
        return tuple(r for r in self.all_rules if r.id in chosen)

    def _severities(self, overrides: Mapping[str, str]) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        for token, level in overrides.items():
            if level not in {s.value for s in Severity}:
                raise ConfigError(
                    f"severity for '{token}' must be error, warning or info, got {level!r}",
                    path="<options>",
                )
            for rule in self._matching(token, "severity"):
                result[rule.id] = Severity(level)
        return result

    def rule(self, key: str) -> Rule | None:
        """The rule with this id or name (case-insensitive id), loaded or not selected."""
        for rule in self.all_rules:
            if key in (rule.id, rule.name) or key.upper() == rule.id.upper():
                return rule
        return None

    # --- linting --------------------------------------------------------------------------------

    def lint_text(
        self,
        text: str,
        format: Format = "text",
        path: str | None = None,
        problems: list[RuleProblem] | None = None,
        jobs: int = 1,
    ) -> list[Finding]:
        """Findings for one text, sorted by position (offsets count from after a BOM).

        ``jobs`` > 1 spreads the chunks of a long text over worker processes."""
        format = _check_format(format)
        if text.startswith("\ufeff"):
            text = text[1:]
        return self.lint_chunks(split(text, format), format, path, problems, jobs=jobs)

    def lint_file(
        self,
        path: str | Path,
        format: Format | None = None,
        problems: list[RuleProblem] | None = None,
        jobs: int = 1,
    ) -> list[Finding]:
        """Findings for one file, read in chunks (memory is bounded by the paragraph)."""
        from medlint.source import format_for, read_chunks

        chosen = _check_format(format) if format else format_for(path)
        chunks = read_chunks(Path(path), chosen, str(path))
        return self.lint_chunks(chunks, chosen, str(path), problems, jobs=jobs)

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
    ) -> list[Finding]:
        """The pipeline: each chunk becomes a Document that the rules read (whole-document
        rules gather evidence); then whole-document conclusions, suppressions, sorting.

        With ``jobs`` > 1, batches of chunks go to worker processes; their partial results
        are merged in order, so the findings are the same as with one process."""
        run = _TextRun(self, format, path, rules, suppressions)
        # Workers rebuild this Linter from its recipe, which holds no custom lexicon.
        if jobs > 1 and rules is None and self.lexicon is default_lexicon():
            from medlint.parallel import read_in_workers

            read_in_workers(run, chunks, jobs)
        else:
            for chunk in chunks:
                run.read(chunk)
        findings = run.finish()
        if problems is not None:
            problems.extend(run.problems)
        return findings

    def lint_batch(
        self, texts: Sequence[tuple[Sequence[Chunk], Format, str | None]]
    ) -> list[tuple[list[Finding], list[RuleProblem]]]:
        """For each text, given as its chunks with its format and path: the findings and the
        rules skipped, as :meth:`lint_chunks` gives them, but with the literal prefilter run
        once over all the texts, so many small files share its fixed cost. The chunks are all
        held at once: meant for batches of small files."""
        runs: list[_TextRun] = []
        owners: list[_TextRun] = []  # the run each scan belongs to
        scans: list[Scan] = []
        for chunks, format, path in texts:
            run = _TextRun(self, format, path, None, None)
            runs.append(run)
            for chunk in chunks:
                owners.append(run)
                scans.append(run.scan(chunk))
        if self.prefilter_enabled:
            found = self.prefilter().candidates_many([(s.document, s.lowered) for s in scans])
        else:
            found = [None] * len(scans)
        for run, scan, candidates in zip(owners, scans, found, strict=True):
            run.apply(scan, candidates)
        return [(run.finish(), run.problems) for run in runs]

    def severity_of(self, rule: Rule) -> Severity:
        return self.severities.get(rule.id, rule.severity)

    def _suppress(
        self, findings: list[Finding], directives: list[Directive], last_line: int, path: str | None
    ) -> list[Finding]:
        def note(meta: tuple[str, str], name: Name, message: str) -> Finding:
            return Finding(
                rule=meta[0],
                name=meta[1],
                category=Category.SUPPRESSION,
                severity=Severity.WARNING,
                template=message.replace("{", "{{").replace("}", "}}"),
                match=name.text,
                suggestion="Remove the comment, or name the rule it is meant to suppress.",
                path=path,
                start=name.start,
                end=name.end,
                line=name.line,
                column=name.column,
                end_line=name.end_line,
                end_column=name.end_column,
            )

        known = [w for r in self.all_rules for w in (r.id, r.name)]
        known += [c.value for c in Category]
        kept, notes = apply_suppressions(
            findings,
            directives,
            resolve=self.resolve,
            known_names=known,
            last_line=last_line,
            make_note=note,
        )
        return kept + [n for n in notes if n.rule in self.meta_rules]

    def prefilter(self) -> Prefilter:
        """The literal prefilter for the selected rules (built once, on first use)."""
        if not self._prefilter:
            self._prefilter.append(Prefilter(self.rules))
        return self._prefilter[0]


class _TextRun:
    """The state of linting one text, chunk by chunk: what whole-document rules have seen,
    the time each rule has spent, the findings and suppression comments so far."""

    def __init__(
        self,
        linter: Linter,
        format: Format,
        path: str | None,
        rules: Sequence[Rule] | None,
        suppressions: bool | None,
    ) -> None:
        self.linter = linter
        self.format = format
        self.path = path
        self.use_prefilter = linter.prefilter_enabled and rules is None  # built for linter.rules
        self.rules = linter.rules if rules is None else rules
        self.suppress = linter.suppressions if suppressions is None else suppressions
        self.whole = {r.id: r.checker.start() for r in self.rules if r.whole_document}  # type: ignore[attr-defined]
        self.failed: set[str] = set()
        self.spent: dict[str, float] = {}
        self.findings: list[Finding] = []
        self.directives: list[Directive] = []
        self.problems: list[RuleProblem] = []
        self.last_line = 1

    def read(self, chunk: Chunk) -> None:
        scan = self.scan(chunk)
        candidates = None
        if self.use_prefilter:
            candidates = self.linter.prefilter().candidates(scan.document, scan.lowered)
        self.apply(scan, candidates)

    def scan(self, chunk: Chunk) -> Scan:
        """The chunk as a document, ready for the rules."""
        document = Document(chunk.text, self.format, self.path)
        return Scan(document, self.linter.lexicon, self.linter.timeout, chunk)

    def apply(self, scan: Scan, candidates: dict[str, Candidates] | None) -> None:
        """Run the rules on one scanned chunk, each on its candidate sentences."""
        chunk, document = scan.chunk, scan.document
        for rule in self.rules:
            if rule.id in self.failed:
                continue
            sentences: Sequence[int] | None = None
            clauses: Sequence[int] | None = None
            if candidates is not None and rule.anchors is not None:
                found = candidates.get(rule.id)
                if found is None and rule.id not in self.whole:
                    continue
                sentences, clauses = found or ((), None)
            self._apply(rule, scan, sentences, clauses)
        if self.suppress and "medlint" in chunk.text:
            self.directives += find_directives(
                chunk.text,
                self.format,
                offset=chunk.start,
                place=scan.place,
                next_line=partial(_next_content_line, scan),
            )
        self.last_line = chunk.line + document.line_count - 1

    def _apply(
        self,
        rule: Rule,
        scan: Scan,
        sentences: Sequence[int] | None,
        clauses: Sequence[int] | None = None,
    ) -> None:
        """Run one rule on one chunk, within the rule's time budget for the whole text.

        Built-in rules run on ``re`` (vetted by tests); users' rules on ``regex``, whose
        timeout gets what is left of the budget, and which are dropped once it is spent."""
        timeout = self.linter.timeout
        if timeout is not None:
            scan.timeout = max(timeout - self.spent.get(rule.id, 0.0), 0.001)
        started = perf_counter()
        hits: list[Hit] = []
        timed_out = False
        try:
            if rule.id in self.whole:
                rule.checker.collect(self.whole[rule.id], scan, sentences)  # type: ignore[attr-defined]
            else:
                severity = self.linter.severity_of(rule)
                hits = list(rule.checker.check(scan, severity, sentences, clauses))
        except TimeoutError:
            timed_out = True
        self.spent[rule.id] = self.spent.get(rule.id, 0.0) + perf_counter() - started
        over_budget = not rule.builtin and timeout is not None and self.spent[rule.id] > timeout * 2
        if timed_out or over_budget:
            self.failed.add(rule.id)
            self.problems.append(RuleProblem(rule.id, self.path, f"took over {timeout} s"))
            return
        for hit in hits:
            located = scan.locate(hit.start, hit.end)
            self.findings.append(_finding(rule, located, hit.severity, hit.values, self.path))

    def partial(self) -> dict[str, object]:
        """What this run has gathered, to be absorbed by the run that owns the whole text."""
        return {
            "findings": self.findings,
            "whole": self.whole,
            "failed": self.failed,
            "directives": self.directives,
            "problems": self.problems,
            "last_line": self.last_line,
        }

    def absorb(self, partial: Mapping[str, Any]) -> None:
        """Add a later stretch of the text, gathered by another run (a worker's)."""
        self.findings.extend(partial["findings"])
        self.directives.extend(partial["directives"])
        known = {(p.rule, p.problem) for p in self.problems}
        self.problems.extend(p for p in partial["problems"] if (p.rule, p.problem) not in known)
        self.failed |= partial["failed"]
        self.last_line = max(self.last_line, partial["last_line"])
        for rule in self.rules:
            if rule.id in self.whole and rule.id in partial["whole"]:
                checker: Any = rule.checker
                self.whole[rule.id] = checker.merge(self.whole[rule.id], partial["whole"][rule.id])

    def finish(self) -> list[Finding]:
        findings = self.findings
        for rule in self.rules:
            if rule.id in self.whole and rule.id not in self.failed:
                severity = self.linter.severity_of(rule)
                conclusions = rule.checker.conclude(self.whole[rule.id], severity)  # type: ignore[attr-defined]
                for located, level, values in conclusions:
                    findings.append(_finding(rule, located, level, values, self.path))
        if self.directives:
            findings = self.linter._suppress(findings, self.directives, self.last_line, self.path)
        findings.sort(key=lambda f: f.sort_key)
        return findings


def _next_content_line(scan: Scan, line: int) -> int:
    """The next line with content after whole-text ``line``, looked for within the chunk."""
    relative = line - scan.chunk.line + 1
    return scan.document.next_content_line(relative) + scan.chunk.line - 1


def _finding(
    rule: Rule,
    located: Located,
    severity: Severity,
    values: Mapping[str, object] | None,
    path: str | None,
) -> Finding:
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=severity,
        template=rule.message,
        values=values or None,
        match=located.match,
        suggestion=rule.suggest,
        path=path,
        start=located.start,
        end=located.end,
        line=located.line,
        column=located.column,
        end_line=located.end_line,
        end_column=located.end_column,
        shown="" if located.shown == located.match else located.shown,
        sentence=located.sentence,
    )


def _with_grade(rule: Rule, grade: float) -> Rule:
    """The rule with the target reading grade applied, if it measures grade level."""
    if rule.kind != "metric" or rule.options.get("metric") != "grade_level":
        return rule
    from types import MappingProxyType

    return rule._replace(
        options=MappingProxyType({**rule.options, "threshold": float(grade)}), compiled={}
    )


def _check_format(format: str) -> Format:
    if format not in FORMATS:
        raise ConfigError(
            f"unknown format {format!r}", path="<options>", hint="expected text, markdown or html"
        )
    return format


@cache
def default_linter() -> Linter:
    """A Linter with the built-in rules, built on first use and then shared (it is immutable)."""
    return Linter()
