from django.db import models


class ChangeType(models.TextChoices):
    STANDARD = "standard", "Standard"
    NORMAL = "normal", "Normal"
    EMERGENCY = "emergency", "Emergency"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class ChangeStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    SCHEDULED = "scheduled", "Scheduled"
    IMPLEMENTED = "implemented", "Implemented"
    CANCELLED = "cancelled", "Cancelled"


class RollbackStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    EXECUTED = "executed", "Executed"
    FAILED = "failed", "Failed"


_C = ChangeStatus
CHANGE_TRANSITIONS: dict[str, frozenset[str]] = {
    _C.REQUESTED: frozenset({_C.APPROVED, _C.DENIED, _C.SCHEDULED, _C.CANCELLED}),
    _C.SCHEDULED: frozenset({_C.APPROVED, _C.DENIED, _C.IMPLEMENTED, _C.CANCELLED}),
    _C.APPROVED: frozenset({_C.SCHEDULED, _C.IMPLEMENTED, _C.CANCELLED}),
    _C.DENIED: frozenset(),
    _C.IMPLEMENTED: frozenset(),
    _C.CANCELLED: frozenset(),
}
"""Implementation additionally needs the change's required approval (see changes.services)."""

_R = RollbackStatus
ROLLBACK_TRANSITIONS: dict[str, frozenset[str]] = {
    _R.REQUESTED: frozenset({_R.APPROVED}),
    _R.APPROVED: frozenset({_R.EXECUTED, _R.FAILED}),
    _R.EXECUTED: frozenset(),
    _R.FAILED: frozenset(),
}
