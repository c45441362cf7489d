"""Schedules through the API: created whole or not at all, overridden, asked who is on call; the calendar feed."""

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from oncall.models import CalendarFeed, Layer, Override, Schedule
from tests.accounts.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew() -> list[User]:
    return [UserFactory(role="technical_support", first_name=name) for name in ("Ana", "Ben", "Cleo")]


def body(crew: list[User], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Payments primary",
        "time_zone": "Europe/Paris",
        "layers": [
            {"name": "Weekdays", "rotation": "daily", "handoff_time": "09:00", "start": "2026-03-23",
             "users": [crew[0].pk, crew[1].pk]},
            {"name": "Weekends", "rotation": "weekly", "handoff_time": "00:00", "start": "2026-03-23",
             "users": [crew[2].pk], "restrictions": [{"days": ["sat", "sun"], "from": "00:00", "to": "00:00"}]},
        ],
    }  # fmt: skip
    return {**data, **changes}


def test_a_schedule_with_layers_answers_who_is_on_call(api_as: Any, manager: User, crew: list[User]) -> None:
    api = api_as(manager)
    created = api.post("/api/v1/schedules/", {**body(crew), "client": ClientFactory().pk}, format="json")
    assert created.status_code == 201, created.json()
    schedule = created.json()
    assert [layer["name"] for layer in schedule["layers"]] == ["Weekdays", "Weekends"]
    assert schedule["layers"][1]["restrictions"] == [{"days": ["sat", "sun"], "from": "00:00", "to": "00:00"}]
    url = f"/api/v1/schedules/{schedule['id']}/on-call/"
    tuesday = api.get(url, {"at": "2026-03-24T10:00:00+01:00"}).json()
    assert [user["name"] for user in tuesday["users"]] == [crew[1].full_name]
    assert tuesday["users"][0]["email"] == crew[1].email
    assert (tuesday["start"], tuesday["end"]) == ("2026-03-24T08:00:00Z", "2026-03-25T08:00:00Z")
    after_change = api.get(url, {"at": "2026-03-30T12:00:00+02:00"}).json()
    assert after_change["start"] == "2026-03-30T07:00:00Z"  # still 09:00 in Paris, now summer time
    saturday = api.get(url, {"at": "2026-03-28T12:00:00+01:00"}).json()
    assert ([u["id"] for u in saturday["users"]], saturday["source"]) == ([crew[2].pk], "layer 2")
    assert api.get(url).status_code == 200
    assert api.get(url, {"at": "yesterday"}).json()["code"] == "invalid"


def test_an_override_takes_the_schedule_for_a_while(api_as: Any, manager: User, crew: list[User]) -> None:
    api = api_as(manager)
    schedule = api.post("/api/v1/schedules/", body(crew), format="json").json()
    stand_in = UserFactory(role="incident_manager")
    start = (timezone.now() + dt.timedelta(hours=1)).replace(microsecond=0)
    override = api.post(
        f"/api/v1/schedules/{schedule['id']}/overrides/",
        {"user": stand_in.pk, "start": start.isoformat(), "end": (start + dt.timedelta(hours=4)).isoformat()},
        format="json",
    )
    assert override.status_code == 201, override.json()
    during = api.get(
        f"/api/v1/schedules/{schedule['id']}/on-call/", {"at": (start + dt.timedelta(hours=1)).isoformat()}
    )
    assert ([u["id"] for u in during.json()["users"]], during.json()["source"]) == ([stand_in.pk], "override")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone", "invalid_schedule"),
        ({"layers": []}, "layers", "invalid_schedule"),
        ({"name": ""}, "name", "invalid_schedule"),
        ({"client": 999999}, "client", "client_not_found"),
    ],
)
def test_a_wrong_schedule_is_refused_whole(
    api_as: Any, manager: User, crew: list[User], changes: dict[str, Any], field: str, code: str
) -> None:
    answer = api_as(manager).post("/api/v1/schedules/", body(crew, **changes), format="json")
    assert (answer.status_code, answer.json()["code"]) == (400, code)
    assert field in answer.json()["fields"]
    assert not Schedule.objects.exists()
    assert not Layer.objects.exists()


