"""Every event a webhook may want is written when its record changes, through the lower apps' own services."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from incidents.models import Incident
from incidents.services import incident_transition, incident_update
from integrations.services.webhooks import EVENTS, webhook_create
from problems.services import problem_update
from sla.models import IncidentSLA
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import raise_incident
from tests.problems.factories import ProblemFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


def events() -> list[str]:
    return list(OutboxMessage.objects.filter(channel="webhook").order_by("id").values_list("subject", flat=True))


def test_every_event_is_written_once_per_change(manager: User) -> None:
    webhook_create(actor=Actor.web(manager), data={"url": "https://hooks.example/in", "events": list(EVENTS)})
    client = ClientFactory()
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    actor = Actor.web(manager)
    incident = raise_incident(actor, severity="P4", assigned_to=manager.pk,
                              configuration_items=[AssignmentFactory(client=client).ci.pk])  # fmt: skip
    assert events() == ["incident.created"]
    incident_update(actor=actor, incident=incident, data={"title": "Checkout errors on EU"})
    assert events()[-1] == "incident.updated"
    Incident.objects.filter(pk=incident.pk).update(acknowledged_at=None)
    IncidentSLA.objects.filter(incident=incident).update(response_met_at=None)
    sla_scan(now=timezone.now() + dt.timedelta(days=30))
    assert {"sla.breached"} <= set(events())
    incident_transition(actor=actor, incident=incident, status="resolved", resolution_code="fixed",
                        resolution_notes="Restarted.")  # fmt: skip
    assert events()[-2:] == ["incident.updated", "incident.resolved"]
    incident_transition(actor=actor, incident=incident, status="closed")
    assert events()[-1] == "incident.closed"
    problem = ProblemFactory(status="investigating")
    problem_update(actor=actor, problem=problem, data={"status": "resolved"})
    assert events()[-1] == "problem.resolved"


def test_status_updates_and_change_decisions_are_events(manager: User, support: User, executive: User) -> None:
    from approvals.services import approval_decide, approval_request_create
    from communications.services.status import status_update_post
    from tests.changes.factories import ChangeFactory

    webhook_create(actor=Actor.web(manager), data={"url": "https://hooks.example/in",
                                                   "events": ["status.posted", "change.approved", "change.rejected"]})  # fmt: skip
    incident = raise_incident(Actor.web(manager), severity="P4")
    status_update_post(actor=Actor.web(manager), incident=incident, public_status="investigating",
                       message="Looking into it.", headline="Slow checkout")  # fmt: skip
    assert events() == ["status.posted"]
    for decision in ("approved", "denied"):
        change = ChangeFactory(status="requested")
        approval = approval_request_create(actor=Actor.web(support), reference_type="change", reference_id=change.pk,
                                           approver=executive.pk)  # fmt: skip
        approval_decide(actor=Actor.web(executive), approval=approval, decision=decision)
    assert events()[-2:] == ["change.approved", "change.rejected"]


def test_a_disabled_or_uninterested_subscription_gets_nothing(manager: User) -> None:
    hook = webhook_create(actor=Actor.web(manager), data={"url": "https://hooks.example/in",
                                                          "events": ["problem.resolved"]})  # fmt: skip
    raise_incident(Actor.web(manager), severity="P4")
    hook.enabled = False
    hook.save(update_fields=["enabled"])
    problem_update(
        actor=Actor.web(manager), problem=ProblemFactory(status="investigating"), data={"status": "resolved"}
    )
    assert events() == []


def test_sla_warning_event(manager: User, settings: Any) -> None:
    webhook_create(actor=Actor.web(manager), data={"url": "https://hooks.example/in", "events": ["sla.warning"]})
    client = ClientFactory()
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    incident = raise_incident(Actor.web(manager), severity="P2", assigned_to=manager.pk,
                              configuration_items=[AssignmentFactory(client=client).ci.pk])  # fmt: skip
    Incident.objects.filter(pk=incident.pk).update(acknowledged_at=None)
    clock = IncidentSLA.objects.get(incident=incident)
    IncidentSLA.objects.filter(pk=clock.pk).update(response_met_at=None)
    due = clock.response_due_at
    sla_scan(now=incident.detection_time + (due - incident.detection_time) * 0.9)
    assert events() == ["sla.warning"]
