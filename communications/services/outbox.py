"""The email outbox: a row written with the business change, delivered by Celery after commit, swept for
whatever a broker outage or a dead worker left behind. A key makes each notification a single row."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
import secrets
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from communications.channels import EMAIL, DeliveryError, channel_of, channels
from communications.models import Communication, OutboxMessage, OutboxStatus
from core.bulk import bulk_insert

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)
"""Failures worth a retry: the server was away, not the message wrong."""


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


DELIVERY_TASKS: dict[str, Any] = {}
"""The Celery tasks that deliver rows, one and many (given by communications' `ready()`: the tasks module
imports this one, so this one does not import it)."""


def outbox_tasks_use(*, one: Any, many: Any) -> None:
    DELIVERY_TASKS.update(one=one, many=many)


def outbox_dispatch(message_id: int) -> None:
    """Hand the row to Celery; if the broker is down the row stays pending for the sweep."""
    try:
        DELIVERY_TASKS["one"].apply_async(args=(message_id,), retry=False)
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
    return _row_write(
        key=key, to=addresses, subject=subject[:300], body_text=text, body_html=html, communication=communication
    )


@dataclass(frozen=True)
class Email:
    """One email to write among many (`outbox_enqueue_many`). With `later`, its body is rendered by the worker at
    send time from that JSON context (read back by the function registered for its template), so that a backlog
    of them costs one insert and no rendering in the writer's transaction."""

    key: str
    to: Iterable[str | None]
    subject: str
    template: str
    context: dict[str, Any]
    later: bool = False


CONTEXTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Templates whose emails may be rendered at send time -> the function that reads their context back."""


def email_context_register(template: str, read: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    CONTEXTS[template] = read


def outbox_enqueue_many(emails: list[Email]) -> int:
    """Many emails in the caller's transaction with one insert, handed to the workers a chunk per queue message
    after commit; a key already taken writes nothing (then they are written one at a time). How many were."""
    taken: set[str] = set()
    due = _first_sweep_at()
    rows = []
    for email in emails:
        addresses = email_recipients(email.to)
        if addresses and email.key not in taken:
            taken.add(email.key)
            later = email.later and email.template in CONTEXTS
            text, html = ("", "") if later else email_render(email.template, email.context)
            payload = {"template": email.template, "context": email.context} if later else {}
            rows.append({"key": email.key, "to": addresses, "subject": email.subject[:300], "body_text": text,
                         "body_html": html, "payload": payload})  # fmt: skip
    try:
        with transaction.atomic():
            ids = bulk_insert(OutboxMessage, rows, same={"next_attempt_at": due})
    except IntegrityError:  # a key written meanwhile by another transaction: one at a time, each key once
        return len([m for m in (_row_write(**row) for row in rows) if m is not None])
    transaction.on_commit(lambda: outbox_dispatch_many(ids))
    return len(ids)


def outbox_dispatch_many(ids: list[int], chunk: int = 50) -> None:
    """Hand rows to Celery `chunk` per queue message; if the broker is down they stay pending for the sweep."""
    for start in range(0, len(ids), chunk):
        try:
            DELIVERY_TASKS["many"].apply_async(args=(ids[start : start + chunk],), retry=False)
        except Exception as error:  # any broker failure: the sweep delivers them later, nothing is lost
            logger.warning("outbox rows not queued (%s); the sweep will deliver them", error)
            return


def _first_sweep_at() -> dt.datetime:
    """When the sweep may take a new row: after the grace its first dispatch has to claim it."""
    return timezone.now() + dt.timedelta(seconds=settings.TRACER_OUTBOX_GRACE_SECONDS)


def _row_write(**fields: Any) -> OutboxMessage | None:
    """One outbox row in the caller's transaction (None when its key is taken), handed to a worker after commit;
    the sweep takes it when that first dispatch is lost."""
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(next_attempt_at=_first_sweep_at(), **fields)
    except IntegrityError:
        return None
    transaction.on_commit(lambda: outbox_dispatch(message.pk))
    return message


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential backoff with jitter after the `attempts`-th failure: 30 s, 1 min, 2 min ... up to 15 min,
    each drawn between half and all of that, so that rows failed together do not retry together."""
    ceiling = min(30 * 2 ** max(attempts - 1, 0), 900)
    return dt.timedelta(seconds=ceiling * random.uniform(0.5, 1.0))


def _finish(message: OutboxMessage, token: str, **fields: Any) -> bool:
    """Write the outcome only while this claim still holds (fenced by its token): a claim the sweep took back
    after its lease writes nothing."""
    done = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING, claim_token=token).update(**fields)
    if done and message.communication_id and fields.get("status") in (OutboxStatus.SENT, OutboxStatus.FAILED):
        delivery = "sent" if fields["status"] == OutboxStatus.SENT else "failed"
        Communication.objects.filter(pk=message.communication_id).update(
            delivery_status=delivery, sent_at=fields.get("sent_at")
        )
    if not done:
        logger.warning("outbox %s: claim %s was taken back before its outcome; the row decides", message.pk, token)
    return bool(done)


