"""What pages on-call, as handlers of the lower apps' hooks (registered in oncall's `ready()`): an SLA breach or
warning, a P1/P2 raised, a major incident nobody holds; and who is the incident manager on call for a client."""

from __future__ import annotations

from accounts.models import User
from core.actor import Actor
from incidents.choices import MAJOR_SEVERITIES
from incidents.hooks import CommandWanted, IncidentEvent, OnCallQuery
from incidents.models import Incident, IncidentCI
from incidents.services.command import incident_client_id, is_incident_manager
from oncall.choices import PageSource
from oncall.models import EscalationPolicy, Schedule
from oncall.services.pages import page_trigger, policies_for, policy_for
from oncall.services.schedules import on_call
from sla.hooks import SLAAlerts
from sla.models import BreachStage


def incident_policy(incident: Incident) -> EscalationPolicy | None:
    """The policy an incident's pages follow: its configuration items' first, else its client's."""
    cis = list(incident.configuration_items.all())
    return policy_for(client_id=incident_client_id(incident.reported_by, cis), ci_ids=[ci.pk for ci in cis])


def sla_alert_page(event: SLAAlerts) -> set[int]:
    """Page the policy of each clock's client (or of its incident's items) for SLA breaches or warnings; the
    positions of those a policy took, so the client's fixed on-call addresses stay the fallback they are."""
    alerts = event.alerts
    links: dict[int, list[int]] = {}
    for incident_id, ci_id in IncidentCI.objects.filter(
        incident_id__in={alert.sla.incident_id for alert in alerts}
    ).values_list("incident_id", "ci_id"):
        links.setdefault(incident_id, []).append(ci_id)
    policies = policies_for([(alert.sla.client_id, links.get(alert.sla.incident_id, [])) for alert in alerts])
    paged = set()
    for position, (alert, policy) in enumerate(zip(alerts, policies, strict=True)):
        if policy is None:
            continue
        sla, incident = alert.sla, alert.sla.incident
        breach = alert.stage == BreachStage.BREACH
        page_trigger(
            actor=Actor.system(),
            policy=policy,
            source=PageSource.SLA_BREACH if breach else PageSource.SLA_WARNING,
            summary=f"{incident.incident_number} {alert.kind} SLA {'breached' if breach else 'at risk'} for "
            f"{sla.client.client_name}: {incident.title}",
            key=f"sla:{alert.stage}:{alert.kind}:{incident.pk}:{sla.client_id}",
            incident=incident,
        )
        paged.add(position)
    return paged


def _page_for(event: IncidentEvent | CommandWanted, source: str, summary: str, key: str) -> None:
    incident = event.incident
    policy = incident_policy(incident)
    if policy is not None:
        page_trigger(actor=event.actor, policy=policy, source=source, incident=incident, key=key,
                     summary=f"{incident.incident_number} {incident.severity} {summary}: {incident.title}")  # fmt: skip


def major_incident_page(event: IncidentEvent) -> None:
    """A P1/P2 raised pages its policy (the holder, if any, is told by the incident itself)."""
    if event.incident.severity in MAJOR_SEVERITIES:
        _page_for(event, PageSource.MAJOR_INCIDENT, "raised", f"major:{event.incident.pk}")


def command_wanted_page(event: CommandWanted) -> None:
    """A major incident nobody holds pages its policy, besides the email to every incident manager."""
    incident = event.incident
    key = f"command:{incident.pk}:{incident.updated_at:%Y%m%d%H%M%S%f}"
    _page_for(event, PageSource.NO_INCIDENT_MANAGER, "has no incident manager", key)


def incident_manager_on_call(query: OnCallQuery) -> User | None:
    """The first incident manager on call in the client's schedules, else in the desk-wide ones."""
    own = Schedule.objects.filter(client_id=query.client_id) if query.client_id is not None else Schedule.objects.none()
    for schedules in (own, Schedule.objects.filter(client__isnull=True)):
        for schedule in schedules.prefetch_related("layers", "overrides").order_by("id"):
            for person in on_call(schedule, query.at)[1]:
                if is_incident_manager(person):
                    return person
    return None
