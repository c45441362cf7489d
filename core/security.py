"""The answer to a locked-out sign-in (django-axes calls it): the API's error body, or a page that says why."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_OUT = 429


def signin_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The email a sign-in names, as it is stored (trimmed, lower case), so every spelling counts together."""
    given = (credentials or {}).get("username") or request.POST.get("username")
    return str(given).strip().lower() if given else None


def _minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request: HttpRequest, response: HttpResponse | None, credentials: Any) -> HttpResponse:
    message = (
        f"Too many failed sign-ins for this account or from this address. Try again in {_minutes()} minutes, or "
        "ask an administrator to unlock the account."
    )
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        answer: HttpResponse = JsonResponse({"code": "locked_out", "message": message, "fields": {}}, status=LOCKED_OUT)
    else:
        answer = render(request, "accounts/locked_out.html", {"message": message}, status=LOCKED_OUT)
    answer["Retry-After"] = retry_after
    return answer
