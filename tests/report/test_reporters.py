"""Every output format from one shared set of findings; SARIF validated against its schema."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from helpers import medlint

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "examples" / "clinic-page.html"


def invoke(*args: str) -> tuple[int, str, str]:
    return medlint(["check", "--isolated", *args], cwd=ROOT)


def test_sarif_is_valid_and_carries_rule_metadata(shared: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = invoke("--format", "sarif", "examples/clinic-page.html")
    assert code == 1
    log = json.loads(out)
    schema = json.loads(
        (shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    oc01 = rules["OC01"]
    assert oc01["shortDescription"]["text"] and oc01["fullDescription"]["text"]
    assert "Better:" in oc01["help"]["text"]
    assert oc01["helpUri"].startswith("https://")
    assert oc01["defaultConfiguration"]["level"] == "error"
    first = run["results"][0]
    assert first["ruleId"] == "OC01" and first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (8, 7)
    assert (
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "examples/clinic-page.html"
    )
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}


class _Metadata:
    def __init__(self, urls: list[str]) -> None:
        self.urls = urls

    def get_all(self, key: str) -> list[str] | None:
        return self.urls if key == "Project-URL" else None


def test_sarif_information_uri_is_the_projects_own_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Never the package index's `medlint` (another project): the Repository (else Homepage)
    link of pyproject's [project.urls], and no informationUri while it names none."""
    import importlib.metadata
    import tomllib

    from medlint.report import sarif

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == sarif.DISTRIBUTION
    urls = project.get("urls", {})
    assert sarif.information_uri() == urls.get("Repository", urls.get("Homepage"))
    _, out, _ = invoke("--format", "sarif", "examples/clinic-page.html")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == sarif.information_uri()
    assert "pypi.org/project/medlint/" not in out

    links = ["Homepage, https://example.org/medlint", "Repository, https://git.example/medlint"]
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: _Metadata(links))
    assert sarif.information_uri() == "https://git.example/medlint"
    _, out, _ = invoke("--format", "sarif", "examples/clinic-page.html")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://git.example/medlint"
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: _Metadata([]))
    assert sarif.information_uri() is None


def test_github_annotations() -> None:
    code, out, _ = invoke(
        "--format", "github", "--select", "OC01,CI03", "examples/clinic-page.html"
    )
    assert code == 1
    assert out.splitlines() == [
        "::group::examples/clinic-page.html",
        "::error file=examples/clinic-page.html,line=8,col=7,endLine=8,endColumn=17,"
        "title=medlint OC01 (cure-claim)::'Reverse MS' promises a cure or reversal that no trial has shown.",
        "::notice file=examples/clinic-page.html,line=9,col=6,endLine=9,endColumn=16,"
        "title=medlint CI03 (undisclosed-interest)::'Our clinic' promotes the writer's own service, "
        "and no disclosure says so.",
        "::endgroup::",
    ]


def test_junit_is_xml_with_a_suite_per_file() -> None:
    code, out, _ = invoke(
        "--format", "junit", "examples/clean-article.md", "examples/clinic-page.html"
    )
    assert code == 1
    root = ElementTree.fromstring(out.split("\n", 1)[1])
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["examples/clean-article.md"].get("failures") == "0"
    page = suites["examples/clinic-page.html"]
    failing = [case for case in page.findall("testcase") if case.find("failure") is not None]
    assert int(page.get("failures") or 0) == len(failing) > 5  # info findings pass
    assert root.get("tests") == str(1 + len(page.findall("testcase")))


def test_text_statistics_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code, out, _ = invoke("--statistics", "--output-file", str(target), "examples/")
    assert (code, out) == (1, "")
    report = target.read_text(encoding="utf-8")
    assert "\x1b[" not in report  # colour only on a terminal
    assert "    5  CI02   call-to-action" in report
    assert report.rstrip().endswith("in 3 files.")
    assert not list(tmp_path.glob("*.tmp"))
