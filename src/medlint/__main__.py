"""``python -m medlint``."""

from medlint.cli import main

main(prog_name="medlint")
