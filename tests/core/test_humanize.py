"""Times, days and durations as people read them."""

import datetime as dt
import zoneinfo

import pytest
from django.template import engines
from django.utils import timezone

from core.humanize import day, duration, exact, relative, time_tag

NOW = dt.datetime(2026, 12, 2, 14, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.timedelta(hours=2, minutes=15), "2 h 15 min"),
        (dt.timedelta(hours=3), "3 h"),
        (dt.timedelta(days=3, hours=4, minutes=9), "3 d 4 h"),
        (dt.timedelta(seconds=45), "45 s"),
        (135, "2 h 15 min"),
        (-30, "-30 min"),
        (None, "—"),
    ],
)
def test_durations(value: object, text: str) -> None:
    assert duration(value) == text


def test_an_exact_time_is_in_the_viewers_zone_with_the_zone_and_the_year_only_when_another() -> None:
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        assert exact(NOW, now=NOW) == "Wed 2 Dec 15:30 CET"
        assert exact(NOW - dt.timedelta(days=400), now=NOW) == "28 Oct 2025 15:30 CET"


def test_relative_times_and_their_exact_time_on_hover() -> None:
    with timezone.override(dt.UTC):
        assert relative(NOW - dt.timedelta(minutes=12), now=NOW) == "12 min ago"
        assert relative(NOW + dt.timedelta(hours=2, minutes=5), now=NOW) == "in 2 h 5 min"
        assert relative(NOW - dt.timedelta(seconds=10), now=NOW) == "just now"
        assert relative(NOW - dt.timedelta(days=9), now=NOW) == "Mon 23 Nov 14:30 UTC"
        tag = time_tag(timezone.now() - dt.timedelta(minutes=3), relative_first=True)
    assert ">3 min ago</time>" in tag
    assert 'title="' in tag
    assert time_tag(None) == "—"


def test_days_show_the_year_only_when_it_is_not_this_year() -> None:
    today = dt.date(2026, 12, 2)
    assert day(dt.date(2026, 12, 24), today=today) == "Thu 24 Dec"
    assert day(dt.date(2027, 1, 4), today=today) == "4 Jan 2027"
    assert day(None) == "—"
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert day(dt.datetime(2026, 12, 2, 20, 0, tzinfo=dt.UTC), today=today) == "Thu 3 Dec"


def test_the_filters_in_a_template() -> None:
    template = engines["pages"].from_string("{{ due|day }} · {{ spent|duration }} · {{ badge('in_progress') }}")
    text = template.render({"due": dt.date(2020, 5, 1), "spent": dt.timedelta(minutes=75)})
    assert text.startswith("1 May 2020 · 1 h 15 min · ")
    assert ">in progress</span>" in text
