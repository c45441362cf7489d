"""Every list row is its record as the detail writes it: lean lists (read with `.values()`) and stock ones alike,
so the fast path can never drift from the serializers. The incident list shows a subset of the fields."""

from typing import Any

import pytest

from accounts.models import User
from core.api.lean import serializer_columns
from sla.api.serializers import SLAAgreementSerializer
from sla.models import SLAAgreement
from tests.core.test_list_budgets import MAKERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("resource", sorted(MAKERS))
def test_a_list_row_is_the_record_as_its_detail_writes_it(api_as: Any, admin_user: User, resource: str) -> None:
    for _ in range(2):
        MAKERS[resource]()
    client = api_as(admin_user)
    rows = client.get(f"/api/v1/{resource}/", {"page_size": 200}).json()["results"]
    assert rows
    for row in rows[:3]:
        detail = client.get(f"/api/v1/{resource}/{row['id']}/").json()
        assert row == {name: detail[name] for name in row}, resource
        if resource != "incidents":
            assert set(row) == set(detail), resource


def test_fields_picks_columns_of_any_lean_list(api_as: Any, admin_user: User) -> None:
    MAKERS["changes"]()
    rows = api_as(admin_user).get("/api/v1/changes/", {"fields": "id,status"}).json()["results"]
    assert [list(row) for row in rows] == [["id", "status"]]


def test_a_serializer_with_anything_but_plain_columns_keeps_the_stock_list() -> None:
    from rest_framework import serializers

    class Computed(SLAAgreementSerializer):
        extra = serializers.SerializerMethodField()

        class Meta(SLAAgreementSerializer.Meta):
            fields = [*SLAAgreementSerializer.Meta.fields, "extra"]

        def get_extra(self, obj: Any) -> int:
            return 1

    assert serializer_columns(SLAAgreementSerializer, SLAAgreement) is not None
    assert serializer_columns(Computed, SLAAgreement) is None


def _incident_rows(client: Any) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in client.get("/api/v1/incidents/", {"page_size": 200}).json()["results"]}


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata"])
def test_times_with_and_without_microseconds_are_written_as_the_detail_writes_them(
    client: Any, admin_user: User, zone: str
) -> None:
    """PostgreSQL writes the rows in UTC; a user's own time zone has them written in Python: both as the detail."""
    import datetime as dt

    from incidents.models import Incident
    from tests.incidents.factories import IncidentFactory

    round_time = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    fine_time = dt.datetime(2026, 3, 1, 9, 30, 5, 120000, tzinfo=dt.UTC)
    first, second = IncidentFactory(), IncidentFactory()
    Incident.objects.filter(pk=first.pk).update(detection_time=round_time, acknowledged_at=None)
    Incident.objects.filter(pk=second.pk).update(detection_time=fine_time, acknowledged_at=fine_time)
    User.objects.filter(pk=admin_user.pk).update(timezone=zone)
    client.force_login(admin_user)
    rows = _incident_rows(client)
    for incident in (first, second):
        detail = client.get(f"/api/v1/incidents/{incident.pk}/").json()
        assert rows[incident.pk] == {name: detail[name] for name in rows[incident.pk]}
    expected = {"UTC": "2026-03-01T09:30:00Z", "Asia/Kolkata": "2026-03-01T15:00:00+05:30"}[zone]
    assert rows[first.pk]["detection_time"] == expected
    assert rows[first.pk]["acknowledged_at"] is None
    assert rows[second.pk]["detection_time"].endswith(".120000Z" if zone == "UTC" else ".120000+05:30")


def test_rows_written_in_python_equal_rows_written_by_the_database(api_as: Any, admin_user: User) -> None:
    from unittest import mock

    for _ in range(3):
        MAKERS["incidents"]()
    client = api_as(admin_user)
    by_database = client.get("/api/v1/incidents/", {"page_size": 2}).json()
    with mock.patch("core.api.lean.written_by_database", return_value=False):
        by_python = client.get("/api/v1/incidents/", {"page_size": 2}).json()
    assert by_database == by_python
    assert len(by_database["results"]) == 2
    assert by_database["next"]


