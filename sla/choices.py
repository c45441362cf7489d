from django.db import models

from accounts.choices import SupportCoverage

__all__ = ["AgreementStatus", "SLATier", "SupportCoverage"]


class SLATier(models.TextChoices):
    PREMIUM = "premium", "Premium"
    STANDARD = "standard", "Standard"
    BASIC = "basic", "Basic"


class AgreementStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    EXPIRED = "expired", "Expired"
