"""The library API a CMS plugin uses."""

from __future__ import annotations

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


def test_a_warm_check_run_imports_nothing_heavy(tmp_path: Path) -> None:
    """After one run fills the cache, `medlint check` reads no YAML and imports neither
    dataclasses nor json (what a pre-commit hook pays on every commit)."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Notes\n\nOur stem cell protocol cures MS. Studies show it works.\n")
    code = (
        "import sys, medlint.cli\n"
        "sys.argv = ['medlint', 'check', '--extend-select', 'ALL', sys.argv[1]]\n"
        "try:\n    medlint.cli.entry()\n"
        "finally:\n"
        "    heavy = ('yaml', 'dataclasses', 'json', 'pickle', 'pyphen')\n"
        "    sys.stderr.write('loaded: %s' % [m for m in heavy if m in sys.modules])\n"
    )
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env
        )
        for _ in range(2)
    ]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout
    assert "'yaml'" in runs[0].stderr  # the first run validates the packs
    assert runs[1].stderr.endswith("loaded: []"), runs[1].stderr
