"""What was resolved in a period (the weekly trends) read from an index kept only for resolved incidents, so that
creating an incident does not maintain it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("incidents", "0008_queue_order_indexes")]

    operations = [
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(
                condition=models.Q(resolved_at__isnull=False), fields=["resolved_at"], name="incident_resolved"
            ),
        ),
    ]
