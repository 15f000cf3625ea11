"""The document stage: a text's prose (markup removed, offsets kept), paragraphs, sentences
and source positions. Everything after it reads a :class:`Document`."""

from __future__ import annotations

from medlint.document.model import FORMATS, Document, Format, Paragraph, Sentence

__all__ = ["FORMATS", "Document", "Format", "Paragraph", "Sentence"]
