"""Metrics pinned on hand-built histories, the dashboard's bounded queries on the reference data set."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from core.actor import Actor
from reports.metrics import (
    action_item_completion,
    postmortems_on_time,
    repeat_incidents,
    response_times,
    sla_attainment,
)
from reports.trends import METRICS
from response.models import ActionItem, PhaseRecord
from sla.services.clocks import sla_refresh
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory, ConfigurationItemFactory
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def minutes(value: int) -> dt.timedelta:
    return dt.timedelta(minutes=value)


def history() -> None:
    # P1: acknowledged after 10 and 20 minutes, resolved after 60 and 120: MTTA 15, MTTR 90.
    IncidentFactory(
        severity="P1",
        detection_time=T0,
        acknowledged_at=T0 + minutes(10),
        resolved_at=T0 + minutes(60),
        created_at=T0 + minutes(2),
    )
    IncidentFactory(severity="P1", detection_time=T0 + dt.timedelta(days=31), acknowledged_at=T0 + dt.timedelta(days=31) + minutes(20),
                    resolved_at=T0 + dt.timedelta(days=31) + minutes(120), created_at=T0 + dt.timedelta(days=31) + minutes(4))  # fmt: skip
    # P3 still open: counted, no times.
    IncidentFactory(severity="P3", detection_time=T0, created_at=T0)


def test_response_times_by_severity_and_month() -> None:
    history()
    by_severity = {row["key"]: row for row in response_times(actor=Actor.system(), by="severity")}
    assert (by_severity["P1"]["count"], by_severity["P1"]["mtta_minutes"], by_severity["P1"]["mttr_minutes"]) == (
        2,
        15,
        90,
    )
    assert by_severity["P1"]["time_to_log_minutes"] == 3
    assert (by_severity["P3"]["count"], by_severity["P3"]["mttr_minutes"]) == (1, None)
    by_month = {row["key"]: row["count"] for row in response_times(actor=Actor.system(), by="month")}
    assert by_month == {"2026-03": 2, "2026-04": 1}


def test_response_times_by_client_and_sla_attainment() -> None:
    client = ClientFactory(client_name="Acme")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    fast = IncidentFactory(
        severity="P1", detection_time=T0, acknowledged_at=T0 + minutes(10), resolved_at=T0 + minutes(60)
    )
    slow = IncidentFactory(
        severity="P1", detection_time=T0, acknowledged_at=T0 + minutes(45), resolved_at=T0 + minutes(300)
    )
    for incident in (fast, slow):
        incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[fast, slow])
    [row] = response_times(actor=Actor.system(), by="client")
    assert (row["key"], row["count"], row["mtta_minutes"], row["mttr_minutes"]) == ("Acme", 2, 27.5, 180)
    [attainment] = sla_attainment(actor=Actor.system())
    assert (attainment["met"], attainment["total"], attainment["share"]) == (1, 2, 0.5)


def test_postmortems_within_72_hours_and_action_items(support: Any, manager: Any) -> None:
    resolved = timezone.now() - dt.timedelta(days=10)
    on_time = IncidentFactory(severity="P1", resolved_at=resolved)
    late = IncidentFactory(severity="P2", resolved_at=resolved)
    IncidentFactory(severity="P2", resolved_at=resolved)  # no post-mortem at all
    IncidentFactory(severity="P3", resolved_at=resolved)  # not counted
    PhaseRecord.objects.create(
        incident=on_time, phase="post_mortem", status="approved", reviewed_at=resolved + dt.timedelta(hours=30)
    )
    PhaseRecord.objects.create(
        incident=late, phase="post_mortem", status="approved", reviewed_at=resolved + dt.timedelta(hours=80)
    )
    assert postmortems_on_time(actor=Actor.system()) == {"total": 3, "on_time": 1, "share": 0.333}
    today = timezone.localdate()
    for status, due in (
        ("done", today),
        ("done", today),
        ("open", today - dt.timedelta(days=1)),
        ("cancelled", today),
        ("in_progress", today),
    ):
        ActionItem.objects.create(incident=on_time, title="x", owner=support, status=status, due_date=due)
    assert action_item_completion(actor=Actor.system()) == {"total": 4, "done": 2, "overdue": 1, "share": 0.5}


def test_repeat_incidents_share_a_ci_and_category_within_30_days() -> None:
    ci, other_ci = ConfigurationItemFactory(), ConfigurationItemFactory()
    first = IncidentFactory(category="network", detection_time=T0)
    repeat = IncidentFactory(category="network", detection_time=T0 + dt.timedelta(days=10))
    too_late = IncidentFactory(category="network", detection_time=T0 + dt.timedelta(days=45))
    other_kind = IncidentFactory(category="database", detection_time=T0 + dt.timedelta(days=5))
    elsewhere = IncidentFactory(category="network", detection_time=T0 + dt.timedelta(days=3))
    for incident in (first, repeat, too_late, other_kind):
        incident.ci_links.create(ci=ci)
    elsewhere.ci_links.create(ci=other_ci)
    assert list(repeat_incidents(actor=Actor.system())) == [repeat]


def test_dashboard_and_api_on_the_reference_data_set(
    client: Any, api_as: Any, executive: Any, count_queries: Any
) -> None:
    from core.importing import dataset_import
    from tests.core.test_import import REFERENCE

    dataset_import(directory=REFERENCE)
    client.force_login(executive)
    queries = count_queries(lambda: client.get("/metrics/"))
    assert queries <= 13 + len(METRICS)  # the dashboard's figures and the session, then one query per trend
    page = client.get("/metrics/", {"period": "all"}).content.decode()  # the reference history is years old
    assert "Mean time to resolve, by severity" in page
    assert "/incidents/?severity=P1" in page
    summary = api_as(executive).get("/api/v1/metrics/summary/").json()
    assert sum(row["count"] for row in summary["by_severity"]) == 200
    response = api_as(executive).get("/api/v1/metrics/response-times/", {"by": "team"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid_filter")


def test_the_dashboard_measures_a_recent_period_and_the_api_all_history(
    client: Any, api_as: Any, executive: Any
) -> None:
    now = timezone.now()
    IncidentFactory(severity="P1", detection_time=now - dt.timedelta(days=200), acknowledged_at=now)
    IncidentFactory(severity="P2", detection_time=now - dt.timedelta(days=10), acknowledged_at=now)
    client.force_login(executive)

    def severities(query: dict[str, str]) -> set[str]:
        answer = client.get("/metrics/", query)
        assert answer.status_code == 200
        return {row["key"] for row in answer.context["summary"]["by_severity"]}

    assert severities({}) == {"P2"}  # the last 90 days by default
    assert severities({"period": "365"}) == severities({"period": "all"}) == {"P1", "P2"}
    assert severities({"period": "7"}) == {"P2"}  # an unknown period: the default
    page = client.get("/metrics/").content.decode()
    assert 'aria-current="true">Last 90 days' in page
    since = timezone.localdate(timezone.now() - dt.timedelta(days=90)).isoformat()
    assert f"/incidents/?severity=P2&amp;detected_after={since}" in page  # the figure lists what it counts
    summary = api_as(executive).get("/api/v1/metrics/summary/").json()
    assert {row["key"] for row in summary["by_severity"]} == {"P1", "P2"}


def test_days_given_to_the_api_bound_the_detection_time_in_the_reader_s_zone(executive: Any) -> None:
    IncidentFactory(severity="P3", detection_time=dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC))
    actor = Actor.web(executive)
    with timezone.override("Asia/Kolkata"):  # 05:00 on March 2nd there
        assert [row["key"] for row in response_times(actor=actor, by="severity", start=dt.date(2026, 3, 2))] == ["P3"]
        assert response_times(actor=actor, by="severity", end=dt.date(2026, 3, 1)) == []
    with timezone.override("UTC"):
        assert [row["key"] for row in response_times(actor=actor, by="severity", end=dt.date(2026, 3, 1))] == ["P3"]
