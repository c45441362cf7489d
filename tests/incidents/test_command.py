"""A major incident never stalls: who holds it by rule, the offer to every incident manager, and resolving with a
resolution code."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from incidents import hooks
from incidents.models import Incident
from incidents.services import incident_create, incident_take_command, incident_transition, incident_update
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _raise_p1(actor: Actor, reporter: User, **extra: Any) -> Incident:
    return incident_create(
        actor=actor,
        title="Checkout down",
        description="Every checkout fails",
        category="software",
        impact="critical",
        urgency="critical",
        severity="P1",
        reported_by=reporter.pk,
        detection_time=timezone.now() - dt.timedelta(minutes=3),
        **extra,
    )


@pytest.fixture
def on_call() -> Iterator[dict[str, Any]]:
    """A rota the test fills in: the provider answers whoever `on_call["user"]` is."""
    answer: dict[str, Any] = {"user": None, "asked": []}
    previous = hooks.incident_manager_on_call._provider

    def provide(query: hooks.OnCallQuery) -> Any:
        answer["asked"].append(query.client_id)
        return answer["user"]

    hooks.incident_manager_on_call.provide(provide)
    yield answer
    hooks.incident_manager_on_call._provider = previous


def test_an_engineer_raises_a_p1_and_every_incident_manager_is_asked(support: User, manager: User) -> None:
    other = UserFactory(role="incident_manager")
    UserFactory(role="incident_manager", status="inactive")
    incident = _raise_p1(Actor.web(support), support)
    assert (incident.assigned_to, incident.status, incident.bridges.count()) == (None, "open", 0)
    assert incident.notes.filter(note_text__contains="first to accept holds it").exists()
    page = OutboxMessage.objects.get(key__startswith=f"command-wanted:{incident.pk}:")
    assert sorted(page.to) == sorted([manager.email.lower(), other.email.lower()])
    assert incident.incident_number in page.subject


def test_the_first_incident_manager_to_take_command_holds_it_and_opens_the_bridge(support: User, manager: User) -> None:
    incident = _raise_p1(Actor.web(support), support)
    taken = incident_take_command(actor=Actor.web(manager), incident=incident)
    assert (taken.assigned_to, taken.status) == (manager, "in_progress")
    assert taken.assigned_at is not None
    assert timezone.now() - taken.assigned_at < dt.timedelta(minutes=1)
    assert taken.bridges.get().bridge_host == manager
    late = UserFactory(role="incident_manager")
    assert_refused(lambda: incident_take_command(actor=Actor.web(late), incident=incident), "command_already_taken")


def test_only_an_incident_manager_takes_command(support: User) -> None:
    incident = _raise_p1(Actor.web(support), support)
    assert_refused(lambda: incident_take_command(actor=Actor.web(support), incident=incident), "not_permitted")
    admin = UserFactory(role="system_administrator")
    assert_refused(lambda: incident_take_command(actor=Actor.web(admin), incident=incident), "not_incident_manager")


def test_a_minor_incident_is_not_waiting_for_command(manager: User) -> None:
    incident = IncidentFactory(severity="P3", status="open")
    assert_refused(lambda: incident_take_command(actor=Actor.web(manager), incident=incident), "command_already_taken")


def test_the_clients_default_incident_manager_takes_it(support: User, manager: User) -> None:
    default = UserFactory(role="incident_manager")
    contact = ClientContactFactory(client=ClientFactory(default_incident_manager=default))
    incident = _raise_p1(Actor.web(support), contact)
    assert incident.assigned_to == default
    assert incident.assigned_at is not None
    assert incident.bridges.get().bridge_host == default
    assert incident.notes.filter(note_text__contains="default incident manager of").exists()
    assert not OutboxMessage.objects.filter(key__startswith="command-wanted:").exists()


def test_an_inactive_default_is_passed_over(support: User, manager: User) -> None:
    gone = UserFactory(role="incident_manager", status="inactive")
    contact = ClientContactFactory(client=ClientFactory(default_incident_manager=gone))
    assert _raise_p1(Actor.web(support), contact).assigned_to is None


def test_the_incident_manager_on_call_comes_before_the_clients_default(support: User, on_call: dict[str, Any]) -> None:
    rota, default = UserFactory(role="incident_manager"), UserFactory(role="incident_manager")
    contact = ClientContactFactory(client=ClientFactory(default_incident_manager=default))
    on_call["user"] = rota
    incident = _raise_p1(Actor.web(support), contact)
    assert incident.assigned_to == rota
    assert on_call["asked"] == [contact.client_id]
    assert incident.notes.filter(note_text__contains="on call").exists()


def test_an_on_call_engineer_who_is_not_an_incident_manager_is_not_given_a_p1(
    support: User, on_call: dict[str, Any]
) -> None:
    on_call["user"] = support
    assert _raise_p1(Actor.web(support), support).assigned_to is None


def test_raising_severity_assigns_by_rule_or_asks(support: User, manager: User) -> None:
    incident = IncidentFactory(severity="P3", status="in_progress", assigned_to=support)
    incident_update(actor=Actor.web(support), incident=incident, data={"severity": "P2"})
    incident.refresh_from_db()
    assert incident.assigned_to == support  # not an incident manager: the offer goes out, the engineer keeps it
    assert OutboxMessage.objects.filter(key__startswith=f"command-wanted:{incident.pk}:").exists()
    incident_take_command(actor=Actor.web(manager), incident=incident)
    incident.refresh_from_db()
    assert incident.assigned_to == manager
    assert incident.bridges.filter(status="active").count() == 1


def test_resolving_takes_a_resolution_code_and_notes(manager: User) -> None:
    incident = IncidentFactory(severity="P3", status="in_progress")
    move = incident_transition
    actor = Actor.web(manager)
    assert_refused(lambda: move(actor=actor, incident=incident, status="resolved"), "resolution_required")
    refused = assert_refused(
        lambda: move(actor=actor, incident=incident, status="resolved", resolution_code="magic", resolution_notes="x"),
        "resolution_required",
    )
    assert set(refused.fields) == {"resolution_code"}
    refused = assert_refused(
        lambda: move(actor=actor, incident=incident, status="resolved", resolution_code="fixed", resolution_notes=" "),
        "resolution_required",
    )
    assert set(refused.fields) == {"resolution_notes"}
    move(actor=actor, incident=incident, status="resolved", resolution_code="rolled_back", resolution_notes="Undone")
    incident.refresh_from_db()
    assert (incident.status, incident.resolution_code, incident.resolution_notes) == (
        "resolved",
        "rolled_back",
        "Undone",
    )
    move(actor=actor, incident=incident, status="in_progress")
    incident.refresh_from_db()
    assert (incident.resolution_code, incident.resolved_at) == ("", None)


def test_the_api_resolves_with_a_documented_code(api_as: Any, manager: User) -> None:
    incident = IncidentFactory(severity="P3", status="in_progress")
    client = api_as(manager)
    url = f"/api/v1/incidents/{incident.pk}/transition/"
    refused = client.post(url, {"status": "resolved", "resolution_code": "fixed"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "resolution_required")
    answer = client.post(
        url, {"status": "resolved", "resolution_code": "fixed", "resolution_notes": "Pool resized"}, format="json"
    )
    assert answer.status_code == 200
    assert (answer.json()["resolution_code"], answer.json()["resolution_notes"]) == ("fixed", "Pool resized")
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "rolled_back" in schema["components"]["schemas"]["ResolutionCodeEnum"]["enum"]


def test_take_command_through_the_api(api_as: Any, support: User, manager: User) -> None:
    incident = _raise_p1(Actor.web(support), support)
    url = f"/api/v1/incidents/{incident.pk}/take-command/"
    assert api_as(support).post(url).status_code == 403
    answer = api_as(manager).post(url)
    assert (answer.status_code, answer.json()["assigned_to"]) == (200, manager.pk)
    second = api_as(UserFactory(role="incident_manager")).post(url)
    assert (second.status_code, second.json()["code"]) == (409, "command_already_taken")
