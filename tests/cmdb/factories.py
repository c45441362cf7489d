import factory

from cmdb.models import CIClientAssignment, ConfigurationItem
from tests.accounts.factories import ClientFactory, UserFactory


class ConfigurationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfigurationItem

    ci_name = factory.Sequence(lambda n: f"ci-{n}")
    ci_type = "server"
    environment = "production"
    operational_status = "operational"
    responsible_owner = factory.SubFactory(UserFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CIClientAssignment

    ci = factory.SubFactory(ConfigurationItemFactory)
    client = factory.SubFactory(ClientFactory)
