"""The incident as `GET /api/v1/incidents/{id}/` shows it, composed by PostgreSQL in one query: its columns, its
configuration items and its SLA clocks, each narrowed to what the actor may see exactly as the selectors narrow
them. `IncidentSerializer` stays the definition (the schema, the answers of every other route, and SQLite); a
test holds the two equal, field for field."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import orjson
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce, Now, NullIf
from django.db.models.lookups import GreaterThan

from core.actor import Actor
from core.api.sqljson import JSONObject, JSONText, UTCText
from core.permissions import is_limited_to_client, scope
from core.prepared import fetch_one
from incidents.api.serializers import IncidentSerializer
from incidents.models import Incident, IncidentCI
from incidents.transitions import allowed_next

COMPUTED = {"configuration_items", "slas", "allowed_statuses", "resolution_code"}


def _column(name: str) -> Any:
    field = Incident._meta.get_field(name)
    assert isinstance(field, models.Field)
    return UTCText(F(field.attname)) if isinstance(field, models.DateTimeField) else F(field.attname)


def _breached(due: str, met: str) -> GreaterThan:
    return GreaterThan(Coalesce(F(met), Now()), F(due))


def _clocks(actor: Actor) -> ArraySubquery:
    model = Incident._meta.get_field("slas").related_model
    clocks = scope(model._default_manager.filter(incident=OuterRef("pk")), actor)  # type: ignore[union-attr]
    written = JSONObject(
        client=F("client_id"),
        tier=F("tier"),
        clock=F("clock"),
        response_due_at=UTCText(F("response_due_at")),
        resolution_due_at=UTCText(F("resolution_due_at")),
        response_breached=_breached("response_due_at", "response_met_at"),
        resolution_breached=_breached("resolution_due_at", "resolution_met_at"),
    )
    return ArraySubquery(clocks.order_by("pk").values_list(written))


def _document(queryset: QuerySet[Incident], actor: Actor) -> QuerySet[Any]:
    links = scope(IncidentCI.objects.filter(incident=OuterRef("pk")), actor).order_by("ci_id").values_list("ci_id")
    pieces = {name: _column(name) for name in IncidentSerializer.Meta.fields if name not in COMPUTED}
    pieces |= {
        "resolution_code": NullIf(F("resolution_code"), Value("")),
        "configuration_items": ArraySubquery(links),
        "slas": _clocks(actor),
    }
    return queryset.values_list(JSONText(JSONObject(**pieces)))


@dataclass(frozen=True)
class _Statement:
    """A composed document query, and where in its parameters the requested id goes."""

    sql: str
    params: tuple[Any, ...]
    at: int
    name: str = ""  # a kept statement's name on the database server (planned once per connection)

    def run(self, pk: int) -> str | None:
        params = list(self.params)
        params[self.at] = pk
        row = fetch_one(self.name, self.sql, params, varying=[self.at])
        return row[0] if row else None


SENTINEL = -7_364_019_253
"""An id no record has: it marks the requested id's place among a composed statement's parameters."""

_composed: dict[str, _Statement] = {}
"""Statements composed once per process for readers whose scope is everything (composing the query costs
several times what running it does)."""


def _compose(queryset: QuerySet[Incident], actor: Actor) -> _Statement | None:
    query = _document(queryset.filter(pk=SENTINEL), actor).query
    try:
        sql, params = query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    except EmptyResultSet:
        return None
    return _Statement(sql, tuple(params), list(params).index(SENTINEL))


def incident_document(
    queryset: QuerySet[Incident], *, actor: Actor, pk: object, reusable: bool = False
) -> dict[str, Any] | None:
    """The record `pk` of `queryset` (already scoped and filtered) as the detail writes it; None if not there.
    `reusable`: the queryset is the same for every reader who sees everything, so its statement is kept."""
    if not str(pk).isdigit():
        return None
    cacheable = reusable and actor.user is not None and not is_limited_to_client(actor.user)
    statement = _composed.get("all") if cacheable else None
    if statement is None:
        statement = _compose(queryset, actor)
        if statement is None:
            return None
        if cacheable:
            statement = _composed["all"] = replace(statement, name="tracer_incident_document")
    text = statement.run(int(str(pk)))
    if text is None:
        return None
    written = orjson.loads(text)
    written["allowed_statuses"] = sorted(allowed_next(written["status"]))
    return {name: written[name] for name in IncidentSerializer.Meta.fields}
