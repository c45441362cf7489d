"""SOP 21: the SLA breach report, a row per breaching (incident, client) pair.

Finished incidents are judged on their recorded times, unfinished ones on the clock now. Which pairs breach is
decided in SQL from the stored due times; the minutes shown are computed for the returned rows only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import Client
from core.actor import Actor
from core.errors import InvalidInput
from core.permissions import scope
from incidents.choices import IncidentStatus
from sla.models import IncidentSLA
from sla.services.clocks import DEFAULT_HOURS, elapsed, hours_of


@dataclass(frozen=True)
class BreachFilters:
    client: Client | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str | None = None
    as_of: dt.datetime | None = None
    """The moment unfinished incidents are judged at: now, unless a report is reproduced for another time."""


@dataclass(frozen=True)
class BreachRow:
    incident_id: int
    incident_number: str
    title: str
    severity: str
    status: str
    detection_time: dt.datetime
    client_id: int
    client_name: str
    tier: str
    clock: str
    agreement_id: int
    response_expected_minutes: int
    response_actual_minutes: float
    response_overrun_minutes: float
    resolution_expected_minutes: int
    resolution_actual_minutes: float
    resolution_overrun_minutes: float

    @property
    def response_breached(self) -> bool:
        return self.response_overrun_minutes > 0

    @property
    def resolution_breached(self) -> bool:
        return self.resolution_overrun_minutes > 0


def parse_breach_filters(params: Any, *, actor: Actor) -> BreachFilters:
    """SOP 21 step 2: an existing client (one the actor may see), YYYY-MM-DD dates in order, a known status; else
    400 naming the field."""
    errors: dict[str, str] = {}
    client = None
    if params.get("client"):
        try:
            client = scope(Client.objects.all(), actor).get(pk=int(params["client"]))
        except (ValueError, Client.DoesNotExist):
            errors["client"] = f"No client {params['client']}."
    dates: dict[str, dt.date | None] = {"start_date": None, "end_date": None}
    for name in dates:
        raw = params.get(name)
        if raw:
            try:
                dates[name] = dt.date.fromisoformat(raw) if len(raw) == 10 else None
                if dates[name] is None:
                    raise ValueError
            except ValueError:
                errors[name] = "Use the YYYY-MM-DD format."
    start, end = dates["start_date"], dates["end_date"]
    if start and end and end < start:
        errors["end_date"] = "Must not be before start_date."
    status = params.get("status") or None
    if status and status not in IncidentStatus.values:
        errors["status"] = f"Use one of {', '.join(IncidentStatus.values)}."
    as_of = None
    if params.get("as_of"):
        as_of = parse_datetime(params["as_of"])
        if as_of is None:
            errors["as_of"] = "Use an ISO 8601 date and time."
        elif timezone.is_naive(as_of):
            as_of = timezone.make_aware(as_of, dt.UTC)
    if errors:
        raise InvalidInput("The breach report filters are invalid.", code="invalid_filter", fields=errors)
    return BreachFilters(client=client, start_date=start, end_date=end, status=status, as_of=as_of)


def breaching_pairs(filters: BreachFilters, *, actor: Actor) -> QuerySet[IncidentSLA]:
    """The (incident, client) SLA rows the actor may see that breached response or resolution, oldest first."""
    now = filters.as_of or timezone.now()
    pairs = (
        scope(IncidentSLA.objects.all(), actor)
        .annotate(
            responded=Coalesce(F("incident__acknowledged_at"), Value(now)),
            finished=Coalesce(F("incident__resolved_at"), F("incident__closed_at"), Value(now)),
        )
        .filter(Q(responded__gt=F("response_due_at")) | Q(finished__gt=F("resolution_due_at")))
    )
    if filters.client is not None:
        pairs = pairs.filter(client=filters.client)
    if filters.start_date:
        pairs = pairs.filter(incident__detection_time__date__gte=filters.start_date)
    if filters.end_date:
        pairs = pairs.filter(incident__detection_time__date__lte=filters.end_date)
    if filters.status:
        pairs = pairs.filter(incident__status=filters.status)
    return (
        pairs.select_related("incident", "client")
        .only(*REPORT_COLUMNS)
        .order_by("incident__detection_time", "incident_id", "client_id")
    )


REPORT_COLUMNS = (
    "incident_id", "client_id", "agreement_id", "tier", "clock", "response_minutes", "resolution_minutes",
    "incident__incident_number", "incident__title", "incident__severity", "incident__status",
    "incident__detection_time", "incident__acknowledged_at", "incident__resolved_at", "incident__closed_at",
    "client__client_name",
)  # fmt: skip
"""What a report row needs; the rest of the incident (its description ...) stays in the database."""


def breach_rows(pairs: Any, filters: BreachFilters) -> list[BreachRow]:
    """Expected and actual minutes, and the overrun, for each breaching pair."""
    now = filters.as_of or timezone.now()
    pairs = list(pairs)
    calendars = hours_of({p.client_id for p in pairs if p.clock != "24x7"})
    rows = []
    for pair in pairs:
        incident = pair.incident
        hours = calendars.get(pair.client_id, DEFAULT_HOURS)
        responded = incident.acknowledged_at or now
        finished = incident.resolved_at or incident.closed_at or now
        response = round(elapsed(incident.detection_time, responded, pair.clock, hours), 1)
        resolution = round(elapsed(incident.detection_time, finished, pair.clock, hours), 1)
        rows.append(
            BreachRow(
                incident_id=incident.pk,
                incident_number=incident.incident_number,
                title=incident.title,
                severity=incident.severity,
                status=incident.status,
                detection_time=incident.detection_time,
                client_id=pair.client_id,
                client_name=pair.client.client_name,
                tier=pair.tier,
                clock=pair.clock,
                agreement_id=pair.agreement_id,
                response_expected_minutes=pair.response_minutes,
                response_actual_minutes=response,
                response_overrun_minutes=round(max(response - pair.response_minutes, 0), 1),
                resolution_expected_minutes=pair.resolution_minutes,
                resolution_actual_minutes=resolution,
                resolution_overrun_minutes=round(max(resolution - pair.resolution_minutes, 0), 1),
            )
        )
    return rows


CSV_COLUMNS = [
    "incident_number", "severity", "status", "detection_time", "client_id", "client_name", "tier", "clock",
    "agreement_id", "response_expected_minutes", "response_actual_minutes", "response_overrun_minutes",
    "resolution_expected_minutes", "resolution_actual_minutes", "resolution_overrun_minutes",
]  # fmt: skip


def breach_csv_lines(filters: BreachFilters, *, actor: Actor, chunk: int = 500) -> Iterator[str]:
    """The whole report as CSV lines, computed a chunk of pairs at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield _drain(buffer)
    pairs = breaching_pairs(filters, actor=actor)
    offset = 0
    while True:
        batch = list(pairs[offset : offset + chunk])
        if not batch:
            return
        for row in breach_rows(batch, filters):
            writer.writerow([_csv_value(getattr(row, name)) for name in CSV_COLUMNS])
        yield _drain(buffer)
        offset += chunk


def _csv_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate(0)
    return text
