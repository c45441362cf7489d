"""Business-hours arithmetic: adding and counting working minutes in a client's calendar and time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class WorkingHours:
    """Working days (Monday = 0), daily opening and closing time, and the time zone they are read in."""

    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    opens: dt.time = dt.time(9, 0)
    closes: dt.time = dt.time(17, 0)
    timezone: str = "UTC"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def _window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if day.weekday() not in self.days or self.closes <= self.opens:
            return None
        start = dt.datetime.combine(day, self.opens, tzinfo=self.zone)
        end = dt.datetime.combine(day, self.closes, tzinfo=self.zone)
        return start, end

    def add(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment `minutes` working minutes after `start` (which may fall outside working hours)."""
        if not self.days:
            raise ValueError("a calendar without working days never reaches a target")
        remaining = dt.timedelta(minutes=minutes)
        moment = start.astimezone(self.zone)
        day = moment.date()
        while True:
            window = self._window(day)
            if window is not None:
                begin = max(window[0], moment)
                if begin < window[1]:
                    available = window[1] - begin
                    if remaining <= available:
                        return (begin + remaining).astimezone(dt.UTC)
                    remaining -= available
            day += dt.timedelta(days=1)
            moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=self.zone)

    def minutes_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Working minutes from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0.0
        total = dt.timedelta()
        first, last = start.astimezone(self.zone), end.astimezone(self.zone)
        day = first.date()
        while day <= last.date():
            window = self._window(day)
            if window is not None:
                begin, finish = max(window[0], first), min(window[1], last)
                if finish > begin:
                    total += finish - begin
            day += dt.timedelta(days=1)
        return total / MINUTE


def wall_minutes_between(start: dt.datetime, end: dt.datetime) -> float:
    return max((end - start) / MINUTE, 0.0)
