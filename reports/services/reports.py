"""SOP 18: incident reports on resolved or closed incidents, from draft to archive."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Conflict, Duplicate
from core.numbering import number_in_insert
from core.permissions import require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
from incidents.hooks import IncidentEvent
from incidents.models import Incident
from reports.choices import ReportStatus, ReportType
from reports.models import IncidentReport
from reports.rendering import default_report_content
from reports.services._common import incident_require_finished, lifecycle_move
from reports.transitions import REPORT_TRANSITIONS

EDITABLE = ("report_title", "report_content")


def report_create_closure_draft(*, actor: Actor, incident: Incident) -> IncidentReport:
    """SOP 2.2 step 5: closing an incident drafts its post-mortem report (unless one exists). Runs inside the
    closing transaction."""
    existing = _current_report(incident, ReportType.POST_INCIDENT_REVIEW)
    if existing is not None:
        return existing
    report = IncidentReport.objects.create(
        report_number=number_in_insert("RPT"),
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


def _current_report(incident: Incident, report_type: str) -> IncidentReport | None:
    """The incident's report of this type that is not archived (one at most, by constraint)."""
    return (
        IncidentReport.objects.filter(incident=incident, report_type=report_type)
        .exclude(report_status=ReportStatus.ARCHIVED)
        .first()
    )


def _type_label(report_type: str) -> str:
    return str(ReportType(report_type).label) if report_type in ReportType.values else report_type


@transaction.atomic
def report_create(
    *, actor: Actor, incident: Incident, report_type: str, report_title: str = "", report_content: str = ""
) -> IncidentReport:
    """SOP 18: a report on a resolved or closed incident, drafted from what the incident holds unless given."""
    require(actor, "reports.manage")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    incident_require_finished(incident)
    cleaned = clean_fields(
        IncidentReport,
        {
            "report_type": report_type,
            "report_title": report_title or f"{_type_label(report_type)} - {incident.incident_number}",
            "report_content": report_content,
        },
        allowed=("report_type", "report_title", "report_content"),
        required=("report_type", "report_title"),
    )
    existing = _current_report(incident, cleaned["report_type"])
    if existing is not None:
        raise Duplicate(
            f"{incident.incident_number} already has a {_type_label(cleaned['report_type']).lower()} report: "
            f"{existing.report_number}.",
            code="report_exists",
        )
    if not cleaned.get("report_content"):
        cleaned["report_content"] = default_report_content(incident, cleaned["report_type"])
    report = IncidentReport.objects.create(
        report_number=number_in_insert("RPT"),
        incident=incident,
        generated_by_id=actor.user_id,
        report_status=ReportStatus.DRAFT,
        **cleaned,
    )
    audit_log_created(actor=actor, record=report, fields=["report_number", "report_type"], parent=incident)
    return report


@transaction.atomic
def report_update(*, actor: Actor, report: IncidentReport, data: Mapping[str, Any]) -> IncidentReport:
    """Edit a report's title and content while it is a draft."""
    require(actor, "reports.manage")
    report = IncidentReport.objects.select_for_update().get(pk=report.pk)
    if report.report_status != ReportStatus.DRAFT:
        raise Conflict(
            f"{report.report_number} is {report.report_status}; only drafts are edited.", code="report_not_draft"
        )
    cleaned = clean_fields(IncidentReport, dict(data), allowed=EDITABLE)
    changes = model_update(instance=report, data=cleaned, fields=EDITABLE)
    if changes:
        audit_log(actor=actor, record=report, action="update", changes=changes, parent=report.incident)
    return report


@transaction.atomic
def report_transition(*, actor: Actor, report: IncidentReport, status: str) -> IncidentReport:
    """Complete a draft, approve (reports.approve) a completed report, archive an approved one."""
    require(actor, "reports.approve" if status == ReportStatus.APPROVED else "reports.manage")
    report = IncidentReport.objects.select_for_update().select_related("incident").get(pk=report.pk)
    lifecycle_move(
        actor=actor, record=report, transitions=REPORT_TRANSITIONS, status=status, label=report.report_number,
        field="report_status", parent=report.incident,
    )  # fmt: skip
    return report


def report_draft_on_closure(event: IncidentEvent) -> None:
    """SOP 2.2 step 5, as the incident closes: its post-incident report is drafted in the same transaction."""
    if event.incident.status == IncidentStatus.CLOSED and event.old.get("status") != IncidentStatus.CLOSED:
        report_create_closure_draft(actor=event.actor, incident=event.incident)
