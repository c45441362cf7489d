"""Once-only form posts: each rendered form carries a one-time token; the first post with it is served, a second
one (a double click, a resubmitted page) is answered "already sent" and does nothing. API clients use the
`Idempotency-Key` header instead (core.idempotency)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString

FIELD = "form_token"
TOKEN_SECONDS = 12 * 3600


def form_token_input() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, secrets.token_urlsafe(18))


def token_claim(token: str) -> bool:
    """True for the first use of a token, False for every later one (atomic in the shared cache)."""
    return bool(cache.add(f"form-once:{token[:64]}", 1, TOKEN_SECONDS))


class OnceOnlyFormMiddleware:
    """A page form's second post with the same token goes back to where it came from, with a message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/api/"):
            token = request.POST.get(FIELD, "")
            if token and not token_claim(token):
                messages.info(request, "That form was already sent; it was not done twice.")
                back = request.META.get("HTTP_REFERER", "")
                safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
                return HttpResponseRedirect(back if back and safe else request.path)
        return self.get_response(request)
