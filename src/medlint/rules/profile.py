"""How medlint reads a page: promotional, informational, a consumer warning, or scholarly.

A claim means something else on a clinic's sales page than on a health service's page, a
consumer warning or a journal abstract. The profile is worked out once per text from its own
words: the cues of each profile (``rules/profiles.yaml``, data) are counted, each cue at most
``CAP`` times; of the profiles whose count reaches their ``min`` with two cues or more, the
one with the widest margin wins, else the page is ``informational``. Rules then say in which
profiles they apply (``profile: {only: ..., skip: ..., lower: ...}``). The profile and the
cues behind it are reported, so a writer can see why a page was read that way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from medlint.document.model import lower
from medlint.errors import RulePackError

PROFILES: Final = ("promotional", "informational", "warning", "scholarly")
DEFAULT_PROFILE: Final = "informational"
CAP: Final = 3  # the most times one cue counts: one phrase repeated is not a kind of page
# On a tie, the reading that costs a reputable page least: a warning before a paper before a sale.
_TIE_ORDER: Final = ("promotional", "scholarly", "warning")


class Profile(NamedTuple):
    """A text's profile and the cues that decided it: (cue as found, times) per profile."""

    name: str
    cues: Mapping[str, tuple[tuple[str, int], ...]]

    def explain(self) -> str:
        """One line: the profile and its strongest evidence."""
        found = self.cues.get(self.name, ())
        if not found:
            return f"{self.name} (no cue of another kind of page)"
        listed = ", ".join(
            f"'{text}' x{count}" if count > 1 else f"'{text}'" for text, count in found
        )
        return f"{self.name} ({listed})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.name,
            "cues": {
                name: [[text, count] for text, count in found] for name, found in self.cues.items()
            },
        }


class ProfileSpec:
    """The compiled cues of each profile, and the least count that makes a page that kind."""

    def __init__(self, cues: Mapping[str, Iterable[str]], minimum: Mapping[str, int]) -> None:
        from medlint.rules.language import Matcher

        self.minimum = dict(minimum)
        self.order = [name for name in PROFILES if name in cues]
        # One pattern per profile, matched as rules' are (the cues are vetted by the tests);
        # the cue found is the match's text, lower-cased.
        self.patterns = {name: Matcher(list(cues[name]), trusted=True) for name in self.order}

    def count(
        self, prose: str, into: dict[str, dict[str, int]], lowered: str | None = None
    ) -> None:
        """Add the cues found in ``prose`` (one chunk of a text) to the running counts.
        ``lowered``: ``lower(prose)``, if the caller has it already."""
        if lowered is None:
            lowered = lower(prose)
        for name, pattern in self.patterns.items():
            found = into.setdefault(name, {})
            for match in pattern.matches(prose, lowered):
                key = " ".join(match.group().lower().split())
                found[key] = found.get(key, 0) + 1

    def decide(self, counts: Mapping[str, Mapping[str, int]]) -> Profile:
        """The profile of a text from its cue counts (see the module's docstring)."""
        cues: dict[str, tuple[tuple[str, int], ...]] = {}
        passed: list[tuple[float, int, str]] = []
        for name in self.order:
            found = counts.get(name) or {}
            if not found:
                continue
            ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            cues[name] = tuple(ranked[:6])
            margin = sum(min(times, CAP) for times in found.values()) / self.minimum[name]
            if margin >= 1.0 and len(found) >= 2:  # one phrase, however often, is no kind of page
                passed.append((margin, _TIE_ORDER.index(name), name))
        return Profile(max(passed)[2] if passed else DEFAULT_PROFILE, cues)


def merge_counts(
    earlier: dict[str, dict[str, int]], later: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]]:
    """The counts of two stretches of one text, read separately (by worker processes)."""
    for name, found in later.items():
        into = earlier.setdefault(name, {})
        for key, times in found.items():
            into[key] = into.get(key, 0) + times
    return earlier


@cache
def builtin_spec() -> ProfileSpec:
    """The built-in profiles (``rules/profiles.yaml``), loaded once per process."""
    from medlint.read.packs import rules_folder

    return load_spec(rules_folder() / "profiles.yaml")


def load_spec(path: Path) -> ProfileSpec:
    """Read and check a profiles file: each profile but ``informational`` has ``min`` and
    ``cues``."""
    from medlint.read.yamlfile import load_yaml_file

    data = load_yaml_file(path, error_type=RulePackError)
    where = str(path)
    if not isinstance(data, dict):
        raise RulePackError("a profiles file must be a mapping of profile names", path=where)
    cues: dict[str, list[str]] = {}
    minimum: dict[str, int] = {}
    for name, body in data.items():
        line = getattr(data, "line_of", lambda _k: None)(name)
        if name not in PROFILES or name == DEFAULT_PROFILE:
            raise RulePackError(
                f"unknown profile '{name}'",
                path=where,
                line=line,
                hint="expected " + ", ".join(p for p in PROFILES if p != DEFAULT_PROFILE),
            )
        if not isinstance(body, dict) or set(body) != {"min", "cues"}:
            raise RulePackError(
                f"profile '{name}' must be a mapping with 'min' and 'cues'", path=where, line=line
            )
        least, phrases = body["min"], body["cues"]
        if not isinstance(least, int) or isinstance(least, bool) or least < 1:
            raise RulePackError(
                f"'min' of profile '{name}' must be a whole number >= 1", path=where, line=line
            )
        if (
            not isinstance(phrases, list)
            or not phrases
            or not all(isinstance(p, str) and p.strip() for p in phrases)
        ):
            raise RulePackError(
                f"'cues' of profile '{name}' must be a list of phrases", path=where, line=line
            )
        cues[name], minimum[name] = [p.strip() for p in phrases], least
    return ProfileSpec(cues, minimum)
