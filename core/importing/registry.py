"""The tables the importer knows, declared by each app's `importers.py` and loaded in dependency order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import autodiscover_modules

RowCheck = Callable[[dict[str, Any], "ImportContext"], str | None]


@dataclass(frozen=True)
class TableSpec:
    """How one JSON table maps onto one model.

    `columns` are copied to same-named fields, `renames` maps a data set key to a field (attname for
    relations), `references` names the table each relation attname points at, `carry` lists data set keys that
    are no field but that `derive` reads (dropped after it), `derive` fills fields computed from the other rows,
    `checks` return the reason a row breaks an SOP rule (or None), `unique` lists fields (or tuples of fields)
    unique without regard to case. `id_field` is where the data set's id is kept (the primary key unless said
    otherwise); `audit_rows` writes an "imported" audit row per record.
    """

    table: str
    model: type[Model]
    id_key: str
    order: int
    columns: Sequence[str] = ()
    renames: Mapping[str, str] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)
    required: Sequence[str] = ()
    carry: Sequence[str] = ()
    unique: Sequence[str | tuple[str, ...]] = ()
    derive: Sequence[Callable[[dict[str, Any], ImportContext], None]] = ()
    checks: Sequence[RowCheck] = ()
    prepare: Callable[[Model], None] | None = None
    number: tuple[str, str] | None = None
    audit_type: str | None = None
    id_field: str = "pk"
    audit_rows: bool = True


@dataclass
class ImportContext:
    """What the checks may consult: every id per table (already stored or in this import) and loaded rows."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    """Per-import caches that derive hooks build once from `rows`."""


def as_utc(value: str | None) -> dt.datetime | None:
    """A data set timestamp (ISO 8601, UTC when it has no offset) as an aware datetime."""
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


_TABLES: dict[str, TableSpec] = {}


def register(spec: TableSpec) -> TableSpec:
    produced = set(spec.columns) | set(spec.renames.values())
    unmapped = set(spec.references) - produced
    if unmapped:
        raise ValueError(f"{spec.table}: references {sorted(unmapped)} are filled by no column or rename")
    _TABLES[spec.table] = spec
    return spec


_AFTER_IMPORT: list[Callable[[], None]] = []


def after_import(hook: Callable[[], None]) -> Callable[[], None]:
    """Run `hook` at the end of every import, in its transaction (to derive what the tables imply)."""
    _AFTER_IMPORT.append(hook)
    return hook


def after_import_hooks() -> list[Callable[[], None]]:
    autodiscover_modules("importers")
    return list(_AFTER_IMPORT)


def registered_tables() -> list[TableSpec]:
    """Every table some app can import, parents before children."""
    autodiscover_modules("importers")
    return sorted(_TABLES.values(), key=lambda spec: (spec.order, spec.table))
