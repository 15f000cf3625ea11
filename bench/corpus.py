"""Build the benchmark corpus from the project's own example drafts (deterministic).

    python bench/corpus.py [--out bench/corpus]

Writes small.md (about 5 KB), many/0000.md ... many/0999.md (about 7.5 MB in all),
big-800k.md and big-20m.md. Paragraphs are drawn from examples/*.md and the visible text of
examples/*.html, shuffled with a fixed seed and lightly varied, so every run measures the same
text. These drafts are dense with claims (about 9 medlint findings per KB).

clean/0000.md ... clean/0999.md are 1,000 more files of the same size drawn from the balanced
example alone (examples/clean-article.md), which have almost no findings: the cost of reading
text when the rules find little, the floor of the dense runs.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261121
EXTRA = [
    "Many people with MS use diet and exercise to feel better day to day.",
    "Your MS nurse can help you plan for flare-ups and know when to call.",
    "Fatigue is common, and short rests during the day can help you save energy.",
    "Some clinics say their injections reverse nerve damage, but no trial has shown this.",
    "Ask how many patients the clinic has treated, and what happened to them a year later.",
    "A randomised trial compares a new treatment with the usual care in similar patients.",
    "Keep a diary of your symptoms so you can discuss changes with your neurologist.",
    "Heat can make symptoms worse for a while; a cool shower often helps.",
]


def paragraphs(only: str = "*") -> list[str]:
    """Paragraphs of the example drafts whose file names match ``only`` (and the extra ones)."""
    found: list[str] = list(EXTRA)
    for path in sorted((ROOT / "examples").glob(f"{only}.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?s)^---.*?---\n", "", text)
        found += [p.strip() for p in text.split("\n\n") if p.strip()]
    for path in sorted((ROOT / "examples").glob(f"{only}.html")):
        text = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", "", path.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", "", text)
        text = text.replace("&mdash;", "—").replace("&ldquo;", "“").replace("&rdquo;", "”")
        found += [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return found


def article(rng: random.Random, pool: list[str], size: int) -> str:
    title = rng.choice(["Living with MS", "Treatment news", "Your questions", "Clinic notes"])
    parts = [f"# {title} {rng.randint(1, 999)}\n"]
    length = len(parts[0])
    while length < size:
        paragraph = rng.choice(pool)
        if rng.random() < 0.3:
            words = paragraph.split()
            rng.shuffle(words[: max(1, len(words) // 4)])
            paragraph = " ".join(words)
        parts.append(paragraph + "\n")
        length += len(paragraph) + 2
    return "\n".join(parts)


def build(out: Path) -> None:
    rng = random.Random(SEED)
    pool = paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    (out / "small.md").write_text(article(rng, pool, 5_000), encoding="utf-8")
    many = out / "many"
    many.mkdir(exist_ok=True)
    for index in range(1000):
        (many / f"{index:04d}.md").write_text(article(rng, pool, 7_300), encoding="utf-8")
    clean_rng, clean_pool = random.Random(SEED + 1), paragraphs("clean-*")
    clean = out / "clean"
    clean.mkdir(exist_ok=True)
    for index in range(1000):
        text = article(clean_rng, clean_pool, 7_300)
        (clean / f"{index:04d}.md").write_text(text, encoding="utf-8")
    for name, size in (("big-800k.md", 800_000), ("big-20m.md", 20_000_000)):
        with (out / name).open("w", encoding="utf-8") as handle:
            written = 0
            while written < size:
                piece = article(rng, pool, 50_000) + "\n"
                handle.write(piece)
                written += len(piece)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "corpus")
    args = parser.parse_args()
    build(args.out)
    total = sum(p.stat().st_size for p in args.out.rglob("*.md"))
    print(f"wrote {args.out} ({total / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
