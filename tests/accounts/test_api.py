"""The users and clients API: filters, keyset pagination, SOP 1 through the API, tokens, scoping."""

from typing import Any

import pytest

from accounts.models import User
from tests.accounts.factories import PASSWORD, ClientContactFactory, ClientFactory, UserFactory
from tests.helpers import assert_unchanged

pytestmark = pytest.mark.django_db


def test_token_endpoint_returns_a_token_for_valid_credentials(api: Any) -> None:
    user = UserFactory(email="ops@example.test")
    response = api.post("/api/v1/auth/token/", {"email": "OPS@example.test", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    assert response.json()["user"]["id"] == user.pk
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/users/").status_code == 200


@pytest.mark.parametrize("status", ["active", "inactive"])
def test_token_endpoint_refuses_wrong_password_and_inactive_users(api: Any, status: str) -> None:
    UserFactory(email="ops@example.test", status=status)
    password = "wrong-password" if status == "active" else PASSWORD
    response = api.post("/api/v1/auth/token/", {"email": "ops@example.test", "password": password}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_credentials")


def test_user_list_filters_and_searches(api_as: Any, manager: User) -> None:
    UserFactory(role="executive", first_name="Grace", status="inactive")
    UserFactory(role="executive", first_name="Henry")
    client = api_as(manager)
    rows = client.get("/api/v1/users/", {"role": "executive", "status": "inactive"}).json()["results"]
    assert [row["first_name"] for row in rows] == ["Grace"]
    rows = client.get("/api/v1/users/", {"q": "henr"}).json()["results"]
    assert [row["first_name"] for row in rows] == ["Henry"]
    response = client.get("/api/v1/users/", {"role": "wizard"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_user_list_pages_with_a_cursor(api_as: Any, manager: User) -> None:
    UserFactory.create_batch(7)
    client = api_as(manager)
    first = client.get("/api/v1/users/", {"page_size": 5}).json()
    assert len(first["results"]) == 5
    assert first["next"]
    second = client.get(first["next"]).json()
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == User.objects.count()


@pytest.mark.parametrize("path", ["/api/v1/users/", "/api/v1/clients/"])
def test_list_query_count_does_not_grow_with_page_size(
    api_as: Any, admin_user: User, count_queries: Any, path: str
) -> None:
    client = api_as(admin_user)
    for _ in range(3):
        ClientContactFactory()
    small = count_queries(lambda: client.get(path, {"page_size": 2}))
    for _ in range(12):
        ClientContactFactory()
    large = count_queries(lambda: client.get(path, {"page_size": 50}))
    assert small == large <= 6


def test_create_user_through_the_api(api_as: Any, admin_user: User) -> None:
    client = ClientFactory()
    response = api_as(admin_user).post(
        "/api/v1/users/",
        {
            "email": "contact@acme.test",
            "first_name": "Casey",
            "last_name": "Contact",
            "role": "client_contact",
            "client": client.pk,
            "timezone": "Europe/Paris",
            "password": "a-good-long-password",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["client"], body["role"], body["status"]) == (client.pk, "client_contact", "active")
    assert "password" not in body


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"role": "client_contact"}, 400, "client_required"),
        ({"role": "client_contact", "client": 424242}, 400, "client_not_found"),
        ({"timezone": "Atlantis/Capital"}, 400, "invalid"),
        ({"email": "taken@example.test"}, 409, "email_taken"),
    ],
)
def test_create_user_refusals_through_the_api(
    api_as: Any, admin_user: User, payload: dict[str, Any], status: int, code: str
) -> None:
    UserFactory(email="taken@example.test")
    data = {"email": "new@example.test", "first_name": "N", "last_name": "P", "role": "executive", **payload}
    client = api_as(admin_user)
    with assert_unchanged():
        response = client.post("/api/v1/users/", data, format="json")
    assert (response.status_code, response.json()["code"]) == (status, code)


def test_update_user_through_the_api(api_as: Any, admin_user: User) -> None:
    user = UserFactory(role="technical_support")
    response = api_as(admin_user).patch(f"/api/v1/users/{user.pk}/", {"role": "incident_manager"}, format="json")
    assert response.status_code == 200
    assert response.json()["role"] == "incident_manager"


def test_client_contact_sees_only_their_client(api_as: Any) -> None:
    contact = ClientContactFactory()
    ClientFactory()
    client = api_as(contact)
    rows = client.get("/api/v1/clients/").json()["results"]
    assert [row["id"] for row in rows] == [contact.client_id]
    assert client.get("/api/v1/users/").status_code == 403


def test_client_create_and_update_through_the_api(api_as: Any, account_manager: User) -> None:
    client = api_as(account_manager)
    response = client.post(
        "/api/v1/clients/",
        {
            "client_name": "Initech",
            "registration_number": "REG-INI",
            "company_type": "mid_market",
            "support_coverage": "business_hours",
            "preferred_communication": "phone",
        },
        format="json",
    )
    assert response.status_code == 201
    created = response.json()
    assert (created["status"], created["contact_count"], created["ci_count"]) == ("active", 0, 0)
    response = client.patch(f"/api/v1/clients/{created['id']}/", {"status": "inactive"}, format="json")
    assert response.json()["status"] == "inactive"


def test_schema_documents_every_resource(api: Any) -> None:
    schema = api.get("/api/schema/", {"format": "json"}).json()
    paths = set(schema["paths"])
    for resource in ("users", "clients", "configuration-items", "sla-agreements"):
        assert f"/api/v1/{resource}/" in paths
    assert "/api/v1/auth/token/" in paths
