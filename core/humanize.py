"""Times and durations as people read them: in the viewer's time zone with the zone shown, the year only when it
is not this year, durations as "2 h 15 min", and relative times ("12 min ago") with the exact time on hover."""

from __future__ import annotations

import datetime as dt
from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString


def exact(value: dt.datetime, *, now: dt.datetime | None = None) -> str:
    """`Tue 1 Dec 18:40 UTC`, or `3 Mar 2025 14:00 CET` for another year."""
    zone = timezone.get_current_timezone()
    return _exact(timezone.localtime(value, zone), timezone.localtime(now or timezone.now(), zone).year)


def _exact(local: dt.datetime, this_year: int) -> str:
    return local.strftime("%a %-d %b %H:%M %Z" if local.year == this_year else "%-d %b %Y %H:%M %Z")


def day(value: dt.date | dt.datetime | None, *, today: dt.date | None = None) -> str:
    """`Wed 2 Dec`, or `3 Mar 2025` for another year; a moment counts in the viewer's zone."""
    if not value:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    this_year = value.year == (today or timezone.localdate()).year
    return f"{value:%a} {value.day} {value:%b}" if this_year else f"{value.day} {value:%b %Y}"


def duration(value: dt.timedelta | float | int | None) -> str:
    """`2 h 15 min`, `3 d 4 h`, `45 s`; minutes when given a number."""
    if value is None:
        return "—"
    seconds = int(value.total_seconds() if isinstance(value, dt.timedelta) else float(value) * 60)
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        parts = [f"{days} d", f"{hours} h" if hours else ""]
    elif hours:
        parts = [f"{hours} h", f"{minutes} min" if minutes else ""]
    elif minutes:
        parts = [f"{minutes} min"]
    else:
        parts = [f"{secs} s"]
    return sign + " ".join(part for part in parts if part)


def relative(value: dt.datetime, *, now: dt.datetime | None = None) -> str:
    """`12 min ago`, `in 2 h 5 min`; the exact time beyond a week."""
    now = now or timezone.now()
    return _relative(now - value) or exact(value, now=now)


def _relative(delta: dt.timedelta) -> str | None:
    """The relative text within a week; None beyond it (the exact time is shown instead)."""
    if abs(delta) > WEEK:
        return None
    if abs(delta) < JUST_NOW:
        return "just now"
    text = duration(abs(delta))
    return f"{text} ago" if delta.total_seconds() > 0 else f"in {text}"


WEEK, JUST_NOW = dt.timedelta(days=7), dt.timedelta(seconds=45)


def time_tag(
    value: dt.datetime | None,
    *,
    relative_first: bool = False,
    zone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> SafeString | str:
    """A `<time>` element: the exact time shown (or the relative one), the other on hover. (A list page writes one
    per row: the viewer's zone and the time are looked up once per element, not once per text, or once per page
    when given.)"""
    if not value:  # None, or a template's missing value
        return "—"
    zone, now = zone or timezone.get_current_timezone(), now or timezone.now()
    exact_text = _exact(timezone.localtime(value, zone), timezone.localtime(now, zone).year)
    relative_text = _relative(now - value) or exact_text
    shown, hover = (relative_text, exact_text) if relative_first else (exact_text, relative_text)
    return SafeString(f'<time datetime="{value.isoformat()}" title="{escape(hover)}">{escape(shown)}</time>')