@pytest.mark.parametrize(
    ("layer", "problem"),
    [
        ({"rotation": "monthly"}, "rotation"),
        ({"rotation": "hours"}, "every"),
        ({"handoff_time": "9am"}, "handoff_time"),
        ({"users": []}, "users"),
        ({"users": [999999]}, "users"),
        ({"restrictions": [{"days": ["someday"], "from": "00:00", "to": "06:00"}]}, "restrictions"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_wrong_layer_names_its_problem(
    api_as: Any, manager: User, crew: list[User], layer: dict[str, Any], problem: str
) -> None:
    data = body(crew)
    data["layers"][0] = {**data["layers"][0], **layer}
    answer = api_as(manager).post("/api/v1/schedules/", data, format="json")
    messages = " ".join(answer.json()["fields"].get("layers[0]", []) + answer.json()["fields"].get("layers", []))
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_schedule")
    assert problem in messages
    assert not Schedule.objects.exists()


def test_only_on_call_managers_create_schedules_and_overrides(api_as: Any, support: User, crew: list[User]) -> None:
    answer = api_as(support).post("/api/v1/schedules/", body(crew), format="json")
    assert (answer.status_code, answer.json()["code"]) == (403, "not_permitted")
    assert not Schedule.objects.exists()


def test_a_past_or_backwards_override_is_refused(api_as: Any, manager: User, crew: list[User]) -> None:
    api = api_as(manager)
    schedule = api.post("/api/v1/schedules/", body(crew), format="json").json()
    now = timezone.now()
    for start, end in ((now - dt.timedelta(days=2), now - dt.timedelta(days=1)), (now, now - dt.timedelta(hours=1))):
        answer = api.post(f"/api/v1/schedules/{schedule['id']}/overrides/",
                          {"user": crew[0].pk, "start": start.isoformat(), "end": end.isoformat()}, format="json")  # fmt: skip
        assert (answer.status_code, answer.json()["code"]) == (400, "invalid_override")
    assert not Override.objects.exists()


def test_my_shifts_as_a_calendar_that_i_can_rotate(
    client: Client, api_as: Any, manager: User, crew: list[User]
) -> None:
    data = body(crew, time_zone="UTC")
    data["layers"][0]["start"] = str(timezone.localdate() - dt.timedelta(days=3))
    api_as(manager).post("/api/v1/schedules/", data, format="json")
    client.force_login(crew[0])
    client.post("/on-call/calendar/")
    token = CalendarFeed.objects.get(user=crew[0]).token
    answer = Client().get(f"/on-call/calendar/{token}.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    assert all(str(event["summary"]) == "On call: Payments primary" for event in events)
    assert all(event.decoded("dtstart").hour == 9 for event in events if event.decoded("dtstart").hour != 0)
    client.post("/on-call/calendar/")
    assert Client().get(f"/on-call/calendar/{token}.ics").status_code == 404
    fresh = CalendarFeed.objects.get(user=crew[0]).token
    assert Client().get(f"/on-call/calendar/{fresh}.ics").status_code == 200


def test_the_schedule_page_draws_the_coming_weeks(client: Client, api_as: Any, manager: User, crew: list[User]) -> None:
    schedule = api_as(manager).post("/api/v1/schedules/", body(crew), format="json").json()
    client.force_login(manager)
    page = client.get(f"/on-call/schedules/{schedule['id']}/").content.decode()
    assert "<svg" in page
    assert page.count('class="row-label') == 4  # two layers, the overrides, the result
    assert crew[0].full_name in page
    overview = client.get("/on-call/").content.decode()
    assert "Payments primary" in overview


def test_a_schedule_is_renamed_and_its_layers_replaced_whole(api_as: Any, manager: User, crew: list[User]) -> None:
    api = api_as(manager)
    schedule = api.post("/api/v1/schedules/", body(crew), format="json").json()
    url = f"/api/v1/schedules/{schedule['id']}/"
    one = [{"name": "Everyone", "rotation": "hours", "every": 12, "handoff_time": "08:00", "start": "2026-03-23",
            "users": [crew[2].pk]}]  # fmt: skip
    changed = api.patch(url, {"name": "Payments", "layers": one}, format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["name"], [layer["name"] for layer in changed.json()["layers"]]) == ("Payments", ["Everyone"])
    wrong = api.patch(url, {"layers": [{**one[0], "every": 0}], "name": "Other"}, format="json")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_schedule")
    after = api.get(url).json()
    assert (after["name"], after["layers"][0]["every"]) == ("Payments", 12)
    on_call = api.get(f"{url}on-call/", {"at": "2026-03-24T09:00:00+01:00"}).json()
    assert [user["id"] for user in on_call["users"]] == [crew[2].pk]
