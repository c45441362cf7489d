"""`Idempotency-Key` on API POSTs: a retried request (a timeout, a network drop) gets the first answer again
instead of creating a second record. Keyed by the caller (a hash of its credentials) and the key; the same key
with another body is refused, and a retry while the first is still running is told to wait."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from core.models import IdempotentRequest

HEADER = "HTTP_IDEMPOTENCY_KEY"
KEEP = dt.timedelta(hours=24)
MAX_KEY = 200


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "fields": {}}, status=status)


class IdempotencyKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        key = key.strip()
        if not key or len(key) > MAX_KEY or not key.isprintable():
            return _error(400, "invalid_idempotency_key", f"An Idempotency-Key is 1 to {MAX_KEY} printable characters.")
        credentials = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get("sessionid", "")
        owner = _digest(credentials.encode())
        fingerprint = _digest(request.path.encode(), request.body)
        record, refusal = self._claim(owner, key, fingerprint)
        if refusal is not None:
            return refusal
        if record is None:
            return self.get_response(request)  # pragma: no cover - _claim returns one or the other
        if record.status_code is not None:
            replay = HttpResponse(bytes(record.body), status=record.status_code, content_type=record.content_type)
            replay["Idempotent-Replayed"] = "true"
            return replay
        response = self.get_response(request)
        if response.status_code >= 500:
            IdempotentRequest.objects.filter(pk=record.pk).delete()  # a failure may be retried for real
        else:
            IdempotentRequest.objects.filter(pk=record.pk).update(
                status_code=response.status_code,
                content_type=response.get("Content-Type", ""),
                body=getattr(response, "content", b""),
            )
        return response

    @staticmethod
    def _claim(owner: str, key: str, fingerprint: str) -> tuple[IdempotentRequest | None, JsonResponse | None]:
        """The row this request works under (new: in progress; old: to replay), or the refusal."""
        IdempotentRequest.objects.filter(owner=owner, key=key, created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                return IdempotentRequest.objects.create(owner=owner, key=key, request_hash=fingerprint), None
        except IntegrityError:
            existing = IdempotentRequest.objects.filter(owner=owner, key=key).first()
        if existing is None:
            return None, _error(409, "idempotency_in_progress", "A request with this Idempotency-Key is running.")
        if existing.request_hash != fingerprint:
            return None, _error(
                422, "idempotency_key_reused", "This Idempotency-Key was used for another request; use a new key."
            )
        if existing.status_code is None:
            return None, _error(409, "idempotency_in_progress", "A request with this Idempotency-Key is running.")
        existing.body = bytes(existing.body)
        return existing, None