@pytest.mark.parametrize("ordering", ["detection_time", "-severity", "-id"])
def test_paging_by_any_ordering_walks_the_same_rows_on_both_paths(api_as: Any, admin_user: User, ordering: str) -> None:
    import datetime as dt
    from unittest import mock

    from tests.incidents.factories import IncidentFactory

    start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    for index in range(7):  # equal detection times and severities, so positions repeat across pages
        IncidentFactory(detection_time=start + dt.timedelta(minutes=index // 2), severity=("P2", "P3")[index % 2])
    client = api_as(admin_user)

    def walk() -> list[int]:
        seen: list[int] = []
        page = client.get("/api/v1/incidents/", {"page_size": 2, "ordering": ordering}).json()
        while True:
            seen += [row["id"] for row in page["results"]]
            if not page["next"]:
                return seen
            page = client.get(page["next"]).json()

    by_database = walk()
    with mock.patch("core.api.lean.written_by_database", return_value=False):
        by_python = walk()
    assert by_database == by_python
    assert sorted(by_database) == sorted(set(by_database))
    assert len(by_database) == 7


@pytest.mark.parametrize("max_age", [0, 60], ids=["closed-connections", "persistent-connections"])
def test_the_kept_first_page_statement_reads_what_is_there_now(
    api_as: Any, admin_user: User, max_age: int, monkeypatch: Any
) -> None:
    """Asked with no parameters, the staff's first page runs a statement composed once: it is the statement that is
    kept, never the rows (a new incident shows at once), and it answers as the composed one does."""
    from unittest import mock

    from django.db import connection

    from core.api import lean
    from tests.incidents.factories import IncidentFactory

    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", max_age)
    monkeypatch.setattr(lean, "_kept", {})
    IncidentFactory()
    client = api_as(admin_user)
    first = client.get("/api/v1/incidents/").json()
    assert len(lean._kept) == 1
    newer = IncidentFactory()
    with (
        mock.patch.object(lean._JSONRows, "_statement", side_effect=AssertionError("composed again")),
        mock.patch("django.db.models.QuerySet.values", side_effect=AssertionError("a queryset built again")),
    ):
        second = client.get("/api/v1/incidents/").json()
    assert len(second["results"]) == len(first["results"]) + 1
    assert newer.pk in {row["id"] for row in second["results"]}
    filtered = client.get("/api/v1/incidents/", {"severity": newer.severity}).json()
    assert len(lean._kept) == 1  # a filtered page is composed for itself
    assert {row["id"] for row in filtered["results"]} <= {row["id"] for row in second["results"]}
    with mock.patch("core.api.lean.written_by_database", return_value=False):
        assert client.get("/api/v1/incidents/").json() == second


def test_the_kept_first_page_pages_on_as_the_composed_one(api_as: Any, admin_user: User, monkeypatch: Any) -> None:
    from core.api import lean
    from tests.incidents.factories import IncidentFactory

    monkeypatch.setattr(lean, "_kept", {})
    IncidentFactory.create_batch(51)
    client = api_as(admin_user)
    composed, kept = (client.get("/api/v1/incidents/") for _ in range(2))
    assert len(lean._kept) == 1
    assert (kept.content, kept["ETag"]) == (composed.content, composed["ETag"])
    rest = client.get(kept.json()["next"]).json()
    assert len(kept.json()["results"]) == 50
    assert len(rest["results"]) == 1
    assert {row["id"] for row in rest["results"]}.isdisjoint(row["id"] for row in kept.json()["results"])


def test_a_client_contact_s_first_page_is_composed_for_them(api_as: Any, monkeypatch: Any) -> None:
    from core.api import lean
    from tests.accounts.factories import ClientContactFactory

    monkeypatch.setattr(lean, "_kept", {})
    contact = ClientContactFactory()
    assert api_as(contact).get("/api/v1/incidents/").status_code == 200
    assert lean._kept == {}
