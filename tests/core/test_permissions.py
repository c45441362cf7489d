"""The permission policy: every URL declares the action it needs, and roles get what the policy grants."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Client, User
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.permissions import ALL_ACTIONS, AUTHENTICATED, PUBLIC, can, scope
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory

KNOWN = ALL_ACTIONS | {PUBLIC, AUTHENTICATED}
SKIPPED_NAMESPACES = {"admin"}  # Django's admin checks is_staff and its own model permissions


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def declared_actions(callback: Any) -> dict[str, str | None]:
    """What each entry point of a URL declares: per viewset action, HTTP method, or for the whole view."""
    if hasattr(callback, "cls"):  # Django REST framework
        declared = getattr(callback.cls, "required_permissions", {}) or {}
        actions = getattr(callback, "actions", None)
        if actions:
            return {action: declared.get(action) or declared.get("*") for action in actions.values()}
        methods = [
            m for m in callback.cls.http_method_names if hasattr(callback.cls, m) and m not in ("options", "head")
        ]
        return {method: declared.get(method) or declared.get("*") for method in methods}
    view = getattr(callback, "view_class", callback)
    return {"view": getattr(view, "required_permission", None)}


def test_every_url_declares_a_known_permission() -> None:
    undeclared, unknown, seen = [], [], 0
    for route, callback in walk(get_resolver().url_patterns):
        for action, required in declared_actions(callback).items():
            seen += 1
            if required is None:
                undeclared.append(f"{route} [{action}]")
            elif required not in KNOWN:
                unknown.append(f"{route} [{action}] -> {required}")
    assert seen > 30
    assert not undeclared, f"views without a declared permission: {undeclared}"
    assert not unknown, f"views declaring an action the policy does not know: {unknown}"


def test_the_walker_catches_an_undeclared_view() -> None:
    from django.views import View
    from rest_framework.viewsets import ViewSet

    class Bare(View):
        pass

    class BareViewSet(ViewSet):
        def list(self, request: Any) -> None: ...

    assert declared_actions(Bare.as_view()) == {"view": None}
    assert declared_actions(BareViewSet.as_view({"get": "list"})) == {"list": None}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/users/", "/clients/", "/cmdb/", "/sla/", "/system/", "/users/new/"])
def test_pages_send_anonymous_visitors_to_sign_in(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/users/", "/api/v1/clients/", "/api/v1/configuration-items/", "/api/v1/sla-agreements/"]
)
def test_api_refuses_anonymous_callers(api: Any, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_public_pages_open_without_sign_in(client: Any) -> None:
    for path in ("/login/", "/api/schema/", "/api/docs/", "/health/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        ("system_administrator", {"users.manage", "ops.view", "sla.manage"}, set()),
        ("incident_manager", {"users.manage", "cmdb.manage", "audit.view"}, {"ops.view", "clients.manage"}),
        ("technical_support", {"cmdb.manage", "users.view"}, {"users.manage", "sla.manage"}),
        ("account_manager", {"clients.manage", "sla.manage"}, {"users.manage", "cmdb.manage"}),
        ("executive", {"users.view", "sla.view"}, {"users.manage", "cmdb.manage", "clients.manage"}),
    ],
)
def test_role_grants(role: str, allowed: set[str], refused: set[str]) -> None:
    user = UserFactory(role=role)
    assert all(can(user, action) for action in allowed)
    assert not any(can(user, action) for action in refused)


@pytest.mark.django_db
def test_inactive_users_and_anonymous_hold_nothing() -> None:
    inactive = UserFactory(role="system_administrator", status="inactive")
    assert not can(inactive, "users.view")
    assert not can(inactive, AUTHENTICATED)
    assert not can(None, "users.view")
    assert can(None, PUBLIC)


@pytest.mark.django_db
def test_system_actor_may_do_anything() -> None:
    assert can(Actor.system(), "users.manage")
    assert scope(User.objects.all(), Actor.system()).count() == User.objects.count()


@pytest.mark.django_db
def test_client_contact_sees_only_their_own_client() -> None:
    mine, other = ClientFactory(), ClientFactory()
    contact = ClientContactFactory(client=mine)
    my_ci = AssignmentFactory(client=mine).ci
    AssignmentFactory(client=other)
    assert list(scope(Client.objects.all(), contact)) == [mine]
    assert list(scope(ConfigurationItem.objects.all(), contact)) == [my_ci]
    assert can(contact, "clients.view", mine)
    assert not can(contact, "clients.view", other)
    assert not can(contact, "users.view")
