"""On PostgreSQL, record numbers come from one database sequence per prefix (no row lock serialising every
create); each starts after the last number its counter row handed out. Elsewhere the counter rows stay."""

from typing import Any

from django.db import migrations

PREFIXES = ("INC", "PRB", "BRG", "CHG", "RBK", "RCA", "RPT")


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    counters = dict(apps.get_model("core", "NumberSequence").objects.values_list("prefix", "last_value"))
    for prefix in PREFIXES:
        name = f"core_number_{prefix.lower()}"
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} AS bigint MINVALUE 1")
        if counters.get(prefix, 0) > 0:
            schema_editor.execute(f"SELECT setval('{name}', %s)", [counters[prefix]])


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for prefix in PREFIXES:
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS core_number_{prefix.lower()}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_idempotent_requests")]

    operations = [migrations.RunPython(create, drop)]
