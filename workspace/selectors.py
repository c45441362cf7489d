"""Reads for pages that show several apps at once, each part asked of the app that owns it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q

from accounts.models import Client
from approvals.selectors import approvals_for
from bridges.models import Bridge, BridgeParticipant
from changes.selectors import change_list
from cmdb.models import ConfigurationItem
from communications.cadence import incident_cadence
from communications.selectors import outbox_counts
from core.actor import Actor
from core.permissions import can, scope
from core.selectors import system_status
from incidents import selectors as incident_selectors
from incidents.models import Incident
from incidents.transitions import ACTIVE_STATUSES
from problems import selectors as problem_selectors
from reports.selectors import rca_list
from response.selectors import cycle_for
from sla.models import SLAAgreement


def home_summary(*, actor: Actor) -> dict[str, Any]:
    """Counts the signed-in user may see: incidents, configuration items by state, clients, agreements."""
    summary: dict[str, Any] = {}
    if can(actor, "incidents.view"):
        active = Q(status__in=sorted(ACTIVE_STATUSES))
        summary["incidents"] = scope(Incident.objects.all(), actor).aggregate(
            major=Count("id", filter=active & Q(severity__in=["P1", "P2"])),
            active=Count("id", filter=active),
            unacknowledged=Count("id", filter=Q(status="open")),
            mine=Count("id", filter=active & Q(assigned_to_id=actor.user_id)),
        )
    if can(actor, "cmdb.view"):
        summary["cis"] = scope(ConfigurationItem.objects.all(), actor).aggregate(
            total=Count("id"),
            down=Count("id", filter=Q(operational_status="down")),
            degraded=Count("id", filter=Q(operational_status="degraded")),
        )
    if can(actor, "clients.view"):
        summary["clients"] = scope(Client.objects.all(), actor).aggregate(
            total=Count("id"), active=Count("id", filter=Q(status="active"))
        )
    if can(actor, "sla.view"):
        summary["agreements"] = scope(SLAAgreement.objects.all(), actor).aggregate(
            active=Count("id", filter=Q(status="active"))
        )
    return summary


def system_overview() -> dict[str, Any]:
    """What an administrator checks first when something seems stuck: the kernel's state and the outbox."""
    return {**system_status(), **outbox_counts()}


def incident_page(*, actor: Actor, pk: int | str) -> dict[str, Any]:
    """Everything the incident page shows, in a fixed number of queries whatever the incident holds."""
    detail = incident_selectors.incident_detail(actor=actor, pk=pk)
    incident: Incident = detail["incident"]
    participants = BridgeParticipant.objects.select_related("user").order_by("joined_at", "id")
    detail["bridges"] = list(
        scope(Bridge.objects.filter(incident=incident), actor)
        .select_related("bridge_host")
        .prefetch_related(Prefetch("participants", queryset=participants))
    )
    detail["slas"] = list(scope(incident.slas.all(), actor).select_related("client").order_by("client__client_name"))
    if detail["internal"]:
        detail.update(_learning(incident))
    return detail


def _learning(incident: Incident) -> dict[str, Any]:
    """What the incident taught: its reports, RCAs, reviews, changes and closure approvals."""
    return {
        "reports": list(incident.reports.order_by("-id")),
        "rcas": list(incident.rcas.select_related("assigned_to")),
        "reviews": list(incident.reviews.select_related("facilitator")),
        "changes": list(incident.changes.all()),
        "closure_approvals": list(approvals_for(reference_type="incident_closure", reference_id=incident.pk)),
        "communications": list(incident.communications.select_related("sender", "recipient").order_by("-created_at")),
        "cadence": incident_cadence(incident),
        "status_updates": list(incident.status_updates.order_by("posted_at")),
        "cycle": cycle_for(incident),
    }


def problem_page(*, actor: Actor, pk: int | str) -> dict[str, Any]:
    """The problem page: its incidents, CIs and notes, and the changes and RCAs that work on it."""
    detail = problem_selectors.problem_detail(actor=actor, pk=pk)
    problem = detail["problem"]
    detail["changes"] = list(change_list(actor=actor).filter(problem=problem))
    detail["rcas"] = list(rca_list(actor=actor).filter(problem=problem))
    return detail
