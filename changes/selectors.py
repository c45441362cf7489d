"""Reads of change and rollback requests (internal: client contacts see none)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from changes.models import ChangeRequest, RollbackRequest
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import scope


def change_list(*, actor: Actor | User) -> QuerySet[ChangeRequest]:
    return scope(ChangeRequest.objects.select_related("requested_by", "approved_by", "incident", "problem"), actor)


def change_get(*, actor: Actor | User, pk: int | str) -> ChangeRequest:
    return visible_get(change_list(actor=actor), pk, noun="change")


def change_detail(*, actor: Actor | User, pk: int | str) -> dict[str, Any]:
    from approvals.selectors import approvals_for

    change = change_get(actor=actor, pk=pk)
    return {
        "change": change,
        "approvals": list(approvals_for(reference_type="change", reference_id=change.pk)),
        "rollbacks": list(change.rollbacks.select_related("requested_by", "incident")),
    }


def rollback_list(*, actor: Actor | User) -> QuerySet[RollbackRequest]:
    return scope(RollbackRequest.objects.select_related("change", "incident", "requested_by"), actor)
