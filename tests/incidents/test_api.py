"""The incidents API: creation with assessment, lifecycle actions, filters, fixed query counts."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import EscalationFactory, IncidentFactory, WorkNoteFactory

pytestmark = pytest.mark.django_db


def test_severity_assessment_endpoint(api_as: Any, support: User) -> None:
    response = api_as(support).post(
        "/api/v1/incidents/severity-assessment/",
        {"major_degradation": True, "workaround_available": True, "affected_parties_count": 2},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["severity"] == "P2"
    assert response.json()["decided_by"] == ["major_degradation with workaround_available"]


def test_create_p1_with_assessment_returns_bridge_state(api_as: Any, support: User, manager: User) -> None:
    ci = AssignmentFactory().ci
    response = api_as(support).post(
        "/api/v1/incidents/",
        {
            "title": "Payments down",
            "description": "All card payments fail",
            "category": "software",
            "impact": "critical",
            "urgency": "critical",
            "assigned_to": manager.pk,
            "detection_time": (timezone.now() - dt.timedelta(minutes=3)).isoformat(),
            "assessment": {"complete_outage": True, "no_workaround": True},
            "configuration_items": [ci.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["severity"], body["status"], body["reported_by"]) == ("P1", "in_progress", support.pk)
    assert body["configuration_items"] == [ci.pk]
    bridges = api_as(support).get("/api/v1/bridges/", {"incident": body["id"]}).json()["results"]
    assert [(b["bridge_type"], b["bridge_host"]) for b in bridges] == [("major_incident", manager.pk)]


def test_a_p1_raised_without_an_incident_manager_waits_for_command(api_as: Any, support: User) -> None:
    response = api_as(support).post(
        "/api/v1/incidents/",
        {
            "title": "Down",
            "description": "x",
            "category": "network",
            "impact": "critical",
            "urgency": "critical",
            "severity": "P1",
            "detection_time": timezone.now().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["assigned_to"], response.json()["status"]) == (None, "open")


def test_transition_action_and_its_refusal(api_as: Any, support: User) -> None:
    incident = IncidentFactory(status="open")
    client = api_as(support)
    response = client.post(f"/api/v1/incidents/{incident.pk}/transition/", {"status": "in_progress"}, format="json")
    assert response.status_code == 200
    assert response.json()["acknowledged_at"] is not None
    assert response.json()["allowed_statuses"] == ["monitoring", "resolved"]
    response = client.post(f"/api/v1/incidents/{incident.pk}/transition/", {"status": "closed"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")


def test_filters(api_as: Any, support: User) -> None:
    client_a = ClientFactory()
    hit = IncidentFactory(severity="P2", status="in_progress", title="Disk full on db-7")
    link_ci = AssignmentFactory(client=client_a).ci
    hit.ci_links.create(ci=link_ci)
    IncidentFactory(severity="P4", status="closed", detection_time=timezone.now() - dt.timedelta(days=40))
    api = api_as(support)

    def ids(**params: Any) -> list[int]:
        response = api.get("/api/v1/incidents/", params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(severity="P2") == [hit.pk]
    assert ids(status=["in_progress", "open"]) == [hit.pk]
    assert ids(client=client_a.pk) == [hit.pk]
    assert ids(ci=link_ci.pk) == [hit.pk]
    assert ids(q="disk full") == [hit.pk]
    assert ids(q=hit.incident_number) == [hit.pk]
    assert ids(detected_after=(timezone.now() - dt.timedelta(days=2)).date().isoformat()) == [hit.pk]
    response = api.get("/api/v1/incidents/", {"detected_after": "yesterday"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_incident_list_queries_do_not_grow(api_as: Any, support: User, count_queries: Any) -> None:
    client = api_as(support)
    for _ in range(2):
        IncidentFactory().ci_links.create(ci=AssignmentFactory().ci)
    small = count_queries(lambda: client.get("/api/v1/incidents/", {"page_size": 1}))
    for _ in range(15):
        IncidentFactory().ci_links.create(ci=AssignmentFactory().ci)
    assert count_queries(lambda: client.get("/api/v1/incidents/", {"page_size": 50})) == small


def test_client_contact_sees_incidents_of_their_client(api_as: Any) -> None:
    contact = ClientContactFactory()
    affecting = IncidentFactory()
    affecting.ci_links.create(ci=AssignmentFactory(client=contact.client).ci)
    reported = IncidentFactory(reported_by=contact)
    IncidentFactory()
    rows = api_as(contact).get("/api/v1/incidents/").json()["results"]
    assert sorted(row["id"] for row in rows) == sorted([affecting.pk, reported.pk])
    assert api_as(contact).get("/api/v1/work-notes/").json()["results"] == []


def test_work_notes_api(api_as: Any, support: User) -> None:
    incident = IncidentFactory()
    client = api_as(support)
    response = client.post("/api/v1/work-notes/", {"incident": incident.pk, "note_text": "Looking"}, format="json")
    assert response.status_code == 201
    note_id = response.json()["id"]
    response = client.patch(f"/api/v1/work-notes/{note_id}/", {"note_text": "Found it"}, format="json")
    assert response.json()["note_text"] == "Found it"
    response = client.post("/api/v1/work-notes/", {"note_text": "Orphan"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "note_target_required")
    other = WorkNoteFactory(incident=incident)
    response = client.patch(f"/api/v1/work-notes/{other.pk}/", {"note_text": "Mine now"}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "not_note_author")


def test_escalations_api(api_as: Any, support: User, executive: User) -> None:
    incident = IncidentFactory(status="in_progress")
    response = api_as(support).post(
        "/api/v1/escalations/",
        {"incident": incident.pk, "escalated_to": executive.pk, "escalation_reason": "Revenue impact"},
        format="json",
    )
    assert response.status_code == 201
    escalation_id = response.json()["id"]
    response = api_as(executive).post(
        f"/api/v1/escalations/{escalation_id}/status/", {"status": "approved"}, format="json"
    )
    assert response.json()["status"] == "approved"
    assert response.json()["responded_at"]
    response = api_as(executive).post(
        f"/api/v1/escalations/{escalation_id}/status/", {"status": "denied"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "escalation_already_decided")
    other = EscalationFactory()
    response = api_as(UserFactory(role="technical_support")).post(
        f"/api/v1/escalations/{other.pk}/status/", {"status": "approved"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")


def test_attachment_upload_and_download(api_as: Any, support: User) -> None:
    incident = IncidentFactory()
    client = api_as(support)
    upload = SimpleUploadedFile("trace.txt", b"stack trace", content_type="text/plain")
    response = client.post("/api/v1/attachments/", {"incident": incident.pk, "file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["file_name"], body["file_size_bytes"], body["reference_id"]) == ("trace.txt", 11, incident.pk)
    download = client.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"stack trace"
    outsider = ClientContactFactory()
    assert api_as(outsider).get(body["download_url"]).status_code == 404
    bad = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/x-msdownload")
    response = client.post("/api/v1/attachments/", {"incident": incident.pk, "file": bad}, format="multipart")
    assert (response.status_code, response.json()["code"]) == (400, "file_type_not_allowed")


def test_timeline_lists_children(api_as: Any, manager: User) -> None:
    incident = IncidentFactory(status="in_progress", severity="P3")
    client = api_as(manager)
    client.post("/api/v1/work-notes/", {"incident": incident.pk, "note_text": "Investigating"}, format="json")
    client.post("/api/v1/bridges/", {"incident": incident.pk, "bridge_type": "technical"}, format="json")
    entries = client.get(f"/api/v1/incidents/{incident.pk}/timeline/").json()
    assert {entry["record_type"] for entry in entries} >= {"work_note", "bridge"}


def test_timeline_lists_a_change_a_field_at_a_time(api_as: Any, manager: User) -> None:
    incident = IncidentFactory(status="in_progress", severity="P3", title="Old", urgency="medium")
    client = api_as(manager)
    client.patch(f"/api/v1/incidents/{incident.pk}/", {"title": "New", "urgency": "high"}, format="json")
    entries = client.get(f"/api/v1/incidents/{incident.pk}/timeline/").json()
    update = [entry for entry in entries if entry["action"] == "update"]
    assert [(e["field_name"], e["old_value"], e["new_value"]) for e in update] == [
        ("title", "Old", "New"),
        ("urgency", "medium", "high"),
    ]
    assert {(e["created_at"], e["actor"], e["source"], e["record_id"]) for e in update} == {
        (update[0]["created_at"], manager.pk, "api", incident.pk)
    }
