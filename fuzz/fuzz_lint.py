"""Coverage-guided fuzzing of medlint's reading and linting paths (atheris).

    python -m pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=600 -timeout=120 fuzz/corpus examples

Each input's first byte picks a target:

- text: the rest, as text in a format (text, Markdown or HTML), linted by one shared Linter;
- bytes: the rest, as a file's bytes, decoded a few bytes at a time as ``lint_file`` reads a
  file (``read.source.stream_chunks``), then linted;
- structure: a large Markdown or HTML document (up to ~120 KB) built from the rest: nested
  lists and quotes, fences, tables, tags, comments, links and emphasis around claims.

The target checks the properties medlint promises: no exception but ``InputError`` for bytes
that are not text; decoding in blocks gives what decoding the whole gives; every finding's span
lies inside the text and equals its match; a second run gives the same findings. Crashes are
written by libFuzzer as crash-* files; add each as a regression test in tests/hostile/.
Without atheris, ``--random SECONDS`` runs the same checks on random inputs instead.
"""

from __future__ import annotations

import io
import random
import sys
import time

try:
    import atheris
except ImportError:  # the --random loop needs none
    atheris = None

if atheris is not None:
    with atheris.instrument_imports():
        from medlint.context import default_lexicon
        from medlint.errors import InputError
        from medlint.linter import Linter
        from medlint.read.source import decode, stream_chunks
else:
    from medlint.context import default_lexicon
    from medlint.errors import InputError
    from medlint.linter import Linter
    from medlint.read.source import decode, stream_chunks

LINTER = Linter()
LEXICON = default_lexicon()
FORMATS = ("text", "markdown", "html")
CLAIMS = (
    "Our stem cells cure MS.",
    "This breakthrough therapy has no side effects.",
    "Studies show it reverses diabetes in 90% of patients.",
    "It is not a cure.",
    "Book your free consultation today!",
    "Researchers found a small effect in mice (Smith 2020).",
)
MARKDOWN = (
    "- {}\n",
    "  * {}\n",
    "1. {}\n",
    "> {}\n",
    "> > {}\n",
    "```\n{}\n```\n",
    "~~~python\n{}\n",
    "    {}\n",
    "# {}\n",
    "| a | {} |\n|---|---|\n",
    "[{}](http://x.y/{})\n",
    "*{}* **{}** _{}_\n",
    "`{}` ``{}``\n",
    "<!-- {} -->\n",
    "<div>{}</div>\n",
    "---\ntitle: {}\n---\n",
    "\n",
    "{}\n\n",
    "[",
    "]",
    "`",
    "*",
    "<",
    "\r\n",
)
HTML = (
    "<p>{}</p>",
    "<div>{}",
    "</div>",
    "<ul><li>{}</li></ul>",
    "<blockquote>{}</blockquote>",
    "<script>{}</script>",
    "<style>{}</style>",
    "<pre>{}</pre>",
    "<!-- {} -->",
    "<a href='x'>{}</a>",
    "<table><tr><td>{}</td></tr></table>",
    "<nav>{}</nav>",
    "<h1>{}</h1>",
    "<br>",
    "&amp;{}&nbsp;",
    "<",
    ">",
    "\n",
    "\n\n",
)


def check_findings(text: str, format: str) -> None:
    findings = LINTER.lint_text(text, format=format)  # type: ignore[arg-type]
    body = text[1:] if text.startswith("\ufeff") else text
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(body), finding
        assert body[finding.start : finding.end] == finding.match, finding
        assert finding.line >= 1 and finding.column >= 1, finding
    assert findings == LINTER.lint_text(text, format=format)  # type: ignore[arg-type]


def check_text(text: str, format: str) -> None:
    check_findings(text, format)
    for sentence in text.split(".")[:5]:
        for cue in LEXICON.cues(sentence):
            assert 0 <= cue.start <= cue.end <= len(sentence), cue
        LEXICON.assess(sentence, 0, len(sentence))


