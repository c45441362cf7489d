from django.db import models


class CIType(models.TextChoices):
    SERVER = "server", "Server"
    APPLICATION = "application", "Application"
    DATABASE = "database", "Database"
    NETWORK = "network", "Network"
    STORAGE = "storage", "Storage"
    SERVICE = "service", "Service"


class Environment(models.TextChoices):
    PRODUCTION = "production", "Production"
    STAGING = "staging", "Staging"
    TESTING = "testing", "Testing"
    DEVELOPMENT = "development", "Development"


class OperationalStatus(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    DEGRADED = "degraded", "Degraded"
    DOWN = "down", "Down"
