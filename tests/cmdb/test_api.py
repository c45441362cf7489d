from typing import Any

import pytest

from accounts.models import User
from tests.accounts.factories import ClientContactFactory, ClientFactory
from tests.cmdb.factories import AssignmentFactory, ConfigurationItemFactory

pytestmark = pytest.mark.django_db


def test_list_filters_by_client_type_and_status(api_as: Any, support: User) -> None:
    assignment = AssignmentFactory(ci__ci_type="database", ci__operational_status="down")
    ConfigurationItemFactory(ci_type="database")
    client = api_as(support)
    rows = client.get("/api/v1/configuration-items/", {"client": assignment.client_id}).json()["results"]
    assert [row["id"] for row in rows] == [assignment.ci_id]
    assert rows[0]["clients"] == [assignment.client_id]
    rows = client.get("/api/v1/configuration-items/", {"ci_type": "database", "operational_status": "down"}).json()
    assert [row["id"] for row in rows["results"]] == [assignment.ci_id]


def test_list_query_count_is_fixed(api_as: Any, support: User, count_queries: Any) -> None:
    client = api_as(support)
    AssignmentFactory.create_batch(2)
    small = count_queries(lambda: client.get("/api/v1/configuration-items/", {"page_size": 1}))
    AssignmentFactory.create_batch(15)
    large = count_queries(lambda: client.get("/api/v1/configuration-items/", {"page_size": 100}))
    assert small == large


def test_create_assign_and_refuse_duplicate(api_as: Any, support: User) -> None:
    client = api_as(support)
    response = client.post(
        "/api/v1/configuration-items/",
        {"ci_name": "edge", "ci_type": "network", "environment": "production", "responsible_owner": support.pk},
        format="json",
    )
    assert response.status_code == 201
    ci_id = response.json()["id"]
    customer = ClientFactory()
    response = client.post(
        f"/api/v1/configuration-items/{ci_id}/assign-client/", {"client": customer.pk}, format="json"
    )
    assert response.json()["clients"] == [customer.pk]
    response = client.post(
        f"/api/v1/configuration-items/{ci_id}/assign-client/", {"client": customer.pk}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "assignment_exists")


def test_client_contact_sees_only_items_of_their_client(api_as: Any) -> None:
    contact = ClientContactFactory()
    mine = AssignmentFactory(client=contact.client)
    other = AssignmentFactory()
    client = api_as(contact)
    rows = client.get("/api/v1/configuration-items/").json()["results"]
    assert [row["id"] for row in rows] == [mine.ci_id]
    assert client.get(f"/api/v1/configuration-items/{other.ci_id}/").status_code == 404
    response = client.patch(f"/api/v1/configuration-items/{mine.ci_id}/", {"ci_name": "x"}, format="json")
    assert response.status_code == 403
