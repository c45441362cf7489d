"""The public status page: posting is its own permission, closed incidents take no updates, internal notes
never leak, history covers 90 days, and the Atom feed carries the updates."""

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.utils import timezone

from communications.models import StatusUpdate
from communications.services.status import status_update_post
from core.actor import Actor
from tests.accounts.factories import ClientContactFactory, ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory, WorkNoteFactory

pytestmark = pytest.mark.django_db


def test_post_and_carry_the_headline(manager: Any) -> None:
    incident = IncidentFactory(status="in_progress")
    actor = Actor.web(manager)
    first = status_update_post(
        actor=actor,
        incident=incident,
        public_status="investigating",
        headline="Card payments failing",
        message="Looking",
    )
    second = status_update_post(actor=actor, incident=incident, public_status="identified", message="Found it")
    assert (first.headline, second.headline, second.posted_by) == (
        "Card payments failing",
        "Card payments failing",
        manager,
    )


def test_refusals(manager: Any, support: Any) -> None:
    closed = IncidentFactory(status="closed")
    active = IncidentFactory(status="in_progress")
    assert_refused(
        lambda: status_update_post(
            actor=Actor.web(manager), incident=closed, public_status="resolved", headline="x", message="y"
        ),
        "incident_closed",
    )
    assert_refused(
        lambda: status_update_post(
            actor=Actor.web(manager), incident=active, public_status="investigating", message="y"
        ),
        "status_headline_required",
    )
    assert_refused(
        lambda: status_update_post(
            actor=Actor.web(manager), incident=active, public_status="panicking", headline="x", message="y"
        ),
        "invalid",
    )
    assert_refused(
        lambda: status_update_post(
            actor=Actor.web(support), incident=active, public_status="investigating", headline="x", message="y"
        ),
        "not_permitted",
    )


def test_public_page_shows_updates_not_internal_notes(client: Any, manager: Any) -> None:
    customer = ClientFactory(client_name="Orbit Freight")
    incident = IncidentFactory(status="in_progress", title="INTERNAL: db-7 disk full")
    incident.ci_links.create(ci=AssignmentFactory(client=customer).ci)
    WorkNoteFactory(incident=incident, note_text="secret root password rotated")
    status_update_post(
        actor=Actor.web(manager),
        incident=incident,
        public_status="investigating",
        headline="Tracking delays",
        message="We are looking into delays.",
    )
    other = IncidentFactory(status="in_progress")
    status_update_post(
        actor=Actor.web(manager),
        incident=other,
        public_status="identified",
        headline="Email delays",
        message="Queue backlog.",
    )
    page = client.get("/status/").content.decode()
    assert "Tracking delays" in page
    assert "We are looking into delays." in page
    assert "2 incidents in progress" in page
    for secret in ("INTERNAL", "db-7", "secret root password", incident.incident_number):
        assert secret not in page
    assert "Orbit Freight" not in page  # client names are not public
    assert client.get(f"/status/clients/{customer.pk}/").status_code == 404
    client.force_login(ClientContactFactory(client=customer))
    for path in (f"/status/clients/{customer.pk}/", "/status/"):
        mine = client.get(path).content.decode()
        assert "Tracking delays" in mine
        assert "Email delays" not in mine
    client.force_login(ClientContactFactory())
    assert client.get(f"/status/clients/{customer.pk}/").status_code == 404
    assert client.get(f"/status/clients/{customer.pk}/feed.atom").status_code == 404
    assert "Tracking delays" not in client.get("/status/").content.decode()


def test_resolved_incidents_move_to_history_for_90_days(client: Any, manager: Any) -> None:
    recent, old = IncidentFactory(status="resolved"), IncidentFactory(status="resolved")
    status_update_post(
        actor=Actor.web(manager), incident=recent, public_status="resolved", headline="VPN outage", message="Fixed"
    )
    ancient = status_update_post(
        actor=Actor.web(manager), incident=old, public_status="resolved", headline="Old outage", message="Fixed"
    )
    StatusUpdate.objects.filter(pk=ancient.pk).update(posted_at=timezone.now() - dt.timedelta(days=91))
    page = client.get("/status/").content.decode()
    assert "All systems operational" in page
    assert "VPN outage" in page
    assert "Old outage" not in page


def test_atom_feed(client: Any, manager: Any) -> None:
    incident = IncidentFactory(status="in_progress")
    status_update_post(
        actor=Actor.web(manager),
        incident=incident,
        public_status="investigating",
        headline="Login errors",
        message="Some users cannot sign in.",
    )
    response = client.get("/status/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("a:title", ns).text for entry in root.findall("a:entry", ns)]
    assert titles == ["Investigating: Login errors"]


def test_incident_page_publishes(client: Any, manager: Any) -> None:
    incident = IncidentFactory(status="in_progress")
    client.force_login(manager)
    client.post(
        f"/incidents/{incident.pk}/status-updates/",
        {"public_status": "identified", "headline": "Slow search", "message": "Index rebuilding"},
    )
    assert StatusUpdate.objects.get(incident=incident).headline == "Slow search"
