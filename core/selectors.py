"""Reads for the shell pages: the home summary and the administrators' system status."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from core.actor import Actor
from core.models import AuditRecord, SchedulerHeartbeat
from core.permissions import can, scope

HEARTBEAT_NAME = "beat"
HEARTBEAT_STALE_AFTER_SECONDS = 150


def home_summary(*, actor: Actor) -> dict[str, Any]:
    """Counts the signed-in user may see: configuration items by state, clients, agreements."""
    from accounts.models import Client
    from cmdb.models import ConfigurationItem
    from sla.models import SLAAgreement

    summary: dict[str, Any] = {}
    if can(actor, "incidents.view"):
        from incidents.models import Incident

        active = Q(status__in=["open", "in_progress", "monitoring"])
        summary["incidents"] = scope(Incident.objects.all(), actor).aggregate(
            major=Count("id", filter=active & Q(severity__in=["P1", "P2"])),
            active=Count("id", filter=active),
            unacknowledged=Count("id", filter=Q(status="open")),
            mine=Count("id", filter=active & Q(assigned_to_id=actor.user_id)),
        )
    if can(actor, "cmdb.view"):
        summary["cis"] = scope(ConfigurationItem.objects.all(), actor).aggregate(
            total=Count("id"),
            down=Count("id", filter=Q(operational_status="down")),
            degraded=Count("id", filter=Q(operational_status="degraded")),
        )
    if can(actor, "clients.view"):
        summary["clients"] = scope(Client.objects.all(), actor).aggregate(
            total=Count("id"), active=Count("id", filter=Q(status="active"))
        )
    if can(actor, "sla.view"):
        summary["agreements"] = scope(SLAAgreement.objects.all(), actor).aggregate(
            active=Count("id", filter=Q(status="active"))
        )
    return summary


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
        **_outbox_counts(),
    }


def _outbox_counts() -> dict[str, int]:
    from communications.models import OutboxMessage

    return OutboxMessage.objects.aggregate(
        outbox_waiting=Count("id", filter=Q(status__in=["pending", "sending"])),
        outbox_failed=Count("id", filter=Q(status="failed")),
    )
