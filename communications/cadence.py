"""Stakeholder update cadence by severity (P1 every 30 minutes, P2 hourly, P3 daily, P4 weekly): when the
next update is due (the reminder itself is `communications.services.cadence`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from communications.choices import CommunicationType
from communications.models import Communication
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


def incident_cadence(incident: Incident, communications: Iterable[Communication] | None = None) -> dict[str, object]:
    """When the last status update went out and when the next is due; `communications`: the incident's, if read."""
    if communications is None:
        last = (
            Communication.objects.filter(incident=incident, communication_type=CommunicationType.STATUS_UPDATE)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    else:
        sent = [c.created_at for c in communications if c.communication_type == CommunicationType.STATUS_UPDATE]
        last = max(sent, default=None)
    due = next_update_due(incident, last)
    return {"last_update_at": last, "next_update_due": due, "overdue": bool(due and due < timezone.now())}
