"""Load the registered JSON tables in one transaction: every row is validated first, a bad row refuses all."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, DateTimeField, Model, TextField
from django.utils import timezone

from core.actor import Source
from core.errors import DomainError
from core.importing.registry import ImportContext, TableSpec, after_import_hooks, as_utc, registered_tables
from core.models import AuditAction, AuditRecord
from core.numbering import number_reserve_through, parse_number
from core.validation import clean_fields

Progress = Callable[[str, int, int], None]
BATCH_SIZE = 500


class ImportRefused(Exception):
    """A row (or a file) that cannot be imported; nothing of the import was written."""

    def __init__(self, table: str, record_id: object, reason: str) -> None:
        self.table, self.record_id, self.reason = table, record_id, reason
        where = f"table {table}, id {record_id}" if record_id is not None else f"table {table}"
        super().__init__(f"{where}: {reason}")


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)


def _read_table(directory: Path, spec: TableSpec) -> dict[int, dict[str, Any]]:
    path = directory / f"{spec.table}.json"
    if not path.exists():
        raise ImportRefused(spec.table, None, f"{path.name} is missing from {directory}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportRefused(spec.table, None, f"{path.name} is not readable JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ImportRefused(spec.table, None, f"{path.name} must hold an object keyed by id")
    rows: dict[int, dict[str, Any]] = {}
    for key, row in data.items():
        if not isinstance(row, dict):
            raise ImportRefused(spec.table, key, "the row is not an object")
        try:
            record_id = int(str(row.get(spec.id_key, key)))
        except (TypeError, ValueError):
            raise ImportRefused(spec.table, key, f"{spec.id_key} is not a whole number") from None
        if str(record_id) != str(key):
            raise ImportRefused(spec.table, key, f"{spec.id_key} {row.get(spec.id_key)} differs from its key")
        rows[record_id] = row
    return rows


def _normalise(model: type[Model], values: dict[str, Any]) -> None:
    """The data set's timestamps are UTC without an offset; its empty texts may be null."""
    for name, value in values.items():
        field = model._meta.get_field(name)
        if isinstance(value, str) and isinstance(field, DateTimeField):
            values[name] = as_utc(value) or value
        elif value is None and isinstance(field, CharField | TextField) and field.blank and not field.null:
            values[name] = ""


def _names(fields: str | tuple[str, ...]) -> tuple[str, ...]:
    return (fields,) if isinstance(fields, str) else fields


def _fold(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(value).lower() for value in values)


Seen = dict[tuple[str, ...], set[tuple[str, ...]]]


def _build(spec: TableSpec, record_id: int, row: dict[str, Any], ctx: ImportContext, seen: Seen) -> Model:
    def refuse(reason: str) -> ImportRefused:
        return ImportRefused(spec.table, record_id, reason)

    values = {key: row.get(key) for key in spec.columns}
    values.update({target: row.get(key) for key, target in spec.renames.items()})
    relations = {attname: values.pop(attname, None) for attname in spec.references}
    _normalise(spec.model, values)
    try:
        cleaned = clean_fields(
            spec.model, values, allowed=values, required=[name for name in spec.required if name not in relations]
        )
    except DomainError as error:
        raise refuse("; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.fields.items())) from None
    for attname, table in spec.references.items():
        value = relations[attname]
        if value in (None, ""):
            if attname in spec.required:
                raise refuse(f"{attname} is required")
            cleaned[attname] = None
            continue
        try:
            target = int(str(value))
        except (TypeError, ValueError):
            raise refuse(f"{attname} {value!r} is not a whole number") from None
        if target not in ctx.ids.get(table, set()):
            raise refuse(f"{attname} {value} does not exist in {table}")
        cleaned[attname] = target
    cleaned.update({key: row.get(key) for key in spec.carry})
    for derive in spec.derive:
        derive(cleaned, ctx)
    for key in spec.carry:
        cleaned.pop(key, None)
    for fields in spec.unique:
        names = _names(fields)
        folded = _fold(cleaned.get(name) for name in names)
        if folded in seen[names]:
            shown = ", ".join(f"{name} {cleaned.get(name)}" for name in names)
            raise refuse(f"{shown} is already taken")
        seen[names].add(folded)
    for check in spec.checks:
        try:
            reason = check(cleaned, ctx)
        except DomainError as error:
            reason = error.message
        if reason:
            raise refuse(reason)
    instance = spec.model(**{spec.id_field: record_id}, **cleaned)
    if spec.prepare is not None:
        spec.prepare(instance)
    return instance


def _import_table(
    spec: TableSpec, rows: dict[int, dict[str, Any]], ctx: ImportContext, progress: Progress | None
) -> tuple[int, int]:
    existing = set(
        spec.model._default_manager.exclude(**{f"{spec.id_field}__isnull": True}).values_list(spec.id_field, flat=True)
    )
    ctx.ids[spec.table] = existing | set(rows)
    ctx.rows[spec.table] = rows
    fresh = [record_id for record_id in sorted(rows) if record_id not in existing]
    seen: Seen = {
        _names(fields): {_fold(values) for values in spec.model._default_manager.values_list(*_names(fields))}
        for fields in spec.unique
    }
    instances = [_build(spec, record_id, rows[record_id], ctx, seen) for record_id in fresh]
    now = timezone.now()
    record_type = spec.audit_type or getattr(spec.model, "audit_type", None) or spec.model._meta.model_name or ""
    for start in range(0, len(instances), BATCH_SIZE):
        batch = instances[start : start + BATCH_SIZE]
        try:
            with transaction.atomic():
                spec.model._default_manager.bulk_create(batch)
        except IntegrityError as exc:
            first, last = getattr(batch[0], spec.id_field), getattr(batch[-1], spec.id_field)
            raise ImportRefused(spec.table, None, f"the database refused a row of ids {first}-{last}: {exc}") from None
        if spec.audit_rows:
            AuditRecord.objects.bulk_create(
                AuditRecord(
                    source=Source.IMPORT,
                    record_type=record_type,
                    record_id=obj.pk,
                    action=AuditAction.IMPORT,
                    created_at=now,
                )
                for obj in batch
            )
        if progress is not None:
            progress(spec.table, start + len(batch), len(instances))
    if progress is not None and not instances:
        progress(spec.table, 0, 0)
    if spec.number is not None and rows:
        number_field, prefix = spec.number
        highest = max(parse_number(str(row[number_field]))[1] for row in rows.values())
        number_reserve_through(prefix, highest)
    return len(instances), len(rows) - len(instances)


def dataset_import(*, directory: Path, progress: Progress | None = None) -> ImportResult:
    """Import every registered table found in `directory`, keeping ids, numbers and timestamps.

    Rows whose id is already stored are left as they are, so a second run adds nothing. Any bad row refuses
    the whole import, naming its table, id and reason, and the database is left unchanged.
    """
    specs = registered_tables()
    raw = {spec.table: _read_table(directory, spec) for spec in specs}
    result = ImportResult()
    with transaction.atomic():
        ctx = ImportContext()
        for spec in specs:
            created, skipped = _import_table(spec, raw[spec.table], ctx, progress)
            result.created[spec.table] = created
            result.skipped[spec.table] = skipped
        for hook in after_import_hooks():
            hook()
        statements = connection.ops.sequence_reset_sql(no_style(), [spec.model for spec in specs])
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return result
