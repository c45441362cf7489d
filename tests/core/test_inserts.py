"""A new record written by the kept INSERT is the row `save()` writes, and the instance afterwards is the one
`save()` leaves; where a save could be watched (signal receivers) or on a saved instance, `save()` does it."""

from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.inserts import insert
from core.numbering import number_in_insert
from incidents.models import Incident
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

DATA: dict[str, Any] = {
    "title": "Disk 100% full",
    "description": "db-7 'quoted'",
    "category": "software",
    "severity": "P3",
    "impact": "low",
    "urgency": "medium",
    "status": "open",
    "severity_assessment": {"complete_outage": False, "reasons": ["none"]},
}


@pytest.fixture
def persistent(monkeypatch: Any) -> None:
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)


def _row(pk: int) -> dict[str, Any]:
    row = Incident.objects.filter(pk=pk).values().get()
    return {name: value for name, value in row.items() if name not in ("id", "incident_number")}


def _new(**extra: Any) -> Incident:
    reporter = UserFactory()
    at = timezone.now()
    return Incident(incident_number=number_in_insert("INC"), reported_by=reporter, detection_time=at, **(DATA | extra))


@pytest.mark.usefixtures("persistent")
def test_the_row_written_is_the_one_save_writes() -> None:
    saved, written = _new(), _new()
    saved.save(force_insert=True)
    written.reported_by, written.detection_time = saved.reported_by, saved.detection_time
    with CaptureQueriesContext(connection) as captured:
        insert(written)
    assert [query["sql"].split()[0] for query in captured.captured_queries][-1] == "EXECUTE"
    assert written.pk is not None
    assert written.pk != saved.pk
    assert written.incident_number.startswith("INC")
    assert written.incident_number != saved.incident_number
    assert Incident.objects.get(pk=written.pk).incident_number == written.incident_number
    mine, theirs = _row(written.pk), _row(saved.pk)
    assert mine.pop("created_at") >= theirs.pop("created_at")  # each field's pre_save ran (timestamps on add)
    assert mine.pop("updated_at") >= theirs.pop("updated_at")
    assert mine == theirs
    assert written._state.adding is False
    assert written._state.db == "default"


@pytest.mark.usefixtures("persistent")
def test_the_statement_is_kept_and_run_by_name() -> None:
    insert(_new())
    with CaptureQueriesContext(connection) as captured:
        insert(_new(title="Second"))
    assert [query["sql"].split()[0] for query in captured.captured_queries][-1] == "EXECUTE"
    assert Incident.objects.filter(title="Second").count() == 1


def test_a_receiver_of_save_signals_gets_them() -> None:
    heard: list[Any] = []

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        heard.append(instance)

    pre_save.connect(receiver, sender=Incident)
    try:
        incident = _new()
        insert(incident)
    finally:
        pre_save.disconnect(receiver, sender=Incident)
    assert heard == [incident]
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_a_saved_instance_is_saved_again_by_save() -> None:
    incident = _new()
    insert(incident)
    with pytest.raises(Exception, match="duplicate key"):  # force_insert on a row that exists: as save() refuses
        insert(incident)
