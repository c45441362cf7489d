"""Monitoring integrations (a receiving address per source) and the alerts they deliver, deduplicated by
fingerprint."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from integrations.choices import AlertStatus, IntegrationKind


class Integration(TimeStampedModel):
    """A monitoring source: its kind (the payload it sends), its client, its routing rules and a secret key
    (kept as a hash; the receiving address holding it is shown once)."""

    audit_type = "integration"

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=IntegrationKind.choices)
    client = models.ForeignKey(
        "accounts.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="integrations"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    rules = models.JSONField(default=dict, blank=True)
    """How an alert becomes an incident: see integrations.rules.RULE_DEFAULTS."""
    policy = models.ForeignKey(
        "oncall.EscalationPolicy", null=True, blank=True, on_delete=models.SET_NULL, related_name="integrations"
    )
    auto_resolve = models.BooleanField(default=False)
    rate_per_minute = models.PositiveIntegerField(default=600)
    enabled = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("integrations:detail", self.pk)


class Alert(QuickLoading):
    """One alert of one source, however often it is delivered: repeats count, they never duplicate."""

    audit_type = "alert"

    # No index of its own: the two below lead with it, and a third would lure the planner away from the group
    # index (whose order the join of a group's new alert reads, newest peer first).
    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="alerts", db_index=False)
    fingerprint = models.CharField(max_length=128)
    group_key = models.CharField(max_length=300, blank=True, default="")
    status = models.CharField(max_length=10, choices=AlertStatus.choices, default=AlertStatus.FIRING)
    title = models.CharField(max_length=300)
    severity = models.CharField(max_length=2, blank=True, default="")
    labels = models.JSONField(default=dict, blank=True)
    annotations = models.JSONField(default=dict, blank=True)
    source_url = models.URLField(max_length=1000, blank=True, default="")
    count = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )

    class Meta:
        ordering = ["-last_seen", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["integration", "fingerprint"], name="alert_once_per_fingerprint")
        ]
        indexes = [models.Index(fields=["integration", "group_key", "last_seen"], name="alert_group")]

    def __str__(self) -> str:
        return self.title


class WebhookSubscription(TimeStampedModel):
    """Somewhere to tell of events: a URL, the events it wants, an optional client (then only that client's
    events), and the signing secret (Standard Webhooks). Failing deliveries count; enough in a row disable it."""

    audit_type = "webhook"

    url = models.URLField(max_length=1000)
    events = models.JSONField(default=list)
    client = models.ForeignKey(
        "accounts.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="webhooks"
    )
    secret = models.CharField(max_length=100)
    enabled = models.BooleanField(default=True)
    failures = models.PositiveIntegerField(default=0)
    """Deliveries that failed for good since the last one that landed."""
    disabled_reason = models.CharField(max_length=300, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.url

    @property
    def state(self) -> str:
        return "on" if self.enabled else "off"

    def get_absolute_url(self) -> str:
        return reverse("integrations:webhooks") + f"#webhook-{self.pk}"
