"""Print medlint's judgement on every development set in one table.

    python bench/quality.py [--pages DIR]

Runs, from the project root, the shared scoring tools and the context evaluations:
- seeds: ``../shared/tools/seed_score.py`` (recall, precision, must-not on five real articles);
- pages-dev: ``../shared/tools/pages_score.py --texts DIR`` (macro-F1 over nine categories on
  real pages; reputable pages with an error). DIR: ``--pages``, else ``$MEDLINT_PAGES_DEV``, else
  ``~/.cache/medlint-dev/pages-dev`` (rebuilt as ``../shared/corpus/pages-dev/QUERIES-NOTES.md``
  says);
- MedQuAD: ``../shared/tools/reputable_score.py`` (accurate NIH answers with an error, or with a
  warning or error);
- context: ``bench/context_eval.py`` (negation, hedging) and ``bench/attribution_eval.py``
  (reported speech), when present.

Skips (exit 0) with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def last_lines(command: list[str], count: int = 1) -> list[str]:
    """The last lines a command printed (its summary), or the error it gave."""
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode not in (0, 1) or not lines:
        return [f"failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}"]
    return lines[-count:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="folder of the rebuilt pages-dev texts")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    tools = SHARED / "tools"
    python = sys.executable
    pages = Path(
        args.pages
        or os.environ.get("MEDLINT_PAGES_DEV")
        or Path.home() / ".cache" / "medlint-dev" / "pages-dev"
    )
    rows: list[tuple[str, list[str]]] = [
        ("seeds", last_lines([python, str(tools / "seed_score.py")])),
        ("MedQuAD", last_lines([python, str(tools / "reputable_score.py")])),
    ]
    if pages.is_dir():
        rows.append(
            (
                "pages-dev",
                last_lines([python, str(tools / "pages_score.py"), "--texts", str(pages)], 12),
            )
        )
    else:
        rows.append(("pages-dev", [f"no texts in {pages}"]))
    rows.append(("context", last_lines([python, str(ROOT / "bench" / "context_eval.py")], 2)))
    attribution = ROOT / "bench" / "attribution_eval.py"
    if attribution.exists():
        rows.append(("attribution", last_lines([python, str(attribution)], 1)))
    for name, lines in rows:
        print(f"== {name}")
        for line in lines:
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
