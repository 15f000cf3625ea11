"""The texts the findings point into, for the reporters that show them.

A report that shows source (the line under a finding in ``--format text``, the whole document in
``--format html``) reads it here and nowhere else: standard input's text as the run kept it
(``RunSummary.sources``), a file read again and decoded as the linter decoded it (UTF-16 with a
BOM, else UTF-8 less its BOM), so that the findings' offsets, lines and columns fall where they
did. Nothing is linted again; a file changed or removed since the run reads as it is now, or as
None.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from stat import S_ISREG

from medlint.read.limits import LimitError, mode_of, open_regular
from medlint.read.source import codec_of


class SourceTexts:
    """The linted texts by path: kept ones (standard input) first, else the file's."""

    def __init__(self, kept: Mapping[str, str]) -> None:
        self.kept = kept

    def text(self, path: str | None, limit: int | None = None) -> str | None:
        """The whole text behind ``path``'s findings; None when unreadable, or when longer than
        ``limit`` characters (a file: bytes, known before it is read)."""
        key = path or "-"
        kept = self.kept.get(key)
        if kept is not None:
            return kept if limit is None or len(kept) <= limit else None
        try:
            with open_regular(key) as handle:
                if limit is not None and os.fstat(handle.fileno()).st_size > limit:
                    return None
                data = handle.read()
        except (OSError, ValueError, LimitError):  # not a regular file (a FIFO would block)
            return None
        return data.decode(codec_of(data), errors="replace")

    def lines(self, path: str | None) -> Iterator[str] | None:
        """The text's lines, each with its line break (\\n, \\r\\n or \\r, as the linter counts
        lines), read one at a time; None when unreadable."""
        key = path or "-"
        kept = self.kept.get(key)
        if kept is not None:
            return iter(io.StringIO(kept, newline=""))
        return _file_lines(Path(key)) if S_ISREG(mode_of(key) or 0) else None


def _file_lines(path: Path) -> Iterator[str]:
    """A file's lines; the file is closed once read to the end, or when the iterator is
    dropped."""
    try:
        with open_regular(path) as raw:
            encoding = codec_of(raw.read(2))
            raw.seek(0)
            yield from io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
    except (OSError, ValueError, LimitError):
        return
