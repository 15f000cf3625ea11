"""medlint.run: a run stopped early stops its workers' work too."""

from __future__ import annotations

from pathlib import Path

import pytest

import medlint.run
from medlint.findings import Finding
from medlint.run import Options, run


class ReaderGone(Exception):
    """What a report's writer raises when its reader has gone (a closed pipe)."""


def test_a_run_stopped_early_starts_no_more_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(2000):
        (folder / f"{number:04d}.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    done = tmp_path / "batches-done"
    linted = medlint.run.outcomes_of

    def counted(runner: medlint.run.Runner, files: list[Path]) -> list[medlint.run.Outcome]:
        outcomes = linted(runner, files)
        with done.open("a", encoding="utf-8") as log:  # written by the forked workers
            log.write(f"{len(files)}\n")
        return outcomes

    monkeypatch.setattr(medlint.run, "outcomes_of", counted)

    def reader_gone(_findings: list[Finding]) -> None:
        raise ReaderGone

    with pytest.raises(ReaderGone):
        run([str(folder)], Options(isolated=True, jobs=2), on_findings=reader_gone)
    files_linted = sum(int(line) for line in done.read_text(encoding="utf-8").split())
    assert 0 < files_linted < 1000
