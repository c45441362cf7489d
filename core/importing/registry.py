"""The tables the importer knows, declared by each app's `importers.py` and loaded in dependency order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.module_loading import autodiscover_modules

RowCheck = Callable[[dict[str, Any], "ImportContext"], str | None]


@dataclass(frozen=True)
class TableSpec:
    """How one JSON table maps onto one model.

    `columns` are copied to same-named fields, `renames` maps a data set key to a field (attname for
    relations), `references` names the table each relation attname points at, `checks` return the reason a
    row breaks an SOP rule (or None), `unique` lists fields (or tuples of fields) unique without regard to case.
    """

    table: str
    model: type[Model]
    id_key: str
    order: int
    columns: Sequence[str] = ()
    renames: Mapping[str, str] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)
    required: Sequence[str] = ()
    unique: Sequence[str | tuple[str, ...]] = ()
    checks: Sequence[RowCheck] = ()
    prepare: Callable[[Model], None] | None = None
    number: tuple[str, str] | None = None
    audit_type: str | None = None


@dataclass
class ImportContext:
    """What the checks may consult: every id per table (already stored or in this import) and loaded rows."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)


_TABLES: dict[str, TableSpec] = {}


def register(spec: TableSpec) -> TableSpec:
    _TABLES[spec.table] = spec
    return spec


def registered_tables() -> list[TableSpec]:
    """Every table some app can import, parents before children."""
    autodiscover_modules("importers")
    return sorted(_TABLES.values(), key=lambda spec: (spec.order, spec.table))
