"""Typing sends a change per keystroke: only the last of a burst is linted."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from medlint.server.debounce import Debouncer


def test_a_new_job_for_a_document_replaces_the_waiting_one() -> None:
    ran: list[str] = []

    def job(name: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            ran.append(name)

        return run

    async def burst() -> None:
        jobs = Debouncer()
        for name in ("a1", "a2", "a3"):
            jobs.schedule("a", 0.05, job(name))
        jobs.schedule("b", 0, job("b1"))
        assert jobs.pending() == 2
        while jobs.pending():
            await asyncio.sleep(0.01)

    asyncio.run(burst())
    assert sorted(ran) == ["a3", "b1"]


def test_a_cancelled_job_never_finishes() -> None:
    steps: list[str] = []

    async def slow() -> None:
        steps.append("started")
        await asyncio.sleep(10)
        steps.append("finished")

    async def scenario() -> None:
        jobs = Debouncer()
        jobs.schedule("a", 0, slow)
        await asyncio.sleep(0.01)
        jobs.cancel("a")
        await asyncio.sleep(0.01)
        assert jobs.pending() == 0

    asyncio.run(scenario())
    assert steps == ["started"]


def test_a_failing_job_is_logged_and_forgotten(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> None:
        raise RuntimeError("a bug")

    async def scenario() -> None:
        jobs = Debouncer()
        jobs.schedule("file:///a.md", 0, broken)
        while jobs.pending():
            await asyncio.sleep(0.01)

    asyncio.run(scenario())
    assert "linting file:///a.md failed" in caplog.text and "a bug" in caplog.text
