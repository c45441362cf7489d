"""Every order and filter of the incident queue is read from an index, so that a page of it costs the same at a
million incidents as at a hundred: no sort of the whole table, no row-by-row scan, no DISTINCT over every row."""

from typing import Any

import pytest
from django.db import connection, transaction
from django.test import RequestFactory

from accounts.models import User
from incidents.views import IncidentListView

pytestmark = pytest.mark.django_db


def _plan(user: User, query: dict[str, Any], *, walk: bool = True) -> str:
    request = RequestFactory().get("/incidents/", query)
    request.user = user
    view = IncidentListView()
    view.setup(request)
    queryset = view.get_queryset()[:26]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: have the planner show what it can use
        if walk:
            cursor.execute("SET LOCAL enable_sort = off")
        else:  # an index read by its condition, not walked in order
            cursor.execute("SET LOCAL enable_indexscan = off")
        return queryset.explain()


@pytest.mark.parametrize("sort", ["", "number", "-detected", "detected", "severity", "-severity", "status",
                                  "-status", "title", "-title"])  # fmt: skip
def test_each_order_walks_an_index(manager: User, sort: str) -> None:
    plan = _plan(manager, {"sort": sort} if sort else {})
    assert "Index Scan" in plan, plan
    # By number: the unique number orders every row; the id after it sorts groups of one.
    assert "Sort" not in plan.replace("Sort Key", "").replace("Incremental Sort", ""), plan
    assert "Incremental Sort" not in plan or sort == "number", plan


@pytest.mark.parametrize("query", [{"severity": "P1"}, {"status": "open"}])
def test_a_filter_with_the_default_order_walks_an_index(manager: User, query: dict[str, str]) -> None:
    plan = _plan(manager, query)
    assert "Sort" not in plan.replace("Sort Key", ""), plan
    assert "Unique" not in plan, plan


def test_a_title_search_reads_the_trigram_index(manager: User) -> None:
    plan = _plan(manager, {"q": "disk"}, walk=False)
    assert "incident_title_contains" in plan, plan
