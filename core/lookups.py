"""Resolving a record a service's input names (an instance or an id) into the record, or the rule's refusal."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import QuerySet

from core.errors import NotFound, RuleViolation

M = TypeVar("M", bound=models.Model)


def record_resolve(
    model: type[M], value: Any, *, field: str, code: str, noun: str, within: QuerySet[M] | None = None
) -> M:
    """The `model` record `value` names; refused as `code`, naming `field`, when there is none.

    `within` is the actor's scope of the model: a record outside it (another client's) is refused exactly as one
    that does not exist, so an id in a request body reveals nothing.
    """
    records = model._default_manager.all() if within is None else within
    if isinstance(value, model):
        if within is None:
            return value
        value = value.pk
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        pk = None
    found = records.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise RuleViolation(
            f"{noun.capitalize()} {value} does not exist.", code=code, fields={field: f"No such {noun}."}
        )
    return found


def visible_get(queryset: QuerySet[M], pk: Any, *, noun: str) -> M:
    """One record of a queryset already scoped to the actor; 404 when it is not there or not visible."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise NotFound(f"{noun.capitalize()} {pk} does not exist.") from None


def record_id(pk: Any, *, noun: str) -> int:
    """The whole-number id a URL or request names; a 404 for anything else, as for a record that is not there."""
    try:
        return int(str(pk))
    except ValueError:
        raise NotFound(f"{noun.capitalize()} {pk} does not exist.") from None
