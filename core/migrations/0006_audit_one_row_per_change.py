"""The audit trail keeps one row per change, with every field it changed in `changes` ({field: [old, new]}),
instead of a row per field.

Rows written before keep their one field each (the trail is append-only: they are not merged). The append-only
guard is lifted for the copy only. SQLite rebuilds the table to add and drop columns, which drops its triggers:
they are created again at the end (an earlier rebuild had lost them).
"""

from django.db import migrations, models

from core.migrations import _append_only as guard

COPY = {
    "postgresql": """UPDATE core_auditrecord SET changes = jsonb_build_object(field_name, jsonb_build_array(old_value,
                     new_value)) WHERE field_name <> ''""",
    "sqlite": """UPDATE core_auditrecord SET changes = json_object(field_name, json_array(old_value, new_value))
                 WHERE field_name <> ''""",
}


def copy_fields(apps, schema_editor):
    statement = COPY.get(schema_editor.connection.vendor)
    if statement is None:
        return
    guard.lift(schema_editor)
    schema_editor.execute(statement, params=None)
    guard.restore(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_number_sequences")]

    operations = [
        migrations.AddField(model_name="auditrecord", name="changes", field=models.JSONField(blank=True, default=dict)),
        migrations.RunPython(copy_fields, elidable=False),  # no way back: a row of many fields has no one field
        migrations.RemoveField(model_name="auditrecord", name="field_name"),
        migrations.RemoveField(model_name="auditrecord", name="old_value"),
        migrations.RemoveField(model_name="auditrecord", name="new_value"),
        migrations.RunPython(guard.restore_sqlite, migrations.RunPython.noop, elidable=False),
    ]
