"""Lint an editor's documents as ``medlint check`` lints the files they stand for.

Each document is linted with the configuration nearest to its file (:class:`medlint.run.Runner`
finds it, as for ``medlint check - --stdin-filename PATH``), from the text in the editor, saved
or not. Before each lint the configuration files and rule packs already read are looked at
again (modification time, size, inode): when one has changed, or gone, everything is read
afresh, so an edit to ``.medlint.yaml`` or a house rule pack takes effect on the next keystroke
without a restart. A new configuration file nearer to a document is found because the search
runs for every lint. Nothing here writes a file.

Not thread-safe: the server runs every lint on one worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from medlint.config import Config
from medlint.errors import MedlintError
from medlint.findings import Finding
from medlint.linter import Linter
from medlint.read.source import Format
from medlint.run import Options, Runner

Stamp = tuple[int, int, int] | None


class Linted(NamedTuple):
    """One document's findings, the Linter that found them (for the rules' documentation),
    or the error that stopped it (a broken configuration or rule pack)."""

    findings: list[Finding]
    linter: Linter | None = None
    error: str | None = None
    reloaded: bool = False  # the configuration was read afresh: other documents may change too


class Workspace:
    """The configurations and Linters in use, kept while their files stay unchanged."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._runner = Runner(self.options)
        self._stamps: dict[Path, Stamp] = {}

    def lint(self, text: str, file: Path | None, format: Format) -> Linted:
        """The findings for ``text``, the editor's copy of ``file`` (None: not saved yet,
        linted with the configuration nearest to the working folder)."""
        reloaded = self._reload_if_changed()
        runner = self._runner
        try:
            config = runner.config_for(file)
            self._watch(config)  # before the rules load: a broken pack is watched too
            linter = runner.linter_for(config)
            if file is not None and runner.excluded(file):
                return Linted([], linter, reloaded=reloaded)
            findings, _problems = runner.lint_text(text, file, format)
        except MedlintError as error:
            return Linted([], None, str(error), reloaded)
        return Linted(findings, linter, reloaded=reloaded)

    def _reload_if_changed(self) -> bool:
        changed = any(stamp(path) != known for path, known in self._stamps.items())
        if changed:
            self._runner = Runner(self.options)
            self._stamps.clear()
        return changed

    def _watch(self, config: Config) -> None:
        """Remember the files this configuration was read from, to notice when they change."""
        if config.path is None or config.path in self._stamps:
            return
        for path in (config.path, *_pack_files(config.extend)):
            self._stamps[path] = stamp(path)


def _pack_files(paths: Iterable[Path]) -> list[Path]:
    """Rule packs named by ``extend``; a folder counts too (a pack added to it changes it)."""
    result: list[Path] = []
    for path in paths:
        result.append(path)
        if path.is_dir():
            result.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
    return result


def stamp(path: Path) -> Stamp:
    """What changes when a file is written or replaced; None when it is gone."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino
