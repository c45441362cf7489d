"""The roles of the reference environment; the permission policy grants actions per role."""

from django.db import models


class Role(models.TextChoices):
    INCIDENT_MANAGER = "incident_manager", "Incident manager"
    TECHNICAL_SUPPORT = "technical_support", "Technical support"
    ACCOUNT_MANAGER = "account_manager", "Account manager"
    EXECUTIVE = "executive", "Executive"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
    CLIENT_CONTACT = "client_contact", "Client contact"