def outbox_claim(message_id: int) -> tuple[OutboxMessage, str] | None:
    """Take a pending row for one delivery attempt (pending -> sending, with a fresh claim token); None when
    another worker has it or it is done."""
    token = secrets.token_hex(16)
    claimed = OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now(), claim_token=token, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=message_id), token


def _body(message: OutboxMessage) -> tuple[str, str]:
    """The row's text and HTML: as written, or rendered now from the context it holds."""
    later = message.payload.get("template") if not message.body_text else None
    if later is None:
        return message.body_text, message.body_html
    try:
        context = CONTEXTS[later](message.payload["context"])
    except (KeyError, ObjectDoesNotExist) as error:
        raise DeliveryError(f"Its record is gone: {error}", transient=False) from error
    return email_render(later, context)


def _send_email(message: OutboxMessage) -> None:
    text, html = _body(message)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message.to,
        headers={"Message-ID": f"<{hashlib.sha256(message.key.encode()).hexdigest()[:32]}@tracer>"},
    )
    if html:
        email.attach_alternative(html, "text/html")
    try:
        email.send(fail_silently=False)
    except Exception as error:  # classified: transient ones retry, the rest fail for good
        raise DeliveryError(f"{type(error).__name__}: {error}", transient=_is_transient(error)) from error


def outbox_deliver(message_id: int) -> str:
    """One attempt at one row, on its channel: claim it, send, record the outcome under the claim. A transient
    failure puts the row back with a backoff (the sweep retries it); a permanent one, or the last allowed attempt,
    fails it."""
    taken = outbox_claim(message_id)
    if taken is None:
        return "skipped"
    message, token = taken
    channel = None if message.channel == EMAIL else channel_of(message.channel)
    try:
        _send_email(message) if channel is None else channel.send(message)
    except DeliveryError as error:
        reason = str(error)[:2000]
        if error.transient and message.attempts < settings.TRACER_OUTBOX_MAX_ATTEMPTS:
            _finish(message, token, status=OutboxStatus.PENDING, last_error=reason, claim_token="",
                    next_attempt_at=timezone.now() + retry_delay(message.attempts))  # fmt: skip
            return "retry"
        done = _finish(message, token, status=OutboxStatus.FAILED, last_error=reason, claim_token="")
        if done and channel is not None and channel.failed is not None:
            channel.failed(message)
        return "failed"
    done = _finish(message, token, status=OutboxStatus.SENT, sent_at=timezone.now(), last_error="", claim_token="")
    if done and channel is not None and channel.delivered is not None:
        channel.delivered(message)
    return "sent"


def outbox_enqueue_event(
    *, key: str, channel: str, address: str, subject: str, payload: dict[str, Any], reference_id: int
) -> OutboxMessage | None:
    """A row for another channel (a webhook), written in the caller's transaction; the same key twice is one row."""
    return _row_write(key=key[:200], channel=channel, to=[address], subject=subject[:300], body_text="",
                      payload=payload, reference_id=reference_id)  # fmt: skip


def outbox_sweep(*, now: Any = None, limit: int = 1000) -> int:
    """The one retry path, every minute: claims whose lease ran out go back to pending (their worker can no
    longer write), then the pending rows whose time has come are handed to the workers. Rows are taken with
    SKIP LOCKED, so two sweeps at once hand out each row once."""
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.TRACER_OUTBOX_LEASE_SECONDS)
    OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - lease).update(
        status=OutboxStatus.PENDING, claim_token="", next_attempt_at=now
    )
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        # Handed out: due again at the next sweep only if no worker has claimed it by then (a lost queue message).
        OutboxMessage.objects.filter(pk__in=ids).update(next_attempt_at=now + dt.timedelta(seconds=60))
    outbox_dispatch_many(ids)  # fifty rows per queue message, as a backlog's emails are queued
    return len(ids)


def outbox_lease_problems() -> list[str]:
    """What makes the lease too short for a channel: a claim must outlast the longest send it covers."""
    lease = settings.TRACER_OUTBOX_LEASE_SECONDS
    timeouts = {"email (EMAIL_TIMEOUT)": getattr(settings, "EMAIL_TIMEOUT", None) or 0}
    timeouts |= {name: channel.timeout for name, channel in channels().items()}
    problems = []
    for name, timeout in timeouts.items():
        needed = 2 * timeout + 30
        if lease < needed:
            problems.append(f"TRACER_OUTBOX_LEASE_SECONDS ({lease}) is shorter than a send on {name} can take "
                            f"({needed} s: twice its timeout, for connect and reply, plus 30 s); a slow send "
                            "would go out twice.")  # fmt: skip
    return problems


def outbox_resend(*, message: OutboxMessage) -> None:
    """An administrator sends a failed message again, with a fresh count of attempts."""
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, last_error="", attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: outbox_dispatch(message.pk))
