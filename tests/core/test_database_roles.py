"""The application's database role appends to the audit trail and can do nothing else to it (PostgreSQL)."""

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection, transaction
from psycopg import errors

from core.actor import Actor
from core.audit import audit_log_created
from tests.accounts.factories import ClientFactory

pytestmark = pytest.mark.django_db
ROLE = "tracer_app_check"


@pytest.fixture
def app_role() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
            f"THEN CREATE ROLE {ROLE} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT; END IF; END $$"
        )
    call_command("grant_app_role", ROLE)
    return ROLE


def _as_app(statement: str, params: tuple[object, ...] = ()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {ROLE}")
        cursor.execute(statement, params)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditrecord SET changes = '{}'",
        "DELETE FROM core_auditrecord",
        "TRUNCATE core_auditrecord",
        "ALTER TABLE core_auditrecord DISABLE TRIGGER ALL",
        "DROP TRIGGER core_auditrecord_append_only ON core_auditrecord",
        "ALTER TABLE accounts_client ADD COLUMN sneaky integer",
    ],
)
def test_the_application_role_cannot_change_the_audit_trail(app_role: str, statement: str) -> None:
    client = ClientFactory()
    audit_log_created(actor=Actor.system(), record=client, fields=["client_name"])
    before = list(connection.cursor().execute("SELECT id, changes FROM core_auditrecord ORDER BY id").fetchall())
    with pytest.raises(ProgrammingError) as refused:
        _as_app(statement)
    assert isinstance(refused.value.__cause__, errors.InsufficientPrivilege), refused.value
    after = list(connection.cursor().execute("SELECT id, changes FROM core_auditrecord ORDER BY id").fetchall())
    assert before == after


def test_the_application_role_reads_writes_and_appends(app_role: str) -> None:
    client = ClientFactory()
    _as_app("SELECT count(*) FROM core_auditrecord")
    _as_app("UPDATE accounts_client SET client_name = 'Renamed' WHERE id = %s", (client.pk,))
    _as_app(
        "INSERT INTO core_auditrecord (record_type, record_id, action, changes, source, parent_type, created_at) "
        """VALUES ('client', %s, 'update', '{"client_name": ["a", "b"]}', 'cli', '', now())""",
        (client.pk,),
    )
    client.refresh_from_db()
    assert client.client_name == "Renamed"
