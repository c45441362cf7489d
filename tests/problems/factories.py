import factory

from problems.models import Problem, ProblemCI
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import ConfigurationItemFactory


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    problem_number = factory.Sequence(lambda n: f"PRB{n + 1:07d}")
    title = factory.Sequence(lambda n: f"Problem {n}")
    description = "Recurring failure"
    status = "open"
    category = "software"
    reported_by = factory.SubFactory(UserFactory)


class ProblemCIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProblemCI

    problem = factory.SubFactory(ProblemFactory)
    ci = factory.SubFactory(ConfigurationItemFactory)
