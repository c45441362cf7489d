import factory
from django.contrib.auth.hashers import make_password

from accounts.models import Client, User

PASSWORD = "correct-horse-battery"


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    client_name = factory.Sequence(lambda n: f"Client {n}")
    registration_number = factory.Sequence(lambda n: f"REG{n:06d}")
    company_type = "enterprise"
    support_coverage = "24x7"
    preferred_communication = "email"
    status = "active"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    role = "technical_support"
    status = "active"
    timezone = "UTC"
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class ClientContactFactory(UserFactory):
    role = "client_contact"
    client = factory.SubFactory(ClientFactory)
