"""Read YAML files that users write (rule packs, the lexicon, .medlint.yaml) with line numbers.

Mappings and sequences come back located (see :mod:`medlint.read.located`). A built-in file
unchanged since its shipped parse was written is not parsed again (see
:mod:`medlint.read.shipped`): PyYAML is then not even imported. Otherwise
:mod:`medlint.read.yamlparse` parses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medlint.errors import MedlintError


def load_yaml_text(text: str, *, path: str, error_type: type[MedlintError]) -> Any:
    """Parse YAML text; any syntax problem becomes ``error_type`` with the file, line and column."""
    from medlint.read.yamlparse import parse

    return parse(text, path=path, error_type=error_type)


def load_yaml_file(path: Path, *, error_type: type[MedlintError]) -> Any:
    """A YAML file that users write: a regular file of sane size (see ``read.limits``), in
    UTF-8, parsed as :func:`load_yaml_text` does (a built-in one may come parsed already)."""
    from medlint.read.limits import MAX_SETTINGS_SIZE, PACK_HINT, read_file
    from medlint.read.shipped import shipped_parse

    data = read_file(path, MAX_SETTINGS_SIZE, error_type, PACK_HINT)
    shipped = shipped_parse(path, data)  # a built-in file, as parsed ahead
    if shipped is not None:
        return shipped.value
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_type(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    return load_yaml_text(text, path=str(path), error_type=error_type)
