"""The OpenAPI schema documents every error an operation can answer, each with the one error body."""

from __future__ import annotations

from typing import Any

ERROR_BODY = {
    "type": "object",
    "required": ["code", "message", "fields"],
    "properties": {
        "code": {"type": "string", "description": "Stable machine-readable reason, e.g. `self_approval`."},
        "message": {"type": "string", "description": "For people; may change."},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Per input field, what is wrong with it.",
        },
    },
}

REASONS = {
    "400": "Bad input or a broken rule (`invalid`, `unknown_field`, `too_deep`, `invalid_page_size`, a rule's code).",
    "401": "No token, or a bad one (`not_authenticated`).",
    "403": "The role does not allow it (`not_permitted`) or a rule about the person refuses it.",
    "404": "No such record, or one the caller may not see (`not_found`).",
    "409": "The record's state forbids it: a duplicate, a wrong status, a concurrent change, or a request with the "
    "same Idempotency-Key still running (`idempotency_in_progress`).",
    "413": "The body is larger than allowed (`too_large`).",
    "415": "The body's content type is not accepted (`unsupported_media_type`).",
    "422": "The Idempotency-Key was already used for another request (`idempotency_key_reused`).",
    "429": "Too many requests or sign-in failures (`throttled`, `locked_out`), with Retry-After.",
}
WRITES = ("post", "put", "patch", "delete")


def _statuses(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    public = "security" not in operation or {} in operation["security"]
    statuses = ["400", "429"] if method == "get" else ["400", "413", "415", "429"]
    if not public:
        statuses += ["401", "403"]
    if "{" in path or (method in WRITES and not public):
        statuses.append("404")
    if method in WRITES and not public:
        statuses.append("409")
    if method == "post":
        statuses += ["409", "422"]  # an Idempotency-Key in use, or reused for another request
    return sorted(set(statuses))


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Send the same key when retrying a POST: the first answer is replayed (with the header "
    "`Idempotent-Replayed: true`) instead of the request being done twice. Kept for 24 hours per caller; the same "
    "key with another body answers 422 `idempotency_key_reused`.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
}


def _closed(schema: dict[str, Any]) -> None:
    """Request bodies admit only the fields they declare (the API answers `unknown_field` to any other)."""
    if schema.get("type") == "object" and "properties" in schema:
        schema["additionalProperties"] = False
        for child in schema["properties"].values():
            _closed(child)


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: add the shared Error component and each operation's 4xx answers;
    close request bodies to undeclared fields."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name, component in components.items():
        if name.endswith("Request"):
            _closed(component)
    components["Error"] = ERROR_BODY
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query" and parameter.get("name") not in ("cursor", "page_size"):
                    parameter["allowEmptyValue"] = True  # an empty filter means no filter
            if method == "post":
                operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
            responses = operation.setdefault("responses", {})
            if any(parameter.get("name") == "export" for parameter in operation.get("parameters", [])):
                responses["200"].setdefault("content", {})["text/csv"] = {"schema": {"type": "string"}}
            statuses = set(_statuses(path, method, operation)) | {code for code in responses if code.startswith("4")}
            for status in sorted(statuses):
                answer = responses.setdefault(status, {"description": REASONS.get(status, "")})
                answer["description"] = answer.get("description") or REASONS.get(status, "")
                answer["content"] = {"application/json": {"schema": reference}}
    return result
