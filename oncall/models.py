"""On-call: schedules (layers of rotations, overrides), escalation policies (steps of targets), and pages."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.links import record_url
from core.models import QuickLoading, TimeStampedModel
from oncall.choices import PageSource, PageStatus, Rotation, TargetKind


class Schedule(TimeStampedModel):
    """Who is on call, for a client or (without one) for the whole desk, in one time zone."""

    audit_type = "schedule"

    name = models.CharField(max_length=120, unique=True)
    client = models.ForeignKey(
        "accounts.Client", null=True, blank=True, on_delete=models.PROTECT, related_name="schedules"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("oncall:schedule-detail", self.pk)


class Layer(QuickLoading):
    """A rotation: its people take turns, handing over at a local time; `position` 1 is the lowest layer."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="layers")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    rotation = models.CharField(max_length=10, choices=Rotation.choices)
    every_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    handoff_time = models.TimeField()
    start = models.DateField()
    users = models.JSONField(default=list)
    """The people in turn, as user ids, in order."""
    restrictions = models.JSONField(default=list, blank=True)
    """[{"days": ["mon", ...], "from": "HH:MM", "to": "HH:MM"}]: when this layer covers; empty: always."""

    class Meta:
        ordering = ["schedule", "position"]
        constraints = [models.UniqueConstraint(fields=["schedule", "position"], name="layer_position_once")]

    def __str__(self) -> str:
        return f"{self.schedule.name}: {self.name}"


class Override(TimeStampedModel):
    """Someone takes the schedule for a while, whoever the layers say."""

    audit_type = "schedule_override"

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="override_ends_after")]

    def __str__(self) -> str:
        return f"{self.user} on {self.schedule.name}"


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(QuickLoading):
    """A person's secret calendar address; rotating it makes the old one answer 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_calendar_token)
    rotated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"


class EscalationPolicy(TimeStampedModel):
    """Whom to page, step by step, until someone acknowledges; the whole list runs `repeats` more times."""

    audit_type = "escalation_policy"

    name = models.CharField(max_length=120, unique=True)
    repeats = models.PositiveSmallIntegerField(default=0)
    clients = models.ManyToManyField(  # type: ignore[var-annotated]
        "accounts.Client", blank=True, related_name="+", through="PolicyClient"
    )
    configuration_items = models.ManyToManyField(  # type: ignore[var-annotated]
        "cmdb.ConfigurationItem", blank=True, related_name="+", through="PolicyItem"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("oncall:policy-detail", self.pk)


class PolicyClient(QuickLoading):
    """A client's pages follow one policy."""

    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE)
    client = models.OneToOneField("accounts.Client", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.client_id} -> {self.policy_id}"


class PolicyItem(QuickLoading):
    """A configuration item's pages follow one policy (before its client's)."""

    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE)
    configuration_item = models.OneToOneField("cmdb.ConfigurationItem", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.configuration_item_id} -> {self.policy_id}"


class EscalationStep(QuickLoading):
    policy = models.ForeignKey(EscalationPolicy, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    wait_minutes = models.PositiveIntegerField(default=15)
    """How long the step's targets have to acknowledge before the next step is paged."""

    class Meta:
        ordering = ["policy", "position"]
        constraints = [models.UniqueConstraint(fields=["policy", "position"], name="step_position_once")]

    def __str__(self) -> str:
        return f"{self.policy.name} step {self.position}"


class StepTarget(QuickLoading):
    step = models.ForeignKey(EscalationStep, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=20, choices=TargetKind.choices)
    schedule = models.ForeignKey(Schedule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=TargetKind.SCHEDULE, schedule__isnull=False, user__isnull=True)
                    | Q(kind=TargetKind.USER, user__isnull=False, schedule__isnull=True)
                    | Q(kind=TargetKind.INCIDENT_MANAGERS, user__isnull=True, schedule__isnull=True)
                ),
                name="step_target_names_one",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Page(TimeStampedModel):
    """Someone must act: the policy's steps are paged in turn until one person acknowledges."""

    audit_type = "oncall_page"

    key = models.CharField(max_length=200, unique=True)
    """What the page is about, once (an SLA clock's breach, an incident raised): a second trigger is the same page."""
    policy = models.ForeignKey(EscalationPolicy, on_delete=models.PROTECT, related_name="pages")
    source = models.CharField(max_length=30, choices=PageSource.choices)
    summary = models.CharField(max_length=300)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="oncall_pages"
    )
    status = models.CharField(max_length=20, choices=PageStatus.choices, default=PageStatus.TRIGGERED)
    step = models.PositiveSmallIntegerField(default=0)
    """The index of the step paged last (0: the first)."""
    round = models.PositiveSmallIntegerField(default=0)
    next_step_at = models.DateTimeField(null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_step_at"], name="page_due")]

    def __str__(self) -> str:
        return self.summary

    def get_absolute_url(self) -> str:
        return reverse("oncall:page-list") + f"#page-{self.pk}"


class PageNotice(QuickLoading):
    """One person paged at one step of one round: what the load metric counts and the link acknowledges."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oncall_notices")
    step = models.PositiveSmallIntegerField()
    round = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "user", "step", "round"], name="page_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} paged for {self.page_id}"
