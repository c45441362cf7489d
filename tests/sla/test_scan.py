"""Live breach detection: each due moment is recorded once and emailed once, and finished work is never scanned."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from communications.cadence import incident_cadence
from communications.models import Communication, OutboxMessage
from communications.services.cadence import cadence_scan
from sla.models import IncidentSLA, SLABreach
from sla.services.clocks import sla_refresh
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered() -> Any:
    client = ClientFactory(on_call_emails="oncall@client.test\npager@client.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    return client


def p1(client: Any, detected: dt.datetime, **fields: Any) -> Any:
    manager = UserFactory(role="incident_manager", email="im@tracer.test")
    incident = IncidentFactory(severity="P1", status="open", detection_time=detected, assigned_to=manager, **fields)
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])
    return incident


def test_unacknowledged_p1_breaches_once_when_its_target_passes(covered: Any) -> None:
    start = timezone.now() - dt.timedelta(minutes=31)
    incident = p1(covered, start)
    assert sla_scan(now=start + dt.timedelta(minutes=20))["response_breach"] == 0
    fired = sla_scan(now=start + dt.timedelta(minutes=23))
    assert fired["response_warning"] == 1
    fired = sla_scan(now=start + dt.timedelta(minutes=31))
    assert fired["response_breach"] == 1
    assert sla_scan(now=start + dt.timedelta(minutes=32))["response_breach"] == 0
    breach = SLABreach.objects.get(incident=incident, stage="breach")
    assert (breach.kind, breach.client) == ("response", covered)
    emails = {m.key.split(":")[1]: m.to for m in OutboxMessage.objects.all()}
    assert emails["breach"] == ["im@tracer.test", "oncall@client.test", "pager@client.test"]
    assert set(emails) == {"warning", "breach"}


def test_late_scan_reports_the_breach_without_a_stale_warning(covered: Any) -> None:
    start = timezone.now() - dt.timedelta(hours=2)
    p1(covered, start)
    fired = sla_scan(now=start + dt.timedelta(hours=1))
    assert (fired["response_breach"], fired["response_warning"]) == (1, 0)
    assert OutboxMessage.objects.count() == 1


def test_acknowledged_and_resolved_work_is_not_scanned(covered: Any) -> None:
    start = timezone.now() - dt.timedelta(hours=10)
    incident = p1(
        covered, start, acknowledged_at=start + dt.timedelta(minutes=5), resolved_at=start + dt.timedelta(hours=1)
    )
    incident.status = "resolved"
    incident.save()
    sla_refresh(incidents=[incident])
    sla = IncidentSLA.objects.get(incident=incident)
    assert sla.response_met_at is not None
    assert sla.resolution_met_at is not None
    assert sum(sla_scan(now=start + dt.timedelta(days=3)).values()) == 0


def test_cadence_shows_the_next_update_and_reminds_once(covered: Any) -> None:
    start = timezone.now() - dt.timedelta(minutes=45)
    incident = p1(covered, start, acknowledged_at=start + dt.timedelta(minutes=5))
    incident.status = "in_progress"
    incident.save()
    cadence = incident_cadence(incident)
    assert cadence["next_update_due"] == start + dt.timedelta(minutes=35)
    assert cadence["overdue"] is True
    assert cadence_scan() == 1
    assert cadence_scan() == 0
    Communication.objects.create(
        incident=incident, communication_type="status_update", recipient_type="client", delivery_method="portal",
        message_content="Still working on it",
    )  # fmt: skip
    assert incident_cadence(incident)["overdue"] is False
