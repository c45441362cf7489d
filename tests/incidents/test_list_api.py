"""The incident list is lean: the incident's own columns, written exactly as the detail writes them, read with one
query for any page size; `?fields=` picks columns; lists and records answer 304 to a matching If-None-Match."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from incidents.api.serializers import LIST_FIELDS
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris"])
def test_a_row_is_the_detail_restricted_to_the_list_fields(api_as: Any, support: User, zone: str) -> None:
    viewer = UserFactory(role="technical_support", timezone=zone)
    moment = timezone.now() - dt.timedelta(hours=3)
    incident = IncidentFactory(assigned_to=support, detection_time=moment, acknowledged_at=moment)
    api = api_as(viewer)
    [row] = api.get("/api/v1/incidents/").json()["results"]
    detail = api.get(f"/api/v1/incidents/{incident.pk}/").json()
    assert list(row) == list(LIST_FIELDS)
    assert row == {name: detail[name] for name in LIST_FIELDS}
    assert row["assigned_to"] == support.pk


def test_fields_picks_columns_and_refuses_unknown_ones(api_as: Any, support: User) -> None:
    first, second = IncidentFactory(), IncidentFactory()
    api = api_as(support)
    page = api.get("/api/v1/incidents/", {"fields": "status,id", "ordering": "detection_time", "page_size": 1}).json()
    assert list(page["results"][0]) == ["id", "status"]
    following = api.get(page["next"]).json()["results"]
    assert {page["results"][0]["id"], following[0]["id"]} == {first.pk, second.pk}
    refused = api.get("/api/v1/incidents/", {"fields": "id,description"})
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_fields")
    assert "description" in refused.json()["message"]


def test_a_page_is_one_query_whatever_its_size(api_as: Any, support: User, count_queries: Any) -> None:
    api = api_as(support)
    IncidentFactory().ci_links.create(ci=AssignmentFactory().ci)
    one = count_queries(lambda: api.get("/api/v1/incidents/", {"page_size": 1}))
    for _ in range(30):
        IncidentFactory().ci_links.create(ci=AssignmentFactory().ci)
    assert count_queries(lambda: api.get("/api/v1/incidents/", {"page_size": 50})) == one
    assert one <= 3  # the token's user, the page; nothing per row


def test_an_unchanged_list_or_record_answers_304(api_as: Any, support: User) -> None:
    incident = IncidentFactory()
    api = api_as(support)
    for path in ("/api/v1/incidents/", f"/api/v1/incidents/{incident.pk}/"):
        first = api.get(path)
        tag = first.headers["ETag"]
        assert api.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    api.patch(f"/api/v1/incidents/{incident.pk}/", {"title": "Renamed"}, format="json")
    changed = api.get(f"/api/v1/incidents/{incident.pk}/", HTTP_IF_NONE_MATCH=tag)
    assert (changed.status_code, changed.json()["title"]) == (200, "Renamed")
