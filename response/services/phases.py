"""The response cycle's records and gates: write a phase's record, submit it, and have someone else review it.

Gated records (triage, mitigation, post-mortem, and the RCA for the root cause) are approved or sent back by a
reviewer who is not their author; the decision lands in the incident's timeline. Closing an incident whose
required gates are not approved is refused, naming the gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.lookups import acting_user
from accounts.models import User
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, InvalidInput, NotPermitted
from core.models import AuditAction
from core.permissions import can, require
from incidents.hooks import IncidentEvent
from incidents.models import Incident
from incidents.services.notes import work_note_add
from response.choices import GATE_LABELS, REQUIRED_GATES, Phase, RecordStatus
from response.content import clean_content
from response.models import PhaseRecord
from response.transitions import PHASE_RECORD_TRANSITIONS

GATED_RECORDS = (Phase.TRIAGE, Phase.MITIGATION, Phase.POST_MORTEM)


def _record(incident: Incident, phase: str, *, lock: bool = True) -> PhaseRecord | None:
    records = PhaseRecord.objects.select_for_update() if lock else PhaseRecord.objects
    return records.filter(incident=incident, phase=phase).first()


@transaction.atomic
def phase_save(*, actor: Actor, incident: Incident, phase: str, content: Mapping[str, Any]) -> PhaseRecord:
    """Write (or rewrite) a phase's record. An approved gate is final; a sent-back one becomes a draft again."""
    require(actor, "cycle.edit")
    if phase not in Phase.values:
        raise InvalidInput(fields={"phase": f"Unknown phase {phase!r}."})
    cleaned = clean_content(phase, content)
    record = _record(incident, phase)
    if record is None:
        record = PhaseRecord.objects.create(incident=incident, phase=phase, content=cleaned, author_id=actor.user_id)
        audit_log_created(actor=actor, record=record, fields=["phase", "status"], parent=incident)
        return record
    if not PHASE_RECORD_TRANSITIONS[record.status]:
        raise Conflict(f"The {record.get_phase_display().lower()} is {record.status} and final.", code="record_final")
    changes: dict[str, tuple[Any, Any]] = {
        f"content.{name}": (record.content.get(name), cleaned.get(name))
        for name in sorted(set(record.content) | set(cleaned))
        if record.content.get(name) != cleaned.get(name)
    }
    if record.status != RecordStatus.DRAFT:
        changes["status"] = (record.status, RecordStatus.DRAFT)
    if not changes:
        return record
    record.content, record.status, record.updated_at = cleaned, RecordStatus.DRAFT, timezone.now()
    record.save()
    audit_log(actor=actor, record=record, action=AuditAction.UPDATE, changes=changes, parent=incident)
    return record


@transaction.atomic
def phase_submit(*, actor: Actor, incident: Incident, phase: str) -> PhaseRecord:
    """Put a gated record up for review."""
    require(actor, "cycle.edit")
    record = _record(incident, phase)
    if phase not in GATED_RECORDS or record is None:
        raise Conflict("Only a written triage, mitigation or post-mortem record is reviewed.", code="nothing_to_review")
    if RecordStatus.SUBMITTED not in PHASE_RECORD_TRANSITIONS[record.status]:
        raise Conflict(f"The record is {record.get_status_display().lower()}.", code="not_a_draft")
    record.status = RecordStatus.SUBMITTED
    record.save(update_fields=["status"])
    audit_log(
        actor=actor,
        record=record,
        action=AuditAction.UPDATE,
        changes={"status": ("draft", "submitted")},
        parent=incident,
    )
    return record


def review_author_refuse(reviewer: User | None, author_ids: set[int | None], what: str) -> None:
    """A gate is never passed by the person who wrote its record."""
    if reviewer is None or reviewer.pk in author_ids:
        raise NotPermitted(f"You wrote this {what}; someone else must review it.", code="cannot_review_own_record")


