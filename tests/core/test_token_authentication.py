"""The API's token authentication: one statement reads the token's user; the answers stay DRF's."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core.api.authentication import token_user
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_token_user_is_the_stored_user_in_one_query(api_as: Any) -> None:
    user = UserFactory(role="incident_manager", timezone="Europe/Paris")
    client = api_as(user)
    key = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    with CaptureQueriesContext(connection) as queries:
        found = token_user(key)
    assert len(queries) == 1
    stored = User.objects.get(pk=user.pk)
    assert found is not None
    assert found.pk == user.pk
    assert not found._state.adding
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(stored, field.attname), field.name
    assert client.get(f"/api/v1/users/{user.pk}/").json()["id"] == user.pk


def test_an_unknown_token_answers_401_and_finds_nobody(api: Any) -> None:
    assert token_user("0" * 40) is None
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = api.get("/api/v1/incidents/")
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")


def test_the_token_of_an_inactive_user_answers_401(api_as: Any) -> None:
    user = UserFactory(role="incident_manager")
    client = api_as(user)
    User.objects.filter(pk=user.pk).update(status="inactive")
    response = client.get("/api/v1/incidents/")
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")
    assert "inactive" in response.json()["message"].lower()
