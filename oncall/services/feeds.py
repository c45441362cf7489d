"""A person's calendar address: made, or replaced (the old one then answers 404)."""

from __future__ import annotations

from django.db import transaction

from core.actor import Actor
from core.audit import audit_log
from core.errors import NotPermitted
from core.models import AuditAction
from core.permissions import require
from oncall.models import CalendarFeed, _calendar_token


@transaction.atomic
def calendar_feed_rotate(*, actor: Actor) -> CalendarFeed:
    require(actor, "oncall.view")
    if actor.user_id is None:
        raise NotPermitted("A calendar belongs to a person.", code="person_required")
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user_id=actor.user_id)
    if not created:
        feed.token = _calendar_token()
        feed.save(update_fields=["token", "rotated_at"])
    audit_log(actor=actor, record=feed, action=AuditAction.UPDATE if not created else AuditAction.CREATE)
    return feed
