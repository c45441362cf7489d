"""Who hears of what, by email through the outbox: the handlers of the lower apps' hooks (registered in
communications' `ready()`), each one SOP step that notifies someone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.choices import UserStatus
from accounts.models import User
from bridges.choices import BridgeStatus
from bridges.hooks import ParticipantsAdded
from bridges.models import Bridge
from communications.choices import CommunicationType, DeliveryMethod, RecipientType
from communications.services.communications import communication_record, site_link
from communications.services.outbox import Email, email_context_register, outbox_enqueue, outbox_enqueue_many
from core.roles import Role
from incidents.hooks import CommandWanted, EscalationEvent
from problems.choices import ProblemStatus
from problems.hooks import ProblemIncidentLinked, ProblemStatusChanged
from sla import hooks as sla_hooks
from sla.hooks import SLAAlerts
from sla.models import BreachStage, IncidentSLA


def escalation_notice_send(event: EscalationEvent) -> None:
    """SOP 3 step 5: the person an incident is escalated to hears of it by email."""
    escalation = event.escalation
    target, incident = escalation.escalated_to, escalation.incident
    communication_record(
        actor=event.actor,
        incident=incident,
        recipient=target,
        communication_type=CommunicationType.ESCALATION_NOTICE,
        recipient_type=RecipientType.EXECUTIVE if target.role == Role.EXECUTIVE else RecipientType.INTERNAL,
        delivery_method=DeliveryMethod.EMAIL,
        message_content=f"{incident.incident_number} was escalated to you: {escalation.escalation_reason}",
    )


def command_request_send(event: CommandWanted) -> None:
    """A major incident nobody holds: every active incident manager is asked; the first to take it holds it."""
    incident = event.incident
    managers = User.objects.filter(role=Role.INCIDENT_MANAGER, status=UserStatus.ACTIVE).order_by("id")
    outbox_enqueue(
        key=f"command-wanted:{incident.pk}:{incident.updated_at:%Y%m%d%H%M%S%f}",
        to=[manager.email for manager in managers],
        subject=f"[{incident.incident_number}] {incident.severity} needs an incident manager: {incident.title}",
        template="command_wanted",
        context={
            "message": f"{incident.incident_number} ({incident.severity}) was raised with nobody in command. "
            "The first incident manager to take command holds it and opens its bridge.",
            "incident": incident,
            "link": site_link(incident),
        },
    )


def bridge_invitations_send(event: ParticipantsAdded) -> None:
    """SOP 4.2 step 5: everyone added to a bridge is invited by email."""
    bridge = event.bridge
    for row in event.participants:
        communication_record(
            actor=event.actor,
            incident=bridge.incident,
            recipient=row.user,
            communication_type=CommunicationType.BRIDGE_INVITATION,
            recipient_type=RecipientType.EXECUTIVE if row.role_in_bridge == "executive" else RecipientType.INTERNAL,
            delivery_method=DeliveryMethod.EMAIL,
            message_content=f"You were added to bridge {bridge.bridge_number} as {row.get_role_in_bridge_display()}.",
        )


def problem_link_notice_send(event: ProblemIncidentLinked) -> None:
    """SOPs 6 and 8: the incident's active incident manager hears that it now has a problem ticket."""
    incident, problem = event.incident, event.problem
    manager = incident.assigned_to
    if manager is not None and manager.role == Role.INCIDENT_MANAGER and manager.status == "active":
        communication_record(
            actor=event.actor,
            incident=incident,
            recipient=manager,
            communication_type=CommunicationType.STATUS_UPDATE,
            recipient_type=RecipientType.INTERNAL,
            delivery_method=DeliveryMethod.EMAIL,
            message_content=f"{incident.incident_number} is now linked to problem ticket {problem.problem_number}: "
            f"{problem.title}.",
        )


def problem_resolution_notice_send(event: ProblemStatusChanged) -> None:
    """SOP 7 step 5: when a problem ticket is resolved or closed, the reporter of each incident linked to it hears,
    unless the reporter is the person who made the change (SOP 11: one communication per incident)."""
    problem, actor = event.problem, event.actor
    if problem.status not in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED):
        return
    linked = problem.incidents.select_related("reported_by").order_by("id")
    for incident in linked:
        reporter = incident.reported_by
        if reporter.pk == actor.user_id or reporter.status != "active":
            continue
        client = reporter.role == Role.CLIENT_CONTACT
        communication_record(
            actor=actor,
            incident=incident,
            recipient=reporter,
            communication_type=CommunicationType.RESOLUTION_NOTICE,
            recipient_type=RecipientType.CLIENT if client else RecipientType.INTERNAL,
            delivery_method=DeliveryMethod.EMAIL,
            message_content=(
                f"The problem behind {incident.incident_number} ({incident.title}) is now {problem.status}: "
                f"{problem.problem_number}, {problem.title}."
            ),
        )


def sla_alert_send(event: SLAAlerts) -> None:
    """The SLA scan's breaches or warnings, each emailed once to the assignee and the incident manager (the
    incident's, or the host of its active bridge); on-call is paged through the client's escalation policy, or
    (without one) emailed at the client's fixed addresses. A batch costs a few statements, not a few per alert."""
    paged = sla_hooks.sla_alert_paged(event) if sla_hooks.sla_alert_paged.handlers else set()
    hosts: dict[int, list[User]] = {}
    incident_ids = {alert.sla.incident_id for alert in event.alerts}
    active = Bridge.objects.filter(incident_id__in=incident_ids, status=BridgeStatus.ACTIVE)
    for bridge in active.select_related("bridge_host"):
        hosts.setdefault(bridge.incident_id, []).append(bridge.bridge_host)
    emails = []
    for position, alert in enumerate(event.alerts):
        sla, incident = alert.sla, alert.sla.incident
        label = "breached" if alert.stage == BreachStage.BREACH else "at risk"
        emails.append(Email(
            key=f"sla:{alert.stage}:{alert.kind}:{incident.pk}:{sla.client_id}",
            to=_sla_alert_recipients(sla, hosts.get(incident.pk, []), paged=position in paged),
            subject=f"[{incident.incident_number}] {alert.kind.capitalize()} SLA {label} for {sla.client.client_name}",
            template="sla_alert",
            context={"sla": sla.pk, "stage": alert.stage, "kind": alert.kind, "due": alert.due.isoformat(),
                     "share": round(alert.warn_share * 100)},
            later=True,
        ))  # fmt: skip
    outbox_enqueue_many(emails)


def _sla_alert_context(held: dict[str, Any]) -> dict[str, Any]:
    """An SLA alert email's context, read back by the worker that sends it."""
    sla = IncidentSLA.objects.select_related("incident", "client").get(pk=held["sla"])
    due = dt.datetime.fromisoformat(held["due"])
    return {**held, "sla": sla, "incident": sla.incident, "client": sla.client, "due": due,
            "link": site_link(sla.incident)}  # fmt: skip


email_context_register("sla_alert", _sla_alert_context)


def _sla_alert_recipients(sla: IncidentSLA, bridge_hosts: list[User], *, paged: bool) -> list[str]:
    """The assignee and the incident manager; the client's fixed on-call addresses unless a policy paged."""
    people = [sla.incident.assigned_to]
    managers = [p for p in [*people, *bridge_hosts] if p is not None and p.role == Role.INCIDENT_MANAGER]
    emails = [p.email for p in people if p is not None] + [m.email for m in managers]
    return emails if paged else emails + sla.client.on_call_emails.splitlines()
