"""The texts behind the findings, read back as the linter read them."""

from __future__ import annotations

from pathlib import Path

from medlint.report.sources import SourceTexts


def test_kept_texts_come_first_and_files_are_decoded_as_the_linter_decodes_them(
    tmp_path: Path,
) -> None:
    utf8 = tmp_path / "bom.md"
    utf8.write_bytes("\ufeffcafé\r\nline two\n".encode())
    utf16 = tmp_path / "wide.md"
    utf16.write_bytes("\ufeffwide\rtext\n".encode("utf-16-le"))
    texts = SourceTexts({"-": "from stdin\n", str(utf8): "kept"})
    assert texts.text(None) == texts.text("-") == "from stdin\n"
    assert texts.text(str(utf8)) == "kept"
    assert SourceTexts({}).text(str(utf8)) == "café\r\nline two\n"
    assert texts.text(str(utf16)) == "wide\rtext\n"
    assert list(texts.lines(str(utf16)) or ()) == ["wide\r", "text\n"]
    assert list(SourceTexts({}).lines(str(utf8)) or ()) == ["café\r\n", "line two\n"]


def test_unreadable_and_too_long_texts_are_none(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("x" * 100, encoding="utf-8")
    texts = SourceTexts({"-": "y" * 100})
    assert texts.text(str(big), limit=100) == "x" * 100
    assert texts.text(str(big), limit=99) is None
    assert texts.text("-", limit=99) is None
    assert texts.text(str(tmp_path / "gone.md")) is None
    assert texts.text(str(tmp_path)) is None
    assert texts.lines(str(tmp_path / "gone.md")) is None
