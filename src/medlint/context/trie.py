"""A regex matching any of a list of words, shaped as a trie so ``re`` scans it quickly."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any


def trie_pattern(words: Iterable[str], render_char: Callable[[str], str] = re.escape) -> str:
    """A regex matching any of ``words``, shaped as a trie so ``re`` scans it quickly.

    ``render_char`` renders one character (e.g. a space as ``\\s+``); longer words win at a place.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [render_char(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return render(trie)
