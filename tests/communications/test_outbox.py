"""The outbox: one row per notification, sent once, retried on transient errors, swept when left behind."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from communications.checks import outbox_lease_check
from communications.models import Communication, OutboxMessage
from communications.services import communication_create
from communications.services.outbox import (
    _finish,
    outbox_claim,
    outbox_deliver,
    outbox_enqueue,
    outbox_lease_problems,
    outbox_sweep,
    retry_delay,
)
from core.actor import Actor
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def enqueue(key: str = "k1", **changes: Any) -> OutboxMessage | None:
    data: dict[str, Any] = {
        "key": key, "to": ["ops@example.test", "OPS@example.test", "", None], "subject": "Hello",
        "template": "status_update", "context": {"message": "All good", "incident": None},
    }  # fmt: skip
    return outbox_enqueue(**{**data, **changes})


def test_enqueue_is_idempotent_and_dedupes_recipients() -> None:
    first = enqueue()
    assert first is not None
    assert first.to == ["ops@example.test"]
    assert "All good" in first.body_text
    assert "<html>" in first.body_html
    assert enqueue() is None
    assert OutboxMessage.objects.count() == 1
    assert enqueue(key="k2", to=["", None]) is None


def test_delivery_sends_once() -> None:
    message = enqueue()
    assert outbox_deliver(message.pk) == "sent"
    assert outbox_deliver(message.pk) == "skipped"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.test"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)


@pytest.mark.parametrize("backend", ["UnavailableBackend", "GreylistingBackend"])
def test_a_transient_error_puts_the_row_back_with_a_backoff_until_the_last_attempt(backend: str, settings: Any) -> None:
    message = enqueue()
    before = timezone.now()
    with override_settings(EMAIL_BACKEND=f"tests.communications.backends.{backend}"):
        assert outbox_deliver(message.pk) == "retry"
        message.refresh_from_db()
        assert (message.status, message.attempts, message.claim_token) == ("pending", 1, "")
        assert message.last_error
        assert before + dt.timedelta(seconds=15) <= message.next_attempt_at <= timezone.now() + dt.timedelta(seconds=30)
        OutboxMessage.objects.filter(pk=message.pk).update(attempts=settings.TRACER_OUTBOX_MAX_ATTEMPTS - 1)
        assert outbox_deliver(message.pk) == "failed"
    assert OutboxMessage.objects.get(pk=message.pk).status == "failed"


def test_backoff_grows_and_spreads() -> None:
    delays = [retry_delay(n).total_seconds() for n in (1, 2, 3, 10)]
    assert 15 <= delays[0] <= 30
    assert 30 <= delays[1] <= 60
    assert 60 <= delays[2] <= 120
    assert 450 <= delays[3] <= 900
    assert len({retry_delay(4) for _ in range(20)}) > 1


def test_permanent_errors_fail_the_row_and_its_communication(support: Any) -> None:
    recipient = UserFactory()
    communication = communication_create(
        actor=Actor.web(support), incident=IncidentFactory(), recipient=recipient.pk, communication_type="status_update",
        recipient_type="internal", delivery_method="email", message_content="Update",
    )  # fmt: skip
    message = OutboxMessage.objects.get(communication=communication)
    assert message.to == [recipient.email]
    with override_settings(EMAIL_BACKEND="tests.communications.backends.RejectingBackend"):
        assert outbox_deliver(message.pk) == "failed"
    assert Communication.objects.get(pk=communication.pk).delivery_status == "failed"


def test_sweep_hands_out_due_rows_and_takes_back_expired_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    queued: list[int] = []
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch", queued.append)
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch_many", lambda ids: queued.extend(ids))
    now = timezone.now()
    old = now - dt.timedelta(hours=1)
    due, fresh, stuck, sent, working = (enqueue(key=k) for k in ("a", "b", "c", "d", "e"))
    OutboxMessage.objects.filter(pk=due.pk).update(next_attempt_at=old)
    OutboxMessage.objects.filter(pk=stuck.pk).update(status="sending", claimed_at=old, claim_token="dead")
    OutboxMessage.objects.filter(pk=sent.pk).update(next_attempt_at=old, status="sent")
    OutboxMessage.objects.filter(pk=working.pk).update(status="sending", claimed_at=now, claim_token="alive")
    assert outbox_sweep(now=now) == 2
    assert sorted(queued) == sorted([due.pk, stuck.pk])
    assert OutboxMessage.objects.get(pk=stuck.pk).claim_token == ""
    assert OutboxMessage.objects.get(pk=working.pk).status == "sending"
    assert outbox_sweep(now=now) == 0  # handed out: not again before the next sweep
    assert OutboxMessage.objects.get(pk=fresh.pk).status == "pending"  # its own dispatch has a minute first
    queued.clear()
    assert outbox_sweep(now=now + dt.timedelta(seconds=61)) == 3  # nobody claimed them, and the fresh one is due
    assert sorted(queued) == sorted([due.pk, stuck.pk, fresh.pk])


def test_a_claim_taken_back_after_its_lease_writes_nothing(settings: Any) -> None:
    message = enqueue()
    claim = outbox_claim(message.pk)
    assert claim is not None
    later = timezone.now() + dt.timedelta(seconds=settings.TRACER_OUTBOX_LEASE_SECONDS + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("communications.services.outbox.outbox_dispatch_many", lambda ids: None)
        outbox_sweep(now=later)
    assert not _finish(claim[0], claim[1], status="sent", sent_at=timezone.now())  # the slow worker, too late
    assert OutboxMessage.objects.get(pk=message.pk).status == "pending"
    assert outbox_deliver(message.pk) == "sent"
    assert (OutboxMessage.objects.get(pk=message.pk).attempts, len(mail.outbox)) == (2, 1)


def test_a_lease_shorter_than_a_send_is_refused_at_startup() -> None:
    with override_settings(TRACER_OUTBOX_LEASE_SECONDS=30, EMAIL_TIMEOUT=20):
        assert outbox_lease_problems()
        assert {error.id for error in outbox_lease_check()} == {"communications.E001"}  # email and webhooks
    assert outbox_lease_problems() == []


def test_escalations_and_bridge_invitations_are_emailed(manager: Any) -> None:
    from bridges.services import bridge_add_participants
    from incidents.services import escalation_create
    from tests.bridges.factories import BridgeFactory

    executive = UserFactory(role="executive")
    incident = IncidentFactory(status="in_progress")
    escalation_create(actor=Actor.web(manager), incident=incident, escalated_to=executive.pk, escalation_reason="Big")
    bridge = BridgeFactory()
    engineer = UserFactory()
    bridge_add_participants(actor=Actor.web(manager), bridge=bridge, participants=[(engineer.pk, "technical_support")])
    subjects = sorted(OutboxMessage.objects.values_list("subject", "to"))
    assert subjects == sorted(
        [
            (f"[{incident.incident_number}] Escalation notice", [executive.email]),
            (f"[{bridge.incident.incident_number}] Bridge invitation", [engineer.email]),
        ]
    )


def test_the_sweep_hands_rows_out_fifty_per_queue_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from communications.services import outbox

    sent: list[list[int]] = []

    class Many:
        @staticmethod
        def apply_async(*, args: tuple[list[int]], retry: bool) -> None:
            sent.append(list(args[0]))

    monkeypatch.setitem(outbox.DELIVERY_TASKS, "many", Many)
    rows = [enqueue(key=f"sweep-{n}") for n in range(120)]
    later = timezone.now() + dt.timedelta(minutes=2)
    assert outbox_sweep(now=later) == 120
    assert [len(chunk) for chunk in sent] == [50, 50, 20]
    assert sorted(pk for chunk in sent for pk in chunk) == sorted(row.pk for row in rows)
