from django.db import models


class Rotation(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    HOURS = "hours", "Every N hours"


class TargetKind(models.TextChoices):
    SCHEDULE = "schedule", "On call in a schedule"
    USER = "user", "A person"
    INCIDENT_MANAGERS = "incident_managers", "Every incident manager"


class PageStatus(models.TextChoices):
    TRIGGERED = "triggered", "Triggered"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    EXHAUSTED = "exhausted", "Nobody acknowledged"


class PageSource(models.TextChoices):
    SLA_BREACH = "sla_breach", "SLA breach"
    SLA_WARNING = "sla_warning", "SLA breach warning"
    MAJOR_INCIDENT = "major_incident", "Major incident raised"
    NO_INCIDENT_MANAGER = "no_incident_manager", "Major incident without an incident manager"
    ALERT = "alert", "Alert"
