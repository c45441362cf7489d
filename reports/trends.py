"""Response metrics as weekly trends: one series per metric, or one per severity or per client. Each metric is
one grouped query; weeks without data are gaps, not zeros."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, Concat, TruncWeek
from django.utils import timezone

from core.actor import Actor
from core.permissions import scope
from incidents.models import Incident, IncidentCI
from oncall.models import Page, PageNotice
from response.models import ActionItem
from sla.models import BreachStage, SLABreach

WEEKS = 12
SPLITS = {"": "All", "severity": "By severity", "client": "By client"}


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "min", "%" or "" (a count)
    help: str


METRICS = (
    Metric("mtta", "Mean time to acknowledge", "min", "Detection to the first move out of open."),
    Metric("mttr", "Mean time to resolve", "min", "Detection to resolution."),
    Metric("ttd", "Time to detect", "min", "Detection to the incident being raised in Tracer."),
    Metric(
        "postmortems",
        "Post-mortems within 72 h",
        "%",
        "P1/P2 resolved that week whose post-mortem was approved within 72 hours.",
    ),
    Metric("actions", "Action items closed on time", "%", "Action items due that week and done by their due date."),
    Metric("repeats", "Repeat incidents", "", "Same CI and category as an incident of the 30 days before."),
    Metric("breaches", "SLA breaches", "", "Response or resolution targets missed, per client."),
    Metric("page_ack_policy", "Time to acknowledge a page, per policy", "min",
           "From the page to its acknowledgement, by escalation policy (pages nobody took are left out)."),
    Metric("page_ack_person", "Time to acknowledge a page, per person", "min",
           "From the page to its acknowledgement, by the person who took it."),
    Metric("page_load", "Pages per person", "", "How many times each person was paged that week (on-call load)."),
)  # fmt: skip
OWN_SERIES = frozenset({"page_ack_policy", "page_ack_person", "page_load"})
"""Metrics drawn per policy or per person whatever the page's split."""
BY_KEY = {metric.key: metric for metric in METRICS}


@dataclass
class Trend:
    metric: Metric
    split: str
    weeks: list[dt.date]
    series: dict[str, list[float | None]] = field(default_factory=dict)

    def rows(self) -> list[tuple[dt.date, list[float | None]]]:
        names = list(self.series)
        return [(week, [self.series[name][index] for name in names]) for index, week in enumerate(self.weeks)]


def _since(now: dt.datetime) -> dt.datetime:
    start = timezone.localdate(now) - dt.timedelta(days=7 * (WEEKS - 1))
    start -= dt.timedelta(days=start.weekday())
    return timezone.make_aware(dt.datetime.combine(start, dt.time.min))


def _minutes(value: dt.timedelta | None) -> float | None:
    return round(value.total_seconds() / 60, 1) if value is not None else None


def _duration(start: str, end: Any) -> ExpressionWrapper:
    return ExpressionWrapper(end - F(start), output_field=DurationField())


def _grouped(queryset: QuerySet[Any], when: str, split_path: str | None, **aggregates: Any) -> list[dict[str, Any]]:
    keys = ["week", *([split_path] if split_path else [])]
    return list(queryset.annotate(week=TruncWeek(when)).values(*keys).annotate(**aggregates).order_by(*keys))


