"""SOP 12 (change requests) and SOP 13 (rollback requests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from approvals.choices import ReferenceType
from approvals.hooks import ApprovalDecision
from approvals.services import approval_request_create
from changes import hooks
from changes.choices import ChangeStatus, ChangeType, RollbackStatus
from changes.models import ChangeRequest, RollbackRequest
from changes.services.approvals import (
    approver_check,
    change_deciders,
    emergency_approver,
    may_approve,
    rollback_deciders,
)
from changes.transitions import CHANGE_AWAITING_APPROVAL, CHANGE_TRANSITIONS, ROLLBACK_TRANSITIONS
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, InvalidInput, RuleViolation
from core.lifecycle import check_move, next_statuses
from core.lookups import record_resolve
from core.models import AuditAction
from core.numbering import number_in_insert
from core.permissions import can, require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
from incidents.models import Incident
from problems.models import Problem

CHANGE_FIELDS = ("title", "description", "change_type", "risk_level")
NEEDS_APPROVAL = frozenset({ChangeType.NORMAL, ChangeType.EMERGENCY})


def _resolve(model: type[Incident] | type[Problem], value: Any, *, field: str) -> Any:
    return record_resolve(model, value, field=field, code=f"{field}_not_found", noun=field)


@transaction.atomic
def change_create(
    *,
    actor: Actor,
    incident: Incident | int | None = None,
    problem: Problem | int | None = None,
    approver: User | int | None = None,
    **data: Any,
) -> ChangeRequest:
    """SOP 12: a change, optionally incident- or problem-related; an emergency one asks an executive at once."""
    require(actor, "changes.request")
    cleaned = clean_fields(ChangeRequest, data, allowed=CHANGE_FIELDS, required=("title", "change_type", "risk_level"))
    related_incident = _resolve(Incident, incident, field="incident") if incident is not None else None
    related_problem = _resolve(Problem, problem, field="problem") if problem is not None else None
    executive = emergency_approver(approver) if cleaned["change_type"] == ChangeType.EMERGENCY else None
    change = ChangeRequest.objects.create(
        change_number=number_in_insert("CHG"),
        incident=related_incident,
        problem=related_problem,
        requested_by_id=_requester(actor),
        status=ChangeStatus.REQUESTED,
        **cleaned,
    )
    audit_log_created(
        actor=actor, record=change, fields=["change_number", *cleaned, "incident_id", "problem_id", "status"]
    )
    if executive is not None:
        approval_request_create(
            actor=actor,
            reference_type=ReferenceType.CHANGE,
            reference_id=change.pk,
            approver=executive,
            permission="changes.request",
        )
    return change


def _requester(actor: Actor) -> int:
    if actor.user_id is None:
        raise RuleViolation("A change or rollback is requested by a person.", code="requester_required")
    return actor.user_id


def _set_status(actor: Actor, change: ChangeRequest, status: str, **extra: Any) -> ChangeRequest:
    changes: dict[str, tuple[Any, Any]] = {"status": (change.status, status)}
    for name, value in extra.items():
        changes[name] = (getattr(change, name), value.pk if hasattr(value, "pk") else value)
        setattr(change, name, value)
    change.status = status
    change.updated_at = timezone.now()
    change.save()
    audit_log(actor=actor, record=change, action=AuditAction.UPDATE, changes=changes)
    return change


def change_apply_decision(decision: ApprovalDecision) -> None:
    """An approval request's decision reaches the change (SOP 19), never moving it backwards: a requested change
    becomes approved; a scheduled one stays scheduled with its approver recorded; a denial denies it."""
    actor, change, approver = decision.actor, decision.record, decision.approval.approver
    if change.status not in CHANGE_AWAITING_APPROVAL:
        raise Conflict(
            f"{change.change_number} is {change.status}; it no longer awaits a decision.", code="change_decided"
        )
    if not decision.approved:
        _set_status(actor, change, ChangeStatus.DENIED)
    elif change.status == ChangeStatus.REQUESTED:
        _set_status(actor, change, ChangeStatus.APPROVED, approved_by=approver)
    else:
        changes = {"approved_by": (change.approved_by_id, approver.pk)}
        change.approved_by, change.updated_at = approver, timezone.now()
        change.save(update_fields=["approved_by", "updated_at"])
        audit_log(actor=actor, record=change, action=AuditAction.UPDATE, changes=changes)
    hooks.change_decided.fire(hooks.ChangeDecided(actor=actor, change=change, approved=decision.approved))


def _approval_required(change: ChangeRequest, status: str) -> None:
    """A normal or emergency change is neither scheduled nor implemented before its approval."""
    if change.change_type in NEEDS_APPROVAL and change.approved_by_id is None:
        step = "scheduled" if status == ChangeStatus.SCHEDULED else "implemented"
        raise RuleViolation(
            f"{change.change_number} has not been approved; a {change.change_type} change is {step} only after its "
            "approval.",
            code="approval_required",
        )


@transaction.atomic
def change_transition(
    *, actor: Actor, change: ChangeRequest, status: str, implementation_date: dt.datetime | None = None
) -> ChangeRequest:
    """Move a change along its lifecycle. Approving a standard or normal change records the approver, who may not
    be its requester; an emergency change is approved only through its executive's approval request; scheduling
    needs a date and, like implementing, the required approval."""
    require(actor, "changes.manage")
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    check_move(CHANGE_TRANSITIONS, current=change.status, target=status, label=change.change_number)
    if status == ChangeStatus.APPROVED:
        if change.change_type == ChangeType.EMERGENCY:
            raise RuleViolation(
                "An emergency change is approved by its executive through the approval request.",
                code="executive_approval_required",
            )
        approver_check(actor, change_deciders(change), change.requested_by_id, "change")
        return _set_status(actor, change, status, approved_by=actor.user)
    if status in (ChangeStatus.SCHEDULED, ChangeStatus.IMPLEMENTED):
        _approval_required(change, status)
    if status == ChangeStatus.SCHEDULED:
        if implementation_date is None:
            raise InvalidInput(
                "Give the planned implementation date.",
                code="implementation_date_required",
                fields={"implementation_date": "Required to schedule a change."},
            )
        return _set_status(actor, change, status, implementation_date=implementation_date)
    if status == ChangeStatus.IMPLEMENTED:
        return _set_status(actor, change, status, implementation_date=change.implementation_date or timezone.now())
    return _set_status(actor, change, status)


@transaction.atomic
def rollback_create(
    *,
    actor: Actor,
    change: ChangeRequest,
    rollback_reason: str,
    title: str = "",
    incident: Incident | int | None = None,
    new_incident: Mapping[str, Any] | None = None,
) -> RollbackRequest:
    """SOP 13: roll back an implemented change; the incident it caused is linked, or opened through SOP 2."""
    require(actor, "rollbacks.request")
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.IMPLEMENTED:
        raise Conflict(
            f"{change.change_number} is {change.status}; only an implemented change is rolled back.",
            code="change_not_implemented",
        )
    if incident is not None and new_incident is not None:
        raise InvalidInput(fields={"incident": "Link an existing incident or open a new one, not both."})
    caused = _resolve(Incident, incident, field="incident") if incident is not None else None
    if new_incident is not None:
        from incidents.services import incident_create

        caused = incident_create(actor=actor, **dict(new_incident))
    cleaned = clean_fields(
        RollbackRequest,
        {"rollback_reason": rollback_reason, "title": title or f"Rollback: {change.title}"[:200]},
        allowed=("rollback_reason", "title"),
        required=("rollback_reason", "title"),
    )
    rollback = RollbackRequest.objects.create(
        rollback_number=number_in_insert("RBK"),
        change=change,
        incident=caused,
        requested_by_id=_requester(actor),
        status=RollbackStatus.REQUESTED,
        **cleaned,
    )
    audit_log_created(actor=actor, record=rollback, fields=["rollback_number", "change_id", "incident_id", "status"])
    return rollback


def _rollback_status_apply(*, actor: Actor, rollback: RollbackRequest, status: str) -> RollbackRequest:
    check_move(ROLLBACK_TRANSITIONS, current=rollback.status, target=status, label=rollback.rollback_number)
    changes: dict[str, tuple[Any, Any]] = {"status": (rollback.status, status)}
    if status in (RollbackStatus.EXECUTED, RollbackStatus.FAILED):
        now = timezone.now()
        changes["executed_at"] = (rollback.executed_at, now)
        rollback.executed_at = now
    rollback.status = status
    rollback.save(update_fields=["status", "executed_at"])
    audit_log(actor=actor, record=rollback, action=AuditAction.UPDATE, changes=changes)
    return rollback


@transaction.atomic
def rollback_transition(*, actor: Actor, rollback: RollbackRequest, status: str) -> RollbackRequest:
    """Approve a requested rollback, then record it executed or failed (stamping when it ran)."""
    require(actor, "rollbacks.manage")
    rollback = RollbackRequest.objects.select_for_update().get(pk=rollback.pk)
    if status == RollbackStatus.APPROVED:
        approver_check(actor, rollback_deciders(rollback), rollback.requested_by_id, "rollback")
    return _rollback_status_apply(actor=actor, rollback=rollback, status=status)


def rollback_apply_decision(decision: ApprovalDecision) -> None:
    """An approval granted on a requested rollback approves it; a denial leaves it requested."""
    if decision.approved and decision.record.status == RollbackStatus.REQUESTED:
        _rollback_status_apply(actor=decision.actor, rollback=decision.record, status=RollbackStatus.APPROVED)


def change_request_allowed(*, actor: Actor, incident: Incident | None = None) -> bool:
    """Whether a change may be requested (for this incident) now: the actor may, and the incident is not closed."""
    return can(actor, "changes.request") and (incident is None or incident.status != IncidentStatus.CLOSED)


def change_next_statuses(*, actor: Actor, change: ChangeRequest) -> list[str]:
    """The moves this actor may make now: an emergency change is approved only through its executive's
    approval request, and nothing that still needs approval is implemented."""
    if not can(actor, "changes.manage"):
        return []
    moves = next_statuses(CHANGE_TRANSITIONS, change.status)
    if change.change_type == ChangeType.EMERGENCY:
        moves = [move for move in moves if move != ChangeStatus.APPROVED]
    if change.change_type in NEEDS_APPROVAL and change.approved_by_id is None:
        moves = [move for move in moves if move not in (ChangeStatus.SCHEDULED, ChangeStatus.IMPLEMENTED)]
    if not may_approve(actor, change_deciders(change), change.requested_by_id):
        moves = [move for move in moves if move != ChangeStatus.APPROVED]
    return moves


def change_actions(*, actor: Actor, change: ChangeRequest) -> frozenset[str]:
    """What the actor may do to the change now, by name, for its page to offer exactly these."""
    offered = {
        "request_approval": can(actor, "approvals.request") and change.status in CHANGE_AWAITING_APPROVAL,
        "request_rollback": can(actor, "rollbacks.request") and change.status == ChangeStatus.IMPLEMENTED,
    }
    return frozenset(name for name, allowed in offered.items() if allowed)


def rollback_next_statuses(*, actor: Actor, rollback: RollbackRequest) -> list[str]:
    """The moves this actor may make on a rollback now (approving: not by whoever asked for it)."""
    if not can(actor, "rollbacks.manage"):
        return []
    moves = next_statuses(ROLLBACK_TRANSITIONS, rollback.status)
    if not may_approve(actor, rollback_deciders(rollback), rollback.requested_by_id):
        moves = [move for move in moves if move != RollbackStatus.APPROVED]
    return moves
