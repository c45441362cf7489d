"""What each phase's record holds, checked the same way whatever the channel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.errors import InvalidInput

TEXT = str
FIELDS: dict[str, dict[str, Any]] = {
    "triage": {
        "users_impact": TEXT, "services_impact": TEXT, "data_impact": TEXT, "ongoing": bool, "hypothesis": TEXT,
        "immediate_actions": TEXT, "incident_commander": int, "communications_lead": int, "investigators": list,
    },
    "communication": {
        "audience": TEXT, "what_happened": TEXT, "status": TEXT, "next_steps": TEXT, "next_update_at": TEXT,
    },
    "mitigation": {
        "strategy": TEXT, "steps": list, "metrics_before": TEXT, "metrics_after": TEXT, "residual_risk": TEXT,
    },
    "post_mortem": {"summary": TEXT, "went_well": TEXT, "went_poorly": TEXT, "lessons": TEXT, "markdown": TEXT},
}  # fmt: skip
REQUIRED = {
    "triage": ("users_impact", "hypothesis", "immediate_actions"),
    "communication": ("audience", "what_happened", "status", "next_steps"),
    "mitigation": ("strategy",),
    "post_mortem": ("summary",),
}
AUDIENCES = ("client", "internal", "executive")


def _fits(kind: type, value: Any) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def clean_content(phase: str, content: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the phase's known fields, of the right kind; name every missing or malformed one."""
    spec = FIELDS[phase]
    errors: dict[str, str] = {name: "Unknown field." for name in content if name not in spec}
    cleaned: dict[str, Any] = {}
    for name, kind in spec.items():
        value = content.get(name)
        if value in (None, ""):
            continue
        if _fits(kind, value):
            cleaned[name] = value.strip() if isinstance(value, str) else value
        else:
            errors[name] = f"Expected {kind.__name__}."
    for name in REQUIRED[phase]:
        if not cleaned.get(name) and name not in errors:
            errors[name] = "Required."
    if phase == "communication" and cleaned.get("audience") not in (*AUDIENCES, None):
        errors["audience"] = f"One of {', '.join(AUDIENCES)}."
    if phase == "mitigation":
        for step in cleaned.get("steps", []):
            if not isinstance(step, dict) or not isinstance(step.get("step"), str):
                errors["steps"] = 'Each step is {"step": ..., "result": ...}.'
    if errors:
        raise InvalidInput("The record is incomplete.", code="invalid_record", fields=errors)
    return cleaned
