from django.db import models


class ReferenceType(models.TextChoices):
    ESCALATION = "escalation", "Escalation"
    BRIDGE = "bridge", "Bridge"
    CHANGE = "change", "Change"
    ROLLBACK = "rollback", "Rollback"
    INCIDENT_CLOSURE = "incident_closure", "Incident closure"
    RCA = "rca", "Root cause analysis"


class RequestedAction(models.TextChoices):
    CREATE_ESCALATION = "create_escalation", "Create escalation"
    INITIATE_BRIDGE = "initiate_bridge", "Initiate bridge"
    CREATE_CHANGE_REQUEST = "create_change_request", "Create change request"
    CREATE_ROLLBACK_REQUEST = "create_rollback_request", "Create rollback request"
    CLOSE_INCIDENT = "close_incident", "Close incident"
    CONDUCT_RCA = "conduct_rca", "Conduct RCA"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"


ACTION_FOR: dict[str, str] = {
    ReferenceType.ESCALATION: RequestedAction.CREATE_ESCALATION,
    ReferenceType.BRIDGE: RequestedAction.INITIATE_BRIDGE,
    ReferenceType.CHANGE: RequestedAction.CREATE_CHANGE_REQUEST,
    ReferenceType.ROLLBACK: RequestedAction.CREATE_ROLLBACK_REQUEST,
    ReferenceType.INCIDENT_CLOSURE: RequestedAction.CLOSE_INCIDENT,
    ReferenceType.RCA: RequestedAction.CONDUCT_RCA,
}
"""Each reference type has one requested action in the reference environment."""
