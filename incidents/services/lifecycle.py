"""SOP 2.2 and the lifecycle: one function moves an incident's status, and stamps what each move means."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.actor import Actor
from core.audit import audit_log
from core.errors import Conflict, DomainError, InvalidInput
from core.lifecycle import check_move
from core.models import AuditAction
from core.permissions import can, require
from incidents import hooks
from incidents.choices import IncidentStatus, ResolutionCode
from incidents.models import Incident
from incidents.transitions import REOPENING, TRANSITIONS, allowed_next


def incident_lock(incident: Incident | int) -> Incident:
    pk = incident.pk if isinstance(incident, Incident) else incident
    return Incident.objects.select_for_update().get(pk=pk)


def incident_writable_require(incident: Incident) -> None:
    """A closed incident is a record: nothing is added to it or changed on it any more."""
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(f"{incident.incident_number} is closed; it is kept as it is.", code="incident_closed")


def _transition_check(*, actor: Actor, incident: Incident, status: str) -> None:
    check_move(TRANSITIONS, current=incident.status, target=status, label=incident.incident_number)
    if status == IncidentStatus.CLOSED:
        hooks.incident_closing.fire(hooks.IncidentEvent(actor=actor, incident=incident))


def resolution_clean(code: str | None, notes: str | None) -> dict[str, str]:
    """A move to resolved says how (one of the resolution codes) and what was done."""
    code, notes = (code or "").strip(), (notes or "").strip()
    errors: dict[str, str] = {}
    if code not in ResolutionCode.values:
        errors["resolution_code"] = "Choose how it was resolved." if not code else f"{code!r} is not a resolution code."
    if not notes:
        errors["resolution_notes"] = "Say what was done."
    if errors:
        raise InvalidInput("Resolving needs a resolution code and notes.", code="resolution_required", fields=errors)
    return {"resolution_code": code, "resolution_notes": notes}


def _transition_apply(
    *, actor: Actor, incident: Incident, status: str, resolution: dict[str, str] | None = None
) -> Incident:
    """Move a locked incident to `status` (already checked against the lifecycle) and stamp the times.

    Leaving `open` acknowledges, `resolved` stamps the resolution, a reopen clears it, `closed` stamps the
    closure; the apps above react in the same transaction (SLA clocks, the closure's draft report).
    """
    now = timezone.now()
    old_status = incident.status
    changes: dict[str, tuple[object, object]] = {"status": (old_status, status)}
    if incident.acknowledged_at is None and status != IncidentStatus.OPEN:
        changes["acknowledged_at"] = (None, now)
        incident.acknowledged_at = now
    if status == IncidentStatus.RESOLVED:
        changes["resolved_at"] = (incident.resolved_at, now)
        incident.resolved_at = now
        for name, value in (resolution or {}).items():
            changes[name] = (getattr(incident, name), value)
            setattr(incident, name, value)
    if (old_status, status) in REOPENING and incident.resolved_at is not None:
        changes["resolved_at"] = (incident.resolved_at, None)
        changes["resolution_code"] = (incident.resolution_code, "")
        incident.resolved_at, incident.resolution_code = None, ""
    if status == IncidentStatus.CLOSED:
        changes["closed_at"] = (None, now)
        incident.closed_at = now
    incident.status = status
    incident.updated_at = now
    incident.save(update_fields=[*changes, "updated_at"])
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes=changes)
    hooks.incident_changed.fire(
        hooks.IncidentEvent(actor=actor, incident=incident, changed=frozenset(changes), old={"status": old_status})
    )
    return incident


@transaction.atomic
def incident_transition(
    *,
    actor: Actor,
    incident: Incident,
    status: str,
    permission: str = "incidents.transition",
    resolution_code: str | None = None,
    resolution_notes: str | None = None,
) -> Incident:
    """The one entry point for status changes: lock, check the move against the lifecycle, apply it.

    `permission` is what authorises the move: a person moving it by hand needs `incidents.transition`; a move
    that another SOP causes names that SOP's permission (opening a bridge acknowledges, an approved closure
    closes). Resolving takes a resolution code and notes.
    """
    require(actor, permission)
    incident = incident_lock(incident)
    _transition_check(actor=actor, incident=incident, status=status)
    resolution = resolution_clean(resolution_code, resolution_notes) if status == IncidentStatus.RESOLVED else None
    return _transition_apply(actor=actor, incident=incident, status=status, resolution=resolution)


def incident_next_statuses(*, actor: Actor, incident: Incident) -> list[str]:
    """The statuses this actor may move the incident to now, in lifecycle order (closing only when no
    closing check refuses it)."""
    if not can(actor, "incidents.transition"):
        return []
    order = list(IncidentStatus.values)
    allowed = sorted(allowed_next(incident.status), key=order.index)
    return [
        status
        for status in allowed
        if status != IncidentStatus.CLOSED or not incident_closing_refusal(actor=actor, incident=incident)
    ]


def incident_closing_refusal(*, actor: Actor, incident: Incident) -> str | None:
    """Why a resolved incident may not close yet (a gate still open), or None when nothing refuses it."""
    if IncidentStatus.CLOSED not in allowed_next(incident.status):
        return None
    try:
        with transaction.atomic():
            hooks.incident_closing.fire(hooks.IncidentEvent(actor=actor, incident=incident))
    except DomainError as refusal:
        return refusal.message
    return None


def incident_actions(*, actor: Actor, incident: Incident) -> frozenset[str]:
    """What the actor may do to the incident now, by name, for pages to offer exactly these."""
    working = incident.status in (IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS)
    if incident.status == IncidentStatus.CLOSED:
        return frozenset()
    offered = {
        "edit": can(actor, "incidents.update") and incident.status != IncidentStatus.CLOSED,
        "escalate": can(actor, "incidents.escalate") and working,
        "note": can(actor, "incidents.note"),
        "attach": can(actor, "incidents.attach"),
        "link_ci": can(actor, "incidents.link_ci"),
        "request_closure_approval": can(actor, "approvals.request") and incident.status == IncidentStatus.RESOLVED,
        "respond_escalations": can(actor, "escalations.respond"),
        "withdraw_own_escalation": can(actor, "incidents.escalate"),
        "edit_any_note": can(actor, "notes.edit_any"),
    }
    return frozenset(name for name, allowed in offered.items() if allowed)
