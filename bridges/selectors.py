"""Reads of bridges and their participants."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from bridges.models import Bridge, BridgeParticipant
from core.actor import Actor
from core.permissions import register_scope, scope


@register_scope(Bridge)
def _bridge_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    from incidents.models import Incident

    return queryset.filter(incident__in=scope(Incident.objects.all(), user).values("pk"))


@register_scope(BridgeParticipant)
def _participant_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.none()


def bridge_list(*, actor: Actor | User) -> QuerySet[Bridge]:
    participants = BridgeParticipant.objects.select_related("user").order_by("joined_at", "id")
    return scope(
        Bridge.objects.select_related("incident", "bridge_host").prefetch_related(
            Prefetch("participants", queryset=participants)
        ),
        actor,
    )


def participant_list(*, actor: Actor | User) -> QuerySet[BridgeParticipant]:
    return scope(BridgeParticipant.objects.select_related("user", "bridge"), actor)
