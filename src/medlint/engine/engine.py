"""The engine: runs compiled rules over the chunks of a text and gathers their findings.

An :class:`Engine` holds only immutable state once built (the chosen rules, their severities,
the lexicon, the prefilter), so one instance can serve many threads. It knows nothing of
selection by name, suppression comments' effect, per-file ignores or baselines: those are the
filters, applied to what it returns (see :mod:`medlint.linter`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

from medlint.context import Lexicon, default_lexicon
from medlint.document import Document, Format
from medlint.document.directives import Directive, find_directives
from medlint.engine.prefilter import Candidates, Prefilter
from medlint.findings import Finding, Severity
from medlint.read.chunking import Chunk
from medlint.rules.profile import Profile, ProfileSpec, builtin_spec, merge_counts
from medlint.rules.rule import Rule
from medlint.rules.view import Hit, Located, Scan, link

DEFAULT_TIMEOUT = 2.0  # seconds of CPU time one search of a user's rule may take


class RuleProblem(NamedTuple):
    """A rule that could not finish on a text (a search timed out); it was skipped there."""

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


# A rule's hit before the page's profile is known: the rule's id, where it is, how severe and
# the values of its message. The Finding is built once, when the profile decides whether it
# stands and how severe it is (see _in_profile).
Found = tuple[str, Located, Severity, Mapping[str, object] | None]


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
        # Pattern rules excused by their ``unless`` anywhere in the text (see TextRun).
        self.excusable = frozenset(
            r.id
            for r in self.rules
            if r.kind == "pattern" and r.options.get("unless")
            if r.options.get("unless_scope") == "document"
        )
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
        for k in range(1, len(scans)):
            if owners[k] is owners[k - 1]:
                link(scans[k - 1], scans[k])
        for run, scan, candidates in zip(owners, scans, found, strict=True):
            run.apply(scan, candidates)
        return [run.finish() for run in runs]


class TextRun:
    """The state of linting one text, chunk by chunk: what whole-document rules have seen,
    the rules that failed on it, the hits and suppression comments so far."""

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
        self.found: list[Found] = []
        self.directives: list[Directive] = []
        self.problems: list[RuleProblem] = []
        self.last_line = 1
        self.profile_counts: dict[str, dict[str, int]] = {}  # cues of each kind of page
        self.unsubjected: set[int] = set()  # hits whose claim names no subject nearby
        # Rules excused by their ``unless`` anywhere in the text (``unless_scope: document``,
        # ``Engine.excusable``): looked for once per chunk, their findings dropped at the end.
        self.excused: set[str] = set()
        self._pending: Scan | None = None  # read, waiting for the chunk after it
        self._only_context = False  # the pending scan is another run's, read for context

    def read(self, chunk: Chunk) -> None:
        """Scan a chunk, and run the rules on the chunk before it, now that what follows its
        cut is known (a subject, an excuse or a suppressed line may stand across a cut)."""
        scan = self.scan(chunk)
        if self._pending is not None:
            link(self._pending, scan)
            self.flush()
        self._pending = scan

    def context(self, chunk: Chunk) -> None:
        """Read the chunk before the first one this run reads, for what follows its cut only."""
        self._pending, self._only_context = self.scan(chunk), True

    def flush(self, after: Chunk | None = None) -> None:
        """Run the rules on the chunk read last; ``after``: the chunk that follows it, read by
        another run (a worker's), seen for what follows the cut only."""
        scan, only_context = self._pending, self._only_context
        self._pending, self._only_context = None, False
        if scan is None or only_context:
            return
        if after is not None:
            link(scan, self.scan(after))
        candidates = None
        if self.use_prefilter:
            candidates = self.engine.prefilter().candidates(scan.document, scan.lowered)
        self.apply(scan, candidates)

    def scan(self, chunk: Chunk) -> Scan:
        """The chunk as a document, ready for the rules."""
        document = _document(chunk, self.format, self.path)
        return Scan(document, self.engine.lexicon, self.engine.timeout, chunk)

    def apply(self, scan: Scan, candidates: Candidates | None) -> None:
        """Run the rules on one scanned chunk, each on its candidate sentences."""
        chunk, document = scan.chunk, scan.document
        self.engine.profiles.count(document.prose, self.profile_counts, scan.lowered)
        for rule in self.rules:
            if rule.id in self.failed:
                continue
            if rule.id in self.engine.excusable and self._excused(rule, scan):
                continue  # its findings go at the end: no need to look for more
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
        """Run one rule on one chunk.

        Built-in rules run on ``re`` (vetted by tests); users' rules on ``regex``, each search
        within the engine's timeout, counted in CPU time: the same budget whatever the load of
        the machine or the threads sharing the process. A rule whose search runs out is a
        problem of that rule on this text (reported, an exit 2), not run on the rest of it."""
        hits: list[Hit] = []
        try:
            if rule.id in self.whole:
                rule.checker.collect(self.whole[rule.id], scan, sentences, among)  # type: ignore[attr-defined]
            else:
                severity = self.engine.severity_of(rule)
                hits = list(rule.checker.check(scan, severity, sentences, among))
        except TimeoutError:
            self._timed_out(rule)
            return
        for hit in hits:
            if not hit.subjected:
                self.unsubjected.add(len(self.found))
            self.found.append((rule.id, scan.locate(hit.start, hit.end), hit.severity, hit.values))

    def _excused(self, rule: Rule, scan: Scan) -> bool:
        """Whether the rule's ``unless`` has been found in the text, this chunk included."""
        if rule.id not in self.excused:
            try:
                if scan.excused(rule.checker.unless, 0, "document"):  # type: ignore[attr-defined]
                    self.excused.add(rule.id)
            except TimeoutError:
                self._timed_out(rule)
                return True
        return rule.id in self.excused

    def _timed_out(self, rule: Rule) -> None:
        self.failed.add(rule.id)
        problem = f"a search took over {self.engine.timeout:g} s of CPU time"
        self.problems.append(RuleProblem(rule.id, self.path, problem))

    def partial(self) -> dict[str, object]:
        """What this run has gathered (the chunk read last included), to be absorbed by the
        run that owns the whole text."""
        self.flush()
        return {
            "found": self.found,
            "whole": self.whole,
            "failed": self.failed,
            "directives": self.directives,
            "problems": self.problems,
            "last_line": self.last_line,
            "profile_counts": self.profile_counts,
            "unsubjected": self.unsubjected,
            "excused": self.excused,
        }

    def absorb(self, partial: Mapping[str, Any]) -> None:
        """Add a later stretch of the text, gathered by another run (a worker's)."""
        base = len(self.found)
        self.unsubjected |= {base + number for number in partial["unsubjected"]}
        self.found.extend(partial["found"])
        self.directives.extend(partial["directives"])
        known = {(p.rule, p.problem) for p in self.problems}
        self.problems.extend(p for p in partial["problems"] if (p.rule, p.problem) not in known)
        self.failed |= partial["failed"]
        self.excused |= partial["excused"]
        self.last_line = max(self.last_line, partial["last_line"])
        merge_counts(self.profile_counts, partial["profile_counts"])
        for rule in self.rules:
            if rule.id in self.whole and rule.id in partial["whole"]:
                checker: Any = rule.checker
                self.whole[rule.id] = checker.merge(self.whole[rule.id], partial["whole"][rule.id])

    def finish(self) -> TextResult:
        """The findings of every rule (whole-document conclusions last, unsorted), read in the
        light of the page's profile, with the suppression comments seen: the filters come next."""
        self.flush()
        found = self.found
        for rule in self.rules:
            if rule.id in self.whole and rule.id not in self.failed:
                severity = self.engine.severity_of(rule)
                conclusions = rule.checker.conclude(self.whole[rule.id], severity)  # type: ignore[attr-defined]
                found.extend((rule.id, *conclusion) for conclusion in conclusions)
        profile = self.engine.profiles.decide(self.profile_counts)
        findings = _in_profile(found, profile.name, self)
        return TextResult(findings, self.directives, self.problems, self.last_line, profile)


def _in_profile(found: list[Found], profile: str, run: TextRun) -> list[Finding]:
    """The findings that stand on a page of this profile: each rule's ``profile`` policy
    (``only``, ``skip``, ``lower``), a claim without its subject nearby only on a promotional
    page, no rule's that is excused on the page. Each is built here, stamped with the profile."""
    rules = {rule.id: rule for rule in run.rules}
    kept: list[Finding] = []
    for number, (rule_id, located, severity, values) in enumerate(found):
        if rule_id in run.excused or (number in run.unsubjected and profile != "promotional"):
            continue
        rule = rules[rule_id]
        policy = rule.profile
        if policy:
            only = policy.get("only")
            if (only and profile not in only) or profile in policy.get("skip", ()):
                continue
            if profile in policy.get("lower", ()):
                severity = severity.lowered()
        kept.append(_finding(rule, located, severity, values, run.path, profile))
    return kept


def _document(chunk: Chunk, format: Format, path: str | None = None) -> Document:
    return Document(chunk.text, format, path, carry=chunk.carry, first=chunk.start == 0)


def _next_content_line(scan: Scan, line: int) -> int:
    """The next line with content after whole-text ``line``, in the chunk or the next."""
    relative = line - scan.chunk.line + 1
    found = scan.document.next_content_line(relative)
    if scan.after_line is not None and not scan.document.line_text(found).strip():
        return scan.after_line  # none left in this chunk: the next chunk's first
    return found + scan.chunk.line - 1


def _finding(
    rule: Rule,
    located: Located,
    severity: Severity,
    values: Mapping[str, object] | None,
    path: str | None,
    profile: str,
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
        shown=located.shown,
        sentence=located.sentence,
        profile=profile,
    )
