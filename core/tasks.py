"""Celery entry points of the shared kernel."""

from celery import shared_task

from core.services import heartbeat_record


@shared_task(name="core.tasks.scheduler_heartbeat", ignore_result=True)
def scheduler_heartbeat() -> str:
    """Run every minute by beat: the system status page shows when the scheduler last reached a worker."""
    heartbeat_record()
    return "ok"
