"""What pages on-call, as handlers of the lower apps' hooks (registered in oncall's `ready()`): an SLA breach or
warning, a P1/P2 raised, a major incident nobody holds; and who is the incident manager on call for a client."""

from __future__ import annotations

from accounts.models import User
from core.actor import Actor
from incidents.choices import MAJOR_SEVERITIES
from incidents.hooks import CommandWanted, IncidentEvent, OnCallQuery
from incidents.models import Incident
from incidents.services.command import incident_client_id, is_incident_manager
from oncall.choices import PageSource
from oncall.models import EscalationPolicy, Schedule
from oncall.services.pages import page_trigger, policy_for
from oncall.services.schedules import on_call
from sla.hooks import SLAAlert
from sla.models import BreachStage


def incident_policy(incident: Incident) -> EscalationPolicy | None:
    """The policy an incident's pages follow: its configuration items' first, else its client's."""
    cis = list(incident.configuration_items.all())
    return policy_for(client_id=incident_client_id(incident.reported_by, cis), ci_ids=[ci.pk for ci in cis])


def sla_alert_page(event: SLAAlert) -> bool:
    """Page the policy of the clock's client (or of the incident's items) for an SLA breach or warning; True when
    a policy took it, so the client's fixed on-call addresses stay the fallback they are."""
    sla, incident = event.sla, event.sla.incident
    ci_ids = list(incident.configuration_items.values_list("pk", flat=True))
    policy = policy_for(client_id=sla.client_id, ci_ids=ci_ids)
    if policy is None:
        return False
    breach = event.stage == BreachStage.BREACH
    page_trigger(
        actor=Actor.system(),
        policy=policy,
        source=PageSource.SLA_BREACH if breach else PageSource.SLA_WARNING,
        summary=f"{incident.incident_number} {event.kind} SLA {'breached' if breach else 'at risk'} for "
        f"{sla.client.client_name}: {incident.title}",
        key=f"sla:{event.stage}:{event.kind}:{incident.pk}:{sla.client_id}",
        incident=incident,
    )
    return True


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
