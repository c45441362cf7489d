"""The audit trail is append-only: the database itself refuses UPDATE and DELETE on it."""

from django.db import migrations

from core.migrations import _append_only as guard


def forwards(apps, schema_editor):
    guard.create(schema_editor)


def backwards(apps, schema_editor):
    guard.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
