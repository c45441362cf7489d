"""A reminder to the incident manager when a stakeholder update is overdue, once per missed moment."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from communications.cadence import CADENCE, CADENCE_LABEL, last_update_subquery, next_update_due
from communications.services.communications import site_link
from communications.services.outbox import outbox_enqueue
from core.roles import Role
from incidents.models import Incident
from incidents.transitions import ACTIVE_STATUSES


def _manager_email(incident: Incident) -> str | None:
    if incident.assigned_to and incident.assigned_to.role == Role.INCIDENT_MANAGER:
        return incident.assigned_to.email
    host = next((b.bridge_host for b in incident.bridges.all() if b.status == "active"), None)
    return host.email if host else None


def cadence_scan(*, now: dt.datetime | None = None) -> int:
    """Remind the incident manager once per missed update moment."""
    now = now or timezone.now()
    active = (
        Incident.objects.filter(status__in=ACTIVE_STATUSES)
        .filter(Q(severity__in=list(CADENCE)))
        .annotate(last_update=last_update_subquery())
        .select_related("assigned_to")
        .prefetch_related("bridges__bridge_host")
    )
    reminded = 0
    for incident in active.iterator(chunk_size=500):
        due = next_update_due(incident, incident.last_update)
        if due is None or due > now:
            continue
        message = outbox_enqueue(
            key=f"cadence:{incident.pk}:{due.isoformat()}",
            to=[_manager_email(incident)],
            subject=f"[{incident.incident_number}] Stakeholder update overdue",
            template="cadence_reminder",
            context={
                "incident": incident,
                "due": due,
                "cadence": CADENCE_LABEL[incident.severity],
                "link": site_link(incident),
            },
        )
        reminded += message is not None
    return reminded
