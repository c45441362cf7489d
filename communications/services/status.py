"""Posting to the public status page, under its own permission."""

from __future__ import annotations

from django.db import transaction

from communications.models import StatusUpdate
from core.actor import Actor
from core.audit import audit_log_created
from core.errors import Conflict, InvalidInput
from core.permissions import require
from core.validation import clean_fields
from incidents.choices import IncidentStatus
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
    update = StatusUpdate.objects.create(incident=incident, posted_by_id=actor.user_id, **cleaned)
    audit_log_created(actor=actor, record=update, fields=["public_status", "headline", "message"], parent=incident)
    return update
