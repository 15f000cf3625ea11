"""The library API a CMS plugin uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import pytest

import medlint
from helpers import JSON_KEYS
from medlint.errors import ConfigError
from medlint.linter import Linter
from medlint.read.chunking import split
from medlint.rules.profile import Profile

DRAFT = (
    "Our stem cell protocol cures MS. Reactions are usually mild. "
    "Studies have shown it works. Book your free consultation today."
)


def test_lint_text_returns_findings_with_json_fields() -> None:
    findings = medlint.lint_text(DRAFT, format="text", path="draft.txt")
    assert {f.category.value for f in findings} >= {"overclaim", "risk", "evidence", "conflict"}
    for finding in findings:
        data = finding.to_dict()
        assert set(data) >= JSON_KEYS
        assert data["path"] == "draft.txt"
        assert data["match"] == DRAFT[finding.start : finding.end]


def test_linter_select_ignore_and_severity(linter: Linter) -> None:
    only = Linter(select=["overclaim"], ignore=["OC02"], severities={"OC01": "info"})
    found = only.lint_text(DRAFT)
    assert {f.rule for f in found} == {"OC01"}
    assert found[0].severity.value == "info"
    assert {f.rule for f in Linter(select=["cure-claim"]).lint_text(DRAFT)} == {"OC01"}
    with pytest.raises(ConfigError) as error:
        Linter(select=["overclaims"])
    assert "did you mean 'overclaim'?" in str(error.value)


def test_linter_is_safe_across_threads(linter: Linter) -> None:
    texts = [DRAFT, "There is no cure for MS.", "<p>Our clinic offers stem cells.</p>"] * 20
    formats = ["text", "markdown", "html"] * 20
    expected = [linter.lint_text(t, format=f) for t, f in zip(texts, formats, strict=True)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(
                lambda tf: linter.lint_text(tf[0], format=tf[1]), zip(texts, formats, strict=True)
            )
        )
    assert results == expected


def test_unknown_format_is_a_clear_error(linter: Linter) -> None:
    with pytest.raises(ConfigError, match="unknown format 'docx'"):
        linter.lint_text("text", format="docx")  # type: ignore[arg-type]


def test_package_is_typed() -> None:
    assert resources.files("medlint").joinpath("py.typed").is_file()


def test_import_is_lazy() -> None:
    """Importing the package and its CLI loads no YAML, regex engine, text statistics,
    pipeline stage or reporter: each command imports what it needs (style.md 4.3)."""
    code = (
        "import sys, medlint, medlint.cli; "
        "heavy = ('yaml', 'regex', 'pyphen', 'textstat', 'nltk', 'json', 'medlint.run', "
        "'medlint.linter', 'medlint.engine.engine', 'medlint.report.text', 'medlint.report.json', "
        "'medlint.report.sarif', 'medlint.report.github', 'medlint.report.junit'); "
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_no_engine_state_is_read_or_written(tmp_path: Path) -> None:
    """medlint keeps nothing on disk: with MEDLINT_CACHE_DIR and XDG_CACHE_HOME pointing at a
    folder of garbage files, the findings equal a clean run and nothing is written there."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Notes\n\nOur stem cell protocol cures MS. Studies show it works.\n")
    garbage = tmp_path / "garbage"
    for folder in (garbage, garbage / "medlint", garbage / "medlint" / "packs", garbage / "data"):
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("a.marshal", "packs.marshal", "x.json", "y.pickle", "z.tmp"):
            (folder / name).write_bytes(bytes(range(256)) * 3)
    before = sorted(
        (p, p.stat().st_mtime_ns, p.read_bytes()) for p in garbage.rglob("*") if p.is_file()
    )
    command = [sys.executable, "-m", "medlint", "check", "--isolated", "--extend-select", "ALL"]
    command += ["--format", "json", str(draft)]
    clean_env = {
        k: v for k, v in os.environ.items() if k not in ("MEDLINT_CACHE_DIR", "XDG_CACHE_HOME")
    }
    clean_env["HOME"] = str(tmp_path / "home")
    clean = subprocess.run(command, capture_output=True, text=True, env=clean_env)
    dirty_env = {**clean_env, "MEDLINT_CACHE_DIR": str(garbage), "XDG_CACHE_HOME": str(garbage)}
    dirty = subprocess.run(command, capture_output=True, text=True, env=dirty_env)
    assert clean.returncode == dirty.returncode == 1
    assert clean.stdout == dirty.stdout and json.loads(clean.stdout)
    assert dirty.stderr == clean.stderr
    after = sorted(
        (p, p.stat().st_mtime_ns, p.read_bytes()) for p in garbage.rglob("*") if p.is_file()
    )
    assert after == before
    assert not (tmp_path / "home").exists()  # no ~/.cache/medlint either


def test_how_a_text_was_read_is_given_by_every_way_of_linting_it(tmp_path: Path) -> None:
    sale = "Our clinic offers ozone therapy. Book a free consultation today.\n"
    page = tmp_path / "page.md"
    page.write_text(sale, encoding="utf-8")
    linter = Linter()
    read: list[Profile] = []
    linter.lint_text(sale, "markdown", profiles=read)
    linter.lint_file(page, profiles=read)
    chunks = list(split(sale, "markdown"))
    linter.lint_batch([(chunks, "markdown", None), (chunks, "markdown", None)], profiles=read)
    assert [profile.name for profile in read] == ["promotional"] * 4
