"""Reference data set tables owned by reports: RCAs, post-incident reviews and incident reports."""

from typing import Any

from core.importing import TableSpec, register
from core.importing.registry import ImportContext
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis


def _has_subject(row: dict[str, Any], ctx: ImportContext) -> str | None:
    """Historical RCAs may name an incident and its problem together; none may name neither."""
    if row.get("incident_id") is None and row.get("problem_id") is None:
        return "an RCA analyses an incident or a problem ticket"
    return None


register(
    TableSpec(
        table="root_cause_analyses",
        model=RootCauseAnalysis,
        id_key="rca_id",
        order=130,
        columns=(
            "rca_number",
            "rca_title",
            "incident_id",
            "analysis_method",
            "root_cause_summary",
            "status",
            "due_date",
            "completed_at",
            "created_at",
            "updated_at",
        ),
        renames={
            "problem_ticket_id": "problem_id",
            "assigned_to": "assigned_to_id",
            "approved_by": "approved_by_id",
            "reported_by": "reported_by_id",
        },
        references={
            "incident_id": "incidents",
            "problem_id": "problem_tickets",
            "assigned_to_id": "users",
            "approved_by_id": "users",
            "reported_by_id": "users",
        },
        required=("rca_number", "rca_title", "analysis_method", "status", "assigned_to_id"),
        unique=("rca_number",),
        checks=(_has_subject,),
        number=("rca_number", "RCA"),
    )
)
register(
    TableSpec(
        table="post_incident_reviews",
        model=PostIncidentReview,
        id_key="review_id",
        order=135,
        columns=(
            "incident_id",
            "scheduled_date",
            "review_notes",
            "lessons_learned",
            "action_items",
            "status",
            "created_at",
        ),
        renames={"facilitator": "facilitator_id", "created_by": "created_by_id"},
        references={"incident_id": "incidents", "facilitator_id": "users", "created_by_id": "users"},
        required=("incident_id", "scheduled_date", "facilitator_id", "status"),
    )
)
register(
    TableSpec(
        table="incident_reports",
        model=IncidentReport,
        id_key="report_id",
        order=140,
        columns=("report_number", "report_title", "incident_id", "report_type", "report_content", "generation_date"),
        renames={"generated_by": "generated_by_id", "report_status": "report_status"},
        references={"incident_id": "incidents", "generated_by_id": "users"},
        required=("report_number", "report_title", "incident_id", "report_type", "report_status"),
        unique=("report_number",),
        number=("report_number", "RPT"),
    )
)
