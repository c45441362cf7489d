"""Lean lists: the rows of a list endpoint read with `.values()` and written by plain functions, so that a page
costs what its one query costs (no model instances, no serializer per row, no related querysets); the whole
record stays on the detail endpoint. `?fields=a,b` picks the columns of a list (a sparse fieldset).

The values are written exactly as the detail serializer writes the same fields: datetimes in ISO 8601 in the
request's time zone (`Z` for UTC), a related record as its id. A viewset names its list's columns
(`lean_fields`), or they are read off its serializer when every field of it is a plain column written as is;
a serializer with anything else (a computed or nested field, a custom format) keeps the stock list."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import count
from typing import Any, ClassVar

import orjson
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.db.models.query import BaseIterable
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.sqljson import UTC_ISO, written_by_database
from core.errors import InvalidInput
from core.permissions import is_limited_to_client
from core.prepared import fetch_all

FIELDS_PARAM = "fields"


def iso(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    """As DRF's DateTimeField writes it (ISO 8601, in the active time zone, `Z` for UTC)."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def wanted_fields(request: Request, offered: Iterable[str]) -> list[str]:
    """The fields a `?fields=` asks for, in the offered order (all when it is absent); 400 `invalid_fields`
    naming any the list does not offer."""
    offered = list(offered)
    given = request.query_params.get(FIELDS_PARAM)
    if not given:
        return offered
    asked = {name.strip() for name in given.split(",") if name.strip()}
    unknown = sorted(asked - set(offered))
    if unknown or not asked:
        raise InvalidInput(
            f"No field {', '.join(unknown) or '(none given)'} in this list; choose among {', '.join(offered)}.",
            code="invalid_fields",
            fields={FIELDS_PARAM: f"Comma-separated, among: {', '.join(offered)}."},
        )
    return [name for name in offered if name in asked]


PLAIN = (
    serializers.CharField, serializers.ChoiceField, serializers.IntegerField, serializers.BooleanField,
    serializers.DateTimeField, serializers.DateField, serializers.PrimaryKeyRelatedField, serializers.JSONField,
    serializers.FloatField, serializers.ReadOnlyField,
)  # fmt: skip
"""Serializer fields that write a column's value as `.values()` reads it (with datetimes as `iso` writes them)."""


def serializer_columns(serializer_class: Any, model: type[models.Model]) -> dict[str, str] | None:
    """Output name -> model field for a serializer whose every field is a plain column; None otherwise."""
    if serializer_class is None or serializer_class.to_representation is not serializers.Serializer.to_representation:
        return None
    columns = {}
    for name, field in serializer_class().fields.items():
        if field.write_only:
            continue
        custom = hasattr(field, "format") or any(
            getattr(field, attr, None) for attr in ("pk_field", "binary", "coerce_to_string")
        )
        if not isinstance(field, PLAIN) or isinstance(field, serializers.MultipleChoiceField) or custom:
            return None
        try:
            column = model._meta.get_field(str(field.source))
        except FieldDoesNotExist:
            return None
        if not column.concrete or column.many_to_many:
            return None
        columns[name] = column.name
    return columns


class LeanListMixin:
    """For a viewset: `list` answers its columns (`lean_fields`, output name -> model field, or its serializer's
    when they are plain), read with `.values()`. The cursor pagination and the filters work as on any list; the
    ordering fields are read along and not shown unless asked for."""

    lean_fields: ClassVar[dict[str, str] | None] = None
    lean_statement_kept: ClassVar[bool] = False
    """The list's query is the same at every call for staff readers asking its first page with no parameters (no
    filter, time or other value in it): its statement is then composed once per process and planned once per
    database connection, as integrations polling the newest records ask it again and again."""
    _derived: ClassVar[dict[type, dict[str, str] | None]] = {}

    def lean_queryset(self) -> QuerySet[Any]:
        return self.get_queryset().prefetch_related(None)  # type: ignore[attr-defined]

    def lean_columns(self) -> dict[str, str] | None:
        if self.lean_fields is not None:
            return self.lean_fields
        kind = type(self)
        if kind not in LeanListMixin._derived:
            model = self.get_queryset().model  # type: ignore[attr-defined]
            LeanListMixin._derived[kind] = serializer_columns(getattr(self, "serializer_class", None), model)
        return LeanListMixin._derived[kind]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        lean = self.lean_columns()
        if lean is None:
            return super().list(request, *args, **kwargs)  # type: ignore[misc]
        shown = wanted_fields(request, lean)
        queryset = self.filter_queryset(self.lean_queryset())  # type: ignore[attr-defined]
        paginator = self.paginator  # type: ignore[attr-defined]
        ordering = [term.lstrip("-") for term in paginator.get_ordering(request, queryset, self)]
        fields = {name: queryset.model._meta.get_field(lean[name]) for name in shown}
        kept = [queryset.model._meta.get_field(term).attname for term in ordering]
        if written_by_database():
            same = self.lean_statement_kept and not request.query_params and not is_limited_to_client(request.user)  # type: ignore[arg-type]
            keep_as = (type(self), tuple(fields)) if same else None
            rows = paginator.paginate_queryset(_json_rows(queryset, fields, kept, keep_as), request, view=self)
            return paginator.get_paginated_response([orjson.Fragment(row[ROW]) for row in rows])
        columns = {*kept, *(field.attname for field in fields.values())}
        rows = paginator.paginate_queryset(queryset.values(*columns), request, view=self)
        write = _writer(fields)
        return paginator.get_paginated_response([write(row) for row in rows])


