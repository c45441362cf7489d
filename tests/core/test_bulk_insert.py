"""Many rows in one INSERT: each row as given, every other column at its model default, ids in order; a
conflicting row leaves nothing written."""

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from communications.models import OutboxMessage
from core.bulk import bulk_insert

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


def _rows(count: int) -> list[dict[str, Any]]:
    return [
        {"key": f"bulk:{n}", "to": [f"oncall{n}@tracer.test"], "subject": f"Breach {n} — «P1»", "body_text": "x\n'y'",
         "body_html": "", "payload": {"template": "t", "context": {"n": n, "names": ["a", "b"]}}}
        for n in range(count)
    ]  # fmt: skip


@pytest.mark.parametrize("vendor", ["postgresql", "other"])
def test_rows_are_written_as_given_with_the_models_defaults(vendor: str) -> None:
    rows = _rows(3)
    with mock.patch.object(connection, "vendor", vendor), CaptureQueriesContext(connection) as queries:
        ids = bulk_insert(OutboxMessage, rows, same={"next_attempt_at": DUE})
    assert len(queries) == 1
    written = {message.pk: message for message in OutboxMessage.objects.filter(pk__in=ids)}
    reference = OutboxMessage()
    for pk, row in zip(ids, rows, strict=True):
        message = written[pk]
        assert {name: getattr(message, name) for name in row} == row
        assert message.next_attempt_at == DUE
        assert (message.status, message.attempts, message.channel, message.claim_token) == (
            reference.status,
            reference.attempts,
            reference.channel,
            reference.claim_token,
        )
        assert message.sent_at is None
        assert message.created_at is not None


def test_a_taken_key_refuses_the_whole_insert() -> None:
    bulk_insert(OutboxMessage, _rows(1), same={"next_attempt_at": DUE})
    before = OutboxMessage.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(OutboxMessage, _rows(3), same={"next_attempt_at": DUE})
    assert OutboxMessage.objects.count() == before


def test_nothing_to_write_runs_no_query() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert bulk_insert(OutboxMessage, []) == []
    assert len(queries) == 0
