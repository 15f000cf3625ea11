"""``--format sarif``: SARIF 2.1.0 for code scanning (e.g. GitHub's), with rule metadata.

Columns are Unicode code points (``columnKind``), as medlint counts them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medlint.findings import Finding, Severity
from medlint.report import RunSummary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
DEFAULT_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str | None) -> str:
    if not path or path == "-":
        return "stdin"
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return candidate.resolve().as_uri()
    return candidate.as_posix()


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
        used = {f.rule for f in findings}
        rules = [r for r in summary.rules if r["id"] in used or summary.all_rule_metadata]
        index = {r["id"]: i for i, r in enumerate(rules)}
        results = []
        for f in findings:
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(f.path)},
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
            results.append(result)
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "medlint",
                            "version": summary.tool_version,
                            "semanticVersion": summary.tool_version,
                            "informationUri": "https://pypi.org/project/medlint/",
                            "rules": [_rule_descriptor(r) for r in rules],
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
