"""Full-text search documents: the expression a search matches, and the PostgreSQL index built on that same
expression (a search that computes every record's document reads the whole table: 2.7 s at a million incidents).

The first field weighs most (A), the next ones less (B, C, D). The index's text is written from the same list of
fields, so that the planner sees one expression in both; a test checks that each search is answered by its index.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CONFIG = "english"
WEIGHTS = ("A", "B", "C", "D")


def document(fields: tuple[str, ...]) -> Any:
    """The searched document of a record: its fields' words, weighted by their order."""
    from django.contrib.postgres.search import SearchVector

    vector: Any = None
    for index, name in enumerate(fields):
        part = SearchVector(name, weight=WEIGHTS[min(index, 3)], config=CONFIG)
        vector = part if vector is None else vector + part
    return vector


def index_expression(fields: tuple[str, ...]) -> str:
    """`document(fields)` as index DDL writes it."""
    parts = [
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({name}, '')), '{WEIGHTS[min(index, 3)]}')"
        for index, name in enumerate(fields)
    ]
    return " || ".join(parts)


def plain_document(field: str) -> Any:
    """An unweighted document of one field (notes, searched beside their record)."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(field, config=CONFIG)


def plain_expression(field: str) -> str:
    return f"to_tsvector('{CONFIG}'::regconfig, COALESCE({field}, ''))"


def search_index(table: str, name: str, expression: str, *, opclass: str = "") -> migrations.RunPython:
    """A migration step: a GIN index on the expression (with the operator class, if given), built without blocking
    writes (PostgreSQL only; the migration must not be atomic)."""

    def create(apps: object, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} USING gin (({expression}) {opclass})"
            )
            schema_editor.execute(f"ANALYZE {table}")  # the planner learns how common each word is

    def drop(apps: object, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")

    return migrations.RunPython(create, drop)


def number_is(field: str, text: str) -> Any:
    """A record number typed in any case ("inc-0042"): numbers are written in capitals, so the number's unique
    index answers (a case-blind comparison would read every record)."""
    from django.db.models import Q

    return Q(**{f"{field}__in": sorted({text, text.upper()})})
