"""Filters shared by the change and rollback API lists and the change list page."""

import django_filters

from changes.choices import ChangeStatus, ChangeType, RiskLevel, RollbackStatus
from changes.models import ChangeRequest, RollbackRequest
from core.filters import FilterSet, IdFilter


class ChangeFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ChangeStatus.choices, distinct=False)
    change_type = django_filters.ChoiceFilter(choices=ChangeType.choices)
    risk_level = django_filters.ChoiceFilter(choices=RiskLevel.choices)
    incident = IdFilter(field_name="incident_id")
    problem = IdFilter(field_name="problem_id")

    class Meta:
        model = ChangeRequest
        fields = ["status", "change_type", "risk_level", "incident", "problem"]


class RollbackFilterSet(FilterSet):
    change = IdFilter(field_name="change_id")
    incident = IdFilter(field_name="incident_id")
    status = django_filters.ChoiceFilter(choices=RollbackStatus.choices)

    class Meta:
        model = RollbackRequest
        fields = ["change", "incident", "status"]
