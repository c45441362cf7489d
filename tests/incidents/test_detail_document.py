"""The incident detail composed by PostgreSQL answers exactly what IncidentSerializer writes, for every reader:
staff (whose statement is kept between requests) and client contacts (who see only their client's parts)."""

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from incidents.models import Incident
from tests.accounts.factories import ClientContactFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import IncidentSLAFactory, SLAAgreementFactory

pytestmark = pytest.mark.django_db


def _both(client: Any, path: str, **params: Any) -> tuple[Any, Any]:
    """The answer composed in SQL, and the serializer's."""
    by_database = client.get(path, params)
    with mock.patch("incidents.api.views.written_by_database", return_value=False):
        by_serializer = client.get(path, params)
    return by_database, by_serializer


@pytest.fixture
def shared() -> tuple[Incident, User]:
    """An incident touching two clients, each with its CI and SLA clock; one clock breached, one met in time."""
    contact = ClientContactFactory()
    incident = IncidentFactory(
        status="resolved",
        resolution_code="fixed",
        resolution_notes="Restarted",
        resolved_at=timezone.now().replace(microsecond=0),
        severity_assessment={"answers": {"outage": True}, "decided_by": ["outage"]},
    )
    for client in (contact.client, AssignmentFactory().client):
        incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    past = timezone.now() - dt.timedelta(hours=2)
    IncidentSLAFactory(incident=incident, agreement=SLAAgreementFactory(client=contact.client), response_due_at=past)
    other = SLAAgreementFactory()
    IncidentSLAFactory(incident=incident, agreement=other, response_met_at=past - dt.timedelta(minutes=1))
    return incident, contact


def test_staff_read_the_whole_incident_as_the_serializer_writes_it(api_as: Any, admin_user: User, shared: Any) -> None:
    incident, _contact = shared
    client = api_as(admin_user)
    for _ in range(2):  # the second answer comes from the kept statement
        by_database, by_serializer = _both(client, f"/api/v1/incidents/{incident.pk}/")
        assert by_database.status_code == by_serializer.status_code == 200
        assert by_database.json() == by_serializer.json()
    written = by_database.json()
    assert len(written["configuration_items"]) == 2
    assert sorted(clock["response_breached"] for clock in written["slas"]) == [False, True]
    assert written["resolution_code"] == "fixed"
    assert written["severity_assessment"] == {"answers": {"outage": True}, "decided_by": ["outage"]}


def test_a_contact_reads_only_their_clients_parts_even_after_staff(api_as: Any, admin_user: User, shared: Any) -> None:
    incident, contact = shared
    api_as(admin_user).get(f"/api/v1/incidents/{incident.pk}/")  # staff first: their statement is kept
    by_database, by_serializer = _both(api_as(contact), f"/api/v1/incidents/{incident.pk}/")
    assert by_database.json() == by_serializer.json()
    assert len(by_database.json()["configuration_items"]) == 1
    assert [clock["client"] for clock in by_database.json()["slas"]] == [contact.client_id]
    assert len(api_as(admin_user).get(f"/api/v1/incidents/{incident.pk}/").json()["slas"]) == 2


def test_an_open_incident_without_parts_is_written_as_the_serializer_writes_it(api_as: Any, admin_user: User) -> None:
    incident = IncidentFactory(status="new", acknowledged_at=None)
    by_database, by_serializer = _both(api_as(admin_user), f"/api/v1/incidents/{incident.pk}/")
    assert by_database.json() == by_serializer.json()
    assert by_database.json()["configuration_items"] == []
    assert by_database.json()["slas"] == []
    assert by_database.json()["resolution_code"] is None


