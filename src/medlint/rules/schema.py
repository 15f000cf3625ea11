"""Field types of the rule schema, with checks that explain what was expected.

Each checker takes the raw YAML value and returns the clean value or raises ``_Invalid`` with a
sentence about what was expected; ``ruleset`` adds the file, line, rule id and field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final, NamedTuple, Protocol

from medlint.context.lexicon import FLAGS
from medlint.errors import RulePackError
from medlint.rules.language import check_pattern


class Invalid(Exception):
    """A field's value is not what the schema expects (message says what was expected)."""

    def __init__(self, message: str, index: int | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.hint = hint


Check = Callable[[Any], Any]
# A reference to a vocabulary inside a pattern, ``{{citation}}`` (see medlint.rules.vocab):
# doubled braces never occur in a regular expression that means something else.
REFERENCE: Final = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAME: Final = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# The context flags a rule may skip or lower on: the sentence flags, and ``heading`` (a title).
RULE_FLAGS = (*FLAGS, "heading")


class Field(NamedTuple):
    check: Check
    required: bool = False
    default: Any = None


class Fail(Protocol):
    def __call__(
        self, problem: str, key: str | None = None, hint: str | None = None
    ) -> RulePackError: ...


def error_at(raw: Any, path: str, line: int) -> Fail:
    """How to report a problem in the mapping ``raw`` (a rule or a vocabulary) that starts at
    ``line`` of ``path``: at the line and column of the key named, else at the mapping."""

    def fail(problem: str, key: str | None = None, hint: str | None = None) -> RulePackError:
        return RulePackError(
            problem,
            path=path,
            line=raw.line_of(key) if key and hasattr(raw, "line_of") else line,
            column=raw.column_of(key) if key and hasattr(raw, "column_of") else None,
            hint=hint,
        )

    return fail


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"must be non-empty text, got {describe(value)}")
    return value.strip()


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, got {describe(value)}")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"must be a number, got {describe(value)}")
    return float(value)


def whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"must be a whole number >= 0, got {describe(value)}")
    return value


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}, got {describe(value)}")
        return str(value)

    return check


def texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise Invalid(f"must be a non-empty list of text, got {describe(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise Invalid(f"item {index + 1} must be non-empty text, got {describe(item)}", index)
    return tuple(item.strip() for item in value)


def patterns(value: Any) -> tuple[str, ...]:
    """Plain-words patterns, as text (:func:`compiling` checks that they compile); a
    ``{{name}}`` reference stands for a vocabulary's terms, checked where it is defined."""
    items = texts(value)
    for index, item in enumerate(items):
        for name in REFERENCE.findall(item):
            if not NAME.match(name):
                raise Invalid(
                    f"pattern {index + 1} refers to {{{{{name}}}}}: a vocabulary name is "
                    "lower-case words joined by '-', e.g. {{citation}}",
                    index,
                )
    return items


def compiling(items: tuple[str, ...]) -> None:
    """Raise Invalid for the first pattern that does not compile (a vocabulary reference
    counts as an empty group: its terms are checked where the vocabulary is defined)."""
    for index, item in enumerate(items):
        problem = check_pattern(REFERENCE.sub("(?:)", item))
        if problem:
            raise Invalid(
                f"pattern {index + 1} is not a valid regular expression: {problem}", index
            )


def context(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise Invalid(f"must be a mapping with 'skip' and/or 'lower', got {describe(value)}")
    result: dict[str, tuple[str, ...]] = {}
    for key, flags in value.items():
        if key not in ("skip", "lower"):
            raise Invalid(f"has unknown key '{key}'; expected 'skip' or 'lower'")
        items = texts(flags) if flags else ()
        for flag in items:
            if flag not in RULE_FLAGS:
                raise Invalid(f"'{key}' names '{flag}'; expected any of {', '.join(RULE_FLAGS)}")
        result[key] = items
    return result


def profile(value: Any) -> dict[str, tuple[str, ...]]:
    """Where a rule applies: ``only``, ``skip`` and/or ``lower``, each a list of profiles."""
    from medlint.rules.profile import PROFILES

    if not isinstance(value, dict) or not value:
        raise Invalid(
            f"must be a mapping with 'only', 'skip' and/or 'lower', got {describe(value)}"
        )
    result: dict[str, tuple[str, ...]] = {}
    for key, names in value.items():
        if key not in ("only", "skip", "lower"):
            raise Invalid(f"has unknown key '{key}'; expected 'only', 'skip' or 'lower'")
        items = texts(names)
        for name in items:
            if name not in PROFILES:
                raise Invalid(f"'{key}' names '{name}'; expected any of {', '.join(PROFILES)}")
        result[key] = items
    return result


def references(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(f"must be a non-empty list of {{title, url}}, got {describe(value)}")
    result = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise Invalid(
                f"item {index + 1} must be a mapping with exactly 'title' and 'url'", index
            )
        title, url = item["title"], item["url"]
        if not isinstance(title, str) or not title.strip():
            raise Invalid(f"item {index + 1} needs a non-empty 'title'", index)
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise Invalid(
                f"item {index + 1} needs a 'url' starting with http:// or https://", index
            )
        result.append((title.strip(), url.strip()))
    return tuple(result)


def examples(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not set(value) <= {"flag", "pass"} or not value:
        raise Invalid("must be a mapping with 'flag' and 'pass' lists of sentences")
    return {key: texts(value[key]) if value.get(key) else () for key in ("flag", "pass")}


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value) if len(value) < 40 else repr(value[:37] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
