"""Reads of SLA agreements, scoped: a client contact sees their own client's agreements."""

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import register_scope, scope
from sla.models import SLAAgreement


@register_scope(SLAAgreement)
def _agreement_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.filter(client_id=user.client_id)


def sla_agreement_list(*, actor: Actor | User) -> QuerySet[SLAAgreement]:
    return scope(SLAAgreement.objects.select_related("client", "created_by"), actor)


def sla_agreement_get(*, actor: Actor | User, pk: int) -> SLAAgreement:
    return visible_get(sla_agreement_list(actor=actor), pk, noun="sla agreement")
