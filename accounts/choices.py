from django.db import models

from core.roles import Role

__all__ = ["ClientStatus", "CompanyType", "PreferredCommunication", "Role", "SupportCoverage", "UserStatus"]


class UserStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"


class CompanyType(models.TextChoices):
    ENTERPRISE = "enterprise", "Enterprise"
    MID_MARKET = "mid_market", "Mid-market"
    SMB = "smb", "Small and medium business"
    STARTUP = "startup", "Startup"


class SupportCoverage(models.TextChoices):
    TWENTY_FOUR_SEVEN = "24x7", "24x7"
    BUSINESS_HOURS = "business_hours", "Business hours"
    ON_CALL = "on_call", "On call"


class PreferredCommunication(models.TextChoices):
    EMAIL = "email", "Email"
    PORTAL = "portal", "Portal"
    SLACK = "slack", "Slack"
    PHONE = "phone", "Phone"


class ClientStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
