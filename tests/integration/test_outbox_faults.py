"""Faults of the delivery engine with a real worker, Redis and SMTP server: the SMTP server down for a while,
and two sweeps at the same moment. Nothing is lost, nothing is sent twice, and a failed attempt costs one
connection, not a retry chain beside the sweep."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from communications.models import OutboxMessage
from communications.services.outbox import outbox_sweep
from tests.helpers import race
from tests.integration.conftest import queue_drained, wait_for
from tests.integration.test_delivery import escalate

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_an_smtp_outage_retries_through_the_row_alone(redis_broker: Any, smtp: Any, worker_factory: Any) -> None:
    mailbox, port = smtp
    cut_off = worker_factory(redis_broker, port + 1)  # nothing listens there: every attempt is refused
    escalate(5)
    settled = wait_for(lambda: OutboxMessage.objects.filter(attempts=1, status="pending").count() == 5)
    assert settled, list(OutboxMessage.objects.values_list("status", "attempts", "last_error"))
    assert queue_drained()
    rows = list(OutboxMessage.objects.all())
    assert all(row.next_attempt_at > timezone.now() and "Connection" in row.last_error for row in rows)
    assert outbox_sweep() == 0  # the backoff is not over: nothing retries early
    assert OutboxMessage.objects.filter(attempts=1).count() == 5  # and no retry chain tried behind the row

    cut_off.stop()
    worker_factory(redis_broker, port)  # the server is back (a worker that reaches it)
    later = max(row.next_attempt_at for row in rows) + dt.timedelta(seconds=1)
    assert outbox_sweep(now=later) == 5
    assert wait_for(lambda: len(mailbox.accepted) == 5 and not OutboxMessage.objects.exclude(status="sent").exists())
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [2] * 5
    assert outbox_sweep(now=later + dt.timedelta(minutes=5)) == 0
    assert queue_drained()
    assert len(mailbox.accepted) == 5


def test_two_sweeps_at_once_hand_each_row_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: list[int] = []
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch", handed.append)
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch_many", handed.extend)
    escalate(40)
    handed.clear()  # the commits' own dispatches
    later = timezone.now() + dt.timedelta(minutes=2)
    counts = race([lambda: outbox_sweep(now=later), lambda: outbox_sweep(now=later)])
    assert sum(counts) == 40
    assert sorted(handed) == sorted(OutboxMessage.objects.values_list("pk", flat=True))


def test_a_send_slower_than_its_timeout_is_cut_inside_the_lease_and_sent_once(
    redis_broker: Any, smtp: Any, worker_factory: Any
) -> None:
    """The server takes 6 s to answer a worker whose SMTP timeout is 2 s: the attempt gives up at 2 s (long before
    the lease, which must outlast twice the timeout), the server never confirms it, and the retry lands: one
    email, two attempts."""
    mailbox, port = smtp
    mailbox.hold_seconds, mailbox.holds_left = 6.0, 1
    worker_factory(redis_broker, port, email_timeout=2)
    escalate(1)
    assert wait_for(lambda: OutboxMessage.objects.filter(attempts=1, status="pending").exists(), 20)
    row = OutboxMessage.objects.get()
    assert "timed out" in row.last_error.lower() or "Timeout" in row.last_error
    assert wait_for(lambda: mailbox.holds_done == 1, 15)
    assert mailbox.accepted == []  # the held message was never confirmed: the client had gone
    assert outbox_sweep(now=row.next_attempt_at + dt.timedelta(seconds=1)) == 1
    assert wait_for(lambda: len(mailbox.accepted) == 1 and OutboxMessage.objects.get().status == "sent", 20)
    assert queue_drained()
    assert (len(mailbox.accepted), OutboxMessage.objects.get().attempts) == (1, 2)
