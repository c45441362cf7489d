"""The incident pages: queue, creation, the incident page and its actions."""

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from incidents.models import Incident, WorkNote
from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.bridges.factories import BridgeFactory, ParticipantFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_unchanged
from tests.incidents.factories import EscalationFactory, IncidentFactory, WorkNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client: Any, manager: User) -> Any:
    client.force_login(manager)
    return client


def test_queue_filters_and_sorts(browser: Any) -> None:
    IncidentFactory(title="Printer jam", severity="P4")
    IncidentFactory(title="Core router down", severity="P1", status="in_progress")
    page = browser.get("/incidents/", {"severity": "P1"}).content.decode()
    assert "Core router down" in page
    assert "Printer jam" not in page
    page = browser.get("/incidents/", {"sort": "severity"}).content.decode()
    assert page.index("Core router down") < page.index("Printer jam")


def test_queue_and_incident_page_run_fixed_query_counts(browser: Any, count_queries: Any) -> None:
    incident = IncidentFactory(status="in_progress", severity="P1")
    bridge = BridgeFactory(incident=incident)
    WorkNoteFactory(incident=incident)
    ParticipantFactory(bridge=bridge)
    EscalationFactory(incident=incident)
    incident.ci_links.create(ci=AssignmentFactory().ci)
    queue_before = count_queries(lambda: browser.get("/incidents/"))
    page_before = count_queries(lambda: browser.get(f"/incidents/{incident.pk}/"))
    for _ in range(12):
        IncidentFactory()
        WorkNoteFactory(incident=incident)
        ParticipantFactory(bridge=bridge)
        EscalationFactory(incident=incident)
        incident.ci_links.create(ci=AssignmentFactory().ci)
    assert count_queries(lambda: browser.get("/incidents/")) == queue_before
    assert count_queries(lambda: browser.get(f"/incidents/{incident.pk}/")) == page_before


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "VPN down",
        "description": "No one can connect",
        "category": "network",
        "impact": "high",
        "urgency": "high",
        "detection_time": (timezone.localtime() - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "affected_parties_count": "0",
    }
    data.update(changes)
    return data


def test_create_p1_from_the_form_opens_its_bridge(browser: Any, manager: User) -> None:
    response = browser.post("/incidents/new/", form_data(enterprise_impact="on", assigned_to=manager.pk))
    incident = Incident.objects.get(title="VPN down")
    assert response["Location"] == f"/incidents/{incident.pk}/"
    assert incident.severity == "P1"
    page = browser.get(response["Location"]).content.decode()
    assert "Bridge BRG" in page


def test_create_form_shows_the_rule_that_refused(browser: Any) -> None:
    engineer = UserFactory(role="technical_support")
    with assert_unchanged():
        response = browser.post("/incidents/new/", form_data(enterprise_impact="on", assigned_to=engineer.pk))
    assert response.status_code == 200
    assert "needs an assigned active incident manager" in response.content.decode()


def test_incident_page_actions(browser: Any, manager: User) -> None:
    incident = IncidentFactory(status="open", severity="P3", assigned_to=manager)
    url = f"/incidents/{incident.pk}/"
    browser.post(f"{url}transition/", {"status": "in_progress"})
    browser.post(f"{url}notes/", {"note_text": "Checking logs", "note_type": "troubleshooting"})
    browser.post(f"{url}bridge/", {"bridge_type": "technical"})
    executive = UserFactory(role="executive")
    browser.post(f"{url}escalations/", {"escalated_to": executive.pk, "escalation_reason": "Board asks"})
    upload = SimpleUploadedFile("dump.txt", b"core dump", content_type="text/plain")
    browser.post(f"{url}attachments/", {"file": upload})
    incident.refresh_from_db()
    assert incident.status == "in_progress"
    assert incident.bridges.get().bridge_type == "technical"
    assert incident.escalations.get().escalated_to == executive
    assert WorkNote.objects.filter(incident=incident, note_text="Checking logs").exists()
    page = browser.get(url).content.decode()
    assert "dump.txt" in page
    assert "Checking logs" in page


