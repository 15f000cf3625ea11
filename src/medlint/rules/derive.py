"""Write the facts of the built-in patterns (:mod:`medlint.rules.known`) after a pack changes:

    python -m medlint.rules.derive           # rewrites rules/pattern-facts.json
    python -m medlint.rules.derive --check   # exit 1 if the file is not what it would write

The test suite runs the check, so a pack edited without this step fails CI, never a user.
"""

from __future__ import annotations

import argparse
import sys

from medlint.rules.known import FILE_NAME, Facts, encode
from medlint.rules.language import widen
from medlint.rules.literals import derive_required_groups
from medlint.rules.loader import builtin_pack_paths, load_rules
from medlint.rules.profile import builtin_spec
from medlint.rules.schema import patterns as pattern_list
from medlint.rules.syntax import derive_edge_kinds


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
    return Facts(derive_edge_kinds(pattern), tuple(derive_required_groups(pattern) or ()))


def table() -> bytes:
    """The bytes of the facts file for the built-in packs as they are now."""
    return encode({pattern: derive(pattern) for pattern in builtin_patterns()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    from medlint.read.packs import rules_folder

    path = rules_folder() / FILE_NAME
    wanted = table()
    if args.check:
        try:
            current = path.read_bytes()
        except OSError:
            current = b""
        if current != wanted:
            print(f"{path} is out of date: python -m medlint.rules.derive", file=sys.stderr)
            return 1
        return 0
    path.write_bytes(wanted)
    print(f"wrote {path} ({len(wanted):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
