"""The literals a long text holds, found once for every list (see medlint.rules.present)."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.document.model import fold, lower
from medlint.linter import Linter
from medlint.rules.language import Matcher
from medlint.rules.present import LONG, LiteralIndex

_WORDS = ["cure", "cures", "stem cell", "clinic", "ure", "trial", "placebo", "cell"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, " ", "x", "."]), max_size=40).map("".join))
def test_the_literals_present_are_those_in_the_text(text: str) -> None:
    index = LiteralIndex()
    index.add(_WORDS[:4])
    assert index.present(text) == {word for word in _WORDS[:4] if word in text}
    index.add(_WORDS[4:])  # literals added later are found in a text read before
    assert index.present(text) == {word for word in _WORDS if word in text}


def test_an_answer_is_remembered_until_literals_are_added() -> None:
    index = LiteralIndex()
    index.add(["cure"])
    text = "it cures " * 300
    first = index.present(text)
    assert index.present(text) is first  # read once
    index.add(["cure"])  # nothing new: still remembered
    assert index.present(text) is first
    index.add(["it c"])
    assert index.present(text) == {"cure", "it c"}


def test_threads_adding_and_asking_at_once_get_exact_answers() -> None:
    index = LiteralIndex()
    text = " ".join(f"word{n}" for n in range(400))
    wrong: list[str] = []

    def ask(number: int) -> None:
        mine = {f"word{number * 7 + k}" for k in range(5)}
        index.add(mine)
        for _ in range(50):
            if not mine <= index.present(text):
                wrong.append(f"thread {number}")

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


_LINTER = Linter(extend_select=["ALL"])
_LISTS = sorted(
    {
        tuple(rule.options[key])
        for rule in _LINTER.all_rules
        for key in ("patterns", "with", "unless", "requires", "subject")
        if rule.options.get(key)
    }
)
_EXAMPLES = [text for rule in _LINTER.all_rules for text in rule.flag_examples]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_EXAMPLES), min_size=40, max_size=60).map(" ".join))
def test_a_long_text_leaves_out_the_patterns_its_own_automaton_would(text: str) -> None:
    folded = fold(lower(text))
    assert len(folded) >= LONG
    for patterns in _LISTS:
        matcher = Matcher(patterns, trusted=True)
        _, selector = matcher._literal_selector()
        alone = set(matcher._always)
        if selector:
            for _, indexes in selector.iter(folded):
                alone.update(indexes)
        assert matcher.possible(folded) == tuple(sorted(alone)), patterns
