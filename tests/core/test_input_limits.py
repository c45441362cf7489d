"""Input limits: nesting depth, body size, unknown fields, sane timestamps, page sizes and cursors, all answered
with the usual error body; the HTML forms hold the same limits."""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from core.limits import BodySizeLimitMiddleware
from incidents.models import Incident
from tests.helpers import assert_unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def incident_body(**changes: Any) -> dict[str, Any]:
    body = {
        "title": "Checkout down", "description": "502s", "category": "software", "impact": "high",
        "urgency": "high", "severity": "P3", "detection_time": (timezone.now() - dt.timedelta(minutes=5)).isoformat(),
    }  # fmt: skip
    return body | changes


def write_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path.replace("{id}", "999999").replace("{name}", "summary").replace("{key}", "999999-unknown-key"), method)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method in ("post", "patch") and "application/json" in operation.get("requestBody", {}).get("content", {})
    ]


def test_a_deeply_nested_body_is_refused_by_every_write_operation(api: APIClient) -> None:
    body = nested(100_000)
    operations = write_operations()
    assert len(operations) > 40
    for path, method in operations:
        answer = api.generic(method.upper(), path, body, content_type="application/json")
        if "999999" in path:
            assert answer.status_code == 404, (path, method)  # the record (or the source's key) is looked up first
        else:
            assert (answer.status_code, answer.json()["code"]) == (400, "too_deep"), (path, method)


def test_nesting_just_past_the_limit_is_refused_and_within_it_reaches_validation(api: APIClient) -> None:
    too_deep = api.post("/api/v1/incidents/", nested(17), content_type="application/json")
    assert (too_deep.status_code, too_deep.json()["code"]) == (400, "too_deep")
    shallow = api.post("/api/v1/incidents/", nested(3), content_type="application/json")
    assert (shallow.status_code, shallow.json()["code"]) == (400, "unknown_field")


def test_a_body_over_the_limit_is_refused_before_it_is_read() -> None:
    class Unreadable(io.RawIOBase):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

    request = RequestFactory().generic("POST", "/api/v1/incidents/", content_type="application/json")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    request.META["wsgi.input"] = Unreadable()
    answer = BodySizeLimitMiddleware(lambda request: HttpResponse("reached"))(request)
    assert answer.status_code == 413
    assert json.loads(answer.content)["code"] == "too_large"


def test_an_oversized_body_answers_413_through_the_stack(api: APIClient, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    with assert_unchanged():
        answer = api.post("/api/v1/incidents/", incident_body(description="x" * 5000), format="json")
    assert (answer.status_code, answer.json()["code"]) == (413, "too_large")
    assert set(answer.json()) == {"code", "message", "fields"}


def test_unknown_fields_are_refused_and_named(api: APIClient) -> None:
    with assert_unchanged():
        answer = api.post(
            "/api/v1/incidents/",
            incident_body(colour="red", assessment={"complete_outage": True, "sunny": True}, severity=None),
            format="json",
        )
    assert (answer.status_code, answer.json()["code"]) == (400, "unknown_field")
    assert set(answer.json()["fields"]) == {"colour", "assessment.sunny"}


def test_read_only_fields_count_as_unknown(api: APIClient) -> None:
    answer = api.post("/api/v1/incidents/", incident_body(incident_number="INC1"), format="json")
    assert (answer.status_code, answer.json()["code"]) == (400, "unknown_field")


@pytest.mark.parametrize(
    "moment",
    ["0001-01-01T00:00:00Z", "1999-12-31T23:59:00Z", (timezone.now() + dt.timedelta(hours=1)).isoformat()],
)
def test_a_detection_time_outside_the_sane_window_is_refused(api: APIClient, moment: str) -> None:
    with assert_unchanged():
        answer = api.post("/api/v1/incidents/", incident_body(detection_time=moment), format="json")
    assert answer.status_code == 400
    assert "detection_time" in answer.json()["fields"]


def test_a_planned_date_more_than_ten_years_ahead_is_refused(api: APIClient) -> None:
    far = (timezone.now() + dt.timedelta(days=365 * 20)).isoformat()
    answer = api.post(
        "/api/v1/changes/",
        {"title": "x", "change_type": "standard", "risk_level": "low", "implementation_date": far},
        format="json",
    )
    assert answer.status_code == 400


def test_the_html_form_holds_the_same_time_window(client: Any, admin_user: Any) -> None:
    client.force_login(admin_user)
    form = {k: v for k, v in incident_body(detection_time="1999-06-01T10:00").items() if k != "severity"}
    page = client.post("/incidents/new/", form)
    assert page.status_code == 200
    assert "detection_time" in page.context["form"].errors
    assert not Incident.objects.exists()


@pytest.mark.parametrize("size", ["-1", "abc", "0", "201", "1.5"])
def test_an_invalid_page_size_is_refused(api: APIClient, size: str) -> None:
    answer = api.get("/api/v1/incidents/", {"page_size": size})
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_page_size")


def test_a_forged_cursor_is_refused(api: APIClient) -> None:
    answer = api.get("/api/v1/incidents/", {"cursor": "not-a-cursor"})
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_cursor")
    assert api.get("/api/v1/incidents/", {"page_size": "200"}).status_code == 200


def test_malformed_json_is_a_400_with_the_error_body(api: APIClient) -> None:
    answer = api.post("/api/v1/incidents/", '{"title": ', content_type="application/json")
    assert (answer.status_code, answer.json()["code"]) == (400, "parse_error")
