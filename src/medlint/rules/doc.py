"""Render one rule as ``medlint rule ID`` prints it: fixed sections, each from one field."""

from __future__ import annotations

import textwrap

from medlint.rules.rule import Rule

_WIDTH = 100
_LABEL = 16


def _label(label: str) -> str:
    """The label column, with at least one space after a label longer than it."""
    return f"{label:<{_LABEL - 1}} "


def _section(label: str, body: str) -> list[str]:
    wrapped = textwrap.wrap(body, _WIDTH - _LABEL) or [""]
    return [_label(label) + wrapped[0]] + [" " * _LABEL + line for line in wrapped[1:]]


def render_rule(rule: Rule) -> str:
    lines = [
        f"{rule.id} {rule.name}  ({rule.category.value} · {rule.severity.value} · {rule.kind})"
    ]
    lines += _section("Message", rule.summary)
    lines += _section("Why it matters", rule.why)
    for example in rule.flag_examples:
        lines += _section("Flagged", example)
    for example in rule.pass_examples:
        lines += _section("Not flagged", example)
    context = rule.options.get("context")
    if rule.kind in ("pattern", "document"):
        from medlint.rules.kinds import document, pattern

        defaults = pattern.DEFAULT_CONTEXT if rule.kind == "pattern" else document.DEFAULT_CONTEXT
        flags = {**defaults, **(context or {})}
        lines += _section(
            "Context",
            f"skips {', '.join(flags['skip']) or 'nothing'}; "
            f"lowers the severity when {', '.join(flags['lower']) or 'never'}",
        )
    lines += _section("Better", rule.suggest)
    options = {
        k: v
        for k, v in {**rule.options, **rule.written}.items()
        if k not in ("context",) and v not in (None, ())
    }
    for key, value in options.items():
        if isinstance(value, list | tuple):
            for item in value:  # one pattern per line: they are long
                lines.append(_label(f"Option {key}") + item)
        else:
            lines += _section(f"Option {key}", str(value))
    for reference in rule.references:
        lines += _section("Reference", f"{reference.title}  {reference.url}")
    lines.append(_label("Defined in") + f"{rule.source}:{rule.line}")
    return "\n".join(lines) + "\n"
