"""The signed-in user is read on every page by one prepared statement: it is the stored user, field for field;
an inactive or deleted user is signed out; sessions signed in through Django's ModelBackend stay signed in."""

from typing import Any

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import UserBackend
from accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_user_read_is_the_stored_user() -> None:
    user = UserFactory(role="incident_manager", timezone="Europe/Paris")
    with CaptureQueriesContext(connection) as queries:
        found = UserBackend().get_user(user.pk)
    assert len(queries) == 1
    stored = User.objects.get(pk=user.pk)
    assert found is not None
    assert not found._state.adding
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(stored, field.attname), field.name


def test_nobody_is_read_for_an_unknown_or_inactive_user() -> None:
    assert UserBackend().get_user(987_654) is None
    inactive = UserFactory(status="inactive")
    assert UserBackend().get_user(inactive.pk) is None


def test_signing_in_keeps_the_session_through_the_prepared_read(client: Client, monkeypatch: Any) -> None:
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    user = UserFactory(role="incident_manager")
    assert client.post("/login/", {"username": user.email, "password": PASSWORD}).status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.UserBackend"
    client.get("/incidents/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/incidents/")
    assert page.status_code == 200
    assert page.context["user"].pk == user.pk
    assert "EXECUTE tracer_user_read" in [query["sql"].split("(")[0] for query in queries.captured_queries]
    User.objects.filter(pk=user.pk).update(status="inactive")
    assert client.get("/incidents/").status_code == 302  # signed out: to the sign-in page


def test_a_session_signed_in_through_model_backend_stays_signed_in(client: Client) -> None:
    user = UserFactory(role="incident_manager")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/incidents/").status_code == 200
