"""Map offsets in extracted prose back to offsets in the source text.

Markup readers drop tags and decode entities, so the prose the rules read is not the source.
The map is a list of runs: prose ``[p, p + n)`` stands for source ``[s, s + m)``, either copied
(``n == m``) or as one replacement character (``n == 1``, e.g. ``&amp;`` -> ``&``).
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Runs from prose offsets to source offsets, built in increasing order."""

    __slots__ = ("prose_lengths", "prose_starts", "source_lengths", "source_starts")

    def __init__(self) -> None:
        self.prose_starts: list[int] = []
        self.source_starts: list[int] = []
        self.prose_lengths: list[int] = []
        self.source_lengths: list[int] = []

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text whose prose is the text itself (plain text, masked Markdown)."""
        result = cls()
        result.add(0, 0, length, length)
        return result

    def add(
        self, prose_start: int, source_start: int, prose_length: int, source_length: int
    ) -> None:
        if prose_length <= 0:
            return
        # Extend the previous run when both are plain copies that continue each other.
        if (
            self.prose_starts
            and prose_length == source_length
            and self.prose_lengths[-1] == self.source_lengths[-1]
            and self.prose_starts[-1] + self.prose_lengths[-1] == prose_start
            and self.source_starts[-1] + self.source_lengths[-1] == source_start
        ):
            self.prose_lengths[-1] += prose_length
            self.source_lengths[-1] += source_length
            return
        self.prose_starts.append(prose_start)
        self.source_starts.append(source_start)
        self.prose_lengths.append(prose_length)
        self.source_lengths.append(source_length)

    def _run(self, prose_offset: int) -> int:
        return max(bisect_right(self.prose_starts, prose_offset) - 1, 0)

    def source_start(self, prose_offset: int) -> int:
        """Source offset of the prose character at ``prose_offset``."""
        if not self.prose_starts:
            return 0
        k = self._run(prose_offset)
        inside = prose_offset - self.prose_starts[k]
        if self.prose_lengths[k] == self.source_lengths[k]:
            return self.source_starts[k] + min(inside, self.source_lengths[k])
        return self.source_starts[k]

    def source_end(self, prose_end: int) -> int:
        """Source offset just after the prose character at ``prose_end - 1``."""
        if prose_end <= 0 or not self.prose_starts:
            return self.source_start(0)
        k = self._run(prose_end - 1)
        inside = prose_end - self.prose_starts[k]
        if self.prose_lengths[k] == self.source_lengths[k]:
            return self.source_starts[k] + min(inside, self.source_lengths[k])
        return self.source_starts[k] + self.source_lengths[k]
