"""The approvals API, the inbox filter, and what simultaneous requests and decisions leave behind."""

from typing import Any

import pytest

from accounts.models import User
from approvals.models import ApprovalRequest
from changes.models import ChangeRequest
from tests.accounts.factories import UserFactory
from tests.changes.factories import ChangeFactory
from tests.helpers import race


@pytest.mark.django_db
def test_request_inbox_and_decision(api_as: Any, support: User, executive: User) -> None:
    change = ChangeFactory()
    response = api_as(support).post(
        "/api/v1/approvals/",
        {"reference_type": "change", "reference_id": change.pk, "approver": executive.pk},
        format="json",
    )
    assert response.status_code == 201
    inbox = api_as(executive).get("/api/v1/approvals/", {"mine": "true", "status": "pending"}).json()["results"]
    assert [row["id"] for row in inbox] == [response.json()["id"]]
    decided = api_as(executive).post(
        f"/api/v1/approvals/{inbox[0]['id']}/decision/", {"decision": "approved"}, format="json"
    )
    assert decided.json()["status"] == "approved"
    assert ChangeRequest.objects.get(pk=change.pk).status == "approved"


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_requests_leave_one_pending(api_as: Any) -> None:
    requester, executive = UserFactory(role="incident_manager"), UserFactory(role="executive")
    change = ChangeFactory()
    body = {"reference_type": "change", "reference_id": change.pk, "approver": executive.pk}
    clients = [api_as(requester), api_as(requester), api_as(requester)]
    responses = race([lambda c=c: c.post("/api/v1/approvals/", body, format="json") for c in clients])
    assert sorted(r.status_code for r in responses) == [201, 409, 409]
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"approval_pending"}
    assert ApprovalRequest.objects.filter(status="pending").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_approve_and_deny_leave_one_decision(api_as: Any) -> None:
    executive = UserFactory(role="executive")
    change = ChangeFactory()
    approval = ApprovalRequest.objects.create(
        reference_type="change", reference_id=change.pk, requested_action="create_change_request", approver=executive
    )
    clients = [api_as(executive), api_as(executive)]
    decisions = ["approved", "denied"]
    responses = race(
        [
            lambda c=c, d=d: c.post(f"/api/v1/approvals/{approval.pk}/decision/", {"decision": d}, format="json")
            for c, d in zip(clients, decisions, strict=True)
        ]
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = next(r.json()["status"] for r in responses if r.status_code == 200)
    approval.refresh_from_db()
    assert approval.status == winner
    assert ChangeRequest.objects.get(pk=change.pk).status == winner
