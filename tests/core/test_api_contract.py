"""The API contract: every operation documents its error answers, with the one error body; lists page alike."""

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method in ("get", "post", "patch", "put", "delete")
    ]


def test_every_operation_documents_its_errors_with_the_error_body(schema: dict[str, Any]) -> None:
    missing = []
    for path, method, operation in operations(schema):
        errors = {status for status in operation["responses"] if status.startswith("4")}
        expected = {"400", "429"} | ({"401", "403"} if "security" in operation else set())
        expected |= {"404"} if "{" in path else set()
        if not expected <= errors:
            missing.append(f"{method.upper()} {path}: {sorted(expected - errors)}")
        for status in errors:
            body = operation["responses"][status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (path, method, status)
    assert len(operations(schema)) > 60
    assert not missing, missing
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "message", "fields"]


def test_the_breach_report_is_a_paginated_list_like_the_others(schema: dict[str, Any]) -> None:
    report = schema["paths"]["/api/v1/sla-breaches/"]["get"]["responses"]["200"]["content"]["application/json"]
    incidents = schema["paths"]["/api/v1/incidents/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert report["schema"]["$ref"].startswith("#/components/schemas/Paginated")
    assert incidents["schema"]["$ref"].startswith("#/components/schemas/Paginated")
    names = {parameter["name"] for parameter in schema["paths"]["/api/v1/sla-breaches/"]["get"]["parameters"]}
    assert {"cursor", "page_size"} <= names
    assert not {"limit", "offset"} & names


def test_an_unknown_api_address_answers_with_the_error_body(client: Any) -> None:
    answer = client.get("/api/v1/no-such-thing/")
    assert (answer.status_code, answer["Content-Type"]) == (404, "application/json")
    assert answer.json()["code"] == "not_found"
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


def test_request_bodies_are_closed_and_json_only(schema: dict[str, Any]) -> None:
    incident = schema["components"]["schemas"]["IncidentCreateInputRequest"]
    assert incident["additionalProperties"] is False
    body = schema["paths"]["/api/v1/incidents/"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json"}


def test_wrong_json_types_are_refused_not_coerced(admin_user: Any) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(admin_user)
    answer = api.post(
        "/api/v1/incidents/severity-assessment/", {"complete_outage": 0, "affected_parties_count": "3"}, format="json"
    )
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid")
    assert set(answer.json()["fields"]) == {"complete_outage", "affected_parties_count"}
    assert api.get("/api/v1/action-items/", {"overdue": "maybe"}).status_code == 400
    assert api.get("/api/v1/incidents/", {"ordering": "password"}).json()["code"] == "invalid_ordering"
    assert api.get("/api/v1/attachments/", {"reference_id": "0.5"}).status_code == 400
