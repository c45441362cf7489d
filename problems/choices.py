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


PROBLEM_TRANSITIONS: dict[str, frozenset[str]] = {
    ProblemStatus.OPEN: frozenset({ProblemStatus.INVESTIGATING, ProblemStatus.RESOLVED, ProblemStatus.CLOSED}),
    ProblemStatus.INVESTIGATING: frozenset({ProblemStatus.RESOLVED, ProblemStatus.CLOSED}),
    ProblemStatus.RESOLVED: frozenset({ProblemStatus.CLOSED, ProblemStatus.INVESTIGATING}),
    ProblemStatus.CLOSED: frozenset(),
}
"""A resolved problem reopens to investigating; closed is final."""
