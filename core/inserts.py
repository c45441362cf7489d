"""New records written by an INSERT composed once per model and planned once per connection (`core.prepared`).

`Model.save()` builds and compiles an insert query for every new row: for a record of two dozen columns that is
most of what a create spends in Python, more than PostgreSQL spends writing it. `insert` writes the same row:
each field's `pre_save` (on add) and database value, an expression value (a record number taken from its sequence)
compiled into the statement, the columns the database returns set on the instance, which is then saved as far as
Django knows. Where something could watch or change a save (signal receivers, a parent table, a field that writes
its own placeholder) or on another database, the instance is saved by `save()` instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import count
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery

from core.prepared import converters_of, fetch_one

_statements: dict[tuple[type[Model], tuple[tuple[int, str], ...]], tuple[str, str]] = {}
"""The composed INSERT of each model, per set of expression values (their position and SQL), with its name."""
_numbers = count(1)


@dataclass(frozen=True)
class _Shape:
    """What a model's INSERT is made of, the same for every record: the columns written, those returned with the
    steps converting their values, and whether the model may be written so at all."""

    fields: list[Any]
    returned: list[tuple[Any, Any, list[Any]]]
    writable: bool


@functools.cache
def _shape(model: type[Model]) -> _Shape:
    meta = model._meta
    writable = not meta.parents and not any(hasattr(field, "get_placeholder") for field in meta.local_concrete_fields)
    return _Shape(
        fields=[field for field in meta.local_concrete_fields if field is not meta.auto_field],
        returned=[(field, *converters_of(model, field)) for field in meta.db_returning_fields],
        writable=writable,
    )


def _by_save(instance: Model) -> bool:
    model = type(instance)
    return (
        connections[DEFAULT_DB_ALIAS].vendor != "postgresql"
        or instance.pk is not None
        or not _shape(model).writable
        or pre_save.has_listeners(model)
        or post_save.has_listeners(model)
    )


def insert(instance: Model) -> None:
    """Write the new `instance` as `instance.save(force_insert=True)` does (without sending save signals, which
    have no receivers when this path is taken)."""
    if _by_save(instance):
        instance.save(force_insert=True)
        return
    instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    model, connection = type(instance), connections[DEFAULT_DB_ALIAS]
    meta, shape = model._meta, _shape(model)
    fields = shape.fields
    placeholders: list[str] = []
    params: list[Any] = []
    expressions: list[tuple[int, str]] = []
    compiler = None
    for index, field in enumerate(fields):
        value = field.pre_save(instance, True)
        if hasattr(value, "resolve_expression"):
            compiler = compiler or InsertQuery(model).get_compiler(DEFAULT_DB_ALIAS)
            value = compiler.prepare_value(field, value)
            sql, values = compiler.compile(value)
            expressions.append((index, sql))
            placeholders.append(sql)
            params.extend(values)
        else:
            placeholders.append("%s")
            params.append(field.get_db_prep_save(value, connection))
    key = (model, tuple(expressions))
    if key not in _statements:
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES ({', '.join(placeholders)}) "
            f"RETURNING {', '.join(quote(field.column) for field, _column, _steps in shape.returned)}"
        )
        _statements[key] = (sql, f"tracer_insert_{next(_numbers)}")
    sql, name = _statements[key]
    row = fetch_one(name, sql, params)
    for value, (field, column, steps) in zip(row, shape.returned, strict=True):
        for step in steps:
            value = step(value, column, connection)
        setattr(instance, field.attname, value)
    instance._state.adding = False
    instance._state.db = DEFAULT_DB_ALIAS