def test_refused_action_comes_back_as_a_message(browser: Any) -> None:
    incident = IncidentFactory(status="open")
    with assert_unchanged():
        response = browser.post(f"/incidents/{incident.pk}/transition/", {"status": "closed"}, follow=True)
    assert "cannot move from open to closed" in response.content.decode()


def test_client_contact_sees_the_incident_without_internal_notes(client: Any) -> None:
    contact = ClientContactFactory()
    incident = IncidentFactory(reported_by=contact)
    WorkNoteFactory(incident=incident, note_text="internal detail")
    client.force_login(contact)
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert incident.title in page
    assert "internal detail" not in page
    assert client.get(f"/incidents/{IncidentFactory().pk}/").status_code == 404


def test_note_can_be_edited_by_its_author(client: Any, support: User) -> None:
    note = WorkNoteFactory(created_by=support, note_text="typo")
    client.force_login(support)
    response = client.post(f"/notes/{note.pk}/edit/", {"note_text": "fixed", "note_type": "progress_update"})
    assert response["Location"] == f"/incidents/{note.incident_id}/"
    note.refresh_from_db()
    assert note.note_text == "fixed"


def test_queue_pages_without_counting_a_large_table(browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.views import EstimatedPaginator

    for _ in range(32):
        IncidentFactory()
    monkeypatch.setattr(EstimatedPaginator, "exact_below", 10_000)
    assert "32 in all" in browser.get("/incidents/").content.decode()  # small: counted exactly
    monkeypatch.setattr(EstimatedPaginator, "exact_below", 30)
    first = browser.get("/incidents/").content.decode()
    assert re.search(r"Page 1 · about [\d,]+ in all", first)  # large: the planner's estimate, said so
    assert 'rel="next"' in first
    last = browser.get("/incidents/", {"page": 2}).content.decode()
    assert (last.count('class="badge badge-'), 'rel="next"' in last) == (7 * 2, False)  # the 7 left, no next
    assert browser.get("/incidents/", {"page": 3}).status_code == 404


def test_a_large_lists_estimate_is_planned_once_a_minute(browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import views
    from incidents.views import IncidentListView

    def plans(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert "in all" in browser.get("/incidents/", params).content.decode()
        return sum(query["sql"].startswith("EXPLAIN") for query in queries.captured_queries)

    IncidentFactory.create_batch(3, severity="P1")
    monkeypatch.setattr(IncidentListView, "paginate_by", 2)  # a next page: the size is asked
    monkeypatch.setattr(views.EstimatedPaginator, "exact_below", 1)
    assert [plans({}), plans({}), plans({"severity": "P1"}), plans({"severity": "P1"})] == [1, 0, 1, 0]
    clock = views.time.monotonic() + views.ESTIMATE_KEPT_FOR + 1
    monkeypatch.setattr(views.time, "monotonic", lambda: clock)
    assert plans({}) == 1  # planned again once a minute old


def test_the_unfiltered_first_page_is_one_statement_kept_for_every_staff_reader(client: Any, manager: User) -> None:
    """The queue's first page and its client box are read together by a statement composed once: what it reads
    is still read afresh each time, for each reader."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    IncidentFactory(title="Printer jam")
    contact = ClientContactFactory()
    client.force_login(manager)
    first = client.get("/incidents/").content.decode()
    assert "Printer jam" in first
    assert f">{contact.client.client_name}</option>" in first
    IncidentFactory(title="Core router down")
    client.force_login(UserFactory(role="technical_support"))
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/incidents/").content.decode()
    assert "Core router down" in again
    assert "Printer jam" in again
    assert f">{contact.client.client_name}</option>" in again
    statements = [query["sql"] for query in queries.captured_queries]
    assert sum("json_agg" in sql for sql in statements) == 1  # the rows and the clients, together
    assert not any(sql.startswith(('SELECT "incidents_incident"', 'SELECT "accounts_client"')) for sql in statements)
    filtered = client.get("/incidents/", {"q": "router"}).content.decode()
    assert "Core router down" in filtered
    assert "Printer jam" not in filtered
    client.force_login(contact)  # a contact's queue is their client's: never the kept statement
    assert "Core router down" not in client.get("/incidents/").content.decode()
