"""medlint's built-in rule packs (YAML, one file per category) and the context lexicon.

This folder is data; it is a package only so that it ships inside the wheel as ``medlint.rules``.
"""
