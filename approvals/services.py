"""SOP 20 (request an approval) and SOP 19 (approve or deny); an approval's effect reaches its record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from accounts.models import User
from approvals.choices import ACTION_FOR, ApprovalStatus, ReferenceType
from approvals.models import ApprovalRequest
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, Duplicate, InvalidInput, InvalidTransition, NotPermitted, RuleViolation
from core.models import AuditAction
from core.permissions import require


def _models() -> dict[str, type[models.Model]]:
    from bridges.models import Bridge
    from changes.models import ChangeRequest, RollbackRequest
    from incidents.models import Escalation, Incident
    from reports.models import RootCauseAnalysis

    return {
        ReferenceType.ESCALATION: Escalation,
        ReferenceType.BRIDGE: Bridge,
        ReferenceType.CHANGE: ChangeRequest,
        ReferenceType.ROLLBACK: RollbackRequest,
        ReferenceType.INCIDENT_CLOSURE: Incident,
        ReferenceType.RCA: RootCauseAnalysis,
    }


AWAITING: dict[str, frozenset[str]] = {
    ReferenceType.ESCALATION: frozenset({"pending"}),
    ReferenceType.BRIDGE: frozenset({"active"}),
    ReferenceType.CHANGE: frozenset({"requested", "scheduled"}),
    ReferenceType.ROLLBACK: frozenset({"requested"}),
    ReferenceType.INCIDENT_CLOSURE: frozenset({"resolved"}),
    ReferenceType.RCA: frozenset({"in_progress", "completed"}),
}
"""SOP 20 step 4: the statuses in which each kind of record may ask for an approval."""


def approval_target(reference_type: str, reference_id: int, *, lock: bool = False) -> Any:
    model = _models()[reference_type]
    manager = model._default_manager.select_for_update() if lock else model._default_manager
    try:
        return manager.get(pk=reference_id)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise RuleViolation(
            f"No {reference_type.replace('_', ' ')} record {reference_id}.",
            code="reference_not_found",
            fields={"reference_id": "No such record."},
        ) from None


def request_approval(*, actor: Actor, reference_type: str, reference_id: int, approver: User | int) -> ApprovalRequest:
    """SOP 20 steps 2-6 inside the caller's transaction (an emergency change asks for one this way)."""
    if reference_type not in AWAITING:
        raise InvalidInput(fields={"reference_type": f"Unknown reference type {reference_type!r}."})
    target = approval_target(reference_type, reference_id, lock=True)
    if target.status not in AWAITING[reference_type]:
        allowed = " or ".join(sorted(AWAITING[reference_type]))
        kind = reference_type.replace("_", " ")
        raise Conflict(
            f"This {kind} is {target.status}; an approval can be requested when it is {allowed}.",
            code="record_not_awaiting_approval",
        )
    person = user_resolve(approver, field="approver", label="approver")
    action = ACTION_FOR[reference_type]
    pending = ApprovalRequest.objects.filter(
        reference_type=reference_type, reference_id=reference_id, requested_action=action, approver=person,
        status=ApprovalStatus.PENDING,
    )  # fmt: skip
    if pending.exists():
        raise Duplicate(f"{person.full_name} already has this approval pending.", code="approval_pending")
    try:
        with transaction.atomic():
            approval = ApprovalRequest.objects.create(
                reference_type=reference_type,
                reference_id=reference_id,
                requested_action=action,
                requested_by_id=actor.user_id,
                approver=person,
            )
    except IntegrityError:
        raise Duplicate(f"{person.full_name} already has this approval pending.", code="approval_pending") from None
    audit_log_created(actor=actor, record=approval, fields=["reference_type", "reference_id", "approver_id"])
    return approval


@transaction.atomic
def approval_request_create(
    *, actor: Actor, reference_type: str, reference_id: int, approver: User | int
) -> ApprovalRequest:
    """SOP 20: ask an active approver to decide; one pending request per action, record and approver."""
    require(actor, "approvals.request")
    return request_approval(actor=actor, reference_type=reference_type, reference_id=reference_id, approver=approver)


def _effect_change(actor: Actor, approval: ApprovalRequest, target: Any, approved: bool) -> None:
    from changes.services import apply_change_decision

    apply_change_decision(actor=actor, change=target, approver=approval.approver, approved=approved)


def _effect_incident_closure(actor: Actor, approval: ApprovalRequest, target: Any, approved: bool) -> None:
    from incidents.services.lifecycle import apply_transition, check_transition

    if approved:
        check_transition(target, "closed")
        apply_transition(actor=actor, incident=target, status="closed")


def _effect_rollback(actor: Actor, approval: ApprovalRequest, target: Any, approved: bool) -> None:
    from changes.services import apply_rollback_status

    if approved and target.status == "requested":
        apply_rollback_status(actor=actor, rollback=target, status="approved")


def _effect_escalation(actor: Actor, approval: ApprovalRequest, target: Any, approved: bool) -> None:
    from incidents.services.escalations import apply_escalation_status

    if target.status == "pending":
        apply_escalation_status(actor=actor, escalation=target, status="approved" if approved else "denied")


def _effect_rca(actor: Actor, approval: ApprovalRequest, target: Any, approved: bool) -> None:
    from reports.services.rcas import apply_rca_approval

    if approved:
        apply_rca_approval(actor=actor, rca=target, approver=approval.approver)


EFFECTS: dict[str, Callable[[Actor, ApprovalRequest, Any, bool], None]] = {
    ReferenceType.CHANGE: _effect_change,
    ReferenceType.INCIDENT_CLOSURE: _effect_incident_closure,
    ReferenceType.ROLLBACK: _effect_rollback,
    ReferenceType.ESCALATION: _effect_escalation,
    ReferenceType.RCA: _effect_rca,
}
"""What a decision does to its record. A bridge approval only records the decision."""


@transaction.atomic
def approval_decide(*, actor: Actor, approval: ApprovalRequest, decision: str) -> ApprovalRequest:
    """SOP 19: the named approver approves or denies a pending request once; the effect lands in the same
    transaction, so a refused effect (an incident no longer resolved) leaves the request pending."""
    require(actor, "approvals.decide")
    approval = ApprovalRequest.objects.select_for_update().select_related("approver").get(pk=approval.pk)
    if actor.user_id != approval.approver_id and not actor.is_system:
        raise NotPermitted(f"Only {approval.approver.full_name} may decide this request.", code="not_the_approver")
    if decision not in (ApprovalStatus.APPROVED, ApprovalStatus.DENIED):
        raise InvalidInput(fields={"decision": "Choose approved or denied."})
    if approval.status != ApprovalStatus.PENDING:
        raise InvalidTransition(f"This request is already {approval.status}.", code="approval_already_decided")
    now = timezone.now()
    changes = {"status": (approval.status, decision), "responded_at": (None, now)}
    approval.status, approval.responded_at = decision, now
    approval.save(update_fields=["status", "responded_at"])
    audit_log(actor=actor, record=approval, action=AuditAction.UPDATE, changes=changes)
    effect = EFFECTS.get(approval.reference_type)
    if effect is not None:
        target = approval_target(approval.reference_type, approval.reference_id, lock=True)
        effect(actor, approval, target, decision == ApprovalStatus.APPROVED)
    return approval
