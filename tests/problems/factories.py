import factory

from problems.models import Problem
from tests.accounts.factories import UserFactory


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem

    problem_number = factory.Sequence(lambda n: f"PRB{n + 1:07d}")
    title = factory.Sequence(lambda n: f"Problem {n}")
    description = "Recurring failure"
    status = "open"
    category = "software"
    reported_by = factory.SubFactory(UserFactory)
