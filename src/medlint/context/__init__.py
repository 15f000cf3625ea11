"""Context: what a sentence says around a match (negated, hedged, hypothetical, a question,
quoted), read from cue phrases in ``rules/context.yaml`` with NegEx/ConText-style scopes.

    >>> from medlint import context
    >>> context.assess("There is no cure for MS.", 12, 16).flags
    frozenset({'negated'})
"""

from __future__ import annotations

from medlint.context.lexicon import (
    FLAGS,
    Assessment,
    Cue,
    Lexicon,
    assess,
    cues,
    default_lexicon,
)

__all__ = ["FLAGS", "Assessment", "Cue", "Lexicon", "assess", "cues", "default_lexicon"]
