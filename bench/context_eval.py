"""Measure medlint's context lexicon on the shared labelled corpora.

    python bench/context_eval.py [-v]

- Negation: ../shared/corpus/negex/dev.tsv. Each sentence holds one concept in UPPER CASE; a concept
  counts as negated when ``medlint.context.assess`` flags its span. Prints precision, recall and F1
  for the label "Negated" (NegEx reports F 0.947 on the full kit).
- Hedging: ../shared/corpus/bioscope/dev.tsv. A sentence counts as hedged when
  ``medlint.context.cues`` returns a ``hedge`` cue. Prints sentence-level P/R/F1 for
  ``has_speculation`` (the best CoNLL-2010 system reached about 0.86).

Skips (exit 0) with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from medlint import context

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def concept_span(sentence: str, concept: str) -> tuple[int, int] | None:
    """The UPPER-CASE occurrence of the concept in the sentence."""
    target = concept.upper()
    start = sentence.find(target)
    while start >= 0:
        if sentence[start : start + len(target)] == target:
            return start, start + len(target)
        start = sentence.find(target, start + 1)
    lowered = sentence.lower().find(concept.lower())
    return (lowered, lowered + len(concept)) if lowered >= 0 else None


def negation(verbose: bool) -> float:
    tp = fp = fn = 0
    with (SHARED / "negex" / "dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            span = concept_span(row["sentence"], row["concept"])
            if span is None:
                continue
            predicted = context.assess(row["sentence"], *span).negated
            gold = row["negation"] == "Negated"
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
            if verbose and predicted != gold:
                print(f"  {'FP' if predicted else 'FN'} {row['sentence']}")
    p, r, f = f1(tp, fp, fn)
    print(
        f"negation (negex dev): precision {p:.3f} recall {r:.3f} F1 {f:.3f}"
        f"  (tp {tp} fp {fp} fn {fn})"
    )
    return f


def hedging(verbose: bool) -> float:
    tp = fp = fn = 0
    with (SHARED / "bioscope" / "dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            found = [c for c in context.cues(row["sentence"]) if c.kind == "hedge"]
            predicted = bool(found)
            gold = row["has_speculation"] == "1"
            tp += predicted and gold
            fp += predicted and not gold
            fn += gold and not predicted
            if verbose and predicted != gold:
                cue_text = ",".join(c.text for c in found) or row["speculation_cues"]
                print(f"  {'FP' if predicted else 'FN'} [{cue_text}] {row['sentence'][:160]}")
    p, r, f = f1(tp, fp, fn)
    print(
        f"hedging (bioscope dev): precision {p:.3f} recall {r:.3f} F1 {f:.3f}"
        f"  (tp {tp} fp {fp} fn {fn})"
    )
    return f


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    parser.add_argument("--only", choices=["negation", "hedging"])
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    if args.only in (None, "negation"):
        negation(args.verbose)
    if args.only in (None, "hedging"):
        hedging(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
