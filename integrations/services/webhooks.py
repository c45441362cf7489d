"""Outbound webhooks: subscriptions (a signing secret shown once), events written to the outbox in the business
transaction, sent signed by the Standard Webhooks scheme, retried by the outbox, and a subscription that keeps
failing disabled with its owner told."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import secrets
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import standardwebhooks
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.lookups import client_resolve
from communications.channels import Channel, DeliveryError
from communications.models import OutboxMessage, OutboxStatus
from communications.services.outbox import outbox_dispatch, outbox_enqueue, outbox_enqueue_event
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Conflict, InvalidInput
from core.models import AuditAction
from core.permissions import require
from core.prepared import columns_of, fetch_all
from integrations.models import WebhookSubscription

EVENTS = (
    "incident.created", "incident.updated", "incident.resolved", "incident.closed", "problem.resolved",
    "change.approved", "change.rejected", "sla.breached", "sla.warning", "status.posted",
)  # fmt: skip
CHANNEL = "webhook"
TIMEOUT = 10
DISABLE_AFTER = 5
"""Deliveries failed for good in a row (each after all its retries) before a subscription is disabled."""


def _secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _clean(data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    """The subscription's fields checked together (on an update only those given, and the client never changes)."""
    allowed = {"url", "events", "enabled"} if partial else {"url", "events", "client"}
    errors: dict[str, str] = {name: "Unknown field." for name in data if name not in allowed}
    cleaned: dict[str, Any] = {}
    if not partial or "url" in data:
        cleaned["url"] = url = data.get("url")
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = "An http(s) URL."
    if not partial or "events" in data:
        cleaned["events"] = events = data.get("events")
        if not isinstance(events, list) or not events or any(event not in EVENTS for event in events):
            errors["events"] = f"A list among {', '.join(EVENTS)}."
        else:
            cleaned["events"] = sorted(set(events))
    if "enabled" in data and partial:
        cleaned["enabled"] = data["enabled"]
        if not isinstance(data["enabled"], bool):
            errors["enabled"] = "true or false."
    if errors:
        raise InvalidInput("The webhook is invalid.", code="invalid_webhook", fields=errors)
    return cleaned


@transaction.atomic
def webhook_create(*, actor: Actor, data: Mapping[str, Any]) -> WebhookSubscription:
    """A subscription; its `secret` is readable on the returned object this once (the API shows it once)."""
    require(actor, "integrations.manage")
    cleaned = _clean(data, partial=False)
    client = client_resolve(data["client"], actor=actor) if data.get("client") not in (None, "") else None
    subscription = WebhookSubscription.objects.create(
        **cleaned, client=client, secret=_secret(), created_by_id=actor.user_id or 0
    )
    audit_log_created(actor=actor, record=subscription, fields=["url", "events", "client_id"])
    return subscription


@transaction.atomic
def webhook_update(*, actor: Actor, subscription: WebhookSubscription, data: Mapping[str, Any]) -> WebhookSubscription:
    """Another address or other events, or turned off and on again: turning it on starts its failure count anew."""
    require(actor, "integrations.manage")
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
    cleaned = _clean(data, partial=True)
    if cleaned.get("enabled") and not subscription.enabled:
        cleaned |= {"failures": 0, "disabled_reason": ""}
    elif cleaned.get("enabled") is False and subscription.enabled:
        cleaned["disabled_reason"] = "Turned off by a person."
    changes = model_update(
        instance=subscription, data=cleaned, fields=["url", "events", "enabled", "failures", "disabled_reason"]
    )
    if changes:
        audit_log(actor=actor, record=subscription, action=AuditAction.UPDATE, changes=changes)
    return subscription


Builders = tuple[Callable[[], dict[str, Any]], Callable[[], Iterable[int | None]]]


def webhook_event(
    event: str, data: Callable[[], dict[str, Any]], clients: Callable[[], Iterable[int | None]] = tuple
) -> int:
    """Write the event for every enabled subscription that wants it (and, with a client, is about that client),
    in the caller's transaction: one outbox row each, with the stable id receivers deduplicate on. `data` and
    `clients` are asked only when a subscription wants the event, so a change nobody listens to costs one query."""
    return webhook_events(event, [(data, clients)])


def webhook_events(event: str, occurrences: Iterable[Builders]) -> int:
    """`webhook_event` for many occurrences of one event (a scan's batch), the subscriptions read once."""
    listening = _listening(event)
    if not listening:
        return 0
    count = 0
    for data, clients in occurrences:
        wanted, body = set(clients()), data()
        for subscription in listening:
            if subscription.client_id and subscription.client_id not in wanted:
                continue
            event_id = f"msg_{uuid.uuid4().hex}"
            payload = {"type": event, "timestamp": timezone.now().isoformat(), "data": body}
            outbox_enqueue_event(
                key=f"webhook:{subscription.pk}:{event_id}", channel=CHANNEL, address=subscription.url,
                subject=event, payload={"id": event_id, "body": payload}, reference_id=subscription.pk,
            )  # fmt: skip
            count += 1
    return count


