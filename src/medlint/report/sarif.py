"""``--format sarif``: SARIF 2.1.0 for code scanning (e.g. GitHub's), with rule metadata.

Columns are Unicode code points (``columnKind``), as medlint counts them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from medlint.findings import Finding, Severity
from medlint.report.jsontext import document_pieces
from medlint.report.reporter import RunSummary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
DEFAULT_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# The name medlint is installed under (pyproject's [project] name; `medlint` on the package
# index is another project): its metadata holds the project's address, if it names one.
DISTRIBUTION = "medlint-health"
_HOME_LABELS = ("repository", "source", "source code", "homepage", "home", "documentation")


def information_uri() -> str | None:
    """The project's address for ``informationUri``: the first of the Repository, Source,
    Homepage or Documentation links in the installed distribution's metadata
    (``[project.urls]``), or None while it names none, so that a report never sends a reader to
    a page that is not medlint's (SARIF makes the field optional)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata(DISTRIBUTION).get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    links: dict[str, str] = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        links.setdefault(label.strip().lower(), url.strip())
    return next((links[label] for label in _HOME_LABELS if links.get(label)), None)


def _uri(path: str | None) -> str:
    """A URI reference for the file: relative and percent-encoded ("my draft #1.md" ->
    "my%20draft%20%231.md"), or a file: URI outside the working folder."""
    from urllib.parse import quote

    if not path or path == "-":
        return "stdin"
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return candidate.resolve().as_uri()
    return quote(candidate.as_posix())


def _rule_descriptor(rule: Mapping[str, Any]) -> dict[str, Any]:
    references = rule.get("references") or []
    help_text = f"{rule['why']}\n\nBetter: {rule['suggest']}"
    links = "".join(f"\n- [{r['title']}]({r['url']})" for r in references)
    descriptor: dict[str, Any] = {
        "id": rule["id"],
        "name": rule["name"],
        "shortDescription": {"text": rule["message"].replace("{match}", "…")},
        "fullDescription": {"text": rule["why"]},
        "help": {
            "text": help_text,
            "markdown": f"{rule['why']}\n\n**Better:** {rule['suggest']}"
            + (f"\n\n**References**{links}" if links else ""),
        },
        "defaultConfiguration": {"level": DEFAULT_LEVELS.get(rule["severity"], "warning")},
        "properties": {"category": rule["category"], "tags": ["health-writing", rule["category"]]},
    }
    if references:
        descriptor["helpUri"] = references[0]["url"]
    return descriptor


class SarifReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return "".join(self.pieces(findings, summary))

    def pieces(self, findings: Sequence[Finding], summary: RunSummary, /) -> Iterator[str]:
        """The log with its results written a batch at a time (never built whole)."""
        used = {f.rule for f in findings}
        rules = [r for r in summary.rules if r["id"] in used or summary.all_rule_metadata]
        index = {r["id"]: i for i, r in enumerate(rules)}
        driver: dict[str, Any] = {
            "name": "medlint",
            "version": summary.tool_version,
            "semanticVersion": summary.tool_version,
        }
        home = information_uri()
        if home:
            driver["informationUri"] = home
        driver["rules"] = [_rule_descriptor(r) for r in rules]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "columnKind": "unicodeCodePoints",
                    "results": None,  # filled in by document_pieces
                }
            ],
        }
        uris: dict[str | None, str] = {}
        results = (_result(f, index, uris) for f in findings)
        yield from document_pieces(log, "results", results)
        yield "\n"


def _result(
    finding: Finding, index: Mapping[str, int], uris: dict[str | None, str]
) -> dict[str, Any]:
    f = finding
    uri = uris.get(f.path)
    if uri is None:
        uri = uris[f.path] = _uri(f.path)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "snippet": {"text": f.match},
                    },
                }
            }
        ],
        "partialFingerprints": {"medlint/v1": f.fingerprint},
        "properties": {"category": f.category.value, "suggestion": f.suggestion},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    return result
