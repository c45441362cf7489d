"""Incident bridges (BRG0000001): the call where responders work a major or complex incident together."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bridges.choices import BridgeStatus, BridgeType, ParticipantRole
from core.models import QuickLoading
from core.numbering import RecordNumberField


class Bridge(QuickLoading):
    """A bridge on one incident, hosted by its incident manager (SOPs 4 and 5); one active bridge per incident."""

    audit_type = "bridge"

    bridge_number = RecordNumberField(max_length=12, unique=True)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="bridges")
    bridge_type = models.CharField(max_length=20, choices=BridgeType.choices)
    bridge_host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start_time = models.DateTimeField(default=timezone.now)
    end_time = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=BridgeStatus.choices, default=BridgeStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_time", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident"], condition=Q(status="active"), name="bridge_one_active_per_incident"
            ),
        ]

    def __str__(self) -> str:
        return self.bridge_number


class BridgeParticipant(QuickLoading):
    """A person on a bridge in one role; someone who left and rejoined has a row per stay."""

    audit_type = "bridge_participant"

    bridge = models.ForeignKey(Bridge, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role_in_bridge = models.CharField(max_length=20, choices=ParticipantRole.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bridge", "user"], condition=Q(left_at__isnull=True), name="bridge_participant_present_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.bridge_id} as {self.role_in_bridge}"
