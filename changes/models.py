"""Change requests (CHG, SOP 12) and the rollbacks of implemented changes (RBK, SOP 13)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from changes.choices import ChangeStatus, ChangeType, RiskLevel, RollbackStatus
from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from core.numbering import RecordNumberField


class ChangeRequest(TimeStampedModel):
    """A change, related to an incident, a problem, or neither; emergency changes need an executive's approval."""

    audit_type = "change"

    change_number = RecordNumberField(max_length=12, unique=True)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    change_type = models.CharField(max_length=20, choices=ChangeType.choices)
    risk_level = models.CharField(max_length=20, choices=RiskLevel.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.REQUESTED)
    implementation_date = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "change_type"], name="change_status_type")]

    def __str__(self) -> str:
        return f"{self.change_number} {self.title}"

    def get_absolute_url(self) -> str:
        return record_url("changes:detail", self.pk)


class RollbackRequest(QuickLoading):
    """Undoing an implemented change, possibly tied to the incident the change caused."""

    audit_type = "rollback"

    rollback_number = RecordNumberField(max_length=12, unique=True)
    change = models.ForeignKey(ChangeRequest, on_delete=models.PROTECT, related_name="rollbacks")
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="rollbacks"
    )
    title = models.CharField(max_length=200)
    rollback_reason = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=RollbackStatus.choices, default=RollbackStatus.REQUESTED)
    executed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.rollback_number} {self.title}"
