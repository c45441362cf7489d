"""SOP 20 (request an approval) and SOP 19 (approve or deny); an approval's effect reaches its record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from accounts.models import User
from approvals.choices import ACTION_FOR, ApprovalStatus
from approvals.hooks import ApprovalDecision, ApprovalSubject, approval_subject
from approvals.models import ApprovalRequest
from approvals.transitions import APPROVAL_TRANSITIONS
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, Duplicate, InvalidInput, InvalidTransition, NotPermitted, RuleViolation
from core.models import AuditAction
from core.permissions import require
from core.roles import Role


def _approval_target(reference_type: str, reference_id: int, *, lock: bool = False) -> Any:
    model = approval_subject(reference_type).model
    manager = model._default_manager.select_for_update() if lock else model._default_manager
    try:
        return manager.get(pk=reference_id)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise RuleViolation(
            f"No {reference_type.replace('_', ' ')} record {reference_id}.",
            code="reference_not_found",
            fields={"reference_id": "No such record."},
        ) from None


def self_approval_refuse(person_id: int | None, requester_ids: Iterable[int | None], what: str) -> None:
    """Separation of duties: whoever asked for a step never approves it (`self_approval`)."""
    if person_id is not None and person_id in set(requester_ids):
        raise NotPermitted(f"Whoever asked for this {what} cannot approve it; someone else must.", code="self_approval")


def _role_names(roles: frozenset[str]) -> str:
    return ", ".join(sorted(str(Role(role).label).lower() for role in roles))


def _decider_check(subject: ApprovalSubject, target: Any, person: User, *, asking: bool) -> None:
    """The approver holds one of the roles that decide this subject (when asked and when deciding)."""
    roles = subject.deciders(target)
    if person.role in roles:
        return
    kind = subject.reference_type.replace("_", " ")
    if asking:
        raise RuleViolation(
            f"{person.full_name} ({person.get_role_display().lower()}) may not decide a {kind} approval; it is "
            f"decided by: {_role_names(roles)}.",
            code="approver_role_not_allowed",
            fields={"approver": f"Choose one of: {_role_names(roles)}."},
        )
    raise NotPermitted(
        f"A {kind} approval is decided by: {_role_names(roles)}; your role is {person.get_role_display().lower()}.",
        code="approver_role_not_allowed",
    )


def _approval_request(*, actor: Actor, reference_type: str, reference_id: int, approver: User | int) -> ApprovalRequest:
    """SOP 20 steps 2-6 inside the caller's transaction."""
    subject = approval_subject(reference_type)
    target = _approval_target(reference_type, reference_id, lock=True)
    if target.status not in subject.awaiting:
        allowed = " or ".join(sorted(subject.awaiting))
        raise Conflict(
            f"This {reference_type.replace('_', ' ')} is {target.status}; an approval can be requested when it is "
            f"{allowed}.",
            code="record_not_awaiting_approval",
        )
    person = user_resolve(approver, field="approver", label="approver")
    kind = reference_type.replace("_", " ")
    self_approval_refuse(person.pk, [actor.user_id, *subject.requesters(target)], kind)
    _decider_check(subject, target, person, asking=True)
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
    *, actor: Actor, reference_type: str, reference_id: int, approver: User | int, permission: str = "approvals.request"
) -> ApprovalRequest:
    """SOP 20: ask an active approver to decide; one pending request per action, record and approver.

    `permission` authorises the request: a person asking by hand needs `approvals.request`; an SOP that asks as
    one of its steps (an emergency change asks an executive) names its own permission.
    """
    require(actor, permission)
    return _approval_request(actor=actor, reference_type=reference_type, reference_id=reference_id, approver=approver)


@transaction.atomic
def approval_decide(*, actor: Actor, approval: ApprovalRequest, decision: str) -> ApprovalRequest:
    """SOP 19: the named approver approves or denies a pending request once; the effect lands in the same
    transaction, so a refused effect (an incident no longer resolved) leaves the request pending."""
    require(actor, "approvals.decide")
    approval = ApprovalRequest.objects.select_for_update().select_related("approver").get(pk=approval.pk)
    if actor.user_id != approval.approver_id and not actor.is_system:
        raise NotPermitted(f"Only {approval.approver.full_name} may decide this request.", code="not_the_approver")
    if decision not in APPROVAL_TRANSITIONS[ApprovalStatus.PENDING]:
        raise InvalidInput(fields={"decision": "Choose approved or denied."})
    if decision not in APPROVAL_TRANSITIONS[approval.status]:
        raise InvalidTransition(f"This request is already {approval.status}.", code="approval_already_decided")
    subject = approval_subject(approval.reference_type)
    target = _approval_target(approval.reference_type, approval.reference_id, lock=True)
    if not actor.is_system:
        kind = approval.reference_type.replace("_", " ")
        self_approval_refuse(actor.user_id, [approval.requested_by_id, *subject.requesters(target)], kind)
        _decider_check(subject, target, approval.approver, asking=False)
    now = timezone.now()
    changes = {"status": (approval.status, decision), "responded_at": (None, now)}
    approval.status, approval.responded_at = decision, now
    approval.save(update_fields=["status", "responded_at"])
    audit_log(actor=actor, record=approval, action=AuditAction.UPDATE, changes=changes)
    if subject.on_decision is not None:
        subject.on_decision(
            ApprovalDecision(
                actor=actor, approval=approval, record=target, approved=decision == ApprovalStatus.APPROVED
            )
        )
    return approval
