"""``--format json``: a JSON array with one object per finding (``Finding.to_dict``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from medlint.findings import Finding
from medlint.report import RunSummary


class JsonReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, /) -> str:
        return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"
