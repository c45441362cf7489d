"""Several reads in one round trip give exactly what evaluating each read gives: the same instances with the same
values (times, days, clock times, JSON, text), selected relations, values rows, prefetches and empty reads; a
statement kept for a shape serves another record's id, never the first one's rows."""

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count, F, Prefetch, QuerySet
from django.test.utils import CaptureQueriesContext

from bridges.models import Bridge, BridgeParticipant
from core import together
from core.together import attach, fetch_about, fetch_together
from incidents.models import Incident, WorkNote
from oncall.models import Layer
from sla.models import BusinessCalendar
from tests.bridges.factories import BridgeFactory, ParticipantFactory
from tests.incidents.factories import IncidentFactory, WorkNoteFactory
from tests.oncall.factories import LayerFactory
from tests.sla.factories import BusinessCalendarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records() -> dict[str, Any]:
    incident = IncidentFactory(severity_assessment={"decided_by": ["outage"], "score": 3.5})
    other = IncidentFactory()
    for text in ("first «note»", "second\n'note'"):
        WorkNoteFactory(incident=incident, note_text=text)
    bridge = BridgeFactory(incident=incident)
    ParticipantFactory(bridge=bridge)
    ParticipantFactory(bridge=bridge)
    LayerFactory(handoff_time=dt.time(8, 30), start=dt.date(2026, 3, 1), users=[1, 2])
    BusinessCalendarFactory()
    return {"incident": incident, "other": other, "bridge": bridge}


def _reads(records: dict[str, Any]) -> dict[str, QuerySet[Any]]:
    incident = records["incident"]
    participants = BridgeParticipant.objects.select_related("user").order_by("joined_at", "id")
    return {
        "incidents": Incident.objects.select_related("reported_by", "assigned_to", "problem").order_by("id"),
        "notes": WorkNote.objects.filter(incident=incident).select_related("created_by"),
        "bridges": Bridge.objects.filter(incident=incident).prefetch_related(Prefetch("participants", participants)),
        "counted": Incident.objects.annotate(note_count=Count("notes"), number=F("incident_number")).order_by("-id"),
        "values": Incident.objects.values("id", "severity_assessment", "detection_time").order_by("id"),
        "flat": WorkNote.objects.filter(incident=incident).values_list("note_text", flat=True),
        "layers": Layer.objects.all(),
        "calendars": BusinessCalendar.objects.all(),
        "none": Incident.objects.none(),
        "empty_in": Incident.objects.filter(pk__in=[]),
    }


def _same(one: Any, other: Any) -> None:
    if isinstance(one, dict | str | tuple):
        assert one == other
        return
    assert type(one) is type(other)
    assert one.pk == other.pk
    for field in one._meta.concrete_fields:
        assert getattr(one, field.attname) == getattr(other, field.attname), field.name
    assert getattr(one, "note_count", None) == getattr(other, "note_count", None)


def test_every_read_comes_back_as_evaluating_it_gives(records: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as captured:
        together_rows = fetch_together(_reads(records))
    assert len(captured.captured_queries) == 2  # the joined reads, then the bridges' prefetch
    alone = {name: list(queryset) for name, queryset in _reads(records).items()}
    assert together_rows.keys() == alone.keys()
    for name, rows in alone.items():
        assert len(together_rows[name]) == len(rows), name
        for one, other in zip(together_rows[name], rows, strict=True):
            _same(one, other)
    incident = together_rows["incidents"][0]
    assert incident.reported_by == records["incident"].reported_by  # the selected relation, without a query
    assert isinstance(together_rows["layers"][0].handoff_time, dt.time)
    assert together_rows["values"][0]["severity_assessment"] == {"decided_by": ["outage"], "score": 3.5}
    with CaptureQueriesContext(connection) as captured:
        names = [p.user.full_name for p in together_rows["bridges"][0].participants.all()]
    assert len(names) == 2
    assert not captured.captured_queries


def test_elsewhere_each_read_runs_alone(records: dict[str, Any]) -> None:
    with mock.patch.object(connection, "vendor", "sqlite"), CaptureQueriesContext(connection) as captured:
        rows = fetch_together(_reads(records))
    assert len(captured.captured_queries) == 9  # the empty reads ask nothing; the bridges add their prefetch
    assert [r.pk for r in rows["incidents"]] == sorted([records["incident"].pk, records["other"].pk])


def _about(incident_id: int) -> dict[str, QuerySet[Any]]:
    return {
        "incident": Incident.objects.filter(pk=incident_id),
        "notes": WorkNote.objects.filter(incident_id=incident_id).order_by("id"),
    }


@pytest.mark.parametrize("max_age", [0, 60], ids=["closed-connections", "persistent-connections"])
def test_a_kept_statement_reads_each_record_it_is_asked_about(
    records: dict[str, Any], max_age: int, monkeypatch: Any
) -> None:
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", max_age)  # persistent: prepared on the server
    together._plans.pop("test-shape", None)
    first = fetch_about(records["incident"].pk, _about, shape="test-shape")
    assert together._plans["test-shape"] is not None
    with mock.patch.object(together, "_joined", side_effect=AssertionError("compiled again")):
        second = fetch_about(records["other"].pk, _about, shape="test-shape")
        again = fetch_about(records["incident"].pk, _about, shape="test-shape")
    assert [r.pk for r in first["incident"]] == [records["incident"].pk] == [r.pk for r in again["incident"]]
    assert [r.pk for r in second["incident"]] == [records["other"].pk]
    assert second["notes"] == []
    assert [n.note_text for n in again["notes"]] == ["first «note»", "second\n'note'"]


def test_reads_that_depend_on_the_time_are_compiled_every_time(records: dict[str, Any]) -> None:
    from django.utils import timezone

    def recent(incident_id: int) -> dict[str, QuerySet[Any]]:
        return {"incident": Incident.objects.filter(pk=incident_id, created_at__lte=timezone.now())}

    together._plans.pop("test-recent", None)
    assert fetch_about(records["incident"].pk, recent, shape="test-recent")["incident"]
    assert together._plans["test-recent"] is None
    assert [r.pk for r in fetch_about(records["other"].pk, recent, shape="test-recent")["incident"]] == [
        records["other"].pk
    ]


def test_children_read_together_are_given_to_their_parents(records: dict[str, Any]) -> None:
    bridges = list(Bridge.objects.filter(incident=records["incident"]))
    participants = list(BridgeParticipant.objects.order_by("id"))
    attach(bridges, participants, to="participants", by="bridge_id")
    with CaptureQueriesContext(connection) as captured:
        assert list(bridges[0].participants.all()) == participants
    assert not captured.captured_queries
