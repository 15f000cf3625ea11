"""Baselines: accept today's findings, report only new ones.

``--write-baseline FILE`` records every finding as (path, rule, fingerprint); ``--baseline FILE``
drops findings recorded there. Paths are written relative to the baseline file's folder, so the
same baseline works from any working folder (``cd docs && medlint check --baseline
../.medlint-baseline.json .``). The fingerprint hashes the rule, the normalised match and its
sentence, not line numbers, so findings survive text moving around the file. Writing the file
is output: ``medlint.report.baseline``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from medlint.errors import ConfigError
from medlint.findings import Finding
from medlint.read.limits import DEFAULT_MAX_FILE_SIZE

Key = tuple[str, str, str]


def _path_key(path: str | None, root: Path) -> str:
    if not path or path == "-":
        return path or ""
    candidate = Path(path).resolve()
    try:
        return candidate.relative_to(root).as_posix()
    except ValueError:
        return candidate.as_posix()


def key_of(finding: Finding, baseline: Path) -> Key:
    """How the baseline file at ``baseline`` records a finding."""
    root = baseline.resolve().parent
    return (_path_key(finding.path, root), finding.rule, finding.fingerprint)


def load_baseline(path: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> Counter[Key]:
    """The findings a baseline file records, counted; a file that is not a regular file of at
    most ``limit`` bytes holding a baseline's JSON is a ConfigError."""
    from medlint.read.limits import SIZE_HINT, mode_of, read_file

    if mode_of(path) is None:
        raise ConfigError("baseline file not found", path=str(path))
    raw = read_file(path, limit, ConfigError, SIZE_HINT)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"not a medlint baseline: {exc}", path=str(path)) from None
    except RecursionError:
        raise ConfigError(
            "not a medlint baseline: its JSON is nested too deeply", path=str(path)
        ) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(
            "not a medlint baseline", path=str(path), hint="expected a 'findings' list"
        )
    counts: Counter[Key] = Counter()
    for entry in entries:
        if isinstance(entry, dict) and {"path", "rule", "fingerprint"} <= set(entry):
            counts[(str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))] += 1
    return counts


def new_findings(findings: Sequence[Finding], baseline: Counter[Key], path: Path) -> list[Finding]:
    """Findings not in the baseline read from ``path``; each entry excuses one finding."""
    remaining = Counter(baseline)
    result = []
    for finding in findings:
        key = key_of(finding, path)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            result.append(finding)
    return result
