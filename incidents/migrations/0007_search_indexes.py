"""Full-text search reads its matches from GIN indexes on the searched documents: incidents (title, then
description) and their work notes."""

from django.db import migrations

from core.search import index_expression, plain_expression, search_index


class Migration(migrations.Migration):
    atomic = False  # the indexes are built concurrently: writes go on meanwhile
    dependencies = [("incidents", "0006_detection_order_index")]

    operations = [
        search_index("incidents_incident", "incident_search", index_expression(("title", "description"))),
        search_index("incidents_worknote", "worknote_search", plain_expression("note_text")),
    ]
