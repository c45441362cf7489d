"""SLA agreements: a client's tier and coverage, which decide its incidents' response and resolution targets."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.models import TimeStampedModel
from sla.choices import AgreementStatus, SLATier, SupportCoverage


class SLAAgreement(TimeStampedModel):
    """A client's service level agreement; at most one is active per client (a database constraint)."""

    audit_type = "sla_agreement"

    client = models.ForeignKey("accounts.Client", on_delete=models.PROTECT, related_name="sla_agreements")
    tier = models.CharField(max_length=20, choices=SLATier.choices)
    support_coverage = models.CharField(max_length=20, choices=SupportCoverage.choices)
    effective_date = models.DateField()
    expiration_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["client_id", "-effective_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=models.Q(status="active"), name="sla_one_active_per_client"
            ),
            models.CheckConstraint(
                condition=models.Q(expiration_date__isnull=True)
                | models.Q(expiration_date__gte=models.F("effective_date")),
                name="sla_expires_after_effective",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("sla:agreement-update", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.get_support_coverage_display()} for client {self.client_id}"
