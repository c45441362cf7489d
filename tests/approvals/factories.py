import factory

from approvals.models import ApprovalRequest
from tests.accounts.factories import UserFactory
from tests.changes.factories import ChangeFactory


class ApprovalFactory(factory.django.DjangoModelFactory):
    """A pending approval of a requested change, asked by one person of another."""

    class Meta:
        model = ApprovalRequest

    reference_type = "change"
    reference_id = factory.LazyAttribute(lambda o: ChangeFactory().pk)
    requested_action = "create_change_request"
    requested_by = factory.SubFactory(UserFactory)
    approver = factory.SubFactory(UserFactory, role="executive")
    status = "pending"
