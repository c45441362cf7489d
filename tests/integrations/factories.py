import factory
from django.utils import timezone

from integrations.models import Alert, Integration, WebhookSubscription
from integrations.rules import RULE_DEFAULTS
from integrations.services.integrations import key_hash
from tests.accounts.factories import UserFactory


class IntegrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Integration

    name = factory.Sequence(lambda n: f"Monitoring {n}")
    kind = "generic"
    key_hash = factory.Sequence(lambda n: key_hash(f"key-{n}"))
    rules = factory.LazyFunction(lambda: dict(RULE_DEFAULTS))
    created_by = factory.SubFactory(UserFactory, role="incident_manager")


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert

    integration = factory.SubFactory(IntegrationFactory)
    fingerprint = factory.Sequence(lambda n: f"fp-{n}")
    title = "Disk almost full"
    first_seen = factory.LazyFunction(timezone.now)
    last_seen = factory.LazyFunction(timezone.now)


class WebhookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookSubscription

    url = "https://hooks.example/tracer"
    events = factory.LazyFunction(lambda: ["incident.created"])
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    created_by = factory.SubFactory(UserFactory, role="incident_manager")
