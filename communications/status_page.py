"""The public status page: what customers may see (posting an update is `communications.services.status`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Client
from communications.choices import PublicStatus
from communications.models import StatusUpdate
from incidents.models import IncidentCI

HISTORY_DAYS = 90


@dataclass
class PublicIncident:
    """One incident as customers see it: only its public updates, never internal fields."""

    key: int
    headline: str
    state: str
    state_label: str
    started_at: dt.datetime
    updated_at: dt.datetime
    updates: list[StatusUpdate] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return self.state != PublicStatus.RESOLVED


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
                state=update.public_status,
                state_label=update.get_public_status_display(),
                started_at=update.posted_at,
                updated_at=update.posted_at,
            )
        entry.headline, entry.state = update.headline, update.public_status
        entry.state_label, entry.updated_at = update.get_public_status_display(), update.posted_at
        entry.updates.append(update)
    return sorted(grouped.values(), key=lambda item: item.updated_at, reverse=True)
