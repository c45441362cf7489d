"""Sane time windows for dates people type or send: nothing before 2000; what happened is not in the future
(beyond a little clock skew); what is planned is not more than ten years ahead. One set of validators serves the
API's fields and the HTML forms' fields."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

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
