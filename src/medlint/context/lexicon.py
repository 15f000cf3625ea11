"""Context of a claim inside its sentence: negated, hedged, hypothetical, a question, quoted,
or reported (someone else's claim: "clinics claim that ...", "..., he said").

NegEx/ConText-style: the lexicon (``rules/context.yaml``, data, not code) lists cue phrases; a cue
opens a scope over its clause that a terminator ("but", "however") or strong punctuation closes.
Negation reaches at most ``window`` words. A longer cue wins over a shorter one at the same place,
so pseudo cues ("not only", "no doubt") hide the cues inside them. A cue inside the claim's own
span does not negate it: "no side effects" is itself the claim a rule looks for.

Public API: :func:`cues` and :func:`assess` with the built-in lexicon, or a :class:`Lexicon`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal, NamedTuple

from medlint.context.phrases import PhraseFinder
from medlint.document.model import lower
from medlint.errors import RulePackError

CueKind = Literal[
    "negation", "hedge", "hypothetical", "pseudo", "terminator", "question", "quote", "attribution"
]
FLAGS: Final = ("negated", "hedged", "hypothetical", "question", "quoted", "reported")
# An attribution cue right after one of these is the writer's own voice ("we promise"), not
# someone else's claim: the experiencer of ConText, for the one who asserts.
_FIRST_PERSON: Final = frozenset({"i", "we", "i'm", "we're", "i've", "we've", "i'll", "we'll"})

_WORD = re.compile(r"\w+")
_HARD_STOP = re.compile(r"[;:!?()\[\]—–]|\.(?=\s|$)| - ")
# Every branch starts with its quotation mark, so ``re`` skips to the next mark in C; the
# straight single quote checks that no letter precedes it only once found: (?<!\w') there is
# (?<!\w) before it.
_QUOTE = re.compile(r"“[^“”]*”|\"[^\"]*\"|‘[^‘’]*’(?!\w)|'(?<!\w')[^'\n]+'(?!\w)|«[^«»]*»")
# Words that may follow a hedge placed after the claim ("... is possible").
_AFTER_HEDGE_REACH: Final = 5


class Cue(NamedTuple):
    """A context cue found in a sentence: ``[start, end)`` in the sentence's characters.

    ``direction`` is ``forward`` (scope follows the cue), ``backward`` (scope precedes it) or
    ``""`` where it does not apply.
    """

    kind: CueKind
    start: int
    end: int
    text: str
    direction: str = ""


class Assessment(NamedTuple):
    """The context flags of one span of a sentence."""

    negated: bool = False
    hedged: bool = False
    hypothetical: bool = False
    question: bool = False
    quoted: bool = False
    reported: bool = False

    @property
    def flags(self) -> frozenset[str]:
        found = _FLAG_SETS.get(self)
        if found is None:  # one of 64 combinations, each built once
            found = _FLAG_SETS[self] = frozenset(name for name in FLAGS if getattr(self, name))
        return found


_FLAG_SETS: dict[Assessment, frozenset[str]] = {}
_NO_CONTEXT = Assessment()


def _is_phrase(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


class Lexicon:
    """The cue phrases and what each cues; build once (``Lexicon.load``), reuse across sentences."""

    def __init__(self, entries: dict[str, tuple[tuple[CueKind, str], ...]], window: int) -> None:
        self.entries = entries
        self.window = window
        self._phrases = PhraseFinder(entries)

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        """Load a lexicon file (default: the built-in ``context.yaml``)."""
        from medlint.read.yamlfile import load_yaml_file

        if path is None:
            from medlint.read.packs import rules_folder

            data = load_yaml_file(rules_folder() / "context.yaml", error_type=RulePackError)
            return cls.from_data(data, path="context.yaml")

        return cls.from_data(load_yaml_file(path, error_type=RulePackError), path=str(path))

    @classmethod
    def from_data(cls, data: Any, *, path: str) -> Lexicon:
        if not isinstance(data, dict):
            raise RulePackError("the lexicon must be a mapping", path=path, line=1)
        known = {
            "window",
            "negation",
            "pseudo",
            "hedge",
            "hypothetical",
            "attribution",
            "attribution_after",
            "terminators",
        }
        for key in data:
            if key not in known:
                raise RulePackError(
                    f"unknown key '{key}' in the lexicon",
                    path=path,
                    line=getattr(data, "line_of", lambda _k: None)(key),
                    hint="expected one of " + ", ".join(sorted(known)),
                )
        entries: dict[str, list[tuple[CueKind, str]]] = {}

        def add(section: str, values: Any, kind: CueKind, direction: str) -> None:
            if values is None:
                return
            if not isinstance(values, list) or not all(map(_is_phrase, values)):
                raise RulePackError(
                    f"'{section}' must be a list of phrases",
                    path=path,
                    line=getattr(data, "line_of", lambda _k: None)(section.split(".")[0]),
                )
            for value in values:
                entries.setdefault(_normalise(value), []).append((kind, direction))

        negation = data.get("negation") or {}
        if not isinstance(negation, dict) or set(negation) - {"before", "after"}:
            raise RulePackError(
                "'negation' must be a mapping with 'before' and 'after' lists", path=path
            )
        add("negation.before", negation.get("before"), "negation", "forward")
        add("negation.after", negation.get("after"), "negation", "backward")
        add("pseudo", data.get("pseudo"), "pseudo", "")
        add("hedge", data.get("hedge"), "hedge", "")
        add("hypothetical", data.get("hypothetical"), "hypothetical", "forward")
        add("attribution", data.get("attribution"), "attribution", "forward")
        add("attribution_after", data.get("attribution_after"), "attribution", "backward")
        add("terminators", data.get("terminators"), "terminator", "")
        window = data.get("window", 8)
        if not isinstance(window, int) or isinstance(window, bool) or window < 1:
            raise RulePackError("'window' must be a whole number of words >= 1", path=path)
        return cls({p: tuple(k) for p, k in entries.items()}, window)

    # --- cues -----------------------------------------------------------------------------------

    def cues(self, sentence: str, lowered: str | None = None) -> list[Cue]:
        """Every cue in the sentence, in order of position (``lowered``: the sentence in lower
        case, when the caller has it already)."""
        found: list[Cue] = []
        if lowered is None:
            lowered = lower(sentence)  # one character for one: offsets stay valid
        for start, end, phrase in self._phrases.find(lowered):
            text = sentence[start:end]
            for kind, direction in self.entries[phrase]:
                found.append(Cue(kind, start, end, text, direction))
        last_close = 0
        for quote in _QUOTE.finditer(sentence):
            found.append(Cue("quote", quote.start(), quote.end(), quote.group()))
            last_close = quote.end()
        opening = sentence.find("“", last_close)
        if opening >= 0 and "”" not in sentence[opening:]:  # a quotation running on past here
            found.append(Cue("quote", opening, len(sentence), sentence[opening:]))
        closing = sentence.find("”")
        if closing >= 0 and "“" not in sentence[:closing]:  # one that began in an earlier sentence
            found.append(Cue("quote", 0, closing + 1, sentence[: closing + 1]))
        stripped = sentence.rstrip()
        if stripped.endswith("?"):
            found.append(Cue("question", len(stripped) - 1, len(stripped), "?"))
        found.sort(key=lambda c: (c.start, c.end, c.kind))
        return found

    # --- assessment -----------------------------------------------------------------------------

    @staticmethod
    def _first_person(sentence: str, cue: Cue) -> bool:
        """Whether the word before an attribution cue is the writer's "I" or "we"."""
        before = sentence[: cue.start].split()
        return bool(before) and before[-1].lower().replace("’", "'") in _FIRST_PERSON

    def assess(
        self, sentence: str, start: int, end: int, cues: list[Cue] | None = None
    ) -> Assessment:
        """The context flags of ``sentence[start:end]``; pass ``cues`` to reuse a scan."""
        if cues is None:
            cues = self.cues(sentence)
        if not cues:  # most sentences: nothing can negate, hedge or quote the span
            return _NO_CONTEXT
        terminators = [c for c in cues if c.kind == "terminator"]

        def open_between(a: int, b: int) -> bool:
            """True when no terminator or strong punctuation separates a from b."""
            if any(a <= t.start and t.end <= b for t in terminators):
                return False
            return _HARD_STOP.search(sentence, a, b) is None

        def words_between(a: int, b: int) -> int:
            return len(_WORD.findall(sentence, a, b))

        negated = hedged = hypothetical = False
        # A claim that is itself negative ("no side effects") in a list of them ("no diet, no
        # exercise, no side effects") is not negated by the list's earlier items.
        negative_claim = any(c.kind == "negation" and start <= c.start < end for c in cues)
        for cue in cues:
            if cue.kind == "negation":
                if cue.direction == "forward" and cue.end <= start:
                    negated = negated or (
                        open_between(cue.end, start)
                        and words_between(cue.end, start) <= self.window
                        and not (negative_claim and "," in sentence[cue.end : start])
                    )
                elif cue.direction == "backward" and cue.start >= end:
                    negated = negated or (
                        open_between(end, cue.start)
                        and words_between(end, cue.start) <= self.window
                    )
            elif cue.kind == "hedge":
                if cue.start < end and cue.end > start:
                    hedged = True
                elif cue.end <= start:
                    hedged = hedged or open_between(cue.end, start)
                else:
                    hedged = hedged or (
                        open_between(end, cue.start)
                        and words_between(end, cue.start) <= _AFTER_HEDGE_REACH
                    )
            elif cue.kind == "hypothetical":
                if cue.start < end and cue.end > start:
                    hypothetical = True
                elif cue.end <= start:
                    hypothetical = hypothetical or open_between(cue.end, start)
        quoted = any(c.kind == "quote" and c.start <= start and end <= c.end for c in cues)
        reported = False
        quotes = [c for c in cues if c.kind == "quote"]
        for cue in cues:
            if cue.kind != "attribution" or self._first_person(sentence, cue):
                continue
            if quoted:  # a quotation in a sentence that names its speaker is reported speech
                reported = True
            elif cue.direction == "forward" and cue.end <= start:
                reported = reported or open_between(cue.end, start)
            elif cue.direction == "backward" and cue.start >= end:
                # "..., she said" attributes a quotation standing between, not the words before it
                reported = reported or (
                    open_between(end, cue.start)
                    and not any(end <= q.start and q.end <= cue.start for q in quotes)
                )
        question = any(c.kind == "question" for c in cues)
        return Assessment(negated, hedged, hypothetical, question, quoted, reported)


@cache
def default_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process (it is immutable once built)."""
    return Lexicon.load()


def cues(sentence: str) -> list[Cue]:
    """Cues in ``sentence`` under the built-in lexicon: each has ``kind``, ``start``, ``end``."""
    return default_lexicon().cues(sentence)


def assess(sentence: str, start: int, end: int) -> Assessment:
    """Flags ``negated``, ``hedged``, ``hypothetical``, ``question``, ``quoted``, ``reported``
    for a span."""
    return default_lexicon().assess(sentence, start, end)
