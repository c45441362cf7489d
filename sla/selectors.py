"""Reads of SLA agreements, clocks and breaches, scoped: a client contact sees their own client's."""

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import register_scope, scope
from sla.models import IncidentSLA, SLAAgreement, SLABreach


@register_scope(SLAAgreement)
@register_scope(IncidentSLA)
@register_scope(SLABreach)
def _own_client_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    """Agreements, SLA clocks and breaches: a client contact sees their own client's."""
    return queryset.filter(client_id=user.client_id)


def sla_agreement_list(*, actor: Actor | User) -> QuerySet[SLAAgreement]:
    return scope(SLAAgreement.objects.select_related("client", "created_by"), actor)


def sla_agreement_get(*, actor: Actor | User, pk: int) -> SLAAgreement:
    return visible_get(sla_agreement_list(actor=actor), pk, noun="sla agreement")
