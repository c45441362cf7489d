"""The incident page's timeline, curated: decisions, state changes and communications stand out; routine entries
(people joining a bridge, notes the system writes for each step) are folded away unless asked for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BigIntegerField, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from accounts.models import User
from core.models import AuditRecord
from incidents.choices import IncidentStatus, ResolutionCode
from incidents.models import Incident

KINDS = {
    "decision": "Decisions",
    "state": "State changes",
    "communication": "Communications",
    "note": "Notes",
    "routine": "Routine",
}
SHOWN_BY_DEFAULT = frozenset({"decision", "state", "communication", "note"})
ROUTINE_PREFIXES = ("Bridge participant(s) added", "Bridge already closed", "Raised as ")
"""Notes the services write as a step of an SOP: on the record, but rarely what a responder looks for."""

STATUS_LABELS = dict(IncidentStatus.choices)


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    kind: str
    who: str
    title: str
    body: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _name(user: Any) -> str:
    return user.full_name if user is not None else "Tracer"


STATE_FIELDS = ("status", "severity", "assigned_to")


def holders_read(incident_id: int) -> QuerySet[User]:
    """The people the incident has been assigned to, as its trail names them (by id)."""
    ids = (
        AuditRecord.objects.filter(record_type="incident", record_id=incident_id, changes__has_key="assigned_to")
        .annotate(holder_text=KT("changes__assigned_to__1"))
        .filter(holder_text__regex=r"^[0-9]{1,18}$")
        .values(holder=Cast("holder_text", BigIntegerField()))
    )
    return User.objects.filter(pk__in=ids)


def _state_changes(incident: Incident, trail: Iterable[AuditRecord], users: dict[int, User]) -> Iterable[Entry]:
    changes = (
        (row, change)
        for row in trail
        if row.record_type == "incident" and row.record_id == incident.pk
        for change in row.field_changes
        if change.field_name in STATE_FIELDS
    )
    for row, change in changes:
        old, new = change.old_value or "", change.new_value or ""
        if change.field_name == "assigned_to":
            holder = users.get(int(new)) if new.isdigit() else None
            yield Entry(
                row.created_at, "decision", _name(row.actor), f"Held by {holder.full_name if holder else 'nobody'}"
            )
            continue
        labels = STATUS_LABELS if change.field_name == "status" else {}
        if row.action == "create":
            title = f"Raised as {labels.get(new, new)}" if change.field_name == "severity" else ""
            if title:
                yield Entry(row.created_at, "state", _name(row.actor), title)
            continue
        what = "Severity" if change.field_name == "severity" else "Status"
        title = f"{what}: {labels.get(old, old) or '—'} → {labels.get(new, new)}"
        yield Entry(row.created_at, "state", _name(row.actor), title)


def incident_timeline(
    incident: Incident, *, trail: list[AuditRecord], holders: list[User], notes: list[Any], escalations: list[Any],
    communications: list[Any], status_updates: list[Any], bridges: list[Any],
) -> list[Entry]:  # fmt: skip
    """Newest first: every kind of entry, each with its kind for the filter (`trail`: the incident's audit rows,
    oldest first, with its children's; `holders`: `holders_read`)."""
    entries = list(_state_changes(incident, trail, {user.pk: user for user in holders}))
    if incident.resolved_at and incident.resolution_code:
        code = dict(ResolutionCode.choices).get(incident.resolution_code, incident.resolution_code)
        entries.append(Entry(incident.resolved_at, "decision", "", f"Resolved: {code}", incident.resolution_notes))
    for note in notes:
        routine = note.created_by_id is None or note.note_text.startswith(ROUTINE_PREFIXES)
        kind = "routine" if routine else "note"
        title = note.get_note_type_display()
        entries.append(Entry(note.created_at, kind, _name(note.created_by), title, note.note_text))
    for escalation in escalations:
        entries.append(
            Entry(
                escalation.requested_at,
                "decision",
                _name(escalation.escalated_from),
                f"Escalated to {escalation.escalated_to.full_name} ({escalation.get_status_display().lower()})",
                escalation.escalation_reason,
            )
        )
    for item in communications:
        to = item.recipient.full_name if item.recipient else item.get_recipient_type_display()
        title = f"{item.get_communication_type_display()} to {to}"
        entries.append(Entry(item.created_at, "communication", _name(item.sender), title, item.message_content))
    for update in status_updates:
        title = f"Status page: {update.get_public_status_display()} · {update.headline}"
        entries.append(Entry(update.posted_at, "communication", _name(update.posted_by), title, update.message))
    for bridge in bridges:
        host = bridge.bridge_host.full_name
        entries.append(Entry(bridge.start_time, "state", host, f"Bridge {bridge.bridge_number} opened"))
        if bridge.end_time:
            entries.append(Entry(bridge.end_time, "state", host, f"Bridge {bridge.bridge_number} closed"))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def timeline_filter(entries: list[Entry], kind: str | None) -> tuple[list[Entry], dict[str, int]]:
    """The entries of one kind ("all" for every one; default: all but routine) and the count of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    for entry in entries:
        counts[entry.kind] += 1
    if kind == "all":
        return entries, counts
    if kind in KINDS:
        return [entry for entry in entries if entry.kind == kind], counts
    return [entry for entry in entries if entry.kind in SHOWN_BY_DEFAULT], counts
