"""Response metrics: MTTA, MTTR and time to log by severity, client and month; post-mortems within 72 hours;
action-item completion; repeat incidents; SLA attainment per client. Each is a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from core.actor import Actor
from core.permissions import scope
from incidents.models import Incident, IncidentCI
from response.models import ActionItem, overdue_q
from sla.models import IncidentSLA

MINUTE = dt.timedelta(minutes=1)
REPEAT_WINDOW = dt.timedelta(days=30)


def _minutes(value: dt.timedelta | None) -> float | None:
    return round(value / MINUTE, 1) if value is not None else None


def _durations() -> dict[str, Any]:
    return {
        "mtta": Avg(ExpressionWrapper(F("acknowledged_at") - F("detection_time"), output_field=DurationField())),
        "mttr": Avg(
            ExpressionWrapper(
                Coalesce(F("resolved_at"), F("closed_at")) - F("detection_time"), output_field=DurationField()
            )
        ),
        "ttl": Avg(ExpressionWrapper(F("created_at") - F("detection_time"), output_field=DurationField())),
        "count": Count("id"),
    }


def _rows(grouped: QuerySet[Any], key: str) -> list[dict[str, Any]]:
    return [
        {
            "key": row[key],
            "count": row["count"],
            "mtta_minutes": _minutes(row["mtta"]),
            "mttr_minutes": _minutes(row["mttr"]),
            "time_to_log_minutes": _minutes(row["ttl"]),
        }
        for row in grouped
    ]


def _detected(actor: Actor, since: dt.datetime | None) -> QuerySet[Incident]:
    """The incidents measured: those the actor sees, detected since `since` (read by the detection index)."""
    incidents = scope(Incident.objects.all(), actor)
    return incidents.filter(detection_time__gte=since) if since else incidents


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def response_times(
    *, actor: Actor, by: str, start: dt.date | None = None, end: dt.date | None = None, since: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Mean time to acknowledge, to resolve and to log (detection to record), grouped by severity, client or month;
    `start` and `end` are days in the reader's time zone, each bound read by the detection index."""
    incidents = _detected(actor, since)
    if start:
        incidents = incidents.filter(detection_time__gte=_day_start(start))
    if end:
        incidents = incidents.filter(detection_time__lt=_day_start(end + dt.timedelta(days=1)))
    if by == "severity":
        return _rows(incidents.values("severity").annotate(**_durations()).order_by("severity"), "severity")
    if by == "month":
        grouped = incidents.annotate(month=TruncMonth("detection_time")).values("month").annotate(**_durations())
        rows = _rows(grouped.order_by("month"), "month")
        for row in rows:
            row["key"] = row["key"].strftime("%Y-%m")
        return rows
    if by == "client":
        pairs = IncidentSLA.objects.filter(incident__in=incidents.values("pk"))
        by_client = pairs.values("client__client_name", "client_id").annotate(
            count=Count("incident_id"),
            mtta=Avg(
                ExpressionWrapper(
                    F("incident__acknowledged_at") - F("incident__detection_time"), output_field=DurationField()
                )
            ),
            mttr=Avg(
                ExpressionWrapper(
                    Coalesce(F("incident__resolved_at"), F("incident__closed_at")) - F("incident__detection_time"),
                    output_field=DurationField(),
                )
            ),
            ttl=Avg(
                ExpressionWrapper(
                    F("incident__created_at") - F("incident__detection_time"), output_field=DurationField()
                )
            ),
        )
        ordered = list(by_client.order_by("client__client_name"))
        rows = _rows(ordered, "client__client_name")  # type: ignore[arg-type]
        for row, source in zip(rows, ordered, strict=True):
            row["client_id"] = source["client_id"]
        return rows
    raise ValueError(f"unknown grouping {by!r}")


def postmortems_on_time(*, actor: Actor, since: dt.datetime | None = None) -> dict[str, Any]:
    """P1/P2 incidents resolved: how many had their post-mortem approved within 72 hours of resolution."""
    resolved = _detected(actor, since).filter(severity__in=["P1", "P2"], resolved_at__isnull=False)
    on_time = resolved.filter(
        phase_records__phase="post_mortem",
        phase_records__status="approved",
        phase_records__reviewed_at__lte=F("resolved_at") + dt.timedelta(hours=72),
    )
    total, done = resolved.count(), on_time.count()
    return {"total": total, "on_time": done, "share": round(done / total, 3) if total else None}


def action_item_completion(*, actor: Actor) -> dict[str, Any]:
    items = scope(ActionItem.objects.exclude(status="cancelled"), actor).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status="done")),
        overdue=Count("id", filter=overdue_q()),
    )
    items["share"] = round(items["done"] / items["total"], 3) if items["total"] else None
    return items


def repeat_incidents(*, actor: Actor, since: dt.datetime | None = None) -> QuerySet[Incident]:
    """Incidents with the same CI and category as another detected in the 30 days before them."""
    earlier = IncidentCI.objects.filter(
        ci__incident_links__incident=OuterRef("pk"),
        incident__category=OuterRef("category"),
        incident__detection_time__lt=OuterRef("detection_time"),
        incident__detection_time__gte=OuterRef("detection_time") - REPEAT_WINDOW,
    )
    return _detected(actor, since).filter(Exists(earlier))


def sla_attainment(
    *, actor: Actor, now: dt.datetime | None = None, since: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Per client, the share of (incident, client) SLA pairs that met both targets (so far, for open ones)."""
    now = now or timezone.now()
    pairs = IncidentSLA.objects.filter(incident__in=_detected(actor, since).values("pk")).annotate(
        responded=Coalesce(F("incident__acknowledged_at"), now),
        finished=Coalesce(F("incident__resolved_at"), F("incident__closed_at"), now),
    )
    grouped = pairs.values("client_id", "client__client_name").annotate(
        total=Count("id"),
        met=Count("id", filter=Q(responded__lte=F("response_due_at"), finished__lte=F("resolution_due_at"))),
    )
    return [
        {
            "client_id": row["client_id"],
            "client": row["client__client_name"],
            "total": row["total"],
            "met": row["met"],
            "share": round(row["met"] / row["total"], 3) if row["total"] else None,
        }
        for row in grouped.order_by("client__client_name")
    ]


def metrics_summary(*, actor: Actor, since: dt.datetime | None = None) -> dict[str, Any]:
    """Every measure of the incidents detected since `since` (all of them without it); action items: all open."""
    return {
        "by_severity": response_times(actor=actor, by="severity", since=since),
        "by_month": response_times(actor=actor, by="month", since=since),
        "by_client": response_times(actor=actor, by="client", since=since),
        "postmortems_within_72h": postmortems_on_time(actor=actor, since=since),
        "action_items": action_item_completion(actor=actor),
        "repeat_incidents": repeat_incidents(actor=actor, since=since).count(),
        "sla_attainment": sla_attainment(actor=actor, since=since),
    }
