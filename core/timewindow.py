"""Sane time windows for dates people type or send: nothing before 2000; what happened is not in the future
(beyond a little clock skew); what is planned is not more than ten years ahead. One set of validators serves the
API's fields and the HTML forms' fields."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import InvalidInput

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
CLOCK_SKEW = dt.timedelta(minutes=5)
PLANNING_HORIZON = dt.timedelta(days=3653)


def _moment(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def _not_before_2000(value: dt.date | dt.datetime) -> dt.datetime:
    moment = _moment(value)
    if moment < EARLIEST:
        raise ValidationError("Must not be before 2000-01-01.", code="too_early")
    return moment


def happened(value: dt.date | dt.datetime) -> None:
    """A time something happened: from 2000 up to now (plus a few minutes of clock skew)."""
    if _not_before_2000(value) > timezone.now() + CLOCK_SKEW:
        raise ValidationError("Must not be in the future.", code="in_future")


def planned(value: dt.date | dt.datetime) -> None:
    """A time something is planned for: from 2000 up to ten years ahead."""
    if _not_before_2000(value) > timezone.now() + PLANNING_HORIZON:
        raise ValidationError("Must not be more than ten years ahead.", code="too_far_ahead")


def within(value: dt.date | dt.datetime, *, ahead: dt.timedelta, bound: str) -> None:
    """A deadline someone sets now: not in the past (a date: from today on) and at most `ahead` from now, which
    `bound` names for people ("two years")."""
    now = timezone.now()
    if isinstance(value, dt.datetime):
        past, late = _moment(value) < now - CLOCK_SKEW, _moment(value) > now + ahead
    else:
        past, late = value < timezone.localdate(), value > (now + ahead).date()
    if past:
        raise ValidationError("Must not be in the past.", code="in_past")
    if late:
        raise ValidationError(f"Must be within {bound} from now.", code="too_far_ahead")


DEADLINE_WITHIN = dt.timedelta(days=730)


def deadline_check(value: dt.date | dt.datetime | None, *, field: str = "due_date") -> None:
    """A due date someone sets now: from today to two years ahead (imported history keeps its own dates)."""
    if value is None:
        return
    try:
        within(value, ahead=DEADLINE_WITHIN, bound="two years")
    except ValidationError as error:
        raise InvalidInput(fields={field: error.messages}, code=f"invalid_{field}") from error


def picker_bounds(ahead: dt.timedelta = DEADLINE_WITHIN, *, with_time: bool = False) -> dict[str, str]:
    """`min` and `max` of a date (or date-time) picker offering from now to `ahead`, in the user's time zone."""
    now = timezone.localtime()
    shape = "%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d"
    return {"min": now.strftime(shape), "max": (now + ahead).strftime(shape)}
