"""An RCA's approval moves: the page names only people who may decide, the analyst is never offered to approve,
the approver decides on the RCA's page, and a request left pending after a direct approval still decides."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from approvals.forms import ApprovalRequestForm
from approvals.hooks import MANAGERS
from approvals.models import ApprovalRequest
from approvals.services import approval_decide, approval_request_create
from core.actor import Actor
from core.roles import Role
from reports.models import RootCauseAnalysis
from reports.services import rca_next_statuses, rca_transition
from tests.accounts.factories import UserFactory
from tests.reports.factories import RCAFactory

pytestmark = pytest.mark.django_db


def test_the_approver_list_leaves_out_the_asker_the_analyst_and_those_who_cannot_decide(manager: User) -> None:
    rca = RCAFactory(status="completed", assigned_to=UserFactory(role=Role.INCIDENT_MANAGER))
    executive, engineer = UserFactory(role=Role.EXECUTIVE), UserFactory(role=Role.TECHNICAL_SUPPORT)
    form = ApprovalRequestForm(exclude=(manager.pk, rca.assigned_to_id), roles=MANAGERS)
    offered = set(form.fields["approver"].queryset)
    assert executive in offered
    assert not offered & {manager, rca.assigned_to, engineer}


def test_the_analyst_is_not_offered_to_approve_their_own_analysis(executive: User) -> None:
    other = UserFactory(role=Role.EXECUTIVE)
    rca = RCAFactory(status="completed", assigned_to=executive)
    assert "approved" not in rca_next_statuses(actor=Actor.web(executive), rca=rca)
    assert "approved" in rca_next_statuses(actor=Actor.web(other), rca=rca)


def test_a_request_left_pending_after_a_direct_approval_still_decides(manager: User, executive: User) -> None:
    rca = RCAFactory(status="completed")
    approval = approval_request_create(
        actor=Actor.web(manager), reference_type="rca", reference_id=rca.pk, approver=executive.pk
    )
    rca_transition(actor=Actor.web(UserFactory(role=Role.EXECUTIVE)), rca=rca, status="approved")
    first = RootCauseAnalysis.objects.get(pk=rca.pk).approved_by
    approval_decide(actor=Actor.web(executive), approval=approval, decision="approved")
    assert ApprovalRequest.objects.get(pk=approval.pk).status == "approved"
    assert RootCauseAnalysis.objects.get(pk=rca.pk).approved_by == first


def test_the_approver_decides_on_the_rca_page(client: Client, manager: User, executive: User) -> None:
    rca = RCAFactory(status="completed")
    approval = approval_request_create(
        actor=Actor.web(manager), reference_type="rca", reference_id=rca.pk, approver=executive.pk
    )
    page = reverse("reports:rca-detail", args=[rca.pk])
    client.force_login(executive)
    assert reverse("approvals:decide", args=[approval.pk]) in client.get(page).content.decode()
    response = client.post(
        reverse("approvals:decide", args=[approval.pk]), {"decision": "approved", "back": page}, follow=False
    )
    assert response.status_code == 302
    assert response["Location"] == page
    assert RootCauseAnalysis.objects.get(pk=rca.pk).status == "approved"


def test_deciding_never_sends_the_approver_to_another_site(client: Client, manager: User, executive: User) -> None:
    rca = RCAFactory(status="completed")
    approval = approval_request_create(
        actor=Actor.web(manager), reference_type="rca", reference_id=rca.pk, approver=executive.pk
    )
    client.force_login(executive)
    response = client.post(
        reverse("approvals:decide", args=[approval.pk]), {"decision": "denied", "back": "https://evil.example/"}
    )
    assert response["Location"] == reverse("approvals:inbox")


def test_the_requester_sees_no_decision_buttons(client: Client, manager: User, executive: User) -> None:
    rca = RCAFactory(status="completed")
    approval = approval_request_create(
        actor=Actor.web(manager), reference_type="rca", reference_id=rca.pk, approver=executive.pk
    )
    client.force_login(manager)
    page: Any = client.get(reverse("reports:rca-detail", args=[rca.pk]))
    assert reverse("approvals:decide", args=[approval.pk]) not in page.content.decode()
