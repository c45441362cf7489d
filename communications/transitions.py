"""Delivery lifecycles as data: an outbox row is claimed, sent or failed, retried; a communication's delivery
follows its outbox row. The outbox moves rows with compare-and-set updates that name these statuses."""

from communications.choices import DeliveryStatus
from communications.models import OutboxStatus

OUTBOX_TRANSITIONS: dict[str, frozenset[str]] = {
    OutboxStatus.PENDING: frozenset({OutboxStatus.SENDING}),
    OutboxStatus.SENDING: frozenset({OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.PENDING}),
    OutboxStatus.SENT: frozenset(),
    OutboxStatus.FAILED: frozenset({OutboxStatus.PENDING}),
}
"""A claim takes a pending row; a transient error or an expired lease puts it back; a resend retries a failure."""

DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliveryStatus.PENDING: frozenset({DeliveryStatus.SENT, DeliveryStatus.FAILED}),
    DeliveryStatus.SENT: frozenset({DeliveryStatus.DELIVERED}),
    DeliveryStatus.DELIVERED: frozenset(),
    DeliveryStatus.FAILED: frozenset({DeliveryStatus.SENT}),
}
"""Delivered is what the reference data records when a receipt came back; Tracer itself records sent or failed."""
