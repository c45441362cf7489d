import factory

from communications.models import Communication, OutboxMessage, StatusSubscription, StatusUpdate
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory


class CommunicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Communication

    incident = factory.SubFactory(IncidentFactory)
    communication_type = "status_update"
    recipient_type = "internal"
    sender = factory.SubFactory(UserFactory)
    recipient = factory.SubFactory(UserFactory)
    delivery_method = "email"
    message_content = "We are on it."


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    key = factory.Sequence(lambda n: f"test:{n}")
    to = factory.LazyFunction(lambda: ["oncall@example.com"])
    subject = factory.Sequence(lambda n: f"Message {n}")
    body_text = "Hello"
    status = "pending"


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusUpdate

    incident = factory.SubFactory(IncidentFactory, status="in_progress")
    public_status = "investigating"
    headline = "Checkout is slow"
    message = "We are looking into it."
    posted_by = factory.SubFactory(UserFactory, role="incident_manager")


class StatusSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusSubscription

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    token = factory.Sequence(lambda n: f"token-{n:08d}")
