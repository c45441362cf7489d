"""The status page follows the incident (resolving posts "Resolved", reopening posts "Investigating"), closing an
incident closes its bridge, the components show their state and history, and visitors subscribe by email with
a double opt-in."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bridges.models import Bridge
from communications.models import OutboxMessage, StatusSubscription, StatusUpdate
from communications.services import (
    status_update_post,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)
from communications.status_page import components, public_incidents
from core.actor import Actor
from incidents.services import incident_closing_refusal, incident_transition
from tests.accounts.factories import UserFactory
from tests.bridges.factories import BridgeFactory
from tests.cmdb.factories import ConfigurationItemFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _on_status_page(manager: Any, **incident: Any) -> Any:
    record = IncidentFactory(**{"status": "in_progress", "severity": "P3", **incident})
    status_update_post(
        actor=Actor.web(manager), incident=record, public_status="identified", headline="Logins fail", message="Fix"
    )
    return record


def test_resolving_posts_resolved_and_reopening_posts_investigating(manager: Any) -> None:
    incident = _on_status_page(manager)
    actor = Actor.web(manager)
    incident_transition(
        actor=actor, incident=incident, status="resolved", resolution_code="fixed", resolution_notes="Done"
    )
    latest = StatusUpdate.objects.filter(incident=incident).latest("id")
    assert (latest.public_status, latest.headline, latest.posted_by) == ("resolved", "Logins fail", manager)
    listed = public_incidents()
    assert [(item.key, item.current) for item in listed] == [(incident.pk, False)]  # in past incidents
    incident_transition(actor=actor, incident=incident, status="in_progress")
    assert StatusUpdate.objects.filter(incident=incident).latest("id").public_status == "investigating"


def test_an_incident_never_on_the_status_page_stays_off_it(manager: Any) -> None:
    incident = IncidentFactory(status="in_progress", severity="P3")
    incident_transition(
        actor=Actor.web(manager), incident=incident, status="resolved", resolution_code="fixed", resolution_notes="x"
    )
    assert not StatusUpdate.objects.exists()


def test_closing_the_incident_closes_its_bridge(manager: Any) -> None:
    incident = IncidentFactory(status="resolved", severity="P4", assigned_to=manager)
    bridge = BridgeFactory(incident=incident, bridge_host=manager, bridge_type="technical")
    incident_transition(actor=Actor.web(manager), incident=incident, status="closed")
    bridge.refresh_from_db()
    assert (bridge.status, bridge.end_time is not None) == ("closed", True)
    assert incident.notes.filter(note_text__startswith="Bridge closed for the incident").exists()


def test_closing_is_refused_while_the_bridge_host_is_inactive(manager: Any) -> None:
    incident = IncidentFactory(status="resolved", severity="P4", assigned_to=manager)
    bridge = BridgeFactory(incident=incident, bridge_host=UserFactory(status="inactive"), bridge_type="technical")
    actor = Actor.web(manager)
    assert_refused(lambda: incident_transition(actor=actor, incident=incident, status="closed"), "host_inactive")
    refusal = incident_closing_refusal(actor=actor, incident=incident)
    assert refusal is not None
    assert str(bridge.bridge_number) in str(refusal)
    assert Bridge.objects.get(pk=bridge.pk).status == "active"


def test_components_show_the_state_now_and_each_day(manager: Any) -> None:
    checkout = ConfigurationItemFactory(ci_name="Checkout", ci_type="service", environment="production")
    ConfigurationItemFactory(ci_name="Build box", ci_type="server", environment="production")
    incident = _on_status_page(manager)
    incident.ci_links.create(ci=checkout)
    listed = components(public_incidents())
    assert [(item.name, item.label) for item in listed] == [("Checkout", "Partial outage")]
    assert len(listed[0].days) == 90
    assert listed[0].days[-1] == (timezone.localdate(), 3)
    assert {level for _day, level in listed[0].days[:-1]} == {0}


def _link(message: OutboxMessage, name: str) -> str:
    match = re.search(rf"http://\S+/status/subscription/(\S+)/{name}/", message.body_text)
    assert match, message.body_text
    return match.group(1)


def test_subscribing_is_confirmed_from_the_email_and_ended_from_any_update(manager: Any) -> None:
    subscription_request(email=" Reader@Example.org ")
    confirm = OutboxMessage.objects.get(key__startswith="status-confirm:")
    assert confirm.to == ["reader@example.org"]
    token = _link(confirm, "confirm")
    _on_status_page(manager)
    assert not OutboxMessage.objects.filter(key__startswith="status-update:").exists()  # not confirmed yet
    subscription_confirm(token=token)
    update = _on_status_page(manager)
    sent = OutboxMessage.objects.get(key__startswith="status-update:")
    assert sent.to == ["reader@example.org"]
    assert "Logins fail" in sent.subject
    subscription_cancel(token=_link(sent, "unsubscribe"))
    status_update_post(actor=Actor.web(manager), incident=update, public_status="monitoring", message="Better")
    assert OutboxMessage.objects.filter(key__startswith="status-update:").count() == 1


def test_a_second_request_sends_no_second_email_soon_after(manager: Any) -> None:
    subscription_request(email="reader@example.org")
    subscription_request(email="reader@example.org")
    assert OutboxMessage.objects.filter(key__startswith="status-confirm:").count() == 1
    StatusSubscription.objects.update(requested_at=timezone.now() - dt.timedelta(hours=1))
    subscription_request(email="reader@example.org")
    assert OutboxMessage.objects.filter(key__startswith="status-confirm:").count() == 2


def test_a_bad_address_is_refused() -> None:
    assert_refused(lambda: subscription_request(email="not-an-address"), "invalid_email")


def test_the_pages_subscribe_confirm_and_unsubscribe_without_signing_in() -> None:
    browser = Client()
    answer = browser.post("/status/subscribe/", {"email": "reader@example.org"})
    assert answer.status_code == 302
    token = StatusSubscription.objects.get().token
    page = browser.get(f"/status/subscription/{token}/confirm/")
    assert b"Confirm subscription" in page.content
    assert StatusSubscription.objects.get().confirmed_at is None  # a link scanner's GET changes nothing
    browser.post(f"/status/subscription/{token}/confirm/")
    assert StatusSubscription.objects.get().active
    browser.post(f"/status/subscription/{token}/unsubscribe/")
    assert not StatusSubscription.objects.get().active
    assert browser.get("/status/subscription/unknown/confirm/").status_code == 404
