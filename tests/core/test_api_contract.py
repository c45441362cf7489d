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
