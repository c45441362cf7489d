"""SOP 12 (change requests) and SOP 13 (rollbacks)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from approvals.models import ApprovalRequest
from changes.services import change_create, change_transition, rollback_create, rollback_transition
from core.actor import Actor
from incidents.models import Incident
from tests.accounts.factories import UserFactory
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db

CHANGE = {"title": "Patch load balancer", "change_type": "normal", "risk_level": "medium"}


def test_normal_change_related_to_an_incident(support: User) -> None:
    incident = IncidentFactory()
    change = change_create(actor=Actor.web(support), incident=incident.pk, **CHANGE)
    assert (change.status, change.incident, change.requested_by) == ("requested", incident, support)
    assert change.change_number.startswith("CHG")
    assert not ApprovalRequest.objects.exists()


def test_emergency_change_asks_its_executive_in_the_same_transaction(support: User, executive: User) -> None:
    change = change_create(actor=Actor.web(support), approver=executive.pk, **{**CHANGE, "change_type": "emergency"})
    approval = ApprovalRequest.objects.get()
    assert (approval.reference_type, approval.reference_id, approval.approver) == ("change", change.pk, executive)
    assert (approval.requested_action, approval.status) == ("create_change_request", "pending")


@pytest.mark.parametrize("who", ["nobody", "manager", "inactive_executive"])
def test_emergency_change_needs_an_active_executive(support: User, who: str) -> None:
    approver = {
        "nobody": None,
        "manager": UserFactory(role="incident_manager").pk,
        "inactive_executive": UserFactory(role="executive", status="inactive").pk,
    }[who]
    code = "approver_inactive" if who == "inactive_executive" else "executive_approver_required"
    assert_refused(
        lambda: change_create(actor=Actor.web(support), approver=approver, **{**CHANGE, "change_type": "emergency"}),
        code,
    )


def test_change_create_refusals(support: User, executive: User) -> None:
    actor = Actor.web(support)
    assert_refused(lambda: change_create(actor=actor, incident=10**9, **CHANGE), "incident_not_found")
    assert_refused(lambda: change_create(actor=actor, problem=10**9, **CHANGE), "problem_not_found")
    assert_refused(lambda: change_create(actor=actor, **{**CHANGE, "risk_level": "cosmic"}), "invalid")
    assert_refused(lambda: change_create(actor=Actor.web(executive), **CHANGE), "not_permitted")


def test_normal_change_is_approved_scheduled_and_implemented(manager: User) -> None:
    change = ChangeFactory()
    actor = Actor.web(manager)
    change_transition(actor=actor, change=change, status="approved")
    change.refresh_from_db()
    assert change.approved_by == manager
    when = timezone.now() + dt.timedelta(days=1)
    change_transition(actor=actor, change=change, status="scheduled", implementation_date=when)
    change_transition(actor=actor, change=change, status="implemented")
    change.refresh_from_db()
    assert (change.status, change.implementation_date) == ("implemented", when)


def test_change_cannot_be_implemented_without_its_approval(manager: User) -> None:
    actor = Actor.web(manager)
    change = ChangeFactory(change_type="emergency", status="scheduled")
    assert_refused(lambda: change_transition(actor=actor, change=change, status="implemented"), "approval_required")
    requested = ChangeFactory(change_type="emergency")
    assert_refused(
        lambda: change_transition(actor=actor, change=requested, status="approved"), "executive_approval_required"
    )
    standard = ChangeFactory(change_type="standard", status="scheduled")
    change_transition(actor=actor, change=standard, status="implemented")


def test_change_lifecycle_refusals(manager: User, support: User) -> None:
    actor = Actor.web(manager)
    change = ChangeFactory(change_type="standard")
    assert_refused(
        lambda: change_transition(actor=actor, change=change, status="scheduled"), "implementation_date_required"
    )
    assert_refused(lambda: change_transition(actor=actor, change=change, status="implemented"), "invalid_transition")
    assert_refused(
        lambda: change_transition(actor=Actor.web(support), change=change, status="cancelled"), "not_permitted"
    )


def test_rollback_of_an_implemented_change_opens_the_incident_it_caused(support: User, manager: User) -> None:
    change = ChangeFactory(status="implemented")
    new_incident = {
        "title": "Checkout broken after patch", "description": "500s", "category": "software", "impact": "high",
        "urgency": "high", "severity": "P2", "reported_by": support.pk, "assigned_to": manager.pk,
        "detection_time": timezone.now(),
    }  # fmt: skip
    rollback = rollback_create(
        actor=Actor.web(support), change=change, rollback_reason="Error rate up", new_incident=new_incident
    )
    assert rollback.incident == Incident.objects.get(title="Checkout broken after patch")
    assert rollback.incident.bridges.count() == 1
    assert rollback.title == f"Rollback: {change.title}"
    existing = IncidentFactory()
    assert (
        rollback_create(actor=Actor.web(support), change=change, rollback_reason="again", incident=existing.pk).incident
        == existing
    )


def test_rollback_needs_an_implemented_change(support: User) -> None:
    change = ChangeFactory(status="approved")
    assert_refused(
        lambda: rollback_create(actor=Actor.web(support), change=change, rollback_reason="x"), "change_not_implemented"
    )
    implemented = ChangeFactory(status="implemented")
    assert_refused(lambda: rollback_create(actor=Actor.web(support), change=implemented, rollback_reason=""), "invalid")


def test_rollback_statuses(manager: User) -> None:
    rollback = RollbackFactory()
    actor = Actor.web(manager)
    assert_refused(lambda: rollback_transition(actor=actor, rollback=rollback, status="executed"), "invalid_transition")
    rollback_transition(actor=actor, rollback=rollback, status="approved")
    rollback_transition(actor=actor, rollback=rollback, status="executed")
    rollback.refresh_from_db()
    assert rollback.executed_at is not None
