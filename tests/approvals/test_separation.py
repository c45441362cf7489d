"""Separation of duties: nobody approves what they asked for, deciders hold the right role, and an approval
never moves its record backwards. Every refusal leaves the database as it was."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from approvals.models import ApprovalRequest
from approvals.services import approval_decide, approval_request_create
from changes.models import ChangeRequest
from changes.services import change_transition, rollback_transition
from core.actor import Actor
from core.roles import Role
from incidents.services import escalation_create, escalation_set_status
from tests.accounts.factories import ClientFactory, UserFactory
from tests.approvals.test_services import record
from tests.changes.factories import ChangeFactory, RollbackFactory
from tests.helpers import assert_refused
from tests.incidents.factories import EscalationFactory, IncidentFactory

pytestmark = pytest.mark.django_db

AWAITING = {
    "escalation": "pending",
    "bridge": "active",
    "change": "requested",
    "rollback": "requested",
    "incident_closure": "resolved",
    "rca": "completed",
}


@pytest.mark.parametrize("kind", sorted(AWAITING))
def test_naming_oneself_as_approver_is_refused(manager: User, kind: str) -> None:
    target = record(kind, AWAITING[kind])
    assert_refused(
        lambda: approval_request_create(
            actor=Actor.web(manager), reference_type=kind, reference_id=target.pk, approver=manager.pk
        ),
        "self_approval",
    )


@pytest.mark.parametrize(
    ("kind", "owner"),
    [
        ("change", "requested_by"),
        ("rollback", "requested_by"),
        ("escalation", "escalated_from"),
        ("rca", "assigned_to"),
    ],
)
def test_the_records_requester_is_never_its_approver(support: User, kind: str, owner: str) -> None:
    """Named by someone else, the person who asked for the change (escalation, analysis) still may not approve."""
    boss = UserFactory(role=Role.EXECUTIVE)
    target = record(kind, AWAITING[kind])
    setattr(target, owner, boss)
    target.save()
    assert_refused(
        lambda: approval_request_create(
            actor=Actor.web(support), reference_type=kind, reference_id=target.pk, approver=boss.pk
        ),
        "self_approval",
    )


def test_a_requester_given_the_approval_later_cannot_decide_it(executive: User) -> None:
    """An approval that reached its requester (imported, or the requester became the approver) is refused at
    decision time and stays pending."""
    change = ChangeFactory(requested_by=executive)
    approval = ApprovalRequest.objects.create(
        reference_type="change", reference_id=change.pk, requested_action="create_change_request", approver=executive
    )
    assert_refused(
        lambda: approval_decide(actor=Actor.web(executive), approval=approval, decision="approved"), "self_approval"
    )
    same_person = ApprovalRequest.objects.create(
        reference_type="bridge",
        reference_id=record("bridge", "active").pk,
        requested_action="initiate_bridge",
        approver=executive,
        requested_by=executive,
    )
    assert_refused(
        lambda: approval_decide(actor=Actor.web(executive), approval=same_person, decision="approved"),
        "self_approval",
    )


@pytest.mark.parametrize("role", [Role.ACCOUNT_MANAGER, Role.TECHNICAL_SUPPORT, Role.CLIENT_CONTACT])
def test_approvers_must_hold_a_deciding_role(support: User, role: str) -> None:
    person = UserFactory(role=role, client=ClientFactory() if role == Role.CLIENT_CONTACT else None)
    change = ChangeFactory()
    assert_refused(
        lambda: approval_request_create(
            actor=Actor.web(support), reference_type="change", reference_id=change.pk, approver=person.pk
        ),
        "approver_role_not_allowed",
    )


def test_emergency_changes_are_decided_by_executives_only(support: User, manager: User) -> None:
    change = ChangeFactory(change_type="emergency")
    assert_refused(
        lambda: approval_request_create(
            actor=Actor.web(support), reference_type="change", reference_id=change.pk, approver=manager.pk
        ),
        "approver_role_not_allowed",
    )


def test_a_decider_who_lost_the_role_cannot_decide(support: User, executive: User) -> None:
    change = ChangeFactory()
    approval = approval_request_create(
        actor=Actor.web(support), reference_type="change", reference_id=change.pk, approver=executive.pk
    )
    User.objects.filter(pk=executive.pk).update(role=Role.ACCOUNT_MANAGER)
    executive.refresh_from_db()
    assert_refused(
        lambda: approval_decide(actor=Actor.web(executive), approval=approval, decision="approved"),
        "not_permitted",  # account managers no longer hold approvals.decide at all
    )


def test_an_incident_manager_cannot_approve_their_own_change(manager: User) -> None:
    change = ChangeFactory(requested_by=manager)
    assert_refused(
        lambda: change_transition(actor=Actor.web(manager), change=change, status="approved"), "self_approval"
    )
    colleague = UserFactory(role=Role.INCIDENT_MANAGER)
    change_transition(actor=Actor.web(colleague), change=change, status="approved")
    change.refresh_from_db()
    assert (change.status, change.approved_by) == ("approved", colleague)


def test_a_normal_change_is_not_scheduled_before_its_approval(manager: User) -> None:
    change = ChangeFactory(change_type="normal")
    when = timezone.now() + dt.timedelta(days=1)
    actor = Actor.web(manager)
    assert_refused(
        lambda: change_transition(actor=actor, change=change, status="scheduled", implementation_date=when),
        "approval_required",
    )
    change_transition(actor=actor, change=change, status="approved")
    change_transition(actor=actor, change=change, status="scheduled", implementation_date=when)
    assert ChangeRequest.objects.get(pk=change.pk).status == "scheduled"


def test_granting_an_approval_keeps_a_scheduled_change_scheduled(support: User, executive: User) -> None:
    change = ChangeFactory(change_type="standard", status="scheduled", implementation_date=timezone.now())
    approval = approval_request_create(
        actor=Actor.web(support), reference_type="change", reference_id=change.pk, approver=executive.pk
    )
    approval_decide(actor=Actor.web(executive), approval=approval, decision="approved")
    change.refresh_from_db()
    assert (change.status, change.approved_by) == ("scheduled", executive)


def test_a_scheduled_change_is_never_moved_back_to_approved(manager: User) -> None:
    change = ChangeFactory(change_type="standard", status="scheduled")
    assert_refused(
        lambda: change_transition(actor=Actor.web(manager), change=change, status="approved"), "invalid_transition"
    )


def test_a_rollback_is_approved_by_someone_else(manager: User) -> None:
    rollback = RollbackFactory(requested_by=manager)
    assert_refused(
        lambda: rollback_transition(actor=Actor.web(manager), rollback=rollback, status="approved"), "self_approval"
    )
    other = UserFactory(role=Role.INCIDENT_MANAGER)
    rollback_transition(actor=Actor.web(other), rollback=rollback, status="approved")
    rollback.refresh_from_db()
    assert rollback.status == "approved"


def test_escalating_to_oneself_and_approving_ones_own_escalation_are_refused(manager: User) -> None:
    incident = IncidentFactory()
    assert_refused(
        lambda: escalation_create(
            actor=Actor.web(manager), incident=incident, escalated_to=manager.pk, escalation_reason="help"
        ),
        "self_approval",
    )
    escalation = EscalationFactory(escalated_from=manager)
    assert_refused(
        lambda: escalation_set_status(actor=Actor.web(manager), escalation=escalation, status="approved"),
        "self_approval",
    )
    escalation_set_status(actor=Actor.web(manager), escalation=escalation, status="cancelled")
    escalation.refresh_from_db()
    assert escalation.status == "cancelled"


def test_pages_offer_no_approval_to_the_requester(client: Any, manager: User) -> None:
    change = ChangeFactory(requested_by=manager, change_type="normal")
    client.force_login(manager)
    page = client.get(f"/changes/{change.pk}/")
    assert page.status_code == 200
    assert "approved" not in page.context["next_statuses"]
