"""Readability works offline and fast: no nltk, no CMU dictionary download, no network."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from medlint.rules import readability


def test_grade_level_matches_textstat_pyphen_path() -> None:
    """Our Flesch-Kincaid equals textstat's when textstat counts syllables with pyphen."""
    import textstat.backend.counts._count_syllables as counting

    text = (
        "Stem cell therapy is experimental. It has real risks, such as infection. "
        "Researchers are testing whether it could help people with multiple sclerosis."
    )
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()]
    original = counting.get_cmudict
    counting.get_cmudict = lambda lang: None  # force textstat's pyphen fallback
    try:
        counting.count_syllables.cache_clear() if hasattr(
            counting.count_syllables, "cache_clear"
        ) else None
        import textstat

        expected_syllables = textstat.syllable_count(text)
    finally:
        counting.get_cmudict = original
    ours = sum(readability.syllables(w) for w in readability.words(text))
    assert ours == expected_syllables
    grade, words = readability.flesch_kincaid_grade(sentences)
    assert words == 23 and 5 < grade < 15, grade


def test_readability_never_touches_the_network() -> None:
    """Run a readability rule with sockets disabled and nltk made unimportable."""
    code = textwrap.dedent(
        """
        import socket, sys
        def refuse(*a, **k):
            raise OSError("network disabled in this test")
        socket.socket = refuse
        socket.create_connection = refuse
        sys.modules["nltk"] = None
        from medlint.linter import Linter
        text = " ".join(["Autologous haematopoietic transplantation necessitates comprehensive multidisciplinary evaluation."] * 20)
        found = Linter(select=["RD01"]).lint_text(text)
        print(found[0].rule, found[0].message)
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("RD01 The text reads at grade")


def test_hyphenation_points_equal_pyphen_on_many_words() -> None:
    """medlint runs pyphen's algorithm on pyphen's patterns itself (no pyphen import on a
    warm run): the counts must be pyphen's, for every word of the built-in packs."""
    import pyphen

    from medlint.read.packs import rules_folder

    reference = pyphen.Pyphen(lang="en_US")
    text = " ".join(p.read_text(encoding="utf-8") for p in rules_folder().glob("*.yaml"))
    vocabulary = {w.lower().strip("'’-") for w in readability.words(text)}
    vocabulary |= {"a", "an", "it", "ox", "cure", "sclerosis", "haematopoietic", "naïve"}
    checked = 0
    for word in sorted(w for w in vocabulary if w and any(c.isalpha() for c in w)):
        assert readability.hyphenation_points(word) == len(reference.positions(word)), word
        checked += 1
    assert checked > 1500


def test_a_dictionary_is_read_alike_with_or_without_padding() -> None:
    """The shipped layout (one plain pattern a line) is read in bulk; any other, line by line:
    the same patterns either way."""
    from medlint.rules.readability import parse_dictionary

    plain = "UTF-8\nLEFTHYPHENMIN 2\n% a comment\n.ab4c\n\na1b2\nzz5z\n"
    padded = "UTF-8\r\nLEFTHYPHENMIN 2\r\n% a comment\r\n  .ab4c \r\n\r\na1b2\t\r\nzz5z\r\n"
    read = parse_dictionary(plain)
    assert read is not None
    assert read == parse_dictionary(padded)
    patterns, longest = read
    assert patterns == {".abc": ".ab4c", "ab": "a1b2", "zzz": "zz5z"}
    assert longest == 4
    assert parse_dictionary("UTF-8\nab/c\n") is None  # features left to pyphen
