"""SOP 3 (create an escalation) and SOP 16 (update its status)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from accounts.models import User
from approvals.services import self_approval_refuse
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, Duplicate, InvalidInput, InvalidTransition, NotPermitted
from core.models import AuditAction
from core.permissions import can, require
from core.validation import clean_fields
from incidents import hooks
from incidents.choices import EscalationStatus, IncidentStatus
from incidents.models import Escalation, Incident
from incidents.services.lifecycle import incident_lock
from incidents.services.notes import work_note_add
from incidents.transitions import ESCALATION_TRANSITIONS

ESCALATABLE = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS})


@transaction.atomic
def escalation_create(
    *, actor: Actor, incident: Incident, escalated_to: User | int | str, escalation_reason: str
) -> Escalation:
    """SOP 3: only an open or in-progress incident, only to an active user, once while pending (a database
    constraint settles concurrent requests: the others answer 409); the escalation starts pending."""
    require(actor, "incidents.escalate")
    incident = incident_lock(incident)
    if incident.status not in ESCALATABLE:
        raise Conflict(
            f"{incident.incident_number} is {incident.status}; only open or in-progress incidents are escalated.",
            code="incident_not_escalatable",
        )
    target = user_resolve(escalated_to, field="escalated_to", label="target")
    if target.pk == actor.user_id:
        raise NotPermitted(
            "You cannot escalate to yourself: the person you escalate to decides the escalation.",
            code="self_approval",
            fields={"escalated_to": "Choose someone else."},
        )
    reason = clean_fields(
        Escalation,
        {"escalation_reason": escalation_reason},
        allowed=("escalation_reason",),
        required=("escalation_reason",),
    )["escalation_reason"]
    pending = Escalation.objects.filter(incident=incident, escalated_to=target, status=EscalationStatus.PENDING)
    duplicate = Duplicate(
        f"An escalation of {incident.incident_number} to {target.full_name} is already pending.",
        code="escalation_pending",
    )
    if pending.exists():
        raise duplicate
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                incident=incident,
                escalated_from_id=actor.user_id,
                escalated_to=target,
                escalation_reason=reason,
                status=EscalationStatus.PENDING,
            )
    except IntegrityError:
        raise duplicate from None
    audit_log_created(
        actor=actor, record=escalation, fields=["escalated_to_id", "escalation_reason", "status"], parent=incident
    )
    hooks.escalation_created.fire(hooks.EscalationEvent(actor=actor, escalation=escalation))
    return escalation


def _escalation_status_apply(*, actor: Actor, escalation: Escalation, status: str) -> Escalation:
    """Record the decision on a pending escalation and note it on the incident (SOP 16 steps 3-4)."""
    if status not in ESCALATION_TRANSITIONS[escalation.status]:
        raise InvalidTransition(f"This escalation is already {escalation.status}.", code="escalation_already_decided")
    now = timezone.now()
    changes = {"status": (escalation.status, status), "responded_at": (None, now)}
    escalation.status, escalation.responded_at = status, now
    escalation.save(update_fields=["status", "responded_at"])
    audit_log(actor=actor, record=escalation, action=AuditAction.UPDATE, changes=changes, parent=escalation.incident)
    who = actor.user.full_name if actor.user else "the system"
    work_note_add(
        actor=actor,
        incident=escalation.incident,
        text=f"Escalation to {escalation.escalated_to.full_name} {status} by {who}.",
    )
    return escalation


@transaction.atomic
def escalation_set_status(
    *, actor: Actor, escalation: Escalation, status: str, permission: str | None = None
) -> Escalation:
    """SOP 16: decide a pending escalation (approve, deny) or withdraw it (cancel); note it on the incident.

    `permission` names what authorises a decision that another SOP makes (an approval decided on it).
    """
    escalation = Escalation.objects.select_for_update().select_related("incident", "escalated_to").get(pk=escalation.pk)
    own_withdrawal = status == EscalationStatus.CANCELLED and escalation.escalated_from_id == actor.user_id
    if permission is not None:
        require(actor, permission)
    elif not (own_withdrawal and can(actor, "incidents.escalate")):
        require(actor, "escalations.respond")
    if status not in EscalationStatus.values or status == EscalationStatus.PENDING:
        raise InvalidInput(fields={"status": "Choose approved, denied or cancelled."})
    if status != EscalationStatus.CANCELLED:
        self_approval_refuse(actor.user_id, [escalation.escalated_from_id], "escalation")
    return _escalation_status_apply(actor=actor, escalation=escalation, status=status)
