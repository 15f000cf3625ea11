"""Findings in LSP's terms: severities, links, hovers that show a draft's words as words, and
code actions only for medlint's own diagnostics."""

from __future__ import annotations

from lsprotocol import types

from medlint.linter import Linter
from medlint.server.convert import (
    SEVERITIES,
    code_actions,
    diagnostic,
    documentation_url,
    hover_text,
    rule_description,
)
from medlint.server.positions import LineIndex

CLAIM = "Our clinic offers a stem cell protocol that reverses MS."


def test_every_severity_maps_to_an_lsp_severity() -> None:
    assert {str(k): v for k, v in SEVERITIES.items()} == {
        "error": types.DiagnosticSeverity.Error,
        "warning": types.DiagnosticSeverity.Warning,
        "info": types.DiagnosticSeverity.Information,
    }


def test_an_unused_suppression_is_faded_and_documented(linter: Linter) -> None:
    text = f"Plain words. <!-- medlint-disable-line OC01 -->\n{CLAIM}\n"
    [unused] = [f for f in linter.lint_text(text, "markdown") if f.rule == "MD100"]
    shown = diagnostic(unused, LineIndex(text), linter)
    assert shown.tags == [types.DiagnosticTag.Unnecessary]
    assert shown.code_description == types.CodeDescription(
        href="https://docs.astral.sh/ruff/rules/unused-noqa/"
    )
    assert "Remove the comment" in hover_text([unused], linter, markdown=True)


def test_the_documentation_link_is_the_rules_first_reference(linter: Linter) -> None:
    for rule in linter.all_rules:
        assert documentation_url(rule_description(linter, rule.id)) == rule.references[0].url
    assert documentation_url(rule_description(linter, "XX99")) is None


def test_a_drafts_words_are_shown_as_words(linter: Linter) -> None:
    text = "Our clinic's <script>x</script> *stem cell* protocol reverses MS.\n"
    findings = [f for f in linter.lint_text(text, "text") if f.rule == "OC01"]
    markdown = hover_text(findings, linter, markdown=True)
    assert "'reverses MS'" in markdown
    plain = hover_text(findings, linter, markdown=False)
    assert plain.startswith("OC01 cure-claim · overclaim · error\n\n'reverses MS' promises")
    hostile = findings[0]._replace(match="<b>*cures*</b>", template="'{match}' [x](y)")
    shown = hover_text([hostile], linter, markdown=True)
    assert "\\<b\\>\\*cures\\*\\</b\\>" in shown and "\\[x\\](y)" in shown


def test_code_actions_answer_only_medlints_diagnostics(linter: Linter) -> None:
    text = f"{CLAIM}\n"
    index = LineIndex(text)
    ours = [diagnostic(f, index, linter) for f in linter.lint_text(text, "markdown")]
    other = types.Diagnostic(range=ours[0].range, message="spelling", source="cspell", code="x")
    stale = types.Diagnostic(
        range=types.Range(types.Position(9, 0), types.Position(9, 1)),
        message="old",
        source="medlint",
        data={"rule": "OC01"},
    )
    oc01 = [d for d in ours if d.code == "OC01"]
    actions = code_actions("file:///d.md", index, "markdown", [*oc01, *oc01, other, stale])
    assert [a.title for a in actions] == [
        "Suppress OC01 on this line",
        "Suppress OC01 in this file",
    ]
    assert all(a.diagnostics == [oc01[0]] for a in actions)
