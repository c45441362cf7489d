"""The audit trail is append-only, down to the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.services import user_update
from core.actor import Actor, Source
from core.audit import audit_log, audit_value
from core.models import AuditRecord
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> AuditRecord:
    user = UserFactory()
    ids = audit_log(actor=Actor.system(Source.TASK), record=user, action="update", changes={"x": (1, 2)})
    return AuditRecord.objects.get(pk=ids[0])


def test_audit_log_writes_one_row_per_changed_field() -> None:
    user = UserFactory()
    ids = audit_log(actor=Actor.web(user), record=user, action="update", changes={"a": (None, 1), "b": ("x", None)})
    rows = AuditRecord.objects.filter(pk__in=ids).order_by("id")
    assert [(r.field_name, r.old_value, r.new_value, r.source) for r in rows] == [
        ("a", None, "1", "web"),
        ("b", "x", None, "web"),
    ]


def test_audit_log_without_changes_writes_one_row() -> None:
    user = UserFactory()
    ids = audit_log(actor=Actor.system(Source.IMPORT), record=user, action="import")
    rows = AuditRecord.objects.filter(pk__in=ids)
    assert len(rows) == 1
    assert rows[0].actor_id is None
    assert rows[0].field_name == ""


def test_audit_values_are_text() -> None:
    user = UserFactory()
    assert audit_value(user) == str(user.pk)
    assert audit_value(True) == "true"
    assert audit_value(None) is None


@pytest.mark.parametrize(
    "statement",
    ["UPDATE core_auditrecord SET new_value = 'forged'", "DELETE FROM core_auditrecord"],
)
def test_database_refuses_update_and_delete(record: AuditRecord, statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    record.refresh_from_db()
    assert record.new_value == "2"


def test_orm_update_and_delete_are_refused_too(record: AuditRecord) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).update(new_value="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).delete()
    assert AuditRecord.objects.filter(pk=record.pk, new_value="2").exists()


def test_service_audit_is_rolled_back_with_its_transaction(admin_actor: Actor) -> None:
    user = UserFactory()
    before = AuditRecord.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        user_update(actor=admin_actor, user=user, data={"first_name": "Changed"})
        raise RuntimeError("the caller's transaction fails later")
    assert AuditRecord.objects.count() == before
