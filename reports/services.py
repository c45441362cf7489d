"""Writes of incident reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.actor import Actor
from core.audit import audit_log_created
from core.numbering import number_next
from reports.choices import ReportStatus, ReportType
from reports.models import IncidentReport

if TYPE_CHECKING:
    from incidents.models import Incident


def report_create_closure_draft(*, actor: Actor, incident: Incident) -> IncidentReport:
    """SOP 2.2 step 5: closing an incident drafts its post-mortem report. Runs inside the closing transaction."""
    report = IncidentReport.objects.create(
        report_number=number_next("RPT"),
        report_title=f"Post-incident review - {incident.incident_number}",
        incident=incident,
        report_type=ReportType.POST_INCIDENT_REVIEW,
        report_content=f"Incident {incident.incident_number} has been closed.",
        generated_by_id=actor.user_id,
        report_status=ReportStatus.DRAFT,
    )
    audit_log_created(
        actor=actor, record=report, fields=["report_number", "report_type", "report_status"], parent=incident
    )
    return report
