"""What each phase's record holds, checked the same way whatever the channel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.errors import InvalidInput
from core.humanize import exact
from core.timewindow import within

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
NEXT_UPDATE_WITHIN = dt.timedelta(days=7)


def next_update_clean(value: str) -> str:
    """The time of the next stakeholder update: an ISO 8601 time (the user's zone when none is given), from now
    to seven days ahead; kept in UTC."""
    moment = parse_datetime(value)
    if moment is None:
        raise ValidationError("Give a date and time, e.g. 2026-12-02T14:30+00:00.", code="invalid")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    within(moment, ahead=NEXT_UPDATE_WITHIN, bound="seven days")
    return moment.astimezone(dt.UTC).isoformat()


def next_update_text(value: str) -> str:
    """The next update's time as people read it, in the current time zone."""
    moment = parse_datetime(value)
    return exact(moment) if moment is not None else value


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
    if phase == "communication" and isinstance(cleaned.get("next_update_at"), str):
        try:
            cleaned["next_update_at"] = next_update_clean(cleaned["next_update_at"])
        except ValidationError as error:
            errors["next_update_at"] = " ".join(error.messages)
    if phase == "mitigation":
        for step in cleaned.get("steps", []):
            if not isinstance(step, dict) or not isinstance(step.get("step"), str):
                errors["steps"] = 'Each step is {"step": ..., "result": ...}.'
    if errors:
        raise InvalidInput("The record is incomplete.", code="invalid_record", fields=errors)
    return cleaned
