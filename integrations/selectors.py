"""Reads of integrations and alerts, scoped to the actor (a client contact sees none of them)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from core.permissions import scope
from incidents.models import Incident
from integrations.models import Alert, Integration, WebhookSubscription


def integration_list(*, actor: Actor | User) -> QuerySet[Integration]:
    return scope(Integration.objects.select_related("client", "policy"), actor).order_by("name")


def alert_list(*, actor: Actor | User) -> QuerySet[Alert]:
    return scope(Alert.objects.select_related("integration", "incident"), actor).order_by("-last_seen", "-id")


def alerts_of(incident: Incident | int) -> QuerySet[Alert]:
    """The alerts behind an incident (or its id), for its page (the page itself is already scoped)."""
    return Alert.objects.filter(incident=incident).select_related("integration").order_by("-last_seen")


def webhook_list(*, actor: Actor | User) -> QuerySet[WebhookSubscription]:
    return scope(WebhookSubscription.objects.select_related("client"), actor).order_by("id")


def deliveries_of(subscription: WebhookSubscription) -> QuerySet[OutboxMessage]:
    """Every delivery of one subscription, newest first (the outbox rows of its channel)."""
    return OutboxMessage.objects.filter(channel="webhook", reference_id=subscription.pk).order_by("-created_at", "-id")
