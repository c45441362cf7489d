"""What pages on-call, driven through the lower apps' own services: an SLA breach (the client's fixed addresses
only as the fallback), a P1 raised, a major incident nobody holds, and the incident manager on call taking a new
P1. Then stepping exactly once with two schedulers at the same moment."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from incidents.models import Incident
from oncall.models import Page, PageNotice
from oncall.services import page_trigger, pages_escalate_due, policy_create
from sla.models import IncidentSLA
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import race
from tests.incidents.factories import raise_incident
from tests.oncall.factories import LayerFactory, PolicyFactory, ScheduleFactory, StepFactory, TargetFactory
from tests.sla.factories import SLAAgreementFactory


@pytest.fixture
def covered(manager: User) -> dict[str, Any]:
    """A premium 24x7 client with fixed on-call addresses, one item, and a policy paging its rota."""
    client = ClientFactory(on_call_emails="desk@client.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    engineer = UserFactory(role="technical_support", email="rota@tracer.test")
    schedule = LayerFactory(schedule__client=client, users=[engineer.pk]).schedule
    policy = policy_create(actor=Actor.web(manager), data={
        "name": "Client rota", "clients": [client.pk],
        "steps": [{"wait_minutes": 15, "targets": [{"kind": "schedule", "schedule": schedule.pk}]}],
    })  # fmt: skip
    return {"client": client, "ci": AssignmentFactory(client=client).ci, "engineer": engineer, "policy": policy}


@pytest.mark.django_db
def test_an_sla_breach_pages_the_clients_rota_instead_of_its_fixed_addresses(manager: User, covered: Any) -> None:
    incident = raise_incident(Actor.web(manager), severity="P2", assigned_to=manager.pk,
                              configuration_items=[covered["ci"].pk])  # fmt: skip
    Incident.objects.filter(pk=incident.pk).update(acknowledged_at=None)
    IncidentSLA.objects.filter(incident=incident).update(response_met_at=None)
    sla_scan(now=timezone.now() + dt.timedelta(hours=3))
    breach = Page.objects.get(source="sla_breach")
    assert breach.key.startswith("sla:breach:")
    assert breach.incident == incident
    assert list(PageNotice.objects.filter(page=breach).values_list("user", flat=True)) == [covered["engineer"].pk]
    email = OutboxMessage.objects.filter(key__startswith="sla:breach").get()
    assert "desk@client.test" not in email.to
    assert manager.email in email.to


@pytest.mark.django_db
def test_without_a_policy_the_fixed_addresses_still_hear_of_a_breach(manager: User) -> None:
    client = ClientFactory(on_call_emails="desk@client.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    incident = raise_incident(Actor.web(manager), severity="P2", assigned_to=manager.pk,
                              configuration_items=[AssignmentFactory(client=client).ci.pk])  # fmt: skip
    Incident.objects.filter(pk=incident.pk).update(acknowledged_at=None)
    IncidentSLA.objects.filter(incident=incident).update(response_met_at=None)
    sla_scan(now=timezone.now() + dt.timedelta(hours=3))
    assert not Page.objects.exists()
    assert OutboxMessage.objects.filter(key__startswith="sla:breach").count() == 1
    assert "desk@client.test" in OutboxMessage.objects.filter(key__startswith="sla:breach").get().to


@pytest.mark.django_db
def test_a_p1_raised_pages_the_policy_and_gets_the_incident_manager_on_call(support: User, covered: Any) -> None:
    on_duty = UserFactory(role="incident_manager", first_name="Nia")
    LayerFactory(schedule=ScheduleFactory(client=covered["client"]), users=[on_duty.pk])
    incident = raise_incident(Actor.web(support), severity="P1", configuration_items=[covered["ci"].pk])
    incident.refresh_from_db()
    assert incident.assigned_to == on_duty
    assert "the incident manager on call" in incident.notes.order_by("id").first().note_text
    page = Page.objects.get(source="major_incident")
    assert (page.incident, page.key) == (incident, f"major:{incident.pk}")


@pytest.mark.django_db
def test_a_p1_nobody_holds_pages_the_policy_as_well(support: User, covered: Any) -> None:
    incident = raise_incident(Actor.web(support), severity="P1", configuration_items=[covered["ci"].pk])
    assert Incident.objects.get(pk=incident.pk).assigned_to is None
    assert set(Page.objects.values_list("source", flat=True)) == {"major_incident", "no_incident_manager"}


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_step_a_page_once() -> None:
    policy = PolicyFactory()
    for position, email in ((1, "a@tracer.test"), (2, "b@tracer.test")):
        TargetFactory(step=StepFactory(policy=policy, position=position, wait_minutes=5), user__email=email)
    pages = [page_trigger(actor=Actor.system(), policy=policy, source="alert", summary=f"Alert {n}", key=f"r{n}")
             for n in range(12)]  # fmt: skip
    later = timezone.now() + dt.timedelta(minutes=6)
    moved = race([lambda: pages_escalate_due(later), lambda: pages_escalate_due(later)])
    assert sum(moved) == 12
    for page in pages:
        assert page is not None
        notices = PageNotice.objects.filter(page=page)
        assert sorted(notices.values_list("step", flat=True)) == [0, 1]
        assert OutboxMessage.objects.filter(key__startswith=f"page:{page.pk}:").count() == 2
    assert set(Page.objects.values_list("step", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_a_step_cut_off_midway_leaves_nothing_and_is_done_once_by_the_next_tick(monkeypatch: Any) -> None:
    """A worker that dies between writing the notice and the email (here: the email write fails) rolls the
    whole step back; the next tick does it, once."""
    from oncall.services import pages as pages_module

    policy = PolicyFactory()
    TargetFactory(step=StepFactory(policy=policy, position=1, wait_minutes=5), user__email="a@tracer.test")
    TargetFactory(step=StepFactory(policy=policy, position=2, wait_minutes=5), user__email="b@tracer.test")
    page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="cut")
    assert page is not None
    later = timezone.now() + dt.timedelta(minutes=6)
    real = pages_module.outbox_enqueue

    def dies(**kwargs: Any) -> Any:
        raise ConnectionError("worker lost mid-step")

    monkeypatch.setattr(pages_module, "outbox_enqueue", dies)
    with pytest.raises(ConnectionError):
        pages_escalate_due(later)
    page.refresh_from_db()
    assert (page.step, PageNotice.objects.filter(page=page, step=1).count()) == (0, 0)
    monkeypatch.setattr(pages_module, "outbox_enqueue", real)
    assert pages_escalate_due(later) == 1
    assert pages_escalate_due(later) == 0
    assert PageNotice.objects.filter(page=page, step=1).count() == 1
    assert OutboxMessage.objects.filter(key__startswith=f"page:{page.pk}:0:1:").count() == 1
