"""The incident list's default order (newest detection first, then id) read straight from one index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("incidents", "0005_alter_incident_resolution_code")]

    operations = [
        migrations.RemoveIndex(model_name="incident", name="incident_detection"),
        migrations.AddIndex(
            model_name="incident", index=models.Index(fields=["detection_time", "id"], name="incident_detection_id")
        ),
    ]
