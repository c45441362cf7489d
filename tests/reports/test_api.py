"""The API of problems, changes, rollbacks, RCAs, reviews, reports and communications: each write goes through
its service and answers with the service's error codes."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from tests.changes.factories import ChangeFactory
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory

pytestmark = pytest.mark.django_db


def test_problem_api(api_as: Any, support: User) -> None:
    client = api_as(support)
    incident = IncidentFactory()
    response = client.post(
        "/api/v1/problems/",
        {"title": "Leak", "description": "Pool leak", "category": "software", "incidents": [incident.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    problem_id = response.json()["id"]
    assert response.json()["incident_count"] == 1
    response = client.patch(f"/api/v1/problems/{problem_id}/", {"status": "closed"}, format="json")
    assert response.json()["status"] == "closed"
    response = client.post(
        f"/api/v1/problems/{problem_id}/link-incident/", {"incident": IncidentFactory().pk}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "problem_closed")


def test_change_and_rollback_api(api_as: Any, support: User, manager: User, executive: User) -> None:
    response = api_as(support).post(
        "/api/v1/changes/",
        {"title": "Hotfix", "change_type": "emergency", "risk_level": "high", "approver": executive.pk},
        format="json",
    )
    assert response.status_code == 201
    change_id = response.json()["id"]
    approvals = api_as(executive).get("/api/v1/approvals/", {"mine": "true"}).json()["results"]
    assert [a["reference_id"] for a in approvals] == [change_id]
    response = api_as(manager).post(f"/api/v1/changes/{change_id}/transition/", {"status": "approved"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "executive_approval_required")
    implemented = ChangeFactory(status="implemented")
    response = api_as(support).post(
        "/api/v1/rollbacks/", {"change": implemented.pk, "rollback_reason": "Errors doubled"}, format="json"
    )
    assert response.status_code == 201
    response = api_as(manager).post(
        f"/api/v1/rollbacks/{response.json()['id']}/transition/", {"status": "approved"}, format="json"
    )
    assert response.json()["status"] == "approved"


def test_rca_review_and_report_api(api_as: Any, support: User, manager: User, executive: User) -> None:
    incident = IncidentFactory(severity="P2", status="closed", resolved_at=timezone.now())
    response = api_as(support).post(
        "/api/v1/rcas/",
        {"incident": incident.pk, "assigned_to": support.pk, "analysis_method": "fishbone",
         "analysis": {"causes": {"Platform": ["disk full"]}}},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    rca_id = response.json()["id"]
    for status in ("in_progress", "completed"):
        assert (
            api_as(support).post(f"/api/v1/rcas/{rca_id}/transition/", {"status": status}, format="json").status_code
            == 200
        )
    response = api_as(support).post(f"/api/v1/rcas/{rca_id}/transition/", {"status": "approved"}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")
    response = api_as(executive).post(f"/api/v1/rcas/{rca_id}/transition/", {"status": "approved"}, format="json")
    assert response.json()["approved_by"] == executive.pk

    when = (timezone.now() + dt.timedelta(days=1)).isoformat()
    response = api_as(manager).post(
        "/api/v1/post-incident-reviews/",
        {"incident": incident.pk, "scheduled_date": when, "facilitator": manager.pk},
        format="json",
    )
    assert response.status_code == 201
    response = api_as(manager).post(
        "/api/v1/incident-reports/", {"incident": incident.pk, "report_type": "compliance"}, format="json"
    )
    assert response.status_code == 201
    markdown = api_as(manager).get(f"/api/v1/incident-reports/{response.json()['id']}/markdown/")
    assert markdown.status_code == 200
    assert incident.incident_number in markdown.content.decode()
    open_incident = IncidentFactory(status="in_progress")
    response = api_as(manager).post(
        "/api/v1/incident-reports/", {"incident": open_incident.pk, "report_type": "compliance"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "incident_not_resolved")


def test_communications_api(api_as: Any, support: User) -> None:
    problem = ProblemFactory()
    response = api_as(support).post(
        "/api/v1/communications/",
        {"problem": problem.pk, "communication_type": "status_update", "recipient_type": "internal",
         "delivery_method": "portal", "message_content": "Root cause found"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["delivery_status"] == "pending"
    rows = api_as(support).get("/api/v1/communications/", {"problem": problem.pk}).json()["results"]
    assert len(rows) == 1
