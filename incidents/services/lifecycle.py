"""SOP 2.2 and the lifecycle: one function moves an incident's status, and stamps what each move means."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.actor import Actor
from core.audit import audit_log
from core.lifecycle import check_move
from core.models import AuditAction
from core.permissions import require
from incidents.choices import IncidentStatus
from incidents.models import Incident
from incidents.transitions import REOPENING, TRANSITIONS


def refresh_sla(incident: Incident) -> None:
    """Keep the incident's SLA due times and met times current (same transaction)."""
    from sla.engine import sla_refresh

    sla_refresh(incidents=[incident])


def incident_lock(incident: Incident | int) -> Incident:
    pk = incident.pk if isinstance(incident, Incident) else incident
    return Incident.objects.select_for_update().get(pk=pk)


def apply_transition(*, actor: Actor, incident: Incident, status: str) -> Incident:
    """Move a locked incident to `status` (already checked against the lifecycle) and stamp the times.

    Leaving `open` acknowledges, `resolved` stamps the resolution, a reopen clears it, `closed` stamps the
    closure and drafts the post-incident report (SOP 2.2 step 5) in the same transaction.
    """
    now = timezone.now()
    old_status = incident.status
    changes: dict[str, tuple[object, object]] = {"status": (old_status, status)}
    if incident.acknowledged_at is None and status != IncidentStatus.OPEN:
        changes["acknowledged_at"] = (None, now)
        incident.acknowledged_at = now
    if status == IncidentStatus.RESOLVED:
        changes["resolved_at"] = (incident.resolved_at, now)
        incident.resolved_at = now
    if (old_status, status) in REOPENING and incident.resolved_at is not None:
        changes["resolved_at"] = (incident.resolved_at, None)
        incident.resolved_at = None
    if status == IncidentStatus.CLOSED:
        changes["closed_at"] = (None, now)
        incident.closed_at = now
    incident.status = status
    incident.updated_at = now
    incident.save(update_fields=[*changes, "updated_at"])
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes=changes)
    refresh_sla(incident)
    if status == IncidentStatus.CLOSED:
        from reports.services import report_create_closure_draft

        report_create_closure_draft(actor=actor, incident=incident)
    return incident


def check_transition(incident: Incident, status: str) -> None:
    check_move(TRANSITIONS, current=incident.status, target=status, label=incident.incident_number)
    if status == IncidentStatus.CLOSED:
        from response.services.phases import check_gates_for_closure

        check_gates_for_closure(incident)


@transaction.atomic
def incident_transition(*, actor: Actor, incident: Incident, status: str) -> Incident:
    """The one entry point for status changes: lock, check the move against the lifecycle, apply it."""
    require(actor, "incidents.transition")
    incident = incident_lock(incident)
    check_transition(incident, status)
    return apply_transition(actor=actor, incident=incident, status=status)
