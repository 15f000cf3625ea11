"""A cache of what medlint works out once and reuses: validated rule packs (so a pre-commit run
does not re-parse YAML every time), compiled regular expressions, the prefilter's and the
lexicon's patterns, hyphenation patterns and syllable counts.

Entries are ``marshal`` files (plain data; built into Python, so loading one costs no import)
named by a hash of what they were made from, medlint's version and the Python version, in
``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``. Set
``MEDLINT_CACHE_DIR=off`` to disable it. Any problem reading or writing the cache is ignored:
the data is then simply worked out again.

The cache stays small on its own: an entry read is marked as used (its time is renewed, at most
once a day), and whenever an entry is written, entries unused for ``STALE_DAYS`` (left by older
medlint or Python versions, or by rule packs since edited) are deleted.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

SCHEMA = "20"  # bump when the shape of validated values changes
STALE_DAYS = 30  # entries unused this long are deleted when another entry is written
_DAY = 24 * 60 * 60

try:  # blake2b without loading OpenSSL (importing hashlib costs ~4 ms of a cold start)
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as _hash

# marshal's format belongs to the Python version that wrote it.
_PYTHON = f"{sys.implementation.name}-{sys.version_info[:2]}"


def digest(data: bytes | str) -> str:
    """A hex digest that names cache entries (not a security boundary)."""
    return _hash(data.encode() if isinstance(data, str) else data, digest_size=16).hexdigest()


def rules_folder() -> Path:
    """The folder of the built-in packs, package ``medlint.rules`` (found without
    ``importlib.resources``, which costs ~9 ms to import)."""
    from importlib.util import find_spec

    spec = find_spec("medlint.packs")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        raise ImportError("medlint.packs is missing: reinstall medlint")
    return Path(next(iter(spec.submodule_search_locations)))


def cache_dir() -> Path | None:
    configured = os.environ.get("MEDLINT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "false") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "medlint"


def _entry(path: Path, salt: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from medlint import __version__

    try:
        data = path.read_bytes()
    except OSError:
        return None
    key = digest(data + f"\0{__version__}\0{SCHEMA}\0{_PYTHON}\0{path.name}\0{salt}".encode())
    return folder / "packs" / f"{key}.marshal"


def load_pack(path: Path, salt: str = "") -> list[dict[str, Any]] | None:
    """What was stored for this pack's text and ``salt`` (what else the values depend on)."""
    data = _read(_entry(path, salt))
    return data if isinstance(data, list) else None


def store_pack(path: Path, values: list[dict[str, Any]], salt: str = "") -> None:
    _write(_entry(path, salt), values)


def _named_entry(name: str, version: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from medlint import __version__

    key = digest(f"{name}\0{version}\0{__version__}\0{SCHEMA}\0{_PYTHON}")
    return folder / "data" / f"{name}-{key}.marshal"


def load_data(name: str, version: str) -> Any:
    """Data medlint itself stored with :func:`store_data` under this name and version."""
    return _read(_named_entry(name, version))


def store_data(name: str, version: str, data: Any) -> None:
    """Keep plain data (dicts, lists, tuples, strings, numbers, bytes) for later runs."""
    _write(_named_entry(name, version), data)


def _read(entry: Path | None) -> Any:
    if entry is None:
        return None
    try:
        with open(entry, "rb") as stream:
            data = marshal.loads(stream.read())
            _mark_used(stream.fileno())
        return data
    except Exception:  # missing, truncated or from another Python: rebuild it
        return None


def _mark_used(descriptor: int) -> None:
    """Renew an entry's time when it is over a day old, so pruning keeps what is in use."""
    import time

    now = time.time()
    with contextlib.suppress(OSError):
        if now - os.fstat(descriptor).st_mtime > _DAY:
            os.utime(descriptor, (now, now))


def prune(folder: Path, days: float = STALE_DAYS) -> int:
    """Delete the entries of ``folder`` unused for ``days``; how many were deleted."""
    import time

    deleted = 0
    limit = time.time() - days * _DAY
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for item in entries:
            if not item.name.endswith((".marshal", ".json", ".pickle", ".tmp")):
                continue
            with contextlib.suppress(OSError):
                if item.stat().st_mtime < limit:
                    os.unlink(item.path)
                    deleted += 1
    return deleted


def _write(entry: Path | None, data: Any) -> None:
    if entry is None:
        return
    try:
        payload = marshal.dumps(_plain(data))
    except ValueError:  # not plain data: not kept
        return
    _write_atomically(entry, payload)
    prune(entry.parent)


def _plain(data: Any) -> Any:
    """``data`` with YAML's position-keeping mappings and lists made plain (marshal takes only
    the built-in types themselves)."""
    if isinstance(data, dict):
        return {_plain(key): _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(item) for item in data]
    if isinstance(data, tuple):
        return tuple(_plain(item) for item in data)
    if isinstance(data, str):
        return str(data)
    return data


def _write_atomically(entry: Path, payload: bytes) -> None:
    """Write a cache entry so that no reader ever sees half of it; never raise."""
    import tempfile

    temporary = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, entry)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
