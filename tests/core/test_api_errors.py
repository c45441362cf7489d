"""Every API error has the shape {code, message, fields} with the documented status."""

from typing import Any

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_validation_error_shape(api_as: Any, admin_user: Any) -> None:
    response = api_as(admin_user).post("/api/v1/users/", {"email": "x@example.test"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body) == {"code", "message", "fields"}
    assert {"first_name", "last_name", "role"} <= set(body["fields"])


def test_domain_error_shape(api_as: Any, admin_user: Any) -> None:
    UserFactory(email="taken@example.test")
    response = api_as(admin_user).post(
        "/api/v1/users/",
        {"email": "taken@example.test", "first_name": "A", "last_name": "B", "role": "executive"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"
    assert "email" in response.json()["fields"]


def test_not_found_and_not_permitted(api_as: Any, support: Any) -> None:
    response = api_as(support).get("/api/v1/users/999999/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = api_as(support).post("/api/v1/users/", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")


def test_bad_token_is_refused(api: Any) -> None:
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = api.get("/api/v1/users/")
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")


def test_method_not_allowed(api_as: Any, admin_user: Any) -> None:
    response = api_as(admin_user).delete(f"/api/v1/users/{admin_user.pk}/")
    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
