from django.db import models


class ProblemStatus(models.TextChoices):
    OPEN = "open", "Open"
    INVESTIGATING = "investigating", "Investigating"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


class ProblemCategory(models.TextChoices):
    DATABASE = "database", "Database"
    NETWORK = "network", "Network"
    SECURITY = "security", "Security"
    HARDWARE = "hardware", "Hardware"
    SOFTWARE = "software", "Software"
