"""The public status page: posting an update (its own permission) and reading what customers may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Client
from communications.choices import PublicStatus
from communications.models import StatusUpdate
from core.actor import Actor
from core.audit import audit_log_created
from core.errors import Conflict, InvalidInput
from core.permissions import require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
from incidents.models import Incident, IncidentCI

HISTORY_DAYS = 90


@transaction.atomic
def status_update_post(
    *, actor: Actor, incident: Incident, public_status: str, message: str, headline: str = ""
) -> StatusUpdate:
    """Post an update customers will read; closed incidents take no more updates."""
    require(actor, "status.post")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(
            f"{incident.incident_number} is closed; it takes no more status updates.", code="incident_closed"
        )
    previous = StatusUpdate.objects.filter(incident=incident).order_by("-posted_at", "-id").first()
    headline = headline.strip() or (previous.headline if previous else "")
    if not headline:
        raise InvalidInput(
            "The first update needs a headline customers understand.",
            code="status_headline_required",
            fields={"headline": "Required on the first update."},
        )
    cleaned = clean_fields(
        StatusUpdate,
        {"public_status": public_status, "message": message, "headline": headline},
        allowed=("public_status", "message", "headline"),
        required=("public_status", "message", "headline"),
    )
    update = StatusUpdate.objects.create(incident=incident, posted_by_id=actor.user_id, **cleaned)
    audit_log_created(actor=actor, record=update, fields=["public_status", "headline", "message"], parent=incident)
    return update


@dataclass
class PublicIncident:
    """One incident as customers see it: only its public updates, never internal fields."""

    key: int
    headline: str
    status: str
    status_label: str
    started_at: dt.datetime
    updated_at: dt.datetime
    updates: list[StatusUpdate] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return self.status != PublicStatus.RESOLVED


def public_incidents(*, client: Client | None = None, now: dt.datetime | None = None) -> list[PublicIncident]:
    """Incidents with public updates in the last 90 days (for one client, those affecting its services)."""
    now = now or timezone.now()
    updates = StatusUpdate.objects.filter(posted_at__gte=now - dt.timedelta(days=HISTORY_DAYS)).order_by(
        "posted_at", "id"
    )
    if client is not None:
        affects = IncidentCI.objects.filter(incident=OuterRef("incident"), ci__assignments__client=client)
        updates = updates.filter(Exists(affects))
    grouped: dict[int, PublicIncident] = {}
    for update in updates.only("incident_id", "public_status", "headline", "message", "posted_at"):
        entry = grouped.get(update.incident_id)
        if entry is None:
            entry = grouped[update.incident_id] = PublicIncident(
                key=update.incident_id,
                headline=update.headline,
                status=update.public_status,
                status_label=update.get_public_status_display(),
                started_at=update.posted_at,
                updated_at=update.posted_at,
            )
        entry.headline, entry.status = update.headline, update.public_status
        entry.status_label, entry.updated_at = update.get_public_status_display(), update.posted_at
        entry.updates.append(update)
    return sorted(grouped.values(), key=lambda item: item.updated_at, reverse=True)
