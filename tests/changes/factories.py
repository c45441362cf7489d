import factory

from changes.models import ChangeRequest, RollbackRequest
from tests.accounts.factories import UserFactory


class ChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeRequest

    change_number = factory.Sequence(lambda n: f"CHG9{n:06d}")
    title = factory.Sequence(lambda n: f"Change {n}")
    change_type = "normal"
    risk_level = "medium"
    requested_by = factory.SubFactory(UserFactory)
    status = "requested"


class RollbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RollbackRequest

    rollback_number = factory.Sequence(lambda n: f"RBK9{n:06d}")
    change = factory.SubFactory(ChangeFactory, status="implemented")
    title = "Rollback"
    rollback_reason = "It broke"
    requested_by = factory.SubFactory(UserFactory)
