"""Outbound webhooks to a real local HTTP receiver that verifies every signature with the `standardwebhooks`
library: an incident's events arrive signed; a receiver that fails for a while, or drops the connection mid-
delivery, gets the event once it recovers; a client's subscription hears only its client; a receiver that keeps
failing has its subscription disabled."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import standardwebhooks
from django.utils import timezone

from accounts.models import User
from communications.models import OutboxMessage
from communications.services.outbox import outbox_deliver, outbox_sweep
from core.actor import Actor
from integrations.models import WebhookSubscription
from integrations.services.webhooks import DISABLE_AFTER, webhook_create, webhook_update
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import raise_incident

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class Receiver(ThreadingHTTPServer):
    """Accepts events whose signature verifies; `failing` answers 500, `dropping` closes without an answer."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.secret = ""
        self.events: list[dict[str, Any]] = []
        self.failing = 0
        self.dropping = 0
        self.requests = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks"


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.server.requests += 1
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.dropping > 0:
            self.server.dropping -= 1
            self.connection.close()  # the receiver dies mid-delivery: no answer at all
            return
        if self.server.failing > 0:
            self.server.failing -= 1
            self.send_response(500)
            self.end_headers()
            return
        headers = {key: self.headers[key] for key in ("webhook-id", "webhook-timestamp", "webhook-signature")}
        verified = standardwebhooks.Webhook(self.server.secret).verify(body, headers)  # raises when forged
        self.server.events.append({"id": headers["webhook-id"], **verified})
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def subscribe(manager: User, receiver: Receiver, **data: Any) -> WebhookSubscription:
    subscription = webhook_create(actor=Actor.web(manager), data={"url": receiver.url, **data})
    receiver.secret = subscription.secret
    return subscription


def deliver_all(now: dt.datetime | None = None) -> list[str]:
    """What the workers and the sweep would do, in this process: one attempt at every row due."""
    moment = now or timezone.now() + dt.timedelta(minutes=1)
    ids: list[int] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("communications.services.outbox.outbox_dispatch_many", ids.extend)
        outbox_sweep(now=moment)
    return [outbox_deliver(message_id) for message_id in ids]


def test_an_incidents_events_arrive_signed(manager: User, receiver: Receiver) -> None:
    subscribe(manager, receiver, events=["incident.created", "incident.resolved"])
    incident = raise_incident(Actor.web(manager), severity="P4")
    assert deliver_all() == ["sent"]
    [event] = receiver.events
    assert event["type"] == "incident.created"
    assert event["data"]["incident_number"] == incident.incident_number
    assert event["id"].startswith("msg_")
    assert OutboxMessage.objects.get(channel="webhook").payload["id"] == event["id"]


def test_a_receiver_down_for_a_while_gets_the_event_once_back(manager: User, receiver: Receiver) -> None:
    subscribe(manager, receiver, events=["incident.created"])
    receiver.failing = 2
    raise_incident(Actor.web(manager), severity="P4")
    assert deliver_all() == ["retry"]
    row = OutboxMessage.objects.get(channel="webhook")
    assert row.next_attempt_at > timezone.now()
    assert deliver_all(row.next_attempt_at + dt.timedelta(seconds=1)) == ["retry"]
    row.refresh_from_db()
    assert deliver_all(row.next_attempt_at + dt.timedelta(seconds=1)) == ["sent"]
    assert (len(receiver.events), receiver.requests) == (1, 3)
    assert WebhookSubscription.objects.get().failures == 0


def test_a_receiver_killed_mid_delivery_still_gets_the_event(manager: User, receiver: Receiver) -> None:
    subscribe(manager, receiver, events=["incident.created"])
    receiver.dropping = 1
    raise_incident(Actor.web(manager), severity="P4")
    assert deliver_all() == ["retry"]
    row = OutboxMessage.objects.get(channel="webhook")
    assert "RemoteDisconnected" in row.last_error or "Connection" in row.last_error
    assert deliver_all(row.next_attempt_at + dt.timedelta(seconds=1)) == ["sent"]
    assert len(receiver.events) == 1


def test_a_clients_subscription_hears_only_that_client(manager: User, receiver: Receiver) -> None:
    mine, other = ClientFactory(), ClientFactory()
    subscribe(manager, receiver, events=["incident.created"], client=mine.pk)
    raise_incident(Actor.web(manager), severity="P4", configuration_items=[AssignmentFactory(client=other).ci.pk])
    assert deliver_all() == []
    ours = raise_incident(Actor.web(manager), severity="P4", configuration_items=[AssignmentFactory(client=mine).ci.pk])
    assert deliver_all() == ["sent"]
    assert [event["data"]["id"] for event in receiver.events] == [ours.pk]


def test_a_receiver_that_keeps_failing_is_disabled_and_its_owner_told(
    manager: User, receiver: Receiver, settings: Any
) -> None:
    settings.TRACER_OUTBOX_MAX_ATTEMPTS = 1
    subscription = subscribe(manager, receiver, events=["incident.created"])
    receiver.failing = 100
    for _ in range(DISABLE_AFTER):
        raise_incident(Actor.web(manager), severity="P4")
        assert deliver_all() == ["failed"]
    subscription.refresh_from_db()
    assert (subscription.enabled, subscription.failures) == (False, DISABLE_AFTER)
    told = OutboxMessage.objects.get(key__startswith=f"webhook-disabled:{subscription.pk}:")
    assert told.to == [manager.email]
    raise_incident(Actor.web(manager), severity="P4")
    assert not OutboxMessage.objects.filter(channel="webhook", status="pending").exists()
    assert json.loads(json.dumps(told.subject)).startswith("Webhook to")
    receiver.failing = 0  # the receiver is fixed and the subscription turned on again: its count starts anew
    webhook_update(actor=Actor.web(manager), subscription=subscription, data={"enabled": True})
    subscription.refresh_from_db()
    assert (subscription.enabled, subscription.failures, subscription.disabled_reason) == (True, 0, "")
    deliver_all()  # the owner's notice
    heard = len(receiver.events)
    raise_incident(Actor.web(manager), severity="P4")
    assert (deliver_all(), len(receiver.events)) == (["sent"], heard + 1)
