"""Incidents and what hangs off them: CI links, work notes, attachments and escalations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from core.numbering import RecordNumberField
from incidents.choices import (
    AttachmentReference,
    Category,
    EscalationStatus,
    IncidentStatus,
    Level,
    NoteType,
    ResolutionCode,
    Severity,
)
from incidents.transitions import ESCALATION_TRANSITIONS


class Incident(TimeStampedModel):
    """An unplanned interruption (INC0000001), from detection to closure (SOP 2)."""

    audit_type = "incident"

    incident_number = RecordNumberField(max_length=12, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    category = models.CharField(max_length=20, choices=Category.choices)
    severity = models.CharField(max_length=2, choices=Severity.choices)
    impact = models.CharField(max_length=10, choices=Level.choices)
    urgency = models.CharField(max_length=10, choices=Level.choices)
    status = models.CharField(max_length=20, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_incidents"
    )
    assigned_at = models.DateTimeField(null=True, blank=True, help_text="Since when the assignee holds it.")
    problem = models.ForeignKey(
        "problems.Problem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        limit_choices_to=~Q(status="closed"),
    )
    detection_time = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    resolution_code = models.CharField(max_length=30, choices=ResolutionCode.choices, blank=True, default="")
    resolution_notes = models.TextField(blank=True, default="")
    severity_assessment = models.JSONField(
        null=True, blank=True, help_text="The SOP 2.1 answers and the criteria that decided the severity."
    )
    configuration_items = models.ManyToManyField(  # type: ignore[var-annotated]
        "cmdb.ConfigurationItem", through="IncidentCI", related_name="incidents", blank=True
    )

    class Meta:
        ordering = ["-detection_time", "-id"]
        indexes = [  # the queue's orders and filters, each read from one index
            models.Index(fields=["status", "detection_time", "id"], name="incident_status_detection"),
            models.Index(fields=["severity", "detection_time", "id"], name="incident_severity_detection"),
            models.Index(fields=["detection_time", "id"], name="incident_detection_id"),
            models.Index(fields=["title", "id"], name="incident_title_id"),
            models.Index(fields=["assigned_to", "status"], name="incident_assignee_status"),
            models.Index(  # the weekly trends of what was resolved (kept only once an incident is resolved)
                fields=["resolved_at"], name="incident_resolved", condition=models.Q(resolved_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident_number} {self.title}"

    def get_absolute_url(self) -> str:
        return record_url("workspace:incident-detail", self.pk)


class IncidentCI(QuickLoading):
    """An incident affects a configuration item (SOP 10); each pair once."""

    audit_type = "incident_ci"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="ci_links")
    ci = models.ForeignKey("cmdb.ConfigurationItem", on_delete=models.PROTECT, related_name="incident_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "ci"], name="incident_ci_unique")]

    def __str__(self) -> str:
        return f"{self.incident_id} -> {self.ci_id}"


class WorkNote(TimeStampedModel):
    """A note on exactly one incident or problem (SOP 14); edits are kept in the audit trail."""

    audit_type = "work_note"

    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    note_text = models.TextField()
    note_type = models.CharField(max_length=20, choices=NoteType.choices, default=NoteType.PROGRESS_UPDATE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(incident__isnull=False) & Q(problem__isnull=True))
                | (Q(incident__isnull=True) & Q(problem__isnull=False)),
                name="work_note_one_parent",
            )
        ]

    def __str__(self) -> str:
        return self.note_text[:60]


class Attachment(QuickLoading):
    """A file on an incident or another record (SOP 15): metadata always, the file itself when uploaded here."""

    audit_type = "attachment"

    reference_type = models.CharField(max_length=20, choices=AttachmentReference.choices)
    reference_id = models.BigIntegerField()
    file_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="attachments/%Y/%m/%d", blank=True, max_length=500)
    file_url = models.CharField(max_length=500, blank=True, default="", help_text="Where an imported file lives.")
    file_type = models.CharField(max_length=20)
    content_type = models.CharField(max_length=120, blank=True, default="")
    file_size_bytes = models.BigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["reference_type", "reference_id"], name="attachment_reference")]

    def __str__(self) -> str:
        return self.file_name


class Escalation(QuickLoading):
    """A request to bring in someone else on an open or in-progress incident (SOPs 3 and 16)."""

    audit_type = "escalation"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="escalations")
    escalated_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    escalation_reason = models.TextField()
    status = models.CharField(max_length=20, choices=EscalationStatus.choices, default=EscalationStatus.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "escalated_to"],
                condition=models.Q(status="pending"),
                name="escalation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"Escalation of {self.incident.incident_number}"

    @property
    def decidable(self) -> bool:
        """Whether its lifecycle still takes a decision (SOP 16: pending ones only)."""
        return bool(ESCALATION_TRANSITIONS[self.status])
