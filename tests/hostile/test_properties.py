"""Properties: deterministic results, whatever the order of files, the workers or the prefilter;
nothing is lost or half-written; the Linter is safe under concurrent calls."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.linter import Linter
from medlint.read.chunking import split
from medlint.run import Options, run

ROOT = Path(__file__).resolve().parents[2]
PIECES = [
    "Our stem cells cure MS.",
    "There is no cure for MS.",
    "<!-- medlint-disable-next-line OC01 -->",
    "Studies have shown it works.",
    "# Heading Cures",
    "```\ncode cures MS\n```",
    "Book your free consultation today!",
    "\n\n",
    "<p>It cures MS &amp; more.</p>",
]


def write_corpus(folder: Path) -> list[Path]:
    paths = []
    for index, name in enumerate(["c.md", "a.txt", "b.html", "d.md", "e.markdown"]):
        path = folder / name
        path.write_text("\n".join(PIECES[index:] + PIECES[:index]) * 3, encoding="utf-8")
        paths.append(path)
    return paths


def test_results_do_not_depend_on_file_order_or_workers(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    names = [str(p) for p in paths]
    serial = run(names, Options(isolated=True, jobs=1))
    reverse = run(names[::-1], Options(isolated=True, jobs=1))
    parallel = run(names, Options(isolated=True, jobs=2))
    key = lambda f: (f.path, f.start, f.rule)  # noqa: E731
    assert serial.findings == parallel.findings
    assert sorted(serial.findings, key=key) == sorted(reverse.findings, key=key)
    assert serial.findings, "the corpus must produce findings"


def test_prefilter_and_chunking_do_not_change_findings(tmp_path: Path) -> None:
    examples = [  # (file, format, has findings)
        ("clinic-page.html", "html", True),
        ("wellness-blog.md", "markdown", True),
        ("clean-article.md", "markdown", False),
    ]
    plain = Linter(prefilter=False)
    fast = Linter()
    for name, format, flagged in examples:
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        expected = plain.lint_text(text, format=format)  # type: ignore[arg-type]
        assert bool(expected) == flagged, name
        assert fast.lint_text(text, format=format) == expected  # type: ignore[arg-type]
        small_chunks = fast.lint_chunks(split(text * 4, format, target=300, hard=5000), format)  # type: ignore[arg-type]
        whole = fast.lint_text(text * 4, format=format)  # type: ignore[arg-type]
        assert small_chunks == whole


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=25))
def test_prefilter_is_exact_on_generated_text(pieces: list[str]) -> None:
    # A claim first, where nothing generated can hide it (a fence, a comment, a directive).
    text = "Our stem cells cure MS.\n\n" + " ".join(pieces)
    for format in ("text", "markdown", "html"):
        expected = _PLAIN.lint_text(text, format=format)  # type: ignore[arg-type]
        assert any(f.rule == "OC01" for f in expected)
        assert _FAST.lint_text(text, format=format) == expected  # type: ignore[arg-type]


_FAST = Linter()
_PLAIN = Linter(prefilter=False)
_ALL = Linter(extend_select=["ALL"])
# Pieces whose meaning reaches across a paragraph break, where a chunk may be cut: a subject
# named in a heading, an excuse in the next sentence, a suppression comment for the next line,
# a fence with a shorter fence inside it, an open comment, a line ending of two characters.
CUT_PIECES = [
    *PIECES,
    "## Stem cell therapy\n\nIt reverses MS in weeks.",
    "Studies show that the diet cures MS.\n\nSee doi:10.1000/182 in The Lancet.",
    "<!-- medlint-disable-next-line -->\n\n\nOur stem cells cure MS.",
    "~~~~\n```\n\nStem cells cure MS.\n~~~~",
    "<!-- draft\n\nOur cells cure MS.\n-->",
    "<script>\n\nvar cure = 'MS';\n</script>",
    "Consult your doctor.\r\n\r\n",
    "- It cures MS.\n- It heals you.",
]


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(st.sampled_from(CUT_PIECES), st.text(alphabet="abcMS .!?\n", max_size=20)),
        max_size=30,
    ),
    format=st.sampled_from(["text", "markdown", "html"]),
    target=st.integers(1, 400),
)
def test_any_chunk_size_gives_the_same_findings(
    pieces: list[str], format: str, target: int
) -> None:
    """Chunks end at paragraph breaks once they reach ``target`` characters: wherever that
    falls, the findings are those of the whole text read at once. (A cut inside a paragraph,
    past ``HARD``, is covered by the code-block, line-ending and one-line tests.)"""
    text = "\n\n".join(pieces)
    whole = _ALL.lint_text(text, format=format)  # type: ignore[arg-type]
    assert _ALL.lint_chunks(split(text, format, target=target), format) == whole  # type: ignore[arg-type]


def test_linted_files_are_never_written(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    before = {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), os.stat(p).st_mtime_ns) for p in paths
    }
    from click.testing import CliRunner

    from medlint.cli import main

    out = tmp_path / "reports" / "report.sarif"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--format", "sarif", "--output-file", str(out), str(tmp_path)]
    )
    assert result.exit_code == 1
    result = CliRunner().invoke(
        main,
        ["check", "--isolated", "--write-baseline", str(out.parent / "base.json"), str(tmp_path)],
    )
    assert result.exit_code == 0
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), os.stat(p).st_mtime_ns) for p in paths}
    assert before == after
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "base.json",
        "report.sarif",
    ]  # no temp files


def test_linter_is_safe_under_concurrent_calls() -> None:
    linter = Linter()
    texts = [
        ("\n".join(PIECES[i:] + PIECES[:i]) * 20, f)
        for i in range(len(PIECES))
        for f in ("text", "markdown", "html")
    ]
    expected = [linter.lint_text(t, format=f) for t, f in texts]  # type: ignore[arg-type]
    assert all(expected), "every text must produce findings"
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            results = list(pool.map(lambda tf: linter.lint_text(tf[0], format=tf[1]), texts))
            assert results == expected


def test_one_long_text_gives_the_same_findings_with_workers(monkeypatch: Any) -> None:
    from medlint.engine import parallel

    monkeypatch.setattr(parallel, "BATCH_CHARACTERS", 64 * 1024)
    text = "\n\n".join(PIECES * 1500)  # about 300 KB: several batches of chunks
    for format in ("markdown", "html"):
        serial = _FAST.lint_text(text, format=format)  # type: ignore[arg-type]
        assert serial
        assert _FAST.lint_text(text, format=format, jobs=2) == serial  # type: ignore[arg-type]


def test_a_batch_gives_each_text_what_it_gets_alone(tmp_path: Path) -> None:
    """Texts linted together (one prefilter round) keep their own findings, document rules,
    suppressions and positions, with the prefilter and without it."""
    texts = [
        ("\n".join(PIECES[index:] + PIECES[:index]) * 2, format, f"t{index}")
        for index, format in enumerate(["markdown", "text", "html", "markdown", "text"])
    ]
    texts.append(("", "markdown", "empty"))
    for linter in (Linter(), Linter(prefilter=False)):
        batch = linter.lint_batch([(list(split(t, f)), f, p) for t, f, p in texts])  # type: ignore[arg-type]
        alone = [linter.lint_text(t, format=f, path=p) for t, f, p in texts]  # type: ignore[arg-type]
        assert [findings for findings, _ in batch] == alone
        assert any(alone), "the texts must produce findings"


def test_one_bad_file_in_a_batch_spoils_only_itself(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Our stem cells cure MS.\n\xff\xfe broken")
    names = [str(paths[0]), str(bad), *map(str, paths[1:])]
    result = run(names, Options(isolated=True, jobs=1))
    assert result.files_checked == len(paths)
    assert len(result.errors) == 1 and "bad.md:2:1: not valid UTF-8" in result.errors[0]
    alone = run([str(p) for p in paths], Options(isolated=True, jobs=1))
    assert alone.findings, "the good files must produce findings"
    assert result.findings == alone.findings
    assert run(names, Options(isolated=True, jobs=2)).findings == alone.findings
