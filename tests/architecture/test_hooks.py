"""Effects that travel up the layers: who listens to what, and one test per handler, driven through the
lower app's own service so that the registration is exercised too."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from approvals.hooks import approval_subjects
from approvals.services import approval_decide, approval_request_create
from bridges.models import Bridge
from bridges.services import bridge_add_participants
from communications.models import Communication, OutboxMessage
from core.actor import Actor
from core.hooks import registry_table
from incidents.models import Incident
from incidents.services import escalation_create, incident_transition, incident_update
from problems.services import problem_link_incident, problem_update
from reports.models import IncidentReport
from sla.models import IncidentSLA
from sla.services.scan import sla_scan
from tests.accounts.factories import ClientFactory, UserFactory
from tests.bridges.factories import BridgeFactory
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_refused
from tests.incidents.factories import EscalationFactory, IncidentFactory, raise_incident
from tests.problems.factories import ProblemFactory
from tests.reports.factories import RCAFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db

EXPECTED = """\
bridge_participants_added: communications.services.notices.bridge_invitations_send
change_decided: integrations.services.events.change_decided_event
escalation_created: communications.services.notices.escalation_notice_send
incident_changed: sla.services.agreements.sla_follow_incident, bridges.services.bridges.bridge_open_for_raised_severity, \
bridges.services.bridges.bridge_close_with_incident, reports.services.reports.report_draft_on_closure, \
communications.services.status.status_follow_incident, integrations.services.events.incident_changed_event
incident_closing: bridges.services.bridges.bridge_closing_check, response.services.phases.phase_gates_require_for_closure
incident_command_wanted: communications.services.notices.command_request_send, \
oncall.services.triggers.command_wanted_page
incident_created: sla.services.agreements.sla_follow_incident, bridges.services.bridges.bridge_open_for_new_major_incident, \
oncall.services.triggers.major_incident_page, \
integrations.services.events.incident_created_event
incident_manager_on_call: oncall.services.triggers.incident_manager_on_call
problem_incident_linked: communications.services.notices.problem_link_notice_send
problem_lookup: problems.services.problems.problem_reference_resolve
problem_status_changed: communications.services.notices.problem_resolution_notice_send, \
integrations.services.events.problem_resolved_event
sla_alert_paged: oncall.services.triggers.sla_alert_page
sla_alerted: communications.services.notices.sla_alert_send, integrations.services.events.sla_event
status_posted: integrations.services.events.status_posted_event"""


def test_every_hook_and_its_handlers() -> None:
    """A new handler changes this map; it then needs a test below."""
    assert registry_table() == EXPECTED


def test_every_approval_subject_and_its_effect() -> None:
    effects = {
        kind: subject.on_decision.__qualname__ if subject.on_decision else None
        for kind, subject in approval_subjects().items()
    }
    assert effects == {
        "escalation": "escalation_apply_decision",
        "incident_closure": "incident_apply_closure_decision",
        "bridge": None,
        "change": "change_apply_decision",
        "rollback": "rollback_apply_decision",
        "rca": "rca_apply_decision",
    }


@pytest.fixture
def covered_ci() -> Any:
    client = ClientFactory(on_call_emails="oncall@client.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    return AssignmentFactory(client=client).ci


def test_sla_clocks_follow_creation_and_severity(manager: User, covered_ci: Any) -> None:
    actor = Actor.web(manager)
    incident = raise_incident(actor, configuration_items=[covered_ci.pk])
    clock = IncidentSLA.objects.get(incident=incident)
    incident_update(actor=actor, incident=incident, data={"severity": "P4"})
    assert IncidentSLA.objects.get(incident=incident).resolution_due_at > clock.resolution_due_at


def test_a_new_p1_opens_its_bridge(manager: User) -> None:
    incident = raise_incident(Actor.web(manager), severity="P1", assigned_to=manager.pk)
    assert Bridge.objects.get(incident=incident).bridge_type == "major_incident"
    assert Incident.objects.get(pk=incident.pk).status == "in_progress"


def test_raising_to_p2_opens_a_bridge(manager: User) -> None:
    incident = IncidentFactory(severity="P3", status="in_progress", assigned_to=manager)
    incident_update(actor=Actor.web(manager), incident=incident, data={"severity": "P2"})
    assert Bridge.objects.filter(incident=incident, status="active").count() == 1


def test_closing_drafts_the_post_incident_report(manager: User) -> None:
    incident = IncidentFactory(severity="P4", status="resolved", assigned_to=manager)
    incident_transition(actor=Actor.web(manager), incident=incident, status="closed")
    assert IncidentReport.objects.get(incident=incident).report_status == "draft"


def test_closing_waits_for_the_gates(manager: User) -> None:
    incident = IncidentFactory(severity="P2", status="resolved", assigned_to=manager)
    assert_refused(
        lambda: incident_transition(actor=Actor.web(manager), incident=incident, status="closed"), "gate_open"
    )


def test_an_escalation_notifies_its_target(manager: User, executive: User) -> None:
    incident = IncidentFactory(status="in_progress")
    escalation_create(actor=Actor.web(manager), incident=incident, escalated_to=executive.pk, escalation_reason="Help")
    notice = Communication.objects.get(incident=incident, communication_type="escalation_notice")
    assert (notice.recipient, notice.recipient_type) == (executive, "executive")
    assert OutboxMessage.objects.get(communication=notice).to == [executive.email]


def test_incidents_name_only_existing_open_problems(manager: User) -> None:
    actor = Actor.web(manager)
    closed, incident = ProblemFactory(status="closed"), IncidentFactory()
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"problem": closed.pk}), "problem_closed"
    )
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"problem": 999999}), "problem_not_found"
    )
    open_problem = ProblemFactory()
    assert (
        incident_update(actor=actor, incident=incident, data={"problem": open_problem.pk}).problem_id == open_problem.pk
    )


def test_bridge_participants_are_invited(manager: User, support: User) -> None:
    bridge = BridgeFactory(bridge_host=manager)
    bridge_add_participants(actor=Actor.web(manager), bridge=bridge, participants=[(support.pk, "technical_support")])
    invitation = Communication.objects.get(communication_type="bridge_invitation", recipient=support)
    assert invitation.incident_id == bridge.incident_id


def test_linking_a_problem_tells_the_incident_manager(manager: User, support: User) -> None:
    incident, problem = IncidentFactory(assigned_to=manager), ProblemFactory()
    problem_link_incident(actor=Actor.web(support), problem=problem, incident=incident.pk)
    notice = Communication.objects.get(incident=incident, communication_type="status_update")
    assert notice.recipient == manager
    assert str(problem.problem_number) in notice.message_content


def test_resolving_a_problem_tells_its_incidents_reporters(manager: User) -> None:
    reporter = UserFactory()
    problem = ProblemFactory(status="investigating")
    incident = IncidentFactory(problem=problem, reported_by=reporter)
    problem_update(actor=Actor.web(manager), problem=problem, data={"status": "resolved"})
    assert Communication.objects.get(incident=incident, communication_type="resolution_notice").recipient == reporter


def test_an_sla_breach_is_emailed_once(manager: User, covered_ci: Any) -> None:
    incident = raise_incident(
        Actor.web(manager), severity="P1", assigned_to=manager.pk, configuration_items=[covered_ci.pk]
    )
    Incident.objects.filter(pk=incident.pk).update(acknowledged_at=None)
    IncidentSLA.objects.filter(incident=incident).update(response_met_at=None)
    later = timezone.now() + dt.timedelta(hours=2)
    sla_scan(now=later)
    sla_scan(now=later)
    keys = sorted(OutboxMessage.objects.filter(key__startswith="sla:breach").values_list("key", flat=True))
    assert keys
    assert len(keys) == len(set(keys))
    assert all(covered_ci.assignments.get().client.on_call_emails in OutboxMessage.objects.get(key=k).to for k in keys)


@pytest.mark.parametrize(
    ("kind", "make", "approved_status"),
    [
        ("escalation", lambda: EscalationFactory(status="pending"), "approved"),
        ("incident_closure", lambda: IncidentFactory(severity="P4", status="resolved"), "closed"),
        ("change", lambda: ChangeFactory(status="requested"), "approved"),
        ("rollback", lambda: RollbackFactory(status="requested"), "approved"),
        ("rca", lambda: RCAFactory(status="completed"), "approved"),
    ],
)
def test_an_approval_granted_moves_its_record(
    support: User, executive: User, kind: str, make: Any, approved_status: str
) -> None:
    target = make()
    approval = approval_request_create(
        actor=Actor.web(support), reference_type=kind, reference_id=target.pk, approver=executive.pk
    )
    approval_decide(actor=Actor.web(executive), approval=approval, decision="approved")
    target.refresh_from_db()
    assert target.status == approved_status