ROW = "_lean_row"
"""The alias of the row's JSON text among the columns a page reads."""


def _written_column(field: models.Field[Any, Any], column: str) -> str:
    return UTC_ISO.format(column) if isinstance(field, models.DateTimeField) else column


class _JSONRows(BaseIterable):
    """Rows of a `.values()` queryset as `{ordering column: value, ROW: the row's JSON text}`: the queryset's own
    SQL (filters, scope, cursor, limit) is wrapped in one that has PostgreSQL write each row with `row_to_json`."""

    shown: ClassVar[dict[str, models.Field[Any, Any]]]
    kept: ClassVar[list[str]]
    keep_as: ClassVar[Hashable | None]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        statement = _kept.get(self.keep_as) if self.keep_as is not None else None
        if statement is None:
            statement = self._statement()
            if statement is None:  # a scope that can match nothing: no query at all
                return
            if self.keep_as is not None:
                statement = _kept[self.keep_as] = (*statement[:2], f"tracer_list_{next(_kept_numbers)}")
        yield from _StatementRows(statement, self.kept, self.queryset.db)

    def _statement(self) -> tuple[str, tuple[Any, ...], str] | None:
        query = self.queryset.query
        compiler = query.get_compiler(self.queryset.db)
        try:
            inner, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        selected = list(query.selected or [*query.extra_select, *query.values_select, *query.annotation_select])
        at = {name: f"c{index}" for index, name in enumerate(selected)}
        quote = compiler.connection.ops.quote_name
        written = ", ".join(
            f"{_written_column(field, 't.' + at[field.attname])} AS {quote(name)}" for name, field in self.shown.items()
        )
        kept = ", ".join(f"t.{at[name]}" for name in self.kept)
        sql = (
            f"SELECT {kept}, (SELECT row_to_json(r) FROM (SELECT {written}) r)::text "
            f"FROM ({inner}) t({', '.join(at.values())})"
        )
        return sql, tuple(params), ""


_kept: dict[Hashable, tuple[str, tuple[Any, ...], str]] = {}
_kept_numbers = count(1)


class _StatementRows:
    """A page's rows read by its composed statement. Given to the paginator for a kept statement: what it asks of
    a queryset (its order, its slice) is already in the statement, so no queryset of `.values()` is built."""

    def __init__(self, statement: tuple[str, tuple[Any, ...], str], kept: list[str], using: str) -> None:
        self.statement, self.kept, self.using = statement, kept, using

    def order_by(self, *fields: str) -> _StatementRows:
        return self

    def __getitem__(self, _slice: slice) -> _StatementRows:
        return self

    def __iter__(self) -> Iterator[dict[str, Any]]:
        sql, params, name = self.statement
        for row in fetch_all(name, sql, params, using=self.using):
            yield {**dict(zip(self.kept, row, strict=False)), ROW: row[-1]}


def _json_rows(
    queryset: QuerySet[Any], shown: dict[str, Any], kept: list[str], keep_as: Hashable | None = None
) -> QuerySet[Any] | _StatementRows:
    """`queryset` (of `.values()`) read as `_JSONRows`, keeping the `kept` columns beside each row's JSON;
    `keep_as`: the key its statement is kept under, when it is the same at every call."""
    if keep_as is not None and keep_as in _kept:
        return _StatementRows(_kept[keep_as], kept, queryset.db)
    rows = queryset.values(*{*kept, *(field.attname for field in shown.values())})
    rows._iterable_class = _rows_class(tuple(shown.items()), tuple(kept), keep_as)
    return rows


@functools.lru_cache(maxsize=512)
def _rows_class(shown: tuple[tuple[str, Any], ...], kept: tuple[str, ...], keep_as: Hashable | None) -> type[_JSONRows]:
    """The iterable for one combination of columns, made once (a list asks the same few again and again)."""
    return type("JSONRows", (_JSONRows,), {"shown": dict(shown), "kept": list(kept), "keep_as": keep_as})


def record_written(record: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The named plain fields of a record, as the API writes them (as a lean list row is written)."""
    fields: dict[str, Any] = {name: record._meta.get_field(name) for name in names}
    return _writer(fields)({field.attname: getattr(record, field.attname) for field in fields.values()})


def _writer(fields: dict[str, Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function writing one `.values()` row (keyed by column) as the API shows it."""
    zone = timezone.get_current_timezone()
    stamps = {name for name, field in fields.items() if isinstance(field, models.DateTimeField)}
    pairs = [(name, field.attname) for name, field in fields.items()]

    def write(row: dict[str, Any]) -> dict[str, Any]:
        return {name: iso(row[column], zone) if name in stamps else row[column] for name, column in pairs}

    return write
