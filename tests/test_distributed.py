"""Whole-archive audits on Dask, tested on a real cluster: ``distributed.LocalCluster`` with two
worker processes of one thread each, on a generated corpus of 2,000 small files (and one file
large enough, with the size thresholds lowered, to be read as chunk batches on the cluster).

The reference is ``--jobs 1``: the cluster's report must be byte-identical, and stay so when a
worker process dies in the middle of the run."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

import medlint.distributed as medlint_distributed  # noqa: E402
import medlint.engine.parallel as parallel  # noqa: E402
import medlint.read.batches as batches  # noqa: E402
import medlint.run as run_module  # noqa: E402
from helpers import loaded_by_check, python  # noqa: E402
from medlint.cli import main  # noqa: E402
from medlint.run import Options, run  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = 2000
BIG = "corpus/big/long-page.md"  # linted as chunk batches once the thresholds are lowered


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``corpus/``: the examples' texts many times over, varied so that
    files differ (some lose their claims, some gain a line), in 10 subfolders."""
    root = tmp_path_factory.mktemp("archive")
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.iterdir())]
    for number in range(FILES):
        suffix, text = texts[number % len(texts)]
        if number % 7 == 0:
            text = text.replace("cure", "help")
        if number % 5 == 0:
            text += f"\nPage {number}: this remedy is 100% safe and works for everyone.\n"
        folder = root / "corpus" / f"part{number % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{number:05d}{suffix}").write_text(text, encoding="utf-8")
    markdown = (EXAMPLES / "wellness-blog.md").read_text(encoding="utf-8")
    (root / BIG).parent.mkdir()
    (root / BIG).write_text("\n\n".join([markdown] * 240), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The big file (about 200 KB, four chunks) counts as big, is alone in its batch, and
    each of its chunks is a task."""
    monkeypatch.setattr(batches, "BATCH_BYTES", 150_000)
    monkeypatch.setattr(run_module, "BIG_FILE", 150_000)
    monkeypatch.setattr(medlint_distributed, "BIG_FILE", 150_000)
    monkeypatch.setattr(parallel, "BATCH_CHARACTERS", 4096)


CHECK = ["check", "--isolated", "--extend-select", "ALL", "--fail-on", "never"]


def check(*args: str) -> str:
    result = CliRunner().invoke(main, [*CHECK, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


OPTIONS = Options(isolated=True, extend_select=("ALL",), jobs=1)


@pytest.fixture(scope="module")
def local(corpus: Path) -> run_module.RunResult:
    """The run with ``--jobs 1``."""
    with contextlib.chdir(corpus):
        return run(["corpus"], OPTIONS)


@pytest.fixture
def in_corpus(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(corpus)  # relative paths, as the client names them
    return corpus


@pytest.mark.usefixtures("in_corpus", "small_thresholds")
def test_the_cluster_reports_what_one_process_does(client: Any) -> None:
    reference = check("--jobs", "1", "--format", "json", "corpus")
    with distributed.get_task_stream(client) as tasks:
        got = check("--scheduler", client.scheduler.address, "--format", "json", "corpus")
    assert got == reference
    assert '"path": "corpus/big/long-page.md"' in reference
    assert '"path": "corpus/part9/page01979.md"' in reference
    names = [task["key"] for task in tasks.data]
    assert sum("lint_batch_task" in str(name) for name in names) >= FILES // 32
    assert sum("read_batch_by_recipe" in str(name) for name in names) >= 2  # the big file


def _kill_once(marker: str, victim: str, task: Callable[..., Any], *args: Any) -> Any:
    """Run ``task``; but the first task whose files include ``victim`` kills its worker
    process first (the marker file says it has happened)."""
    if any(isinstance(arg, list) and victim in arg for arg in args):
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            pass
        else:
            os._exit(1)
    return task(*args)


class KillingClient:
    """A client whose tasks kill one worker once, in the middle of the run."""

    def __init__(self, client: Any, marker: Path, victim: str) -> None:
        self.client, self.marker, self.victim = client, str(marker), victim

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return self.client.submit(_kill_once, self.marker, self.victim, fn, *args, **kwargs)

    def nthreads(self) -> Mapping[str, int]:
        return dict(self.client.nthreads())


@pytest.mark.usefixtures("in_corpus")
def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    client: Any, local: run_module.RunResult, tmp_path: Path
) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import it
    victim = local.paths[FILES // 2]
    marker = tmp_path / "killed"
    before = set(client.nthreads())
    remote = medlint_distributed.lint_paths(
        ["corpus"], KillingClient(client, marker, victim), OPTIONS
    )
    assert marker.exists()  # a worker did die
    client.wait_for_workers(2, timeout=60)
    assert set(client.nthreads()) != before  # ... and the nanny started a new one
    assert remote.paths == local.paths
    assert remote.findings == local.findings
    assert (remote.files_checked, remote.errors, remote.problems) == (FILES + 1, [], [])


def test_a_file_the_workers_cannot_read_is_an_error_like_locally(
    client: Any, in_corpus: Path
) -> None:
    gone = in_corpus / "corpus" / "part0" / "page00000.md"
    options = Options(isolated=True)
    batch = ["corpus/part0/page00000.md", "corpus/part0/page00030.md"]
    gone.rename(gone.with_suffix(".bak"))
    try:
        task = medlint_distributed.lint_batch_task
        remote = medlint_distributed.DaskPool(client).submit(task, options, "run", batch).result()
        local = run_module.outcomes_of(run_module.Runner(options), [Path(p) for p in batch])
    finally:
        gone.with_suffix(".bak").rename(gone)
    assert remote == local
    assert remote[0][2] is not None and "page00000.md" in remote[0][2]


def test_import_medlint_and_medlint_check_load_no_dask(tmp_path: Path) -> None:
    assert loaded_by_check(("dask", "distributed"), tmp_path, "--jobs", "2") == []


def test_without_the_extra_scheduler_says_how_to_install_it(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("Our stem cells cure MS.\n", encoding="utf-8")
    code = (
        "import sys\nsys.modules['distributed'] = None\nfrom medlint.cli import main\n"
        "main(['check', '--scheduler', 'local:2', 'draft.md'])\n"
    )
    result = python(code, tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"medlint: --scheduler: {medlint_distributed.EXTRA_HINT}\n"


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_a_wrong_local_cluster_size_is_a_clear_error(address: str) -> None:
    result = CliRunner().invoke(main, ["check", "--scheduler", address, "draft.md"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"medlint: --scheduler: '{address}': expected local or local:N with N at least 1\n"
    )


def test_an_address_dask_cannot_use_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["check", "--scheduler", "nonsense://x", "draft.md"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "medlint: --scheduler: cannot reach the Dask scheduler at nonsense://x: unknown address "
        "scheme 'nonsense'"
    )
