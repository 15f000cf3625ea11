"""What a rule kind is: the :class:`Checker` and :class:`WholeDocument` protocols a compiled
rule body satisfies, and the :class:`Kind` protocol of a kind's module. Apart from the registry
(``medlint.rules.kinds``), so that the kind modules, which use these, and the registry, which
names them, do not import each other."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from medlint.findings import Severity
    from medlint.rules.schema import Field
    from medlint.rules.view import Hit, Located, Scan


class Checker(Protocol):
    """A compiled rule body: finds hits in one scanned document."""

    def check(
        self,
        scan: Scan,
        severity: Severity,
        sentences: Sequence[int] | None = None,
        among: Sequence[int] | None = None,
    ) -> Iterator[Hit]:
        """Hits in the document; ``sentences`` limits the search to these sentence indexes
        (the prefilter's candidates), None means every sentence; ``among``, to these trigger
        patterns (indexes: those that can match, by the prefilter), None means all."""
        ...


class WholeDocument(Protocol):
    """A rule body that needs the whole document (a missing statement, a reading grade).

    The engine reads long texts in chunks: it calls :meth:`collect` on each chunk with a state
    from :meth:`start`, and :meth:`conclude` once at the end.
    """

    def start(self) -> Any: ...

    def collect(
        self,
        state: Any,
        scan: Scan,
        sentences: Sequence[int] | None,
        among: Sequence[int] | None = None,
    ) -> None: ...

    def merge(self, earlier: Any, later: Any) -> Any: ...

    def conclude(self, state: Any, severity: Severity) -> Iterator[Conclusion]: ...


Conclusion = tuple["Located", "Severity", dict[str, Any]]


class Kind(Protocol):
    FIELDS: Mapping[str, Field]

    def build(self, options: Mapping[str, Any], trusted: bool = False) -> Checker: ...
