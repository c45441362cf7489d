"""Text of generated reports, and the Markdown rendering of any report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from incidents.models import Incident
    from reports.models import IncidentReport


def _when(value: object) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else "—"  # type: ignore[arg-type]


def default_report_content(incident: Incident, report_type: str) -> str:
    """A first draft from the incident's own record; the author completes it."""
    duration = ""
    if incident.resolved_at:
        minutes = int((incident.resolved_at - incident.detection_time).total_seconds() // 60)
        duration = f"{minutes // 60} h {minutes % 60} min"
    lines = [
        f"Incident: {incident.incident_number} - {incident.title}",
        f"Severity: {incident.severity}    Category: {incident.get_category_display()}",
        f"Detected: {_when(incident.detection_time)}",
        f"Acknowledged: {_when(incident.acknowledged_at)}",
        f"Resolved: {_when(incident.resolved_at)}" + (f" (after {duration})" if duration else ""),
        f"Closed: {_when(incident.closed_at)}",
        "",
        "Summary:",
        incident.description,
    ]
    if report_type == "client_impact":
        lines += ["", "Client impact:", "Which clients and services were affected, for how long, and what they saw."]
    elif report_type == "compliance":
        lines += ["", "Compliance:", "Obligations affected, notifications made and evidence kept."]
    else:
        lines += ["", "What went well:", "", "What went poorly:", "", "Lessons and action items:"]
    return "\n".join(lines)


def report_markdown(report: IncidentReport) -> str:
    """The report as a Markdown document for download."""
    incident = report.incident
    return "\n".join(
        [
            f"# {report.report_title}",
            "",
            f"- Report: {report.report_number} "
            f"({report.get_report_type_display()}, {report.get_report_status_display()})",
            f"- Incident: {incident.incident_number} - {incident.title}",
            f"- Generated: {_when(report.generation_date)}",
            "",
            report.report_content,
            "",
        ]
    )
