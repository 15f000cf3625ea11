"""``medlint server`` end to end: a real LSP client (pygls's) starts it over stdio as a
subprocess, opens documents, and reads the diagnostics, hovers and code-action edits it sends.

One server serves the whole module (starting one costs about half a second); each test works
in its own folder, so the configuration nearest to its documents is its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types

from medlint.linter import Linter
from server.client import Editor, apply

CLAIM = "Our clinic offers a stem cell protocol that reverses MS."


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    session = Editor(tmp_path_factory.mktemp("workspace"))
    yield session
    session.stop()


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def only(diagnostics: list[types.Diagnostic], rule: str) -> types.Diagnostic:
    [found] = [d for d in diagnostics if d.code == rule]
    return found


def test_the_server_says_what_it_offers(editor: Editor) -> None:
    capabilities = editor.result.capabilities
    assert editor.result.server_info is not None
    assert editor.result.server_info.name == "medlint"
    assert capabilities.hover_provider
    assert isinstance(capabilities.code_action_provider, types.CodeActionOptions)
    assert list(capabilities.code_action_provider.code_action_kinds or []) == ["quickfix"]
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.save


def test_opening_markdown_publishes_what_medlint_check_finds(
    editor: Editor, tmp_path: Path, linter: Linter
) -> None:
    text = f"# Stem cells\n\n{CLAIM}\n"
    uri = editor.open(tmp_path / "draft.md", text)
    diagnostics = editor.diagnostics(uri)
    expected = linter.lint_text(text, "markdown")
    assert codes(diagnostics) == sorted(f.rule for f in expected)
    claim = only(diagnostics, "OC01")
    assert claim.range == types.Range(types.Position(2, 44), types.Position(2, 55))
    assert claim.severity == types.DiagnosticSeverity.Error
    assert claim.source == "medlint"
    assert claim.message == "'reverses MS' promises a cure or reversal that no trial has shown."
    assert claim.data == {"rule": "OC01", "name": "cure-claim", "category": "overclaim"}
    rule = linter.rule("OC01")
    assert rule is not None
    assert claim.code_description == types.CodeDescription(href=rule.references[0].url)
    assert only(diagnostics, "CI01").severity == types.DiagnosticSeverity.Warning
    assert only(diagnostics, "CI03").severity == types.DiagnosticSeverity.Information


def test_plain_text_and_html_are_read_in_their_format(editor: Editor, tmp_path: Path) -> None:
    line = f"<p>{CLAIM.replace('stem', '<b>stem</b>')}</p>"
    uri = editor.open(tmp_path / "page.html", f"<!DOCTYPE html>\n{line}\n", "html")
    claim = only(editor.diagnostics(uri), "OC01")
    column = line.index("reverses MS")
    assert claim.range == types.Range(types.Position(1, column), types.Position(1, column + 11))
    uri = editor.open(tmp_path / "notes.txt", f"Notes.\n{CLAIM}\n", "plaintext")
    claim = only(editor.diagnostics(uri), "OC01")
    assert claim.range == types.Range(types.Position(1, 44), types.Position(1, 55))


def test_an_unsaved_document_is_read_by_its_language(editor: Editor, tmp_path: Path) -> None:
    uri = editor.open(tmp_path / "Untitled-1", f"<p>{CLAIM}</p>", "html")
    claim = only(editor.diagnostics(uri), "OC01")
    assert claim.range.start == types.Position(0, len("<p>") + CLAIM.index("reverses"))


def test_positions_count_utf16_code_units(editor: Editor, tmp_path: Path) -> None:
    # 😀 is one code point, two UTF-16 units: LSP's default count.
    uri = editor.open(tmp_path / "emoji.md", f"😀 {CLAIM}\n")
    claim = only(editor.diagnostics(uri), "OC01")
    assert claim.range == types.Range(types.Position(0, 47), types.Position(0, 58))


def test_changes_and_saves_are_linted_again(editor: Editor, tmp_path: Path) -> None:
    uri = editor.open(tmp_path / "draft.md", f"{CLAIM}\n")
    assert "OC01" in codes(editor.diagnostics(uri))
    for text in ("Our clinic", f"{CLAIM} Twice: {CLAIM}", "Stem cells are studied in MS.\n"):
        editor.change(uri, text)  # typing: each change waits for the next
    assert editor.diagnostics(uri) == []  # those of the last version
    editor.change(uri, f"Intro.\n\n{CLAIM}\n")
    assert only(editor.diagnostics(uri), "OC01").range.start.line == 2
    before = editor.count
    editor.save(uri)
    assert only(editor.diagnostics(uri, after=before), "OC01").range.start.line == 2
    before = editor.count
    editor.close(uri)
    assert editor.diagnostics(uri, after=before) == []


def test_hover_shows_the_rules_documentation(
    editor: Editor, tmp_path: Path, linter: Linter
) -> None:
    uri = editor.open(tmp_path / "draft.md", f"{CLAIM}\n")
    editor.diagnostics(uri)
    hover = editor.hover(uri, 0, 48)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.range == types.Range(types.Position(0, 44), types.Position(0, 55))
    rule = linter.rule("OC01")
    assert rule is not None
    text = hover.contents.value
    assert text.startswith("**OC01 cure-claim · overclaim · error**\n\n")
    assert "'reverses MS' promises a cure or reversal that no trial has shown." in text
    assert rule.why.split(":")[0] in text
    assert rule.suggest.split(",")[0] in text
    assert all(f"]({r.url})" in text for r in rule.references)
    assert editor.hover(uri, 0, 43) is None  # just before the claim


def run_action(editor: Editor, uri: str, text: str, title: str, rule: str = "OC01") -> str:
    """Apply the code action with this title to the finding of ``rule``, send the edited
    text, and return it once the server has published its diagnostics (none of ``rule``)."""
    diagnostics = editor.diagnostics(uri)
    actions = editor.code_actions(uri, [only(diagnostics, rule)])
    [action] = [a for a in actions if a.title == title]
    assert action.kind == types.CodeActionKind.QuickFix
    edited = apply(text, action.edit.changes[uri])
    editor.change(uri, edited)
    after = codes(editor.diagnostics(uri))
    assert rule not in after and "MD100" not in after, after
    return edited


@pytest.mark.parametrize(
    ("name", "language", "text", "on_line", "in_file"),
    [
        (
            "draft.md",
            "markdown",
            f"---\ntitle: x\n---\n# Stem cells\n\n{CLAIM}  \nMore.\n",
            f"{CLAIM} <!-- medlint-disable-line OC01 -->  \n",
            "---\ntitle: x\n---\n<!-- medlint-disable OC01 -->\n# Stem cells\n",
        ),
        (
            "page.html",
            "html",
            f"<!DOCTYPE html>\n<p>{CLAIM}</p>\n",
            f"<p>{CLAIM}</p> <!-- medlint-disable-line OC01 -->\n",
            "<!DOCTYPE html>\n<!-- medlint-disable OC01 -->\n<p>",
        ),
        (
            "notes.txt",
            "plaintext",
            f"Notes.\n{CLAIM}\n",
            f"{CLAIM}  # medlint: disable-line OC01\n",
            "medlint: disable OC01\nNotes.\n",
        ),
    ],
    ids=["markdown", "html", "text"],
)
def test_suppress_actions_write_the_formats_comment(
    editor: Editor,
    tmp_path: Path,
    name: str,
    language: str,
    text: str,
    on_line: str,
    in_file: str,
) -> None:
    uri = editor.open(tmp_path / name, text, language)
    edited = run_action(editor, uri, text, "Suppress OC01 on this line")
    assert on_line in edited
    editor.change(uri, text)
    edited = run_action(editor, uri, text, "Suppress OC01 in this file")
    assert edited.startswith(in_file)


def test_a_second_rule_joins_the_comment_already_there(editor: Editor, tmp_path: Path) -> None:
    text = f"{CLAIM}\n"
    uri = editor.open(tmp_path / "draft.md", text)
    text = run_action(editor, uri, text, "Suppress OC01 on this line")
    text = run_action(editor, uri, text, "Suppress CI01 on this line", rule="CI01")
    assert text == f"{CLAIM} <!-- medlint-disable-line OC01, CI01 -->\n"
    text = run_action(editor, uri, text, "Suppress DS01 in this file", rule="DS01")
    text = run_action(editor, uri, text, "Suppress RK04 in this file", rule="RK04")
    assert text.startswith("<!-- medlint-disable DS01, RK04 -->\n")


def test_an_unused_suppression_has_a_quick_fix(editor: Editor, tmp_path: Path) -> None:
    text = f"Plain words. <!-- medlint-disable-line OC01 -->\n\n{CLAIM}\n"
    uri = editor.open(tmp_path / "draft.md", text)
    unused = only(editor.diagnostics(uri), "MD100")
    assert list(unused.tags or []) == [types.DiagnosticTag.Unnecessary]
    [fix] = editor.code_actions(uri, [unused])
    assert (fix.title, fix.is_preferred) == ("Remove the unused suppression", True)
    edited = apply(text, fix.edit.changes[uri])
    assert edited == f"Plain words.\n\n{CLAIM}\n"
    editor.change(uri, edited)
    assert "MD100" not in codes(editor.diagnostics(uri))


def test_the_nearest_configuration_applies_and_is_reloaded(editor: Editor, tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    config = house / ".medlint.yaml"
    config.write_text("ignore: [OC01]\n", encoding="utf-8")
    inside = editor.open(house / "draft.md", f"{CLAIM}\n")
    outside = editor.open(tmp_path / "draft.md", f"{CLAIM}\n")
    assert "OC01" not in codes(editor.diagnostics(inside))
    assert "OC01" in codes(editor.diagnostics(outside))
    # The editor reports the change (a watched file): the open documents are linted again.
    config.write_text("ignore: [CI01, CI03]\n", encoding="utf-8")
    before = editor.count
    editor.watched_files_changed(config)
    found = codes(editor.diagnostics(inside, after=before))
    assert "OC01" in found and "CI01" not in found
    # Unreported, the change is still seen on the next lint.
    config.write_text("select: [overclaim]\n", encoding="utf-8")
    editor.change(inside, f"{CLAIM} Again.\n")
    assert codes(editor.diagnostics(inside)) == ["OC01"]


def test_a_broken_configuration_is_shown_on_the_document(editor: Editor, tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("select: [overclaim]\nignroe: [OC01]\n", "utf-8")
    uri = editor.open(tmp_path / "draft.md", f"{CLAIM}\n")
    [problem] = editor.diagnostics(uri)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert problem.range.start == types.Position(0, 0)
    assert "medlint could not lint this document" in problem.message
    assert ".medlint.yaml:2: unknown key 'ignroe'" in problem.message
    (tmp_path / ".medlint.yaml").write_text("select: [overclaim]\nignore: [CI01]\n", "utf-8")
    before = editor.count
    editor.save(uri)
    assert codes(editor.diagnostics(uri, after=before)) == ["OC01"]


def test_excluded_files_get_no_diagnostics(editor: Editor, tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("extend-exclude: [drafts/]\n", "utf-8")
    (tmp_path / "drafts").mkdir()
    assert editor.diagnostics(editor.open(tmp_path / "drafts" / "a.md", CLAIM)) == []


def test_the_server_writes_no_file(editor: Editor, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"{CLAIM}\n", encoding="utf-8")
    uri = editor.open(draft, f"{CLAIM}\n")
    editor.code_actions(uri, [only(editor.diagnostics(uri), "OC01")])
    editor.save(uri)
    editor.diagnostics(uri)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["draft.md"]
    assert draft.read_text(encoding="utf-8") == f"{CLAIM}\n"


def test_a_client_that_can_watch_files_is_asked_to_watch_the_configuration(
    tmp_path: Path,
) -> None:
    watching = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        )
    )
    session = Editor(tmp_path, watching)
    try:
        [registration] = session.registered()
    finally:
        session.stop()
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = registration.register_options
    globs = [w["globPattern"] for w in options["watchers"]]  # as the client receives it: JSON
    assert globs == ["**/.medlint.yaml", "**/.medlint.yml", "**/pyproject.toml"]
