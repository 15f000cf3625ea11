"""Vocabularies: named lists of patterns, written once in a pack and named by any rule.

A pack item ``vocabulary: citation`` with a ``description`` and ``terms`` (plain-words
patterns, the syntax of rule patterns) defines one, in the manner of Vale's vocabularies and
LanguageTool's entities. The built-in ones are in ``rules/vocabularies.yaml``; any pack may
define more, and a name defined twice is an error. A rule names a vocabulary in any of its
pattern lists (``patterns``, ``with``, ``unless``, ``requires``):

- as a whole item, ``- '{{citation}}'``: the item stands for the terms, each one a pattern of
  the list in its own right (with its own word edges);
- inside a pattern, ``'cur(?:e|ed) {{disease}}'``: the reference stands for ``(?:term|...)``.

Terms may name other vocabularies. References are expanded when a pack is validated; the rule
keeps the lists as written too, so ``medlint rule`` shows the references, not the expansion.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from medlint.errors import RulePackError
from medlint.rules.schema import (
    NAME,
    REFERENCE,
    Field,
    Invalid,
    compiling,
    error_at,
    patterns,
    text,
)

FIELDS: Final = {
    "vocabulary": Field(text, required=True),
    "description": Field(text, required=True),
    "terms": Field(patterns, required=True),
}


class Vocabulary(NamedTuple):
    name: str
    description: str
    terms: tuple[str, ...]  # as written, references included
    source: str
    line: int


class Vocabularies(NamedTuple):
    """Every vocabulary of a run, with its terms expanded."""

    defined: Mapping[str, Vocabulary]
    expanded: Mapping[str, tuple[str, ...]]


def builtin_path() -> Path:
    from medlint.read.packs import rules_folder

    return rules_folder() / "vocabularies.yaml"


def is_vocabulary(item: Any) -> bool:
    return isinstance(item, dict) and "vocabulary" in item


def gather(paths: Iterable[Path], parsed: dict[Path, Any]) -> Vocabularies:
    """The vocabularies defined in the built-in file and the given packs. YAML read here is
    left in ``parsed`` (by path) for the rules' validation to reuse."""
    from medlint.read.limits import mode_of
    from medlint.read.yamlfile import load_yaml_file

    found: dict[str, Vocabulary] = {}
    for path in dict.fromkeys([builtin_path(), *paths]):
        if mode_of(path) is None:
            continue
        display = _display(path)
        data = load_yaml_file(path, error_type=RulePackError)
        parsed[path] = data
        # The built-in terms are compiled by the test suite, not on every run.
        for item in _definitions(data, display, trusted=path == builtin_path()):
            vocabulary = Vocabulary(**{**item, "source": display})  # where it is now
            other = found.get(vocabulary.name)
            if other is not None:
                raise RulePackError(
                    f"vocabulary '{other.name}' is already defined at {other.source}:{other.line}",
                    path=vocabulary.source,
                    line=vocabulary.line,
                    hint="vocabulary names must be unique across all packs",
                )
            found[vocabulary.name] = vocabulary
    expanded: dict[str, tuple[str, ...]] = {}
    for vocabulary in found.values():
        _resolve(vocabulary, found, expanded, ())
    return Vocabularies(found, expanded)


def expand(items: Sequence[str], expanded: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A pattern list with its references replaced by the vocabularies' terms; raises
    :class:`Invalid` at the item that names an unknown vocabulary."""
    result: list[str] = []
    for index, item in enumerate(items):
        for name in REFERENCE.findall(item):
            if name not in expanded:
                raise Invalid(
                    f"pattern {index + 1} names unknown vocabulary {{{{{name}}}}}",
                    index,
                    _did_you_mean(name, expanded),
                )
        whole = REFERENCE.fullmatch(item)
        if whole:
            result.extend(expanded[whole.group(1)])
        else:
            result.append(REFERENCE.sub(lambda m: f"(?:{'|'.join(expanded[m.group(1)])})", item))
    return tuple(dict.fromkeys(result))  # a term listed twice would only be tried twice


def has_references(items: Sequence[str]) -> bool:
    return any(REFERENCE.search(item) for item in items)


def _resolve(
    vocabulary: Vocabulary,
    found: Mapping[str, Vocabulary],
    expanded: dict[str, tuple[str, ...]],
    stack: tuple[str, ...],
) -> tuple[str, ...]:
    """The terms of a vocabulary with the vocabularies they name expanded, memoised."""
    if vocabulary.name in expanded:
        return expanded[vocabulary.name]

    def fail(problem: str, hint: str | None = None) -> RulePackError:
        return RulePackError(problem, path=vocabulary.source, line=vocabulary.line, hint=hint)

    if vocabulary.name in stack:
        cycle = " -> ".join((*stack, vocabulary.name))
        raise fail(f"vocabulary '{vocabulary.name}' names itself: {cycle}")
    named: dict[str, tuple[str, ...]] = {}
    for term in vocabulary.terms:
        for name in REFERENCE.findall(term):
            if name not in found:
                raise fail(
                    f"vocabulary '{vocabulary.name}' names unknown vocabulary {{{{{name}}}}}",
                    _did_you_mean(name, found),
                )
            named[name] = _resolve(found[name], found, expanded, (*stack, vocabulary.name))
    expanded[vocabulary.name] = expand(vocabulary.terms, named)
    return expanded[vocabulary.name]


def _definitions(data: Any, display: str, trusted: bool = False) -> list[dict[str, Any]]:
    """The vocabulary items of a pack, checked, as plain data for the cache."""
    if not isinstance(data, list):
        return []  # not a pack: the rules' validation says so
    positions = getattr(data, "line_of", lambda _index: 1)
    return [
        _check(item, display, positions(index), trusted)
        for index, item in enumerate(data)
        if is_vocabulary(item)
    ]


def _check(raw: dict[str, Any], path: str, line: int, trusted: bool = False) -> dict[str, Any]:
    name = raw.get("vocabulary")
    label = f"vocabulary {name}" if isinstance(name, str) else "a vocabulary"

    fail = error_at(raw, path, line)

    for key in raw:
        if key not in FIELDS:
            hint = _did_you_mean(key, FIELDS, "'{}'") or f"a vocabulary takes: {', '.join(FIELDS)}"
            raise fail(f"unknown key '{key}' in {label}", key, hint)
    values: dict[str, Any] = {}
    for key, spec in FIELDS.items():
        if raw.get(key) is None:
            raise fail(f"{label} is missing '{key}'")
        try:
            values[key] = spec.check(raw[key])
            if spec.check is patterns and not trusted:
                compiling(values[key])
        except Invalid as exc:
            error = fail(f"'{key}' of {label} {exc}", key, exc.hint)
            if exc.index is not None and hasattr(raw[key], "position_of"):
                error.line, error.column = raw[key].position_of(exc.index)
            raise error from None
    if not NAME.match(values["vocabulary"]):
        raise fail(
            f"'vocabulary' {values['vocabulary']!r} must be lower-case words joined by '-', "
            "e.g. citation",
            "vocabulary",
        )
    return {
        "name": values["vocabulary"],
        "description": values["description"],
        "terms": values["terms"],
        "source": path,
        "line": line,
    }


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _did_you_mean(word: str, choices: Iterable[str], form: str = "'{{{{{}}}}}'") -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {form.format(close[0])}?" if close else None
