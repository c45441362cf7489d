"""The response cycle through the API: phases, reviews by someone else, status updates, the post-mortem."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from communications.models import StatusUpdate
from response.models import PhaseRecord
from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_unchanged
from tests.incidents.factories import IncidentFactory
from tests.response.test_services import TRIAGE

pytestmark = pytest.mark.django_db


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def incident() -> Any:
    return IncidentFactory(severity="P2", status="in_progress")


def test_a_phase_is_drafted_submitted_and_reviewed_by_someone_else(incident: Any) -> None:
    author, reviewer = UserFactory(role="incident_manager"), UserFactory(role="incident_manager")
    base = f"/api/v1/incidents/{incident.pk}/phases/"
    saved = api(author).put(f"{base}triage/", {"content": TRIAGE}, format="json")
    assert (saved.status_code, saved.json()["status"], saved.json()["author"]) == (200, "draft", author.pk)
    assert api(author).post(f"{base}triage/submit/").json()["status"] == "submitted"
    with assert_unchanged():
        own = api(author).post(f"{base}triage/review/", {"decision": "approved"}, format="json")
    assert (own.status_code, own.json()["code"]) == (403, "cannot_review_own_record")
    with assert_unchanged():
        bare = api(reviewer).post(f"{base}triage/review/", {"decision": "revision"}, format="json")
    assert (bare.status_code, bare.json()["code"]) == (400, "comment_required")
    approved = api(reviewer).post(f"{base}triage/review/", {"decision": "approved"}, format="json")
    assert (approved.json()["status"], approved.json()["reviewer_name"]) == ("approved", reviewer.full_name)
    listed = api(reviewer).get(base).json()
    assert [(row["phase"], row["status"]) for row in listed] == [("triage", "approved")]


def test_phase_input_is_checked_like_the_page(incident: Any) -> None:
    manager = UserFactory(role="incident_manager")
    base = f"/api/v1/incidents/{incident.pk}/phases/"
    with assert_unchanged():
        wrong = api(manager).put(f"{base}triage/", {"content": {"mood": "calm"}}, format="json")
        unknown = api(manager).put(f"{base}retro/", {"content": TRIAGE}, format="json")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_record")
    assert set(wrong.json()["fields"]) >= {"mood", "users_impact"}
    assert unknown.status_code == 404
    assert not PhaseRecord.objects.exists()


def test_the_post_mortem_comes_as_markdown_and_sanitised_html(incident: Any) -> None:
    manager = UserFactory(role="incident_manager")
    evil = "# Outage\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) **bold**"
    PhaseRecord.objects.create(incident=incident, phase="post_mortem", content={"summary": "x", "markdown": evil})
    body = api(manager).get(f"/api/v1/incidents/{incident.pk}/post-mortem/").json()
    assert body["markdown"] == evil
    assert "<h1>Outage</h1>" in body["html"]
    assert "<strong>bold</strong>" in body["html"]
    assert "<script" not in body["html"]
    assert 'href="javascript' not in body["html"]  # left as text, never a link


def test_status_updates_are_posted_and_listed_with_the_page_rules(incident: Any) -> None:
    manager, engineer = UserFactory(role="incident_manager"), UserFactory(role="technical_support")
    url = f"/api/v1/incidents/{incident.pk}/status-updates/"
    posted = api(manager).post(url, {"status": "investigating", "headline": "Checkout", "message": "Looking"})
    assert (posted.status_code, posted.json()["status"]) == (201, "investigating")
    with assert_unchanged():
        refused = api(engineer).post(url, {"status": "identified", "headline": "x", "message": "y"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
    assert [row["headline"] for row in api(engineer).get(url).json()] == ["Checkout"]
    closed = IncidentFactory(status="closed")
    with assert_unchanged():
        late = api(manager).post(
            f"/api/v1/incidents/{closed.pk}/status-updates/", {"status": "resolved", "message": "Done"}, format="json"
        )
    assert (late.status_code, late.json()["code"]) == (409, "incident_closed")
    assert StatusUpdate.objects.count() == 1


def test_a_contact_reads_their_incidents_updates_and_no_one_elses(incident: Any) -> None:
    contact = ClientContactFactory()
    incident.ci_links.create(ci=AssignmentFactory(client=contact.client).ci)
    other = IncidentFactory()
    assert api(contact).get(f"/api/v1/incidents/{incident.pk}/status-updates/").status_code == 200
    assert api(contact).get(f"/api/v1/incidents/{other.pk}/status-updates/").status_code == 404
    assert api(contact).get(f"/api/v1/incidents/{incident.pk}/phases/").status_code == 403
