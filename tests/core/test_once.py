"""Double submission creates nothing twice: the page forms' one-time token and the API's Idempotency-Key."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.models import IdempotentRequest
from incidents.models import Incident, WorkNote
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_a_form_posted_twice_with_its_token_is_done_once(client: Client, manager: User) -> None:
    client.force_login(manager)
    incident = IncidentFactory(status="in_progress")
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    data = {"note_text": "Checked the pool", "note_type": "troubleshooting", "form_token": _token(page)}
    first = client.post(f"/incidents/{incident.pk}/notes/", data)
    second = client.post(
        f"/incidents/{incident.pk}/notes/", data, HTTP_REFERER=f"http://testserver/incidents/{incident.pk}/"
    )
    assert (first.status_code, second.status_code) == (302, 302)
    assert WorkNote.objects.filter(incident=incident, note_text="Checked the pool").count() == 1
    shown = client.get(second["Location"]).content.decode()
    assert "already sent" in shown
    fresh = _token(shown)
    assert fresh != data["form_token"]
    client.post(f"/incidents/{incident.pk}/notes/", {**data, "form_token": fresh})
    assert WorkNote.objects.filter(incident=incident, note_text="Checked the pool").count() == 2


def _body() -> dict[str, Any]:
    return {
        "title": "Disk full", "description": "x", "category": "hardware", "impact": "low", "urgency": "low",
        "severity": "P4", "detection_time": (timezone.now() - dt.timedelta(minutes=1)).isoformat(),
    }  # fmt: skip


def test_an_api_post_retried_with_its_key_is_replayed(api_as: Any, support: User) -> None:
    api = api_as(support)
    body = _body()
    first = api.post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    again = api.post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Incident.objects.count() == 1
    other = api.post("/api/v1/incidents/", {**body, "title": "Other"}, format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    assert api.post("/api/v1/incidents/", body, format="json").status_code == 201  # no key: a new record
    assert Incident.objects.count() == 2


def test_keys_belong_to_their_caller_and_expire(api_as: Any, support: User, manager: User) -> None:
    body = _body()
    api_as(support).post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    answer = api_as(manager).post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert answer.status_code == 201
    assert "Idempotent-Replayed" not in answer
    IdempotentRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    later = api_as(support).post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert "Idempotent-Replayed" not in later
    assert Incident.objects.count() == 3


def test_a_request_still_running_is_not_run_again(api_as: Any, support: User) -> None:
    api, body = api_as(support), _body()
    api.post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="slow")
    IdempotentRequest.objects.update(status_code=None)  # as if the first were still being served
    answer = api.post("/api/v1/incidents/", body, format="json", HTTP_IDEMPOTENCY_KEY="slow")
    assert (answer.status_code, answer.json()["code"]) == (409, "idempotency_in_progress")
    assert Incident.objects.count() == 1


def test_a_bad_key_is_refused(api_as: Any, support: User) -> None:
    answer = api_as(support).post("/api/v1/incidents/", _body(), format="json", HTTP_IDEMPOTENCY_KEY="x" * 201)
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_idempotency_key")
    assert not Incident.objects.exists()
