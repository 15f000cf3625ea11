"""The cache keeps itself small: unused entries are pruned, used ones renewed, the memo capped."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from medlint import cache

DAY = 24 * 60 * 60


def _age(path: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def test_writing_an_entry_prunes_entries_unused_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path))
    cache.store_data("old", "1", [1])
    cache.store_data("recent", "1", [2])
    data = tmp_path / "data"
    old, recent = sorted(data.iterdir(), key=lambda p: not p.name.startswith("old"))
    _age(old, cache.STALE_DAYS + 1)
    _age(recent, cache.STALE_DAYS - 1)
    stray = data / "notes.txt"  # not ours: never touched
    stray.write_text("keep", encoding="utf-8")
    _age(stray, 400)

    cache.store_data("new", "1", [3])

    assert not old.exists()
    assert recent.exists() and stray.exists()
    assert cache.load_data("new", "1") == [3]


def test_reading_an_entry_marks_it_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path))
    cache.store_data("kept", "1", {"a": 1})
    [entry] = (tmp_path / "data").iterdir()
    _age(entry, cache.STALE_DAYS + 5)
    assert cache.load_data("kept", "1") == {"a": 1}
    assert time.time() - entry.stat().st_mtime < DAY  # renewed: the next prune keeps it
    assert cache.prune(tmp_path / "data") == 0
