import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from core.actor import Actor
from incidents.models import Attachment, Escalation, Incident, IncidentCI, WorkNote
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import ConfigurationItemFactory


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    incident_number = factory.Sequence(lambda n: f"INC9{n:06d}")
    title = factory.Sequence(lambda n: f"Incident {n}")
    description = "Something broke"
    category = "software"
    severity = "P3"
    impact = "medium"
    urgency = "medium"
    status = "open"
    reported_by = factory.SubFactory(UserFactory)
    assigned_to = factory.SubFactory(UserFactory, role="incident_manager")
    detection_time = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class WorkNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkNote

    incident = factory.SubFactory(IncidentFactory)
    note_text = factory.Sequence(lambda n: f"Note {n}")
    note_type = "progress_update"
    created_by = factory.SubFactory(UserFactory)


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    incident = factory.SubFactory(IncidentFactory, status="in_progress")
    escalated_from = factory.SubFactory(UserFactory)
    escalated_to = factory.SubFactory(UserFactory, role="executive")
    escalation_reason = "Needs more hands"


class IncidentCIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentCI

    incident = factory.SubFactory(IncidentFactory)
    ci = factory.SubFactory(ConfigurationItemFactory)


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    reference_type = "incident"
    reference_id = factory.LazyAttribute(lambda o: IncidentFactory().pk)
    file_name = factory.Sequence(lambda n: f"capture-{n}.txt")
    file_url = factory.LazyAttribute(lambda o: f"https://files.example/{o.file_name}")
    file_type = "txt"
    content_type = "text/plain"
    file_size_bytes = 128
    uploaded_by = factory.SubFactory(UserFactory)


def raise_incident(actor: Actor, **fields: Any) -> Incident:
    """An incident raised through the service (so every hook runs): a P3 by default, reported by the actor."""
    from incidents.services import incident_create

    data = {
        "title": "Checkout errors", "description": "502s", "category": "software", "impact": "high",
        "urgency": "high", "severity": "P3", "reported_by": actor.user_id,
        "detection_time": timezone.now() - dt.timedelta(minutes=5),
    }  # fmt: skip
    return incident_create(actor=actor, **{**data, **fields})
