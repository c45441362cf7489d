import datetime as dt

import factory

from sla.models import SLAAgreement
from tests.accounts.factories import ClientFactory


class SLAAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SLAAgreement

    client = factory.SubFactory(ClientFactory)
    tier = "standard"
    support_coverage = "24x7"
    effective_date = dt.date(2025, 1, 1)
    status = "active"
