"""A cache of validated rule packs, so a pre-commit run does not re-parse YAML every time.

Entries are JSON files named by a hash of the pack's bytes and medlint's version, in
``$MEDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/medlint``, else ``~/.cache/medlint``. Set
``MEDLINT_CACHE_DIR=off`` to disable it. Any problem reading or writing the cache is ignored:
the pack is then simply validated again.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

SCHEMA = "12"  # bump when the shape of validated values changes

try:  # blake2b without loading OpenSSL (importing hashlib costs ~4 ms of a cold start)
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as _hash


def digest(data: bytes | str) -> str:
    """A hex digest that names cache entries (not a security boundary)."""
    return _hash(data.encode() if isinstance(data, str) else data, digest_size=16).hexdigest()


def rules_folder() -> Path:
    """The folder of the built-in packs, package ``medlint.rules`` (found without
    ``importlib.resources``, which costs ~9 ms to import)."""
    from importlib.util import find_spec

    spec = find_spec("medlint.rules")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        raise ImportError("medlint.rules is missing: reinstall medlint")
    return Path(next(iter(spec.submodule_search_locations)))


def cache_dir() -> Path | None:
    configured = os.environ.get("MEDLINT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "false") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "medlint"


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from medlint import __version__

    try:
        data = path.read_bytes()
    except OSError:
        return None
    key = digest(data + f"\0{__version__}\0{SCHEMA}\0{path.name}".encode())
    return folder / "packs" / f"{key}.json"


def load_pack(path: Path) -> list[dict[str, Any]] | None:
    data = _read_json(_entry(path))
    return data if isinstance(data, list) else None


def store_pack(path: Path, values: list[dict[str, Any]]) -> None:
    _write_json(_entry(path), values)


def _read_json(entry: Path | None) -> Any:
    if entry is None:
        return None
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(entry: Path | None, data: Any) -> None:
    if entry is None:
        return
    try:
        payload = json.dumps(data).encode("utf-8")
    except (TypeError, ValueError):
        return
    _write_atomically(entry, payload)


def _named_entry(name: str, version: str, suffix: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from medlint import __version__

    key = digest(f"{name}\0{version}\0{__version__}\0{SCHEMA}")
    return folder / "data" / f"{name}-{key}{suffix}"


def load_pickle(name: str, version: str) -> Any:
    """Data medlint itself stored with :func:`store_pickle` (never data from elsewhere)."""
    import pickle

    entry = _named_entry(name, version, ".pickle")
    if entry is None:
        return None
    try:
        return pickle.loads(entry.read_bytes())
    except Exception:  # missing, truncated or from another Python: rebuild it
        return None


def store_pickle(name: str, version: str, data: Any) -> None:
    import pickle

    entry = _named_entry(name, version, ".pickle")
    if entry is None:
        return
    try:
        payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    _write_atomically(entry, payload)


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


def load_json(name: str, version: str) -> Any:
    return _read_json(_named_entry(name, version, ".json"))


def store_json(name: str, version: str, data: Any) -> None:
    _write_json(_named_entry(name, version, ".json"), data)
