import datetime as dt

import factory
from django.utils import timezone

from response.models import ActionItem, PhaseRecord
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory


class PhaseRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseRecord

    incident = factory.SubFactory(IncidentFactory, severity="P2", status="in_progress")
    phase = "triage"
    content = factory.LazyFunction(lambda: {"impact": "Checkout down for EU customers"})
    status = "draft"
    author = factory.SubFactory(UserFactory, role="incident_manager")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    incident = factory.SubFactory(IncidentFactory, status="resolved")
    title = factory.Sequence(lambda n: f"Follow-up {n}")
    owner = factory.SubFactory(UserFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    status = "open"
