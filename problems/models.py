"""Problem tickets: the underlying cause behind one or more incidents."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from core.numbering import RecordNumberField
from problems.choices import ProblemCategory, ProblemStatus


class Problem(TimeStampedModel):
    """A problem ticket (PRB0000001) under investigation; incidents link to it."""

    audit_type = "problem"

    problem_number = RecordNumberField(max_length=12, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    status = models.CharField(max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    category = models.CharField(max_length=20, choices=ProblemCategory.choices)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detected_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    configuration_items = models.ManyToManyField(  # type: ignore[var-annotated]
        "cmdb.ConfigurationItem", through="ProblemCI", related_name="problems", blank=True
    )

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status"], name="problem_status")]

    def __str__(self) -> str:
        return f"{self.problem_number} {self.title}"

    def get_absolute_url(self) -> str:
        return record_url("workspace:problem-detail", self.pk)


class ProblemCI(QuickLoading):
    """A configuration item the problem is about (SOP 9); each pair once."""

    audit_type = "problem_ci"

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="ci_links")
    ci = models.ForeignKey("cmdb.ConfigurationItem", on_delete=models.PROTECT, related_name="problem_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["problem", "ci"], name="problem_ci_unique")]

    def __str__(self) -> str:
        return f"{self.problem_id} -> {self.ci_id}"
