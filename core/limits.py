"""Request bodies over the configured size are refused before they are read (413 `too_large`)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


def body_limit(request: HttpRequest) -> int:
    """Uploads (multipart) may carry an attachment; every other body is small."""
    if request.content_type == "multipart/form-data":
        return int(settings.TRACER_ATTACHMENT_MAX_BYTES) + 1024 * 1024
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    message = f"The request body is larger than {limit // 1024} KB."
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "too_large", "message": message, "fields": {}}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class BodySizeLimitMiddleware:
    """Decided from Content-Length, so an oversized body is never read; a body sent without a length is cut
    off at the limit by Django's own reader (DATA_UPLOAD_MAX_MEMORY_SIZE) and answered the same way."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request)
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)
