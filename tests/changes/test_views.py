"""Pages of problems, changes, approvals and reports: they render, act through services, and stay cheap."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from approvals.models import ApprovalRequest
from changes.models import ChangeRequest
from problems.models import Problem
from reports.models import IncidentReport
from tests.changes.factories import ChangeFactory
from tests.helpers import assert_unchanged
from tests.incidents.factories import IncidentFactory, WorkNoteFactory
from tests.problems.factories import ProblemFactory
from tests.reports.factories import RCAFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client: Any, manager: User) -> Any:
    client.force_login(manager)
    return client


@pytest.mark.parametrize(
    "path", ["/problems/", "/changes/", "/rcas/", "/approvals/", "/problems/new/", "/changes/new/"]
)
def test_pages_render(browser: Any, path: str) -> None:
    ProblemFactory()
    ChangeFactory()
    RCAFactory()
    assert browser.get(path).status_code == 200


def test_problem_page_links_an_incident_by_number(browser: Any) -> None:
    problem, incident = ProblemFactory(), IncidentFactory()
    response = browser.post(
        f"/problems/{problem.pk}/incidents/", {"incident_number": incident.incident_number}, follow=True
    )
    assert f"{incident.incident_number} linked." in response.content.decode()
    incident.refresh_from_db()
    assert incident.problem == problem
    with assert_unchanged():
        response = browser.post(f"/problems/{problem.pk}/incidents/", {"incident_number": "INC9999999"}, follow=True)
    assert "No incident INC9999999" in response.content.decode()


def test_problem_page_query_count_is_fixed(browser: Any, count_queries: Any) -> None:
    problem = ProblemFactory()
    IncidentFactory(problem=problem)
    WorkNoteFactory(incident=None, problem=problem)
    before = count_queries(lambda: browser.get(f"/problems/{problem.pk}/"))
    for _ in range(8):
        IncidentFactory(problem=problem)
        WorkNoteFactory(incident=None, problem=problem)
    assert count_queries(lambda: browser.get(f"/problems/{problem.pk}/")) == before


def test_create_problem_from_the_form(browser: Any) -> None:
    incident = IncidentFactory()
    response = browser.post(
        "/problems/new/",
        {"title": "Leaky pool", "description": "Connections leak", "category": "software", "incidents": [incident.pk]},
    )
    problem = Problem.objects.get(title="Leaky pool")
    assert response["Location"] == f"/problems/{problem.pk}/"
    assert problem.incidents.get() == incident


def test_change_page_requests_approval_then_schedules(browser: Any, manager: User, executive: User) -> None:
    change = ChangeFactory(change_type="normal")
    when = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    browser.post(f"/changes/{change.pk}/transition/", {"status": "scheduled", "implementation_date": when})
    change.refresh_from_db()
    assert change.status == "requested"  # not scheduled before its approval
    browser.post(f"/changes/{change.pk}/approvals/", {"approver": executive.pk})
    approval = ApprovalRequest.objects.get(reference_id=change.pk)
    assert approval.approver == executive
    browser.force_login(executive)
    browser.post(f"/approvals/{approval.pk}/decide/", {"decision": "approved"})
    browser.force_login(manager)
    browser.post(f"/changes/{change.pk}/transition/", {"status": "scheduled", "implementation_date": when})
    change.refresh_from_db()
    assert (change.status, change.approved_by) == ("scheduled", executive)


def test_inbox_decides(client: Any, executive: User) -> None:
    change = ChangeFactory(change_type="emergency")
    approval = ApprovalRequest.objects.create(
        reference_type="change", reference_id=change.pk, requested_action="create_change_request", approver=executive
    )
    client.force_login(executive)
    page = client.get("/approvals/").content.decode()
    assert f"/changes/{change.pk}/" in page
    client.post(f"/approvals/{approval.pk}/decide/", {"decision": "approved"})
    assert ChangeRequest.objects.get(pk=change.pk).status == "approved"


def test_report_from_the_incident_page_and_markdown(browser: Any) -> None:
    incident = IncidentFactory(status="resolved", resolved_at=timezone.now(), title="Core switch reboot")
    response = browser.post(f"/incidents/{incident.pk}/reports/new/", {"report_type": "post_incident_review"})
    report = IncidentReport.objects.get(incident=incident)
    assert response["Location"] == f"/reports/{report.pk}/"
    markdown = browser.get(f"/reports/{report.pk}/markdown/")
    assert markdown["Content-Type"].startswith("text/markdown")
    assert "Core switch reboot" in markdown.content.decode()
