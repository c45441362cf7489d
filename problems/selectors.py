"""Reads of problem tickets."""

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from core.actor import Actor
from core.permissions import register_scope, scope
from problems.models import Problem


@register_scope(Problem)
def _problem_scope(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    return queryset.none()


def problem_list(*, actor: Actor | User) -> QuerySet[Problem]:
    return scope(Problem.objects.select_related("reported_by", "assigned_to"), actor)
