"""Incident reports (RPT0000001): post-incident reviews, client impact and compliance reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from core.numbering import RecordNumberField
from reports.choices import AnalysisMethod, RCAStatus, ReportStatus, ReportType, ReviewStatus


class IncidentReport(QuickLoading):
    """A report on a resolved or closed incident; closing an incident opens a draft post-incident review."""

    audit_type = "report"

    report_number = RecordNumberField(max_length=12, unique=True)
    report_title = models.CharField(max_length=200)
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="reports")
    report_type = models.CharField(max_length=30, choices=ReportType.choices)
    report_content = models.TextField(blank=True, default="")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generation_date = models.DateTimeField(default=timezone.now)
    report_status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "report_type"],
                condition=~models.Q(report_status="archived"),
                name="report_one_per_type",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_number} {self.report_title}"

    def get_absolute_url(self) -> str:
        return record_url("reports:report-detail", self.pk)


class RootCauseAnalysis(TimeStampedModel):
    """An RCA (RCA0000001) of exactly one incident (resolved or closed, P1/P2) or one problem (SOP 17 A, B).

    `analysis` holds the method's structure: the chain of whys, or the causes under each fishbone category.
    """

    audit_type = "rca"

    rca_number = RecordNumberField(max_length=12, unique=True)
    rca_title = models.CharField(max_length=200)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="rcas"
    )
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.PROTECT, related_name="rcas"
    )
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    analysis_method = models.CharField(max_length=20, choices=AnalysisMethod.choices)
    root_cause_summary = models.TextField(blank=True, default="")
    analysis = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=RCAStatus.choices, default=RCAStatus.ASSIGNED)
    due_date = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            # New RCAs name exactly one subject (the service's rule); 3 imported ones name both an incident and
            # the problem behind it, so the database asks only for at least one.
            models.CheckConstraint(
                condition=Q(incident__isnull=False) | Q(problem__isnull=False), name="rca_has_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rca_number} {self.rca_title}"

    def get_absolute_url(self) -> str:
        return record_url("reports:rca-detail", self.pk)


class PostIncidentReview(QuickLoading):
    """A review meeting on a closed incident (SOP 17 C, D): facilitator, notes, lessons, action items."""

    audit_type = "pir"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="reviews")
    scheduled_date = models.DateTimeField()
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_notes = models.TextField(blank=True, default="")
    lessons_learned = models.TextField(blank=True, default="")
    action_items = models.TextField(blank=True, default="")
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.SCHEDULED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-scheduled_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident"], condition=~models.Q(status="cancelled"), name="review_one_per_incident"
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.incident.incident_number} on {self.scheduled_date:%-d %b %Y}"

    def get_absolute_url(self) -> str:
        return record_url("reports:pir-detail", self.pk)
