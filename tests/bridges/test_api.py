"""The bridges API, and what two simultaneous requests leave behind."""

from typing import Any

import pytest

from accounts.models import User
from bridges.models import Bridge, BridgeParticipant
from incidents.models import WorkNote
from tests.accounts.factories import UserFactory
from tests.bridges.factories import BridgeFactory
from tests.helpers import race


@pytest.mark.django_db
def test_open_add_participant_and_close(api_as: Any, manager: User) -> None:
    bridge = BridgeFactory(incident__assigned_to=manager, bridge_host=manager)
    client = api_as(manager)
    engineer = UserFactory()
    response = client.post(
        "/api/v1/bridge-participants/",
        {"bridge": bridge.pk, "user": engineer.pk, "role_in_bridge": "technical_support"},
        format="json",
    )
    assert response.status_code == 201
    again = client.post(
        "/api/v1/bridge-participants/",
        {"bridge": bridge.pk, "user": engineer.pk, "role_in_bridge": "technical_support"},
        format="json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "participant_exists")
    response = client.post(f"/api/v1/bridges/{bridge.pk}/close/")
    assert (response.status_code, response.json()["code"]) == (409, "incident_not_resolved")
    bridge.incident.status = "resolved"
    bridge.incident.save()
    response = client.post(f"/api/v1/bridges/{bridge.pk}/close/")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    response = client.post(f"/api/v1/bridges/{bridge.pk}/close/")
    assert (response.status_code, response.json()["code"]) == (409, "bridge_already_closed")
    assert WorkNote.objects.filter(incident=bridge.incident, note_text="Bridge already closed.").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_participants_leave_one(api_as: Any) -> None:
    manager = UserFactory(role="incident_manager")
    bridge = BridgeFactory(incident__assigned_to=manager, bridge_host=manager)
    engineer = UserFactory()
    clients = [api_as(manager), api_as(manager)]
    body = {"bridge": bridge.pk, "user": engineer.pk, "role_in_bridge": "technical_support"}
    responses = race([lambda c=c: c.post("/api/v1/bridge-participants/", body, format="json") for c in clients])
    assert sorted(r.status_code for r in responses) == [201, 409]
    assert BridgeParticipant.objects.filter(bridge=bridge, user=engineer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_closes_leave_one_close(api_as: Any) -> None:
    manager = UserFactory(role="incident_manager")
    bridge = BridgeFactory(incident__assigned_to=manager, bridge_host=manager, incident__status="resolved")
    clients = [api_as(manager), api_as(manager)]
    responses = race([lambda c=c: c.post(f"/api/v1/bridges/{bridge.pk}/close/") for c in clients])
    assert sorted(r.status_code for r in responses) == [200, 409]
    closed = Bridge.objects.get(pk=bridge.pk)
    assert closed.status == "closed"
    notes = list(WorkNote.objects.filter(incident=bridge.incident).values_list("note_text", flat=True))
    assert notes.count("Bridge already closed.") == 1
    assert sum(note.startswith("Bridge closed for the incident") for note in notes) == 1