@pytest.mark.parametrize("case", ["unknown", "not a number", "other client", "filtered out"])
def test_what_a_reader_may_not_see_is_404_on_both_paths(api_as: Any, case: str) -> None:
    contact = ClientContactFactory()
    mine = IncidentFactory(reported_by=contact, status="new")
    path, params = {
        "unknown": ("/api/v1/incidents/987654/", {}),
        "not a number": ("/api/v1/incidents/abc/", {}),
        "other client": (f"/api/v1/incidents/{IncidentFactory().pk}/", {}),
        "filtered out": (f"/api/v1/incidents/{mine.pk}/", {"status": "closed"}),
    }[case]
    by_database, by_serializer = _both(api_as(contact), path, **params)
    assert by_database.status_code == by_serializer.status_code == 404
    assert by_database.json()["code"] == by_serializer.json()["code"] == "not_found"


def test_the_detail_costs_two_queries(api_as: Any, admin_user: User, shared: Any) -> None:
    incident, _contact = shared
    client = api_as(admin_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/incidents/{incident.pk}/").status_code == 200
    assert len(queries) == 2  # the token's user, the document


def test_on_a_persistent_connection_both_are_planned_once(
    api_as: Any, admin_user: User, shared: Any, monkeypatch: Any
) -> None:
    """The document's statement names its keys as bare parameters: it is prepared with their types declared."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    incident, _contact = shared
    client = api_as(admin_user)
    first = client.get(f"/api/v1/incidents/{incident.pk}/").json()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/api/v1/incidents/{incident.pk}/").json()
    assert again == first
    assert [query["sql"].split("(")[0] for query in queries.captured_queries] == [
        "EXECUTE tracer_token_user",
        "EXECUTE tracer_incident_document",
    ]


CREATE = {
    "title": "Disk full on db-7",
    "description": "Raised by monitoring",
    "category": "software",
    "severity": "P4",
    "impact": "low",
    "urgency": "low",
    "detection_time": "2026-06-01T11:00:00Z",
}


def test_create_answers_the_record_as_the_detail_writes_it_within_its_budget(api_as: Any, admin_user: User) -> None:
    client = api_as(admin_user)
    with CaptureQueriesContext(connection) as queries:
        created = client.post("/api/v1/incidents/", CREATE, format="json")
    assert created.status_code == 201
    assert created.json() == client.get(f"/api/v1/incidents/{created.json()['id']}/").json()
    assert created.json()["reported_by"] == admin_user.pk
    assert created.json()["slas"] == []
    statements = [query["sql"] for query in queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) <= 6, statements  # user, number, incident, audit, subscriptions (+1 spare)
    assert not [sql for sql in statements if "json_build_object" in sql]  # built from what was written


@pytest.mark.parametrize("case", ["assessed", "major", "with_item", "in_kolkata", "assigned"])
def test_every_kind_of_create_answers_what_the_detail_then_reads(api_as: Any, admin_user: User, case: str) -> None:
    """Built from what was written (no links, not major) or read back: either way what the detail then reads."""
    from tests.accounts.factories import UserFactory

    body: dict[str, Any] = dict(CREATE)
    if case == "assessed":
        body.pop("severity")
        body["assessment"] = {"affected_parties_count": 3, "no_workaround": True}
    elif case == "major":
        body |= {"severity": "P1", "impact": "high", "urgency": "high",
                 "assigned_to": UserFactory(role="incident_manager").pk}  # fmt: skip
    elif case == "with_item":
        body["configuration_items"] = [AssignmentFactory().ci_id]
    elif case == "in_kolkata":
        User.objects.filter(pk=admin_user.pk).update(timezone="Asia/Kolkata")
    else:
        body["assigned_to"] = UserFactory(role="technical_support").pk
    client = api_as(admin_user)
    created = client.post("/api/v1/incidents/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json() == client.get(f"/api/v1/incidents/{created.json()['id']}/").json()


def test_an_incident_raised_with_a_clients_item_starts_that_clients_clock(api_as: Any, admin_user: User) -> None:
    assignment = AssignmentFactory()
    SLAAgreementFactory(client=assignment.client)
    body = {**CREATE, "detection_time": timezone.now().isoformat(), "configuration_items": [assignment.ci_id]}
    created = api_as(admin_user).post("/api/v1/incidents/", body, format="json").json()
    assert created["configuration_items"] == [assignment.ci_id]
    assert [clock["client"] for clock in created["slas"]] == [assignment.client_id]
