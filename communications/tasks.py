"""Celery entry points of communications: deliver one outbox row, sweep the outbox, remind about cadence."""

from celery import shared_task

from communications.services.outbox import TransientDeliveryError, outbox_deliver, outbox_sweep

MAX_RETRIES = 8


@shared_task(bind=True, name="communications.tasks.deliver_outbox_message", max_retries=MAX_RETRIES, acks_late=True)
def deliver_outbox_message(self, message_id: int) -> str:
    """Send one outbox row; transient SMTP errors retry with exponential backoff, the last try records failure."""
    try:
        return outbox_deliver(message_id, final_attempt=self.request.retries >= MAX_RETRIES)
    except TransientDeliveryError as error:
        raise self.retry(exc=error, countdown=min(10 * 2**self.request.retries, 900)) from error


@shared_task(name="communications.tasks.sweep_outbox")
def sweep_outbox() -> str:
    """Every minute: hand back rows left pending or stuck in sending."""
    return f"queued {outbox_sweep()}"


@shared_task(name="communications.tasks.remind_overdue_updates")
def remind_overdue_updates() -> str:
    """Every minute: remind incident managers whose stakeholder update is overdue (once per missed moment)."""
    from communications.services.cadence import cadence_scan

    return f"reminded {cadence_scan()}"
