"""Reads of the CMDB, scoped: a client contact sees the items their client depends on."""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from accounts.models import Client, User
from cmdb.models import CIClientAssignment, ConfigurationItem
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import register_scope, scope


@register_scope(ConfigurationItem)
def _ci_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.filter(assignments__client_id=user.client_id)


def ci_list(*, actor: Actor | User) -> QuerySet[ConfigurationItem]:
    """Configuration items with their owner and the ids of the clients that depend on them."""
    return (
        scope(ConfigurationItem.objects.all(), actor)
        .select_related("responsible_owner")
        .annotate(client_count=Count("assignments", distinct=True))
        .prefetch_related(Prefetch("assignments", queryset=CIClientAssignment.objects.only("id", "ci_id", "client_id")))
    )


def ci_get(*, actor: Actor | User, pk: int) -> ConfigurationItem:
    return visible_get(ci_list(actor=actor), pk, noun="configuration item")


def ci_clients(*, ci: ConfigurationItem) -> QuerySet[Client]:
    return Client.objects.filter(ci_assignments__ci=ci).order_by("client_name")


def ci_list_for_client(*, actor: Actor | User, client: Client) -> QuerySet[ConfigurationItem]:
    return ci_list(actor=actor).filter(assignments__client=client)
