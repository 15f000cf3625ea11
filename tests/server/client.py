"""A real LSP client for the tests: pygls's LanguageClient starts ``python -m medlint server``
as a subprocess and talks to it over stdio, driven here from synchronous test code.

It keeps every ``textDocument/publishDiagnostics`` the server sends; :meth:`Editor.diagnostics`
waits for the ones of a given document version, so a test never sleeps for a fixed time.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.client import LanguageClient

T = TypeVar("T")
TIMEOUT = 60.0  # seconds: a hung server fails the test instead of hanging the run


class Editor:
    """One server process and the documents opened in it."""

    def __init__(self, cwd: Path, capabilities: types.ClientCapabilities | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("medlint-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.arrived = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

        self.registrations: list[types.Registration] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self.arrived.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)
            self.arrived.set()

        command = ("-m", "medlint", "server", "--debounce", "0.05")
        self.run(self.client.start_io(sys.executable, *command, cwd=str(cwd)))
        self.result = self.run(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities or types.ClientCapabilities(),
                    root_uri=cwd.as_uri(),
                    process_id=None,
                )
            )
        )
        self.client.initialized(types.InitializedParams())

    def run(self, awaitable: Awaitable[T]) -> T:
        async def bounded() -> T:
            return await asyncio.wait_for(awaitable, TIMEOUT)

        return self.loop.run_until_complete(bounded())

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
            )
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        """Replace the whole text (an incremental change covering the document)."""
        self.versions[uri] += 1
        old = self.texts[uri]
        self.texts[uri] = text
        lines = old.split("\n")
        whole = types.Range(
            start=types.Position(0, 0), end=types.Position(len(lines) - 1, len(lines[-1]))
        )
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[types.TextDocumentContentChangePartial(range=whole, text=text)],
            )
        )

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
        )

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
        )

    def diagnostics(self, uri: str, after: int = 0) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri``'s current version, among those that
        arrive after the ``after``-th publication (see :attr:`count`)."""
        version = self.versions.get(uri)

        async def wait() -> list[types.Diagnostic]:
            seen = after
            while True:
                for params in self.published[seen:]:
                    if params.uri == uri and params.version in (version, None):
                        return list(params.diagnostics)
                seen = len(self.published)
                self.arrived.clear()
                await self.arrived.wait()

        return self.run(wait())

    def registered(self) -> list[types.Registration]:
        """The capabilities the server has registered, once it has registered any."""

        async def wait() -> list[types.Registration]:
            while not self.registrations:
                self.arrived.clear()
                await self.arrived.wait()
            return self.registrations

        return self.run(wait())

    @property
    def count(self) -> int:
        """How many publications have arrived so far."""
        return len(self.published)

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return self.run(
            self.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri),
                    position=types.Position(line, character),
                )
            )
        )

    def code_actions(self, uri: str, diagnostics: Sequence[types.Diagnostic]) -> list[Any]:
        where = diagnostics[0].range
        return list(
            self.run(
                self.client.text_document_code_action_async(
                    types.CodeActionParams(
                        text_document=types.TextDocumentIdentifier(uri),
                        range=where,
                        context=types.CodeActionContext(diagnostics=list(diagnostics)),
                    )
                )
            )
            or []
        )

    def watched_files_changed(self, path: Path) -> None:
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=path.as_uri(), type=types.FileChangeType.Changed)]
            )
        )

    def stop(self) -> None:
        self.run(self.client.shutdown_async(None))
        self.client.exit(None)
        self.run(self.client.stop())
        self.loop.close()


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """The text with the edits applied, as an editor does (positions in UTF-16 units)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
