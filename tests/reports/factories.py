import factory

from reports.models import RootCauseAnalysis
from tests.accounts.factories import UserFactory
from tests.incidents.factories import IncidentFactory


class RCAFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RootCauseAnalysis

    rca_number = factory.Sequence(lambda n: f"RCA9{n:06d}")
    rca_title = "RCA"
    incident = factory.SubFactory(IncidentFactory, severity="P1", status="resolved")
    assigned_to = factory.SubFactory(UserFactory)
    analysis_method = "5_whys"
    status = "in_progress"
