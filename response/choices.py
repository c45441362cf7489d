from django.db import models


class Phase(models.TextChoices):
    """The records of the TRACeR cycle; the root cause is the incident's RCA."""

    TRIAGE = "triage", "Triage assessment"
    COMMUNICATION = "communication", "Stakeholder communication"
    MITIGATION = "mitigation", "Mitigation report"
    POST_MORTEM = "post_mortem", "Post-mortem"


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    APPROVED = "approved", "Approved"
    REVISION = "revision", "Sent back for revision"
    SENT = "sent", "Sent"


GATED = (Phase.TRIAGE, Phase.MITIGATION, "root_cause", Phase.POST_MORTEM)
"""Gates a reviewer (never the author) approves or sends back; the root cause gate is the RCA's approval."""

GATE_LABELS = {
    Phase.TRIAGE: "triage",
    Phase.MITIGATION: "mitigation",
    "root_cause": "root cause",
    Phase.POST_MORTEM: "post-mortem",
}

REQUIRED_GATES: dict[str, tuple[str, ...]] = {
    "P1": GATED,
    "P2": GATED,
    "P3": (Phase.TRIAGE,),
    "P4": (),
}
"""Which gates must be approved before an incident may close, by severity."""

CYCLE = (
    ("triage", "Triage"),
    ("review", "Review"),
    ("action", "Action"),
    ("check", "Check"),
    ("resolve", "Resolve"),
    ("learn", "Learn"),
)
"""The TRACeR cycle as the incident page shows it, then Learn."""


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Horizon(models.TextChoices):
    QUICK_WIN = "quick_win", "Quick win"
    SHORT_TERM = "short_term", "Short term"
    LONG_TERM = "long_term", "Long term"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ActionSource(models.TextChoices):
    POST_MORTEM = "post_mortem", "Post-mortem"
    RCA = "rca", "Root cause analysis"
    PIR = "pir", "Post-incident review"
