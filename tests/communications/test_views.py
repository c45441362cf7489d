"""The outbox page, the breach report page and the incident's SLA and communications sections."""

from typing import Any

import pytest

from communications.models import OutboxMessage
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


def test_outbox_page_lists_and_resends_failures(client: Any, admin_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    queued: list[int] = []
    monkeypatch.setattr("communications.services.outbox.outbox_dispatch", queued.append)
    failed = OutboxMessage.objects.create(
        key="f", to=["a@example.test"], subject="Broken", body_text="x", status="failed", last_error="550"
    )
    OutboxMessage.objects.create(key="p", to=["b@example.test"], subject="Waiting", body_text="x")
    client.force_login(admin_user)
    page = client.get("/system/outbox/").content.decode()
    assert "Broken" in page
    assert "Waiting" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/system/outbox/{failed.pk}/resend/")
    assert OutboxMessage.objects.get(pk=failed.pk).status == "pending"
    assert queued == [failed.pk]


def test_outbox_page_is_for_administrators(client: Any, manager: Any) -> None:
    client.force_login(manager)
    assert client.get("/system/outbox/").status_code == 403


def test_breach_page_and_incident_clocks(client: Any, executive: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    from sla.services.clocks import sla_refresh

    customer = ClientFactory(client_name="Zeta Bank")
    SLAAgreementFactory(client=customer, tier="premium", support_coverage="24x7")
    incident = IncidentFactory(severity="P1", status="open", detection_time=timezone.now() - dt.timedelta(hours=2))
    incident.ci_links.create(ci=AssignmentFactory(client=customer).ci)
    sla_refresh(incidents=[incident])
    client.force_login(executive)
    page = client.get("/sla/breaches/").content.decode()
    assert incident.incident_number in page
    assert "Zeta Bank" in page
    assert "invalid" not in page
    bad = client.get("/sla/breaches/", {"start_date": "yesterday"}).content.decode()
    assert "YYYY-MM-DD" in bad
    detail = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "SLA clocks" in detail
    assert "breached" in detail


def django_capture_on_commit_callbacks(execute: bool) -> Any:
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=execute)
