"""The email outbox: a row written with the business change, delivered by Celery after commit, swept for
whatever a broker outage or a dead worker left behind. A key makes each notification a single row."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from communications.models import Communication, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)
"""Failures worth a retry: the server was away, not the message wrong."""


class TransientDeliveryError(Exception):
    """The SMTP server could not take the message now; the task retries later."""


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_ERRORS):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and 400 <= error.smtp_code < 500


def email_render(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """(plain text, HTML) of `emails/<template>`."""
    context = {"link": None, **context}
    return render_to_string(f"emails/{template}.txt", context).strip() + "\n", render_to_string(
        f"emails/{template}.html", context
    )


def email_recipients(addresses: Iterable[str | None]) -> list[str]:
    """Distinct, non-empty addresses in their first order."""
    seen: dict[str, None] = {}
    for address in addresses:
        cleaned = (address or "").strip()
        if cleaned and "@" in cleaned:
            seen.setdefault(cleaned.lower(), None)
    return list(seen)


def outbox_dispatch(message_id: int) -> None:
    """Hand the row to Celery; if the broker is down the row stays pending for the sweep."""
    from communications.tasks import deliver_outbox_message

    try:
        deliver_outbox_message.apply_async(args=(message_id,), retry=False)
    except Exception as error:  # any broker failure: the sweep delivers it later, nothing is lost
        logger.warning("outbox %s not queued (%s); the sweep will deliver it", message_id, error)


def outbox_enqueue(
    *,
    key: str,
    to: Iterable[str | None],
    subject: str,
    template: str,
    context: dict[str, Any],
    communication: Communication | None = None,
) -> OutboxMessage | None:
    """Write the email row in the caller's transaction and queue its delivery after commit.

    The same key twice is one email: the second call returns None and writes nothing.
    """
    addresses = email_recipients(to)
    if not addresses:
        return None
    if OutboxMessage.objects.filter(key=key).exists():
        return None
    text, html = email_render(template, context)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                to=addresses,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                communication=communication,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: outbox_dispatch(message.pk))
    return message


def _mark(message: OutboxMessage, **fields: Any) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(**fields)
    if message.communication_id and fields.get("status") in (OutboxStatus.SENT, OutboxStatus.FAILED):
        delivery = "sent" if fields["status"] == OutboxStatus.SENT else "failed"
        Communication.objects.filter(pk=message.communication_id).update(
            delivery_status=delivery, sent_at=fields.get("sent_at")
        )


def outbox_deliver(message_id: int, *, final_attempt: bool = False) -> str:
    """Send one row once: claim it (pending -> sending), send, record the outcome.

    A row another worker claimed, or already sent, is left alone, so a second run sends nothing more.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        headers={"Message-ID": f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@tracer>"},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send(fail_silently=False)
    except Exception as error:  # classified below: transient ones retry, the rest fail for good
        reason = f"{type(error).__name__}: {error}"[:2000]
        if _is_transient(error) and not final_attempt:
            _mark(message, status=OutboxStatus.PENDING, last_error=reason)
            raise TransientDeliveryError(reason) from error
        _mark(message, status=OutboxStatus.FAILED, last_error=reason)
        return "failed"
    _mark(message, status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="")
    return "sent"


def outbox_sweep(*, now: Any = None) -> int:
    """Queue again the rows nobody is delivering: pending for a while (a lost queue message, a broker outage)
    and sending for longer than the lease (a worker that died mid-send)."""
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.TRACER_OUTBOX_LEASE_SECONDS)
    grace = dt.timedelta(seconds=settings.TRACER_OUTBOX_GRACE_SECONDS)
    OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - lease).update(
        status=OutboxStatus.PENDING
    )
    ids = list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, created_at__lt=now - grace)
        .order_by("created_at")
        .values_list("pk", flat=True)[:1000]
    )
    for message_id in ids:
        outbox_dispatch(message_id)
    return len(ids)


def outbox_resend(*, message: OutboxMessage) -> None:
    """An administrator sends a failed message again."""
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, last_error=""
    )
    transaction.on_commit(lambda: outbox_dispatch(message.pk))
