"""Control characters made visible: what a report prints of a file name or a message.

A file may be named with ESC or BEL (``a\\x1b[2Jb.md``): written raw, its name would clear or
recolour the reader's terminal, fake a GitHub workflow command's output, or make a JUnit report
invalid XML (XML 1.0 allows no C0 control but tab, line feed and carriage return, even as a
character reference). Each such character is written as a Python-style escape instead
(``\\x1b``, ``\\u202e``): C0 and C1 controls, DEL, bidi and other format characters, line and
paragraph separators, lone surrogates and the XML non-characters U+FFFE and U+FFFF.
"""

from __future__ import annotations

import re
import unicodedata

# Everything but printable ASCII may need an escape; printable ASCII (nearly every path) is
# passed over by the regular expression, in C.
_SUSPECT = re.compile(r"[^\x20-\x7e]")
_KEPT_FORMAT = frozenset("\u200c\u200d")  # zero-width (non-)joiners: part of how words are spelled


def _escape(char: str) -> str:
    category = unicodedata.category(char)
    if (
        category in ("Cc", "Zl", "Zp", "Cs")
        or (category == "Cf" and char not in _KEPT_FORMAT)
        or char in "\ufffe\uffff"
    ):
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def visible(text: str, keep: str = "") -> str:
    """``text`` with its control and format characters escaped, but those in ``keep``
    (``"\\n"`` for a multi-line message)."""
    if text.isascii() and text.isprintable():
        return text
    return _SUSPECT.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)
