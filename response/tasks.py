"""Celery entry points of the response cycle."""

from celery import shared_task

from response.services.postmortem import postmortem_remind_late


@shared_task(name="response.tasks.postmortem_remind_late")
def remind_late_postmortems_task() -> str:
    """Hourly: P1/P2 post-mortems not approved 72 hours after resolution get one reminder."""
    return f"reminded {postmortem_remind_late()}"
