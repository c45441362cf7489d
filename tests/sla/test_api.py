from typing import Any

import pytest

from accounts.models import User
from tests.accounts.factories import ClientContactFactory, ClientFactory
from tests.helpers import assert_unchanged
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


def test_list_filters_and_fixed_queries(api_as: Any, executive: User, count_queries: Any) -> None:
    SLAAgreementFactory(tier="premium")
    SLAAgreementFactory(tier="basic")
    client = api_as(executive)
    rows = client.get("/api/v1/sla-agreements/", {"tier": "premium"}).json()["results"]
    assert [row["tier"] for row in rows] == ["premium"]
    small = count_queries(lambda: client.get("/api/v1/sla-agreements/", {"page_size": 1}))
    SLAAgreementFactory.create_batch(10)
    assert count_queries(lambda: client.get("/api/v1/sla-agreements/", {"page_size": 50})) == small


def test_create_and_refuse_second_active(api_as: Any, account_manager: User) -> None:
    customer = ClientFactory()
    client = api_as(account_manager)
    body = {"client": customer.pk, "tier": "standard", "support_coverage": "on_call", "effective_date": "2025-03-01"}
    response = client.post("/api/v1/sla-agreements/", body, format="json")
    assert response.status_code == 201
    assert response.json()["created_by"] == account_manager.pk
    with assert_unchanged():
        response = client.post("/api/v1/sla-agreements/", body, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "active_agreement_exists")


def test_client_contact_reads_own_agreement_only(api_as: Any) -> None:
    contact = ClientContactFactory()
    mine = SLAAgreementFactory(client=contact.client)
    SLAAgreementFactory()
    rows = api_as(contact).get("/api/v1/sla-agreements/").json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
