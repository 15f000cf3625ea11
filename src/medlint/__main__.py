"""``python -m medlint``."""

from medlint.console import entry

entry()
