"""Writes of the shared kernel that are not part of any SOP: the scheduler heartbeat."""

from django.db.models import F
from django.utils import timezone

from core.models import SchedulerHeartbeat
from core.selectors import HEARTBEAT_NAME


def heartbeat_record(name: str = HEARTBEAT_NAME) -> None:
    """Note that a periodic task reached a worker now (one row per scheduler, updated in place)."""
    now = timezone.now()
    updated = SchedulerHeartbeat.objects.filter(name=name).update(last_seen_at=now, beats=F("beats") + 1)
    if not updated:
        SchedulerHeartbeat.objects.bulk_create(
            [SchedulerHeartbeat(name=name, last_seen_at=now, beats=1)], ignore_conflicts=True
        )
