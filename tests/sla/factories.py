import datetime as dt

import factory
from django.utils import timezone

from sla.models import BusinessCalendar, IncidentSLA, SLAAgreement, SLABreach
from tests.accounts.factories import ClientFactory
from tests.incidents.factories import IncidentFactory


class SLAAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SLAAgreement

    client = factory.SubFactory(ClientFactory)
    tier = "standard"
    support_coverage = "24x7"
    effective_date = dt.date(2025, 1, 1)
    status = "active"


class BusinessCalendarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessCalendar

    client = factory.SubFactory(ClientFactory)
    working_days = "0,1,2,3,4"
    opens = dt.time(9, 0)
    closes = dt.time(17, 0)
    timezone = "Europe/Paris"


class IncidentSLAFactory(factory.django.DjangoModelFactory):
    """A clock as the engine would write it for a 24x7 standard agreement (P3: 60 and 480 minutes)."""

    class Meta:
        model = IncidentSLA

    incident = factory.SubFactory(IncidentFactory)
    agreement = factory.SubFactory(SLAAgreementFactory)
    client = factory.SelfAttribute("agreement.client")
    tier = "standard"
    clock = "24x7"
    response_minutes = 60
    resolution_minutes = 480
    response_due_at = factory.LazyAttribute(lambda o: o.incident.detection_time + dt.timedelta(minutes=60))
    resolution_due_at = factory.LazyAttribute(lambda o: o.incident.detection_time + dt.timedelta(minutes=480))
    response_warn_at = factory.LazyAttribute(lambda o: o.incident.detection_time + dt.timedelta(minutes=45))
    resolution_warn_at = factory.LazyAttribute(lambda o: o.incident.detection_time + dt.timedelta(minutes=360))


class SLABreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SLABreach

    incident = factory.SubFactory(IncidentFactory)
    client = factory.SubFactory(ClientFactory)
    kind = "response"
    stage = "breach"
    due_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=5))
    detected_at = factory.LazyFunction(timezone.now)
