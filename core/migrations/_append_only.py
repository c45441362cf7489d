"""The guard that keeps the audit trail append-only, for the migrations that set it up or must lift it briefly."""

from typing import Any

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditrecord_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % refused on core_auditrecord', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditrecord_append_only
    BEFORE UPDATE OR DELETE ON core_auditrecord
    FOR EACH ROW EXECUTE FUNCTION core_auditrecord_refuse_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditrecord_append_only ON core_auditrecord;
DROP FUNCTION IF EXISTS core_auditrecord_refuse_change();
"""
SQLITE_UP = [
    """CREATE TRIGGER IF NOT EXISTS core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused on core_auditrecord'); END;""",
    """CREATE TRIGGER IF NOT EXISTS core_auditrecord_no_delete BEFORE DELETE ON core_auditrecord
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused on core_auditrecord'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditrecord_no_update;",
    "DROP TRIGGER IF EXISTS core_auditrecord_no_delete;",
]


def _run(schema_editor: Any, *, postgresql: list[str], sqlite: list[str]) -> None:
    statements = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create(schema_editor: Any) -> None:
    _run(schema_editor, postgresql=[POSTGRES_UP], sqlite=SQLITE_UP)


def drop(schema_editor: Any) -> None:
    _run(schema_editor, postgresql=[POSTGRES_DOWN], sqlite=SQLITE_DOWN)


def lift(schema_editor: Any) -> None:
    """Let the migration itself rewrite rows (the application's role still may not)."""
    disable = "ALTER TABLE core_auditrecord DISABLE TRIGGER core_auditrecord_append_only"
    _run(schema_editor, postgresql=[disable], sqlite=SQLITE_DOWN)


def restore(schema_editor: Any) -> None:
    enable = "ALTER TABLE core_auditrecord ENABLE TRIGGER core_auditrecord_append_only"
    _run(schema_editor, postgresql=[enable], sqlite=SQLITE_UP)


def restore_sqlite(apps: Any, schema_editor: Any) -> None:
    """SQLite drops a table's triggers when it rebuilds the table (to add or drop a column): create them again."""
    _run(schema_editor, postgresql=[], sqlite=SQLITE_UP)
