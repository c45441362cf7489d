from django.db import models


class CommunicationType(models.TextChoices):
    STATUS_UPDATE = "status_update", "Status update"
    ESCALATION_NOTICE = "escalation_notice", "Escalation notice"
    BRIDGE_INVITATION = "bridge_invitation", "Bridge invitation"
    RESOLUTION_NOTICE = "resolution_notice", "Resolution notice"


class RecipientType(models.TextChoices):
    CLIENT = "client", "Client"
    INTERNAL = "internal", "Internal"
    EXECUTIVE = "executive", "Executive"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PORTAL = "portal", "Portal"
    SMS = "sms", "SMS"
    PHONE = "phone", "Phone"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class PublicStatus(models.TextChoices):
    INVESTIGATING = "investigating", "Investigating"
    IDENTIFIED = "identified", "Identified"
    MONITORING = "monitoring", "Monitoring"
    RESOLVED = "resolved", "Resolved"
