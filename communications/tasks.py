"""Celery entry points of communications: deliver one outbox row, sweep the outbox, remind about cadence."""

from celery import shared_task

from communications.services.outbox import outbox_deliver, outbox_sweep


@shared_task(name="communications.tasks.deliver_outbox_message", acks_late=True)
def deliver_outbox_message(message_id: int) -> str:
    """One attempt at one outbox row. There is no retry chain here: a failed attempt puts the row back with its
    backoff, and the sweep hands it out again when that time comes."""
    return outbox_deliver(message_id)


@shared_task(name="communications.tasks.deliver_outbox_messages", acks_late=True)
def deliver_outbox_messages(message_ids: list[int]) -> list[str]:
    """One attempt at each of a batch of rows (a backlog's emails, queued a chunk at a time); a row another
    worker holds or already sent is skipped by its claim."""
    return [outbox_deliver(message_id) for message_id in message_ids]


@shared_task(name="communications.tasks.sweep_outbox")
def sweep_outbox() -> str:
    """Every minute: hand back rows left pending or stuck in sending."""
    return f"queued {outbox_sweep()}"


@shared_task(name="communications.tasks.remind_overdue_updates")
def remind_overdue_updates() -> str:
    """Every minute: remind incident managers whose stakeholder update is overdue (once per missed moment)."""
    from communications.services.cadence import cadence_scan

    return f"reminded {cadence_scan()}"
