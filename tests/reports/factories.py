import datetime as dt

import factory
from django.utils import timezone

from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis
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


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostIncidentReview

    incident = factory.SubFactory(IncidentFactory, status="closed")
    scheduled_date = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))
    facilitator = factory.SubFactory(UserFactory, role="incident_manager")
    status = "scheduled"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncidentReport

    report_number = factory.Sequence(lambda n: f"RPT9{n:06d}")
    report_title = factory.Sequence(lambda n: f"Report {n}")
    incident = factory.SubFactory(IncidentFactory, status="resolved")
    report_type = "post_incident_review"
    report_content = "What happened, and what we learnt."
    report_status = "draft"
