"""Full-text search reads problems from a GIN index on their searched document (title, then description)."""

from django.db import migrations

from core.search import index_expression, search_index


class Migration(migrations.Migration):
    atomic = False  # the index is built concurrently: writes go on meanwhile
    dependencies = [("problems", "0002_problemci_problem_configuration_items_and_more")]

    operations = [search_index("problems_problem", "problem_search", index_expression(("title", "description")))]
