"""What a YAML file's mappings and lists become: :class:`LocatedDict` and :class:`LocatedList`
remember where each key and item stood, so a schema error can name the file, the line and the
field."""

from __future__ import annotations

from typing import Any


class LocatedDict(dict[str, Any]):
    """A dict that knows its own line and the line and column of each key."""

    line: int = 0
    column: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_positions: dict[str, tuple[int, int]] = {}

    def line_of(self, key: str) -> int:
        return self.key_positions.get(key, (self.line, self.column))[0]

    def column_of(self, key: str) -> int:
        return self.key_positions.get(key, (self.line, self.column))[1]


class LocatedList(list[Any]):
    """A list that knows the line and column of each item."""

    line: int = 0
    column: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_positions: list[tuple[int, int]] = []

    def line_of(self, index: int) -> int:
        return self.position_of(index)[0]

    def position_of(self, index: int) -> tuple[int, int]:
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return self.line, self.column
