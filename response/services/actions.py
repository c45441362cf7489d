"""Action items: follow-up work with an owner, a priority, a due date and a horizon."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.lifecycle import check_move
from core.permissions import require
from core.timewindow import deadline_check
from core.validation import clean_fields
from incidents.models import Incident
from incidents.services.notes import work_note_add
from response.choices import ActionStatus
from response.models import ActionItem
from response.transitions import ACTION_ITEM_TRANSITIONS

FIELDS = ("title", "description", "priority", "horizon", "due_date", "source")
EDITABLE = ("title", "description", "priority", "horizon", "due_date", "owner")


@transaction.atomic
def action_item_create(*, actor: Actor, incident: Incident, owner: Any, **data: Any) -> ActionItem:
    """Add a follow-up with an active owner to an incident's post-mortem, RCA or review."""
    require(actor, "actions.manage")
    cleaned = clean_fields(ActionItem, data, allowed=FIELDS, required=("title", "due_date"))
    deadline_check(cleaned["due_date"])
    person = user_resolve(owner, field="owner", label="owner")
    item = ActionItem.objects.create(incident=incident, owner=person, created_by_id=actor.user_id, **cleaned)
    audit_log_created(actor=actor, record=item, fields=["title", "owner_id", "due_date", "priority"], parent=incident)
    return item


@transaction.atomic
def action_item_update(*, actor: Actor, item: ActionItem, data: Mapping[str, Any]) -> ActionItem:
    require(actor, "actions.manage")
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    cleaned = clean_fields(ActionItem, dict(data), allowed=EDITABLE, skip=("owner",))
    if cleaned.get("owner") is not None:
        cleaned["owner"] = user_resolve(cleaned["owner"], field="owner", label="owner")
    if "due_date" in cleaned and cleaned["due_date"] != item.due_date:
        deadline_check(cleaned["due_date"])
    changes = model_update(instance=item, data=cleaned, fields=EDITABLE)
    if changes:
        audit_log(actor=actor, record=item, action="update", changes=changes, parent=item.incident)
    return item


@transaction.atomic
def action_item_set_status(*, actor: Actor, item: ActionItem, status: str) -> ActionItem:
    """Start, complete, cancel or reopen an action item; completing one is recorded in its incident's timeline."""
    require(actor, "actions.manage")
    item = ActionItem.objects.select_for_update().select_related("incident").get(pk=item.pk)
    check_move(ACTION_ITEM_TRANSITIONS, current=item.status, target=status, label=f"Action item {item.pk}")
    changes: dict[str, tuple[Any, Any]] = {"status": (item.status, status)}
    completed = timezone.now() if status == ActionStatus.DONE else None
    changes["completed_at"] = (item.completed_at, completed)
    item.status, item.completed_at, item.updated_at = status, completed, timezone.now()
    item.save(update_fields=["status", "completed_at", "updated_at"])
    audit_log(actor=actor, record=item, action="update", changes=changes, parent=item.incident)
    if status == ActionStatus.DONE:
        who = actor.user.full_name if actor.user else "the system"
        work_note_add(actor=actor, incident=item.incident, text=f"Action item completed by {who}: {item.title}")
    return item