class Listener(NamedTuple):
    """What an event needs of a subscription that wants it."""

    pk: int
    url: str
    client_id: int | None


@functools.cache
def _listening_statement() -> str:
    table = connection.ops.quote_name(WebhookSubscription._meta.db_table)
    identity = columns_of(WebhookSubscription, [WebhookSubscription._meta.pk.attname])
    read = f"{identity}, {columns_of(WebhookSubscription, ['url', 'client_id'])}"  # a Listener's fields, in order
    enabled, events = columns_of(WebhookSubscription, ["enabled"]), columns_of(WebhookSubscription, ["events"])
    return f"SELECT {read} FROM {table} WHERE {enabled} AND {events} ? %s ORDER BY {identity}"


def _listening(event: str) -> list[Listener]:
    """The enabled subscriptions that want `event`. Every change of an incident asks, mostly to hear that none
    does: on PostgreSQL one statement, composed once and prepared per connection, filters them by event."""
    if connection.vendor == "postgresql":
        return [Listener(*row) for row in fetch_all("tracer_webhook_listening", _listening_statement(), [event])]
    subscriptions = WebhookSubscription.objects.filter(enabled=True).order_by("id")
    return [Listener(s.pk, s.url, s.client_id) for s in subscriptions if event in s.events]


def webhook_send(message: OutboxMessage) -> None:
    """POST one event, signed: `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256)."""
    subscription = WebhookSubscription.objects.filter(pk=message.reference_id or 0).first()
    if subscription is None or not subscription.enabled:
        raise DeliveryError("The subscription is gone or disabled.", transient=False)
    body = json.dumps(message.payload["body"], separators=(",", ":"))
    sent_at = dt.datetime.now(dt.UTC)
    signature = standardwebhooks.Webhook(subscription.secret).sign(message.payload["id"], sent_at, body)
    request = urllib.request.Request(
        subscription.url, data=body.encode(), method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "Tracer-Webhooks/1",
                 "webhook-id": message.payload["id"], "webhook-timestamp": str(int(sent_at.timestamp())),
                 "webhook-signature": signature},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            answer.read(1024)
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"HTTP {error.code} from the receiver", transient=True) from error
    except OSError as error:  # refused, reset, timed out: the receiver may come back
        raise DeliveryError(f"{type(error).__name__}: {error}", transient=True) from error


def _landed(message: OutboxMessage) -> None:
    WebhookSubscription.objects.filter(pk=message.reference_id or 0).update(failures=0)


def _failed(message: OutboxMessage) -> None:
    """A delivery failed for good: count it; enough in a row disable the subscription, and its owner hears."""
    WebhookSubscription.objects.filter(pk=message.reference_id or 0).update(failures=F("failures") + 1)
    subscription = WebhookSubscription.objects.select_related("created_by").filter(pk=message.reference_id or 0).first()
    if subscription is None or not subscription.enabled or subscription.failures < DISABLE_AFTER:
        return
    reason = f"{DISABLE_AFTER} deliveries in a row failed after every retry; the last: {message.last_error}"[:300]
    WebhookSubscription.objects.filter(pk=subscription.pk).update(enabled=False, disabled_reason=reason)
    audit_log(actor=Actor.system(), record=subscription, action=AuditAction.UPDATE,
              changes={"enabled": (True, False)})  # fmt: skip
    outbox_enqueue(
        key=f"webhook-disabled:{subscription.pk}:{subscription.failures}", to=[subscription.created_by.email],
        subject=f"Webhook to {subscription.url} disabled", template="status_update",
        context={"message": f"Tracer stopped sending events to {subscription.url}: {reason}. Fix the receiver, "
                            "then turn it on again on the Webhooks page.", "incident": None},
    )  # fmt: skip


WEBHOOK_CHANNEL = Channel(name=CHANNEL, send=webhook_send, timeout=TIMEOUT, delivered=_landed, failed=_failed)


@transaction.atomic
def webhook_redeliver(*, actor: Actor, subscription: WebhookSubscription, delivery: OutboxMessage) -> OutboxMessage:
    """Send one delivery again (the same event id, so a receiver that has it can tell)."""
    require(actor, "integrations.manage")
    if delivery.channel != CHANNEL or delivery.reference_id != subscription.pk:
        raise InvalidInput("That delivery is not this webhook's.", fields={"delivery": "Not this webhook's."})
    moved = OutboxMessage.objects.filter(pk=delivery.pk, status__in=[OutboxStatus.FAILED, OutboxStatus.SENT]).update(
        status=OutboxStatus.PENDING, attempts=0, last_error="", next_attempt_at=timezone.now()
    )
    if not moved:
        raise Conflict("That delivery is still on its way.", code="delivery_pending")
    audit_log(actor=actor, record=subscription, action=AuditAction.UPDATE, changes={"redelivered": ("", delivery.pk)})
    transaction.on_commit(lambda: outbox_dispatch(delivery.pk))
    return OutboxMessage.objects.get(pk=delivery.pk)
