"""Every write to change and rollback requests: SOPs 12 and 13."""

from changes.services.approvals import (
    change_deciders,
    change_requesters,
    rollback_deciders,
    rollback_requesters,
)
from changes.services.changes import (
    CHANGE_FIELDS,
    NEEDS_APPROVAL,
    change_actions,
    change_apply_decision,
    change_create,
    change_next_statuses,
    change_request_allowed,
    change_transition,
    rollback_apply_decision,
    rollback_create,
    rollback_next_statuses,
    rollback_transition,
)

__all__ = [
    "CHANGE_FIELDS",
    "NEEDS_APPROVAL",
    "change_actions",
    "change_apply_decision",
    "change_create",
    "change_deciders",
    "change_next_statuses",
    "change_request_allowed",
    "change_requesters",
    "change_transition",
    "rollback_apply_decision",
    "rollback_create",
    "rollback_deciders",
    "rollback_next_statuses",
    "rollback_requesters",
    "rollback_transition",
]
