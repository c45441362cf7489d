"""Filters shared by the RCA, review and report API lists and the RCA list page."""

import django_filters

from core.filters import FilterSet, IdFilter
from reports.choices import AnalysisMethod, RCAStatus, ReportStatus, ReportType, ReviewStatus
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis


class RCAFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=RCAStatus.choices)
    analysis_method = django_filters.ChoiceFilter(choices=AnalysisMethod.choices)
    incident = IdFilter(field_name="incident_id")
    problem = IdFilter(field_name="problem_id")
    assigned_to = IdFilter(field_name="assigned_to_id")

    class Meta:
        model = RootCauseAnalysis
        fields = ["status", "analysis_method", "incident", "problem", "assigned_to"]


class ReviewFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)
    facilitator = IdFilter(field_name="facilitator_id")

    class Meta:
        model = PostIncidentReview
        fields = ["incident", "status", "facilitator"]


class ReportFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    report_type = django_filters.ChoiceFilter(choices=ReportType.choices)
    report_status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = IncidentReport
        fields = ["incident", "report_type", "report_status"]
