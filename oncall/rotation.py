"""Who is on call when: layers of rotations, their restrictions, and overrides, computed as a timeline.

Pure functions over plain values (no database), so the schedule page, the iCalendar feed, the API's "on call at"
and the pager all read the same answer. Shifts are counted in the schedule's local wall-clock time and only then
placed on the UTC line, so a daylight-saving change keeps hand-offs at their local time (a night shift across
the change is an hour longer or shorter, as it is on the wall).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PERIODS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
MAX_EVERY_HOURS = 24 * 28
"""The longest "every N hours" rotation: four weeks."""


@dataclass(frozen=True)
class Window:
    """A restriction: on these local days, from `start` to `end` (an end at or before the start runs past
    midnight into the next day)."""

    days: frozenset[int]
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class LayerSpec:
    rotation: str
    handoff: dt.time
    start: dt.date
    users: tuple[int, ...]
    every_hours: int | None = None
    windows: tuple[Window, ...] = ()

    @property
    def period(self) -> dt.timedelta:
        if self.rotation == "hours":
            return dt.timedelta(hours=self.every_hours or 24)
        return PERIODS[self.rotation]


@dataclass(frozen=True)
class OverrideSpec:
    user: int
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Segment:
    """From `start` to `end` (UTC), these users are on call; `source` says which layer or override gives them."""

    start: dt.datetime
    end: dt.datetime
    users: tuple[int, ...]
    source: str = ""


@dataclass(frozen=True)
class ScheduleSpec:
    time_zone: str
    layers: tuple[LayerSpec, ...]
    overrides: tuple[OverrideSpec, ...] = field(default_factory=tuple)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def _utc(local: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A local wall-clock time on the UTC line (a time skipped by a spring change counts as the one before)."""
    return local.replace(tzinfo=zone).astimezone(dt.UTC)


def layer_shifts(layer: LayerSpec, zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Segment]:
    """The layer's shifts overlapping [start, end), before restrictions: shift k begins k periods after the first
    hand-off (the hand-off time on the layer's start day), in local wall-clock time."""
    if not layer.users:
        return []
    first = dt.datetime.combine(layer.start, layer.handoff)
    period = layer.period
    local_start = start.astimezone(zone).replace(tzinfo=None)
    k = max(0, (local_start - first) // period - 1)
    shifts = []
    while True:
        begins, ends = first + k * period, first + (k + 1) * period
        shift_start, shift_end = _utc(begins, zone), _utc(ends, zone)
        if shift_start >= end:
            break
        if shift_end > start:
            user = layer.users[k % len(layer.users)]
            shifts.append(Segment(max(shift_start, start), min(shift_end, end), (user,)))
        k += 1
    return shifts


def window_spans(windows: Sequence[Window], zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Segment]:
    """The stretches of [start, end) the restrictions let a layer cover (all of it when there are none)."""
    if not windows:
        return [Segment(start, end, ())]
    spans = []
    day = start.astimezone(zone).date() - dt.timedelta(days=1)
    last = end.astimezone(zone).date()
    while day <= last:
        for window in windows:
            if day.weekday() not in window.days:
                continue
            opens = dt.datetime.combine(day, window.start)
            closes = dt.datetime.combine(day, window.end)
            if closes <= opens:
                closes += dt.timedelta(days=1)
            a, b = max(_utc(opens, zone), start), min(_utc(closes, zone), end)
            if a < b:
                spans.append(Segment(a, b, ()))
        day += dt.timedelta(days=1)
    return spans


def _covered(layer: LayerSpec, zone: ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Segment]:
    """The layer's shifts cut to its restrictions."""
    spans = window_spans(layer.windows, zone, start, end)
    found = []
    for shift in layer_shifts(layer, zone, start, end):
        for span in spans:
            a, b = max(shift.start, span.start), min(shift.end, span.end)
            if a < b:
                found.append(Segment(a, b, shift.users))
    return found


def _at(segments: Sequence[Segment], starts: Sequence[dt.datetime], moment: dt.datetime) -> Segment | None:
    index = bisect_right(starts, moment) - 1
    if index >= 0 and segments[index].end > moment:
        return segments[index]
    return None


def timeline(spec: ScheduleSpec, start: dt.datetime, end: dt.datetime) -> list[Segment]:
    """The final answer over [start, end): overrides above every layer, later layers above earlier ones where
    they have someone; adjacent stretches with the same people are one segment."""
    zone = spec.zone
    layers = [sorted(_covered(layer, zone, start, end), key=lambda s: s.start) for layer in spec.layers]
    overrides = [o for o in spec.overrides if o.start < end and o.end > start]
    edges = {start, end}
    for segments in layers:
        for segment in segments:
            edges.update((segment.start, segment.end))
    for override in overrides:
        edges.update((max(override.start, start), min(override.end, end)))
    points = sorted(edge for edge in edges if start <= edge <= end)
    starts = [[s.start for s in segments] for segments in layers]
    result: list[Segment] = []
    for a, b in pairwise(points):
        users, source = _answer(a, layers, starts, overrides)
        if result and result[-1].users == users and result[-1].source == source and result[-1].end == a:
            result[-1] = Segment(result[-1].start, b, users, source)
        else:
            result.append(Segment(a, b, users, source))
    return result


def _answer(
    moment: dt.datetime,
    layers: Sequence[Sequence[Segment]],
    starts: Sequence[Sequence[dt.datetime]],
    overrides: Iterable[OverrideSpec],
) -> tuple[tuple[int, ...], str]:
    covering = tuple(dict.fromkeys(o.user for o in overrides if o.start <= moment < o.end))
    if covering:
        return covering, "override"
    for index in range(len(layers) - 1, -1, -1):
        found = _at(layers[index], starts[index], moment)
        if found is not None:
            return found.users, f"layer {index + 1}"
    return (), ""


def on_call_at(spec: ScheduleSpec, moment: dt.datetime) -> Segment:
    """Who is on call at `moment`, with the stretch (start, end) during which that answer holds."""
    reach = max((layer.period for layer in spec.layers), default=dt.timedelta(days=1)) * 2 + dt.timedelta(days=8)
    for segment in timeline(spec, moment - reach, moment + reach):
        if segment.start <= moment < segment.end:
            return segment
    return Segment(moment, moment, ())


def user_shifts(spec: ScheduleSpec, user: int, start: dt.datetime, end: dt.datetime) -> list[Segment]:
    """One person's stretches on call over [start, end) (their calendar)."""
    found: list[Segment] = []
    for segment in timeline(spec, start, end):
        if user not in segment.users:
            continue
        if found and found[-1].end == segment.start:
            found[-1] = Segment(found[-1].start, segment.end, (user,), found[-1].source)
        else:
            found.append(Segment(segment.start, segment.end, (user,), segment.source))
    return found
