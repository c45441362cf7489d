"""Incident reports (RPT0000001): post-incident reviews, client impact and compliance reports."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from reports.choices import ReportStatus, ReportType


class IncidentReport(models.Model):
    """A report on a resolved or closed incident; closing an incident opens a draft post-incident review."""

    audit_type = "report"

    report_number = models.CharField(max_length=12, unique=True)
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

    def __str__(self) -> str:
        return f"{self.report_number} {self.report_title}"
