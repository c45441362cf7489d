"""Reads for pages that show several apps at once, each part asked of the app that owns it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from accounts.models import Client
from approvals.selectors import approvals_for
from bridges.models import Bridge, BridgeParticipant
from changes.models import ChangeRequest
from changes.selectors import change_list
from cmdb.models import ConfigurationItem
from communications.cadence import incident_cadence
from communications.models import Communication, StatusUpdate
from communications.selectors import outbox_counts
from core.actor import Actor
from core.errors import NotFound
from core.lookups import record_id
from core.permissions import can, scope
from core.selectors import system_status
from core.together import attach, fetch_about
from incidents import selectors as incident_selectors
from incidents.models import Incident
from incidents.transitions import ACTIVE_STATUSES
from integrations.selectors import alerts_of
from problems import selectors as problem_selectors
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis
from reports.selectors import rca_list
from response.models import PhaseRecord
from response.selectors import cycle_for
from sla.models import IncidentSLA, SLAAgreement
from workspace.timeline import holders_read


def home_summary(*, actor: Actor) -> dict[str, Any]:
    """Counts the signed-in user may see: incidents, configuration items by state, clients, agreements."""
    summary: dict[str, Any] = {}
    if can(actor, "incidents.view"):
        # Only the active incidents are read (by the status index): the closed ones, nearly all of a long
        # history, count for nothing here.
        active = scope(Incident.objects.filter(status__in=sorted(ACTIVE_STATUSES)), actor)
        summary["incidents"] = active.aggregate(
            major=Count("id", filter=Q(severity__in=["P1", "P2"])),
            active=Count("id"),
            unacknowledged=Count("id", filter=Q(status="open")),
            mine=Count("id", filter=Q(assigned_to_id=actor.user_id)),
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


def incident_page(*, actor: Actor, pk: int | str, pickers: dict[str, QuerySet[Any]] | None = None) -> dict[str, Any]:
    """Everything the incident page shows, read in one round trip whatever the incident holds.

    Each app names its reads by the incident's id; they travel together, and for readers who see everything (whose
    reads are the same for every incident) the joined statement is compiled once per process. `pickers`: the
    choices of the page's forms, read along (each the same for every reader who sees everything)."""
    incident_id = record_id(pk, noun="incident")
    internal = incident_selectors.reads_everything(actor)
    alerts = internal and can(actor, "integrations.view")
    pickers = pickers or {}
    shape = ("incident_page", alerts, *sorted(pickers)) if internal else None

    def reads(incident_id: int) -> dict[str, QuerySet[Any]]:
        return _page_reads(actor, incident_id, internal=internal, alerts=alerts) | pickers

    rows = fetch_about(incident_id, reads, shape=shape)
    if not rows["incident"]:
        raise NotFound(f"Incident {pk} does not exist.")
    incident: Incident = rows["incident"][0]
    detail = incident_selectors.incident_detail_from(incident, rows, internal=internal)
    attach(rows["bridges"], rows["participants"], to="participants", by="bridge_id")
    detail.update(bridges=rows["bridges"], slas=rows["slas"])
    if internal:
        detail.update(
            {name: rows[name] for name in ("reports", "rcas", "reviews", "changes", "closure_approvals")},
            communications=rows["communications"],
            cadence=incident_cadence(incident, rows["communications"]),
            status_updates=rows["status_updates"],
            cycle=cycle_for(incident, rows["phase_records"], rows["rcas"]),
            holders=rows["holders"],
        )
    if alerts:
        detail["alerts"] = rows["alerts"]
    detail["picked"] = {name: rows[name] for name in pickers}
    return detail


def _page_reads(actor: Actor, incident_id: int, *, internal: bool, alerts: bool) -> dict[str, QuerySet[Any]]:
    """The incident page's reads, by the incident's id, each from the app that owns the records."""
    reads: dict[str, QuerySet[Any]] = {
        "incident": incident_selectors.incident_list(actor=actor).filter(pk=incident_id),
        **incident_selectors.incident_detail_reads(actor, incident_id, internal),
        "bridges": scope(Bridge.objects.filter(incident_id=incident_id), actor).select_related("bridge_host"),
        "participants": BridgeParticipant.objects.filter(bridge__incident_id=incident_id)
        .select_related("user")
        .order_by("joined_at", "id"),
        "slas": scope(IncidentSLA.objects.filter(incident_id=incident_id), actor)
        .select_related("client")
        .order_by("client__client_name"),
    }
    if internal:
        reads.update(
            reports=IncidentReport.objects.filter(incident_id=incident_id).order_by("-id"),
            rcas=RootCauseAnalysis.objects.filter(incident_id=incident_id).select_related("assigned_to"),
            reviews=PostIncidentReview.objects.filter(incident_id=incident_id).select_related("facilitator"),
            changes=ChangeRequest.objects.filter(incident_id=incident_id),
            closure_approvals=approvals_for(reference_type="incident_closure", reference_id=incident_id),
            communications=Communication.objects.filter(incident_id=incident_id)
            .select_related("sender", "recipient")
            .order_by("-created_at"),
            status_updates=StatusUpdate.objects.filter(incident_id=incident_id).order_by("posted_at"),
            phase_records=PhaseRecord.objects.filter(incident_id=incident_id),
            holders=holders_read(incident_id),
        )
    if alerts:
        reads["alerts"] = alerts_of(incident_id)[:50]
    return reads


def problem_page(*, actor: Actor, pk: int | str) -> dict[str, Any]:
    """The problem page: its incidents, CIs and notes, and the changes and RCAs that work on it."""
    detail = problem_selectors.problem_detail(actor=actor, pk=pk)
    problem = detail["problem"]
    detail["changes"] = list(change_list(actor=actor).filter(problem=problem))
    detail["rcas"] = list(rca_list(actor=actor).filter(problem=problem))
    return detail
