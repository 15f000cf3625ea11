"""Rule packs are validated strictly; every error names file, line, rule and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.errors import RulePackError
from medlint.rules.loader import load_rules

GOOD = """\
- id: T01
  name: test-rule
  category: hype
  severity: warning
  message: "'{match}' is hype."
  suggest: Say it plainly.
  why: Because hype misleads.
  references:
    - {title: Guide, url: "https://example.org"}
  patterns: [amazing]
  examples: {flag: ["It is amazing."], pass: ["It is fine."]}
"""


def load(tmp_path: Path, text: str) -> str:
    pack = tmp_path / "pack.yaml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as error:
        load_rules([pack])
    return str(error.value).replace(str(pack), "pack.yaml")


def test_good_pack_loads(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(GOOD, encoding="utf-8")
    [rule] = load_rules([pack])
    assert (rule.id, rule.kind, rule.line) == ("T01", "pattern", 1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("  message:", "  mesage:"),
            "pack.yaml:5:3: unknown key 'mesage' in rule T01 (did you mean 'message'?)",
        ),
        (
            ("  severity: warning", "  severity: fatal"),
            "pack.yaml:4:3: 'severity' of rule T01 must be one of info, warning, error, got 'fatal'",
        ),
        (
            ("  category: hype", "  category: hyp"),
            "pack.yaml:3:3: 'category' of rule T01 must be one of overclaim, hype, risk, evidence, mechanism, disclaimer, conflict, testimonial, altmed, readability, got 'hyp'",
        ),
        (("  why: Because hype misleads.\n", ""), "pack.yaml:1: rule T01 is missing 'why'"),
        (
            ("[amazing]", "['(amaz']"),
            "pack.yaml:10:14: 'patterns' of rule T01 pattern 1 is not a valid regular expression: missing ) at position 5",
        ),
        (
            ("  name: test-rule", "  name: Test Rule"),
            "pack.yaml:2:3: 'name' of rule T01 must be lower-case words joined by '-', e.g. cure-claim",
        ),
        (
            ("'{match}' is hype.", "'{matc}' is hype."),
            "pack.yaml:5:3: 'message' of rule T01 uses unknown placeholder {matc} (allowed: {match}, {value}, {threshold})",
        ),
        (
            ("  patterns: [amazing]", "  patterns: 5"),
            "pack.yaml:10:3: 'patterns' of rule T01 must be a non-empty list of text, got 5",
        ),
    ],
)
def test_schema_errors_name_file_line_rule_and_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert load(tmp_path, GOOD.replace(*change)) == message


def test_kind_is_pattern_unless_given(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(GOOD.replace("  patterns:", "  kind: pattern\n  patterns:"), encoding="utf-8")
    [explicit] = load_rules([pack])
    pack.write_text(GOOD, encoding="utf-8")
    [implicit] = load_rules([pack])
    assert explicit.kind == implicit.kind == "pattern"
    assert explicit.to_dict() == implicit.to_dict()


def test_unknown_kind_and_duplicate_ids(tmp_path: Path) -> None:
    assert load(
        tmp_path, GOOD.replace("  severity: warning", "  severity: warning\n  kind: patern")
    ) == (
        "pack.yaml:5:3: 'kind' of rule T01 must be one of pattern, document, metric, got 'patern' (did you mean 'pattern'?)"
    )
    doubled = GOOD + GOOD.replace("T01", "T02")
    assert load(tmp_path, doubled) == (
        "pack.yaml:12: rule T02: 'test-rule' is already used by rule T01 (pack.yaml:1) "
        "(ids and names must be unique across all packs)"
    )


def test_yaml_syntax_errors_and_aliases(tmp_path: Path) -> None:
    assert load(tmp_path, "- id: [unclosed\n").startswith("pack.yaml:2:1: invalid YAML:")
    bomb = "- &a {id: X}\n- *a\n"
    assert load(tmp_path, bomb) == (
        "pack.yaml:2:3: YAML aliases (*name) are not allowed here (write the value out in full)"
    )
    assert load(tmp_path, "id: X01\n") == "pack.yaml:1: a rule pack must be a YAML list of rules"


def test_metric_and_document_kinds_validate_their_fields(tmp_path: Path) -> None:
    metric = GOOD.replace(
        "  patterns: [amazing]\n", "  kind: metric\n  metric: grade\n  threshold: 8\n"
    )
    assert load(tmp_path, metric) == (
        "pack.yaml:11:3: 'metric' of rule T01 must be one of grade_level, sentence_length, got 'grade'"
    )
    document = GOOD.replace("  severity: warning", "  severity: warning\n  kind: document")
    assert load(tmp_path, document) == "pack.yaml:1: rule T01 is missing 'requires'"
