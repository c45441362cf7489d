"""Paging end to end with a real Celery worker and a real SMTP server: an SLA breach pages the person on call,
nobody acknowledges, the page goes to the second step, the link in the second email stops it, and nothing more
is sent."""

from __future__ import annotations

import datetime as dt
import email
import re
from email.message import Message
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from communications.models import OutboxMessage
from core.actor import Actor
from oncall.models import Page
from oncall.services import pages_escalate_due, policy_create
from sla.services.clocks import sla_refresh
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory
from tests.integration.conftest import queue_drained, wait_for
from tests.oncall.factories import LayerFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def plain_text(raw: str) -> str:
    message: Message = email.message_from_string(raw)
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


def pages_to(mailbox: Any, address: str) -> list[dict[str, Any]]:
    return [m for m in mailbox.accepted if m["subject"].startswith("[Page]") and address in m["to"]]


def test_a_breach_pages_on_call_escalates_and_the_second_link_stops_it(
    redis_broker: Any, smtp: Any, worker_factory: Any
) -> None:
    mailbox, port = smtp
    worker_factory(redis_broker, port)
    manager = UserFactory(role="incident_manager", email="im@tracer.test")
    on_call = UserFactory(role="technical_support", email="rota@tracer.test")
    backup = UserFactory(role="technical_support", email="backup@tracer.test", first_name="Bea")
    client = ClientFactory(client_name="Acme", on_call_emails="desk@acme.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    schedule = LayerFactory(schedule__client=client, users=[on_call.pk], rotation="daily").schedule
    policy_create(actor=Actor.web(manager), data={
        "name": "Acme", "clients": [client.pk],
        "steps": [{"wait_minutes": 5, "targets": [{"kind": "schedule", "schedule": schedule.pk}]},
                  {"wait_minutes": 5, "targets": [{"kind": "user", "user": backup.pk}]}],
    })  # fmt: skip
    incident = IncidentFactory(severity="P1", status="open", assigned_to=manager,
                               detection_time=timezone.now() - dt.timedelta(hours=2))  # fmt: skip
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])

    sla_scan()  # the beat's tick: the response target passed long ago
    assert wait_for(lambda: len(pages_to(mailbox, "rota@tracer.test")) == 1)
    page = Page.objects.get(source="sla_breach")
    assert not any("desk@acme.test" in m["to"] for m in mailbox.accepted)  # the rota is paged instead

    assert pages_escalate_due(timezone.now() + dt.timedelta(minutes=4)) == 0
    assert pages_escalate_due(timezone.now() + dt.timedelta(minutes=6)) == 1  # nobody acknowledged in time
    assert wait_for(lambda: len(pages_to(mailbox, "backup@tracer.test")) == 1)
    second = plain_text(pages_to(mailbox, "backup@tracer.test")[0]["text"])
    link = re.search(r"https?://[^/\s]+(/on-call/ack/[^\s]+/)", second)
    assert link, second
    browser = Client()
    assert "Acknowledge as Bea" in browser.get(link.group(1)).content.decode()
    assert "Acknowledged" in browser.post(link.group(1)).content.decode()
    page.refresh_from_db()
    assert (page.status, page.acknowledged_by) == ("acknowledged", backup)

    sent = len(mailbox.accepted)
    assert pages_escalate_due(timezone.now() + dt.timedelta(minutes=30)) == 0
    sla_scan()
    assert queue_drained()
    assert len(mailbox.accepted) == sent
    assert not OutboxMessage.objects.exclude(status="sent").exists()
    assert [m["to"] for m in mailbox.accepted if m["subject"].startswith("[Page]")] == [
        ["rota@tracer.test"],
        ["backup@tracer.test"],
    ]
