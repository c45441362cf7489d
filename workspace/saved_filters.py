"""Saving and removing a person's list filters: the path must be one of the filterable list pages."""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urlencode

from django.db import IntegrityError, connection, transaction
from django.urls import Resolver404, resolve

from core.actor import Actor
from core.errors import Duplicate, InvalidInput, NotFound
from core.prepared import RecordReader, columns_of, fetch_all
from core.views import FilteredListView
from workspace.models import SavedFilter

MAX_PER_PAGE = 30


@functools.cache
def _statement() -> tuple[str, RecordReader]:
    table = connection.ops.quote_name(SavedFilter._meta.db_table)
    reader = RecordReader(SavedFilter, table)
    owner, path = columns_of(SavedFilter, ["owner_id"]), columns_of(SavedFilter, ["path"])
    sql = (
        f"SELECT {reader.columns} FROM {table} WHERE {owner} = %s AND {path} = %s "
        f"ORDER BY {columns_of(SavedFilter, ['name', 'id'])}"
    )
    return sql, reader


def saved_filters_of(owner_id: int, path: str) -> list[SavedFilter]:
    """A person's saved filters of one list page, by name. Every list page shows them: on PostgreSQL they are read
    by a statement composed once per process and prepared per connection (the ORM took four times as long)."""
    if connection.vendor != "postgresql":
        return list(SavedFilter.objects.filter(owner_id=owner_id, path=path))
    sql, reader = _statement()
    return [reader.instance(row) for row in fetch_all("tracer_saved_filters", sql, [owner_id, path])]


def filterable(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view = getattr(match.func, "view_class", None)
    return view is not None and issubclass(view, FilteredListView)


@transaction.atomic
def saved_filter_create(*, actor: Actor, name: str, path: str, query: str) -> SavedFilter:
    name = " ".join(name.split())[:80]
    if not name:
        raise InvalidInput("Name the filter.", code="name_required", fields={"name": "Required."})
    if not filterable(path):
        raise InvalidInput("Only a list page's filters can be saved.", code="not_filterable", fields={"path": "?"})
    owner = actor.user_id
    if owner is None:
        raise NotFound("Only a signed-in person saves filters.")
    kept = [
        (key, value) for key, value in parse_qsl(query, keep_blank_values=False) if key not in ("page", "form_token")
    ]
    if SavedFilter.objects.filter(owner_id=owner, path=path).count() >= MAX_PER_PAGE:
        raise InvalidInput(f"At most {MAX_PER_PAGE} saved filters per page.", code="too_many_filters")
    try:
        with transaction.atomic():
            return SavedFilter.objects.create(owner_id=owner, name=name, path=path, query=urlencode(kept)[:1000])
    except IntegrityError:
        raise Duplicate(f"You already have a filter named {name!r} here.", code="filter_name_taken") from None


@transaction.atomic
def saved_filter_delete(*, actor: Actor, pk: int) -> SavedFilter:
    found = SavedFilter.objects.filter(owner_id=actor.user_id, pk=pk).first()
    if found is None:
        raise NotFound("No such saved filter.")
    found.delete()
    return found
