"""Once-only writes under concurrency (PostgreSQL): twenty identical requests at the same moment make one
record and one email; the others answer 409 with the rule's code."""

from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from bridges.models import Bridge
from communications.models import OutboxMessage
from incidents.models import Escalation
from reports.models import IncidentReport, PostIncidentReview
from tests.accounts.factories import UserFactory
from tests.helpers import race
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db(transaction=True)
TWENTY = 20


def _storm(api_as: Any, user: Any, path: str, body: dict[str, Any]) -> Counter[tuple[int, str]]:
    clients = [api_as(user) for _ in range(TWENTY)]
    answers = race([lambda c=c: c.post(path, body, format="json") for c in clients])
    return Counter((answer.status_code, answer.json().get("code", "")) for answer in answers)


def test_twenty_identical_escalations_make_one_and_one_email(api_as: Any) -> None:
    engineer, lead = UserFactory(role="technical_support"), UserFactory(role="incident_manager")
    incident = IncidentFactory(status="in_progress")
    emails_before = OutboxMessage.objects.count()
    seen = _storm(
        api_as, engineer, "/api/v1/escalations/",
        {"incident": incident.pk, "escalated_to": lead.pk, "escalation_reason": "Need a decision"},
    )  # fmt: skip
    assert seen == Counter({(201, ""): 1, (409, "escalation_pending"): TWENTY - 1})
    assert Escalation.objects.filter(incident=incident).count() == 1
    assert OutboxMessage.objects.count() - emails_before == 1


def test_twenty_identical_bridges_make_one(api_as: Any) -> None:
    manager = UserFactory(role="incident_manager")
    incident = IncidentFactory(status="in_progress", severity="P3", assigned_to=manager)
    seen = _storm(api_as, manager, "/api/v1/bridges/", {"incident": incident.pk, "bridge_type": "technical"})
    assert seen[(201, "")] == 1
    assert seen[(409, "bridge_already_active")] == TWENTY - 1
    assert Bridge.objects.filter(incident=incident).count() == 1


def test_twenty_identical_reports_and_reviews_make_one_each(api_as: Any) -> None:
    manager = UserFactory(role="incident_manager")
    incident = IncidentFactory(status="closed", severity="P2", resolved_at=timezone.now(), closed_at=timezone.now())
    reports = _storm(
        api_as, manager, "/api/v1/incident-reports/", {"incident": incident.pk, "report_type": "compliance"}
    )
    assert reports == Counter({(201, ""): 1, (409, "report_exists"): TWENTY - 1})
    assert IncidentReport.objects.filter(incident=incident, report_type="compliance").count() == 1
    reviews = _storm(
        api_as, manager, "/api/v1/post-incident-reviews/",
        {"incident": incident.pk, "scheduled_date": timezone.now().isoformat(), "facilitator": manager.pk},
    )  # fmt: skip
    assert reviews == Counter({(201, ""): 1, (409, "review_exists"): TWENTY - 1})
    assert PostIncidentReview.objects.filter(incident=incident).count() == 1
