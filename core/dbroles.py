"""The application's database role: it reads and writes the tables it works with, only appends to the audit
trail, and owns nothing (so it can neither disable the audit trail's triggers, nor truncate, nor alter a table).

Migrations run as the owner role; `manage.py grant_app_role ROLE` (run as the owner after each migration)
gives the application role exactly these privileges, on every table and sequence of the schema.
"""

from __future__ import annotations

from django.db import connection
from psycopg import sql

APPEND_ONLY = ("core_auditrecord",)
"""Tables the application may only read and append to."""


def app_role_grant(role: str, *, schema: str = "public") -> list[str]:
    """Grant `role` its privileges (PostgreSQL); returns the statements run, for the record."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Database roles are a PostgreSQL deployment concern; SQLite has none.")
    name, space = sql.Identifier(role), sql.Identifier(schema)
    statements = [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(connection.settings_dict["NAME"]), name),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(space, name),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(space, name),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(space, name),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(space, name),
    ]
    for table in APPEND_ONLY:
        target = sql.Identifier(schema, table)
        statements += [
            sql.SQL("REVOKE ALL ON {} FROM {}").format(target, name),
            sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(target, name),
        ]
    done = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
            done.append(statement.as_string(cursor.connection))
    return done
