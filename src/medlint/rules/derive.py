"""Write what is derived from the built-in packs after one changes: their parse
(:mod:`medlint.read.shipped`) and the facts of their patterns (:mod:`medlint.rules.known`).

    python -m medlint.rules.derive           # rewrites rules/parsed-packs.json, pattern-facts.json
    python -m medlint.rules.derive --check   # exit 1 if a file is not what it would write

The test suite runs the check, so a pack edited without this step fails CI, never a user.
"""

from __future__ import annotations

import argparse
import sys

from medlint.read.shipped import FILE_NAME as SHIPPED_NAME
from medlint.rules.known import FILE_NAME, Facts, encode
from medlint.rules.language import widen
from medlint.rules.literals import derive_required_groups
from medlint.rules.loader import builtin_pack_paths, load_rules
from medlint.rules.profile import builtin_spec
from medlint.rules.schema import patterns as pattern_list
from medlint.rules.syntax import derive_edge_kinds, derive_literal_lead


def builtin_patterns() -> set[str]:
    """Every built-in pattern as the engine reads it (widened): each pattern list of each
    built-in rule, and the profiles' cues."""
    from medlint.rules.kinds import load_kind

    paths = builtin_pack_paths()
    found: set[str] = set()
    for rule in load_rules(paths, builtin=paths):
        for key, spec in load_kind(rule.kind).FIELDS.items():
            if spec.check is pattern_list:
                found.update(widen(pattern) for pattern in rule.options.get(key) or ())
    for matcher in builtin_spec().patterns.values():
        found.update(widen(pattern) for pattern in matcher.patterns)
    return found


def derive(pattern: str) -> Facts:
    """A pattern's facts, read by the parser."""
    return Facts(
        derive_edge_kinds(pattern),
        tuple(derive_required_groups(pattern) or ()),
        derive_literal_lead(pattern),
    )


def table() -> bytes:
    """The bytes of the facts file for the built-in packs as they are now."""
    return encode({pattern: derive(pattern) for pattern in builtin_patterns()})


def parsed() -> bytes:
    """The bytes of the shipped parse of the built-in YAML files as they are now."""
    from medlint.errors import RulePackError
    from medlint.read import shipped
    from medlint.read.packs import rules_folder
    from medlint.read.yamlparse import parse

    files = {}
    for path in sorted(rules_folder().glob("*.yaml")):
        raw = path.read_bytes()
        files[path.name] = (
            raw,
            parse(raw.decode("utf-8"), path=path.name, error_type=RulePackError),
        )
    return shipped.encode(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    from medlint.read.packs import rules_folder

    folder = rules_folder()
    stale: list[str] = []
    for name, wanted in ((SHIPPED_NAME, parsed()), (FILE_NAME, table())):
        path = folder / name
        if not args.check:
            path.write_bytes(wanted)
            print(f"wrote {path} ({len(wanted):,} bytes)")
            continue
        try:
            current = path.read_bytes()
        except OSError:
            current = b""
        if current != wanted:
            stale.append(str(path))
    for name in stale:
        print(f"{name} is out of date: python -m medlint.rules.derive", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
