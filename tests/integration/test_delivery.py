"""On-call hears about trouble exactly once: real Redis, a real Celery worker process, a real SMTP server."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from communications.models import OutboxMessage
from communications.services.outbox import outbox_sweep
from communications.tasks import deliver_outbox_message
from core.actor import Actor
from incidents.services import escalation_create
from sla.models import IncidentSLA
from sla.services.clocks import sla_refresh
from sla.tasks import scan_sla
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory
from tests.integration.conftest import queue_drained, wait_for
from tests.sla.factories import SLAAgreementFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def all_sent() -> bool:
    return not OutboxMessage.objects.exclude(status="sent").exists()


def test_unacknowledged_p1_gets_exactly_one_breach_email(redis_broker: Any, smtp: Any, worker_factory: Any) -> None:
    mailbox, port = smtp
    worker_factory(redis_broker, port)
    client = ClientFactory(client_name="Acme", on_call_emails="oncall@acme.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    manager = UserFactory(role="incident_manager", email="im@tracer.test")
    incident = IncidentFactory(
        severity="P1", status="open", assigned_to=manager,
        detection_time=timezone.now() - dt.timedelta(minutes=30) + dt.timedelta(seconds=2),
    )  # fmt: skip
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])
    due = IncidentSLA.objects.get(incident=incident).response_due_at

    scan_sla.delay()  # a beat tick before the target: the 75 % warning only
    assert wait_for(lambda: len(mailbox.accepted) == 1 and all_sent())
    assert "SLA at risk" in mailbox.subjects()[0]
    assert wait_for(lambda: timezone.now() > due, timeout=10)
    for _ in range(3):  # three ticks after the target: one breach, one email
        scan_sla.delay()
    assert wait_for(lambda: len(mailbox.accepted) == 2 and all_sent())
    assert queue_drained()  # every tick has run: no third email is on its way
    assert len(mailbox.accepted) == 2
    breaches = [s for s in mailbox.subjects() if "SLA breached" in s]
    assert breaches == [f"[{incident.incident_number}] Response SLA breached for Acme"]
    assert sorted(mailbox.accepted[1]["to"]) == ["im@tracer.test", "oncall@acme.test"]


def escalate(count: int) -> list[int]:
    manager = UserFactory(role="incident_manager")
    ids = []
    for index in range(count):
        incident = IncidentFactory(status="in_progress")
        target = UserFactory(role="executive", email=f"exec{index}@tracer.test")
        escalation_create(actor=Actor.web(manager), incident=incident, escalated_to=target.pk, escalation_reason="Help")
        ids.append(incident.pk)
    return ids


def test_a_redis_outage_loses_no_email_and_sends_none_twice(redis_broker: Any, smtp: Any, worker_factory: Any) -> None:
    mailbox, port = smtp
    worker_factory(redis_broker, port)
    redis_broker.stop()
    started = time.monotonic()
    escalate(5)  # each commit tries to queue its email and finds no broker
    assert time.monotonic() - started < 30
    assert OutboxMessage.objects.filter(status="pending").count() == 5
    redis_broker.start()
    a_minute_on = timezone.now() + dt.timedelta(seconds=61)  # the first dispatch's minute has passed
    assert outbox_sweep(now=a_minute_on) == 5
    assert wait_for(lambda: len(mailbox.accepted) == 5 and all_sent(), timeout=60)
    assert outbox_sweep(now=a_minute_on) == 0
    assert queue_drained()
    assert sorted(m["to"][0] for m in mailbox.accepted) == [f"exec{i}@tracer.test" for i in range(5)]


def test_a_worker_killed_mid_send_does_not_send_twice(redis_broker: Any, smtp: Any, worker_factory: Any) -> None:
    mailbox, port = smtp
    mailbox.hold_seconds, mailbox.holds_left = 4.0, 1
    first = worker_factory(redis_broker, port)
    escalate(1)
    message = OutboxMessage.objects.get()
    assert wait_for(lambda: mailbox.holding == 1)  # the worker is inside the SMTP conversation, awaiting the reply
    first.kill()
    assert wait_for(lambda: mailbox.holds_done == 1)
    assert mailbox.accepted == []  # the server never confirmed the message
    worker_factory(redis_broker, port)
    with override_settings(TRACER_OUTBOX_LEASE_SECONDS=1, TRACER_OUTBOX_GRACE_SECONDS=0):
        assert outbox_sweep() == 1
    assert wait_for(lambda: len(mailbox.accepted) == 1 and all_sent())
    deliver_outbox_message.delay(message.pk)  # a second run of the send task sends nothing more
    assert queue_drained()
    assert len(mailbox.accepted) == 1
    assert OutboxMessage.objects.get().attempts == 2
