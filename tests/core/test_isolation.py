"""Client isolation: a client contact sees and references only their own client's records, in pages, the API,
the pickers and the filters; another client's record answers exactly as one that does not exist."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from core.permissions import scope
from core.roles import Role
from incidents.models import Incident
from sla.services.clocks import sla_refresh
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_unchanged
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


class World:
    """Two clients, each with a contact, a CI and a breached incident; one incident affects both."""

    def __init__(self) -> None:
        self.ours, self.theirs = ClientFactory(client_name="Ours Ltd"), ClientFactory(client_name="Theirs plc")
        self.contact = ClientContactFactory(client=self.ours)
        self.other_contact = ClientContactFactory(client=self.theirs)
        self.our_ci = AssignmentFactory(client=self.ours).ci
        self.their_ci = AssignmentFactory(client=self.theirs).ci
        self.engineer = UserFactory(role=Role.TECHNICAL_SUPPORT, first_name="Visible")
        self.stranger = UserFactory(role=Role.TECHNICAL_SUPPORT, first_name="Hidden")
        long_ago = timezone.now() - dt.timedelta(days=3)
        for client in (self.ours, self.theirs):
            SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
        self.our_incident = self._breached(self.our_ci, long_ago, assigned_to=self.engineer)
        self.their_incident = self._breached(self.their_ci, long_ago, assigned_to=self.stranger)
        self.shared = self._breached(self.our_ci, long_ago)
        self.shared.ci_links.create(ci=self.their_ci)
        sla_refresh(incidents=[self.shared])

    def _breached(self, ci: Any, detected: dt.datetime, **fields: Any) -> Incident:
        incident = IncidentFactory(severity="P2", detection_time=detected, **fields)
        incident.ci_links.create(ci=ci)
        sla_refresh(incidents=[incident])
        return incident


@pytest.fixture
def world() -> World:
    return World()


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_sla_breaches_show_only_the_contacts_client(world: World) -> None:
    rows = _api(world.contact).get("/api/v1/sla-breaches/").json()["results"]
    assert rows
    assert {row["client"] for row in rows} == {world.ours.pk}
    assert world.their_incident.pk not in {row["incident"] for row in rows}
    staff_rows = _api(UserFactory(role=Role.INCIDENT_MANAGER)).get("/api/v1/sla-breaches/").json()["results"]
    assert {row["client"] for row in staff_rows} == {world.ours.pk, world.theirs.pk}


def test_sla_breach_filter_on_another_client_answers_as_an_unknown_client(world: World) -> None:
    api = _api(world.contact)
    theirs = api.get(f"/api/v1/sla-breaches/?client={world.theirs.pk}")
    unknown = api.get("/api/v1/sla-breaches/?client=999999")
    assert theirs.status_code == unknown.status_code == 400
    assert theirs.json()["code"] == unknown.json()["code"] == "invalid_filter"
    csv = b"".join(api.get("/api/v1/sla-breaches/?export=csv").streaming_content).decode()
    assert "Ours Ltd" in csv
    assert "Theirs plc" not in csv


def test_breach_page_and_list_filters_offer_only_the_own_client(client: Any, world: World) -> None:
    client.force_login(world.contact)
    for path in ("/sla/breaches/", "/incidents/", "/cmdb/"):
        page = client.get(path)
        assert page.status_code == 200, path
        html = page.content.decode()
        assert "Ours Ltd" in html, path
        assert "Theirs plc" not in html, path


def test_shared_incident_shows_only_the_contacts_cis_and_clocks(world: World, client: Any) -> None:
    body = _api(world.contact).get(f"/api/v1/incidents/{world.shared.pk}/").json()
    assert body["configuration_items"] == [world.our_ci.pk]
    assert [clock["client"] for clock in body["slas"]] == [world.ours.pk]
    client.force_login(world.contact)
    page = client.get(f"/incidents/{world.shared.pk}/").content.decode()
    assert world.our_ci.ci_name in page
    assert world.their_ci.ci_name not in page
    assert "Theirs plc" not in page


def test_another_clients_incident_answers_404_like_a_missing_one(world: World, client: Any) -> None:
    api = _api(world.contact)
    assert api.get(f"/api/v1/incidents/{world.their_incident.pk}/").status_code == 404
    assert api.get("/api/v1/incidents/99999999/").status_code == 404
    client.force_login(world.contact)
    assert client.get(f"/incidents/{world.their_incident.pk}/").status_code == 404


def _raise(api: APIClient, **extra: Any) -> Any:
    body = {
        "title": "Portal down", "description": "Nobody can sign in", "category": "software", "impact": "high",
        "urgency": "high", "detection_time": timezone.now().isoformat(),
        "assessment": {"single_department": True},
    } | extra  # fmt: skip
    return api.post("/api/v1/incidents/", {k: v for k, v in body.items() if v is not None}, format="json")


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("their_ci", "ci_not_found"),
        ("problem", "problem_not_found"),
    ],
)
def test_ids_in_a_body_from_another_client_answer_as_unknown_ids(world: World, extra: str, code: str) -> None:
    api = _api(world.contact)
    body: dict[str, Any] = (
        {"configuration_items": [world.their_ci.pk]} if extra == "their_ci" else {"problem": ProblemFactory().pk}
    )
    missing: dict[str, Any] = {"configuration_items": [99999999]} if extra == "their_ci" else {"problem": 99999999}
    with assert_unchanged():
        refused, unknown = _raise(api, **body), _raise(api, **missing)
    assert refused.status_code == unknown.status_code == 400
    assert refused.json()["code"] == unknown.json()["code"] == code
    assert refused.json()["fields"].keys() == unknown.json()["fields"].keys()


def test_a_contact_raises_with_their_own_ci(world: World) -> None:
    answer = _raise(_api(world.contact), configuration_items=[world.our_ci.pk])
    assert answer.status_code == 201, answer.json()
    assert answer.json()["severity"] == "P3"


def test_a_contacts_p1_is_accepted_and_handed_to_the_clients_incident_manager(world: World) -> None:
    UserFactory(role=Role.INCIDENT_MANAGER)
    free = UserFactory(role=Role.INCIDENT_MANAGER)
    world.contact.client.default_incident_manager = free
    world.contact.client.save()
    answer = _raise(
        _api(world.contact),
        configuration_items=[world.our_ci.pk],
        assessment={"complete_outage": True, "no_workaround": True, "enterprise_impact": True},
    )
    assert answer.status_code == 201, answer.json()
    incident = Incident.objects.get(pk=answer.json()["id"])
    assert (incident.severity, incident.assigned_to) == ("P1", free)
    assert incident.bridges.get().bridge_host == free
    assert incident.notes.filter(note_text__contains="handed to").exists()


def test_a_contacts_p1_can_be_refused_by_setting(world: World, settings: Any) -> None:
    settings.TRACER_CONTACT_MAJOR_INCIDENTS = "refuse"
    UserFactory(role=Role.INCIDENT_MANAGER)
    with assert_unchanged():
        answer = _raise(_api(world.contact), assessment={"complete_outage": True, "no_workaround": True,
                                                          "enterprise_impact": True})  # fmt: skip
    assert (answer.status_code, answer.json()["code"]) == (403, "major_incident_not_allowed")


def test_a_contact_answers_the_assessment_and_does_not_assign(world: World, settings: Any) -> None:
    api = _api(world.contact)
    with assert_unchanged():
        declared = _raise(api, severity="P1", assessment=None)
        assigned = _raise(api, assigned_to=world.engineer.pk)
    assert (declared.status_code, declared.json()["code"]) == (400, "assessment_required")
    assert (assigned.status_code, assigned.json()["code"]) == (403, "assignee_not_allowed")
    settings.TRACER_CONTACT_SEVERITY = "declared"
    body = {
        "title": "Slow reports", "description": "Reports take minutes", "category": "software", "impact": "low",
        "urgency": "low", "severity": "P4", "detection_time": timezone.now().isoformat(),
    }  # fmt: skip
    assert api.post("/api/v1/incidents/", body, format="json").status_code == 201


def test_staff_names_shown_to_a_contact_are_those_on_their_records(world: World, client: Any) -> None:
    people = set(scope(User.objects.all(), world.contact))
    assert world.engineer in people
    assert world.contact in people
    assert world.stranger not in people
    assert world.other_contact not in people
    client.force_login(world.contact)
    owners = client.get("/cmdb/").context["filterset"].form.fields["responsible_owner"].queryset
    assert world.stranger not in set(owners)


def test_incident_form_offers_only_the_contacts_cis(client: Any, world: World) -> None:
    client.force_login(world.contact)
    form = client.get("/incidents/new/").context["form"]
    assert list(form.fields["configuration_items"].queryset) == [world.our_ci]
    assert "assigned_to" not in form.fields
    assert "severity" not in form.fields
