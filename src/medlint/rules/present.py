"""Which required literals a long text holds, found once for every pattern list that asks.

A pattern list leaves out the patterns whose required literals a text lacks (see
:meth:`medlint.rules.language.Matcher.possible`). A page's whole text is asked by many lists in
turn: each whole-page requirement, each excuse looked for on the whole page, each profile's
cues. So for a long text one Aho-Corasick automaton (``pyahocorasick``, in C) of the literals of
every list that has asked so far reads it once, and the answer is remembered for the next list
that asks (a sentence is short: each list reads it with its own automaton, as sharing would
cost more than it saves).

Literals are only ever added: an automaton holds at least the literals of every list that had
asked when it was built, so an answer it gives holds every literal of those lists that is in
the text (and literals of other lists, which the asking list leaves aside). Adding literals
starts a new memory, read only by lists that asked after them: the answers stay exact when
threads lint at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from operator import itemgetter
from typing import Any, Final

LONG: Final = 2000  # characters: a text this long is read once for all lists
_VALUE: Final = itemgetter(1)  # of an automaton's hit: (where it ends, the literal)
REMEMBERED: Final = 4  # long texts whose answers are kept (a page's text and its prose)


class LiteralIndex:
    def __init__(self) -> None:
        self._literals: set[str] = set()
        self._lock = threading.Lock()
        # The automaton (None until a text is read) and the answers found with it, replaced
        # as one when literals are added.
        self._state: tuple[Any, dict[str, frozenset[str]]] = (None, {})

    def add(self, literals: Iterable[str]) -> None:
        """Literals a list will ask about."""
        with self._lock:
            new = set(literals) - self._literals
            if new:
                self._literals |= new
                self._state = (None, {})

    def present(self, folded: str) -> frozenset[str]:
        """The literals added so far that ``folded`` (a text as
        :func:`~medlint.document.model.fold` gives it) holds."""
        automaton, answers = self._state
        found = answers.get(folded)
        if found is None:
            if automaton is None:
                automaton = self._automaton()
            found = frozenset(map(_VALUE, automaton.iter(folded)))  # each hit read in C
            if len(answers) >= REMEMBERED:
                answers.pop(next(iter(answers)), None)  # the oldest
            answers[folded] = found
        return found

    def _automaton(self) -> Any:
        """The automaton of the literals added so far, built once for them."""
        import ahocorasick

        with self._lock:
            automaton, answers = self._state
            if automaton is None:
                automaton = ahocorasick.Automaton()
                for literal in self._literals:
                    automaton.add_word(literal, literal)
                if self._literals:
                    automaton.make_automaton()
                self._state = (automaton, answers)
            return automaton


SHARED: Final = LiteralIndex()  # one per process: the literals of every list that asked