def _query(metric: str, actor: Actor, since: dt.datetime, split: str) -> tuple[list[dict[str, Any]], str | None]:
    incidents = scope(Incident.objects.all(), actor)
    incident_split = {"severity": "severity", "client": "slas__client__client_name"}.get(split)
    if metric in ("mtta", "mttr", "ttd"):
        end = {"mtta": F("acknowledged_at"), "mttr": Coalesce(F("resolved_at"), F("closed_at")), "ttd": F("created_at")}
        rows = _grouped(
            incidents.filter(detection_time__gte=since), "detection_time", incident_split,
            value=Avg(_duration("detection_time", end[metric])),
        )  # fmt: skip
        for row in rows:
            row["value"] = _minutes(row["value"])
        return rows, incident_split
    if metric == "postmortems":
        major = incidents.filter(severity__in=["P1", "P2"], resolved_at__gte=since)
        rows = _grouped(
            major, "resolved_at", incident_split,
            total=Count("id", distinct=True),
            done=Count("id", distinct=True, filter=Q(
                phase_records__phase="post_mortem", phase_records__status="approved",
                phase_records__reviewed_at__lte=F("resolved_at") + dt.timedelta(hours=72),
            )),
        )  # fmt: skip
        return _shares(rows), incident_split
    if metric == "actions":
        items = scope(ActionItem.objects.exclude(status="cancelled"), actor).filter(due_date__gte=since.date())
        item_split = {"severity": "incident__severity", "client": "incident__slas__client__client_name"}.get(split)
        on_time = Q(status="done", completed_at__date__lte=F("due_date"))
        rows = _grouped(items, "due_date", item_split, total=Count("id"), done=Count("id", filter=on_time))
        return _shares(rows), item_split
    if metric == "repeats":
        earlier = IncidentCI.objects.filter(
            ci__incident_links__incident=OuterRef("pk"),
            incident__category=OuterRef("category"),
            incident__detection_time__lt=OuterRef("detection_time"),
            incident__detection_time__gte=OuterRef("detection_time") - dt.timedelta(days=30),
        )
        repeats = incidents.filter(detection_time__gte=since).filter(Exists(earlier))
        return _grouped(repeats, "detection_time", incident_split, value=Count("id", distinct=True)), incident_split
    if metric in OWN_SERIES:
        return _paging(metric, actor, since)
    breaches = scope(SLABreach.objects.filter(stage=BreachStage.BREACH, detected_at__gte=since), actor)
    breach_split = {"severity": "incident__severity", "client": "client__client_name"}.get(split)
    return _grouped(breaches, "detected_at", breach_split, value=Count("id")), breach_split


def _paging(metric: str, actor: Actor, since: dt.datetime) -> tuple[list[dict[str, Any]], str]:
    """On-call: time to acknowledge per policy or per person, and pages per person per week."""
    if metric == "page_load":
        notices = scope(PageNotice.objects.filter(sent_at__gte=since), actor).annotate(person=_name("user"))
        return _grouped(notices, "sent_at", "person", value=Count("id")), "person"
    taken = scope(Page.objects.filter(created_at__gte=since, acknowledged_at__isnull=False), actor)
    split = "policy__name"
    if metric == "page_ack_person":
        taken, split = taken.annotate(person=_name("acknowledged_by")), "person"
    rows = _grouped(taken, "created_at", split, value=Avg(_duration("created_at", F("acknowledged_at"))))
    for row in rows:
        row["value"] = _minutes(row["value"])
    return rows, split


def _name(path: str) -> Concat:
    return Concat(f"{path}__first_name", Value(" "), f"{path}__last_name", output_field=CharField())


def _shares(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["value"] = round(100 * row["done"] / row["total"], 1) if row["total"] else None
    return rows


def trend(*, actor: Actor, metric: str, split: str = "", now: dt.datetime | None = None) -> Trend:
    """The metric for each of the last 12 weeks (Monday first), overall or one series per severity or client."""
    if metric not in BY_KEY or split not in SPLITS:
        raise ValueError(f"unknown metric or split: {metric!r}, {split!r}")
    since = _since(now or timezone.now())
    weeks = [(since + dt.timedelta(days=7 * n)).date() for n in range(WEEKS)]
    split = "" if metric in OWN_SERIES else split
    rows, split_path = _query(metric, actor, since, split)
    result = Trend(metric=BY_KEY[metric], split=split, weeks=weeks)
    index = {week: n for n, week in enumerate(weeks)}
    for row in rows:
        week = row["week"].date() if isinstance(row["week"], dt.datetime) else row["week"]
        name = (
            str(row[split_path])
            if split_path and row.get(split_path) is not None
            else ("All" if not split_path else "No client")
        )
        series = result.series.setdefault(name, [None] * WEEKS)
        if week in index:
            series[index[week]] = row["value"]
    if not result.series:
        result.series["All" if not split else "None"] = [None] * WEEKS
    result.series = dict(sorted(result.series.items()))
    return result


def on_call_metrics(*, actor: Actor, now: dt.datetime | None = None) -> dict[str, Any]:
    """The on-call trends of the last 12 weeks for the API: weeks (Mondays), then one list per policy or person
    (null where a week had no page)."""
    found = {
        key: trend(actor=actor, metric=key, now=now) for key in ("page_ack_policy", "page_ack_person", "page_load")
    }
    return {
        "weeks": [week.isoformat() for week in found["page_load"].weeks],
        "time_to_acknowledge_minutes": {
            "by_policy": found["page_ack_policy"].series, "by_person": found["page_ack_person"].series,
        },
        "pages_per_person": found["page_load"].series,
    }  # fmt: skip
