"""The rotation engine: hand-offs at local wall-clock time across daylight-saving changes, layers above layers
where their restrictions let them, overrides above everything, and the stretch each answer holds for."""

import datetime as dt
from zoneinfo import ZoneInfo

from oncall.rotation import LayerSpec, OverrideSpec, ScheduleSpec, Window, on_call_at, timeline, user_shifts

PARIS = ZoneInfo("Europe/Paris")
ALICE, BOB, CAROL, DAVE = 1, 2, 3, 4


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def daily(users: tuple[int, ...], start: dt.date, hour: int = 9, **more: object) -> LayerSpec:
    return LayerSpec(rotation="daily", handoff=dt.time(hour), start=start, users=users, **more)


def test_the_first_user_is_on_call_from_the_first_handoff_and_turns_follow() -> None:
    spec = ScheduleSpec("Europe/Paris", (daily((ALICE, BOB, CAROL), dt.date(2026, 6, 1)),))
    assert on_call_at(spec, paris(2026, 6, 1, 8, 59)).users == ()
    first = on_call_at(spec, paris(2026, 6, 1, 9, 0))
    assert (first.users, first.start, first.end) == ((ALICE,), paris(2026, 6, 1, 9), paris(2026, 6, 2, 9))
    assert on_call_at(spec, paris(2026, 6, 2, 12)).users == (BOB,)
    assert on_call_at(spec, paris(2026, 6, 3, 8, 59)).users == (BOB,)
    assert on_call_at(spec, paris(2026, 6, 4, 9)).users == (ALICE,)


def test_a_weekly_handoff_stays_at_local_time_across_the_spring_change() -> None:
    """Paris moves to summer time on 29 March 2026: 09:00 local is 08:00 UTC before, 07:00 UTC after."""
    layer = LayerSpec(rotation="weekly", handoff=dt.time(9), start=dt.date(2026, 3, 23), users=(ALICE, BOB))
    spec = ScheduleSpec("Europe/Paris", (layer,))
    before = on_call_at(spec, dt.datetime(2026, 3, 25, 12, tzinfo=dt.UTC))
    assert before.users == (ALICE,)
    assert before.start == dt.datetime(2026, 3, 23, 8, tzinfo=dt.UTC)
    assert before.end == dt.datetime(2026, 3, 30, 7, tzinfo=dt.UTC)
    assert before.end.astimezone(PARIS).hour == 9
    assert (before.end - before.start) == dt.timedelta(days=7, hours=-1)
    assert on_call_at(spec, dt.datetime(2026, 3, 30, 7, tzinfo=dt.UTC)).users == (BOB,)


def test_an_hourly_rotation_keeps_its_local_times_across_the_autumn_change() -> None:
    """Twelve-hour shifts at 08:00 and 20:00 Paris time; the night of 24-25 October 2026 has 25 hours."""
    layer = LayerSpec(rotation="hours", every_hours=12, handoff=dt.time(8), start=dt.date(2026, 10, 20),
                      users=(ALICE, BOB))  # fmt: skip
    spec = ScheduleSpec("Europe/Paris", (layer,))
    night = on_call_at(spec, paris(2026, 10, 25, 2, 30))
    assert (night.start.astimezone(PARIS).hour, night.end.astimezone(PARIS).hour) == (20, 8)
    assert night.end - night.start == dt.timedelta(hours=13)
    assert on_call_at(spec, paris(2026, 10, 25, 9)).end.astimezone(PARIS).hour == 20


def test_a_weekend_layer_covers_the_weekday_layer_only_where_it_has_shifts() -> None:
    weekdays = daily((ALICE, BOB), dt.date(2026, 6, 1))
    weekend = LayerSpec(
        rotation="weekly", handoff=dt.time(0), start=dt.date(2026, 6, 1), users=(CAROL,),
        windows=(Window(days=frozenset({5, 6}), start=dt.time(0), end=dt.time(0)),),
    )  # fmt: skip
    spec = ScheduleSpec("Europe/Paris", (weekdays, weekend))
    assert on_call_at(spec, paris(2026, 6, 5, 15)).users in ((ALICE,), (BOB,))  # a Friday
    saturday = on_call_at(spec, paris(2026, 6, 6, 15))
    assert (saturday.users, saturday.source) == ((CAROL,), "layer 2")
    assert (saturday.start, saturday.end) == (paris(2026, 6, 6, 0), paris(2026, 6, 8, 0))
    assert on_call_at(spec, paris(2026, 6, 8, 10)).source == "layer 1"


def test_a_restriction_past_midnight_covers_the_night() -> None:
    nights = LayerSpec(
        rotation="daily", handoff=dt.time(9), start=dt.date(2026, 6, 1), users=(DAVE,),
        windows=(Window(days=frozenset(range(7)), start=dt.time(22), end=dt.time(6)),),
    )  # fmt: skip
    spec = ScheduleSpec("Europe/Paris", (daily((ALICE,), dt.date(2026, 6, 1)), nights))
    assert on_call_at(spec, paris(2026, 6, 3, 23)).users == (DAVE,)
    assert on_call_at(spec, paris(2026, 6, 4, 5, 59)).users == (DAVE,)
    assert on_call_at(spec, paris(2026, 6, 4, 6)).users == (ALICE,)


def test_an_override_replaces_whoever_is_on_call_for_its_time() -> None:
    override = OverrideSpec(DAVE, paris(2026, 6, 2, 12), paris(2026, 6, 2, 18))
    spec = ScheduleSpec("Europe/Paris", (daily((ALICE, BOB), dt.date(2026, 6, 1)),), (override,))
    covered = on_call_at(spec, paris(2026, 6, 2, 13))
    assert (covered.users, covered.source, covered.start, covered.end) == (
        (DAVE,), "override", paris(2026, 6, 2, 12), paris(2026, 6, 2, 18),
    )  # fmt: skip
    after = on_call_at(spec, paris(2026, 6, 2, 18))
    assert (after.users, after.start, after.end) == ((BOB,), paris(2026, 6, 2, 18), paris(2026, 6, 3, 9))


def test_the_timeline_merges_equal_neighbours_and_a_person_reads_their_shifts() -> None:
    spec = ScheduleSpec("UTC", (daily((ALICE,), dt.date(2026, 6, 1)),))
    start, end = dt.datetime(2026, 6, 1, tzinfo=dt.UTC), dt.datetime(2026, 6, 5, tzinfo=dt.UTC)
    segments = timeline(spec, start, end)
    assert [(s.start.day, s.start.hour, s.end.day, s.users) for s in segments] == [
        (1, 0, 1, ()), (1, 9, 5, (ALICE,)),
    ]  # fmt: skip
    two = ScheduleSpec("UTC", (daily((ALICE, BOB), dt.date(2026, 6, 1)),))
    shifts = user_shifts(two, BOB, start, end)
    assert [(s.start.day, s.end.day) for s in shifts] == [(2, 3), (4, 5)]
    assert all(s.start.hour == 9 for s in shifts)


def test_nobody_on_call_answers_an_empty_list() -> None:
    spec = ScheduleSpec("UTC", (daily((ALICE,), dt.date(2030, 1, 1)),))
    assert on_call_at(spec, dt.datetime(2026, 6, 1, tzinfo=dt.UTC)).users == ()
