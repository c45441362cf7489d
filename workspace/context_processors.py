"""The navigation of the base layout, filtered by what the signed-in user may open."""

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from core.permissions import can

NAVIGATION = (
    ("Home", "workspace:home", None),
    ("My work", "workspace:my-work", None),
    ("Incidents", "incidents:list", "incidents.view"),
    ("Problems", "problems:list", "problems.view"),
    ("Changes", "changes:list", "changes.view"),
    ("RCAs", "reports:rca-list", "rcas.view"),
    ("Approvals", "approvals:inbox", "approvals.view"),
    ("On-call", "oncall:overview", "oncall.view"),
    ("Integrations", "integrations:list", "integrations.view"),
    ("Action items", "response:my-action-items", "actions.manage"),
    ("Metrics", "metrics", "metrics.view"),
    ("Clients", "accounts:client-list", "clients.view"),
    ("Configuration items", "cmdb:ci-list", "cmdb.view"),
    ("SLA", "sla:breaches", "sla.view"),
    ("Agreements", "sla:agreement-list", "sla.view"),
    ("Users", "accounts:user-list", "users.view"),
    ("System", "workspace:system-status", "ops.view"),
)


@functools.lru_cache(maxsize=8)
def _addresses(prefix: str) -> tuple[tuple[str, str, str | None], ...]:
    """The navigation with each entry's address, worked out once per script prefix (they never change)."""
    return tuple((label, reverse(url_name), action) for label, url_name, action in NAVIGATION)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for label, url, action in _addresses(get_script_prefix()):
        if action is None or can(user, action):
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": label, "url": url, "current": current})
    return {"navigation": items}


def demo_logins(request: HttpRequest) -> dict[str, Any]:
    """On the sign-in page of an embedded install (TRACER_SHOW_DEMO_LOGINS): the demo users, one per role."""
    if not settings.TRACER_SHOW_DEMO_LOGINS or request.path != reverse("login"):
        return {}
    from workspace.demo import DEMO_PASSWORD
    from workspace.demo import demo_logins as logins

    return {"demo_logins": logins(), "demo_password": DEMO_PASSWORD}


def saved_filters(request: HttpRequest) -> dict[str, Any]:
    """On a filterable list page: the signed-in person's saved filters for it."""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    view = getattr(getattr(match, "func", None), "view_class", None)
    if user is None or not user.is_authenticated or view is None:
        return {}
    from core.views import FilteredListView
    from workspace.saved_filters import saved_filters_of

    if not issubclass(view, FilteredListView):
        return {}
    return {"saved_filters": saved_filters_of(user.pk, request.path)}
