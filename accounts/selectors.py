"""Reads of users and clients, scoped to the actor: a client contact sees only their own client."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from accounts.choices import Role
from accounts.models import Client, User
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import register_scope, scope


@register_scope(Client)
def _client_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.filter(pk=user.client_id)


@register_scope(User)
def _user_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.filter(client_id=user.client_id)


def user_list(*, actor: Actor | User) -> QuerySet[User]:
    """Users the actor may see, with their client loaded."""
    return scope(User.objects.select_related("client"), actor)


def user_get(*, actor: Actor | User, pk: int) -> User:
    return visible_get(user_list(actor=actor), pk, noun="user")


def client_list(*, actor: Actor | User) -> QuerySet[Client]:
    """Clients the actor may see, with how many contacts and configuration items each has."""
    return scope(Client.objects.all(), actor).annotate(
        contact_count=Count("contacts", distinct=True),
        ci_count=Count("ci_assignments", distinct=True),
    )


def client_get(*, actor: Actor | User, pk: int) -> Client:
    return visible_get(client_list(actor=actor), pk, noun="client")


def client_choices(*, actor: Actor | User | None) -> QuerySet[Client]:
    """The clients a picker or a filter offers the actor: all for staff, their own for a client contact."""
    return scope(Client.objects.only("id", "client_name").order_by("client_name"), actor)


def request_clients(request: Any) -> QuerySet[Client]:
    """`client_choices` for a filterset's drop-down (django-filter calls it with the request)."""
    return client_choices(actor=getattr(request, "user", None))


def request_people(request: Any) -> QuerySet[User]:
    """The people a filter drop-down offers: everyone for staff, those working on their records for a contact."""
    return scope(User.objects.order_by("last_name", "first_name"), getattr(request, "user", None))


def user_search_filter(text: str) -> Q:
    text = text.strip()
    return Q(first_name__icontains=text) | Q(last_name__icontains=text) | Q(email__icontains=text)


def staff_choices() -> QuerySet[User]:
    """The people a record may be assigned to or a request sent to: active staff, by name (every picker)."""
    return User.objects.filter(status="active").exclude(role=Role.CLIENT_CONTACT).order_by("last_name", "first_name")
