"""An alert's integration has no index of its own: the group index and the fingerprint constraint lead with it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("integrations", "0002_webhooks")]

    operations = [
        migrations.AlterField(
            model_name="alert",
            name="integration",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="alerts",
                to="integrations.integration",
            ),
        ),
    ]
