"""Finding the work: My work, the global search (PostgreSQL full text, ranked), the name pickers and saved
filters, each in the person's scope."""

from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from core.actor import Actor
from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.approvals.factories import ApprovalFactory
from tests.changes.factories import ChangeFactory
from tests.incidents.factories import IncidentFactory, WorkNoteFactory
from tests.problems.factories import ProblemFactory
from tests.response.factories import ActionItemFactory
from workspace.models import SavedFilter
from workspace.work import my_work, search

pytestmark = pytest.mark.django_db


def test_my_work_gathers_what_waits_for_me(manager: User) -> None:
    mine = IncidentFactory(status="in_progress", assigned_to=manager, severity="P3")
    IncidentFactory(status="in_progress", assigned_to=UserFactory(role="incident_manager"))
    IncidentFactory(status="closed", assigned_to=manager)
    unheld = IncidentFactory(status="open", severity="P1", assigned_to=None)
    change = ChangeFactory()
    approval = ApprovalFactory(reference_id=change.pk, approver=manager, status="pending")
    item = ActionItemFactory(owner=manager, status="open")
    ActionItemFactory(owner=manager, status="done")
    work = my_work(actor=Actor.web(manager))
    assert work["incidents"] == [mine]
    assert work["unheld"] == [unheld]
    assert work["approvals"] == [approval]
    assert work["action_items"] == [item]


def test_search_ranks_titles_above_notes_and_matches_numbers(manager: User) -> None:
    in_title = IncidentFactory(title="Database connection pool exhausted", description="x")
    in_note = IncidentFactory(title="Checkout slow", description="y")
    WorkNoteFactory(incident=in_note, note_text="The connection pool ran dry at noon")
    IncidentFactory(title="Printer jam", description="z")
    problem = ProblemFactory(title="Pool sizing", description="Connection pool too small")
    hits = search(actor=Actor.web(manager), text="connection pool")
    assert [hit.number for hit in hits["Incidents"]] == [in_title.incident_number, in_note.incident_number]
    assert [hit.number for hit in hits["Problems"]] == [problem.problem_number]
    exact = search(actor=Actor.web(manager), text=in_note.incident_number.lower())
    assert [hit.number for hit in exact["Incidents"]] == [in_note.incident_number]


def test_search_stays_in_a_contacts_scope() -> None:
    contact = ClientContactFactory()
    IncidentFactory(title="Mail outage")  # another client's
    own = IncidentFactory(title="Mail outage", reported_by=contact)
    hits = search(actor=Actor.web(contact), text="mail")
    assert [hit.number for hit in hits["Incidents"]] == [own.incident_number]
    assert "Problems" not in hits


def test_pickers_search_users_by_name(client: Client, manager: User) -> None:
    UserFactory(first_name="Priya", last_name="Nair", role="technical_support")
    client.force_login(manager)
    rows = client.get("/lookup/users/?q=pri nai").json()["results"]
    assert [row["label"] for row in rows] == ["Priya Nair · Technical support"]
    by_id = client.get(f"/lookup/users/?id={rows[0]['id']}").json()["results"]
    assert by_id == rows
    page = client.get("/incidents/").content.decode()
    assert 'data-picker="users"' in page


def test_saved_filters_belong_to_their_owner(client: Client, manager: User, support: User) -> None:
    client.force_login(manager)
    client.post("/saved-filters/", {"name": "My P1s", "path": "/incidents/", "query": "severity=P1&page=3"})
    saved = SavedFilter.objects.get()
    assert (saved.owner, saved.query) == (manager, "severity=P1")
    assert "My P1s" in client.get("/incidents/?severity=P1").content.decode()
    refused = client.post("/saved-filters/", {"name": "Bad", "path": "/admin/", "query": ""})
    assert refused.status_code == 302
    assert SavedFilter.objects.count() == 1
    other = Client()
    other.force_login(support)
    assert "My P1s" not in other.get("/incidents/").content.decode()
    other.post("/saved-filters/", {"path": "/incidents/", "delete": saved.pk})
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    client.post("/saved-filters/", {"path": "/incidents/", "delete": saved.pk})
    assert not SavedFilter.objects.exists()


def test_the_pages_answer(client: Client, manager: Any) -> None:
    client.force_login(manager)
    assert "My incidents" in client.get("/my-work/").content.decode()
    assert "result" in client.get("/search/?q=anything").content.decode()


def test_the_fallback_without_postgresql_matches_every_word(manager: User, monkeypatch: Any) -> None:
    import workspace.work

    class Elsewhere:
        vendor = "sqlite"

    monkeypatch.setattr(workspace.work, "connection", Elsewhere())
    both = IncidentFactory(title="VPN gateway down", description="x")
    noted = IncidentFactory(title="Gateway errors", description="y")
    WorkNoteFactory(incident=noted, note_text="VPN clients drop")
    IncidentFactory(title="VPN slow", description="z")
    hits = search(actor=Actor.web(manager), text="vpn gateway")
    assert {hit.number for hit in hits["Incidents"]} == {both.incident_number, noted.incident_number}