@transaction.atomic
def phase_review(*, actor: Actor, incident: Incident, phase: str, approve: bool, comment: str = "") -> PhaseRecord:
    """Approve a submitted gate record or send it back with a comment; the decision is in the timeline."""
    require(actor, "gates.review")
    record = _record(incident, phase)
    if record is None or record.status != RecordStatus.SUBMITTED:
        raise Conflict("This gate has no record waiting for review.", code="gate_not_submitted")
    review_author_refuse(acting_user(actor), {record.author_id}, record.get_phase_display().lower())
    if not approve and not comment.strip():
        raise InvalidInput(fields={"comment": "Say what needs revising."}, code="comment_required")
    decision = RecordStatus.APPROVED if approve else RecordStatus.REVISION
    record.status, record.reviewer, record.reviewed_at, record.review_comment = (
        decision,
        acting_user(actor),
        timezone.now(),
        comment,
    )
    record.save(update_fields=["status", "reviewer", "reviewed_at", "review_comment"])
    audit_log(
        actor=actor,
        record=record,
        action=AuditAction.UPDATE,
        changes={"status": ("submitted", decision)},
        parent=incident,
    )
    label = GATE_LABELS[phase].capitalize()
    who = actor.user.full_name if actor.user else "the system"
    work_note_add(
        actor=actor,
        incident=incident,
        text=f"{label} gate approved by {who}." if approve else f"{label} gate sent back by {who}: {comment.strip()}",
    )
    return record


def phase_gate_passed(incident: Incident, gate: str) -> bool:
    if gate == "root_cause":
        return incident.rcas.filter(status="approved").exists()
    return PhaseRecord.objects.filter(incident=incident, phase=gate, status=RecordStatus.APPROVED).exists()


def phase_gates_open(incident: Incident) -> list[str]:
    """The gates this incident's severity requires that are not approved yet, in cycle order."""
    return [gate for gate in REQUIRED_GATES.get(incident.severity, ()) if not phase_gate_passed(incident, gate)]


def phase_gates_require_for_closure(event: IncidentEvent) -> None:
    """Closing with a required gate still open is refused, naming the gate."""
    incident = event.incident
    missing = phase_gates_open(incident)
    if missing:
        names = ", ".join(GATE_LABELS[gate] for gate in missing)
        verb = "gates are" if len(missing) > 1 else "gate is"
        raise Conflict(
            f"{incident.incident_number} cannot close: the {names} {verb} not approved.",
            code="gate_open",
            fields={"gates": [GATE_LABELS[gate] for gate in missing]},
        )


def phase_actions(*, actor: Actor, phase: str, record: PhaseRecord | None) -> frozenset[str]:
    """What the actor may do on a phase's page now: `edit`, `submit`, `review` (never their own record),
    `send` (the stakeholder update), `generate` (the post-mortem draft), `add_action_item`."""
    status = record.status if record is not None else RecordStatus.DRAFT
    editable = bool(PHASE_RECORD_TRANSITIONS[status]) and status != RecordStatus.SUBMITTED
    submitted = record is not None and status == RecordStatus.SUBMITTED
    offered = {
        "edit": can(actor, "cycle.edit") and editable,
        "submit": phase in GATED_RECORDS
        and record is not None
        and status == RecordStatus.DRAFT
        and can(actor, "cycle.edit"),
        "review": phase in GATED_RECORDS
        and submitted
        and can(actor, "gates.review")
        and record is not None
        and record.author_id != actor.user_id,
        "own_record_waits": phase in GATED_RECORDS
        and submitted
        and record is not None
        and record.author_id == actor.user_id,
        "send": phase == Phase.COMMUNICATION
        and record is not None
        and status == RecordStatus.DRAFT
        and can(actor, "communications.send"),
        "generate": phase == Phase.POST_MORTEM and editable and can(actor, "cycle.edit"),
        "add_action_item": phase == Phase.POST_MORTEM and can(actor, "actions.manage"),
    }
    return frozenset(name for name, allowed in offered.items() if allowed)
