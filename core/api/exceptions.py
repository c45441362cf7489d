"""One DRF exception handler: every API error is `{"code", "message", "fields"}`."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from core.errors import DomainError

DRF_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "not_permitted",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ParseError: "parse_error",
}


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {"non_field_errors": [str(detail)]}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render DomainErrors, DRF's own errors and the database's constraint refusals in one shape."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", "The request body is too large."), status=413)
    if isinstance(exc, Http404):
        return Response(error_body("not_found", "No such record."), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body("not_permitted", "You are not allowed to do this."), status=403)
    if isinstance(exc, IntegrityError):
        # A database constraint caught what a service did not: the request collided with another one.
        return Response(
            error_body("conflict", "The change conflicts with the current data; reload and try again."),
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        return Response(error_body("invalid", "Some fields are missing or invalid.", fields), status=400)
    if isinstance(exc, exceptions.APIException):
        code = next((c for cls, c in DRF_CODES.items() if isinstance(exc, cls)), "error")
        headers = {}
        wait = getattr(exc, "wait", None)
        if wait:
            headers["Retry-After"] = str(int(wait))
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            headers["WWW-Authenticate"] = 'Token realm="api"'
        return Response(error_body(code, str(exc.detail)), status=exc.status_code, headers=headers)
    return None


def _json_or_page(status: int, code: str, message: str, page: Any) -> Any:
    """URL-level errors (no view answered): the API's error body under /api/, Django's page elsewhere."""

    def handler(request: Any, exception: Exception | None = None, **kwargs: Any) -> Any:
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse(error_body(code, message), status=status)
        return page(request, exception, **kwargs) if exception is not None else page(request, **kwargs)

    return handler


def _django(name: str) -> Any:
    from django.views import defaults

    return getattr(defaults, name)


not_found = _json_or_page(404, "not_found", "No such record or address.", _django("page_not_found"))
bad_request = _json_or_page(400, "bad_request", "The request is malformed.", _django("bad_request"))
forbidden = _json_or_page(403, "not_permitted", "You are not allowed to do this.", _django("permission_denied"))
server_error = _json_or_page(500, "server_error", "Something went wrong on our side.", _django("server_error"))
