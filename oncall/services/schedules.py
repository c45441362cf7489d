"""Schedules: created with their layers in one go, overridden for a while, and read as "who is on call"."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from accounts.lookups import client_resolve, user_resolve
from accounts.models import User
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import DomainError, InvalidInput
from core.models import AuditAction
from core.permissions import require
from core.validation import body_begin, name_free
from oncall import rotation
from oncall.choices import Rotation
from oncall.models import Layer, Override, Schedule

LAYER_FIELDS = {"name", "rotation", "every", "handoff_time", "start", "users", "restrictions"}
OVERRIDE_LONGEST = dt.timedelta(days=90)


def _time(value: Any) -> dt.time | None:
    return parse_time(value) if isinstance(value, str) else None


def _restrictions(raw: Any, errors: list[str]) -> list[dict[str, Any]]:
    if raw in (None, []):
        return []
    if not isinstance(raw, list):
        errors.append("restrictions: a list of {days, from, to}.")
        return []
    cleaned = []
    for item in raw:
        days = item.get("days") if isinstance(item, dict) else None
        start, end = (_time(item.get(k)) if isinstance(item, dict) else None for k in ("from", "to"))
        if not isinstance(days, list) or not days or any(day not in rotation.DAYS for day in days):
            errors.append(f"restrictions: days are among {', '.join(rotation.DAYS)}.")
        elif start is None or end is None:
            errors.append('restrictions: "from" and "to" are times, HH:MM.')
        else:
            cleaned.append({"days": list(dict.fromkeys(days)), "from": f"{start:%H:%M}", "to": f"{end:%H:%M}"})
    return cleaned


def layer_clean(raw: Any, index: int, actor: Actor) -> tuple[dict[str, Any], list[str]]:
    """One layer of the request body, checked: its rotation, hand-off, start, people and restrictions."""
    errors: list[str] = []
    if not isinstance(raw, dict):
        return {}, ["Each layer is an object."]
    errors += [f"{name}: unknown field." for name in raw if name not in LAYER_FIELDS]
    kind = raw.get("rotation")
    if kind not in Rotation.values:
        errors.append(f"rotation: one of {', '.join(Rotation.values)}.")
    every = raw.get("every")
    if kind == Rotation.HOURS and (
        not isinstance(every, int) or isinstance(every, bool) or not 1 <= every <= rotation.MAX_EVERY_HOURS
    ):
        errors.append(f"every: the hours of each shift, 1 to {rotation.MAX_EVERY_HOURS}.")
    handoff = _time(raw.get("handoff_time"))
    if handoff is None:
        errors.append("handoff_time: a time, HH:MM.")
    start = parse_date(raw["start"]) if isinstance(raw.get("start"), str) else None
    if start is None:
        errors.append("start: a date, YYYY-MM-DD.")
    people = raw.get("users")
    users: list[int] = []
    if not isinstance(people, list) or not people:
        errors.append("users: the people in turn, as user ids (one at least).")
    else:
        for value in people:
            try:
                user = user_resolve(value, field="users", label="user", actor=actor)
            except DomainError as error:  # a refused id is reported with the layer's other problems
                errors.append(f"users: {error.message}")
                continue
            if user.role == "client_contact":
                errors.append(f"users: {user.full_name} is a client contact, not on call.")
            users.append(int(user.pk))
    restrictions = _restrictions(raw.get("restrictions"), errors)
    name = str(raw.get("name") or f"Layer {index + 1}").strip()[:80]
    layer = {
        "name": name, "rotation": kind, "every_hours": every if kind == Rotation.HOURS else None,
        "handoff_time": handoff, "start": start, "users": users, "restrictions": restrictions,
    }  # fmt: skip
    return layer, errors


def _schedule_clean(data: Mapping[str, Any], actor: Actor, *, partial: bool) -> dict[str, Any]:
    """The schedule's fields checked together (only those given, when `partial`); every problem named."""
    cleaned, errors = body_begin(data, ("name", "client", "time_zone", "layers"), partial=partial)
    if not partial or "time_zone" in data:
        cleaned["time_zone"] = data.get("time_zone") or "UTC"
        if not isinstance(cleaned["time_zone"], str) or cleaned["time_zone"] not in zoneinfo.available_timezones():
            errors["time_zone"] = ["An IANA time zone, e.g. Europe/Paris."]
    if not partial or "layers" in data:
        raw_layers = data.get("layers")
        cleaned["layers"] = []
        if not isinstance(raw_layers, list) or not raw_layers:
            errors["layers"] = ["One layer at least."]
        else:
            for index, raw in enumerate(raw_layers):
                layer, problems = layer_clean(raw, index, actor)
                if problems:
                    errors[f"layers[{index}]"] = problems
                cleaned["layers"].append(layer)
    if errors:
        raise InvalidInput("The schedule is incomplete or invalid.", code="invalid_schedule", fields=errors)
    if not partial or "client" in data:
        cleaned["client"] = (
            client_resolve(data["client"], actor=actor) if data.get("client") not in (None, "") else None
        )
    return cleaned


