"""Request bodies are checked by copies of each input serializer's fields made the quick way; every input
serializer of the API then accepts and refuses exactly what DRF's own copies accept and refuse, request after
request, with nothing of one request left in the next."""

from typing import Any

import pytest
from django.urls import get_resolver
from rest_framework import serializers

from core.api.inputs import with_fields


def _inputs() -> list[type[serializers.Serializer]]:
    get_resolver().url_patterns  # noqa: B018  # every API module loaded
    found, waiting = set(), list(serializers.Serializer.__subclasses__())
    while waiting:
        kind = waiting.pop()
        waiting += kind.__subclasses__()
        if kind.__name__.endswith("InputSerializer") and kind.__module__.split(".")[0] != "tests":
            found.add(kind)
    return sorted(found, key=lambda kind: f"{kind.__module__}.{kind.__name__}")


BODIES: list[dict[str, Any]] = [
    {},
    {"title": "x" * 300, "status": 5, "severity": "P9", "events": "not a list", "assessment": {"users": "many"}},
    {"title": "Disk full", "description": "db-7", "category": "software", "severity": "P4", "impact": "low",
     "urgency": "low", "detection_time": "2026-06-01T11:00:00Z", "status": "resolved", "note_text": "Done",
     "resolution_code": "fixed", "url": "https://hooks.example.test/x", "events": ["incident.created"]},
    {"title": "Disk full", "description": "db-7", "category": "software", "impact": "low", "urgency": "low",
     "detection_time": "2026-06-01T11:00:00Z", "configuration_items": [1, "x"], "events": ["incident.created", 4],
     "assessment": {"affected_parties_count": "many", "complete_outage": True, "sla_breach_risk": False}},
]  # fmt: skip


def _outcome(serializer: serializers.Serializer) -> tuple[bool, Any, Any]:
    ok = serializer.is_valid()
    return ok, serializer.errors, dict(serializer.validated_data) if ok else None


@pytest.mark.django_db
@pytest.mark.parametrize("kind", _inputs(), ids=lambda kind: kind.__name__)
def test_quick_fields_accept_and_refuse_as_drf_does(kind: type[serializers.Serializer]) -> None:
    assert kind.__name__
    for _ in range(2):  # the second round reuses the kept copies
        for body in BODIES:
            for partial in (False, True):
                for told in (body, None):  # the body named (fields holding others copied only when given), or not
                    quick = with_fields(kind(data=body, partial=partial), told)
                    assert _outcome(quick) == _outcome(kind(data=body, partial=partial)), (body, partial)
                    assert all(field.parent is quick for field in quick.fields.values())


def test_fields_holding_others_are_copied_whole_when_the_body_gives_them() -> None:
    from incidents.api.serializers import IncidentCreateInputSerializer as Kind

    given = {"assessment": {"complete_outage": True}, "configuration_items": [1]}
    first, second = with_fields(Kind(data=given), given), with_fields(Kind(data=given), given)
    assert (
        first.fields["assessment"].fields["complete_outage"]
        is not second.fields["assessment"].fields["complete_outage"]
    )
    assert first.fields["configuration_items"].child is not second.fields["configuration_items"].child
    assert first.fields["configuration_items"].child.parent is first.fields["configuration_items"]
    absent = with_fields(Kind(data={}), {})
    assert absent.fields["assessment"] is not first.fields["assessment"]
    assert absent.fields["assessment"].parent is absent


def test_there_are_input_serializers_to_compare() -> None:
    assert len(_inputs()) > 40
