"""SLA agreements: a client's tier and coverage, which decide its incidents' response and resolution targets."""

import datetime

from django.conf import settings
from django.db import models

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from sla.calendar import WorkingHours
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
        return record_url("sla:agreement-update", self.pk)

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.get_support_coverage_display()} for client {self.client_id}"


class BusinessCalendar(QuickLoading):
    """A client's working days and hours, in its own time zone: the business-hours SLA clock runs only then."""

    audit_type = "business_calendar"

    client = models.OneToOneField("accounts.Client", on_delete=models.CASCADE, related_name="business_calendar")
    working_days = models.CharField(max_length=20, default="0,1,2,3,4", help_text="Monday = 0 ... Sunday = 6.")
    opens = models.TimeField(default=datetime.time(9, 0))
    closes = models.TimeField(default=datetime.time(17, 0))
    timezone = models.CharField(max_length=64, default="UTC")

    def __str__(self) -> str:
        return f"{self.working_days} {self.opens:%H:%M}-{self.closes:%H:%M} {self.timezone}"

    def hours(self) -> WorkingHours:
        days = frozenset(int(day) for day in self.working_days.split(",") if day.strip().isdigit())
        return WorkingHours(days=days, opens=self.opens, closes=self.closes, timezone=self.timezone)


class Clock(models.TextChoices):
    TWENTY_FOUR_SEVEN = "24x7", "24x7"
    BUSINESS_HOURS = "business_hours", "Business hours"


class IncidentSLA(QuickLoading):
    """One incident's SLA towards one affected client: targets, due times, and when each was met or breached.

    Due times are stored so that the breach scan is an index range read; they follow severity changes.
    """

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="slas")
    client = models.ForeignKey("accounts.Client", on_delete=models.CASCADE, related_name="incident_slas")
    agreement = models.ForeignKey(SLAAgreement, on_delete=models.PROTECT, related_name="+")
    tier = models.CharField(max_length=20)
    clock = models.CharField(max_length=20, choices=Clock.choices)
    response_minutes = models.PositiveIntegerField()
    resolution_minutes = models.PositiveIntegerField()
    response_due_at = models.DateTimeField()
    resolution_due_at = models.DateTimeField()
    response_warn_at = models.DateTimeField()
    resolution_warn_at = models.DateTimeField()
    response_met_at = models.DateTimeField(null=True, blank=True)
    resolution_met_at = models.DateTimeField(null=True, blank=True)
    response_breached_at = models.DateTimeField(null=True, blank=True)
    resolution_breached_at = models.DateTimeField(null=True, blank=True)
    response_warned_at = models.DateTimeField(null=True, blank=True)
    resolution_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "client"], name="incident_sla_unique")]
        indexes = [
            models.Index(
                fields=["response_due_at"],
                name="sla_response_open",
                condition=models.Q(response_met_at__isnull=True, response_breached_at__isnull=True),
            ),
            models.Index(
                fields=["resolution_due_at"],
                name="sla_resolution_open",
                condition=models.Q(resolution_met_at__isnull=True, resolution_breached_at__isnull=True),
            ),
            models.Index(
                fields=["response_warn_at"],
                name="sla_response_warn",
                condition=models.Q(response_met_at__isnull=True, response_warned_at__isnull=True),
            ),
            models.Index(
                fields=["resolution_warn_at"],
                name="sla_resolution_warn",
                condition=models.Q(resolution_met_at__isnull=True, resolution_warned_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"SLA of incident {self.incident_id} for client {self.client_id}"


class BreachKind(models.TextChoices):
    RESPONSE = "response", "Response"
    RESOLUTION = "resolution", "Resolution"


class BreachStage(models.TextChoices):
    WARNING = "warning", "Pre-breach warning"
    BREACH = "breach", "Breach"


class SLABreach(QuickLoading):
    """A breach (or pre-breach warning) detected live, recorded once per incident, client, kind and stage."""

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="sla_breaches")
    client = models.ForeignKey("accounts.Client", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=BreachKind.choices)
    stage = models.CharField(max_length=20, choices=BreachStage.choices)
    due_at = models.DateTimeField()
    detected_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "client", "kind", "stage"], name="sla_breach_once")]
        ordering = ["-detected_at"]

    def __str__(self) -> str:
        return f"{self.stage} {self.kind} of incident {self.incident_id} for client {self.client_id}"
