"""The one place for permissions: which role may do which action, and which records an actor may see.

`can` and `require` answer for writes, `scope` narrows reads. Views and API actions only declare the action
they need (`required_permission` / `required_permissions`); a test walks every URL and fails on one that
declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from core.actor import Actor, Person
from core.errors import NotPermitted
from core.roles import Role

PUBLIC = "public"
"""Declared by views that anyone may open (login, the API schema): an explicit choice, not an omission."""

AUTHENTICATED = "authenticated"
"""Declared by views that any signed-in user may open (the home page, their own profile)."""

VIEW_ACTIONS = frozenset(
    {
        "users.view",
        "clients.view",
        "cmdb.view",
        "sla.view",
        "audit.view",
        "incidents.view",
        "bridges.view",
        "problems.view",
        "changes.view",
        "approvals.view",
        "rcas.view",
        "reports.view",
        "communications.view",
        "metrics.view",
        "cycle.view",
        "oncall.view",
        "oncall.acknowledge",
        "integrations.view",
    }
)
RESPONDER_ACTIONS = frozenset(
    {
        "incidents.create",
        "incidents.update",
        "incidents.transition",
        "incidents.escalate",
        "incidents.note",
        "incidents.attach",
        "incidents.link_ci",
        "problems.manage",
        "changes.request",
        "rollbacks.request",
        "approvals.request",
        "approvals.decide",
        "rcas.manage",
        "communications.send",
        "cycle.edit",
        "actions.manage",
    }
)
MANAGE_ACTIONS = frozenset(
    {
        "users.manage",
        "clients.manage",
        "cmdb.manage",
        "sla.manage",
        "ops.view",
        "bridges.manage",
        "incidents.command",
        "escalations.respond",
        "notes.edit_any",
        "changes.manage",
        "rollbacks.manage",
        "rcas.approve",
        "reviews.manage",
        "reports.manage",
        "reports.approve",
        "status.post",
        "gates.review",
        "oncall.manage",
        "integrations.manage",
    }
)
ALL_ACTIONS = VIEW_ACTIONS | RESPONDER_ACTIONS | MANAGE_ACTIONS

GRANTS: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMINISTRATOR: ALL_ACTIONS,
    Role.INCIDENT_MANAGER: ALL_ACTIONS - {"clients.manage", "sla.manage", "ops.view"},
    Role.TECHNICAL_SUPPORT: VIEW_ACTIONS | RESPONDER_ACTIONS | {"cmdb.manage"},
    Role.ACCOUNT_MANAGER: VIEW_ACTIONS
    | {
        "clients.manage",
        "sla.manage",
        "incidents.create",
        "incidents.note",
        "incidents.escalate",
        "approvals.request",
        "communications.send",
        "reports.manage",
        "status.post",
    },
    Role.EXECUTIVE: VIEW_ACTIONS
    | {"escalations.respond", "incidents.note", "approvals.decide", "rcas.approve", "reports.approve", "gates.review"},
    Role.CLIENT_CONTACT: frozenset(
        {"clients.view", "cmdb.view", "sla.view", "incidents.view", "incidents.create", "incidents.attach"}
    ),
}
"""Actions each role holds. Staff administrators hold every action."""

M = TypeVar("M", bound=Model)
Scoper = Callable[[QuerySet[Any], Any], QuerySet[Any]]
_SCOPERS: dict[type[Model], Scoper] = {}
_WIDENERS: dict[type[Model], list[Scoper]] = {}


def register_scope(model: type[Model]) -> Callable[[Scoper], Scoper]:
    """Register how a client contact's view of `model` is narrowed to their own client (one per model)."""

    def decorate(func: Scoper) -> Scoper:
        if model in _SCOPERS and _SCOPERS[model] is not func:
            raise RuntimeError(f"{model.__name__} already has a scope ({_SCOPERS[model].__qualname__}).")
        _SCOPERS[model] = func
        return func

    return decorate


def register_scope_widening(model: type[Model]) -> Callable[[Scoper], Scoper]:
    """Let a higher app add records to a contact's scope of a lower app's model (the staff who work on a
    contact's incidents, for users). A widening returns `queryset.filter(pk__in=...)`, so OR-ing stays exact."""

    def decorate(func: Scoper) -> Scoper:
        if func not in _WIDENERS.setdefault(model, []):
            _WIDENERS[model].append(func)
        return func

    return decorate


def _user_of(who: Actor | Person | None) -> Person | None:
    return who.user if isinstance(who, Actor) else who


def role_grants(user: Person) -> frozenset[str]:
    if not user.is_active:
        return frozenset()
    if user.is_staff or user.is_superuser:
        return ALL_ACTIONS
    return GRANTS.get(user.role, frozenset())


def is_limited_to_client(user: Person) -> bool:
    return user.role == Role.CLIENT_CONTACT and not (user.is_staff or user.is_superuser)


def can(who: Actor | Person | None, action: str, obj: Model | None = None) -> bool:
    """Whether the actor may perform `action` (on `obj`, when given). The system actor may do anything."""
    if isinstance(who, Actor) and who.is_system:
        return True
    user = _user_of(who)
    if user is None or not user.is_authenticated:
        return action == PUBLIC
    if action in (PUBLIC, AUTHENTICATED):
        return user.is_active
    if action not in role_grants(user):
        return False
    if obj is not None and is_limited_to_client(user):
        return scope(type(obj)._default_manager.filter(pk=obj.pk), user).exists()
    return True


def require(who: Actor | Person | None, action: str, obj: Model | None = None) -> None:
    """Raise NotPermitted unless the actor may perform `action`."""
    if not can(who, action, obj):
        raise NotPermitted(f"Your role does not allow this action ({action}).", code="not_permitted")


def scope(queryset: QuerySet[M], who: Actor | Person | None) -> QuerySet[M]:
    """Narrow a queryset to the records the actor may see."""
    if isinstance(who, Actor) and who.is_system:
        return queryset
    user = _user_of(who)
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if not is_limited_to_client(user):
        return queryset
    scoper = _SCOPERS.get(queryset.model)
    if scoper is None:
        return queryset.none()
    scoped = scoper(queryset, user)
    for widening in _WIDENERS.get(queryset.model, ()):
        scoped = scoped | widening(queryset, user)
    return scoped
