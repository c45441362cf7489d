import datetime as dt

import factory
from django.utils import timezone

from oncall.models import (
    CalendarFeed,
    EscalationPolicy,
    EscalationStep,
    Layer,
    Override,
    Page,
    PageNotice,
    PolicyClient,
    PolicyItem,
    Schedule,
    StepTarget,
)
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import ConfigurationItemFactory


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    name = factory.Sequence(lambda n: f"Schedule {n}")
    time_zone = "UTC"


class LayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Layer

    schedule = factory.SubFactory(ScheduleFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = "Primary"
    rotation = "weekly"
    handoff_time = dt.time(9, 0)
    start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    users = factory.LazyFunction(lambda: [UserFactory(role="technical_support").pk])


class OverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Override

    schedule = factory.SubFactory(ScheduleFactory)
    user = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(timezone.now)
    end = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=8))


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscalationPolicy

    name = factory.Sequence(lambda n: f"Policy {n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscalationStep

    policy = factory.SubFactory(PolicyFactory)
    position = factory.Sequence(lambda n: n + 1)
    wait_minutes = 15


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepTarget

    step = factory.SubFactory(StepFactory)
    kind = "user"
    user = factory.SubFactory(UserFactory)


class PolicyClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyClient

    policy = factory.SubFactory(PolicyFactory)
    client = factory.SubFactory(ClientFactory)


class PolicyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyItem

    policy = factory.SubFactory(PolicyFactory)
    configuration_item = factory.SubFactory(ConfigurationItemFactory)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    key = factory.Sequence(lambda n: f"page-{n}")
    policy = factory.SubFactory(PolicyFactory)
    source = "alert"
    summary = "Disk almost full on db-7"


class PageNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageNotice

    page = factory.SubFactory(PageFactory)
    user = factory.SubFactory(UserFactory)
    step = 0
    round = 0
    sent_at = factory.LazyFunction(timezone.now)
