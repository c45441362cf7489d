"""Reads of the kernel's own state: the scheduler's heartbeat and what the system runs on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.models import AuditRecord, SchedulerHeartbeat

HEARTBEAT_NAME = "beat"
HEARTBEAT_STALE_AFTER_SECONDS = 150


def heartbeat_state() -> dict[str, Any]:
    beat = SchedulerHeartbeat.objects.filter(name=HEARTBEAT_NAME).first()
    if beat is None:
        return {"seen": False, "healthy": False, "last_seen_at": None, "beats": 0, "age_seconds": None}
    age = (timezone.now() - beat.last_seen_at).total_seconds()
    return {
        "seen": True,
        "healthy": age <= HEARTBEAT_STALE_AFTER_SECONDS,
        "last_seen_at": beat.last_seen_at,
        "beats": beat.beats,
        "age_seconds": int(age),
    }


def _redact(url: str) -> str:
    if "@" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def system_status() -> dict[str, Any]:
    """What an administrator checks first when something seems stuck."""
    return {
        "database": connection.vendor,
        "database_name": str(settings.DATABASES["default"].get("NAME", "")),
        "broker": _redact(settings.CELERY_BROKER_URL),
        "email_backend": settings.EMAIL_BACKEND.rsplit(".", 2)[-2],
        "heartbeat": heartbeat_state(),
        "audit_records": AuditRecord.objects.count(),
    }
