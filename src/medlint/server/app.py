"""``medlint server``: the language server (pygls), over standard input and output.

It publishes diagnostics for Markdown, MDX, plain-text and HTML documents when they are opened
or saved, and a short pause after a change (:data:`DEBOUNCE`); answers hovers with the rule's
documentation; and offers code actions that write a suppression comment. Documents are linted
from the editor's text with the configuration nearest to their file
(:mod:`medlint.server.workspace`), on one worker thread so the editor's requests are answered
while a long document is read. The server never writes a file: its edits go to the editor,
which applies them to the buffer.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final, NamedTuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from medlint import __version__
from medlint.findings import Finding
from medlint.linter import Linter
from medlint.read.source import SUFFIX_FORMATS, Format
from medlint.server import DEBOUNCE, convert
from medlint.server.debounce import Debouncer
from medlint.server.positions import LineIndex
from medlint.server.workspace import Workspace

# A document whose file name says nothing (unsaved, or an unknown suffix) is read by its language.
LANGUAGES: Final[dict[str, Format]] = {
    "markdown": "markdown",
    "mdx": "markdown",
    "html": "html",
    "plaintext": "text",
    "text": "text",
}
CONFIG_GLOBS: Final = ("**/.medlint.yaml", "**/.medlint.yml", "**/pyproject.toml")
log = logging.getLogger("medlint.server")


class Result(NamedTuple):
    """A document's last lint: what hovers are answered from."""

    lines: LineIndex
    findings: list[Finding]
    linter: Linter | None


def format_of(document: TextDocument) -> Format | None:
    """The format a document is read in: from its file name as ``medlint check`` does, else
    from its language; None for a document medlint does not read (it gets no diagnostics)."""
    known = SUFFIX_FORMATS.get(Path(document.path).suffix.lower())
    return known or LANGUAGES.get(document.language_id or "")


class MedlintServer(LanguageServer):
    """The language server's state: the configurations in use, each document's last lint."""

    def __init__(self, debounce: float = DEBOUNCE) -> None:
        super().__init__("medlint", __version__)
        self.debounce = debounce
        self.files = Workspace()
        self.results: dict[str, Result] = {}
        self.jobs = Debouncer()
        # One thread: linting holds the GIL anyway, and Workspace is not thread-safe.
        self.linting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-lint")

    def encoding(self) -> str:
        """The position encoding agreed with the client (utf-16 unless it offered another)."""
        return str(self.workspace.position_encoding or "utf-16")

    def schedule(self, uri: str, delay: float) -> None:
        self.jobs.schedule(uri, delay, lambda: self.lint(uri))

    def relint_open_documents(self, besides: str | None = None) -> None:
        for uri in list(self.workspace.text_documents):
            if uri != besides:
                self.schedule(uri, 0)

    async def lint(self, uri: str) -> None:
        """Lint the document's current text and publish the diagnostics."""
        document = self.workspace.text_documents.get(uri)
        format = format_of(document) if document is not None else None
        if document is None or format is None:
            return
        text, version = document.source, document.version
        path = to_fs_path(uri)
        file = Path(path) if path is not None else None
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self.linting, self.files.lint, text, file, format)
        if uri not in self.workspace.text_documents:
            return  # closed meanwhile
        index = LineIndex(text, self.encoding())
        findings = linted.findings
        if text.startswith("\ufeff"):  # medlint's offsets count from after the BOM
            findings = [f._replace(start=f.start + 1, end=f.end + 1) for f in findings]
        self.results[uri] = Result(index, findings, linted.linter)
        diagnostics = [convert.diagnostic(f, index, linted.linter) for f in findings]
        if linted.error is not None:
            diagnostics.insert(0, convert.error_diagnostic(linted.error))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )
        if linted.reloaded:
            self.relint_open_documents(besides=uri)

    def forget(self, uri: str) -> None:
        """A closed document: no pending lint, no diagnostics left in the editor."""
        self.jobs.cancel(uri)
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        result = self.results.get(uri)
        if result is None:
            return None
        offset = result.lines.offset(position.line, position.character)
        under = [f for f in result.findings if f.start <= offset < f.end or f.start == offset]
        if not under:
            return None
        markdown = _client_shows_markdown(self)
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                value=convert.hover_text(under, result.linter, markdown),
            ),
            range=convert.to_range(result.lines, under[0].start, under[0].end),
        )

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        document = self.workspace.text_documents.get(params.text_document.uri)
        format = format_of(document) if document is not None else None
        if document is None or format is None:
            return None
        index = LineIndex(document.source, self.encoding())
        return convert.code_actions(document.uri, index, format, params.context.diagnostics)


def _client_shows_markdown(server: LanguageServer) -> bool:
    document = server.client_capabilities.text_document
    formats: Any = document.hover.content_format if document and document.hover else None
    return formats is None or types.MarkupKind.Markdown in formats


def build(debounce: float = DEBOUNCE) -> MedlintServer:
    """The server with its features registered."""
    server = MedlintServer(debounce)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MedlintServer, _params: types.InitializedParams) -> None:
        """Ask the client to report changes to configuration files, where it can."""
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is None or not watched.dynamic_registration:
            return  # each lint looks at the configuration's files anyway
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS]
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = types.Registration(
            id="medlint-configuration",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as error:  # the client said no: the lints still re-check the files
            log.warning("could not watch the configuration files: %s", error)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MedlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MedlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MedlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MedlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: MedlintServer, _params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_open_documents()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MedlintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: MedlintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return ls.code_actions(params)

    return server


def serve(debounce: float = DEBOUNCE) -> None:
    """Run the server on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="medlint server: %(message)s")
    build(debounce).start_io()
