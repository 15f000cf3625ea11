"""Reading a long text's chunks in workers: the parts a pool's worker builds for itself."""

from __future__ import annotations

from pathlib import Path

from medlint.engine.engine import TextRun
from medlint.engine.parallel import read_batch_by_recipe, with_local_builtins
from medlint.linter import Linter
from medlint.read.chunking import split


def test_a_worker_reads_the_builtin_packs_of_its_own_install() -> None:
    recipe = Linter(extend_select=["ALL"]).engine.recipe
    assert recipe is not None
    elsewhere = {name: f"/elsewhere/medlint/rules/{Path(name).name}" for name in recipe["builtin"]}
    moved = {
        **recipe,
        "paths": [elsewhere.get(name, name) for name in recipe["paths"]],
        "builtin": list(elsewhere.values()),
    }
    assert with_local_builtins(moved) == dict(recipe)


def test_a_batch_read_by_recipe_is_the_batch_read_here() -> None:
    linter = Linter(extend_select=["ALL"])
    assert linter.engine.recipe is not None
    chunks = list(split("Our stem cells cure MS.\n\nThey are 100% safe.\n", "markdown"))
    run = TextRun(linter.engine, "markdown", "d.md")
    for chunk in chunks:
        run.read(chunk)
    assert read_batch_by_recipe(linter.engine.recipe, "markdown", "d.md", chunks) == run.partial()
