"""Statements that are run again and again with other values, planned once per database connection.

A page that joins a dozen reads into one statement spends more time in PostgreSQL's planner (about 3.5 ms) than in
running it (under 2 ms). Django sends no prepared statements (they would not survive a transaction-pooling proxy);
where connections persist (`CONN_MAX_AGE` other than 0, as in production), a statement kept by the process is
prepared on each connection the first time it runs there, and then executed by name. Elsewhere, or with
`TRACER_PREPARED_STATEMENTS` off (behind PgBouncer in transaction mode), it runs as is.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import weakref
from collections.abc import Sequence
from typing import Any

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Model
from psycopg import sql

PLACEHOLDER = re.compile(r"%(%|s)")


def columns_of(model: type[Model], names: Sequence[str]) -> str:
    """The quoted columns of `model`'s fields named (by name or attname, in that order), for a composed statement."""
    fields = {field.name: field for field in model._meta.concrete_fields}
    fields |= {field.attname: field for field in model._meta.concrete_fields}
    return ", ".join(connections[DEFAULT_DB_ALIAS].ops.quote_name(fields[name].column) for name in names)


def converters_of(model: type[Model], field: Any) -> tuple[Any, list[Any]]:
    """The column of `model`'s `field` and the steps that turn its database value into the attribute's, as the ORM
    converts a value it reads (each step is called with the value, the column and the connection)."""
    connection = connections[DEFAULT_DB_ALIAS]
    column = field.get_col(model._meta.db_table)
    return column, [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]


class RecordReader:
    """Instances of `model` from rows of a composed statement: `columns` are its concrete columns (under the
    table alias `alias`) to SELECT, and `instance` turns such a row into a model instance, each value converted
    as the ORM converts it."""

    def __init__(self, model: type[Model], alias: str) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        fields = model._meta.concrete_fields
        self.model, self.names = model, [field.attname for field in fields]
        self.columns = ", ".join(f"{alias}.{connection.ops.quote_name(field.column)}" for field in fields)
        self.converters = [converters_of(model, field) for field in fields]

    def instance(self, row: Sequence[Any]) -> Any:
        connection = connections[DEFAULT_DB_ALIAS]
        values = []
        for value, (column, steps) in zip(row, self.converters, strict=True):
            for step in steps:
                value = step(value, column, connection)
            values.append(value)
        return self.model.from_db(DEFAULT_DB_ALIAS, self.names, values)


def fetch_one(
    name: str, statement: str, params: Sequence[Any], *, using: str = DEFAULT_DB_ALIAS, varying: Sequence[int] = ()
) -> Any:
    """The first row of `statement` (Django's `%s` placeholders) for `params`; `name` names it on the server (a
    statement composed for one call has none, and runs as is).

    `varying`: the positions of the one value that changes from call to call (a record's id, wherever the statement
    names it), every other parameter being the same on every call. The constants are then written into the
    prepared statement, and each call sends the one value (a composed read can carry dozens of constants: the
    keys of the JSON it writes, a relation's name, which the driver quotes and the server parses on every call)."""
    with connections[using].cursor() as cursor:
        _execute(cursor, name, statement, params, tuple(varying))
        return cursor.fetchone()


def fetch_all(name: str, statement: str, params: Sequence[Any], *, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
    """Every row of `statement`, as `fetch_one`."""
    with connections[using].cursor() as cursor:
        _execute(cursor, name, statement, params)
        return list(cursor.fetchall())


def _execute(cursor: Any, name: str, statement: str, params: Sequence[Any], varying: tuple[int, ...] = ()) -> None:
    if name and _prepared(cursor.db, name, statement, params, varying):
        sent = [params[varying[0]]] if varying else params
        placeholders = ", ".join(["%s"] * len(sent))
        cursor.execute(f"EXECUTE {name}({placeholders})" if sent else f"EXECUTE {name}", sent)
    else:
        cursor.execute(statement, params)


TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: a bool is an int
    (int, "bigint"),
    (str, "text"),
    (float, "double precision"),
    (decimal.Decimal, "numeric"),
    (dt.datetime, "timestamptz"),  # before date: a datetime is a date
    (dt.date, "date"),
)
"""The server type a parameter is declared with, by the Python type of its first value."""


def _declared(params: Sequence[Any]) -> str:
    """`(text, bigint, ...)`: the parameters' types, for a statement whose text does not tell them (a bare `$1`
    as a function's argument); `unknown` where the value does not say."""
    names = [next((name for kind, name in TYPES if isinstance(value, kind)), "unknown") for value in params]
    return f"({', '.join(names)})" if names else ""


_statements_of: weakref.WeakKeyDictionary[Any, dict[str, bool]] = weakref.WeakKeyDictionary()
"""For each open connection to the server (the driver's object, not Django's wrapper, which outlives it), the
statements prepared on it (True) or found not preparable (False). A connection opened later starts with none,
even where the driver's new object sits at the old one's address in memory."""


def _prepared(connection: Any, name: str, statement: str, params: Sequence[Any], varying: tuple[int, ...] = ()) -> bool:
    """Whether `name` is prepared on this connection (preparing it if the connection persists); with `varying`,
    its constants written in and the varying value its one parameter."""
    if connection.vendor != "postgresql" or connection.settings_dict.get("CONN_MAX_AGE") == 0:
        return False
    if not settings.TRACER_PREPARED_STATEMENTS:  # a transaction-pooling proxy hands out other server sessions
        return False
    names = _statements_of.setdefault(connection.connection, {})
    if name not in names:
        server_text = _server_text(connection, statement, params, varying)
        declared = _declared([params[varying[0]]] if varying else params)
        names[name] = server_text is not None and (
            _prepare(connection, f"PREPARE {name} AS {server_text}")
            or _prepare(connection, f"PREPARE {name} {declared} AS {server_text}")
        )
    return names[name]


def _server_text(connection: Any, statement: str, params: Sequence[Any], varying: tuple[int, ...]) -> str | None:
    """`statement` with the server's numbered parameters; with `varying`, those positions are `$1` and every other
    parameter is written in as the driver quotes it (None if one cannot be)."""
    positions, numbers, slots = iter(range(len(params))), iter(range(1, 100_000)), set(varying)

    def placeholder(match: re.Match[str]) -> str:
        if match.group(1) == "%":
            return "%"
        position = next(positions)
        if not slots:
            return f"${next(numbers)}"
        return "$1" if position in slots else sql.Literal(params[position]).as_string(connection.connection)

    try:
        return PLACEHOLDER.sub(placeholder, statement)
    except psycopg.Error:
        return None


def plan_once(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On a new persistent connection where statements are prepared: each is planned once, when prepared.

    PostgreSQL's default plans a prepared statement anew for each call's values whenever that plan is estimated
    cheaper than the generic one, which for a statement joining a dozen reads means planning every call (3.8 ms
    against 1.3 ms of running it, measured on the incident page's read when the tables' statistics changed after
    a bulk load). The statements prepared here read by id or by key, where one plan serves every value. Only
    server-prepared statements follow this setting, and Django prepares none of its own."""
    if connection.vendor != "postgresql" or connection.settings_dict.get("CONN_MAX_AGE") == 0:
        return
    if settings.TRACER_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")


def _prepare(connection: Any, sql: str) -> bool:
    """Whether the server accepted `sql` (it refuses where a parameter's type cannot be told: then the first
    call's types are declared, and failing that, the statement runs as is)."""
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError:
        return False
    return True
