"""An integration's routing rules: which configuration item an alert is about, its severity, the incident's title,
and how long the alerts of one group keep joining the same incident."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from core.errors import InvalidInput

SEVERITIES = ("P1", "P2", "P3", "P4")
RULE_DEFAULTS: dict[str, Any] = {
    "ci_label": "service",
    "severity_label": "severity",
    "severity_map": {"critical": "P1", "high": "P2", "error": "P2", "warning": "P3", "info": "P4"},
    "default_severity": "P3",
    "title_template": "{alertname}: {summary}",
    "group_window_minutes": 30,
}
"""`ci_label`: the label whose value names a configuration item; `severity_label` and `severity_map`: the label
and how its values map to P1-P4 (`default_severity` otherwise); `title_template`: the incident's title from labels
and annotations; `group_window_minutes`: alerts of one group within this time join the same open incident."""


def rules_clean(raw: Any) -> dict[str, Any]:
    """The rules given, over the defaults; each wrong one named."""
    if raw in (None, {}):
        return dict(RULE_DEFAULTS)
    if not isinstance(raw, Mapping):
        raise InvalidInput("The rules are an object.", code="invalid_rules", fields={"rules": "An object."})
    errors: dict[str, str] = {f"rules.{name}": "Unknown rule." for name in raw if name not in RULE_DEFAULTS}
    rules = {**RULE_DEFAULTS, **{k: v for k, v in raw.items() if k in RULE_DEFAULTS}}
    for name in ("ci_label", "severity_label", "title_template"):
        if not isinstance(rules[name], str) or not rules[name].strip():
            errors[f"rules.{name}"] = "A non-empty string."
    mapping = rules["severity_map"]
    if not isinstance(mapping, Mapping) or any(value not in SEVERITIES for value in mapping.values()):
        errors["rules.severity_map"] = "An object of label values to P1-P4."
    if rules["default_severity"] not in SEVERITIES:
        errors["rules.default_severity"] = "One of P1, P2, P3, P4."
    window = rules["group_window_minutes"]
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 24 * 60:
        errors["rules.group_window_minutes"] = "From 0 to 1440."
    if errors:
        raise InvalidInput("The routing rules are invalid.", code="invalid_rules", fields=errors)
    return rules


def severity_of(rules: Mapping[str, Any], labels: Mapping[str, str], stated: str = "") -> str:
    if stated:
        return stated
    value = labels.get(rules["severity_label"], "").lower()
    return str(rules["severity_map"].get(value, rules["default_severity"]))


def title_of(rules: Mapping[str, Any], labels: Mapping[str, str], annotations: Mapping[str, str], fallback: str) -> str:
    """The template filled from labels then annotations; a name it does not know stays empty."""
    values: defaultdict[str, str] = defaultdict(str, {**labels, **annotations})
    try:
        title = rules["title_template"].format_map(values).strip(" :-")
    except (ValueError, IndexError, AttributeError):
        title = ""
    return (title or fallback)[:200]
