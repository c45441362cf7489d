"""The outbox: one row per notification, sent once, retried on transient errors, swept when left behind."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from communications.models import Communication, OutboxMessage
from communications.services import communication_create
from communications.services.outbox import TransientDeliveryError, outbox_deliver, outbox_enqueue, outbox_sweep
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
def test_transient_errors_leave_the_row_pending_for_a_retry(backend: str) -> None:
    message = enqueue()
    with (
        override_settings(EMAIL_BACKEND=f"tests.communications.backends.{backend}"),
        pytest.raises(TransientDeliveryError),
    ):
        outbox_deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "pending"
    assert message.last_error
    with override_settings(EMAIL_BACKEND=f"tests.communications.backends.{backend}"):
        assert outbox_deliver(message.pk, final_attempt=True) == "failed"


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


def test_sweep_hands_back_rows_left_pending_or_stuck(monkeypatch: pytest.MonkeyPatch) -> None:
    queued: list[int] = []
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch", queued.append)
    old = timezone.now() - dt.timedelta(hours=1)
    pending, fresh, stuck, sent = (enqueue(key=k) for k in ("a", "b", "c", "d"))
    OutboxMessage.objects.filter(pk=pending.pk).update(created_at=old)
    OutboxMessage.objects.filter(pk=stuck.pk).update(created_at=old, status="sending", claimed_at=old)
    OutboxMessage.objects.filter(pk=sent.pk).update(created_at=old, status="sent")
    assert outbox_sweep() == 2
    assert sorted(queued) == sorted([pending.pk, stuck.pk])
    assert OutboxMessage.objects.get(pk=stuck.pk).status == "pending"
    assert OutboxMessage.objects.get(pk=fresh.pk).status == "pending"


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
