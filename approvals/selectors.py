"""Reads of approval requests: the inbox of one approver, and the requests on one record."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model, QuerySet

from accounts.models import User
from approvals.choices import ApprovalStatus
from approvals.hooks import approval_subject
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


def approval_records(approvals: Iterable[ApprovalRequest]) -> dict[tuple[str, int], Model]:
    """The records the approvals are about, keyed by (reference type, id): one query per kind of record, with the
    incident a record belongs to (its name reads from it)."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for approval in approvals:
        wanted[approval.reference_type].add(approval.reference_id)
    found: dict[tuple[str, int], Model] = {}
    for kind, ids in wanted.items():
        model = approval_subject(kind).model
        records = model._default_manager.filter(pk__in=ids)
        if any(field.name == "incident" and field.many_to_one for field in model._meta.get_fields()):
            records = records.select_related("incident")
        found.update(((kind, record.pk), record) for record in records)
    return found
