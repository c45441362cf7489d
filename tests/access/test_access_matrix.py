"""Every route of the URL configuration, tried by every actor, answers as the access matrix says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver
from rest_framework.test import APIClient

from core.permissions import AUTHENTICATED, PUBLIC, role_grants
from tests.access.matrix import CLIENT_PAGES, CONTACT_VISIBLE, MATRIX, QUERIES
from tests.access.world import ACTORS, World
from tests.core.test_permissions import declared_actions, walk

PARAMETERS = {"phase": "triage", "name": "summary", "token": "matrix-token", "key": "matrix-token"}
"""Values for the URL parameters that are not record ids."""


def entry_points() -> Iterator[tuple[str, str, Any]]:
    for route, callback in walk(get_resolver().url_patterns):
        for entry in declared_actions(callback):
            yield route, entry, callback


ROUTES = sorted({(route, entry) for route, entry, _ in entry_points()})
CALLBACKS = {(route, entry): callback for route, entry, callback in entry_points()}


def test_the_matrix_lists_every_route_and_nothing_else() -> None:
    missing = sorted(set(ROUTES) - MATRIX.keys())
    stale = sorted(MATRIX.keys() - set(ROUTES))
    assert not missing, f"routes missing from tests/access/matrix.py: {missing}"
    assert not stale, f"matrix rows for routes that no longer exist: {stale}"


def test_the_matrix_agrees_with_what_each_view_declares() -> None:
    differing = {
        key: (MATRIX[key][0], declared)
        for key in ROUTES
        if (declared := declared_actions(CALLBACKS[key])[key[1]]) != MATRIX[key][0]
    }
    assert not differing, f"matrix action != declared action: {differing}"


def url_of(route: str, record: Any) -> str:
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<pk>[^)]+\)", str(getattr(record, "pk", "")), path)
    path = re.sub(r"<int:\w+>", str(getattr(record, "pk", "")), path)
    path = re.sub(r"<str:(\w+)>", lambda match: PARAMETERS[match.group(1)], path)
    return "/" + path


def methods_of(callback: Any, entry: str) -> list[str]:
    if hasattr(callback, "cls") and getattr(callback, "actions", None):
        return [method for method, action in callback.actions.items() if action == entry and method != "head"]
    if hasattr(callback, "cls"):
        return [entry]
    view = getattr(callback, "view_class", None)
    if view is None:  # a function view (the Atom feeds)
        return ["get"]
    return [method for method in ("get", "post") if hasattr(view, method)]


def expected(actor: str, person: Any, route: str, action: str, kind: str | None) -> str:
    contact = actor in ("contact", "other_contact")
    if route in CLIENT_PAGES:
        return "reached" if actor not in ("anonymous", "other_contact") else "missing"
    if action == PUBLIC:
        return "reached"
    if person is None:
        return "sign-in"
    if action == AUTHENTICATED:
        return "reached"
    if action not in role_grants(person):
        return "forbidden"
    if kind is not None and contact and (actor == "other_contact" or kind not in CONTACT_VISIBLE):
        return "missing"
    return "reached"


POLICY_REFUSAL = "not_permitted"
"""The code of the policy's 403; another code means the route admitted the actor and a rule of the service
refused the request itself (only its author edits a note), which the matrix counts as reached."""


def answer(response: HttpResponse) -> str:
    if response.status_code == 401 or (response.status_code == 302 and "next=" in response.get("Location", "")):
        return "sign-in"
    if response.status_code == 403 and response.get("Content-Type", "").startswith("application/json"):
        return "forbidden" if response.json().get("code") == POLICY_REFUSAL else "reached"
    return {403: "forbidden", 404: "missing"}.get(response.status_code, "reached")


def call(route: str, method: str, url: str, person: Any) -> HttpResponse:
    api = route.startswith("api/")
    client: Any = APIClient() if api else Client()
    if person is not None:
        client.force_authenticate(person) if api else client.force_login(person)
    body: dict[str, Any] = {"format": "json"} if api and method != "get" else {}
    return client.generic(method.upper(), url, **({"data": "{}", "content_type": "application/json"} if body else {}))


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "entry"), ROUTES, ids=[f"{route} [{entry}]" for route, entry in ROUTES])
def test_every_actor_gets_the_answer_the_matrix_gives(route: str, entry: str) -> None:
    world = World()
    action, kind = MATRIX[(route, entry)]
    record = world.records[kind] if kind else world.records["client"] if route in CLIENT_PAGES else None
    base = url_of(route, record)
    ids = {name: record.pk for name, record in world.records.items()}
    urls = [base + query.format(**ids) for query in QUERIES.get(route, ("",))]
    wrong = []
    for actor in ACTORS:
        person = world.people[actor]
        want = expected(actor, person, route, action, kind if route not in CLIENT_PAGES else None)
        for method in methods_of(CALLBACKS[(route, entry)], entry):
            for url in urls:
                got = answer(call(route, method, url, person))
                if got != want:
                    wrong.append(f"{actor} {method.upper()} {url}: {got}, expected {want}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_admin_site_is_for_staff_only() -> None:
    """Django's admin (left out of the matrix) checks is_staff itself: every model page, every actor."""
    from django.contrib import admin

    world = World()
    staff = world.people["system_administrator"]
    paths = ["/admin/"] + [
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in admin.site._registry
    ]
    for actor in ACTORS:
        client = Client()
        if world.people[actor] is not None:
            client.force_login(world.people[actor])
        for path in paths:
            response = client.get(path)
            assert response.status_code == 302, (actor, path)
            assert response["Location"].startswith("/admin/login/"), (actor, path)
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    assert all(client.get(path).status_code == 200 for path in paths)
