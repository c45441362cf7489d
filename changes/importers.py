"""Reference data set tables owned by changes: change and rollback requests."""

from changes.models import ChangeRequest, RollbackRequest
from core.importing import TableSpec, register

register(
    TableSpec(
        table="change_requests",
        model=ChangeRequest,
        id_key="change_id",
        order=120,
        columns=(
            "change_number",
            "incident_id",
            "title",
            "description",
            "change_type",
            "risk_level",
            "status",
            "implementation_date",
            "created_at",
            "updated_at",
        ),
        renames={"problem_ticket_id": "problem_id", "requested_by": "requested_by_id", "approved_by": "approved_by_id"},
        references={
            "incident_id": "incidents",
            "problem_id": "problem_tickets",
            "requested_by_id": "users",
            "approved_by_id": "users",
        },
        required=("change_number", "title", "change_type", "risk_level", "status", "requested_by_id"),
        unique=("change_number",),
        number=("change_number", "CHG"),
    )
)
register(
    TableSpec(
        table="rollback_requests",
        model=RollbackRequest,
        id_key="rollback_id",
        order=125,
        columns=(
            "rollback_number",
            "change_id",
            "incident_id",
            "title",
            "rollback_reason",
            "status",
            "executed_at",
            "created_at",
        ),
        renames={"requested_by": "requested_by_id"},
        references={"change_id": "change_requests", "incident_id": "incidents", "requested_by_id": "users"},
        required=("rollback_number", "change_id", "title", "rollback_reason", "status", "requested_by_id"),
        unique=("rollback_number",),
        number=("rollback_number", "RBK"),
    )
)
