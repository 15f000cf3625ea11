"""Measure whether medlint's context engine tells a reported claim from an asserted one.

    python bench/attribution_eval.py [-v] [--flag NAME] [--pages DIR]

The labels are in ``bench/data/attribution.tsv``: real sentences from the shared corpora, each
with a target claim word ("cure", "effective", "prevents"...) labelled ``reported`` (someone
else's claim, belief, promise or advertisement, not endorsed by the writer: "the company claims",
"proponents argue", "marketed as", "according to", a quote attributed to a speaker) or
``asserted`` (the writer's own voice, including factive evidence: "studies show", "researchers
found"). The file holds no corpus text, only where to find each sentence:

- ``source``: ``fakehealth`` (``doc`` = news_id; the story's ``text``), ``medquad`` (``doc`` =
  id; the ``answer``), ``causal-pubmed`` (``doc`` = 1-based data row of ``pubmed-dev.csv``,
  which has no id), ``causal-eureka`` (``doc`` = sentId), ``pages-dev`` (``doc`` = the file name
  of a page text rebuilt from ``pages-dev/queries.tsv``; ``--pages``, by default
  ``~/.cache/medlint-dev/pages-dev``).
- Each document is split as medlint splits it, ``Document(text, "text").sentences``, and the
  sentence is the one whose ``Sentence.text`` has the SHA-1 ``sentence_sha1``. If the splitter
  changes, some sentences may no longer be found: the script says how many were.
- The target span is the ``occurrence``-th whole-word, case-sensitive match of ``target``.

An item counts as predicted ``reported`` when ``medlint.context.assess(sentence, start,
end).flags`` holds the flag (``--flag``, by default ``reported``; while the lexicon has no such
flag, ``quoted`` stands in for it). Prints precision, recall and F1 for ``reported``.

Skips (exit 0) with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from medlint import context
from medlint.document import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "bench" / "data" / "attribution.tsv"
PAGES = Path.home() / ".cache" / "medlint-dev" / "pages-dev"
FALLBACK_FLAG = "quoted"


class Item(NamedTuple):
    source: str
    doc: str
    sha1: str
    target: str
    occurrence: int
    reported: bool
    note: str


def read_items(path: Path) -> list[Item]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Item(
                row["source"],
                row["doc"],
                row["sentence_sha1"],
                row["target"],
                int(row["occurrence"]),
                row["label"] == "reported",
                row["note"],
            )
            for row in rows
        ]


def documents(source: str, wanted: set[str], pages: Path) -> Iterator[tuple[str, str]]:
    """(doc key, text) for the wanted documents of one source that can be found."""
    if source in ("fakehealth", "medquad"):
        key, field = ("news_id", "text") if source == "fakehealth" else ("id", "answer")
        with (SHARED / source / "dev.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record[key] in wanted:
                    yield record[key], record[field]
    elif source == "causal-pubmed":
        with (SHARED / "causal" / "pubmed-dev.csv").open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=1):
                if str(number) in wanted:
                    yield str(number), row["sentence"]
    elif source == "causal-eureka":
        with (SHARED / "causal" / "eureka-dev.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["sentId"] in wanted:
                    yield row["sentId"], row["sentence"]
    elif source == "pages-dev":
        for name in sorted(wanted):
            page = pages / name
            if page.is_file():
                yield name, page.read_text(encoding="utf-8")


def sentence_index(items: list[Item], pages: Path) -> dict[tuple[str, str, str], str]:
    """(source, doc, sha1) -> sentence text, for every sentence of the documents named."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for item in items:
        wanted[item.source].add(item.doc)
    index: dict[tuple[str, str, str], str] = {}
    for source, docs in wanted.items():
        for doc, text in documents(source, docs, pages):
            for sentence in Document(text, "text").sentences:
                digest = hashlib.sha1(sentence.text.encode("utf-8")).hexdigest()
                index[source, doc, digest] = sentence.text
    return index


def target_span(sentence: str, target: str, occurrence: int) -> tuple[int, int] | None:
    """The ``occurrence``-th whole-word, case-sensitive match of ``target``."""
    pattern = r"(?<!\w)" + re.escape(target) + r"(?!\w)"
    for number, match in enumerate(re.finditer(pattern, sentence), start=1):
        if number == occurrence:
            return match.span()
    return None


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def evaluate(items: list[Item], flag: str, pages: Path, verbose: bool) -> None:
    index = sentence_index(items, pages)
    counts: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for item in items:
        sentence = index.get((item.source, item.doc, item.sha1))
        span = None if sentence is None else target_span(sentence, item.target, item.occurrence)
        if sentence is None or span is None:
            missing[item.source] += 1
            continue
        predicted = flag in context.assess(sentence, *span).flags
        outcome = ("t" if predicted == item.reported else "f") + ("p" if predicted else "n")
        counts[outcome] += 1
        if verbose and outcome in ("fp", "fn"):
            gold = "reported" if item.reported else "asserted"
            print(f"  {outcome.upper()} [{item.target}] ({gold}: {item.note}) {sentence}")
    found = sum(counts.values())
    reported = counts["tp"] + counts["fn"]
    print(f"items: {len(items)}, found {found} ({reported} reported, {found - reported} asserted)")
    if missing:
        print("not found: " + ", ".join(f"{s} {n}" for s, n in sorted(missing.items())))
    p, r, f = f1(counts["tp"], counts["fp"], counts["fn"])
    print(
        f"reported (flag {flag!r}): precision {p:.3f} recall {r:.3f} F1 {f:.3f}"
        f"  (tp {counts['tp']} fp {counts['fp']} fn {counts['fn']} tn {counts['tn']})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every error")
    parser.add_argument("--flag", default="reported", help="the flag that means reported")
    parser.add_argument("--pages", type=Path, default=PAGES, help="the pages-dev texts")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    flag = args.flag
    if flag not in context.FLAGS:
        print(f"note: medlint.context has no flag {flag!r} yet; counting {FALLBACK_FLAG!r}")
        flag = FALLBACK_FLAG
    if not args.pages.is_dir():
        print(f"note: {args.pages} is absent; pages-dev items are not found")
    evaluate(read_items(LABELS), flag, args.pages, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
