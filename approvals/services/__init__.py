"""Every write to approval requests: SOP 20 (request) and SOP 19 (decide)."""

from approvals.services.approvals import (
    approval_decide,
    approval_request_create,
    self_approval_refuse,
)

__all__ = [
    "approval_decide",
    "approval_request_create",
    "self_approval_refuse",
]
