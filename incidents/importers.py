"""Reference data set tables owned by incidents: incidents, their CI links, notes, escalations, attachments."""

from typing import Any

from core.importing import TableSpec, register
from core.importing.registry import ImportContext
from incidents.models import Attachment, Escalation, Incident, IncidentCI, WorkNote

ATTACHMENT_TABLES = {
    "incident": "incidents",
    "problem": "problem_tickets",
    "change": "change_requests",
    "rollback": "rollback_requests",
    "rca": "root_cause_analyses",
    "report": "incident_reports",
    "pir": "post_incident_reviews",
    "communication": "communications",
}


def _one_parent(row: dict[str, Any], ctx: ImportContext) -> str | None:
    if (row.get("incident_id") is None) == (row.get("problem_id") is None):
        return "a work note documents exactly one incident or one problem ticket"
    return None


def _attachment_reference_exists(row: dict[str, Any], ctx: ImportContext) -> str | None:
    """Checked against every table this installation models; others are accepted as metadata."""
    table = ATTACHMENT_TABLES.get(row["reference_type"])
    if table in ctx.ids and row["reference_id"] not in ctx.ids[table]:
        return f"reference_id {row['reference_id']} does not exist in {table}"
    return None


register(
    TableSpec(
        table="incidents",
        model=Incident,
        id_key="incident_id",
        order=70,
        columns=(
            "incident_number",
            "title",
            "description",
            "category",
            "severity",
            "impact",
            "urgency",
            "status",
            "problem_id",
            "detection_time",
            "acknowledged_at",
            "resolved_at",
            "closed_at",
            "created_at",
            "updated_at",
        ),
        renames={"reported_by": "reported_by_id", "assigned_to": "assigned_to_id"},
        references={"reported_by_id": "users", "assigned_to_id": "users", "problem_id": "problem_tickets"},
        required=("incident_number", "title", "category", "severity", "impact", "urgency", "status", "reported_by_id"),
        unique=("incident_number",),
        number=("incident_number", "INC"),
    )
)
register(
    TableSpec(
        table="incident_configuration_items",
        model=IncidentCI,
        id_key="incident_ci_id",
        order=80,
        columns=("incident_id", "ci_id", "created_at"),
        references={"incident_id": "incidents", "ci_id": "configuration_items"},
        required=("incident_id", "ci_id"),
        unique=(("incident_id", "ci_id"),),
    )
)
register(
    TableSpec(
        table="work_notes",
        model=WorkNote,
        id_key="note_id",
        order=90,
        columns=("incident_id", "note_text", "note_type", "created_at"),
        renames={"problem_ticket_id": "problem_id", "created_by": "created_by_id", "created_at": "updated_at"},
        references={"incident_id": "incidents", "problem_id": "problem_tickets", "created_by_id": "users"},
        required=("note_text", "note_type"),
        checks=(_one_parent,),
    )
)
register(
    TableSpec(
        table="escalations",
        model=Escalation,
        id_key="escalation_id",
        order=100,
        columns=("incident_id", "escalation_reason", "status", "requested_at", "responded_at"),
        renames={"escalated_from": "escalated_from_id", "escalated_to": "escalated_to_id"},
        references={"incident_id": "incidents", "escalated_from_id": "users", "escalated_to_id": "users"},
        required=("incident_id", "escalated_to_id", "escalation_reason", "status"),
    )
)
register(
    TableSpec(
        table="attachments",
        model=Attachment,
        id_key="attachment_id",
        order=190,
        columns=(
            "reference_type",
            "reference_id",
            "file_name",
            "file_url",
            "file_type",
            "file_size_bytes",
            "uploaded_at",
        ),
        renames={"uploaded_by": "uploaded_by_id"},
        references={"uploaded_by_id": "users"},
        required=("reference_type", "reference_id", "file_name", "file_type", "file_size_bytes"),
        checks=(_attachment_reference_exists,),
    )
)
