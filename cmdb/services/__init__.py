"""Every write to configuration items and their client assignments."""

from cmdb.services.configuration_items import (
    CI_FIELDS,
    CI_REQUIRED,
    ci_assign_client,
    ci_create,
    ci_unassign_client,
    ci_update,
)

__all__ = [
    "CI_FIELDS",
    "CI_REQUIRED",
    "ci_assign_client",
    "ci_create",
    "ci_unassign_client",
    "ci_update",
]
