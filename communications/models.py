"""Communications (SOP 11): what was told to whom about an incident or a problem, and how it was delivered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from communications.choices import CommunicationType, DeliveryMethod, DeliveryStatus, PublicStatus, RecipientType
from core.models import QuickLoading


class Communication(QuickLoading):
    """A message about exactly one incident or problem, to a client, internal staff or executives."""

    audit_type = "communication"

    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.CASCADE, related_name="communications"
    )
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.CASCADE, related_name="communications"
    )
    communication_type = models.CharField(max_length=30, choices=CommunicationType.choices)
    recipient_type = models.CharField(max_length=20, choices=RecipientType.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delivery_method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    message_content = models.TextField()
    delivery_status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(incident__isnull=False) & Q(problem__isnull=True))
                | (Q(incident__isnull=True) & Q(problem__isnull=False)),
                name="communication_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_communication_type_display()} ({self.delivery_method})"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboxMessage(QuickLoading):
    """An email to send, written in the business transaction; the row is the truth, the queue a speed-up.

    `key` makes a second enqueue of the same notification a no-op. The status moves pending -> sending (claimed by
    one worker, under a fresh `claim_token` that every later write must match) -> sent, back to pending with a
    `next_attempt_at` (a transient failure, or a claim whose lease ran out), or failed (a permanent error, or the
    last attempt). The sweep is the only retry path: it hands out the pending rows whose time has come.
    """

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(max_length=20, default="email")
    """`email`, or a channel another app registers (communications.channels): `webhook`."""
    reference_id = models.PositiveIntegerField(null=True, blank=True)
    """What the channel's sender needs to find (a webhook subscription)."""
    payload = models.JSONField(default=dict, blank=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, default="")
    communication = models.ForeignKey(
        Communication, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox_messages"
    )
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, default="")
    next_attempt_at = models.DateTimeField(default=timezone.now)
    """When the sweep may hand the row out (again): after the first dispatch's grace, or a backoff."""
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["status", "created_at"],
                name="outbox_unfinished",
                condition=Q(status__in=["pending", "sending"]),
            ),
            models.Index(fields=["next_attempt_at"], name="outbox_due", condition=Q(status="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.subject} -> {', '.join(self.to)} ({self.status})"


class StatusUpdate(QuickLoading):
    """A public status-page post about an incident: written for customers, separate from internal notes."""

    audit_type = "status_update"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="status_updates")
    public_status = models.CharField(max_length=20, choices=PublicStatus.choices)
    headline = models.CharField(max_length=200, help_text="What customers see affected, in their words.")
    message = models.TextField()
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["posted_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_public_status_display()}: {self.headline}"


class StatusSubscription(QuickLoading):
    """A visitor who asked for status-page updates by email: confirmed by the link sent to the address (double
    opt-in); every email carries the link that ends it."""

    email = models.EmailField(unique=True)
    token = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        indexes = [
            models.Index(
                fields=["confirmed_at"],
                name="subscription_active",
                condition=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
