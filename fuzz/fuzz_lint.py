"""Coverage-guided fuzzing of the document, markup, context and rule path (atheris).

    python -m pip install atheris
    python fuzz/fuzz_lint.py -max_total_time=600 fuzz/corpus examples

Each input picks a format (text, Markdown or HTML) and is linted by one shared Linter. The
target checks the properties medlint promises: no exception, every finding's span lies inside
the text and equals its match, and a second run gives the same findings. Crashes are written
by libFuzzer as crash-* files; add each as a regression test in tests/hostile/.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from medlint.context import default_lexicon
    from medlint.linter import Linter

LINTER = Linter()
LEXICON = default_lexicon()
FORMATS = ("text", "markdown", "html")


def check(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    format = FORMATS[provider.ConsumeIntInRange(0, 2)]
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    findings = LINTER.lint_text(text, format=format)  # type: ignore[arg-type]
    body = text[1:] if text.startswith("\ufeff") else text
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(body), finding
        assert body[finding.start : finding.end] == finding.match, finding
        assert finding.line >= 1 and finding.column >= 1, finding
    assert findings == LINTER.lint_text(text, format=format)  # type: ignore[arg-type]
    for sentence in text.split(".")[:5]:
        for cue in LEXICON.cues(sentence):
            assert 0 <= cue.start <= cue.end <= len(sentence), cue
        LEXICON.assess(sentence, 0, len(sentence))


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
