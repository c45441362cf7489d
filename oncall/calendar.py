"""A schedule drawn for its page (layers, overrides, the final answer, as SVG bars) and a person's shifts as an
iCalendar feed (RFC 5545, written by the `icalendar` library)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import icalendar
from django.utils import timezone

from accounts.models import User
from oncall import rotation
from oncall.models import Schedule
from oncall.services.schedules import schedule_spec

DAY_WIDTH = 100
"""SVG units per day on the schedule page."""
ROW_HEIGHT = 34
PALETTE = 8
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=90)


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    label: str
    title: str
    tone: int


@dataclass(frozen=True)
class Row:
    label: str
    bars: list[Bar]
    y: int
    final: bool = False


def _bars(segments: list[rotation.Segment], start: dt.datetime, names: dict[int, str], zone: Any) -> list[Bar]:
    bars = []
    for segment in segments:
        if not segment.users:
            continue
        x = (segment.start - start).total_seconds() / 86400 * DAY_WIDTH
        width = (segment.end - segment.start).total_seconds() / 86400 * DAY_WIDTH
        who = ", ".join(names.get(pk, f"user {pk}") for pk in segment.users)
        local_start, local_end = segment.start.astimezone(zone), segment.end.astimezone(zone)
        title = f"{who}: {local_start:%a %-d %b %H:%M} to {local_end:%a %-d %b %H:%M %Z}"
        bars.append(Bar(round(x, 2), round(width, 2), who if width >= 30 else "", title, segment.users[0] % PALETTE))
    return bars


def schedule_picture(schedule: Schedule, *, days: int = 14, today: dt.date | None = None) -> dict[str, Any]:
    """The coming `days` from local midnight: a row per layer (highest first), the overrides, and the result."""
    spec = schedule_spec(schedule)
    zone = spec.zone
    first = today or timezone.now().astimezone(zone).date()
    start = dt.datetime.combine(first, dt.time()).replace(tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(first + dt.timedelta(days=days), dt.time()).replace(tzinfo=zone).astimezone(dt.UTC)
    layers = list(schedule.layers.all())
    people = {pk for layer in layers for pk in layer.users} | {o.user_id for o in schedule.overrides.all()}
    names = {user.pk: user.full_name for user in User.objects.filter(pk__in=people)}
    rows: list[Row] = []
    y = 24
    for layer, layer_spec in reversed(list(zip(layers, spec.layers, strict=True))):
        covered = rotation.timeline(rotation.ScheduleSpec(spec.time_zone, (layer_spec,)), start, end)
        rows.append(Row(layer.name, _bars(covered, start, names, zone), y))
        y += ROW_HEIGHT
    overrides = [rotation.Segment(max(o.start, start), min(o.end, end), (o.user,)) for o in spec.overrides
                 if o.start < end and o.end > start]  # fmt: skip
    rows.append(Row("Overrides", _bars(overrides, start, names, zone), y))
    y += ROW_HEIGHT + 6
    rows.append(Row("On call", _bars(rotation.timeline(spec, start, end), start, names, zone), y, final=True))
    ticks = [{"x": index * DAY_WIDTH, "label": f"{first + dt.timedelta(days=index):%a %-d}"} for index in range(days)]
    now_x = (timezone.now() - start).total_seconds() / 86400 * DAY_WIDTH
    return {
        "rows": rows, "ticks": ticks, "width": days * DAY_WIDTH, "height": y + ROW_HEIGHT,
        "now_x": round(now_x, 2) if 0 <= now_x <= days * DAY_WIDTH else None, "zone": spec.time_zone,
        "first": first, "days": days,
    }  # fmt: skip


def user_calendar(user: User, *, now: dt.datetime | None = None) -> bytes:
    """Every shift of `user` in every schedule, from two weeks back to three months ahead, as iCalendar."""
    moment = now or timezone.now()
    start, end = moment - FEED_PAST, moment + FEED_AHEAD
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Tracer//On-call//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"On call: {user.full_name}")
    schedules = Schedule.objects.prefetch_related("layers", "overrides").order_by("id")
    for schedule in schedules:
        involved = any(user.pk in layer.users for layer in schedule.layers.all()) or any(
            o.user_id == user.pk for o in schedule.overrides.all()
        )
        if not involved:
            continue
        for shift in rotation.user_shifts(schedule_spec(schedule), user.pk, start, end):
            event = icalendar.Event()
            event.add("uid", f"oncall-{schedule.pk}-{user.pk}-{shift.start:%Y%m%dT%H%M%SZ}@tracer")
            event.add("summary", f"On call: {schedule.name}")
            event.add("dtstart", shift.start)
            event.add("dtend", shift.end)
            event.add("dtstamp", moment)
            event.add("description", f"{schedule.name} ({shift.source}), time zone {schedule.time_zone}")
            feed.add_component(event)
    return feed.to_ical()
