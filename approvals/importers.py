"""Reference data set tables owned by approvals."""

from typing import Any

from approvals.choices import ACTION_FOR
from approvals.models import ApprovalRequest
from core.importing import TableSpec, register
from core.importing.registry import ImportContext

REFERENCE_TABLES = {
    "escalation": "escalations",
    "bridge": "bridges",
    "change": "change_requests",
    "rollback": "rollback_requests",
    "incident_closure": "incidents",
    "rca": "root_cause_analyses",
}


def _reference_exists(row: dict[str, Any], ctx: ImportContext) -> str | None:
    table = REFERENCE_TABLES[row["reference_type"]]
    if row["reference_id"] not in ctx.ids.get(table, set()):
        return f"reference_id {row['reference_id']} does not exist in {table}"
    if ACTION_FOR[row["reference_type"]] != row["requested_action"]:
        return f"requested_action {row['requested_action']} does not fit reference_type {row['reference_type']}"
    return None


register(
    TableSpec(
        table="approval_requests",
        model=ApprovalRequest,
        id_key="approval_id",
        order=150,
        columns=("reference_type", "reference_id", "requested_action", "status", "requested_at", "responded_at"),
        renames={"requested_by": "requested_by_id", "approver": "approver_id"},
        references={"requested_by_id": "users", "approver_id": "users"},
        required=("reference_type", "reference_id", "requested_action", "approver_id", "status"),
        checks=(_reference_exists,),
    )
)
