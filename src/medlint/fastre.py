"""``re.compile`` without paying for it on every run.

The standard ``re`` module parses and compiles patterns in Python: for medlint's 40-odd large
rule patterns that is about 0.1 s, more than linting a small file takes. The compiled program
(a list of integers) is plain data, so we keep it in medlint's cache, keyed by the Python
version and the pattern, as the bytes of an unsigned 32-bit array (what ``_sre`` codes are,
and far quicker to load than a list), and hand it straight to ``_sre`` on later runs. Anything
unexpected (another Python, a corrupt cache) falls back to ``re.compile``.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine, loaded with re
import atexit
import re
import sys
from array import array
from typing import Any

_VERSION = f"{sys.implementation.name}-{sys.version_info[:3]}"
# The kept programs are arrays of 32-bit codes; another build of Python compiles as usual.
_FITS = array("I").itemsize == 4 and getattr(_sre, "CODESIZE", 0) == 4
# Process-wide memo of compiled programs: pattern -> arguments of _sre.compile. Loaded once,
# written back at exit when new patterns were compiled. Only medlint's own patterns go here.
_PROGRAMS: dict[str, tuple[Any, ...]] | None = None
_DIRTY: list[bool] = [False]
_USED: set[str] = set()  # programs this process used (kept first when the memo is trimmed)
MAX_PROGRAMS = 1000  # the most programs kept between runs (the built-in rules use ~120)


def _programs() -> dict[str, tuple[Any, ...]]:
    global _PROGRAMS
    if _PROGRAMS is None:
        from medlint import cache

        loaded = cache.load_data("re-programs", _VERSION)
        _PROGRAMS = loaded if isinstance(loaded, dict) else {}
        atexit.register(_save)
    return _PROGRAMS


def _save() -> None:
    if _DIRTY[0] and _PROGRAMS is not None:
        from medlint import cache

        cache.store_data("re-programs", _VERSION, kept(_PROGRAMS, _USED, MAX_PROGRAMS))


def kept(programs: dict[str, Any], used: set[str], limit: int) -> dict[str, Any]:
    """At most ``limit`` programs, the ones used in this run last (the most recent end of the
    memo), the oldest of the others dropped first: edited user rules do not pile up."""
    if len(programs) <= limit:
        return programs
    order = [k for k in programs if k not in used] + [k for k in programs if k in used]
    return {key: programs[key] for key in order[-limit:]}


def _program(pattern: str, flags: int) -> tuple[Any, ...]:
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = array("I", [int(op) for op in _compiler._code(parsed, flags)]).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cached program when there is one."""
    if not _FITS:
        return re.compile(pattern, flags)
    try:
        programs = _programs()
        key = f"{int(flags)}:{pattern}"
        program = programs.get(key)
        _USED.add(key)
        if program is None:
            program = _program(pattern, int(flags))
            programs[key] = program
            _DIRTY[0] = True
        flags, code, groups, groupindex, indexgroup = program
        ops = array("I", code).tolist()
        return _sre.compile(pattern, flags, ops, groups, groupindex, indexgroup)  # type: ignore[no-any-return]
    except re.error:
        raise
    except Exception:  # another Python's internals: compile the ordinary way
        return re.compile(pattern, flags)
