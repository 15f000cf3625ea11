"""The server's tests: those that speak LSP need pygls and lsprotocol (the ``server`` extra,
which the ``dev`` extra installs); without them they are not collected, and the rest still run."""

from __future__ import annotations

import importlib.util

NEEDS_PYGLS = ["test_app.py", "test_convert.py", "client.py"]

collect_ignore = (
    NEEDS_PYGLS
    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None
    else []
)
