"""A status-page subscriber, end to end: the confirmation and the update really leave through SMTP."""

from __future__ import annotations

import re
from typing import Any

import pytest

from communications.services import status_update_post, subscription_confirm, subscription_request
from core.actor import Actor
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_confirmation_then_updates_reach_the_subscriber(redis_broker: Any, smtp: Any, worker_factory: Any) -> None:
    mailbox, port = smtp
    worker_factory(redis_broker, port)
    subscription_request(email="reader@example.org")
    assert wait_for(lambda: len(mailbox.accepted) == 1)
    assert mailbox.accepted[0]["to"] == ["reader@example.org"]
    token = re.search(r"/status/subscription/([^/\s]+)/confirm/", mailbox.accepted[0]["text"])
    assert token, mailbox.accepted[0]["text"]
    subscription_confirm(token=token.group(1))
    manager = UserFactory(role="incident_manager")
    incident = IncidentFactory(status="in_progress")
    status_update_post(
        actor=Actor.web(manager), incident=incident, public_status="investigating", headline="VPN", message="Looking"
    )
    assert wait_for(lambda: len(mailbox.accepted) == 2)
    assert mailbox.accepted[1]["subject"] == "[Investigating] VPN"
    assert "/unsubscribe/" in mailbox.accepted[1]["text"]
