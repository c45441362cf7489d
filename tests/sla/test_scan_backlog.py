"""The scan is set-based: a backlog of due targets is stamped, recorded and announced a batch at a time (the same
few statements for three rows or thirty), bounded per tick with the rest taken by the next tick, each target once
even with two scans at once; a warning whose breach is also due is stamped with it and never reloaded."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from communications.models import OutboxMessage
from sla.models import IncidentSLA, SLABreach
from sla.services import scan
from sla.services.clocks import sla_refresh
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import race
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory


def overdue(count: int, *, minutes: int = 40) -> list[Any]:
    """`count` open P1s of one covered client whose response target passed `minutes - 30` minutes ago."""
    client = ClientFactory(on_call_emails="oncall@client.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    ci = AssignmentFactory(client=client).ci
    manager = UserFactory(role="incident_manager")
    start = timezone.now() - dt.timedelta(minutes=minutes)
    incidents = [IncidentFactory(severity="P1", status="open", detection_time=start, assigned_to=manager)
                 for _ in range(count)]  # fmt: skip
    for incident in incidents:
        incident.ci_links.create(ci=ci)
    sla_refresh(incidents=incidents)
    return incidents


def breach_emails() -> int:
    return OutboxMessage.objects.filter(key__startswith="sla:breach:response:").count()


@pytest.mark.django_db
def test_a_batch_costs_the_same_few_statements_for_three_rows_or_thirty(count_queries: Any) -> None:
    overdue(3)
    few = count_queries(sla_scan)
    overdue(30)
    many = count_queries(sla_scan)
    assert (SLABreach.objects.filter(stage="breach", kind="response").count(), breach_emails()) == (33, 33)
    assert many == few


@pytest.mark.django_db
def test_a_backlog_larger_than_a_tick_is_taken_by_the_next_ticks(monkeypatch: Any) -> None:
    monkeypatch.setattr(scan, "BATCH", 2)
    incidents = overdue(5)
    assert sla_scan(limit=3)["response_breach"] == 3
    assert (SLABreach.objects.count(), breach_emails()) == (3, 3)
    assert sla_scan(limit=3)["response_breach"] == 2
    assert sla_scan(limit=3)["response_breach"] == 0
    assert set(SLABreach.objects.values_list("incident_id", flat=True)) == {i.pk for i in incidents}
    assert breach_emails() == 5


@pytest.mark.django_db
def test_a_due_breach_stamps_its_warning_which_is_never_announced_or_reloaded() -> None:
    overdue(2)
    fired = sla_scan()
    assert (fired["response_breach"], fired["response_warning"]) == (2, 0)
    assert not IncidentSLA.objects.filter(response_warned_at__isnull=True).exists()
    assert not OutboxMessage.objects.filter(key__startswith="sla:warning:").exists()


@pytest.mark.django_db
def test_a_restarted_clock_is_not_announced_twice() -> None:
    [incident] = overdue(1)
    sla_scan()
    IncidentSLA.objects.filter(incident=incident).update(response_breached_at=None)  # stamped again, same target
    assert sla_scan()["response_breach"] == 0
    assert (SLABreach.objects.count(), breach_emails()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_take_each_target_once(monkeypatch: Any) -> None:
    monkeypatch.setattr(scan, "BATCH", 5)
    overdue(40)
    fired = race([sla_scan, sla_scan])
    assert sum(f["response_breach"] for f in fired) == 40
    assert (SLABreach.objects.filter(kind="response", stage="breach").count(), breach_emails()) == (40, 40)


@pytest.mark.django_db
def test_a_breach_email_is_rendered_when_it_is_sent(mailoutbox: Any) -> None:
    from communications.services.outbox import outbox_deliver

    [incident] = overdue(1)
    sla_scan()
    message = OutboxMessage.objects.get(key__startswith="sla:breach:response:")
    assert (message.body_text, message.payload["template"]) == ("", "sla_alert")  # written without rendering
    assert outbox_deliver(message.pk) == "sent"
    [sent] = mailoutbox
    assert f"SLA BREACHED: response target for {incident.slas.get().client.client_name}" in sent.body
    assert incident.incident_number in sent.alternatives[0][0]
    assert sent.subject == message.subject


@pytest.mark.django_db
def test_a_breach_email_whose_record_is_gone_fails_for_good() -> None:
    from communications.services.outbox import outbox_deliver

    [incident] = overdue(1)
    sla_scan()
    message = OutboxMessage.objects.get(key__startswith="sla:breach:response:")
    IncidentSLA.objects.filter(incident=incident).delete()
    assert outbox_deliver(message.pk) == "failed"
    assert "gone" in OutboxMessage.objects.get(pk=message.pk).last_error
