"""Every library entry point checks its arguments: a wrong one raises an ArgumentError (a
MedlintError, and a TypeError) naming the function and the argument, never a TypeError or
AttributeError from deep inside medlint, and never a silent misreading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import medlint
from medlint.linter import Linter
from medlint.read.chunking import split

CLAIM = "Our stem cells cure MS."


def test_the_errors_are_exported() -> None:
    assert issubclass(medlint.ArgumentError, medlint.ConfigError)
    assert issubclass(medlint.ArgumentError, medlint.MedlintError)
    assert issubclass(medlint.ArgumentError, TypeError)
    for name in ("InputError", "RulePackError", "ConfigError"):
        assert issubclass(getattr(medlint, name), medlint.MedlintError)
        assert name in medlint.__all__


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: medlint.lint_text(b"cures MS"), r"lint_text\(\): 'text' must be a str, not bytes"),
        (lambda: medlint.lint_text(None), r"lint_text\(\): 'text' must be a str, not None"),
        (lambda: medlint.lint_text(CLAIM, format="pdf"), r"lint_text\(\): unknown format 'pdf'"),
        (lambda: medlint.lint_text(CLAIM, format=None), r"'format' must be a str, not None"),
        (lambda: medlint.lint_text(CLAIM, path=3), r"'path' must be a str or a Path \(or None\)"),
    ],
)
def test_lint_text(call: Any, message: str) -> None:
    with pytest.raises(medlint.ArgumentError, match=message):
        call()


def test_bytes_get_a_hint() -> None:
    with pytest.raises(medlint.MedlintError) as caught:
        medlint.lint_text(b"x")
    assert caught.value.hint == "decode it first, or use lint_file, which reads UTF-8 and UTF-16"
    assert str(caught.value).startswith("<arguments>: lint_text(): ")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"select": [""]}, r"Linter\(\): 'select' has an empty selector"),
        ({"select": ["OC01", " "]}, "'select' has an empty selector"),
        ({"ignore": [None]}, "'ignore' must hold str items"),
        ({"select": 5}, "'select' must be a list of rule ids"),
        ({"select": b"OC01"}, "'select' must be a list of rule ids"),
        ({"extend_select": {"OC01": 1}}, "'extend_select' must be a list"),
        ({"rules": 3}, "'rules' must be a list of rule pack files or folders"),
        ({"rules": [3]}, "'rules' must hold str or Path items"),
        ({"builtin": "no"}, "'builtin' must be True or False"),
        ({"readability_grade": "x"}, "'readability_grade' must be a positive number, not str"),
        ({"readability_grade": float("nan")}, "'readability_grade' must be a positive number"),
        ({"readability_grade": 10**5000}, "not a huge number"),
        ({"severities": ["OC01"]}, "'severities' must map rule selectors"),
        ({"timeout": -1}, "'timeout' must be a positive number"),
        ({"lexicon": "x"}, "'lexicon' must be a medlint.context.Lexicon"),
        ({"max_file_size": 0}, "'max_file_size': expected a positive size"),
    ],
)
def test_linter_arguments(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(medlint.ArgumentError, match=message):
        Linter(**arguments)


def test_a_single_string_is_one_selector() -> None:
    assert [r.id for r in Linter(select="OC01").rules] == ["OC01"]
    assert [r.id for r in Linter(select="OC01", ignore="OC01").rules] == []
    assert Linter(max_file_size="1MiB").max_file_size == 1024 * 1024


def test_an_empty_selector_in_the_options(linter: Linter) -> None:
    from medlint.filters.selection import Selection

    with pytest.raises(medlint.ConfigError, match="ignore: an empty selector"):
        Selection(linter.all_rules, ignore=[""])


def test_methods(linter: Linter, tmp_path: Path) -> None:
    chunks = list(split(CLAIM, "text"))
    cases: list[tuple[Any, str]] = [
        (lambda: linter.lint_text(CLAIM, jobs=0), "'jobs' must be an int of at least 1, not 0"),
        (lambda: linter.lint_text(CLAIM, jobs="2"), "'jobs' must be an int"),
        (lambda: linter.lint_text(CLAIM, problems=()), "'problems' must be a list"),
        (lambda: linter.lint_file(None), r"lint_file\(\): 'path' must be a str or a Path, not"),
        (lambda: linter.lint_file(tmp_path / "a.md", format="docx"), "unknown format 'docx'"),
        (lambda: linter.lint_chunks(chunks, "pdf"), r"lint_chunks\(\): unknown format 'pdf'"),
        (lambda: linter.lint_batch([(chunks, "pdf", None)]), r"lint_batch\(\): unknown format"),
        (lambda: linter.lint_batch([(CLAIM, "text", None)]), "chunks must be a list of Chunk"),
        (lambda: linter.lint_batch([("a", "b")]), "must be a .chunks, format, path. tuple"),
        (lambda: linter.lint_batch([([CLAIM], "text", None)]), "must be Chunk items"),
        (lambda: linter.lint_batch("text"), "'texts' must be a list"),
        (lambda: linter.resolve(None), r"resolve\(\): 'token' must be a str"),
        (lambda: linter.rule(1), r"rule\(\): 'key' must be a str"),
    ]
    for call, message in cases:
        with pytest.raises(medlint.ArgumentError, match=message):
            call()


def test_good_arguments_still_work(linter: Linter, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(CLAIM, encoding="utf-8")
    assert [f.rule for f in linter.lint_file(str(draft)) if f.rule == "OC01"] == ["OC01"]
    assert [f.path for f in linter.lint_text(CLAIM, path=draft)][:1] == [str(draft)]
    batch = linter.lint_batch([(list(split(CLAIM, "text")), "text", "a.txt")])
    assert "OC01" in [f.rule for f in batch[0][0]]


def test_a_file_past_the_linters_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(CLAIM * 100, encoding="utf-8")
    with pytest.raises(medlint.InputError, match="larger than the 1000 bytes limit"):
        Linter(select=["OC01"], max_file_size=1000).lint_file(big)


def test_a_cut_file_is_an_input_error_not_an_index_error(linter: Linter, tmp_path: Path) -> None:
    cut = tmp_path / "cut.md"
    cut.write_bytes(CLAIM.encode() + b" \xc3")
    with pytest.raises(medlint.InputError, match="at the end of the file"):
        linter.lint_file(cut)
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + CLAIM.encode("utf-16-le") + b"!")
    with pytest.raises(medlint.InputError, match="not valid UTF-16"):
        linter.lint_file(odd)
