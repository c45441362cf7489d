"""SOP 14: work notes on exactly one incident or problem; edits are kept in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import NotPermitted, RuleViolation
from core.models import AuditAction
from core.permissions import can, require
from core.validation import clean_fields
from incidents.choices import NoteType
from incidents.models import Incident, WorkNote
from incidents.services.lifecycle import incident_writable_require

NOTE_FIELDS = ("note_text", "note_type")


def work_note_add(
    *,
    actor: Actor,
    text: str,
    incident: Incident | None = None,
    problem: Model | None = None,
    note_type: str = NoteType.PROGRESS_UPDATE,
) -> WorkNote:
    """Record a note as one step of another SOP (the caller has checked the permission and the rules)."""
    now = timezone.now()
    note = WorkNote.objects.create(
        incident=incident,
        problem_id=problem.pk if problem is not None else None,
        note_text=text,
        note_type=note_type,
        created_by_id=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    audit_log_created(actor=actor, record=note, fields=["note_type", "note_text"], parent=incident or problem)
    return note


@transaction.atomic
def work_note_create(
    *,
    actor: Actor,
    note_text: str,
    note_type: str = NoteType.PROGRESS_UPDATE,
    incident: Incident | None = None,
    problem: Model | None = None,
) -> WorkNote:
    """SOP 14: a note documents exactly one incident or one problem ticket."""
    require(actor, "incidents.note")
    if (incident is None) == (problem is None):
        raise RuleViolation(
            "A work note documents exactly one incident or one problem ticket.",
            code="note_target_required",
            fields={"incident": "Give an incident or a problem, not both."},
        )
    if incident is not None:
        incident_writable_require(incident)
    cleaned = clean_fields(
        WorkNote, {"note_text": note_text, "note_type": note_type}, allowed=NOTE_FIELDS, required=NOTE_FIELDS
    )
    return work_note_add(
        actor=actor, text=cleaned["note_text"], note_type=cleaned["note_type"], incident=incident, problem=problem
    )


@transaction.atomic
def work_note_update(*, actor: Actor, note: WorkNote, data: dict[str, Any]) -> WorkNote:
    """SOP 14: edit a note's text or type; the author may, and so may whoever holds notes.edit_any."""
    require(actor, "incidents.note")
    note = WorkNote.objects.select_for_update().get(pk=note.pk)
    if note.created_by_id != actor.user_id and not can(actor, "notes.edit_any"):
        raise NotPermitted("Only the author or an incident manager may edit this note.", code="not_note_author")
    cleaned = clean_fields(WorkNote, data, allowed=NOTE_FIELDS)
    changes = model_update(instance=note, data=cleaned, fields=NOTE_FIELDS)
    if changes:
        audit_log(
            actor=actor, record=note, action=AuditAction.UPDATE, changes=changes, parent=note.incident or note.problem
        )
    return note
