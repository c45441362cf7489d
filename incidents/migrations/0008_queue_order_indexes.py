"""The incident queue's orders and filters each read from one index: by status or by severity (then newest
detection first), by title, and a title search ("contains", any case) from a trigram index. The status index now
leads to the detection time (it still serves every filter by status)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from core.search import search_index


class Migration(migrations.Migration):
    atomic = False  # the trigram index is built concurrently
    dependencies = [("incidents", "0007_search_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="incident", name="incident_status_severity"),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(fields=["status", "detection_time", "id"], name="incident_status_detection"),
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(fields=["severity", "detection_time", "id"], name="incident_severity_detection"),
        ),
        migrations.AddIndex(
            model_name="incident", index=models.Index(fields=["title", "id"], name="incident_title_id")
        ),
        TrigramExtension(),
        search_index("incidents_incident", "incident_title_contains", "upper((title)::text)", opclass="gin_trgm_ops"),
    ]
