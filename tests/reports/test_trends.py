"""The weekly trends: the numbers per week, split by severity or client, the SVG chart and the CSV."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.actor import Actor
from reports.charts import line_chart
from reports.trends import METRICS, trend
from tests.incidents.factories import IncidentFactory
from tests.response.factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def _incident(severity: str, weeks_ago: int, ack_minutes: int, resolve_minutes: int) -> Any:
    detected = timezone.now() - dt.timedelta(weeks=weeks_ago, hours=1)
    return IncidentFactory(
        severity=severity,
        status="resolved",
        detection_time=detected,
        acknowledged_at=detected + dt.timedelta(minutes=ack_minutes),
        resolved_at=detected + dt.timedelta(minutes=resolve_minutes),
    )


def test_mtta_per_week_and_by_severity(manager: User) -> None:
    _incident("P1", 0, 10, 60)
    _incident("P1", 0, 20, 120)
    _incident("P3", 2, 30, 300)
    actor = Actor.web(manager)
    overall = trend(actor=actor, metric="mtta")
    assert list(overall.series) == ["All"]
    assert overall.series["All"][-1] == 15.0
    assert overall.series["All"][-3] == 30.0
    assert overall.series["All"][0] is None
    split = trend(actor=actor, metric="mttr", split="severity")
    assert split.series["P1"][-1] == 90.0
    assert split.series["P3"][-3] == 300.0
    assert len(split.weeks) == 12
    assert split.weeks[0].weekday() == 0


def test_action_items_closed_on_time_share(manager: User) -> None:
    today = timezone.localdate()
    ActionItemFactory(due_date=today, status="done", completed_at=timezone.now() - dt.timedelta(days=1))
    ActionItemFactory(due_date=today, status="open")
    assert trend(actor=Actor.web(manager), metric="actions").series["All"][-1] == 50.0


def test_every_metric_draws_a_chart(manager: User) -> None:
    _incident("P2", 1, 5, 50)
    for metric in METRICS:
        found = trend(actor=Actor.web(manager), metric=metric.key, split="client")
        svg = line_chart(found)
        assert svg.startswith("<svg")
        assert metric.label in svg


def test_the_page_and_the_csv(client: Client, manager: User) -> None:
    _incident("P1", 0, 10, 60)
    client.force_login(manager)
    page = client.get("/metrics/?split=severity").content.decode()
    assert page.count('<svg class="chart"') == len(METRICS)
    assert "Mean time to acknowledge" in page
    answer = client.get("/metrics/trends.csv?metric=mtta&split=severity")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["week", "P1 (minutes)"]
    assert rows[-1][1] == "10.0"
    assert len(rows) == 13
    assert client.get("/metrics/trends.csv?metric=nope").status_code == 400
