"""Problem tickets: the underlying cause behind one or more incidents."""

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel
from problems.choices import ProblemCategory, ProblemStatus


class Problem(TimeStampedModel):
    """A problem ticket (PRB0000001) under investigation; incidents link to it."""

    audit_type = "problem"

    problem_number = models.CharField(max_length=12, unique=True)
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

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.problem_number} {self.title}"
