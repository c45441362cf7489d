import factory

from tests.accounts.factories import UserFactory
from workspace.models import SavedFilter


class SavedFilterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedFilter

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Filter {n}")
    path = "/incidents/"
    query = "status=open"
