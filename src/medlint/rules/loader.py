"""Rule packs: load YAML, validate every field strictly, compile each rule once.

A pack is a YAML list of rule mappings (see ``rules/*.yaml``). Errors name the file, the line,
the rule id and the field, with the allowed values or a did-you-mean, e.g.
``rules/overclaim.yaml:14:5: unknown key 'sevrity' in rule OC01 (did you mean 'severity'?)``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from medlint.errors import RulePackError
from medlint.findings import RULE_CATEGORIES, Category, Severity
from medlint.rules.kinds import KINDS, load_kind
from medlint.rules.rule import Reference, Rule
from medlint.rules.schema import (
    Field,
    Invalid,
    boolean,
    compiling,
    error_at,
    examples,
    one_of,
    patterns,
    profile,
    references,
    text,
)

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

COMMON_FIELDS: Final = MappingProxyType(
    {
        "id": Field(text, required=True),
        "name": Field(text, required=True),
        "category": Field(one_of(*(c.value for c in RULE_CATEGORIES)), required=True),
        "severity": Field(one_of(*(s.value for s in Severity)), required=True),
        "kind": Field(one_of(*KINDS), default="pattern"),
        "message": Field(text, required=True),
        "suggest": Field(text, required=True),
        "why": Field(text, required=True),
        "references": Field(references, required=True),
        "examples": Field(examples, required=True),
        "enabled": Field(boolean, default=True),
        "profile": Field(profile, default={}),
    }
)
MESSAGE_VALUES: Final = frozenset({"match", "value", "threshold"})


def builtin_pack_paths() -> list[Path]:
    """The built-in packs shipped as ``medlint.packs`` (the top-level ``rules/`` folder)."""
    from medlint.read.packs import rules_folder

    # The lexicon and the page profiles are not packs; the vocabularies are always loaded.
    data = ("context.yaml", "profiles.yaml", "vocabularies.yaml")
    return sorted(p for p in rules_folder().glob("*.yaml") if p.name not in data)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Rule pack files from files and folders (``*.yaml`` / ``*.yml`` inside folders)."""
    import stat

    from medlint.read.limits import describe, mode_of

    result: list[Path] = []
    for raw in paths:
        path = Path(raw)
        mode = mode_of(path)
        if mode is None:
            raise RulePackError("rule pack not found", path=str(path))
        if not stat.S_ISDIR(mode):
            result.append(path)  # reading it says what else is wrong
            continue
        try:
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        except OSError as exc:
            raise RulePackError(
                f"cannot read this folder: {describe(exc)}", path=str(path)
            ) from None
        result.extend(found)
    return result


def load_rules(paths: Iterable[Path], builtin: Iterable[Path] = ()) -> list[Rule]:
    """Load and validate every rule in the given pack files; ids and names must be unique.

    Each run parses and validates the packs afresh (nothing is kept on disk). The built-in
    packs' patterns are not compiled here: the test suite compiles every one of them, and a
    run compiles a rule's patterns when it first reads a sentence. The built-in vocabularies
    are always available.
    """
    from medlint.rules import vocab

    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    shipped = {p.resolve() for p in builtin}
    paths = list(paths)
    parsed: dict[Path, Any] = {}
    vocabularies = vocab.gather(paths, parsed)
    for path in paths:
        display = _display(path)
        trusted = path.resolve() in shipped
        items = _validate_pack(path, display, vocabularies.expanded, parsed.get(path), trusted)
        for item in items:
            rule = _make_rule({**item, "source": display, "builtin": trusted})
            for key in (rule.id, rule.name):
                if key in seen:
                    other = seen[key]
                    raise RulePackError(
                        f"rule {rule.id}: '{key}' is already used by rule {other.id} "
                        f"({other.source}:{other.line})",
                        path=rule.source,
                        line=rule.line,
                        hint="ids and names must be unique across all packs",
                    )
                seen[key] = rule
            rules.append(rule)
    return rules


def _validate_pack(
    path: Path,
    display: str,
    vocabularies: Mapping[str, tuple[str, ...]],
    data: Any = None,
    trusted: bool = False,
) -> list[dict[str, Any]]:
    from medlint.read.yamlfile import load_yaml_file
    from medlint.rules.vocab import is_vocabulary

    if data is None:
        data = load_yaml_file(path, error_type=RulePackError)
    if data is None:
        return []
    if not isinstance(data, list):
        raise RulePackError(
            "a rule pack must be a YAML list of rules", path=display, line=getattr(data, "line", 1)
        )
    positions = getattr(data, "line_of", lambda _index: 1)
    return [
        _validate_rule(item, display, positions(i), vocabularies, trusted)
        for i, item in enumerate(data)
        if not is_vocabulary(item)  # checked by medlint.rules.vocab.gather
    ]


