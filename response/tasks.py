"""Celery entry points of the response cycle."""

from celery import shared_task

from response.services.postmortem import remind_late_postmortems


@shared_task(name="response.tasks.remind_late_postmortems")
def remind_late_postmortems_task() -> str:
    """Hourly: P1/P2 post-mortems not approved 72 hours after resolution get one reminder."""
    return f"reminded {remind_late_postmortems()}"
