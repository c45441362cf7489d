"""Stakeholder update cadence by severity (P1 every 30 minutes, P2 hourly, P3 daily, P4 weekly): when the
next update is due, and a reminder to the incident manager when it is overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from communications.choices import CommunicationType
from communications.models import Communication
from communications.outbox import outbox_enqueue
from communications.services import site_link
from core.roles import Role
from incidents.models import Incident
from incidents.transitions import ACTIVE_STATUSES

CADENCE = {
    "P1": dt.timedelta(minutes=30),
    "P2": dt.timedelta(hours=1),
    "P3": dt.timedelta(days=1),
    "P4": dt.timedelta(days=7),
}
CADENCE_LABEL = {"P1": "30 minutes", "P2": "hour", "P3": "day", "P4": "week"}


def last_update_subquery() -> Subquery:
    return Subquery(
        Communication.objects.filter(incident=OuterRef("pk"), communication_type=CommunicationType.STATUS_UPDATE)
        .values("incident")
        .annotate(last=Max("created_at"))
        .values("last")[:1]
    )


def next_update_due(incident: Incident, last_update_at: dt.datetime | None) -> dt.datetime | None:
    """When stakeholders next expect news; None once the incident is resolved."""
    if incident.status not in ACTIVE_STATUSES:
        return None
    since = last_update_at or incident.acknowledged_at or incident.detection_time
    return since + CADENCE[incident.severity]


def incident_cadence(incident: Incident) -> dict[str, object]:
    last = (
        Communication.objects.filter(incident=incident, communication_type=CommunicationType.STATUS_UPDATE)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    due = next_update_due(incident, last)
    return {"last_update_at": last, "next_update_due": due, "overdue": bool(due and due < timezone.now())}


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
