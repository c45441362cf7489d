"""Full-text search reads changes from a GIN index on their searched document (title, then description)."""

from django.db import migrations

from core.search import index_expression, search_index


class Migration(migrations.Migration):
    atomic = False  # the index is built concurrently: writes go on meanwhile
    dependencies = [("changes", "0001_initial")]

    operations = [search_index("changes_changerequest", "change_search", index_expression(("title", "description")))]
