"""SOP 17 C and D: post-incident reviews of closed incidents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.lookups import user_resolve
from accounts.models import User
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Conflict, Duplicate
from core.permissions import require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
from incidents.models import Incident
from reports.choices import ReviewStatus
from reports.models import PostIncidentReview
from reports.services._common import incident_require_finished, lifecycle_move
from reports.transitions import REVIEW_TRANSITIONS

EDITABLE = ("scheduled_date", "facilitator", "review_notes", "lessons_learned", "action_items")


@transaction.atomic
def review_create(
    *, actor: Actor, incident: Incident, scheduled_date: Any, facilitator: User | int, **notes: Any
) -> PostIncidentReview:
    """SOP 17 C: a review is held only for a closed incident, led by an active facilitator."""
    require(actor, "reviews.manage")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    incident_require_finished(incident, statuses=frozenset({IncidentStatus.CLOSED}), code="incident_not_closed")
    cleaned = clean_fields(
        PostIncidentReview,
        {"scheduled_date": scheduled_date, **notes},
        allowed=("scheduled_date", "review_notes", "lessons_learned", "action_items"),
        required=("scheduled_date",),
    )
    leader = user_resolve(facilitator, field="facilitator", label="facilitator")
    if PostIncidentReview.objects.filter(incident=incident).exclude(status=ReviewStatus.CANCELLED).exists():
        raise Duplicate(
            f"{incident.incident_number} already has a review; cancel it to schedule another.", code="review_exists"
        )
    review = PostIncidentReview.objects.create(
        incident=incident, facilitator=leader, created_by_id=actor.user_id, status=ReviewStatus.SCHEDULED, **cleaned
    )
    audit_log_created(actor=actor, record=review, fields=["scheduled_date", "facilitator_id"], parent=incident)
    return review


@transaction.atomic
def review_update(*, actor: Actor, review: PostIncidentReview, data: Mapping[str, Any]) -> PostIncidentReview:
    """SOP 17 D: record the notes, lessons and action items, or move the meeting."""
    require(actor, "reviews.manage")
    review = PostIncidentReview.objects.select_for_update().get(pk=review.pk)
    if review.status == ReviewStatus.CANCELLED:
        raise Conflict("This review was cancelled.", code="review_cancelled")
    cleaned = clean_fields(PostIncidentReview, dict(data), allowed=EDITABLE, skip=("facilitator",))
    if cleaned.get("facilitator") is not None:
        cleaned["facilitator"] = user_resolve(cleaned["facilitator"], field="facilitator", label="facilitator")
    changes = model_update(instance=review, data=cleaned, fields=EDITABLE)
    if changes:
        audit_log(actor=actor, record=review, action="update", changes=changes, parent=review.incident)
    return review


@transaction.atomic
def review_transition(*, actor: Actor, review: PostIncidentReview, status: str) -> PostIncidentReview:
    """A scheduled review is completed or cancelled."""
    require(actor, "reviews.manage")
    review = PostIncidentReview.objects.select_for_update().select_related("incident").get(pk=review.pk)
    lifecycle_move(
        actor=actor, record=review, transitions=REVIEW_TRANSITIONS, status=status,
        label=f"The review of {review.incident.incident_number}", parent=review.incident,
    )  # fmt: skip
    return review
