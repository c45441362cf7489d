"""SOP 11: communications on exactly one incident or problem. Delivery of email ones is the outbox's job."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from accounts.lookups import user_resolve
from accounts.models import User
from communications.choices import DeliveryMethod
from communications.models import Communication
from communications.services.outbox import outbox_enqueue
from core.actor import Actor
from core.audit import audit_log_created
from core.errors import RuleViolation
from core.permissions import require
from core.validation import clean_fields
from incidents.models import Incident
from problems.models import Problem

FIELDS = ("communication_type", "recipient_type", "delivery_method", "message_content")


def communication_record(
    *,
    actor: Actor,
    incident: Incident | None = None,
    problem: Problem | None = None,
    recipient: User | int | None = None,
    **data: Any,
) -> Communication:
    """Record a communication inside the caller's transaction (an SOP step that notifies someone)."""
    if (incident is None) == (problem is None):
        raise RuleViolation(
            "A communication is about exactly one incident or one problem ticket.",
            code="communication_subject_required",
            fields={"incident": "Give an incident or a problem, not both."},
        )
    cleaned = clean_fields(Communication, data, allowed=FIELDS, required=FIELDS)
    person = user_resolve(recipient, field="recipient", label="recipient") if recipient is not None else None
    communication = Communication.objects.create(
        incident=incident, problem=problem, sender_id=actor.user_id, recipient=person, **cleaned
    )
    audit_log_created(
        actor=actor,
        record=communication,
        fields=["communication_type", "recipient_type", "delivery_method", "recipient_id"],
        parent=incident or problem,
    )
    if communication.delivery_method == DeliveryMethod.EMAIL and person is not None:
        subject_record = incident or problem
        number = getattr(subject_record, "incident_number", None) or getattr(subject_record, "problem_number", "")
        outbox_enqueue(
            key=f"communication:{communication.pk}",
            to=[person.email],
            subject=f"[{number}] {communication.get_communication_type_display()}",
            template=communication.communication_type,
            context={
                "message": communication.message_content,
                "incident": incident,
                "problem": problem,
                "link": site_link(subject_record),
            },
            communication=communication,
        )
    return communication


def site_link(record: Incident | Problem | None) -> str | None:
    """An absolute link for emails."""
    if record is None:
        return None
    return f"{settings.TRACER_SITE_URL.rstrip('/')}{record.get_absolute_url()}"


@transaction.atomic
def communication_create(
    *,
    actor: Actor,
    incident: Incident | None = None,
    problem: Problem | None = None,
    recipient: User | int | None = None,
    **data: Any,
) -> Communication:
    """SOP 11: a communication with its type, recipient type and method; a named recipient must be active."""
    require(actor, "communications.send")
    return communication_record(actor=actor, incident=incident, problem=problem, recipient=recipient, **data)
