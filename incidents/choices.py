from django.db import models


class Category(models.TextChoices):
    NETWORK = "network", "Network"
    SOFTWARE = "software", "Software"
    HARDWARE = "hardware", "Hardware"
    DATABASE = "database", "Database"
    INQUIRY = "inquiry/help", "Inquiry / help"


class Severity(models.TextChoices):
    P1 = "P1", "P1 · critical"
    P2 = "P2", "P2 · high"
    P3 = "P3", "P3 · moderate"
    P4 = "P4", "P4 · low"


MAJOR_SEVERITIES = frozenset({Severity.P1, Severity.P2})
SEVERITY_RANK: dict[str, int] = {Severity.P1: 1, Severity.P2: 2, Severity.P3: 3, Severity.P4: 4}


class Level(models.TextChoices):
    """Impact and urgency."""

    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    MONITORING = "monitoring", "Monitoring"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


class ResolutionCode(models.TextChoices):
    """How an incident was resolved: asked when it moves to resolved, reported in metrics."""

    FIXED = "fixed", "Fixed at the source"
    WORKAROUND = "workaround", "Workaround in place"
    ROLLED_BACK = "rolled_back", "Change rolled back"
    CONFIGURATION = "configuration", "Configuration corrected"
    CAPACITY = "capacity", "Capacity added"
    THIRD_PARTY = "third_party", "Fixed by a third party"
    NO_FAULT_FOUND = "no_fault_found", "No fault found"
    DUPLICATE = "duplicate", "Duplicate of another incident"
    USER_ERROR = "user_error", "User error or request"
    SELF_RECOVERED = "self_recovered", "Recovered on its own (every alert resolved)"


class NoteType(models.TextChoices):
    PROGRESS_UPDATE = "progress_update", "Progress update"
    TROUBLESHOOTING = "troubleshooting", "Troubleshooting"
    RESOLUTION = "resolution", "Resolution"


class EscalationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    CANCELLED = "cancelled", "Cancelled"


class AttachmentReference(models.TextChoices):
    INCIDENT = "incident", "Incident"
    CHANGE = "change", "Change"
    RCA = "rca", "Root cause analysis"
    REPORT = "report", "Incident report"
    PIR = "pir", "Post-incident review"
    COMMUNICATION = "communication", "Communication"
    PROBLEM = "problem", "Problem"
