"""Posting to the public status page, under its own permission."""

from __future__ import annotations

from django.db import transaction

from communications import hooks
from communications.choices import PublicStatus
from communications.models import StatusUpdate
from communications.services.subscriptions import subscribers_notify
from core.actor import Actor
from core.audit import audit_log_created
from core.errors import Conflict, InvalidInput
from core.permissions import require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
from incidents.hooks import IncidentEvent
from incidents.models import Incident


@transaction.atomic
def status_update_post(
    *, actor: Actor, incident: Incident, public_status: str, message: str, headline: str = ""
) -> StatusUpdate:
    """Post an update customers will read; closed incidents take no more updates."""
    require(actor, "status.post")
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status == IncidentStatus.CLOSED:
        raise Conflict(
            f"{incident.incident_number} is closed; it takes no more status updates.", code="incident_closed"
        )
    previous = StatusUpdate.objects.filter(incident=incident).order_by("-posted_at", "-id").first()
    headline = headline.strip() or (previous.headline if previous else "")
    if not headline:
        raise InvalidInput(
            "The first update needs a headline customers understand.",
            code="status_headline_required",
            fields={"headline": "Required on the first update."},
        )
    cleaned = clean_fields(
        StatusUpdate,
        {"public_status": public_status, "message": message, "headline": headline},
        allowed=("public_status", "message", "headline"),
        required=("public_status", "message", "headline"),
    )
    return _publish(actor=actor, incident=incident, cleaned=cleaned)


def _publish(*, actor: Actor, incident: Incident, cleaned: dict[str, str]) -> StatusUpdate:
    update = StatusUpdate.objects.create(incident=incident, posted_by_id=actor.user_id, **cleaned)
    audit_log_created(actor=actor, record=update, fields=["public_status", "headline", "message"], parent=incident)
    subscribers_notify(update)
    hooks.status_posted.fire(hooks.StatusPosted(actor=actor, update=update))
    return update


RESOLVED_MESSAGE = "This incident is resolved and the affected services are working normally."
REOPENED_MESSAGE = "The problem came back; we are investigating again."


def status_follow_incident(event: IncidentEvent) -> None:
    """The status page follows the incident: resolving posts "Resolved" (the incident moves to past incidents),
    reopening a resolved one posts "Investigating". Only incidents already on the status page are posted."""
    if "status" not in event.changed:
        return
    incident = event.incident
    previous = StatusUpdate.objects.filter(incident=incident).order_by("-posted_at", "-id").first()
    if previous is None:
        return
    if incident.status == IncidentStatus.RESOLVED and previous.public_status != PublicStatus.RESOLVED:
        state, message = PublicStatus.RESOLVED, RESOLVED_MESSAGE
    elif incident.status == IncidentStatus.IN_PROGRESS and previous.public_status == PublicStatus.RESOLVED:
        state, message = PublicStatus.INVESTIGATING, REOPENED_MESSAGE
    else:
        return
    _publish(
        actor=event.actor,
        incident=incident,
        cleaned={"public_status": state, "headline": previous.headline, "message": message},
    )