def _layers_write(schedule: Schedule, layers: list[dict[str, Any]]) -> None:
    schedule.layers.all().delete()
    Layer.objects.bulk_create(Layer(schedule=schedule, position=i + 1, **layer) for i, layer in enumerate(layers))


@transaction.atomic
def schedule_create(*, actor: Actor, data: Mapping[str, Any]) -> Schedule:
    """A schedule with its layers, lowest first; refused whole when any part is wrong."""
    require(actor, "oncall.manage")
    cleaned = _schedule_clean(data, actor, partial=False)
    name_free(Schedule.objects.all(), cleaned["name"], other_than=None, code="schedule_exists")
    layers = cleaned.pop("layers")
    schedule = Schedule.objects.create(**cleaned, created_by_id=actor.user_id)
    _layers_write(schedule, layers)
    audit_log_created(actor=actor, record=schedule, fields=["name", "client_id", "time_zone"])
    return schedule


@transaction.atomic
def schedule_update(*, actor: Actor, schedule: Schedule, data: Mapping[str, Any]) -> Schedule:
    """Rename, move to another zone or client, or replace the layers (all of them, lowest first); the
    overrides stay. Refused whole when any part is wrong."""
    require(actor, "oncall.manage")
    schedule = Schedule.objects.select_for_update().get(pk=schedule.pk)
    cleaned = _schedule_clean(data, actor, partial=True)
    if "name" in cleaned:
        name_free(Schedule.objects.all(), cleaned["name"], other_than=schedule, code="schedule_exists")
    layers = cleaned.pop("layers", None)
    changes = model_update(instance=schedule, data=cleaned, fields=["name", "time_zone", "client"])
    if layers is not None:
        before = [layer.name for layer in schedule.layers.all()]
        _layers_write(schedule, layers)
        changes = {**changes, "layers": (", ".join(before), ", ".join(layer["name"] for layer in layers))}
    if changes:
        Schedule.objects.filter(pk=schedule.pk).update(updated_at=timezone.now())
        audit_log(actor=actor, record=schedule, action=AuditAction.UPDATE, changes=changes)
    return schedule


@transaction.atomic
def override_create(
    *, actor: Actor, schedule: Schedule, user: User | int | str | None, start: Any, end: Any
) -> Override:
    """Someone takes the schedule from `start` to `end` (at most 90 days, not wholly in the past)."""
    require(actor, "oncall.manage")
    person = user_resolve(user, field="user", label="user", actor=actor)
    begins = start if isinstance(start, dt.datetime) else parse_datetime(str(start or ""))
    ends = end if isinstance(end, dt.datetime) else parse_datetime(str(end or ""))
    errors: dict[str, str] = {}
    if begins is None:
        errors["start"] = "A date and time, ISO 8601."
    if ends is None:
        errors["end"] = "A date and time, ISO 8601."
    if begins is not None and ends is not None:
        begins = timezone.make_aware(begins) if timezone.is_naive(begins) else begins
        ends = timezone.make_aware(ends) if timezone.is_naive(ends) else ends
        if ends <= begins:
            errors["end"] = "After the start."
        elif ends - begins > OVERRIDE_LONGEST:
            errors["end"] = "Within 90 days of the start."
        elif ends <= timezone.now():
            errors["end"] = "Not in the past."
    if person.role == "client_contact":
        errors["user"] = f"{person.full_name} is a client contact, not on call."
    if errors or begins is None or ends is None:
        raise InvalidInput("The override is invalid.", code="invalid_override", fields=errors)
    override = Override.objects.create(
        schedule=schedule, user=person, start=begins, end=ends, created_by_id=actor.user_id
    )
    audit_log_created(actor=actor, record=override, fields=["user_id", "start", "end"], parent=schedule)
    return override


def schedule_spec(schedule: Schedule, layers: Sequence[Layer] | None = None) -> rotation.ScheduleSpec:
    """The schedule as the rotation engine reads it."""
    rows = list(layers if layers is not None else schedule.layers.all())
    specs = tuple(
        rotation.LayerSpec(
            rotation=layer.rotation, handoff=layer.handoff_time, start=layer.start, users=tuple(layer.users),
            every_hours=layer.every_hours,
            windows=tuple(
                rotation.Window(
                    days=frozenset(rotation.DAYS.index(day) for day in item["days"]),
                    start=dt.time.fromisoformat(item["from"]), end=dt.time.fromisoformat(item["to"]),
                )
                for item in layer.restrictions
            ),
        )
        for layer in rows
    )  # fmt: skip
    overrides = tuple(rotation.OverrideSpec(o.user_id, o.start, o.end) for o in schedule.overrides.all())
    return rotation.ScheduleSpec(schedule.time_zone, specs, overrides)


def on_call(schedule: Schedule, at: dt.datetime | None = None) -> tuple[rotation.Segment, list[User]]:
    """Who is on call at `at` (now by default), and the stretch that answer holds for."""
    segment = rotation.on_call_at(schedule_spec(schedule), at or timezone.now())
    people = User.objects.in_bulk(segment.users)
    return segment, [people[pk] for pk in segment.users if pk in people]
