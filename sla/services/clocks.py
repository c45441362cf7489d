"""SLA targets per affected client, kept on the incident as due times (incident -> CIs -> clients -> agreement)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q

from incidents.models import Incident
from sla.calendar import WorkingHours, wall_minutes_between
from sla.choices import AgreementStatus
from sla.matrix import BUSINESS_HOURS, clock_for, targets
from sla.models import BusinessCalendar, IncidentSLA, SLAAgreement

DEFAULT_HOURS = WorkingHours()


def warn_share() -> float:
    return float(getattr(settings, "TRACER_SLA_WARN_SHARE", 0.75))


def hours_of(clients: Iterable[int]) -> dict[int, WorkingHours]:
    """Each client's working hours (Monday to Friday, 9 to 5 UTC when it has no calendar of its own)."""
    found = {cal.client_id: cal.hours() for cal in BusinessCalendar.objects.filter(client_id__in=list(clients))}
    return found


def due(start: dt.datetime, minutes: float, clock: str, hours: WorkingHours) -> dt.datetime:
    return hours.add(start, minutes) if clock == BUSINESS_HOURS else start + dt.timedelta(minutes=minutes)


def elapsed(start: dt.datetime, end: dt.datetime, clock: str, hours: WorkingHours) -> float:
    return hours.minutes_between(start, end) if clock == BUSINESS_HOURS else wall_minutes_between(start, end)


def response_met(incident: Incident) -> dt.datetime | None:
    return incident.acknowledged_at


def resolution_met(incident: Incident) -> dt.datetime | None:
    return incident.resolved_at or incident.closed_at


def _rows_for(
    incident: Incident, agreements: dict[int, SLAAgreement], calendars: dict[int, WorkingHours]
) -> list[IncidentSLA]:
    rows = []
    share = warn_share()
    for client_id, agreement in agreements.items():
        clock = clock_for(agreement.support_coverage)
        hours = calendars.get(client_id, DEFAULT_HOURS)
        response, resolution = targets(agreement.tier, agreement.support_coverage, incident.severity)
        start = incident.detection_time
        rows.append(
            IncidentSLA(
                incident=incident,
                client_id=client_id,
                agreement=agreement,
                tier=agreement.tier,
                clock=clock,
                response_minutes=response,
                resolution_minutes=resolution,
                response_due_at=due(start, response, clock, hours),
                resolution_due_at=due(start, resolution, clock, hours),
                response_warn_at=due(start, response * share, clock, hours),
                resolution_warn_at=due(start, resolution * share, clock, hours),
                response_met_at=response_met(incident),
                resolution_met_at=resolution_met(incident),
            )
        )
    return rows


UPDATED = [
    "agreement", "tier", "clock", "response_minutes", "resolution_minutes", "response_due_at", "resolution_due_at",
    "response_warn_at", "resolution_warn_at", "response_met_at", "resolution_met_at",
]  # fmt: skip


def sla_refresh(*, incidents: Iterable[Incident]) -> int:
    """Recompute the targets of these incidents for every client they affect (inside the caller's transaction).

    Called when an incident is created, changes severity, gains or loses a CI, or is acknowledged or resolved.
    Breach stamps are kept: a breach that happened stays recorded even if the targets move later.
    """
    incidents = list(incidents)
    if not incidents:
        return 0
    links = (
        Incident.objects.filter(pk__in=[i.pk for i in incidents])
        .filter(ci_links__ci__assignments__client__isnull=False)
        .values_list("pk", "ci_links__ci__assignments__client_id")
        .distinct()
    )
    clients_of: dict[int, set[int]] = {}
    for incident_id, client_id in links:
        clients_of.setdefault(incident_id, set()).add(client_id)
    all_clients = set().union(*clients_of.values()) if clients_of else set()
    agreements = {
        a.client_id: a for a in SLAAgreement.objects.filter(client_id__in=all_clients, status=AgreementStatus.ACTIVE)
    }
    calendars = hours_of(all_clients)
    wanted: list[IncidentSLA] = []
    for incident in incidents:
        mine = {cid: agreements[cid] for cid in clients_of.get(incident.pk, ()) if cid in agreements}
        wanted.extend(_rows_for(incident, mine, calendars))
    keep = Q()
    for row in wanted:
        keep |= Q(incident_id=row.incident_id, client_id=row.client_id)
    stale = IncidentSLA.objects.filter(incident__in=incidents)
    (stale.exclude(keep) if wanted else stale).delete()
    IncidentSLA.objects.bulk_create(
        wanted, update_conflicts=True, unique_fields=["incident", "client"], update_fields=UPDATED
    )
    return len(wanted)
