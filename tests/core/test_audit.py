"""The audit trail is append-only, down to the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.services import user_update
from core.actor import Actor, Source
from core.audit import audit_entries, audit_log, audit_value
from core.models import AuditRecord, FieldChange
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> AuditRecord:
    user = UserFactory()
    written = audit_log(actor=Actor.system(Source.TASK), record=user, action="update", changes={"x": (1, 2)})
    return AuditRecord.objects.get(pk=written)


def test_audit_log_writes_one_row_per_change_with_every_field() -> None:
    user = UserFactory()
    before = AuditRecord.objects.count()
    changes = {"b": ("x", None), "a": (None, 1)}
    written = audit_log(actor=Actor.web(user), record=user, action="update", changes=changes)
    assert AuditRecord.objects.count() == before + 1
    row = AuditRecord.objects.get(pk=written)
    assert (row.changes, row.source) == ({"a": [None, "1"], "b": ["x", None]}, "web")
    assert row.field_changes == [FieldChange("a", None, "1"), FieldChange("b", "x", None)]
    assert [(e["field_name"], e["old_value"], e["new_value"]) for e in audit_entries([row])] == [
        ("a", None, "1"),
        ("b", "x", None),
    ]


def test_audit_log_without_changes_writes_one_row() -> None:
    user = UserFactory()
    written = audit_log(actor=Actor.system(Source.IMPORT), record=user, action="import")
    row = AuditRecord.objects.get(pk=written)
    assert (row.actor_id, row.changes, row.field_changes) == (None, {}, [])
    assert [(e["field_name"], e["old_value"], e["new_value"]) for e in audit_entries([row])] == [("", None, None)]


def test_audit_values_are_text() -> None:
    user = UserFactory()
    assert audit_value(user) == str(user.pk)
    assert audit_value(True) == "true"
    assert audit_value(None) is None


@pytest.mark.parametrize(
    "statement",
    ["UPDATE core_auditrecord SET changes = '{}'", "DELETE FROM core_auditrecord"],
)
def test_database_refuses_update_and_delete(record: AuditRecord, statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    record.refresh_from_db()
    assert record.changes == {"x": ["1", "2"]}


def test_orm_update_and_delete_are_refused_too(record: AuditRecord) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).update(changes={"x": ["1", "forged"]})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).delete()
    assert AuditRecord.objects.filter(pk=record.pk, changes={"x": ["1", "2"]}).exists()


def test_service_audit_is_rolled_back_with_its_transaction(admin_actor: Actor) -> None:
    user = UserFactory()
    before = AuditRecord.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        user_update(actor=admin_actor, user=user, data={"first_name": "Changed"})
        raise RuntimeError("the caller's transaction fails later")
    assert AuditRecord.objects.count() == before
