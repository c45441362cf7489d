"""Reads of integrations and alerts, scoped to the actor (a client contact sees none of them)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from core.actor import Actor
from core.permissions import scope
from incidents.models import Incident
from integrations.models import Alert, Integration


def integration_list(*, actor: Actor | User) -> QuerySet[Integration]:
    return scope(Integration.objects.select_related("client", "policy"), actor).order_by("name")


def alert_list(*, actor: Actor | User) -> QuerySet[Alert]:
    return scope(Alert.objects.select_related("integration", "incident"), actor).order_by("-last_seen", "-id")


def alerts_of(incident: Incident) -> QuerySet[Alert]:
    """The alerts behind an incident, for its page (the page itself is already scoped)."""
    return Alert.objects.filter(incident=incident).select_related("integration").order_by("-last_seen")
