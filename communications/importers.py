"""Reference data set tables owned by communications: the records (delivery history as the data set has it)."""

from typing import Any

from communications.models import Communication
from core.importing import TableSpec, register
from core.importing.registry import ImportContext


def _one_subject(row: dict[str, Any], ctx: ImportContext) -> str | None:
    if (row.get("incident_id") is None) == (row.get("problem_id") is None):
        return "a communication is about exactly one incident or one problem ticket"
    return None


register(
    TableSpec(
        table="communications",
        model=Communication,
        id_key="communication_id",
        order=110,
        columns=(
            "incident_id",
            "communication_type",
            "recipient_type",
            "delivery_method",
            "message_content",
            "delivery_status",
            "sent_at",
            "created_at",
        ),
        renames={"problem_ticket_id": "problem_id", "sender": "sender_id", "recipient": "recipient_id"},
        references={
            "incident_id": "incidents",
            "problem_id": "problem_tickets",
            "sender_id": "users",
            "recipient_id": "users",
        },
        required=("communication_type", "recipient_type", "delivery_method", "message_content", "delivery_status"),
        checks=(_one_subject,),
    )
)
