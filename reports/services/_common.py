from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from core.actor import Actor
from core.audit import audit_log
from core.errors import Conflict
from core.lifecycle import Transitions, check_move
from core.models import AuditAction
from incidents.choices import IncidentStatus
from incidents.models import Incident

FINISHED = frozenset({IncidentStatus.RESOLVED, IncidentStatus.CLOSED})


def incident_require_finished(
    incident: Incident, *, statuses: frozenset[str] = FINISHED, code: str = "incident_not_resolved"
) -> None:
    if incident.status not in statuses:
        wanted = " or ".join(sorted(statuses))
        raise Conflict(f"{incident.incident_number} is {incident.status}; it must be {wanted}.", code=code)


def lifecycle_move(
    *, actor: Actor, record: models.Model, transitions: Transitions, status: str, label: str, field: str = "status",
    stamps: dict[str, Any] | None = None, parent: models.Model | None = None,
) -> None:  # fmt: skip
    """Move `record` along its lifecycle, set the stamps that go with the move, audit it."""
    current = getattr(record, field)
    check_move(transitions, current=current, target=status, label=label)
    changes: dict[str, tuple[Any, Any]] = {field: (current, status)}
    setattr(record, field, status)
    for name, value in (stamps or {}).items():
        changes[name] = (getattr(record, name), value.pk if isinstance(value, models.Model) else value)
        setattr(record, name, value)
    if any(f.name == "updated_at" for f in record._meta.concrete_fields):
        record.updated_at = timezone.now()  # type: ignore[attr-defined]
    record.save()
    audit_log(actor=actor, record=record, action=AuditAction.UPDATE, changes=changes, parent=parent)
