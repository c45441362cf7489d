"""Approval requests (SOPs 19 and 20) over escalations, bridges, changes, rollbacks, incident closures, RCAs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from approvals.choices import ApprovalStatus, ReferenceType, RequestedAction
from core.models import QuickLoading


class ApprovalRequest(QuickLoading):
    """A request that one approver decide an action on one record; one pending request per action and approver."""

    audit_type = "approval"

    reference_type = models.CharField(max_length=20, choices=ReferenceType.choices)
    reference_id = models.BigIntegerField()
    requested_action = models.CharField(max_length=30, choices=RequestedAction.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="approvals")
    status = models.CharField(max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_type", "reference_id", "requested_action", "approver"],
                condition=Q(status="pending"),
                name="approval_one_pending",
            )
        ]
        indexes = [
            models.Index(fields=["approver", "status"], name="approval_inbox"),
            models.Index(fields=["reference_type", "reference_id"], name="approval_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.get_requested_action_display()} #{self.reference_id} ({self.status})"