def check_bytes(data: bytes, block: int, format: str) -> None:
    """Decoded in blocks of ``block`` bytes as a file is read: the same text as decoding the
    whole, or the same refusal (an InputError, never anything else)."""
    try:
        whole: str | None = decode(data, "fuzz")
    except InputError:
        whole = None
    try:
        chunks = list(stream_chunks(io.BytesIO(data), format, "fuzz", block_size=block))  # type: ignore[arg-type]
    except InputError:
        chunks = None
    pieces = None if chunks is None else "".join(c.text for c in chunks)
    if whole is not None and whole.startswith("\ufeff"):
        whole = whole[1:]  # a BOM after UTF-16's own: lint_text drops it
    if pieces is not None and pieces.startswith("\ufeff"):
        pieces = pieces[1:]
    assert pieces == whole, (pieces, whole)
    if chunks is not None:
        LINTER.lint_chunks(chunks, format)  # type: ignore[arg-type]


def structure(choices: list[int], format: str, size: int) -> str:
    """A document of about ``size`` characters from the constructs ``choices`` pick, each
    filled with a claim (or a run of a marker character, at most 64 long)."""
    pieces = MARKDOWN if format == "markdown" else HTML
    out: list[str] = []
    total = 0
    index = 0
    while total < size and choices:
        pick = choices[index % len(choices)]
        index += 1
        piece = pieces[pick % len(pieces)]
        claim = CLAIMS[(pick // len(pieces)) % len(CLAIMS)]
        if pick % 7 == 0:
            claim = "`*[<_"[pick % 5] * (1 + pick % 64)
        text = piece.replace("{}", claim)
        if pick % 11 == 0:  # nesting: indent the construct
            text = "  " * (pick % 12) + text
        out.append(text)
        total += len(text)
    return "".join(out)


def check(data: bytes) -> None:
    assert atheris is not None
    provider = atheris.FuzzedDataProvider(data)
    target = provider.ConsumeIntInRange(0, 2)
    format = FORMATS[provider.ConsumeIntInRange(0, 2)]
    if target == 0:
        check_text(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()), format)
    elif target == 1:
        block = provider.ConsumeIntInRange(1, 16)
        check_bytes(provider.ConsumeBytes(provider.remaining_bytes()), block, format)
    else:
        size = provider.ConsumeIntInRange(1_000, 120_000)
        choices = provider.ConsumeIntListInRange(provider.remaining_bytes() // 2, 0, 65535)
        check_findings(structure(choices, "html" if format == "html" else "markdown", size), format)


def random_loop(seconds: float) -> None:
    """The same checks on random inputs, for ``seconds`` (no coverage guidance)."""
    rng = random.Random(18)
    done = 0
    end = time.monotonic() + seconds
    alphabet = "abc .,\n\r\t`*_[]()<>!#-|>~é\u2028\ufeff"
    while time.monotonic() < end:
        target = done % 3
        format = FORMATS[rng.randrange(3)]
        if target == 0:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(200)))
            check_text(rng.choice(CLAIMS) + text, format)
        elif target == 1:
            text = rng.choice(CLAIMS).encode(rng.choice(["utf-8", "utf-8-sig", "utf-16"]))
            cut = text[: rng.randrange(len(text) + 1)] + rng.randbytes(rng.randrange(4))
            check_bytes(cut, rng.randrange(1, 17), format)
        else:
            choices = [rng.randrange(65536) for _ in range(rng.randrange(1, 64))]
            size = rng.randrange(1_000, 120_000)
            check_findings(structure(choices, format, size), format)
        done += 1
    print(f"{done} inputs in {seconds:.0f} s, no failure")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--random":
        random_loop(float(sys.argv[2]))
        return
    if atheris is None:
        sys.exit("atheris is not installed: pip install atheris, or use --random SECONDS")
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
