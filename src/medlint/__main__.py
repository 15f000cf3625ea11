"""``python -m medlint``."""

from medlint.cli import entry

entry()
