"""Several independent reads in one round trip: a page that shows a dozen small lists asks PostgreSQL once.

Each queryset is compiled by Django as usual; on PostgreSQL the compiled statements travel as one statement whose
columns are the lists, each aggregated to JSON (positional keys, so that the joined tables' same-named columns do
not collide). Each list's values are then turned back into the database driver's types and handed to Django's own
iterables, so that what comes back is exactly what evaluating the queryset would give: model instances with their
selected relations, values, annotations, then the queryset's prefetches. Elsewhere each queryset is evaluated alone.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any

import orjson
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler
from django.utils.dateparse import parse_duration

from core.prepared import fetch_one


def _text(value: Any) -> str:
    return json.dumps(value)


LOADERS: dict[str, Callable[[Any], Any]] = {
    "DateTimeField": dt.datetime.fromisoformat,
    "DateField": dt.date.fromisoformat,
    "TimeField": dt.time.fromisoformat,
    "DecimalField": lambda value: decimal.Decimal(str(value)),
    "DurationField": parse_duration,
    "UUIDField": uuid.UUID,
    "JSONField": _text,  # the driver hands jsonb over as text, which the field decodes
    "BinaryField": lambda value: bytes.fromhex(value[2:]),
}
"""How a value written by `to_json` becomes what the driver would have returned, by the column's field type."""


def fetch_together(querysets: Mapping[str, QuerySet[Any]]) -> dict[str, list[Any]]:
    """Evaluate every queryset (all on the default database) and return each one's rows under its name."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return {name: list(queryset) for name, queryset in querysets.items()}
    joined = _joined(querysets)
    return _run(joined, joined.params)


@dataclass(frozen=True)
class _Part:
    """One read of a joined statement: its queryset, compiled, and how its JSON values become the driver's."""

    name: str
    queryset: QuerySet[Any]
    compiler: SQLCompiler
    loaders: tuple[Callable[[Any], Any] | None, ...] = ()
    converters: dict[int, Any] | None = None  # Django's own, for the selected columns


@dataclass(frozen=True)
class _Joined:
    statement: str
    params: tuple[Any, ...]
    parts: tuple[_Part, ...]
    slots: tuple[int, ...] = ()  # in a kept plan: where the record's id goes
    name: str = ""  # in a kept plan: its name on the database server


def _joined(querysets: Mapping[str, QuerySet[Any]]) -> _Joined:
    statements, params, parts = [], [], []
    for name, queryset in querysets.items():
        chained = queryset._chain()  # type: ignore[attr-defined]
        compiler = chained.query.get_compiler(using=DEFAULT_DB_ALIAS)
        try:
            sql, part_params = compiler.as_sql()
        except EmptyResultSet:  # a read that can match nothing (`.none()`, an empty `__in`)
            statements.append("'[]'")
            parts.append(_Part(name, chained, compiler))
            continue
        statements.append(f"(SELECT COALESCE(json_agg(ROW(part.*))::text, '[]') FROM ({sql}) AS part)")
        params.extend(part_params)
        loaders = tuple(LOADERS.get(_field_type(expression)) for expression, _, _ in compiler.select)
        selected = [column[0] for column in compiler.select[: compiler.col_count]]
        parts.append(_Part(name, chained, compiler, loaders, compiler.get_converters(selected)))
    return _Joined("SELECT " + ", ".join(statements), tuple(params), tuple(parts))


def _run(joined: _Joined, params: Sequence[Any]) -> dict[str, list[Any]]:
    if not joined.parts:
        return {}
    answers = fetch_one(joined.name, joined.statement, params, varying=joined.slots)
    return {
        part.name: _answered(part, orjson.loads(answer)) for part, answer in zip(joined.parts, answers, strict=True)
    }


def _answered(part: _Part, objects: list[dict[str, Any]]) -> list[Any]:
    """The queryset evaluated on rows already read: Django builds the instances and runs the prefetches."""
    if part.converters is None or not objects:  # a read that matches nothing, or matched nothing
        return []
    loading = [(at, load) for at, load in enumerate(part.loaders) if load is not None]
    width = len(part.loaders)  # past the selected columns: extra ones, as they are
    rows = []
    for row in objects:
        values = list(row.values())
        if len(values) < width:
            values += [None] * (width - len(values))
        for at, load in loading:
            if values[at] is not None:
                values[at] = load(values[at])
        rows.append(tuple(values))

    def execute_sql(*args: Any, **kwargs: Any) -> Iterator[list[tuple[Any, ...]]]:
        return iter([rows])

    compiler = copy.copy(part.compiler)  # the statement has already run; its converters are known
    compiler.execute_sql = execute_sql  # type: ignore[method-assign,assignment]
    compiler.get_converters = lambda expressions: part.converters  # type: ignore[method-assign,assignment,return-value]
    queryset = part.queryset._chain()  # type: ignore[attr-defined]
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)


def _field_type(expression: Any) -> str:
    field = getattr(expression, "target", None) or getattr(expression, "output_field", None)
    return field.get_internal_type() if field is not None else ""


STAND_INS = (-7_301_991_023, -7_301_991_029)
"""Two ids no record has: a plan is compiled for each, and where only they differ, the statement is the same."""


_plans: dict[Hashable, _Joined | None] = {}
_plan_numbers = count(1)


def fetch_about(
    record_id: int, reads: Callable[[int], Mapping[str, QuerySet[Any]]], *, shape: Hashable | None
) -> dict[str, list[Any]]:
    """`fetch_together(reads(record_id))`, with the joined statement compiled once per process for each `shape`.

    `shape` names everything the reads depend on besides the record's id (None: compile every time). The first
    call compiles the reads for two stand-in ids and keeps the statement only if the two differ in those ids
    alone; reads that depend on anything else (the time, a value read meanwhile) are compiled at every call."""
    if shape is None or connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return fetch_together(reads(record_id))
    if shape not in _plans:
        _plans[shape] = _plan(reads)
    plan = _plans[shape]
    if plan is None:
        return fetch_together(reads(record_id))
    params = list(plan.params)
    for slot in plan.slots:
        params[slot] = record_id
    return _run(plan, params)


def _plan(reads: Callable[[int], Mapping[str, QuerySet[Any]]]) -> _Joined | None:
    """The joined statement with the record's id as a parameter, or None if it depends on something else too."""
    first, second = (_joined(reads(stand_in)) for stand_in in STAND_INS)
    if first.statement != second.statement or len(first.params) != len(second.params):
        return None
    slots = []
    for slot, (one, other) in enumerate(zip(first.params, second.params, strict=True)):
        if (one, other) == STAND_INS:
            slots.append(slot)
        elif one != other:
            return None
    return _Joined(first.statement, first.params, first.parts, tuple(slots), name=f"tracer_reads_{next(_plan_numbers)}")


def attach(parents: Iterable[Model], children: Iterable[Model], *, to: str, by: str) -> None:
    """Give each parent its children (read together with it) as `parent.<to>.all()`, as a prefetch would."""
    grouped: dict[Any, list[Model]] = {}
    for child in children:
        grouped.setdefault(getattr(child, by), []).append(child)
    for parent in parents:
        related = getattr(parent, to).all()
        related._result_cache = grouped.get(parent.pk, [])
        related._prefetch_done = True
        parent._prefetched_objects_cache = {**getattr(parent, "_prefetched_objects_cache", {}), to: related}  # type: ignore[attr-defined]
