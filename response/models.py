"""The response cycle's records (triage, communication, mitigation, post-mortem) and the action items they yield."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import TimeStampedModel
from response.choices import ActionSource, ActionStatus, Horizon, Phase, Priority, RecordStatus
from response.transitions import ACTION_ITEM_TRANSITIONS, ACTION_ITEM_UNFINISHED


class PhaseRecord(TimeStampedModel):
    """One phase's record on one incident: its content, and for gated phases the review decision."""

    audit_type = "phase_record"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="phase_records")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    content = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=RecordStatus.choices, default=RecordStatus.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "phase"], name="phase_record_once")]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} of incident {self.incident_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("response:phase", args=[self.incident_id, self.phase])


class ActionItem(TimeStampedModel):
    """Follow-up work from a post-mortem, RCA or review: owner, priority, due date, horizon, status."""

    audit_type = "action_item"

    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="action_items")
    source = models.CharField(max_length=20, choices=ActionSource.choices, default=ActionSource.POST_MORTEM)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_items")
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    horizon = models.CharField(max_length=20, choices=Horizon.choices, default=Horizon.SHORT_TERM)
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "status"], name="action_owner_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def completable(self) -> bool:
        """Whether its lifecycle lets it be marked done from where it stands."""
        return ActionStatus.DONE in ACTION_ITEM_TRANSITIONS[self.status]

    @property
    def overdue(self) -> bool:
        return self.status in ACTION_ITEM_UNFINISHED and self.due_date < timezone.localdate()


def overdue_q(today: datetime.date | None = None) -> Q:
    """The one definition of an overdue action item: unfinished after its due date (today by default)."""
    return Q(status__in=sorted(ACTION_ITEM_UNFINISHED), due_date__lt=today or timezone.localdate())
