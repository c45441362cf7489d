"""The public status page: what customers may see (posting an update is `communications.services.status`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Client
from cmdb.models import ConfigurationItem
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
    ci_ids: set[int] = field(default_factory=set)

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
    for incident_id, ci_id in IncidentCI.objects.filter(incident_id__in=grouped).values_list("incident_id", "ci_id"):
        grouped[incident_id].ci_ids.add(ci_id)
    return sorted(grouped.values(), key=lambda item: item.updated_at, reverse=True)


COMPONENT_LEVELS = {"operational": 0, "monitoring": 1, "degraded": 2, "identified": 3, "investigating": 3, "down": 4}
LEVEL_LABELS = {0: "Operational", 1: "Monitoring", 2: "Degraded performance", 3: "Partial outage", 4: "Major outage"}


@dataclass
class Component:
    """A service customers depend on: its state now and one cell per day of the history (0 = no incident)."""

    name: str
    level: int
    days: list[tuple[dt.date, int]]

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]


def components(
    incidents: list[PublicIncident], *, client: Client | None = None, now: dt.datetime | None = None
) -> list[Component]:
    """The production services (and, on a client's page, its applications) with their state and daily history."""
    now = now or timezone.now()
    items = ConfigurationItem.objects.filter(environment="production")
    if client is None:
        items = items.filter(ci_type="service")
    else:
        items = items.filter(ci_type__in=["service", "application"], assignments__client=client).distinct()
    today = timezone.localdate(now)
    first = today - dt.timedelta(days=HISTORY_DAYS - 1)
    result = []
    for ci in items.only("id", "ci_name", "operational_status").order_by("ci_name")[:50]:
        touching = [item for item in incidents if ci.pk in item.ci_ids]
        level = COMPONENT_LEVELS.get(ci.operational_status, 0)
        for item in touching:
            if item.current:
                level = max(level, COMPONENT_LEVELS.get(item.state, 3))
        days: dict[dt.date, int] = {}
        for item in touching:
            start = max(timezone.localdate(item.started_at), first)
            end = timezone.localdate(item.updated_at) if not item.current else today
            worst = max((COMPONENT_LEVELS.get(update.public_status, 0) for update in item.updates), default=0)
            day = start
            while day <= end:
                days[day] = max(days.get(day, 0), worst or 1)
                day += dt.timedelta(days=1)
        cells = [(first + dt.timedelta(days=n), days.get(first + dt.timedelta(days=n), 0)) for n in range(HISTORY_DAYS)]
        result.append(Component(name=ci.ci_name, level=level, days=cells))
    return result
