"""Writing and reading the audit trail. Services call `audit_log` inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import orjson
from django.db import connection, models
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.actor import Actor
from core.models import AuditAction, AuditRecord, FieldChange
from core.prepared import columns_of, fetch_one

Changes = Mapping[str, tuple[Any, Any]]


def audit_value(value: Any) -> str | None:
    """The text form of a field value as the trail stores it."""
    if value is None:
        return None
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal | str):
        return str(value)
    return str(value)


def record_type_of(record: models.Model) -> str:
    return getattr(record, "audit_type", None) or record._meta.model_name or type(record).__name__.lower()


WRITTEN = ("actor_id", "source", "record_type", "record_id", "action", "parent_type", "parent_id", "changes",
           "created_at")  # fmt: skip
"""The columns a trail row is written with (the id is the database's, `imported_id` only an import's)."""


@functools.cache
def _insert_statement() -> str:
    """The trail's INSERT on PostgreSQL, composed once: the most written table skips the ORM's per-row work."""
    quote, meta = connection.ops.quote_name, AuditRecord._meta
    values = ", ".join("%s::jsonb" if name == "changes" else "%s" for name in WRITTEN)
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns_of(AuditRecord, WRITTEN)}) VALUES ({values}) "
        f"RETURNING {quote(meta.pk.column)}"
    )


def audit_log(
    *,
    actor: Actor,
    record: models.Model,
    action: str,
    changes: Changes | None = None,
    at: dt.datetime | None = None,
    parent: models.Model | None = None,
) -> int:
    """Append the trail row of one change to `record`, with every changed field's old and new value (none for a
    change without fields); the row's id.

    With `parent`, the row also belongs to that record's timeline (an incident shows its bridges' changes).
    """
    row = {
        "actor_id": actor.user_id,
        "source": actor.source,
        "record_type": record_type_of(record),
        "record_id": record.pk,
        "action": action,
        "parent_type": record_type_of(parent) if parent is not None else "",
        "parent_id": parent.pk if parent is not None else None,
        "changes": {field: [audit_value(old), audit_value(new)] for field, (old, new) in (changes or {}).items()},
        "created_at": at or timezone.now(),
    }
    if connection.vendor != "postgresql":
        return AuditRecord.objects.create(**row).pk
    row["changes"] = orjson.dumps(row["changes"]).decode()
    return int(fetch_one("tracer_audit_insert", _insert_statement(), [row[name] for name in WRITTEN])[0])


def audit_log_created(
    *, actor: Actor, record: models.Model, fields: Iterable[str], parent: models.Model | None = None
) -> int:
    """The trail row of a new record: each given field from nothing to its first value."""
    changes = {name: (None, getattr(record, name)) for name in fields}
    return audit_log(actor=actor, record=record, action=AuditAction.CREATE, changes=changes, parent=parent)


def model_update(
    *, instance: models.Model, data: Mapping[str, Any], fields: Iterable[str]
) -> dict[str, tuple[Any, Any]]:
    """Set the allowed `fields` present in `data` on `instance`; return {field: (old, new)} for real changes.

    Only changed fields (and `updated_at`, when the model has it) are saved.
    """
    changes: dict[str, tuple[Any, Any]] = {}
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        attname = field.attname  # type: ignore[union-attr]
        old = getattr(instance, attname)
        new = data[name]
        new_raw = new.pk if isinstance(new, models.Model) else new
        if old == new_raw:
            continue
        by_id = field.is_relation and not isinstance(new, models.Model)
        setattr(instance, attname if by_id else name, new)
        changes[name] = (old, new_raw)
    if changes:
        update_fields = list(changes)
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            instance.updated_at = timezone.now()  # type: ignore[attr-defined]
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
    return changes


def audit_trail_for(*, record_type: str, record_id: int, with_children: bool = False) -> QuerySet[AuditRecord]:
    """The trail of one record, oldest first, with the acting user loaded (and its children's, if asked)."""
    mine = Q(record_type=record_type, record_id=record_id)
    if with_children:
        mine |= Q(parent_type=record_type, parent_id=record_id)
    return AuditRecord.objects.filter(mine).select_related("actor")


@dataclass
class TrailEvent:
    """One change (or the imported rows of one change: same moment, actor, record and action), shown as one line."""

    created_at: dt.datetime
    actor: Any
    source: str
    source_label: str
    record_type: str
    record_id: int
    action: str
    action_label: str
    changes: list[FieldChange]


def audit_events(records: Iterable[AuditRecord]) -> list[TrailEvent]:
    """One event per change, oldest first; consecutive rows of one change (an imported trail keeps a row per
    field) are one event."""
    events: list[TrailEvent] = []
    for (created_at, _actor_id, record_type, record_id, action), rows in groupby(
        records, key=lambda r: (r.created_at, r.actor_id, r.record_type, r.record_id, r.action)
    ):
        group = list(rows)
        first = group[0]
        events.append(
            TrailEvent(
                created_at=created_at,
                actor=first.actor,
                source=first.source,
                source_label=first.get_source_display(),
                record_type=record_type,
                record_id=record_id,
                action=action,
                action_label=first.get_action_display(),
                changes=[change for row in group for change in row.field_changes],
            )
        )
    return events


def audit_entries(records: Iterable[AuditRecord]) -> Iterator[dict[str, Any]]:
    """The trail a field at a time, as the API lists it: a row per changed field, or one without a field."""
    for record in records:
        common = {
            "created_at": record.created_at, "actor_id": record.actor_id, "source": record.source,
            "record_type": record.record_type, "record_id": record.record_id, "action": record.action,
        }  # fmt: skip
        for change in record.field_changes or [FieldChange("", None, None)]:
            yield {**common, **change._asdict()}
