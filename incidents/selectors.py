"""Reads of incidents and what hangs off them, scoped to the actor and free of N+1 queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import User
from core.actor import Actor
from core.audit import audit_events, audit_trail_for
from core.lookups import visible_get
from core.models import AuditRecord
from core.permissions import is_limited_to_client, register_scope, register_scope_widening, scope
from incidents.choices import AttachmentReference
from incidents.models import Attachment, Escalation, Incident, IncidentCI, WorkNote


def _visible_to_contact(user: User) -> Q:
    affects_client = IncidentCI.objects.filter(incident=OuterRef("pk"), ci__assignments__client_id=user.client_id or 0)
    return Q(reported_by=user) | Q(Exists(affects_client))


@register_scope(Incident)
def _incident_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    """A client contact sees the incidents they reported and those affecting their client's CIs."""
    return queryset.filter(_visible_to_contact(user))


@register_scope(IncidentCI)
def _ci_link_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    """On an incident shared by several clients, a contact sees only the links to their own client's items."""
    return queryset.filter(ci__assignments__client_id=user.client_id or 0)


@register_scope_widening(User)
def _people_on_contact_incidents(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    """Besides their client's contacts, a contact sees the staff who report and hold the incidents they see."""
    visible = Incident.objects.filter(_visible_to_contact(user))
    return queryset.filter(Q(pk__in=visible.values("assigned_to")) | Q(pk__in=visible.values("reported_by")))


@register_scope(WorkNote)
def _note_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.none()  # work notes are internal


@register_scope(Escalation)
def _escalation_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.none()


@register_scope(Attachment)
def _attachment_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    visible = Incident.objects.filter(_visible_to_contact(user)).values("pk")
    return queryset.filter(reference_type=AttachmentReference.INCIDENT, reference_id__in=visible)


def incident_list(*, actor: Actor | User) -> QuerySet[Incident]:
    """Incidents the actor may see, with reporter, assignee and problem loaded."""
    return scope(Incident.objects.select_related("reported_by", "assigned_to", "problem"), actor)


def incident_parts(*, actor: Actor | User) -> list[Prefetch[Any]]:
    """The CI links and SLA clocks an incident shows, each narrowed to what the actor may see (a contact sees only
    their own client's on an incident shared by several clients)."""
    clocks = Incident._meta.get_field("slas").related_model._default_manager.all()  # type: ignore[union-attr]
    return [
        Prefetch("ci_links", queryset=scope(IncidentCI.objects.all(), actor)),
        Prefetch("slas", queryset=scope(clocks.order_by("pk"), actor)),  # in the order they were started
    ]


def incident_get(*, actor: Actor | User, pk: int | str) -> Incident:
    return visible_get(incident_list(actor=actor), pk, noun="incident")


def reads_everything(actor: Actor | User) -> bool:
    """Staff read every part of an incident; a client contact reads only what concerns their client."""
    user = actor.user if isinstance(actor, Actor) else actor
    return user is None or not is_limited_to_client(user)


def incident_detail_reads(actor: Actor | User, incident_id: int, internal: bool) -> dict[str, QuerySet[Any]]:
    """The incident's own parts of its page, by its id: CI links, attachments and, for staff, notes, escalations
    and its trail (lazy: the page reads them together with what other apps hold about the incident)."""
    reads: dict[str, QuerySet[Any]] = {
        "ci_links": scope(IncidentCI.objects.filter(incident_id=incident_id), actor)
        .select_related("ci")
        .order_by("ci__ci_name"),
        "attachments": Attachment.objects.filter(
            reference_type=AttachmentReference.INCIDENT, reference_id=incident_id
        ).select_related("uploaded_by"),
    }
    if internal:
        reads["notes"] = WorkNote.objects.filter(incident_id=incident_id).select_related("created_by")
        reads["escalations"] = Escalation.objects.filter(incident_id=incident_id).select_related(
            "escalated_from", "escalated_to"
        )
        reads["timeline"] = audit_trail_for(record_type="incident", record_id=incident_id, with_children=True)
    return reads


def incident_detail_from(incident: Incident, rows: dict[str, list[Any]], *, internal: bool) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "incident": incident,
        "internal": internal,
        "ci_links": rows["ci_links"],
        "attachments": rows["attachments"],
    }
    if internal:
        detail.update(
            notes=rows["notes"],
            escalations=rows["escalations"],
            trail=rows["timeline"],
            timeline=audit_events(rows["timeline"]),
        )
    return detail


def incident_timeline(*, incident: Incident) -> QuerySet[AuditRecord]:
    """The incident's own changes and those of its bridges, notes, escalations and attachments, oldest first."""
    return audit_trail_for(record_type="incident", record_id=incident.pk, with_children=True)


def work_note_list(*, actor: Actor | User) -> QuerySet[WorkNote]:
    return scope(WorkNote.objects.select_related("created_by", "incident", "problem"), actor)


def escalation_list(*, actor: Actor | User) -> QuerySet[Escalation]:
    return scope(Escalation.objects.select_related("incident", "escalated_from", "escalated_to"), actor)


def attachment_list(*, actor: Actor | User) -> QuerySet[Attachment]:
    return scope(Attachment.objects.select_related("uploaded_by"), actor)
