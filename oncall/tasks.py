"""Celery entry points of on-call."""

from celery import shared_task

from oncall.services.pages import pages_escalate_due


@shared_task(name="oncall.tasks.escalate_pages")
def escalate_pages() -> int:
    """Every minute (beat): pages nobody acknowledged in time move to their next step, once."""
    return pages_escalate_due()
