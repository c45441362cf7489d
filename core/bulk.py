"""Many rows in one INSERT whose values travel as a single JSON text: PostgreSQL unpacks them with
`jsonb_to_recordset`, so that a thousand rows cost one parameter instead of a thousand model instances and a
quoted array per column. The columns not given take their model defaults; other databases use `bulk_create`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from django.db import connection, models


def bulk_insert(
    model: type[models.Model], rows: Sequence[Mapping[str, Any]], *, same: Mapping[str, Any] | None = None
) -> list[int]:
    """Insert `rows` (each naming the same fields, by name or column attribute) with the values of `same` on every
    row; their ids, in order."""
    same = same or {}
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = model._default_manager.bulk_create([model(**same, **row) for row in rows])
        return [record.pk for record in created]
    quote = connection.ops.quote_name
    given = list(rows[0])
    columns, picked, params, shape = [], [], [], []
    for field in model._meta.concrete_fields:
        key = field.name if field.name in given else field.attname if field.attname in given else None
        if field.primary_key and key is None:
            continue
        columns.append(quote(field.column))
        if key is not None:
            picked.append(f"r.{quote(key)}")
            shape.append(f"{quote(key)} {field.db_type(connection)}")
        else:
            value = same[field.name] if field.name in same else field.get_default()
            picked.append("%s")
            params.append(field.get_db_prep_save(value, connection))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(picked)} "
        f"FROM jsonb_to_recordset(%s::jsonb) AS r({', '.join(shape)}) RETURNING {pk}"
    )
    data = orjson.dumps([{name: row[name] for name in given} for row in rows]).decode()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, data])
        return [row[0] for row in cursor.fetchall()]
