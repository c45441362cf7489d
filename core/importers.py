"""The reference data set's own audit trail, appended to ours (its ids kept apart in `imported_id`)."""

from typing import Any

from core.actor import Source
from core.importing import TableSpec, register
from core.importing.registry import ImportContext
from core.models import AuditRecord

RECORD_TYPES = {
    "user": "user",
    "client": "client",
    "sla": "sla_agreement",
    "ci": "configuration_item",
    "incident": "incident",
    "escalation": "escalation",
    "bridge": "bridge",
    "change": "change",
    "rollback": "rollback",
    "problem": "problem",
}
PARENT_TABLES = {"bridge": "bridges", "escalation": "escalations"}
"""Records whose history also belongs on their incident's timeline."""


def _name_and_parent(row: dict[str, Any], ctx: ImportContext) -> None:
    row["source"] = Source.IMPORT
    kind = row["record_type"]
    row["record_type"] = RECORD_TYPES.get(kind, kind)
    table = PARENT_TABLES.get(kind)
    parent = ctx.rows.get(table, {}).get(row["record_id"]) if table else None
    if parent is not None and parent.get("incident_id"):
        row["parent_type"], row["parent_id"] = "incident", int(parent["incident_id"])


def _changes(row: dict[str, Any], ctx: ImportContext) -> None:
    """The data set keeps a row per changed field: each becomes a change of that one field."""
    name = row.get("field_name") or ""
    row["changes"] = {name: [row.get("old_value"), row.get("new_value")]} if name else {}


def _known_type(row: dict[str, Any], ctx: ImportContext) -> str | None:
    return None if row["record_type"] in RECORD_TYPES.values() else f"unknown reference_type {row['record_type']}"


register(
    TableSpec(
        table="audit_trails",
        model=AuditRecord,
        id_key="audit_id",
        order=1000,
        columns=("action", "created_at"),
        carry=("field_name", "old_value", "new_value"),
        renames={"reference_type": "record_type", "reference_id": "record_id", "user_id": "actor_id"},
        references={"actor_id": "users"},
        required=("record_type", "record_id", "action"),
        derive=(_name_and_parent, _changes),
        checks=(_known_type,),
        id_field="imported_id",
        audit_rows=False,
    )
)
