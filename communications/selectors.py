"""Reads of communications (internal: client contacts see none)."""

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from communications.models import Communication, OutboxMessage, OutboxStatus
from core.actor import Actor
from core.permissions import scope


def communication_list(*, actor: Actor | User) -> QuerySet[Communication]:
    return scope(Communication.objects.select_related("sender", "recipient", "incident", "problem"), actor)


def outbox_counts() -> dict[str, int]:
    """Messages still to deliver and those that failed for good, for the system status page."""
    return OutboxMessage.objects.aggregate(
        outbox_waiting=Count("id", filter=Q(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])),
        outbox_failed=Count("id", filter=Q(status=OutboxStatus.FAILED)),
    )
