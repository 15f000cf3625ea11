"""The language server, ``medlint server``: editors get medlint's findings as they type.

Above the library, as the CLI is: it lints with :mod:`medlint.run` and nothing in the pipeline
imports it. It needs pygls and lsprotocol (the ``server`` extra); only :mod:`medlint.server.app`
and :mod:`medlint.server.convert` import them, so ``medlint check`` never loads them.
"""

DEBOUNCE = 0.3  # seconds a change waits for the next one before the document is linted
