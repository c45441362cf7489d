"""Management commands: tokens, the superuser from environment variables, the demo data."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from accounts.models import User
from tests.accounts.factories import UserFactory
from workspace.demo import ADMIN_EMAIL, DEMO_PASSWORD, demo_data_load

pytestmark = pytest.mark.django_db


def test_issue_token_prints_a_working_token() -> None:
    user = UserFactory(role="executive", email="exec@example.test")
    out = StringIO()
    call_command("issue_token", "EXEC@example.test", stdout=out)
    token = out.getvalue().strip()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get(f"/api/v1/users/{user.pk}/")
    assert response.status_code == 200
    assert response.json()["email"] == "exec@example.test"


def test_issue_token_refuses_unknown_and_inactive_users() -> None:
    UserFactory(email="gone@example.test", status="inactive")
    with pytest.raises(CommandError, match="No user"):
        call_command("issue_token", "nobody@example.test", stdout=StringIO())
    with pytest.raises(CommandError, match="inactive"):
        call_command("issue_token", "gone@example.test", stdout=StringIO())


def test_createsuperuser_noinput_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "root@example.test")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-strong-root-password")
    call_command("createsuperuser", "--noinput", stdout=StringIO())
    root = User.objects.get(email="root@example.test")
    assert root.is_superuser
    assert root.is_staff
    assert root.is_active
    assert root.role == "system_administrator"
    assert root.check_password("a-strong-root-password")


def test_demo_data_loads_once_and_its_login_works(client: object) -> None:
    first = demo_data_load()
    users = User.objects.count()
    second = demo_data_load()
    assert first.created
    assert not second.created
    assert User.objects.count() == users
    signed_in = client.post("/login/", {"username": ADMIN_EMAIL, "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/").status_code == 200
