"""The engine: runs compiled rules over the chunks of a text and gathers their findings.

An :class:`Engine` holds only immutable state once built (the chosen rules, their severities,
the lexicon, the prefilter), so one instance can serve many threads. It knows nothing of
selection by name, suppression comments' effect, per-file ignores or baselines: those are the
filters, applied to what it returns (see :mod:`medlint.linter`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from time import perf_counter
from typing import Any, NamedTuple

from medlint.context import Lexicon, default_lexicon
from medlint.document import Document, Format
from medlint.document.directives import Directive, find_directives
from medlint.engine.prefilter import Candidates, Prefilter
from medlint.findings import Finding, Severity
from medlint.read.chunking import Chunk
from medlint.rules.profile import Profile, ProfileSpec, builtin_spec, merge_counts
from medlint.rules.rule import Rule
from medlint.rules.view import Hit, Located, Scan

DEFAULT_TIMEOUT = 2.0  # seconds one rule may spend on one text


class RuleProblem(NamedTuple):
    """A rule that could not finish on a text (e.g. its pattern timed out); it was skipped."""

    rule: str
    path: str | None
    problem: str

    def __str__(self) -> str:
        return f"{self.path or '<text>'}: rule {self.rule} skipped: {self.problem}"


class TextResult(NamedTuple):
    """What the rules found in one text, before the filters."""

    findings: list[Finding]
    directives: list[Directive]
    problems: list[RuleProblem]
    last_line: int
    profile: Profile


class Engine:
    """Chosen, compiled rules; :meth:`run` reads a text's chunks through them.

    ``recipe`` is how a worker process builds the same engine (see
    :mod:`medlint.engine.parallel`); None when it cannot (a custom lexicon)."""

    def __init__(
        self,
        rules: Sequence[Rule],
        *,
        severities: Mapping[str, Severity] | None = None,
        lexicon: Lexicon | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        prefilter: bool = True,
        recipe: Mapping[str, Any] | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.severities = dict(severities or {})
        self.lexicon = lexicon or default_lexicon()
        self.timeout = timeout
        self.prefilter_enabled = prefilter
        self.recipe = recipe if lexicon is None else None
        self.profiles: ProfileSpec = builtin_spec()
        self._prefilter: list[Prefilter] = []  # built on first use, then never changed

    def severity_of(self, rule: Rule) -> Severity:
        return self.severities.get(rule.id, rule.severity)

    def prefilter(self) -> Prefilter:
        """The literal prefilter for the rules (built once, on first use)."""
        if not self._prefilter:
            self._prefilter.append(Prefilter(self.rules))
        return self._prefilter[0]

    def run(
        self,
        chunks: Iterable[Chunk],
        format: Format,
        path: str | None = None,
        *,
        rules: Sequence[Rule] | None = None,
        directives: bool = True,
    ) -> TextResult:
        """Each chunk becomes a Document that the rules read (whole-document rules gather
        evidence); then the whole-document conclusions. (:mod:`medlint.engine.parallel`
        spreads the chunks of a long text over processes.)"""
        run = TextRun(self, format, path, rules, directives)
        for chunk in chunks:
            run.read(chunk)
        return run.finish()

    def run_batch(
        self, texts: Sequence[tuple[Sequence[Chunk], Format, str | None]]
    ) -> list[TextResult]:
        """:meth:`run` of each text, given as its chunks with its format and path, with the
        literal prefilter run once over all the texts, so many small files share its fixed
        cost. The chunks are all held at once: meant for batches of small files."""
        runs: list[TextRun] = []
        owners: list[TextRun] = []  # the run each scan belongs to
        scans: list[Scan] = []
        for chunks, format, path in texts:
            run = TextRun(self, format, path)
            runs.append(run)
            for chunk in chunks:
                owners.append(run)
                scans.append(run.scan(chunk))
        found: Sequence[Candidates | None] = [None] * len(scans)
        if self.prefilter_enabled:
            found = self.prefilter().candidates_many([(s.document, s.lowered) for s in scans])
        for run, scan, candidates in zip(owners, scans, found, strict=True):
            run.apply(scan, candidates)
        return [run.finish() for run in runs]


def profile_of(chunks: Iterable[Chunk], format: Format, spec: ProfileSpec | None = None) -> Profile:
    """How a text reads as a page (see :mod:`medlint.rules.profile`), without running rules."""
    spec = spec or builtin_spec()
    counts: dict[str, dict[str, int]] = {}
    for chunk in chunks:
        spec.count(Document(chunk.text, format).prose, counts)
    return spec.decide(counts)


class TextRun:
    """The state of linting one text, chunk by chunk: what whole-document rules have seen,
    the time each rule has spent, the findings and suppression comments so far."""

    def __init__(
        self,
        engine: Engine,
        format: Format,
        path: str | None,
        rules: Sequence[Rule] | None = None,
        directives: bool = True,
    ) -> None:
        self.engine = engine
        self.format = format
        self.path = path
        self.use_prefilter = engine.prefilter_enabled and rules is None  # built for engine.rules
        self.rules = engine.rules if rules is None else rules
        self.keep_directives = directives
        self.whole = {r.id: r.checker.start() for r in self.rules if r.whole_document}  # type: ignore[attr-defined]
        self.failed: set[str] = set()
        self.spent: dict[str, float] = {}
        self.findings: list[Finding] = []
        self.directives: list[Directive] = []
        self.problems: list[RuleProblem] = []
        self.last_line = 1
        self.profile_counts: dict[str, dict[str, int]] = {}  # cues of each kind of page
        self.unsubjected: set[int] = set()  # findings whose claim names no subject nearby

    def read(self, chunk: Chunk) -> None:
        scan = self.scan(chunk)
        candidates = None
        if self.use_prefilter:
            candidates = self.engine.prefilter().candidates(scan.document, scan.lowered)
        self.apply(scan, candidates)

    def scan(self, chunk: Chunk) -> Scan:
        """The chunk as a document, ready for the rules."""
        document = Document(chunk.text, self.format, self.path)
        return Scan(document, self.engine.lexicon, self.engine.timeout, chunk)

    def apply(self, scan: Scan, candidates: Candidates | None) -> None:
        """Run the rules on one scanned chunk, each on its candidate sentences."""
        chunk, document = scan.chunk, scan.document
        self.engine.profiles.count(document.prose, self.profile_counts, scan.lowered)
        for rule in self.rules:
            if rule.id in self.failed:
                continue
            sentences: Sequence[int] | None = None
            among = None
            if candidates is not None and rule.anchors is not None:
                sentences = candidates.sentences.get(rule.id)
                if sentences is None:
                    if rule.id not in self.whole:
                        continue
                    sentences = ()
                among = candidates.patterns.get(rule.id)
            self._apply(rule, scan, sentences, among)
        if self.keep_directives and "medlint" in chunk.text:
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
        among: Sequence[int] | None = None,
    ) -> None:
        """Run one rule on one chunk, within the rule's time budget for the whole text.

        Built-in rules run on ``re`` (vetted by tests); users' rules on ``regex``, whose
        timeout gets what is left of the budget, and which are dropped once it is spent."""
        timeout = self.engine.timeout
        if timeout is not None:
            scan.timeout = max(timeout - self.spent.get(rule.id, 0.0), 0.001)
        started = perf_counter()
        hits: list[Hit] = []
        timed_out = False
        try:
            if rule.id in self.whole:
                rule.checker.collect(self.whole[rule.id], scan, sentences, among)  # type: ignore[attr-defined]
            else:
                severity = self.engine.severity_of(rule)
                hits = list(rule.checker.check(scan, severity, sentences, among))
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
            if not hit.subjected:
                self.unsubjected.add(len(self.findings))
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
            "profile_counts": self.profile_counts,
            "unsubjected": self.unsubjected,
        }

    def absorb(self, partial: Mapping[str, Any]) -> None:
        """Add a later stretch of the text, gathered by another run (a worker's)."""
        base = len(self.findings)
        self.unsubjected |= {base + number for number in partial["unsubjected"]}
        self.findings.extend(partial["findings"])
        self.directives.extend(partial["directives"])
        known = {(p.rule, p.problem) for p in self.problems}
        self.problems.extend(p for p in partial["problems"] if (p.rule, p.problem) not in known)
        self.failed |= partial["failed"]
        self.last_line = max(self.last_line, partial["last_line"])
        merge_counts(self.profile_counts, partial["profile_counts"])
        for rule in self.rules:
            if rule.id in self.whole and rule.id in partial["whole"]:
                checker: Any = rule.checker
                self.whole[rule.id] = checker.merge(self.whole[rule.id], partial["whole"][rule.id])

    def finish(self) -> TextResult:
        """The findings of every rule (whole-document conclusions last, unsorted), read in the
        light of the page's profile, with the suppression comments seen: the filters come next."""
        findings = self.findings
        for rule in self.rules:
            if rule.id in self.whole and rule.id not in self.failed:
                severity = self.engine.severity_of(rule)
                conclusions = rule.checker.conclude(self.whole[rule.id], severity)  # type: ignore[attr-defined]
                for located, level, values in conclusions:
                    findings.append(_finding(rule, located, level, values, self.path))
        profile = self.engine.profiles.decide(self.profile_counts)
        findings = _in_profile(findings, profile.name, self.rules, self.unsubjected)
        return TextResult(findings, self.directives, self.problems, self.last_line, profile)


def _in_profile(
    findings: list[Finding], profile: str, rules: Sequence[Rule], unsubjected: set[int]
) -> list[Finding]:
    """The findings that stand on a page of this profile: each rule's ``profile`` policy
    (``only``, ``skip``, ``lower``), and a claim without its subject nearby only on a
    promotional page. Each finding is stamped with the profile."""
    policies = {rule.id: rule.profile for rule in rules if rule.profile}
    kept: list[Finding] = []
    for number, finding in enumerate(findings):
        policy = policies.get(finding.rule)
        severity = finding.severity
        if number in unsubjected and profile != "promotional":
            continue
        if policy:
            only = policy.get("only")
            if (only and profile not in only) or profile in policy.get("skip", ()):
                continue
            if profile in policy.get("lower", ()):
                severity = severity.lowered()
        kept.append(finding._replace(severity=severity, profile=profile))
    return kept


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
