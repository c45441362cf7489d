"""Communications (SOP 11): what was told to whom about an incident or a problem, and how it was delivered."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from communications.choices import CommunicationType, DeliveryMethod, DeliveryStatus, RecipientType


class Communication(models.Model):
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
