"""Email subscriptions to the public status page: asked for by address, confirmed from the email (double
opt-in), ended from any email's link; every update reaches the confirmed addresses through the outbox."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communications.models import StatusSubscription, StatusUpdate
from communications.services.outbox import outbox_enqueue
from core.errors import InvalidInput, NotFound

RESEND_AFTER = dt.timedelta(minutes=15)
"""A second request for the same address sends no second confirmation within this time (no mail bombing)."""


def _site(path: str) -> str:
    return f"{settings.TRACER_SITE_URL.rstrip('/')}{path}"


def _links(subscription: StatusSubscription) -> dict[str, str]:
    return {
        "confirm_link": _site(reverse("status-subscription-confirm", args=[subscription.token])),
        "unsubscribe_link": _site(reverse("status-subscription-cancel", args=[subscription.token])),
        "status_link": _site(reverse("status")),
    }


@transaction.atomic
def subscription_request(*, email: str) -> None:
    """Ask for updates: a confirmation email goes to the address. The answer is the same whether the address was
    new, pending or already confirmed, so the form tells nobody who subscribes."""
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput("Enter a valid email address.", code="invalid_email", fields={"email": "Invalid."}) from None
    now = timezone.now()
    subscription, created = StatusSubscription.objects.select_for_update().get_or_create(
        email=address, defaults={"token": secrets.token_urlsafe(32), "requested_at": now}
    )
    if subscription.active:
        return
    if not created:
        if subscription.unsubscribed_at is None and now - subscription.requested_at < RESEND_AFTER:
            return
        subscription.token, subscription.requested_at = secrets.token_urlsafe(32), now
        subscription.confirmed_at = subscription.unsubscribed_at = None
        subscription.save(update_fields=["token", "requested_at", "confirmed_at", "unsubscribed_at"])
    outbox_enqueue(
        key=f"status-confirm:{subscription.pk}:{subscription.token[:16]}",
        to=[address],
        subject="Confirm your status updates",
        template="status_subscription_confirm",
        context=_links(subscription),
    )


def _by_token(token: str) -> StatusSubscription:
    subscription = StatusSubscription.objects.select_for_update().filter(token=token).first()
    if subscription is None:
        raise NotFound("This link is not valid any more; subscribe again from the status page.")
    return subscription


@transaction.atomic
def subscription_confirm(*, token: str) -> StatusSubscription:
    subscription = _by_token(token)
    if subscription.confirmed_at is None or subscription.unsubscribed_at is not None:
        subscription.confirmed_at, subscription.unsubscribed_at = timezone.now(), None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscription


@transaction.atomic
def subscription_cancel(*, token: str) -> StatusSubscription:
    subscription = _by_token(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def subscribers_notify(update: StatusUpdate) -> int:
    """One email per confirmed subscriber (each with its own unsubscribe link), written in the update's
    transaction; returns how many were queued."""
    queued = 0
    active = StatusSubscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
    for subscription in active.order_by("id").iterator():
        message = outbox_enqueue(
            key=f"status-update:{update.pk}:{subscription.pk}",
            to=[subscription.email],
            subject=f"[{update.get_public_status_display()}] {update.headline}",
            template="status_subscription_update",
            context={"update": update, **_links(subscription)},
        )
        queued += message is not None
    return queued
