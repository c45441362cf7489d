"""Reads of approval requests: the inbox of one approver, and the requests on one record."""

from django.db.models import QuerySet

from accounts.models import User
from approvals.choices import ApprovalStatus
from approvals.models import ApprovalRequest
from core.actor import Actor
from core.permissions import scope


def approval_list(*, actor: Actor | User) -> QuerySet[ApprovalRequest]:
    return scope(ApprovalRequest.objects.select_related("approver", "requested_by"), actor)


def approval_inbox(*, actor: Actor) -> QuerySet[ApprovalRequest]:
    """The pending requests waiting for this user's decision, oldest first."""
    return (
        approval_list(actor=actor)
        .filter(approver_id=actor.user_id, status=ApprovalStatus.PENDING)
        .order_by("requested_at", "id")
    )


def approvals_for(*, reference_type: str, reference_id: int) -> QuerySet[ApprovalRequest]:
    return ApprovalRequest.objects.filter(reference_type=reference_type, reference_id=reference_id).select_related(
        "approver", "requested_by"
    )
