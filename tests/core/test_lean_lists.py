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
