"""Blameless post-mortems rendered from what the incident already holds, in the response playbook's format, and
when they are due (drafting and reminders are `response.services.postmortem`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from core.audit import audit_events
from incidents.models import Incident
from incidents.selectors import incident_timeline
from response.models import ActionItem, PhaseRecord

DUE_AFTER = dt.timedelta(hours=72)
MAJOR = ("P1", "P2")


def when(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M %Z") if value else "—"


def _duration(start: dt.datetime, end: dt.datetime | None) -> str:
    if end is None:
        return "ongoing"
    minutes = int((end - start).total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min"


def _event_text(event: Any) -> str | None:
    """A timeline line without names: blameless, about what the system and the response did."""
    fields = {change.field_name: change for change in event.changes}
    if event.record_type == "incident" and event.action == "create":
        return "Incident recorded"
    if event.record_type == "incident" and "status" in fields:
        return f"Status {fields['status'].old_value} → {fields['status'].new_value}"
    if event.record_type == "incident" and "severity" in fields:
        return f"Severity {fields['severity'].old_value} → {fields['severity'].new_value}"
    if event.record_type == "bridge" and event.action == "create":
        return "Bridge opened"
    if event.record_type == "bridge" and "status" in fields:
        return "Bridge closed"
    if event.record_type == "escalation" and event.action == "create":
        return "Escalated"
    if event.record_type == "phase_record" and "status" in fields:
        return f"Gate record {fields['status'].new_value}"
    if event.record_type == "status_update":
        return "Public status page updated"
    return None


def _sla_breached(incident: Incident) -> bool:
    finished = incident.resolved_at or incident.closed_at or timezone.now()
    responded = incident.acknowledged_at or timezone.now()
    return incident.slas.filter(Q(response_due_at__lt=responded) | Q(resolution_due_at__lt=finished)).exists()


def postmortem_markdown(incident: Incident) -> str:
    """The draft, from the timeline, impact, SLA breaches, root cause, mitigation and action items."""
    records = {record.phase: record.content for record in PhaseRecord.objects.filter(incident=incident)}
    triage, mitigation, learned = (
        records.get("triage", {}),
        records.get("mitigation", {}),
        records.get("post_mortem", {}),
    )
    rca = incident.rcas.order_by("-id").first()
    clients = sorted({sla.client.client_name for sla in incident.slas.select_related("client")})
    commander = incident.assigned_to.full_name if incident.assigned_to else "—"
    lines = [
        f"# Incident Report: {incident.title}",
        "",
        f"**Incident ID**: {incident.incident_number}  ",
        f"**Severity**: {incident.severity}  ",
        f"**Status**: {incident.get_status_display()}  ",
        f"**Incident Commander**: {commander}  ",
        f"**Started**: {when(incident.detection_time)}  ",
        f"**Resolved**: {when(incident.resolved_at)}  ",
        f"**Duration**: {_duration(incident.detection_time, incident.resolved_at)}",
        "",
        "---",
        "",
        "## Impact",
        "",
        f"**User Impact**: {triage.get('users_impact', '—')}  ",
        f"**Services**: {triage.get('services_impact', '—')}  ",
        f"**Data**: {triage.get('data_impact', '—')}  ",
        f"**Affected Clients**: {', '.join(clients) or '—'}  ",
        f"**SLA Breach**: {'Yes' if _sla_breached(incident) else 'No'}",
        "",
        "---",
        "",
        "## Timeline",
        "",
        "| Time | Event |",
        "|------|-------|",
    ]
    for event in audit_events(incident_timeline(incident=incident)):
        text = _event_text(event)
        if text:
            lines.append(f"| {when(event.created_at)} | {text} |")
    lines += ["", "---", "", "## Root Cause", ""]
    if rca:
        lines.append(rca.root_cause_summary or rca.analysis.get("root_cause", "") or "—")
        factors = list(rca.analysis.get("whys", [])) + [
            f"{bone}: {cause}" for bone, causes in (rca.analysis.get("causes") or {}).items() for cause in causes
        ]
        if rca.analysis.get("trigger"):
            lines += ["", f"**Trigger**: {rca.analysis['trigger']}"]
        if rca.analysis.get("contributing_factors"):
            factors.append(rca.analysis["contributing_factors"])
        if factors:
            lines += ["", "**Contributing Factors**:", *[f"- {factor}" for factor in factors]]
        if rca.analysis.get("systemic_factors"):
            lines += ["", f"**Systemic Factors**: {rca.analysis['systemic_factors']}"]
    else:
        lines.append("No root cause analysis yet.")
    lines += ["", "---", "", "## Mitigation", "", f"**Strategy**: {mitigation.get('strategy', '—')}", ""]
    for step in mitigation.get("steps", []):
        lines.append(f"- {step.get('step')}: {step.get('result', '')}")
    lines += [
        f"**Before / after**: {mitigation.get('metrics_before', '—')} / {mitigation.get('metrics_after', '—')}  ",
        f"**Residual risk**: {mitigation.get('residual_risk', '—')}",
        "",
        "---",
        "",
        "## Action Items",
        "",
        "| Action | Owner | Due Date | Status |",
        "|--------|-------|----------|--------|",
    ]
    for item in ActionItem.objects.filter(incident=incident).select_related("owner"):
        lines.append(
            f"| {item.title} | {item.owner.full_name} | {item.due_date:%Y-%m-%d} | {item.get_status_display()} |"
        )
    lines += [
        "",
        "---",
        "",
        "## Lessons Learned",
        "",
        f"**What Went Well**: {learned.get('went_well', '—')}  ",
        f"**What Went Wrong**: {learned.get('went_poorly', '—')}  ",
        f"**How to Improve**: {learned.get('lessons', '—')}",
        "",
    ]
    return "\n".join(lines)


def postmortem_due_at(incident: Incident) -> dt.datetime | None:
    """P1 and P2 post-mortems are due within 72 hours of resolution."""
    if incident.severity not in MAJOR or incident.resolved_at is None:
        return None
    return incident.resolved_at + DUE_AFTER
