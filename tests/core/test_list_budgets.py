"""Every API list costs the same number of queries for one row as for many (no N+1 anywhere), and no more than
its budget: a change that adds a query to a list shows here."""

from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import User
from approvals.models import ApprovalRequest
from communications.models import Communication
from reports.models import IncidentReport, PostIncidentReview
from tests.accounts.factories import ClientFactory, UserFactory
from tests.bridges.factories import ParticipantFactory
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import EscalationFactory, IncidentFactory, WorkNoteFactory
from tests.integrations.factories import AlertFactory, IntegrationFactory, WebhookFactory
from tests.oncall.factories import LayerFactory, PageFactory, StepFactory
from tests.problems.factories import ProblemFactory
from tests.reports.factories import RCAFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


def _approval() -> None:
    change = ChangeFactory()
    ApprovalRequest.objects.create(
        reference_type="change", reference_id=change.pk, requested_action="create_change_request",
        approver=change.requested_by,
    )  # fmt: skip


def _communication() -> None:
    Communication.objects.create(
        incident=IncidentFactory(), communication_type="status_update", recipient_type="internal",
        delivery_method="email", message_content="x",
    )  # fmt: skip


def _review() -> None:
    incident = IncidentFactory(status="closed")
    PostIncidentReview.objects.create(
        incident=incident, scheduled_date=incident.detection_time, facilitator=incident.reported_by
    )


def _report() -> None:
    incident = IncidentFactory(status="resolved")
    IncidentReport.objects.create(
        report_number=f"RPT9{incident.pk:06d}", report_title="r", incident=incident, report_type="compliance"
    )


def _action_item() -> None:
    from response.models import ActionItem

    incident = IncidentFactory()
    ActionItem.objects.create(
        incident=incident, title="x", owner=incident.reported_by, due_date=incident.detection_time.date()
    )


def _incident() -> None:
    IncidentFactory().ci_links.create(ci=AssignmentFactory().ci)


MAKERS: dict[str, Callable[[], Any]] = {
    "configuration-items": lambda: AssignmentFactory(),
    "incidents": _incident,
    "work-notes": lambda: WorkNoteFactory(),
    "escalations": lambda: EscalationFactory(),
    "bridges": lambda: ParticipantFactory(),
    "bridge-participants": lambda: ParticipantFactory(),
    "problems": lambda: ProblemFactory(),
    "changes": lambda: ChangeFactory(),
    "rollbacks": lambda: RollbackFactory(),
    "approvals": _approval,
    "communications": _communication,
    "rcas": lambda: RCAFactory(),
    "post-incident-reviews": _review,
    "incident-reports": _report,
    "action-items": _action_item,
    "users": lambda: UserFactory(),
    "clients": lambda: ClientFactory(),
    "sla-agreements": lambda: SLAAgreementFactory(),
    "integrations": lambda: IntegrationFactory(),
    "alerts": lambda: AlertFactory(),
    "webhooks": lambda: WebhookFactory(),
    "schedules": lambda: LayerFactory(),
    "escalation-policies": lambda: StepFactory(),
    "on-call-pages": lambda: PageFactory(),
}

BUDGETS = {
    "bridges": 3, "configuration-items": 3, "problems": 3, "on-call-pages": 3, "schedules": 4,
    "escalation-policies": 6,
}  # fmt: skip
"""Lists that need more than the usual two queries a page (their related rows, each kind read in one query)."""


@pytest.mark.parametrize("resource", sorted(MAKERS))
def test_list_queries_do_not_grow_with_rows(api_as: Any, admin_user: User, count_queries: Any, resource: str) -> None:
    client = api_as(admin_user)
    url = f"/api/v1/{resource}/"
    MAKERS[resource]()
    one = count_queries(lambda: client.get(url, {"page_size": 200}))
    for _ in range(6):
        MAKERS[resource]()
    response = client.get(url, {"page_size": 200})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 7
    assert count_queries(lambda: client.get(url, {"page_size": 200})) == one, resource
    assert one <= BUDGETS.get(resource, 2), f"{resource}: {one} queries a page"
