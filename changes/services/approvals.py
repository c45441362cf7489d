"""Who approves a change or a rollback: the roles that decide it, and never whoever asked for it."""

from __future__ import annotations

from accounts.lookups import user_resolve
from accounts.models import User
from approvals.services import self_approval_refuse
from changes.choices import ChangeType
from changes.models import ChangeRequest, RollbackRequest
from core.actor import Actor
from core.errors import NotPermitted, RuleViolation
from core.roles import Role

CHANGE_APPROVERS = frozenset({Role.INCIDENT_MANAGER, Role.SYSTEM_ADMINISTRATOR, Role.EXECUTIVE})
"""Who approves a standard or normal change; an emergency change is approved by an executive (SOP 12 step 5)."""
ROLLBACK_APPROVERS = CHANGE_APPROVERS


def change_deciders(change: ChangeRequest) -> frozenset[str]:
    """The roles that may approve this change."""
    return frozenset({Role.EXECUTIVE}) if change.change_type == ChangeType.EMERGENCY else CHANGE_APPROVERS


def change_requesters(change: ChangeRequest) -> tuple[int | None]:
    return (change.requested_by_id,)


def rollback_deciders(rollback: RollbackRequest) -> frozenset[str]:
    return ROLLBACK_APPROVERS


def rollback_requesters(rollback: RollbackRequest) -> tuple[int | None]:
    return (rollback.requested_by_id,)


def approver_check(actor: Actor, roles: frozenset[str], requester_id: int | None, what: str) -> None:
    """A change or rollback approved by hand: by a role that approves it, never by whoever asked for it."""
    if actor.user is None:
        return
    self_approval_refuse(actor.user_id, [requester_id], what)
    if actor.user.role not in roles:
        names = ", ".join(sorted(str(Role(role).label).lower() for role in roles))
        raise NotPermitted(f"A {what} is approved by: {names}.", code="approver_role_not_allowed")


def emergency_approver(approver: User | int | None) -> User:
    """SOP 12 step 5: an emergency change needs the approval of an active executive."""
    if approver is None:
        raise RuleViolation(
            "An emergency change needs an executive to approve it.",
            code="executive_approver_required",
            fields={"approver": "Choose an active executive."},
        )
    person = user_resolve(approver, field="approver", label="approver")
    if person.role != Role.EXECUTIVE:
        raise RuleViolation(
            f"{person.full_name} is not an executive; emergency changes are approved by an executive.",
            code="executive_approver_required",
            fields={"approver": "Choose an active executive."},
        )
    return person


def may_approve(actor: Actor, roles: frozenset[str], requester_id: int | None) -> bool:
    return actor.user is None or (actor.user.role in roles and actor.user_id != requester_id)
