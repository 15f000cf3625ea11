"""One pending job per document: a new request for a document cancels the one still waiting.

Typing sends a change per keystroke; linting each would queue work the next keystroke makes
stale. A change waits ``delay`` seconds for the next one; opening or saving a document lints at
once (delay 0), replacing any wait. A job cancelled while it runs is dropped when it next
yields, so an older result is never published after a newer one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("medlint.server")


class Debouncer:
    """Keyed, cancellable, delayed jobs on the running event loop."""

    def __init__(self) -> None:
        self._pending: dict[str, asyncio.Task[None]] = {}

    def schedule(self, key: str, delay: float, job: Callable[[], Awaitable[None]]) -> None:
        """Run ``job`` after ``delay`` seconds unless another is scheduled for ``key`` first."""
        self.cancel(key)
        self._pending[key] = asyncio.get_running_loop().create_task(self._run(key, delay, job))

    def cancel(self, key: str) -> None:
        task = self._pending.pop(key, None)
        if task is not None:
            task.cancel()

    def pending(self) -> int:
        """How many jobs wait or run."""
        return len(self._pending)

    async def _run(self, key: str, delay: float, job: Callable[[], Awaitable[None]]) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await job()
        except Exception:  # a bug: say so, and keep serving the other documents
            log.exception("linting %s failed", key)
        finally:
            if self._pending.get(key) is asyncio.current_task():
                del self._pending[key]
