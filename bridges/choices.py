from django.db import models


class BridgeType(models.TextChoices):
    MAJOR_INCIDENT = "major_incident", "Major incident"
    COORDINATION = "coordination", "Coordination"
    TECHNICAL = "technical", "Technical"


class BridgeStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ParticipantRole(models.TextChoices):
    HOST = "host", "Host"
    TECHNICAL_SUPPORT = "technical_support", "Technical support"
    ACCOUNT_MANAGER = "account_manager", "Account manager"
    EXECUTIVE = "executive", "Executive"