def _make_rule(values: Mapping[str, Any]) -> Rule:
    return Rule(
        id=values["id"],
        name=values["name"],
        category=Category(values["category"]),
        severity=Severity(values["severity"]),
        kind=values["kind"],
        message=values["message"],
        suggest=values["suggest"],
        why=values["why"],
        references=tuple(Reference(title=t, url=u) for t, u in values["references"]),
        flag_examples=tuple(values["examples"]["flag"]),
        pass_examples=tuple(values["examples"]["pass"]),
        enabled=values["enabled"],
        options=MappingProxyType(dict(values["options"])),
        written=MappingProxyType(dict(values.get("written") or {})),
        source=values["source"],
        line=values["line"],
        builtin=bool(values.get("builtin")),
        profile=MappingProxyType(dict(values.get("profile") or {})),
        compiled={},
    )


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _validate_rule(
    raw: Any,
    path: str,
    line: int,
    vocabularies: Mapping[str, tuple[str, ...]],
    trusted: bool = False,
) -> dict[str, Any]:
    """Check one rule mapping against the schema; return its clean values (plain data), with
    vocabulary references expanded (the lists as written are kept for display).
    ``trusted``: a built-in rule, whose patterns the test suite compiles."""
    from medlint.rules.vocab import expand, has_references

    if not isinstance(raw, dict):
        raise RulePackError("each rule must be a mapping of fields", path=path, line=line)
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    label = f"rule {rule_id}" if rule_id else "a rule"

    fail = error_at(raw, path, line)

    kind_name = raw.get("kind", "pattern")
    if kind_name not in KINDS:
        raise fail(
            f"'kind' of {label} must be one of {', '.join(KINDS)}, got {kind_name!r}",
            "kind",
            _did_you_mean(str(kind_name), KINDS),
        )
    kind = load_kind(kind_name)
    fields: dict[str, Field] = {**COMMON_FIELDS, **kind.FIELDS}
    for key in raw:
        if key not in fields:
            hint = _did_you_mean(key, fields) or f"{kind_name} rules take: {', '.join(fields)}"
            raise fail(f"unknown key '{key}' in {label}", key, hint)
    values: dict[str, Any] = {}
    written: dict[str, tuple[str, ...]] = {}  # pattern lists that name vocabularies, as written
    for key, spec in fields.items():
        if key not in raw or raw[key] is None:
            if spec.required:
                raise fail(f"{label} is missing '{key}'")
            values[key] = spec.default
            continue
        try:
            values[key] = spec.check(raw[key])
            if spec.check is patterns and not trusted:
                compiling(values[key])
            if spec.check is patterns and has_references(values[key]):
                written[key] = values[key]
                values[key] = expand(values[key], vocabularies)
        except Invalid as exc:
            value = raw[key]
            error = fail(f"'{key}' of {label} {exc}", key, exc.hint)
            if exc.index is not None and hasattr(value, "position_of"):
                error.line, error.column = value.position_of(exc.index)
            raise error from None
    if not _ID.match(values["id"]):
        raise fail(f"'id' {values['id']!r} must be a code of letters and digits, e.g. OC01", "id")
    if not _NAME.match(values["name"]):
        raise fail(
            f"'name' of {label} must be lower-case words joined by '-', e.g. cure-claim", "name"
        )
    _check_message(values["message"], label, fail)
    options = {k: values[k] for k in kind.FIELDS}
    if not trusted:
        _compiles_together(options, label, fail)
    return {**values, "options": options, "written": written, "line": line, "source": path}


def _compiles_together(options: Mapping[str, Any], label: str, fail: Any) -> None:
    """Each pattern compiled alone above; make sure each list also works as one pattern. Only
    groups, flags and back references can make patterns that compile alone fail together, so
    a list without them (most: phrases) is not compiled again."""
    import regex

    from medlint.rules.language import FLAGS, pattern_source

    for key in ("patterns", "with", "unless", "requires"):
        if options.get(key) and any(_TOGETHER.search(p) for p in options[key]):
            source = pattern_source(
                list(options[key]), nonword=key == "patterns" and bool(options.get("nonword"))
            )
            try:
                regex.compile(source, FLAGS)
            except regex.error as exc:
                raise fail(f"'{key}' of {label} do not compile together: {exc}", key) from None


_TOGETHER = re.compile(r"\(\?|\\(?:[1-9]|g)")  # a group's flags or name, a back reference


def _check_message(message: str, label: str, fail: Any) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as exc:
        raise fail(f"'message' of {label} has unbalanced braces: {exc}", "message") from None
    unknown = names - MESSAGE_VALUES
    if unknown:
        raise fail(
            f"'message' of {label} uses unknown placeholder {{{sorted(unknown)[0]}}}",
            "message",
            "allowed: {match}, {value}, {threshold}",
        )


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def with_readability_grade(rule: Rule, grade: float) -> Rule:
    """The rule with the target reading grade applied, if it measures grade level."""
    if rule.kind != "metric" or rule.options.get("metric") != "grade_level":
        return rule
    return rule._replace(
        options=MappingProxyType({**rule.options, "threshold": float(grade)}), compiled={}
    )
