"""The events webhooks hear, as handlers of the lower apps' hooks (registered in integrations' `ready()`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings

from changes.hooks import ChangeDecided
from communications.hooks import StatusPosted
from incidents.choices import IncidentStatus
from incidents.hooks import IncidentEvent
from incidents.models import Incident
from incidents.services.command import incident_client_id
from integrations.services.webhooks import Builders, webhook_event, webhook_events
from problems.choices import ProblemStatus
from problems.hooks import ProblemStatusChanged
from sla.hooks import SLAAlert, SLAAlerts
from sla.models import BreachStage


def _incident_data(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.pk, "incident_number": incident.incident_number, "title": incident.title,
        "severity": incident.severity, "status": incident.status,
        "assigned_to": incident.assigned_to_id, "detection_time": incident.detection_time.isoformat(),
        "url": f"{settings.TRACER_SITE_URL.rstrip('/')}{incident.get_absolute_url()}",
    }  # fmt: skip


def _clients(incident: Incident) -> set[int | None]:
    found: set[int | None] = set(incident.slas.values_list("client_id", flat=True))
    found.add(incident_client_id(incident.reported_by, list(incident.configuration_items.all())))
    return found


def incident_created_event(event: IncidentEvent) -> None:
    incident = event.incident
    webhook_event("incident.created", lambda: _incident_data(incident), lambda: _clients(incident))


def incident_changed_event(event: IncidentEvent) -> None:
    incident = event.incident
    data = cache(lambda: {**_incident_data(incident), "changed": sorted(event.changed)})
    clients = cache(lambda: _clients(incident))
    webhook_event("incident.updated", data, clients)
    if "status" in event.changed and incident.status == IncidentStatus.RESOLVED:
        webhook_event("incident.resolved", data, clients)
    if "status" in event.changed and incident.status == IncidentStatus.CLOSED:
        webhook_event("incident.closed", data, clients)


def problem_resolved_event(event: ProblemStatusChanged) -> None:
    problem = event.problem
    if problem.status != ProblemStatus.RESOLVED:
        return

    def data() -> dict[str, Any]:
        numbers = list(problem.incidents.values_list("incident_number", flat=True))
        return {"id": problem.pk, "problem_number": problem.problem_number, "title": problem.title,
                "status": problem.status, "incidents": numbers}  # fmt: skip

    def clients() -> set[int | None]:
        return {client for incident in problem.incidents.all() for client in _clients(incident)}

    webhook_event("problem.resolved", data, clients)


def sla_event(event: SLAAlerts) -> None:
    for stage, name in ((BreachStage.BREACH, "sla.breached"), (BreachStage.WARNING, "sla.warning")):
        alerts = [alert for alert in event.alerts if alert.stage == stage]
        if alerts:
            webhook_events(name, [_sla_builders(alert) for alert in alerts])


def _sla_builders(alert: SLAAlert) -> Builders:
    sla = alert.sla
    return (
        lambda: {"incident": _incident_data(sla.incident), "client": sla.client_id, "kind": alert.kind,
                 "due": alert.due.isoformat(), "tier": sla.tier},
        lambda: {sla.client_id},
    )  # fmt: skip


def change_decided_event(event: ChangeDecided) -> None:
    change = event.change
    webhook_event(
        "change.approved" if event.approved else "change.rejected",
        lambda: {"id": change.pk, "change_number": change.change_number, "title": change.title,
                 "status": change.status, "incident": change.incident.incident_number if change.incident else None},
        lambda: _clients(change.incident) if change.incident else set(),
    )  # fmt: skip


def status_posted_event(event: StatusPosted) -> None:
    update = event.update
    webhook_event(
        "status.posted",
        lambda: {"incident": update.incident.incident_number, "public_status": update.public_status,
                 "headline": update.headline, "message": update.message, "posted_at": update.posted_at.isoformat()},
        lambda: _clients(update.incident),
    )  # fmt: skip
