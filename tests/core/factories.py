import factory
from django.utils import timezone

from core.models import AuditRecord, IdempotentRequest, NumberSequence, SchedulerHeartbeat


class AuditRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRecord

    source = "web"
    record_type = "incident"
    record_id = 1
    action = "update"
    changes = factory.LazyFunction(lambda: {"status": ["open", "in_progress"]})


class NumberSequenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NumberSequence
        django_get_or_create = ("prefix",)

    prefix = "TST"
    last_value = 0


class SchedulerHeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchedulerHeartbeat
        django_get_or_create = ("name",)

    name = "beat"
    last_seen_at = factory.LazyFunction(timezone.now)
    beats = 1


class IdempotentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdempotentRequest

    owner = factory.Sequence(lambda n: f"{n:064x}")
    key = factory.Sequence(lambda n: f"key-{n}")
    request_hash = "0" * 64
