"""SOP 20 (request approvals) and SOP 19 (decide them), with the decision's effect on its record."""

from typing import Any

import pytest

from accounts.models import User
from approvals.models import ApprovalRequest
from approvals.services import approval_decide, approval_request_create
from core.actor import Actor
from reports.models import IncidentReport
from tests.accounts.factories import UserFactory
from tests.bridges.factories import BridgeFactory
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.helpers import assert_refused
from tests.incidents.factories import EscalationFactory, IncidentFactory
from tests.reports.factories import RCAFactory

pytestmark = pytest.mark.django_db


def record(kind: str, status: str) -> Any:
    return {
        "escalation": lambda: EscalationFactory(status=status),
        "bridge": lambda: BridgeFactory(status=status),
        "change": lambda: ChangeFactory(status=status),
        "rollback": lambda: RollbackFactory(status=status),
        "incident_closure": lambda: IncidentFactory(status=status),
        "rca": lambda: RCAFactory(status=status),
    }[kind]()


@pytest.mark.parametrize(
    ("kind", "allowed", "refused"),
    [
        ("escalation", "pending", "approved"),
        ("bridge", "active", "closed"),
        ("change", "requested", "implemented"),
        ("change", "scheduled", "denied"),
        ("rollback", "requested", "executed"),
        ("incident_closure", "resolved", "in_progress"),
        ("rca", "in_progress", "assigned"),
        ("rca", "completed", "approved"),
    ],
)
def test_request_only_while_the_record_awaits_approval(
    support: User, executive: User, kind: str, allowed: str, refused: str
) -> None:
    actor = Actor.web(support)
    waiting, done = record(kind, allowed), record(kind, refused)
    approval = approval_request_create(actor=actor, reference_type=kind, reference_id=waiting.pk, approver=executive.pk)
    assert (approval.status, approval.requested_by) == ("pending", support)
    assert_refused(
        lambda: approval_request_create(actor=actor, reference_type=kind, reference_id=done.pk, approver=executive.pk),
        "record_not_awaiting_approval",
    )


def test_request_refusals(support: User, executive: User) -> None:
    actor = Actor.web(support)
    change = ChangeFactory()
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: approval_request_create(
            actor=actor, reference_type="change", reference_id=change.pk, approver=inactive.pk
        ),
        "approver_inactive",
    )
    assert_refused(
        lambda: approval_request_create(
            actor=actor, reference_type="change", reference_id=10**9, approver=executive.pk
        ),
        "reference_not_found",
    )
    assert_refused(
        lambda: approval_request_create(
            actor=actor, reference_type="lunch", reference_id=change.pk, approver=executive.pk
        ),
        "invalid",
    )
    approval_request_create(actor=actor, reference_type="change", reference_id=change.pk, approver=executive.pk)
    assert_refused(
        lambda: approval_request_create(
            actor=actor, reference_type="change", reference_id=change.pk, approver=executive.pk
        ),
        "approval_pending",
    )
    assert_refused(
        lambda: approval_request_create(
            actor=Actor.web(executive), reference_type="change", reference_id=change.pk, approver=support.pk
        ),
        "not_permitted",
    )


def pending(kind: str, target: Any, approver: User) -> ApprovalRequest:
    return ApprovalRequest.objects.create(
        reference_type=kind, reference_id=target.pk, requested_action={
            "change": "create_change_request", "incident_closure": "close_incident", "rca": "conduct_rca",
            "escalation": "create_escalation", "rollback": "create_rollback_request", "bridge": "initiate_bridge",
        }[kind], approver=approver,
    )  # fmt: skip


def test_approved_emergency_change_may_proceed(executive: User, manager: User) -> None:
    from changes.services import change_transition

    change = ChangeFactory(change_type="emergency")
    approval_decide(actor=Actor.web(executive), approval=pending("change", change, executive), decision="approved")
    change.refresh_from_db()
    assert (change.status, change.approved_by) == ("approved", executive)
    change_transition(actor=Actor.web(manager), change=change, status="implemented")


def test_denied_change_is_denied(executive: User) -> None:
    change = ChangeFactory()
    approval = approval_decide(
        actor=Actor.web(executive), approval=pending("change", change, executive), decision="denied"
    )
    change.refresh_from_db()
    assert change.status == "denied"
    assert approval.responded_at is not None


def test_approved_closure_closes_the_incident_through_the_lifecycle(executive: User) -> None:
    incident = IncidentFactory(status="resolved", severity="P4")
    approval_decide(
        actor=Actor.web(executive), approval=pending("incident_closure", incident, executive), decision="approved"
    )
    incident.refresh_from_db()
    assert incident.status == "closed"
    assert incident.closed_at is not None
    assert IncidentReport.objects.filter(incident=incident, report_status="draft").exists()


def test_closure_refused_if_the_incident_was_reopened_meanwhile(executive: User) -> None:
    incident = IncidentFactory(status="in_progress")
    approval = pending("incident_closure", incident, executive)
    assert_refused(
        lambda: approval_decide(actor=Actor.web(executive), approval=approval, decision="approved"),
        "invalid_transition",
    )


def test_escalation_rollback_and_rca_decisions(executive: User) -> None:
    actor = Actor.web(executive)
    escalation, rollback = EscalationFactory(), RollbackFactory()
    rca = RCAFactory(status="completed")
    approval_decide(actor=actor, approval=pending("escalation", escalation, executive), decision="denied")
    approval_decide(actor=actor, approval=pending("rollback", rollback, executive), decision="approved")
    approval_decide(actor=actor, approval=pending("rca", rca, executive), decision="approved")
    escalation.refresh_from_db()
    rollback.refresh_from_db()
    rca.refresh_from_db()
    assert (escalation.status, rollback.status, rca.status, rca.approved_by) == (
        "denied",
        "approved",
        "approved",
        executive,
    )


def test_only_the_approver_decides_once(executive: User, manager: User) -> None:
    approval = pending("bridge", BridgeFactory(), executive)
    assert_refused(
        lambda: approval_decide(actor=Actor.web(manager), approval=approval, decision="approved"), "not_the_approver"
    )
    assert_refused(lambda: approval_decide(actor=Actor.web(executive), approval=approval, decision="maybe"), "invalid")
    approval_decide(actor=Actor.web(executive), approval=approval, decision="approved")
    assert_refused(
        lambda: approval_decide(actor=Actor.web(executive), approval=approval, decision="denied"),
        "approval_already_decided",
    )
