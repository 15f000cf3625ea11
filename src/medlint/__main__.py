"""``python -m medlint``."""

from medlint.cli.console import entry

entry()
